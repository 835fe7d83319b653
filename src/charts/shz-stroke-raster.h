/* shz-stroke-raster.h — anti-aliased strokes of polylines and closed outlines (any width,
 * butt ends, mitred joints, dashes), filled triangles and rounded rectangles, drawn straight
 * into an ARGB32 image (premultiplied, Cairo's layout).  A stroke's joints do not darken where
 * its segments meet.  The link layer and the plain nodes of the value-network charts on raster
 * targets: Cairo's scan converter spends ~50 µs on one long thin curve, this ~2 µs.
 *
 * Coverage is analytic: the distance of a pixel's centre from the stroke's axis, box-filtered
 * across the width (a 0.5-unit line gives half coverage on one pixel, as Cairo does), the
 * signed distance from a triangle's edges, and a rectangle's sides box-filtered (its rounded
 * corners by the distance from their arcs).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <cairo.h>

#include "charts/shz-chart-theme.h"

G_BEGIN_DECLS

typedef struct _ShzStrokeRaster ShzStrokeRaster;

/* Shapes are recorded, then drawn by shz_stroke_raster_draw() onto an ARGB32 image surface whose
 * pixel (0, 0) is at device position (@x_origin, @y_origin): coordinates are device pixels. */
ShzStrokeRaster *shz_stroke_raster_new  (void);
void             shz_stroke_raster_free (ShzStrokeRaster *raster);
/* Forget every shape, keeping the memory for the next ones. */
void             shz_stroke_raster_reset (ShzStrokeRaster *raster);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzStrokeRaster, shz_stroke_raster_free)

/* Start a shape in @color (its alpha applies once to the whole shape). */
void shz_stroke_raster_begin    (ShzStrokeRaster *raster,
                                 const ShzColor  *color);
/* Add a stroke along the @n_points points @xy (x0, y0, x1, y1, …) of @width, butt-ended; with
 * @n_dash > 0 dashed by the on/off lengths @dash (repeated), starting with an "on". */
void shz_stroke_raster_polyline (ShzStrokeRaster *raster,
                                 const double    *xy,
                                 guint            n_points,
                                 double           width,
                                 const double    *dash,
                                 guint            n_dash);
/* Add a closed outline through the @n_points points @xy, the last joined back to the first:
 * solid, with a joint there too; dashed as the polyline that goes round to the first point. */
void shz_stroke_raster_closed   (ShzStrokeRaster *raster,
                                 const double    *xy,
                                 guint            n_points,
                                 double           width,
                                 const double    *dash,
                                 guint            n_dash);
/* Add a filled rectangle at (@x, @y) of @width × @height, its corners rounded to @radius (0:
 * square). */
void shz_stroke_raster_rounded_rect (ShzStrokeRaster *raster,
                                     double           x,
                                     double           y,
                                     double           width,
                                     double           height,
                                     double           radius);
/* Add a filled triangle (x0, y0, x1, y1, x2, y2). */
void shz_stroke_raster_triangle (ShzStrokeRaster *raster,
                                 const double    *xy);

guint shz_stroke_raster_get_n_shapes (ShzStrokeRaster *raster);

/* Draw every shape, in order, with the OVER operator (flushes and marks @surface dirty). */
void shz_stroke_raster_draw     (ShzStrokeRaster *raster,
                                 cairo_surface_t *surface,
                                 double           x_origin,
                                 double           y_origin);

/* Records the shapes of the items [@first, @end) into @raster (shz_stroke_raster_begin() …). */
typedef void (*ShzStrokeRecordFunc) (ShzStrokeRaster *raster,
                                     guint            first,
                                     guint            end,
                                     gpointer         data);
/* Forget @raster's shapes, then record the shapes of @n_items items through @record and draw
 * them, as shz_stroke_raster_draw(): the threads that draw record them first, each a share of
 * the items (in order, on a raster of its own), so that recording thousands of curves takes
 * its part of the cores too.  @record must be safe to call from several threads at once. */
void shz_stroke_raster_record_and_draw (ShzStrokeRaster     *raster,
                                        guint                n_items,
                                        ShzStrokeRecordFunc  record,
                                        gpointer             data,
                                        cairo_surface_t     *surface,
                                        double               x_origin,
                                        double               y_origin);

/* Helpers to flatten curves into polylines to within @tolerance device units: append the
 * points after the first of the quadratic Bézier from (x0, y0) through (cx, cy) to (x1, y1), or
 * of the circular arc around (cx, cy) of radius @r from angle @a0 to @a1 (either direction), to
 * @points (doubles, x then y). */
void shz_flatten_quadratic (GArray *points,
                            double  x0,
                            double  y0,
                            double  cx,
                            double  cy,
                            double  x1,
                            double  y1,
                            double  tolerance);
void shz_flatten_arc       (GArray *points,
                            double  cx,
                            double  cy,
                            double  r,
                            double  a0,
                            double  a1,
                            double  tolerance);

G_END_DECLS
