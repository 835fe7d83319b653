/* shz-point-raster.h — draw up to millions of small translucent discs straight into an ARGB32
 * buffer (premultiplied, Cairo's layout): anti-aliased coverage masks per radius, integer
 * alpha blending, rows split across threads.  The dense layer of scatter charts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <cairo.h>

#include "charts/shz-chart-theme.h"

G_BEGIN_DECLS

typedef struct {
  guint          n;
  const float   *x, *y;        /* data values */
  const float   *size;         /* 0–100; NULL: all 0 */
  const guint8  *group;        /* colour index; NULL: all 0 */
  /* device = offset + value * scale (y scale negative for an upward axis) */
  double         x_offset, x_scale, y_offset, y_scale;
  /* radius in device pixels = (radius_base + radius_per_size * size) * radius_scale */
  double         radius_base, radius_per_size, radius_scale;
  const ShzColor *colors;      /* indexed by group */
  guint          n_colors;
  double         alpha;        /* per disc, e.g. 0.35 */
} ShzPointRaster;

/* Draw the points onto @surface (an ARGB32 image surface; flushed and marked dirty here). */
void shz_point_raster_draw (const ShzPointRaster *raster,
                            cairo_surface_t      *surface);

G_END_DECLS
