/* workflow-helper.c — the child process of the workflow tests.
 *
 *   loop STORE SIDE SEED   random imports and edits, each committed, until killed; before each
 *                          commit SIDE.pending holds the content the store will hold after it,
 *                          and after it SIDE.committed does (the kill test checks the store
 *                          holds one of the two)
 *   hold STORE             open STORE for writing, print "ready", wait for stdin to close
 *   crash STORE            die (SIGKILL) in the middle of a big change, its cache spilled
 *   raw-crash STORE        die in the middle of a small change made with plain SQLite (a
 *                          journal beside a file, and no lock of ours: an exchanged file)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "workflow-common.h"

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

static void
write_side (const char *side,
            const char *which,
            const char *text)
{
  g_autofree char *path = g_strconcat (side, ".", which, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, text, -1, &error))
    {
      g_printerr ("helper: %s\n", error->message);
      exit (5);
    }
}

static void
fail (const char *what,
      GError     *error)
{
  g_printerr ("helper: %s: %s\n", what, error ? error->message : "");
  exit (4);
}

static gint64
pick (ShzStore   *store,
      GRand      *rand,
      const char *sql)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (shz_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  if (ids->len == 0)
    return 0;
  return g_array_index (ids, gint64, g_rand_int_range (rand, 0, ids->len));
}

#define LIVE_ENGAGEMENTS "SELECT id FROM engagement WHERE deleted = 0"
#define LIVE_DATASETS "SELECT d.id FROM dataset d JOIN engagement e ON e.id = d.engagement_id" \
                      " WHERE d.deleted = 0 AND e.deleted = 0"

/* One edit inside the open step; FALSE when there was nothing to act on. */
static gboolean
edit (ShzStore *store,
      GRand    *rand,
      guint     seq)
{
  g_autoptr(GError) error = NULL;
  int r = g_rand_int_range (rand, 0, 8);
  gint64 e = pick (store, rand, LIVE_ENGAGEMENTS);
  gint64 d = pick (store, rand, LIVE_DATASETS);

  if (e == 0)
    r = 0;
  switch (r)
    {
    case 0:
      {
        g_autoptr(ShzEngagement) n = shz_engagement_new ();
        n->name = g_strdup_printf ("客户 %u-%u", seq, g_rand_int_range (rand, 0, 1000000));
        n->client = g_strdup ("某消费品公司");
        if (shz_store_create_engagement (store, n, &error) == 0)
          fail ("create", error);
        return TRUE;
      }
    case 1:
    case 2:
      {
        /* An import: a dataset and its rows. */
        g_autoptr(ShzDataset) ds = shz_dataset_new ();
        g_autoptr(ShzRowInserter) ins = NULL;
        guint n = g_rand_int_range (rand, 200, 4000);
        gint64 id;

        ds->engagement_id = e;
        ds->name = g_strdup_printf ("用量 %u-%u", seq, g_rand_int (rand));
        ds->kind = SHZ_KIND_USAGE;
        ds->source_name = g_strdup ("usage.csv");
        id = shz_store_create_dataset (store, ds, &error);
        if (id == 0)
          fail ("create dataset", error);
        ins = shz_row_inserter_new (store, id, SHZ_KIND_USAGE, &error);
        for (guint i = 0; i < n; i++)
          {
            g_autofree char *ent = g_strdup_printf ("E%04u", i % 300);
            ShzUsageRow row = { .row_no = i + 1, .enterprise_id = ent, .industry = "金融", .period = "2020",
                                .category = "PaaS", .spend = i * 0.5 + seq };
            if (!shz_row_inserter_add_usage (ins, &row, &error))
              fail ("insert", error);
          }
        if (!shz_store_set_dataset_counts (store, id, n, 0, &error))
          fail ("counts", error);
        return TRUE;
      }
    case 3:
      if (d == 0)
        return FALSE;
      {
        g_autofree char *name = g_strdup_printf ("数据 %u-%u", seq, g_rand_int (rand));
        if (!shz_store_rename_dataset (store, d, name, &error))
          fail ("rename", error);
      }
      return TRUE;
    case 4:
      if (d == 0)
        return FALSE;
      if (!shz_store_delete_dataset (store, d, &error))
        fail ("delete dataset", error);
      return TRUE;
    case 5:
      {
        g_autoptr(ShzEngagement) x = shz_store_get_engagement (store, e, &error);
        if (x == NULL)
          fail ("get", error);
        g_free (x->notes);
        x->notes = g_strdup_printf ("备注 %u", seq);
        if (!shz_store_update_engagement (store, x, &error))
          fail ("update", error);
      }
      return TRUE;
    case 6:
      {
        g_autofree char *s = g_strdup_printf ("[chart]\nseq=%u\n", g_rand_int_range (rand, 0, 3));
        if (!shz_store_set_chart_settings (store, e, "maturity-map", s, &error))
          fail ("settings", error);
      }
      return TRUE;
    default:
      if (g_rand_int_range (rand, 0, 4) != 0)
        return FALSE;
      if (!shz_store_delete_engagement (store, e, &error))
        fail ("delete engagement", error);
      return TRUE;
    }
}

static int
run_loop (const char *path,
          const char *side,
          guint       seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (path, SHZ_STORE_OPEN_CREATE, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) done = g_ptr_array_new_with_free_func (g_free);    /* content after each step */
  g_autoptr(GPtrArray) undone = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *start = NULL;

  if (store == NULL)
    fail ("open", error);
  if (shz_store_is_read_only (store))
    fail ("open: read-only", NULL);
  start = content (store);
  g_ptr_array_add (done, g_strdup (start));
  write_side (side, "pending", start);
  write_side (side, "committed", start);

  for (guint seq = 0; ; seq++)
    {
      int r = g_rand_int_range (rand, 0, 10);

      if (r == 0 && done->len > 1)
        {
          /* Undo one of this run's steps: the content before it comes back. */
          const char *expected = g_ptr_array_index (done, done->len - 2);
          g_autofree char *now = NULL;

          write_side (side, "pending", expected);
          if (!shz_store_undo (store, &error))
            fail ("undo", error);
          now = content (store);
          if (g_strcmp0 (now, expected) != 0)
            {
              g_printerr ("expected:\n%s\nnow:\n%s\n", expected, now);
              fail ("undo gave another content", NULL);
            }
          write_side (side, "committed", expected);
          g_ptr_array_add (undone, g_ptr_array_steal_index (done, done->len - 1));
        }
      else if (r == 1 && undone->len > 0)
        {
          char *expected = g_ptr_array_steal_index (undone, undone->len - 1);
          g_autofree char *now = NULL;

          write_side (side, "pending", expected);
          if (!shz_store_redo (store, &error))
            fail ("redo", error);
          now = content (store);
          if (g_strcmp0 (now, expected) != 0)
            fail ("redo gave another content", NULL);
          write_side (side, "committed", expected);
          g_ptr_array_add (done, expected);
        }
      else
        {
          /* Unique across runs: a step left by an earlier (killed) run with the same label would
           * pass for this one when this one changes nothing and so makes no step. */
          g_autofree char *label = g_strdup_printf ("step %u of run %u", seq, seed);
          g_autofree char *after = NULL;

          if (!shz_store_begin_step (store, label, &error))
            fail ("begin", error);
          if (!edit (store, rand, seq))
            {
              shz_store_cancel_step (store);
              continue;
            }
          after = content (store);
          write_side (side, "pending", after);
          if (!shz_store_end_step (store, &error))
            fail ("commit", error);
          write_side (side, "committed", after);
          /* A change that changed nothing (the same settings again) makes no step. */
          {
            g_autofree char *top = shz_store_get_undo_label (store);
            if (g_strcmp0 (top, label) != 0)
              continue;
          }
          g_ptr_array_add (done, g_steal_pointer (&after));
          g_ptr_array_set_size (undone, 0);
        }
    }
  return 0;
}

static int
run_hold (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (path, SHZ_STORE_OPEN_CREATE, &error);
  char buf[64];

  if (store == NULL)
    fail ("open", error);
  printf ("%s\n", shz_store_is_read_only (store) ? "read-only" : "ready");
  fflush (stdout);
  while (fgets (buf, sizeof buf, stdin) != NULL)
    {
      /* "edit": one change the holder commits. */
      wf_add_engagement (store, g_strstrip (buf), "holder");
      printf ("done\n");
      fflush (stdout);
    }
  return 0;
}

static int
run_crash (const char *path)
{
  g_autoptr(GError) error = NULL;
  ShzStore *store = shz_store_open (path, SHZ_STORE_OPEN_DEFAULT, &error);
  gint64 e;

  if (store == NULL)
    fail ("open", error);
  /* A small page cache makes SQLite write changed pages into the file before the commit:
   * without its journal, the file would be inconsistent. */
  sqlite3_exec (shz_store_get_db (store), "PRAGMA cache_size = 10", NULL, NULL, NULL);
  e = wf_add_engagement (store, "doomed", NULL);
  if (!shz_store_begin_step (store, "big", &error))
    fail ("begin", error);
  if (!shz_store_delete_engagement (store, e, &error))
    fail ("delete", error);
  {
    g_autoptr(ShzDataset) ds = shz_dataset_new ();
    g_autoptr(ShzRowInserter) ins = NULL;
    gint64 id;
    ds->engagement_id = wf_count (store, "SELECT min(id) FROM engagement WHERE deleted = 0");
    ds->name = g_strdup ("half");
    ds->kind = SHZ_KIND_USAGE;
    id = shz_store_create_dataset (store, ds, &error);
    if (id == 0)
      fail ("dataset", error);
    ins = shz_row_inserter_new (store, id, SHZ_KIND_USAGE, &error);
    for (guint i = 0; i < 20000; i++)
      {
        ShzUsageRow row = { .row_no = i + 1, .enterprise_id = "E", .industry = "金融", .period = "2020",
                            .category = "PaaS", .spend = i };
        shz_row_inserter_add_usage (ins, &row, &error);
      }
  }
  raise (SIGKILL);
  return 1;
}

static int
run_raw_crash (const char *path)
{
  sqlite3 *db = NULL;

  /* A tiny cache: SQLite syncs the journal and writes changed pages into the file before the
   * commit, so the journal is hot and the file needs it. */
  if (sqlite3_open (path, &db) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA cache_size = 2; BEGIN IMMEDIATE;"
                        "UPDATE engagement SET notes = 'half-written';"
                        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
                        " INSERT INTO engagement (name, notes, created, modified)"
                        " SELECT 'raw ' || i, printf ('%.500c', 'x'), '', '' FROM n;",
                    NULL, NULL, NULL) != SQLITE_OK)
    return 3;
  raise (SIGKILL);
  return 1;
}

int
main (int    argc,
      char **argv)
{
  if (argc == 5 && g_str_equal (argv[1], "loop"))
    return run_loop (argv[2], argv[3], (guint) g_ascii_strtoull (argv[4], NULL, 10));
  if (argc == 3 && g_str_equal (argv[1], "hold"))
    return run_hold (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "crash"))
    return run_crash (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "raw-crash"))
    return run_raw_crash (argv[2]);
  g_printerr ("usage: workflow-helper loop STORE SIDE SEED | hold STORE | crash STORE | raw-crash STORE\n");
  return 2;
}
