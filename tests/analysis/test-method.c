/* test-method.c — the index method: defaults, key-file round trip, and clear errors for bad files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "analysis/shz-method.h"

static void
test_defaults (void)
{
  g_autoptr(ShzMethod) m = shz_method_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (shz_method_validate (m, &error));
  g_assert_no_error (error);
  for (guint a = 0; a < SHZ_N_AXES; a++)
    {
      g_assert_cmpint (m->axis[a].transform, ==, SHZ_TRANSFORM_LOG1P);
      g_assert_cmpint (m->axis[a].normalisation, ==, SHZ_NORMALISATION_PERCENTILE);
      g_assert_cmpint (m->axis[a].no_spend, ==, SHZ_NO_SPEND_ZERO);
    }
  for (guint c = 0; c < SHZ_N_CATEGORIES; c++)
    g_assert_cmpfloat (m->weights[c], ==, 1.0);
  g_assert_cmpint (m->aggregation, ==, SHZ_AGGREGATION_MEAN);
  g_assert_cmpstr (m->group_by, ==, "industry");
  g_assert_cmpstr (m->period, ==, "all");
  g_assert_cmpint (m->period_unit, ==, SHZ_PERIOD_UNIT_YEAR);
  g_assert_cmpuint (m->min_sample, ==, 30);
  g_assert_cmpuint (m->bootstrap_iterations, ==, 1000);
  g_assert_cmpfloat (m->level, ==, 0.90);

  g_assert_cmpint (shz_category_get_axis (SHZ_CATEGORY_SAAS), ==, SHZ_AXIS_MATURITY);
  g_assert_cmpint (shz_category_get_axis (SHZ_CATEGORY_BIG_DATA), ==, SHZ_AXIS_INNOVATION);
  g_assert_cmpint (shz_category_get_axis (SHZ_CATEGORY_DATA_INTEL), ==, SHZ_AXIS_INNOVATION);
}

static void
test_round_trip (void)
{
  g_autoptr(ShzMethod) m = shz_method_new ();
  g_autoptr(ShzMethod) back = NULL;
  g_autoptr(ShzMethod) from_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shz-method-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "method.ini", NULL);

  m->axis[SHZ_AXIS_MATURITY].transform = SHZ_TRANSFORM_NONE;
  m->axis[SHZ_AXIS_MATURITY].normalisation = SHZ_NORMALISATION_MINMAX;
  m->axis[SHZ_AXIS_INNOVATION].normalisation = SHZ_NORMALISATION_ZSCORE;
  m->axis[SHZ_AXIS_INNOVATION].no_spend = SHZ_NO_SPEND_EXCLUDE;
  m->weights[SHZ_CATEGORY_PAAS] = 2.5;
  m->weights[SHZ_CATEGORY_DATA_MIDDLE] = 0;
  m->weights[SHZ_CATEGORY_DATA_INTEL] = 0.1;
  m->aggregation = SHZ_AGGREGATION_MEDIAN;
  g_free (m->group_by);
  m->group_by = g_strdup ("region");
  g_free (m->period);
  m->period = g_strdup ("2019");
  m->period_unit = SHZ_PERIOD_UNIT_AS_GIVEN;
  m->min_sample = 12;
  m->bootstrap_iterations = 250;
  m->seed = G_GUINT64_CONSTANT (18446744073709551615);
  m->level = 0.95;

  data = shz_method_to_data (m);
  g_assert_nonnull (strstr (data, "[maturity]"));
  g_assert_nonnull (strstr (data, "大数据计算="));
  back = shz_method_load_from_data (data, -1, "snapshot", &error);
  g_assert_no_error (error);
  g_assert_true (shz_method_equal (m, back));

  g_assert_true (shz_method_save_to_file (m, path, &error));
  g_assert_no_error (error);
  from_file = shz_method_load_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (shz_method_equal (m, from_file));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_partial (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzMethod) defaults = shz_method_new ();
  g_autoptr(ShzMethod) m = NULL;

  /* absent keys keep their defaults; values are trimmed and case-insensitive */
  m = shz_method_load_from_data ("# my method\n[innovation]\nnormalisation = Min-Max\nXPaaS=3\n", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (m->axis[SHZ_AXIS_INNOVATION].normalisation, ==, SHZ_NORMALISATION_MINMAX);
  g_assert_cmpfloat (m->weights[SHZ_CATEGORY_XPAAS], ==, 3.0);
  m->axis[SHZ_AXIS_INNOVATION].normalisation = SHZ_NORMALISATION_PERCENTILE;
  m->weights[SHZ_CATEGORY_XPAAS] = 1.0;
  g_assert_true (shz_method_equal (m, defaults));

  g_clear_pointer (&m, shz_method_free);
  m = shz_method_load_from_data ("", 0, "empty.ini", &error);
  g_assert_no_error (error);
  g_assert_true (shz_method_equal (m, defaults));
}

typedef struct {
  const char *text;
  const char *expected;   /* a part of the message */
} BadCase;

static void
test_bad (void)
{
  static const BadCase cases[] = {
    { "not a key file\n", "bad.ini: not a method key-file" },
    { "[maturity]\ntransform=sqrt\n", "bad.ini: [maturity] transform: expected none or log1p, got “sqrt”" },
    { "[maturity]\nnormalisation=rank\n", "[maturity] normalisation: expected percentile or min-max or z-score, got “rank”" },
    { "[innovation]\nno-spend=drop\n", "[innovation] no-spend: expected zero or exclude, got “drop”" },
    { "[maturity]\nIaaS=-1\n", "[maturity] IaaS: expected a weight from 0 to 1000000, got “-1”" },
    { "[maturity]\nIaaS=heavy\n", "[maturity] IaaS: expected a weight" },
    { "[maturity]\n大数据计算=1\n", "[maturity] 大数据计算: expected one of the keys" },
    { "[maturity]\nIaaS=0\nPaaS=0\nSaaS=0\n", "bad.ini: [maturity]: expected at least one category weight above 0" },
    { "[method]\ngroup-by=category\n", "[method] group-by: expected industry or region or enterprise_id or enterprise_name or product, got “category”" },
    { "[method]\naggregation=mode\n", "[method] aggregation: expected mean or median, got “mode”" },
    { "[method]\nmin-sample=0\n", "[method] min-sample: expected a whole number from 1 to 1000000, got “0”" },
    { "[method]\nmin-sample=3.5\n", "[method] min-sample: expected a whole number" },
    { "[method]\nbootstrap-iterations=1000000\n", "[method] bootstrap-iterations: expected a whole number from 0 to 100000" },
    { "[method]\nlevel=90\n", "[method] level: expected a number from 0.5 to 0.999 (0.90 for a 90 % interval), got “90”" },
    { "[method]\nseed=-3\n", "[method] seed: expected a whole number of 0 or more, got “-3”" },
    { "[method]\nversion=2\n", "[method] version: expected 1, got “2”" },
    { "[method]\nperiod-unit=month\n", "[method] period-unit: expected year or as-given, got “month”" },
    { "[method]\nweights=1\n", "[method] weights: expected one of the keys" },
    { "[weights]\nIaaS=1\n", "bad.ini: [weights]: unknown group" },
    { "[method]\nperiod=\n", "[method] period: expected “all” or one period" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShzMethod) m = shz_method_load_from_data (cases[i].text, -1, "bad.ini", &error);

      g_test_message ("case %u: %s", i, cases[i].text);
      g_assert_null (m);
      g_assert_true (error != NULL && error->domain == SHZ_METHOD_ERROR);
      if (strstr (error->message, cases[i].expected) == NULL)
        g_error ("case %u: “%s” does not contain “%s”", i, error->message, cases[i].expected);
    }
}

static void
test_bad_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzMethod) m = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shz-method-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "binary.ini", NULL);
  static const char binary[] = { 'P', 'K', 3, 4, (char) 0xff, (char) 0xfe, 0 , 1 };

  m = shz_method_load_from_file ("/nonexistent/method.ini", &error);
  g_assert_null (m);
  g_assert_error (error, SHZ_METHOD_ERROR, SHZ_METHOD_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "/nonexistent/method.ini"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, binary, sizeof binary, NULL));
  m = shz_method_load_from_file (path, &error);
  g_assert_null (m);
  g_assert_error (error, SHZ_METHOD_ERROR, SHZ_METHOD_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "binary.ini"));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/analysis/method/defaults", test_defaults);
  g_test_add_func ("/analysis/method/round-trip", test_round_trip);
  g_test_add_func ("/analysis/method/partial", test_partial);
  g_test_add_func ("/analysis/method/bad-key-files", test_bad);
  g_test_add_func ("/analysis/method/bad-files", test_bad_file);
  return g_test_run ();
}
