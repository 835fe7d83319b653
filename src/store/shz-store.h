/* shz-store.h — the engagement store: one SQLite file holding engagements, their datasets
 * (with provenance), their rows and chart settings.  Headless; GLib + SQLite only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define SHZ_STORE_ERROR (shz_store_error_quark ())

typedef enum {
  SHZ_STORE_ERROR_NOT_FOUND,     /* the file does not exist */
  SHZ_STORE_ERROR_EMPTY,         /* a zero-length file */
  SHZ_STORE_ERROR_NOT_SQLITE,    /* not a SQLite database at all */
  SHZ_STORE_ERROR_WRONG_APP,     /* a SQLite database of another program */
  SHZ_STORE_ERROR_NEWER_SCHEMA,  /* written by a newer Shuzhi */
  SHZ_STORE_ERROR_DAMAGED,       /* truncated or corrupt */
  SHZ_STORE_ERROR_READ_ONLY,     /* cannot write to it */
  SHZ_STORE_ERROR_BUSY,          /* locked by another program */
  SHZ_STORE_ERROR_EXISTS,        /* a name is already taken */
  SHZ_STORE_ERROR_NO_SUCH,       /* no engagement / dataset of that name or id */
  SHZ_STORE_ERROR_INVALID,       /* an argument a user gave is not acceptable */
  SHZ_STORE_ERROR_IO,            /* any other SQLite or file failure */
  SHZ_STORE_ERROR_NOTHING,       /* nothing to undo / redo */
  SHZ_STORE_ERROR_TOO_BIG,       /* a bound on memory or work was reached */
  SHZ_STORE_ERROR_DISK_FULL,     /* no space left where it was writing */
} ShzStoreError;

GQuark shz_store_error_quark (void);

/* The value of PRAGMA application_id in every Shuzhi store ("SHZI"). */
#define SHZ_STORE_APPLICATION_ID 0x53485a49
/* The schema version this build writes (PRAGMA user_version). */
#define SHZ_STORE_SCHEMA_VERSION 3
/* Undo steps kept in a store; older ones are dropped (and what only they could restore purged). */
#define SHZ_STORE_HISTORY_LIMIT 200

typedef enum {
  SHZ_STORE_OPEN_DEFAULT    = 0,
  SHZ_STORE_OPEN_CREATE     = 1 << 0,  /* create the file (and its schema) if missing */
  SHZ_STORE_OPEN_READ_ONLY  = 1 << 1,
  SHZ_STORE_OPEN_BREAK_LOCK = 1 << 2,  /* "open anyway": take the lock of another instance */
} ShzStoreOpenFlags;

/* Why a store is read-only (shz_store_get_read_only_reason), for the window's notice. */
typedef enum {
  SHZ_STORE_WRITABLE = 0,
  SHZ_STORE_RO_REQUESTED,       /* opened with SHZ_STORE_OPEN_READ_ONLY */
  SHZ_STORE_RO_FILE,            /* the file is not writable */
  SHZ_STORE_RO_FOLDER,          /* its folder is not writable (no lock, no journal possible) */
  SHZ_STORE_RO_IN_USE,          /* another Shuzhi window or process has it open */
  SHZ_STORE_RO_STALE_JOURNAL,   /* a leftover journal sat beside it: a private copy is open */
} ShzStoreReadOnlyReason;

typedef struct _ShzStore ShzStore;

ShzStore   *shz_store_open          (const char         *path,
                                     ShzStoreOpenFlags   flags,
                                     GError            **error);
void        shz_store_free          (ShzStore           *store);
const char *shz_store_get_path      (ShzStore           *store);
gboolean    shz_store_is_read_only  (ShzStore           *store);
/* For read queries of the layers above (analysis, charts): prepared statements only. */
sqlite3    *shz_store_get_db        (ShzStore           *store);

/* Why it is read-only, and a sentence for the window's banner (NULL when writable). */
ShzStoreReadOnlyReason shz_store_get_read_only_reason  (ShzStore *store);
const char            *shz_store_get_read_only_message (ShzStore *store);

/* Poll (e.g. on window focus or a 2 s timer): did another program commit to the store since
 * the last call, or replace the file on disk?  Our own commits do not count. */
typedef enum {
  SHZ_STORE_UNCHANGED = 0,
  SHZ_STORE_CHANGED_ELSEWHERE,  /* reload what is shown */
  SHZ_STORE_REPLACED,           /* the path now names another file: offer to reopen */
} ShzStoreChange;
ShzStoreChange shz_store_poll_change (ShzStore *store);

/* Bound the work of the following statements (untrusted files): after about @vm_steps SQLite
 * VM steps they fail with SHZ_STORE_ERROR_TOO_BIG; 0 lifts the bound. */
void        shz_store_limit_work    (ShzStore           *store,
                                     gint64              vm_steps);

/* Explicit transactions (BEGIN IMMEDIATE); every public write outside one commits at once.
 * A transaction is at most one undo step: its first edit names it, unless begin_step did. */
gboolean    shz_store_begin         (ShzStore           *store,
                                     GError            **error);
gboolean    shz_store_commit        (ShzStore           *store,
                                     GError            **error);
void        shz_store_rollback      (ShzStore           *store);

/* An integrity and schema report, one finding a line; TRUE when the store is sound. */
gboolean    shz_store_check         (ShzStore           *store,
                                     GString            *report,
                                     GError            **error);
/* Copy the whole store to @dest_path with the SQLite backup API (Save As). */
gboolean    shz_store_backup_to     (ShzStore           *store,
                                     const char         *dest_path,
                                     GError            **error);

/* Turn a SQLite failure into a GError in SHZ_STORE_ERROR. */
void        shz_store_set_sqlite_error (ShzStore        *store,
                                        GError         **error,
                                        const char      *what);

/* ---- undo and history (kept in the store: they survive closing and reopening) ---- */

/* Group the edits up to shz_store_end_step() into one undoable step called @label (translated).
 * A step with no change leaves no trace.  cancel_step rolls everything back. */
gboolean    shz_store_begin_step    (ShzStore           *store,
                                     const char         *label,
                                     GError            **error);
gboolean    shz_store_end_step      (ShzStore           *store,
                                     GError            **error);
void        shz_store_cancel_step   (ShzStore           *store);

gboolean    shz_store_can_undo      (ShzStore           *store);
gboolean    shz_store_can_redo      (ShzStore           *store);
/* The label of the step undo / redo would act on, or NULL. */
char       *shz_store_get_undo_label (ShzStore          *store);
char       *shz_store_get_redo_label (ShzStore          *store);
gboolean    shz_store_undo          (ShzStore           *store,
                                     GError            **error);
gboolean    shz_store_redo          (ShzStore           *store,
                                     GError            **error);

typedef struct {
  gint64    id;
  char     *label;
  char     *time;      /* ISO 8601 UTC */
  gboolean  undone;    /* TRUE: redo would bring it back */
} ShzHistoryStep;
void        shz_history_step_free   (ShzHistoryStep     *step);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzHistoryStep, shz_history_step_free)
/* Of ShzHistoryStep, oldest first. */
GPtrArray  *shz_store_list_history  (ShzStore           *store,
                                     GError            **error);
gboolean    shz_store_clear_history (ShzStore           *store,
                                     GError            **error);
/* Remove for good the deleted engagements and datasets no history step can bring back
 * (called when a writable store is closed). */
gboolean    shz_store_purge_trash   (ShzStore           *store,
                                     GError            **error);

/* ---- engagements ---- */

typedef struct {
  gint64  id;
  char   *name;
  char   *client;
  char   *industry;
  char   *title;
  char   *analyst;
  char   *notes;
  char   *created;   /* ISO 8601 UTC */
  char   *modified;
  gint64  n_datasets; /* filled by list/get */
  gint64  n_charts;
  char   *origin;     /* where an imported engagement came from, or NULL */
} ShzEngagement;

ShzEngagement *shz_engagement_new   (void);
ShzEngagement *shz_engagement_copy  (const ShzEngagement *e);
void           shz_engagement_free  (ShzEngagement       *e);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzEngagement, shz_engagement_free)

GPtrArray     *shz_store_list_engagements     (ShzStore   *store,
                                               GError    **error);   /* of ShzEngagement, by name */
ShzEngagement *shz_store_get_engagement       (ShzStore   *store,
                                               gint64      id,
                                               GError    **error);
ShzEngagement *shz_store_find_engagement      (ShzStore   *store,
                                               const char *name,
                                               GError    **error);
/* Uses every field but id/created/modified; returns the new id or 0. */
gint64         shz_store_create_engagement    (ShzStore            *store,
                                               const ShzEngagement *fields,
                                               GError             **error);
gboolean       shz_store_update_engagement    (ShzStore            *store,
                                               const ShzEngagement *fields,
                                               GError             **error);
gboolean       shz_store_delete_engagement    (ShzStore   *store,
                                               gint64      id,
                                               GError    **error);
gint64         shz_store_duplicate_engagement (ShzStore   *store,
                                               gint64      id,
                                               const char *new_name,
                                               GError    **error);
/* "@base", or "@base (2)", "(3)" … whichever is free. */
char          *shz_store_unique_engagement_name (ShzStore   *store,
                                                 const char *base);

/* ---- datasets ---- */

typedef enum {
  SHZ_KIND_USAGE,
  SHZ_KIND_POSITIONS,
  SHZ_KIND_LINKS,
  SHZ_KIND_SCORES,
} ShzDatasetKind;

const char *shz_dataset_kind_to_string   (ShzDatasetKind  kind);
gboolean    shz_dataset_kind_from_string (const char     *s,
                                          ShzDatasetKind *out);

typedef struct {
  gint64          id;
  gint64          engagement_id;
  char           *name;
  ShzDatasetKind  kind;
  gint64          rows;            /* accepted */
  gint64          rejected;
  /* provenance */
  char           *source_name;     /* file name as given */
  gint64          source_size;
  char           *source_sha256;
  char           *encoding;
  char           *delimiter;
  char           *sheet;
  char           *mapping;         /* "column=field" lines */
  char           *imported;        /* ISO 8601 UTC */
  char           *note;            /* e.g. "Illustrative: …" */
  gboolean        illustrative;
  char           *method;          /* key-file snapshot of a computation, or NULL */
  gint64          source_dataset_id; /* dataset a computed one came from, or 0 */
} ShzDataset;

ShzDataset *shz_dataset_new  (void);
void        shz_dataset_free (ShzDataset *d);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzDataset, shz_dataset_free)

GPtrArray  *shz_store_list_datasets  (ShzStore   *store,
                                      gint64      engagement_id,
                                      GError    **error);   /* of ShzDataset, by name */
ShzDataset *shz_store_get_dataset    (ShzStore   *store,
                                      gint64      dataset_id,
                                      GError    **error);
ShzDataset *shz_store_find_dataset   (ShzStore   *store,
                                      gint64      engagement_id,
                                      const char *name,
                                      GError    **error);
/* Creates the dataset row (rows/rejected as given); call inside shz_store_begin() when rows
 * follow, so a failure leaves nothing behind. Returns the id or 0. */
gint64      shz_store_create_dataset (ShzStore         *store,
                                      const ShzDataset *fields,
                                      GError          **error);
gboolean    shz_store_set_dataset_counts (ShzStore   *store,
                                          gint64      dataset_id,
                                          gint64      rows,
                                          gint64      rejected,
                                          GError    **error);
gboolean    shz_store_rename_dataset (ShzStore   *store,
                                      gint64      dataset_id,
                                      const char *new_name,
                                      GError    **error);
gboolean    shz_store_delete_dataset (ShzStore   *store,
                                      gint64      dataset_id,
                                      GError    **error);
char       *shz_store_unique_dataset_name (ShzStore   *store,
                                           gint64      engagement_id,
                                           const char *base);

/* ---- rows ---- */

typedef struct {
  gint64      row_no;        /* 1-based data row of the source file */
  const char *enterprise_id;
  const char *enterprise_name; /* may be NULL */
  const char *industry;
  const char *region;          /* may be NULL */
  const char *period;          /* YYYY, YYYY-MM or YYYY-Qn */
  const char *category;        /* canonical: IaaS PaaS SaaS 大数据计算 数据中台 XPaaS 数据智能 */
  const char *product;         /* may be NULL */
  double      spend;
} ShzUsageRow;

typedef struct {
  gint64      row_no;
  const char *entity;
  const char *group;           /* may be NULL */
  const char *period;          /* may be NULL */
  double      maturity;
  double      innovation;
  double      size;            /* NAN when absent */
  gboolean    is_client;
  /* computed results only (NAN otherwise): 90 % intervals and sample size */
  double      maturity_lo, maturity_hi, innovation_lo, innovation_hi;
  gint64      n;               /* 0 when absent */
  gboolean    low_sample;      /* group under the minimum sample size */
} ShzPositionRow;

typedef struct {
  gint64      row_no;
  const char *source;          /* canonical node id, e.g. "retail", "consumer" */
  const char *target;
  double      weight;
  const char *type;            /* transaction | interaction | experience */
  const char *state;           /* as-is | to-be */
} ShzLinkRow;

typedef struct {
  gint64      row_no;
  const char *framework;
  const char *item;
  double      score;           /* 0–5; NAN: not assessed, the row only carries its note (written
                                * by shz_store_set_score_row() alone; imports need a score) */
  const char *state;           /* as-is | to-be */
  const char *note;            /* may be NULL */
} ShzScoreRow;

/* Bulk insertion with one prepared statement; use inside a transaction. */
typedef struct _ShzRowInserter ShzRowInserter;
ShzRowInserter *shz_row_inserter_new  (ShzStore       *store,
                                       gint64          dataset_id,
                                       ShzDatasetKind  kind,
                                       GError        **error);
gboolean        shz_row_inserter_add_usage     (ShzRowInserter *ins, const ShzUsageRow    *row, GError **error);
gboolean        shz_row_inserter_add_position  (ShzRowInserter *ins, const ShzPositionRow *row, GError **error);
gboolean        shz_row_inserter_add_link      (ShzRowInserter *ins, const ShzLinkRow     *row, GError **error);
gboolean        shz_row_inserter_add_score     (ShzRowInserter *ins, const ShzScoreRow    *row, GError **error);
void            shz_row_inserter_free          (ShzRowInserter *ins);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzRowInserter, shz_row_inserter_free)

/* Rejected rows of an import (the first ones are kept; the count is on the dataset). */
gboolean    shz_store_add_rejection  (ShzStore   *store,
                                      gint64      dataset_id,
                                      gint64      row_no,
                                      const char *column,
                                      const char *reason,
                                      GError    **error);

/* Iterate a dataset's stored rows as strings, header first (column names), in row order.
 * @limit < 0 for all.  The callback returns FALSE to stop. */
typedef gboolean (*ShzRowFunc) (const char * const *values,
                                guint               n_values,
                                gpointer            user_data);
gboolean    shz_store_foreach_row    (ShzStore   *store,
                                      gint64      dataset_id,
                                      gint64      limit,
                                      ShzRowFunc  func,
                                      gpointer    user_data,
                                      GError    **error);

/* Positions of a dataset (for one period, or all when @period is NULL). */
typedef gboolean (*ShzPositionFunc) (const ShzPositionRow *row,
                                     gpointer              user_data);
gboolean    shz_store_foreach_position (ShzStore        *store,
                                        gint64           dataset_id,
                                        const char      *period,
                                        ShzPositionFunc  func,
                                        gpointer         user_data,
                                        GError         **error);
/* Distinct periods of a positions dataset, sorted; empty array when it has none. */
GPtrArray  *shz_store_list_periods    (ShzStore   *store,
                                       gint64      dataset_id,
                                       GError    **error);

/* ---- chart settings: a key-file text per (engagement, chart kind) ---- */

char       *shz_store_get_chart_settings (ShzStore   *store,
                                          gint64      engagement_id,
                                          const char *kind,
                                          GError    **error); /* NULL and no error: none saved */
gboolean    shz_store_set_chart_settings (ShzStore   *store,
                                          gint64      engagement_id,
                                          const char *kind,
                                          const char *settings,
                                          GError    **error);
/* The same, shown in the undo history as @label (in the UI language; NULL: a generic
 * "Change the chart settings"). */
gboolean    shz_store_set_chart_settings_labelled (ShzStore   *store,
                                                   gint64      engagement_id,
                                                   const char *kind,
                                                   const char *settings,
                                                   const char *label,
                                                   GError    **error);

/* ---- sharing ---- */

/* Consistent pseudonyms, kept only in memory: the first name asked for becomes "企业 A" /
 * "Company A", the next "企业 B" … "Z", then "AA" … */
typedef struct _ShzPseudonyms ShzPseudonyms;
ShzPseudonyms *shz_pseudonyms_new  (const char    *lang);  /* "zh_CN" or "en" */
const char    *shz_pseudonyms_get  (ShzPseudonyms *p,
                                    const char    *real);
void           shz_pseudonyms_free (ShzPseudonyms *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzPseudonyms, shz_pseudonyms_free)

/* Replace the client's and the enterprises' names and ids in engagement @id (meant for a copy:
 * an exported file) with pseudonyms from @p.  Not recorded in the undo history. */
gboolean    shz_store_pseudonymise_engagement (ShzStore      *store,
                                               gint64         id,
                                               ShzPseudonyms *p,
                                               GError       **error);

/* Write engagement @id (datasets, rows, rejections, chart settings; no history, nothing of
 * other engagements) to a new store @dest_path; written beside it, then renamed. */
gboolean    shz_store_export_engagement (ShzStore   *store,
                                         gint64      id,
                                         const char *dest_path,
                                         GError    **error);
/* The same, pseudonymised in @lang ("zh_CN" or "en"); the file keeps no trace of the names. */
gboolean    shz_store_export_engagement_pseudonymised (ShzStore   *store,
                                                       gint64      id,
                                                       const char *dest_path,
                                                       const char *lang,
                                                       GError    **error);
/* A temporary store holding only a pseudonymised copy of engagement @id (its id there in
 * @copy_id), for client-safe chart exports: draw from it as from any store.  Its files are
 * removed when it is freed. */
ShzStore   *shz_store_open_pseudonymised_copy (ShzStore   *store,
                                               gint64      id,
                                               const char *lang,
                                               gint64     *copy_id,
                                               GError    **error);
/* Merge the engagements of another store into this one, all or nothing, as one undo step.
 * Names that are taken get " (2)", " (3)" …; datasets keep their provenance and each
 * engagement records its origin.  @names: which ones (NULL: all).  Returns the new ids
 * (gint64 array) or NULL. */
GArray     *shz_store_import_engagements (ShzStore           *store,
                                          const char         *src_path,
                                          const char * const *names,
                                          GError            **error);

/* ---- first start ---- */

/* Adds the demo engagement (illustrative positions of the whitepaper's six industries). */
gint64      shz_store_add_demo_engagement (ShzStore  *store,
                                           GError   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzStore, shz_store_free)

G_END_DECLS
