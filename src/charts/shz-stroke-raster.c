/* shz-stroke-raster.c — see the header.
 *
 * Every segment of a stroke owns the pixels between the bisectors of its joints (a butt end
 * instead fades across the pixel around it), so a polyline's segments tile it without
 * gaps or double blending, with mitred joints — a flattened curve turns by a few degrees at
 * each.  A pixel's coverage is the box filter of the width across its distance from the
 * segment's line; runs of four pixels are covered and blended at once (SSE2; a plain loop
 * elsewhere), straight into the image.  The image is cut into bands of rows, each taken by the
 * first free of a thread per core (up to eight); shapes keep their order in every band, so the
 * picture does not depend on the banding or the threads.  A joint cuts: both its segments bound
 * each row at the same bisector, so each pixel is one's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"
#include "config.h"

#include <math.h>
#include <string.h>

#include "charts/shz-stroke-raster.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define MAX_THREADS  8          /* one per core, up to this */
#define MIN_SHAPES_FOR_THREADS 64
#define MAX_COORD    1e7        /* beyond this a point is dropped (never in a laid-out chart) */
#define MAX_PIECE_POINTS 100000 /* per flattened curve or dash run */

/* A segment of a stroke, a triangle (its corners in the raster's points from @first), or a
 * rounded rectangle (its centre at a, its half sizes in n0, its corners' radius in hw). */
typedef struct {
  double  ax, ay;           /* from a … */
  double  ux, uy, len;      /* … along u for len … */
  double  bx, by;           /* … to b (the point as given, where a joint is) */
  double  hw;               /* half the stroke's width */
  /* where it ends: the pixels p with (p − a)·n0 ≥ 0 and (b − p)·n1 > 0 are its own — n the
   * bisector of a joint, or u at a butt end.  A joint cuts (k = 0): both its segments test a
   * pixel's centre against the same point and bisector the same way, so each pixel is one's
   * or the other's (a centre on the bisector, as at the corners of a square, the next one's).
   * A butt end fades across the pixel (k = 1, c = ½): a pixel's share is c + k·s clamped to
   * [0, 1], s its signed distance from the end. */
  double  n0x, n0y, k0, c0, n1x, n1y, k1, c1;
  double  ymin, ymax;       /* rows it can touch (device units) */
  guint   first;
  gboolean triangle;
  gboolean rounded;
} Seg;

typedef struct {
  guint32 color;        /* premultiplied ARGB */
  guint   first_seg;
  guint   n_segs;
  double  x0, y0, x1, y1;   /* bounds, widths and anti-aliasing included */
} Shape;

struct _ShzStrokeRaster {
  GArray *points;       /* double x, y: the triangles' corners */
  GArray *segs;         /* Seg */
  GArray *shapes;       /* Shape */
  /* shapes recorded by the drawing threads (shz_stroke_raster_record_and_draw()), drawn after
   * these, part after part; the parts' memory is kept for the next time */
  ShzStrokeRaster *parts[MAX_THREADS];
  guint            n_parts;
};

ShzStrokeRaster *
shz_stroke_raster_new (void)
{
  ShzStrokeRaster *r = g_new0 (ShzStrokeRaster, 1);

  r->points = g_array_new (FALSE, FALSE, sizeof (double));
  r->segs = g_array_new (FALSE, FALSE, sizeof (Seg));
  r->shapes = g_array_new (FALSE, FALSE, sizeof (Shape));
  return r;
}

void
shz_stroke_raster_free (ShzStrokeRaster *r)
{
  if (r == NULL)
    return;
  g_array_unref (r->points);
  g_array_unref (r->segs);
  g_array_unref (r->shapes);
  for (guint i = 0; i < MAX_THREADS; i++)
    shz_stroke_raster_free (r->parts[i]);
  g_free (r);
}

void
shz_stroke_raster_reset (ShzStrokeRaster *r)
{
  g_array_set_size (r->points, 0);
  g_array_set_size (r->segs, 0);
  g_array_set_size (r->shapes, 0);
  r->n_parts = 0;
}

guint
shz_stroke_raster_get_n_shapes (ShzStrokeRaster *r)
{
  guint n = r->shapes->len;

  for (guint i = 0; i < r->n_parts; i++)
    n += r->parts[i]->shapes->len;
  return n;
}

static guint8
to_byte (double v)
{
  return (guint8) lround (CLAMP (v, 0, 1) * 255);
}

void
shz_stroke_raster_begin (ShzStrokeRaster *r,
                         const ShzColor  *color)
{
  Shape s = { 0 };
  double a = isfinite (color->a) ? CLAMP (color->a, 0, 1) : 0;

  s.color = (guint32) to_byte (a) << 24 | (guint32) to_byte (color->r * a) << 16
            | (guint32) to_byte (color->g * a) << 8 | to_byte (color->b * a);
  s.first_seg = r->segs->len;
  s.x0 = s.y0 = G_MAXDOUBLE;
  s.x1 = s.y1 = -G_MAXDOUBLE;
  g_array_append_val (r->shapes, s);
}

static Shape *
current_shape (ShzStrokeRaster *r)
{
  if (r->shapes->len == 0)
    {
      static const ShzColor black = { 0, 0, 0, 1 };
      shz_stroke_raster_begin (r, &black);
    }
  return &g_array_index (r->shapes, Shape, r->shapes->len - 1);
}

static gboolean
point_ok (double x, double y)
{
  return isfinite (x) && isfinite (y) && fabs (x) < MAX_COORD && fabs (y) < MAX_COORD;
}

/* Where segment @g meets its neighbour along (vx, vy) — before it (@start) or after it: the
 * bisector of the joint, cut sharply; a turn right back is cut square to the segment. */
static void
set_joint (Seg *g, gboolean start, double vx, double vy)
{
  double nx = g->ux + vx, ny = g->uy + vy, len = sqrt (nx * nx + ny * ny);

  if (len >= 1e-6)
    {
      nx /= len;
      ny /= len;
    }
  else
    {
      nx = g->ux;
      ny = g->uy;
    }
  if (start)
    {
      g->n0x = nx;
      g->n0y = ny;
      g->k0 = 0;
      g->c0 = 1;
    }
  else
    {
      g->n1x = nx;
      g->n1y = ny;
      g->k1 = 0;
      g->c1 = 1;
    }
}

/* Add the points @xy[0 .. 2n) to the current shape: a butt-ended stroke of half-width @hw
 * through them, or a triangle. */
static void
add_piece (ShzStrokeRaster *r, const double *xy, guint n, double hw, gboolean triangle)
{
  Shape *s = current_shape (r);
  double grow = hw + 1;
  guint first;

  if (n < 2)
    return;
  for (guint i = 0; i < n; i++)
    {
      s->x0 = MIN (s->x0, xy[2 * i] - grow);
      s->x1 = MAX (s->x1, xy[2 * i] + grow);
      s->y0 = MIN (s->y0, xy[2 * i + 1] - grow);
      s->y1 = MAX (s->y1, xy[2 * i + 1] + grow);
    }
  if (triangle)
    {
      Seg g = { 0 };

      g.first = r->points->len / 2;
      g.triangle = TRUE;
      g.ymin = MIN (MIN (xy[1], xy[3]), xy[5]) - 0.5;
      g.ymax = MAX (MAX (xy[1], xy[3]), xy[5]) + 0.5;
      g_array_append_vals (r->points, xy, 6);
      g_array_append_val (r->segs, g);
      s->n_segs++;
      return;
    }
  first = r->segs->len;
  for (guint i = 0; i + 1 < n; i++)
    {
      Seg g = { 0 };
      double dx = xy[2 * i + 2] - xy[2 * i], dy = xy[2 * i + 3] - xy[2 * i + 1];

      g.ax = xy[2 * i];
      g.ay = xy[2 * i + 1];
      g.bx = xy[2 * i + 2];
      g.by = xy[2 * i + 3];
      g.len = sqrt (dx * dx + dy * dy);
      if (g.len < 1e-9)
        continue;
      g.ux = dx / g.len;
      g.uy = dy / g.len;
      g.hw = hw;
      g.ymin = MIN (g.ay, g.ay + dy) - hw - 1;
      g.ymax = MAX (g.ay, g.ay + dy) + hw + 1;
      /* butt ends, faded, until a neighbour makes them joints */
      g.n0x = g.n1x = g.ux;
      g.n0y = g.n1y = g.uy;
      g.k0 = g.k1 = 1;
      g.c0 = g.c1 = 0.5;
      g_array_append_val (r->segs, g);
      s->n_segs++;
    }
  for (guint i = first + 1; i < r->segs->len; i++)
    {
      Seg *prev = &g_array_index (r->segs, Seg, i - 1), *next = &g_array_index (r->segs, Seg, i);
      set_joint (prev, FALSE, next->ux, next->uy);
      set_joint (next, TRUE, prev->ux, prev->uy);
    }
}

static void
add_run (ShzStrokeRaster *r, GArray *run, double hw)
{
  if (run->len >= 4)
    add_piece (r, (const double *) run->data, run->len / 2, hw, FALSE);
  g_array_set_size (run, 0);
}

static void
append_xy (GArray *a, double x, double y)
{
  double xy[2] = { x, y };
  g_array_append_vals (a, xy, 2);
}

/* A solid closed outline: the segments of @xy then the one back to the start, the ends joined. */
static void
add_closed (ShzStrokeRaster *r, const double *xy, guint n, double hw)
{
  g_autoptr(GArray) pts = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * n + 2);
  guint first = r->segs->len;
  Seg *a, *b;

  g_array_append_vals (pts, xy, 2 * n);
  g_array_append_vals (pts, xy, 2);
  add_piece (r, (const double *) pts->data, n + 1, hw, FALSE);
  if (r->segs->len < first + 3)
    return;
  a = &g_array_index (r->segs, Seg, r->segs->len - 1);
  b = &g_array_index (r->segs, Seg, first);
  set_joint (a, FALSE, b->ux, b->uy);
  set_joint (b, TRUE, a->ux, a->uy);
}

static void
stroke (ShzStrokeRaster *r,
        const double    *xy,
        guint            n_points,
        double           width,
        const double    *dash,
        guint            n_dash,
        gboolean         closed)
{
  g_autoptr(GArray) run = NULL;
  g_autoptr(GArray) ring = NULL;
  double hw, total = 0, dash_sum = 0;
  guint di = 0;
  double left;
  gboolean on = TRUE;

  current_shape (r);
  if (n_points < 2 || !isfinite (width) || width <= 0)
    return;
  hw = MIN (width, 1e4) / 2;
  for (guint i = 0; i < n_points; i++)
    if (!point_ok (xy[2 * i], xy[2 * i + 1]))
      return;
  for (guint i = 0; i + 1 < n_points; i++)
    total += sqrt ((xy[2 * i + 2] - xy[2 * i]) * (xy[2 * i + 2] - xy[2 * i]) + (xy[2 * i + 3] - xy[2 * i + 1]) * (xy[2 * i + 3] - xy[2 * i + 1]));
  for (guint i = 0; i < n_dash; i++)
    {
      if (!isfinite (dash[i]) || dash[i] < 0)
        {
          dash_sum = 0;
          break;
        }
      dash_sum += dash[i];
    }
  /* solid: no pattern, a degenerate one, or one so fine against the length that it would be
   * a fog of dots (and unbounded work) */
  if (n_dash == 0 || dash_sum < 0.05 || total / dash_sum > MAX_PIECE_POINTS)
    {
      if (n_points > MAX_PIECE_POINTS)
        return;
      if (closed)
        add_closed (r, xy, n_points, hw);
      else
        add_piece (r, xy, n_points, hw, FALSE);
      return;
    }
  /* dashed: along the points and back to the first (the dashes start there) */
  if (closed)
    {
      ring = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * n_points + 2);
      g_array_append_vals (ring, xy, 2 * n_points);
      g_array_append_vals (ring, xy, 2);
      xy = (const double *) ring->data;
      n_points++;
    }

  run = g_array_new (FALSE, FALSE, sizeof (double));
  left = dash[0];
  append_xy (run, xy[0], xy[1]);
  for (guint i = 0; i + 1 < n_points; i++)
    {
      double ax = xy[2 * i], ay = xy[2 * i + 1], bx = xy[2 * i + 2], by = xy[2 * i + 3];
      double len = sqrt ((bx - ax) * (bx - ax) + (by - ay) * (by - ay)), pos = 0;

      while (len - pos > left)
        {
          double qx, qy;

          pos += left;
          qx = ax + (bx - ax) * pos / len;
          qy = ay + (by - ay) * pos / len;
          if (on)
            {
              append_xy (run, qx, qy);
              add_run (r, run, hw);
            }
          else
            append_xy (run, qx, qy);
          on = !on;
          di = (di + 1) % n_dash;
          left = dash[di];
        }
      left -= len - pos;
      if (on)
        append_xy (run, bx, by);
    }
  if (on)
    add_run (r, run, hw);
}

void
shz_stroke_raster_polyline (ShzStrokeRaster *r,
                            const double    *xy,
                            guint            n_points,
                            double           width,
                            const double    *dash,
                            guint            n_dash)
{
  stroke (r, xy, n_points, width, dash, n_dash, FALSE);
}

void
shz_stroke_raster_closed (ShzStrokeRaster *r,
                          const double    *xy,
                          guint            n_points,
                          double           width,
                          const double    *dash,
                          guint            n_dash)
{
  stroke (r, xy, n_points, width, dash, n_dash, TRUE);
}

void
shz_stroke_raster_triangle (ShzStrokeRaster *r,
                            const double    *xy)
{
  current_shape (r);
  for (guint i = 0; i < 3; i++)
    if (!point_ok (xy[2 * i], xy[2 * i + 1]))
      return;
  add_piece (r, xy, 3, 0, TRUE);
}

void
shz_stroke_raster_rounded_rect (ShzStrokeRaster *r,
                                double           x,
                                double           y,
                                double           width,
                                double           height,
                                double           radius)
{
  Shape *s = current_shape (r);
  Seg g = { 0 };

  if (!point_ok (x, y) || !point_ok (x + width, y + height) || !(width > 0) || !(height > 0))
    return;
  g.rounded = TRUE;
  g.ax = x + width / 2;
  g.ay = y + height / 2;
  g.n0x = width / 2;
  g.n0y = height / 2;
  g.hw = isfinite (radius) ? CLAMP (radius, 0, MIN (width, height) / 2) : 0;
  g.ymin = y - 1;
  g.ymax = y + height + 1;
  s->x0 = MIN (s->x0, x - 1);
  s->x1 = MAX (s->x1, x + width + 1);
  s->y0 = MIN (s->y0, g.ymin);
  s->y1 = MAX (s->y1, g.ymax);
  g_array_append_val (r->segs, g);
  s->n_segs++;
}

void
shz_flatten_quadratic (GArray *points,
                       double  x0,
                       double  y0,
                       double  cx,
                       double  cy,
                       double  x1,
                       double  y1,
                       double  tolerance)
{
  /* a chord over a step h of t strays at most |B''| h² / 8 = |P0 − 2C + P1| h² / 4 */
  double dd = hypot (x0 - 2 * cx + x1, y0 - 2 * cy + y1);
  double n = ceil (sqrt (dd / (4 * MAX (tolerance, 0.01))));
  guint steps = isfinite (n) ? (guint) CLAMP (n, 1, 1000) : 1;

  for (guint i = 1; i <= steps; i++)
    {
      double t = (double) i / steps, u = 1 - t;
      append_xy (points, u * u * x0 + 2 * u * t * cx + t * t * x1, u * u * y0 + 2 * u * t * cy + t * t * y1);
    }
}

void
shz_flatten_arc (GArray *points,
                 double  cx,
                 double  cy,
                 double  r,
                 double  a0,
                 double  a1,
                 double  tolerance)
{
  /* a chord of angle θ strays r (1 − cos θ/2) from the arc */
  double tol = MIN (MAX (tolerance, 0.01), fabs (r));
  double step = fabs (r) > 1e-9 ? 2 * acos (1 - tol / fabs (r)) : G_PI;
  double n = ceil (fabs (a1 - a0) / MAX (step, 1e-3));
  guint steps = isfinite (n) ? (guint) CLAMP (n, 1, 1000) : 1;

  for (guint i = 1; i <= steps; i++)
    {
      double a = a0 + (a1 - a0) * i / steps;
      append_xy (points, cx + r * cos (a), cy + r * sin (a));
    }
}

/* ---- drawing ---- */

#define BAND_H 64

typedef struct {
  const ShzStrokeRaster *raster;
  /* shz_stroke_raster_record_and_draw(): the items this thread records first */
  ShzStrokeRecordFunc record;
  gpointer            record_data;
  guint               first_item, end_item;
  gpointer            barrier;
  int                *next_band;    /* shared by the threads */
  guint8  *pixels;
  int      width, height, stride;
  double   xo, yo;          /* device position of pixel (0, 0) */
  int      thread, n_threads;
  int      by0, by1;        /* the band being drawn: rows [by0, by1) */
} Job;

/* floor() for the coordinates of an image, clamped to ±1e8 (NaN to −1e8): truncated from above
 * zero, no libm call and no branch — off by one only within 3e-8 below a whole number, and the
 * same for the same number everywhere (the two sides of a joint's cut agree). */
static inline int
floor_int (double v)
{
  v = v > -1e8 ? v : -1e8;
  v = v < 1e8 ? v : 1e8;
  return (int) (v + 1e8) - 100000000;
}

/* x · a / 255 on the four channels of x, rounded */
static inline guint32
mul_un8x4 (guint32 x, guint32 a)
{
  guint32 rb = (x & 0x00ff00ffu) * a + 0x00800080u;
  guint32 ag = ((x >> 8) & 0x00ff00ffu) * a + 0x00800080u;

  rb = ((rb + ((rb >> 8) & 0x00ff00ffu)) >> 8) & 0x00ff00ffu;
  ag = (ag + ((ag >> 8) & 0x00ff00ffu)) & 0xff00ff00u;
  return rb | ag;
}

/* x + y per channel, saturated */
static inline guint32
add_un8x4 (guint32 x, guint32 y)
{
  guint32 rb = (x & 0x00ff00ffu) + (y & 0x00ff00ffu);
  guint32 ag = ((x >> 8) & 0x00ff00ffu) + ((y >> 8) & 0x00ff00ffu);

  rb |= 0x01000100u - ((rb >> 8) & 0x00ff00ffu);
  ag |= 0x01000100u - ((ag >> 8) & 0x00ff00ffu);
  return (rb & 0x00ff00ffu) | (ag & 0x00ff00ffu) << 8;
}

/* @color (premultiplied) at coverage @c (0–1) over the pixel */
static inline void
blend1 (guint32 *dst, guint32 color, float c)
{
  guint32 s = mul_un8x4 (color, (guint32) (CLAMP (c, 0.0f, 1.0f) * 255 + 0.5f));
  *dst = add_un8x4 (s, mul_un8x4 (*dst, 255 - (s >> 24)));
}

/* What a segment's row needs, relative to its start a: for a pixel centre px along the row,
 * perp = px·uy − perp0 (in float: the width's box filter is smooth); it owns the pixel by
 * s0 = px·n0x + s00 ≥ 0 and s1 = s1e − (px − ex)·n1x > 0, its shares c0 + k0·s0 and c1 + k1·s1
 * (as in Seg) — in double, and s1 from the end b (at ex along the row), so that a joint's sharp
 * cut falls on the same side for both its segments. */
typedef struct {
  float  uy, hw, perp0;
  double n0x, s00, n1x, s1e, ex;
  float  k0, c0, k1, c1;
} RowK;

static inline float
coverage1 (const RowK *k, double px)
{
  float perp = fabsf ((float) px * k->uy - k->perp0);
  float f0 = CLAMP (k->c0 + k->k0 * (float) (px * k->n0x + k->s00), 0.0f, 1.0f);
  float f1 = CLAMP (k->c1 + k->k1 * (float) (k->s1e - (px - k->ex) * k->n1x), 0.0f, 1.0f);
  float across = MAX (MIN (perp + 0.5f, k->hw) - MAX (perp - 0.5f, -k->hw), 0.0f);

  return across * f0 * f1;
}

#ifdef __SSE2__
/* colour (premultiplied, 16 bits a channel, two pixels) × the coverages @ci (0–255, four
 * pixels) over the four pixels at @dst */
static inline void
blend4 (guint32 *dst, __m128i ci, __m128i col)
{
  const __m128i zi = _mm_setzero_si128 (), c255 = _mm_set1_epi16 (255), c128 = _mm_set1_epi16 (128);
  const __m128i c257 = _mm_set1_epi16 (257);
  __m128i c16, clo, chi, slo, shi, alo, ahi, d, dlo, dhi;

  c16 = _mm_packs_epi32 (ci, ci);                 /* c0 c1 c2 c3 … */
  c16 = _mm_unpacklo_epi16 (c16, c16);            /* c0 c0 c1 c1 c2 c2 c3 c3 */
  clo = _mm_unpacklo_epi32 (c16, c16);            /* c0 ×4, c1 ×4 */
  chi = _mm_unpackhi_epi32 (c16, c16);            /* c2 ×4, c3 ×4 */
  /* s = colour × c / 255, rounded: (x + 128) · 257 / 65536 */
  slo = _mm_mulhi_epu16 (_mm_add_epi16 (_mm_mullo_epi16 (col, clo), c128), c257);
  shi = _mm_mulhi_epu16 (_mm_add_epi16 (_mm_mullo_epi16 (col, chi), c128), c257);
  /* 255 − its alpha, on every channel of its pixel */
  alo = _mm_sub_epi16 (c255, _mm_shufflehi_epi16 (_mm_shufflelo_epi16 (slo, 0xff), 0xff));
  ahi = _mm_sub_epi16 (c255, _mm_shufflehi_epi16 (_mm_shufflelo_epi16 (shi, 0xff), 0xff));
  d = _mm_loadu_si128 ((const __m128i *) dst);
  dlo = _mm_mulhi_epu16 (_mm_add_epi16 (_mm_mullo_epi16 (_mm_unpacklo_epi8 (d, zi), alo), c128), c257);
  dhi = _mm_mulhi_epu16 (_mm_add_epi16 (_mm_mullo_epi16 (_mm_unpackhi_epi8 (d, zi), ahi), c128), c257);
  _mm_storeu_si128 ((__m128i *) dst, _mm_packus_epi16 (_mm_add_epi16 (slo, dlo), _mm_add_epi16 (shi, dhi)));
}
#endif

/* Cover and blend the pixels [x0, x1] of a row of @width (@dst its first pixel), the first
 * one's centre at @px0 from the segment's start.  Four at a time, the lanes past x1 masked.  A
 * run wholly inside the segment's butt ends skips their fades. */
static inline void
run (guint32 *dst, int x0, int x1, int width, double px0, const RowK *k, guint32 color)
{
  int x = x0;
  double pxe = px0 + (x1 - x0 + 3);
  /* inside the butt ends' fades (joints are cut before) */
  gboolean inside = (k->k0 == 0 || k->c0 + k->k0 * MIN (px0 * k->n0x, pxe * k->n0x) + k->k0 * k->s00 >= 1) &&
                    (k->k1 == 0 || k->c1 + k->k1 * (k->s1e - MAX ((px0 - k->ex) * k->n1x, (pxe - k->ex) * k->n1x)) >= 1);
#ifdef __SSE2__
  const __m128 hw = _mm_set1_ps (k->hw), nhw = _mm_set1_ps (-k->hw);
  const __m128 zero = _mm_setzero_ps (), half = _mm_set1_ps (0.5f), one = _mm_set1_ps (1.0f);
  const __m128 k255 = _mm_set1_ps (255.0f), sign = _mm_set1_ps (-0.0f);
  const __m128i col = _mm_unpacklo_epi8 (_mm_set1_epi32 ((int) color), _mm_setzero_si128 ());
  const __m128 steps = _mm_set_ps (3, 2, 1, 0);
  /* at the run's first four pixels, then a step of four pixels */
  __m128 perp = _mm_sub_ps (_mm_mul_ps (_mm_add_ps (_mm_set1_ps ((float) px0), steps), _mm_set1_ps (k->uy)),
                            _mm_set1_ps (k->perp0));
  const __m128 dperp = _mm_set1_ps (4 * k->uy);
  /* the lanes up to x1: past it a joint's cut may leave pixels the width covers */
  const __m128i lanes = _mm_set_epi32 (3, 2, 1, 0), end = _mm_set1_epi32 (x1 + 1);

  if (inside)
    {
      for (; x <= x1 && x + 3 < width; x += 4)
        {
          __m128 d = _mm_andnot_ps (sign, perp);
          __m128 c = _mm_max_ps (_mm_sub_ps (_mm_min_ps (_mm_add_ps (d, half), hw), _mm_max_ps (_mm_sub_ps (d, half), nhw)), zero);
          __m128i ci = _mm_cvttps_epi32 (_mm_add_ps (_mm_mul_ps (_mm_min_ps (c, one), k255), half));

          if (x + 3 > x1)
            ci = _mm_and_si128 (ci, _mm_cmplt_epi32 (_mm_add_epi32 (lanes, _mm_set1_epi32 (x)), end));
          blend4 (dst + x, ci, col);
          perp = _mm_add_ps (perp, dperp);
        }
    }
  else
    {
      const __m128 k0 = _mm_set1_ps (k->k0), k1 = _mm_set1_ps (k->k1);
      const __m128 c0 = _mm_set1_ps (k->c0), c1 = _mm_set1_ps (k->c1);
      const __m128 ds0 = _mm_mul_ps (steps, _mm_set1_ps ((float) k->n0x));
      const __m128 ds1 = _mm_mul_ps (steps, _mm_set1_ps ((float) k->n1x));

      for (; x <= x1 && x + 3 < width; x += 4)
        {
          /* the ends' distances at the first of the four, in double, not summed step by step */
          double px = px0 + (x - x0);
          __m128 s0 = _mm_add_ps (_mm_set1_ps ((float) (px * k->n0x + k->s00)), ds0);
          __m128 s1 = _mm_sub_ps (_mm_set1_ps ((float) (k->s1e - (px - k->ex) * k->n1x)), ds1);
          __m128 d = _mm_andnot_ps (sign, perp);
          __m128 f0 = _mm_min_ps (_mm_max_ps (_mm_add_ps (c0, _mm_mul_ps (k0, s0)), zero), one);
          __m128 f1 = _mm_min_ps (_mm_max_ps (_mm_add_ps (c1, _mm_mul_ps (k1, s1)), zero), one);
          __m128 c = _mm_max_ps (_mm_sub_ps (_mm_min_ps (_mm_add_ps (d, half), hw), _mm_max_ps (_mm_sub_ps (d, half), nhw)), zero);

          __m128i ci;

          c = _mm_min_ps (_mm_mul_ps (_mm_mul_ps (c, f0), f1), one);
          ci = _mm_cvttps_epi32 (_mm_add_ps (_mm_mul_ps (c, k255), half));
          if (x + 3 > x1)
            ci = _mm_and_si128 (ci, _mm_cmplt_epi32 (_mm_add_epi32 (lanes, _mm_set1_epi32 (x)), end));
          blend4 (dst + x, ci, col);
          perp = _mm_add_ps (perp, dperp);
        }
    }
#endif
  for (; x <= x1; x++)
    {
      float c = coverage1 (k, px0 + (x - x0));
      if (c > 0)
        blend1 (dst + x, color, c);
    }
}

#ifdef __SSE2__
/* The rows [y0, y1] of a segment that lie wholly inside its ends: every pixel's coverage is
 * only the box filter across the width, at its distance from the line — (x − X(y))·uy for the
 * pixel x of a row whose centre column on the line is X(y).  The runs are short (2·rad / |uy|),
 * so what matters is each row's set-up: a multiply-add and a floor.
 * A row whose run comes within four pixels of the image's right edge stops it (segment() draws
 * that one with the plain loop's tail): returns the first row not drawn, @y1 + 1 when all were. */
static inline int
inner_rows (Job *j, const Seg *g, guint32 color, int y0, int y1)
{
  const double ak = g->ux / g->uy, bk = (g->hw + 0.5) / fabs (g->uy);
  /* X(y) = xb + y·ak, in pixel indices */
  const double xb = g->ax - j->xo - 0.5 + (0.5 + j->yo - g->ay) * ak;
  const __m128 hw = _mm_set1_ps ((float) g->hw), nhw = _mm_set1_ps ((float) -g->hw);
  const __m128 zero = _mm_setzero_ps (), half = _mm_set1_ps (0.5f), one = _mm_set1_ps (1.0f);
  const __m128 k255 = _mm_set1_ps (255.0f), sign = _mm_set1_ps (-0.0f);
  const __m128 uy = _mm_set1_ps ((float) g->uy), dperp = _mm_set1_ps ((float) (4 * g->uy));
  const __m128 steps = _mm_set_ps (3, 2, 1, 0);
  const __m128i col = _mm_unpacklo_epi8 (_mm_set1_epi32 ((int) color), _mm_setzero_si128 ());
  int y;

  for (y = y0; y <= y1; y++)
    {
      double X = xb + y * ak;
      int x0 = MAX (-floor_int (-(X - bk)), 0), x1 = MIN (floor_int (X + bk), j->width - 1);
      guint32 *dst = (guint32 *) (j->pixels + (gsize) y * j->stride);
      __m128 perp;

      if (x0 > x1)
        continue;
      if (x1 + 3 >= j->width)
        break;
      perp = _mm_mul_ps (_mm_add_ps (_mm_set1_ps ((float) (x0 - X)), steps), uy);
      for (int x = x0; x <= x1; x += 4)
        {
          __m128 d = _mm_andnot_ps (sign, perp);
          __m128 c = _mm_max_ps (_mm_sub_ps (_mm_min_ps (_mm_add_ps (d, half), hw), _mm_max_ps (_mm_sub_ps (d, half), nhw)), zero);

          blend4 (dst + x, _mm_cvttps_epi32 (_mm_add_ps (_mm_mul_ps (_mm_min_ps (c, one), k255), half)), col);
          perp = _mm_add_ps (perp, dperp);
        }
    }
  return y;
}

/* The rows of a segment whose pixels are all far enough inside its two ends to be wholly
 * its own (an end's fade or cut does not reach them): [*iy0, *iy1], empty when none.
 * Along the segment (t from its start, q across it, |q| ≤ the reach rad of a pixel that
 * counts), a pixel is past the start when k0·(t·cos φ0 − |q|·sin φ0) ≥ 1 − c0 (a joint: ≥ 0) — φ0 the angle of the
 * start's bisector n0 from u — and before the end likewise; a row's pixels span t_c ± rad·|ux/uy|
 * around its point t_c = py / uy on the line. */
static void
interior_rows (const Job *j, const Seg *g, int *iy0, int *iy1)
{
  double rad = g->hw + 0.5, m = rad * fabs (g->ux / g->uy);
  double c0 = g->ux * g->n0x + g->uy * g->n0y, s0 = fabs (g->ux * g->n0y - g->uy * g->n0x);
  double c1 = g->ux * g->n1x + g->uy * g->n1y, s1 = fabs (g->ux * g->n1y - g->uy * g->n1x);
  double tlo, thi, pa, pb;

  *iy0 = 1;
  *iy1 = 0;
  if (c0 < 0.05 || c1 < 0.05)
    return;
  tlo = ((g->k0 > 0 ? (1 - g->c0) / g->k0 : 0) + rad * s0) / c0 + m + 1e-4;
  thi = g->len - ((g->k1 > 0 ? (1 - g->c1) / g->k1 : 0) + rad * s1) / c1 - m - 1e-4;
  if (thi < tlo)
    return;
  /* py = t·uy, and row y has py = y + ½ + yo − ay */
  pa = MIN (tlo * g->uy, thi * g->uy) + g->ay - j->yo - 0.5;
  pb = MAX (tlo * g->uy, thi * g->uy) + g->ay - j->yo - 0.5;
  *iy0 = -floor_int (-pa);
  *iy1 = floor_int (pb);
}
#endif

/* Narrow the pixels [*x0, *x1] of the row whose centres are at @yc to those on a segment's side
 * of the bisector (nx, ny) of its joint at (jx, jy) (@slope = ny / nx): (p − j)·n ≥ 0 for the
 * segment it starts (@after), < 0 for the one it ends — both segments compute the same bound
 * from the same numbers, so each pixel is one's only. */
static inline void
cut (double jx, double jy, double nx, double ny, double slope, gboolean after, double yc, double xo, int *x0, int *x1)
{
  double t;

  if (nx == 0)
    {
      /* the bisector along the rows: the whole row or none of it */
      if (((yc - jy) * ny >= 0) != after)
        *x1 = *x0 - 1;
      return;
    }
  /* the centre x + ½ + xo is on the bisector at t */
  t = jx - (yc - jy) * slope - xo - 0.5;
  if (after && nx > 0)
    *x0 = MAX (*x0, -floor_int (-t));          /* x ≥ t */
  else if (after)
    *x1 = MIN (*x1, floor_int (t));            /* x ≤ t */
  else if (nx > 0)
    *x1 = MIN (*x1, -floor_int (-t) - 1);      /* x < t */
  else
    *x0 = MAX (*x0, floor_int (t) + 1);        /* x > t */
}

/* One segment of a stroke, the rows of the band */
static void
segment (Job *j, const Seg *g, guint32 color)
{
  double ax = g->ax, ay = g->ay, ux = g->ux, uy = g->uy, len = g->len;
  double rad = g->hw + 0.5;
  int y0 = MAX (floor_int (g->ymin - j->yo), j->by0);
  int y1 = MIN (floor_int (g->ymax - j->yo), j->by1 - 1);
  /* the row's pixel centres within rad of the line: px in a_k·py ± b_k; within rad of the
   * segment along it: px in c_k − d_k·py … e_k − d_k·py */
  gboolean steep = fabs (uy) > 1e-9, wide = fabs (ux) > 1e-9;
  double ak = steep ? ux / uy : 0, bk = steep ? rad / fabs (uy) : 0;
  double ck = wide ? -rad / ux : 0, dk = wide ? uy / ux : 0, ek = wide ? (len + rad) / ux : 0;
  /* the bisectors' slopes, each computed as its other segment computes it; and how far from
   * a joint a row of the strip |q| ≤ rad, t ≤ len + rad can reach past its bisector (none at
   * a butt end): rad / cos(u, n) along the bisector, and rad along u */
  double slope0 = g->n0x != 0 ? g->n0y / g->n0x : 0, slope1 = g->n1x != 0 ? g->n1y / g->n1x : 0;
  double reach0 = g->k0 == 0 ? rad / MAX (fabs (ux * g->n0x + uy * g->n0y), 0.05) + rad + 1 : -1;
  double reach1 = g->k1 == 0 ? rad / MAX (fabs (ux * g->n1x + uy * g->n1y), 0.05) + rad + 1 : -1;
  RowK k;

  k.uy = (float) uy;
  k.hw = (float) g->hw;
  k.n0x = g->n0x;
  k.k0 = (float) g->k0;
  k.c0 = (float) g->c0;
  k.n1x = g->n1x;
  k.k1 = (float) g->k1;
  k.ex = len * ux;
  k.c1 = (float) g->c1;
#ifdef __SSE2__
  int iy0 = 1, iy1 = 0;

  /* most rows of most links: inside the ends of a segment that is not nearly horizontal (a
   * nearly horizontal one has few rows, each reaching its ends) */
  if (fabs (uy) >= 0.1)
    interior_rows (j, g, &iy0, &iy1);
#endif
  for (int y = y0; y <= y1; y++)
    {
      double py, lo = -G_MAXDOUBLE, hi = G_MAXDOUBLE, px0;
      int x0, x1;

#ifdef __SSE2__
      if (y >= iy0 && y <= iy1)
        {
          y = inner_rows (j, g, color, y, MIN (y1, iy1));
          if (y > MIN (y1, iy1))
            {
              y--;            /* the loop's step goes on after them */
              continue;
            }
        }
#endif
      py = y + 0.5 + j->yo - ay;

      if (steep)
        {
          lo = ak * py - bk;
          hi = ak * py + bk;
        }
      else if (fabs (py) >= rad)
        continue;
      if (wide)
        {
          double a = ck - dk * py, b = ek - dk * py;
          lo = MAX (lo, MIN (a, b));
          hi = MIN (hi, MAX (a, b));
        }
      else if (py * uy < -rad || py * uy > len + rad)
        continue;
      /* the pixels whose centres lie in [ax + lo, ax + hi]: beyond, the coverage is 0 */
      x0 = MAX (-floor_int (-(ax + lo - 0.5 - j->xo)), 0);
      x1 = MIN (floor_int (ax + hi - 0.5 - j->xo), j->width - 1);
      /* a joint's cut: the pixels on this side of its bisector, in the rows near it */
      if (fabs (y + 0.5 + j->yo - g->ay) <= reach0)
        cut (g->ax, g->ay, g->n0x, g->n0y, slope0, TRUE, y + 0.5 + j->yo, j->xo, &x0, &x1);
      if (fabs (y + 0.5 + j->yo - g->by) <= reach1)
        cut (g->bx, g->by, g->n1x, g->n1y, slope1, FALSE, y + 0.5 + j->yo, j->xo, &x0, &x1);
      if (x0 > x1)
        continue;
      px0 = x0 + 0.5 + j->xo - ax;
      k.perp0 = (float) (py * ux);
      k.s00 = py * g->n0y;
      k.s1e = -(py - len * uy) * g->n1y;
      run ((guint32 *) (j->pixels + (gsize) y * j->stride), x0, x1, j->width, px0, &k, color);
    }
}

static void
triangle (Job *j, const double *p, guint32 color)
{
  double area = (p[2] - p[0]) * (p[5] - p[1]) - (p[4] - p[0]) * (p[3] - p[1]);
  double nx[3], ny[3], off[3];
  double minx = MIN (MIN (p[0], p[2]), p[4]), maxx = MAX (MAX (p[0], p[2]), p[4]);
  double miny = MIN (MIN (p[1], p[3]), p[5]), maxy = MAX (MAX (p[1], p[3]), p[5]);
  int x0, x1, y0, y1;

  if (fabs (area) < 1e-9)
    return;
  for (int e = 0; e < 3; e++)
    {
      double ex = p[(2 * e + 2) % 6] - p[2 * e], ey = p[(2 * e + 3) % 6] - p[2 * e + 1];
      double el = sqrt (ex * ex + ey * ey), s = area > 0 ? 1 : -1;

      /* the inward normal: signed distance > 0 inside */
      nx[e] = -ey / el * s;
      ny[e] = ex / el * s;
      off[e] = -(nx[e] * p[2 * e] + ny[e] * p[2 * e + 1]);
    }
  x0 = MAX (floor_int (minx - 0.5 - j->xo), 0);
  x1 = MIN (floor_int (maxx + 0.5 - j->xo), j->width - 1);
  y0 = MAX (floor_int (miny - 0.5 - j->yo), j->by0);
  y1 = MIN (floor_int (maxy + 0.5 - j->yo), j->by1 - 1);
  for (int y = y0; y <= y1; y++)
    {
      double yc = y + 0.5 + j->yo;
      guint32 *row = (guint32 *) (j->pixels + (gsize) y * j->stride);

      for (int x = x0; x <= x1; x++)
        {
          double xc = x + 0.5 + j->xo, m = G_MAXDOUBLE;
          for (int e = 0; e < 3; e++)
            m = MIN (m, nx[e] * xc + ny[e] * yc + off[e]);
          if (m > -0.5)
            blend1 (&row[x], color, (float) (m + 0.5));
        }
    }
}

/* The coverage of the pixel at (dx, dy) from the centre of a rounded rectangle of half sizes
 * (hx, hy) and corners of radius r: along its straight sides the box filter of each side (a
 * plain rectangle's is exact), in its corners the distance from the corner's arc. */
static inline float
rounded_coverage1 (float dx, float dy, float hx, float hy, float r)
{
  float qx = fabsf (dx) - (hx - r), qy = fabsf (dy) - (hy - r);

  if (qx > 0 && qy > 0 && r > 0)
    return CLAMP (0.5f + r - sqrtf (qx * qx + qy * qy), 0.0f, 1.0f);
  return CLAMP (0.5f + hx - fabsf (dx), 0.0f, 1.0f) * CLAMP (0.5f + hy - fabsf (dy), 0.0f, 1.0f);
}

/* A rounded rectangle, the rows of the band: the middle of each row (beyond the reach of the
 * sides and corners) at the row's one coverage, the ends pixel by pixel. */
static void
rounded_rect (Job *j, const Seg *g, guint32 color)
{
  double cx = g->ax - j->xo - 0.5, cy = g->ay - j->yo - 0.5;     /* in pixel indices */
  float hx = (float) g->n0x, hy = (float) g->n0y, r = (float) g->hw;
  int y0 = MAX (floor_int (cy - g->n0y), j->by0), y1 = MIN (floor_int (cy + g->n0y + 1), j->by1 - 1);
  int x0 = MAX (floor_int (cx - g->n0x), 0), x1 = MIN (floor_int (cx + g->n0x + 1), j->width - 1);

  for (int y = y0; y <= y1; y++)
    {
      guint32 *row = (guint32 *) (j->pixels + (gsize) y * j->stride);
      float dy = (float) (y - cy);
      float cm = CLAMP (0.5f + hy - fabsf (dy), 0.0f, 1.0f);
      /* the middle: the pixels within inner of the centre, which only the top and bottom
       * sides reach — to half a pixel from the sides between the corners, to the corners'
       * arcs beside them */
      double inner = g->n0x - (fabsf (dy) <= hy - r ? 0.5 : MAX (g->hw, 0.5));
      int m0 = MAX (-floor_int (-(cx - inner)), x0), m1 = MIN (floor_int (cx + inner), x1);
      int x = x0;

      if (cm <= 0)
        continue;
      for (; x <= x1; x++)
        {
          if (x == m0 && m0 <= m1)
            {
#ifdef __SSE2__
              const __m128i col = _mm_unpacklo_epi8 (_mm_set1_epi32 ((int) color), _mm_setzero_si128 ());
              const __m128i ci = _mm_set1_epi32 ((int) (cm * 255 + 0.5f));

              if (cm >= 1 && (color >> 24) == 0xff)
                for (; x + 3 <= m1; x += 4)
                  _mm_storeu_si128 ((__m128i *) (row + x), _mm_set1_epi32 ((int) color));
              else
                for (; x + 3 <= m1; x += 4)
                  blend4 (row + x, ci, col);
#endif
              for (; x <= m1; x++)
                blend1 (row + x, color, cm);
              if (x > x1)
                break;
            }
          {
            float c = rounded_coverage1 ((float) (x - cx), dy, hx, hy, r);
            if (c > 0)
              blend1 (row + x, color, c);
          }
        }
    }
}

static void
draw_band_of (Job *j, const ShzStrokeRaster *r)
{
  const double *pts = (const double *) r->points->data;
  double top = j->by0 + j->yo, bottom = j->by1 + j->yo;

  for (guint si = 0; si < r->shapes->len; si++)
    {
      const Shape *s = &g_array_index (r->shapes, Shape, si);
      const Seg *segs = &g_array_index (r->segs, Seg, s->first_seg);

      if (s->n_segs == 0 || s->color == 0 || s->y1 < top || s->y0 >= bottom ||
          s->x1 - j->xo < 0 || s->x0 - j->xo >= j->width)
        continue;
      for (guint k = 0; k < s->n_segs; k++)
        {
          if (segs[k].ymax < top || segs[k].ymin >= bottom)
            continue;
          if (segs[k].triangle)
            triangle (j, pts + 2 * (gsize) segs[k].first, s->color);
          else if (segs[k].rounded)
            rounded_rect (j, &segs[k], s->color);
          else
            segment (j, &segs[k], s->color);
        }
    }
}

static void
draw_band (Job *j)
{
  draw_band_of (j, j->raster);
  for (guint i = 0; i < j->raster->n_parts; i++)
    draw_band_of (j, j->raster->parts[i]);
}

/* Where the threads of shz_stroke_raster_record_and_draw() wait for each other between
 * recording and drawing. */
typedef struct {
  GMutex mutex;
  GCond  cond;
  int    waiting;
} Barrier;

static void
barrier_wait (Barrier *b, int n)
{
  g_mutex_lock (&b->mutex);
  if (++b->waiting == n)
    g_cond_broadcast (&b->cond);
  else
    while (b->waiting < n)
      g_cond_wait (&b->cond, &b->mutex);
  g_mutex_unlock (&b->mutex);
}

static gpointer
draw_bands (gpointer data)
{
  Job *j = data;

  if (j->record != NULL)
    {
      j->record (j->raster->parts[j->thread], j->first_item, j->end_item, j->record_data);
      barrier_wait (j->barrier, j->n_threads);
    }
  /* the next band not taken, whichever thread is free first: the links crowd the middle */
  for (int b = g_atomic_int_add (j->next_band, 1); b * BAND_H < j->height; b = g_atomic_int_add (j->next_band, 1))
    {
      j->by0 = b * BAND_H;
      j->by1 = MIN (j->by0 + BAND_H, j->height);
      draw_band (j);
    }
  return NULL;
}

/* Draw @raster on @n_threads threads (the caller's the first), each first recording its share
 * of @n_items through @record when set. */
static void
run_threads (ShzStrokeRaster *raster, int n_threads, guint n_items, ShzStrokeRecordFunc record, gpointer data,
             cairo_surface_t *surface, double x_origin, double y_origin)
{
  Job jobs[MAX_THREADS];
  GThread *threads[MAX_THREADS] = { NULL };
  Barrier barrier = { 0 };
  int next_band = 0;

  g_mutex_init (&barrier.mutex);
  g_cond_init (&barrier.cond);
  cairo_surface_flush (surface);
  for (int t = 0; t < n_threads; t++)
    {
      Job *j = &jobs[t];

      memset (j, 0, sizeof *j);
      j->raster = raster;
      j->record = record;
      j->record_data = data;
      j->first_item = (guint) ((guint64) n_items * (guint) t / (guint) n_threads);
      j->end_item = (guint) ((guint64) n_items * (guint) (t + 1) / (guint) n_threads);
      j->barrier = &barrier;
      j->next_band = &next_band;
      j->pixels = cairo_image_surface_get_data (surface);
      j->width = cairo_image_surface_get_width (surface);
      j->height = cairo_image_surface_get_height (surface);
      j->stride = cairo_image_surface_get_stride (surface);
      j->xo = x_origin;
      j->yo = y_origin;
      j->thread = t;
      j->n_threads = n_threads;
    }
  for (int t = 1; t < n_threads; t++)
    threads[t] = g_thread_new ("shz-strokes", draw_bands, &jobs[t]);
  draw_bands (&jobs[0]);
  for (int t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);
  g_mutex_clear (&barrier.mutex);
  g_cond_clear (&barrier.cond);
  cairo_surface_mark_dirty (surface);
}

/* The threads to draw @n_shapes shapes on @surface with: one per core (up to eight) when there
 * are many, each with at least two bands to take. */
static int
threads_for (guint n_shapes, cairo_surface_t *surface)
{
  int n = n_shapes >= MIN_SHAPES_FOR_THREADS ? (int) CLAMP (g_get_num_processors (), 1, MAX_THREADS) : 1;
  return MAX (MIN (n, cairo_image_surface_get_height (surface) / (2 * BAND_H)), 1);
}

static gboolean
surface_ok (cairo_surface_t *surface)
{
  g_return_val_if_fail (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE, FALSE);
  g_return_val_if_fail (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32, FALSE);
  return cairo_image_surface_get_data (surface) != NULL && cairo_image_surface_get_width (surface) > 0 &&
         cairo_image_surface_get_height (surface) > 0;
}

void
shz_stroke_raster_draw (ShzStrokeRaster *raster,
                        cairo_surface_t *surface,
                        double           x_origin,
                        double           y_origin)
{
  if (!surface_ok (surface) || shz_stroke_raster_get_n_shapes (raster) == 0 ||
      !isfinite (x_origin) || !isfinite (y_origin))
    return;
  run_threads (raster, threads_for (shz_stroke_raster_get_n_shapes (raster), surface), 0, NULL, NULL,
               surface, x_origin, y_origin);
}

void
shz_stroke_raster_record_and_draw (ShzStrokeRaster     *raster,
                                   guint                n_items,
                                   ShzStrokeRecordFunc  record,
                                   gpointer             data,
                                   cairo_surface_t     *surface,
                                   double               x_origin,
                                   double               y_origin)
{
  int n_threads;

  shz_stroke_raster_reset (raster);
  if (!surface_ok (surface) || n_items == 0 || !isfinite (x_origin) || !isfinite (y_origin))
    return;
  n_threads = threads_for (n_items, surface);
  for (int t = 0; t < n_threads; t++)
    {
      if (raster->parts[t] == NULL)
        raster->parts[t] = shz_stroke_raster_new ();
      shz_stroke_raster_reset (raster->parts[t]);
    }
  raster->n_parts = (guint) n_threads;
  run_threads (raster, n_threads, n_items, record, data, surface, x_origin, y_origin);
}
