/* shz-assessment-store.c — row edits of scores and links datasets (the assessment editor).
 *
 * The undo log records the engagement, dataset and chart-settings tables only; rows are left
 * out so that an import of a million rows is not copied into it.  An assessment is small, so an
 * edit of one of its rows is made on a copy of its dataset: the old dataset goes to the trash
 * (one logged update) and the copy is a new dataset (one logged insert).  Undo then swaps them
 * back, and nothing here needs to know how the log works.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-store"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>

#include "shz-assessment-store.h"
#include "shz-store-private.h"

typedef struct {
  const char *table;
  const char *copy_sql;
  const char *count_sql;
  const char *next_sql;
  const char *delete_sql;
} RowTable;

static const RowTable score_table = {
  "score_row",
  "INSERT INTO score_row (dataset_id, row_no, framework, item, score, state, note)"
  " SELECT ?2, row_no, framework, item, score, state, note FROM score_row WHERE dataset_id = ?1 ORDER BY rowid",
  "SELECT count(*) FROM score_row WHERE dataset_id = ?1",
  "SELECT coalesce(max(row_no), 0) + 1 FROM score_row WHERE dataset_id = ?1",
  "DELETE FROM score_row WHERE dataset_id = ?1 AND row_no = ?2",
};

static const RowTable link_table = {
  "link_row",
  "INSERT INTO link_row (dataset_id, row_no, source, target, weight, type, state)"
  " SELECT ?2, row_no, source, target, weight, type, state FROM link_row WHERE dataset_id = ?1 ORDER BY rowid",
  "SELECT count(*) FROM link_row WHERE dataset_id = ?1",
  "SELECT coalesce(max(row_no), 0) + 1 FROM link_row WHERE dataset_id = ?1",
  "DELETE FROM link_row WHERE dataset_id = ?1 AND row_no = ?2",
};

/* ---- helpers ---- */

static sqlite3_stmt *
prepare (ShzStore    *store,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (shz_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      shz_store_set_sqlite_error (store, error, _("prepare the edit of the assessment"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static gboolean
step_done (ShzStore      *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      shz_store_set_sqlite_error (store, error, _("save the edit of the assessment"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (ShzStore    *store,
           const char  *sql,
           gint64       dataset_id,
           gint64      *out,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dataset_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      shz_store_set_sqlite_error (store, error, _("read the assessment"));
      return FALSE;
    }
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           i,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, i);
}

static gboolean
check_state (const char  *state,
             GError     **error)
{
  if (g_strcmp0 (state, "as-is") == 0 || g_strcmp0 (state, "to-be") == 0)
    return TRUE;
  g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID,
               _("The state “%s” is not one of as-is or to-be"), state ? state : "");
  return FALSE;
}

static gboolean
check_text (const char  *value,
            const char  *what,
            GError     **error)
{
  if (value != NULL && value[0] != '\0' && g_utf8_validate (value, -1, NULL))
    return TRUE;
  g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID,
               _("The %s of the row is empty or not valid text"), what);
  return FALSE;
}

/* Open the step, trash @dataset_id and make its copy; the id of the copy, or 0 (nothing left
 * open). */
static gint64
begin_copy (ShzStore        *store,
            gint64           dataset_id,
            ShzDatasetKind   kind,
            const char      *label,
            GError         **error)
{
  const RowTable *t = kind == SHZ_KIND_SCORES ? &score_table : &link_table;
  g_autoptr(ShzDataset) d = NULL;
  g_autoptr(sqlite3_stmt) copy = NULL;
  gint64 id;

  if (shz_store_is_read_only (store))
    {
      g_set_error_literal (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_READ_ONLY,
                           _("The store is open read-only; the assessment cannot be changed"));
      return 0;
    }
  d = shz_store_get_dataset (store, dataset_id, error);
  if (d == NULL)
    return 0;
  if (d->kind != kind)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID,
                   _("Dataset “%s” holds %s, not %s"), d->name,
                   shz_dataset_kind_to_string (d->kind), shz_dataset_kind_to_string (kind));
      return 0;
    }
  if (!shz_store_begin_step (store, label != NULL ? label : _("Edit the assessment"), error))
    return 0;
  /* Made in this very step (the first edit of an assessment): undo hides it whole, so it is
   * edited in place — a copy would leave the empty dataset it began as in the trash. */
  if (_shz_undo_inserted_in_step (store, dataset_id))
    return dataset_id;
  /* The old one first: its name is then free for the copy (names are unique among live ones). */
  if (!shz_store_delete_dataset (store, dataset_id, error))
    goto fail;
  d->id = 0;
  id = shz_store_create_dataset (store, d, error);
  if (id == 0)
    goto fail;
  copy = prepare (store, t->copy_sql, error);
  if (copy == NULL)
    goto fail;
  sqlite3_bind_int64 (copy, 1, dataset_id);
  sqlite3_bind_int64 (copy, 2, id);
  if (!step_done (store, copy, error))
    goto fail;
  return id;

fail:
  shz_store_cancel_step (store);
  return 0;
}

/* Count the copy's rows and close the step; @id or 0 (rolled back). */
static gint64
end_copy (ShzStore        *store,
          gint64           id,
          ShzDatasetKind   kind,
          gboolean         ok,
          GError         **error)
{
  const RowTable *t = kind == SHZ_KIND_SCORES ? &score_table : &link_table;
  g_autoptr(ShzDataset) d = NULL;
  gint64 rows = 0;

  if (ok)
    ok = query_int (store, t->count_sql, id, &rows, error) &&
         (d = shz_store_get_dataset (store, id, error)) != NULL &&
         shz_store_set_dataset_counts (store, id, rows, d->rejected, error) &&
         shz_store_end_step (store, error);
  if (!ok)
    {
      shz_store_cancel_step (store);
      return 0;
    }
  return id;
}

static gboolean
next_row_no (ShzStore        *store,
             ShzDatasetKind   kind,
             gint64           id,
             gint64          *out,
             GError         **error)
{
  return query_int (store, (kind == SHZ_KIND_SCORES ? &score_table : &link_table)->next_sql, id, out, error);
}

static gboolean
row_changed (ShzStore  *store,
             gint64     row_no,
             GError   **error)
{
  if (sqlite3_changes (shz_store_get_db (store)) > 0)
    return TRUE;
  g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NO_SUCH,
               _("The assessment has no row %" PRId64 " (it was changed elsewhere?)"), row_no);
  return FALSE;
}

/* ---- public API ---- */

gint64
shz_store_set_score_row (ShzStore          *store,
                         gint64             dataset_id,
                         const ShzScoreRow *row,
                         const char        *label,
                         gint64            *out_row_no,
                         GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id, row_no = row->row_no;
  gboolean ok;

  g_return_val_if_fail (store != NULL && row != NULL, 0);

  if (!check_text (row->framework, _("framework"), error) || !check_text (row->item, _("item"), error) ||
      !check_state (row->state, error))
    return 0;
  /* no score: a row that only carries the item's note */
  if (isnan (row->score) && (row->note == NULL || row->note[0] == '\0'))
    {
      g_set_error_literal (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID,
                           _("A row without a score needs a note"));
      return 0;
    }
  if (!isnan (row->score) && (!isfinite (row->score) || row->score < 0 || row->score > 5))
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID,
                   _("The score %g is out of range; expected 0 to 5"), row->score);
      return 0;
    }
  id = begin_copy (store, dataset_id, SHZ_KIND_SCORES, label, error);
  if (id == 0)
    return 0;
  if (row_no > 0)
    stmt = prepare (store,
                    "UPDATE score_row SET framework = ?3, item = ?4, score = ?5, state = ?6, note = ?7"
                    " WHERE dataset_id = ?1 AND row_no = ?2", error);
  else if (next_row_no (store, SHZ_KIND_SCORES, id, &row_no, error))
    stmt = prepare (store,
                    "INSERT INTO score_row (dataset_id, row_no, framework, item, score, state, note)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, row_no);
      bind_text (stmt, 3, row->framework);
      bind_text (stmt, 4, row->item);
      if (isnan (row->score))
        sqlite3_bind_null (stmt, 5);
      else
        sqlite3_bind_double (stmt, 5, row->score);
      bind_text (stmt, 6, row->state);
      bind_text (stmt, 7, row->note != NULL && row->note[0] != '\0' ? row->note : NULL);
      ok = step_done (store, stmt, error) && row_changed (store, row_no, error);
    }
  id = end_copy (store, id, SHZ_KIND_SCORES, ok, error);
  if (id != 0 && out_row_no != NULL)
    *out_row_no = row_no;
  return id;
}

gint64
shz_store_set_score_notes (ShzStore      *store,
                           gint64         dataset_id,
                           const gint64  *row_nos,
                           guint          n_rows,
                           const char    *note,
                           const char    *label,
                           GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;
  gint64 id;

  g_return_val_if_fail (store != NULL && (row_nos != NULL || n_rows == 0), 0);

  if (note != NULL && !g_utf8_validate (note, -1, NULL))
    {
      g_set_error_literal (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID, _("The note is not valid text"));
      return 0;
    }
  id = begin_copy (store, dataset_id, SHZ_KIND_SCORES, label, error);
  if (id == 0)
    return 0;
  stmt = prepare (store, "UPDATE score_row SET note = ?3 WHERE dataset_id = ?1 AND row_no = ?2", error);
  ok = stmt != NULL;
  for (guint i = 0; ok && i < n_rows; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, row_nos[i]);
      bind_text (stmt, 3, note != NULL && note[0] != '\0' ? note : NULL);
      ok = step_done (store, stmt, error) && row_changed (store, row_nos[i], error);
    }
  return end_copy (store, id, SHZ_KIND_SCORES, ok, error);
}

gint64
shz_store_set_link_row (ShzStore          *store,
                        gint64             dataset_id,
                        const ShzLinkRow  *row,
                        const char        *label,
                        gint64            *out_row_no,
                        GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id, row_no = row->row_no;
  gboolean ok;

  g_return_val_if_fail (store != NULL && row != NULL, 0);

  if (!check_text (row->source, _("source"), error) || !check_text (row->target, _("target"), error) ||
      !check_text (row->type, _("kind"), error) || !check_state (row->state, error))
    return 0;
  if (!isfinite (row->weight) || row->weight < 0)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID,
                   _("The weight %g is not a number ≥ 0"), row->weight);
      return 0;
    }
  id = begin_copy (store, dataset_id, SHZ_KIND_LINKS, label, error);
  if (id == 0)
    return 0;
  if (row_no > 0)
    stmt = prepare (store,
                    "UPDATE link_row SET source = ?3, target = ?4, weight = ?5, type = ?6, state = ?7"
                    " WHERE dataset_id = ?1 AND row_no = ?2", error);
  else if (next_row_no (store, SHZ_KIND_LINKS, id, &row_no, error))
    stmt = prepare (store,
                    "INSERT INTO link_row (dataset_id, row_no, source, target, weight, type, state)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, row_no);
      bind_text (stmt, 3, row->source);
      bind_text (stmt, 4, row->target);
      sqlite3_bind_double (stmt, 5, row->weight);
      bind_text (stmt, 6, row->type);
      bind_text (stmt, 7, row->state);
      ok = step_done (store, stmt, error) && row_changed (store, row_no, error);
    }
  id = end_copy (store, id, SHZ_KIND_LINKS, ok, error);
  if (id != 0 && out_row_no != NULL)
    *out_row_no = row_no;
  return id;
}

gint64
shz_store_delete_assessment_row (ShzStore    *store,
                                 gint64       dataset_id,
                                 gint64       row_no,
                                 const char  *label,
                                 GError     **error)
{
  g_autoptr(ShzDataset) d = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const RowTable *t;
  gboolean ok;
  gint64 id;

  g_return_val_if_fail (store != NULL, 0);

  d = shz_store_get_dataset (store, dataset_id, error);
  if (d == NULL)
    return 0;
  if (d->kind != SHZ_KIND_SCORES && d->kind != SHZ_KIND_LINKS)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID,
                   _("Dataset “%s” holds %s, not an assessment"), d->name, shz_dataset_kind_to_string (d->kind));
      return 0;
    }
  t = d->kind == SHZ_KIND_SCORES ? &score_table : &link_table;
  id = begin_copy (store, dataset_id, d->kind, label, error);
  if (id == 0)
    return 0;
  stmt = prepare (store, t->delete_sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, row_no);
      ok = step_done (store, stmt, error) && row_changed (store, row_no, error);
    }
  return end_copy (store, id, d->kind, ok, error);
}

gint64
shz_store_create_assessment_dataset (ShzStore        *store,
                                     gint64           engagement_id,
                                     ShzDatasetKind   kind,
                                     const char      *name,
                                     GError         **error)
{
  g_autoptr(ShzDataset) d = shz_dataset_new ();
  g_autoptr(ShzEngagement) e = NULL;

  g_return_val_if_fail (store != NULL && name != NULL, 0);

  if (kind != SHZ_KIND_SCORES && kind != SHZ_KIND_LINKS)
    {
      g_set_error_literal (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID,
                           _("An assessment is made of a scores and a links dataset"));
      return 0;
    }
  e = shz_store_get_engagement (store, engagement_id, error);
  if (e == NULL)
    return 0;
  d->engagement_id = engagement_id;
  d->name = shz_store_unique_dataset_name (store, engagement_id, name);
  d->kind = kind;
  d->note = g_strdup (kind == SHZ_KIND_SCORES
                      ? _("Entered in the assessment editor: as-is and to-be scores (0–5) per framework item.")
                      : _("Entered in the assessment editor: links of the value network."));
  d->illustrative = FALSE;
  return shz_store_create_dataset (store, d, error);
}
