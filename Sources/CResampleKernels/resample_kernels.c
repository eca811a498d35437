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
    // Four vectors per step, each with its own sum: the sums' chains of dependent multiply-adds
    // overlap instead of waiting on each other (each sample's sum is formed in the same order).
    for (; i + 32 <= n; i += 32) {
        v8f s0 = {0, 0, 0, 0, 0, 0, 0, 0}, s1 = s0, s2 = s0, s3 = s0;
        for (int k = 0; k < taps; k++) {
            const float *r = rows[k] + i;
            const float w = weights[k];
            v8f v0, v1, v2, v3;
            memcpy(&v0, r, sizeof v0);
            memcpy(&v1, r + 8, sizeof v1);
            memcpy(&v2, r + 16, sizeof v2);
            memcpy(&v3, r + 24, sizeof v3);
            s0 += w * v0;
            s1 += w * v1;
            s2 += w * v2;
            s3 += w * v3;
        }
        memcpy(out + i, &s0, sizeof s0);
        memcpy(out + i + 8, &s1, sizeof s1);
        memcpy(out + i + 16, &s2, sizeof s2);
        memcpy(out + i + 24, &s3, sizeof s3);
    }
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

// One RGB output pixel: two taps per step, one 8-float load covering pixel k and pixel k+1 (and 2
// floats beyond), multiplied by {w[k] x3, w[k+1] x3, 0, 0} read from the caller's table.
static inline __attribute__((always_inline)) void rgb_pixel(const float *in, const int *starts, const int *counts,
                                                           const float *weights, int max_count, const float *pair_weights,
                                                           float *out, int x) {
    const int pairs = max_count / 2;
    const float *w = weights + (long)x * max_count;
    const float *pw = pair_weights + (long)x * pairs * 8;
    const float *p = in + (long)starts[x] * 3;
    const int count = counts[x];
    v8f acc = {0, 0, 0, 0, 0, 0, 0, 0};
    int k = 0;
    for (; k + 1 < count; k += 2) {
        v8f v, wv;
        memcpy(&v, p + k * 3, sizeof v);
        memcpy(&wv, pw + k * 4, sizeof wv);
        acc += wv * v;
    }
    v4f low = {acc[0], acc[1], acc[2], 0}, high = {acc[3], acc[4], acc[5], 0};
    v4f sum = low + high;
    if (k < count) {
        v4f last;
        memcpy(&last, p + k * 3, sizeof last);
        sum += w[k] * last;
    }
    memcpy(out + x * 3, &sum, sizeof sum);
}

MULTIVERSION
void memoria_horizontal(const float *in, int channels, const int *starts, const int *counts, const float *weights,
                        int max_count, const float *pair_weights, float *out, int out_width) {
    if (channels == 3) {
        for (int x = 0; x < out_width; x++) rgb_pixel(in, starts, counts, weights, max_count, pair_weights, out, x);
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
        out[x] = sum;
    }
}

MULTIVERSION
void memoria_float_to_u8(const float *in, unsigned char *out, int n) {
    for (int i = 0; i < n; i++) {
        float v = in[i] + 0.5f;
        v = v > 0.0f ? v : 0.0f;
        v = v < 255.0f ? v : 255.0f;
        out[i] = (unsigned char)(int)v;
    }
}

// The block sums of memoria_shrink_accumulate, per pixel with the channel count a constant so the
// compiler unrolls the inner loop.
static inline __attribute__((always_inline)) void accumulate_blocks(const unsigned char *restrict row, int width, int c, int k,
                                                                    unsigned *restrict sums) {
    const int full = width / k;
    for (int b = 0; b < full; b++) {
        const unsigned char *p = row + (long)b * k * c;
        unsigned *s = sums + (long)b * c;
        for (int i = 0; i < k; i++) {
            for (int ch = 0; ch < c; ch++) s[ch] += p[i * c + ch];
        }
    }
    const int rest = width - full * k;
    if (rest > 0) {
        const unsigned char *p = row + (long)full * k * c;
        unsigned *s = sums + (long)full * c;
        for (int i = 0; i < rest; i++) {
            for (int ch = 0; ch < c; ch++) s[ch] += p[i * c + ch];
        }
    }
}

MULTIVERSION
void memoria_shrink_accumulate(const unsigned char *row, int width, int channels, int k, unsigned *sums) {
    if (channels == 3 && k == 2) accumulate_blocks(row, width, 3, 2, sums);
    else if (channels == 3) accumulate_blocks(row, width, 3, k, sums);
    else if (k == 2) accumulate_blocks(row, width, 1, 2, sums);
    else accumulate_blocks(row, width, 1, k, sums);
}

// (sum + count / 2) / count in integers, computed as (sum + count / 2 + 0.5) * (1 / count) in double and
// truncated: with n the integer quotient, the exact value lies in [n + 0.5 / count, n + 1 - 0.5 / count],
// and the product's error (a few ulps of a value at most 256, under 2^-43) is far smaller than that margin.
MULTIVERSION
void memoria_shrink_emit(unsigned *sums, int shrunk_width, int channels, int width, int k, int rows, unsigned char *out) {
    const int full = width / k;
    const unsigned count = (unsigned)rows * (unsigned)k;
    const double reciprocal = 1.0 / (double)count;
    const unsigned half = count / 2;
    const long fullSamples = (long)full * channels;
    for (long i = 0; i < fullSamples; i++) {
        out[i] = (unsigned char)(unsigned)(((double)sums[i] + (double)half + 0.5) * reciprocal);
        sums[i] = 0;
    }
    if (full < shrunk_width) {
        const unsigned restCount = (unsigned)rows * (unsigned)(width - full * k);
        for (long i = fullSamples; i < fullSamples + channels; i++) {
            out[i] = (unsigned char)((sums[i] + restCount / 2) / restCount);
            sums[i] = 0;
        }
    }
}

// memoria_box2_row for RGB and for gray, written per pixel so the compiler vectorises them
// (measured 4x faster than one loop over samples with a division by the channel count).
static inline __attribute__((always_inline)) void box2_rgb(const unsigned char *restrict a, const unsigned char *restrict b, int width, unsigned char *restrict out) {
    const int pairs = width / 2;
    for (int x = 0; x < pairs; x++) {
        const unsigned char *p = a + 6 * x, *q = b + 6 * x;
        unsigned char *o = out + 3 * x;
        o[0] = (unsigned char)(((unsigned)p[0] + p[3] + q[0] + q[3] + 2) >> 2);
        o[1] = (unsigned char)(((unsigned)p[1] + p[4] + q[1] + q[4] + 2) >> 2);
        o[2] = (unsigned char)(((unsigned)p[2] + p[5] + q[2] + q[5] + 2) >> 2);
    }
    if (width & 1) {
        for (int k = 0; k < 3; k++) out[3 * pairs + k] = (unsigned char)(((unsigned)a[6 * pairs + k] + b[6 * pairs + k] + 1) >> 1);
    }
}

static inline __attribute__((always_inline)) void box2_gray(const unsigned char *restrict a, const unsigned char *restrict b, int width, unsigned char *restrict out) {
    const int pairs = width / 2;
    for (int x = 0; x < pairs; x++) {
        out[x] = (unsigned char)(((unsigned)a[2 * x] + a[2 * x + 1] + b[2 * x] + b[2 * x + 1] + 2) >> 2);
    }
    if (width & 1) out[pairs] = (unsigned char)(((unsigned)a[2 * pairs] + b[2 * pairs] + 1) >> 1);
}

// A row of odd height's last line: horizontal pairs only.
static inline __attribute__((always_inline)) void box2_single(const unsigned char *a, int width, int c, unsigned char *out) {
    const int pairs = width / 2;
    for (int x = 0; x < pairs; x++) {
        for (int k = 0; k < c; k++) out[x * c + k] = (unsigned char)(((unsigned)a[2 * x * c + k] + a[(2 * x + 1) * c + k] + 1) >> 1);
    }
    if (width & 1) {
        for (int k = 0; k < c; k++) out[pairs * c + k] = a[2 * pairs * c + k];
    }
}

MULTIVERSION
void memoria_box2_row(const unsigned char *a, const unsigned char *b, int width, int channels, unsigned char *out) {
    if (!b) box2_single(a, width, channels, out);
    else if (channels == 3) box2_rgb(a, b, width, out);
    else box2_gray(a, b, width, out);
}
