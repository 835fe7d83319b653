/* shz-reader-private.h — what the format back ends of ShzReader share: the row buffer, the
 * vtable and the common state (info, bounds, checksum).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>
#include <glib.h>
#include <glib/gi18n.h>

#include "shz-reader.h"
#include "shz-sha256.h"

G_BEGIN_DECLS

/* However many columns of however large cells: one row holds at most this many bytes. */
#define SHZ_READER_MAX_ROW_BYTES (32 * 1024 * 1024)

/* One row being built: the fields' bytes back to back, each NUL-terminated, in one growing
 * block, so a row costs no allocation once the buffers have grown to the widest row. */
typedef struct {
  char        *data;
  gsize        len;
  gsize        alloc;
  gsize       *starts;
  gsize       *lengths;
  const char **fields;
  guint        n;            /* completed fields */
  guint        alloc_fields;
  gsize        field_start;  /* offset of the field being built */
  gboolean     open;         /* a field is being built */
  /* bounds */
  gsize        max_cell;
  guint        max_columns;
} ShzRowBuf;

void     shz_row_buf_init   (ShzRowBuf *b, gsize max_cell, guint max_columns);
void     shz_row_buf_clear  (ShzRowBuf *b);
void     shz_row_buf_reset  (ShzRowBuf *b);
void     shz_row_buf_grow   (ShzRowBuf *b, gsize extra);
/* Ends the field being built; FALSE when the row would exceed max_columns. */
gboolean shz_row_buf_end_field (ShzRowBuf *b);
/* Fills the fields[] pointers once the row is complete. */
void     shz_row_buf_finish (ShzRowBuf *b);
gboolean shz_row_buf_is_blank (const ShzRowBuf *b);

static inline gboolean
shz_row_buf_append (ShzRowBuf  *b,
                    const char *s,
                    gsize       n)
{
  if (b->len - b->field_start + n > b->max_cell || b->len + n > SHZ_READER_MAX_ROW_BYTES)
    return FALSE;
  if (b->len + n + 1 > b->alloc)
    shz_row_buf_grow (b, n + 1);
  memcpy (b->data + b->len, s, n);
  b->len += n;
  b->open = TRUE;
  return TRUE;
}

static inline gboolean
shz_row_buf_append_c (ShzRowBuf *b,
                      char       c)
{
  return shz_row_buf_append (b, &c, 1);
}

/* What a failed shz_row_buf_append() of @n bytes ran into: the cell or the row bound. */
static inline const char *
shz_row_buf_overflow (const ShzRowBuf *b,
                      gsize            n)
{
  if (b->len - b->field_start + n > b->max_cell)
    return _("a cell is larger than the limit");
  return _("a row is larger than the limit (32 MiB)");
}

typedef struct {
  /* Reads the next raw row into @buf (reset by the caller); sets *line_no to where it starts.
   * Returns FALSE at the end (no error) or on error. */
  gboolean (*next_row) (ShzReader *reader, ShzRowBuf *buf, gint64 *line_no, GError **error);
  double   (*progress) (ShzReader *reader);
  void     (*free_impl) (gpointer impl);
} ShzReaderBackend;

struct _ShzReader {
  const ShzReaderBackend *backend;
  gpointer          impl;
  ShzReaderOptions  opts;       /* with defaults filled; strings owned below */
  char             *path;
  char             *opt_encoding;
  char             *opt_sheet;

  ShzFormat         format;
  char             *encoding;
  char              delimiter;
  char             *sheet;
  GStrv             sheets;
  gboolean          has_header;
  GPtrArray        *header;      /* of char* */
  guint64           file_size;

  ShzSha256        *checksum;    /* fed by the back end while streaming, or NULL */
  char             *sha256;

  ShzRowBuf         buf;
  ShzRow            row;
  gint64            rows_read;
  gboolean          at_end;

  /* rows read ahead while sniffing the header: copies, served before the back end */
  GPtrArray        *pending;     /* of GPtrArray* of char* */
  GArray           *pending_lines;
};

/* Back ends. Each sets reader->backend/impl and its info fields. */
gboolean shz_csv_reader_open  (ShzReader *reader, int fd, GError **error);
gboolean shz_xlsx_reader_open (ShzReader *reader, gpointer infile, GError **error);
gboolean shz_ods_reader_open  (ShzReader *reader, gpointer infile, GError **error);

/* Sets a bound error naming what was exceeded. */
void     shz_reader_set_bound_error (ShzReader *reader, GError **error, gint64 line_no,
                                     const char *what);

G_END_DECLS
