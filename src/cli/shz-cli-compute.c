/* shz-cli-compute.c — `shuzhi compute`: maturity and innovation positions from a usage dataset,
 * saved as a positions dataset with the method, and printed as a TSV table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-cli"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "shz-cli-private.h"
#include "analysis/shz-index.h"
#include "analysis/shz-method.h"

#define COMPUTE_USAGE "compute STORE --engagement NAME [--dataset NAME] [--method FILE]"

static char *
format_value (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (v))
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f", v));
}

static void
print_table (const ShzIndexResult *result)
{
  static const char * const header[] = {
    "group", "period", "n", "maturity", "innovation", "maturity_lo", "maturity_hi",
    "innovation_lo", "innovation_hi", "flags",
  };

  shz_cli_write_tsv (stdout, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < result->n_points; i++)
    {
      const ShzIndexPoint *p = &result->points[i];
      g_autofree char *n = g_strdup_printf ("%u", p->n);
      g_autofree char *m = format_value (p->value[SHZ_AXIS_MATURITY]);
      g_autofree char *in = format_value (p->value[SHZ_AXIS_INNOVATION]);
      g_autofree char *mlo = format_value (p->lo[SHZ_AXIS_MATURITY]);
      g_autofree char *mhi = format_value (p->hi[SHZ_AXIS_MATURITY]);
      g_autofree char *ilo = format_value (p->lo[SHZ_AXIS_INNOVATION]);
      g_autofree char *ihi = format_value (p->hi[SHZ_AXIS_INNOVATION]);
      GString *flags = g_string_new (NULL);
      g_autofree char *flags_str = NULL;
      const char *values[10];

      if (p->low_sample)
        g_string_append (flags, "low-sample");
      if (p->n_axis[SHZ_AXIS_MATURITY] == 0 || p->n_axis[SHZ_AXIS_INNOVATION] == 0)
        g_string_append (flags, flags->len ? ",no-data" : "no-data");
      flags_str = g_string_free (flags, FALSE);

      values[0] = p->group;
      values[1] = p->period;
      values[2] = n;
      values[3] = m;
      values[4] = in;
      values[5] = mlo;
      values[6] = mhi;
      values[7] = ilo;
      values[8] = ihi;
      values[9] = flags_str;
      shz_cli_write_tsv (stdout, values, G_N_ELEMENTS (values));
    }
}

int
shz_cli_compute (int    argc,
                 char **argv)
{
  g_autofree char *engagement = NULL, *dataset = NULL, *method_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  g_autoptr(ShzEngagement) e = NULL;
  g_autoptr(ShzDataset) d = NULL;
  g_autoptr(ShzMethod) method = NULL;
  g_autoptr(ShzIndexMatrix) matrix = NULL;
  g_autoptr(ShzIndexResult) result = NULL;
  g_autoptr(ShzDataset) saved = NULL;
  gint64 saved_id;
  GOptionEntry entries[] = {
    { "engagement", 0, 0, G_OPTION_ARG_STRING, &engagement, NULL, NULL },
    { "dataset", 0, 0, G_OPTION_ARG_STRING, &dataset, NULL, NULL },
    { "method", 0, 0, G_OPTION_ARG_FILENAME, &method_path, NULL, NULL },
    { NULL }
  };

  if (!shz_cli_parse (&argc, &argv, COMPUTE_USAGE, entries))
    return SHZ_EXIT_USAGE;
  if (argc != 2)
    return shz_cli_usage_error ("compute", COMPUTE_USAGE, _("expected one STORE"));
  if (engagement == NULL)
    return shz_cli_usage_error ("compute", COMPUTE_USAGE, _("--engagement NAME is required"));

  /* The method first: a bad method file is reported before the store is touched. */
  if (method_path != NULL)
    method = shz_method_load_from_file (method_path, &error);
  else
    method = shz_method_new ();
  if (method == NULL)
    return shz_cli_fail (error);

  store = shz_store_open (argv[1], SHZ_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return shz_cli_fail (error);
  /* Say why nothing can be saved (e.g. open in a window) before spending time computing. */
  if (shz_store_is_read_only (store) && !shz_store_begin (store, &error))
    return shz_cli_fail (error);
  e = shz_store_find_engagement (store, engagement, &error);
  if (e == NULL)
    return shz_cli_fail (error);

  if (dataset != NULL)
    {
      d = shz_store_find_dataset (store, e->id, dataset, &error);
      if (d == NULL)
        return shz_cli_fail (error);
    }
  else
    {
      g_autoptr(GPtrArray) list = shz_store_list_datasets (store, e->id, &error);
      g_autoptr(GString) names = g_string_new (NULL);
      guint n_usage = 0;

      if (list == NULL)
        return shz_cli_fail (error);
      for (guint i = 0; i < list->len; i++)
        {
          ShzDataset *ds = g_ptr_array_index (list, i);

          if (ds->kind != SHZ_KIND_USAGE)
            continue;
          g_string_append_printf (names, "%s“%s”", n_usage ? ", " : "", ds->name);
          if (n_usage++ == 0)
            d = shz_store_get_dataset (store, ds->id, &error);
        }
      if (n_usage == 0)
        {
          fprintf (stderr, _("shuzhi compute: engagement “%s” has no usage dataset to compute from\n"),
                   e->name);
          return SHZ_EXIT_INPUT;
        }
      if (n_usage > 1)
        return shz_cli_usage_error ("compute", COMPUTE_USAGE,
                                    _("engagement “%s” has %u usage datasets (%s): choose one with --dataset"),
                                    e->name, n_usage, names->str);
      if (d == NULL)
        return shz_cli_fail (error);
    }

  matrix = shz_index_matrix_load (store, d->id, method, &error);
  if (matrix == NULL)
    return shz_cli_fail (error);
  result = shz_index_compute (matrix, method, &error);
  if (result == NULL)
    return shz_cli_fail (error);
  saved_id = shz_index_save (store, e->id, result, NULL, &error);
  if (saved_id == 0)
    return shz_cli_fail (error);
  saved = shz_store_get_dataset (store, saved_id, &error);
  if (saved == NULL)
    return shz_cli_fail (error);

  print_table (result);
  {
    g_autofree char *n_pos = g_strdup_printf ("%" G_GINT64_FORMAT, saved->rows);
    g_autofree char *n_rows = g_strdup_printf ("%" G_GINT64_FORMAT, shz_index_matrix_get_n_rows (matrix));

    fprintf (stderr, _("shuzhi compute: wrote “%s” (%s positions from %u enterprise-periods, %s usage rows)\n"),
             saved->name, n_pos, shz_index_matrix_get_n_units (matrix), n_rows);
  }
  return SHZ_EXIT_OK;
}
