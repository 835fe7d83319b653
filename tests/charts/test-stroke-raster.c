/* test-stroke-raster.c — the link layer's rasteriser: exact coverage of aligned strokes, ink
 * equal to length × width at any angle, joints of flattened curves neither doubled nor gapped,
 * dashes, triangles, agreement with Cairo on the same curves, the same picture whatever the
 * origin of the image, and hostile input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "charts/shz-stroke-raster.h"

static const ShzColor opaque_black = { 0, 0, 0, 1 };

static cairo_surface_t *
blank (int w, int h)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  return s;
}

static guint
alpha_at (cairo_surface_t *s, int x, int y)
{
  const guint8 *d = cairo_image_surface_get_data (s);
  guint32 p;

  memcpy (&p, d + (gsize) y * cairo_image_surface_get_stride (s) + (gsize) x * 4, 4);
  return p >> 24;
}

/* Σ alpha / 255 over the image: the ink of an opaque stroke, in pixels */
static double
ink (cairo_surface_t *s)
{
  double sum = 0;

  cairo_surface_flush (s);
  for (int y = 0; y < cairo_image_surface_get_height (s); y++)
    for (int x = 0; x < cairo_image_surface_get_width (s); x++)
      sum += alpha_at (s, x, y) / 255.0;
  return sum;
}

static void
draw_line (cairo_surface_t *s, double x0, double y0, double x1, double y1, double width, const ShzColor *c)
{
  g_autoptr(ShzStrokeRaster) r = shz_stroke_raster_new ();
  double xy[4] = { x0, y0, x1, y1 };

  shz_stroke_raster_begin (r, c);
  shz_stroke_raster_polyline (r, xy, 2, width, NULL, 0);
  shz_stroke_raster_draw (r, s, 0, 0);
}

/* A horizontal line on pixel edges covers whole pixels, its butt ends included. */
static void
test_aligned (void)
{
  cairo_surface_t *s = blank (64, 32);

  draw_line (s, 10, 10, 50, 10, 2, &opaque_black);
  for (int x = 0; x < 64; x++)
    for (int y = 0; y < 32; y++)
      {
        guint want = (x >= 10 && x < 50 && (y == 9 || y == 10)) ? 255 : 0;
        if (alpha_at (s, x, y) != want)
          g_error ("pixel %d,%d: alpha %u, expected %u", x, y, alpha_at (s, x, y), want);
      }
  cairo_surface_destroy (s);

  /* one pixel wide on a pixel's middle: one row; on a pixel edge: two rows at half */
  s = blank (64, 32);
  draw_line (s, 10, 10.5, 50, 10.5, 1, &opaque_black);
  g_assert_cmpuint (alpha_at (s, 30, 10), ==, 255);
  g_assert_cmpuint (alpha_at (s, 30, 9), ==, 0);
  g_assert_cmpuint (alpha_at (s, 30, 11), ==, 0);
  cairo_surface_destroy (s);
  s = blank (64, 32);
  draw_line (s, 10, 10, 50, 10, 1, &opaque_black);
  g_assert_cmpuint (alpha_at (s, 30, 9), >=, 127);
  g_assert_cmpuint (alpha_at (s, 30, 9), <=, 128);
  g_assert_cmpuint (alpha_at (s, 30, 10), >=, 127);
  g_assert_cmpuint (alpha_at (s, 30, 10), <=, 128);
  /* a hairline (0.5) is a half-covered row, as Cairo draws it */
  cairo_surface_destroy (s);
  s = blank (64, 32);
  draw_line (s, 10, 20.5, 50, 20.5, 0.5, &opaque_black);
  g_assert_cmpuint (alpha_at (s, 30, 20), >=, 127);
  g_assert_cmpuint (alpha_at (s, 30, 20), <=, 128);
  g_assert_cmpuint (alpha_at (s, 30, 19) + alpha_at (s, 30, 21), ==, 0);
  cairo_surface_destroy (s);
}

/* At any angle and width, the ink is the stroke's area. */
static void
test_ink_any_angle (void)
{
  for (int i = 0; i < 36; i++)
    {
      double a = i * G_PI / 18 + 0.05, len = 120, w = 0.5 + (i % 6) * 0.7;
      cairo_surface_t *s = blank (300, 300);
      double got;

      draw_line (s, 150 - cos (a) * len / 2, 150 - sin (a) * len / 2, 150 + cos (a) * len / 2,
                 150 + sin (a) * len / 2, w, &opaque_black);
      got = ink (s);
      if (fabs (got - len * w) > 0.03 * len * w)
        g_error ("angle %.2f width %.1f: ink %.1f, expected %.1f", a, w, got, len * w);
      cairo_surface_destroy (s);
    }
}

/* A flattened curve in a translucent colour: no pixel darker than the colour (a joint blended
 * twice would be), and the ink of the whole curve is its length × width (no gaps). */
static void
test_joints (void)
{
  ShzColor c = { 0.2, 0.4, 0.8, 0.6 };
  g_autoptr(ShzStrokeRaster) r = shz_stroke_raster_new ();
  g_autoptr(GArray) pts = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_surface_t *s = blank (400, 300);
  double start[2] = { 20, 250 }, length = 0, got;
  guint max_alpha = 0;

  g_array_append_vals (pts, start, 2);
  shz_flatten_quadratic (pts, 20, 250, 200, -150, 380, 250, 0.2);
  g_assert_cmpuint (pts->len / 2, >, 10);
  for (guint i = 0; i + 1 < pts->len / 2; i++)
    {
      const double *p = (const double *) pts->data + 2 * i;
      length += hypot (p[2] - p[0], p[3] - p[1]);
    }
  shz_stroke_raster_begin (r, &c);
  shz_stroke_raster_polyline (r, (const double *) pts->data, pts->len / 2, 3, NULL, 0);
  shz_stroke_raster_draw (r, s, 0, 0);
  cairo_surface_flush (s);
  for (int y = 0; y < 300; y++)
    for (int x = 0; x < 400; x++)
      max_alpha = MAX (max_alpha, alpha_at (s, x, y));
  g_assert_cmpuint (max_alpha, <=, (guint) lround (0.6 * 255) + 1);
  g_assert_cmpuint (max_alpha, >=, (guint) lround (0.6 * 255) - 1);
  /* and no lighter seam: every pixel on the curve (its centre well inside the 3-unit width)
   * has the colour's alpha, joints included */
  for (double t = 0.02; t < 0.98; t += 0.002)
    {
      double u = 1 - t;
      double x = u * u * 20 + 2 * u * t * 200 + t * t * 380, y = u * u * 250 + 2 * u * t * -150 + t * t * 250;
      guint a = alpha_at (s, (int) floor (x), (int) floor (y));
      if (a + 1 < (guint) lround (0.6 * 255))
        g_error ("curve at t %.3f (%.1f, %.1f): alpha %u, a seam", t, x, y, a);
    }
  got = ink (s) / 0.6;
  if (fabs (got - length * 3) > 0.03 * length * 3)
    g_error ("curve: ink %.1f, expected %.1f", got, length * 3);
  cairo_surface_destroy (s);
}

/* Dashes 10 on, 10 off along a row; and a pattern too fine for its length is drawn solid. */
static void
test_dashes (void)
{
  g_autoptr(ShzStrokeRaster) r = shz_stroke_raster_new ();
  cairo_surface_t *s = blank (120, 20);
  double xy[4] = { 0, 10.5, 100, 10.5 }, dash[2] = { 10, 10 };

  shz_stroke_raster_begin (r, &opaque_black);
  shz_stroke_raster_polyline (r, xy, 2, 1, dash, 2);
  shz_stroke_raster_draw (r, s, 0, 0);
  for (int x = 0; x < 100; x++)
    {
      guint want = (x / 10) % 2 == 0 ? 255 : 0;
      if (alpha_at (s, x, 10) != want)
        g_error ("dash pixel %d: alpha %u, expected %u", x, alpha_at (s, x, 10), want);
    }
  g_assert_cmpuint (alpha_at (s, 110, 10), ==, 0);
  cairo_surface_destroy (s);
}

static void
test_triangle (void)
{
  g_autoptr(ShzStrokeRaster) r = shz_stroke_raster_new ();
  cairo_surface_t *s = blank (100, 100);
  double xy[6] = { 10.3, 10.7, 90.2, 30.1, 40.6, 85.9 };
  double area = fabs ((xy[2] - xy[0]) * (xy[5] - xy[1]) - (xy[4] - xy[0]) * (xy[3] - xy[1])) / 2;

  shz_stroke_raster_begin (r, &opaque_black);
  shz_stroke_raster_triangle (r, xy);
  shz_stroke_raster_draw (r, s, 0, 0);
  g_assert_cmpfloat (fabs (ink (s) - area), <, 0.02 * area);
  g_assert_cmpuint (alpha_at (s, 45, 40), ==, 255);
  g_assert_cmpuint (alpha_at (s, 5, 5), ==, 0);
  cairo_surface_destroy (s);
}

/* The same curves stroked by Cairo: nearly the same pixels. */
static void
test_like_cairo (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(ShzStrokeRaster) r = shz_stroke_raster_new ();
  g_autoptr(GArray) pts = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_surface_t *ours = blank (640, 400), *theirs = blank (640, 400);
  cairo_t *cr = cairo_create (theirs);
  const guint8 *a, *b;
  double diff = 0;

  for (int i = 0; i < 60; i++)
    {
      double x0 = g_rand_double_range (rand, 20, 620), y0 = g_rand_double_range (rand, 20, 380);
      double x1 = g_rand_double_range (rand, 20, 620), y1 = g_rand_double_range (rand, 20, 380);
      double cx = g_rand_double_range (rand, 0, 640), cy = g_rand_double_range (rand, 0, 400);
      double w = g_rand_double_range (rand, 0.5, 5), start[2] = { x0, y0 };
      ShzColor c = { (i % 3) / 2.0, 0.5, 1 - (i % 3) / 2.0, 0.7 };

      g_array_set_size (pts, 0);
      g_array_append_vals (pts, start, 2);
      shz_flatten_quadratic (pts, x0, y0, cx, cy, x1, y1, 0.2);
      shz_stroke_raster_begin (r, &c);
      shz_stroke_raster_polyline (r, (const double *) pts->data, pts->len / 2, w, NULL, 0);

      cairo_set_source_rgba (cr, c.r, c.g, c.b, c.a);
      cairo_set_line_width (cr, w);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_move_to (cr, x0, y0);
      cairo_curve_to (cr, x0 + 2.0 / 3 * (cx - x0), y0 + 2.0 / 3 * (cy - y0),
                      x1 + 2.0 / 3 * (cx - x1), y1 + 2.0 / 3 * (cy - y1), x1, y1);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
  shz_stroke_raster_draw (r, ours, 0, 0);
  cairo_surface_flush (theirs);
  a = cairo_image_surface_get_data (ours);
  b = cairo_image_surface_get_data (theirs);
  for (gsize i = 0; i < (gsize) cairo_image_surface_get_stride (ours) * 400; i++)
    diff += abs ((int) a[i] - (int) b[i]);
  diff /= (double) cairo_image_surface_get_stride (ours) * 400;
  g_test_message ("mean difference from Cairo: %.3f of 255", diff);
  g_assert_cmpfloat (diff, <, 2.0);
  g_assert_cmpfloat (fabs (ink (ours) - ink (theirs)), <, 0.02 * ink (theirs));
  cairo_surface_destroy (ours);
  cairo_surface_destroy (theirs);
}

/* A closed outline is joined where it closes: a square's outline on pixel edges covers its
 * whole ring of pixels, corners included, and nothing twice; left open, its first corner has
 * a notch. */
static void
test_closed (void)
{
  const double sq[8] = { 10, 10, 40, 10, 40, 30, 10, 30 };
  g_autoptr(ShzStrokeRaster) r = shz_stroke_raster_new ();
  cairo_surface_t *s = blank (64, 48);
  ShzColor half = { 0, 0, 0, 0.5 };

  shz_stroke_raster_begin (r, &half);
  shz_stroke_raster_closed (r, sq, 4, 2, NULL, 0);
  shz_stroke_raster_draw (r, s, 0, 0);
  for (int x = 0; x < 64; x++)
    for (int y = 0; y < 48; y++)
      {
        gboolean outer = x >= 9 && x < 41 && y >= 9 && y < 31, inner = x >= 11 && x < 39 && y >= 11 && y < 29;
        guint want = outer && !inner ? 128 : 0;
        if (alpha_at (s, x, y) != want)
          g_error ("closed square, pixel %d,%d: alpha %u, expected %u", x, y, alpha_at (s, x, y), want);
      }
  cairo_surface_destroy (s);

  s = blank (64, 48);
  shz_stroke_raster_reset (r);
  shz_stroke_raster_begin (r, &half);
  shz_stroke_raster_polyline (r, sq, 4, 2, NULL, 0);
  shz_stroke_raster_draw (r, s, 0, 0);
  g_assert_cmpuint (alpha_at (s, 9, 9), ==, 0);       /* the open end's corner */
  g_assert_cmpuint (alpha_at (s, 40, 9), ==, 128);    /* a joint's */
  cairo_surface_destroy (s);

  /* dashed, round and back: the dashes' ink is their length × width */
  s = blank (64, 48);
  shz_stroke_raster_reset (r);
  shz_stroke_raster_begin (r, &opaque_black);
  shz_stroke_raster_closed (r, sq, 4, 1, (const double[]) { 5, 5 }, 2);
  shz_stroke_raster_draw (r, s, 0, 0);
  /* 100 units round: ten dashes of 5, each 1 wide (one turning a corner loses or gains a
   * little at its mitre) */
  g_assert_cmpfloat (fabs (ink (s) - 50), <, 1.5);
  cairo_surface_destroy (s);
}

/* A filled rectangle on pixel edges covers exactly its pixels; off them, and rounded, its ink
 * is its area, and it agrees with Cairo's fill of the same shape. */
static void
test_rounded_rect (void)
{
  g_autoptr(ShzStrokeRaster) r = shz_stroke_raster_new ();
  cairo_surface_t *s = blank (64, 48), *theirs;
  cairo_t *cr;
  const guint8 *a, *b;
  double diff = 0, rad = 6;

  shz_stroke_raster_begin (r, &opaque_black);
  shz_stroke_raster_rounded_rect (r, 5, 7, 30, 20, 0);
  shz_stroke_raster_draw (r, s, 0, 0);
  for (int x = 0; x < 64; x++)
    for (int y = 0; y < 48; y++)
      {
        guint want = x >= 5 && x < 35 && y >= 7 && y < 27 ? 255 : 0;
        if (alpha_at (s, x, y) != want)
          g_error ("rectangle, pixel %d,%d: alpha %u, expected %u", x, y, alpha_at (s, x, y), want);
      }
  cairo_surface_destroy (s);

  s = blank (64, 48);
  theirs = blank (64, 48);
  shz_stroke_raster_reset (r);
  shz_stroke_raster_begin (r, &opaque_black);
  shz_stroke_raster_rounded_rect (r, 5.3, 7.6, 40.5, 30.25, rad);
  shz_stroke_raster_draw (r, s, 0, 0);
  g_assert_cmpfloat (fabs (ink (s) - (40.5 * 30.25 - (4 - G_PI) * rad * rad)), <, 1.0);
  cr = cairo_create (theirs);
  cairo_new_sub_path (cr);
  cairo_arc (cr, 5.3 + 40.5 - rad, 7.6 + rad, rad, -G_PI / 2, 0);
  cairo_arc (cr, 5.3 + 40.5 - rad, 7.6 + 30.25 - rad, rad, 0, G_PI / 2);
  cairo_arc (cr, 5.3 + rad, 7.6 + 30.25 - rad, rad, G_PI / 2, G_PI);
  cairo_arc (cr, 5.3 + rad, 7.6 + rad, rad, G_PI, 1.5 * G_PI);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (theirs);
  a = cairo_image_surface_get_data (s);
  b = cairo_image_surface_get_data (theirs);
  for (gsize i = 0; i < (gsize) cairo_image_surface_get_stride (s) * 48; i++)
    diff = MAX (diff, abs ((int) a[i] - (int) b[i]));
  g_test_message ("rounded rectangle: largest difference from Cairo %.0f of 255", diff);
  g_assert_cmpfloat (diff, <=, 40);
  cairo_surface_destroy (s);
  cairo_surface_destroy (theirs);

  /* hostile sizes draw nothing, or what fits */
  s = blank (16, 16);
  shz_stroke_raster_reset (r);
  shz_stroke_raster_begin (r, &opaque_black);
  shz_stroke_raster_rounded_rect (r, NAN, 0, 10, 10, 2);
  shz_stroke_raster_rounded_rect (r, 0, 0, -5, 10, 2);
  shz_stroke_raster_rounded_rect (r, 0, 0, 10, INFINITY, 2);
  shz_stroke_raster_rounded_rect (r, 2, 2, 4, 4, 1e9);        /* a radius beyond half: a disc */
  shz_stroke_raster_rounded_rect (r, -1e6, -1e6, 2e6, 2e6, NAN);  /* the whole image */
  shz_stroke_raster_draw (r, s, 0, 0);
  g_assert_cmpuint (alpha_at (s, 8, 8), ==, 255);
  cairo_surface_destroy (s);
}

/* The shapes of test_record_on_threads(): item i, from a seed of its own */
static void
record_item_range (ShzStrokeRaster *r, guint first, guint end, gpointer data)
{
  for (guint i = first; i < end; i++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (1000 + i);
      ShzColor c = { (i % 3) / 2.0, 0.4, 0.9, 0.6 };
      double xy[8];

      for (int k = 0; k < 8; k++)
        xy[k] = g_rand_double_range (rand, -20, k % 2 ? 420 : 620);
      shz_stroke_raster_begin (r, &c);
      shz_stroke_raster_polyline (r, xy, 4, g_rand_double_range (rand, 0.3, 5), i % 4 == 0 ? (const double[]) { 6, 3 } : NULL,
                                  i % 4 == 0 ? 2 : 0);
      if (i % 7 == 0)
        shz_stroke_raster_triangle (r, xy);
    }
}

/* Recorded by the drawing threads, each its share, the items draw as recorded in order first:
 * the same pixels (their order kept in every band). */
static void
test_record_on_threads (void)
{
  g_autoptr(ShzStrokeRaster) r = shz_stroke_raster_new ();
  cairo_surface_t *serial = blank (600, 400), *threaded = blank (600, 400);

  record_item_range (r, 0, 500, NULL);
  shz_stroke_raster_draw (r, serial, 0, 0);
  shz_stroke_raster_record_and_draw (r, 500, record_item_range, NULL, threaded, 0, 0);
  g_assert_cmpuint (shz_stroke_raster_get_n_shapes (r), ==, 500);
  g_assert_cmpmem (cairo_image_surface_get_data (serial), cairo_image_surface_get_stride (serial) * 400,
                   cairo_image_surface_get_data (threaded), cairo_image_surface_get_stride (threaded) * 400);
  g_assert_cmpfloat (ink (threaded), >, 1000);
  /* recorded anew each time, the last recording forgotten */
  shz_stroke_raster_record_and_draw (r, 3, record_item_range, NULL, threaded, 0, 0);
  g_assert_cmpuint (shz_stroke_raster_get_n_shapes (r), ==, 3);
  shz_stroke_raster_reset (r);
  g_assert_cmpuint (shz_stroke_raster_get_n_shapes (r), ==, 0);
  cairo_surface_destroy (serial);
  cairo_surface_destroy (threaded);
}

/* Drawn into a part of the picture (the visible part of a zoomed canvas), many shapes (two
 * threads, many bands): the same pixels as the whole picture there. */
static void
test_origin_and_bands (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(ShzStrokeRaster) r = shz_stroke_raster_new ();
  cairo_surface_t *whole = blank (700, 500), *part = blank (300, 220), *again = blank (700, 500);

  for (int i = 0; i < 300; i++)
    {
      double xy[6];
      ShzColor c = { 0.1, 0.6, 0.3, 0.5 };
      for (int k = 0; k < 6; k++)
        xy[k] = g_rand_double_range (rand, -50, k % 2 ? 550 : 750);
      shz_stroke_raster_begin (r, &c);
      shz_stroke_raster_polyline (r, xy, 3, g_rand_double_range (rand, 0.3, 6), NULL, 0);
      if (i % 5 == 0)
        shz_stroke_raster_triangle (r, xy);
    }
  g_assert_cmpuint (shz_stroke_raster_get_n_shapes (r), ==, 300);
  shz_stroke_raster_draw (r, whole, 0, 0);
  shz_stroke_raster_draw (r, part, 200, 150);
  shz_stroke_raster_draw (r, again, 0, 0);
  g_assert_cmpmem (cairo_image_surface_get_data (whole), cairo_image_surface_get_stride (whole) * 500,
                   cairo_image_surface_get_data (again), cairo_image_surface_get_stride (again) * 500);
  for (int y = 0; y < 220; y++)
    for (int x = 0; x < 300; x++)
      if (alpha_at (part, x, y) != alpha_at (whole, x + 200, y + 150))
        g_error ("pixel %d,%d of the part: alpha %u, %u in the whole", x, y, alpha_at (part, x, y),
                 alpha_at (whole, x + 200, y + 150));
  /* reset keeps nothing */
  shz_stroke_raster_reset (r);
  g_assert_cmpuint (shz_stroke_raster_get_n_shapes (r), ==, 0);
  cairo_surface_destroy (whole);
  cairo_surface_destroy (part);
  cairo_surface_destroy (again);
}

/* Non-finite and huge coordinates, zero and negative widths, degenerate dashes and triangles,
 * a one-pixel image: nothing drawn where nothing is meant, no crash. */
static void
test_hostile (void)
{
  g_autoptr(ShzStrokeRaster) r = shz_stroke_raster_new ();
  g_autoptr(GArray) pts = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_surface_t *s = blank (50, 50), *one = blank (1, 1);
  double nan_xy[4] = { NAN, 1, 20, 20 }, inf_xy[4] = { 1, 1, INFINITY, 20 };
  double huge[4] = { -1e12, 25, 1e12, 25 }, line[4] = { 5, 5, 45, 45 };
  double same[6] = { 10, 10, 10, 10, 10, 10 }, flat[6] = { 0, 0, 10, 10, 20, 20 };
  double bad_dash[2] = { -1, NAN }, zero_dash[2] = { 0, 0 };
  ShzColor nan_color = { NAN, 0, 0, NAN };

  shz_stroke_raster_begin (r, &opaque_black);
  shz_stroke_raster_polyline (r, nan_xy, 2, 2, NULL, 0);
  shz_stroke_raster_polyline (r, inf_xy, 2, 2, NULL, 0);
  shz_stroke_raster_polyline (r, huge, 2, 2, NULL, 0);
  shz_stroke_raster_polyline (r, line, 2, 0, NULL, 0);
  shz_stroke_raster_polyline (r, line, 2, -3, NULL, 0);
  shz_stroke_raster_polyline (r, line, 2, NAN, NULL, 0);
  shz_stroke_raster_polyline (r, line, 1, 2, NULL, 0);
  shz_stroke_raster_polyline (r, same, 3, 2, NULL, 0);
  shz_stroke_raster_triangle (r, same);
  shz_stroke_raster_triangle (r, flat);
  shz_stroke_raster_draw (r, s, 0, 0);
  g_assert_cmpfloat (ink (s), ==, 0);

  /* degenerate dash patterns fall back to a solid line */
  shz_stroke_raster_reset (r);
  shz_stroke_raster_begin (r, &opaque_black);
  shz_stroke_raster_polyline (r, line, 2, 1, bad_dash, 2);
  shz_stroke_raster_polyline (r, line, 2, 1, zero_dash, 2);
  shz_stroke_raster_draw (r, one, 0, 0);
  /* a colour that is not a number draws nothing */
  shz_stroke_raster_begin (r, &nan_color);
  shz_stroke_raster_polyline (r, line, 2, 4, NULL, 0);
  cairo_surface_destroy (s);
  s = blank (50, 50);
  shz_stroke_raster_reset (r);
  shz_stroke_raster_begin (r, &nan_color);
  shz_stroke_raster_polyline (r, line, 2, 4, NULL, 0);
  shz_stroke_raster_draw (r, s, 0, 0);
  g_assert_cmpfloat (ink (s), ==, 0);
  /* a non-finite origin draws nothing */
  shz_stroke_raster_reset (r);
  shz_stroke_raster_begin (r, &opaque_black);
  shz_stroke_raster_polyline (r, line, 2, 4, NULL, 0);
  shz_stroke_raster_draw (r, s, NAN, 0);
  g_assert_cmpfloat (ink (s), ==, 0);

  /* flattening helpers with absurd input stay bounded */
  shz_flatten_quadratic (pts, 0, 0, 1e300, -1e300, 5, 5, 0.2);
  g_assert_cmpuint (pts->len / 2, <=, 1000);
  g_array_set_size (pts, 0);
  shz_flatten_quadratic (pts, NAN, 0, 0, 0, 5, 5, 0.2);
  g_assert_cmpuint (pts->len / 2, ==, 1);
  g_array_set_size (pts, 0);
  shz_flatten_arc (pts, 0, 0, 1e9, 0, 1e6, 0.2);
  g_assert_cmpuint (pts->len / 2, <=, 1000);
  cairo_surface_destroy (s);
  cairo_surface_destroy (one);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/charts/stroke-raster/aligned", test_aligned);
  g_test_add_func ("/charts/stroke-raster/ink-any-angle", test_ink_any_angle);
  g_test_add_func ("/charts/stroke-raster/joints", test_joints);
  g_test_add_func ("/charts/stroke-raster/dashes", test_dashes);
  g_test_add_func ("/charts/stroke-raster/triangle", test_triangle);
  g_test_add_func ("/charts/stroke-raster/like-cairo", test_like_cairo);
  g_test_add_func ("/charts/stroke-raster/closed", test_closed);
  g_test_add_func ("/charts/stroke-raster/record-on-threads", test_record_on_threads);
  g_test_add_func ("/charts/stroke-raster/rounded-rect", test_rounded_rect);
  g_test_add_func ("/charts/stroke-raster/origin-and-bands", test_origin_and_bands);
  g_test_add_func ("/charts/stroke-raster/hostile", test_hostile);
  return g_test_run ();
}
