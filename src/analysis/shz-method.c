/* shz-method.c — the index method: defaults, validation and its key-file form.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-method"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "shz-method.h"

G_DEFINE_QUARK (shz-method-error-quark, shz_method_error)

#define METHOD_VERSION 1
/* A method file is a handful of lines; anything much bigger is not one. */
#define MAX_METHOD_BYTES (64 * 1024)

static const char * const category_names[SHZ_N_CATEGORIES] = {
  "IaaS", "PaaS", "SaaS", "大数据计算", "数据中台", "XPaaS", "数据智能",
};

static const char * const axis_names[SHZ_N_AXES] = { "maturity", "innovation" };
static const char * const transform_names[] = { "none", "log1p", NULL };
static const char * const normalisation_names[] = { "percentile", "min-max", "z-score", NULL };
static const char * const no_spend_names[] = { "zero", "exclude", NULL };
static const char * const aggregation_names[] = { "mean", "median", NULL };
static const char * const period_unit_names[] = { "year", "as-given", NULL };
static const char * const group_columns[] = {
  "industry", "region", "enterprise_id", "enterprise_name", "product", NULL,
};

/* ---- names ---- */

const char *
shz_category_to_string (ShzCategory category)
{
  g_return_val_if_fail (category < SHZ_N_CATEGORIES, NULL);
  return category_names[category];
}

gboolean
shz_category_from_string (const char  *s,
                          ShzCategory *out)
{
  for (guint i = 0; i < SHZ_N_CATEGORIES; i++)
    if (g_strcmp0 (s, category_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

ShzAxis
shz_category_get_axis (ShzCategory category)
{
  return category <= SHZ_CATEGORY_SAAS ? SHZ_AXIS_MATURITY : SHZ_AXIS_INNOVATION;
}

const char *
shz_axis_to_string (ShzAxis axis)
{
  g_return_val_if_fail (axis < SHZ_N_AXES, NULL);
  return axis_names[axis];
}

const char *shz_transform_to_string     (ShzTransform t)     { return transform_names[t]; }
const char *shz_normalisation_to_string (ShzNormalisation n) { return normalisation_names[n]; }
const char *shz_no_spend_to_string      (ShzNoSpend h)       { return no_spend_names[h]; }
const char *shz_aggregation_to_string   (ShzAggregation a)   { return aggregation_names[a]; }
const char *shz_period_unit_to_string   (ShzPeriodUnit u)    { return period_unit_names[u]; }

const char * const *
shz_method_group_columns (void)
{
  return group_columns;
}

/* ---- life cycle ---- */

ShzMethod *
shz_method_new (void)
{
  ShzMethod *m = g_new0 (ShzMethod, 1);

  for (guint a = 0; a < SHZ_N_AXES; a++)
    {
      m->axis[a].transform = SHZ_TRANSFORM_LOG1P;
      m->axis[a].normalisation = SHZ_NORMALISATION_PERCENTILE;
      m->axis[a].no_spend = SHZ_NO_SPEND_ZERO;
    }
  for (guint c = 0; c < SHZ_N_CATEGORIES; c++)
    m->weights[c] = 1.0;
  m->aggregation = SHZ_AGGREGATION_MEAN;
  m->group_by = g_strdup ("industry");
  m->period = g_strdup ("all");
  m->period_unit = SHZ_PERIOD_UNIT_YEAR;
  m->min_sample = 30;
  m->bootstrap_iterations = 1000;
  m->seed = 2019;
  m->level = 0.90;
  return m;
}

ShzMethod *
shz_method_copy (const ShzMethod *method)
{
  ShzMethod *m;

  g_return_val_if_fail (method != NULL, NULL);

  m = g_memdup2 (method, sizeof *method);
  m->group_by = g_strdup (method->group_by);
  m->period = g_strdup (method->period);
  return m;
}

void
shz_method_free (ShzMethod *method)
{
  if (method == NULL)
    return;
  g_free (method->group_by);
  g_free (method->period);
  g_free (method);
}

gboolean
shz_method_equal (const ShzMethod *a,
                  const ShzMethod *b)
{
  for (guint i = 0; i < SHZ_N_AXES; i++)
    if (a->axis[i].transform != b->axis[i].transform
        || a->axis[i].normalisation != b->axis[i].normalisation
        || a->axis[i].no_spend != b->axis[i].no_spend)
      return FALSE;
  for (guint c = 0; c < SHZ_N_CATEGORIES; c++)
    if (a->weights[c] != b->weights[c])
      return FALSE;
  return a->aggregation == b->aggregation
         && g_strcmp0 (a->group_by, b->group_by) == 0
         && g_strcmp0 (a->period, b->period) == 0
         && a->period_unit == b->period_unit
         && a->min_sample == b->min_sample
         && a->bootstrap_iterations == b->bootstrap_iterations
         && a->seed == b->seed
         && a->level == b->level;
}

/* ---- validation ---- */

static gboolean
is_group_column (const char *s)
{
  return s != NULL && g_strv_contains (group_columns, s);
}

gboolean
shz_method_validate (const ShzMethod *method,
                     GError         **error)
{
  g_return_val_if_fail (method != NULL, FALSE);

  for (guint a = 0; a < SHZ_N_AXES; a++)
    {
      double sum = 0;

      for (guint c = 0; c < SHZ_N_CATEGORIES; c++)
        {
          if (shz_category_get_axis (c) != a)
            continue;
          if (!isfinite (method->weights[c]) || method->weights[c] < 0)
            {
              g_set_error (error, SHZ_METHOD_ERROR, SHZ_METHOD_ERROR_INVALID,
                           _("[%s] %s: expected a weight of 0 or more"),
                           axis_names[a], category_names[c]);
              return FALSE;
            }
          sum += method->weights[c];
        }
      if (!(sum > 0))
        {
          g_set_error (error, SHZ_METHOD_ERROR, SHZ_METHOD_ERROR_INVALID,
                       _("[%s]: expected at least one category weight above 0"), axis_names[a]);
          return FALSE;
        }
      if ((guint) method->axis[a].transform > SHZ_TRANSFORM_LOG1P
          || (guint) method->axis[a].normalisation > SHZ_NORMALISATION_ZSCORE
          || (guint) method->axis[a].no_spend > SHZ_NO_SPEND_EXCLUDE)
        {
          g_set_error (error, SHZ_METHOD_ERROR, SHZ_METHOD_ERROR_INVALID,
                       _("[%s]: unknown transform, normalisation or no-spend value"), axis_names[a]);
          return FALSE;
        }
    }
  if ((guint) method->aggregation > SHZ_AGGREGATION_MEDIAN
      || (guint) method->period_unit > SHZ_PERIOD_UNIT_AS_GIVEN)
    {
      g_set_error (error, SHZ_METHOD_ERROR, SHZ_METHOD_ERROR_INVALID,
                   _("[method]: unknown aggregation or period unit"));
      return FALSE;
    }
  if (!is_group_column (method->group_by))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) group_columns);
      g_set_error (error, SHZ_METHOD_ERROR, SHZ_METHOD_ERROR_INVALID,
                   _("[method] group-by: expected one of %s, got “%s”"),
                   list, method->group_by ? method->group_by : "");
      return FALSE;
    }
  if (method->period == NULL || method->period[0] == '\0'
      || strlen (method->period) > 32 || !g_utf8_validate (method->period, -1, NULL))
    {
      g_set_error (error, SHZ_METHOD_ERROR, SHZ_METHOD_ERROR_INVALID,
                   _("[method] period: expected “all” or one period such as 2019"));
      return FALSE;
    }
  if (method->min_sample < 1 || method->min_sample > 1000000)
    {
      g_set_error (error, SHZ_METHOD_ERROR, SHZ_METHOD_ERROR_INVALID,
                   _("[method] min-sample: expected a whole number from 1 to 1000000"));
      return FALSE;
    }
  if (method->bootstrap_iterations > 100000)
    {
      g_set_error (error, SHZ_METHOD_ERROR, SHZ_METHOD_ERROR_INVALID,
                   _("[method] bootstrap-iterations: expected a whole number from 0 to 100000"));
      return FALSE;
    }
  if (!(method->level >= 0.5 && method->level <= 0.999))
    {
      g_set_error (error, SHZ_METHOD_ERROR, SHZ_METHOD_ERROR_INVALID,
                   _("[method] level: expected a number from 0.5 to 0.999 (0.90 for a 90 %% interval)"));
      return FALSE;
    }
  return TRUE;
}

/* ---- key-file ---- */

typedef struct {
  GKeyFile   *kf;
  const char *origin;
} Reader;

static gboolean
fail (const Reader *r,
      GError      **error,
      const char   *group,
      const char   *key,
      const char   *expected,
      const char   *got)
{
  if (got != NULL)
    /* Translators: "method.ini: [maturity] transform: expected none or log1p, got “sqrt”" */
    g_set_error (error, SHZ_METHOD_ERROR, SHZ_METHOD_ERROR_INVALID,
                 _("%s: [%s] %s: expected %s, got “%s”"), r->origin, group, key, expected, got);
  else
    g_set_error (error, SHZ_METHOD_ERROR, SHZ_METHOD_ERROR_INVALID,
                 _("%s: [%s] %s: expected %s"), r->origin, group, key, expected);
  return FALSE;
}

/* The value of @key trimmed, or NULL when absent. */
static char *
get_value (const Reader *r,
           const char   *group,
           const char   *key)
{
  char *v = g_key_file_get_value (r->kf, group, key, NULL);

  if (v != NULL)
    g_strstrip (v);
  return v;
}

static gboolean
read_enum (const Reader       *r,
           const char         *group,
           const char         *key,
           const char * const *names,
           guint              *inout,
           GError            **error)
{
  g_autofree char *v = get_value (r, group, key);

  if (v == NULL)
    return TRUE;
  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (v, names[i]) == 0)
      {
        *inout = i;
        return TRUE;
      }
  {
    g_autofree char *list = g_strjoinv (_(" or "), (char **) names);
    return fail (r, error, group, key, list, v);
  }
}

static gboolean
read_double (const Reader *r,
             const char   *group,
             const char   *key,
             double        min,
             double        max,
             const char   *expected,
             double       *inout,
             GError      **error)
{
  g_autofree char *v = get_value (r, group, key);
  char *end = NULL;
  double d;

  if (v == NULL)
    return TRUE;
  d = g_ascii_strtod (v, &end);
  if (v[0] == '\0' || end == NULL || *end != '\0' || !isfinite (d) || d < min || d > max)
    return fail (r, error, group, key, expected, v);
  *inout = d;
  return TRUE;
}

static gboolean
read_uint (const Reader *r,
           const char   *group,
           const char   *key,
           guint64       min,
           guint64       max,
           const char   *expected,
           guint64      *inout,
           GError      **error)
{
  g_autofree char *v = get_value (r, group, key);
  guint64 u;

  if (v == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (v, 10, min, max, &u, NULL))
    return fail (r, error, group, key, expected, v);
  *inout = u;
  return TRUE;
}

static gboolean
check_keys (const Reader       *r,
            const char         *group,
            const char * const *allowed,
            GError            **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (r->kf, group, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    if (!g_strv_contains (allowed, keys[i]))
      {
        g_autofree char *list = g_strjoinv (", ", (char **) allowed);
        g_autofree char *what = g_strdup_printf (_("one of the keys %s"), list);
        return fail (r, error, group, keys[i], what, NULL);
      }
  return TRUE;
}

ShzMethod *
shz_method_load_from_data (const char  *data,
                           gssize       length,
                           const char  *origin,
                           GError     **error)
{
  static const char * const method_keys[] = {
    "version", "group-by", "period", "period-unit", "aggregation", "min-sample",
    "bootstrap-iterations", "seed", "level", NULL,
  };
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(ShzMethod) m = shz_method_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;
  Reader r = { kf, origin ? origin : _("method") };
  guint64 u;

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = strlen (data);
  if (length > MAX_METHOD_BYTES)
    {
      g_set_error (error, SHZ_METHOD_ERROR, SHZ_METHOD_ERROR_PARSE,
                   _("%s: too large for a method file (more than %d KiB)"), r.origin, MAX_METHOD_BYTES / 1024);
      return NULL;
    }
  if (!g_utf8_validate (data, length, NULL)
      || !g_key_file_load_from_data (kf, data, length, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, SHZ_METHOD_ERROR, SHZ_METHOD_ERROR_PARSE,
                   _("%s: not a method key-file (expected UTF-8 “[group]” and “key=value” lines): %s"),
                   r.origin, local_error ? local_error->message : _("invalid UTF-8"));
      return NULL;
    }

  groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    if (g_strcmp0 (groups[i], "method") != 0
        && g_strcmp0 (groups[i], axis_names[SHZ_AXIS_MATURITY]) != 0
        && g_strcmp0 (groups[i], axis_names[SHZ_AXIS_INNOVATION]) != 0)
      {
        g_set_error (error, SHZ_METHOD_ERROR, SHZ_METHOD_ERROR_INVALID,
                     _("%s: [%s]: unknown group, expected [method], [maturity] or [innovation]"),
                     r.origin, groups[i]);
        return NULL;
      }

  if (!check_keys (&r, "method", method_keys, error))
    return NULL;
  u = METHOD_VERSION;
  if (!read_uint (&r, "method", "version", 1, METHOD_VERSION, "1", &u, error))
    return NULL;
  {
    g_autofree char *v = get_value (&r, "method", "group-by");
    if (v != NULL)
      {
        if (!is_group_column (v))
          {
            g_autofree char *list = g_strjoinv (_(" or "), (char **) group_columns);
            fail (&r, error, "method", "group-by", list, v);
            return NULL;
          }
        g_free (m->group_by);
        m->group_by = g_steal_pointer (&v);
      }
  }
  {
    g_autofree char *v = get_value (&r, "method", "period");
    if (v != NULL)
      {
        if (v[0] == '\0' || strlen (v) > 32)
          {
            fail (&r, error, "method", "period", _("“all” or one period such as 2019"), v);
            return NULL;
          }
        g_free (m->period);
        m->period = g_steal_pointer (&v);
      }
  }
  if (!read_enum (&r, "method", "period-unit", period_unit_names, (guint *) &m->period_unit, error)
      || !read_enum (&r, "method", "aggregation", aggregation_names, (guint *) &m->aggregation, error))
    return NULL;
  u = m->min_sample;
  if (!read_uint (&r, "method", "min-sample", 1, 1000000, _("a whole number from 1 to 1000000"), &u, error))
    return NULL;
  m->min_sample = u;
  u = m->bootstrap_iterations;
  if (!read_uint (&r, "method", "bootstrap-iterations", 0, 100000,
                  _("a whole number from 0 to 100000"), &u, error))
    return NULL;
  m->bootstrap_iterations = u;
  u = m->seed;
  if (!read_uint (&r, "method", "seed", 0, G_MAXUINT64, _("a whole number of 0 or more"), &u, error))
    return NULL;
  m->seed = u;
  if (!read_double (&r, "method", "level", 0.5, 0.999,
                    _("a number from 0.5 to 0.999 (0.90 for a 90 % interval)"), &m->level, error))
    return NULL;

  for (guint a = 0; a < SHZ_N_AXES; a++)
    {
      const char *group = axis_names[a];
      const char *allowed[4 + SHZ_N_CATEGORIES + 1];
      guint n = 0;

      allowed[n++] = "transform";
      allowed[n++] = "normalisation";
      allowed[n++] = "no-spend";
      for (guint c = 0; c < SHZ_N_CATEGORIES; c++)
        if (shz_category_get_axis (c) == a)
          allowed[n++] = category_names[c];
      allowed[n] = NULL;

      if (!check_keys (&r, group, allowed, error)
          || !read_enum (&r, group, "transform", transform_names, (guint *) &m->axis[a].transform, error)
          || !read_enum (&r, group, "normalisation", normalisation_names,
                         (guint *) &m->axis[a].normalisation, error)
          || !read_enum (&r, group, "no-spend", no_spend_names, (guint *) &m->axis[a].no_spend, error))
        return NULL;
      for (guint c = 0; c < SHZ_N_CATEGORIES; c++)
        if (shz_category_get_axis (c) == a
            && !read_double (&r, group, category_names[c], 0, 1e6,
                             _("a weight from 0 to 1000000"), &m->weights[c], error))
          return NULL;
    }

  if (!shz_method_validate (m, &local_error))
    {
      /* TRANSLATORS: the method file's name, then what is wrong in it */
      g_set_error (error, SHZ_METHOD_ERROR, SHZ_METHOD_ERROR_INVALID,
                   _("%s: %s"), r.origin, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&m);
}

ShzMethod *
shz_method_load_from_file (const char  *path,
                           GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, SHZ_METHOD_ERROR, SHZ_METHOD_ERROR_PARSE,
                   _("%s: cannot read the method file: %s"), display, local_error->message);
      return NULL;
    }
  if (g_mapped_file_get_length (mapped) == 0)
    return shz_method_new ();
  return shz_method_load_from_data (g_mapped_file_get_contents (mapped),
                                    MIN (g_mapped_file_get_length (mapped), (gsize) MAX_METHOD_BYTES + 1),
                                    display, error);
}

static void
set_double (GKeyFile   *kf,
            const char *group,
            const char *key,
            double      d)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_key_file_set_value (kf, group, key, g_ascii_dtostr (buf, sizeof buf, d));
}

char *
shz_method_to_data (const ShzMethod *method)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();

  g_return_val_if_fail (method != NULL, NULL);

  g_key_file_set_integer (kf, "method", "version", METHOD_VERSION);
  g_key_file_set_value (kf, "method", "group-by", method->group_by);
  g_key_file_set_value (kf, "method", "period", method->period);
  g_key_file_set_value (kf, "method", "period-unit", period_unit_names[method->period_unit]);
  g_key_file_set_value (kf, "method", "aggregation", aggregation_names[method->aggregation]);
  g_key_file_set_uint64 (kf, "method", "min-sample", method->min_sample);
  g_key_file_set_uint64 (kf, "method", "bootstrap-iterations", method->bootstrap_iterations);
  g_key_file_set_uint64 (kf, "method", "seed", method->seed);
  set_double (kf, "method", "level", method->level);
  for (guint a = 0; a < SHZ_N_AXES; a++)
    {
      g_key_file_set_value (kf, axis_names[a], "transform", transform_names[method->axis[a].transform]);
      g_key_file_set_value (kf, axis_names[a], "normalisation",
                            normalisation_names[method->axis[a].normalisation]);
      g_key_file_set_value (kf, axis_names[a], "no-spend", no_spend_names[method->axis[a].no_spend]);
      for (guint c = 0; c < SHZ_N_CATEGORIES; c++)
        if (shz_category_get_axis (c) == a)
          set_double (kf, axis_names[a], category_names[c], method->weights[c]);
    }
  return g_key_file_to_data (kf, NULL, NULL);
}

gboolean
shz_method_save_to_file (const ShzMethod *method,
                         const char      *path,
                         GError         **error)
{
  g_autofree char *data = shz_method_to_data (method);

  return g_file_set_contents (path, data, -1, error);
}
