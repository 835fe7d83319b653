/* test-store.c — the engagement store: round trips, refusals of foreign and damaged files,
 * engagements and datasets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "store/shz-store.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("shz-store-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "test.shuzhi", NULL);
}

static void
remove_tree (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
    }
  if (d)
    g_dir_close (d);
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static gint64
add_engagement (ShzStore   *store,
                const char *name,
                const char *client)
{
  g_autoptr(ShzEngagement) e = shz_engagement_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  e->name = g_strdup (name);
  e->client = g_strdup (client);
  e->notes = g_strdup ("多行\n备注");
  id = shz_store_create_engagement (store, e, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_create_and_reopen (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(ShzEngagement) e = NULL;
  gint64 id;

  store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_false (shz_store_is_read_only (store));
  id = add_engagement (store, "客户 A", "Acme 消费品");
  g_clear_pointer (&store, shz_store_free);

  /* Idle, the store is one self-contained file: no journal beside it. */
  {
    g_autofree char *journal = g_strconcat (f->path, "-journal", NULL);
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
    g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  store = shz_store_open (f->path, SHZ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  list = shz_store_list_engagements (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  e = shz_store_get_engagement (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (e->name, ==, "客户 A");
  g_assert_cmpstr (e->client, ==, "Acme 消费品");
  g_assert_cmpstr (e->notes, ==, "多行\n备注");
  g_assert_nonnull (e->created);
  g_assert_cmpint (sqlite3_db_readonly (shz_store_get_db (store), "main"), ==, 0);
}

static void
test_migrate_from_empty (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  sqlite3_stmt *stmt;

  store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (shz_store_get_db (store), "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, SHZ_STORE_SCHEMA_VERSION);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (shz_store_get_db (store), "PRAGMA application_id", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, SHZ_STORE_APPLICATION_ID);
  sqlite3_finalize (stmt);
}

/* Open must fail with @code, mention @needle, and leave the file byte for byte as it was. */
static void
assert_refused (const char *path,
                int         code,
                const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  ShzStore *store;

  store = shz_store_open (path, SHZ_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, SHZ_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, needle));
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);

  /* CREATE must not touch an existing bad file either. */
  g_clear_error (&error);
  store = shz_store_open (path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, SHZ_STORE_ERROR, code);
  g_free (after);
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refuse_empty (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  assert_refused (f->path, SHZ_STORE_ERROR_EMPTY, "empty");
}

static void
test_refuse_random (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint8 bytes[8192];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (f->path, (const char *) bytes, sizeof bytes, NULL));
  assert_refused (f->path, SHZ_STORE_ERROR_NOT_SQLITE, "not a Shuzhi store");
}

static void
test_refuse_wrong_app_id (Fixture       *f,
                          gconstpointer  data)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA application_id = 1234; CREATE TABLE t (x); INSERT INTO t VALUES (1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (f->path, SHZ_STORE_ERROR_WRONG_APP, "another program");

  /* A plain SQLite file with no application id at all is another program's too. */
  g_unlink (f->path);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE engagement (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (f->path, SHZ_STORE_ERROR_WRONG_APP, "another program");
}

static void
test_refuse_newer_schema (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShzStore *store;
  sqlite3 *db = NULL;

  store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  shz_store_free (store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (f->path, SHZ_STORE_ERROR_NEWER_SCHEMA, "newer version");
}

static void
test_refuse_truncated (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  ShzStore *store;

  store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("engagement %d with a longer name to fill pages", i);
      add_engagement (store, name, "client");
    }
  shz_store_free (store);
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8192);
  g_assert_true (g_file_set_contents (f->path, contents, len / 2, NULL));
  assert_refused (f->path, SHZ_STORE_ERROR_DAMAGED, "damaged");

  /* Cut inside the header itself. */
  g_assert_true (g_file_set_contents (f->path, contents, 60, NULL));
  assert_refused (f->path, SHZ_STORE_ERROR_DAMAGED, "truncated");
}

static void
test_refuse_foreign_objects (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShzStore *store;
  sqlite3 *db = NULL;

  store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  shz_store_free (store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER evil AFTER INSERT ON engagement BEGIN DELETE FROM dataset; END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (f->path, SHZ_STORE_ERROR_DAMAGED, "unexpected schema object");
}

static void
test_missing_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (shz_store_open (f->path, SHZ_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

static void
test_engagements (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
  g_autoptr(ShzEngagement) e = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *unique = NULL;
  gint64 a, b;

  g_assert_no_error (error);
  a = add_engagement (store, "Alpha", "A Co");
  b = add_engagement (store, "Beta", "B Co");
  g_assert_cmpint (a, !=, b);

  /* Duplicate and empty names are refused with their reason. */
  e = shz_engagement_new ();
  e->name = g_strdup ("Alpha");
  g_assert_cmpint (shz_store_create_engagement (store, e, &error), ==, 0);
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_free (e->name);
  e->name = g_strdup ("   ");
  g_assert_cmpint (shz_store_create_engagement (store, e, &error), ==, 0);
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&e, shz_engagement_free);

  /* Rename. */
  e = shz_store_get_engagement (store, a, &error);
  g_assert_no_error (error);
  g_free (e->name);
  e->name = g_strdup ("Beta");
  g_assert_false (shz_store_update_engagement (store, e, &error));
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_free (e->name);
  e->name = g_strdup ("阿尔法");
  g_assert_true (shz_store_update_engagement (store, e, &error));
  g_assert_no_error (error);
  g_clear_pointer (&e, shz_engagement_free);
  e = shz_store_find_engagement (store, "阿尔法", &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->id, ==, a);
  g_clear_pointer (&e, shz_engagement_free);

  unique = shz_store_unique_engagement_name (store, "Beta");
  g_assert_cmpstr (unique, ==, "Beta (2)");

  /* Delete. */
  g_assert_true (shz_store_delete_engagement (store, b, &error));
  g_assert_no_error (error);
  g_assert_null (shz_store_find_engagement (store, "Beta", &error));
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NO_SUCH);
  g_clear_error (&error);
  g_assert_false (shz_store_delete_engagement (store, b, &error));
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NO_SUCH);
  g_clear_error (&error);
  list = shz_store_list_engagements (store, &error);
  g_assert_cmpuint (list->len, ==, 1);
}

static gint64
add_usage_dataset (ShzStore   *store,
                   gint64      engagement_id,
                   const char *name,
                   guint       n_rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzDataset) d = shz_dataset_new ();
  g_autoptr(ShzRowInserter) ins = NULL;
  gint64 id;

  g_assert_true (shz_store_begin (store, &error));
  d->engagement_id = engagement_id;
  d->name = g_strdup (name);
  d->kind = SHZ_KIND_USAGE;
  d->rows = n_rows;
  d->source_name = g_strdup ("usage.csv");
  d->source_size = 1234;
  d->encoding = g_strdup ("GB18030");
  id = shz_store_create_dataset (store, d, &error);
  g_assert_no_error (error);
  ins = shz_row_inserter_new (store, id, SHZ_KIND_USAGE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *ent = g_strdup_printf ("E%03u", i);
      ShzUsageRow row = { .row_no = i + 1, .enterprise_id = ent, .industry = "零售消费与生活服务",
                          .period = "2019", .category = i % 2 ? "IaaS" : "数据中台", .spend = 1000.5 + i };
      g_assert_true (shz_row_inserter_add_usage (ins, &row, &error));
      g_assert_no_error (error);
    }
  g_assert_true (shz_store_commit (store, &error));
  return id;
}

typedef struct {
  guint   n;
  GString *text;
} RowCollect;

static gboolean
collect_row_cb (const char * const *values,
                guint               n_values,
                gpointer            user_data)
{
  RowCollect *c = user_data;

  for (guint i = 0; i < n_values; i++)
    g_string_append_printf (c->text, "%s%s", i ? "|" : "", values[i] ? values[i] : "");
  g_string_append_c (c->text, '\n');
  c->n++;
  return TRUE;
}

static void
test_datasets_and_rows (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(ShzDataset) d = NULL;
  RowCollect c = { 0, g_string_new (NULL) };
  gint64 eng, ds;
  ShzUsageRow bad = { .row_no = 1, .enterprise_id = "x", .industry = "x", .period = "2019", .category = "IaaS", .spend = NAN };
  g_autoptr(ShzRowInserter) ins = NULL;

  eng = add_engagement (store, "E", NULL);
  ds = add_usage_dataset (store, eng, "用量 2019", 5);
  list = shz_store_list_datasets (store, eng, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  d = g_ptr_array_steal_index (list, 0);
  g_assert_cmpstr (d->name, ==, "用量 2019");
  g_assert_cmpint (d->rows, ==, 5);
  g_assert_cmpstr (d->encoding, ==, "GB18030");
  g_assert_cmpint (d->source_size, ==, 1234);

  g_assert_true (shz_store_foreach_row (store, ds, 2, collect_row_cb, &c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.n, ==, 3); /* header + 2 */
  g_assert_cmpstr (c.text->str, ==,
                   "row_no|enterprise_id|enterprise_name|industry|region|period|category|product|spend\n"
                   "1|E000||零售消费与生活服务||2019|数据中台||1000.5\n"
                   "2|E001||零售消费与生活服务||2019|IaaS||1001.5\n");
  g_string_free (c.text, TRUE);

  /* A non-finite number never reaches the store. */
  ins = shz_row_inserter_new (store, ds, SHZ_KIND_USAGE, &error);
  g_assert_false (shz_row_inserter_add_usage (ins, &bad, &error));
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&ins, shz_row_inserter_free);

  /* Rename, duplicate names, delete (rows go with it). */
  g_assert_true (shz_store_rename_dataset (store, ds, "Usage", &error));
  add_usage_dataset (store, eng, "Other", 1);
  g_assert_false (shz_store_rename_dataset (store, ds, "Other", &error));
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (shz_store_delete_dataset (store, ds, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GString) report = g_string_new (NULL);
    g_assert_true (shz_store_check (store, report, &error));
    g_assert_nonnull (strstr (report->str, "result\tok"));
  }
  /* A deleted dataset waits in the trash while a step could bring it back; its rows go
   * once no step can (here: the history is cleared). */
  g_assert_null (shz_store_get_dataset (store, ds, &error));
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NO_SUCH);
  g_clear_error (&error);
  {
    sqlite3_stmt *stmt;
    sqlite3_prepare_v2 (shz_store_get_db (store), "SELECT count(*) FROM usage_row", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 6);
    sqlite3_finalize (stmt);
    g_assert_true (shz_store_clear_history (store, &error));
    g_assert_no_error (error);
    sqlite3_prepare_v2 (shz_store_get_db (store), "SELECT count(*) FROM usage_row", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
  }
}

static void
test_rollback_leaves_nothing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
  g_autoptr(ShzDataset) d = shz_dataset_new ();
  g_autoptr(GPtrArray) list = NULL;
  gint64 eng = add_engagement (store, "E", NULL);

  g_assert_true (shz_store_begin (store, &error));
  d->engagement_id = eng;
  d->name = g_strdup ("half");
  d->kind = SHZ_KIND_LINKS;
  g_assert_cmpint (shz_store_create_dataset (store, d, &error), >, 0);
  shz_store_rollback (store);
  list = shz_store_list_datasets (store, eng, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_duplicate_engagement (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(ShzEngagement) copy = NULL;
  g_autofree char *settings = NULL;
  gint64 eng = add_engagement (store, "Original", "Client");
  gint64 dup;

  add_usage_dataset (store, eng, "Usage", 3);
  g_assert_true (shz_store_set_chart_settings (store, eng, "maturity-map", "[chart]\ntheme=dark\n", &error));
  dup = shz_store_duplicate_engagement (store, eng, "Copy", &error);
  g_assert_no_error (error);
  g_assert_cmpint (dup, >, eng);
  copy = shz_store_get_engagement (store, dup, &error);
  g_assert_cmpstr (copy->client, ==, "Client");
  g_assert_cmpint (copy->n_datasets, ==, 1);
  g_assert_cmpint (copy->n_charts, ==, 1);
  list = shz_store_list_datasets (store, dup, &error);
  g_assert_cmpint (((ShzDataset *) g_ptr_array_index (list, 0))->rows, ==, 3);
  settings = shz_store_get_chart_settings (store, dup, "maturity-map", &error);
  g_assert_cmpstr (settings, ==, "[chart]\ntheme=dark\n");
  /* Deleting the original keeps the copy whole. */
  g_assert_true (shz_store_delete_engagement (store, eng, &error));
  {
    g_autoptr(GString) report = g_string_new (NULL);
    g_assert_true (shz_store_check (store, report, &error));
  }
}

static void
test_backup (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
  g_autoptr(ShzStore) copy = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "copy.shuzhi", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "no-such-dir", "copy.shuzhi", NULL);

  g_assert_cmpint (shz_store_add_demo_engagement (store, &error), >, 0);
  g_assert_true (shz_store_backup_to (store, dest, &error));
  g_assert_no_error (error);
  copy = shz_store_open (dest, SHZ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  list = shz_store_list_engagements (copy, &error);
  g_assert_cmpuint (list->len, ==, 1);

  g_assert_false (shz_store_backup_to (store, bad, &error));
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "copy.shuzhi"));
}

static gboolean
count_position_cb (const ShzPositionRow *row,
                   gpointer              user_data)
{
  guint *n = user_data;

  g_assert_true (row->maturity >= 0 && row->maturity <= 100);
  g_assert_true (row->innovation >= 0 && row->innovation <= 100);
  g_assert_cmpstr (row->period, ==, "2019");
  (*n)++;
  return TRUE;
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(GPtrArray) periods = NULL;
  ShzDataset *d;
  guint n = 0;
  gint64 id;

  id = shz_store_add_demo_engagement (store, &error);
  g_assert_no_error (error);
  datasets = shz_store_list_datasets (store, id, &error);
  g_assert_cmpuint (datasets->len, ==, 1);
  d = g_ptr_array_index (datasets, 0);
  g_assert_cmpint (d->kind, ==, SHZ_KIND_POSITIONS);
  g_assert_true (d->illustrative);
  g_assert_nonnull (strstr (d->note, "Illustrative"));
  g_assert_true (shz_store_foreach_position (store, d->id, NULL, count_position_cb, &n, &error));
  g_assert_cmpuint (n, ==, 6);
  periods = shz_store_list_periods (store, d->id, &error);
  g_assert_cmpuint (periods->len, ==, 1);

  /* A second demo gets its own name. */
  g_assert_cmpint (shz_store_add_demo_engagement (store, &error), >, id);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
  g_autoptr(ShzEngagement) e = shz_engagement_new ();

  g_clear_pointer (&store, shz_store_free);
  store = shz_store_open (f->path, SHZ_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (shz_store_is_read_only (store));
  e->name = g_strdup ("x");
  g_assert_cmpint (shz_store_create_engagement (store, e, &error), ==, 0);
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_READ_ONLY);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/open/create-and-reopen", test_create_and_reopen);
  ADD ("/store/open/migrate-from-empty", test_migrate_from_empty);
  ADD ("/store/open/empty-file", test_refuse_empty);
  ADD ("/store/open/random-bytes", test_refuse_random);
  ADD ("/store/open/wrong-app-id", test_refuse_wrong_app_id);
  ADD ("/store/open/newer-schema", test_refuse_newer_schema);
  ADD ("/store/open/truncated", test_refuse_truncated);
  ADD ("/store/open/foreign-objects", test_refuse_foreign_objects);
  ADD ("/store/open/missing", test_missing_file);
  ADD ("/store/open/read-only", test_read_only);
  ADD ("/store/engagement/create-rename-delete", test_engagements);
  ADD ("/store/engagement/duplicate", test_duplicate_engagement);
  ADD ("/store/dataset/rows", test_datasets_and_rows);
  ADD ("/store/dataset/rollback", test_rollback_leaves_nothing);
  ADD ("/store/backup", test_backup);
  ADD ("/store/demo", test_demo);
#undef ADD

  return g_test_run ();
}
