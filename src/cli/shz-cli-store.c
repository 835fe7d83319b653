/* shz-cli-store.c — `shuzhi new`, `list`, `rows` and `check`: the store seen from a shell.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-cli"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "shz-cli-private.h"

#define NEW_USAGE   "new STORE --engagement NAME [--client C] [--industry I]"
#define LIST_USAGE  "list STORE [--engagement NAME]"
#define ROWS_USAGE  "rows STORE --engagement NAME --dataset NAME [--limit N]"
#define CHECK_USAGE "check STORE"

static char *
count_str (gint64 n)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

int
shz_cli_new (int    argc,
             char **argv)
{
  g_autofree char *engagement = NULL, *client = NULL, *industry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  g_autoptr(ShzEngagement) e = shz_engagement_new ();
  GOptionEntry entries[] = {
    { "engagement", 0, 0, G_OPTION_ARG_STRING, &engagement, NULL, NULL },
    { "client", 0, 0, G_OPTION_ARG_STRING, &client, NULL, NULL },
    { "industry", 0, 0, G_OPTION_ARG_STRING, &industry, NULL, NULL },
    { NULL }
  };

  if (!shz_cli_parse (&argc, &argv, NEW_USAGE, entries))
    return SHZ_EXIT_USAGE;
  if (argc != 2)
    return shz_cli_usage_error ("new", NEW_USAGE, _("expected one STORE"));
  if (engagement == NULL)
    return shz_cli_usage_error ("new", NEW_USAGE, _("--engagement is required"));

  store = shz_store_open (argv[1], SHZ_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    return shz_cli_fail (error);
  e->name = g_strdup (engagement);
  e->client = g_strdup (client);
  e->industry = g_strdup (industry);
  if (shz_store_create_engagement (store, e, &error) == 0)
    return shz_cli_fail (error);
  printf (_("Created engagement “%s” in %s\n"), engagement, argv[1]);
  return SHZ_EXIT_OK;
}

int
shz_cli_list (int    argc,
              char **argv)
{
  g_autofree char *engagement = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  GOptionEntry entries[] = {
    { "engagement", 0, 0, G_OPTION_ARG_STRING, &engagement, NULL, NULL },
    { NULL }
  };

  if (!shz_cli_parse (&argc, &argv, LIST_USAGE, entries))
    return SHZ_EXIT_USAGE;
  if (argc != 2)
    return shz_cli_usage_error ("list", LIST_USAGE, _("expected one STORE"));

  store = shz_store_open (argv[1], SHZ_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return shz_cli_fail (error);

  if (engagement == NULL)
    {
      g_autoptr(GPtrArray) list = shz_store_list_engagements (store, &error);

      if (list == NULL)
        return shz_cli_fail (error);
      for (guint i = 0; i < list->len; i++)
        {
          ShzEngagement *e = g_ptr_array_index (list, i);
          g_autofree char *nd = count_str (e->n_datasets), *nc = count_str (e->n_charts);
          const char *values[] = { e->name, e->client, nd, nc };
          shz_cli_write_tsv (stdout, values, G_N_ELEMENTS (values));
        }
    }
  else
    {
      g_autoptr(ShzEngagement) e = shz_store_find_engagement (store, engagement, &error);
      g_autoptr(GPtrArray) list = NULL;

      if (e == NULL)
        return shz_cli_fail (error);
      list = shz_store_list_datasets (store, e->id, &error);
      if (list == NULL)
        return shz_cli_fail (error);
      for (guint i = 0; i < list->len; i++)
        {
          ShzDataset *d = g_ptr_array_index (list, i);
          g_autofree char *nr = count_str (d->rows), *nj = count_str (d->rejected);
          const char *values[] = { d->name, shz_dataset_kind_to_string (d->kind), nr, nj,
                                   d->source_name, d->encoding };
          shz_cli_write_tsv (stdout, values, G_N_ELEMENTS (values));
        }
    }
  return SHZ_EXIT_OK;
}

static gboolean
write_row_cb (const char * const *values,
              guint               n_values,
              gpointer            user_data)
{
  shz_cli_write_tsv (stdout, values, n_values);
  return TRUE;
}

int
shz_cli_rows (int    argc,
              char **argv)
{
  g_autofree char *engagement = NULL, *dataset = NULL;
  gint64 limit = -1;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  g_autoptr(ShzEngagement) e = NULL;
  g_autoptr(ShzDataset) d = NULL;
  GOptionEntry entries[] = {
    { "engagement", 0, 0, G_OPTION_ARG_STRING, &engagement, NULL, NULL },
    { "dataset", 0, 0, G_OPTION_ARG_STRING, &dataset, NULL, NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT64, &limit, NULL, NULL },
    { NULL }
  };

  if (!shz_cli_parse (&argc, &argv, ROWS_USAGE, entries))
    return SHZ_EXIT_USAGE;
  if (argc != 2)
    return shz_cli_usage_error ("rows", ROWS_USAGE, _("expected one STORE"));
  if (engagement == NULL || dataset == NULL)
    return shz_cli_usage_error ("rows", ROWS_USAGE, _("--engagement and --dataset are required"));
  if (limit < -1)
    return shz_cli_usage_error ("rows", ROWS_USAGE, _("--limit must be 0 or more"));

  store = shz_store_open (argv[1], SHZ_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return shz_cli_fail (error);
  e = shz_store_find_engagement (store, engagement, &error);
  if (e == NULL)
    return shz_cli_fail (error);
  d = shz_store_find_dataset (store, e->id, dataset, &error);
  if (d == NULL)
    return shz_cli_fail (error);
  if (!shz_store_foreach_row (store, d->id, limit, write_row_cb, NULL, &error))
    return shz_cli_fail (error);
  return SHZ_EXIT_OK;
}

int
shz_cli_check (int    argc,
               char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  GOptionEntry entries[] = { { NULL } };
  gboolean ok;

  if (!shz_cli_parse (&argc, &argv, CHECK_USAGE, entries))
    return SHZ_EXIT_USAGE;
  if (argc != 2)
    return shz_cli_usage_error ("check", CHECK_USAGE, _("expected one STORE"));

  store = shz_store_open (argv[1], SHZ_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return shz_cli_fail (error);
  ok = shz_store_check (store, report, &error);
  fputs (report->str, stdout);
  if (error)
    return shz_cli_fail (error);
  return ok ? SHZ_EXIT_OK : SHZ_EXIT_INPUT;
}
