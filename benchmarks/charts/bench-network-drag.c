/* bench-network-drag.c — what the value network of many links costs to lay out and draw at
 * 1600 × 1000 (see README.md): per pointer step of a dragged node, the chart laid out again and
 * drawn into an image (as an export), and a new chart's first layout and draw (nothing kept from
 * a previous one); the links alone, drawn by our raster and — the peer — by
 * Cairo's stroker on the same image; and the canvas's frames, drawn as GTK does (into a
 * recording, replayed onto the window's image): a redraw for a hover or selection, and a drag
 * step with the still layer.
 *
 *   bench-network-drag [LINKS] [STEPS] [NODES]
 *
 * The links are deterministic (fixed seed) among the nodes of the ring: NODES 17 (the default)
 * is the shipped catalogue's value network; any other number (2–500) a generated catalogue,
 * as a user may write one, with that many nodes: one centre, 70 % stages, 15 % data streams,
 * the rest supporting elements, labels "节点 17" with every seventh one long.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "analysis/shz-assessment.h"
#include "analysis/shz-catalogue.h"
#include "charts/shz-network-chart.h"
#include "charts/shz-network-layout.h"
#include "shz-big-catalogue.h"

static const char * const nodes[] = {
  "consumer", "product", "manufacturing", "brand", "marketing", "channel", "retail", "service",
  "technology", "organisation", "finance", "logistics", "rd-data", "supply-data",
  "channel-data", "terminal-data", "consumer-data",
};
static const char * const link_kinds[] = { "transaction", "interaction", "experience" };

/* A value-network catalogue of @n nodes, ids n001 … (tests/network/shz-big-catalogue.h): 70 %
 * stages, 15 % data streams, the rest supporting elements; its node ids into @ids. */
static ShzCatalogue *
make_catalogue (guint n, GPtrArray *ids)
{
  guint n_stage = MAX (1, (n - 1) * 70 / 100), n_stream = (n - 1) * 15 / 100;
  g_autoptr(GError) error = NULL;
  ShzCatalogue *cat = shz_big_catalogue_new (n_stage, n_stream, n - 1 - n_stage - n_stream, ids, &error);

  if (cat == NULL)
    g_error ("%s", error->message);
  return cat;
}

/* The to-be assessment of @n_links links among the nodes @ids of @cat (fixed seed: the same
 * links every time). */
static ShzAssessment *
new_assessment (ShzCatalogue *cat, GPtrArray *ids, guint n_links)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2020);
  ShzAssessment *a = shz_assessment_new (cat);

  for (guint i = 0; i < n_links; i++)
    {
      g_autoptr(GError) error = NULL;
      guint s = g_rand_int_range (rand, 0, ids->len);
      guint t = g_rand_int_range (rand, 0, ids->len);

      if (!shz_assessment_add_link (a, ids->pdata[s], ids->pdata[t], g_rand_double_range (rand, 0, 10),
                                    link_kinds[i % 3], SHZ_STATE_TO_BE, &error))
        g_error ("%s", error->message);
    }
  return a;
}

/* A frame of the canvas: the chart into a recording (GTK's cairo node), replayed onto the
 * window's image (the renderer). */
static void
canvas_frame (ShzChart *chart, cairo_surface_t *window)
{
  cairo_rectangle_t extents = { 0, 0, 1600, 1000 };
  cairo_surface_t *rec = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  cairo_t *cr = cairo_create (rec);

  shz_chart_set_raster_scale (chart, 1);
  shz_chart_render (chart, cr, 1600, 1000);
  cairo_destroy (cr);
  cr = cairo_create (window);
  cairo_set_source_surface (cr, rec, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (window);
  cairo_surface_destroy (rec);
}

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

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
  guint n_nodes = argc > 3 ? (guint) atoi (argv[3]) : G_N_ELEMENTS (nodes);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  ShzCatalogue *cat = NULL;
  const char *dragged = "brand";
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzChart) chart = NULL;
  ShzAssessment *a = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 1000);
  g_autofree double *t_layout = g_new (double, steps);
  g_autofree double *t_draw = g_new (double, steps);
  g_autofree double *t_total = g_new (double, steps);
  g_autofree double *t_static = g_new (double, steps);
  g_autofree double *t_links = g_new (double, steps);
  g_autofree double *t_peer = g_new (double, steps);
  g_autofree double *t_cached = g_new (double, steps);
  g_autofree double *t_cpu = g_new (double, steps);
  g_autofree double *t_cold = g_new (double, steps);

  if (steps == 0 || n_nodes < 2 || n_nodes > 500)
    {
      fprintf (stderr, "usage: bench-network-drag [LINKS] [STEPS ≥ 1] [NODES 2–500]\n");
      return 2;
    }
  if (n_nodes == G_N_ELEMENTS (nodes))
    for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
      g_ptr_array_add (ids, g_strdup (nodes[i]));
  else
    {
      cat = make_catalogue (n_nodes, ids);
      dragged = ids->pdata[MIN (4, n_nodes - 1)];   /* a stage on the ring, as "brand" is */
    }
  a = new_assessment (cat, ids, n_links);
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
      shz_chart_move_item (chart, dragged, (i / 10) % 2 == 0 ? 6 : -6, 3 * sin (i));
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
  /* a new chart of the same network laid out and drawn once: nothing kept from a previous
   * layout (sizes of texts, shaped labels, drawing memory) but what the process has (fonts) */
  for (guint i = 0; i < steps; i++)
    {
      g_autoptr(ShzChart) fresh = shz_chart_new ("value-network", NULL);
      cairo_t *cr = cairo_create (surface);
      double t0;

      shz_chart_set_interactive (fresh, TRUE);
      shz_network_chart_set_assessment (SHZ_NETWORK_CHART (fresh), new_assessment (cat, ids, n_links));
      shz_chart_set_lang (fresh, SHZ_CHART_LANG_ZH_CN);
      t0 = now ();
      shz_chart_render (fresh, cr, 1600, 1000);
      cairo_surface_flush (surface);
      t_cold[i] = now () - t0;
      cairo_destroy (cr);
    }
  /* the links alone, ours and Cairo's, on the same background */
  for (guint i = 0; i < steps; i++)
    {
      ShzNetLayout *l = shz_network_chart_get_layout (SHZ_NETWORK_CHART (chart));
      cairo_t *cr = cairo_create (surface);
      double t0 = now ();

      shz_net_layout_render_parts (l, cr, -1, SHZ_NET_PART_GROUND | SHZ_NET_PART_LINKS, 1);
      cairo_surface_flush (surface);
      t_links[i] = now () - t0;
      cairo_destroy (cr);
      cr = cairo_create (surface);
      t0 = now ();
      shz_color_set_source (cr, &l->background);
      cairo_paint (cr);
      shz_net_layout_render_links_paths (l, cr);
      cairo_surface_flush (surface);
      t_peer[i] = now () - t0;
      cairo_destroy (cr);
    }
  /* the canvas: a redraw of the laid-out chart (a hover, a selection) */
  canvas_frame (chart, surface);
  for (guint i = 0; i < steps; i++)
    {
      double t0 = now ();
      canvas_frame (chart, surface);
      t_static[i] = now () - t0;
    }
  /* the canvas dragging: the links not touching the node drawn once, then only the rest */
  shz_chart_set_moving (chart, dragged);
  for (guint i = 0; i < steps; i++)
    {
      double t0 = now ();
      double c0 = (double) clock () / CLOCKS_PER_SEC;

      shz_chart_move_item (chart, dragged, (i / 10) % 2 == 0 ? 6 : -6, 3 * sin (i));
      canvas_frame (chart, surface);
      t_cached[i] = now () - t0;
      t_cpu[i] = (double) clock () / CLOCKS_PER_SEC - c0;
    }
  shz_chart_set_moving (chart, NULL);

  printf ("value-network, %u nodes, %u links, 1600×1000, %u steps\n", n_nodes, n_links, steps);
  report ("move + layout", t_layout, steps);
  report ("draw into an image", t_draw, steps);
  report ("layout and draw (target 16 ms)", t_total, steps);
  report ("  a new chart's first (nothing kept)", t_cold, steps);
  report ("links only: our raster", t_links, steps);
  report ("links only: Cairo (peer)", t_peer, steps);
  printf ("%-40s %.2f (median ours / median Cairo's)\n", "  ratio", t_links[steps / 2] / t_peer[steps / 2]);
  report ("canvas: redraw (hover, selection)", t_static, steps);
  report ("canvas: drag step (still layer)", t_cached, steps);
  report ("  the same, CPU time", t_cpu, steps);
  cairo_surface_destroy (surface);
  g_clear_object (&chart);           /* the chart borrows the catalogue */
  g_clear_pointer (&cat, shz_catalogue_free);
  return 0;
}
