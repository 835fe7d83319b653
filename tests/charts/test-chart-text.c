/* test-chart-text.c — chart texts drawn through layouts kept from draw to draw: the same
 * pixels as a text laid out afresh, in the language asked for whatever the process's, and
 * following a new scale of the target; numbers written as printf's "%g" writes them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "charts/shz-chart.h"
#include "charts/shz-chart-text.h"

static const ShzColor ink = { 0.1, 0.1, 0.1, 1 };
/* quotes and a comma: full width in the CJK font unless English asks for proportional ones */
static const char *const texts[] = { "“Consumer”, data", "消费者数据，“全渠道”", "Brand’s service" };

/* @texts drawn on a blank image at @scale, through @kept or else laid out afresh in @lang */
static cairo_surface_t *
draw (ShzTextLayouts *kept, const char *lang, double scale)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 240);
  cairo_t *cr = cairo_create (s);

  cairo_scale (cr, scale, scale);
  if (kept != NULL)
    {
      shz_text_layouts_begin (kept, cr, pango_language_from_string (lang));
      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        shz_text_layouts_draw (kept, cr, texts[i], 14, i == 1, 0, SHZ_TEXT_ALIGN_START, 10, 10 + 30 * i, &ink);
    }
  else
    {
      PangoContext *pango = shz_chart_text_create_context ();

      shz_chart_text_set_language (pango, lang);
      shz_chart_text_update_context (pango, cr);
      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        shz_chart_text_draw (cr, pango, texts[i], 14, i == 1, 0, SHZ_TEXT_ALIGN_START, 10, 10 + 30 * i, &ink);
      g_object_unref (pango);
    }
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static gboolean
same_pixels (cairo_surface_t *a, cairo_surface_t *b)
{
  gsize n = (gsize) cairo_image_surface_get_stride (a) * (gsize) cairo_image_surface_get_height (a);
  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b), n) == 0;
}

static void
test_kept (void)
{
  g_autoptr(ShzTextLayouts) kept = shz_text_layouts_new ();
  cairo_surface_t *fresh_en = draw (NULL, "en", 1), *fresh_zh = draw (NULL, "zh_CN", 1);
  cairo_surface_t *fresh_en2 = draw (NULL, "en", 2);
  cairo_surface_t *s;

  /* the two languages do lay these texts out differently */
  g_assert_false (same_pixels (fresh_en, fresh_zh));

  /* English, twice (the second from the kept layouts), Chinese, then English at twice the
   * scale: each the same as laid out afresh */
  for (guint round = 0; round < 2; round++)
    {
      s = draw (kept, "en", 1);
      g_assert_true (same_pixels (s, fresh_en));
      cairo_surface_destroy (s);
    }
  s = draw (kept, "zh_CN", 1);
  g_assert_true (same_pixels (s, fresh_zh));
  cairo_surface_destroy (s);
  s = draw (kept, "en", 2);
  g_assert_true (same_pixels (s, fresh_en2));
  cairo_surface_destroy (s);
  s = draw (kept, "en", 1);
  g_assert_true (same_pixels (s, fresh_en));
  cairo_surface_destroy (s);

  cairo_surface_destroy (fresh_en);
  cairo_surface_destroy (fresh_zh);
  cairo_surface_destroy (fresh_en2);
}

/* shz_chart_format_g() writes what printf's "%g" does: weights as analysts type them, random
 * doubles of every magnitude, the edges where six digits round up, and what it leaves to
 * printf (tiny, huge, not finite). */
static void
test_format_g (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  const double cases[] = { 0, -0.0, 1, -1, 3.5, 2.25, 10, 0.1, 0.0001, 0.00012345, 999999, 999999.4,
                           999999.6, 9.999995, 9.9999949, 0.99999951, 123456.5, 1e-5, 1e6, 1e300,
                           -7.125, 5e-324, NAN, INFINITY, -INFINITY, 42.000001, 1.0000005 };
  guint differ = 0, n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases) + 200000; i++)
    {
      double v;
      char ours[32], theirs[32];

      if (i < G_N_ELEMENTS (cases))
        v = cases[i];
      else if (i % 3 == 0)
        v = round (g_rand_double_range (rand, 0, 100) * 100) / 100;      /* as typed */
      else
        v = g_rand_double_range (rand, -1, 1) * pow (10, g_rand_int_range (rand, -6, 8));
      shz_chart_format_g (v, ours);
      g_ascii_formatd (theirs, sizeof theirs, "%g", v);
      n++;
      if (strcmp (ours, theirs) != 0)
        {
          /* a last digit may differ only where the seventh is a 5 that the double is a hair
           * either side of */
          if (++differ <= 5)
            g_test_message ("%.17g: “%s”, printf “%s”", v, ours, theirs);
          g_assert_cmpuint (strlen (ours), ==, strlen (theirs));
          g_assert_cmpint (strncmp (ours, theirs, strlen (ours) - 1), ==, 0);
        }
    }
  g_test_message ("%u of %u differ in the last digit", differ, n);
  g_assert_cmpuint (differ, <, n / 10000 + 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/charts/text/kept-layouts", test_kept);
  g_test_add_func ("/charts/text/format-g", test_format_g);
  return g_test_run ();
}
