// Inner loops of Imaging's resampler, in C so the compiler can build an AVX2/FMA version beside the
// portable one and pick at run time (clang's target_clones): Swift here targets baseline x86-64 (SSE2).
// Plain arithmetic on caller-owned buffers; no allocation, no library calls, nothing that can fail.
#ifndef MEMORIA_RESAMPLE_KERNELS_H
#define MEMORIA_RESAMPLE_KERNELS_H

// out[i] = (float)in[i], i < n.
void memoria_u8_to_float(const unsigned char *in, float *out, int n);

// out[i] = sum_k weights[k] * rows[k][i], i < n.
void memoria_vertical(const float *const *rows, const float *weights, int taps, float *out, int n);

// Horizontal Lanczos pass over one row of packed floats with `channels` (1 or 3) samples per pixel;
// output pixel x uses input pixels starts[x] ... starts[x] + counts[x] - 1 with weights
// weights[x * max_count + k]. Results are rounded and clamped to 0...255. `in` must hold 8 floats of
// padding after the row.
void memoria_horizontal(const float *in, int channels, const int *starts, const int *counts, const float *weights,
                        int max_count, unsigned char *out, int out_width);

// One row of a 2x2 box reduction (the tile pyramid's next level): out[x] is the rounded mean of
// pixels 2x and 2x+1 of rows a and b (b may be NULL: a bottom row of odd height, averaged alone).
// A last odd column averages the pixels it has. `width` is the input width in pixels; `out` holds
// (width + 1) / 2 pixels of `channels` (1 or 3) samples.
void memoria_box2_row(const unsigned char *a, const unsigned char *b, int width, int channels, unsigned char *out);

#endif
