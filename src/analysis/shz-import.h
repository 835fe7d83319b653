/* shz-import.h — the import pipeline: reader → column mapping → validation → the store, in one
 * transaction, with provenance; and a preview for the import pane.
 *
 * What aborts a whole import (nothing is written, the error says why):
 *  - the file cannot be read: missing, unreadable, empty or header only, undecodable bytes in
 *    its encoding, an unterminated quote, a damaged zip, a DTD, a missing sheet;
 *  - a bound is exceeded (cell size, columns, rows, inflated bytes);
 *  - a required field has no column, or a --map names an unknown column or field;
 *  - every data row is rejected (a wrong mapping or kind, most likely);
 *  - the dataset name is taken, the store fails, or the import is cancelled.
 * Everything else is a row-level rejection (the row is skipped, counted, and its row, column
 * and reason kept — the first SHZ_IMPORT_MAX_STORED_REJECTIONS in the store): an empty
 * required value, a number that is not a finite number, an unknown category, link type,
 * state or node, a period that is not one, a row with more non-empty cells than the header —
 * and what the charts would refuse later: a score outside 0–5, a negative link weight, a
 * scores row whose framework is not in the catalogues or has no scored items, or whose item
 * is not a scored item of that framework, a link node or kind the catalogues do not have.
 *
 * Designed for a worker thread with its own ShzStore connection (the app wraps it in a GTask);
 * the progress callback is called from that thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "io/shz-reader.h"
#include "store/shz-store.h"
#include "shz-catalogue.h"
#include "shz-fields.h"

G_BEGIN_DECLS

#define SHZ_IMPORT_ERROR (shz_import_error_quark ())

typedef enum {
  SHZ_IMPORT_ERROR_MAPPING,        /* a required field unmapped; a bad --map */
  SHZ_IMPORT_ERROR_NO_ROWS,        /* a header but no data rows */
  SHZ_IMPORT_ERROR_ALL_REJECTED,   /* not one row could be accepted */
} ShzImportErrorCode;

GQuark shz_import_error_quark (void);

#define SHZ_IMPORT_MAX_STORED_REJECTIONS 1000

typedef struct {
  ShzDatasetKind       kind;
  gint64               engagement_id;
  const char          *dataset_name;   /* NULL: the file's base name, made unique */
  ShzReaderOptions     reader;         /* encoding, sheet, bounds … */
  const ShzMapping    *mapping;        /* NULL: guessed from the header */
  const char * const  *map_specs;      /* "COLUMN=FIELD" applied over the mapping; NULL-terminated */
  ShzCatalogue        *catalogue;      /* scores and links are checked against it; NULL: the
                                        * default one, which the charts read them with */
} ShzImportOptions;

typedef struct {
  gint64  row_no;     /* 1-based data row */
  gint64  line_no;    /* line (CSV) or sheet row (XLSX/ODS) */
  char   *column;     /* header name of the offending column, or NULL for the whole row */
  char   *reason;     /* translated */
} ShzRejection;

typedef struct {
  /* what was (or would be) imported */
  gint64       dataset_id;       /* 0 for a preview */
  char        *dataset_name;
  ShzDatasetKind kind;
  gint64       accepted;
  gint64       rejected;
  GPtrArray   *rejections;       /* of ShzRejection*, the first ones */
  gboolean     complete;         /* the preview validated the whole file */

  /* provenance */
  char        *source_name;      /* base name */
  guint64      source_size;
  char        *source_sha256;    /* NULL for a preview */
  ShzFormat    format;
  char        *encoding;
  char        *delimiter;        /* "," ";" "tab" "|" or NULL */
  char        *sheet;
  GStrv        sheets;           /* all sheets of a workbook, or NULL */
  char        *mapping_text;     /* "column=field" lines */

  /* what the pane shows */
  gboolean     has_header;
  GPtrArray   *header;           /* of char*: column names */
  ShzMapping  *mapping;          /* the mapping used (guessed + specs) */
  GStrv        missing_fields;   /* required fields with no column (preview only) */
  GPtrArray   *rows;             /* preview: the first rows, each a GPtrArray of char* */
} ShzImportResult;

void shz_import_result_free (ShzImportResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzImportResult, shz_import_result_free)

/* Called every few thousand rows: fraction of the file consumed (0…1) and rows read. */
typedef void (*ShzImportProgressFunc) (double   fraction,
                                       gint64   rows,
                                       gpointer user_data);

/* Imports @path into @store as a new dataset of @opts->engagement_id, all or nothing. */
ShzImportResult *shz_import_file    (ShzStore                *store,
                                     const char              *path,
                                     const ShzImportOptions  *opts,
                                     GCancellable            *cancellable,
                                     ShzImportProgressFunc    progress,
                                     gpointer                 user_data,
                                     GError                 **error);

/* Reads @path without writing anything: the header, the first @n_rows rows, the guessed
 * (or given) mapping with the required fields it lacks, and a validation summary over the
 * first @max_validate data rows (-1: all of them; result->complete says whether the whole
 * file was seen).  Fails only when the file cannot be read or a --map spec is wrong. */
ShzImportResult *shz_import_preview (const char              *path,
                                     const ShzImportOptions  *opts,
                                     guint                    n_rows,
                                     gint64                   max_validate,
                                     GCancellable            *cancellable,
                                     GError                 **error);

G_END_DECLS
