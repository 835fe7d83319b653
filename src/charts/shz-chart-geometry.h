/* shz-chart-geometry.h — rectangles and circles in chart units, shared by layouts and the
 * label placer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <math.h>

G_BEGIN_DECLS

typedef struct {
  double x, y, width, height;
} ShzRect;

static inline ShzRect
shz_rect_make (double x, double y, double width, double height)
{
  ShzRect r = { x, y, width, height };
  return r;
}

static inline gboolean
shz_rect_contains_point (const ShzRect *r, double x, double y)
{
  return x >= r->x && x <= r->x + r->width && y >= r->y && y <= r->y + r->height;
}

/* TRUE when @a and @b share an area (touching edges do not count). */
static inline gboolean
shz_rect_intersects (const ShzRect *a, const ShzRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static inline double
shz_rect_overlap_area (const ShzRect *a, const ShzRect *b)
{
  double w = MIN (a->x + a->width, b->x + b->width) - MAX (a->x, b->x);
  double h = MIN (a->y + a->height, b->y + b->height) - MAX (a->y, b->y);
  return (w > 0 && h > 0) ? w * h : 0;
}

/* TRUE when @inner lies inside @outer (edges included). */
static inline gboolean
shz_rect_inside (const ShzRect *inner, const ShzRect *outer)
{
  return inner->x >= outer->x - 1e-9 && inner->y >= outer->y - 1e-9 &&
         inner->x + inner->width <= outer->x + outer->width + 1e-9 &&
         inner->y + inner->height <= outer->y + outer->height + 1e-9;
}

/* TRUE when the circle (cx, cy, r) and @rect share an area. */
static inline gboolean
shz_rect_intersects_circle (const ShzRect *rect, double cx, double cy, double r)
{
  double nx = CLAMP (cx, rect->x, rect->x + rect->width);
  double ny = CLAMP (cy, rect->y, rect->y + rect->height);
  double dx = cx - nx, dy = cy - ny;
  return dx * dx + dy * dy < r * r;
}

static inline ShzRect
shz_rect_inflate (const ShzRect *r, double d)
{
  return shz_rect_make (r->x - d, r->y - d, r->width + 2 * d, r->height + 2 * d);
}

G_END_DECLS
