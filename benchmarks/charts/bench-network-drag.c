/* bench-network-drag.c — what a drag of a node of the value network costs on the canvas: per
 * pointer step the node is moved, the chart laid out again and drawn at canvas size
 * (1600 × 1000, as the chart view does), with 2,000 links (see README.md).
 *
 *   bench-network-drag [LINKS] [STEPS]
 *
 * The links are deterministic (fixed seed) among the 17 nodes of the catalogue's ring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "analysis/shz-assessment.h"
#include "charts/shz-network-chart.h"

static const char * const nodes[] = {
  "consumer", "product", "manufacturing", "brand", "marketing", "channel", "retail", "service",
  "technology", "organisation", "finance", "logistics", "rd-data", "supply-data",
  "channel-data", "terminal-data", "consumer-data",
};
static const char * const link_kinds[] = { "transaction", "interaction", "experience" };

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
report (const char *what, double *t, guint n)
{
  qsort (t, n, sizeof (double), compare_doubles);
  printf ("%-40s min %7.2f ms   median %7.2f ms   max %7.2f ms\n", what, t[0] * 1e3, t[n / 2] * 1e3, t[n - 1] * 1e3);
}

int
main (int argc, char **argv)
{
  guint n_links = argc > 1 ? (guint) atoi (argv[1]) : 2000;
  guint steps = argc > 2 ? (guint) atoi (argv[2]) : 60;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2020);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzChart) chart = NULL;
  ShzAssessment *a = shz_assessment_new (NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 1000);
  g_autofree double *t_layout = g_new (double, steps);
  g_autofree double *t_draw = g_new (double, steps);
  g_autofree double *t_total = g_new (double, steps);
  g_autofree double *t_static = g_new (double, steps);
  g_autofree double *t_cached = g_new (double, steps);
  g_autofree double *t_cpu = g_new (double, steps);

  for (guint i = 0; i < n_links; i++)
    {
      guint s = g_rand_int_range (rand, 0, G_N_ELEMENTS (nodes));
      guint t = g_rand_int_range (rand, 0, G_N_ELEMENTS (nodes));
      if (!shz_assessment_add_link (a, nodes[s], nodes[t], g_rand_double_range (rand, 0, 10),
                                    link_kinds[i % 3], SHZ_STATE_TO_BE, &error))
        g_error ("%s", error->message);
    }
  chart = shz_chart_new ("value-network", &error);
  if (chart == NULL)
    g_error ("%s", error->message);
  shz_chart_set_interactive (chart, TRUE);
  shz_network_chart_set_assessment (SHZ_NETWORK_CHART (chart), a);
  shz_chart_set_lang (chart, SHZ_CHART_LANG_ZH_CN);

  /* warm up: fonts, the first layout */
  {
    cairo_t *cr = cairo_create (surface);
    shz_chart_render (chart, cr, 1600, 1000);
    cairo_destroy (cr);
  }

  for (guint i = 0; i < steps; i++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 t0, t1, t2;

      /* a pointer step of a few pixels, back and forth */
      t0 = g_get_monotonic_time ();
      shz_chart_move_item (chart, "brand", (i / 10) % 2 == 0 ? 6 : -6, 3 * sin (i));
      shz_chart_ensure_layout (chart, NULL, 1600, 1000);
      t1 = g_get_monotonic_time ();
      shz_chart_render (chart, cr, 1600, 1000);
      cairo_surface_flush (surface);
      t2 = g_get_monotonic_time ();
      cairo_destroy (cr);
      t_layout[i] = (t1 - t0) / 1e6;
      t_draw[i] = (t2 - t1) / 1e6;
      t_total[i] = (t2 - t0) / 1e6;
    }
  for (guint i = 0; i < steps; i++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 t0 = g_get_monotonic_time ();
      shz_chart_render (chart, cr, 1600, 1000);   /* laid out already: drawing only */
      cairo_surface_flush (surface);
      t_static[i] = (g_get_monotonic_time () - t0) / 1e6;
      cairo_destroy (cr);
    }
  /* as the canvas drags: the links not touching the node drawn once, then only the rest */
  shz_chart_set_moving (chart, "brand");
  for (guint i = 0; i < steps; i++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 t0 = g_get_monotonic_time ();
      double c0 = (double) clock () / CLOCKS_PER_SEC;

      shz_chart_move_item (chart, "brand", (i / 10) % 2 == 0 ? 6 : -6, 3 * sin (i));
      shz_chart_render (chart, cr, 1600, 1000);
      cairo_surface_flush (surface);
      t_cached[i] = (g_get_monotonic_time () - t0) / 1e6;
      t_cpu[i] = (double) clock () / CLOCKS_PER_SEC - c0;
      cairo_destroy (cr);
    }
  shz_chart_set_moving (chart, NULL);

  printf ("value-network, %u links, 1600×1000, %u drag steps\n", n_links, steps);
  report ("drag step: move + layout", t_layout, steps);
  report ("drag step: draw", t_draw, steps);
  report ("drag step: total", t_total, steps);
  report ("redraw without a move (draw only)", t_static, steps);
  report ("drag step, canvas (still layer): total", t_cached, steps);
  report ("  the same, CPU time", t_cpu, steps);
  cairo_surface_destroy (surface);
  return 0;
}
