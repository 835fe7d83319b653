/* shz-index.h — the maturity (行业数字化成熟度) and innovation (行业数据智能创新度) indices: a
 * per-enterprise spend matrix read from a usage dataset with one grouped query, positions per group
 * and period computed from it in C, explanations of a point, and saving as a positions dataset.
 *
 * Load once (shz_index_matrix_load), then compute as often as the method changes
 * (shz_index_compute): only grouping and period unit need a new load (shz_index_matrix_fits).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "store/shz-store.h"
#include "analysis/shz-method.h"

G_BEGIN_DECLS

#define SHZ_INDEX_ERROR (shz_index_error_quark ())

typedef enum {
  SHZ_INDEX_ERROR_NOT_USAGE,   /* the dataset is not a usage dataset */
  SHZ_INDEX_ERROR_NO_DATA,     /* no usable rows, or the chosen period is not in the data */
  SHZ_INDEX_ERROR_NO_SUCH,     /* no such group or period (explain) */
} ShzIndexError;

GQuark shz_index_error_quark (void);

/* Group label used for rows whose grouping column is empty. */
#define SHZ_INDEX_BLANK_GROUP "(none)"

/* ---- the per-enterprise matrix: one unit per enterprise × group × period ---- */

typedef struct _ShzIndexMatrix ShzIndexMatrix;

/* Reads the usage dataset with one grouped SQL query (prepared, on shz_store_get_db()). Only
 * method->group_by and method->period_unit matter here. */
ShzIndexMatrix *shz_index_matrix_load        (ShzStore        *store,
                                              gint64           usage_dataset_id,
                                              const ShzMethod *method,
                                              GError         **error);
/* The same in a worker thread with its own read-only connection to @store_path. */
void            shz_index_matrix_load_async  (const char          *store_path,
                                              gint64               usage_dataset_id,
                                              const ShzMethod     *method,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
ShzIndexMatrix *shz_index_matrix_load_finish (GAsyncResult        *result,
                                              GError             **error);

/* An empty matrix to fill by hand (tests, benchmarks, totals from elsewhere). */
ShzIndexMatrix *shz_index_matrix_new         (const char      *group_by,
                                              ShzPeriodUnit    period_unit);
/* @spend: one value per ShzCategory, NAN where the enterprise had no row of that category. */
void            shz_index_matrix_add         (ShzIndexMatrix  *matrix,
                                              const char      *enterprise_id,
                                              const char      *group,
                                              const char      *period,
                                              const double     spend[SHZ_N_CATEGORIES],
                                              gint64           n_rows);

ShzIndexMatrix *shz_index_matrix_ref         (ShzIndexMatrix  *matrix);
void            shz_index_matrix_unref       (ShzIndexMatrix  *matrix);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzIndexMatrix, shz_index_matrix_unref)

/* TRUE when @method can be computed from @matrix without reading the rows again. */
gboolean        shz_index_matrix_fits        (const ShzIndexMatrix *matrix,
                                              const ShzMethod      *method);
gint64          shz_index_matrix_get_dataset_id (const ShzIndexMatrix *matrix);  /* 0 if built by hand */
guint           shz_index_matrix_get_n_units (const ShzIndexMatrix *matrix);
gint64          shz_index_matrix_get_n_rows  (const ShzIndexMatrix *matrix);    /* usage rows read */
/* Distinct periods, sorted (owned by the matrix). */
const char * const *shz_index_matrix_get_periods (const ShzIndexMatrix *matrix, guint *n_periods);

/* ---- results ---- */

typedef struct {
  char     *group;
  char     *period;
  guint     n;                         /* enterprises of the group in the period */
  guint     n_axis[SHZ_N_AXES];        /* … that count on each axis (differs with no-spend=exclude) */
  double    value[SHZ_N_AXES];         /* 0–100; NAN when n_axis is 0 */
  double    lo[SHZ_N_AXES];            /* bootstrap interval at method->level; NAN without one */
  double    hi[SHZ_N_AXES];
  gboolean  low_sample;                /* some n_axis below method->min_sample */
} ShzIndexPoint;

/* The normalisation population of one category (transformed values). */
typedef struct {
  guint   n;
  double  min, max, mean, sd;
} ShzIndexReference;

typedef struct {
  ShzMethod         *method;           /* a copy of what was computed */
  gint64             source_dataset_id;
  ShzIndexPoint     *points;           /* by period, then group (byte order) */
  guint              n_points;
  ShzIndexReference  reference[SHZ_N_CATEGORIES];
  /*< private >*/
  ShzIndexMatrix    *matrix;
  double            *norm;             /* n_units × SHZ_N_CATEGORIES, NAN when not on the axis */
  double            *score;            /* n_units × SHZ_N_AXES, NAN when excluded */
} ShzIndexResult;

void            shz_index_result_free        (ShzIndexResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzIndexResult, shz_index_result_free)

/* Transform, normalise, weight, aggregate, bootstrap.  Fails when the method is invalid, does not
 * fit the matrix, or names a period the data does not have. */
ShzIndexResult *shz_index_compute            (ShzIndexMatrix  *matrix,
                                              const ShzMethod *method,
                                              GError         **error);
/* The same in a worker thread (a matrix is never changed once loaded, so any thread may read it);
 * for big matrices or when many edits come in a row.  Cancelling drops the result. */
void            shz_index_compute_async      (ShzIndexMatrix      *matrix,
                                              const ShzMethod     *method,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
ShzIndexResult *shz_index_compute_finish     (GAsyncResult        *result,
                                              GError             **error);
const ShzIndexPoint *shz_index_result_find   (const ShzIndexResult *result,
                                              const char           *group,
                                              const char           *period);

/* The building blocks, public so the methodology tests can check them one by one. */
double          shz_index_transform          (ShzTransform     transform,
                                              double           spend);
/* Normalise @n values into @out (0–100); @ref receives the population summary (may be NULL). */
void            shz_index_normalise          (ShzNormalisation normalisation,
                                              const double    *values,
                                              guint            n,
                                              double          *out,
                                              ShzIndexReference *ref);
/* Percentile bootstrap interval of the mean or median of @values (deterministic for @seed). */
void            shz_index_bootstrap          (ShzAggregation   aggregation,
                                              const double    *values,
                                              guint            n,
                                              guint            iterations,
                                              double           level,
                                              guint64          seed,
                                              double          *lo,
                                              double          *hi);

/* ---- explaining a point (the inspector) ---- */

typedef struct {
  const char *enterprise_id;           /* owned by the matrix */
  double      spend[SHZ_N_CATEGORIES];       /* summed spend; NAN: no rows of the category */
  double      normalised[SHZ_N_CATEGORIES];  /* 0–100; NAN when not on the axis */
  double      score[SHZ_N_AXES];             /* NAN when excluded from the axis */
  gint64      n_rows;                        /* usage rows behind the unit */
} ShzIndexEnterprise;

typedef struct {
  ShzIndexPoint      point;            /* a copy; strings owned by the explanation */
  char              *formula[SHZ_N_AXES];  /* human-readable, translated */
  double             weight[SHZ_N_CATEGORIES];
  ShzIndexReference  reference[SHZ_N_CATEGORIES];
  double             mean_spend[SHZ_N_CATEGORIES];       /* over the group's enterprises */
  double             mean_normalised[SHZ_N_CATEGORIES];  /* over those on the axis */
  ShzIndexEnterprise *enterprises;     /* by enterprise id */
  guint              n_enterprises;
  gint64             source_dataset_id;
  char              *group_by;
  ShzPeriodUnit      period_unit;
  /*< private >*/
  ShzIndexMatrix    *matrix;
} ShzIndexExplanation;

ShzIndexExplanation *shz_index_explain       (const ShzIndexResult *result,
                                              const char           *group,
                                              const char           *period,
                                              GError              **error);
void            shz_index_explanation_free   (ShzIndexExplanation *explanation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzIndexExplanation, shz_index_explanation_free)

/* The usage rows behind one enterprise of a group and period (click-through to source rows), as
 * values: row_no, enterprise_id, enterprise_name, industry, region, period, category, product,
 * spend; header first.  @enterprise_id NULL: every enterprise of the group. */
gboolean        shz_index_foreach_source_row (ShzStore        *store,
                                              gint64           usage_dataset_id,
                                              const ShzMethod *method,
                                              const char      *group,
                                              const char      *period,
                                              const char      *enterprise_id,
                                              ShzRowFunc       func,
                                              gpointer         user_data,
                                              GError         **error);

/* ---- saving ---- */

/* Writes @result as a positions dataset of @engagement_id (kind positions, method snapshot,
 * source dataset) in one transaction (nested in the caller's, if one is open).  @name NULL: "<usage name> positions", made unique.
 * Groups with no enterprise on an axis are not written.  Returns the dataset id or 0. */
gint64          shz_index_save               (ShzStore             *store,
                                              gint64                engagement_id,
                                              const ShzIndexResult *result,
                                              const char           *name,
                                              GError              **error);

G_END_DECLS
