/* zip-fixture.h — tests write their XLSX/ODS fixtures with libgsf's zip writer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>
#include <glib.h>
#include <gsf/gsf.h>

/* Writes a zip at @path from NULL-terminated pairs: member path, then its contents
 * ("xl/worksheets/sheet1.xml", "<worksheet>…"). */
static inline void
shz_test_write_zip (const char          *path,
                    const char * const  *pairs)
{
  GError *error = NULL;
  GsfOutput *sink = gsf_output_stdio_new (path, &error);
  GsfOutfile *zip;
  GHashTable *dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *order = g_ptr_array_new ();

  g_assert_no_error (error);
  zip = gsf_outfile_zip_new (sink, &error);
  g_assert_no_error (error);

  for (guint i = 0; pairs[i]; i += 2)
    {
      char **parts = g_strsplit (pairs[i], "/", -1);
      guint n = g_strv_length (parts);
      GsfOutfile *parent = zip;
      GString *prefix = g_string_new (NULL);
      GsfOutput *child;

      for (guint j = 0; j + 1 < n; j++)
        {
          GsfOutfile *dir;

          g_string_append_printf (prefix, "%s/", parts[j]);
          dir = g_hash_table_lookup (dirs, prefix->str);
          if (dir == NULL)
            {
              dir = GSF_OUTFILE (gsf_outfile_new_child (parent, parts[j], TRUE));
              g_hash_table_insert (dirs, g_strdup (prefix->str), dir);
              g_ptr_array_add (order, dir);
            }
          parent = dir;
        }
      child = gsf_outfile_new_child (parent, parts[n - 1], FALSE);
      g_assert_true (gsf_output_write (child, strlen (pairs[i + 1]), (const guint8 *) pairs[i + 1]));
      g_assert_true (gsf_output_close (child));
      g_object_unref (child);
      g_string_free (prefix, TRUE);
      g_strfreev (parts);
    }
  for (guint i = order->len; i > 0; i--)
    {
      GsfOutput *dir = g_ptr_array_index (order, i - 1);
      gsf_output_close (dir);
      g_object_unref (dir);
    }
  g_assert_true (gsf_output_close (GSF_OUTPUT (zip)));
  g_object_unref (zip);
  gsf_output_close (sink);
  g_object_unref (sink);
  g_ptr_array_unref (order);
  g_hash_table_unref (dirs);
}

#define SHZ_TEST_XLSX_RELS \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" \
  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml\"/>" \
  "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>" \
  "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>" \
  "</Relationships>"

#define SHZ_TEST_XLSX_WORKBOOK(sheet1, sheet2) \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" \
  "<workbookPr date1904=\"false\"/><sheets>" \
  "<sheet name=\"" sheet1 "\" sheetId=\"1\" r:id=\"rId1\"/>" \
  "<sheet name=\"" sheet2 "\" sheetId=\"2\" r:id=\"rId2\"/>" \
  "</sheets></workbook>"

#define SHZ_TEST_XLSX_STYLES \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" \
  "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot; h:mm\"/></numFmts>" \
  "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>" \
  "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>" \
  "<xf numFmtId=\"4\"/><xf numFmtId=\"10\"/></cellXfs></styleSheet>"

#define SHZ_TEST_SHEET(rows) \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
  "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" \
  rows "</sheetData></worksheet>"

#define SHZ_TEST_ODS_HEAD \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
  "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" " \
  "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">" \
  "<office:body><office:spreadsheet>"
#define SHZ_TEST_ODS_TAIL "</office:spreadsheet></office:body></office:document-content>"
