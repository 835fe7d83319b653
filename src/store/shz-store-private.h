/* shz-store-private.h — what the store's own files share: the connection struct and helpers.
 * Nothing outside src/store/ includes this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shz-store.h"

G_BEGIN_DECLS

typedef struct _ShzStoreLock ShzStoreLock;

struct _ShzStore {
  sqlite3  *db;
  char     *path;          /* the path the user opened (shown in messages) */
  gboolean  read_only;
  int       tx_depth;

  /* undo: the step of the open transaction (0: none yet), its label when given by
   * shz_store_begin_step(), and a counter of callers that want no recording (purge, export). */
  gint64    step_id;
  char     *step_label;
  int       undo_suspended;
  gboolean  undo_ready;    /* the connection's TEMP triggers exist */

  /* second instance and exchanged files */
  ShzStoreLock          *lock;
  ShzStoreReadOnlyReason ro_reason;
  char                  *ro_detail;    /* e.g. who holds the lock */
  char                  *ro_message;
  char                  *private_dir;  /* a private copy's folder, removed on free */
  char                  *db_path;      /* the file SQLite has open (the private copy if any) */

  /* change detection */
  gint64    data_version;
  guint64   file_dev, file_ino;

  /* statement work bound (progress handler) */
  gint64    work_left;     /* VM steps (in units of SHZ_STORE_PROGRESS_STEP) left, < 0: unbounded */
  gboolean  work_exhausted;
};

#define SHZ_STORE_PROGRESS_STEP 1000
/* Internal open flag: read a stale-journal store from a copy of the file alone. */
#define SHZ_STORE_OPEN_WITHOUT_JOURNAL ((ShzStoreOpenFlags) (1 << 16))

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* shz-store.c */
sqlite3_stmt *_shz_store_prepare     (ShzStore *store, const char *sql, GError **error);
gboolean      _shz_store_exec        (ShzStore *store, const char *sql, const char *what, GError **error);
gboolean      _shz_store_step_done   (ShzStore *store, sqlite3_stmt *stmt, const char *what, GError **error);
gint64        _shz_store_query_int   (ShzStore *store, const char *sql, gint64 fallback);
gboolean      _shz_store_check_write (ShzStore *store, GError **error);
char         *_shz_store_now_iso8601 (void);
void          _shz_store_bind_text   (sqlite3_stmt *stmt, int i, const char *text);
/* An edit: a transaction (joining the open one) and an undo step labelled @label unless one
 * is already open.  _shz_store_edit_end (ok = FALSE) rolls back only what it began. */
gboolean      _shz_store_edit_begin  (ShzStore *store, const char *label, GError **error);
gboolean      _shz_store_edit_end    (ShzStore *store, gboolean ok, GError **error);

/* shz-undo.c */
gboolean      _shz_undo_prepare_connection (ShzStore *store, GError **error);
gboolean      _shz_undo_touch              (ShzStore *store, const char *label, GError **error);
gboolean      _shz_undo_finish_step        (ShzStore *store, GError **error);
void          _shz_undo_forget_step        (ShzStore *store);
/* Dataset @dataset_id was created in the step of the open transaction: undoing that step
 * hides it whole, so what else the step does to it needs no copy and no entry. */
gboolean      _shz_undo_inserted_in_step   (ShzStore *store, gint64 dataset_id);

/* shz-lock.c */
typedef enum {
  SHZ_LOCK_ACQUIRED,        /* ours; *crashed_before tells whether a dead holder on this host left it */
  SHZ_LOCK_IN_USE,          /* a live holder; *holder describes it */
  SHZ_LOCK_UNAVAILABLE,     /* cannot create the lock file (read-only folder) */
} ShzLockResult;

ShzLockResult  _shz_lock_acquire    (const char    *store_path,
                                     ShzStoreLock **out,
                                     gboolean      *crashed_before,
                                     char         **holder);
/* For read-only opens: is a live process holding the lock?  *crashed_before: the lock file
 * names this host and a process that is gone. */
gboolean       _shz_lock_is_held    (const char    *store_path,
                                     gboolean      *crashed_before,
                                     char         **holder);
void           _shz_lock_release    (ShzStoreLock  *lock);
char          *_shz_lock_path_for   (const char    *store_path);

G_END_DECLS
