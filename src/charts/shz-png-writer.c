/* shz-png-writer.c — a small PNG encoder: filter "Up" on every row (charts repeat from row to
 * row), deflate at level 1 straight into one IDAT chunk.  Cairo's own writer compresses harder and is the
 * slowest step of a large export; this one is several times faster at a similar size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"
#include "config.h"

#include <math.h>
#include <string.h>
#include <zlib.h>

#include "charts/shz-png-writer.h"

#define DEFLATE_LEVEL 1

static void
put_u32 (GByteArray *out,
         guint32     v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };
  g_byte_array_append (out, b, 4);
}

static void
put_chunk (GByteArray   *out,
           const char   *type,
           const guint8 *data,
           guint32       len)
{
  uLong crc = crc32 (0, (const Bytef *) type, 4);

  put_u32 (out, len);
  g_byte_array_append (out, (const guint8 *) type, 4);
  if (len > 0)
    {
      g_byte_array_append (out, data, len);
      crc = crc32 (crc, data, len);
    }
  put_u32 (out, (guint32) crc);
}

GBytes *
shz_png_encode (cairo_surface_t *image,
                gboolean         keep_alpha,
                double           dpi)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  int width, height, stride, bpp;
  const guint8 *pixels;
  g_autoptr(GByteArray) out = NULL;
  gsize idat_start, raw_size;
  g_autofree guint8 *row = NULL;
  g_autofree guint8 *prev = NULL;
  g_autofree guint8 *filtered = NULL;
  guint8 ihdr[13];
  z_stream z;
  gboolean ok = TRUE;

  g_return_val_if_fail (cairo_surface_get_type (image) == CAIRO_SURFACE_TYPE_IMAGE, NULL);

  cairo_surface_flush (image);
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  stride = cairo_image_surface_get_stride (image);
  pixels = cairo_image_surface_get_data (image);
  if (pixels == NULL || width <= 0 || height <= 0)
    return NULL;
  bpp = keep_alpha ? 4 : 3;

  out = g_byte_array_sized_new ((guint) MIN ((gsize) width * height, 1 << 26));
  g_byte_array_append (out, signature, sizeof signature);
  ihdr[0] = width >> 24; ihdr[1] = width >> 16; ihdr[2] = width >> 8; ihdr[3] = width;
  ihdr[4] = height >> 24; ihdr[5] = height >> 16; ihdr[6] = height >> 8; ihdr[7] = height;
  ihdr[8] = 8;                          /* bit depth */
  ihdr[9] = keep_alpha ? 6 : 2;         /* RGBA : RGB */
  ihdr[10] = ihdr[11] = ihdr[12] = 0;   /* deflate, adaptive filtering, no interlace */
  put_chunk (out, "IHDR", ihdr, sizeof ihdr);
  if (dpi > 0)
    {
      guint32 ppm = (guint32) lround (dpi / 0.0254);
      guint8 phys[9] = { ppm >> 24, ppm >> 16, ppm >> 8, ppm, ppm >> 24, ppm >> 16, ppm >> 8, ppm, 1 };
      put_chunk (out, "pHYs", phys, sizeof phys);
    }

  row = g_malloc ((gsize) width * bpp);
  prev = g_malloc0 ((gsize) width * bpp);
  filtered = g_malloc ((gsize) width * bpp + 1);

  memset (&z, 0, sizeof z);
  if (deflateInit2 (&z, DEFLATE_LEVEL, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return NULL;

  /* The IDAT chunk is deflated in place into the output (length and CRC filled after), in
   * room reserved up front from deflate's bound: no copy, no growth. */
  raw_size = ((gsize) width * bpp + 1) * height;
  idat_start = out->len;
  g_byte_array_set_size (out, (guint) (idat_start + 8 + deflateBound (&z, raw_size)));
  z.next_out = out->data + idat_start + 8;
  z.avail_out = (uInt) (out->len - idat_start - 8);

  for (int y = 0; y <= height && ok; y++)
    {
      int flush = y == height ? Z_FINISH : Z_NO_FLUSH;
      int rc;

      if (y < height)
        {
          const guint32 *src = (const guint32 *) (pixels + (gsize) y * stride);
          for (int x = 0; x < width; x++)
            {
              guint32 p = src[x];
              guint a = p >> 24, r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
              guint8 *d = row + (gsize) x * bpp;
              if (keep_alpha)
                {
                  if (a != 0 && a != 255)
                    {
                      r = (r * 255 + a / 2) / a;
                      g = (g * 255 + a / 2) / a;
                      b = (b * 255 + a / 2) / a;
                    }
                  d[3] = (guint8) a;
                }
              d[0] = (guint8) MIN (r, 255);
              d[1] = (guint8) MIN (g, 255);
              d[2] = (guint8) MIN (b, 255);
            }
          /* filter Up: the difference to the row above */
          filtered[0] = 2;
          for (gsize i = 0; i < (gsize) width * bpp; i++)
            filtered[i + 1] = (guint8) (row[i] - prev[i]);
          memcpy (prev, row, (gsize) width * bpp);
          z.next_in = filtered;
          z.avail_in = (uInt) ((gsize) width * bpp + 1);
        }
      else
        {
          z.next_in = NULL;
          z.avail_in = 0;
        }
      rc = deflate (&z, flush);
      if (rc == Z_STREAM_ERROR || z.avail_in != 0 || (flush == Z_FINISH && rc != Z_STREAM_END))
        ok = FALSE;   /* cannot happen within deflateBound */
    }
  {
    gsize idat_len = z.total_out;
    guint8 *chunk = out->data + idat_start;
    uLong crc;

    deflateEnd (&z);
    if (!ok)
      return NULL;
    chunk[0] = idat_len >> 24; chunk[1] = idat_len >> 16; chunk[2] = idat_len >> 8; chunk[3] = idat_len;
    memcpy (chunk + 4, "IDAT", 4);
    crc = crc32 (0, chunk + 4, (uInt) (4 + idat_len));
    g_byte_array_set_size (out, (guint) (idat_start + 8 + idat_len));
    put_u32 (out, (guint32) crc);
  }
  put_chunk (out, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
