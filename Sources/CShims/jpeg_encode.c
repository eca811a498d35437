// libjpeg-turbo encoding of an 8-bit gray or RGB image into memory, behind setjmp.
#include "cshims.h"
#include "shim_internal.h"
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    shim_status *st;
} encode_error;

static void encode_error_exit(j_common_ptr c) {
    encode_error *e = (encode_error *)c->err;
    char text[JMSG_LENGTH_MAX];
    c->err->format_message(c, text);
    shim_set_error(e->st, SHIM_LIBRARY, text);
    longjmp(e->jump, 1);
}

// Progressive by spectral selection only (DC first, then low and high frequencies), without the
// successive-approximation refinement scans of jpeg_simple_progression: a preview still arrives first,
// files stay smaller than baseline, and encoding takes about two thirds of the time.
static const jpeg_scan_info color_scans[] = {
    { 3, { 0, 1, 2, 0 }, 0, 0, 0, 0 },
    { 1, { 0, 0, 0, 0 }, 1, 5, 0, 0 },
    { 1, { 1, 0, 0, 0 }, 1, 63, 0, 0 },
    { 1, { 2, 0, 0, 0 }, 1, 63, 0, 0 },
    { 1, { 0, 0, 0, 0 }, 6, 63, 0, 0 },
};
static const jpeg_scan_info gray_scans[] = {
    { 1, { 0, 0, 0, 0 }, 0, 0, 0, 0 },
    { 1, { 0, 0, 0, 0 }, 1, 5, 0, 0 },
    { 1, { 0, 0, 0, 0 }, 6, 63, 0, 0 },
};

static void encode_message(j_common_ptr c, int level) {
    (void)c; (void)level;
}

int shim_jpeg_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int components, size_t stride,
                     int quality, int progressive, int full_chroma, int optimize_coding, int dpi_x, int dpi_y,
                     uint8_t **out, size_t *out_length, shim_status *st) {
    *out = NULL;
    *out_length = 0;
    if (components != 1 && components != 3) { shim_set_error(st, SHIM_UNSUPPORTED, "JPEG output needs 1 or 3 components"); return st->code; }
    struct jpeg_compress_struct ci;
    encode_error err;
    // libjpeg writes the buffer pointer and size into these during jpeg_finish_compress; keep them in
    // a heap cell so the error branch sees their latest values.
    struct { unsigned char *buffer; unsigned long size; } *volatile cell = calloc(1, sizeof *cell);
    if (!cell) { shim_set_error(st, SHIM_IO, "out of memory"); return st->code; }
    volatile int created = 0;
    err.st = st;
    ci.err = jpeg_std_error(&err.pub);
    err.pub.error_exit = encode_error_exit;
    err.pub.emit_message = encode_message;
    if (setjmp(err.jump)) {
        if (created) jpeg_destroy_compress(&ci);
        free(cell->buffer);
        free((void *)cell);
        return st->code;
    }
    jpeg_create_compress(&ci);
    created = 1;
    jpeg_mem_dest(&ci, &cell->buffer, &cell->size);
    ci.image_width = width;
    ci.image_height = height;
    ci.input_components = components;
    ci.in_color_space = components == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&ci);
    jpeg_set_quality(&ci, quality, TRUE);
    // Optimised Huffman tables: a second pass over the coefficients for files about a tenth smaller.
    ci.optimize_coding = optimize_coding ? TRUE : FALSE;
    // libjpeg's default keeps chroma at half resolution (4:2:0); full_chroma keeps it whole (4:4:4).
    if (components == 3 && full_chroma) {
        ci.comp_info[0].h_samp_factor = 1;
        ci.comp_info[0].v_samp_factor = 1;
    }
    if (progressive) {
        ci.scan_info = components == 1 ? gray_scans : color_scans;
        ci.num_scans = components == 1 ? 3 : 5;
    }
    if (dpi_x > 0 && dpi_y > 0 && dpi_x < 65536 && dpi_y < 65536) {
        ci.write_JFIF_header = TRUE;
        ci.density_unit = 1;
        ci.X_density = (UINT16)dpi_x;
        ci.Y_density = (UINT16)dpi_y;
    }
    jpeg_start_compress(&ci, TRUE);
    while (ci.next_scanline < ci.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)ci.next_scanline * stride);
        jpeg_write_scanlines(&ci, &row, 1);
    }
    jpeg_finish_compress(&ci);
    jpeg_destroy_compress(&ci);
    *out = cell->buffer;
    *out_length = cell->size;
    free((void *)cell);
    return SHIM_OK;
}
