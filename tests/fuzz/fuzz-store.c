/* fuzz-store.c — libFuzzer harness: an untrusted .shuzhi file opened read-only and listed the
 * way `shuzhi list`, `rows`, `check` and the window do: engagements, their datasets, every
 * dataset's rows, positions and periods, chart settings, and the integrity report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "store/shz-store.h"

#define ROW_LIMIT 200

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  shz_fuzz_init ();
  return 0;
}

static gboolean
row_cb (const char * const *values,
        guint               n_values,
        gpointer            user_data)
{
  guint *count = user_data;

  for (guint i = 0; i < n_values; i++)
    if (values[i])
      (void) strlen (values[i]);
  return ++*count < ROW_LIMIT;
}

static gboolean
position_cb (const ShzPositionRow *row,
             gpointer              user_data)
{
  guint *count = user_data;

  if (row->entity)
    (void) strlen (row->entity);
  return ++*count < ROW_LIMIT;
}

static void
check_error (GError *error)
{
  if (error != NULL && (error->domain != SHZ_STORE_ERROR || error->message[0] == '\0'))
    abort ();
}

static void
list_store (ShzStore *store)
{
  static const char *kinds[] = { "maturity-map", "value-chain", "value-network",
                                 "network-compare", "rhc-chains", "evolution-paths" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) engagements = shz_store_list_engagements (store, &error);
  g_autoptr(GString) report = g_string_new (NULL);

  check_error (error);
  for (guint i = 0; engagements && i < engagements->len; i++)
    {
      ShzEngagement *e = g_ptr_array_index (engagements, i);
      g_autoptr(ShzEngagement) again = NULL;
      g_autoptr(GPtrArray) datasets = NULL;

      g_clear_error (&error);
      again = shz_store_find_engagement (store, e->name ? e->name : "", &error);
      check_error (error);
      g_clear_error (&error);
      datasets = shz_store_list_datasets (store, e->id, &error);
      check_error (error);
      for (guint k = 0; datasets && k < datasets->len; k++)
        {
          ShzDataset *d = g_ptr_array_index (datasets, k);
          g_autoptr(ShzDataset) same = NULL;
          g_autoptr(GPtrArray) periods = NULL;
          guint count = 0;

          (void) shz_dataset_kind_to_string (d->kind);
          g_clear_error (&error);
          same = shz_store_find_dataset (store, e->id, d->name ? d->name : "", &error);
          check_error (error);
          g_clear_error (&error);
          shz_store_foreach_row (store, d->id, ROW_LIMIT, row_cb, &count, &error);
          check_error (error);
          if (d->kind == SHZ_KIND_POSITIONS)
            {
              count = 0;
              g_clear_error (&error);
              shz_store_foreach_position (store, d->id, NULL, position_cb, &count, &error);
              check_error (error);
              g_clear_error (&error);
              periods = shz_store_list_periods (store, d->id, &error);
              check_error (error);
            }
        }
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autofree char *settings = NULL;

          g_clear_error (&error);
          settings = shz_store_get_chart_settings (store, e->id, kinds[k], &error);
          check_error (error);
        }
    }
  g_clear_error (&error);
  shz_store_check (store, report, &error);
  check_error (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *journal = NULL, *wal = NULL, *shm = NULL;
  ShzStore *store;

  shz_fuzz_init ();
  path = shz_fuzz_write ("input.shuzhi", data, size);
  journal = g_strconcat (path, "-journal", NULL);
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);

  store = shz_store_open (path, SHZ_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    check_error (error);
  else
    {
      list_store (store);
      shz_store_free (store);
    }

  g_unlink (path);
  g_unlink (journal);
  g_unlink (wal);
  g_unlink (shm);
  return 0;
}
