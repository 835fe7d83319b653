/* test-csv.c — the CSV/TSV reader: encodings, line endings, quoting, sniffing, bounds and
 * broken input; and the number normaliser.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "io/shz-number.h"
#include "io/shz-reader.h"

static char *tmpdir;

static char *
write_file (const char *name,
            const char *data,
            gssize      len)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

/* All rows as one string: fields joined by '|', rows by '\n' (header line first). */
static char *
dump (ShzReader *r)
{
  GString *s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char * const *header;
  const ShzRow *row;
  guint n;

  header = shz_reader_get_header (r, &n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i ? "|" : "", header[i]);
  g_string_append_c (s, '\n');
  while (shz_reader_next (r, &row, &error))
    {
      for (guint i = 0; i < row->n_fields; i++)
        {
          g_assert_cmpuint (strlen (row->fields[i]), ==, row->lengths[i]);
          g_string_append_printf (s, "%s%s", i ? "|" : "", row->fields[i]);
        }
      g_string_append_c (s, '\n');
    }
  g_assert_no_error (error);
  return g_string_free (s, FALSE);
}

static char *
read_all (const char             *name,
          const char             *data,
          gssize                  len,
          const ShzReaderOptions *opts,
          ShzReader             **out_reader)
{
  g_autofree char *path = write_file (name, data, len);
  g_autoptr(GError) error = NULL;
  ShzReader *r = shz_reader_open (path, opts, &error);
  char *text;

  g_assert_no_error (error);
  g_assert_nonnull (r);
  text = dump (r);
  if (out_reader)
    *out_reader = r;
  else
    shz_reader_free (r);
  return text;
}

static GError *
open_error (const char             *name,
            const char             *data,
            gssize                  len,
            const ShzReaderOptions *opts)
{
  g_autofree char *path = write_file (name, data, len);
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

/* ---- encodings ---- */

static const char *utf8_table = "行业,企业编号,金额\n零售,E001,\"1,200\"\n制造,E002,35\n";
static const char *utf8_dump = "行业|企业编号|金额\n零售|E001|1,200\n制造|E002|35\n";

static void
test_utf8 (void)
{
  ShzReader *r = NULL;
  g_autofree char *text = read_all ("utf8.csv", utf8_table, -1, NULL, &r);

  g_assert_cmpstr (text, ==, utf8_dump);
  g_assert_cmpstr (shz_reader_get_encoding (r), ==, "UTF-8");
  g_assert_cmpint (shz_reader_get_delimiter (r), ==, ',');
  g_assert_cmpint (shz_reader_get_format (r), ==, SHZ_FORMAT_CSV);
  g_assert_true (shz_reader_has_header (r));
  g_assert_null (shz_reader_get_sheet (r));
  g_assert_cmpfloat (shz_reader_get_progress (r), ==, 1.0);
  g_assert_cmpint (shz_reader_get_rows_read (r), ==, 2);
  shz_reader_free (r);
}

static void
test_utf8_bom (void)
{
  g_autofree char *data = g_strconcat ("\xEF\xBB\xBF", utf8_table, NULL);
  ShzReader *r = NULL;
  g_autofree char *text = read_all ("bom.csv", data, -1, NULL, &r);

  g_assert_cmpstr (text, ==, utf8_dump);
  g_assert_cmpstr (shz_reader_get_encoding (r), ==, "UTF-8-BOM");
  shz_reader_free (r);
}

static void
check_converted (const char *name,
                 const char *charset,
                 const char *bom,
                 gsize       bom_len,
                 const char *expect_encoding)
{
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *conv = g_convert (utf8_table, -1, charset, "UTF-8", NULL, &len, &error);
  g_autofree char *data = NULL;
  ShzReader *r = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  data = g_malloc (bom_len + len);
  memcpy (data, bom, bom_len);
  memcpy (data + bom_len, conv, len);
  text = read_all (name, data, bom_len + len, NULL, &r);
  g_assert_cmpstr (text, ==, utf8_dump);
  g_assert_cmpstr (shz_reader_get_encoding (r), ==, expect_encoding);
  shz_reader_free (r);
}

static void
test_utf16le (void)
{
  check_converted ("u16le.csv", "UTF-16LE", "\xFF\xFE", 2, "UTF-16LE");
  /* Excel's "Unicode text" without a BOM is still recognised */
  check_converted ("u16le-nobom.csv", "UTF-16LE", "", 0, "UTF-16LE");
}

static void
test_utf16be (void)
{
  check_converted ("u16be.csv", "UTF-16BE", "\xFE\xFF", 2, "UTF-16BE");
}

static void
test_gbk (void)
{
  /* GBK from Chinese Excel, no BOM: strict UTF-8 fails, GB18030 (a superset) reads it */
  check_converted ("gbk.csv", "GBK", "", 0, "GB18030");
  check_converted ("gb18030.csv", "GB18030", "", 0, "GB18030");
}

/* GBK whose first Chinese character comes after more than a megabyte of ASCII */
static void
test_gbk_late (void)
{
  GString *s = g_string_new ("id,name,amount\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *tail = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ShzReader) r = NULL;
  const ShzRow *row = NULL;
  gsize len = 0;
  gint64 n = 0;

  for (int i = 0; i < 80000; i++)
    g_string_append_printf (s, "E%06d,plain ascii name,%d\n", i, i);
  tail = g_convert ("E999999,零售消费与生活服务,1\n", -1, "GBK", "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  g_string_append_len (s, tail, len);
  g_assert_cmpuint (s->len, >, 1024 * 1024 + 4096);
  path = write_file ("gbk-late.csv", s->str, s->len);
  g_string_free (s, TRUE);

  r = shz_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shz_reader_get_encoding (r), ==, "GB18030");
  while (shz_reader_next (r, &row, &error))
    {
      n++;
      if (n == 80001)
        g_assert_cmpstr (row->fields[1], ==, "零售消费与生活服务");
    }
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 80001);
}

static void
test_forced_encoding (void)
{
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *conv = g_convert (utf8_table, -1, "GBK", "UTF-8", NULL, &len, &error);
  ShzReaderOptions opts = { .encoding = "gbk" };
  ShzReader *r = NULL;
  g_autofree char *text = read_all ("forced.csv", conv, len, &opts, &r);

  g_assert_cmpstr (text, ==, utf8_dump);
  g_assert_cmpstr (shz_reader_get_encoding (r), ==, "GBK");
  shz_reader_free (r);

  {
    ShzReaderOptions bad = { .encoding = "no-such-charset" };
    g_autoptr(GError) e = open_error ("forced2.csv", "a,b\n", -1, &bad);
    g_assert_error (e, SHZ_IO_ERROR, SHZ_IO_ERROR_UNSUPPORTED);
  }
  {
    /* forcing UTF-8 on GBK bytes: an encoding error naming the line */
    ShzReaderOptions u8 = { .encoding = "UTF-8" };
    g_autoptr(GError) e = open_error ("forced3.csv", conv, len, &u8);
    g_assert_error (e, SHZ_IO_ERROR, SHZ_IO_ERROR_ENCODING);
  }
}

static void
test_invalid_bytes (void)
{
  GString *s = g_string_new ("name,value\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len;

  /* valid UTF-8 for more than the first chunk, then a stray byte at line 40002 */
  for (int i = 0; i < 40000; i++)
    g_string_append_printf (s, "零售消费与生活服务-%d,%d\n", i, i);
  g_string_append (s, "bad\xFF\xFE,1\n");
  len = s->len;
  data = g_string_free (s, FALSE);
  error = open_error ("invalid.csv", data, len, NULL);
  g_assert_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "line 40002"));
  g_clear_error (&error);

  /* within the first chunk too: plenty of valid UTF-8 Chinese, then one bad byte, is damaged
   * UTF-8 (reported at its line), not GB18030 mojibake */
  error = open_error ("invalid2.csv",
                      "行业,企业编号,金额\n零售消费与生活服务,E1,1\n零售消费与生活服务,E2,2\n"
                      "零售消费与生活服务,E3,3\n零售\xC3,E4,4\n", -1, NULL);
  g_assert_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "line 5"));
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_clear_error (&error);

  /* each kind of malformed sequence, after enough UTF-8 to be sure of the encoding */
  {
    const char *bad[] = { "\xC0\x80", "\xE0\x80\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                          "\xF5\x80\x80\x80", "\xE4\xB8", "\x80", "\xFE" };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        GString *t = g_string_new ("名称,值\n");
        for (int j = 0; j < 20; j++)
          g_string_append (t, "零售消费与生活服务,1\n");
        g_string_append_printf (t, "x%s,2\n", bad[i]);
        error = open_error ("seq.csv", t->str, t->len, NULL);
        g_assert_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_ENCODING);
        g_assert_nonnull (strstr (error->message, "line 22"));
        g_clear_error (&error);
        g_string_free (t, TRUE);
      }
    /* and the four-byte characters that are valid */
    {
      g_autofree char *text = read_all ("emoji.csv", "名称,值\n😀𠀀,1\n", -1, NULL, NULL);
      g_assert_cmpstr (text, ==, "名称|值\n😀𠀀|1\n");
    }
  }

  /* a NUL byte: binary, not text */
  error = open_error ("nul.csv", "a,b\n1,\0002\n", 10, NULL);
  g_assert_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_ENCODING);
}

/* ---- line endings and quoting ---- */

static void
test_line_endings (void)
{
  const char *cases[] = {
    "a,b\n1,2\n3,4\n",
    "a,b\r\n1,2\r\n3,4\r\n",
    "a,b\r1,2\r3,4\r",
    "a,b\r\n1,2\n3,4\r",
    "a,b\n1,2\n3,4",
    "a,b\n\n1,2\n\r\n3,4\n\n\n",   /* blank lines are skipped */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = read_all ("eol.csv", cases[i], -1, NULL, NULL);
      g_assert_cmpstr (text, ==, "a|b\n1|2\n3|4\n");
    }
}

static void
test_quoting (void)
{
  const char *data =
    "name,note,amount\n"
    "\"Smith, John\",\"said \"\"hi\"\"\",1\n"
    "\"multi\nline\r\nfield\",\"\",2\n"
    "plain,\"a,b;c|d\",3\n"
    "\"quoted\"tail,x\"y,4\n"
    "last,,5\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file ("quote.csv", data, -1);
  g_autoptr(ShzReader) r = shz_reader_open (path, NULL, &error);
  const ShzRow *row;

  g_assert_no_error (error);
  g_assert_true (shz_reader_next (r, &row, &error));
  g_assert_cmpstr (row->fields[0], ==, "Smith, John");
  g_assert_cmpstr (row->fields[1], ==, "said \"hi\"");
  g_assert_cmpint (row->line_no, ==, 2);
  g_assert_true (shz_reader_next (r, &row, &error));
  g_assert_cmpstr (row->fields[0], ==, "multi\nline\r\nfield");
  g_assert_cmpstr (row->fields[1], ==, "");
  g_assert_cmpint (row->line_no, ==, 3);
  g_assert_cmpint (row->row_no, ==, 2);
  g_assert_true (shz_reader_next (r, &row, &error));
  g_assert_cmpstr (row->fields[1], ==, "a,b;c|d");
  g_assert_cmpint (row->line_no, ==, 6);
  g_assert_true (shz_reader_next (r, &row, &error));
  g_assert_cmpstr (row->fields[0], ==, "quotedtail");
  g_assert_cmpstr (row->fields[1], ==, "x\"y");
  g_assert_true (shz_reader_next (r, &row, &error));
  g_assert_cmpuint (row->n_fields, ==, 3);
  g_assert_cmpstr (row->fields[1], ==, "");
  g_assert_cmpint (row->line_no, ==, 8);
  g_assert_false (shz_reader_next (r, &row, &error));
  g_assert_no_error (error);
  g_assert_null (row);
}

static void
test_unterminated (void)
{
  g_autoptr(GError) error = open_error ("unterminated.csv", "a,b\n1,\"open\n2,3\n", -1, NULL);

  g_assert_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "line 2"));
}

static void
test_delimiters (void)
{
  struct { const char *name, *data; char delim; ShzFormat format; } cases[] = {
    { "semi.csv", "a;b;c\n1;\"x;y\";3\n4;5;6\n", ';', SHZ_FORMAT_CSV },
    { "tab.txt", "a\tb\tc\n1\tx,y\t3\n4\t5\t6\n", '\t', SHZ_FORMAT_TSV },
    { "pipe.csv", "a|b|c\n1|x|3\n4|5|6\n", '|', SHZ_FORMAT_CSV },
    { "comma.csv", "a,b,c\n1,\"x|y\",3\n4,5,6\n", ',', SHZ_FORMAT_CSV },
    { "single.tsv", "a\n1\n2\n", '\t', SHZ_FORMAT_TSV },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ShzReader *r = NULL;
      g_autofree char *text = read_all (cases[i].name, cases[i].data, -1, NULL, &r);

      g_assert_cmpint (shz_reader_get_delimiter (r), ==, cases[i].delim);
      g_assert_cmpint (shz_reader_get_format (r), ==, cases[i].format);
      shz_reader_free (r);
    }

  {
    ShzReaderOptions opts = { .delimiter = ';' };
    g_autofree char *text = read_all ("forced.csv", "a;b,c\n1;2,3\n", -1, &opts, NULL);
    g_assert_cmpstr (text, ==, "a|b,c\n1|2,3\n");
  }
}

static void
test_header (void)
{
  ShzReader *r = NULL;
  g_autofree char *text = read_all ("nohead.csv", "E001,零售,2019-03,1200\nE002,制造,2019-04,35\n",
                                    -1, NULL, &r);

  g_assert_false (shz_reader_has_header (r));
  g_assert_cmpstr (text, ==, "A|B|C|D\nE001|零售|2019-03|1200\nE002|制造|2019-04|35\n");
  shz_reader_free (r);

  {
    ShzReaderOptions opts = { .header = SHZ_HEADER_ABSENT };
    g_autofree char *t = read_all ("forcedhead.csv", "x,y\n1,2\n", -1, &opts, NULL);
    g_assert_cmpstr (t, ==, "A|B\nx|y\n1|2\n");
  }
  {
    /* an empty header cell is named by its letter */
    g_autofree char *t = read_all ("gaphead.csv", "x,,z\n1,2,3\n", -1, NULL, NULL);
    g_assert_cmpstr (t, ==, "x|B|z\n1|2|3\n");
  }
}

static void
test_ragged (void)
{
  ShzReader *r = NULL;
  g_autofree char *text = read_all ("ragged.csv", "a,b,c\n1,2\n1,2,3,4,5\n", -1, NULL, &r);

  /* rows keep their own width; the header grows names for extra columns */
  g_assert_cmpstr (text, ==, "a|b|c\n1|2\n1|2|3|4|5\n");
  {
    guint n;
    const char * const *h = shz_reader_get_header (r, &n);
    g_assert_cmpuint (n, ==, 5);
    g_assert_cmpstr (h[3], ==, "D");
    g_assert_null (h[5]);
  }
  shz_reader_free (r);
}

static void
test_empty (void)
{
  g_autoptr(GError) e1 = open_error ("empty.csv", "", 0, NULL);
  g_autoptr(GError) e2 = open_error ("blank.csv", "\n\r\n  \n", -1, NULL);
  g_autoptr(GError) e3 = open_error ("bomonly.csv", "\xEF\xBB\xBF", -1, NULL);
  g_autoptr(GError) e4 = NULL;
  g_autofree char *missing = g_build_filename (tmpdir, "missing.csv", NULL);
  g_autoptr(ShzReader) r = shz_reader_open (missing, NULL, &e4);

  g_assert_error (e1, SHZ_IO_ERROR, SHZ_IO_ERROR_EMPTY);
  g_assert_error (e2, SHZ_IO_ERROR, SHZ_IO_ERROR_EMPTY);
  g_assert_error (e3, SHZ_IO_ERROR, SHZ_IO_ERROR_EMPTY);
  g_assert_null (r);
  g_assert_error (e4, SHZ_IO_ERROR, SHZ_IO_ERROR_OPEN);
}

static void
test_bounds (void)
{
  g_autofree char *big = g_strnfill (5000, 'x');
  g_autofree char *cell = g_strdup_printf ("a,b\n1,%s\n", big);
  g_autofree char *quoted = g_strdup_printf ("a,b\n1,\"%s\n", big);
  ShzReaderOptions small_cell = { .max_cell_bytes = 1000 };
  ShzReaderOptions few_cols = { .max_columns = 3 };
  ShzReaderOptions few_rows = { .max_rows = 2 };
  g_autoptr(GError) e1 = open_error ("bigcell.csv", cell, -1, &small_cell);
  g_autoptr(GError) e2 = open_error ("bigquote.csv", quoted, -1, &small_cell);
  g_autoptr(GError) e3 = open_error ("wide.csv", "a,b\n1,2,3,4\n", -1, &few_cols);
  g_autoptr(GError) e4 = open_error ("long.csv", "a\n1\n2\n3\n", -1, &few_rows);

  g_assert_error (e1, SHZ_IO_ERROR, SHZ_IO_ERROR_TOO_LARGE);
  g_assert_error (e2, SHZ_IO_ERROR, SHZ_IO_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (e2->message, "quote"));
  g_assert_error (e3, SHZ_IO_ERROR, SHZ_IO_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (e3->message, "line 2"));
  g_assert_error (e4, SHZ_IO_ERROR, SHZ_IO_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (e4->message, "line 4"));

  /* many columns of large cells: the row as a whole is bounded too */
  {
    GString *wide = g_string_new ("a\n");
    g_autofree char *cellx = g_strnfill (1000 * 1000, 'y');
    g_autoptr(GError) e5 = NULL;

    for (int i = 0; i < 40; i++)
      g_string_append_printf (wide, "%s%s", i ? "," : "", cellx);
    g_string_append_c (wide, '\n');
    e5 = open_error ("widerow.csv", wide->str, wide->len, NULL);
    g_assert_error (e5, SHZ_IO_ERROR, SHZ_IO_ERROR_TOO_LARGE);
    g_string_free (wide, TRUE);
  }
}

/* Rows that straddle the 1 MiB read boundaries, in UTF-8 and through iconv. */
static void
check_large (const char *charset)
{
  GString *s = g_string_new ("id,名称,note\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ShzReader) r = NULL;
  const ShzRow *row;
  gint64 n = 0;
  const int rows = 60000;

  for (int i = 0; i < rows; i++)
    {
      if (i % 7 == 0)
        g_string_append_printf (s, "%d,\"数智,化 %d\",\"q\"\"%d\nz\"\r\n", i, i, i);
      else
        g_string_append_printf (s, "%d,消费品企业%d,plain%d\n", i, i, i);
    }
  if (charset)
    {
      gsize len = 0;
      g_autofree char *conv = g_convert (s->str, s->len, charset, "UTF-8", NULL, &len, &error);
      g_assert_no_error (error);
      path = write_file ("large.csv", conv, len);
    }
  else
    path = write_file ("large.csv", s->str, s->len);
  g_string_free (s, TRUE);

  r = shz_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  while (shz_reader_next (r, &row, &error))
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, n);

      g_assert_cmpuint (row->n_fields, ==, 3);
      g_assert_cmpstr (row->fields[0], ==, id);
      if (n % 7 == 0)
        {
          g_autofree char *name = g_strdup_printf ("数智,化 %" G_GINT64_FORMAT, n);
          g_autofree char *note = g_strdup_printf ("q\"%" G_GINT64_FORMAT "\nz", n);
          g_assert_cmpstr (row->fields[1], ==, name);
          g_assert_cmpstr (row->fields[2], ==, note);
        }
      else
        {
          g_autofree char *name = g_strdup_printf ("消费品企业%" G_GINT64_FORMAT, n);
          g_assert_cmpstr (row->fields[1], ==, name);
        }
      g_assert_cmpfloat (shz_reader_get_progress (r), <=, 1.0);
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, rows);
}

static void
test_large (void)
{
  check_large (NULL);
  check_large ("GB18030");
  check_large ("UTF-16LE");
}

static void
test_sha256 (void)
{
  g_autofree char *path = write_file ("sha.csv", utf8_table, -1);
  g_autofree char *expect = g_compute_checksum_for_string (G_CHECKSUM_SHA256, utf8_table, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzReader) r = shz_reader_open (path, NULL, &error);
  const ShzRow *row;

  g_assert_no_error (error);
  g_assert_null (shz_reader_get_sha256 (r));
  while (shz_reader_next (r, &row, &error))
    ;
  g_assert_no_error (error);
  g_assert_cmpstr (shz_reader_get_sha256 (r), ==, expect);
  g_assert_cmpuint (shz_reader_get_file_size (r), ==, strlen (utf8_table));
}

static void
test_strv (void)
{
  g_autofree char *path = write_file ("strv.csv", utf8_table, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzReader) r = shz_reader_open (path, NULL, &error);
  g_autoptr(GPtrArray) row = NULL;

  g_assert_no_error (error);
  g_assert_true (shz_reader_next_strv (r, &row, &error));
  g_assert_cmpuint (row->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (row, 2), ==, "1,200");
}

/* ---- numbers ---- */

static void
test_numbers (void)
{
  struct { const char *text; double value; } ok[] = {
    { "1234", 1234 }, { "-12.5", -12.5 }, { "1,234.5", 1234.5 }, { "1,234,567", 1234567 },
    { "１２３４．５", 1234.5 }, { "１，２００", 1200 }, { "12.5%", 0.125 }, { "５０％", 0.5 },
    { "¥1,200", 1200 }, { "￥1200", 1200 }, { "$3", 3 }, { "€3.5", 3.5 }, { "RMB 1200", 1200 },
    { "1200元", 1200 }, { "(1,234)", -1234 }, { "（1,234）", -1234 }, { " 42 ", 42 },
    { "1 234", 1234 }, { "3,5", 3.5 }, { "1e3", 1000 }, { "CNY 5", 5 }, { "+7", 7 },
  };
  const char *bad[] = { "", "abc", "nan", "inf", "-inf", "1e999", "1,2,3", "12a", "0x10",
                        "(5", "1..2", "--1", "(-5)", "—", "１２x" };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      double v = NAN;
      g_autofree char *reason = NULL;

      if (!shz_number_parse (ok[i].text, &v, &reason))
        g_error ("“%s” rejected: %s", ok[i].text, reason);
      g_assert_cmpfloat_with_epsilon (v, ok[i].value, 1e-9);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      double v = 99;
      g_autofree char *reason = NULL;

      if (shz_number_parse (bad[i], &v, &reason))
        g_error ("“%s” accepted as %g", bad[i], v);
      g_assert_nonnull (reason);
      g_assert_cmpfloat (v, ==, 99);
    }
}

static void
test_number_format (void)
{
  g_autofree char *a = shz_number_format (1234);
  g_autofree char *b = shz_number_format (0.1 + 0.2);
  g_autofree char *c = shz_number_format (-0.0);
  g_autofree char *d = shz_number_format (1.5e20);

  g_assert_cmpstr (a, ==, "1234");
  g_assert_cmpstr (b, ==, "0.30000000000000004");
  g_assert_cmpstr (c, ==, "0");
  g_assert_cmpfloat (g_ascii_strtod (d, NULL), ==, 1.5e20);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("shz-test-csv-XXXXXX", NULL);

  g_test_add_func ("/io/csv/utf8", test_utf8);
  g_test_add_func ("/io/csv/utf8-bom", test_utf8_bom);
  g_test_add_func ("/io/csv/utf16le", test_utf16le);
  g_test_add_func ("/io/csv/utf16be", test_utf16be);
  g_test_add_func ("/io/csv/gbk", test_gbk);
  g_test_add_func ("/io/csv/gbk-late", test_gbk_late);
  g_test_add_func ("/io/csv/forced-encoding", test_forced_encoding);
  g_test_add_func ("/io/csv/invalid-bytes", test_invalid_bytes);
  g_test_add_func ("/io/csv/line-endings", test_line_endings);
  g_test_add_func ("/io/csv/quoting", test_quoting);
  g_test_add_func ("/io/csv/unterminated-quote", test_unterminated);
  g_test_add_func ("/io/csv/delimiters", test_delimiters);
  g_test_add_func ("/io/csv/header", test_header);
  g_test_add_func ("/io/csv/ragged", test_ragged);
  g_test_add_func ("/io/csv/empty", test_empty);
  g_test_add_func ("/io/csv/bounds", test_bounds);
  g_test_add_func ("/io/csv/chunk-boundaries", test_large);
  g_test_add_func ("/io/csv/sha256", test_sha256);
  g_test_add_func ("/io/csv/strv", test_strv);
  g_test_add_func ("/io/number/parse", test_numbers);
  g_test_add_func ("/io/number/format", test_number_format);

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
