// See resample_kernels.h.
#include "resample_kernels.h"
#include <string.h>

#if defined(__x86_64__) && defined(__clang__)
#define MULTIVERSION __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define MULTIVERSION
#endif

typedef float v8f __attribute__((vector_size(32)));
typedef float v4f __attribute__((vector_size(16)));

static inline unsigned char clamp_round(float v) {
    v += 0.5f;
    if (v <= 0.0f) return 0;
    if (v >= 255.0f) return 255;
    return (unsigned char)v;
}

MULTIVERSION
void memoria_u8_to_float(const unsigned char *in, float *out, int n) {
    for (int i = 0; i < n; i++) out[i] = (float)in[i];
}

MULTIVERSION
void memoria_vertical(const float *const *rows, const float *weights, int taps, float *out, int n) {
    int i = 0;
    for (; i + 8 <= n; i += 8) {
        v8f sum = {0, 0, 0, 0, 0, 0, 0, 0};
        for (int k = 0; k < taps; k++) {
            v8f v;
            memcpy(&v, rows[k] + i, sizeof v);
            sum += weights[k] * v;
        }
        memcpy(out + i, &sum, sizeof sum);
    }
    for (; i < n; i++) {
        float sum = 0;
        for (int k = 0; k < taps; k++) sum += weights[k] * rows[k][i];
        out[i] = sum;
    }
}

MULTIVERSION
void memoria_horizontal(const float *in, int channels, const int *starts, const int *counts, const float *weights,
                        int max_count, unsigned char *out, int out_width) {
    if (channels == 3) {
        for (int x = 0; x < out_width; x++) {
            const float *w = weights + (long)x * max_count;
            const float *p = in + (long)starts[x] * 3;
            int count = counts[x];
            // Two taps per step: one 8-float load covers pixel k and pixel k+1 (and 2 floats beyond).
            v8f acc = {0, 0, 0, 0, 0, 0, 0, 0};
            int k = 0;
            for (; k + 1 < count; k += 2) {
                v8f v, wv = {w[k], w[k], w[k], w[k + 1], w[k + 1], w[k + 1], 0, 0};
                memcpy(&v, p + k * 3, sizeof v);
                acc += wv * v;
            }
            float r = acc[0] + acc[3], g = acc[1] + acc[4], b = acc[2] + acc[5];
            if (k < count) {
                r += w[k] * p[k * 3];
                g += w[k] * p[k * 3 + 1];
                b += w[k] * p[k * 3 + 2];
            }
            out[x * 3] = clamp_round(r);
            out[x * 3 + 1] = clamp_round(g);
            out[x * 3 + 2] = clamp_round(b);
        }
        return;
    }
    for (int x = 0; x < out_width; x++) {
        const float *w = weights + (long)x * max_count;
        const float *p = in + starts[x];
        int count = counts[x], k = 0;
        v8f acc = {0, 0, 0, 0, 0, 0, 0, 0};
        for (; k + 8 <= count; k += 8) {
            v8f v, wv;
            memcpy(&v, p + k, sizeof v);
            memcpy(&wv, w + k, sizeof wv);
            acc += wv * v;
        }
        float sum = acc[0] + acc[1] + acc[2] + acc[3] + acc[4] + acc[5] + acc[6] + acc[7];
        for (; k < count; k++) sum += w[k] * p[k];
        out[x] = clamp_round(sum);
    }
}

// The body of memoria_box2_row for a fixed channel count, so the compiler unrolls and vectorises it.
static inline __attribute__((always_inline))
void box2_row(const unsigned char *a, const unsigned char *b, int width, const int c, unsigned char *out) {
    const int pairs = width / 2;
    if (b) {
        for (int i = 0; i < pairs * c; i++) {
            const int x = i / c, k = i - x * c;
            const int l = 2 * x * c + k, r = l + c;
            out[i] = (unsigned char)(((unsigned)a[l] + a[r] + b[l] + b[r] + 2) >> 2);
        }
        if (width & 1) {
            for (int k = 0; k < c; k++) out[pairs * c + k] = (unsigned char)(((unsigned)a[2 * pairs * c + k] + b[2 * pairs * c + k] + 1) >> 1);
        }
    } else {
        for (int i = 0; i < pairs * c; i++) {
            const int x = i / c, k = i - x * c;
            const int l = 2 * x * c + k, r = l + c;
            out[i] = (unsigned char)(((unsigned)a[l] + a[r] + 1) >> 1);
        }
        if (width & 1) {
            for (int k = 0; k < c; k++) out[pairs * c + k] = a[2 * pairs * c + k];
        }
    }
}

MULTIVERSION
void memoria_box2_row(const unsigned char *a, const unsigned char *b, int width, int channels, unsigned char *out) {
    if (channels == 3) box2_row(a, b, width, 3, out);
    else box2_row(a, b, width, 1, out);
}
