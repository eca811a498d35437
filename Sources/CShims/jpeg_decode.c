// libjpeg-turbo decoding behind setjmp: open (header), start (scale), read rows, finish, close.
// Each function that calls libjpeg arms its own setjmp, so a libjpeg error longjmps only within it.
#include "cshims.h"
#include "shim_internal.h"
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>

typedef struct {
    struct jpeg_error_mgr pub;   // must be first: libjpeg hands us a pointer to it
    jmp_buf jump;
    shim_status *st;
} shim_jpeg_error;

struct shim_jpeg {
    struct jpeg_decompress_struct cinfo;
    shim_jpeg_error err;
    FILE *file;
    uint8_t *exif;
    uint32_t exif_length;
    JOCTET *icc;
    unsigned int icc_length;
    int created, started, failed;
};

static int is_damage_warning(int code) {
    switch (code) {
    case JWRN_ARITH_BAD_CODE: case JWRN_BOGUS_PROGRESSION: case JWRN_EXTRANEOUS_DATA:
    case JWRN_HIT_MARKER: case JWRN_HUFF_BAD_CODE: case JWRN_JPEG_EOF: case JWRN_MUST_RESYNC:
    case JWRN_NOT_SEQUENTIAL: case JWRN_TOO_MUCH_DATA:
        return 1;
    default:
        return 0;
    }
}

// A bad ICC marker sequence (JWRN_BOGUS_ICC) concerns only the embedded profile, which is then
// ignored: the pixels are unaffected, so it is named for the archivist, not counted as damage.
static int note_kind(int code) {
    return code == JWRN_BOGUS_ICC ? SHIM_NOTE_ICC_PROFILE : SHIM_NOTE_OTHER;
}

// Errors that mean "a valid JPEG of a kind this libjpeg does not decode" (12-bit samples, lossless
// or hierarchical processes), as opposed to corrupt data.
static int is_unsupported_error(int code) {
    switch (code) {
    case JERR_BAD_PRECISION: case JERR_SOF_UNSUPPORTED: case JERR_NOT_COMPILED: case JERR_ARITH_NOTIMPL:
        return 1;
    default:
        return 0;
    }
}

static void on_error_exit(j_common_ptr c) {
    shim_jpeg_error *e = (shim_jpeg_error *)c->err;
    char text[JMSG_LENGTH_MAX];
    c->err->format_message(c, text);
    shim_set_error(e->st, is_unsupported_error(c->err->msg_code) ? SHIM_UNSUPPORTED : SHIM_LIBRARY, text);
    longjmp(e->jump, 1);
}

static void on_message(j_common_ptr c, int level) {
    if (level >= 0) return;   // trace output
    shim_jpeg_error *e = (shim_jpeg_error *)c->err;
    char text[JMSG_LENGTH_MAX];
    c->err->format_message(c, text);
    c->err->num_warnings++;
    shim_add_warning(e->st, is_damage_warning(c->err->msg_code), note_kind(c->err->msg_code), text);
}

static void fill_header_info(shim_jpeg *h, shim_jpeg_info *info) {
    struct jpeg_decompress_struct *ci = &h->cinfo;
    memset(info, 0, sizeof *info);
    info->width = ci->image_width;
    info->height = ci->image_height;
    info->components = ci->num_components;
    info->jpeg_color_space = ci->jpeg_color_space;
    info->progressive = ci->progressive_mode;
    info->arithmetic = ci->arith_code;
    info->saw_jfif = ci->saw_JFIF_marker;
    info->jfif_major = ci->JFIF_major_version;
    info->jfif_minor = ci->JFIF_minor_version;
    info->density_unit = ci->density_unit;
    info->x_density = ci->X_density;
    info->y_density = ci->Y_density;
    info->saw_adobe = ci->saw_Adobe_marker;
    info->adobe_transform = ci->Adobe_transform;
    info->exif = h->exif;
    info->exif_length = h->exif_length;
    info->icc = h->icc;
    info->icc_length = h->icc_length;
}

int shim_jpeg_open(const char *path, uint64_t max_pixels, shim_jpeg **out, shim_jpeg_info *info, shim_status *st) {
    *out = NULL;
    shim_jpeg *h = calloc(1, sizeof *h);
    if (!h) { shim_set_error(st, SHIM_IO, "out of memory"); return st->code; }
    h->file = fopen(path, "rb");
    if (!h->file) { shim_set_errorf(st, SHIM_IO, "cannot open the file for reading"); free(h); return st->code; }
    *out = h;
    h->err.st = st;
    h->cinfo.err = jpeg_std_error(&h->err.pub);
    h->err.pub.error_exit = on_error_exit;
    h->err.pub.emit_message = on_message;
    if (setjmp(h->err.jump)) { h->failed = 1; return st->code; }
    jpeg_create_decompress(&h->cinfo);
    h->created = 1;
    jpeg_stdio_src(&h->cinfo, h->file);
    jpeg_save_markers(&h->cinfo, JPEG_APP0 + 1, 0xFFFF);
    jpeg_save_markers(&h->cinfo, JPEG_APP0 + 2, 0xFFFF);
    jpeg_read_header(&h->cinfo, TRUE);

    for (jpeg_saved_marker_ptr m = h->cinfo.marker_list; m; m = m->next) {
        if (m->marker == JPEG_APP0 + 1 && m->data_length > 6 && memcmp(m->data, "Exif\0\0", 6) == 0 && !h->exif) {
            h->exif_length = m->data_length - 6;
            h->exif = malloc(h->exif_length);
            if (h->exif) memcpy(h->exif, m->data + 6, h->exif_length); else h->exif_length = 0;
        }
    }
    if (!jpeg_read_icc_profile(&h->cinfo, &h->icc, &h->icc_length)) { h->icc = NULL; h->icc_length = 0; }

    fill_header_info(h, info);
    uint64_t pixels = (uint64_t)h->cinfo.image_width * (uint64_t)h->cinfo.image_height;
    if (h->cinfo.image_width == 0 || h->cinfo.image_height == 0) {
        shim_set_error(st, SHIM_LIBRARY, "the header declares an empty image");
        h->failed = 1;
        return st->code;
    }
    if (max_pixels > 0 && pixels > max_pixels) {
        shim_set_errorf(st, SHIM_LIMIT, "image %ux%u exceeds the pixel cap of %llu",
                        h->cinfo.image_width, h->cinfo.image_height, (unsigned long long)max_pixels);
        h->failed = 1;
        return st->code;
    }
    // Progressive images keep every coefficient in memory: cap libjpeg's own pool to match the pixel cap.
    h->cinfo.mem->max_memory_to_use = (long)(pixels * (uint64_t)h->cinfo.num_components * 2 + (64u << 20));
    return SHIM_OK;
}

int shim_jpeg_start(shim_jpeg *h, int scale_eighths, shim_jpeg_info *info, shim_status *st) {
    if (h->failed) return st->code ? st->code : SHIM_LIBRARY;
    h->err.st = st;
    if (setjmp(h->err.jump)) { h->failed = 1; return st->code; }
    if (scale_eighths < 1 || scale_eighths > 8) scale_eighths = 8;
    h->cinfo.scale_num = (unsigned int)scale_eighths;
    h->cinfo.scale_denom = 8;
    switch (h->cinfo.jpeg_color_space) {
    case JCS_GRAYSCALE: h->cinfo.out_color_space = JCS_GRAYSCALE; break;
    case JCS_CMYK: case JCS_YCCK: h->cinfo.out_color_space = JCS_CMYK; break;
    default: h->cinfo.out_color_space = JCS_RGB; break;
    }
    h->cinfo.dct_method = JDCT_ISLOW;
    jpeg_start_decompress(&h->cinfo);
    h->started = 1;
    info->output_width = h->cinfo.output_width;
    info->output_height = h->cinfo.output_height;
    info->output_components = h->cinfo.output_components;
    return SHIM_OK;
}

int shim_jpeg_read(shim_jpeg *h, uint8_t *dst, size_t stride, int max_rows, int *rows_read, shim_status *st) {
    *rows_read = 0;
    if (h->failed || !h->started) return st->code ? st->code : SHIM_LIBRARY;
    h->err.st = st;
    if (setjmp(h->err.jump)) { h->failed = 1; return st->code; }
    int done = 0;
    while (done < max_rows && h->cinfo.output_scanline < h->cinfo.output_height) {
        JSAMPROW rows[8];
        int want = max_rows - done;
        if (want > 8) want = 8;
        for (int i = 0; i < want; i++) rows[i] = dst + (size_t)(done + i) * stride;
        JDIMENSION got = jpeg_read_scanlines(&h->cinfo, rows, (JDIMENSION)want);
        if (got == 0) break;
        done += (int)got;
    }
    *rows_read = done;
    return SHIM_OK;
}

int shim_jpeg_finish(shim_jpeg *h, shim_status *st) {
    if (h->failed || !h->started) return st->code ? st->code : SHIM_LIBRARY;
    h->err.st = st;
    if (setjmp(h->err.jump)) { h->failed = 1; return st->code; }
    if (h->cinfo.output_scanline < h->cinfo.output_height) {
        shim_set_error(st, SHIM_LIBRARY, "not every row was read");
        return st->code;
    }
    jpeg_finish_decompress(&h->cinfo);
    h->started = 0;
    return SHIM_OK;
}

void shim_jpeg_close(shim_jpeg *h) {
    if (!h) return;
    if (h->created) {
        // jpeg_destroy cannot fail; abort on an unfinished decompression is part of it.
        jpeg_destroy_decompress(&h->cinfo);
    }
    if (h->file) fclose(h->file);
    free(h->exif);
    free(h->icc);
    free(h);
}
