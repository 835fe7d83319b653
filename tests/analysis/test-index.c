/* test-index.c — the maturity and innovation indices: the worked example of docs/methodology.md
 * (asserted exactly), each transform and normalisation, spend that is zero, negative or missing,
 * bootstrap determinism, small groups, explanations, saving, and the synthetic demo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>

#include "analysis/shz-demo-usage.h"
#include "analysis/shz-index.h"
#include "analysis/shz-method.h"

typedef struct {
  char     *dir;
  char     *path;
  ShzStore *store;
  gint64    engagement_id;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzEngagement) e = shz_engagement_new ();

  f->dir = g_dir_make_tmp ("shz-index-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.shuzhi", NULL);
  f->store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  e->name = g_strdup ("Worked example");
  f->engagement_id = shz_store_create_engagement (f->store, e, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->engagement_id, >, 0);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->store, shz_store_free);
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

typedef struct {
  const char *enterprise_id;
  const char *industry;
  const char *region;
  const char *period;
  const char *category;
  double      spend;
} Row;

/* The worked example of docs/methodology.md, row for row. */
static const Row worked_rows[] = {
  { "E1", "互联网",   "华东", "2019-03", "IaaS",       180 },
  { "E1", "互联网",   "华东", "2019-09", "IaaS",       120 },
  { "E1", "互联网",   "华东", "2019-03", "PaaS",       200 },
  { "E1", "互联网",   "华东", "2019-03", "SaaS",       400 },
  { "E1", "互联网",   "华东", "2019-03", "数据中台",    50 },
  { "E1", "互联网",   "华东", "2019-03", "数据智能",   200 },
  { "E2", "互联网",   "华南", "2019-06", "IaaS",       600 },
  { "E2", "互联网",   "华南", "2019-06", "PaaS",        50 },
  { "E2", "互联网",   "华南", "2019-06", "SaaS",       300 },
  { "E2", "互联网",   "华南", "2019-06", "大数据计算", 300 },
  { "E2", "互联网",   "华南", "2019-06", "数据中台",   600 },
  { "E2", "互联网",   "华南", "2019-06", "数据智能",   600 },
  { "E3", "金融",     "华东", "2019-01", "IaaS",       200 },
  { "E3", "金融",     "华东", "2019-01", "PaaS",       300 },
  { "E3", "金融",     "华东", "2019-01", "SaaS",        50 },
  { "E3", "金融",     "华东", "2019-01", "大数据计算", 200 },
  { "E3", "金融",     "华东", "2019-01", "XPaaS",      100 },
  { "E3", "金融",     "华东", "2019-01", "数据智能",   200 },
  { "E4", "制造工业", "华北", "2019-Q2", "IaaS",       200 },
  { "E4", "制造工业", "华北", "2019-Q2", "PaaS",        50 },
  { "E4", "制造工业", "华北", "2019-Q2", "SaaS",         0 },
  { "E4", "制造工业", "华北", "2019-Q2", "大数据计算", 200 },
  { "E4", "制造工业", "华北", "2019-Q2", "数据中台",    30 },
  { "E4", "制造工业", "华北", "2019-Q3", "数据中台",   -40 },
  { "E5", "制造工业", "华北", "2019",    "IaaS",       650 },
  { "E5", "制造工业", "华北", "2019",    "IaaS",       -50 },
  { "E5", "制造工业", "华北", "2019",    "PaaS",        50 },
};

static gint64
add_usage (Fixture    *f,
           const char *name,
           const Row  *rows,
           guint       n_rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzDataset) d = shz_dataset_new ();
  g_autoptr(ShzRowInserter) ins = NULL;
  gint64 id;

  g_assert_true (shz_store_begin (f->store, &error));
  d->engagement_id = f->engagement_id;
  d->name = g_strdup (name);
  d->kind = SHZ_KIND_USAGE;
  d->rows = n_rows;
  id = shz_store_create_dataset (f->store, d, &error);
  g_assert_no_error (error);
  ins = shz_row_inserter_new (f->store, id, SHZ_KIND_USAGE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_rows; i++)
    {
      ShzUsageRow row = {
        .row_no = i + 1,
        .enterprise_id = rows[i].enterprise_id,
        .industry = rows[i].industry,
        .region = rows[i].region,
        .period = rows[i].period,
        .category = rows[i].category,
        .spend = rows[i].spend,
      };
      g_assert_true (shz_row_inserter_add_usage (ins, &row, &error));
      g_assert_no_error (error);
    }
  g_clear_pointer (&ins, shz_row_inserter_free);
  g_assert_true (shz_store_commit (f->store, &error));
  return id;
}

static ShzIndexResult *
compute (Fixture         *f,
         gint64           dataset_id,
         const ShzMethod *method)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzIndexMatrix) m = shz_index_matrix_load (f->store, dataset_id, method, &error);
  ShzIndexResult *r;

  g_assert_no_error (error);
  r = shz_index_compute (m, method, &error);
  g_assert_no_error (error);
  return r;
}

static const ShzIndexPoint *
find (const ShzIndexResult *r, const char *group, const char *period)
{
  const ShzIndexPoint *p = shz_index_result_find (r, group, period);

  if (p == NULL)
    g_error ("no point for %s %s", group, period);
  return p;
}

/* ---- the worked example ---- */

static void
test_worked_example (Fixture *f, gconstpointer data)
{
  g_autoptr(ShzMethod) method = shz_method_new ();
  g_autoptr(ShzIndexResult) r = NULL;
  g_autoptr(ShzIndexMatrix) m = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_usage (f, "worked", worked_rows, G_N_ELEMENTS (worked_rows));
  const ShzIndexPoint *p;
  guint n_periods;

  m = shz_index_matrix_load (f->store, id, method, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shz_index_matrix_get_n_units (m), ==, 5);
  g_assert_cmpint (shz_index_matrix_get_n_rows (m), ==, G_N_ELEMENTS (worked_rows));
  g_assert_cmpstr (shz_index_matrix_get_periods (m, &n_periods)[0], ==, "2019");
  g_assert_cmpuint (n_periods, ==, 1);

  r = shz_index_compute (m, method, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n_points, ==, 3);
  /* sorted by period, then group (byte order) */
  g_assert_cmpstr (r->points[0].group, ==, "互联网");
  g_assert_cmpstr (r->points[1].group, ==, "制造工业");
  g_assert_cmpstr (r->points[2].group, ==, "金融");

  p = find (r, "互联网", "2019");
  g_assert_cmpfloat (p->value[SHZ_AXIS_MATURITY], ==, 62.5);
  g_assert_cmpfloat (p->value[SHZ_AXIS_INNOVATION], ==, 53.125);
  g_assert_cmpuint (p->n, ==, 2);
  g_assert_true (p->low_sample);   /* 2 < 30 */

  p = find (r, "金融", "2019");
  g_assert_cmpfloat (p->value[SHZ_AXIS_MATURITY], ==, 50.0);
  g_assert_cmpfloat (p->value[SHZ_AXIS_INNOVATION], ==, 50.0);
  g_assert_cmpuint (p->n, ==, 1);
  /* one enterprise: every resample is itself */
  g_assert_cmpfloat (p->lo[SHZ_AXIS_MATURITY], ==, 50.0);
  g_assert_cmpfloat (p->hi[SHZ_AXIS_MATURITY], ==, 50.0);

  p = find (r, "制造工业", "2019");
  g_assert_cmpfloat (p->value[SHZ_AXIS_MATURITY], ==, 12.5);
  g_assert_cmpfloat (p->value[SHZ_AXIS_INNOVATION], ==, 6.25);
  g_assert_cmpuint (p->n, ==, 2);
  g_assert_cmpuint (p->n_axis[SHZ_AXIS_INNOVATION], ==, 2);
  for (guint a = 0; a < SHZ_N_AXES; a++)
    {
      g_assert_cmpfloat (p->lo[a], <=, p->value[a]);
      g_assert_cmpfloat (p->hi[a], >=, p->value[a]);
    }

  /* the reference populations are the five enterprise-periods */
  g_assert_cmpuint (r->reference[SHZ_CATEGORY_IAAS].n, ==, 5);
  g_assert_cmpfloat (r->reference[SHZ_CATEGORY_IAAS].min, ==, log1p (200));
  g_assert_cmpfloat (r->reference[SHZ_CATEGORY_IAAS].max, ==, log1p (600));
}

/* The per-enterprise scores of the example, through the explanation of each point. */
static void
test_worked_example_explained (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *group;
    const char *enterprise;
    double      maturity, innovation;
    double      iaas_norm;
  } expected[] = {
    { "互联网",   "E1", 75, 31.25, 50 },
    { "互联网",   "E2", 50, 75,    75 },
    { "金融",     "E3", 50, 50,    0 },
    { "制造工业", "E4", 0,  12.5,  0 },
    { "制造工业", "E5", 25, 0,     75 },
  };
  g_autoptr(ShzMethod) method = shz_method_new ();
  g_autoptr(ShzIndexResult) r = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_usage (f, "worked", worked_rows, G_N_ELEMENTS (worked_rows));

  r = compute (f, id, method);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(ShzIndexExplanation) ex = shz_index_explain (r, expected[i].group, "2019", &error);
      const ShzIndexEnterprise *e = NULL;

      g_assert_no_error (error);
      for (guint k = 0; k < ex->n_enterprises; k++)
        if (g_str_equal (ex->enterprises[k].enterprise_id, expected[i].enterprise))
          e = &ex->enterprises[k];
      g_assert_nonnull (e);
      g_assert_cmpfloat (e->score[SHZ_AXIS_MATURITY], ==, expected[i].maturity);
      g_assert_cmpfloat (e->score[SHZ_AXIS_INNOVATION], ==, expected[i].innovation);
      g_assert_cmpfloat (e->normalised[SHZ_CATEGORY_IAAS], ==, expected[i].iaas_norm);
      g_assert_cmpint (ex->source_dataset_id, ==, id);
      g_assert_nonnull (strstr (ex->formula[SHZ_AXIS_MATURITY], "log1p(IaaS)"));
    }

  /* E1's IaaS is two rows summed; E5's includes a refund; E4's 数据中台 nets below zero;
   * E5 has no innovation row at all */
  {
    g_autoptr(ShzIndexExplanation) ex = shz_index_explain (r, "制造工业", "2019", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ex->n_enterprises, ==, 2);
    g_assert_cmpstr (ex->enterprises[0].enterprise_id, ==, "E4");
    g_assert_cmpstr (ex->enterprises[1].enterprise_id, ==, "E5");
    g_assert_cmpfloat (ex->enterprises[1].spend[SHZ_CATEGORY_IAAS], ==, 600);
    g_assert_cmpint (ex->enterprises[1].n_rows, ==, 3);
    g_assert_cmpfloat (ex->enterprises[0].spend[SHZ_CATEGORY_DATA_MIDDLE], ==, -10);
    g_assert_cmpfloat (ex->enterprises[0].normalised[SHZ_CATEGORY_DATA_MIDDLE], ==, 0);
    g_assert_true (isnan (ex->enterprises[1].spend[SHZ_CATEGORY_BIG_DATA]));
    g_assert_cmpfloat (ex->enterprises[0].spend[SHZ_CATEGORY_SAAS], ==, 0);
    g_assert_cmpfloat (ex->mean_spend[SHZ_CATEGORY_IAAS], ==, 400);
    g_assert_cmpfloat (ex->mean_normalised[SHZ_CATEGORY_IAAS], ==, 37.5);
    g_assert_cmpfloat (ex->weight[SHZ_CATEGORY_IAAS], ==, 1);
  }

  {
    g_autoptr(ShzIndexExplanation) ex = shz_index_explain (r, "互联网", "2018", &error);
    g_assert_null (ex);
    g_assert_error (error, SHZ_INDEX_ERROR, SHZ_INDEX_ERROR_NO_SUCH);
  }
}

static gboolean
count_row_cb (const char * const *values, guint n_values, gpointer user_data)
{
  GPtrArray *rows = user_data;

  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n_values; i++)
    g_string_append_printf (s, "%s%s", i ? "|" : "", values[i] ? values[i] : "");
  g_ptr_array_add (rows, g_string_free (s, FALSE));
  return TRUE;
}

static void
test_source_rows (Fixture *f, gconstpointer data)
{
  g_autoptr(ShzMethod) method = shz_method_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  gint64 id = add_usage (f, "worked", worked_rows, G_N_ELEMENTS (worked_rows));

  g_assert_true (shz_index_foreach_source_row (f->store, id, method, "制造工业", "2019", "E4",
                                               count_row_cb, rows, &error));
  g_assert_no_error (error);
  /* header + E4's six rows, periods 2019-Q2 and 2019-Q3 both in 2019 */
  g_assert_cmpuint (rows->len, ==, 7);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (rows, 0), "row_no|enterprise_id|"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (rows, 1), "19|E4|"));

  g_ptr_array_set_size (rows, 0);
  g_assert_true (shz_index_foreach_source_row (f->store, id, method, "互联网", "2019", NULL,
                                               count_row_cb, rows, &error));
  g_assert_cmpuint (rows->len, ==, 13);
}

/* ---- building blocks ---- */

static void
test_transform (void)
{
  g_assert_cmpfloat (shz_index_transform (SHZ_TRANSFORM_NONE, 250.5), ==, 250.5);
  g_assert_cmpfloat (shz_index_transform (SHZ_TRANSFORM_LOG1P, 0), ==, 0);
  g_assert_cmpfloat (shz_index_transform (SHZ_TRANSFORM_LOG1P, M_E - 1), ==, log1p (M_E - 1));
  g_assert_cmpfloat_with_epsilon (shz_index_transform (SHZ_TRANSFORM_LOG1P, M_E - 1), 1.0, 1e-15);
  /* negative net spend and no spend at all count as 0 */
  g_assert_cmpfloat (shz_index_transform (SHZ_TRANSFORM_NONE, -30), ==, 0);
  g_assert_cmpfloat (shz_index_transform (SHZ_TRANSFORM_LOG1P, -30), ==, 0);
  g_assert_cmpfloat (shz_index_transform (SHZ_TRANSFORM_LOG1P, NAN), ==, 0);
}

static void
test_normalise_percentile (void)
{
  const double v[] = { 10, 0, 30, 0, 20 };
  double out[5];
  ShzIndexReference ref;

  shz_index_normalise (SHZ_NORMALISATION_PERCENTILE, v, 5, out, &ref);
  /* the share of the others strictly below: ties (the two zeros) share the lowest */
  g_assert_cmpfloat (out[0], ==, 50);
  g_assert_cmpfloat (out[1], ==, 0);
  g_assert_cmpfloat (out[2], ==, 100);
  g_assert_cmpfloat (out[3], ==, 0);
  g_assert_cmpfloat (out[4], ==, 75);
  g_assert_cmpuint (ref.n, ==, 5);
  g_assert_cmpfloat (ref.min, ==, 0);
  g_assert_cmpfloat (ref.max, ==, 30);
  g_assert_cmpfloat (ref.mean, ==, 12);

  /* any doubles sort right: negatives, huge values, and −0 tying with 0 */
  {
    const double mixed[] = { -5, 3, -1e10, 0, 2.5, -0.0, 1e300, -1e-300 };
    double o[8];

    shz_index_normalise (SHZ_NORMALISATION_PERCENTILE, mixed, 8, o, NULL);
    g_assert_cmpfloat (o[2], ==, 0);
    g_assert_cmpfloat (o[0], ==, 100.0 / 7);
    g_assert_cmpfloat (o[7], ==, 200.0 / 7);
    g_assert_cmpfloat (o[3], ==, 300.0 / 7);
    g_assert_cmpfloat (o[5], ==, 300.0 / 7);
    g_assert_cmpfloat (o[4], ==, 500.0 / 7);
    g_assert_cmpfloat (o[1], ==, 600.0 / 7);
    g_assert_cmpfloat (o[6], ==, 100);
  }

  /* one value, or all equal: no information, the middle */
  shz_index_normalise (SHZ_NORMALISATION_PERCENTILE, v, 1, out, NULL);
  g_assert_cmpfloat (out[0], ==, 50);
  {
    const double same[] = { 4, 4, 4 };
    shz_index_normalise (SHZ_NORMALISATION_PERCENTILE, same, 3, out, NULL);
    g_assert_cmpfloat (out[0], ==, 0);
    g_assert_cmpfloat (out[2], ==, 0);
  }
}

static void
test_normalise_minmax (void)
{
  const double v[] = { 10, 0, 30, 0, 20 };
  const double same[] = { 7, 7 };
  double out[5];

  shz_index_normalise (SHZ_NORMALISATION_MINMAX, v, 5, out, NULL);
  g_assert_cmpfloat_with_epsilon (out[0], 33.333333333333, 1e-9);
  g_assert_cmpfloat (out[1], ==, 0);
  g_assert_cmpfloat (out[2], ==, 100);
  g_assert_cmpfloat_with_epsilon (out[4], 66.666666666667, 1e-9);
  shz_index_normalise (SHZ_NORMALISATION_MINMAX, same, 2, out, NULL);
  g_assert_cmpfloat (out[0], ==, 50);
  g_assert_cmpfloat (out[1], ==, 50);
}

static void
test_normalise_zscore (void)
{
  /* mean 5, population sd 2 */
  const double v[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
  const double outlier[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 100 };
  double out[10];
  ShzIndexReference ref;

  shz_index_normalise (SHZ_NORMALISATION_ZSCORE, v, 8, out, &ref);
  g_assert_cmpfloat (ref.mean, ==, 5);
  g_assert_cmpfloat (ref.sd, ==, 2);
  g_assert_cmpfloat (out[0], ==, 50 - 50 * 1.5 / 3);   /* z = −1.5 → 25 */
  g_assert_cmpfloat (out[0], ==, 25);
  g_assert_cmpfloat (out[4], ==, 50);
  g_assert_cmpfloat (out[7], ==, 50 + 50 * 2.0 / 3);
  /* beyond ±3 sd clamps to the ends */
  shz_index_normalise (SHZ_NORMALISATION_ZSCORE, outlier, 10, out, &ref);
  g_assert_cmpfloat (out[9], ==, 100);
  g_assert_cmpfloat (out[0], >, 0);
  {
    const double same[] = { 3, 3, 3 };
    shz_index_normalise (SHZ_NORMALISATION_ZSCORE, same, 3, out, NULL);
    g_assert_cmpfloat (out[1], ==, 50);
  }
}

/* A transform changes min–max and z-score results but never percentile ranks. */
static void
test_transform_and_normalisation (Fixture *f, gconstpointer data)
{
  g_autoptr(ShzMethod) method = shz_method_new ();
  gint64 id = add_usage (f, "worked", worked_rows, G_N_ELEMENTS (worked_rows));
  double pct_log, pct_none, mm_log, mm_none;

  {
    g_autoptr(ShzIndexResult) r = compute (f, id, method);
    pct_log = find (r, "互联网", "2019")->value[SHZ_AXIS_MATURITY];
  }
  method->axis[SHZ_AXIS_MATURITY].transform = SHZ_TRANSFORM_NONE;
  {
    g_autoptr(ShzIndexResult) r = compute (f, id, method);
    pct_none = find (r, "互联网", "2019")->value[SHZ_AXIS_MATURITY];
  }
  g_assert_cmpfloat (pct_log, ==, pct_none);

  method->axis[SHZ_AXIS_MATURITY].normalisation = SHZ_NORMALISATION_MINMAX;
  {
    g_autoptr(ShzIndexResult) r = compute (f, id, method);
    /* E1: IaaS (300−200)/400, PaaS (200−50)/250, SaaS 400/400; E2: 1, 0, 0.75 */
    double e1 = (25.0 + 60.0 + 100.0) / 3, e2 = (100.0 + 0 + 75.0) / 3;
    mm_none = find (r, "互联网", "2019")->value[SHZ_AXIS_MATURITY];
    g_assert_cmpfloat_with_epsilon (mm_none, (e1 + e2) / 2, 1e-9);
  }
  method->axis[SHZ_AXIS_MATURITY].transform = SHZ_TRANSFORM_LOG1P;
  {
    g_autoptr(ShzIndexResult) r = compute (f, id, method);
    double l200 = log1p (200), l600 = log1p (600), l50 = log1p (50), l300 = log1p (300), l400 = log1p (400);
    double e1 = ((log1p (300) - l200) / (l600 - l200) + (log1p (200) - l50) / (l300 - l50) + 1) / 3 * 100;
    double e2 = (1 + 0 + log1p (300) / l400) / 3 * 100;
    mm_log = find (r, "互联网", "2019")->value[SHZ_AXIS_MATURITY];
    g_assert_cmpfloat_with_epsilon (mm_log, (e1 + e2) / 2, 1e-9);
  }
  g_assert_cmpfloat (fabs (mm_log - mm_none), >, 1);

  method->axis[SHZ_AXIS_MATURITY].normalisation = SHZ_NORMALISATION_ZSCORE;
  {
    g_autoptr(ShzIndexResult) r = compute (f, id, method);
    double v = find (r, "互联网", "2019")->value[SHZ_AXIS_MATURITY];
    g_assert_cmpfloat (v, >, 50);
    g_assert_cmpfloat (v, <, 100);
  }
}

/* Weights: a zero weight drops a category; changing weights needs no reload. */
static void
test_weights (Fixture *f, gconstpointer data)
{
  g_autoptr(ShzMethod) method = shz_method_new ();
  g_autoptr(GError) error = NULL;
  gint64 id = add_usage (f, "worked", worked_rows, G_N_ELEMENTS (worked_rows));
  g_autoptr(ShzIndexMatrix) m = shz_index_matrix_load (f->store, id, method, &error);

  method->weights[SHZ_CATEGORY_PAAS] = 0;
  method->weights[SHZ_CATEGORY_SAAS] = 0;
  g_assert_true (shz_index_matrix_fits (m, method));
  {
    g_autoptr(ShzIndexResult) r = shz_index_compute (m, method, &error);
    /* IaaS only: E1 50, E2 75 → 62.5; E4 0, E5 75 → 37.5 */
    g_assert_no_error (error);
    g_assert_cmpfloat (find (r, "互联网", "2019")->value[SHZ_AXIS_MATURITY], ==, 62.5);
    g_assert_cmpfloat (find (r, "制造工业", "2019")->value[SHZ_AXIS_MATURITY], ==, 37.5);
  }
  method->weights[SHZ_CATEGORY_IAAS] = 3;
  method->weights[SHZ_CATEGORY_SAAS] = 1;
  {
    g_autoptr(ShzIndexResult) r = shz_index_compute (m, method, &error);
    /* E1 (3·50 + 100)/4 = 62.5, E2 (3·75 + 75)/4 = 75 */
    g_assert_cmpfloat (find (r, "互联网", "2019")->value[SHZ_AXIS_MATURITY], ==, 68.75);
  }
  g_free (method->group_by);
  method->group_by = g_strdup ("region");
  g_assert_false (shz_index_matrix_fits (m, method));
}

/* no-spend = exclude leaves E5 (no innovation spend) out of innovation only. */
static void
test_no_spend_exclude (Fixture *f, gconstpointer data)
{
  g_autoptr(ShzMethod) method = shz_method_new ();
  g_autoptr(ShzIndexResult) r = NULL;
  gint64 id = add_usage (f, "worked", worked_rows, G_N_ELEMENTS (worked_rows));
  const ShzIndexPoint *p;

  method->axis[SHZ_AXIS_INNOVATION].no_spend = SHZ_NO_SPEND_EXCLUDE;
  r = compute (f, id, method);
  p = find (r, "制造工业", "2019");
  g_assert_cmpuint (p->n, ==, 2);
  g_assert_cmpuint (p->n_axis[SHZ_AXIS_MATURITY], ==, 2);
  g_assert_cmpuint (p->n_axis[SHZ_AXIS_INNOVATION], ==, 1);
  g_assert_cmpfloat (p->value[SHZ_AXIS_MATURITY], ==, 12.5);
  /* E4 among the four on the axis: 大数据计算 1 below of 3 → 100/3, others 0 → mean /4 */
  g_assert_cmpfloat_with_epsilon (p->value[SHZ_AXIS_INNOVATION], 100.0 / 3 / 4, 1e-12);
  g_assert_cmpuint (r->reference[SHZ_CATEGORY_BIG_DATA].n, ==, 4);
  g_assert_cmpuint (r->reference[SHZ_CATEGORY_IAAS].n, ==, 5);
}

/* A group of no spend at all on an axis (with exclude) has no value and is not saved. */
static void
test_no_data_group (Fixture *f, gconstpointer data)
{
  static const Row rows[] = {
    { "A", "互联网", NULL, "2019", "IaaS", 10 },
    { "A", "互联网", NULL, "2019", "数据智能", 10 },
    { "B", "政务与治理", NULL, "2019", "IaaS", 5 },
  };
  g_autoptr(ShzMethod) method = shz_method_new ();
  g_autoptr(ShzIndexResult) r = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_usage (f, "sparse", rows, G_N_ELEMENTS (rows)), saved;
  const ShzIndexPoint *p;

  method->axis[SHZ_AXIS_INNOVATION].no_spend = SHZ_NO_SPEND_EXCLUDE;
  r = compute (f, id, method);
  p = find (r, "政务与治理", "2019");
  g_assert_cmpuint (p->n_axis[SHZ_AXIS_INNOVATION], ==, 0);
  g_assert_true (isnan (p->value[SHZ_AXIS_INNOVATION]));
  g_assert_true (isnan (p->lo[SHZ_AXIS_INNOVATION]));
  g_assert_true (p->low_sample);
  saved = shz_index_save (f->store, f->engagement_id, r, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(ShzDataset) d = shz_store_get_dataset (f->store, saved, &error);
    g_assert_cmpint (d->rows, ==, 1);
  }
}

/* Region grouping, blank group values, and periods kept as given. */
static void
test_grouping_and_periods (Fixture *f, gconstpointer data)
{
  static const Row rows[] = {
    { "A", "互联网", "华东", "2018-01", "IaaS", 10 },
    { "A", "互联网", "华东", "2018-02", "IaaS", 10 },
    { "A", "互联网", "华东", "2019-01", "IaaS", 30 },
    { "B", "金融",   "",     "2018-01", "IaaS", 5 },
    { "B", "金融",   NULL,   "2019-01", "PaaS", 5 },
  };
  g_autoptr(ShzMethod) method = shz_method_new ();
  g_autoptr(GError) error = NULL;
  gint64 id = add_usage (f, "regions", rows, G_N_ELEMENTS (rows));

  g_free (method->group_by);
  method->group_by = g_strdup ("region");
  {
    g_autoptr(ShzIndexResult) r = compute (f, id, method);
    g_assert_cmpuint (r->n_points, ==, 4);
    g_assert_cmpuint (find (r, "华东", "2018")->n, ==, 1);
    g_assert_cmpuint (find (r, SHZ_INDEX_BLANK_GROUP, "2019")->n, ==, 1);
  }
  method->period_unit = SHZ_PERIOD_UNIT_AS_GIVEN;
  {
    g_autoptr(ShzIndexResult) r = compute (f, id, method);
    g_assert_cmpuint (r->n_points, ==, 5);
    g_assert_nonnull (shz_index_result_find (r, "华东", "2018-02"));
  }
  method->period_unit = SHZ_PERIOD_UNIT_YEAR;
  g_free (method->period);
  method->period = g_strdup ("2019");
  {
    g_autoptr(ShzIndexResult) r = compute (f, id, method);
    g_assert_cmpuint (r->n_points, ==, 2);
    g_assert_cmpstr (r->points[0].period, ==, "2019");
    /* normalised against both years: A's 2019 IaaS (30) is the highest of the four */
    g_assert_cmpuint (r->reference[SHZ_CATEGORY_IAAS].n, ==, 4);
  }
  g_free (method->period);
  method->period = g_strdup ("2020");
  {
    g_autoptr(ShzIndexMatrix) m = shz_index_matrix_load (f->store, id, method, &error);
    g_autoptr(ShzIndexResult) r = shz_index_compute (m, method, &error);
    g_assert_null (r);
    g_assert_error (error, SHZ_INDEX_ERROR, SHZ_INDEX_ERROR_NO_DATA);
    g_assert_nonnull (strstr (error->message, "2018, 2019"));
  }
}

/* Every unit its own group and period: memory and time stay proportional to the units. */
static void
test_many_groups (void)
{
  g_autoptr(ShzMethod) method = shz_method_new ();
  g_autoptr(ShzIndexMatrix) m = NULL;
  g_autoptr(ShzIndexResult) r = NULL;
  g_autoptr(GError) error = NULL;

  g_free (method->group_by);
  method->group_by = g_strdup ("enterprise_id");
  method->period_unit = SHZ_PERIOD_UNIT_AS_GIVEN;
  method->bootstrap_iterations = 10;
  m = shz_index_matrix_new ("enterprise_id", SHZ_PERIOD_UNIT_AS_GIVEN);
  for (guint i = 0; i < 5000; i++)
    {
      double spend[SHZ_N_CATEGORIES] = { i, NAN, NAN, i % 7, NAN, NAN, NAN };
      g_autofree char *id = g_strdup_printf ("E%u", i);
      g_autofree char *period = g_strdup_printf ("2019-%u", i);

      shz_index_matrix_add (m, id, id, period, spend, 1);
    }
  r = shz_index_compute (m, method, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n_points, ==, 5000);
  g_assert_true (r->points[0].low_sample);
  g_assert_cmpuint (r->points[0].n, ==, 1);
  g_assert_cmpfloat (r->points[0].lo[0], ==, r->points[0].value[0]);
}

static void
test_min_sample (Fixture *f, gconstpointer data)
{
  g_autoptr(ShzMethod) method = shz_method_new ();
  gint64 id = add_usage (f, "worked", worked_rows, G_N_ELEMENTS (worked_rows));

  method->min_sample = 2;
  {
    g_autoptr(ShzIndexResult) r = compute (f, id, method);
    g_assert_false (find (r, "互联网", "2019")->low_sample);
    g_assert_false (find (r, "制造工业", "2019")->low_sample);
    g_assert_true (find (r, "金融", "2019")->low_sample);
  }
  method->min_sample = 3;
  {
    g_autoptr(ShzIndexResult) r = compute (f, id, method);
    g_assert_true (find (r, "互联网", "2019")->low_sample);
  }
}

static void
test_median (Fixture *f, gconstpointer data)
{
  g_autoptr(ShzMethod) method = shz_method_new ();
  g_autoptr(ShzIndexResult) r = NULL;
  gint64 id = add_usage (f, "worked", worked_rows, G_N_ELEMENTS (worked_rows));

  method->aggregation = SHZ_AGGREGATION_MEDIAN;
  r = compute (f, id, method);
  /* two enterprises: the median is their mean */
  g_assert_cmpfloat (find (r, "互联网", "2019")->value[SHZ_AXIS_MATURITY], ==, 62.5);
  g_assert_cmpfloat (find (r, "金融", "2019")->value[SHZ_AXIS_INNOVATION], ==, 50);
}

/* ---- bootstrap ---- */

static void
test_bootstrap_deterministic (void)
{
  double v[200];
  double lo1, hi1, lo2, hi2, lo3, hi3;
  for (guint i = 0; i < G_N_ELEMENTS (v); i++)
    v[i] = (i * 37) % 101;

  shz_index_bootstrap (SHZ_AGGREGATION_MEAN, v, 200, 1000, 0.90, 42, &lo1, &hi1);
  shz_index_bootstrap (SHZ_AGGREGATION_MEAN, v, 200, 1000, 0.90, 42, &lo2, &hi2);
  g_assert_cmpfloat (lo1, ==, lo2);
  g_assert_cmpfloat (hi1, ==, hi2);
  g_assert_cmpfloat (lo1, <, hi1);
  /* the mean is about 50, its standard error about 29/√200 ≈ 2: a 90 % interval of ±3.4 */
  g_assert_cmpfloat (lo1, >, 44);
  g_assert_cmpfloat (hi1, <, 56);
  /* the order of the values does not matter (they are sorted first) */
  for (guint i = 0; i < 100; i++)
    {
      double t = v[i];
      v[i] = v[199 - i];
      v[199 - i] = t;
    }
  shz_index_bootstrap (SHZ_AGGREGATION_MEAN, v, 200, 1000, 0.90, 42, &lo2, &hi2);
  g_assert_cmpfloat (lo1, ==, lo2);
  g_assert_cmpfloat (hi1, ==, hi2);
  /* another seed, another (close) interval */
  shz_index_bootstrap (SHZ_AGGREGATION_MEAN, v, 200, 1000, 0.90, 43, &lo3, &hi3);
  g_assert_true (lo3 != lo1 || hi3 != hi1);
  g_assert_cmpfloat (fabs (lo3 - lo1), <, 1);

  shz_index_bootstrap (SHZ_AGGREGATION_MEDIAN, v, 200, 500, 0.90, 7, &lo1, &hi1);
  shz_index_bootstrap (SHZ_AGGREGATION_MEDIAN, v, 200, 500, 0.90, 7, &lo2, &hi2);
  g_assert_cmpfloat (lo1, ==, lo2);
  g_assert_cmpfloat (hi1, ==, hi2);
  g_assert_cmpfloat (lo1, <=, 50);
  g_assert_cmpfloat (hi1, >=, 50);

  /* no iterations, no values: no interval */
  shz_index_bootstrap (SHZ_AGGREGATION_MEAN, v, 200, 0, 0.90, 7, &lo1, &hi1);
  g_assert_true (isnan (lo1) && isnan (hi1));
  shz_index_bootstrap (SHZ_AGGREGATION_MEAN, v, 0, 100, 0.90, 7, &lo1, &hi1);
  g_assert_true (isnan (lo1) && isnan (hi1));
}

/* Whole computations repeat exactly, and a group's interval does not depend on other groups. */
static void
test_bootstrap_points (void)
{
  g_autoptr(ShzMethod) method = shz_method_new ();
  g_autoptr(ShzIndexMatrix) big = shz_index_matrix_new ("industry", SHZ_PERIOD_UNIT_YEAR);
  g_autoptr(ShzIndexResult) r1 = NULL, r2 = NULL;
  g_autoptr(GError) error = NULL;
  guint64 x = 1;

  /* enough work (about 20 million draws) for the bootstrap to use threads */
  for (guint i = 0; i < 10000; i++)
    {
      double spend[SHZ_N_CATEGORIES];
      char id[16];

      for (guint c = 0; c < SHZ_N_CATEGORIES; c++)
        {
          x = x * G_GUINT64_CONSTANT (6364136223846793005) + 1442695040888963407;
          spend[c] = (x >> 40) % 7 == 0 ? NAN : (double) ((x >> 33) % 100000);
        }
      g_snprintf (id, sizeof id, "E%u", i);
      shz_index_matrix_add (big, id, i % 3 ? "金融" : "互联网", i % 2 ? "2018" : "2019", spend, 1);
    }
  r1 = shz_index_compute (big, method, &error);
  g_assert_no_error (error);
  r2 = shz_index_compute (big, method, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r1->n_points, ==, 4);
  for (guint i = 0; i < r1->n_points; i++)
    for (guint a = 0; a < SHZ_N_AXES; a++)
      {
        g_assert_cmpfloat (r1->points[i].lo[a], ==, r2->points[i].lo[a]);
        g_assert_cmpfloat (r1->points[i].hi[a], ==, r2->points[i].hi[a]);
        g_assert_cmpfloat (r1->points[i].lo[a], <, r1->points[i].value[a]);
        g_assert_cmpfloat (r1->points[i].hi[a], >, r1->points[i].value[a]);
        g_assert_false (r1->points[i].low_sample);
      }

  /* one period only: same scores (normalised over both), same seeds → same intervals */
  g_free (method->period);
  method->period = g_strdup ("2019");
  {
    g_autoptr(ShzIndexResult) r3 = shz_index_compute (big, method, &error);
    const ShzIndexPoint *a = shz_index_result_find (r1, "金融", "2019");
    const ShzIndexPoint *b = shz_index_result_find (r3, "金融", "2019");

    g_assert_no_error (error);
    g_assert_cmpuint (r3->n_points, ==, 2);
    g_assert_cmpfloat (a->value[0], ==, b->value[0]);
    g_assert_cmpfloat (a->lo[0], ==, b->lo[0]);
    g_assert_cmpfloat (a->hi[1], ==, b->hi[1]);
  }
}

/* ---- saving ---- */

typedef struct {
  guint n;
  ShzPositionRow first;
  char *entity;
} Collected;

static gboolean
collect_position_cb (const ShzPositionRow *row, gpointer user_data)
{
  Collected *c = user_data;

  if (c->n++ == 0)
    {
      c->first = *row;
      c->entity = g_strdup (row->entity);
    }
  return TRUE;
}

static void
test_save (Fixture *f, gconstpointer data)
{
  g_autoptr(ShzMethod) method = shz_method_new ();
  g_autoptr(ShzIndexResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzDataset) d = NULL;
  g_autoptr(ShzMethod) snapshot = NULL;
  gint64 id = add_usage (f, "worked", worked_rows, G_N_ELEMENTS (worked_rows));
  gint64 saved, again;
  Collected c = { 0 };

  method->weights[SHZ_CATEGORY_SAAS] = 2;
  r = compute (f, id, method);
  saved = shz_index_save (f->store, f->engagement_id, r, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved, >, 0);

  d = shz_store_get_dataset (f->store, saved, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (d->name, ==, "worked positions");
  g_assert_cmpint (d->kind, ==, SHZ_KIND_POSITIONS);
  g_assert_cmpint (d->rows, ==, 3);
  g_assert_cmpint (d->source_dataset_id, ==, id);
  g_assert_nonnull (d->method);
  snapshot = shz_method_load_from_data (d->method, -1, "snapshot", &error);
  g_assert_no_error (error);
  g_assert_true (shz_method_equal (snapshot, method));

  g_assert_true (shz_store_foreach_position (f->store, saved, "2019", collect_position_cb, &c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.n, ==, 3);
  g_assert_cmpstr (c.entity, ==, "互联网");
  g_assert_cmpfloat (c.first.maturity, ==, r->points[0].value[SHZ_AXIS_MATURITY]);
  g_assert_cmpfloat (c.first.innovation, ==, 53.125);
  g_assert_cmpfloat (c.first.maturity_lo, ==, r->points[0].lo[SHZ_AXIS_MATURITY]);
  g_assert_cmpint (c.first.n, ==, 2);
  g_assert_true (c.first.low_sample);
  g_free (c.entity);

  /* a second save gets a unique name; a taken explicit name is an error and writes nothing */
  again = shz_index_save (f->store, f->engagement_id, r, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(ShzDataset) d2 = shz_store_get_dataset (f->store, again, &error);
    g_assert_cmpstr (d2->name, ==, "worked positions (2)");
  }
  g_assert_cmpint (shz_index_save (f->store, f->engagement_id, r, "worked positions", &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) list = shz_store_list_datasets (f->store, f->engagement_id, &error);
    g_assert_cmpuint (list->len, ==, 3);
  }
}

static void
test_not_usage (Fixture *f, gconstpointer data)
{
  g_autoptr(ShzMethod) method = shz_method_new ();
  g_autoptr(ShzIndexResult) r = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_usage (f, "worked", worked_rows, G_N_ELEMENTS (worked_rows)), saved;

  r = compute (f, id, method);
  saved = shz_index_save (f->store, f->engagement_id, r, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(ShzIndexMatrix) m = shz_index_matrix_load (f->store, saved, method, &error);
    g_assert_null (m);
    g_assert_error (error, SHZ_INDEX_ERROR, SHZ_INDEX_ERROR_NOT_USAGE);
  }
  g_clear_error (&error);
  {
    gint64 empty = add_usage (f, "empty", NULL, 0);
    g_autoptr(ShzIndexMatrix) m = shz_index_matrix_load (f->store, empty, method, &error);
    g_autoptr(ShzIndexResult) r2 = NULL;

    g_assert_no_error (error);
    r2 = shz_index_compute (m, method, &error);
    g_assert_null (r2);
    g_assert_error (error, SHZ_INDEX_ERROR, SHZ_INDEX_ERROR_NO_DATA);
  }
}

/* ---- async load ---- */

static void
loaded_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  ShzIndexMatrix **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = shz_index_matrix_load_finish (res, &error);
  g_assert_no_error (error);
}

static void
test_load_async (Fixture *f, gconstpointer data)
{
  g_autoptr(ShzMethod) method = shz_method_new ();
  gint64 id = add_usage (f, "worked", worked_rows, G_N_ELEMENTS (worked_rows));
  ShzIndexMatrix *m = NULL;

  shz_index_matrix_load_async (f->path, id, method, NULL, loaded_cb, &m);
  while (m == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (shz_index_matrix_get_n_units (m), ==, 5);
  g_assert_cmpint (shz_index_matrix_get_dataset_id (m), ==, id);
  shz_index_matrix_unref (m);
}

static void
computed_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  ShzIndexResult **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = shz_index_compute_finish (res, &error);
  g_assert_no_error (error);
}

static void
test_compute_async (Fixture *f, gconstpointer data)
{
  g_autoptr(ShzMethod) method = shz_method_new ();
  g_autoptr(GError) error = NULL;
  gint64 id = add_usage (f, "worked", worked_rows, G_N_ELEMENTS (worked_rows));
  g_autoptr(ShzIndexMatrix) m = shz_index_matrix_load (f->store, id, method, &error);
  ShzIndexResult *r = NULL;

  shz_index_compute_async (m, method, NULL, computed_cb, &r);
  while (r == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat (find (r, "互联网", "2019")->value[SHZ_AXIS_INNOVATION], ==, 53.125);
  shz_index_result_free (r);
}

/* ---- the demo ---- */

static void
test_demo (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  ShzDataset *usage = NULL, *positions = NULL;
  g_autoptr(ShzMethod) method = shz_method_new ();
  g_autoptr(ShzIndexResult) r = NULL;
  static const char * const industries[] = {
    "互联网", "零售消费与生活服务", "金融", "制造工业", "政务与治理", "科技文教",
  };

  g_assert_true (shz_demo_add_usage (f->store, f->engagement_id, &error));
  g_assert_no_error (error);
  list = shz_store_list_datasets (f->store, f->engagement_id, &error);
  for (guint i = 0; i < list->len; i++)
    {
      ShzDataset *d = g_ptr_array_index (list, i);
      if (d->kind == SHZ_KIND_USAGE)
        usage = d;
      else if (d->kind == SHZ_KIND_POSITIONS)
        positions = d;
    }
  g_assert_nonnull (usage);
  g_assert_nonnull (positions);
  g_assert_true (usage->illustrative);
  g_assert_nonnull (strstr (usage->note, "Synthetic"));
  g_assert_true (positions->illustrative);
  g_assert_nonnull (strstr (positions->note, "Synthetic"));
  g_assert_cmpint (positions->source_dataset_id, ==, usage->id);
  g_assert_cmpint (positions->rows, ==, 12);

  r = compute (f, usage->id, method);
  g_assert_cmpuint (r->n_points, ==, 12);
  for (guint y = 0; y < 2; y++)
    {
      const char *period = y ? "2019" : "2018";
      const ShzIndexPoint *p[G_N_ELEMENTS (industries)];

      for (guint i = 0; i < G_N_ELEMENTS (industries); i++)
        {
          p[i] = find (r, industries[i], period);
          /* a few hundred enterprises each */
          g_assert_cmpuint (p[i]->n, >=, 200);
          g_assert_false (p[i]->low_sample);
        }
      /* 互联网 leads on both axes */
      for (guint i = 1; i < G_N_ELEMENTS (industries); i++)
        {
          g_assert_cmpfloat (p[0]->value[SHZ_AXIS_MATURITY], >, p[i]->value[SHZ_AXIS_MATURITY]);
          g_assert_cmpfloat (p[0]->value[SHZ_AXIS_INNOVATION], >, p[i]->value[SHZ_AXIS_INNOVATION]);
        }
      /* 零售消费与生活服务: second on maturity, with room on innovation */
      for (guint i = 2; i < G_N_ELEMENTS (industries); i++)
        g_assert_cmpfloat (p[1]->value[SHZ_AXIS_MATURITY], >, p[i]->value[SHZ_AXIS_MATURITY]);
      g_assert_cmpfloat (p[1]->value[SHZ_AXIS_INNOVATION], <, p[1]->value[SHZ_AXIS_MATURITY] - 20);
      g_assert_cmpfloat (p[1]->value[SHZ_AXIS_INNOVATION], <, p[2]->value[SHZ_AXIS_INNOVATION]);
      /* 金融 in between; the traditional industries trail on both */
      for (guint i = 3; i < G_N_ELEMENTS (industries); i++)
        {
          g_assert_cmpfloat (p[2]->value[SHZ_AXIS_MATURITY], >, p[i]->value[SHZ_AXIS_MATURITY]);
          g_assert_cmpfloat (p[2]->value[SHZ_AXIS_INNOVATION], >, p[i]->value[SHZ_AXIS_INNOVATION]);
          g_assert_cmpfloat (p[1]->value[SHZ_AXIS_INNOVATION], >, p[i]->value[SHZ_AXIS_INNOVATION]);
        }
    }
  /* trajectories: every industry moves up from 2018 to 2019 */
  for (guint i = 0; i < G_N_ELEMENTS (industries); i++)
    for (guint a = 0; a < SHZ_N_AXES; a++)
      g_assert_cmpfloat (find (r, industries[i], "2019")->value[a], >, find (r, industries[i], "2018")->value[a]);

  /* deterministic: a second demo gives the same rows */
  {
    g_autoptr(ShzEngagement) e = shz_engagement_new ();
    g_autoptr(GPtrArray) list2 = NULL;
    g_autoptr(ShzIndexResult) r2 = NULL;
    gint64 e2;

    e->name = g_strdup ("second");
    e2 = shz_store_create_engagement (f->store, e, &error);
    g_assert_true (shz_demo_add_usage (f->store, e2, &error));
    list2 = shz_store_list_datasets (f->store, e2, &error);
    for (guint i = 0; i < list2->len; i++)
      {
        ShzDataset *d = g_ptr_array_index (list2, i);
        if (d->kind == SHZ_KIND_USAGE)
          {
            g_assert_cmpint (d->rows, ==, usage->rows);
            r2 = compute (f, d->id, method);
          }
      }
    g_assert_nonnull (r2);
    for (guint i = 0; i < r->n_points; i++)
      {
        g_assert_cmpfloat (r->points[i].value[0], ==, r2->points[i].value[0]);
        g_assert_cmpfloat (r->points[i].hi[1], ==, r2->points[i].hi[1]);
      }
  }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/analysis/index/worked-example", test_worked_example);
  ADD ("/analysis/index/worked-example-explained", test_worked_example_explained);
  ADD ("/analysis/index/source-rows", test_source_rows);
  g_test_add_func ("/analysis/index/transform", test_transform);
  g_test_add_func ("/analysis/index/normalise/percentile", test_normalise_percentile);
  g_test_add_func ("/analysis/index/normalise/min-max", test_normalise_minmax);
  g_test_add_func ("/analysis/index/normalise/z-score", test_normalise_zscore);
  ADD ("/analysis/index/transform-and-normalisation", test_transform_and_normalisation);
  ADD ("/analysis/index/weights", test_weights);
  ADD ("/analysis/index/no-spend/exclude", test_no_spend_exclude);
  ADD ("/analysis/index/no-spend/no-data-group", test_no_data_group);
  ADD ("/analysis/index/grouping-and-periods", test_grouping_and_periods);
  g_test_add_func ("/analysis/index/many-groups", test_many_groups);
  ADD ("/analysis/index/min-sample", test_min_sample);
  ADD ("/analysis/index/median", test_median);
  g_test_add_func ("/analysis/index/bootstrap/deterministic", test_bootstrap_deterministic);
  g_test_add_func ("/analysis/index/bootstrap/points", test_bootstrap_points);
  ADD ("/analysis/index/save", test_save);
  ADD ("/analysis/index/not-usage", test_not_usage);
  ADD ("/analysis/index/load-async", test_load_async);
  ADD ("/analysis/index/compute-async", test_compute_async);
  ADD ("/analysis/index/demo", test_demo);
#undef ADD
  return g_test_run ();
}
