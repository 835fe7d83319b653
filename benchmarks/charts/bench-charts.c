/* bench-charts.c — fixtures and in-process timings for the chart benchmarks (see README.md).
 *
 *   bench-charts gen N FILE.csv STORE.shuzhi   positions of N enterprises in six industries:
 *                                              a CSV for the peers, the same rows in a store
 *   bench-charts redraw STORE.shuzhi [RUNS]    canvas-sized (1600×1000) redraw times, cold
 *                                              (point layer rasterised) and warm (cached)
 *
 * The positions are deterministic (fixed seed), so every run and every peer draws the same chart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "charts/shz-maturity-map.h"

static const char * const industries[] = {
  "科技文教", "制造工业", "政务与治理", "金融", "零售消费与生活服务", "互联网",
};
static const double centres[6][2] = {
  { 24, 20 }, { 34, 29 }, { 43, 37 }, { 60, 55 }, { 72, 46 }, { 86, 84 },
};

static double
gauss (GRand *rand)
{
  double u = g_rand_double_range (rand, 1e-12, 1), v = g_rand_double (rand);
  return sqrt (-2 * log (u)) * cos (2 * G_PI * v);
}

static int
gen (guint n, const char *csv_path, const char *store_path)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2019);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  g_autoptr(ShzEngagement) e = shz_engagement_new ();
  g_autoptr(ShzDataset) d = shz_dataset_new ();
  g_autoptr(ShzRowInserter) ins = NULL;
  FILE *csv;
  gint64 eid, did;

  g_unlink (store_path);
  store = shz_store_open (store_path, SHZ_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  e->name = g_strdup ("bench");
  e->client = g_strdup ("bench");
  eid = shz_store_create_engagement (store, e, &error);
  if (eid == 0)
    g_error ("%s", error->message);
  d->engagement_id = eid;
  d->name = g_strdup ("enterprises");
  d->kind = SHZ_KIND_POSITIONS;
  d->source_name = g_path_get_basename (csv_path);
  d->illustrative = TRUE;
  d->note = g_strdup ("Synthetic benchmark positions.");
  if (!shz_store_begin (store, &error))
    g_error ("%s", error->message);
  did = shz_store_create_dataset (store, d, &error);
  if (did == 0)
    g_error ("%s", error->message);
  ins = shz_row_inserter_new (store, did, SHZ_KIND_POSITIONS, &error);
  if (ins == NULL)
    g_error ("%s", error->message);

  csv = fopen (csv_path, "w");
  if (csv == NULL)
    g_error ("cannot write %s", csv_path);
  fprintf (csv, "entity,group,industry_index,maturity,innovation,size\n");
  for (guint i = 0; i < n; i++)
    {
      guint g = g_rand_int_range (rand, 0, 6);
      char entity[32];
      ShzPositionRow row = { 0 };

      g_snprintf (entity, sizeof entity, "E%07u", i);
      row.row_no = i + 1;
      row.entity = entity;
      row.group = industries[g];
      double mx = centres[g][0] + 9 * gauss (rand);   /* CLAMP evaluates its argument twice */
      double my = centres[g][1] + 9 * gauss (rand);

      row.maturity = CLAMP (mx, 0, 100);
      row.innovation = CLAMP (my, 0, 100);
      row.size = g_rand_double_range (rand, 0, 100);
      row.maturity_lo = row.maturity_hi = row.innovation_lo = row.innovation_hi = NAN;
      /* two decimals in both, so the peers and the store hold the same numbers */
      row.maturity = round (row.maturity * 100) / 100;
      row.innovation = round (row.innovation * 100) / 100;
      row.size = round (row.size * 100) / 100;
      fprintf (csv, "%s,%s,%u,%.2f,%.2f,%.2f\n", entity, row.group, g, row.maturity, row.innovation, row.size);
      if (!shz_row_inserter_add_position (ins, &row, &error))
        g_error ("%s", error->message);
    }
  fclose (csv);
  g_clear_pointer (&ins, shz_row_inserter_free);
  if (!shz_store_set_dataset_counts (store, did, n, 0, &error) || !shz_store_commit (store, &error))
    g_error ("%s", error->message);
  return 0;
}

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
report (const char *what, double *t, double *cpu, guint n)
{
  qsort (t, n, sizeof *t, compare_double);
  printf ("%-44s min %8.2f ms   median %8.2f ms", what, t[0] * 1e3, t[n / 2] * 1e3);
  if (cpu != NULL)
    {
      qsort (cpu, n, sizeof *cpu, compare_double);
      printf ("   CPU min %8.2f ms   median %8.2f ms", cpu[0] * 1e3, cpu[n / 2] * 1e3);
    }
  printf ("   (%u runs)\n", n);
}

/* CPU time of the process (all threads): on a busy machine, what the work itself costs. */
static double
cpu_now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
redraw (const char *store_path, guint runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (store_path, SHZ_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(ShzEngagement) e = NULL;
  g_autofree double *cold = g_new (double, runs);
  g_autofree double *warm = g_new (double, runs);
  g_autofree double *load = g_new (double, runs);
  g_autofree double *layout = g_new (double, runs);
  g_autofree double *cold_cpu = g_new (double, runs);
  g_autofree double *warm_cpu = g_new (double, runs);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 1000);
  guint n_points = 0;

  if (store == NULL || (e = shz_store_find_engagement (store, "bench", &error)) == NULL)
    g_error ("%s", error->message);

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(ShzChart) chart = shz_chart_new ("maturity-map", NULL);
      cairo_t *cr;
      gint64 t0, t1, t2, t3;
      double c0, c1, c2;

      shz_chart_set_interactive (chart, TRUE);   /* as the canvas draws it */
      t0 = g_get_monotonic_time ();
      if (!shz_chart_load (chart, store, e->id, NULL, NULL, &error))
        g_error ("%s", error->message);
      t1 = g_get_monotonic_time ();
      n_points = shz_maturity_map_get_model (SHZ_MATURITY_MAP (chart))->n_points;

      /* layout alone (text measured, labels placed), on a twin chart */
      {
        g_autoptr(ShzChart) twin = shz_chart_new ("maturity-map", NULL);
        gint64 l0, l1;
        if (!shz_chart_load (twin, store, e->id, NULL, NULL, &error))
          g_error ("%s", error->message);
        l0 = g_get_monotonic_time ();
        shz_chart_ensure_layout (twin, NULL, 1600, 1000);
        l1 = g_get_monotonic_time ();
        layout[r] = (l1 - l0) / 1e6;
      }
      t1 = g_get_monotonic_time ();

      /* cold: layout + rasterising the point layer + drawing */
      c0 = cpu_now ();
      cr = cairo_create (surface);
      shz_chart_render (chart, cr, 1600, 1000);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      t2 = g_get_monotonic_time ();
      c1 = cpu_now ();

      /* warm: what the canvas does on a hover or selection change */
      shz_chart_set_hovered (chart, "互联网");
      cr = cairo_create (surface);
      shz_chart_render (chart, cr, 1600, 1000);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      t3 = g_get_monotonic_time ();
      c2 = cpu_now ();
      cold_cpu[r] = c1 - c0;
      warm_cpu[r] = c2 - c1;

      load[r] = (t1 - t0) / 1e6;
      cold[r] = (t2 - t1) / 1e6;
      warm[r] = (t3 - t2) / 1e6;
    }
  cairo_surface_destroy (surface);
  printf ("redraw 1600×1000, %u points\n", n_points);
  report ("load from the store", load, NULL, runs);
  report ("layout (text, label placement)", layout, NULL, runs);
  report ("redraw, cold (layout + rasterise + draw)", cold, cold_cpu, runs);
  report ("redraw, warm (hover/selection change)", warm, warm_cpu, runs);
  return 0;
}

int
main (int argc, char **argv)
{
  if (argc == 5 && g_strcmp0 (argv[1], "gen") == 0)
    return gen ((guint) g_ascii_strtoull (argv[2], NULL, 10), argv[3], argv[4]);
  if (argc >= 3 && g_strcmp0 (argv[1], "redraw") == 0)
    return redraw (argv[2], argc > 3 ? (guint) MAX (1, atoi (argv[3])) : 7);
  fprintf (stderr, "usage: bench-charts gen N FILE.csv STORE.shuzhi | redraw STORE.shuzhi [RUNS]\n");
  return 2;
}
