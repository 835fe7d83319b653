/* workflow-common.c — helpers shared by the workflow tests and the kill test's child.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "workflow-common.h"

char *
wf_make_dir (void)
{
  char *dir = g_dir_make_tmp ("shz-workflow-XXXXXX", NULL);
  g_assert_nonnull (dir);
  return dir;
}

void
wf_remove_tree (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      if (g_file_test (p, G_FILE_TEST_IS_DIR) && !g_file_test (p, G_FILE_TEST_IS_SYMLINK))
        wf_remove_tree (p);
      else
        g_unlink (p);
    }
  if (d)
    g_dir_close (d);
  g_rmdir (dir);
}

gint64
wf_add_engagement (ShzStore   *store,
                   const char *name,
                   const char *client)
{
  g_autoptr(ShzEngagement) e = shz_engagement_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  e->name = g_strdup (name);
  e->client = g_strdup (client);
  e->title = g_strdup ("数智化转型评估");
  e->notes = g_strdup (client ? client : "");
  id = shz_store_create_engagement (store, e, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

gint64
wf_add_usage (ShzStore   *store,
              gint64      engagement_id,
              const char *name,
              guint       n_rows,
              guint       seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzDataset) d = shz_dataset_new ();
  g_autoptr(ShzRowInserter) ins = NULL;
  g_autofree char *label = g_strdup_printf ("Import “%s”", name);
  gint64 id;

  g_assert_true (shz_store_begin_step (store, label, &error));
  d->engagement_id = engagement_id;
  d->name = g_strdup (name);
  d->kind = SHZ_KIND_USAGE;
  d->source_name = g_strdup ("usage.csv");
  d->source_size = 1000 + n_rows;
  d->source_sha256 = g_strdup ("0123456789abcdef");
  d->encoding = g_strdup ("GB18030");
  d->delimiter = g_strdup (",");
  d->mapping = g_strdup ("企业编号=enterprise_id\n金额=spend");
  id = shz_store_create_dataset (store, d, &error);
  g_assert_no_error (error);
  ins = shz_row_inserter_new (store, id, SHZ_KIND_USAGE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *ent = g_strdup_printf ("E%04u", (i * 7 + seed) % 500);
      g_autofree char *ename = g_strdup_printf ("企业名称 %u", (i * 7 + seed) % 500);
      ShzUsageRow row = { .row_no = i + 1, .enterprise_id = ent, .enterprise_name = ename,
                          .industry = "零售消费与生活服务", .period = "2019",
                          .category = i % 2 ? "IaaS" : "数据中台", .spend = 1000.25 + i + seed };
      g_assert_true (shz_row_inserter_add_usage (ins, &row, &error));
    }
  g_clear_pointer (&ins, shz_row_inserter_free);
  g_assert_true (shz_store_set_dataset_counts (store, id, n_rows, 0, &error));
  g_assert_true (shz_store_end_step (store, &error));
  g_assert_no_error (error);
  return id;
}

gint64
wf_count (ShzStore   *store,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (shz_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
append_query (GString    *out,
              ShzStore   *store,
              const char *sql,
              gint64      param)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (shz_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, param);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *t = (const char *) sqlite3_column_text (stmt, i);
          g_string_append_printf (out, "%s%s", i ? "|" : "", t ? t : "∅");
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

char *
wf_digest (ShzStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) engagements = shz_store_list_engagements (store, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < engagements->len; i++)
    {
      ShzEngagement *e = g_ptr_array_index (engagements, i);
      g_autoptr(GPtrArray) datasets = shz_store_list_datasets (store, e->id, &error);

      g_assert_no_error (error);
      g_string_append_printf (out, "E %s|%s|%s|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "\n",
                              e->name, e->client, e->title, e->analyst, e->notes, e->n_datasets, e->n_charts);
      for (guint k = 0; k < datasets->len; k++)
        {
          ShzDataset *d = g_ptr_array_index (datasets, k);
          g_string_append_printf (out, " D %s|%s|%" G_GINT64_FORMAT "|%s\n", d->name,
                                  shz_dataset_kind_to_string (d->kind), d->rows, d->source_name);
          append_query (out, store,
                        "SELECT ' R', count(*), total(spend), min(enterprise_id), max(enterprise_id)"
                        " FROM usage_row WHERE dataset_id = ?1", d->id);
        }
      append_query (out, store, "SELECT ' C', kind, settings FROM chart_settings WHERE engagement_id = ?1 ORDER BY kind",
                    e->id);
    }
  append_query (out, store, "SELECT 'H', label, undone FROM undo_step ORDER BY id", 0);
  return g_string_free (out, FALSE);
}

char *
wf_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}
