/* fuzz-reader-common.h — drives a tabular reader over a whole file the way import and inspect
 * do: open, header, every row (fields checked for what the API promises), then the provenance.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fuzz-common.h"
#include "io/shz-reader.h"

static inline void
shz_fuzz_read_all (const char             *path,
                   const ShzReaderOptions *opts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzReader) reader = shz_reader_open (path, opts, &error);
  const ShzRow *row;
  const char * const *header;
  const char * const *sheets;
  guint n_columns = 0;
  gint64 last = 0;

  if (reader == NULL)
    {
      /* every refusal is a GError of the reader's domain with a message */
      if (error == NULL || error->domain != SHZ_IO_ERROR || error->message[0] == '\0')
        abort ();
      return;
    }

  header = shz_reader_get_header (reader, &n_columns);
  for (guint i = 0; i < n_columns; i++)
    if (header[i] == NULL || !g_utf8_validate (header[i], -1, NULL))
      abort ();
  sheets = shz_reader_get_sheets (reader);
  for (guint i = 0; sheets && sheets[i]; i++)
    (void) strlen (sheets[i]);
  (void) shz_reader_get_format (reader);
  (void) shz_reader_get_encoding (reader);
  (void) shz_reader_get_delimiter_name (reader);
  (void) shz_reader_get_sheet (reader);

  while (shz_reader_next (reader, &row, &error))
    {
      if (row->row_no != last + 1)
        abort ();
      last = row->row_no;
      for (guint i = 0; i < row->n_fields; i++)
        {
          if (row->fields[i] == NULL || strlen (row->fields[i]) != row->lengths[i])
            abort ();
          if (!g_utf8_validate (row->fields[i], row->lengths[i], NULL))
            abort ();
        }
      (void) shz_reader_get_progress (reader);
      header = shz_reader_get_header (reader, &n_columns);
      if (n_columns < row->n_fields)
        abort ();
    }
  if (error != NULL && (error->domain != SHZ_IO_ERROR || error->message[0] == '\0'))
    abort ();
  if (shz_reader_get_progress (reader) != 1.0)
    abort ();
  (void) shz_reader_get_sha256 (reader);
}
