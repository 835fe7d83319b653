/* shz-png-writer.h — PNG encoding of Cairo image surfaces with a fast deflate level and the
 * physical resolution (pHYs), for exports and for images embedded in SVG.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <cairo.h>

G_BEGIN_DECLS

/* Encode an ARGB32/RGB24 image surface as PNG: RGBA (un-premultiplied) when @keep_alpha,
 * else RGB.  @dpi > 0 is written as the pHYs chunk.  NULL on failure. */
GBytes   *shz_png_encode (cairo_surface_t *image,
                          gboolean         keep_alpha,
                          double           dpi);

G_END_DECLS
