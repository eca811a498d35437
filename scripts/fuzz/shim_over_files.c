// Runs every decoder of the C shim (Sources/CShims) once over each file given, as Memoria drives
// them: JPEG and PNG row by row to the end of the image, every strip or tile of every TIFF
// directory, then the JPEG and PNG encoders on what was decoded. Built with AddressSanitizer and
// UndefinedBehaviorSanitizer by scripts/fuzz/sanitize.sh; any report aborts with the file's name.
#include "cshims.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const uint64_t max_pixels = 50u * 1000 * 1000;

static void encode(const uint8_t *pixels, uint32_t width, uint32_t height, int channels) {
    if (!pixels || width == 0 || height == 0 || (channels != 1 && channels != 3)) return;
    uint32_t w = width < 256 ? width : 256, h = height < 256 ? height : 256;
    shim_status st; shim_status_reset(&st);
    uint8_t *out = NULL; size_t length = 0;
    if (shim_jpeg_encode(pixels, w, h, channels, (size_t)width * channels, 85, 1, 0, 1, 300, 300, &out, &length, &st) == SHIM_OK)
        shim_free(out);
    shim_status_reset(&st);
    shim_png_write_file("/dev/null", pixels, w, h, channels, 8, (size_t)width * channels, 0, 11811, &st);
}

static void jpeg(const char *path) {
    shim_jpeg *h = NULL; shim_jpeg_info info; shim_status st; shim_status_reset(&st);
    if (shim_jpeg_open(path, max_pixels, &h, &info, &st) == SHIM_OK && shim_jpeg_start(h, 8, &info, &st) == SHIM_OK) {
        size_t stride = (size_t)info.output_width * (size_t)info.output_components;
        uint8_t *image = malloc(stride * info.output_height + 1);
        int rows = 0;
        for (uint32_t done = 0; image && done < info.output_height; done += (uint32_t)rows) {
            if (shim_jpeg_read(h, image + done * stride, stride, 16, &rows, &st) != SHIM_OK || rows == 0) break;
        }
        shim_jpeg_finish(h, &st);
        if (info.output_components != 4) encode(image, info.output_width, info.output_height, info.output_components);
        free(image);
    }
    shim_jpeg_close(h);
}

static void png(const char *path) {
    shim_png *h = NULL; shim_png_info info; shim_status st; shim_status_reset(&st);
    if (shim_png_open(path, max_pixels, &h, &info, &st) == SHIM_OK) {
        size_t stride = (size_t)info.width * (size_t)info.output_channels * (info.output_bit_depth == 16 ? 2 : 1);
        uint8_t *image = malloc(stride * info.height + 1);
        int ok = image != NULL;
        if (ok && info.interlaced) ok = shim_png_read(h, image, stride, info.height, &st) == SHIM_OK;
        for (uint32_t row = 0; ok && !info.interlaced && row < info.height; row += 16) {
            uint32_t rows = info.height - row < 16 ? info.height - row : 16;
            ok = shim_png_read(h, image + row * stride, stride, rows, &st) == SHIM_OK;
        }
        if (ok) shim_png_finish(h, &st);
        if (ok && info.output_bit_depth == 8 && (info.output_channels == 1 || info.output_channels == 3))
            encode(image, info.width, info.height, info.output_channels);
        free(image);
    }
    shim_png_close(h);
}

static void tiff(const char *path) {
    shim_status st; shim_status_reset(&st);
    shim_tiff *h = shim_tiff_open(path, "rm", 256u << 20, &st);
    if (!h) return;
    for (int directory = 0; directory < 1000; directory++) {
        uint32_t width = 0, height = 0;
        shim_tiff_get_u32(h->tif, TIFFTAG_IMAGEWIDTH, &width);
        shim_tiff_get_u32(h->tif, TIFFTAG_IMAGELENGTH, &height);
        if ((uint64_t)width * height <= max_pixels) {
            int tiled = TIFFIsTiled(h->tif);
            tmsize_t size = tiled ? TIFFTileSize(h->tif) : TIFFStripSize(h->tif);
            uint32_t count = tiled ? TIFFNumberOfTiles(h->tif) : TIFFNumberOfStrips(h->tif);
            void *buffer = size > 0 && size < (256 << 20) ? malloc((size_t)size) : NULL;
            for (uint32_t i = 0; buffer && i < count; i++) {
                if (tiled) TIFFReadEncodedTile(h->tif, i, buffer, size);
                else TIFFReadEncodedStrip(h->tif, i, buffer, size);
            }
            free(buffer);
            uint16_t value = 0; const uint16_t *values = NULL; uint32_t bytes = 0; const void *data = NULL;
            const uint16_t *r = NULL, *g = NULL, *b = NULL; const char *text = NULL; float f = 0;
            shim_tiff_get_defaulted_u16(h->tif, TIFFTAG_SAMPLEFORMAT, &value);
            shim_tiff_get_u16_array(h->tif, TIFFTAG_EXTRASAMPLES, &value, &values);
            shim_tiff_get_bytes(h->tif, TIFFTAG_ICCPROFILE, &bytes, &data);
            shim_tiff_get_colormap(h->tif, &r, &g, &b);
            shim_tiff_get_string(h->tif, TIFFTAG_SOFTWARE, &text);
            shim_tiff_get_float(h->tif, TIFFTAG_XRESOLUTION, &f);
        }
        if (TIFFReadDirectory(h->tif) != 1) break;
    }
    shim_tiff_close(h);
}

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) continue;
        unsigned char magic[8] = {0};
        size_t n = fread(magic, 1, sizeof magic, f);
        fclose(f);
        fprintf(stderr, "%s\n", argv[i]);
        if (n >= 3 && magic[0] == 0xFF && magic[1] == 0xD8) jpeg(argv[i]);
        else if (n >= 8 && memcmp(magic, "\x89PNG\r\n\x1a\n", 8) == 0) png(argv[i]);
        else if (n >= 4 && (memcmp(magic, "II", 2) == 0 || memcmp(magic, "MM", 2) == 0)) tiff(argv[i]);
    }
    return 0;
}
