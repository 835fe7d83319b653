/* bench-compute.c — how fast positions are computed from usage rows, against the sqlite3 shell
 * running the equivalent GROUP BY over the same table in the same run; and how fast a changed
 * method recomputes for 20,000 enterprises.  Prints figures and ratios; never fails on speed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-compute"
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "analysis/shz-index.h"
#include "analysis/shz-method.h"

#define ENGAGEMENT "Benchmark"
#define DATASET "usage 1M"

static const char * const industries[] = {
  "互联网", "零售消费与生活服务", "金融", "制造工业", "政务与治理", "科技文教",
};
static const char * const regions[] = { "华东", "华南", "华北", "华中", "西南" };
static const char * const categories[] = {
  "IaaS", "PaaS", "SaaS", "大数据计算", "数据中台", "XPaaS", "数据智能",
};

/* The same work as shz_index_matrix_load + the group means: enterprise × category sums of one
 * dataset per year, then averages per industry, year and category. */
static const char peer_sql[] =
  "SELECT industry, p, category, avg(s), count(*) FROM ("
  " SELECT enterprise_id, industry, substr(period, 1, 4) AS p, category, sum(spend) AS s"
  " FROM usage_row WHERE dataset_id = %" G_GINT64_FORMAT " GROUP BY 1, 2, 3, 4)"
  " GROUP BY 1, 2, 3;\n";

static guint64 rng_state = 42;

static guint64
next_u64 (void)
{
  guint64 z = (rng_state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static double
next_unit (void)
{
  return ((next_u64 () >> 11) + 0.5) / 9007199254740992.0;
}

/* @n_rows usage rows: @n_ent enterprises, years 2018 and 2019, monthly periods (YYYY-MM). */
static gint64
generate (ShzStore *store,
          gint64    n_rows,
          guint     n_ent)
{
  g_autoptr(ShzEngagement) e = shz_engagement_new ();
  g_autoptr(ShzDataset) d = shz_dataset_new ();
  g_autoptr(ShzRowInserter) ins = NULL;
  g_autoptr(GError) error = NULL;
  gint64 eid, did;

  e->name = g_strdup (ENGAGEMENT);
  if (!shz_store_begin (store, &error))
    g_error ("%s", error->message);
  eid = shz_store_create_engagement (store, e, &error);
  g_assert_no_error (error);
  d->engagement_id = eid;
  d->name = g_strdup (DATASET);
  d->kind = SHZ_KIND_USAGE;
  d->rows = n_rows;
  d->illustrative = TRUE;
  d->note = g_strdup ("Synthetic benchmark data");
  did = shz_store_create_dataset (store, d, &error);
  g_assert_no_error (error);
  ins = shz_row_inserter_new (store, did, SHZ_KIND_USAGE, &error);
  g_assert_no_error (error);
  for (gint64 i = 0; i < n_rows; i++)
    {
      guint ent = (guint) (i % n_ent);
      guint ind = ent % G_N_ELEMENTS (industries);
      char id[32], name[48], period[16];
      ShzUsageRow row = { 0 };
      guint cat = (guint) (next_u64 () % G_N_ELEMENTS (categories));

      g_snprintf (id, sizeof id, "E%06u", ent);
      g_snprintf (name, sizeof name, "企业 %06u", ent);
      g_snprintf (period, sizeof period, "%d-%02d", 2018 + (int) ((i / n_ent) % 2),
                  1 + (int) (next_u64 () % 12));
      row.row_no = i + 1;
      row.enterprise_id = id;
      row.enterprise_name = name;
      row.industry = industries[ind];
      row.region = regions[ent % G_N_ELEMENTS (regions)];
      row.period = period;
      row.category = categories[cat];
      row.product = "product";
      row.spend = round (exp (8.0 + 0.3 * ind + 1.5 * next_unit ()) * 100) / 100;
      if (!shz_row_inserter_add_usage (ins, &row, &error))
        g_error ("%s", error->message);
    }
  g_clear_pointer (&ins, shz_row_inserter_free);
  if (!shz_store_commit (store, &error))
    g_error ("%s", error->message);
  return did;
}

static int
compare_doubles (const void *a, const void *b)
{
  double da = *(const double *) a, db = *(const double *) b;
  return (da > db) - (da < db);
}

static void
summarise (double *t, guint n, double *min, double *median)
{
  qsort (t, n, sizeof (double), compare_doubles);
  *min = t[0];
  *median = n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
}

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static double
run_process (char **argv, const char *stdin_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cmd = NULL;
  int status = 0;
  double t0 = now_s ();

  if (stdin_path != NULL)
    {
      g_autofree char *quoted_exe = g_shell_quote (argv[0]);
      g_autofree char *quoted_db = g_shell_quote (argv[1]);
      g_autofree char *quoted_in = g_shell_quote (stdin_path);
      char *sh[] = { "/bin/sh", "-c", NULL, NULL };
      cmd = g_strdup_printf ("%s %s < %s > /dev/null", quoted_exe, quoted_db, quoted_in);
      sh[2] = cmd;
      t0 = now_s ();
      if (!g_spawn_sync (NULL, sh, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error))
        g_error ("%s", error->message);
    }
  else if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                          NULL, NULL, NULL, NULL, &status, &error))
    g_error ("%s", error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s", argv[0], error->message);
  return now_s () - t0;
}

int
main (int argc, char **argv)
{
  gint64 n_rows = 1000000;
  int n_ent = 20000, runs = 5, recompute_ent = 20000;
  g_autofree char *store_path = NULL, *sqlite3_exe = NULL, *shuzhi_exe = NULL;
  g_autoptr(GOptionContext) ctx = g_option_context_new ("— compute benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  g_autoptr(ShzEngagement) e = NULL;
  g_autoptr(ShzDataset) d = NULL;
  g_autoptr(ShzMethod) method = shz_method_new ();
  g_autofree char *sql_path = NULL;
  g_autofree double *t_ours = NULL, *t_peer = NULL, *t_cli = NULL, *t_load = NULL;
  gint64 dataset_id;
  GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_INT64, &n_rows, "usage rows (1000000)", "N" },
    { "enterprises", 0, 0, G_OPTION_ARG_INT, &n_ent, "enterprises in the usage data (20000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "runs of each (5)", "N" },
    { "recompute-enterprises", 0, 0, G_OPTION_ARG_INT, &recompute_ent, "enterprises for the recompute (20000)", "N" },
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, "benchmark store (made if missing)", "PATH" },
    { "sqlite3", 0, 0, G_OPTION_ARG_FILENAME, &sqlite3_exe, "sqlite3 shell (sqlite3)", "PATH" },
    { "shuzhi", 0, 0, G_OPTION_ARG_FILENAME, &shuzhi_exe, "shuzhi binary, to time `shuzhi compute` too", "PATH" },
    { NULL }
  };

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  runs = CLAMP (runs, 1, 100);
  if (store_path == NULL)
    store_path = g_build_filename (g_get_tmp_dir (), "shz-bench-compute.shuzhi", NULL);
  if (sqlite3_exe == NULL)
    sqlite3_exe = g_find_program_in_path ("sqlite3");
  if (sqlite3_exe == NULL)
    {
      g_printerr ("bench-compute: the sqlite3 shell is needed as the peer (apt-get install sqlite3)\n");
      return 1;
    }

  store = shz_store_open (store_path, SHZ_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  e = shz_store_find_engagement (store, ENGAGEMENT, NULL);
  if (e != NULL)
    d = shz_store_find_dataset (store, e->id, DATASET, NULL);
  /* An existing dataset (e.g. imported by run.sh from the import benchmark's usage.csv) is
   * used as it is; otherwise the table is generated here. */
  if (d == NULL)
    {
      double t0 = now_s ();
      g_clear_pointer (&store, shz_store_free);
      g_unlink (store_path);
      store = shz_store_open (store_path, SHZ_STORE_OPEN_CREATE, &error);
      g_assert_no_error (error);
      dataset_id = generate (store, n_rows, n_ent);
      printf ("generated %" G_GINT64_FORMAT " usage rows of %d enterprises in %s (%.1f s)\n",
              n_rows, n_ent, store_path, now_s () - t0);
    }
  else
    dataset_id = d->id;

  /* Read-only from here on, so `shuzhi compute` (a writer) can open the same store. */
  g_clear_pointer (&store, shz_store_free);
  store = shz_store_open (store_path, SHZ_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  sql_path = g_build_filename (g_get_tmp_dir (), "shz-bench-compute-peer.sql", NULL);
  {
    g_autofree char *sql = g_strdup_printf (peer_sql, dataset_id);
    if (!g_file_set_contents (sql_path, sql, -1, &error))
      g_error ("%s", error->message);
  }

  /* A warm-up of each so the page cache holds the file for everyone. */
  {
    char *peer_argv[] = { sqlite3_exe, store_path, NULL };
    g_autoptr(ShzIndexMatrix) m = shz_index_matrix_load (store, dataset_id, method, &error);
    g_assert_no_error (error);
    run_process (peer_argv, sql_path);
    printf ("usage rows %" G_GINT64_FORMAT ", enterprise-periods %u\n",
            shz_index_matrix_get_n_rows (m), shz_index_matrix_get_n_units (m));
  }

  t_ours = g_new (double, runs);
  t_load = g_new (double, runs);
  t_peer = g_new (double, runs);
  t_cli = g_new (double, runs);
  for (int r = 0; r < runs; r++)
    {
      char *peer_argv[] = { sqlite3_exe, store_path, NULL };
      g_autoptr(ShzIndexMatrix) m = NULL;
      g_autoptr(ShzIndexResult) res = NULL;
      double t0 = now_s (), t1;

      m = shz_index_matrix_load (store, dataset_id, method, &error);
      g_assert_no_error (error);
      t1 = now_s ();
      res = shz_index_compute (m, method, &error);
      g_assert_no_error (error);
      t_ours[r] = now_s () - t0;
      t_load[r] = t1 - t0;

      t_peer[r] = run_process (peer_argv, sql_path);

      if (shuzhi_exe != NULL)
        {
          char *cli_argv[] = { shuzhi_exe, "compute", store_path, "--engagement", ENGAGEMENT,
                               "--dataset", DATASET, NULL };
          t_cli[r] = run_process (cli_argv, NULL);
        }
    }

  {
    double omin, omed, lmin, lmed, pmin, pmed, cmin = 0, cmed = 0;

    summarise (t_ours, runs, &omin, &omed);
    summarise (t_load, runs, &lmin, &lmed);
    summarise (t_peer, runs, &pmin, &pmed);
    printf ("\ncompute from %" G_GINT64_FORMAT " usage rows, %d runs (min / median, s)\n", n_rows, runs);
    printf ("  shuzhi load + compute (in process)  %.3f / %.3f   (load %.3f / %.3f)\n", omin, omed, lmin, lmed);
    printf ("  sqlite3 shell, same GROUP BY        %.3f / %.3f\n", pmin, pmed);
    if (shuzhi_exe != NULL)
      {
        summarise (t_cli, runs, &cmin, &cmed);
        printf ("  shuzhi compute (process, + save)    %.3f / %.3f\n", cmin, cmed);
      }
    printf ("  ratio shuzhi / sqlite3 (median)     %.2f   (target <= 1.2)\n", omed / pmed);
    if (shuzhi_exe != NULL)
      printf ("  ratio shuzhi compute / sqlite3      %.2f\n", cmed / pmed);
  }

  /* Recompute of the benchmark data itself: the matrix is in memory; a weight changes. */
  {
    g_autoptr(ShzIndexMatrix) m = shz_index_matrix_load (store, dataset_id, method, &error);
    g_autoptr(ShzMethod) changed = shz_method_copy (method);
    g_autofree double *t = g_new (double, runs);
    double rmin, rmed;

    g_assert_no_error (error);
    for (int r = 0; r < runs; r++)
      {
        g_autoptr(ShzIndexResult) res = NULL;
        double t0;

        changed->weights[SHZ_CATEGORY_XPAAS] = 0.5 + r;
        t0 = now_s ();
        res = shz_index_compute (m, changed, &error);
        g_assert_no_error (error);
        t[r] = now_s () - t0;
      }
    summarise (t, runs, &rmin, &rmed);
    printf ("\nrecompute of the benchmark data (%u enterprise-periods), weight changed:\n"
            "  %.1f / %.1f ms (min / median)\n",
            shz_index_matrix_get_n_units (m), rmin * 1e3, rmed * 1e3);
  }

  /* Recompute: the matrix is in memory; a weight changes. */
  {
    g_autoptr(ShzIndexMatrix) m = shz_index_matrix_new ("industry", SHZ_PERIOD_UNIT_YEAR);
    g_autoptr(ShzMethod) changed = shz_method_copy (method);
    g_autofree double *t = g_new (double, runs);
    double rmin, rmed;

    rng_state = 7;
    for (int i = 0; i < recompute_ent; i++)
      {
        char id[32];
        double spend[SHZ_N_CATEGORIES];

        g_snprintf (id, sizeof id, "E%06d", i);
        for (guint c = 0; c < SHZ_N_CATEGORIES; c++)
          spend[c] = next_unit () < 0.3 ? NAN : exp (8 + 3 * next_unit ());
        shz_index_matrix_add (m, id, industries[i % G_N_ELEMENTS (industries)], "2019", spend, 10);
      }
    for (int r = 0; r < runs; r++)
      {
        g_autoptr(ShzIndexResult) res = NULL;
        double t0;

        changed->weights[SHZ_CATEGORY_IAAS] = 1.0 + r;
        t0 = now_s ();
        res = shz_index_compute (m, changed, &error);
        g_assert_no_error (error);
        t[r] = now_s () - t0;
      }
    summarise (t, runs, &rmin, &rmed);
    printf ("\nrecompute after a weight change, %d enterprises, %u bootstrap iterations:\n"
            "  %.1f / %.1f ms (min / median; target well under 200 ms)\n",
            recompute_ent, method->bootstrap_iterations, rmin * 1e3, rmed * 1e3);

    changed->aggregation = SHZ_AGGREGATION_MEDIAN;
    for (int r = 0; r < runs; r++)
      {
        g_autoptr(ShzIndexResult) res = NULL;
        double t0 = now_s ();

        res = shz_index_compute (m, changed, &error);
        g_assert_no_error (error);
        t[r] = now_s () - t0;
      }
    summarise (t, runs, &rmin, &rmed);
    printf ("  with median aggregation: %.1f / %.1f ms\n", rmin * 1e3, rmed * 1e3);
  }
  return 0;
}
