/* test-undo.c — undo and redo of every kind of edit, across closing and reopening the store;
 * steps, history, the trash; upgrading a version-1 store; doctored histories.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "workflow-common.h"

typedef struct {
  char     *dir;
  char     *path;
  ShzStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = wf_make_dir ();
  f->path = g_build_filename (f->dir, "undo.shuzhi", NULL);
  f->store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->store, shz_store_free);
  wf_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&f->store, shz_store_free);
  f->store = shz_store_open (f->path, SHZ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (shz_store_is_read_only (f->store));
}

/* What a user sees, without the history lines. */
static char *
content (ShzStore *store)
{
  g_autofree char *d = wf_digest (store);
  g_auto(GStrv) lines = g_strsplit (d, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i]; i++)
    if (*lines[i] != '\0' && !g_str_has_prefix (lines[i], "H|"))
      g_string_append_printf (out, "%s\n", lines[i]);
  return g_string_free (out, FALSE);
}

typedef void (*EditFunc) (ShzStore *store, gint64 engagement, gint64 dataset);

static void
edit_create_engagement (ShzStore *store, gint64 engagement, gint64 dataset)
{
  wf_add_engagement (store, "新客户", "新消费品公司");
}

static void
edit_update_engagement (ShzStore *store, gint64 engagement, gint64 dataset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzEngagement) e = shz_store_get_engagement (store, engagement, &error);

  g_free (e->name);
  e->name = g_strdup ("Renamed");
  g_free (e->analyst);
  e->analyst = g_strdup ("李分析");
  g_assert_true (shz_store_update_engagement (store, e, &error));
  g_assert_no_error (error);
}

static void
edit_delete_engagement (ShzStore *store, gint64 engagement, gint64 dataset)
{
  g_autoptr(GError) error = NULL;
  g_assert_true (shz_store_delete_engagement (store, engagement, &error));
  g_assert_no_error (error);
}

static void
edit_duplicate_engagement (ShzStore *store, gint64 engagement, gint64 dataset)
{
  g_autoptr(GError) error = NULL;
  g_assert_cmpint (shz_store_duplicate_engagement (store, engagement, "Copy", &error), >, 0);
  g_assert_no_error (error);
}

static void
edit_import (ShzStore *store, gint64 engagement, gint64 dataset)
{
  wf_add_usage (store, engagement, "第二批", 50, 3);
}

static void
edit_rename_dataset (ShzStore *store, gint64 engagement, gint64 dataset)
{
  g_autoptr(GError) error = NULL;
  g_assert_true (shz_store_rename_dataset (store, dataset, "改名", &error));
  g_assert_no_error (error);
}

static void
edit_delete_dataset (ShzStore *store, gint64 engagement, gint64 dataset)
{
  g_autoptr(GError) error = NULL;
  g_assert_true (shz_store_delete_dataset (store, dataset, &error));
  g_assert_no_error (error);
}

static void
edit_new_chart_settings (ShzStore *store, gint64 engagement, gint64 dataset)
{
  g_autoptr(GError) error = NULL;
  g_assert_true (shz_store_set_chart_settings (store, engagement, "value-network", "[chart]\nlang=en\n", &error));
  g_assert_no_error (error);
}

static void
edit_change_chart_settings (ShzStore *store, gint64 engagement, gint64 dataset)
{
  g_autoptr(GError) error = NULL;
  g_assert_true (shz_store_set_chart_settings (store, engagement, "maturity-map", "[chart]\ntheme=dark\n", &error));
  g_assert_no_error (error);
}

static void
edit_demo (ShzStore *store, gint64 engagement, gint64 dataset)
{
  g_autoptr(GError) error = NULL;
  g_assert_cmpint (shz_store_add_demo_engagement (store, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_each_edit (Fixture       *f,
                gconstpointer  data)
{
  EditFunc edit = (EditFunc) data;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL, *now = NULL;
  gint64 engagement, dataset;
  guint steps;

  engagement = wf_add_engagement (f->store, "客户甲", "甲消费品");
  dataset = wf_add_usage (f->store, engagement, "用量 2019", 40, 1);
  g_assert_true (shz_store_set_chart_settings (f->store, engagement, "maturity-map", "[chart]\ntheme=light\n", &error));
  {
    g_autoptr(GPtrArray) history = shz_store_list_history (f->store, &error);
    g_assert_no_error (error);
    steps = history->len;
  }
  g_assert_cmpuint (steps, ==, 3);

  before = content (f->store);
  edit (f->store, engagement, dataset);
  after = content (f->store);
  g_assert_cmpstr (before, !=, after);
  g_assert_true (shz_store_can_undo (f->store));
  g_assert_false (shz_store_can_redo (f->store));

  /* The step survives closing; undo after reopening gives back the state before it. */
  reopen (f);
  now = content (f->store);
  g_assert_cmpstr (now, ==, after);
  g_clear_pointer (&now, g_free);
  g_assert_true (shz_store_undo (f->store, &error));
  g_assert_no_error (error);
  now = content (f->store);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);
  g_assert_true (shz_store_can_redo (f->store));

  reopen (f);
  now = content (f->store);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);
  g_assert_true (shz_store_redo (f->store, &error));
  g_assert_no_error (error);
  now = content (f->store);
  g_assert_cmpstr (now, ==, after);
  g_clear_pointer (&now, g_free);

  reopen (f);
  now = content (f->store);
  g_assert_cmpstr (now, ==, after);
  g_clear_pointer (&now, g_free);

  /* Undo everything, then redo everything. */
  while (shz_store_can_undo (f->store))
    g_assert_true (shz_store_undo (f->store, &error));
  g_assert_cmpint (wf_count (f->store, "SELECT count(*) FROM engagement WHERE deleted = 0"), ==, 0);
  reopen (f);
  while (shz_store_can_redo (f->store))
    g_assert_true (shz_store_redo (f->store, &error));
  now = content (f->store);
  g_assert_cmpstr (now, ==, after);
  g_clear_pointer (&now, g_free);
  {
    g_autoptr(GString) report = g_string_new (NULL);
    g_assert_true (shz_store_check (f->store, report, &error));
  }
}

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *label = NULL;
  gint64 a;

  g_assert_false (shz_store_can_undo (f->store));
  g_assert_false (shz_store_undo (f->store, &error));
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NOTHING);
  g_clear_error (&error);

  a = wf_add_engagement (f->store, "Alpha", "A Co");
  wf_add_usage (f->store, a, "Usage", 10, 0);
  history = shz_store_list_history (f->store, &error);
  g_assert_cmpuint (history->len, ==, 2);
  {
    ShzHistoryStep *s0 = g_ptr_array_index (history, 0), *s1 = g_ptr_array_index (history, 1);
    g_assert_cmpstr (s0->label, ==, "Create engagement “Alpha”");
    g_assert_cmpstr (s1->label, ==, "Import “Usage”");  /* begin_step's label, not the edits' */
    g_assert_true (g_str_has_suffix (s0->time, "Z") && strlen (s0->time) == 20);
    g_assert_false (s1->undone);
  }
  g_clear_pointer (&history, g_ptr_array_unref);
  label = shz_store_get_undo_label (f->store);
  g_assert_cmpstr (label, ==, "Import “Usage”");
  g_clear_pointer (&label, g_free);

  /* Undo marks the step; a new edit drops what could have been redone. */
  g_assert_true (shz_store_undo (f->store, &error));
  label = shz_store_get_redo_label (f->store);
  g_assert_cmpstr (label, ==, "Import “Usage”");
  g_clear_pointer (&label, g_free);
  history = shz_store_list_history (f->store, &error);
  g_assert_true (((ShzHistoryStep *) g_ptr_array_index (history, 1))->undone);
  g_clear_pointer (&history, g_ptr_array_unref);
  wf_add_engagement (f->store, "Beta", NULL);
  g_assert_false (shz_store_can_redo (f->store));
  history = shz_store_list_history (f->store, &error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (((ShzHistoryStep *) g_ptr_array_index (history, 1))->label, ==, "Create engagement “Beta”");
  g_clear_pointer (&history, g_ptr_array_unref);

  /* The undone import is unreachable now: closing empties it from the trash, rows and all. */
  g_assert_cmpint (wf_count (f->store, "SELECT count(*) FROM usage_row"), ==, 10);
  reopen (f);
  g_assert_cmpint (wf_count (f->store, "SELECT count(*) FROM usage_row"), ==, 0);
  g_assert_cmpint (wf_count (f->store, "SELECT count(*) FROM dataset"), ==, 0);

  /* Only the last SHZ_STORE_HISTORY_LIMIT steps are kept. */
  for (guint i = 0; i < SHZ_STORE_HISTORY_LIMIT + 5; i++)
    {
      g_autofree char *s = g_strdup_printf ("[chart]\nn=%u\n", i);
      g_assert_true (shz_store_set_chart_settings (f->store, a, "maturity-map", s, &error));
    }
  history = shz_store_list_history (f->store, &error);
  g_assert_cmpuint (history->len, ==, SHZ_STORE_HISTORY_LIMIT);
  /* Saving the same settings again is no new step. */
  {
    g_autofree char *s = g_strdup_printf ("[chart]\nn=%u\n", SHZ_STORE_HISTORY_LIMIT + 4);
    g_assert_true (shz_store_set_chart_settings (f->store, a, "maturity-map", s, &error));
    g_clear_pointer (&history, g_ptr_array_unref);
    history = shz_store_list_history (f->store, &error);
    g_assert_cmpuint (history->len, ==, SHZ_STORE_HISTORY_LIMIT);
  }
}

static void
test_steps (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *before = NULL, *now = NULL;
  gint64 a, d;

  a = wf_add_engagement (f->store, "Alpha", "A Co");
  d = wf_add_usage (f->store, a, "Usage", 5, 0);
  before = content (f->store);

  /* Several edits in one step: one undo takes them all back. */
  g_assert_true (shz_store_begin_step (f->store, "Tidy up", &error));
  g_assert_true (shz_store_rename_dataset (f->store, d, "Usage 2019", &error));
  g_assert_true (shz_store_set_chart_settings (f->store, a, "value-chain", "x", &error));
  wf_add_engagement (f->store, "Gamma", NULL);
  g_assert_true (shz_store_end_step (f->store, &error));
  history = shz_store_list_history (f->store, &error);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpstr (((ShzHistoryStep *) g_ptr_array_index (history, 2))->label, ==, "Tidy up");
  g_clear_pointer (&history, g_ptr_array_unref);
  g_assert_true (shz_store_undo (f->store, &error));
  now = content (f->store);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);

  /* A cancelled step leaves nothing; an empty one leaves no trace in the history. */
  g_assert_true (shz_store_begin_step (f->store, "Cancelled", &error));
  g_assert_true (shz_store_rename_dataset (f->store, d, "Nope", &error));
  shz_store_cancel_step (f->store);
  g_assert_true (shz_store_begin_step (f->store, "Empty", &error));
  g_assert_true (shz_store_end_step (f->store, &error));
  now = content (f->store);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);
  history = shz_store_list_history (f->store, &error);
  g_assert_cmpuint (history->len, ==, 3);    /* and the undone "Tidy up" is still redoable */
  g_assert_true (shz_store_can_redo (f->store));

  /* No undo in the middle of a change. */
  g_assert_true (shz_store_begin_step (f->store, "Open", &error));
  g_assert_false (shz_store_undo (f->store, &error));
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  shz_store_cancel_step (f->store);

  /* A failed edit inside a caller's step leaves the caller's transaction to the caller. */
  g_assert_true (shz_store_begin_step (f->store, "Mixed", &error));
  wf_add_engagement (f->store, "Delta", NULL);
  g_assert_false (shz_store_rename_dataset (f->store, d, "", &error));
  g_clear_error (&error);
  g_assert_true (shz_store_end_step (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wf_count (f->store, "SELECT count(*) FROM engagement WHERE name = 'Delta'"), ==, 1);
}

static void
test_big_delete (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const guint n = 100000;
  gint64 a, d, entries;

  a = wf_add_engagement (f->store, "Big", NULL);
  d = wf_add_usage (f->store, a, "Big usage", n, 0);
  /* The import's rows are not in the log: its step holds the dataset's own entries only. */
  g_assert_cmpint (wf_count (f->store, "SELECT count(*) FROM undo_entry"), <=, 4);

  entries = wf_count (f->store, "SELECT count(*) FROM undo_entry");
  g_assert_true (shz_store_delete_dataset (f->store, d, &error));
  g_assert_cmpint (wf_count (f->store, "SELECT count(*) FROM undo_entry") - entries, ==, 1);
  g_assert_cmpint (wf_count (f->store, "SELECT count(*) FROM usage_row"), ==, n);

  entries = wf_count (f->store, "SELECT count(*) FROM undo_entry");
  g_assert_true (shz_store_delete_engagement (f->store, a, &error));
  g_assert_cmpint (wf_count (f->store, "SELECT count(*) FROM undo_entry") - entries, ==, 1);

  g_assert_true (shz_store_undo (f->store, &error));
  g_assert_true (shz_store_undo (f->store, &error));
  {
    g_autoptr(ShzDataset) back = shz_store_get_dataset (f->store, d, &error);
    g_assert_no_error (error);
    g_assert_cmpint (back->rows, ==, n);
  }
  /* Undoing the import itself trashes the dataset; clearing the history purges its rows. */
  g_assert_true (shz_store_undo (f->store, &error));
  g_assert_cmpint (wf_count (f->store, "SELECT count(*) FROM usage_row"), ==, n);
  g_assert_true (shz_store_clear_history (f->store, &error));
  g_assert_cmpint (wf_count (f->store, "SELECT count(*) FROM usage_row"), ==, 0);
  g_assert_cmpint (wf_count (f->store, "SELECT count(*) FROM dataset"), ==, 0);
}

static void
test_name_reuse (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzEngagement) e = NULL;
  gint64 a, a2;

  a = wf_add_engagement (f->store, "Alpha", "old client");
  g_assert_true (shz_store_delete_engagement (f->store, a, &error));
  /* A name in the trash is free again... */
  a2 = wf_add_engagement (f->store, "Alpha", "new client");
  g_assert_cmpint (a2, !=, a);
  /* ...and undo gives the old one back once the new one is undone. */
  g_assert_true (shz_store_undo (f->store, &error));
  g_assert_true (shz_store_undo (f->store, &error));
  e = shz_store_find_engagement (f->store, "Alpha", &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->id, ==, a);
  g_assert_cmpstr (e->client, ==, "old client");
}

/* The schema of version 1, as the first release wrote it. */
static const char v1_schema[] =
  "CREATE TABLE engagement (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),"
  " client TEXT NOT NULL DEFAULT '', industry TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '',"
  " analyst TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '', created TEXT NOT NULL, modified TEXT NOT NULL);"
  "CREATE TABLE dataset (id INTEGER PRIMARY KEY,"
  " engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,"
  " name TEXT NOT NULL CHECK (length(name) > 0),"
  " kind TEXT NOT NULL CHECK (kind IN ('usage','positions','links','scores')),"
  " rows INTEGER NOT NULL DEFAULT 0, rejected INTEGER NOT NULL DEFAULT 0,"
  " source_name TEXT, source_size INTEGER, source_sha256 TEXT, encoding TEXT, delimiter TEXT, sheet TEXT, mapping TEXT,"
  " imported TEXT NOT NULL, note TEXT, illustrative INTEGER NOT NULL DEFAULT 0, method TEXT,"
  " source_dataset_id INTEGER REFERENCES dataset(id) ON DELETE SET NULL, UNIQUE (engagement_id, name));"
  "CREATE INDEX dataset_by_source ON dataset(source_dataset_id);"
  "CREATE TABLE usage_row (dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,"
  " row_no INTEGER NOT NULL, enterprise_id TEXT NOT NULL, enterprise_name TEXT, industry TEXT NOT NULL, region TEXT,"
  " period TEXT NOT NULL, category TEXT NOT NULL, product TEXT, spend REAL NOT NULL);"
  "CREATE INDEX usage_row_by_dataset ON usage_row(dataset_id);"
  "CREATE TABLE position_row (dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,"
  " row_no INTEGER NOT NULL, entity TEXT NOT NULL, grp TEXT, period TEXT,"
  " maturity REAL NOT NULL, innovation REAL NOT NULL, size REAL, is_client INTEGER NOT NULL DEFAULT 0,"
  " maturity_lo REAL, maturity_hi REAL, innovation_lo REAL, innovation_hi REAL,"
  " n INTEGER NOT NULL DEFAULT 0, low_sample INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX position_row_by_dataset ON position_row(dataset_id);"
  "CREATE TABLE link_row (dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,"
  " row_no INTEGER NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, weight REAL NOT NULL,"
  " type TEXT NOT NULL, state TEXT NOT NULL);"
  "CREATE INDEX link_row_by_dataset ON link_row(dataset_id);"
  "CREATE TABLE score_row (dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,"
  " row_no INTEGER NOT NULL, framework TEXT NOT NULL, item TEXT NOT NULL, score REAL NOT NULL,"
  " state TEXT NOT NULL, note TEXT);"
  "CREATE INDEX score_row_by_dataset ON score_row(dataset_id);"
  "CREATE TABLE rejection (dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,"
  " row_no INTEGER NOT NULL, col TEXT, reason TEXT NOT NULL);"
  "CREATE INDEX rejection_by_dataset ON rejection(dataset_id);"
  "CREATE TABLE chart_settings (engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,"
  " kind TEXT NOT NULL, settings TEXT NOT NULL, PRIMARY KEY (engagement_id, kind));"
  "PRAGMA application_id = 1397250633; PRAGMA user_version = 1;";

static void
write_v1_store (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, v1_schema, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO engagement VALUES (1, '旧客户', 'Old Co', '', '', '', '', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z');"
    "INSERT INTO dataset (id, engagement_id, name, kind, rows, source_name, imported)"
    " VALUES (1, 1, 'raw', 'usage', 2, 'u.csv', '2020-01-01T00:00:00Z');"
    "INSERT INTO dataset (id, engagement_id, name, kind, rows, imported, source_dataset_id)"
    " VALUES (2, 1, 'computed', 'positions', 0, '2020-01-01T00:00:00Z', 1);"
    "INSERT INTO usage_row VALUES (1, 1, 'E1', NULL, '金融', NULL, '2019', 'IaaS', NULL, 1.5);"
    "INSERT INTO usage_row VALUES (1, 2, 'E2', NULL, '金融', NULL, '2019', 'PaaS', NULL, 2.5);"
    "INSERT INTO dataset (id, engagement_id, name, kind, rows, imported)"
    " VALUES (3, 1, 'scores', 'scores', 2, '2020-01-01T00:00:00Z');"
    "INSERT INTO score_row VALUES (3, 1, '单向链式价值链', '品牌', 2, 'as-is', '旧');"
    "INSERT INTO score_row VALUES (3, 2, 'value-chain', 'brand', 4, 'to-be', NULL);"
    "INSERT INTO chart_settings VALUES (1, 'maturity-map', '[chart]');",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_v1_upgrade (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old = g_build_filename (f->dir, "v1.shuzhi", NULL);
  g_autoptr(ShzStore) store = NULL;
  g_autoptr(ShzEngagement) e = NULL;
  g_autoptr(ShzDataset) d = NULL;
  g_autoptr(GString) report = g_string_new (NULL);

  write_v1_store (old);

  /* Read-only, an older store is read from an upgraded private copy; the file is untouched. */
  {
    g_autofree char *sum = wf_file_checksum (old);
    g_autofree char *after = NULL;
    store = shz_store_open (old, SHZ_STORE_OPEN_READ_ONLY, &error);
    g_assert_no_error (error);
    e = shz_store_find_engagement (store, "旧客户", &error);
    g_assert_no_error (error);
    g_clear_pointer (&e, shz_engagement_free);
    g_clear_pointer (&store, shz_store_free);
    after = wf_file_checksum (old);
    g_assert_cmpstr (sum, ==, after);
  }

  store = shz_store_open (old, SHZ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wf_count (store, "PRAGMA user_version"), ==, SHZ_STORE_SCHEMA_VERSION);
  e = shz_store_find_engagement (store, "旧客户", &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->n_datasets, ==, 3);
  g_assert_cmpint (e->n_charts, ==, 1);
  /* scores rows as they were, in their order (labels and all); a score may now be missing */
  g_assert_cmpint (wf_count (store, "SELECT count(*) FROM score_row WHERE dataset_id = 3"), ==, 2);
  g_assert_cmpint (wf_count (store, "SELECT row_no FROM score_row ORDER BY rowid LIMIT 1"), ==, 1);
  g_assert_cmpint (wf_count (store, "SELECT count(*) FROM score_row WHERE item = '品牌' AND score = 2"), ==, 1);
  g_assert_cmpint (wf_count (store, "SELECT \"notnull\" FROM pragma_table_info ('score_row') WHERE name = 'score'"), ==, 0);
  d = shz_store_find_dataset (store, e->id, "computed", &error);
  g_assert_no_error (error);
  g_assert_cmpint (d->source_dataset_id, ==, 1);
  g_assert_cmpint (wf_count (store, "SELECT count(*) FROM usage_row"), ==, 2);
  g_assert_true (shz_store_check (store, report, &error));

  /* And it now has a history. */
  g_assert_true (shz_store_delete_dataset (store, 1, &error));
  g_clear_pointer (&store, shz_store_free);
  store = shz_store_open (old, SHZ_STORE_OPEN_DEFAULT, &error);
  g_assert_true (shz_store_undo (store, &error));
  g_assert_no_error (error);
  g_clear_pointer (&d, shz_dataset_free);
  d = shz_store_get_dataset (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (d->name, ==, "raw");
}

static void
refuse (const char *path,
        const char *sql,
        const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sum = NULL, *after = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  sum = wf_file_checksum (path);
  g_assert_null (shz_store_open (path, SHZ_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, needle));
  after = wf_file_checksum (path);
  g_assert_cmpstr (sum, ==, after);
}

static void
test_hostile_history (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *now = NULL;
  gint64 a = wf_add_engagement (f->store, "Alpha", "A Co");
  sqlite3 *db = NULL;

  g_clear_pointer (&f->store, shz_store_free);

  /* A trigger of ours, stored in the file, is refused like any other. */
  {
    g_autofree char *copy = g_build_filename (f->dir, "trigger.shuzhi", NULL);
    g_autofree char *contents = NULL;
    gsize len;
    g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
    g_assert_true (g_file_set_contents (copy, contents, len, NULL));
    refuse (copy,
            "CREATE TRIGGER undo_engagement_insert AFTER INSERT ON engagement BEGIN DELETE FROM dataset; END;",
            "unexpected schema object “trigger:undo_engagement_insert”");
  }

  /* A log entry Shuzhi does not know: undo refuses and changes nothing. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE undo_entry SET op = 7", NULL, NULL, NULL), !=, SQLITE_OK); /* CHECK */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA ignore_check_constraints = ON; UPDATE undo_entry SET op = 7",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  reopen (f);
  before = content (f->store);
  g_assert_false (shz_store_undo (f->store, &error));
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_DAMAGED);
  g_clear_error (&error);
  now = content (f->store);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);
  g_clear_pointer (&f->store, shz_store_free);

  /* Values are data, never SQL: a "name" made of SQL is just a name. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "DELETE FROM undo_entry; DELETE FROM undo_step;"
                                 "INSERT INTO undo_step VALUES (1, 'x', '2020-01-01T00:00:00Z', 0);"
                                 "INSERT INTO undo_entry (step, tbl, op, rid, vals) VALUES (1, 0, 1, 1,"
                                 " json_array ('x''); DROP TABLE dataset; --', 'c', '', '', '', '', 'a', 'b', 0, NULL));",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  reopen (f);
  g_assert_true (shz_store_undo (f->store, &error));
  g_assert_no_error (error);
  {
    g_autoptr(ShzEngagement) e = shz_store_get_engagement (f->store, a, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (e->name, ==, "x'); DROP TABLE dataset; --");
  }
  g_assert_cmpint (wf_count (f->store, "SELECT count(*) FROM dataset"), ==, 0);
  {
    g_autoptr(GString) report = g_string_new (NULL);
    g_assert_true (shz_store_check (f->store, report, &error));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/workflow/undo/create-engagement", test_each_edit, edit_create_engagement);
  ADD ("/workflow/undo/update-engagement", test_each_edit, edit_update_engagement);
  ADD ("/workflow/undo/delete-engagement", test_each_edit, edit_delete_engagement);
  ADD ("/workflow/undo/duplicate-engagement", test_each_edit, edit_duplicate_engagement);
  ADD ("/workflow/undo/import", test_each_edit, edit_import);
  ADD ("/workflow/undo/rename-dataset", test_each_edit, edit_rename_dataset);
  ADD ("/workflow/undo/delete-dataset", test_each_edit, edit_delete_dataset);
  ADD ("/workflow/undo/new-chart-settings", test_each_edit, edit_new_chart_settings);
  ADD ("/workflow/undo/change-chart-settings", test_each_edit, edit_change_chart_settings);
  ADD ("/workflow/undo/demo", test_each_edit, edit_demo);
  ADD ("/workflow/undo/history", test_history, NULL);
  ADD ("/workflow/undo/steps", test_steps, NULL);
  ADD ("/workflow/undo/big-delete", test_big_delete, NULL);
  ADD ("/workflow/undo/name-reuse", test_name_reuse, NULL);
  ADD ("/workflow/schema/v1-upgrade", test_v1_upgrade, NULL);
  ADD ("/workflow/schema/hostile-history", test_hostile_history, NULL);
#undef ADD

  return g_test_run ();
}
