/* shz-reader.h — one streaming interface over the tabular files analysts receive:
 * CSV/TSV in any common encoding, XLSX and ODS.  Rows come one at a time; memory stays bounded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SHZ_IO_ERROR (shz_io_error_quark ())

typedef enum {
  SHZ_IO_ERROR_OPEN,          /* the file cannot be opened or read */
  SHZ_IO_ERROR_EMPTY,         /* zero bytes, or no rows at all */
  SHZ_IO_ERROR_ENCODING,      /* bytes invalid in the (detected or forced) encoding */
  SHZ_IO_ERROR_SYNTAX,        /* malformed CSV (unterminated quote) or XML */
  SHZ_IO_ERROR_CONTAINER,     /* a damaged or truncated zip, a missing part */
  SHZ_IO_ERROR_NO_SHEET,      /* the requested sheet does not exist */
  SHZ_IO_ERROR_TOO_LARGE,     /* a bound was exceeded (cell, columns, rows, inflated bytes) */
  SHZ_IO_ERROR_REFUSED,       /* hostile content: a DTD, external entities, too deep */
  SHZ_IO_ERROR_UNSUPPORTED,   /* an encoding or format we cannot read */
} ShzIoError;

GQuark shz_io_error_quark (void);

typedef enum {
  SHZ_FORMAT_UNKNOWN,
  SHZ_FORMAT_CSV,
  SHZ_FORMAT_TSV,
  SHZ_FORMAT_XLSX,
  SHZ_FORMAT_ODS,
} ShzFormat;

const char *shz_format_to_string (ShzFormat format);

typedef enum {
  SHZ_HEADER_DETECT = 0,   /* sniff whether the first row is a header */
  SHZ_HEADER_PRESENT,
  SHZ_HEADER_ABSENT,
} ShzHeaderMode;

/* Zero-initialise, then set what you need; 0 bounds mean the defaults below. */
typedef struct {
  const char    *encoding;          /* forced encoding ("GB18030", "UTF-16LE" …) or NULL to detect */
  char           delimiter;         /* forced delimiter or 0 to sniff */
  const char    *sheet;             /* sheet name, or a 1-based index as text ("2"), or NULL: first */
  ShzHeaderMode  header;
  gsize          max_cell_bytes;    /* default SHZ_READER_DEFAULT_MAX_CELL */
  guint          max_columns;       /* default SHZ_READER_DEFAULT_MAX_COLUMNS */
  gint64         max_rows;          /* data rows; default SHZ_READER_DEFAULT_MAX_ROWS */
  guint64        max_inflated;      /* bytes inflated from a zip; default SHZ_READER_DEFAULT_MAX_INFLATED */
  gboolean       no_checksum;       /* skip the SHA-256 of the file (inspect does not need it) */
} ShzReaderOptions;

#define SHZ_READER_DEFAULT_MAX_CELL     (1024 * 1024)
#define SHZ_READER_DEFAULT_MAX_COLUMNS  4096
#define SHZ_READER_DEFAULT_MAX_ROWS     G_GINT64_CONSTANT (50000000)
#define SHZ_READER_DEFAULT_MAX_INFLATED (G_GUINT64_CONSTANT (2) << 30)

/* One row, borrowed from the reader: valid until the next call of shz_reader_next(). */
typedef struct {
  gint64        row_no;     /* 1-based data row (the header is not counted) */
  gint64        line_no;    /* where it starts: the text line (CSV) or sheet row (XLSX/ODS) */
  guint         n_fields;
  const char  **fields;     /* UTF-8, NUL-terminated; never NULL (empty cells are "") */
  const gsize  *lengths;    /* byte length of each field */
} ShzRow;

typedef struct _ShzReader ShzReader;

ShzReader     *shz_reader_open          (const char              *path,
                                         const ShzReaderOptions  *opts,
                                         GError                 **error);
/* The next data row, or FALSE at the end (*row = NULL, no error) or on error.
 * Rows that are entirely empty are skipped. */
gboolean       shz_reader_next          (ShzReader               *reader,
                                         const ShzRow           **row,
                                         GError                 **error);
/* The same row copied: a GPtrArray of newly allocated strings (for callers that keep rows). */
gboolean       shz_reader_next_strv     (ShzReader               *reader,
                                         GPtrArray              **row,
                                         GError                 **error);
void           shz_reader_free          (ShzReader               *reader);

ShzFormat      shz_reader_get_format    (ShzReader *reader);
/* "UTF-8", "UTF-8-BOM", "UTF-16LE", "UTF-16BE", "GB18030", or what was forced. */
const char    *shz_reader_get_encoding  (ShzReader *reader);
/* The delimiter of CSV/TSV, 0 for spreadsheets. */
char           shz_reader_get_delimiter (ShzReader *reader);
/* A printable name of the delimiter: "," ";" "tab" "|" or "" for spreadsheets. */
const char    *shz_reader_get_delimiter_name (ShzReader *reader);
/* The sheet being read, or NULL for CSV/TSV. */
const char    *shz_reader_get_sheet     (ShzReader *reader);
/* All sheet names (NULL-terminated) or NULL for CSV/TSV. */
const char * const *shz_reader_get_sheets (ShzReader *reader);
gboolean       shz_reader_has_header    (ShzReader *reader);
/* Column names: the header row, or "A", "B", … when there is none.  Grows when a later row is
 * wider than the header (names for the extra columns are letters). */
const char * const *shz_reader_get_header (ShzReader *reader,
                                           guint     *n_columns);
/* 0.0 … 1.0: how much of the input has been consumed. */
double         shz_reader_get_progress  (ShzReader *reader);
gint64         shz_reader_get_rows_read (ShzReader *reader);
/* Size in bytes of the file. */
guint64        shz_reader_get_file_size (ShzReader *reader);
/* Hex SHA-256 of the whole file once the last row has been read (NULL before, or with
 * no_checksum); for zip-based formats it is computed when opening. */
const char    *shz_reader_get_sha256    (ShzReader *reader);

/* "A", "B", … "Z", "AA" … for a 0-based column index. */
char          *shz_column_letters       (guint index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzReader, shz_reader_free)

G_END_DECLS
