/* shz-cli-inspect.c — `shuzhi inspect`: the table exactly as the readers see it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-cli"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "io/shz-reader.h"
#include "shz-cli-private.h"

#define INSPECT_USAGE "inspect FILE [--encoding E] [--sheet S] [--limit N]"

int
shz_cli_inspect (int    argc,
                 char **argv)
{
  g_autofree char *encoding = NULL, *sheet = NULL;
  gint64 limit = -1;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzReader) reader = NULL;
  g_autoptr(GPtrArray) padded = g_ptr_array_new ();
  ShzReaderOptions opts = { 0 };
  const char * const *header;
  const ShzRow *row;
  guint n_columns;
  gint64 rows = 0;
  GOptionEntry entries[] = {
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, NULL, NULL },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet, NULL, NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT64, &limit, NULL, NULL },
    { NULL }
  };

  if (!shz_cli_parse (&argc, &argv, INSPECT_USAGE, entries))
    return SHZ_EXIT_USAGE;
  if (argc != 2)
    return shz_cli_usage_error ("inspect", INSPECT_USAGE, _("expected one FILE"));
  if (limit < -1)
    return shz_cli_usage_error ("inspect", INSPECT_USAGE, _("--limit must be 0 or more"));

  opts.encoding = encoding;
  opts.sheet = sheet;
  opts.no_checksum = TRUE;
  reader = shz_reader_open (argv[1], &opts, &error);
  if (reader == NULL)
    return shz_cli_fail (error);

  header = shz_reader_get_header (reader, &n_columns);
  shz_cli_write_tsv (stdout, header, n_columns);

  while ((limit < 0 || rows < limit) && shz_reader_next (reader, &row, &error))
    {
      rows++;
      if (row->n_fields >= n_columns)
        shz_cli_write_tsv (stdout, row->fields, row->n_fields);
      else
        {
          /* a short row is padded to the header's width, so every line has the same columns */
          g_ptr_array_set_size (padded, 0);
          for (guint i = 0; i < n_columns; i++)
            g_ptr_array_add (padded, (gpointer) (i < row->n_fields ? row->fields[i] : ""));
          shz_cli_write_tsv (stdout, (const char * const *) padded->pdata, n_columns);
        }
    }
  fflush (stdout);
  if (error)
    return shz_cli_fail (error);

  /* a ragged file may have widened the header */
  shz_reader_get_header (reader, &n_columns);
  fprintf (stderr, "format=%s encoding=%s delimiter=%s sheet=%s rows=%" G_GINT64_FORMAT
           " columns=%u\n",
           shz_format_to_string (shz_reader_get_format (reader)),
           shz_reader_get_encoding (reader),
           shz_reader_get_delimiter_name (reader),
           shz_reader_get_sheet (reader) ? shz_reader_get_sheet (reader) : "",
           rows, n_columns);
  return SHZ_EXIT_OK;
}
