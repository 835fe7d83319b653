/* shz-undo.c — undo and redo that survive closing the store, after SQLite's trigger-based
 * undo log (https://sqlite.org/undoredo.html), with two changes for untrusted files:
 *
 *  - the triggers are TEMP triggers each writable connection makes for itself, so a store file
 *    holds no trigger at all (check_schema_objects refuses any), and
 *  - the log holds data, not SQL: an entry names a table, an operation and the old values
 *    (a JSON array); the statements that apply it are ours, prepared here, so a doctored log
 *    can at worst change the user's own rows of the three logged tables.
 *
 * Logged tables: engagement, dataset and chart_settings.  Row tables (usage_row …) are not:
 * deleting an engagement or a dataset only puts it in the trash (deleted = 1), so undoing it is
 * one update, and an import is undone by trashing its dataset.  The trash is emptied of what no
 * step can bring back when the store is closed (shz_store_purge_trash).
 *
 * A step is one transaction: the first logged change of a transaction creates it (labelled by
 * shz_store_begin_step or by that edit).  Undo runs a step's entries newest first inside a
 * transaction; the triggers log their inverses under the same step, which become its redo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-store"

#include "config.h"

#include <glib/gi18n.h>

#include "shz-store-private.h"

enum { TBL_ENGAGEMENT, TBL_DATASET, TBL_CHART_SETTINGS, N_TBL };
enum { OP_HIDE, OP_SET, OP_DELETE, OP_INSERT, N_OP };

/* undo_ctl holds the current step while a logged transaction is open (no row otherwise). */
static const char trigger_sql[] =
  "CREATE TEMP TABLE IF NOT EXISTS undo_ctl (step INTEGER);"
  "DELETE FROM temp.undo_ctl;"
  "CREATE TEMP TRIGGER IF NOT EXISTS undo_engagement_insert AFTER INSERT ON main.engagement"
  " WHEN (SELECT step FROM undo_ctl) IS NOT NULL BEGIN"
  "  INSERT INTO undo_entry (step, tbl, op, rid, vals) VALUES ((SELECT step FROM undo_ctl), 0, 0, NEW.id, NULL);"
  " END;"
  "CREATE TEMP TRIGGER IF NOT EXISTS undo_engagement_update AFTER UPDATE ON main.engagement"
  " WHEN (SELECT step FROM undo_ctl) IS NOT NULL BEGIN"
  "  INSERT INTO undo_entry (step, tbl, op, rid, vals) VALUES ((SELECT step FROM undo_ctl), 0, 1, OLD.id,"
  "   json_array (OLD.name, OLD.client, OLD.industry, OLD.title, OLD.analyst, OLD.notes, OLD.created,"
  "               OLD.modified, OLD.deleted, OLD.origin));"
  " END;"
  "CREATE TEMP TRIGGER IF NOT EXISTS undo_dataset_insert AFTER INSERT ON main.dataset"
  " WHEN (SELECT step FROM undo_ctl) IS NOT NULL BEGIN"
  "  INSERT INTO undo_entry (step, tbl, op, rid, vals) VALUES ((SELECT step FROM undo_ctl), 1, 0, NEW.id, NULL);"
  " END;"
  /* A dataset inserted in the open step is hidden whole by its undo: its later changes in that
   * step need no entry, and leaving them out keeps what redo brings back — and what the trash
   * holds meanwhile — as the step left it (its row count, not the empty dataset it began as). */
  "CREATE TEMP TRIGGER IF NOT EXISTS undo_dataset_update AFTER UPDATE ON main.dataset"
  " WHEN (SELECT step FROM undo_ctl) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM undo_entry"
  "  WHERE tbl = 1 AND rid = OLD.id AND op = 0 AND step = (SELECT step FROM undo_ctl)) BEGIN"
  "  INSERT INTO undo_entry (step, tbl, op, rid, vals) VALUES ((SELECT step FROM undo_ctl), 1, 1, OLD.id,"
  "   json_array (OLD.engagement_id, OLD.name, OLD.kind, OLD.rows, OLD.rejected, OLD.source_name,"
  "               OLD.source_size, OLD.source_sha256, OLD.encoding, OLD.delimiter, OLD.sheet, OLD.mapping,"
  "               OLD.imported, OLD.note, OLD.illustrative, OLD.method, OLD.source_dataset_id, OLD.deleted));"
  " END;"
  "CREATE TEMP TRIGGER IF NOT EXISTS undo_chart_insert AFTER INSERT ON main.chart_settings"
  " WHEN (SELECT step FROM undo_ctl) IS NOT NULL BEGIN"
  "  INSERT INTO undo_entry (step, tbl, op, rid, vals) VALUES ((SELECT step FROM undo_ctl), 2, 2, NULL,"
  "   json_array (NEW.engagement_id, NEW.kind));"
  " END;"
  "CREATE TEMP TRIGGER IF NOT EXISTS undo_chart_update AFTER UPDATE ON main.chart_settings"
  " WHEN (SELECT step FROM undo_ctl) IS NOT NULL BEGIN"
  "  INSERT INTO undo_entry (step, tbl, op, rid, vals) VALUES ((SELECT step FROM undo_ctl), 2, 1, NULL,"
  "   json_array (OLD.engagement_id, OLD.kind, OLD.settings));"
  " END;"
  "CREATE TEMP TRIGGER IF NOT EXISTS undo_chart_delete AFTER DELETE ON main.chart_settings"
  " WHEN (SELECT step FROM undo_ctl) IS NOT NULL BEGIN"
  "  INSERT INTO undo_entry (step, tbl, op, rid, vals) VALUES ((SELECT step FROM undo_ctl), 2, 3, NULL,"
  "   json_array (OLD.engagement_id, OLD.kind, OLD.settings));"
  " END;";

/* How each (table, operation) is applied; NULL: not a valid entry. ?1 the row id, ?2 the values. */
#define J(i) "json_extract (?2, '$[" #i "]')"
static const char *const apply_sql[N_TBL][N_OP] = {
  [TBL_ENGAGEMENT] = {
    [OP_HIDE] = "UPDATE engagement SET deleted = 1 WHERE id = ?1",
    [OP_SET] = "UPDATE engagement SET name = " J(0) ", client = " J(1) ", industry = " J(2) ", title = " J(3)
               ", analyst = " J(4) ", notes = " J(5) ", created = " J(6) ", modified = " J(7) ", deleted = " J(8)
               ", origin = " J(9) " WHERE id = ?1",
  },
  [TBL_DATASET] = {
    [OP_HIDE] = "UPDATE dataset SET deleted = 1 WHERE id = ?1",
    [OP_SET] = "UPDATE dataset SET engagement_id = " J(0) ", name = " J(1) ", kind = " J(2) ", rows = " J(3)
               ", rejected = " J(4) ", source_name = " J(5) ", source_size = " J(6) ", source_sha256 = " J(7)
               ", encoding = " J(8) ", delimiter = " J(9) ", sheet = " J(10) ", mapping = " J(11)
               ", imported = " J(12) ", note = " J(13) ", illustrative = " J(14) ", method = " J(15)
               ", source_dataset_id = " J(16) ", deleted = " J(17) " WHERE id = ?1",
  },
  [TBL_CHART_SETTINGS] = {
    [OP_SET] = "UPDATE chart_settings SET settings = " J(2) " WHERE engagement_id = " J(0) " AND kind = " J(1),
    [OP_DELETE] = "DELETE FROM chart_settings WHERE engagement_id = " J(0) " AND kind = " J(1),
    [OP_INSERT] = "INSERT INTO chart_settings (engagement_id, kind, settings) VALUES (" J(0) ", " J(1) ", " J(2) ")",
  },
};
#undef J

gboolean
_shz_undo_prepare_connection (ShzStore  *store,
                              GError   **error)
{
  if (!_shz_store_exec (store, trigger_sql, _("prepare the undo history"), error))
    return FALSE;
  store->undo_ready = TRUE;
  return TRUE;
}

static gboolean
set_ctl (ShzStore  *store,
         gint64     step,
         GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_shz_store_exec (store, "DELETE FROM temp.undo_ctl", _("record the change"), error))
    return FALSE;
  if (step == 0)
    return TRUE;
  stmt = _shz_store_prepare (store, "INSERT INTO temp.undo_ctl (step) VALUES (?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, step);
  return _shz_store_step_done (store, stmt, _("record the change"), error);
}

gboolean
_shz_undo_touch (ShzStore   *store,
                 const char *label,
                 GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;

  if (!store->undo_ready || store->undo_suspended > 0 || store->step_id != 0)
    return TRUE;

  /* A new change ends what could have been redone. */
  if (!_shz_store_exec (store, "DELETE FROM undo_step WHERE undone = 1", _("record the change"), error))
    return FALSE;
  stmt = _shz_store_prepare (store, "INSERT INTO undo_step (label, time, undone) VALUES (?1, ?2, 0)", error);
  if (stmt == NULL)
    return FALSE;
  now = _shz_store_now_iso8601 ();
  _shz_store_bind_text (stmt, 1, store->step_label ? store->step_label : label);
  _shz_store_bind_text (stmt, 2, now);
  if (!_shz_store_step_done (store, stmt, _("record the change"), error))
    return FALSE;
  store->step_id = sqlite3_last_insert_rowid (store->db);
  return set_ctl (store, store->step_id, error);
}

gboolean
_shz_undo_finish_step (ShzStore  *store,
                       GError   **error)
{
  g_autoptr(sqlite3_stmt) empty = NULL;
  g_autoptr(sqlite3_stmt) trim = NULL;

  if (store->step_id == 0)
    return TRUE;
  empty = _shz_store_prepare (store,
                              "DELETE FROM undo_step WHERE id = ?1"
                              " AND NOT EXISTS (SELECT 1 FROM undo_entry WHERE step = ?1)", error);
  if (empty == NULL)
    return FALSE;
  sqlite3_bind_int64 (empty, 1, store->step_id);
  if (!_shz_store_step_done (store, empty, _("record the change"), error) || !set_ctl (store, 0, error))
    return FALSE;
  trim = _shz_store_prepare (store,
                             "DELETE FROM undo_step WHERE id IN"
                             " (SELECT id FROM undo_step ORDER BY id DESC LIMIT -1 OFFSET ?1)", error);
  if (trim == NULL)
    return FALSE;
  sqlite3_bind_int (trim, 1, SHZ_STORE_HISTORY_LIMIT);
  return _shz_store_step_done (store, trim, _("record the change"), error);
}

gboolean
_shz_undo_inserted_in_step (ShzStore *store,
                            gint64    dataset_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!store->undo_ready || store->undo_suspended > 0 || store->step_id == 0)
    return FALSE;
  stmt = _shz_store_prepare (store,
                             "SELECT 1 FROM undo_entry WHERE tbl = 1 AND rid = ?2 AND op = 0 AND step = ?1",
                             NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, store->step_id);
  sqlite3_bind_int64 (stmt, 2, dataset_id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

void
_shz_undo_forget_step (ShzStore *store)
{
  store->step_id = 0;
  g_clear_pointer (&store->step_label, g_free);
}

/* ---- public API ---- */

void
shz_history_step_free (ShzHistoryStep *step)
{
  if (step == NULL)
    return;
  g_free (step->label);
  g_free (step->time);
  g_free (step);
}

gboolean
shz_store_begin_step (ShzStore   *store,
                      const char *label,
                      GError    **error)
{
  g_return_val_if_fail (label != NULL, FALSE);

  if (!shz_store_begin (store, error))
    return FALSE;
  if (store->tx_depth == 1 && store->step_id == 0)
    {
      g_free (store->step_label);
      store->step_label = g_strdup (label);
    }
  return TRUE;
}

gboolean
shz_store_end_step (ShzStore  *store,
                    GError   **error)
{
  return shz_store_commit (store, error);
}

void
shz_store_cancel_step (ShzStore *store)
{
  shz_store_rollback (store);
}

static char *
step_label (ShzStore   *store,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL) != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

#define UNDO_TARGET_SQL "SELECT label, id FROM undo_step WHERE undone = 0 ORDER BY id DESC LIMIT 1"
#define REDO_TARGET_SQL "SELECT label, id FROM undo_step WHERE undone = 1 ORDER BY id ASC LIMIT 1"

char *
shz_store_get_undo_label (ShzStore *store)
{
  return step_label (store, UNDO_TARGET_SQL);
}

char *
shz_store_get_redo_label (ShzStore *store)
{
  return step_label (store, REDO_TARGET_SQL);
}

gboolean
shz_store_can_undo (ShzStore *store)
{
  g_autofree char *label = NULL;

  if (store->read_only)
    return FALSE;
  label = shz_store_get_undo_label (store);
  return label != NULL;
}

gboolean
shz_store_can_redo (ShzStore *store)
{
  g_autofree char *label = NULL;

  if (store->read_only)
    return FALSE;
  label = shz_store_get_redo_label (store);
  return label != NULL;
}

typedef struct {
  gint64  id;
  int     tbl;
  int     op;
  gint64  rid;
  char   *vals;
} Entry;

static void
entry_clear (gpointer data)
{
  Entry *e = data;
  g_free (e->vals);
}

static gboolean
apply_step (ShzStore   *store,
            const char *target_sql,
            gboolean    undone,
            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autofree char *label = NULL;
  gint64 step;
  int rc;

  g_array_set_clear_func (entries, entry_clear);

  if (store->tx_depth > 0)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID,
                   _("Finish the current change before undoing or redoing"));
      return FALSE;
    }
  if (!_shz_store_check_write (store, error) || !shz_store_begin (store, error))
    return FALSE;

  stmt = _shz_store_prepare (store, target_sql, error);
  if (stmt == NULL)
    goto fail;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NOTHING,
                     undone ? _("There is nothing to undo") : _("There is nothing to redo"));
      else
        shz_store_set_sqlite_error (store, error, _("read the history"));
      goto fail;
    }
  label = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  step = sqlite3_column_int64 (stmt, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _shz_store_prepare (store, "SELECT id, tbl, op, rid, vals FROM undo_entry WHERE step = ?1 ORDER BY id DESC", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, step);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Entry e = {
        .id = sqlite3_column_int64 (stmt, 0),
        .tbl = sqlite3_column_int (stmt, 1),
        .op = sqlite3_column_int (stmt, 2),
        .rid = sqlite3_column_int64 (stmt, 3),
        .vals = g_strdup ((const char *) sqlite3_column_text (stmt, 4)),
      };
      g_array_append_val (entries, e);
      if (e.tbl < 0 || e.tbl >= N_TBL || e.op < 0 || e.op >= N_OP || apply_sql[e.tbl][e.op] == NULL)
        {
          g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_DAMAGED,
                       _("“%s” is damaged: its history holds an entry Shuzhi does not know (step “%s”)"),
                       store->path, label);
          goto fail;
        }
    }
  if (rc != SQLITE_DONE)
    {
      shz_store_set_sqlite_error (store, error, _("read the history"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _shz_store_prepare (store, "DELETE FROM undo_entry WHERE step = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, step);
  if (!_shz_store_step_done (store, stmt, _("update the history"), error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* The inverses of what we now apply are logged under the same step: its redo (or undo). */
  store->step_id = step;
  if (!set_ctl (store, step, error))
    goto fail;
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = &g_array_index (entries, Entry, i);
      g_autoptr(sqlite3_stmt) apply = _shz_store_prepare (store, apply_sql[e->tbl][e->op], error);

      if (apply == NULL)
        goto fail;
      sqlite3_bind_int64 (apply, 1, e->rid);
      _shz_store_bind_text (apply, 2, e->vals);
      if (!_shz_store_step_done (store, apply, undone ? _("undo the change") : _("redo the change"), error))
        goto fail;
    }

  stmt = _shz_store_prepare (store, "UPDATE undo_step SET undone = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, step);
  sqlite3_bind_int (stmt, 2, undone ? 1 : 0);
  if (!_shz_store_step_done (store, stmt, _("update the history"), error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);

  return shz_store_commit (store, error);

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  shz_store_rollback (store);
  return FALSE;
}

gboolean
shz_store_undo (ShzStore  *store,
                GError   **error)
{
  return apply_step (store, UNDO_TARGET_SQL, TRUE, error);
}

gboolean
shz_store_redo (ShzStore  *store,
                GError   **error)
{
  return apply_step (store, REDO_TARGET_SQL, FALSE, error);
}

GPtrArray *
shz_store_list_history (ShzStore  *store,
                        GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) shz_history_step_free);
  int rc;

  stmt = _shz_store_prepare (store, "SELECT id, label, time, undone FROM undo_step ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShzHistoryStep *s = g_new0 (ShzHistoryStep, 1);

      s->id = sqlite3_column_int64 (stmt, 0);
      s->label = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      s->time = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      s->undone = sqlite3_column_int (stmt, 3) != 0;
      g_ptr_array_add (out, s);
    }
  if (rc != SQLITE_DONE)
    {
      shz_store_set_sqlite_error (store, error, _("read the history"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
shz_store_clear_history (ShzStore  *store,
                         GError   **error)
{
  if (!_shz_store_check_write (store, error))
    return FALSE;
  if (!_shz_store_exec (store, "DELETE FROM undo_step", _("clear the history"), error))
    return FALSE;
  return shz_store_purge_trash (store, error);
}

#define UNREFERENCED(tbl, t) \
  " deleted = 1 AND NOT EXISTS (SELECT 1 FROM undo_entry u WHERE u.tbl = " #tbl " AND u.rid = " t ".id)"

gboolean
shz_store_purge_trash (ShzStore  *store,
                       GError   **error)
{
  gboolean ok;

  if (!_shz_store_check_write (store, error))
    return FALSE;
  if (store->tx_depth > 0)
    return TRUE;
  if (_shz_store_query_int (store,
                            "SELECT EXISTS (SELECT 1 FROM dataset d WHERE" UNREFERENCED (1, "d") ")"
                            " OR EXISTS (SELECT 1 FROM engagement e WHERE" UNREFERENCED (0, "e") ")", 0) == 0)
    return TRUE;

  /* Nothing is logged: no step could bring these back. */
  store->undo_suspended++;
  ok = shz_store_begin (store, error) &&
       _shz_store_exec (store,
                        "DELETE FROM dataset WHERE id IN (SELECT d.id FROM dataset d WHERE" UNREFERENCED (1, "d") ");"
                        "DELETE FROM engagement WHERE id IN (SELECT e.id FROM engagement e WHERE" UNREFERENCED (0, "e") ");",
                        _("empty the trash"), error);
  if (ok)
    ok = shz_store_commit (store, error);
  else
    shz_store_rollback (store);
  store->undo_suspended--;
  return ok;
}
