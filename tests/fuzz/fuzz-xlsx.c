/* fuzz-xlsx.c — libFuzzer harness: the XLSX reader (zip container, workbook, relationships,
 * shared strings, styles and a worksheet), reading every row of the first sheet and of a sheet
 * picked by name or number.  Input: a zip, or members as text (fuzz-zip.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-reader-common.h"
#include "fuzz-zip.h"

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""

static const char * const xlsx_defaults[] = {
  "xl/worksheets/sheet1.xml", NULL,
  "xl/workbook.xml",
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<workbook " NS " "
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
  "<sheet name=\"数据\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Two\" sheetId=\"2\" r:id=\"rId2\"/>"
  "</sheets></workbook>",
  "xl/_rels/workbook.xml.rels",
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
  "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
  "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
  "</Relationships>",
  "xl/sharedStrings.xml",
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sst " NS " count=\"4\" uniqueCount=\"4\">"
  "<si><t>行业</t></si><si><t>spend</t></si><si><r><t>零售</t></r><r><t>消费</t></r></si><si><t xml:space=\"preserve\"> x </t></si></sst>",
  "xl/styles.xml",
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<styleSheet " NS ">"
  "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;\"/></numFmts>"
  "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"10\"/></cellXfs>"
  "</styleSheet>",
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
  static const char *sheets[] = { "2", "Two", "数据", "0", "9" };
  g_autofree char *path = NULL;
  ShzReaderOptions opts = { 0 };

  shz_fuzz_init ();
  path = shz_fuzz_write_zip (data, size, xlsx_defaults);

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
