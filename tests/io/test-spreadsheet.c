/* test-spreadsheet.c — the XLSX and ODS readers: values, dates, sheets, repeats, and the
 * hostile files (truncated zip, XXE, billion laughs, zip bomb, deep nesting, bad XML).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "io/shz-number.h"
#include "io/shz-reader.h"
#include "zip-fixture.h"

static char *tmpdir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static char *
dump (ShzReader *r)
{
  GString *s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char * const *header;
  const ShzRow *row;
  guint n;
  GString *body = g_string_new (NULL);

  while (shz_reader_next (r, &row, &error))
    {
      g_string_append_printf (body, "%" G_GINT64_FORMAT ":", row->line_no);
      for (guint i = 0; i < row->n_fields; i++)
        g_string_append_printf (body, "%s%s", i ? "|" : "", row->fields[i]);
      g_string_append_c (body, '\n');
    }
  g_assert_no_error (error);
  header = shz_reader_get_header (r, &n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i ? "|" : "", header[i]);
  g_string_append_c (s, '\n');
  g_string_append (s, body->str);
  g_string_free (body, TRUE);
  return g_string_free (s, FALSE);
}

/* ---- XLSX ---- */

static const char *sst =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"6\">"
  "<si><t>行业</t></si>"
  "<si><t>月份</t></si>"
  "<si><r><rPr><b/></rPr><t>零</t></r><r><t>售</t></r></si>"
  "<si><t>金额</t><rPh sb=\"0\" eb=\"2\"><t>きんがく</t></rPh></si>"
  "<si><t xml:space=\"preserve\"> a&amp;b </t></si>"
  "<si/>"
  "</sst>";

static const char *sheet1 = SHZ_TEST_SHEET (
  "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
  "<c r=\"C1\" t=\"s\"><v>3</v></c><c r=\"D1\" t=\"inlineStr\"><is><t>Flag</t></is></c>"
  "<c r=\"E1\" t=\"inlineStr\"><is><r><t>日期</t></r><r><t>2</t></r></is></c></row>"
  "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" s=\"1\"><v>43525</v></c>"
  "<c r=\"C2\" s=\"3\"><v>1234.5</v></c><c r=\"D2\" t=\"b\"><v>1</v></c>"
  "<c r=\"E2\" s=\"2\"><v>43525.5</v></c></row>"
  "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>制造</t></is></c>"
  "<c r=\"C4\"><f>A1+1</f><v>7</v></c><c r=\"E4\" t=\"str\"><f>\"x\"</f><v>text result</v></c></row>"
  "<row r=\"5\"/>"
  "<row r=\"6\"><c r=\"A6\" s=\"1\"/><c r=\"B6\" t=\"s\"><v>5</v></c></row>"
  "<row r=\"7\"><c r=\"A7\" t=\"s\"><v>4</v></c><c r=\"B7\" t=\"e\"><v>#DIV/0!</v></c>"
  "<c r=\"C7\" s=\"4\"><v>0.125</v></c><c r=\"D7\" t=\"b\"><v>0</v></c>"
  "<c r=\"E7\"><v>0.30000000000000004</v></c><c r=\"G7\"><v>-1.5E-3</v></c></row>");

static const char *sheet2 = SHZ_TEST_SHEET (
  "<row><c t=\"inlineStr\"><is><t>a</t></is></c><c t=\"inlineStr\"><is><t>b</t></is></c></row>"
  "<row><c><v>1</v></c><c><v>2</v></c></row>");

static char *
write_xlsx (const char *name,
            const char *s1,
            const char *strings)
{
  char *path = tmp_path (name);
  const char *pairs[] = {
    "[Content_Types].xml", "<Types/>",
    "xl/workbook.xml", SHZ_TEST_XLSX_WORKBOOK ("数据", "Other"),
    "xl/_rels/workbook.xml.rels", SHZ_TEST_XLSX_RELS,
    "xl/styles.xml", SHZ_TEST_XLSX_STYLES,
    "xl/sharedStrings.xml", strings,
    "xl/worksheets/sheet1.xml", s1,
    "xl/worksheets/sheet2.xml", sheet2,
    NULL
  };

  shz_test_write_zip (path, pairs);
  return path;
}

static void
test_xlsx_values (void)
{
  g_autofree char *path = write_xlsx ("values.xlsx", sheet1, sst);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzReader) r = shz_reader_open (path, NULL, &error);
  g_autofree char *text = NULL;
  const char * const *sheets;

  g_assert_no_error (error);
  g_assert_cmpint (shz_reader_get_format (r), ==, SHZ_FORMAT_XLSX);
  g_assert_cmpstr (shz_reader_get_sheet (r), ==, "数据");
  g_assert_cmpint (shz_reader_get_delimiter (r), ==, 0);
  sheets = shz_reader_get_sheets (r);
  g_assert_cmpstr (sheets[0], ==, "数据");
  g_assert_cmpstr (sheets[1], ==, "Other");
  g_assert_null (sheets[2]);
  g_assert_true (shz_reader_has_header (r));
  g_assert_nonnull (shz_reader_get_sha256 (r));

  text = dump (r);
  g_assert_cmpstr (text, ==,
                   "行业|月份|金额|Flag|日期2|F|G\n"
                   "2:零售|2019-03-01|1234.5|TRUE|2019-03-01 12:00:00\n"
                   "4:制造||7||text result\n"
                   "7: a&b |#DIV/0!|0.125|FALSE|0.30000000000000004||-1.5E-3\n");
  g_assert_cmpfloat (shz_reader_get_progress (r), ==, 1.0);
}

static void
test_xlsx_sheets (void)
{
  g_autofree char *path = write_xlsx ("sheets.xlsx", sheet1, sst);
  const char *choices[] = { "Other", "other", "2" };

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      ShzReaderOptions opts = { .sheet = choices[i] };
      g_autoptr(GError) error = NULL;
      g_autoptr(ShzReader) r = shz_reader_open (path, &opts, &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (shz_reader_get_sheet (r), ==, "Other");
      text = dump (r);
      g_assert_cmpstr (text, ==, "a|b\n2:1|2\n");
    }

  {
    ShzReaderOptions opts = { .sheet = "Nope" };
    g_autoptr(GError) error = NULL;
    g_autoptr(ShzReader) r = shz_reader_open (path, &opts, &error);

    g_assert_null (r);
    g_assert_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_NO_SHEET);
    g_assert_nonnull (strstr (error->message, "数据, Other"));
  }
}

static GError *
xlsx_error (const char             *name,
            const char             *s1,
            const char             *strings,
            const ShzReaderOptions *opts)
{
  g_autofree char *path = write_xlsx (name, s1, strings);
  GError *error = NULL;
  g_autoptr(ShzReader) r = shz_reader_open (path, opts, &error);

  if (r)
    {
      const ShzRow *row;
      while (shz_reader_next (r, &row, &error))
        ;
    }
  g_assert_nonnull (error);
  return error;
}

static void
test_xlsx_truncated (void)
{
  g_autofree char *path = write_xlsx ("truncated.xlsx", sheet1, sst);
  g_autofree char *data = NULL;
  gsize len;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzReader) r = NULL;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_true (g_file_set_contents (path, data, len / 2, NULL));
  r = shz_reader_open (path, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_CONTAINER);
  g_assert_nonnull (strstr (error->message, "truncated.xlsx"));
}

static void
test_xlsx_xxe (void)
{
  const char *xxe = "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row><c t=\"inlineStr\"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>";
  g_autoptr(GError) error = xlsx_error ("xxe.xlsx", xxe, sst, NULL);

  g_assert_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "DTD"));
  g_assert_null (strstr (error->message, "root:"));
}

static void
test_xlsx_billion_laughs (void)
{
  const char *lol = "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
    "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
    "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
    "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
    "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
    "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
    "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
    "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
    "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
    "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>\n"
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&lol9;</t></si></sst>";
  g_autoptr(GError) error = xlsx_error ("lol.xlsx", sheet1, lol, NULL);

  g_assert_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "sharedStrings.xml"));
}

static void
test_xlsx_zip_bomb (void)
{
  /* 40 MiB of blanks inflate from a few tens of KiB: over the ratio bound (32 MiB at least,
   * 100× the file), refused before anything is parsed */
  gsize n = 40 << 20;
  GString *s = g_string_sized_new (n + 256);
  g_autoptr(GError) error = NULL;
  ShzReaderOptions small = { .max_inflated = 1 << 20 };

  g_string_append (s, "<?xml version=\"1.0\"?><worksheet><sheetData><row><c><v>1</v></c></row>");
  g_string_set_size (s, n);
  memset (s->str + strlen ("<?xml version=\"1.0\"?><worksheet><sheetData><row><c><v>1</v></c></row>"),
          ' ', n - strlen ("<?xml version=\"1.0\"?><worksheet><sheetData><row><c><v>1</v></c></row>"));
  g_string_append (s, "</sheetData></worksheet>");

  error = xlsx_error ("bomb.xlsx", s->str, sst, NULL);
  g_assert_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "zip bomb"));
  g_clear_error (&error);

  /* a configured bound applies to every part, however honest */
  {
    GString *big = g_string_new ("<worksheet><sheetData>");
    for (int i = 0; i < 40000; i++)
      g_string_append_printf (big, "<row><c><v>%d</v></c></row>", i);
    g_string_append (big, "</sheetData></worksheet>");
    error = xlsx_error ("bomb3.xlsx", big->str, sst, &small);
    g_assert_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_TOO_LARGE);
    g_string_free (big, TRUE);
  }
  g_string_free (s, TRUE);
}

static void
test_xlsx_deep (void)
{
  GString *s = g_string_new ("<worksheet><sheetData><row><c><v>1</v></c></row>");
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 200; i++)
    g_string_append (s, "<x>");
  for (int i = 0; i < 200; i++)
    g_string_append (s, "</x>");
  g_string_append (s, "</sheetData></worksheet>");
  error = xlsx_error ("deep.xlsx", s->str, sst, NULL);
  g_assert_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_REFUSED);
  g_string_free (s, TRUE);
}

static void
test_xlsx_malformed (void)
{
  g_autoptr(GError) e1 = xlsx_error ("bad.xlsx",
                                     "<worksheet><sheetData><row><c><v>1</v></row></sheetData>",
                                     sst, NULL);
  g_autoptr(GError) e2 = xlsx_error ("badsst.xlsx", SHZ_TEST_SHEET (
                                       "<row><c t=\"inlineStr\"><is><t>h</t></is></c></row>"
                                       "<row><c t=\"s\"><v>99</v></c></row>"), sst, NULL);

  g_assert_error (e1, SHZ_IO_ERROR, SHZ_IO_ERROR_SYNTAX);
  g_assert_nonnull (strstr (e1->message, "sheet1.xml"));
  g_assert_error (e2, SHZ_IO_ERROR, SHZ_IO_ERROR_SYNTAX);
  g_assert_nonnull (strstr (e2->message, "row 2"));
}

static void
test_xlsx_bounds (void)
{
  ShzReaderOptions few = { .max_columns = 3 };
  g_autoptr(GError) e1 = xlsx_error ("wide.xlsx", SHZ_TEST_SHEET (
                                       "<row><c r=\"A1\"><v>1</v></c><c r=\"XFD1\"><v>2</v></c></row>"),
                                     sst, &few);

  g_assert_error (e1, SHZ_IO_ERROR, SHZ_IO_ERROR_TOO_LARGE);
}

static void
test_not_spreadsheet (void)
{
  g_autofree char *path = tmp_path ("other.zip");
  const char *pairs[] = { "readme.txt", "hello", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzReader) r = NULL;

  shz_test_write_zip (path, pairs);
  r = shz_reader_open (path, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_UNSUPPORTED);
}

/* ---- ODS ---- */

static const char *ods_tables =
  "<table:table table:name=\"Sheet1\">"
  "<table:table-column table:number-columns-repeated=\"1024\"/>"
  "<table:table-row>"
  "<table:table-cell office:value-type=\"string\"><text:p>行业</text:p></table:table-cell>"
  "<table:table-cell office:value-type=\"string\"><text:p>月份</text:p></table:table-cell>"
  "<table:table-cell office:value-type=\"string\"><text:p>金额</text:p></table:table-cell>"
  "<table:table-cell office:value-type=\"string\"><text:p>备注</text:p></table:table-cell>"
  "<table:table-cell table:number-columns-repeated=\"1020\"/>"
  "</table:table-row>"
  "<table:table-row table:number-rows-repeated=\"2\">"
  "<table:table-cell office:value-type=\"string\"><text:p>零售</text:p></table:table-cell>"
  "<table:table-cell office:value-type=\"date\" office:date-value=\"2019-03-01\"><text:p>2019/3/1</text:p></table:table-cell>"
  "<table:table-cell office:value-type=\"float\" office:value=\"1234.5\"><text:p>1,234.50</text:p></table:table-cell>"
  "<table:table-cell office:value-type=\"string\"><text:p>a<text:s text:c=\"2\"/>b</text:p>"
  "<text:p>second <text:span>line</text:span></text:p>"
  "<office:annotation><text:p>a comment</text:p></office:annotation></table:table-cell>"
  "<table:table-cell table:number-columns-repeated=\"1020\"/>"
  "</table:table-row>"
  "<table:table-row table:number-rows-repeated=\"1048570\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>"
  "<table:table-row>"
  "<table:table-cell table:number-columns-repeated=\"2\" office:value-type=\"boolean\" office:boolean-value=\"true\"><text:p>TRUE</text:p></table:table-cell>"
  "<table:covered-table-cell table:number-columns-repeated=\"3\"/>"
  "<table:table-cell office:value-type=\"percentage\" office:value=\"0.125\"><text:p>12.5%</text:p></table:table-cell>"
  "<table:table-cell office:value-type=\"date\" office:date-value=\"2020-01-02T10:30:00\"><text:p>x</text:p></table:table-cell>"
  "<table:table-cell table:number-columns-repeated=\"16000\"/>"
  "</table:table-row>"
  "<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>"
  "</table:table>"
  "<table:table table:name=\"第二页\">"
  "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>"
  "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"1\"><text:p>1</text:p></table:table-cell></table:table-row>"
  "</table:table>";

static char *
write_ods (const char *name,
           const char *tables)
{
  char *path = tmp_path (name);
  g_autofree char *content = g_strconcat (SHZ_TEST_ODS_HEAD, tables, SHZ_TEST_ODS_TAIL, NULL);
  const char *pairs[] = {
    "mimetype", "application/vnd.oasis.opendocument.spreadsheet",
    "content.xml", content,
    "META-INF/manifest.xml", "<manifest/>",
    NULL
  };

  shz_test_write_zip (path, pairs);
  return path;
}

static void
test_ods_values (void)
{
  g_autofree char *path = write_ods ("values.ods", ods_tables);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzReader) r = shz_reader_open (path, NULL, &error);
  g_autofree char *text = NULL;
  const char * const *sheets;

  g_assert_no_error (error);
  g_assert_cmpint (shz_reader_get_format (r), ==, SHZ_FORMAT_ODS);
  g_assert_cmpstr (shz_reader_get_sheet (r), ==, "Sheet1");
  sheets = shz_reader_get_sheets (r);
  g_assert_cmpstr (sheets[0], ==, "Sheet1");
  g_assert_cmpstr (sheets[1], ==, "第二页");
  g_assert_null (sheets[2]);
  text = dump (r);
  /* the repeated data row is expanded; the million empty rows and the trailing empty cells
   * are not */
  g_assert_cmpstr (text, ==,
                   "行业|月份|金额|备注|E|F|G\n"
                   "2:零售|2019-03-01|1234.5|a  b\nsecond line\n"
                   "3:零售|2019-03-01|1234.5|a  b\nsecond line\n"
                   "1048574:TRUE|TRUE||||0.125|2020-01-02 10:30:00\n");
}

static void
test_ods_sheets (void)
{
  g_autofree char *path = write_ods ("sheets.ods", ods_tables);
  const char *choices[] = { "第二页", "2" };

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      ShzReaderOptions opts = { .sheet = choices[i] };
      g_autoptr(GError) error = NULL;
      g_autoptr(ShzReader) r = shz_reader_open (path, &opts, &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (shz_reader_get_sheet (r), ==, "第二页");
      text = dump (r);
      g_assert_cmpstr (text, ==, "x\n2:1\n");
    }
  {
    ShzReaderOptions opts = { .sheet = "3" };
    g_autoptr(GError) error = NULL;
    g_autoptr(ShzReader) r = shz_reader_open (path, &opts, &error);

    g_assert_null (r);
    g_assert_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_NO_SHEET);
  }
}

static GError *
ods_error (const char             *name,
           const char             *tables,
           const ShzReaderOptions *opts)
{
  g_autofree char *path = write_ods (name, tables);
  GError *error = NULL;
  g_autoptr(ShzReader) r = shz_reader_open (path, opts, &error);

  if (r)
    {
      const ShzRow *row;
      while (shz_reader_next (r, &row, &error))
        ;
    }
  g_assert_nonnull (error);
  return error;
}

static void
test_ods_bounds (void)
{
  ShzReaderOptions opts = { .max_rows = 1000 };
  /* data repeated over many columns or rows is a bound error, not an allocation */
  g_autoptr(GError) e1 = ods_error ("widecells.ods",
    "<table:table table:name=\"t\"><table:table-row>"
    "<table:table-cell office:value-type=\"float\" office:value=\"1\" table:number-columns-repeated=\"100000\"/>"
    "</table:table-row></table:table>", NULL);
  g_autoptr(GError) e2 = ods_error ("longrows.ods",
    "<table:table table:name=\"t\"><table:table-row table:number-rows-repeated=\"1000000000\">"
    "<table:table-cell office:value-type=\"float\" office:value=\"1\"/>"
    "</table:table-row></table:table>", &opts);
  g_autoptr(GError) e3 = ods_error ("empty.ods",
    "<table:table table:name=\"t\"><table:table-row table:number-rows-repeated=\"1000000\">"
    "<table:table-cell table:number-columns-repeated=\"1024\"/>"
    "</table:table-row></table:table>", NULL);

  g_assert_error (e1, SHZ_IO_ERROR, SHZ_IO_ERROR_TOO_LARGE);
  g_assert_error (e2, SHZ_IO_ERROR, SHZ_IO_ERROR_TOO_LARGE);
  g_assert_error (e3, SHZ_IO_ERROR, SHZ_IO_ERROR_EMPTY);
}

static void
test_ods_xxe (void)
{
  g_autofree char *path = tmp_path ("xxe.ods");
  const char *pairs[] = {
    "mimetype", "application/vnd.oasis.opendocument.spreadsheet",
    "content.xml", "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                   "<office:document-content>&e;</office:document-content>",
    NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzReader) r = NULL;

  shz_test_write_zip (path, pairs);
  r = shz_reader_open (path, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_REFUSED);
}

/* Files written by a real spreadsheet program (gnumeric's ssconvert, from usage-20.csv) read as
 * the same table as the CSV: text identical, numbers equal, months as dates of that month. */
static void
test_real_writers (void)
{
  const char *names[] = { "usage-20-gnumeric.xlsx", "usage-20-gnumeric.ods" };
  g_autofree char *csv_path = g_build_filename (SHZ_TEST_DATADIR, "usage-20.csv", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (SHZ_TEST_DATADIR, names[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(ShzReader) csv = shz_reader_open (csv_path, NULL, &error);
      g_autoptr(ShzReader) sheet = NULL;
      const char * const *h1, * const *h2;
      guint n1, n2;
      gint64 rows = 0;

      g_assert_no_error (error);
      sheet = shz_reader_open (path, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (shz_reader_get_sheet (sheet), ==, "usage-20.csv");
      h1 = shz_reader_get_header (csv, &n1);
      h2 = shz_reader_get_header (sheet, &n2);
      g_assert_cmpuint (n1, ==, n2);
      for (guint c = 0; c < n1; c++)
        g_assert_cmpstr (h1[c], ==, h2[c]);

      for (;;)
        {
          g_autoptr(GPtrArray) a = NULL;
          g_autoptr(GPtrArray) b = NULL;
          gboolean more = shz_reader_next_strv (csv, &a, &error);

          g_assert_no_error (error);
          g_assert_cmpint (more, ==, shz_reader_next_strv (sheet, &b, &error));
          g_assert_no_error (error);
          if (!more)
            break;
          rows++;
          g_assert_cmpuint (a->len, ==, b->len);
          for (guint c = 0; c < a->len; c++)
            {
              const char *x = g_ptr_array_index (a, c), *y = g_ptr_array_index (b, c);
              double dx, dy;

              if (c == 4)
                g_assert_true (g_str_has_prefix (y, x));      /* 2019-01 → 2019-01-01 */
              else if (c == 7)
                {
                  g_assert_true (shz_number_parse (x, &dx, NULL));
                  g_assert_true (shz_number_parse (y, &dy, NULL));
                  g_assert_cmpfloat (dx, ==, dy);
                }
              else
                g_assert_cmpstr (x, ==, y);
            }
        }
      g_assert_cmpint (rows, ==, 20);
    }
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("shz-test-sheet-XXXXXX", NULL);

  g_test_add_func ("/io/xlsx/values", test_xlsx_values);
  g_test_add_func ("/io/xlsx/sheets", test_xlsx_sheets);
  g_test_add_func ("/io/xlsx/truncated-zip", test_xlsx_truncated);
  g_test_add_func ("/io/xlsx/xxe", test_xlsx_xxe);
  g_test_add_func ("/io/xlsx/billion-laughs", test_xlsx_billion_laughs);
  g_test_add_func ("/io/xlsx/zip-bomb", test_xlsx_zip_bomb);
  g_test_add_func ("/io/xlsx/deep-nesting", test_xlsx_deep);
  g_test_add_func ("/io/xlsx/malformed", test_xlsx_malformed);
  g_test_add_func ("/io/xlsx/bounds", test_xlsx_bounds);
  g_test_add_func ("/io/zip/not-a-spreadsheet", test_not_spreadsheet);
  g_test_add_func ("/io/ods/values", test_ods_values);
  g_test_add_func ("/io/ods/sheets", test_ods_sheets);
  g_test_add_func ("/io/ods/bounds", test_ods_bounds);
  g_test_add_func ("/io/ods/xxe", test_ods_xxe);
  g_test_add_func ("/io/real-writers/gnumeric", test_real_writers);

  ret = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *p = g_build_filename (tmpdir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (tmpdir);
    g_free (tmpdir);
  }
  return ret;
}
