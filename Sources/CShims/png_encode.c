// libpng encoding of an 8- or 16-bit image to a file, behind setjmp (used by the fixture generator).
#include "cshims.h"
#include "shim_internal.h"
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <png.h>

static void write_error(png_structp png, png_const_charp text) {
    shim_status *st = png_get_error_ptr(png);
    shim_set_error(st, SHIM_LIBRARY, text);
    png_longjmp(png, 1);
}

static void write_warning(png_structp png, png_const_charp text) {
    shim_status *st = png_get_error_ptr(png);
    shim_add_warning(st, 0, SHIM_NOTE_OTHER, text);
}

int shim_png_write_file(const char *path, const uint8_t *pixels, uint32_t width, uint32_t height,
                        int channels, int bit_depth, size_t stride, int interlaced,
                        uint32_t pixels_per_metre, shim_status *st) {
    static const int types[] = { 0, PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA, PNG_COLOR_TYPE_RGB, PNG_COLOR_TYPE_RGB_ALPHA };
    if (channels < 1 || channels > 4 || (bit_depth != 8 && bit_depth != 16 && !(bit_depth == 1 && channels == 1))) {
        shim_set_error(st, SHIM_UNSUPPORTED, "unsupported PNG output layout");
        return st->code;
    }
    FILE *file = fopen(path, "wb");
    if (!file) { shim_set_error(st, SHIM_IO, "cannot create the file"); return st->code; }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, st, write_error, write_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info) {
        if (png) png_destroy_write_struct(&png, NULL);
        fclose(file);
        shim_set_error(st, SHIM_IO, "out of memory");
        return st->code;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        fclose(file);
        return st->code;
    }
    png_init_io(png, file);
    png_set_IHDR(png, info, width, height, bit_depth, types[channels],
                 interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (pixels_per_metre > 0) png_set_pHYs(png, info, pixels_per_metre, pixels_per_metre, PNG_RESOLUTION_METER);
    png_write_info(png, info);
    if (bit_depth == 16) {
        const uint16_t probe = 1;
        if (*(const uint8_t *)&probe == 1) png_set_swap(png);
    }
    int passes = interlaced ? png_set_interlace_handling(png) : 1;
    for (int pass = 0; pass < passes; pass++)
        for (uint32_t y = 0; y < height; y++)
            png_write_row(png, pixels + (size_t)y * stride);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    if (fclose(file) != 0) { shim_set_error(st, SHIM_IO, "cannot finish writing the file"); return st->code; }
    return SHIM_OK;
}
