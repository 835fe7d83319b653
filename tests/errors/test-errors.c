/* test-errors.c — every class of bad input in docs/errors.md, produced the way a user meets it
 * (`shuzhi inspect/import/list/check/new`, or the C API where no command reaches it): its error
 * domain and code, a key part of its message, and the exit status of the command.
 * Case paths are the table's class ids: /errors/<domain>/<class>[/<variant>].  A few cases also
 * run the command in zh_CN and compare its message with the translation in po/zh_CN.po.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "analysis/shz-assessment.h"
#include "analysis/shz-catalogue.h"
#include "analysis/shz-import.h"
#include "analysis/shz-index.h"
#include "analysis/shz-method.h"
#include "charts/shz-chart.h"
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

/* ---- the same in Chinese ---- */

/* The C string @s as po/zh_CN.po writes it between quotes (msgmerge --no-wrap: one line). */
static char *
po_escape (const char *s)
{
  GString *out = g_string_new (NULL);

  for (; *s; s++)
    if (*s == '"' || *s == '\\')
      g_string_append_printf (out, "\\%c", *s);
    else if (*s == '\n')
      g_string_append (out, "\\n");
    else if (*s == '\t')
      g_string_append (out, "\\t");
    else
      g_string_append_c (out, *s);
  return g_string_free (out, FALSE);
}

/* The translation of @msgid (in @context, or none) in po/zh_CN.po (msgids as xgettext writes
 * them: `%<PRId64>` for `%" PRId64 "`); fails the test when it is not there or not translated. */
static char *
po_translation_ctx (const char *context,
                    const char *msgid)
{
  g_autofree char *po = g_build_filename (g_getenv ("SHZ_SOURCE_DATADIR"), "..", "po", "zh_CN.po", NULL);
  g_autofree char *text = NULL;
  g_autofree char *escaped = po_escape (msgid);
  g_autofree char *ctxt = context ? g_strdup_printf ("\nmsgctxt \"%s\"", context) : g_strdup ("");
  g_autofree char *key = g_strdup_printf ("%s\nmsgid \"%s\"\nmsgstr \"", ctxt, escaped);
  g_autoptr(GError) error = NULL;
  const char *start, *end;
  g_autofree char *quoted = NULL;
  char *msgstr;

  g_assert_true (g_file_get_contents (po, &text, NULL, &error));
  g_assert_no_error (error);
  /* an entry with a context has it on the line before its msgid */
  start = strstr (text, key);
  if (start == NULL)
    g_error ("po/zh_CN.po has no msgid “%s”", escaped);
  start += strlen (key);
  end = strstr (start, "\"\n");
  g_assert_nonnull (end);
  quoted = g_strndup (start, end - start);
  msgstr = g_strcompress (quoted);
  if (*msgstr == '\0')
    g_error ("po/zh_CN.po does not translate “%s”", escaped);
  return msgstr;
}

static char *
po_translation (const char *msgid)
{
  return po_translation_ctx (NULL, msgid);
}

typedef struct {
  const char * const *args;
  guint               next;
} Fill;

static gboolean
fill_cb (const GMatchInfo *match,
         GString          *out,
         gpointer          user_data)
{
  Fill *f = user_data;
  g_autofree char *all = g_match_info_fetch (match, 0);
  g_autofree char *pos = g_match_info_fetch (match, 1);
  guint i;

  if (g_str_equal (all, "%%"))
    {
      g_string_append_c (out, '%');
      return FALSE;
    }
  i = pos != NULL && *pos ? (guint) atoi (pos) - 1 : f->next++;
  g_assert_true (g_strv_length ((char **) f->args) > i);
  g_string_append (out, f->args[i]);
  return FALSE;
}

/* @format (a msgid or a msgstr) with each conversion replaced by the next of @args — or by the
 * one its `n$` names — as printf would print them. */
static char *
fill (const char         *format,
      const char * const *args)
{
  g_autoptr(GRegex) re = g_regex_new ("%%|%(?:([0-9]+)\\$)?[-+ #0]*[0-9]*(?:\\.[0-9]+)?"
                                      "(?:<PRI[a-zA-Z0-9]+>|(?:hh|h|ll|l|z|j|t)?[diouxXeEfgGcsp])",
                                      0, 0, NULL);
  Fill f = { args, 0 };

  return g_regex_replace_eval (re, format, -1, 0, 0, fill_cb, &f, NULL);
}

/* Runs `shuzhi ARGS…` in zh_CN (as a Chinese user's session does) and checks the exit status and
 * that stderr holds po/zh_CN.po's translation of @msgid, filled with @fills. */
#define expect_cli_zh(status, msgid, fills, ...) \
  expect_cli_zh_argv (status, msgid, fills, (const char * const []) { __VA_ARGS__, NULL })
#define FILLS(...) ((const char * const []) { __VA_ARGS__, NULL })

static void
expect_cli_zh_argv (int                 status,
                    const char         *msgid,
                    const char * const *fills,
                    const char * const *args)
{
  g_autofree char *localedir = g_build_filename (g_getenv ("SHZ_BUILD_ROOT"), "po", NULL);
  const char *env[] = { "LANGUAGE", "zh_CN", "LANG", "zh_CN.UTF-8", "LC_ALL", "zh_CN.UTF-8",
                        "SHZ_LOCALEDIR", localedir, NULL };
  g_autofree char *msgstr = po_translation (msgid);
  g_autofree char *expected = fill (msgstr, fills);
  g_auto(Run) r = { 0 };

  run_argv (&r, args, env);
  if (r.status != status || strstr (r.err, expected) == NULL)
    g_error ("LC_ALL=zh_CN.UTF-8 shuzhi %s …: exit %d (expected %d), stderr: %s (expected “%s”)",
             args[0], r.status, status, r.err, expected);
}

/* The Chinese runs need the zh_CN.UTF-8 locale (tools/install-deps.sh generates it). */
static gboolean
have_chinese_locale (void)
{
  const char *old = setlocale (LC_ALL, NULL);
  g_autofree char *saved = g_strdup (old);
  gboolean ok = setlocale (LC_ALL, "zh_CN.UTF-8") != NULL;

  setlocale (LC_ALL, saved);
  return ok;
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
  if (have_chinese_locale ())
    {
      expect_cli_zh (1, "%s: the file is empty", FILLS ("zero.csv"), "inspect", "zero.csv");
      expect_cli_zh (1, "%s: the file contains no rows", FILLS ("blank.csv"), "inspect", "blank.csv");
    }
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
  if (have_chinese_locale ())
    {
      /* a line number inside _(): `%" PRId64 "`, which the catalogue can hold */
      expect_cli_zh (1, "%s: line %<PRId64>: byte 0x%02X is not valid %s; choose the file's encoding "
                     "(e.g. GB18030 or UTF-16)", FILLS ("bad-byte.csv", "2", "FF", "UTF-8"),
                     "inspect", "bad-byte.csv", "--encoding", "UTF-8");
      expect_cli_zh (1, "%s: line %<PRId64>: a NUL byte: this is not a text file in %s",
                     FILLS ("nul.csv", "2", "GB18030"), "inspect", "nul.csv");
    }
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
  if (have_chinese_locale ())
    {
      /* a message put together from three translated parts */
      g_autofree char *what = po_translation ("a cell is larger than the limit");
      g_autofree char *with_bound = po_translation ("%s (%<PRIu64> bytes)%s");
      g_autofree char *limit = fill (with_bound, FILLS (what, "1048576", ""));

      expect_cli_zh (1, "%s: line %<PRId64>: %s", FILLS ("big-cell.csv", "2", limit), "inspect", "big-cell.csv");
    }
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
  if (have_chinese_locale ())
    {
      g_autofree char *column = po_translation (", column ");
      g_autofree char *category = po_translation ("“%s” is not a product category (IaaS, PaaS, SaaS, "
                                                  "大数据计算, 数据中台, XPaaS, 数据智能)");
      g_autofree char *reason = fill (category, FILLS ("Cloud"));

      expect_cli_zh (1, "%s: all %<PRId64> rows were rejected, e.g. line %<PRId64>%s%s: %s — is the kind "
                     "or the column mapping wrong?", FILLS ("all-bad.csv", "2", "2", column, "产品类别", reason),
                     "import", "import-rejected.shuzhi", "all-bad.csv", "--engagement", "E", "--kind", "usage");
    }
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
  if (have_chinese_locale ())
    expect_cli_zh (1, "“%s” was written by a newer version of Shuzhi (store format %<PRId64>; this version "
                   "reads up to %d). Update Shuzhi to open it.",
                   FILLS ("newer.shuzhi", "99", G_STRINGIFY (SHZ_STORE_SCHEMA_VERSION)), "list", "newer.shuzhi");
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

  if (have_chinese_locale ())
    {
      g_autofree char *localedir = g_build_filename (g_getenv ("SHZ_BUILD_ROOT"), "po", NULL);
      const char *zh_env[] = { "XDG_DATA_HOME", home, "SHZ_SOURCE_DATADIR", NULL, "LANGUAGE", "zh_CN",
                               "LANG", "zh_CN.UTF-8", "LC_ALL", "zh_CN.UTF-8", "SHZ_LOCALEDIR", localedir, NULL };
      g_autofree char *left_out = po_translation ("Left out a catalogue: %s");
      g_autofree char *expected = fill (left_out, FILLS (""));
      g_auto(Run) zh = { 0 };

      run_argv (&zh, args, zh_env);
      g_assert_cmpint (zh.status, ==, 0);
      if (strstr (zh.err, expected) == NULL)
        g_error ("zh_CN stderr: %s (expected “%s”)", zh.err, expected);
    }
}

/* ---- index method files ---- */

static void
expect_method_file (const char *path,
                    int         code,
                    const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzMethod) m = shz_method_load_from_file (path, &error);

  g_assert_null (m);
  g_assert_error (error, SHZ_METHOD_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, needle);
}

/* `shuzhi compute --method FILE` reads the file before it opens the store: no store needed. */
static void
test_method_parse (void)
{
  g_autofree char *store = make_store ("method-parse.shuzhi");
  g_autofree char *missing = tmp_path ("no-method.ini");
  g_autofree char *garbage = write_file ("garbage.ini", "this is not a key-file\n", -1);
  g_autofree char *latin1 = write_file ("latin1.ini", "[method]\ngroup-by=r\xe9gion\n", -1);
  g_autoptr(GString) big = g_string_new ("[method]\n");
  g_autofree char *big_path = NULL;

  expect_method_file (missing, SHZ_METHOD_ERROR_PARSE, "no-method.ini: cannot read the method file: ");
  expect_cli (1, "no-method.ini: cannot read the method file: ", "compute", "method-parse.shuzhi",
              "--engagement", "E", "--method", "no-method.ini");
  expect_method_file (garbage, SHZ_METHOD_ERROR_PARSE,
                      "garbage.ini: not a method key-file (expected UTF-8 “[group]” and “key=value” lines)");
  expect_cli (1, "garbage.ini: not a method key-file", "compute", "method-parse.shuzhi",
              "--engagement", "E", "--method", "garbage.ini");
  expect_method_file (latin1, SHZ_METHOD_ERROR_PARSE, "latin1.ini: not a method key-file");
  while (big->len <= 64 * 1024)
    g_string_append (big, "# a comment line that makes the file larger than a method file may be\n");
  big_path = write_file ("big.ini", big->str, big->len);
  expect_method_file (big_path, SHZ_METHOD_ERROR_PARSE, "big.ini: too large for a method file (more than 64 KiB)");
  expect_cli (1, "big.ini: too large for a method file (more than 64 KiB)", "compute", "method-parse.shuzhi",
              "--engagement", "E", "--method", "big.ini");
}

static void
test_method_invalid (void)
{
  g_autofree char *store = make_store ("method-invalid.shuzhi");
  g_autofree char *group = write_file ("group.ini", "[weights]\nIaaS=1\n", -1);
  g_autofree char *key = write_file ("key.ini", "[method]\ncolour=red\n", -1);
  g_autofree char *value = write_file ("value.ini", "[maturity]\ntransform=sqrt\n", -1);
  g_autofree char *level = write_file ("level.ini", "[method]\nlevel=7\n", -1);
  g_autofree char *zero = write_file ("zero-weights.ini", "[maturity]\nIaaS=0\nPaaS=0\nSaaS=0\n", -1);

  expect_method_file (group, SHZ_METHOD_ERROR_INVALID,
                      "group.ini: [weights]: unknown group, expected [method], [maturity] or [innovation]");
  expect_cli (1, "group.ini: [weights]: unknown group", "compute", "method-invalid.shuzhi",
              "--engagement", "E", "--method", "group.ini");
  expect_method_file (key, SHZ_METHOD_ERROR_INVALID, "key.ini: [method] colour: expected one of the keys version, ");
  expect_cli (1, "key.ini: [method] colour: expected one of the keys", "compute", "method-invalid.shuzhi",
              "--engagement", "E", "--method", "key.ini");
  expect_method_file (value, SHZ_METHOD_ERROR_INVALID,
                      "value.ini: [maturity] transform: expected none or log1p, got “sqrt”");
  expect_cli (1, "value.ini: [maturity] transform: expected none or log1p, got “sqrt”", "compute",
              "method-invalid.shuzhi", "--engagement", "E", "--method", "value.ini");
  expect_method_file (level, SHZ_METHOD_ERROR_INVALID,
                      "level.ini: [method] level: expected a number from 0.5 to 0.999 (0.90 for a 90 % interval), got “7”");
  expect_method_file (zero, SHZ_METHOD_ERROR_INVALID,
                      "zero-weights.ini: [maturity]: expected at least one category weight above 0");
  expect_cli (1, "zero-weights.ini: [maturity]: expected at least one category weight above 0", "compute",
              "method-invalid.shuzhi", "--engagement", "E", "--method", "zero-weights.ini");

  if (have_chinese_locale ())
    {
      g_autofree char *or = po_translation (" or ");
      g_autofree char *expected = g_strconcat ("none", or, "log1p", NULL);

      expect_cli_zh (1, "%s: [%s] %s: expected %s, got “%s”",
                     FILLS ("value.ini", "maturity", "transform", expected, "sqrt"),
                     "compute", "method-invalid.shuzhi", "--engagement", "E", "--method", "value.ini");
    }
}

/* ---- computing positions ---- */

/* A store with one engagement "E" holding a usage dataset "u" (periods 2019) and a scores dataset "s". */
static char *
make_usage_store (const char *name)
{
  g_autofree char *usage = write_file ("index-usage.csv", USAGE_HEADER "E1,零售,2019,IaaS,1\nE2,金融,2019,SaaS,2\n", -1);
  g_autofree char *scores = write_file ("index-scores.csv", "framework,item,score\nvalue-chain,product,3\n", -1);
  char *path = make_store (name);

  expect_cli (0, NULL, "import", name, "index-usage.csv", "--engagement", "E", "--kind", "usage", "--dataset", "u");
  expect_cli (0, NULL, "import", name, "index-scores.csv", "--engagement", "E", "--kind", "scores", "--dataset", "s");
  return path;
}

static ShzDataset *
find_dataset (ShzStore   *store,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzEngagement) e = shz_store_find_engagement (store, "E", &error);
  ShzDataset *d;

  g_assert_no_error (error);
  d = shz_store_find_dataset (store, e->id, name, &error);
  g_assert_no_error (error);
  return d;
}

static void
test_index_not_usage (void)
{
  g_autofree char *path = make_usage_store ("index-kind.shuzhi");
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (path, SHZ_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(ShzDataset) d = find_dataset (store, "s");
  g_autoptr(ShzMethod) method = shz_method_new ();
  g_autoptr(ShzIndexMatrix) matrix = NULL;

  matrix = shz_index_matrix_load (store, d->id, method, &error);
  g_assert_null (matrix);
  g_assert_error (error, SHZ_INDEX_ERROR, SHZ_INDEX_ERROR_NOT_USAGE);
  g_assert_nonnull (strstr (error->message, "Dataset “s” holds scores, not usage: indices are computed from usage data"));
  g_clear_pointer (&store, shz_store_free);
  expect_cli (1, "Dataset “s” holds scores, not usage", "compute", "index-kind.shuzhi", "--engagement", "E",
              "--dataset", "s");
}

static void
test_index_no_data (void)
{
  g_autofree char *path = make_usage_store ("index-period.shuzhi");
  g_autofree char *ini = write_file ("period.ini", "[method]\nperiod=1999\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (path, SHZ_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(ShzDataset) d = find_dataset (store, "u");
  g_autoptr(ShzMethod) method = shz_method_load_from_file (ini, &error);
  g_autoptr(ShzIndexMatrix) matrix = NULL;
  g_autoptr(ShzIndexResult) result = NULL;

  g_assert_no_error (error);
  matrix = shz_index_matrix_load (store, d->id, method, &error);
  g_assert_no_error (error);
  result = shz_index_compute (matrix, method, &error);
  g_assert_null (result);
  g_assert_error (error, SHZ_INDEX_ERROR, SHZ_INDEX_ERROR_NO_DATA);
  g_assert_nonnull (strstr (error->message, "Period “1999” is not in the usage data; it has 2019"));
  g_clear_pointer (&store, shz_store_free);
  expect_cli (1, "Period “1999” is not in the usage data; it has 2019", "compute", "index-period.shuzhi",
              "--engagement", "E", "--dataset", "u", "--method", "period.ini");
  /* the import refuses a file without rows: only a store written elsewhere has such a dataset */
  sql (path, "DELETE FROM usage_row;");
  expect_cli (1, "The usage dataset has no rows to compute positions from", "compute", "index-period.shuzhi",
              "--engagement", "E", "--dataset", "u");
}

/* ---- assessments ---- */

/* A store "NAME" whose engagement "E" has the scores (or links) of @csv as its only dataset "a". */
static char *
make_assessment_store (const char *name,
                       const char *kind,
                       const char *csv)
{
  g_autofree char *file = g_strconcat (name, ".csv", NULL);
  g_autofree char *data = write_file (file, csv, -1);
  char *path = make_store (name);

  expect_cli (0, NULL, "import", name, file, "--engagement", "E", "--kind", kind, "--dataset", "a");
  return path;
}

static void
expect_assessment (const char *path,
                   const char *scores,
                   int         code,
                   const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (path, SHZ_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(ShzEngagement) e = NULL;
  g_autoptr(ShzAssessment) a = NULL;

  g_assert_no_error (error);
  e = shz_store_find_engagement (store, "E", &error);
  g_assert_no_error (error);
  a = shz_assessment_load (store, e->id, scores, NULL, &error);
  g_assert_null (a);
  g_assert_error (error, SHZ_ASSESSMENT_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, needle);
}

/* The import rejects these rows (/errors/assessment/not-scored); a store written elsewhere can hold
 * them: its rows are changed with SQL. */
static void
test_assessment_unknown_item (void)
{
  g_autofree char *fw = make_assessment_store ("assess-fw.shuzhi", "scores", "framework,item,score\nvalue-chain,product,3\n");
  g_autofree char *item = make_assessment_store ("assess-item.shuzhi", "scores", "framework,item,score\nvalue-chain,product,3\n");

  sql (fw, "UPDATE score_row SET framework = 'no-such';");
  sql (item, "UPDATE score_row SET item = 'nope';");

  expect_assessment (fw, NULL, SHZ_ASSESSMENT_ERROR_UNKNOWN_ITEM,
                     "dataset “a”, row 1, column framework: unknown framework “no-such”; expected value-chain, ");
  expect_cli (1, "dataset “a”, row 1, column framework: unknown framework “no-such”", "export", "assess-fw.shuzhi",
              "--engagement", "E", "--chart", "value-chain", "--output", "vc-fw.svg");
  expect_assessment (item, NULL, SHZ_ASSESSMENT_ERROR_UNKNOWN_ITEM,
                     "dataset “a”, row 1, column item: “nope” is not a scored item of framework “value-chain”");
  expect_cli (1, "column item: “nope” is not a scored item of framework “value-chain”", "export", "assess-item.shuzhi",
              "--engagement", "E", "--chart", "value-chain", "--output", "vc-item.svg");
  if (have_chinese_locale ())
    {
      g_autofree char *row = po_translation ("dataset “%s”, row %<PRId64>");
      g_autofree char *where = fill (row, FILLS ("a", "1"));
      g_autofree char *sep = po_translation_ctx ("before a column", ", ");

      expect_cli_zh (1, "%s%scolumn item: “%s” is not a scored item of framework “%s” (see data/catalogues/README.md)",
                     FILLS (where, sep, "nope", "value-chain"), "export", "assess-item.shuzhi",
                     "--engagement", "E", "--chart", "value-chain", "--output", "vc-item.svg");
    }
}

/* The import rejects a score outside 0–5 and a negative weight row by row (the whole file here:
 * exit 1, nothing written); a store written elsewhere can hold anything, so the chart checks them
 * again: those rows are changed with SQL. */
static void
test_assessment_invalid (void)
{
  g_autofree char *score = make_assessment_store ("assess-score.shuzhi", "scores", "framework,item,score\nvalue-chain,product,3\n");
  g_autofree char *weight = make_assessment_store ("assess-weight.shuzhi", "links",
                                                   "source,target,weight,type\n零售,消费者,1,交易\n");
  g_autofree char *state = make_assessment_store ("assess-state.shuzhi", "scores", "framework,item,score\nvalue-chain,product,3\n");
  g_autofree char *bad_score = g_build_filename (tmpdir, "bad-score.csv", NULL);
  g_autofree char *bad_weight = g_build_filename (tmpdir, "bad-weight.csv", NULL);

  g_assert_true (g_file_set_contents (bad_score, "framework,item,score\nvalue-chain,product,9\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad_weight, "source,target,weight,type\n零售,消费者,-1,交易\n", -1, NULL));
  expect_cli (1, "line 2, column score: 9 is outside 0 to 5", "import", "assess-score.shuzhi", bad_score,
              "--engagement", "E", "--kind", "scores");
  expect_cli (1, "line 2, column weight: -1 is negative (expected 0 or more)", "import", "assess-weight.shuzhi",
              bad_weight, "--engagement", "E", "--kind", "links");
  sql (score, "UPDATE score_row SET score = 9;");
  sql (weight, "UPDATE link_row SET weight = -1;");

  expect_assessment (score, NULL, SHZ_ASSESSMENT_ERROR_INVALID,
                     "dataset “a”, row 1, column score: 9 is out of range; expected 0 to 5");
  expect_cli (1, "column score: 9 is out of range; expected 0 to 5", "export", "assess-score.shuzhi",
              "--engagement", "E", "--chart", "value-chain", "--output", "vc-score.svg");
  expect_cli (1, "dataset “a”, row 1, column weight: -1; expected a number ≥ 0", "export", "assess-weight.shuzhi",
              "--engagement", "E", "--chart", "value-network", "--output", "vn-weight.svg");
  sql (weight, "UPDATE link_row SET weight = 1, type = 'gossip';");
  expect_cli (1, "dataset “a”, row 1, column type: unknown link kind “gossip”; expected 交易/transaction", "export",
              "assess-weight.shuzhi", "--engagement", "E", "--chart", "value-network", "--output", "vn-type.svg");
  sql (state, "UPDATE score_row SET state = 'someday';");
  expect_assessment (state, NULL, SHZ_ASSESSMENT_ERROR_INVALID,
                     "dataset “a”, row 1, column state: “someday”; expected as-is/现状 or to-be/目标");
  expect_cli (1, "column state: “someday”; expected as-is/现状 or to-be/目标", "export", "assess-state.shuzhi",
              "--engagement", "E", "--chart", "value-chain", "--output", "vc-state.svg");
}

static void
test_assessment_unknown_node (void)
{
  g_autofree char *path = make_assessment_store ("assess-node.shuzhi", "links",
                                                 "source,target,weight,type\n零售,消费者,1,交易\n");

  /* the import rejects unknown nodes row by row; only a store written elsewhere holds one */
  sql (path, "UPDATE link_row SET source = 'mars';");
  expect_cli (1, "dataset “a”, row 1, column source: unknown node “mars”; expected one of ", "export",
              "assess-node.shuzhi", "--engagement", "E", "--chart", "value-network", "--output", "vn-node.svg");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ShzStore) store = shz_store_open (path, SHZ_STORE_OPEN_READ_ONLY, &error);
    g_autoptr(ShzEngagement) e = NULL;
    g_autoptr(ShzAssessment) a = NULL;

    g_assert_no_error (error);
    e = shz_store_find_engagement (store, "E", &error);
    a = shz_assessment_load (store, e->id, NULL, "a", &error);
    g_assert_null (a);
    g_assert_error (error, SHZ_ASSESSMENT_ERROR, SHZ_ASSESSMENT_ERROR_UNKNOWN_NODE);
  }
}

#define VALUE_NETWORK_ITEMS "product, manufacturing, brand, marketing, channel, retail, service, technology, " \
                            "organisation, finance, logistics, rd-data, supply-data, channel-data, " \
                            "terminal-data, consumer-data"

/* A scores row naming something the catalogues have but the framework does not score (a link kind,
 * the centre, another framework's item) or a framework they do not have is rejected at import, row
 * by row: the other rows import and the command lists the row and the column (exit 0); a file of
 * only such rows is refused whole (exit 1, nothing written).  A store written elsewhere can still
 * hold one (set with SQL): the chart refuses it. */
static void
test_assessment_not_scored (void)
{
  g_autofree char *path = make_store ("assess-scored.shuzhi");
  g_autofree char *mixed = write_file ("scores-mixed.csv", "framework,item,score\n"
                                       "value-network,product,3\n"       /* line 2: good */
                                       "value-network,交易,3\n"           /* 3: a link kind */
                                       "rhc-chains,数字化消费者,2\n"       /* 4: the centre */
                                       "value-chain,会员转化,2\n"         /* 5: another framework's */
                                       "价值链,商品,1\n"                   /* 6: no such framework */
                                       "value-chain,brand,4\n",          /* 7: good */
                                       -1);
  g_autofree char *bad = write_file ("scores-bad.csv", "framework,item,score\nvalue-network,transaction,3\n", -1);
  const char *import_mixed[] = { "import", "assess-scored.shuzhi", "scores-mixed.csv", "--engagement", "E",
                                 "--kind", "scores", "--dataset", "a", NULL };
  const char *list[] = { "list", "assess-scored.shuzhi", "--engagement", "E", NULL };
  static const char * const rejected[] = {
    "rejected line 3, column “item”: “交易” is not a scored item of framework “value-network” (expected "
    VALUE_NETWORK_ITEMS ")\n",
    "rejected line 4, column “item”: “数字化消费者” is not a scored item of framework “rhc-chains” (expected "
    "rd-design, sourcing, production, ",
    "rejected line 5, column “item”: “会员转化” is an item of framework “rhc-chains”, not of “value-chain” "
    "(expected product, manufacturing, brand, marketing, channel, retail, service, technology, organisation, "
    "finance, logistics)\n",
    "rejected line 6, column “framework”: “价值链” is not a framework of the catalogues (expected value-chain, "
    "value-network, rhc-chains, evolution-paths)\n",
  };
  g_auto(Run) r = { 0 };
  g_auto(Run) listed = { 0 };

  run_argv (&r, import_mixed, NULL);
  g_assert_cmpint (r.status, ==, 0);
  if (strstr (r.out, "Imported 2 rows into dataset “a” (scores) of engagement “E”; rejected 4") == NULL)
    g_error ("stdout: %s", r.out);
  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    if (strstr (r.out, rejected[i]) == NULL)
      g_error ("stdout: %s (expected “%s”)", r.out, rejected[i]);
  /* what was imported is what the charts draw */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ShzStore) store = shz_store_open (path, SHZ_STORE_OPEN_READ_ONLY, &error);
    g_autoptr(ShzEngagement) e = NULL;
    g_autoptr(ShzAssessment) a = NULL;

    g_assert_no_error (error);
    e = shz_store_find_engagement (store, "E", &error);
    g_assert_no_error (error);
    a = shz_assessment_load (store, e->id, "a", NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (a);
  }
  expect_cli (0, NULL, "export", "assess-scored.shuzhi", "--engagement", "E", "--chart", "value-network",
              "--output", "vn-scored.svg");

  /* only such rows: the file is refused, nothing written */
  expect_cli (1, "scores-bad.csv: all 1 rows were rejected, e.g. line 2, column item: “transaction” is not a "
              "scored item of framework “value-network” (expected " VALUE_NETWORK_ITEMS ") — ",
              "import", "assess-scored.shuzhi", "scores-bad.csv", "--engagement", "E", "--kind", "scores",
              "--dataset", "b");
  run_argv (&listed, list, NULL);
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_true (g_str_has_prefix (listed.out, "a\tscores\t2\t4\t"));
  g_assert_null (strstr (listed.out, "\nb\t"));
  if (have_chinese_locale ())
    {
      g_autofree char *column = po_translation (", column ");
      g_autofree char *item = po_translation ("“%s” is not a scored item of framework “%s” (expected %s)");
      g_autofree char *reason = fill (item, FILLS ("transaction", "value-network", VALUE_NETWORK_ITEMS));

      expect_cli_zh (1, "%s: all %<PRId64> rows were rejected, e.g. line %<PRId64>%s%s: %s — is the kind "
                     "or the column mapping wrong?", FILLS ("scores-bad.csv", "1", "2", column, "item", reason),
                     "import", "assess-scored.shuzhi", "scores-bad.csv", "--engagement", "E", "--kind", "scores",
                     "--dataset", "b");
    }

  /* a store written elsewhere: the chart still checks */
  sql (path, "UPDATE score_row SET framework = 'value-network', item = 'transaction' WHERE item = 'product';");
  expect_assessment (path, "a", SHZ_ASSESSMENT_ERROR_UNKNOWN_ITEM,
                     "dataset “a”, row 1, column item: “transaction” is not a scored item of framework “value-network”");
  expect_cli (1, "dataset “a”, row 1, column item: “transaction” is not a scored item of framework “value-network”",
              "export", "assess-scored.shuzhi", "--engagement", "E", "--chart", "value-network", "--output",
              "vn-scored.svg");
}

/* The import checks a link's nodes and kind against the catalogues the charts read, a user's
 * included: with a value network of the user's that has no data streams and only one link kind,
 * 研发数据 and 互动 are rejected row by row, and the user's own node is accepted.  A store written
 * elsewhere can still hold such a node (set with SQL): the chart refuses it. */
static void
test_assessment_not_a_node (void)
{
#define L(zh, en) "<label xml:lang=\"zh_CN\">" zh "</label><label xml:lang=\"en\">" en "</label>"
  static const char xml[] =
    "<catalogue version=\"1\"><framework id=\"value-network\" kind=\"network\">" L ("我们的价值网", "Our network")
    "<centre id=\"consumer\">" L ("消费者", "Consumer") "</centre>"
    "<stage id=\"retail\">" L ("零售", "Retail") "</stage>"
    "<stage id=\"warehouse\">" L ("仓库", "Warehouse") "</stage>"
    "<link-kind id=\"transaction\">" L ("交易", "Transaction") "</link-kind>"
    "</framework></catalogue>";
#undef L
  g_autofree char *home = tmp_path ("xdg-network");
  g_autofree char *dir = g_build_filename (home, "shuzhi", "catalogues", NULL);
  g_autofree char *user = g_build_filename (dir, "value-network.xml", NULL);
  g_autofree char *path = make_store ("assess-nodes.shuzhi");
  g_autofree char *links = write_file ("links-user.csv", "source,target,weight,type\n"
                                       "零售,消费者,1,交易\n"             /* line 2: good */
                                       "研发数据,消费者,1,交易\n"         /* 3: not in the user's network */
                                       "零售,消费者,1,互动\n"             /* 4: likewise */
                                       "仓库,消费者,2,交易\n",            /* 5: the user's node */
                                       -1);
  /* SHZ_SOURCE_DATADIR (set for tests) keeps the user's folder out: unset it */
  const char *env[] = { "XDG_DATA_HOME", home, "SHZ_SOURCE_DATADIR", NULL, NULL };
  const char *import[] = { "import", "assess-nodes.shuzhi", "links-user.csv", "--engagement", "E", "--kind",
                           "links", "--dataset", "a", NULL };
  const char *export[] = { "export", "assess-nodes.shuzhi", "--engagement", "E", "--chart", "value-network",
                           "--output", "vn-user.svg", NULL };
  static const char * const rejected[] = {
    "rejected line 3, column “source”: “研发数据” is not a node of the catalogues' value chain or value network "
    "(expected product, manufacturing, brand, marketing, channel, retail, service, technology, organisation, "
    "finance, logistics, consumer, warehouse)\n",
    "rejected line 4, column “type”: “互动” is not a link kind of the catalogues' value network (expected "
    "transaction)\n",
  };
  g_auto(Run) r = { 0 };
  g_auto(Run) drawn = { 0 };
  g_auto(Run) refused = { 0 };

  g_mkdir_with_parents (dir, 0755);
  g_assert_true (g_file_set_contents (user, xml, -1, NULL));
  run_argv (&r, import, env);
  g_assert_cmpint (r.status, ==, 0);
  if (strstr (r.out, "Imported 2 rows into dataset “a” (links) of engagement “E”; rejected 2") == NULL)
    g_error ("stdout: %s stderr: %s", r.out, r.err);
  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    if (strstr (r.out, rejected[i]) == NULL)
      g_error ("stdout: %s (expected “%s”)", r.out, rejected[i]);
  run_argv (&drawn, export, env);
  if (drawn.status != 0)
    g_error ("export: exit %d, stderr: %s", drawn.status, drawn.err);

  sql (path, "UPDATE link_row SET source = 'rd-data' WHERE source = 'warehouse';");
  run_argv (&refused, export, env);
  g_assert_cmpint (refused.status, ==, 1);
  if (strstr (refused.err, "dataset “a”, row 4, column source: unknown node “rd-data”; expected one of ") == NULL)
    g_error ("stderr: %s", refused.err);
}

/* Only the C API names the dataset of an assessment (the chart checks the kind first). */
static void
test_assessment_wrong_kind (void)
{
  g_autofree char *path = make_usage_store ("assess-kind.shuzhi");

  expect_assessment (path, "u", SHZ_ASSESSMENT_ERROR_WRONG_KIND, "dataset “u” holds usage, not scores");
  expect_cli (1, "The chart “value-chain” draws a scores or links dataset; “u” holds usage", "export",
              "assess-kind.shuzhi", "--engagement", "E", "--chart", "value-chain", "--output", "vc-kind.svg",
              "--dataset", "u");
}

/* ---- chart export ---- */

static void
test_chart_no_data (void)
{
  g_autofree char *path = make_usage_store ("chart-nodata.shuzhi");

  expect_cli (1, "The engagement has no positions dataset to draw the maturity map from", "export",
              "chart-nodata.shuzhi", "--engagement", "E", "--chart", "maturity-map", "--output", "mm.svg");
  expect_cli (1, "The dataset “u” holds usage rows; the maturity map needs a positions dataset", "export",
              "chart-nodata.shuzhi", "--engagement", "E", "--chart", "maturity-map", "--output", "mm.svg",
              "--dataset", "u");
  expect_cli (0, NULL, "compute", "chart-nodata.shuzhi", "--engagement", "E", "--dataset", "u");
  expect_cli (1, "The dataset “u positions” has no period “1999”", "export", "chart-nodata.shuzhi",
              "--engagement", "E", "--chart", "maturity-map", "--output", "mm.svg", "--period", "1999");
}

static void
test_chart_unknown_kind (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzChart) chart = shz_chart_new ("pie", &error);
  g_autofree char *path = make_store ("chart-kind.shuzhi");

  g_assert_null (chart);
  g_assert_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_UNKNOWN_KIND);
  g_assert_nonnull (strstr (error->message, "Unknown chart kind “pie”"));
  /* the command checks --chart itself: a usage error */
  expect_cli (2, "unknown chart “pie”", "export", "chart-kind.shuzhi", "--engagement", "E", "--chart", "pie",
              "--output", "pie.svg");
}

static void
test_chart_invalid (void)
{
  g_autofree char *path = make_usage_store ("chart-settings.shuzhi");
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzChart) chart = shz_chart_new ("maturity-map", &error);

  g_assert_no_error (error);
  g_assert_false (shz_chart_load_settings (chart, "not [a key-file", &error));
  g_assert_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "The saved settings of the chart “maturity-map” are not readable: "));

  /* the settings a store holds are input too */
  expect_cli (0, NULL, "compute", "chart-settings.shuzhi", "--engagement", "E", "--dataset", "u");
  sql (path, "INSERT INTO chart_settings (engagement_id, kind, settings) "
             "SELECT id, 'maturity-map', 'not [a key-file' FROM engagement;");
  expect_cli (1, "The saved settings of the chart “maturity-map” are not readable: ", "export",
              "chart-settings.shuzhi", "--engagement", "E", "--chart", "maturity-map", "--output", "mm.svg");
  /* export options out of range are usage errors */
  expect_cli (2, "--dpi 5 is out of range (expected 24 to 600)", "export", "chart-settings.shuzhi",
              "--engagement", "E", "--chart", "maturity-map", "--output", "mm.png", "--dpi", "5");
}

static void
test_chart_io (void)
{
  g_autofree char *path = make_usage_store ("chart-io.shuzhi");

  expect_cli (0, NULL, "compute", "chart-io.shuzhi", "--engagement", "E", "--dataset", "u");
  expect_cli (1, "no-folder/mm.png: Cannot write “no-folder/mm.png", "export", "chart-io.shuzhi",
              "--engagement", "E", "--chart", "maturity-map", "--output", "no-folder/mm.png");
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
  g_test_add_func ("/errors/method/parse", test_method_parse);
  g_test_add_func ("/errors/method/invalid", test_method_invalid);
  g_test_add_func ("/errors/index/not-usage", test_index_not_usage);
  g_test_add_func ("/errors/index/no-data", test_index_no_data);
  g_test_add_func ("/errors/assessment/unknown-item", test_assessment_unknown_item);
  g_test_add_func ("/errors/assessment/invalid", test_assessment_invalid);
  g_test_add_func ("/errors/assessment/unknown-node", test_assessment_unknown_node);
  g_test_add_func ("/errors/assessment/not-scored", test_assessment_not_scored);
  g_test_add_func ("/errors/assessment/not-a-node", test_assessment_not_a_node);
  g_test_add_func ("/errors/assessment/wrong-kind", test_assessment_wrong_kind);
  g_test_add_func ("/errors/chart/no-data", test_chart_no_data);
  g_test_add_func ("/errors/chart/unknown-kind", test_chart_unknown_kind);
  g_test_add_func ("/errors/chart/invalid", test_chart_invalid);
  g_test_add_func ("/errors/chart/io", test_chart_io);
  g_test_add_func ("/errors/catalogue/classes", test_catalogue_classes);
  g_test_add_func ("/errors/catalogue/user-folder", test_catalogue_user_folder);

  status = g_test_run ();
  remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
