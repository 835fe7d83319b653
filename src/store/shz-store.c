/* shz-store.c — the engagement store: SQLite used as an application file format.
 *
 * A store is untrusted input (colleagues send them around), so opening one checks the file
 * header before SQLite sees it, opens with defensive settings, and refuses anything that is not
 * a Shuzhi store of a schema we know — without writing a byte to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-store"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shz-store-private.h"

/* Bounds for files we did not write (see docs/store.md).  The limits are per connection; the
 * heap limits are process-wide and set once. */
#define SHZ_STORE_SOFT_HEAP_LIMIT (256 * 1024 * 1024)
#define SHZ_STORE_HARD_HEAP_LIMIT ((sqlite3_int64) 1024 * 1024 * 1024)
static const struct {
  int id;
  int value;
} connection_limits[] = {
  { SQLITE_LIMIT_LENGTH,              64 * 1024 * 1024 }, /* longest text (a method, the notes) */
  { SQLITE_LIMIT_SQL_LENGTH,          100 * 1000 },       /* our statements are a few kB */
  { SQLITE_LIMIT_COLUMN,              200 },
  { SQLITE_LIMIT_EXPR_DEPTH,          100 },
  { SQLITE_LIMIT_COMPOUND_SELECT,     20 },
  { SQLITE_LIMIT_VDBE_OP,             100 * 1000 },
  { SQLITE_LIMIT_FUNCTION_ARG,        32 },
  { SQLITE_LIMIT_ATTACHED,            2 },                /* export and merge attach one file */
  { SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 200 },
  { SQLITE_LIMIT_VARIABLE_NUMBER,     200 },
  { SQLITE_LIMIT_TRIGGER_DEPTH,       4 },                /* only our TEMP undo triggers, depth 1 */
  { SQLITE_LIMIT_WORKER_THREADS,      0 },
};

G_DEFINE_QUARK (shz-store-error-quark, shz_store_error)

/* ---- schema ---- */

/* Forward migrations: migrations[i] takes a store from user_version i to i + 1. */
static const char *const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE engagement ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),"
  "  client TEXT NOT NULL DEFAULT '',"
  "  industry TEXT NOT NULL DEFAULT '',"
  "  title TEXT NOT NULL DEFAULT '',"
  "  analyst TEXT NOT NULL DEFAULT '',"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL,"
  "  modified TEXT NOT NULL);"
  "CREATE TABLE dataset ("
  "  id INTEGER PRIMARY KEY,"
  "  engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL CHECK (length(name) > 0),"
  "  kind TEXT NOT NULL CHECK (kind IN ('usage','positions','links','scores')),"
  "  rows INTEGER NOT NULL DEFAULT 0,"
  "  rejected INTEGER NOT NULL DEFAULT 0,"
  "  source_name TEXT, source_size INTEGER, source_sha256 TEXT,"
  "  encoding TEXT, delimiter TEXT, sheet TEXT, mapping TEXT,"
  "  imported TEXT NOT NULL,"
  "  note TEXT, illustrative INTEGER NOT NULL DEFAULT 0, method TEXT,"
  "  source_dataset_id INTEGER REFERENCES dataset(id) ON DELETE SET NULL,"
  "  UNIQUE (engagement_id, name));"
  "CREATE INDEX dataset_by_source ON dataset(source_dataset_id);"
  "CREATE TABLE usage_row ("
  "  dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,"
  "  row_no INTEGER NOT NULL,"
  "  enterprise_id TEXT NOT NULL, enterprise_name TEXT, industry TEXT NOT NULL, region TEXT,"
  "  period TEXT NOT NULL, category TEXT NOT NULL, product TEXT, spend REAL NOT NULL);"
  "CREATE INDEX usage_row_by_dataset ON usage_row(dataset_id);"
  "CREATE TABLE position_row ("
  "  dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,"
  "  row_no INTEGER NOT NULL,"
  "  entity TEXT NOT NULL, grp TEXT, period TEXT,"
  "  maturity REAL NOT NULL, innovation REAL NOT NULL, size REAL, is_client INTEGER NOT NULL DEFAULT 0,"
  "  maturity_lo REAL, maturity_hi REAL, innovation_lo REAL, innovation_hi REAL,"
  "  n INTEGER NOT NULL DEFAULT 0, low_sample INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX position_row_by_dataset ON position_row(dataset_id);"
  "CREATE TABLE link_row ("
  "  dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,"
  "  row_no INTEGER NOT NULL,"
  "  source TEXT NOT NULL, target TEXT NOT NULL, weight REAL NOT NULL,"
  "  type TEXT NOT NULL, state TEXT NOT NULL);"
  "CREATE INDEX link_row_by_dataset ON link_row(dataset_id);"
  "CREATE TABLE score_row ("
  "  dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,"
  "  row_no INTEGER NOT NULL,"
  "  framework TEXT NOT NULL, item TEXT NOT NULL, score REAL NOT NULL,"
  "  state TEXT NOT NULL, note TEXT);"
  "CREATE INDEX score_row_by_dataset ON score_row(dataset_id);"
  "CREATE TABLE rejection ("
  "  dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,"
  "  row_no INTEGER NOT NULL, col TEXT, reason TEXT NOT NULL);"
  "CREATE INDEX rejection_by_dataset ON rejection(dataset_id);"
  "CREATE TABLE chart_settings ("
  "  engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL, settings TEXT NOT NULL,"
  "  PRIMARY KEY (engagement_id, kind));",
  /* 1 → 2: deleted engagements and datasets go to a trash (a flag) so that undo can bring
   * them back without copying their rows; names stay unique among the live ones only.
   * The undo history: one step a user action, each with the entries that reverse it. */
  "CREATE TABLE engagement_v2 ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(name) > 0),"
  "  client TEXT NOT NULL DEFAULT '',"
  "  industry TEXT NOT NULL DEFAULT '',"
  "  title TEXT NOT NULL DEFAULT '',"
  "  analyst TEXT NOT NULL DEFAULT '',"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL,"
  "  modified TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),"
  "  origin TEXT);"
  "INSERT INTO engagement_v2 (id, name, client, industry, title, analyst, notes, created, modified)"
  "  SELECT id, name, client, industry, title, analyst, notes, created, modified FROM engagement;"
  "DROP TABLE engagement;"
  "ALTER TABLE engagement_v2 RENAME TO engagement;"
  "CREATE UNIQUE INDEX engagement_live_name ON engagement(name) WHERE deleted = 0;"
  "CREATE TABLE dataset_v2 ("
  "  id INTEGER PRIMARY KEY,"
  "  engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL CHECK (length(name) > 0),"
  "  kind TEXT NOT NULL CHECK (kind IN ('usage','positions','links','scores')),"
  "  rows INTEGER NOT NULL DEFAULT 0,"
  "  rejected INTEGER NOT NULL DEFAULT 0,"
  "  source_name TEXT, source_size INTEGER, source_sha256 TEXT,"
  "  encoding TEXT, delimiter TEXT, sheet TEXT, mapping TEXT,"
  "  imported TEXT NOT NULL,"
  "  note TEXT, illustrative INTEGER NOT NULL DEFAULT 0, method TEXT,"
  "  source_dataset_id INTEGER REFERENCES dataset(id) ON DELETE SET NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)));"
  "INSERT INTO dataset_v2 (id, engagement_id, name, kind, rows, rejected, source_name, source_size,"
  "  source_sha256, encoding, delimiter, sheet, mapping, imported, note, illustrative, method, source_dataset_id)"
  "  SELECT id, engagement_id, name, kind, rows, rejected, source_name, source_size,"
  "  source_sha256, encoding, delimiter, sheet, mapping, imported, note, illustrative, method, source_dataset_id"
  "  FROM dataset;"
  "DROP TABLE dataset;"
  "ALTER TABLE dataset_v2 RENAME TO dataset;"
  "CREATE INDEX dataset_by_source ON dataset(source_dataset_id);"
  "CREATE INDEX dataset_by_engagement ON dataset(engagement_id);"
  "CREATE UNIQUE INDEX dataset_live_name ON dataset(engagement_id, name) WHERE deleted = 0;"
  "CREATE TABLE undo_step ("
  "  id INTEGER PRIMARY KEY,"
  "  label TEXT NOT NULL,"
  "  time TEXT NOT NULL,"
  "  undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)));"
  "CREATE TABLE undo_entry ("
  "  id INTEGER PRIMARY KEY,"
  "  step INTEGER NOT NULL REFERENCES undo_step(id) ON DELETE CASCADE,"
  "  tbl INTEGER NOT NULL CHECK (tbl BETWEEN 0 AND 2),"
  "  op INTEGER NOT NULL CHECK (op BETWEEN 0 AND 3),"
  "  rid INTEGER,"
  "  vals TEXT);"
  "CREATE INDEX undo_entry_by_step ON undo_entry(step);"
  "CREATE INDEX undo_entry_by_row ON undo_entry(tbl, rid);",
  /* 2 → 3: a score row may have no score (NULL): the item is not assessed in that state and
   * the row only carries the item's note, so that a note can be written before any score. */
  "CREATE TABLE score_row_v3 ("
  "  dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,"
  "  row_no INTEGER NOT NULL,"
  "  framework TEXT NOT NULL, item TEXT NOT NULL, score REAL,"
  "  state TEXT NOT NULL, note TEXT);"
  "INSERT INTO score_row_v3 (dataset_id, row_no, framework, item, score, state, note)"
  "  SELECT dataset_id, row_no, framework, item, score, state, note FROM score_row ORDER BY rowid;"
  "DROP TABLE score_row;"
  "ALTER TABLE score_row_v3 RENAME TO score_row;"
  "CREATE INDEX score_row_by_dataset ON score_row(dataset_id);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SHZ_STORE_SCHEMA_VERSION);

/* The tables and indexes a store of the current schema has, and nothing else: no trigger and
 * no view at all (the undo triggers are TEMP ones, made by each connection, never in a file). */
static const char *const expected_objects[] = {
  "table:engagement", "index:engagement_live_name",
  "table:dataset", "index:dataset_by_source", "index:dataset_by_engagement", "index:dataset_live_name",
  "table:undo_step", "table:undo_entry", "index:undo_entry_by_step", "index:undo_entry_by_row",
  "table:usage_row", "index:usage_row_by_dataset",
  "table:position_row", "index:position_row_by_dataset",
  "table:link_row", "index:link_row_by_dataset",
  "table:score_row", "index:score_row_by_dataset",
  "table:rejection", "index:rejection_by_dataset",
  "table:chart_settings",
};

/* ---- helpers ---- */

char *
_shz_store_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static const char *
display_name (const char *path)
{
  return path;
}

void
shz_store_set_sqlite_error (ShzStore   *store,
                            GError    **error,
                            const char *what)
{
  int code = store->db ? sqlite3_extended_errcode (store->db) : SQLITE_ERROR;
  const char *msg = store->db ? sqlite3_errmsg (store->db) : "";
  ShzStoreError e = SHZ_STORE_ERROR_IO;

  switch (code & 0xff)
    {
    case SQLITE_READONLY:
      e = SHZ_STORE_ERROR_READ_ONLY;
      g_set_error (error, SHZ_STORE_ERROR, e,
                   _("Cannot write to “%s”: it is read-only (%s)"), display_name (store->path), what);
      return;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      e = SHZ_STORE_ERROR_BUSY;
      g_set_error (error, SHZ_STORE_ERROR, e,
                   _("“%s” is in use by another program; try again when it is closed (%s)"),
                   display_name (store->path), what);
      return;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      e = SHZ_STORE_ERROR_DAMAGED;
      g_set_error (error, SHZ_STORE_ERROR, e,
                   _("“%s” is damaged: %s (%s)"), display_name (store->path), msg, what);
      return;
    case SQLITE_FULL:
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_DISK_FULL,
                   _("The disk holding “%s” is full; nothing was changed (%s)"), display_name (store->path), what);
      return;
    case SQLITE_INTERRUPT:
    case SQLITE_NOMEM:
    case SQLITE_TOOBIG:
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_TOO_BIG,
                   _("“%s” needs more work or memory than Shuzhi allows for a store (%s): %s"),
                   display_name (store->path), what, msg);
      return;
    case SQLITE_CONSTRAINT:
      e = SHZ_STORE_ERROR_EXISTS;
      g_set_error (error, SHZ_STORE_ERROR, e, _("%s: %s"), what, msg);
      return;
    default:
      g_set_error (error, SHZ_STORE_ERROR, e,
                   _("Could not %s in “%s”: %s"), what, display_name (store->path), msg);
    }
}

static sqlite3_stmt *
prepare (ShzStore   *store,
         const char *sql,
         GError    **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      shz_store_set_sqlite_error (store, error, _("read the store"));
      return NULL;
    }
  return stmt;
}

sqlite3_stmt *
_shz_store_prepare (ShzStore   *store,
                    const char *sql,
                    GError    **error)
{
  return prepare (store, sql, error);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           i,
           const char   *text)
{
  if (text)
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, i);
}

static void
bind_double (sqlite3_stmt *stmt,
             int           i,
             double        v)
{
  if (isfinite (v))
    sqlite3_bind_double (stmt, i, v);
  else
    sqlite3_bind_null (stmt, i);
}

void
_shz_store_bind_text (sqlite3_stmt *stmt,
                      int           i,
                      const char   *text)
{
  bind_text (stmt, i, text);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           i)
{
  const unsigned char *t = sqlite3_column_text (stmt, i);
  return t ? g_strdup ((const char *) t) : NULL;
}

static double
column_double (sqlite3_stmt *stmt,
               int           i)
{
  if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
    return NAN;
  return sqlite3_column_double (stmt, i);
}

static gboolean
exec (ShzStore   *store,
      const char *sql,
      const char *what,
      GError    **error)
{
  if (sqlite3_exec (store->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      shz_store_set_sqlite_error (store, error, what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
step_done (ShzStore     *store,
           sqlite3_stmt *stmt,
           const char   *what,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      shz_store_set_sqlite_error (store, error, what);
      return FALSE;
    }
  return TRUE;
}

static gint64
query_int (ShzStore   *store,
           const char *sql,
           gint64      fallback)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return fallback;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return fallback;
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
check_write (ShzStore  *store,
             GError   **error)
{
  if (store->read_only)
    {
      const char *why = shz_store_get_read_only_message (store);
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_READ_ONLY,
                   _("“%s” is open read-only; changes cannot be saved. %s"), store->path, why ? why : "");
      return FALSE;
    }
  return TRUE;
}

gboolean
_shz_store_exec (ShzStore *store, const char *sql, const char *what, GError **error)
{
  return exec (store, sql, what, error);
}

gboolean
_shz_store_step_done (ShzStore *store, sqlite3_stmt *stmt, const char *what, GError **error)
{
  return step_done (store, stmt, what, error);
}

gint64
_shz_store_query_int (ShzStore *store, const char *sql, gint64 fallback)
{
  return query_int (store, sql, fallback);
}

gboolean
_shz_store_check_write (ShzStore *store, GError **error)
{
  return check_write (store, error);
}

gboolean
_shz_store_edit_begin (ShzStore   *store,
                       const char *label,
                       GError    **error)
{
  if (!check_write (store, error) || !shz_store_begin (store, error))
    return FALSE;
  if (!_shz_undo_touch (store, label, error))
    {
      _shz_store_edit_end (store, FALSE, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
_shz_store_edit_end (ShzStore  *store,
                     gboolean   ok,
                     GError   **error)
{
  if (ok)
    return shz_store_commit (store, error);
  /* Roll back only a transaction this edit began; a caller's own transaction is theirs. */
  if (store->tx_depth == 1)
    shz_store_rollback (store);
  else if (store->tx_depth > 1)
    store->tx_depth--;
  return FALSE;
}

/* ---- opening ---- */

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Look at the 100-byte SQLite header ourselves, so that files which are not a Shuzhi store are
 * refused before SQLite could touch them (it would, for instance, roll back a hot journal). */
static gboolean
check_header (const char  *path,
              GError     **error)
{
  guint8 header[100];
  GStatBuf st;
  FILE *f;
  size_t n;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, SHZ_STORE_ERROR, saved == ENOENT ? SHZ_STORE_ERROR_NOT_FOUND : SHZ_STORE_ERROR_IO,
                   _("Cannot open “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NOT_SQLITE,
                   _("“%s” is not a file"), path);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_EMPTY,
                   _("“%s” is empty: it is not a Shuzhi store (0 bytes)"), path);
      return FALSE;
    }

  f = g_fopen (path, "rb");
  if (f == NULL)
    {
      int saved = errno;
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_IO,
                   _("Cannot open “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  n = fread (header, 1, sizeof header, f);
  fclose (f);

  if (n < 16 || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NOT_SQLITE,
                   _("“%s” is not a Shuzhi store: it is not a database file"), path);
      return FALSE;
    }
  if (n < sizeof header)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_DAMAGED,
                   _("“%s” is damaged: the file is truncated (%zu bytes)"), path, n);
      return FALSE;
    }
  if (be32 (header + 68) != SHZ_STORE_APPLICATION_ID)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_WRONG_APP,
                   _("“%s” is a database of another program, not a Shuzhi store"), path);
      return FALSE;
    }
  {
    guint32 page_size = (header[16] << 8) | header[17];
    guint32 n_pages = be32 (header + 28);
    guint32 change_counter = be32 (header + 24);
    guint32 version_valid_for = be32 (header + 92);

    if (page_size == 1)
      page_size = 65536;
    /* The in-header page count is valid only when the two counters agree (SQLite ≥ 3.7.0). */
    if (change_counter == version_valid_for && page_size >= 512 &&
        (guint64) n_pages * page_size > (guint64) st.st_size)
      {
        g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_DAMAGED,
                     _("“%s” is damaged: it is truncated (%" PRIu64 " of %" PRIu64 " bytes)"),
                     path, (guint64) st.st_size, (guint64) n_pages * page_size);
        return FALSE;
      }
  }
  return TRUE;
}

/* Called every SHZ_STORE_PROGRESS_STEP VM steps: a non-zero return interrupts the statement. */
static int
progress_cb (void *user_data)
{
  ShzStore *store = user_data;

  if (store->work_left < 0)
    return 0;
  if (store->work_left == 0)
    {
      store->work_exhausted = TRUE;
      return 1;
    }
  store->work_left--;
  return 0;
}

void
shz_store_limit_work (ShzStore *store,
                      gint64    vm_steps)
{
  store->work_exhausted = FALSE;
  store->work_left = vm_steps > 0 ? MAX (vm_steps / SHZ_STORE_PROGRESS_STEP, 1) : -1;
}

static gboolean
configure_connection (ShzStore  *store,
                      GError   **error)
{
  static gsize heap_once = 0;
  int off = 0, on = 1;

  if (g_once_init_enter (&heap_once))
    {
      sqlite3_soft_heap_limit64 (SHZ_STORE_SOFT_HEAP_LIMIT);
      sqlite3_hard_heap_limit64 (SHZ_STORE_HARD_HEAP_LIMIT);
      g_once_init_leave (&heap_once, 1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (connection_limits); i++)
    sqlite3_limit (store->db, connection_limits[i].id, connection_limits[i].value);
  store->work_left = -1;
  sqlite3_progress_handler (store->db, SHZ_STORE_PROGRESS_STEP, progress_cb, store);

  sqlite3_db_config (store->db, SQLITE_DBCONFIG_DEFENSIVE, on, NULL);
  sqlite3_db_config (store->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, off, NULL);
  sqlite3_db_config (store->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, off, NULL);
  sqlite3_db_config (store->db, SQLITE_DBCONFIG_DQS_DDL, off, NULL);
  sqlite3_db_config (store->db, SQLITE_DBCONFIG_DQS_DML, off, NULL);
  sqlite3_busy_timeout (store->db, 3000);
  sqlite3_extended_result_codes (store->db, 1);

  return exec (store,
               "PRAGMA foreign_keys = ON;"
               "PRAGMA cell_size_check = ON;"
               "PRAGMA mmap_size = 0;"
               "PRAGMA secure_delete = OFF;"
               "PRAGMA synchronous = FULL;",
               _("configure the connection"), error);
}

/* Every object in the file must be one of ours: a hostile store could carry views or
 * triggers that run code of its own when we query it. */
static gboolean
check_schema_objects (ShzStore  *store,
                      GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);
  guint found = 0;
  int rc;

  for (guint i = 0; i < G_N_ELEMENTS (expected_objects); i++)
    g_hash_table_add (expected, (gpointer) expected_objects[i]);

  stmt = prepare (store, "SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_autoindex_%'", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *key = g_strdup_printf ("%s:%s", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1));

      if (!g_hash_table_contains (expected, key))
        {
          g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_DAMAGED,
                       _("“%s” is damaged or altered: it holds an unexpected schema object “%s”"),
                       store->path, key);
          return FALSE;
        }
      found++;
    }
  if (rc != SQLITE_DONE)
    {
      shz_store_set_sqlite_error (store, error, _("read the schema"));
      return FALSE;
    }
  if (found != G_N_ELEMENTS (expected_objects))
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_DAMAGED,
                   _("“%s” is damaged: %u of its %u tables and indexes are missing"),
                   store->path, (guint) (G_N_ELEMENTS (expected_objects) - found),
                   (guint) G_N_ELEMENTS (expected_objects));
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate_in_transaction (ShzStore  *store,
                        gint64     from,
                        GError   **error)
{
  g_autofree char *set = NULL;

  for (gint64 v = from; v < SHZ_STORE_SCHEMA_VERSION; v++)
    if (!exec (store, migrations[v], _("update the schema"), error))
      return FALSE;
  /* Rebuilding a table (1 → 2, 2 → 3) runs with foreign keys off: check them before committing. */
  if (query_int (store, "SELECT count(*) FROM pragma_foreign_key_check", 0) != 0)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_DAMAGED,
                   _("“%s” is damaged: some of its rows refer to missing engagements or datasets"), store->path);
      return FALSE;
    }
  /* PRAGMA takes no parameters; both values are our own integer constants. */
  set = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                         SHZ_STORE_APPLICATION_ID, SHZ_STORE_SCHEMA_VERSION);
  return exec (store, set, _("update the schema"), error) &&
         exec (store, "COMMIT", _("update the schema"), error);
}

static gboolean
migrate (ShzStore  *store,
         gint64     from,
         GError   **error)
{
  gboolean ok;

  /* foreign_keys cannot change inside a transaction; with it on, DROP TABLE would cascade. */
  if (!exec (store, "PRAGMA foreign_keys = OFF", _("start the schema update"), error))
    return FALSE;
  if (!exec (store, "BEGIN IMMEDIATE", _("start the schema update"), error))
    {
      sqlite3_exec (store->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
      return FALSE;
    }
  ok = migrate_in_transaction (store, from, error);
  if (!ok)
    sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  if (!exec (store, "PRAGMA foreign_keys = ON", _("update the schema"), ok ? error : NULL))
    return FALSE;
  return ok;
}

/* A journal beside the file that no live process is writing: left by a crash, or sent along
 * with the file.  (A zero-length or zeroed journal is not hot.) */
static gboolean
has_leftover_journal (const char *path)
{
  static const char *const suffixes[] = { "-journal", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *j = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_lstat (j, &st) == 0 && st.st_size > 0)
        {
          if (i == 0)
            {
              guint8 head[8] = { 0 };
              FILE *f = g_fopen (j, "rb");
              gboolean zero = TRUE;

              if (f != NULL)
                {
                  size_t n = fread (head, 1, sizeof head, f);
                  fclose (f);
                  for (size_t k = 0; k < n; k++)
                    if (head[k] != 0)
                      zero = FALSE;
                }
              if (zero)
                continue;
            }
          return TRUE;
        }
    }
  return FALSE;
}

static void
remove_private_copy (ShzStore *store)
{
  GDir *d;
  const char *name;

  if (store->private_dir == NULL)
    return;
  d = g_dir_open (store->private_dir, 0, NULL);
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (store->private_dir, name, NULL);
      g_unlink (p);
    }
  if (d)
    g_dir_close (d);
  g_rmdir (store->private_dir);
  g_clear_pointer (&store->private_dir, g_free);
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(GFile) src = g_file_new_for_path (from);
  g_autoptr(GFile) dst = g_file_new_for_path (to);

  return g_file_copy (src, dst, G_FILE_COPY_NOFOLLOW_SYMLINKS | G_FILE_COPY_OVERWRITE,
                      NULL, NULL, NULL, error);
}

/* Open a copy of the file in a private folder, so that no journal beside the original can
 * touch it: the main file only (@with_journal FALSE), or with its journal when it is our own
 * crash's (SQLite then rolls the copy back, never the original). */
static gboolean
make_private_copy (ShzStore   *store,
                   gboolean    with_journal,
                   GError    **error)
{
  g_autofree char *base = g_path_get_basename (store->path);
  g_autoptr(GError) local = NULL;

  store->private_dir = g_dir_make_tmp ("shuzhi-private-XXXXXX", &local);
  if (store->private_dir == NULL)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_IO,
                   _("Cannot make a private copy of “%s”: %s"), store->path, local->message);
      return FALSE;
    }
  g_free (store->db_path);
  store->db_path = g_build_filename (store->private_dir, base, NULL);
  if (!copy_file (store->path, store->db_path, &local))
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_IO,
                   _("Cannot make a private copy of “%s”: %s"), store->path, local->message);
      return FALSE;
    }
  if (with_journal)
    {
      g_autofree char *j = g_strconcat (store->path, "-journal", NULL);
      g_autofree char *jc = g_strconcat (store->db_path, "-journal", NULL);

      if (g_file_test (j, G_FILE_TEST_EXISTS) && !copy_file (j, jc, &local))
        {
          g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_IO,
                       _("Cannot make a private copy of “%s”: %s"), store->path, local->message);
          return FALSE;
        }
    }
  return TRUE;
}

static void
set_read_only (ShzStore               *store,
               ShzStoreReadOnlyReason  reason,
               char                   *detail)
{
  store->read_only = TRUE;
  if (store->ro_reason == SHZ_STORE_WRITABLE || reason == SHZ_STORE_RO_STALE_JOURNAL)
    {
      store->ro_reason = reason;
      g_free (store->ro_detail);
      store->ro_detail = detail;
    }
  else
    g_free (detail);
}

ShzStoreReadOnlyReason
shz_store_get_read_only_reason (ShzStore *store)
{
  return store->read_only ? store->ro_reason : SHZ_STORE_WRITABLE;
}

const char *
shz_store_get_read_only_message (ShzStore *store)
{
  if (!store->read_only)
    return NULL;
  if (store->ro_message != NULL)
    return store->ro_message;
  switch (store->ro_reason)
    {
    case SHZ_STORE_RO_IN_USE:
      store->ro_message =
        g_strdup_printf (_("Another Shuzhi window has this store open (%s), so it was opened read-only. "
                           "Close it there to make changes here."), store->ro_detail ? store->ro_detail : "?");
      break;
    case SHZ_STORE_RO_FILE:
      store->ro_message = g_strdup (_("The file is read-only. Use Save As to keep a copy you can change."));
      break;
    case SHZ_STORE_RO_FOLDER:
      store->ro_message = g_strdup (_("Its folder is read-only. Use Save As to keep a copy you can change."));
      break;
    case SHZ_STORE_RO_STALE_JOURNAL:
      store->ro_message =
        g_strdup (_("A leftover journal lay beside this file, so a private copy was opened read-only and the "
                    "file itself was left untouched. Use Save As to keep a copy you can change."));
      break;
    case SHZ_STORE_RO_REQUESTED:
    case SHZ_STORE_WRITABLE:
    default:
      store->ro_message = g_strdup (_("Opened read-only."));
      break;
    }
  return store->ro_message;
}

static void
remember_file_identity (ShzStore *store)
{
  GStatBuf st;

  if (g_stat (store->path, &st) == 0)
    {
      store->file_dev = st.st_dev;
      store->file_ino = st.st_ino;
    }
  store->data_version = query_int (store, "PRAGMA data_version", 0);
}

ShzStoreChange
shz_store_poll_change (ShzStore *store)
{
  GStatBuf st;
  gint64 v;

  if (g_stat (store->path, &st) != 0 ||
      (guint64) st.st_dev != store->file_dev || (guint64) st.st_ino != store->file_ino)
    return SHZ_STORE_REPLACED;
  v = query_int (store, "PRAGMA data_version", store->data_version);
  if (v != store->data_version)
    {
      store->data_version = v;
      return SHZ_STORE_CHANGED_ELSEWHERE;
    }
  return SHZ_STORE_UNCHANGED;
}

/* Decide how to open @store->path: the lock of a second instance, a leftover journal. */
static gboolean
choose_access (ShzStore           *store,
               ShzStoreOpenFlags   flags,
               gboolean            create,
               GError            **error)
{
  /* crashed_before: a journal beside the store is this host's own (a crash of ours, or a live
   * connection of this process), SQLite's to handle. */
  gboolean crashed_before = FALSE;
  gboolean journal = !create && has_leftover_journal (store->path);
  char *holder = NULL;

  if (!store->read_only)
    {
      ShzLockResult r = _shz_lock_acquire (store->path, &store->lock, &crashed_before, &holder);

      if (r == SHZ_LOCK_IN_USE && (flags & SHZ_STORE_OPEN_BREAK_LOCK))
        {
          /* "Open anyway": a new lock file under the name; the other holder keeps its own.
           * SQLite's file locking still keeps every change whole. */
          g_autofree char *lock_path = _shz_lock_path_for (store->path);
          g_clear_pointer (&holder, g_free);
          g_unlink (lock_path);
          r = _shz_lock_acquire (store->path, &store->lock, &crashed_before, &holder);
        }
      if (r == SHZ_LOCK_IN_USE)
        {
          set_read_only (store, SHZ_STORE_RO_IN_USE, g_steal_pointer (&holder));
          /* Its owner is alive and may be mid-change: its journal is live, SQLite copes. */
          return TRUE;
        }
      if (r == SHZ_LOCK_UNAVAILABLE)
        {
          if (create)
            {
              g_autofree char *dir = g_path_get_dirname (store->path);
              g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_READ_ONLY,
                           _("Cannot create “%s”: the folder “%s” is read-only"), store->path, dir);
              g_free (holder);
              return FALSE;
            }
          set_read_only (store, SHZ_STORE_RO_FOLDER, NULL);
        }
      g_clear_pointer (&holder, g_free);
      if (journal && !crashed_before)
        {
          /* Not our crash: the journal may belong to another copy of the file.  Try it on a
           * private copy first (a colleague's crash: rolling back is right); if that copy
           * fails its checks, shz_store_open comes back for a copy without it. */
          g_clear_pointer (&store->lock, _shz_lock_release);
          set_read_only (store, SHZ_STORE_RO_STALE_JOURNAL, NULL);
          return make_private_copy (store, !(flags & SHZ_STORE_OPEN_WITHOUT_JOURNAL), error);
        }
      if (journal && store->read_only)
        return make_private_copy (store, TRUE, error);
      return TRUE;
    }

  if (journal)
    {
      if (_shz_lock_is_held (store->path, &crashed_before, &holder))
        {
          g_free (holder);
          return TRUE;
        }
      g_free (holder);
      if (!crashed_before)
        set_read_only (store, SHZ_STORE_RO_STALE_JOURNAL, NULL);
      return make_private_copy (store, crashed_before || !(flags & SHZ_STORE_OPEN_WITHOUT_JOURNAL), error);
    }
  return TRUE;
}

static gboolean
open_db (ShzStore  *store,
         gboolean   writable,
         gboolean   create,
         GError   **error)
{
  int oflags = writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;

  if (create)
    oflags |= SQLITE_OPEN_CREATE;
  oflags |= SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE;
  g_clear_pointer (&store->db, sqlite3_close_v2);
  if (sqlite3_open_v2 (store->db_path, &store->db, oflags, NULL) != SQLITE_OK)
    {
      if (create)
        g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_IO,
                     _("Cannot create “%s”: %s"), store->path,
                     store->db ? sqlite3_errmsg (store->db) : g_strerror (errno));
      else
        shz_store_set_sqlite_error (store, error, _("open the store"));
      return FALSE;
    }
  return configure_connection (store, error);
}

/* Opening a store we did not write is bounded: its schema check and migration may take at
 * most this many VM steps per page of the file (plenty for ours). */
#define OPEN_WORK_PER_PAGE 20000

/* Our own process died with the store open (the lock file names this host and nobody holds
 * it): TRUE, after letting SQLite roll a journal back before we look at the header, which a
 * crash while creating the store leaves half written (or the file empty). */
static gboolean
recover_own_crash (const char *path)
{
  g_autofree char *holder = NULL;
  gboolean ours = FALSE;
  sqlite3 *db = NULL;

  if (_shz_lock_is_held (path, &ours, &holder) || !ours)
    return FALSE;
  if (!has_leftover_journal (path))
    return TRUE;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL) == SQLITE_OK)
    {
      sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
      sqlite3_exec (db, "PRAGMA schema_version", NULL, NULL, NULL);
    }
  sqlite3_close (db);
  return TRUE;
}

static gboolean
is_empty_file (const char *path)
{
  GStatBuf st;
  return g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_size == 0;
}

static ShzStore *open_store (const char *path, ShzStoreOpenFlags flags, GError **error);

ShzStore *
shz_store_open (const char         *path,
                ShzStoreOpenFlags   flags,
                GError            **error)
{
  g_autoptr(GError) local = NULL;
  ShzStore *store = open_store (path, flags & ~SHZ_STORE_OPEN_WITHOUT_JOURNAL, &local);

  /* A foreign journal that made the private copy fail its checks did not belong to the file:
   * read a copy of the file alone. */
  if (store == NULL && local->domain == SHZ_STORE_ERROR && local->code == SHZ_STORE_ERROR_DAMAGED &&
      has_leftover_journal (path))
    {
      g_autoptr(GError) second = NULL;
      store = open_store (path, flags | SHZ_STORE_OPEN_WITHOUT_JOURNAL, &second);
      if (store != NULL)
        return store;
    }
  if (store == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return store;
}

/* Create a new store under @path atomically: the schema is written to a file beside it, which
 * is then linked into place.  A process killed while creating leaves a stray "NAME.new-PID",
 * never a zero-length or half-made store under the name the user chose.  FALSE with @error set;
 * TRUE also when another process created @path meanwhile (it is then opened as it is). */
static gboolean
create_atomically (const char  *path,
                   GError     **error)
{
  g_autofree char *tmp = g_strdup_printf ("%s.new-%d", path, (int) getpid ());
  g_autoptr(ShzStore) scratch = g_new0 (ShzStore, 1);
  int saved;

  g_unlink (tmp);
  scratch->path = g_strdup (path);
  scratch->db_path = g_strdup (tmp);
  scratch->work_left = -1;
  if (sqlite3_open_v2 (tmp, &scratch->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_IO,
                   _("Cannot create “%s”: %s"), path,
                   scratch->db ? sqlite3_errmsg (scratch->db) : g_strerror (errno));
      g_clear_pointer (&scratch->db, sqlite3_close);
      g_unlink (tmp);
      return FALSE;
    }
  if (!exec (scratch, "PRAGMA journal_mode = DELETE; PRAGMA page_size = 8192; PRAGMA synchronous = FULL;",
             _("create the store"), error) ||
      !migrate (scratch, 0, error))
    {
      g_clear_pointer (&scratch->db, sqlite3_close);
      g_unlink (tmp);
      return FALSE;
    }
  g_clear_pointer (&scratch->db, sqlite3_close);

  /* link() never replaces: a store someone else just created under the name wins. */
  if (link (tmp, path) != 0)
    {
      saved = errno;
      g_unlink (tmp);
      if (saved == EEXIST)
        return TRUE;
      g_set_error (error, SHZ_STORE_ERROR, saved == ENOSPC ? SHZ_STORE_ERROR_DISK_FULL : SHZ_STORE_ERROR_IO,
                   _("Cannot create “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  g_unlink (tmp);
  return TRUE;
}

static ShzStore *
open_store (const char         *path,
            ShzStoreOpenFlags   flags,
            GError            **error)
{
  g_autoptr(ShzStore) store = NULL;
  gboolean create = FALSE, recovered;
  gint64 app_id, version;

  g_return_val_if_fail (path != NULL, NULL);

  store = g_new0 (ShzStore, 1);
  store->path = g_strdup (path);
  store->db_path = g_strdup (path);
  store->work_left = -1;

  recovered = !(flags & SHZ_STORE_OPEN_READ_ONLY) && recover_own_crash (path);
  if ((flags & SHZ_STORE_OPEN_CREATE) && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!create_atomically (path, error))
        return NULL;
      /* From here on it is an existing store like any other. */
    }
  if (create)
    ;
  else if ((flags & SHZ_STORE_OPEN_CREATE) && recovered && is_empty_file (path))
    {
      /* A store whose creation never committed (its crash was rolled back to nothing). */
      g_unlink (path);
      create = TRUE;
    }
  else if (!check_header (path, error))
    return NULL;

  if (flags & SHZ_STORE_OPEN_READ_ONLY)
    set_read_only (store, SHZ_STORE_RO_REQUESTED, NULL);
  if (!create && !store->read_only && g_access (path, W_OK) != 0)
    set_read_only (store, SHZ_STORE_RO_FILE, NULL);

  if (!choose_access (store, flags, create, error))
    return NULL;

  /* A private copy is ours to write (roll back, migrate) even when the store is read-only. */
  if (!open_db (store, !store->read_only || store->private_dir != NULL, create, error))
    return NULL;

  /* Reading the pragmas makes SQLite parse the schema: a damaged file fails here. */
  app_id = query_int (store, "PRAGMA application_id", -1);
  version = query_int (store, "PRAGMA user_version", -1);
  if (app_id < 0 || version < 0)
    {
      if (create)
        shz_store_set_sqlite_error (store, error, _("create the store"));
      else
        g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_DAMAGED,
                     _("“%s” is damaged: %s"), path, sqlite3_errmsg (store->db));
      return NULL;
    }

  if (create)
    {
      if (!exec (store, "PRAGMA journal_mode = DELETE; PRAGMA page_size = 8192;",
                 _("create the store"), error) ||
          !migrate (store, 0, error))
        {
          g_clear_pointer (&store->db, sqlite3_close);
          g_unlink (path);
          return NULL;
        }
      version = SHZ_STORE_SCHEMA_VERSION;
    }
  else if (app_id != SHZ_STORE_APPLICATION_ID)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_WRONG_APP,
                   _("“%s” is a database of another program, not a Shuzhi store"), path);
      return NULL;
    }

  if (version > SHZ_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer version of Shuzhi (store format %" PRId64
                     "; this version reads up to %d). Update Shuzhi to open it."),
                   path, version, SHZ_STORE_SCHEMA_VERSION);
      return NULL;
    }
  if (version < 1)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_DAMAGED,
                   _("“%s” is damaged: it has no Shuzhi schema"), path);
      return NULL;
    }

  if (!create)
    {
      GStatBuf st;
      gint64 pages = 1;

      if (g_stat (store->db_path, &st) == 0)
        pages = st.st_size / 512 + 1;
      shz_store_limit_work (store, MAX (pages, 64) * OPEN_WORK_PER_PAGE);
    }
  if (version < SHZ_STORE_SCHEMA_VERSION)
    {
      /* A read-only store of an older format is read from an updated private copy. */
      if (store->read_only && store->private_dir == NULL)
        {
          if (!make_private_copy (store, FALSE, error) || !open_db (store, TRUE, FALSE, error))
            return NULL;
        }
      if (!migrate (store, version, error))
        return NULL;
    }

  if (!check_schema_objects (store, error))
    return NULL;
  if (store->ro_reason == SHZ_STORE_RO_STALE_JOURNAL)
    {
      g_autoptr(sqlite3_stmt) check = prepare (store, "PRAGMA quick_check(1)", error);
      if (check == NULL)
        return NULL;
      if (sqlite3_step (check) != SQLITE_ROW || g_strcmp0 ((const char *) sqlite3_column_text (check, 0), "ok") != 0)
        {
          g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_DAMAGED,
                       _("“%s” is damaged: it fails SQLite’s quick check"), path);
          return NULL;
        }
    }
  shz_store_limit_work (store, 0);

  if (!store->read_only && !_shz_undo_prepare_connection (store, error))
    return NULL;
  remember_file_identity (store);

  return g_steal_pointer (&store);
}

void
shz_store_free (ShzStore *store)
{
  if (store == NULL)
    return;
  if (store->db)
    {
      if (store->tx_depth > 0)
        shz_store_rollback (store);
      if (!store->read_only && store->undo_ready)
        {
          g_autoptr(GError) error = NULL;
          if (!shz_store_purge_trash (store, &error))
            g_debug ("Could not empty the trash of %s: %s", store->path, error->message);
        }
      sqlite3_close_v2 (store->db);
    }
  g_clear_pointer (&store->lock, _shz_lock_release);
  remove_private_copy (store);
  g_free (store->path);
  g_free (store->db_path);
  g_free (store->step_label);
  g_free (store->ro_detail);
  g_free (store->ro_message);
  g_free (store);
}

const char *
shz_store_get_path (ShzStore *store)
{
  return store->path;
}

gboolean
shz_store_is_read_only (ShzStore *store)
{
  return store->read_only;
}

sqlite3 *
shz_store_get_db (ShzStore *store)
{
  return store->db;
}

gboolean
shz_store_begin (ShzStore  *store,
                 GError   **error)
{
  if (!check_write (store, error))
    return FALSE;
  if (store->tx_depth++ > 0)
    return TRUE;
  if (!exec (store, "BEGIN IMMEDIATE", _("start a change"), error))
    {
      store->tx_depth--;
      return FALSE;
    }
  return TRUE;
}

gboolean
shz_store_commit (ShzStore  *store,
                  GError   **error)
{
  g_return_val_if_fail (store->tx_depth > 0, FALSE);

  if (--store->tx_depth > 0)
    return TRUE;
  if (!_shz_undo_finish_step (store, error) ||
      !exec (store, "COMMIT", _("save the change"), error))
    {
      sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
      _shz_undo_forget_step (store);
      return FALSE;
    }
  _shz_undo_forget_step (store);
  /* Our own commit is not a change made elsewhere. */
  store->data_version = query_int (store, "PRAGMA data_version", store->data_version);
  return TRUE;
}

void
shz_store_rollback (ShzStore *store)
{
  if (store->tx_depth == 0)
    return;
  store->tx_depth = 0;
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  _shz_undo_forget_step (store);
}

gboolean
shz_store_check (ShzStore  *store,
                 GString   *report,
                 GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  g_string_append_printf (report, "store\t%s\n", store->path);
  g_string_append_printf (report, "schema\t%" G_GINT64_FORMAT "\n", query_int (store, "PRAGMA user_version", -1));
  g_string_append_printf (report, "engagements\t%" G_GINT64_FORMAT "\n",
                          query_int (store, "SELECT count(*) FROM engagement WHERE deleted = 0", -1));
  g_string_append_printf (report, "datasets\t%" G_GINT64_FORMAT "\n",
                          query_int (store, "SELECT count(*) FROM dataset d JOIN engagement e ON e.id = d.engagement_id"
                                            " WHERE d.deleted = 0 AND e.deleted = 0", -1));
  g_string_append_printf (report, "history\t%" G_GINT64_FORMAT "\n", query_int (store, "SELECT count(*) FROM undo_step", -1));
  g_string_append_printf (report, "trash\t%" G_GINT64_FORMAT "\n",
                          query_int (store, "SELECT (SELECT count(*) FROM engagement WHERE deleted = 1)"
                                            " + (SELECT count(*) FROM dataset WHERE deleted = 1)", -1));

  stmt = prepare (store, "PRAGMA integrity_check(20)", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        ok = FALSE;
      g_string_append_printf (report, "integrity\t%s\n", line ? line : "");
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc != SQLITE_DONE)
    {
      g_string_append_printf (report, "integrity\t%s\n", sqlite3_errmsg (store->db));
      ok = FALSE;
    }

  stmt = prepare (store, "PRAGMA foreign_key_check", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_append_printf (report, "foreign-key\t%s row %" G_GINT64_FORMAT " refers to a missing %s\n",
                              sqlite3_column_text (stmt, 0), (gint64) sqlite3_column_int64 (stmt, 1),
                              sqlite3_column_text (stmt, 2));
      ok = FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Counts recorded on each dataset must match its stored rows.  (Not in the trash: undoing
   * an import restores the counts it started with, and trashes the dataset with its rows.) */
  stmt = prepare (store,
                  "SELECT d.name, d.rows, "
                  " CASE d.kind WHEN 'usage' THEN (SELECT count(*) FROM usage_row r WHERE r.dataset_id = d.id)"
                  "  WHEN 'positions' THEN (SELECT count(*) FROM position_row r WHERE r.dataset_id = d.id)"
                  "  WHEN 'links' THEN (SELECT count(*) FROM link_row r WHERE r.dataset_id = d.id)"
                  "  ELSE (SELECT count(*) FROM score_row r WHERE r.dataset_id = d.id) END"
                  " FROM dataset d WHERE d.deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_int64 (stmt, 1) != sqlite3_column_int64 (stmt, 2))
        {
          g_string_append_printf (report, "dataset\t“%s” records %" G_GINT64_FORMAT " rows but holds %" G_GINT64_FORMAT "\n",
                                  sqlite3_column_text (stmt, 0), (gint64) sqlite3_column_int64 (stmt, 1),
                                  (gint64) sqlite3_column_int64 (stmt, 2));
          ok = FALSE;
        }
    }
  g_string_append_printf (report, "result\t%s\n", ok ? "ok" : "problems found");
  return ok;
}

gboolean
shz_store_backup_to (ShzStore   *store,
                     const char *dest_path,
                     GError    **error)
{
  g_autofree char *tmp = g_strconcat (dest_path, ".part", NULL);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  /* Write beside the destination, then rename: a failure never leaves half a file under
   * the name the user chose, and never touches a file already there. */
  g_unlink (tmp);
  if (sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      int code = dest ? sqlite3_errcode (dest) : SQLITE_CANTOPEN;
      g_autofree char *dir = g_path_get_dirname (dest_path);

      if (g_file_test (dir, G_FILE_TEST_IS_DIR) && g_access (dir, W_OK) != 0)
        g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_READ_ONLY,
                     _("Cannot write “%s”: the folder is read-only; nothing was written"), dest_path);
      else
        g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_IO,
                     _("Cannot write “%s”: %s"), dest_path, dest ? sqlite3_errmsg (dest) : sqlite3_errstr (code));
      sqlite3_close (dest);
      g_unlink (tmp);
      return FALSE;
    }
  backup = sqlite3_backup_init (dest, "main", store->db, "main");
  if (backup == NULL)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_IO,
                   _("Cannot write “%s”: %s"), dest_path, sqlite3_errmsg (dest));
      sqlite3_close (dest);
      g_unlink (tmp);
      return FALSE;
    }
  do
    rc = sqlite3_backup_step (backup, 256);
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      if ((rc & 0xff) == SQLITE_FULL)
        g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_DISK_FULL,
                     _("Cannot write “%s”: the disk is full; nothing was written and the original is unchanged"),
                     dest_path);
      else if ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN)
        g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_READ_ONLY,
                     _("Cannot write “%s”: the folder is read-only; nothing was written"), dest_path);
      else
        g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_IO,
                     _("Cannot write “%s”: %s"), dest_path, sqlite3_errstr (rc));
      sqlite3_close (dest);
      g_unlink (tmp);
      return FALSE;
    }
  if (sqlite3_close (dest) != SQLITE_OK || g_rename (tmp, dest_path) != 0)
    {
      int saved = errno;
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_IO,
                   _("Cannot write “%s”: %s"), dest_path, g_strerror (saved));
      g_unlink (tmp);
      return FALSE;
    }
  return TRUE;
}

/* ---- engagements ---- */

ShzEngagement *
shz_engagement_new (void)
{
  return g_new0 (ShzEngagement, 1);
}

ShzEngagement *
shz_engagement_copy (const ShzEngagement *e)
{
  ShzEngagement *c = shz_engagement_new ();

  c->id = e->id;
  c->name = g_strdup (e->name);
  c->client = g_strdup (e->client);
  c->industry = g_strdup (e->industry);
  c->title = g_strdup (e->title);
  c->analyst = g_strdup (e->analyst);
  c->notes = g_strdup (e->notes);
  c->created = g_strdup (e->created);
  c->modified = g_strdup (e->modified);
  c->n_datasets = e->n_datasets;
  c->n_charts = e->n_charts;
  c->origin = g_strdup (e->origin);
  return c;
}

void
shz_engagement_free (ShzEngagement *e)
{
  if (e == NULL)
    return;
  g_free (e->name);
  g_free (e->client);
  g_free (e->industry);
  g_free (e->title);
  g_free (e->analyst);
  g_free (e->notes);
  g_free (e->created);
  g_free (e->modified);
  g_free (e->origin);
  g_free (e);
}

#define ENGAGEMENT_COLUMNS \
  "e.id, e.name, e.client, e.industry, e.title, e.analyst, e.notes, e.created, e.modified," \
  " (SELECT count(*) FROM dataset d WHERE d.engagement_id = e.id AND d.deleted = 0)," \
  " (SELECT count(*) FROM chart_settings c WHERE c.engagement_id = e.id), e.origin"

static ShzEngagement *
engagement_from_row (sqlite3_stmt *stmt)
{
  ShzEngagement *e = shz_engagement_new ();

  e->id = sqlite3_column_int64 (stmt, 0);
  e->name = column_dup (stmt, 1);
  e->client = column_dup (stmt, 2);
  e->industry = column_dup (stmt, 3);
  e->title = column_dup (stmt, 4);
  e->analyst = column_dup (stmt, 5);
  e->notes = column_dup (stmt, 6);
  e->created = column_dup (stmt, 7);
  e->modified = column_dup (stmt, 8);
  e->n_datasets = sqlite3_column_int64 (stmt, 9);
  e->n_charts = sqlite3_column_int64 (stmt, 10);
  e->origin = column_dup (stmt, 11);
  return e;
}

GPtrArray *
shz_store_list_engagements (ShzStore  *store,
                            GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) shz_engagement_free);
  int rc;

  stmt = prepare (store, "SELECT " ENGAGEMENT_COLUMNS " FROM engagement e WHERE e.deleted = 0 ORDER BY e.name COLLATE NOCASE, e.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, engagement_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      shz_store_set_sqlite_error (store, error, _("list the engagements"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

ShzEngagement *
shz_store_get_engagement (ShzStore  *store,
                          gint64     id,
                          GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (store, "SELECT " ENGAGEMENT_COLUMNS " FROM engagement e WHERE e.id = ?1 AND e.deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return engagement_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NO_SUCH,
                 _("There is no engagement number %" PRId64 " in “%s”"), id, store->path);
  else
    shz_store_set_sqlite_error (store, error, _("read an engagement"));
  return NULL;
}

ShzEngagement *
shz_store_find_engagement (ShzStore   *store,
                           const char *name,
                           GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (store, "SELECT " ENGAGEMENT_COLUMNS " FROM engagement e WHERE e.name = ?1 AND e.deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return engagement_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NO_SUCH,
                 _("There is no engagement named “%s” in “%s”"), name, store->path);
  else
    shz_store_set_sqlite_error (store, error, _("read an engagement"));
  return NULL;
}

static gboolean
validate_name (const char *name,
               const char *what,
               GError    **error)
{
  g_autofree char *stripped = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID, _("The %s name is not valid text"), what);
      return FALSE;
    }
  stripped = g_strstrip (g_strdup (name));
  if (*stripped == '\0')
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID, _("The %s name must not be empty"), what);
      return FALSE;
    }
  if (g_utf8_strlen (name, -1) > 200)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID, _("The %s name is longer than 200 characters"), what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
engagement_name_taken (ShzStore   *store,
                       const char *name,
                       gint64      except_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (store->db, "SELECT 1 FROM engagement WHERE name = ?1 AND id != ?2 AND deleted = 0", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  bind_text (stmt, 1, name);
  sqlite3_bind_int64 (stmt, 2, except_id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static const char *
nz (const char *s)
{
  return s ? s : "";
}

gint64
shz_store_create_engagement (ShzStore            *store,
                             const ShzEngagement *fields,
                             GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _shz_store_now_iso8601 ();

  g_autofree char *label = NULL;
  gint64 id;

  if (!check_write (store, error) || !validate_name (fields->name, _("engagement"), error))
    return 0;
  if (engagement_name_taken (store, fields->name, 0))
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_EXISTS,
                   _("An engagement named “%s” already exists"), fields->name);
      return 0;
    }
  label = g_strdup_printf (_("Create engagement “%s”"), fields->name);
  if (!_shz_store_edit_begin (store, label, error))
    return 0;
  stmt = prepare (store,
                  "INSERT INTO engagement (name, client, industry, title, analyst, notes, created, modified, origin)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)", error);
  if (stmt == NULL)
    return _shz_store_edit_end (store, FALSE, NULL);
  bind_text (stmt, 1, fields->name);
  bind_text (stmt, 2, nz (fields->client));
  bind_text (stmt, 3, nz (fields->industry));
  bind_text (stmt, 4, nz (fields->title));
  bind_text (stmt, 5, nz (fields->analyst));
  bind_text (stmt, 6, nz (fields->notes));
  bind_text (stmt, 7, now);
  bind_text (stmt, 8, fields->origin);
  if (!step_done (store, stmt, _("create the engagement"), error))
    return _shz_store_edit_end (store, FALSE, NULL);
  id = sqlite3_last_insert_rowid (store->db);
  if (!_shz_store_edit_end (store, TRUE, error))
    return 0;
  return id;
}

gboolean
shz_store_update_engagement (ShzStore            *store,
                             const ShzEngagement *fields,
                             GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _shz_store_now_iso8601 ();

  if (!check_write (store, error) || !validate_name (fields->name, _("engagement"), error))
    return FALSE;
  if (engagement_name_taken (store, fields->name, fields->id))
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_EXISTS,
                   _("An engagement named “%s” already exists"), fields->name);
      return FALSE;
    }
  {
    g_autofree char *label = g_strdup_printf (_("Edit engagement “%s”"), fields->name);
    if (!_shz_store_edit_begin (store, label, error))
      return FALSE;
  }
  stmt = prepare (store,
                  "UPDATE engagement SET name = ?1, client = ?2, industry = ?3, title = ?4, analyst = ?5,"
                  " notes = ?6, modified = ?7 WHERE id = ?8 AND deleted = 0", error);
  if (stmt == NULL)
    return _shz_store_edit_end (store, FALSE, NULL);
  bind_text (stmt, 1, fields->name);
  bind_text (stmt, 2, nz (fields->client));
  bind_text (stmt, 3, nz (fields->industry));
  bind_text (stmt, 4, nz (fields->title));
  bind_text (stmt, 5, nz (fields->analyst));
  bind_text (stmt, 6, nz (fields->notes));
  bind_text (stmt, 7, now);
  sqlite3_bind_int64 (stmt, 8, fields->id);
  if (!step_done (store, stmt, _("save the engagement"), error))
    return _shz_store_edit_end (store, FALSE, NULL);
  if (sqlite3_changes (store->db) == 0)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NO_SUCH,
                   _("The engagement “%s” no longer exists"), fields->name);
      return _shz_store_edit_end (store, FALSE, NULL);
    }
  return _shz_store_edit_end (store, TRUE, error);
}

/* One undoable step named @label that runs @sql (an UPDATE marking row ?1 deleted) for @id, an
 * engagement or a dataset called @name; it fails when no row changed — the row was deleted
 * meanwhile, e.g. by another window. */
static gboolean
move_to_trash (ShzStore    *store,
               const char  *sql,
               gint64       id,
               const char  *name,
               const char  *label,
               const char  *what,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_shz_store_edit_begin (store, label, error))
    return FALSE;
  stmt = prepare (store, sql, error);
  if (stmt == NULL)
    return _shz_store_edit_end (store, FALSE, NULL);
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (store, stmt, what, error))
    return _shz_store_edit_end (store, FALSE, NULL);
  if (sqlite3_changes (store->db) == 0)
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NO_SUCH,
                   _("“%s” was deleted meanwhile, perhaps in another window"), name);
      return _shz_store_edit_end (store, FALSE, NULL);
    }
  return _shz_store_edit_end (store, TRUE, error);
}

gboolean
shz_store_delete_engagement (ShzStore  *store,
                             gint64     id,
                             GError   **error)
{
  g_autoptr(ShzEngagement) e = NULL;
  g_autofree char *label = NULL;

  if (!check_write (store, error))
    return FALSE;
  e = shz_store_get_engagement (store, id, error);
  if (e == NULL)
    return FALSE;
  /* To the trash: its datasets and rows stay where they are, so undo is one update. */
  label = g_strdup_printf (_("Delete engagement “%s”"), e->name);
  return move_to_trash (store, "UPDATE engagement SET deleted = 1 WHERE id = ?1 AND deleted = 0", id,
                        e->name, label, _("delete the engagement"), error);
}

char *
shz_store_unique_engagement_name (ShzStore   *store,
                                  const char *base)
{
  if (!engagement_name_taken (store, base, 0))
    return g_strdup (base);
  for (guint i = 2; ; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s (%u)", base, i);
      if (!engagement_name_taken (store, name, 0))
        return g_steal_pointer (&name);
    }
}

/* Copy each dataset and its rows: the SQL lists every column, so nothing is left behind. */
static const char *const copy_rows_sql[] = {
  "INSERT INTO usage_row SELECT ?2, row_no, enterprise_id, enterprise_name, industry, region, period, category, product, spend"
  " FROM usage_row WHERE dataset_id = ?1 ORDER BY rowid",
  "INSERT INTO position_row SELECT ?2, row_no, entity, grp, period, maturity, innovation, size, is_client,"
  " maturity_lo, maturity_hi, innovation_lo, innovation_hi, n, low_sample FROM position_row WHERE dataset_id = ?1 ORDER BY rowid",
  "INSERT INTO link_row SELECT ?2, row_no, source, target, weight, type, state FROM link_row WHERE dataset_id = ?1 ORDER BY rowid",
  "INSERT INTO score_row SELECT ?2, row_no, framework, item, score, state, note FROM score_row WHERE dataset_id = ?1 ORDER BY rowid",
  "INSERT INTO rejection SELECT ?2, row_no, col, reason FROM rejection WHERE dataset_id = ?1 ORDER BY rowid",
};

gint64
shz_store_duplicate_engagement (ShzStore   *store,
                                gint64      id,
                                const char *new_name,
                                GError    **error)
{
  g_autoptr(ShzEngagement) src = NULL;
  g_autoptr(GPtrArray) datasets = NULL;
  gint64 new_id;

  src = shz_store_get_engagement (store, id, error);
  if (src == NULL)
    return 0;
  datasets = shz_store_list_datasets (store, id, error);
  if (datasets == NULL)
    return 0;
  {
    g_autofree char *label = g_strdup_printf (_("Duplicate engagement “%s”"), src->name);
    if (!_shz_store_edit_begin (store, label, error))
      return 0;
  }

  g_free (src->name);
  src->name = g_strdup (new_name);
  new_id = shz_store_create_engagement (store, src, error);
  if (new_id == 0)
    goto fail;

  for (guint i = 0; i < datasets->len; i++)
    {
      ShzDataset *d = g_ptr_array_index (datasets, i);
      gint64 old_id = d->id;
      gint64 nid;

      d->engagement_id = new_id;
      d->source_dataset_id = 0;
      nid = shz_store_create_dataset (store, d, error);
      if (nid == 0)
        goto fail;
      for (guint k = 0; k < G_N_ELEMENTS (copy_rows_sql); k++)
        {
          g_autoptr(sqlite3_stmt) stmt = prepare (store, copy_rows_sql[k], error);
          if (stmt == NULL)
            goto fail;
          sqlite3_bind_int64 (stmt, 1, old_id);
          sqlite3_bind_int64 (stmt, 2, nid);
          if (!step_done (store, stmt, _("copy the datasets"), error))
            goto fail;
        }
    }
  /* Keep the lineage of computed datasets inside the copy. */
  {
    g_autoptr(sqlite3_stmt) stmt =
      prepare (store,
               "UPDATE dataset AS n SET source_dataset_id = ("
               "  SELECT ns.id FROM dataset o JOIN dataset os ON os.id = o.source_dataset_id AND os.deleted = 0"
               "  JOIN dataset ns ON ns.engagement_id = ?2 AND ns.name = os.name AND ns.deleted = 0"
               "  WHERE o.engagement_id = ?1 AND o.name = n.name AND o.deleted = 0)"
               " WHERE n.engagement_id = ?2 AND n.deleted = 0", error);
    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_int64 (stmt, 2, new_id);
    if (!step_done (store, stmt, _("copy the datasets"), error))
      goto fail;
  }
  {
    g_autoptr(sqlite3_stmt) stmt =
      prepare (store, "INSERT INTO chart_settings SELECT ?2, kind, settings FROM chart_settings WHERE engagement_id = ?1", error);
    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_int64 (stmt, 2, new_id);
    if (!step_done (store, stmt, _("copy the chart settings"), error))
      goto fail;
  }
  if (!_shz_store_edit_end (store, TRUE, error))
    return 0;
  return new_id;

fail:
  _shz_store_edit_end (store, FALSE, NULL);
  return 0;
}

/* ---- datasets ---- */

static const char *const kind_names[] = { "usage", "positions", "links", "scores" };

const char *
shz_dataset_kind_to_string (ShzDatasetKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), "usage");
  return kind_names[kind];
}

gboolean
shz_dataset_kind_from_string (const char     *s,
                              ShzDatasetKind *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (s, kind_names[i]) == 0)
      {
        *out = (ShzDatasetKind) i;
        return TRUE;
      }
  return FALSE;
}

ShzDataset *
shz_dataset_new (void)
{
  return g_new0 (ShzDataset, 1);
}

void
shz_dataset_free (ShzDataset *d)
{
  if (d == NULL)
    return;
  g_free (d->name);
  g_free (d->source_name);
  g_free (d->source_sha256);
  g_free (d->encoding);
  g_free (d->delimiter);
  g_free (d->sheet);
  g_free (d->mapping);
  g_free (d->imported);
  g_free (d->note);
  g_free (d->method);
  g_free (d);
}

/* A dataset is live when neither it nor its engagement is in the trash. */
#define LIVE_DATASET " AND deleted = 0 AND engagement_id IN (SELECT id FROM engagement WHERE deleted = 0)"

#define DATASET_COLUMNS \
  "id, engagement_id, name, kind, rows, rejected, source_name, source_size, source_sha256," \
  " encoding, delimiter, sheet, mapping, imported, note, illustrative, method, source_dataset_id"

static ShzDataset *
dataset_from_row (sqlite3_stmt *stmt)
{
  ShzDataset *d = shz_dataset_new ();
  ShzDatasetKind kind = SHZ_KIND_USAGE;

  d->id = sqlite3_column_int64 (stmt, 0);
  d->engagement_id = sqlite3_column_int64 (stmt, 1);
  d->name = column_dup (stmt, 2);
  shz_dataset_kind_from_string ((const char *) sqlite3_column_text (stmt, 3), &kind);
  d->kind = kind;
  d->rows = sqlite3_column_int64 (stmt, 4);
  d->rejected = sqlite3_column_int64 (stmt, 5);
  d->source_name = column_dup (stmt, 6);
  d->source_size = sqlite3_column_int64 (stmt, 7);
  d->source_sha256 = column_dup (stmt, 8);
  d->encoding = column_dup (stmt, 9);
  d->delimiter = column_dup (stmt, 10);
  d->sheet = column_dup (stmt, 11);
  d->mapping = column_dup (stmt, 12);
  d->imported = column_dup (stmt, 13);
  d->note = column_dup (stmt, 14);
  d->illustrative = sqlite3_column_int (stmt, 15) != 0;
  d->method = column_dup (stmt, 16);
  d->source_dataset_id = sqlite3_column_int64 (stmt, 17);
  return d;
}

GPtrArray *
shz_store_list_datasets (ShzStore  *store,
                         gint64     engagement_id,
                         GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) shz_dataset_free);
  int rc;

  stmt = prepare (store, "SELECT " DATASET_COLUMNS " FROM dataset WHERE engagement_id = ?1" LIVE_DATASET " ORDER BY name COLLATE NOCASE, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, engagement_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, dataset_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      shz_store_set_sqlite_error (store, error, _("list the datasets"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

ShzDataset *
shz_store_get_dataset (ShzStore  *store,
                       gint64     dataset_id,
                       GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (store, "SELECT " DATASET_COLUMNS " FROM dataset WHERE id = ?1" LIVE_DATASET, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, dataset_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return dataset_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NO_SUCH,
                 _("There is no dataset number %" PRId64 " in “%s”"), dataset_id, store->path);
  else
    shz_store_set_sqlite_error (store, error, _("read a dataset"));
  return NULL;
}

ShzDataset *
shz_store_find_dataset (ShzStore   *store,
                        gint64      engagement_id,
                        const char *name,
                        GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (store, "SELECT " DATASET_COLUMNS " FROM dataset WHERE engagement_id = ?1 AND name = ?2" LIVE_DATASET, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, engagement_id);
  bind_text (stmt, 2, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return dataset_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NO_SUCH,
                 _("There is no dataset named “%s” in this engagement"), name);
  else
    shz_store_set_sqlite_error (store, error, _("read a dataset"));
  return NULL;
}

static gboolean
dataset_name_taken (ShzStore   *store,
                    gint64      engagement_id,
                    const char *name,
                    gint64      except_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (store->db, "SELECT 1 FROM dataset WHERE engagement_id = ?1 AND name = ?2 AND id != ?3 AND deleted = 0",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, engagement_id);
  bind_text (stmt, 2, name);
  sqlite3_bind_int64 (stmt, 3, except_id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

gint64
shz_store_create_dataset (ShzStore         *store,
                          const ShzDataset *f,
                          GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _shz_store_now_iso8601 ();

  if (!check_write (store, error) || !validate_name (f->name, _("dataset"), error))
    return 0;
  gint64 id;

  if (dataset_name_taken (store, f->engagement_id, f->name, 0))
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_EXISTS,
                   _("A dataset named “%s” already exists in this engagement"), f->name);
      return 0;
    }
  {
    /* An import: its rows are not logged; undoing it puts the dataset in the trash. */
    g_autofree char *label = g_strdup_printf (_("Add dataset “%s”"), f->name);
    if (!_shz_store_edit_begin (store, label, error))
      return 0;
  }
  stmt = prepare (store,
                  "INSERT INTO dataset (engagement_id, name, kind, rows, rejected, source_name, source_size,"
                  " source_sha256, encoding, delimiter, sheet, mapping, imported, note, illustrative, method,"
                  " source_dataset_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                  error);
  if (stmt == NULL)
    return _shz_store_edit_end (store, FALSE, NULL);
  sqlite3_bind_int64 (stmt, 1, f->engagement_id);
  bind_text (stmt, 2, f->name);
  bind_text (stmt, 3, shz_dataset_kind_to_string (f->kind));
  sqlite3_bind_int64 (stmt, 4, f->rows);
  sqlite3_bind_int64 (stmt, 5, f->rejected);
  bind_text (stmt, 6, f->source_name);
  sqlite3_bind_int64 (stmt, 7, f->source_size);
  bind_text (stmt, 8, f->source_sha256);
  bind_text (stmt, 9, f->encoding);
  bind_text (stmt, 10, f->delimiter);
  bind_text (stmt, 11, f->sheet);
  bind_text (stmt, 12, f->mapping);
  bind_text (stmt, 13, f->imported ? f->imported : now);
  bind_text (stmt, 14, f->note);
  sqlite3_bind_int (stmt, 15, f->illustrative ? 1 : 0);
  bind_text (stmt, 16, f->method);
  if (f->source_dataset_id > 0)
    sqlite3_bind_int64 (stmt, 17, f->source_dataset_id);
  else
    sqlite3_bind_null (stmt, 17);
  if (!step_done (store, stmt, _("create the dataset"), error))
    return _shz_store_edit_end (store, FALSE, NULL);
  id = sqlite3_last_insert_rowid (store->db);
  if (!_shz_store_edit_end (store, TRUE, error))
    return 0;
  return id;
}

gboolean
shz_store_set_dataset_counts (ShzStore  *store,
                              gint64     dataset_id,
                              gint64     rows,
                              gint64     rejected,
                              GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_shz_store_edit_begin (store, _("Update the dataset’s row counts"), error))
    return FALSE;
  stmt = prepare (store, "UPDATE dataset SET rows = ?1, rejected = ?2 WHERE id = ?3", error);
  if (stmt == NULL)
    return _shz_store_edit_end (store, FALSE, NULL);
  sqlite3_bind_int64 (stmt, 1, rows);
  sqlite3_bind_int64 (stmt, 2, rejected);
  sqlite3_bind_int64 (stmt, 3, dataset_id);
  return _shz_store_edit_end (store, step_done (store, stmt, _("save the dataset"), error), error);
}

gboolean
shz_store_rename_dataset (ShzStore   *store,
                          gint64      dataset_id,
                          const char *new_name,
                          GError    **error)
{
  g_autoptr(ShzDataset) d = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!check_write (store, error) || !validate_name (new_name, _("dataset"), error))
    return FALSE;
  d = shz_store_get_dataset (store, dataset_id, error);
  if (d == NULL)
    return FALSE;
  if (dataset_name_taken (store, d->engagement_id, new_name, dataset_id))
    {
      g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_EXISTS,
                   _("A dataset named “%s” already exists in this engagement"), new_name);
      return FALSE;
    }
  {
    g_autofree char *label = g_strdup_printf (_("Rename dataset “%s” to “%s”"), d->name, new_name);
    if (!_shz_store_edit_begin (store, label, error))
      return FALSE;
  }
  stmt = prepare (store, "UPDATE dataset SET name = ?1 WHERE id = ?2", error);
  if (stmt == NULL)
    return _shz_store_edit_end (store, FALSE, NULL);
  bind_text (stmt, 1, new_name);
  sqlite3_bind_int64 (stmt, 2, dataset_id);
  return _shz_store_edit_end (store, step_done (store, stmt, _("rename the dataset"), error), error);
}

gboolean
shz_store_delete_dataset (ShzStore  *store,
                          gint64     dataset_id,
                          GError   **error)
{
  g_autoptr(ShzDataset) d = NULL;
  g_autofree char *label = NULL;

  if (!check_write (store, error))
    return FALSE;
  d = shz_store_get_dataset (store, dataset_id, error);
  if (d == NULL)
    return FALSE;
  /* To the trash: a million rows stay put, the undo log holds one entry. */
  label = g_strdup_printf (_("Delete dataset “%s”"), d->name);
  return move_to_trash (store, "UPDATE dataset SET deleted = 1 WHERE id = ?1 AND deleted = 0", dataset_id,
                        d->name, label, _("delete the dataset"), error);
}

char *
shz_store_unique_dataset_name (ShzStore   *store,
                               gint64      engagement_id,
                               const char *base)
{
  if (!dataset_name_taken (store, engagement_id, base, 0))
    return g_strdup (base);
  for (guint i = 2; ; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s (%u)", base, i);
      if (!dataset_name_taken (store, engagement_id, name, 0))
        return g_steal_pointer (&name);
    }
}

/* ---- rows ---- */

struct _ShzRowInserter {
  ShzStore       *store;
  gint64          dataset_id;
  ShzDatasetKind  kind;
  sqlite3_stmt   *stmt;
};

static const char *const insert_sql[] = {
  "INSERT INTO usage_row (dataset_id, row_no, enterprise_id, enterprise_name, industry, region, period, category,"
  " product, spend) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
  "INSERT INTO position_row (dataset_id, row_no, entity, grp, period, maturity, innovation, size, is_client,"
  " maturity_lo, maturity_hi, innovation_lo, innovation_hi, n, low_sample)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
  "INSERT INTO link_row (dataset_id, row_no, source, target, weight, type, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  "INSERT INTO score_row (dataset_id, row_no, framework, item, score, state, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
};

ShzRowInserter *
shz_row_inserter_new (ShzStore       *store,
                      gint64          dataset_id,
                      ShzDatasetKind  kind,
                      GError        **error)
{
  ShzRowInserter *ins;
  sqlite3_stmt *stmt;

  if (!check_write (store, error))
    return NULL;
  stmt = prepare (store, insert_sql[kind], error);
  if (stmt == NULL)
    return NULL;
  ins = g_new0 (ShzRowInserter, 1);
  ins->store = store;
  ins->dataset_id = dataset_id;
  ins->kind = kind;
  ins->stmt = stmt;
  return ins;
}

void
shz_row_inserter_free (ShzRowInserter *ins)
{
  if (ins == NULL)
    return;
  sqlite3_finalize (ins->stmt);
  g_free (ins);
}

static gboolean
inserter_step (ShzRowInserter *ins,
               GError        **error)
{
  int rc = sqlite3_step (ins->stmt);

  sqlite3_reset (ins->stmt);
  if (rc != SQLITE_DONE)
    {
      shz_store_set_sqlite_error (ins->store, error, _("store a row"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
require_finite (double      v,
                const char *field,
                gint64      row_no,
                GError    **error)
{
  if (isfinite (v))
    return TRUE;
  g_set_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID,
               _("Row %" PRId64 ": %s is not a finite number"), row_no, field);
  return FALSE;
}

/* Text is bound SQLITE_STATIC: the row's strings outlive the step that reads them. */
static void
bind_static (sqlite3_stmt *stmt,
             int           i,
             const char   *text)
{
  if (text)
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, i);
}

gboolean
shz_row_inserter_add_usage (ShzRowInserter    *ins,
                            const ShzUsageRow *row,
                            GError           **error)
{
  sqlite3_stmt *s = ins->stmt;

  g_return_val_if_fail (ins->kind == SHZ_KIND_USAGE, FALSE);
  if (!require_finite (row->spend, "spend", row->row_no, error))
    return FALSE;
  sqlite3_bind_int64 (s, 1, ins->dataset_id);
  sqlite3_bind_int64 (s, 2, row->row_no);
  bind_static (s, 3, row->enterprise_id);
  bind_static (s, 4, row->enterprise_name);
  bind_static (s, 5, row->industry);
  bind_static (s, 6, row->region);
  bind_static (s, 7, row->period);
  bind_static (s, 8, row->category);
  bind_static (s, 9, row->product);
  sqlite3_bind_double (s, 10, row->spend);
  return inserter_step (ins, error);
}

gboolean
shz_row_inserter_add_position (ShzRowInserter       *ins,
                               const ShzPositionRow *row,
                               GError              **error)
{
  sqlite3_stmt *s = ins->stmt;

  g_return_val_if_fail (ins->kind == SHZ_KIND_POSITIONS, FALSE);
  if (!require_finite (row->maturity, "maturity", row->row_no, error) ||
      !require_finite (row->innovation, "innovation", row->row_no, error))
    return FALSE;
  sqlite3_bind_int64 (s, 1, ins->dataset_id);
  sqlite3_bind_int64 (s, 2, row->row_no);
  bind_static (s, 3, row->entity);
  bind_static (s, 4, row->group);
  bind_static (s, 5, row->period);
  sqlite3_bind_double (s, 6, row->maturity);
  sqlite3_bind_double (s, 7, row->innovation);
  bind_double (s, 8, row->size);
  sqlite3_bind_int (s, 9, row->is_client ? 1 : 0);
  bind_double (s, 10, row->maturity_lo);
  bind_double (s, 11, row->maturity_hi);
  bind_double (s, 12, row->innovation_lo);
  bind_double (s, 13, row->innovation_hi);
  sqlite3_bind_int64 (s, 14, row->n);
  sqlite3_bind_int (s, 15, row->low_sample ? 1 : 0);
  return inserter_step (ins, error);
}

gboolean
shz_row_inserter_add_link (ShzRowInserter   *ins,
                           const ShzLinkRow *row,
                           GError          **error)
{
  sqlite3_stmt *s = ins->stmt;

  g_return_val_if_fail (ins->kind == SHZ_KIND_LINKS, FALSE);
  if (!require_finite (row->weight, "weight", row->row_no, error))
    return FALSE;
  sqlite3_bind_int64 (s, 1, ins->dataset_id);
  sqlite3_bind_int64 (s, 2, row->row_no);
  bind_static (s, 3, row->source);
  bind_static (s, 4, row->target);
  sqlite3_bind_double (s, 5, row->weight);
  bind_static (s, 6, row->type);
  bind_static (s, 7, row->state ? row->state : "as-is");
  return inserter_step (ins, error);
}

gboolean
shz_row_inserter_add_score (ShzRowInserter    *ins,
                            const ShzScoreRow *row,
                            GError           **error)
{
  sqlite3_stmt *s = ins->stmt;

  g_return_val_if_fail (ins->kind == SHZ_KIND_SCORES, FALSE);
  if (!require_finite (row->score, "score", row->row_no, error))
    return FALSE;
  sqlite3_bind_int64 (s, 1, ins->dataset_id);
  sqlite3_bind_int64 (s, 2, row->row_no);
  bind_static (s, 3, row->framework);
  bind_static (s, 4, row->item);
  sqlite3_bind_double (s, 5, row->score);
  bind_static (s, 6, row->state ? row->state : "as-is");
  bind_static (s, 7, row->note);
  return inserter_step (ins, error);
}

gboolean
shz_store_add_rejection (ShzStore   *store,
                         gint64      dataset_id,
                         gint64      row_no,
                         const char *column,
                         const char *reason,
                         GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (store, "INSERT INTO rejection (dataset_id, row_no, col, reason) VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dataset_id);
  sqlite3_bind_int64 (stmt, 2, row_no);
  bind_text (stmt, 3, column);
  bind_text (stmt, 4, reason ? reason : "");
  return step_done (store, stmt, _("store a rejected row"), error);
}

/* The stored columns of each kind, as `rows` prints them (the header). */
static const char *const row_select_sql[] = {
  "SELECT row_no, enterprise_id, enterprise_name, industry, region, period, category, product, spend"
  " FROM usage_row WHERE dataset_id = ?1 ORDER BY rowid LIMIT ?2",
  "SELECT row_no, entity, grp AS \"group\", period, maturity, innovation, size, is_client,"
  " maturity_lo, maturity_hi, innovation_lo, innovation_hi, n, low_sample"
  " FROM position_row WHERE dataset_id = ?1 ORDER BY rowid LIMIT ?2",
  "SELECT row_no, source, target, weight, type, state FROM link_row WHERE dataset_id = ?1 ORDER BY rowid LIMIT ?2",
  "SELECT row_no, framework, item, score, state, note FROM score_row WHERE dataset_id = ?1 ORDER BY rowid LIMIT ?2",
};

gboolean
shz_store_foreach_row (ShzStore   *store,
                       gint64      dataset_id,
                       gint64      limit,
                       ShzRowFunc  func,
                       gpointer    user_data,
                       GError    **error)
{
  g_autoptr(ShzDataset) d = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree const char **values = NULL;
  g_autofree char **numbers = NULL;
  int n_cols, rc;

  d = shz_store_get_dataset (store, dataset_id, error);
  if (d == NULL)
    return FALSE;
  stmt = prepare (store, row_select_sql[d->kind], error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dataset_id);
  sqlite3_bind_int64 (stmt, 2, limit < 0 ? G_MAXINT64 : limit);

  n_cols = sqlite3_column_count (stmt);
  values = g_new0 (const char *, n_cols + 1);
  numbers = g_new0 (char *, n_cols + 1);
  for (int i = 0; i < n_cols; i++)
    values[i] = sqlite3_column_name (stmt, i);
  if (!func (values, n_cols, user_data))
    return TRUE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean go_on;

      for (int i = 0; i < n_cols; i++)
        {
          g_clear_pointer (&numbers[i], g_free);
          if (sqlite3_column_type (stmt, i) == SQLITE_FLOAT)
            {
              /* Shortest text that reads back as the same double. */
              char buf[G_ASCII_DTOSTR_BUF_SIZE];
              numbers[i] = g_strdup (g_ascii_dtostr (buf, sizeof buf, sqlite3_column_double (stmt, i)));
              values[i] = numbers[i];
            }
          else
            values[i] = (const char *) sqlite3_column_text (stmt, i);
        }
      go_on = func (values, n_cols, user_data);
      if (!go_on)
        break;
    }
  for (int i = 0; i < n_cols; i++)
    g_free (numbers[i]);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      shz_store_set_sqlite_error (store, error, _("read the rows"));
      return FALSE;
    }
  return TRUE;
}

gboolean
shz_store_foreach_position (ShzStore        *store,
                            gint64           dataset_id,
                            const char      *period,
                            ShzPositionFunc  func,
                            gpointer         user_data,
                            GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (store,
                  "SELECT row_no, entity, grp, period, maturity, innovation, size, is_client,"
                  " maturity_lo, maturity_hi, innovation_lo, innovation_hi, n, low_sample"
                  " FROM position_row WHERE dataset_id = ?1 AND (?2 IS NULL OR period IS ?2) ORDER BY rowid", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dataset_id);
  bind_text (stmt, 2, period);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShzPositionRow row = {
        .row_no = sqlite3_column_int64 (stmt, 0),
        .entity = (const char *) sqlite3_column_text (stmt, 1),
        .group = (const char *) sqlite3_column_text (stmt, 2),
        .period = (const char *) sqlite3_column_text (stmt, 3),
        .maturity = sqlite3_column_double (stmt, 4),
        .innovation = sqlite3_column_double (stmt, 5),
        .size = column_double (stmt, 6),
        .is_client = sqlite3_column_int (stmt, 7) != 0,
        .maturity_lo = column_double (stmt, 8),
        .maturity_hi = column_double (stmt, 9),
        .innovation_lo = column_double (stmt, 10),
        .innovation_hi = column_double (stmt, 11),
        .n = sqlite3_column_int64 (stmt, 12),
        .low_sample = sqlite3_column_int (stmt, 13) != 0,
      };
      if (!func (&row, user_data))
        return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      shz_store_set_sqlite_error (store, error, _("read the positions"));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
shz_store_list_periods (ShzStore  *store,
                        gint64     dataset_id,
                        GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  int rc;

  stmt = prepare (store, "SELECT DISTINCT period FROM position_row WHERE dataset_id = ?1 AND period IS NOT NULL ORDER BY period", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, dataset_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, column_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      shz_store_set_sqlite_error (store, error, _("read the periods"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* ---- chart settings ---- */

char *
shz_store_get_chart_settings (ShzStore   *store,
                              gint64      engagement_id,
                              const char *kind,
                              GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (store, "SELECT settings FROM chart_settings WHERE engagement_id = ?1 AND kind = ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, engagement_id);
  bind_text (stmt, 2, kind);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return column_dup (stmt, 0);
  if (rc != SQLITE_DONE)
    shz_store_set_sqlite_error (store, error, _("read the chart settings"));
  return NULL;
}

gboolean
shz_store_set_chart_settings (ShzStore   *store,
                              gint64      engagement_id,
                              const char *kind,
                              const char *settings,
                              GError    **error)
{
  return shz_store_set_chart_settings_labelled (store, engagement_id, kind, settings, NULL, error);
}

gboolean
shz_store_set_chart_settings_labelled (ShzStore   *store,
                                       gint64      engagement_id,
                                       const char *kind,
                                       const char *settings,
                                       const char *label,
                                       GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *old = NULL;
  g_autoptr(GError) local = NULL;

  if (!check_write (store, error))
    return FALSE;
  /* Saving what is already saved is no step of its own. */
  old = shz_store_get_chart_settings (store, engagement_id, kind, &local);
  if (old != NULL && g_strcmp0 (old, settings ? settings : "") == 0)
    return TRUE;
  if (!_shz_store_edit_begin (store, label ? label : _("Change the chart settings"), error))
    return FALSE;
  stmt = prepare (store,
                  "INSERT INTO chart_settings (engagement_id, kind, settings) VALUES (?1, ?2, ?3)"
                  " ON CONFLICT (engagement_id, kind) DO UPDATE SET settings = excluded.settings", error);
  if (stmt == NULL)
    return _shz_store_edit_end (store, FALSE, NULL);
  sqlite3_bind_int64 (stmt, 1, engagement_id);
  bind_text (stmt, 2, kind);
  bind_text (stmt, 3, settings ? settings : "");
  return _shz_store_edit_end (store, step_done (store, stmt, _("save the chart settings"), error), error);
}
