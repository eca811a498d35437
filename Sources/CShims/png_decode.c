// libpng decoding behind setjmp: open (signature and header), read rows, finish (trailing chunks).
// CRC errors are fatal in every chunk; allocations for chunks and image size are capped.
#include "cshims.h"
#include "shim_internal.h"
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <png.h>

struct shim_png {
    png_structp png;
    png_infop info;
    FILE *file;
    shim_status *st;
    int interlace_passes;
    int failed;
    int reading_end;            // set while png_read_end reads the chunks after the image rows
    uint32_t idat_after_rows;   // IDAT chunk headers read then: data after the zlib stream ended
};

// libpng's own file reader, plus one count: an IDAT chunk that png_read_end meets lies after the end
// of the image's zlib stream (libpng skips it silently when the stream ended with its chunk). Knowing
// it here spares the structure check a second inflate of every image stream.
static void png_read_counting(png_structp png, png_bytep data, size_t length) {
    struct shim_png *h = png_get_io_ptr(png);
    if (fread(data, 1, length, h->file) != length) png_error(png, "Read Error");
    if (h->reading_end && length == 8 && (png_get_io_state(png) & PNG_IO_MASK_LOC) == PNG_IO_CHUNK_HDR
        && memcmp(data + 4, "IDAT", 4) == 0)
        h->idat_after_rows++;
}

// Warnings that only describe colour metadata or our own use of libpng; everything else libpng
// warns about on read means the file does not conform (bad CRC, extra or missing data, bad chunks)
// unless it is one of the quirks below.
static int is_benign_png_warning(const char *text) {
    static const char *benign[] = {
        "known incorrect sRGB profile", "Interlace handling should be turned on",
        "gamma value", "cHRM", "sRGB: ", NULL
    };
    for (int i = 0; benign[i]; i++) if (strstr(text, benign[i])) return 1;
    return 0;
}

// Quirks that leave every pixel decoded: an unusable ICC profile (ignored), a tRNS chunk that does
// not fit the image (ignored), image data that goes on after the compressed stream ended. A chunk
// out of place or repeated stays damage.
static int png_note_kind(const char *text) {
    if (strstr(text, "out of place") || strstr(text, "duplicate")) return SHIM_NOTE_OTHER;
    if (strncmp(text, "iCCP: ", 6) == 0) return SHIM_NOTE_ICC_PROFILE;
    if (strcmp(text, "tRNS: invalid") == 0 || strcmp(text, "tRNS: invalid with alpha channel") == 0)
        return SHIM_NOTE_PNG_TRANSPARENCY;
    if (strstr(text, "Extra compressed data") || strstr(text, "Extra compression data")
        || strstr(text, "Too much image data"))
        return SHIM_NOTE_PNG_EXTRA_DATA;
    return SHIM_NOTE_OTHER;
}

static void png_on_error(png_structp png, png_const_charp text) {
    struct shim_png *h = png_get_error_ptr(png);
    shim_set_error(h->st, SHIM_LIBRARY, text);
    png_longjmp(png, 1);
}

static void png_on_warning(png_structp png, png_const_charp text) {
    struct shim_png *h = png_get_error_ptr(png);
    int benign = is_benign_png_warning(text);
    int kind = benign ? SHIM_NOTE_OTHER : png_note_kind(text);
    shim_add_warning(h->st, !benign && kind == SHIM_NOTE_OTHER, kind, text);
}

int shim_png_open(const char *path, uint64_t max_pixels, shim_png **out, shim_png_info *info, shim_status *st) {
    *out = NULL;
    memset(info, 0, sizeof *info);
    struct shim_png *h = calloc(1, sizeof *h);
    if (!h) { shim_set_error(st, SHIM_IO, "out of memory"); return st->code; }
    h->st = st;
    h->file = fopen(path, "rb");
    if (!h->file) { shim_set_error(st, SHIM_IO, "cannot open the file for reading"); free(h); return st->code; }
    *out = h;
    unsigned char signature[8];
    if (fread(signature, 1, 8, h->file) != 8 || png_sig_cmp(signature, 0, 8) != 0) {
        shim_set_error(st, SHIM_LIBRARY, "not a PNG file (bad signature)");
        h->failed = 1;
        return st->code;
    }
    h->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, h, png_on_error, png_on_warning);
    if (!h->png) { shim_set_error(st, SHIM_IO, "out of memory"); h->failed = 1; return st->code; }
    h->info = png_create_info_struct(h->png);
    if (!h->info) { shim_set_error(st, SHIM_IO, "out of memory"); h->failed = 1; return st->code; }
    if (setjmp(png_jmpbuf(h->png))) { h->failed = 1; return st->code; }

    png_set_read_fn(h->png, h, png_read_counting);
    png_set_sig_bytes(h->png, 8);
    png_set_crc_action(h->png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
    png_set_user_limits(h->png, 1000000, 1000000);
    png_set_chunk_cache_max(h->png, 1000);
    png_set_chunk_malloc_max(h->png, 8u << 20);
    // Text chunks are not needed, and libpng 1.6 allocates (and zeroes) the length a zTXt/iTXt chunk
    // declares before refusing it as too large: a 57-byte file made it take 1 GiB. Handled as unknown
    // chunks that are never kept, they are skipped without a buffer. (The structure check still
    // measures how far compressed text would expand.)
    static const png_byte text_chunks[] = { 't', 'E', 'X', 't', 0, 'z', 'T', 'X', 't', 0, 'i', 'T', 'X', 't', 0 };
    png_set_keep_unknown_chunks(h->png, PNG_HANDLE_CHUNK_NEVER, text_chunks, 3);
    png_read_info(h->png, h->info);

    png_uint_32 width = 0, height = 0;
    int bit_depth = 0, color_type = 0, interlace = 0;
    png_get_IHDR(h->png, h->info, &width, &height, &bit_depth, &color_type, &interlace, NULL, NULL);
    info->width = width;
    info->height = height;
    info->bit_depth = bit_depth;
    info->color_type = color_type;
    info->interlaced = interlace != PNG_INTERLACE_NONE;
    if (max_pixels > 0 && (uint64_t)width * height > max_pixels) {
        shim_set_errorf(st, SHIM_LIMIT, "image %ux%u exceeds the pixel cap of %llu",
                        width, height, (unsigned long long)max_pixels);
        h->failed = 1;
        return st->code;
    }

    png_uint_32 res_x = 0, res_y = 0; int unit = 0;
    if (png_get_pHYs(h->png, h->info, &res_x, &res_y, &unit)) {
        info->has_phys = 1; info->phys_x = res_x; info->phys_y = res_y; info->phys_unit = unit;
    }
    int intent = 0;
    if (png_get_sRGB(h->png, h->info, &intent)) info->has_srgb = 1;
    double gamma = 0;
    if (png_get_gAMA(h->png, h->info, &gamma)) { info->has_gamma = 1; info->gamma = gamma; }
    png_charp icc_name = NULL; int compression = 0; png_bytep profile = NULL; png_uint_32 profile_length = 0;
    if (png_get_iCCP(h->png, h->info, &icc_name, &compression, &profile, &profile_length)) {
        info->icc = profile;
        info->icc_length = profile_length;
        snprintf(info->icc_name, sizeof info->icc_name, "%s", icc_name ? icc_name : "");
    }
    png_uint_32 exif_length = 0; png_bytep exif = NULL;
    if (png_get_eXIf_1(h->png, h->info, &exif_length, &exif)) {
        info->exif = exif;
        info->exif_length = exif_length;
    }

    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(h->png);
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(h->png);
    if (png_get_valid(h->png, h->info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(h->png);
    if (bit_depth == 16) {
        const uint16_t probe = 1;
        if (*(const uint8_t *)&probe == 1) png_set_swap(h->png);   // rows in native byte order
    }
    h->interlace_passes = png_set_interlace_handling(h->png);
    png_read_update_info(h->png, h->info);
    info->output_channels = png_get_channels(h->png, h->info);
    info->output_bit_depth = png_get_bit_depth(h->png, h->info);
    return SHIM_OK;
}

int shim_png_read(shim_png *h, uint8_t *dst, size_t stride, uint32_t rows, shim_status *st) {
    if (h->failed) return st->code ? st->code : SHIM_LIBRARY;
    h->st = st;
    png_bytep *pointers = malloc(sizeof(png_bytep) * (rows ? rows : 1));
    if (!pointers) { shim_set_error(st, SHIM_IO, "out of memory"); return st->code; }
    png_bytep *volatile cleanup = pointers;
    if (setjmp(png_jmpbuf(h->png))) { h->failed = 1; free(cleanup); return st->code; }
    for (uint32_t i = 0; i < rows; i++) pointers[i] = dst + (size_t)i * stride;
    if (h->interlace_passes > 1) {
        png_read_image(h->png, pointers);
    } else {
        png_read_rows(h->png, pointers, NULL, rows);
    }
    free(pointers);
    return SHIM_OK;
}

int shim_png_finish(shim_png *h, shim_status *st) {
    if (h->failed) return st->code ? st->code : SHIM_LIBRARY;
    h->st = st;
    if (setjmp(png_jmpbuf(h->png))) { h->failed = 1; return st->code; }
    h->reading_end = 1;
    png_read_end(h->png, NULL);
    h->reading_end = 0;
    return SHIM_OK;
}

uint32_t shim_png_idat_chunks_after_rows(const shim_png *h) { return h ? h->idat_after_rows : 0; }

void shim_png_close(shim_png *h) {
    if (!h) return;
    if (h->png) png_destroy_read_struct(&h->png, h->info ? &h->info : NULL, NULL);
    if (h->file) fclose(h->file);
    free(h);
}
