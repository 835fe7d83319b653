/* shz-share.c — sending engagements around: export one to its own store, merge the
 * engagements of another store, and pseudonymise a copy for a client-safe export.
 *
 * A received store is untrusted: it is opened with shz_store_open (header, schema and work
 * checks, a private copy when a journal lies beside it), checked, and snapshotted with the
 * backup API into a private file before it is attached, so what we merge is what we checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>

#include "shz-store-private.h"

/* ---- pseudonyms ---- */

struct _ShzPseudonyms {
  GHashTable *map;     /* real → alias */
  guint       next;
  gboolean    zh;
};

ShzPseudonyms *
shz_pseudonyms_new (const char *lang)
{
  ShzPseudonyms *p = g_new0 (ShzPseudonyms, 1);

  p->map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  p->zh = lang == NULL || g_str_has_prefix (lang, "zh");
  return p;
}

void
shz_pseudonyms_free (ShzPseudonyms *p)
{
  if (p == NULL)
    return;
  g_hash_table_unref (p->map);
  g_free (p);
}

/* 0 → A, 25 → Z, 26 → AA … (spreadsheet column letters). */
static char *
letters (guint n)
{
  GString *s = g_string_new (NULL);

  n++;
  while (n > 0)
    {
      n--;
      g_string_prepend_c (s, 'A' + n % 26);
      n /= 26;
    }
  return g_string_free (s, FALSE);
}

const char *
shz_pseudonyms_get (ShzPseudonyms *p,
                    const char    *real)
{
  const char *alias;

  g_return_val_if_fail (p != NULL, NULL);
  if (real == NULL)
    return NULL;
  alias = g_hash_table_lookup (p->map, real);
  if (alias == NULL)
    {
      g_autofree char *l = letters (p->next++);
      char *a = p->zh ? g_strdup_printf ("企业 %s", l) : g_strdup_printf ("Company %s", l);
      g_hash_table_insert (p->map, g_strdup (real), a);
      alias = a;
    }
  return alias;
}

/* Every real name of the map (longest first, so "Acme Foods" goes before "Acme"), replaced
 * in @text. */
static char *
replace_names (ShzPseudonyms *p,
               GPtrArray     *reals,
               const char    *text)
{
  GString *s;

  if (text == NULL)
    return NULL;
  s = g_string_new (text);
  for (guint i = 0; i < reals->len; i++)
    {
      const char *real = g_ptr_array_index (reals, i);
      if (g_utf8_strlen (real, -1) >= 2)
        g_string_replace (s, real, shz_pseudonyms_get (p, real), 0);
    }
  return g_string_free (s, FALSE);
}

static int
by_length_desc (gconstpointer a,
                gconstpointer b)
{
  gsize la = strlen (*(const char * const *) a), lb = strlen (*(const char * const *) b);
  return la < lb ? 1 : la > lb ? -1 : strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
exec_bound (ShzStore    *store,
            const char  *sql,
            gint64       a,
            const char  *b,
            const char  *c,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _shz_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    _shz_store_bind_text (stmt, 2, b);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    _shz_store_bind_text (stmt, 3, c);
  return _shz_store_step_done (store, stmt, _("pseudonymise the engagement"), error);
}

/* Text columns that may hold the client's or an enterprise's name, rewritten in C. */
static const struct {
  const char *select;
  const char *update;
} text_columns[] = {
  { "SELECT id, name FROM dataset WHERE engagement_id = ?1", "UPDATE dataset SET name = ?2 WHERE id = ?1" },
  { "SELECT id, source_name FROM dataset WHERE engagement_id = ?1", "UPDATE dataset SET source_name = ?2 WHERE id = ?1" },
  { "SELECT id, note FROM dataset WHERE engagement_id = ?1", "UPDATE dataset SET note = ?2 WHERE id = ?1" },
  { "SELECT rowid, note FROM score_row WHERE note IS NOT NULL AND dataset_id IN"
    " (SELECT id FROM dataset WHERE engagement_id = ?1)", "UPDATE score_row SET note = ?2 WHERE rowid = ?1" },
  { "SELECT rowid, reason FROM rejection WHERE dataset_id IN (SELECT id FROM dataset WHERE engagement_id = ?1)",
    "UPDATE rejection SET reason = ?2 WHERE rowid = ?1" },
  { "SELECT id, mapping FROM dataset WHERE engagement_id = ?1", "UPDATE dataset SET mapping = ?2 WHERE id = ?1" },
  { "SELECT id, method FROM dataset WHERE engagement_id = ?1", "UPDATE dataset SET method = ?2 WHERE id = ?1" },
  { "SELECT rowid, settings FROM chart_settings WHERE engagement_id = ?1",
    "UPDATE chart_settings SET settings = ?2 WHERE rowid = ?1" },
};

static gboolean
pseudonymise (ShzStore      *store,
              gint64         id,
              ShzPseudonyms *p,
              GError       **error)
{
  g_autoptr(ShzEngagement) e = NULL;
  g_autoptr(GPtrArray) reals = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  e = shz_store_get_engagement (store, id, error);
  if (e == NULL)
    return FALSE;

  /* The client first ("A"), then the enterprises in a stable order. */
  if (e->client != NULL && *e->client != '\0')
    {
      shz_pseudonyms_get (p, e->client);
      g_ptr_array_add (reals, g_strdup (e->client));
    }
  stmt = _shz_store_prepare (store,
                             "SELECT enterprise_id, max(enterprise_name) FROM usage_row WHERE dataset_id IN"
                             " (SELECT id FROM dataset WHERE engagement_id = ?1) GROUP BY enterprise_id ORDER BY enterprise_id",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_shz_store_exec (store, "CREATE TEMP TABLE IF NOT EXISTS pseudo_map (real TEXT PRIMARY KEY, alias TEXT NOT NULL);"
                        "DELETE FROM temp.pseudo_map;", _("pseudonymise the engagement"), error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *eid = (const char *) sqlite3_column_text (stmt, 0);
      const char *ename = (const char *) sqlite3_column_text (stmt, 1);
      const char *alias = shz_pseudonyms_get (p, eid);

      /* An enterprise's name gets its id's pseudonym, so the two stay one enterprise. */
      if (ename != NULL && !g_hash_table_contains (p->map, ename))
        g_hash_table_insert (p->map, g_strdup (ename), g_strdup (alias));
      if (!exec_bound (store, "INSERT OR IGNORE INTO temp.pseudo_map (real, alias) VALUES (?2, ?3)", 0, eid, alias, error))
        return FALSE;
      if (ename != NULL &&
          !exec_bound (store, "INSERT OR IGNORE INTO temp.pseudo_map (real, alias) VALUES (?2, ?3)", 0, ename, alias, error))
        return FALSE;
      g_ptr_array_add (reals, g_strdup (eid));
      if (ename != NULL)
        g_ptr_array_add (reals, g_strdup (ename));
    }
  if (rc != SQLITE_DONE)
    {
      shz_store_set_sqlite_error (store, error, _("pseudonymise the engagement"));
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Positions of enterprises that are not in the usage data (a peer company's row of an imported
   * positions dataset): a row whose entity is not its own group names an enterprise of that
   * group.  Industry rows (entity = group, or no group) keep their names. */
  stmt = _shz_store_prepare (store,
                             "SELECT DISTINCT entity FROM position_row WHERE dataset_id IN"
                             " (SELECT id FROM dataset WHERE engagement_id = ?1)"
                             " AND grp IS NOT NULL AND grp <> '' AND entity <> grp AND NOT is_client"
                             " AND entity NOT IN (SELECT real FROM temp.pseudo_map) ORDER BY entity",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *entity = (const char *) sqlite3_column_text (stmt, 0);

      if (entity == NULL || (e->client != NULL && strcmp (entity, e->client) == 0))
        continue;
      if (!exec_bound (store, "INSERT OR IGNORE INTO temp.pseudo_map (real, alias) VALUES (?2, ?3)", 0,
                       entity, shz_pseudonyms_get (p, entity), error))
        return FALSE;
      g_ptr_array_add (reals, g_strdup (entity));
    }
  if (rc != SQLITE_DONE)
    {
      shz_store_set_sqlite_error (store, error, _("pseudonymise the engagement"));
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (e->client != NULL && *e->client != '\0' &&
      !exec_bound (store, "INSERT OR IGNORE INTO temp.pseudo_map (real, alias) VALUES (?2, ?3)", 0,
                   e->client, shz_pseudonyms_get (p, e->client), error))
    return FALSE;
  g_ptr_array_sort (reals, by_length_desc);

  /* Rows: ids and names by the map; positions of the client or of a mapped enterprise. */
  if (!exec_bound (store,
                   "UPDATE usage_row SET"
                   " enterprise_name = CASE WHEN enterprise_name IS NULL THEN NULL"
                   "  ELSE (SELECT alias FROM temp.pseudo_map WHERE real = usage_row.enterprise_id) END,"
                   " enterprise_id = (SELECT alias FROM temp.pseudo_map WHERE real = usage_row.enterprise_id)"
                   " WHERE dataset_id IN (SELECT id FROM dataset WHERE engagement_id = ?1)", id, NULL, NULL, error) ||
      !exec_bound (store,
                   "UPDATE position_row SET entity = coalesce ((SELECT alias FROM temp.pseudo_map WHERE real = entity),"
                   "  CASE WHEN is_client THEN ?2 ELSE entity END),"
                   " grp = coalesce ((SELECT alias FROM temp.pseudo_map WHERE real = grp), grp)"
                   " WHERE dataset_id IN (SELECT id FROM dataset WHERE engagement_id = ?1)",
                   id, e->client && *e->client ? shz_pseudonyms_get (p, e->client) : shz_pseudonyms_get (p, "\x01client"),
                   NULL, error))
    return FALSE;

  /* Texts: the engagement's own fields, then the datasets' and rows' free text. */
  {
    g_autofree char *name = replace_names (p, reals, e->name);
    g_autofree char *title = replace_names (p, reals, e->title);
    g_autofree char *notes = replace_names (p, reals, e->notes);
    const char *client = e->client && *e->client ? shz_pseudonyms_get (p, e->client) : "";
    g_autoptr(sqlite3_stmt) up =
      _shz_store_prepare (store, "UPDATE engagement SET name = ?2, title = ?3, notes = ?4, client = ?5, origin = NULL"
                                 " WHERE id = ?1", error);
    if (up == NULL)
      return FALSE;
    sqlite3_bind_int64 (up, 1, id);
    _shz_store_bind_text (up, 2, name);
    _shz_store_bind_text (up, 3, title);
    _shz_store_bind_text (up, 4, notes);
    _shz_store_bind_text (up, 5, client);
    if (!_shz_store_step_done (store, up, _("pseudonymise the engagement"), error))
      return FALSE;
  }
  for (guint k = 0; k < G_N_ELEMENTS (text_columns); k++)
    {
      g_autoptr(sqlite3_stmt) sel = _shz_store_prepare (store, text_columns[k].select, error);
      g_autoptr(sqlite3_stmt) up = _shz_store_prepare (store, text_columns[k].update, error);

      if (sel == NULL || up == NULL)
        return FALSE;
      sqlite3_bind_int64 (sel, 1, id);
      while ((rc = sqlite3_step (sel)) == SQLITE_ROW)
        {
          const char *text = (const char *) sqlite3_column_text (sel, 1);
          g_autofree char *replaced = replace_names (p, reals, text);

          if (g_strcmp0 (text, replaced) == 0)
            continue;
          sqlite3_bind_int64 (up, 1, sqlite3_column_int64 (sel, 0));
          _shz_store_bind_text (up, 2, replaced);
          if (!_shz_store_step_done (store, up, _("pseudonymise the engagement"), error))
            return FALSE;
          sqlite3_reset (up);
        }
      if (rc != SQLITE_DONE)
        {
          shz_store_set_sqlite_error (store, error, _("pseudonymise the engagement"));
          return FALSE;
        }
    }
  return _shz_store_exec (store, "DROP TABLE temp.pseudo_map", _("pseudonymise the engagement"), error);
}

gboolean
shz_store_pseudonymise_engagement (ShzStore      *store,
                                   gint64         id,
                                   ShzPseudonyms *p,
                                   GError       **error)
{
  gboolean ok;

  if (!_shz_store_check_write (store, error))
    return FALSE;
  if (store->tx_depth > 0)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID,
                   _("Finish the current change before pseudonymising"));
      return FALSE;
    }
  /* Old values must not linger in free pages, nor in the history. */
  _shz_store_exec (store, "PRAGMA secure_delete = ON", _("pseudonymise the engagement"), NULL);
  store->undo_suspended++;
  ok = shz_store_begin (store, error);
  if (ok)
    {
      ok = pseudonymise (store, id, p, error);
      if (ok)
        ok = shz_store_commit (store, error);
      else
        shz_store_rollback (store);
    }
  store->undo_suspended--;
  _shz_store_exec (store, "PRAGMA secure_delete = OFF", _("pseudonymise the engagement"), NULL);
  return ok;
}

/* ---- copying engagements between two stores (one attached as "xfer") ---- */

static const char *const copy_rows_sql[] = {
  "INSERT INTO main.usage_row (dataset_id, row_no, enterprise_id, enterprise_name, industry, region, period, category,"
  " product, spend) SELECT ?2, row_no, enterprise_id, enterprise_name, industry, region, period, category, product, spend"
  " FROM xfer.usage_row WHERE dataset_id = ?1 ORDER BY rowid",
  "INSERT INTO main.position_row (dataset_id, row_no, entity, grp, period, maturity, innovation, size, is_client,"
  " maturity_lo, maturity_hi, innovation_lo, innovation_hi, n, low_sample) SELECT ?2, row_no, entity, grp, period,"
  " maturity, innovation, size, is_client, maturity_lo, maturity_hi, innovation_lo, innovation_hi, n, low_sample"
  " FROM xfer.position_row WHERE dataset_id = ?1 ORDER BY rowid",
  "INSERT INTO main.link_row (dataset_id, row_no, source, target, weight, type, state)"
  " SELECT ?2, row_no, source, target, weight, type, state FROM xfer.link_row WHERE dataset_id = ?1 ORDER BY rowid",
  "INSERT INTO main.score_row (dataset_id, row_no, framework, item, score, state, note)"
  " SELECT ?2, row_no, framework, item, score, state, note FROM xfer.score_row WHERE dataset_id = ?1 ORDER BY rowid",
  "INSERT INTO main.rejection (dataset_id, row_no, col, reason)"
  " SELECT ?2, row_no, col, reason FROM xfer.rejection WHERE dataset_id = ?1 ORDER BY rowid",
};

/* Copy engagement @src_id of the attached store "xfer" into "main" as @new_name.
 * Returns the new id or 0. */
static gint64
copy_engagement (ShzStore    *store,
                 gint64       src_id,
                 const char  *new_name,
                 const char  *origin,
                 GError     **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) old_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GArray) sources = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 new_id;
  int rc;

  sql = g_strdup ("INSERT INTO main.engagement (name, client, industry, title, analyst, notes, created, modified,"
                  " origin) SELECT ?2, client, industry, title, analyst, notes, created, modified,"
                  " coalesce (?3, origin) FROM xfer.engagement WHERE id = ?1 AND deleted = 0");
  stmt = _shz_store_prepare (store, sql, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, src_id);
  _shz_store_bind_text (stmt, 2, new_name);
  _shz_store_bind_text (stmt, 3, origin);
  if (!_shz_store_step_done (store, stmt, _("copy the engagement"), error))
    return 0;
  if (sqlite3_changes (store->db) != 1)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NO_SUCH,
                   _("There is no engagement number %" PRId64 " to copy"), src_id);
      return 0;
    }
  new_id = sqlite3_last_insert_rowid (store->db);
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&sql, g_free);

  /* Live datasets, in id order (the computed ones after their sources). */
  sql = g_strdup ("SELECT id, coalesce (source_dataset_id, 0) FROM xfer.dataset WHERE engagement_id = ?1 AND deleted = 0"
                  " ORDER BY id");
  stmt = _shz_store_prepare (store, sql, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, src_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 old = sqlite3_column_int64 (stmt, 0), source = sqlite3_column_int64 (stmt, 1);
      g_array_append_val (old_ids, old);
      g_array_append_val (sources, source);
    }
  if (rc != SQLITE_DONE)
    {
      shz_store_set_sqlite_error (store, error, _("copy the datasets"));
      return 0;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&sql, g_free);

  sql = g_strdup ("INSERT INTO main.dataset (engagement_id, name, kind, rows, rejected, source_name, source_size,"
                  " source_sha256, encoding, delimiter, sheet, mapping, imported, note, illustrative, method)"
                  " SELECT ?2, name, kind, rows, rejected, source_name, source_size, source_sha256, encoding,"
                  " delimiter, sheet, mapping, imported, note, illustrative, method FROM xfer.dataset WHERE id = ?1");
  for (guint i = 0; i < old_ids->len; i++)
    {
      gint64 old = g_array_index (old_ids, gint64, i), nid;

      stmt = _shz_store_prepare (store, sql, error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, old);
      sqlite3_bind_int64 (stmt, 2, new_id);
      if (!_shz_store_step_done (store, stmt, _("copy the datasets"), error))
        return 0;
      nid = sqlite3_last_insert_rowid (store->db);
      g_clear_pointer (&stmt, sqlite3_finalize);
      g_hash_table_insert (map, g_memdup2 (&old, sizeof old), g_memdup2 (&nid, sizeof nid));

      for (guint k = 0; k < G_N_ELEMENTS (copy_rows_sql); k++)
        {
          g_autoptr(sqlite3_stmt) rows = _shz_store_prepare (store, copy_rows_sql[k], error);

          if (rows == NULL)
            return 0;
          sqlite3_bind_int64 (rows, 1, old);
          sqlite3_bind_int64 (rows, 2, nid);
          if (!_shz_store_step_done (store, rows, _("copy the datasets"), error))
            return 0;
        }
    }
  g_clear_pointer (&sql, g_free);

  /* Lineage inside the copy; a source outside it is forgotten. */
  sql = g_strdup ("UPDATE main.dataset SET source_dataset_id = ?2 WHERE id = ?1");
  for (guint i = 0; i < old_ids->len; i++)
    {
      gint64 old = g_array_index (old_ids, gint64, i), source = g_array_index (sources, gint64, i);
      gint64 *nid = g_hash_table_lookup (map, &old);
      gint64 *nsource = g_hash_table_lookup (map, &source);

      if (source == 0 || nsource == NULL)
        continue;
      stmt = _shz_store_prepare (store, sql, error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, *nid);
      sqlite3_bind_int64 (stmt, 2, *nsource);
      if (!_shz_store_step_done (store, stmt, _("copy the datasets"), error))
        return 0;
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  g_clear_pointer (&sql, g_free);

  sql = g_strdup ("INSERT INTO main.chart_settings (engagement_id, kind, settings)"
                  " SELECT ?2, kind, settings FROM xfer.chart_settings WHERE engagement_id = ?1");
  stmt = _shz_store_prepare (store, sql, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, src_id);
  sqlite3_bind_int64 (stmt, 2, new_id);
  if (!_shz_store_step_done (store, stmt, _("copy the chart settings"), error))
    return 0;
  return new_id;
}

static gboolean
attach (ShzStore    *store,
        const char  *path,
        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _shz_store_prepare (store, "ATTACH DATABASE ?1 AS xfer", error);

  if (stmt == NULL)
    return FALSE;
  _shz_store_bind_text (stmt, 1, path);
  return _shz_store_step_done (store, stmt, _("open the other store"), error);
}

static void
detach (ShzStore *store)
{
  sqlite3_exec (store->db, "DETACH DATABASE xfer", NULL, NULL, NULL);
}

static void
unlink_store_files (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (path);
  g_unlink (journal);
}

static gboolean
export_engagement (ShzStore    *store,
                   gint64       id,
                   const char  *dest_path,
                   const char  *lang,
                   GError     **error)
{
  g_autoptr(ShzEngagement) e = NULL;
  g_autofree char *tmp = g_strconcat (dest_path, ".part", NULL);
  g_autofree char *dir = g_path_get_dirname (dest_path);
  ShzStore *dst = NULL;
  gint64 new_id;

  e = shz_store_get_engagement (store, id, error);
  if (e == NULL)
    return FALSE;
  if (g_file_test (dir, G_FILE_TEST_IS_DIR) && g_access (dir, W_OK) != 0)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_READ_ONLY,
                   _("Cannot write “%s”: the folder is read-only; nothing was written"), dest_path);
      return FALSE;
    }

  /* A fresh file: nothing of other engagements, no history, no free pages with old data. */
  unlink_store_files (tmp);
  dst = shz_store_open (tmp, SHZ_STORE_OPEN_CREATE, error);
  if (dst == NULL)
    {
      unlink_store_files (tmp);
      return FALSE;
    }
  if (!attach (dst, store->db_path, error))
    goto fail;
  /* Copy from the attached source into the new file's main schema, keeping the name. */
  if (!shz_store_begin (dst, error))
    goto fail_detach;
  new_id = copy_engagement (dst, id, e->name, NULL, error);
  if (new_id == 0)
    {
      shz_store_rollback (dst);
      goto fail_detach;
    }
  if (!shz_store_commit (dst, error))
    goto fail_detach;
  detach (dst);

  if (lang != NULL)
    {
      g_autoptr(ShzPseudonyms) p = shz_pseudonyms_new (lang);
      if (!shz_store_pseudonymise_engagement (dst, new_id, p, error) ||
          !_shz_store_exec (dst, "VACUUM", _("write the exported store"), error))
        goto fail;
    }
  shz_store_free (dst);
  dst = NULL;
  if (g_rename (tmp, dest_path) != 0)
    {
      int saved = errno;
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_IO,
                   _("Cannot write “%s”: %s"), dest_path, g_strerror (saved));
      unlink_store_files (tmp);
      return FALSE;
    }
  return TRUE;

fail_detach:
  detach (dst);
fail:
  shz_store_free (dst);
  unlink_store_files (tmp);
  if (error != NULL && *error != NULL && (*error)->code == SHZ_STORE_ERROR_DISK_FULL)
    {
      g_clear_error (error);
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_DISK_FULL,
                   _("Cannot write “%s”: the disk is full; nothing was written"), dest_path);
    }
  return FALSE;
}

gboolean
shz_store_export_engagement (ShzStore    *store,
                             gint64       id,
                             const char  *dest_path,
                             GError     **error)
{
  return export_engagement (store, id, dest_path, NULL, error);
}

gboolean
shz_store_export_engagement_pseudonymised (ShzStore    *store,
                                           gint64       id,
                                           const char  *dest_path,
                                           const char  *lang,
                                           GError     **error)
{
  return export_engagement (store, id, dest_path, lang ? lang : "en", error);
}

ShzStore *
shz_store_open_pseudonymised_copy (ShzStore    *store,
                                   gint64       id,
                                   const char  *lang,
                                   gint64      *copy_id,
                                   GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) local = NULL;
  ShzStore *copy;

  dir = g_dir_make_tmp ("shuzhi-pseudonymised-XXXXXX", &local);
  if (dir == NULL)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_IO,
                   _("Cannot make a temporary folder: %s"), local->message);
      return NULL;
    }
  path = g_build_filename (dir, "pseudonymised.shuzhi", NULL);
  if (!shz_store_export_engagement_pseudonymised (store, id, path, lang, error) ||
      (copy = shz_store_open (path, SHZ_STORE_OPEN_DEFAULT, error)) == NULL)
    {
      g_autofree char *journal = g_strconcat (path, "-journal", NULL);
      g_unlink (path);
      g_unlink (journal);
      g_rmdir (dir);
      return NULL;
    }
  /* Removed with the store, like a private copy. */
  copy->private_dir = g_steal_pointer (&dir);
  list = shz_store_list_engagements (copy, error);
  if (list == NULL || list->len != 1)
    {
      if (list != NULL)
        g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_IO, _("Cannot make a pseudonymised copy"));
      shz_store_free (copy);
      return NULL;
    }
  if (copy_id)
    *copy_id = ((ShzEngagement *) g_ptr_array_index (list, 0))->id;
  return copy;
}

/* ---- merging another store ---- */

GArray *
shz_store_import_engagements (ShzStore           *store,
                              const char         *src_path,
                              const char * const *names,
                              GError            **error)
{
  g_autoptr(ShzStore) src = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *snapshot_dir = NULL;
  g_autofree char *snapshot = NULL;
  g_autofree char *base = g_path_get_basename (src_path);
  g_autofree char *label = NULL;
  g_autofree char *now = _shz_store_now_iso8601 ();
  gboolean ok = FALSE;

  if (!_shz_store_check_write (store, error))
    return NULL;
  if (store->tx_depth > 0)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID,
                   _("Finish the current change before importing engagements"));
      return NULL;
    }

  /* Open and check the other store as untrusted, then snapshot it privately. */
  src = shz_store_open (src_path, SHZ_STORE_OPEN_READ_ONLY, error);
  if (src == NULL)
    return NULL;
  {
    GStatBuf st;
    gint64 pages = g_stat (src->db_path, &st) == 0 ? st.st_size / 512 + 1 : 1;
    g_autoptr(sqlite3_stmt) check = NULL;

    shz_store_limit_work (src, MAX (pages, 64) * 20000);
    check = _shz_store_prepare (src, "PRAGMA quick_check(1)", error);
    if (check == NULL)
      return NULL;
    if (sqlite3_step (check) != SQLITE_ROW || g_strcmp0 ((const char *) sqlite3_column_text (check, 0), "ok") != 0)
      {
        g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_DAMAGED,
                     _("“%s” is damaged: %s"), src_path,
                     sqlite3_column_text (check, 0) ? (const char *) sqlite3_column_text (check, 0)
                                                    : sqlite3_errmsg (src->db));
        return NULL;
      }
    shz_store_limit_work (src, 0);
  }
  list = shz_store_list_engagements (src, error);
  if (list == NULL)
    return NULL;
  snapshot_dir = g_dir_make_tmp ("shuzhi-merge-XXXXXX", NULL);
  if (snapshot_dir == NULL)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_IO, _("Cannot make a temporary folder"));
      return NULL;
    }
  snapshot = g_build_filename (snapshot_dir, "snapshot.shuzhi", NULL);
  if (!shz_store_backup_to (src, snapshot, error))
    goto out;
  g_clear_pointer (&src, shz_store_free);

  if (!attach (store, snapshot, error))
    goto out;
  label = g_strdup_printf (_("Import engagements from “%s”"), base);
  if (!shz_store_begin_step (store, label, error) || !_shz_undo_touch (store, label, error))
    {
      shz_store_rollback (store);
      detach (store);
      goto out;
    }
  for (guint i = 0; i < list->len; i++)
    {
      ShzEngagement *e = g_ptr_array_index (list, i);
      g_autofree char *name = NULL;
      g_autofree char *origin = NULL;
      gint64 nid;

      if (names != NULL && !g_strv_contains (names, e->name))
        continue;
      name = shz_store_unique_engagement_name (store, e->name);
      /* Translators: the origin of a merged engagement: file, name there, date */
      origin = g_strdup_printf (_("Imported from “%s” (engagement “%s”) on %s"), base, e->name, now);
      nid = copy_engagement (store, e->id, name, origin, error);
      if (nid == 0)
        {
          shz_store_rollback (store);
          detach (store);
          goto out;
        }
      g_array_append_val (ids, nid);
    }
  if (names != NULL && ids->len < g_strv_length ((char **) names))
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NO_SUCH,
                   _("“%s” does not hold every engagement asked for"), src_path);
      shz_store_rollback (store);
      detach (store);
      goto out;
    }
  ok = shz_store_end_step (store, error);
  detach (store);

out:
  g_clear_pointer (&src, shz_store_free);
  if (snapshot != NULL)
    unlink_store_files (snapshot);
  if (snapshot_dir != NULL)
    g_rmdir (snapshot_dir);
  return ok ? g_steal_pointer (&ids) : NULL;
}
