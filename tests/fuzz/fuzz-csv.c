/* fuzz-csv.c — libFuzzer harness: the CSV/TSV reader with encoding and delimiter detection.
 * Each input is read once as found (detection), and once more with an encoding, delimiter and
 * header mode forced from its length, with small bounds so the bound errors are reached too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-reader-common.h"

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
  static const char *encodings[] = { NULL, "UTF-8", "GB18030", "UTF-16LE", "UTF-16BE", "GBK", "BIG5" };
  static const char delimiters[] = { 0, ',', '\t', ';', '|' };
  g_autofree char *path = NULL;
  ShzReaderOptions opts = { 0 };

  shz_fuzz_init ();
  path = shz_fuzz_write ("input.csv", data, size);

  shz_fuzz_read_all (path, NULL);

  opts.encoding = encodings[size % G_N_ELEMENTS (encodings)];
  opts.delimiter = delimiters[(size / 7) % G_N_ELEMENTS (delimiters)];
  opts.header = (ShzHeaderMode) ((size / 3) % 3);
  opts.max_cell_bytes = 64;
  opts.max_columns = 8;
  opts.max_rows = 16;
  opts.no_checksum = (size & 1) != 0;
  shz_fuzz_read_all (path, &opts);

  g_unlink (path);
  return 0;
}
