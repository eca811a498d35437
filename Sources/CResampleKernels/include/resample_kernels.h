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
// weights[x * max_count + k]. For 3 channels, pair_weights holds for each x and each pair of taps
// (k, k + 1), k even, the 8 floats {w[k] x3, w[k+1] x3, 0, 0}: (max_count / 2) * 8 floats per x.
// Writes out_width * channels unrounded floats to `out`, which must hold one float more. `in` must
// hold 8 floats of padding after the row.
void memoria_horizontal(const float *in, int channels, const int *starts, const int *counts, const float *weights,
                        int max_count, const float *pair_weights, float *out, int out_width);

// out[i] = in[i] rounded to the nearest integer and clamped to 0...255, i < n.
void memoria_float_to_u8(const float *in, unsigned char *out, int n);

// Adds one row of `width` pixels of `channels` (1 or 3) samples into the sums of its blocks of k
// pixels: sums[b * channels + ch] += the samples of pixels b*k ... b*k + k - 1 (fewer in a last
// partial block). `sums` holds ceil(width / k) * channels values.
void memoria_shrink_accumulate(const unsigned char *row, int width, int channels, int k, unsigned *sums);

// The rounded mean of each block after `rows` rows were accumulated: out[i] = (sums[i] + n / 2) / n
// with n = rows * the block's pixel count (k, or what is left in a last partial block); then zeroes
// the sums. `width` is the input width, `shrunk_width` = ceil(width / k).
void memoria_shrink_emit(unsigned *sums, int shrunk_width, int channels, int width, int k, int rows, unsigned char *out);

// One row of a 2x2 box reduction (the tile pyramid's next level): out[x] is the rounded mean of
// pixels 2x and 2x+1 of rows a and b (b may be NULL: a bottom row of odd height, averaged alone).
// A last odd column averages the pixels it has. `width` is the input width in pixels; `out` holds
// (width + 1) / 2 pixels of `channels` (1 or 3) samples.
void memoria_box2_row(const unsigned char *a, const unsigned char *b, int width, int channels, unsigned char *out);

#endif
