/* shz-reader.c — opening a tabular file: format detection, bounds, header sniffing and the
 * row API shared by the CSV, XLSX and ODS back ends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-io"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <gsf/gsf.h>
#include <inttypes.h>
#include <unistd.h>

#include "shz-number.h"
#include "shz-reader-private.h"

G_DEFINE_QUARK (shz-io-error-quark, shz_io_error)

/* ---- row buffer ---- */

void
shz_row_buf_init (ShzRowBuf *b,
                  gsize      max_cell,
                  guint      max_columns)
{
  memset (b, 0, sizeof *b);
  b->alloc = 4096;
  b->data = g_malloc (b->alloc);
  b->alloc_fields = 32;
  b->starts = g_new (gsize, b->alloc_fields);
  b->lengths = g_new (gsize, b->alloc_fields);
  b->fields = g_new (const char *, b->alloc_fields);
  b->max_cell = max_cell;
  b->max_columns = max_columns;
}

void
shz_row_buf_clear (ShzRowBuf *b)
{
  g_clear_pointer (&b->data, g_free);
  g_clear_pointer (&b->starts, g_free);
  g_clear_pointer (&b->lengths, g_free);
  g_clear_pointer (&b->fields, g_free);
}

void
shz_row_buf_reset (ShzRowBuf *b)
{
  b->len = 0;
  b->n = 0;
  b->field_start = 0;
  b->open = FALSE;
}

void
shz_row_buf_grow (ShzRowBuf *b,
                  gsize      extra)
{
  while (b->len + extra > b->alloc)
    b->alloc *= 2;
  b->data = g_realloc (b->data, b->alloc);
}

gboolean
shz_row_buf_end_field (ShzRowBuf *b)
{
  if (b->n >= b->max_columns)
    return FALSE;
  if (b->n == b->alloc_fields)
    {
      b->alloc_fields *= 2;
      b->starts = g_renew (gsize, b->starts, b->alloc_fields);
      b->lengths = g_renew (gsize, b->lengths, b->alloc_fields);
      b->fields = g_renew (const char *, b->fields, b->alloc_fields);
    }
  if (b->len + 1 > b->alloc)
    shz_row_buf_grow (b, 1);
  b->starts[b->n] = b->field_start;
  b->lengths[b->n] = b->len - b->field_start;
  b->data[b->len++] = '\0';
  b->n++;
  b->field_start = b->len;
  b->open = FALSE;
  return TRUE;
}

void
shz_row_buf_finish (ShzRowBuf *b)
{
  for (guint i = 0; i < b->n; i++)
    b->fields[i] = b->data + b->starts[i];
}

gboolean
shz_row_buf_is_blank (const ShzRowBuf *b)
{
  for (guint i = 0; i < b->n; i++)
    {
      const char *p = b->data + b->starts[i];

      for (gsize j = 0; j < b->lengths[i]; j++)
        if (!g_ascii_isspace (p[j]))
          return FALSE;
    }
  return TRUE;
}

/* ---- helpers ---- */

const char *
shz_format_to_string (ShzFormat format)
{
  switch (format)
    {
    case SHZ_FORMAT_CSV: return "csv";
    case SHZ_FORMAT_TSV: return "tsv";
    case SHZ_FORMAT_XLSX: return "xlsx";
    case SHZ_FORMAT_ODS: return "ods";
    case SHZ_FORMAT_UNKNOWN:
    default: return "unknown";
    }
}

char *
shz_column_letters (guint index)
{
  char tmp[16];
  int i = G_N_ELEMENTS (tmp) - 1;
  guint64 n = (guint64) index + 1;

  tmp[i] = '\0';
  while (n > 0 && i > 0)
    {
      n--;
      tmp[--i] = 'A' + (n % 26);
      n /= 26;
    }
  return g_strdup (tmp + i);
}

void
shz_reader_set_bound_error (ShzReader   *reader,
                            GError     **error,
                            gint64       line_no,
                            const char  *what)
{
  g_autofree char *base = g_path_get_basename (reader->path);

  g_set_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_TOO_LARGE,
               _("%s: line %" PRId64 ": %s"), base, line_no, what);
}

static void
pending_row_free (gpointer p)
{
  g_ptr_array_unref (p);
}

/* Reads one raw non-blank row from the back end into reader->buf. */
static gboolean
read_backend_row (ShzReader  *reader,
                  gint64     *line_no,
                  GError    **error)
{
  for (;;)
    {
      shz_row_buf_reset (&reader->buf);
      if (!reader->backend->next_row (reader, &reader->buf, line_no, error))
        return FALSE;
      if (!shz_row_buf_is_blank (&reader->buf))
        {
          shz_row_buf_finish (&reader->buf);
          return TRUE;
        }
    }
}

static GPtrArray *
copy_buf_row (ShzRowBuf *b)
{
  GPtrArray *a = g_ptr_array_new_full (b->n, g_free);

  for (guint i = 0; i < b->n; i++)
    g_ptr_array_add (a, g_strndup (b->data + b->starts[i], b->lengths[i]));
  return a;
}

static gboolean
looks_like_data (const char *s)
{
  double v;
  g_autofree char *reason = NULL;
  guint y, m, d;

  if (*s == '\0')
    return FALSE;
  if (shz_number_parse (s, &v, &reason))
    return TRUE;
  /* dates and periods: 2019-03-01, 2019/03, 2019-Q1 */
  if (sscanf (s, "%4u-%2u-%2u", &y, &m, &d) == 3 || sscanf (s, "%4u/%2u", &y, &m) == 2)
    return TRUE;
  return FALSE;
}

/* A first row is a header unless one of its cells looks like data (a number or a date):
 * headers are words; years-as-column-names are rare in the files we meet. */
static gboolean
sniff_header (GPtrArray *first)
{
  guint non_empty = 0;

  for (guint i = 0; i < first->len; i++)
    {
      const char *s = g_ptr_array_index (first, i);

      if (looks_like_data (s))
        return FALSE;
      if (*s)
        non_empty++;
    }
  return non_empty > 0;
}

static void
ensure_header_width (ShzReader *reader,
                     guint      n)
{
  while (reader->header->len < n)
    g_ptr_array_add (reader->header, shz_column_letters (reader->header->len));
}

static gboolean
setup_header (ShzReader  *reader,
              GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 line_no = 0;
  GPtrArray *first;

  if (!read_backend_row (reader, &line_no, &local_error))
    {
      if (local_error)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      else
        {
          g_autofree char *base = g_path_get_basename (reader->path);
          g_set_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_EMPTY,
                       _("%s: the file contains no rows"), base);
          return FALSE;
        }
    }

  first = copy_buf_row (&reader->buf);
  switch (reader->opts.header)
    {
    case SHZ_HEADER_PRESENT: reader->has_header = TRUE; break;
    case SHZ_HEADER_ABSENT: reader->has_header = FALSE; break;
    case SHZ_HEADER_DETECT:
    default: reader->has_header = sniff_header (first); break;
    }

  reader->header = g_ptr_array_new_null_terminated (16, g_free, TRUE);
  if (reader->has_header)
    {
      for (guint i = 0; i < first->len; i++)
        {
          char *name = g_strstrip (g_strdup (g_ptr_array_index (first, i)));

          if (*name == '\0')
            {
              g_free (name);
              name = shz_column_letters (i);
            }
          g_ptr_array_add (reader->header, name);
        }
      g_ptr_array_unref (first);
    }
  else
    {
      ensure_header_width (reader, first->len);
      g_ptr_array_add (reader->pending, first);
      g_array_append_val (reader->pending_lines, line_no);
    }
  return TRUE;
}

static void
fill_defaults (ShzReaderOptions *o)
{
  if (o->max_cell_bytes == 0)
    o->max_cell_bytes = SHZ_READER_DEFAULT_MAX_CELL;
  if (o->max_columns == 0)
    o->max_columns = SHZ_READER_DEFAULT_MAX_COLUMNS;
  if (o->max_rows <= 0)
    o->max_rows = SHZ_READER_DEFAULT_MAX_ROWS;
  if (o->max_inflated == 0)
    o->max_inflated = SHZ_READER_DEFAULT_MAX_INFLATED;
}

/* The SHA-256 of a whole file in one pass (zip formats are read out of order by libgsf). */
static char *
hash_file (int       fd,
           GError  **error)
{
  g_autoptr(ShzSha256) sum = shz_sha256_new ();
  g_autofree guchar *buf = g_malloc (1 << 20);
  gssize n;

  if (lseek (fd, 0, SEEK_SET) < 0)
    goto fail;
  while ((n = read (fd, buf, 1 << 20)) > 0)
    shz_sha256_update (sum, buf, n);
  if (n < 0)
    goto fail;
  if (lseek (fd, 0, SEEK_SET) < 0)
    goto fail;
  return shz_sha256_finish (sum);

fail:
  g_set_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_OPEN, "%s", g_strerror (errno));
  return NULL;
}

static gboolean
open_zip (ShzReader  *reader,
          int         fd,
          GError    **error)
{
  g_autoptr(GError) gsf_error = NULL;
  g_autofree char *base = g_path_get_basename (reader->path);
  GsfInput *input;
  GsfInfile *zip;
  GsfInput *probe;
  gboolean ok;

  if (!reader->opts.no_checksum)
    {
      reader->sha256 = hash_file (fd, error);
      if (!reader->sha256)
        return FALSE;
    }

  /* libgsf 1.14 has no autoptr cleanups: references are dropped by hand */
  input = gsf_input_stdio_new (reader->path, &gsf_error);
  if (input == NULL)
    {
      g_set_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_OPEN, _("%s: cannot open: %s"),
                   base, gsf_error ? gsf_error->message : "?");
      return FALSE;
    }
  zip = gsf_infile_zip_new (input, &gsf_error);
  g_object_unref (input);
  if (zip == NULL)
    {
      g_set_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_CONTAINER,
                   _("%s: damaged or truncated zip archive (%s)"),
                   base, gsf_error ? gsf_error->message : _("unreadable"));
      return FALSE;
    }

  if ((probe = gsf_infile_child_by_vname (zip, "xl", "workbook.xml", NULL)) != NULL)
    {
      g_object_unref (probe);
      ok = shz_xlsx_reader_open (reader, zip, error);
    }
  else if ((probe = gsf_infile_child_by_name (zip, "content.xml")) != NULL)
    {
      g_object_unref (probe);
      ok = shz_ods_reader_open (reader, zip, error);
    }
  else
    {
      g_set_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_UNSUPPORTED,
                   _("%s: a zip archive that is neither an XLSX workbook nor an ODS spreadsheet"),
                   base);
      ok = FALSE;
    }
  g_object_unref (zip);
  return ok;
}

/* ---- public API ---- */

ShzReader *
shz_reader_open (const char              *path,
                 const ShzReaderOptions  *opts,
                 GError                 **error)
{
  g_autoptr(ShzReader) reader = NULL;
  g_autofree char *base = NULL;
  guchar magic[4] = { 0 };
  GStatBuf st;
  gssize n;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader = g_new0 (ShzReader, 1);
  if (opts)
    reader->opts = *opts;
  fill_defaults (&reader->opts);
  reader->path = g_strdup (path);
  reader->opt_encoding = g_strdup (reader->opts.encoding);
  reader->opt_sheet = g_strdup (reader->opts.sheet);
  reader->opts.encoding = reader->opt_encoding;
  reader->opts.sheet = reader->opt_sheet;
  reader->pending = g_ptr_array_new_with_free_func (pending_row_free);
  reader->pending_lines = g_array_new (FALSE, FALSE, sizeof (gint64));
  shz_row_buf_init (&reader->buf, reader->opts.max_cell_bytes, reader->opts.max_columns);
  base = g_path_get_basename (path);

  fd = g_open (path, O_RDONLY, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_OPEN, _("%s: cannot open: %s"),
                   base, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_OPEN, _("%s: not a regular file"), base);
      close (fd);
      return NULL;
    }
  reader->file_size = st.st_size;
  if (st.st_size == 0)
    {
      g_set_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_EMPTY, _("%s: the file is empty"), base);
      close (fd);
      return NULL;
    }

  n = read (fd, magic, sizeof magic);
  if (n < 0 || lseek (fd, 0, SEEK_SET) < 0)
    {
      int saved = errno;
      g_set_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_OPEN, _("%s: cannot read: %s"),
                   base, g_strerror (saved));
      close (fd);
      return NULL;
    }

  if (n == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4)
    {
      gboolean ok = open_zip (reader, fd, error);

      close (fd);
      if (!ok)
        return NULL;
    }
  else
    {
      /* the CSV back end owns fd from here */
      if (!reader->opts.no_checksum)
        reader->checksum = shz_sha256_new ();
      if (!shz_csv_reader_open (reader, fd, error))
        return NULL;
    }

  if (!setup_header (reader, error))
    return NULL;

  return g_steal_pointer (&reader);
}

gboolean
shz_reader_next (ShzReader     *reader,
                 const ShzRow **row,
                 GError       **error)
{
  gint64 line_no = 0;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (row != NULL, FALSE);

  *row = NULL;
  if (reader->at_end)
    return FALSE;

  if (reader->pending->len > 0)
    {
      GPtrArray *p = g_ptr_array_index (reader->pending, 0);

      shz_row_buf_reset (&reader->buf);
      for (guint i = 0; i < p->len; i++)
        {
          const char *s = g_ptr_array_index (p, i);
          shz_row_buf_append (&reader->buf, s, strlen (s));
          shz_row_buf_end_field (&reader->buf);
        }
      shz_row_buf_finish (&reader->buf);
      line_no = g_array_index (reader->pending_lines, gint64, 0);
      g_ptr_array_remove_index (reader->pending, 0);
      g_array_remove_index (reader->pending_lines, 0);
    }
  else
    {
      g_autoptr(GError) local_error = NULL;

      if (!read_backend_row (reader, &line_no, &local_error))
        {
          reader->at_end = TRUE;
          if (local_error)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          if (reader->checksum && !reader->sha256)
            reader->sha256 = shz_sha256_finish (reader->checksum);
          return FALSE;
        }
    }

  if (reader->rows_read >= reader->opts.max_rows)
    {
      g_autofree char *what = g_strdup_printf (_("more than %" PRId64 " rows"),
                                               reader->opts.max_rows);
      reader->at_end = TRUE;
      shz_reader_set_bound_error (reader, error, line_no, what);
      return FALSE;
    }

  reader->rows_read++;
  if (reader->buf.n > reader->header->len)
    ensure_header_width (reader, reader->buf.n);
  reader->row.row_no = reader->rows_read;
  reader->row.line_no = line_no;
  reader->row.n_fields = reader->buf.n;
  reader->row.fields = reader->buf.fields;
  reader->row.lengths = reader->buf.lengths;
  *row = &reader->row;
  return TRUE;
}

gboolean
shz_reader_next_strv (ShzReader  *reader,
                      GPtrArray **row,
                      GError    **error)
{
  const ShzRow *r;

  g_return_val_if_fail (row != NULL, FALSE);
  *row = NULL;
  if (!shz_reader_next (reader, &r, error))
    return FALSE;
  *row = g_ptr_array_new_full (r->n_fields, g_free);
  for (guint i = 0; i < r->n_fields; i++)
    g_ptr_array_add (*row, g_strndup (r->fields[i], r->lengths[i]));
  return TRUE;
}

void
shz_reader_free (ShzReader *reader)
{
  if (reader == NULL)
    return;
  if (reader->backend && reader->backend->free_impl && reader->impl)
    reader->backend->free_impl (reader->impl);
  shz_row_buf_clear (&reader->buf);
  g_clear_pointer (&reader->pending, g_ptr_array_unref);
  g_clear_pointer (&reader->pending_lines, g_array_unref);
  g_clear_pointer (&reader->header, g_ptr_array_unref);
  g_clear_pointer (&reader->checksum, shz_sha256_free);
  g_free (reader->sha256);
  g_free (reader->path);
  g_free (reader->opt_encoding);
  g_free (reader->opt_sheet);
  g_free (reader->encoding);
  g_free (reader->sheet);
  g_strfreev (reader->sheets);
  g_free (reader);
}

ShzFormat
shz_reader_get_format (ShzReader *reader)
{
  return reader->format;
}

const char *
shz_reader_get_encoding (ShzReader *reader)
{
  return reader->encoding ? reader->encoding : "UTF-8";
}

char
shz_reader_get_delimiter (ShzReader *reader)
{
  return reader->delimiter;
}

const char *
shz_reader_get_delimiter_name (ShzReader *reader)
{
  switch (reader->delimiter)
    {
    case ',': return ",";
    case ';': return ";";
    case '\t': return "tab";
    case '|': return "|";
    case 0: return "";
    default: return "?";
    }
}

const char *
shz_reader_get_sheet (ShzReader *reader)
{
  return reader->sheet;
}

const char * const *
shz_reader_get_sheets (ShzReader *reader)
{
  return (const char * const *) reader->sheets;
}

gboolean
shz_reader_has_header (ShzReader *reader)
{
  return reader->has_header;
}

const char * const *
shz_reader_get_header (ShzReader *reader,
                       guint     *n_columns)
{
  if (n_columns)
    *n_columns = reader->header->len;
  return (const char * const *) reader->header->pdata;
}

double
shz_reader_get_progress (ShzReader *reader)
{
  double p;

  if (reader->at_end)
    return 1.0;
  p = reader->backend->progress (reader);
  return CLAMP (p, 0.0, 1.0);
}

gint64
shz_reader_get_rows_read (ShzReader *reader)
{
  return reader->rows_read;
}

guint64
shz_reader_get_file_size (ShzReader *reader)
{
  return reader->file_size;
}

const char *
shz_reader_get_sha256 (ShzReader *reader)
{
  return reader->sha256;
}
