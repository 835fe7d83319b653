/* shz-index.c — maturity and innovation indices from a usage dataset (docs/methodology.md).
 *
 * The rows are read once, with one grouped query, into a matrix of one unit per enterprise ×
 * group × period holding spend by category.  Everything after that is C over the matrix, so a
 * changed weight or normalisation recomputes in milliseconds without touching the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-index"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shz-index.h"

G_DEFINE_QUARK (shz-index-error-quark, shz_index_error)

typedef struct {
  const char *enterprise;   /* in matrix->strings */
  guint       group;        /* index into matrix->groups */
  guint       period;       /* index into matrix->periods */
  gint64      n_rows;
  double      spend[SHZ_N_CATEGORIES];  /* NAN: no row of the category */
} Unit;

struct _ShzIndexMatrix {
  gatomicrefcount  ref;
  gint64           dataset_id;
  char            *group_by;
  ShzPeriodUnit    period_unit;
  GStringChunk    *strings;
  GHashTable      *group_ids;      /* interned string → index + 1 */
  GPtrArray       *groups;
  GHashTable      *period_ids;
  GPtrArray       *periods;        /* in order of first appearance */
  GPtrArray       *sorted_periods; /* sorted, NULL-terminated */
  GArray          *units;          /* of Unit */
  gint64           n_rows;
};

/* ---- the unit query: one constant statement per grouping column and period unit ---- */

#define CAT_SUM(name) "sum(CASE category WHEN '" name "' THEN spend END)"
#define CAT_SUMS \
  CAT_SUM ("IaaS") ", " CAT_SUM ("PaaS") ", " CAT_SUM ("SaaS") ", " \
  CAT_SUM ("大数据计算") ", " CAT_SUM ("数据中台") ", " CAT_SUM ("XPaaS") ", " CAT_SUM ("数据智能")
#define GROUP_EXPR(col) "coalesce(nullif(" col ", ''), '" SHZ_INDEX_BLANK_GROUP "')"
#define PER_YEAR "coalesce(substr(period, 1, 4), '')"
#define PER_ASIS "coalesce(period, '')"
/* Spend per enterprise, group, period and category: the only pass over the rows. */
#define UNIT_SQL(col, per) \
  "SELECT enterprise_id, " GROUP_EXPR (col) ", " per ", count(*), " CAT_SUMS \
  " FROM usage_row WHERE dataset_id = ?1 GROUP BY 1, 2, 3"
/* The rows behind one group and period (and enterprise). */
#define SOURCE_SQL(col, per) \
  "SELECT row_no, enterprise_id, enterprise_name, industry, region, period, category, product, spend" \
  " FROM usage_row WHERE dataset_id = ?1 AND " GROUP_EXPR (col) " = ?2 AND " per " = ?3" \
  " AND (?4 IS NULL OR enterprise_id = ?4) ORDER BY row_no"

/* Same order as shz_method_group_columns(). */
static const char * const unit_sql[][2] = {
  { UNIT_SQL ("industry", PER_YEAR),        UNIT_SQL ("industry", PER_ASIS) },
  { UNIT_SQL ("region", PER_YEAR),          UNIT_SQL ("region", PER_ASIS) },
  { UNIT_SQL ("enterprise_id", PER_YEAR),   UNIT_SQL ("enterprise_id", PER_ASIS) },
  { UNIT_SQL ("enterprise_name", PER_YEAR), UNIT_SQL ("enterprise_name", PER_ASIS) },
  { UNIT_SQL ("product", PER_YEAR),         UNIT_SQL ("product", PER_ASIS) },
};
static const char * const source_sql[][2] = {
  { SOURCE_SQL ("industry", PER_YEAR),        SOURCE_SQL ("industry", PER_ASIS) },
  { SOURCE_SQL ("region", PER_YEAR),          SOURCE_SQL ("region", PER_ASIS) },
  { SOURCE_SQL ("enterprise_id", PER_YEAR),   SOURCE_SQL ("enterprise_id", PER_ASIS) },
  { SOURCE_SQL ("enterprise_name", PER_YEAR), SOURCE_SQL ("enterprise_name", PER_ASIS) },
  { SOURCE_SQL ("product", PER_YEAR),         SOURCE_SQL ("product", PER_ASIS) },
};

static int
group_column_index (const char *group_by)
{
  const char * const *cols = shz_method_group_columns ();

  for (int i = 0; cols[i] != NULL; i++)
    if (g_strcmp0 (cols[i], group_by) == 0)
      return i;
  return -1;
}

/* ---- a small, fully specified random generator (xoshiro256**, seeded by splitmix64) ---- */

typedef struct {
  guint64 s[4];
} Rng;

static inline guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static void
rng_seed (Rng *rng, guint64 seed)
{
  for (int i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&seed);
}

static inline guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* An index in [0, n): multiply-shift of 32 random bits (bias below n / 2³²).  Each 64-bit
 * output of the generator gives two indices, its high half first. */
static inline guint
index_of (guint32 bits, guint n)
{
  return (guint) (((guint64) bits * n) >> 32);
}

static guint64
fnv1a (guint64 h, const char *s)
{
  for (; *s; s++)
    {
      h ^= (guchar) *s;
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  /* a separator, so ("ab", "c") and ("a", "bc") differ */
  h ^= 0xff;
  h *= G_GUINT64_CONSTANT (0x100000001b3);
  return h;
}

/* The seed of one group, period and axis: independent of what else is computed. */
static guint64
point_seed (guint64     seed,
            const char *group,
            const char *period,
            ShzAxis     axis)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  guint64 x;

  h = fnv1a (h, group);
  h = fnv1a (h, period);
  h = fnv1a (h, shz_axis_to_string (axis));
  x = seed ^ h;
  return splitmix64 (&x);
}

/* ---- matrix ---- */

ShzIndexMatrix *
shz_index_matrix_new (const char    *group_by,
                      ShzPeriodUnit  period_unit)
{
  ShzIndexMatrix *m = g_new0 (ShzIndexMatrix, 1);

  g_atomic_ref_count_init (&m->ref);
  m->group_by = g_strdup (group_by ? group_by : "industry");
  m->period_unit = period_unit;
  m->strings = g_string_chunk_new (64 * 1024);
  m->group_ids = g_hash_table_new (g_str_hash, g_str_equal);
  m->groups = g_ptr_array_new ();
  m->period_ids = g_hash_table_new (g_str_hash, g_str_equal);
  m->periods = g_ptr_array_new ();
  m->sorted_periods = g_ptr_array_new ();
  g_ptr_array_add (m->sorted_periods, NULL);
  m->units = g_array_new (FALSE, FALSE, sizeof (Unit));
  return m;
}

ShzIndexMatrix *
shz_index_matrix_ref (ShzIndexMatrix *matrix)
{
  g_return_val_if_fail (matrix != NULL, NULL);
  g_atomic_ref_count_inc (&matrix->ref);
  return matrix;
}

void
shz_index_matrix_unref (ShzIndexMatrix *matrix)
{
  if (matrix == NULL || !g_atomic_ref_count_dec (&matrix->ref))
    return;
  g_free (matrix->group_by);
  g_string_chunk_free (matrix->strings);
  g_hash_table_unref (matrix->group_ids);
  g_ptr_array_unref (matrix->groups);
  g_hash_table_unref (matrix->period_ids);
  g_ptr_array_unref (matrix->periods);
  g_ptr_array_unref (matrix->sorted_periods);
  g_array_unref (matrix->units);
  g_free (matrix);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  const char *sa = *(const char * const *) a;
  const char *sb = *(const char * const *) b;

  /* the NULL terminator sorts last */
  if (sa == NULL || sb == NULL)
    return (sa == NULL) - (sb == NULL);
  return strcmp (sa, sb);
}

static guint
intern_index (ShzIndexMatrix *m,
              GHashTable     *ids,
              GPtrArray      *list,
              const char     *s,
              gboolean        is_period)
{
  gpointer v = g_hash_table_lookup (ids, s);
  const char *interned;

  if (v != NULL)
    return GPOINTER_TO_UINT (v) - 1;
  interned = g_string_chunk_insert (m->strings, s);
  g_ptr_array_add (list, (gpointer) interned);
  g_hash_table_insert (ids, (gpointer) interned, GUINT_TO_POINTER (list->len));
  if (is_period)
    {
      g_ptr_array_insert (m->sorted_periods, 0, (gpointer) interned);
      g_ptr_array_sort (m->sorted_periods, compare_strings);
    }
  return list->len - 1;
}

static void
matrix_add_len (ShzIndexMatrix *m,
                const char     *enterprise_id,
                gsize           enterprise_len,
                const char     *group,
                const char     *period,
                const double   *spend,
                gint64          n_rows)
{
  Unit u;

  u.enterprise = g_string_chunk_insert_len (m->strings, enterprise_id, enterprise_len);
  u.group = intern_index (m, m->group_ids, m->groups, group, FALSE);
  u.period = intern_index (m, m->period_ids, m->periods, period, TRUE);
  u.n_rows = n_rows;
  memcpy (u.spend, spend, sizeof u.spend);
  g_array_append_val (m->units, u);
  m->n_rows += n_rows;
}

void
shz_index_matrix_add (ShzIndexMatrix *matrix,
                      const char     *enterprise_id,
                      const char     *group,
                      const char     *period,
                      const double    spend[SHZ_N_CATEGORIES],
                      gint64          n_rows)
{
  g_return_if_fail (matrix != NULL && enterprise_id != NULL && spend != NULL);

  matrix_add_len (matrix, enterprise_id, strlen (enterprise_id),
                  group && *group ? group : SHZ_INDEX_BLANK_GROUP,
                  period ? period : "", spend, n_rows);
}

gboolean
shz_index_matrix_fits (const ShzIndexMatrix *matrix,
                       const ShzMethod      *method)
{
  return g_strcmp0 (matrix->group_by, method->group_by) == 0
         && matrix->period_unit == method->period_unit;
}

gint64
shz_index_matrix_get_dataset_id (const ShzIndexMatrix *matrix)
{
  return matrix->dataset_id;
}

guint
shz_index_matrix_get_n_units (const ShzIndexMatrix *matrix)
{
  return matrix->units->len;
}

gint64
shz_index_matrix_get_n_rows (const ShzIndexMatrix *matrix)
{
  return matrix->n_rows;
}

const char * const *
shz_index_matrix_get_periods (const ShzIndexMatrix *matrix,
                              guint                *n_periods)
{
  if (n_periods != NULL)
    *n_periods = matrix->sorted_periods->len - 1;
  return (const char * const *) matrix->sorted_periods->pdata;
}

static int
progress_cb (void *data)
{
  return g_cancellable_is_cancelled (data) ? 1 : 0;
}

static ShzIndexMatrix *
matrix_load (ShzStore        *store,
             gint64           dataset_id,
             const ShzMethod *method,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr(ShzDataset) dataset = NULL;
  g_autoptr(ShzIndexMatrix) m = NULL;
  sqlite3 *db = shz_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  int col, rc;

  g_return_val_if_fail (store != NULL && method != NULL, NULL);

  if (!shz_method_validate (method, error))
    return NULL;
  col = group_column_index (method->group_by);

  dataset = shz_store_get_dataset (store, dataset_id, error);
  if (dataset == NULL)
    return NULL;
  if (dataset->kind != SHZ_KIND_USAGE)
    {
      g_set_error (error, SHZ_INDEX_ERROR, SHZ_INDEX_ERROR_NOT_USAGE,
                   _("Dataset “%s” holds %s, not usage: indices are computed from usage data"),
                   dataset->name, shz_dataset_kind_to_string (dataset->kind));
      return NULL;
    }

  if (sqlite3_prepare_v2 (db, unit_sql[col][method->period_unit], -1, &stmt, NULL) != SQLITE_OK)
    {
      shz_store_set_sqlite_error (store, error, _("reading usage totals"));
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, dataset_id);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 10000, progress_cb, cancellable);

  m = shz_index_matrix_new (method->group_by, method->period_unit);
  m->dataset_id = dataset_id;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      double spend[SHZ_N_CATEGORIES];
      const char *ent = (const char *) sqlite3_column_text (stmt, 0);
      const char *group = (const char *) sqlite3_column_text (stmt, 1);
      const char *period = (const char *) sqlite3_column_text (stmt, 2);

      for (int c = 0; c < SHZ_N_CATEGORIES; c++)
        spend[c] = sqlite3_column_type (stmt, 4 + c) == SQLITE_NULL
                   ? NAN : sqlite3_column_double (stmt, 4 + c);
      matrix_add_len (m, ent ? ent : "", ent ? (gsize) sqlite3_column_bytes (stmt, 0) : 0,
                      group ? group : SHZ_INDEX_BLANK_GROUP, period ? period : "",
                      spend, sqlite3_column_int64 (stmt, 3));
    }
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 0, NULL, NULL);
  if (rc != SQLITE_DONE)
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        shz_store_set_sqlite_error (store, error, _("reading usage totals"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&m);
}

ShzIndexMatrix *
shz_index_matrix_load (ShzStore        *store,
                       gint64           usage_dataset_id,
                       const ShzMethod *method,
                       GError         **error)
{
  return matrix_load (store, usage_dataset_id, method, NULL, error);
}

typedef struct {
  char      *path;
  gint64     dataset_id;
  ShzMethod *method;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *ld = data;

  g_free (ld->path);
  shz_method_free (ld->method);
  g_free (ld);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *ld = task_data;
  g_autoptr(ShzStore) store = NULL;
  GError *error = NULL;
  ShzIndexMatrix *m;

  store = shz_store_open (ld->path, SHZ_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  m = matrix_load (store, ld->dataset_id, ld->method, cancellable, &error);
  if (m == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, m, (GDestroyNotify) shz_index_matrix_unref);
}

void
shz_index_matrix_load_async (const char          *store_path,
                             gint64               usage_dataset_id,
                             const ShzMethod     *method,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *ld;

  g_return_if_fail (store_path != NULL && method != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, shz_index_matrix_load_async);
  ld = g_new0 (LoadData, 1);
  ld->path = g_strdup (store_path);
  ld->dataset_id = usage_dataset_id;
  ld->method = shz_method_copy (method);
  g_task_set_task_data (task, ld, load_data_free);
  g_task_run_in_thread (task, load_thread);
}

ShzIndexMatrix *
shz_index_matrix_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- building blocks ---- */

/* Net spend below zero (credits exceeding charges) and no rows at all both count as 0. */
static inline double
clean_spend (double spend)
{
  return isnan (spend) || spend < 0 ? 0.0 : spend;
}

double
shz_index_transform (ShzTransform transform,
                     double       spend)
{
  spend = clean_spend (spend);
  return transform == SHZ_TRANSFORM_LOG1P ? log1p (spend) : spend;
}

/* Sorting, the bulk of a recompute: an LSD radix sort on the bits of the doubles (made
 * order-preserving), stable, so equal values keep their original order. */
typedef struct {
  guint64 key;
  guint   index;
} Ranked;

static inline guint64
double_to_key (double d)
{
  guint64 u;

  memcpy (&u, &d, sizeof u);
  return (u >> 63) ? ~u : u | (G_GUINT64_CONSTANT (1) << 63);
}

static inline double
key_to_double (guint64 k)
{
  guint64 u = (k >> 63) ? k & ~(G_GUINT64_CONSTANT (1) << 63) : ~k;
  double d;

  memcpy (&d, &u, sizeof d);
  return d;
}

static void
sort_ranked (Ranked *a,
             guint   n)
{
  g_autofree Ranked *tmp = g_new (Ranked, MAX (n, 1));
  Ranked *src = a, *dst = tmp;

  for (guint shift = 0; shift < 64; shift += 8)
    {
      guint count[256] = { 0 };
      guint sum = 0;

      for (guint i = 0; i < n; i++)
        count[(src[i].key >> shift) & 0xff]++;
      if (n == 0 || count[(src[0].key >> shift) & 0xff] == n)
        continue;   /* every key has this digit */
      for (guint d = 0; d < 256; d++)
        {
          guint c = count[d];
          count[d] = sum;
          sum += c;
        }
      for (guint i = 0; i < n; i++)
        dst[count[(src[i].key >> shift) & 0xff]++] = src[i];
      {
        Ranked *t = src;
        src = dst;
        dst = t;
      }
    }
  if (src != a)
    memcpy (a, src, sizeof (Ranked) * n);
}

/* Ascending, in place. */
static void
sort_doubles (double *v,
              guint   n)
{
  g_autofree Ranked *r = NULL;

  if (n < 2)
    return;
  r = g_new (Ranked, n);
  for (guint i = 0; i < n; i++)
    r[i] = (Ranked) { double_to_key (v[i]), i };
  sort_ranked (r, n);
  for (guint i = 0; i < n; i++)
    v[i] = key_to_double (r[i].key);
}

void
shz_index_normalise (ShzNormalisation   normalisation,
                     const double      *values,
                     guint              n,
                     double            *out,
                     ShzIndexReference *ref)
{
  double min = INFINITY, max = -INFINITY, sum = 0, mean, ss = 0, sd;

  for (guint i = 0; i < n; i++)
    {
      min = MIN (min, values[i]);
      max = MAX (max, values[i]);
      sum += values[i];
    }
  mean = n > 0 ? sum / n : NAN;
  for (guint i = 0; i < n; i++)
    ss += (values[i] - mean) * (values[i] - mean);
  sd = n > 0 ? sqrt (ss / n) : NAN;
  if (ref != NULL)
    {
      ref->n = n;
      ref->min = n > 0 ? min : NAN;
      ref->max = n > 0 ? max : NAN;
      ref->mean = mean;
      ref->sd = sd;
    }
  if (n == 0)
    return;

  switch (normalisation)
    {
    case SHZ_NORMALISATION_PERCENTILE:
      {
        g_autofree Ranked *r = NULL;

        if (n == 1)
          {
            out[0] = 50.0;
            break;
          }
        r = g_new (Ranked, n);
        for (guint i = 0; i < n; i++)
          r[i] = (Ranked) { double_to_key (values[i]), i };
        sort_ranked (r, n);
        for (guint i = 0; i < n;)
          {
            guint j = i;
            double pct;

            while (j + 1 < n && values[r[j + 1].index] == values[r[i].index])
              j++;
            /* the share of the others with a strictly lower value (PERCENTRANK.INC): ties,
             * such as the block of enterprises with no spend, share the lowest rank */
            pct = i * 100.0 / (n - 1);
            for (guint k = i; k <= j; k++)
              out[r[k].index] = pct;
            i = j + 1;
          }
      }
      break;

    case SHZ_NORMALISATION_MINMAX:
      for (guint i = 0; i < n; i++)
        out[i] = max > min ? (values[i] - min) / (max - min) * 100.0 : 50.0;
      break;

    case SHZ_NORMALISATION_ZSCORE:
      for (guint i = 0; i < n; i++)
        out[i] = sd > 0 ? CLAMP (50.0 + 50.0 * ((values[i] - mean) / sd) / 3.0, 0.0, 100.0) : 50.0;
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Mean or median of ascending @sorted. */
static double
statistic (ShzAggregation aggregation,
           const double  *sorted,
           guint          n)
{
  double sum = 0;

  if (n == 0)
    return NAN;
  if (aggregation == SHZ_AGGREGATION_MEDIAN)
    return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  for (guint i = 0; i < n; i++)
    sum += sorted[i];
  return sum / n;
}

/* Type-7 (linear) quantile of ascending @x. */
static double
quantile (const double *x,
          guint         n,
          double        p)
{
  double h = (n - 1) * p;
  guint lo = (guint) floor (h);

  if (lo + 1 >= n)
    return x[n - 1];
  return x[lo] + (h - lo) * (x[lo + 1] - x[lo]);
}

/* The bootstrap of ascending @sorted, into *lo and *hi. */
static void
bootstrap_sorted (ShzAggregation  aggregation,
                  const double   *sorted,
                  guint           n,
                  guint           iterations,
                  double          level,
                  guint64         seed,
                  double         *lo,
                  double         *hi)
{
  g_autofree double *stats = NULL;
  g_autofree guint *hist = NULL;
  Rng rng;

  *lo = *hi = NAN;
  if (n == 0 || iterations == 0)
    return;

  stats = g_new (double, iterations);
  rng_seed (&rng, seed);

  if (aggregation == SHZ_AGGREGATION_MEAN)
    {
      for (guint b = 0; b < iterations; b++)
        {
          double sum = 0;
          guint i = 0;

          for (; i + 1 < n; i += 2)
            {
              guint64 x = rng_next (&rng);
              sum += sorted[index_of (x >> 32, n)] + sorted[index_of ((guint32) x, n)];
            }
          if (i < n)
            sum += sorted[index_of (rng_next (&rng) >> 32, n)];
          stats[b] = sum / n;
        }
    }
  else
    {
      /* The median of a resample of sorted values is the value at the median of the drawn
       * indices, so counting indices (O(n)) replaces sorting each resample. */
      hist = g_new (guint, n);
      for (guint b = 0; b < iterations; b++)
        {
          guint k1 = (n - 1) / 2, k2 = n / 2, seen = 0, i1 = 0, i2 = 0, i = 0;
          gboolean found1 = FALSE;

          memset (hist, 0, sizeof (guint) * n);
          for (; i + 1 < n; i += 2)
            {
              guint64 x = rng_next (&rng);
              hist[index_of (x >> 32, n)]++;
              hist[index_of ((guint32) x, n)]++;
            }
          if (i < n)
            hist[index_of (rng_next (&rng) >> 32, n)]++;
          for (i = 0; i < n; i++)
            {
              seen += hist[i];
              if (!found1 && seen > k1)
                {
                  i1 = i;
                  found1 = TRUE;
                }
              if (seen > k2)
                {
                  i2 = i;
                  break;
                }
            }
          stats[b] = (sorted[i1] + sorted[i2]) / 2.0;
        }
    }

  sort_doubles (stats, iterations);
  *lo = quantile (stats, iterations, (1.0 - level) / 2.0);
  *hi = quantile (stats, iterations, 1.0 - (1.0 - level) / 2.0);
}

void
shz_index_bootstrap (ShzAggregation  aggregation,
                     const double   *values,
                     guint           n,
                     guint           iterations,
                     double          level,
                     guint64         seed,
                     double         *lo,
                     double         *hi)
{
  g_autofree double *sorted = NULL;

  /* Resampling sorted values makes the interval independent of the order the rows came in. */
  sorted = g_memdup2 (values, sizeof (double) * MAX (n, 1));
  sort_doubles (sorted, n);
  bootstrap_sorted (aggregation, sorted, n, iterations, level, seed, lo, hi);
}

/* One interval to bootstrap; the points are independent (each has its own seed), so they run
 * on all cores and the result does not depend on how many there are. */
typedef struct {
  const double *sorted;
  guint         n;
  guint64       seed;
  double       *lo;
  double       *hi;
} BootTask;

typedef struct {
  BootTask        *tasks;
  guint            n_tasks;
  gint             next;      /* atomic */
  ShzAggregation   aggregation;
  guint            iterations;
  double           level;
} BootJob;

static gpointer
boot_worker (gpointer data)
{
  BootJob *job = data;
  gint i;

  while ((i = g_atomic_int_add (&job->next, 1)) < (gint) job->n_tasks)
    {
      BootTask *t = &job->tasks[i];
      bootstrap_sorted (job->aggregation, t->sorted, t->n, job->iterations, job->level,
                        t->seed, t->lo, t->hi);
    }
  return NULL;
}

static int
compare_tasks (const void *a, const void *b)
{
  const BootTask *ta = a, *tb = b;

  /* largest first, for an even share between threads */
  return (ta->n < tb->n) - (ta->n > tb->n);
}

static void
run_bootstraps (BootJob *job,
                guint64  work)
{
  guint n_threads = MIN (g_get_num_processors (), 8);
  GThread *threads[8];

  qsort (job->tasks, job->n_tasks, sizeof (BootTask), compare_tasks);
  /* threads only pay off for more than a few milliseconds of work */
  if (work < 2000000 || job->n_tasks < 2)
    n_threads = 1;
  n_threads = MIN (n_threads, job->n_tasks);
  for (guint t = 1; t < n_threads; t++)
    threads[t] = g_thread_new ("shz-bootstrap", boot_worker, job);
  boot_worker (job);
  for (guint t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);
}

/* ---- compute ---- */

void
shz_index_result_free (ShzIndexResult *result)
{
  if (result == NULL)
    return;
  for (guint i = 0; i < result->n_points; i++)
    {
      g_free (result->points[i].group);
      g_free (result->points[i].period);
    }
  g_free (result->points);
  g_free (result->norm);
  g_free (result->score);
  shz_method_free (result->method);
  g_clear_pointer (&result->matrix, shz_index_matrix_unref);
  g_free (result);
}

static gboolean
unit_on_axis (const ShzMethod *method,
              const Unit      *u,
              ShzAxis          axis)
{
  if (method->axis[axis].no_spend == SHZ_NO_SPEND_ZERO)
    return TRUE;
  for (guint c = 0; c < SHZ_N_CATEGORIES; c++)
    if (shz_category_get_axis (c) == axis && clean_spend (u->spend[c]) > 0)
      return TRUE;
  return FALSE;
}

typedef struct {
  guint64 key;    /* period index << 32 | group index */
  guint   unit;
} Keyed;

static int
compare_keyed (const void *a, const void *b)
{
  const Keyed *ka = a, *kb = b;

  if (ka->key != kb->key)
    return ka->key < kb->key ? -1 : 1;
  return (ka->unit > kb->unit) - (ka->unit < kb->unit);
}

static int
compare_points (const void *a, const void *b)
{
  const ShzIndexPoint *pa = a, *pb = b;
  int r = strcmp (pa->period, pb->period);

  return r != 0 ? r : strcmp (pa->group, pb->group);
}

ShzIndexResult *
shz_index_compute (ShzIndexMatrix  *matrix,
                   const ShzMethod *method,
                   GError         **error)
{
  g_autoptr(ShzIndexResult) r = NULL;
  g_autofree double *values = NULL;
  g_autofree double *normed = NULL;
  g_autofree guint *idx = NULL;
  g_autofree guint *run_start = NULL;
  g_autofree Keyed *keyed = NULL;
  g_autofree guint *order = NULL;
  g_autofree double *sorted_scores = NULL;
  BootJob job = { 0 };
  g_autofree BootTask *tasks = NULL;
  gsize used = 0;
  guint64 work = 0;
  const Unit *units;
  guint n, n_runs = 0, n_points = 0;
  int only_period = -1;

  g_return_val_if_fail (matrix != NULL && method != NULL, NULL);

  if (!shz_method_validate (method, error))
    return NULL;
  g_return_val_if_fail (shz_index_matrix_fits (matrix, method), NULL);

  units = (const Unit *) matrix->units->data;
  n = matrix->units->len;
  if (n == 0)
    {
      g_set_error (error, SHZ_INDEX_ERROR, SHZ_INDEX_ERROR_NO_DATA,
                   _("The usage dataset has no rows to compute positions from"));
      return NULL;
    }
  if (g_strcmp0 (method->period, "all") != 0)
    {
      gpointer v = g_hash_table_lookup (matrix->period_ids, method->period);

      if (v == NULL)
        {
          g_autofree char *list = g_strjoinv (", ", (char **) matrix->sorted_periods->pdata);
          g_set_error (error, SHZ_INDEX_ERROR, SHZ_INDEX_ERROR_NO_DATA,
                       _("Period “%s” is not in the usage data; it has %s"), method->period, list);
          return NULL;
        }
      only_period = GPOINTER_TO_INT (v) - 1;
    }

  r = g_new0 (ShzIndexResult, 1);
  r->method = shz_method_copy (method);
  r->source_dataset_id = matrix->dataset_id;
  r->matrix = shz_index_matrix_ref (matrix);
  r->norm = g_new (double, (gsize) n * SHZ_N_CATEGORIES);
  r->score = g_new (double, (gsize) n * SHZ_N_AXES);
  values = g_new (double, n);
  normed = g_new (double, n);
  idx = g_new (guint, n);

  /* Per axis: who counts, then each category normalised across the whole dataset (all periods
   * and groups, so a period's position does not depend on which periods are shown), then the
   * weighted mean of the normalised categories. */
  for (guint a = 0; a < SHZ_N_AXES; a++)
    {
      guint m = 0;
      double wsum = 0;

      for (guint u = 0; u < n; u++)
        {
          r->score[(gsize) u * SHZ_N_AXES + a] = NAN;
          if (unit_on_axis (method, &units[u], a))
            {
              idx[m++] = u;
              r->score[(gsize) u * SHZ_N_AXES + a] = 0;
            }
        }
      for (guint c = 0; c < SHZ_N_CATEGORIES; c++)
        if (shz_category_get_axis (c) == a)
          wsum += method->weights[c];

      for (guint c = 0; c < SHZ_N_CATEGORIES; c++)
        {
          if (shz_category_get_axis (c) != a)
            continue;
          for (guint u = 0; u < n; u++)
            r->norm[(gsize) u * SHZ_N_CATEGORIES + c] = NAN;
          for (guint i = 0; i < m; i++)
            values[i] = shz_index_transform (method->axis[a].transform, units[idx[i]].spend[c]);
          shz_index_normalise (method->axis[a].normalisation, values, m, normed, &r->reference[c]);
          for (guint i = 0; i < m; i++)
            {
              r->norm[(gsize) idx[i] * SHZ_N_CATEGORIES + c] = normed[i];
              r->score[(gsize) idx[i] * SHZ_N_AXES + a] += method->weights[c] * normed[i];
            }
        }
      /* divided once at the end, so whole weights over scores give exact results */
      for (guint i = 0; i < m; i++)
        r->score[(gsize) idx[i] * SHZ_N_AXES + a] /= wsum;
    }

  /* Units by (period, group): sorted keys, so memory stays proportional to the units however
   * many groups and periods the data has. */
  keyed = g_new (Keyed, n);
  for (guint u = 0; u < n; u++)
    keyed[u] = (Keyed) { ((guint64) units[u].period << 32) | units[u].group, u };
  qsort (keyed, n, sizeof (Keyed), compare_keyed);
  order = g_new (guint, n);
  run_start = g_new (guint, n + 1);
  for (guint i = 0; i < n; i++)
    {
      order[i] = keyed[i].unit;
      if (i == 0 || keyed[i].key != keyed[i - 1].key)
        {
          run_start[n_runs++] = i;
          if (only_period < 0 || (keyed[i].key >> 32) == (guint64) only_period)
            n_points++;
        }
    }
  run_start[n_runs] = n;

  r->points = g_new0 (ShzIndexPoint, n_points);
  sorted_scores = g_new (double, (gsize) n * SHZ_N_AXES);
  job.tasks = g_new0 (BootTask, (gsize) n_points * SHZ_N_AXES);
  job.aggregation = method->aggregation;
  job.iterations = method->bootstrap_iterations;
  job.level = method->level;
  for (guint b = 0; b < n_runs; b++)
    {
      guint first = run_start[b], last = run_start[b + 1];
      guint period = (guint) (keyed[first].key >> 32), group = (guint) (keyed[first].key & G_MAXUINT32);
      ShzIndexPoint *p;

      if (only_period >= 0 && period != (guint) only_period)
        continue;
      p = &r->points[r->n_points++];
      p->group = g_strdup (g_ptr_array_index (matrix->groups, group));
      p->period = g_strdup (g_ptr_array_index (matrix->periods, period));
      p->n = last - first;
      for (guint a = 0; a < SHZ_N_AXES; a++)
        {
          double *v = sorted_scores + used;
          guint k = 0;

          for (guint i = first; i < last; i++)
            {
              double s = r->score[(gsize) order[i] * SHZ_N_AXES + a];
              if (!isnan (s))
                v[k++] = s;
            }
          /* sorted, so neither the statistic nor the interval depends on row order */
          sort_doubles (v, k);
          used += k;
          p->n_axis[a] = k;
          p->value[a] = statistic (method->aggregation, v, k);
          p->lo[a] = p->hi[a] = NAN;
          if (k < method->min_sample)
            p->low_sample = TRUE;
          if (k > 0 && method->bootstrap_iterations > 0)
            {
              job.tasks[job.n_tasks++] = (BootTask) {
                v, k, point_seed (method->seed, p->group, p->period, a), &p->lo[a], &p->hi[a],
              };
              work += (guint64) k * method->bootstrap_iterations;
            }
        }
    }
  tasks = job.tasks;
  run_bootstraps (&job, work);
  qsort (r->points, r->n_points, sizeof (ShzIndexPoint), compare_points);
  return g_steal_pointer (&r);
}

typedef struct {
  ShzIndexMatrix *matrix;
  ShzMethod      *method;
} ComputeData;

static void
compute_data_free (gpointer data)
{
  ComputeData *cd = data;

  shz_index_matrix_unref (cd->matrix);
  shz_method_free (cd->method);
  g_free (cd);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *cd = task_data;
  GError *error = NULL;
  ShzIndexResult *r;

  if (!shz_index_matrix_fits (cd->matrix, cd->method))
    {
      g_task_return_new_error (task, SHZ_INDEX_ERROR, SHZ_INDEX_ERROR_NO_DATA,
                               _("The method groups or dates the rows differently: load them again"));
      return;
    }
  r = shz_index_compute (cd->matrix, cd->method, &error);
  if (r == NULL)
    g_task_return_error (task, error);
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, r, (GDestroyNotify) shz_index_result_free);
  else
    shz_index_result_free (r);
}

void
shz_index_compute_async (ShzIndexMatrix      *matrix,
                         const ShzMethod     *method,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *cd;

  g_return_if_fail (matrix != NULL && method != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, shz_index_compute_async);
  cd = g_new0 (ComputeData, 1);
  cd->matrix = shz_index_matrix_ref (matrix);
  cd->method = shz_method_copy (method);
  g_task_set_task_data (task, cd, compute_data_free);
  g_task_run_in_thread (task, compute_thread);
}

ShzIndexResult *
shz_index_compute_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

const ShzIndexPoint *
shz_index_result_find (const ShzIndexResult *result,
                       const char           *group,
                       const char           *period)
{
  for (guint i = 0; i < result->n_points; i++)
    if (g_strcmp0 (result->points[i].group, group) == 0
        && g_strcmp0 (result->points[i].period, period) == 0)
      return &result->points[i];
  return NULL;
}

/* ---- explain ---- */

void
shz_index_explanation_free (ShzIndexExplanation *ex)
{
  if (ex == NULL)
    return;
  g_free (ex->point.group);
  g_free (ex->point.period);
  for (guint a = 0; a < SHZ_N_AXES; a++)
    g_free (ex->formula[a]);
  g_free (ex->enterprises);
  g_free (ex->group_by);
  g_clear_pointer (&ex->matrix, shz_index_matrix_unref);
  g_free (ex);
}

static int
compare_enterprises (const void *a, const void *b)
{
  const ShzIndexEnterprise *ea = a, *eb = b;

  return strcmp (ea->enterprise_id, eb->enterprise_id);
}

static char *
describe_formula (const ShzMethod         *method,
                  const ShzIndexReference *reference,
                  ShzAxis                  axis,
                  guint                    n)
{
  GString *s = g_string_new (NULL);
  const char *norm_name = NULL;
  gboolean first = TRUE;
  double wsum = 0;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (method->axis[axis].normalisation)
    {
    case SHZ_NORMALISATION_PERCENTILE: norm_name = _("percentile rank"); break;
    case SHZ_NORMALISATION_MINMAX:     norm_name = _("min–max scaling"); break;
    case SHZ_NORMALISATION_ZSCORE:     norm_name = _("z-score, 50 + 50·z/3"); break;
    default: g_assert_not_reached ();
    }

  g_string_append_printf (s, method->aggregation == SHZ_AGGREGATION_MEAN
                             ? _("%s = mean over the group’s %u enterprises of (")
                             : _("%s = median over the group’s %u enterprises of ("),
                          axis == SHZ_AXIS_MATURITY ? _("maturity") : _("innovation"), n);
  for (guint c = 0; c < SHZ_N_CATEGORIES; c++)
    {
      if (shz_category_get_axis (c) != axis)
        continue;
      wsum += method->weights[c];
      g_string_append_printf (s, "%s%s·N(%s%s%s)", first ? "" : " + ",
                              g_ascii_formatd (buf, sizeof buf, "%g", method->weights[c]),
                              method->axis[axis].transform == SHZ_TRANSFORM_LOG1P ? "log1p(" : "",
                              shz_category_to_string (c),
                              method->axis[axis].transform == SHZ_TRANSFORM_LOG1P ? ")" : "");
      first = FALSE;
    }
  g_string_append_printf (s, ") / %s; ", g_ascii_formatd (buf, sizeof buf, "%g", wsum));
  for (guint c = 0; c < SHZ_N_CATEGORIES; c++)
    if (shz_category_get_axis (c) == axis)
      {
        g_string_append_printf (s, _("N = %s across the dataset’s %u enterprise-periods"),
                                norm_name, reference[c].n);
        break;
      }
  if (method->axis[axis].no_spend == SHZ_NO_SPEND_EXCLUDE)
    g_string_append (s, _("; enterprises with no spend on this axis are left out"));
  else
    g_string_append (s, _("; enterprises with no spend on this axis count as spend 0"));
  return g_string_free (s, FALSE);
}

ShzIndexExplanation *
shz_index_explain (const ShzIndexResult *result,
                   const char           *group,
                   const char           *period,
                   GError              **error)
{
  g_autoptr(ShzIndexExplanation) ex = NULL;
  const ShzIndexPoint *p;
  const ShzIndexMatrix *m;
  const Unit *units;
  gpointer gv, pv;
  guint gi, pi, k = 0;
  guint n_on[SHZ_N_CATEGORIES] = { 0 };

  g_return_val_if_fail (result != NULL && group != NULL && period != NULL, NULL);

  p = shz_index_result_find (result, group, period);
  m = result->matrix;
  gv = g_hash_table_lookup (m->group_ids, group);
  pv = g_hash_table_lookup (m->period_ids, period);
  if (p == NULL || gv == NULL || pv == NULL)
    {
      g_set_error (error, SHZ_INDEX_ERROR, SHZ_INDEX_ERROR_NO_SUCH,
                   _("No position for group “%s” in period “%s”"), group, period);
      return NULL;
    }
  gi = GPOINTER_TO_UINT (gv) - 1;
  pi = GPOINTER_TO_UINT (pv) - 1;
  units = (const Unit *) m->units->data;

  ex = g_new0 (ShzIndexExplanation, 1);
  ex->point = *p;
  ex->point.group = g_strdup (p->group);
  ex->point.period = g_strdup (p->period);
  ex->matrix = shz_index_matrix_ref (result->matrix);
  ex->source_dataset_id = result->source_dataset_id;
  ex->group_by = g_strdup (result->method->group_by);
  ex->period_unit = result->method->period_unit;
  memcpy (ex->weight, result->method->weights, sizeof ex->weight);
  memcpy (ex->reference, result->reference, sizeof ex->reference);
  for (guint a = 0; a < SHZ_N_AXES; a++)
    ex->formula[a] = describe_formula (result->method, result->reference, a, p->n_axis[a]);

  ex->enterprises = g_new0 (ShzIndexEnterprise, p->n);
  for (guint u = 0; u < m->units->len; u++)
    {
      ShzIndexEnterprise *e;

      if (units[u].group != gi || units[u].period != pi)
        continue;
      g_assert (k < p->n);
      e = &ex->enterprises[k++];
      e->enterprise_id = units[u].enterprise;
      e->n_rows = units[u].n_rows;
      memcpy (e->spend, units[u].spend, sizeof e->spend);
      memcpy (e->normalised, &result->norm[(gsize) u * SHZ_N_CATEGORIES], sizeof e->normalised);
      memcpy (e->score, &result->score[(gsize) u * SHZ_N_AXES], sizeof e->score);
      for (guint c = 0; c < SHZ_N_CATEGORIES; c++)
        {
          ex->mean_spend[c] += clean_spend (e->spend[c]);
          if (!isnan (e->normalised[c]))
            {
              ex->mean_normalised[c] += e->normalised[c];
              n_on[c]++;
            }
        }
    }
  ex->n_enterprises = k;
  for (guint c = 0; c < SHZ_N_CATEGORIES; c++)
    {
      ex->mean_spend[c] = k > 0 ? ex->mean_spend[c] / k : NAN;
      ex->mean_normalised[c] = n_on[c] > 0 ? ex->mean_normalised[c] / n_on[c] : NAN;
    }
  qsort (ex->enterprises, k, sizeof (ShzIndexEnterprise), compare_enterprises);
  return g_steal_pointer (&ex);
}

gboolean
shz_index_foreach_source_row (ShzStore        *store,
                              gint64           usage_dataset_id,
                              const ShzMethod *method,
                              const char      *group,
                              const char      *period,
                              const char      *enterprise_id,
                              ShzRowFunc       func,
                              gpointer         user_data,
                              GError         **error)
{
  static const char * const header[] = {
    "row_no", "enterprise_id", "enterprise_name", "industry", "region", "period", "category",
    "product", "spend",
  };
  sqlite3_stmt *stmt = NULL;
  int col, rc;

  g_return_val_if_fail (store != NULL && method != NULL && group != NULL && period != NULL, FALSE);

  if (!shz_method_validate (method, error))
    return FALSE;
  col = group_column_index (method->group_by);
  if (sqlite3_prepare_v2 (shz_store_get_db (store), source_sql[col][method->period_unit], -1,
                          &stmt, NULL) != SQLITE_OK)
    {
      shz_store_set_sqlite_error (store, error, _("reading usage rows"));
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, usage_dataset_id);
  sqlite3_bind_text (stmt, 2, group, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, period, -1, SQLITE_TRANSIENT);
  if (enterprise_id != NULL)
    sqlite3_bind_text (stmt, 4, enterprise_id, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 4);

  if (!func (header, G_N_ELEMENTS (header), user_data))
    {
      sqlite3_finalize (stmt);
      return TRUE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *values[G_N_ELEMENTS (header)];

      for (guint i = 0; i < G_N_ELEMENTS (header); i++)
        values[i] = (const char *) sqlite3_column_text (stmt, i);
      if (!func (values, G_N_ELEMENTS (header), user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }
  if (rc != SQLITE_DONE)
    {
      shz_store_set_sqlite_error (store, error, _("reading usage rows"));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

/* ---- save ---- */

static gint64
index_insert (ShzStore             *store,
                  gint64                engagement_id,
                  const ShzIndexResult *result,
                  const char           *name,
                  GError              **error)
{
  g_autoptr(ShzDataset) source = NULL;
  g_autoptr(ShzDataset) fields = shz_dataset_new ();
  g_autoptr(ShzRowInserter) ins = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *final_name = NULL;
  gint64 id, n_rows = 0;

  g_return_val_if_fail (store != NULL && result != NULL, 0);

  if (result->source_dataset_id > 0)
    {
      source = shz_store_get_dataset (store, result->source_dataset_id, error);
      if (source == NULL)
        return 0;
    }
  if (name != NULL)
    final_name = g_strdup (name);
  else
    {
      /* Translators: the default name of computed positions, after the usage dataset's name */
      g_autofree char *base = source ? g_strdup_printf (_("%s positions"), source->name)
                                     : g_strdup (_("Computed positions"));
      final_name = shz_store_unique_dataset_name (store, engagement_id, base);
    }

  for (guint i = 0; i < result->n_points; i++)
    if (result->points[i].n_axis[SHZ_AXIS_MATURITY] > 0 && result->points[i].n_axis[SHZ_AXIS_INNOVATION] > 0)
      n_rows++;

  fields->engagement_id = engagement_id;
  fields->name = g_strdup (final_name);
  fields->kind = SHZ_KIND_POSITIONS;
  fields->rows = n_rows;
  fields->rejected = 0;
  fields->source_name = source ? g_strdup (source->name) : NULL;
  fields->imported = g_date_time_format_iso8601 (now);
  fields->method = shz_method_to_data (result->method);
  fields->source_dataset_id = result->source_dataset_id;
  fields->illustrative = source ? source->illustrative : FALSE;
  if (source != NULL && source->illustrative && source->note != NULL)
    fields->note = g_strdup_printf (_("Computed from “%s”. %s"), source->name, source->note);
  else if (source != NULL)
    fields->note = g_strdup_printf (_("Computed from “%s” with the method stored with this dataset."),
                                    source->name);

  id = shz_store_create_dataset (store, fields, error);
  if (id == 0)
    return 0;
  ins = shz_row_inserter_new (store, id, SHZ_KIND_POSITIONS, error);
  if (ins == NULL)
    return 0;
  for (guint i = 0, row_no = 0; i < result->n_points; i++)
    {
      const ShzIndexPoint *p = &result->points[i];
      ShzPositionRow row = { 0 };

      if (p->n_axis[SHZ_AXIS_MATURITY] == 0 || p->n_axis[SHZ_AXIS_INNOVATION] == 0)
        continue;
      row.row_no = ++row_no;
      row.entity = p->group;
      row.group = p->group;
      row.period = p->period;
      row.maturity = p->value[SHZ_AXIS_MATURITY];
      row.innovation = p->value[SHZ_AXIS_INNOVATION];
      row.size = NAN;
      row.is_client = FALSE;
      row.maturity_lo = p->lo[SHZ_AXIS_MATURITY];
      row.maturity_hi = p->hi[SHZ_AXIS_MATURITY];
      row.innovation_lo = p->lo[SHZ_AXIS_INNOVATION];
      row.innovation_hi = p->hi[SHZ_AXIS_INNOVATION];
      row.n = MIN (p->n_axis[SHZ_AXIS_MATURITY], p->n_axis[SHZ_AXIS_INNOVATION]);
      row.low_sample = p->low_sample;
      if (!shz_row_inserter_add_position (ins, &row, error))
        return 0;
    }
  return id;
}

gint64
shz_index_save (ShzStore             *store,
                gint64                engagement_id,
                const ShzIndexResult *result,
                const char           *name,
                GError              **error)
{
  gint64 id;

  if (!shz_store_begin (store, error))
    return 0;
  id = index_insert (store, engagement_id, result, name, error);
  if (id == 0 || !shz_store_commit (store, error))
    {
      shz_store_rollback (store);
      return 0;
    }
  return id;
}
