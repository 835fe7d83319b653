/* shz-method.h — how the maturity and innovation indices are computed: transform, normalisation,
 * weights, no-spend handling, aggregation, grouping, period and bootstrap settings, stored as a
 * small key-file with every result (docs/methodology.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SHZ_METHOD_ERROR (shz_method_error_quark ())

typedef enum {
  SHZ_METHOD_ERROR_PARSE,    /* not a key-file at all, or unreadable */
  SHZ_METHOD_ERROR_INVALID,  /* a key is unknown or its value is not acceptable */
} ShzMethodError;

GQuark shz_method_error_quark (void);

/* The two axes of the maturity map. */
typedef enum {
  SHZ_AXIS_MATURITY,     /* 行业数字化成熟度: IaaS, PaaS, SaaS */
  SHZ_AXIS_INNOVATION,   /* 行业数据智能创新度: 大数据计算, 数据中台, XPaaS, 数据智能 */
  SHZ_N_AXES
} ShzAxis;

/* The canonical usage categories, in this order everywhere (matrix columns, weights). */
typedef enum {
  SHZ_CATEGORY_IAAS,
  SHZ_CATEGORY_PAAS,
  SHZ_CATEGORY_SAAS,
  SHZ_CATEGORY_BIG_DATA,       /* 大数据计算 */
  SHZ_CATEGORY_DATA_MIDDLE,    /* 数据中台 */
  SHZ_CATEGORY_XPAAS,          /* XPaaS */
  SHZ_CATEGORY_DATA_INTEL,     /* 数据智能 */
  SHZ_N_CATEGORIES
} ShzCategory;

typedef enum {
  SHZ_TRANSFORM_NONE,
  SHZ_TRANSFORM_LOG1P,
} ShzTransform;

typedef enum {
  SHZ_NORMALISATION_PERCENTILE,  /* share of the others strictly below, × 100 */
  SHZ_NORMALISATION_MINMAX,      /* (x − min) / (max − min) × 100 */
  SHZ_NORMALISATION_ZSCORE,      /* 50 + 50 · z / 3, clamped to [0, 100] */
} ShzNormalisation;

typedef enum {
  SHZ_NO_SPEND_ZERO,     /* an enterprise with no spend on the axis scores as spend 0 */
  SHZ_NO_SPEND_EXCLUDE,  /* … or is left out of that axis altogether */
} ShzNoSpend;

typedef enum {
  SHZ_AGGREGATION_MEAN,
  SHZ_AGGREGATION_MEDIAN,
} ShzAggregation;

typedef enum {
  SHZ_PERIOD_UNIT_YEAR,   /* 2019, 2019-03 and 2019-Q1 all count as 2019 */
  SHZ_PERIOD_UNIT_AS_GIVEN,
} ShzPeriodUnit;

typedef struct {
  ShzTransform      transform;
  ShzNormalisation  normalisation;
  ShzNoSpend        no_spend;
} ShzAxisMethod;

typedef struct {
  ShzAxisMethod   axis[SHZ_N_AXES];
  double          weights[SHZ_N_CATEGORIES];  /* ≥ 0; each axis needs one > 0 */
  ShzAggregation  aggregation;
  char           *group_by;     /* a usage column: industry, region, enterprise_id, enterprise_name, product */
  char           *period;       /* "all" (each period on its own) or one period, e.g. "2019" */
  ShzPeriodUnit   period_unit;
  guint           min_sample;   /* groups with fewer enterprises are flagged low_sample */
  guint           bootstrap_iterations;  /* 0: no intervals */
  guint64         seed;
  double          level;        /* interval level, 0.90 */
} ShzMethod;

/* The defaults of docs/methodology.md. */
ShzMethod  *shz_method_new           (void);
ShzMethod  *shz_method_copy          (const ShzMethod *method);
void        shz_method_free          (ShzMethod       *method);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzMethod, shz_method_free)

gboolean    shz_method_equal         (const ShzMethod *a,
                                      const ShzMethod *b);

/* Checks every field; the error names the key and what was expected. */
gboolean    shz_method_validate      (const ShzMethod *method,
                                      GError         **error);

/* Key-file text (the snapshot stored with a result; also what --method reads). Keys absent from
 * the text keep their defaults; unknown groups or keys are errors.  @origin names the file in
 * messages ("method.ini: [maturity] transform: …"); may be NULL. */
ShzMethod  *shz_method_load_from_data (const char  *data,
                                       gssize       length,
                                       const char  *origin,
                                       GError     **error);
ShzMethod  *shz_method_load_from_file (const char  *path,
                                       GError     **error);
char       *shz_method_to_data        (const ShzMethod *method);
gboolean    shz_method_save_to_file   (const ShzMethod *method,
                                       const char      *path,
                                       GError         **error);

/* Canonical category names and axes. */
const char *shz_category_to_string   (ShzCategory  category);
gboolean    shz_category_from_string (const char  *s,
                                      ShzCategory *out);
ShzAxis     shz_category_get_axis    (ShzCategory  category);
const char *shz_axis_to_string       (ShzAxis      axis);   /* "maturity", "innovation" */

const char *shz_transform_to_string      (ShzTransform     t);
const char *shz_normalisation_to_string  (ShzNormalisation n);
const char *shz_no_spend_to_string       (ShzNoSpend       h);
const char *shz_aggregation_to_string    (ShzAggregation   a);
const char *shz_period_unit_to_string    (ShzPeriodUnit    u);

/* The usage columns a method may group by, NULL-terminated. */
const char * const *shz_method_group_columns (void);

G_END_DECLS
