// CShims: the only C code between Memoria and its image libraries.
//
// libjpeg and libpng report fatal errors by longjmp; Swift frames must never be crossed by one.
// So every call into those libraries happens inside one of the functions below, which owns the
// setjmp, never calls back into Swift, and reports through a plain status struct. libtiff does not
// longjmp; here it only gets per-handle error/warning handlers (thread-safe, nothing on stderr) and
// non-variadic wrappers for TIFFGetField/TIFFSetField, which Swift cannot call.
#ifndef MEMORIA_CSHIMS_H
#define MEMORIA_CSHIMS_H

#include <stddef.h>
#include <stdint.h>
#include <tiffio.h>

// ---- status -----------------------------------------------------------------------------------

enum {
    SHIM_OK = 0,
    SHIM_LIBRARY = 1,     // the library refused the data (corrupt, not this format, ...)
    SHIM_IO = 2,          // the file could not be opened or read
    SHIM_UNSUPPORTED = 3, // valid, but a kind of image we do not decode
    SHIM_DAMAGED = 4,     // decoded, but the library warned that data is missing or corrupt
    SHIM_LIMIT = 5        // refused before allocating: dimensions beyond the configured cap
};

// What a library warning is about, beyond "damage or not": the kinds of quirk Memoria names for the
// archivist (the pixels decoded completely; the quirk is recorded). 0 is any other warning.
enum {
    SHIM_NOTE_OTHER = 0,
    SHIM_NOTE_ICC_PROFILE = 1,        // an embedded ICC profile was malformed or empty and is ignored
    SHIM_NOTE_PNG_TRANSPARENCY = 2,   // a PNG tRNS chunk that does not fit the image, ignored
    SHIM_NOTE_PNG_EXTRA_DATA = 3,     // image data continues after the compressed stream ended
    SHIM_NOTE_TIFF_LOOP = 4           // a TIFF directory chain that points back to an earlier directory
};

#define SHIM_MAX_NOTES 8

// One distinct warning, kept verbatim.
typedef struct {
    int damage;            // 1: the warning means pixel data is missing or corrupt
    int kind;              // SHIM_NOTE_*
    char text[248];
} shim_note;

typedef struct {
    int code;
    int warnings;          // every warning the library emitted
    int damage_warnings;   // warnings that mean "data is missing or corrupt"
    char message[512];     // the error, or the first damage warning
    int note_count;        // distinct warnings kept below (the first SHIM_MAX_NOTES)
    shim_note notes[SHIM_MAX_NOTES];
} shim_status;

void shim_status_reset(shim_status *st);
void shim_free(void *p);

// ---- JPEG decoding (libjpeg-turbo) --------------------------------------------------------------

typedef struct shim_jpeg shim_jpeg;

typedef struct {
    uint32_t width, height;       // as stored in the file
    int components;               // 1 gray, 3 YCbCr/RGB, 4 CMYK/YCCK
    int jpeg_color_space;         // J_COLOR_SPACE of the file
    int progressive;
    int arithmetic;
    int saw_jfif, jfif_major, jfif_minor, density_unit, x_density, y_density;
    int saw_adobe, adobe_transform;
    const uint8_t *exif; uint32_t exif_length;   // APP1 "Exif\0\0" payload (TIFF structure), or NULL
    const uint8_t *icc; uint32_t icc_length;     // assembled APP2 ICC profile, or NULL
    uint32_t output_width, output_height;        // after shim_jpeg_start
    int output_components;                       // 1 gray, 3 RGB, 4 CMYK
} shim_jpeg_info;

// Reads the header. Refuses (SHIM_LIMIT) images above max_pixels before any pixel allocation.
int shim_jpeg_open(const char *path, uint64_t max_pixels, shim_jpeg **out, shim_jpeg_info *info, shim_status *st);
// Starts decompression at scale scale_eighths/8 (1...8; 8 = full size); every scan is still decoded.
int shim_jpeg_start(shim_jpeg *h, int scale_eighths, shim_jpeg_info *info, shim_status *st);
// Reads up to max_rows output rows into dst (rows `stride` bytes apart).
int shim_jpeg_read(shim_jpeg *h, uint8_t *dst, size_t stride, int max_rows, int *rows_read, shim_status *st);
// Reads to the end of the image (EOI); reports truncation and trailing corruption.
int shim_jpeg_finish(shim_jpeg *h, shim_status *st);
void shim_jpeg_close(shim_jpeg *h);

// ---- JPEG encoding ------------------------------------------------------------------------------

// Encodes an 8-bit gray (components 1) or RGB (3) image into a malloc'ed buffer (*out, free with
// shim_free). Progressive if asked; full_chroma keeps colour at full resolution (4:4:4) instead of
// halving it (4:2:0); density in dots per inch (0 = not written).
int shim_jpeg_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int components, size_t stride,
                     int quality, int progressive, int full_chroma, int optimize_coding, int dpi_x, int dpi_y,
                     uint8_t **out, size_t *out_length, shim_status *st);

// ---- PNG decoding (libpng) ----------------------------------------------------------------------

typedef struct shim_png shim_png;

typedef struct {
    uint32_t width, height;
    int bit_depth, color_type, interlaced;
    int output_channels;          // 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA (after expansion)
    int output_bit_depth;         // 8 or 16 (16-bit rows in native byte order)
    int has_phys; uint32_t phys_x, phys_y; int phys_unit;   // unit 1 = metre
    int has_srgb, has_gamma; double gamma;
    const uint8_t *icc; uint32_t icc_length; char icc_name[80];
    const uint8_t *exif; uint32_t exif_length;
} shim_png_info;

int shim_png_open(const char *path, uint64_t max_pixels, shim_png **out, shim_png_info *info, shim_status *st);
// Non-interlaced images: reads `rows` rows. Interlaced images: call once with rows == height
// and a buffer for the whole image.
int shim_png_read(shim_png *h, uint8_t *dst, size_t stride, uint32_t rows, shim_status *st);
// Reads the chunks after the image data (png_read_end), checking their CRCs.
int shim_png_finish(shim_png *h, shim_status *st);
// How many IDAT chunks shim_png_finish met after the image rows (they follow the end of the zlib stream).
uint32_t shim_png_idat_chunks_after_rows(const shim_png *h);
void shim_png_close(shim_png *h);

// ---- PNG encoding (fixtures) --------------------------------------------------------------------

int shim_png_write_file(const char *path, const uint8_t *pixels, uint32_t width, uint32_t height,
                        int channels, int bit_depth, size_t stride, int interlaced,
                        uint32_t pixels_per_metre, shim_status *st);

// ---- TIFF (libtiff) -----------------------------------------------------------------------------

typedef struct {
    TIFF *tif;
    shim_status status;
} shim_tiff;

// mode "r" or "w". max_single_alloc caps any one allocation inside libtiff (0 = library default).
shim_tiff *shim_tiff_open(const char *path, const char *mode, uint64_t max_single_alloc, shim_status *open_status);
void shim_tiff_close(shim_tiff *h);

int shim_tiff_get_u16(TIFF *tif, uint32_t tag, uint16_t *value);
int shim_tiff_get_u32(TIFF *tif, uint32_t tag, uint32_t *value);
int shim_tiff_get_float(TIFF *tif, uint32_t tag, float *value);
int shim_tiff_get_string(TIFF *tif, uint32_t tag, const char **value);
int shim_tiff_get_u16_array(TIFF *tif, uint32_t tag, uint16_t *count, const uint16_t **values);
int shim_tiff_get_bytes(TIFF *tif, uint32_t tag, uint32_t *count, const void **values);
int shim_tiff_get_colormap(TIFF *tif, const uint16_t **red, const uint16_t **green, const uint16_t **blue);
int shim_tiff_get_defaulted_u16(TIFF *tif, uint32_t tag, uint16_t *value);
int shim_tiff_set_jpeg_rgb(TIFF *tif);

int shim_tiff_set_u16(TIFF *tif, uint32_t tag, uint16_t value);
int shim_tiff_set_u32(TIFF *tif, uint32_t tag, uint32_t value);
int shim_tiff_set_float(TIFF *tif, uint32_t tag, float value);
int shim_tiff_set_string(TIFF *tif, uint32_t tag, const char *value);
int shim_tiff_set_extrasamples(TIFF *tif, uint16_t count, const uint16_t *values);

#endif
