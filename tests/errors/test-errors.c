/* test-errors.c — every class of bad input in docs/errors.md, produced the way a user meets it
 * (`shuzhi inspect/import/list/check/new`, or the C API where no command reaches it): its error
 * domain and code, a key part of its message, and the exit status of the command.
 * Case paths are the table's class ids: /errors/<domain>/<class>[/<variant>].
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "analysis/shz-catalogue.h"
#include "analysis/shz-import.h"
#include "io/shz-catalogue-reader.h"
#include "io/shz-reader.h"
#include "store/shz-store.h"
#include "../fuzz/zip-writer.h"

static char *tmpdir;

/* ---- fixtures ---- */

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static char *
write_file (const char *name,
            const char *data,
            gssize      len)
{
  char *path = tmp_path (name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len < 0 ? (gssize) strlen (data) : len, &error);
  g_assert_no_error (error);
  return path;
}

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define WORKBOOK \
  "<workbook " NS " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" \
  "<sheets><sheet name=\"数据\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define RELS \
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" \
  "</Relationships>"
#define SHEET(rows) "<worksheet " NS "><sheetData>" rows "</sheetData></worksheet>"
#define GOOD_ROWS "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>行业</t></is></c></row>" \
                  "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>零售</t></is></c></row>"

/* An XLSX with one sheet "数据" whose XML is @sheet (NULL: no sheet part at all). */
static char *
write_xlsx (const char *name,
            const char *sheet)
{
  char *path = tmp_path (name);
  ShzFuzzMember m[] = {
    { (char *) "xl/workbook.xml", WORKBOOK, strlen (WORKBOOK) },
    { (char *) "xl/_rels/workbook.xml.rels", RELS, strlen (RELS) },
    { (char *) "xl/worksheets/sheet1.xml", sheet, sheet ? strlen (sheet) : 0 },
  };

  shz_fuzz_zip_write (path, m, sheet ? 3 : 2);
  return path;
}

#define ODS_HEAD \
  "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
  "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" " \
  "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet>"
#define ODS_TAIL "</office:spreadsheet></office:body></office:document-content>"

static char *
write_ods (const char *name,
           const char *content)
{
  char *path = tmp_path (name);
  ShzFuzzMember m[] = {
    { (char *) "mimetype", "application/vnd.oasis.opendocument.spreadsheet", 46 },
    { (char *) "content.xml", content, strlen (content) },
  };

  shz_fuzz_zip_write (path, m, 2);
  return path;
}

/* A fresh store @name with one engagement "E" (and the schema of this build). */
static char *
make_store (const char *name)
{
  char *path = tmp_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  g_autoptr(ShzEngagement) e = shz_engagement_new ();

  g_unlink (path);
  store = shz_store_open (path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  e->name = g_strdup ("E");
  g_assert_cmpint (shz_store_create_engagement (store, e, &error), >, 0);
  g_assert_no_error (error);
  return path;
}

static void
sql (const char *path,
     const char *statements)
{
  sqlite3 *db = NULL;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, statements, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", statements, msg);
  sqlite3_close (db);
}

/* ---- running the command ---- */

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_argv (Run                *r,
          const char * const *args,
          const char * const *env)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exe = g_build_filename (g_getenv ("SHZ_BUILD_ROOT"), "src", "shuzhi", NULL);

  g_ptr_array_add (argv, exe);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  for (guint i = 0; env && env[i]; i += 2)
    if (env[i + 1] != NULL)
      g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
    else
      g_subprocess_launcher_unsetenv (launcher, env[i]);
  g_subprocess_launcher_set_cwd (launcher, tmpdir);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));   /* never a signal */
  r->status = g_subprocess_get_exit_status (proc);
}

/* Runs `shuzhi ARGS…` and checks the exit status and that stderr holds @needle. */
#define expect_cli(status, needle, ...) \
  expect_cli_argv (status, needle, (const char * const []) { __VA_ARGS__, NULL })

static void
expect_cli_argv (int                 status,
                 const char         *needle,
                 const char * const *args)
{
  g_auto(Run) r = { 0 };

  run_argv (&r, args, NULL);
  if (r.status != status || (needle && strstr (r.err, needle) == NULL))
    g_error ("shuzhi %s …: exit %d (expected %d), stderr: %s (expected “%s”)",
             args[0], r.status, status, r.err, needle ? needle : "");
}

/* ---- readers ---- */

/* Opens @path and reads every row; the first error must be @code with @needle in it. */
static void
expect_reader (const char             *path,
               const ShzReaderOptions *opts,
               int                     code,
               const char             *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzReader) reader = shz_reader_open (path, opts, &error);
  const ShzRow *row;

  if (reader != NULL)
    while (shz_reader_next (reader, &row, &error))
      ;
  g_assert_error (error, SHZ_IO_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, needle);
}

static void
test_io_open (void)
{
  g_autofree char *missing = tmp_path ("missing.csv");
  g_autofree char *dir = tmp_path ("a-folder.csv");

  expect_reader (missing, NULL, SHZ_IO_ERROR_OPEN, "missing.csv: cannot open: ");
  expect_cli (1, "missing.csv: cannot open: ", "inspect", "missing.csv");
  g_mkdir (dir, 0755);
  expect_reader (dir, NULL, SHZ_IO_ERROR_OPEN, "a-folder.csv: not a regular file");
  expect_cli (1, "a-folder.csv: not a regular file", "inspect", "a-folder.csv");
}

static void
test_io_empty (void)
{
  g_autofree char *zero = write_file ("zero.csv", "", 0);
  g_autofree char *blank = write_file ("blank.csv", "\n  \n , ,\n\r\n", -1);

  expect_reader (zero, NULL, SHZ_IO_ERROR_EMPTY, "zero.csv: the file is empty");
  expect_cli (1, "zero.csv: the file is empty", "inspect", "zero.csv");
  expect_reader (blank, NULL, SHZ_IO_ERROR_EMPTY, "blank.csv: the file contains no rows");
  expect_cli (1, "blank.csv: the file contains no rows", "inspect", "blank.csv");
}

static void
test_io_encoding (void)
{
  g_autofree char *bad = write_file ("bad-byte.csv", "行业,金额\n零售,\xff\n", -1);
  g_autofree char *nul = write_file ("nul.csv", "a,b\n1,\0002\n", 9);
  ShzReaderOptions utf8 = { .encoding = "UTF-8" };

  expect_reader (bad, &utf8, SHZ_IO_ERROR_ENCODING,
                 "bad-byte.csv: line 2: byte 0xFF is not valid UTF-8; choose the file's encoding");
  expect_cli (1, "line 2: byte 0xFF is not valid UTF-8", "inspect", "bad-byte.csv", "--encoding", "UTF-8");
  expect_reader (nul, NULL, SHZ_IO_ERROR_ENCODING, "nul.csv: line 2: a NUL byte: this is not a text file");
  expect_cli (1, "line 2: a NUL byte", "inspect", "nul.csv");
}

static void
test_io_syntax (void)
{
  g_autofree char *quote = write_file ("quote.csv", "a,b\n1,2\n3,\"open\n4,5\n", -1);
  g_autofree char *xml = write_xlsx ("broken.xlsx", "<worksheet " NS "><sheetData><row><c></row>");
  g_autofree char *sst = write_xlsx ("sst.xlsx", SHEET ("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>"));

  expect_reader (quote, NULL, SHZ_IO_ERROR_SYNTAX, "quote.csv: line 3: a quoted field is never closed");
  expect_cli (1, "line 3: a quoted field is never closed", "inspect", "quote.csv");
  expect_reader (xml, NULL, SHZ_IO_ERROR_SYNTAX, "broken.xlsx: xl/worksheets/sheet1.xml: ");
  expect_cli (1, "broken.xlsx: xl/worksheets/sheet1.xml: ", "inspect", "broken.xlsx");
  expect_reader (sst, NULL, SHZ_IO_ERROR_SYNTAX, "sst.xlsx: row 1: a shared string index (7) is out of range");
  expect_cli (1, "a shared string index (7) is out of range", "inspect", "sst.xlsx");
}

static void
test_io_container (void)
{
  g_autofree char *trunc = write_file ("truncated.xlsx", "PK\3\4\24\0\0\0\10\0garbage", 18);
  g_autofree char *nopart = write_xlsx ("no-sheet-part.xlsx", NULL);

  expect_reader (trunc, NULL, SHZ_IO_ERROR_CONTAINER, "truncated.xlsx: damaged or truncated zip archive");
  expect_cli (1, "truncated.xlsx: damaged or truncated zip archive", "inspect", "truncated.xlsx");
  expect_reader (nopart, NULL, SHZ_IO_ERROR_CONTAINER,
                 "no-sheet-part.xlsx: the part xl/worksheets/sheet1.xml is missing");
  expect_cli (1, "the part xl/worksheets/sheet1.xml is missing", "inspect", "no-sheet-part.xlsx");
}

static void
test_io_no_sheet (void)
{
  g_autofree char *xlsx = write_xlsx ("book.xlsx", SHEET (GOOD_ROWS));
  g_autofree char *ods = write_ods ("book.ods", ODS_HEAD "<table:table table:name=\"Data\"><table:table-row>"
                                    "<table:table-cell><text:p>x</text:p></table:table-cell></table:table-row>"
                                    "</table:table>" ODS_TAIL);
  g_autofree char *none = write_ods ("none.ods", ODS_HEAD ODS_TAIL);
  ShzReaderOptions nope = { .sheet = "Nope" };

  expect_reader (xlsx, &nope, SHZ_IO_ERROR_NO_SHEET, "book.xlsx: no sheet “Nope”; the sheets are: 数据");
  expect_cli (1, "no sheet “Nope”; the sheets are: 数据", "inspect", "book.xlsx", "--sheet", "Nope");
  expect_reader (ods, &nope, SHZ_IO_ERROR_NO_SHEET, "book.ods: no sheet “Nope”; the sheets are: Data");
  expect_cli (1, "no sheet “Nope”; the sheets are: Data", "inspect", "book.ods", "--sheet", "Nope");
  expect_reader (none, NULL, SHZ_IO_ERROR_NO_SHEET, "none.ods: the spreadsheet has no sheets");
  expect_cli (1, "none.ods: the spreadsheet has no sheets", "inspect", "none.ods");
}

static void
test_io_too_large_cell (void)
{
  g_autoptr(GString) s = g_string_new ("a,b\n1,");
  g_autofree char *path = NULL;

  g_string_append_len (s, "", 0);
  while (s->len < SHZ_READER_DEFAULT_MAX_CELL + 16)
    g_string_append (s, "0123456789abcdef");
  g_string_append_c (s, '\n');
  path = write_file ("big-cell.csv", s->str, s->len);
  expect_reader (path, NULL, SHZ_IO_ERROR_TOO_LARGE, "big-cell.csv: line 2: a cell is larger than the limit");
  expect_cli (1, "line 2: a cell is larger than the limit", "inspect", "big-cell.csv");
}

static void
test_io_too_large_columns (void)
{
  g_autoptr(GString) s = g_string_new ("a\n");
  g_autofree char *path = NULL;

  for (guint i = 0; i <= SHZ_READER_DEFAULT_MAX_COLUMNS; i++)
    g_string_append (s, "1,");
  g_string_append_c (s, '\n');
  path = write_file ("wide.csv", s->str, s->len);
  expect_reader (path, NULL, SHZ_IO_ERROR_TOO_LARGE, "wide.csv: line 2: more than 4096 columns");
  expect_cli (1, "line 2: more than 4096 columns", "inspect", "wide.csv");
}

static void
test_io_too_large_row (void)
{
  g_autofree char *cell = g_strnfill (1000 * 1000, 'x');
  g_autoptr(GString) s = g_string_new ("a\n");
  g_autofree char *path = NULL;

  /* 40 cells of a million bytes: each under the cell bound, the row over its 32 MiB */
  for (int i = 0; i < 40; i++)
    {
      g_string_append (s, cell);
      g_string_append_c (s, ',');
    }
  g_string_append_c (s, '\n');
  path = write_file ("long-row.csv", s->str, s->len);
  expect_reader (path, NULL, SHZ_IO_ERROR_TOO_LARGE, "long-row.csv: line 2: a row is larger than the limit (32 MiB)");
}

static void
test_io_too_large_rows (void)
{
  g_autofree char *path = write_file ("rows.csv", "a\n1\n2\n3\n", -1);
  ShzReaderOptions opts = { .max_rows = 2 };

  /* 50 million rows is the default bound: the C API lowers it to show the error */
  expect_reader (path, &opts, SHZ_IO_ERROR_TOO_LARGE, "rows.csv: line 4: more than 2 rows");
}

static void
test_io_too_large_inflated (void)
{
  g_autoptr(GString) s = g_string_new ("<worksheet " NS "><sheetData>");
  g_autofree char *path = NULL;
  ShzReaderOptions opts = { .max_inflated = 1 << 20 };

  while (s->len < (2 << 20))
    g_string_append (s, "<row><c><v>1</v></c></row>");
  g_string_append (s, "</sheetData></worksheet>");
  path = write_xlsx ("bomb.xlsx", s->str);
  /* the default bound is 2 GiB inflated; the C API lowers it to 1 MiB */
  expect_reader (path, &opts, SHZ_IO_ERROR_TOO_LARGE,
                 "bomb.xlsx: xl/worksheets/sheet1.xml: more than 1 MiB when uncompressed; refused (a zip bomb?)");
}

static void
test_io_refused (void)
{
  g_autofree char *dtd = write_xlsx ("dtd.xlsx", "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY x \"y\">]>"
                                     SHEET (GOOD_ROWS));
  g_autoptr(GString) deep = g_string_new ("<worksheet " NS "><sheetData><row><c><v>");
  g_autofree char *deep_path = NULL;

  expect_reader (dtd, NULL, SHZ_IO_ERROR_REFUSED, "dtd.xlsx: xl/worksheets/sheet1.xml: contains a document type declaration");
  expect_cli (1, "contains a document type declaration", "inspect", "dtd.xlsx");

  for (int i = 0; i < 300; i++)
    g_string_append (deep, "<x>");
  g_string_append (deep, "1");
  for (int i = 0; i < 300; i++)
    g_string_append (deep, "</x>");
  g_string_append (deep, "</v></c></row></sheetData></worksheet>");
  deep_path = write_xlsx ("deep.xlsx", deep->str);
  expect_reader (deep_path, NULL, SHZ_IO_ERROR_REFUSED, "deep.xlsx: xl/worksheets/sheet1.xml: elements nested too deeply");
  expect_cli (1, "elements nested too deeply", "inspect", "deep.xlsx");
}

static void
test_io_unsupported (void)
{
  g_autofree char *csv = write_file ("plain.csv", "a,b\n1,2\n", -1);
  g_autofree char *zip = tmp_path ("other.zip");
  ShzFuzzMember m[] = { { (char *) "readme.txt", "hello", 5 } };
  ShzReaderOptions opts = { .encoding = "NO-SUCH-ENCODING" };

  expect_reader (csv, &opts, SHZ_IO_ERROR_UNSUPPORTED, "Unknown encoding “NO-SUCH-ENCODING”");
  expect_cli (1, "Unknown encoding “NO-SUCH-ENCODING”", "inspect", "plain.csv", "--encoding", "NO-SUCH-ENCODING");
  shz_fuzz_zip_write (zip, m, 1);
  expect_reader (zip, NULL, SHZ_IO_ERROR_UNSUPPORTED,
                 "other.zip: a zip archive that is neither an XLSX workbook nor an ODS spreadsheet");
  expect_cli (1, "neither an XLSX workbook nor an ODS spreadsheet", "inspect", "other.zip");
}

/* ---- import ---- */

#define USAGE_HEADER "企业编号,行业,月份,产品类别,消费金额\n"

static void
test_import_mapping (void)
{
  g_autofree char *store = make_store ("import-mapping.shuzhi");
  g_autofree char *csv = write_file ("industry-only.csv", "行业,金额\n零售,1\n", -1);
  g_autofree char *usage = write_file ("usage.csv", USAGE_HEADER "E1,零售,2019,IaaS,1\n", -1);

  expect_cli (1, "industry-only.csv: no column for the required field(s) enterprise_id",
              "import", "import-mapping.shuzhi", "industry-only.csv", "--engagement", "E", "--kind", "usage");
  expect_cli (1, "--map Nope=spend: there is no column “Nope”; the columns are: 企业编号",
              "import", "import-mapping.shuzhi", "usage.csv", "--engagement", "E", "--kind", "usage",
              "--map", "Nope=spend");
  expect_cli (1, "“nope” is not a field of usage data; the fields are: ",
              "import", "import-mapping.shuzhi", "usage.csv", "--engagement", "E", "--kind", "usage",
              "--map", "行业=nope");
}

static void
test_import_no_rows (void)
{
  g_autofree char *store = make_store ("import-norows.shuzhi");
  g_autofree char *csv = write_file ("header-only.csv", USAGE_HEADER, -1);

  expect_cli (1, "header-only.csv: there are no data rows below the header",
              "import", "import-norows.shuzhi", "header-only.csv", "--engagement", "E", "--kind", "usage");
}

static void
test_import_all_rejected (void)
{
  g_autofree char *store = make_store ("import-rejected.shuzhi");
  g_autofree char *csv = write_file ("all-bad.csv", USAGE_HEADER "E1,零售,2019,Cloud,1\nE2,金融,2019,IaaS,lots\n", -1);

  expect_cli (1, "all-bad.csv: all 2 rows were rejected, e.g. line 2, column 产品类别: “Cloud” is not a product category",
              "import", "import-rejected.shuzhi", "all-bad.csv", "--engagement", "E", "--kind", "usage");
}

/* Row-level rejections: the import goes on (exit 0); each row's reason names the column. */
static void
test_import_rejections (void)
{
  g_autofree char *path = make_store ("import-rows.shuzhi");
  g_autofree char *usage = write_file ("usage-rows.csv", USAGE_HEADER
                                       "E1,零售,2019-01,IaaS,12.5\n"          /* line 2: good */
                                       "E2,零售,2019-01,IaaS,12..5\n"         /* 3: number */
                                       "E3,零售,19年,IaaS,1\n"                /* 4: period */
                                       "E4,零售,2019,Cloud,1\n"               /* 5: category */
                                       ",零售,2019,IaaS,1\n"                  /* 6: empty required */
                                       "E6,零售,2019,IaaS,1,extra\n",         /* 7: wider than header */
                                       -1);
  g_autofree char *links = write_file ("links-rows.csv", "source,target,weight,type,state\n"
                                       "零售,消费者,1,交易,现状\n"             /* 2: good */
                                       "火星,消费者,1,交易,现状\n"             /* 3: node */
                                       "零售,消费者,1,闲聊,现状\n"             /* 4: link type */
                                       "零售,消费者,1,交易,梦想\n",            /* 5: state */
                                       -1);
  g_autofree char *positions = write_file ("positions-rows.csv", "entity,maturity,innovation,is_client\n"
                                           "A,1,2,yes\n"                         /* 2: good */
                                           "B,1,2,perhaps\n",                    /* 3: boolean */
                                           -1);
  static const struct {
    const char *file;
    ShzDatasetKind kind;
    gint64 line;
    const char *column;
    const char *reason;
  } expected[] = {
    { "usage-rows.csv", SHZ_KIND_USAGE, 3, "消费金额", "“12..5” is not a number" },
    { "usage-rows.csv", SHZ_KIND_USAGE, 4, "月份", "“19年” is not a period (expected YYYY, YYYY-MM or YYYY-Qn)" },
    { "usage-rows.csv", SHZ_KIND_USAGE, 5, "产品类别", "“Cloud” is not a product category" },
    { "usage-rows.csv", SHZ_KIND_USAGE, 6, "企业编号", "enterprise_id is empty but required" },
    { "usage-rows.csv", SHZ_KIND_USAGE, 7, NULL, "the row has 6 cells but the header only 5 columns" },
    { "links-rows.csv", SHZ_KIND_LINKS, 3, "source", "“火星” is not a value-network node" },
    { "links-rows.csv", SHZ_KIND_LINKS, 4, "type", "“闲聊” is not a link type" },
    { "links-rows.csv", SHZ_KIND_LINKS, 5, "state", "“梦想” is not a state (现状/as-is, 目标/to-be)" },
    { "positions-rows.csv", SHZ_KIND_POSITIONS, 3, "is_client", "“perhaps” is not yes or no" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (path, SHZ_STORE_OPEN_DEFAULT, &error);
  g_autoptr(ShzEngagement) e = NULL;

  g_assert_no_error (error);
  e = shz_store_find_engagement (store, "E", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *file = tmp_path (expected[i].file);
      g_autoptr(ShzImportResult) res = NULL;
      ShzImportOptions opts = { 0 };
      gboolean found = FALSE;

      opts.kind = expected[i].kind;
      opts.engagement_id = e->id;
      opts.dataset_name = NULL;
      res = shz_import_file (store, file, &opts, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (res->accepted, ==, 1);
      for (guint k = 0; k < res->rejections->len; k++)
        {
          ShzRejection *r = g_ptr_array_index (res->rejections, k);

          if (r->line_no != expected[i].line)
            continue;
          found = TRUE;
          g_assert_cmpstr (r->column, ==, expected[i].column);
          if (strstr (r->reason, expected[i].reason) == NULL)
            g_error ("%s line %" G_GINT64_FORMAT ": “%s” does not contain “%s”",
                     expected[i].file, r->line_no, r->reason, expected[i].reason);
        }
      if (!found)
        g_error ("%s: no rejection of line %" G_GINT64_FORMAT, expected[i].file, expected[i].line);
    }

  /* and the command (with the store closed: an open one is locked against other writers):
   * exit 0, each rejection on stdout with its line and column */
  g_clear_pointer (&store, shz_store_free);
  {
    g_auto(Run) r = { 0 };
    const char *args[] = { "import", "import-rows.shuzhi", "usage-rows.csv", "--engagement", "E",
                           "--kind", "usage", "--dataset", "cli", NULL };

    run_argv (&r, args, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "rejected line 3, column “消费金额”: spend: “12..5” is not a number"));
    g_assert_nonnull (strstr (r.out, "rejected line 7: the row has 6 cells but the header only 5 columns"));
  }
}

/* ---- store ---- */

static void
expect_store_open (const char *path,
                   int         code,
                   const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (path, SHZ_STORE_OPEN_READ_ONLY, &error);

  g_assert_null (store);
  g_assert_error (error, SHZ_STORE_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, needle);
}

static void
test_store_not_found (void)
{
  g_autofree char *path = tmp_path ("nowhere.shuzhi");

  expect_store_open (path, SHZ_STORE_ERROR_NOT_FOUND, "nowhere.shuzhi”: No such file or directory");
  expect_cli (1, "nowhere.shuzhi”: No such file or directory", "list", "nowhere.shuzhi");
  expect_cli (1, "nowhere.shuzhi”: No such file or directory", "check", "nowhere.shuzhi");
}

static void
test_store_empty (void)
{
  g_autofree char *path = write_file ("zero.shuzhi", "", 0);

  expect_store_open (path, SHZ_STORE_ERROR_EMPTY, "zero.shuzhi” is empty: it is not a Shuzhi store");
  expect_cli (1, "is empty: it is not a Shuzhi store", "list", "zero.shuzhi");
}

static void
test_store_not_sqlite (void)
{
  g_autofree char *text = write_file ("notes.shuzhi", "行业,金额\n零售,1\n", -1);
  g_autofree char *dir = tmp_path ("folder.shuzhi");

  expect_store_open (text, SHZ_STORE_ERROR_NOT_SQLITE, "notes.shuzhi” is not a Shuzhi store: it is not a database file");
  expect_cli (1, "is not a Shuzhi store: it is not a database file", "list", "notes.shuzhi");
  g_mkdir (dir, 0755);
  expect_store_open (dir, SHZ_STORE_ERROR_NOT_SQLITE, "folder.shuzhi” is not a file");
  expect_cli (1, "folder.shuzhi” is not a file", "check", "folder.shuzhi");
}

static void
test_store_wrong_app (void)
{
  g_autofree char *path = tmp_path ("other-app.shuzhi");

  sql (path, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  expect_store_open (path, SHZ_STORE_ERROR_WRONG_APP, "is a database of another program, not a Shuzhi store");
  expect_cli (1, "is a database of another program, not a Shuzhi store", "list", "other-app.shuzhi");
}

static void
test_store_newer_schema (void)
{
  g_autofree char *path = make_store ("newer.shuzhi");

  sql (path, "PRAGMA user_version = 99;");
  expect_store_open (path, SHZ_STORE_ERROR_NEWER_SCHEMA, "was written by a newer version of Shuzhi (store format 99");
  expect_cli (1, "was written by a newer version of Shuzhi", "list", "newer.shuzhi");
}

static void
test_store_damaged (void)
{
  g_autofree char *truncated = make_store ("truncated.shuzhi");
  g_autofree char *extra = make_store ("extra.shuzhi");
  g_autofree char *noschema = tmp_path ("no-schema.shuzhi");
  g_autofree char *corrupt = make_store ("corrupt.shuzhi");
  g_autofree char *data = NULL;
  gsize len = 0;

  /* cut off after its first page */
  g_assert_true (g_file_get_contents (truncated, &data, &len, NULL));
  g_assert_cmpuint (len, >, 4096);
  g_assert_true (g_file_set_contents (truncated, data, 4096, NULL));
  expect_store_open (truncated, SHZ_STORE_ERROR_DAMAGED, "truncated.shuzhi” is damaged: it is truncated");
  expect_cli (1, "is damaged: it is truncated", "list", "truncated.shuzhi");

  sql (extra, "CREATE TABLE intruder (x);");
  expect_store_open (extra, SHZ_STORE_ERROR_DAMAGED, "is damaged or altered: it holds an unexpected schema object “table:intruder”");
  expect_cli (1, "unexpected schema object “table:intruder”", "check", "extra.shuzhi");

  /* our application id, but never given a schema */
  sql (noschema, "PRAGMA application_id = 1397250633; CREATE TABLE t (x);");
  expect_store_open (noschema, SHZ_STORE_ERROR_DAMAGED, "no-schema.shuzhi” is damaged: it has no Shuzhi schema");
  expect_cli (1, "is damaged: it has no Shuzhi schema", "list", "no-schema.shuzhi");

  /* every page after the header page overwritten: the schema cannot be read */
  g_clear_pointer (&data, g_free);
  g_assert_true (g_file_get_contents (corrupt, &data, &len, NULL));
  for (gsize i = 100; i < len; i++)
    data[i] = (char) (i * 131);
  g_assert_true (g_file_set_contents (corrupt, data, len, NULL));
  expect_store_open (corrupt, SHZ_STORE_ERROR_DAMAGED, "corrupt.shuzhi” is damaged");
  expect_cli (1, "is damaged", "list", "corrupt.shuzhi");
  expect_cli (1, "is damaged", "check", "corrupt.shuzhi");
}

static void
test_store_read_only (void)
{
  g_autofree char *path = make_store ("ro.shuzhi");
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (path, SHZ_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(ShzEngagement) e = shz_engagement_new ();

  g_assert_no_error (error);
  e->name = g_strdup ("F");
  g_assert_cmpint (shz_store_create_engagement (store, e, &error), ==, 0);
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "is open read-only; changes cannot be saved"));
}

static void
test_store_busy (void)
{
  g_autofree char *path = make_store ("busy.shuzhi");
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (path, SHZ_STORE_OPEN_DEFAULT, &error);
  g_autoptr(ShzEngagement) e = shz_engagement_new ();
  sqlite3 *other = NULL;

  g_assert_no_error (error);
  /* another program holds the write lock for longer than the store waits (3 s) */
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE; UPDATE engagement SET name = name;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  e->name = g_strdup ("G");
  g_assert_cmpint (shz_store_create_engagement (store, e, &error), ==, 0);
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "is in use by another program; try again when it is closed"));
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
}

static void
test_store_exists (void)
{
  g_autofree char *path = make_store ("exists.shuzhi");

  expect_cli (1, "An engagement named “E” already exists", "new", "exists.shuzhi", "--engagement", "E");
}

static void
test_store_no_such (void)
{
  g_autofree char *path = make_store ("nosuch.shuzhi");

  expect_cli (1, "There is no engagement named “Nope”", "list", "nosuch.shuzhi", "--engagement", "Nope");
  expect_cli (1, "There is no engagement named “Nope”", "rows", "nosuch.shuzhi", "--engagement", "Nope",
              "--dataset", "d");
}

static void
test_store_invalid (void)
{
  g_autofree char *path = make_store ("invalid.shuzhi");
  g_autofree char *longname = g_strnfill (201, 'x');

  expect_cli (1, "The engagement name must not be empty", "new", "invalid.shuzhi", "--engagement", "");
  expect_cli (1, "The engagement name is longer than 200 characters", "new", "invalid.shuzhi",
              "--engagement", longname);
}

static void
test_store_too_big (void)
{
  g_autofree char *path = make_store ("work.shuzhi");
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;

  /* enough engagements for listing them to take a few thousand steps of SQLite's VM */
  {
    g_autoptr(ShzStore) w = shz_store_open (path, SHZ_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_true (shz_store_begin (w, &error));
    for (int i = 0; i < 300; i++)
      {
        g_autoptr(ShzEngagement) e = shz_engagement_new ();

        e->name = g_strdup_printf ("engagement %d", i);
        g_assert_cmpint (shz_store_create_engagement (w, e, &error), >, 0);
      }
    g_assert_true (shz_store_commit (w, &error));
  }
  store = shz_store_open (path, SHZ_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  /* the bound that opening an untrusted store sets, made tiny */
  shz_store_limit_work (store, 1);
  list = shz_store_list_engagements (store, &error);
  g_assert_null (list);
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_TOO_BIG);
  g_assert_nonnull (strstr (error->message, "needs more work or memory than Shuzhi allows for a store"));
}

static void
test_store_disk_full (void)
{
  g_autofree char *path = make_store ("full.shuzhi");
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (path, SHZ_STORE_OPEN_DEFAULT, &error);
  g_autoptr(ShzEngagement) e = shz_engagement_new ();

  g_assert_no_error (error);
  /* SQLite's page limit is how a full disk looks from inside: SQLITE_FULL */
  g_assert_cmpint (sqlite3_exec (shz_store_get_db (store), "PRAGMA max_page_count = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  e->name = g_strdup ("H");
  e->notes = g_strnfill (200000, 'n');
  g_assert_cmpint (shz_store_create_engagement (store, e, &error), ==, 0);
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "is full; nothing was changed"));
}

static void
test_store_io (void)
{
  g_autofree char *file = write_file ("plain-file", "x", 1);

  /* a path through a file: neither missing nor a store */
  expect_cli (1, "plain-file/s.shuzhi”: Not a directory", "list", "plain-file/s.shuzhi");
}

/* ---- catalogues ---- */

#define CAT_OPEN "<catalogue version=\"1\">"
#define CAT_FW(body) CAT_OPEN "<framework id=\"f\" kind=\"paths\"><label xml:lang=\"zh_CN\">路径</label>" \
  "<label xml:lang=\"en\">Paths</label>" body "</framework></catalogue>"
#define CAT_PATH(attrs, body) "<path id=\"p\"" attrs "><label xml:lang=\"zh_CN\">甲</label><label xml:lang=\"en\">A</label>" \
  body "<from><label xml:lang=\"zh_CN\">从</label><label xml:lang=\"en\">from</label></from>" \
  "<to><label xml:lang=\"zh_CN\">到</label><label xml:lang=\"en\">to</label></to></path>"

static void
expect_catalogue (const char *xml,
                  gssize      len,
                  int         code,
                  const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fws = shz_catalogue_read_bytes (xml, len < 0 ? strlen (xml) : (gsize) len, "mine.xml", &error);

  g_assert_null (fws);
  g_assert_error (error, SHZ_CATALOGUE_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, needle);
}

static void
test_catalogue_classes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ok = shz_catalogue_read_bytes (CAT_FW (CAT_PATH ("", "")), strlen (CAT_FW (CAT_PATH ("", ""))),
                                                      "mine.xml", &error);
  g_autofree char *missing = tmp_path ("no-catalogue.xml");
  g_autoptr(GString) big = g_string_new (CAT_OPEN);
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GPtrArray) fws = NULL;

  g_assert_no_error (error);   /* the base the cases below spoil */
  g_assert_nonnull (ok);

  fws = shz_catalogue_read_file (missing, &error);
  g_assert_null (fws);
  g_assert_error (error, SHZ_CATALOGUE_ERROR, SHZ_CATALOGUE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "no-catalogue.xml: No such file or directory"));

  while (big->len <= SHZ_CATALOGUE_MAX_BYTES)
    g_string_append (big, "<!-- padding padding padding padding padding padding padding -->\n");
  expect_catalogue (big->str, big->len, SHZ_CATALOGUE_ERROR_TOO_LARGE, "mine.xml: ");
  expect_catalogue (big->str, big->len, SHZ_CATALOGUE_ERROR_TOO_LARGE, "a catalogue may be at most 1048576 bytes");

  expect_catalogue (CAT_OPEN "<framework", -1, SHZ_CATALOGUE_ERROR_MALFORMED, "mine.xml:1: not well-formed XML");
  expect_catalogue ("<catalogue version=\"1\">\xff</catalogue>", -1, SHZ_CATALOGUE_ERROR_MALFORMED,
                    "mine.xml:1: not UTF-8 text");
  expect_catalogue ("<!DOCTYPE catalogue [<!ENTITY e \"x\">]>" CAT_FW (CAT_PATH ("", "")), -1,
                    SHZ_CATALOGUE_ERROR_FORBIDDEN, "is not allowed in a catalogue (no DTD, no entities)");

  g_string_append (deep, CAT_OPEN "<framework id=\"f\" kind=\"paths\">");
  for (int i = 0; i < 8; i++)
    g_string_append (deep, "<path>");
  for (int i = 0; i < 8; i++)
    g_string_append (deep, "</path>");
  g_string_append (deep, "</framework></catalogue>");
  expect_catalogue (deep->str, deep->len, SHZ_CATALOGUE_ERROR_TOO_DEEP, "elements nested deeper than 6 levels");

  expect_catalogue (CAT_FW ("<gadget/>" CAT_PATH ("", "")), -1, SHZ_CATALOGUE_ERROR_UNKNOWN_ELEMENT,
                    "unknown element <gadget> in <framework>");
  expect_catalogue (CAT_FW (CAT_PATH (" colour=\"red\"", "")), -1, SHZ_CATALOGUE_ERROR_UNKNOWN_ATTRIBUTE,
                    "unknown attribute “colour” on <path>");
  expect_catalogue (CAT_OPEN "<framework id=\"f\"><label xml:lang=\"zh_CN\">路径</label><label xml:lang=\"en\">Paths</label>"
                    CAT_PATH ("", "") "</framework></catalogue>", -1, SHZ_CATALOGUE_ERROR_MISSING,
                    "<framework> has no “kind” attribute");
  expect_catalogue (CAT_FW (CAT_PATH ("", "") CAT_PATH ("", "")), -1, SHZ_CATALOGUE_ERROR_DUPLICATE_ID,
                    "duplicate id “p”");
  expect_catalogue (CAT_OPEN "<framework id=\"Bad Id\" kind=\"paths\"><label xml:lang=\"zh_CN\">路径</label>"
                    "<label xml:lang=\"en\">Paths</label>" CAT_PATH ("", "") "</framework></catalogue>", -1,
                    SHZ_CATALOGUE_ERROR_INVALID_VALUE, "id “Bad Id” on <framework> is not valid");
}

/* A bad catalogue in the user's folder is left out with a message; the command goes on with
 * the shipped catalogues (here: drawing the value chain). */
static void
test_catalogue_user_folder (void)
{
  g_autofree char *home = tmp_path ("xdg-data");
  g_autofree char *dir = g_build_filename (home, "shuzhi", "catalogues", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.xml", NULL);
  g_autofree char *store = make_store ("catalogue-user.shuzhi");
  const char *args[] = { "export", "catalogue-user.shuzhi", "--engagement", "E", "--chart", "value-chain",
                         "--output", "value-chain.svg", NULL };
  /* SHZ_SOURCE_DATADIR (set for tests) keeps the user's folder out: unset it */
  const char *env[] = { "XDG_DATA_HOME", home, "SHZ_SOURCE_DATADIR", NULL, NULL };
  g_auto(Run) r = { 0 };

  g_mkdir_with_parents (dir, 0755);
  g_assert_true (g_file_set_contents (bad, "<catalogue version=\"1\"><framework", -1, NULL));
  run_argv (&r, args, env);
  g_assert_cmpint (r.status, ==, 0);
  if (strstr (r.err, "Left out a catalogue: ") == NULL)
    g_error ("stderr: %s", r.err);
  g_assert_nonnull (strstr (r.err, "bad.xml:1: not well-formed XML"));
}

/* ---- main ---- */

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  if (dir)
    g_dir_close (dir);
  g_rmdir (path);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("shz-errors-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/errors/io/open", test_io_open);
  g_test_add_func ("/errors/io/empty", test_io_empty);
  g_test_add_func ("/errors/io/encoding", test_io_encoding);
  g_test_add_func ("/errors/io/syntax", test_io_syntax);
  g_test_add_func ("/errors/io/container", test_io_container);
  g_test_add_func ("/errors/io/no-sheet", test_io_no_sheet);
  g_test_add_func ("/errors/io/too-large/cell", test_io_too_large_cell);
  g_test_add_func ("/errors/io/too-large/columns", test_io_too_large_columns);
  g_test_add_func ("/errors/io/too-large/row", test_io_too_large_row);
  g_test_add_func ("/errors/io/too-large/rows", test_io_too_large_rows);
  g_test_add_func ("/errors/io/too-large/inflated", test_io_too_large_inflated);
  g_test_add_func ("/errors/io/refused", test_io_refused);
  g_test_add_func ("/errors/io/unsupported", test_io_unsupported);
  g_test_add_func ("/errors/import/mapping", test_import_mapping);
  g_test_add_func ("/errors/import/no-rows", test_import_no_rows);
  g_test_add_func ("/errors/import/all-rejected", test_import_all_rejected);
  g_test_add_func ("/errors/import/rejected", test_import_rejections);
  g_test_add_func ("/errors/store/not-found", test_store_not_found);
  g_test_add_func ("/errors/store/empty", test_store_empty);
  g_test_add_func ("/errors/store/not-sqlite", test_store_not_sqlite);
  g_test_add_func ("/errors/store/wrong-app", test_store_wrong_app);
  g_test_add_func ("/errors/store/newer-schema", test_store_newer_schema);
  g_test_add_func ("/errors/store/damaged", test_store_damaged);
  g_test_add_func ("/errors/store/read-only", test_store_read_only);
  g_test_add_func ("/errors/store/busy", test_store_busy);
  g_test_add_func ("/errors/store/exists", test_store_exists);
  g_test_add_func ("/errors/store/no-such", test_store_no_such);
  g_test_add_func ("/errors/store/invalid", test_store_invalid);
  g_test_add_func ("/errors/store/too-big", test_store_too_big);
  g_test_add_func ("/errors/store/disk-full", test_store_disk_full);
  g_test_add_func ("/errors/store/io", test_store_io);
  g_test_add_func ("/errors/catalogue/classes", test_catalogue_classes);
  g_test_add_func ("/errors/catalogue/user-folder", test_catalogue_user_folder);

  status = g_test_run ();
  remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
