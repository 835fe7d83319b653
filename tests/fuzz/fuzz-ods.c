/* fuzz-ods.c — libFuzzer harness: the ODS reader (zip container and content.xml: tables,
 * repeated rows and columns, typed cells, text spans), first table and a table picked by name
 * or number.  Input: a zip, or members as text (fuzz-zip.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-reader-common.h"
#include "fuzz-zip.h"

static const char * const ods_defaults[] = {
  "content.xml", NULL,
  "mimetype", "application/vnd.oasis.opendocument.spreadsheet",
  "META-INF/manifest.xml",
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
  "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>"
  "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
  "</manifest:manifest>",
  NULL,
};

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  shz_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char *sheets[] = { "2", "Sheet2", "数据", "0", "9" };
  g_autofree char *path = NULL;
  ShzReaderOptions opts = { 0 };

  shz_fuzz_init ();
  path = shz_fuzz_write_zip (data, size, ods_defaults);

  opts.no_checksum = TRUE;
  shz_fuzz_read_all (path, &opts);

  opts.sheet = sheets[size % G_N_ELEMENTS (sheets)];
  opts.header = (ShzHeaderMode) ((size / 5) % 3);
  opts.max_cell_bytes = 64;
  opts.max_columns = 8;
  opts.max_rows = 16;
  opts.max_inflated = 1 << 16;
  opts.no_checksum = (size & 1) != 0;
  shz_fuzz_read_all (path, &opts);

  g_unlink (path);
  return 0;
}
