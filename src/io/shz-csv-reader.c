/* shz-csv-reader.c — streaming CSV/TSV: encoding and delimiter detection, RFC 4180 quoting,
 * any line ending.  Reads 1 MiB at a time; UTF-8 is parsed in place, other encodings are
 * converted chunk by chunk with g_iconv.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-io"
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <unistd.h>

#include "shz-reader-private.h"

/* Bytes read at a time.  The build may set a smaller chunk: the fuzzing copy uses 64 bytes, so
 * that characters and quoted fields crossing a chunk boundary are fuzzed (tests/fuzz). */
#ifndef SHZ_CSV_CHUNK
#define SHZ_CSV_CHUNK (1024 * 1024)
#endif
#define CHUNK SHZ_CSV_CHUNK
#define SNIFF_LINES 50

typedef enum {
  DECODE_UTF8,
  DECODE_ICONV,
} DecodeMode;

typedef struct {
  int         fd;
  guint64     consumed;      /* raw bytes read from the file */
  gboolean    eof;

  DecodeMode  mode;
  GIConv      cd;

  guchar     *raw;           /* raw bytes; [raw_pos, raw_len) not yet decoded */
  gsize       raw_len;
  gsize       raw_pos;

  char       *conv;          /* converted text (iconv mode) */
  gsize       conv_alloc;

  const char *text;          /* text being parsed: [pos, text_len) */
  gsize       text_len;
  gsize       pos;
  gboolean    invalid;       /* undecodable bytes follow text_len */
  guchar      invalid_byte;

  gint64      line;          /* 1-based line of text[pos] */
  gboolean    skip_lf;       /* a CR ended the last record: swallow one LF */
  char        delim;
  guint8      special[256];
} CsvImpl;

static void
csv_impl_free (gpointer p)
{
  CsvImpl *c = p;

  if (c->fd >= 0)
    close (c->fd);
  if (c->mode == DECODE_ICONV && c->cd != (GIConv) -1)
    g_iconv_close (c->cd);
  g_free (c->raw);
  g_free (c->conv);
  g_free (c);
}

/* Appends file bytes after the undecoded remainder; updates the checksum. */
static gboolean
read_raw (ShzReader  *reader,
          CsvImpl    *c,
          GError    **error)
{
  gsize keep = c->raw_len - c->raw_pos;
  gsize want;

  if (keep > 0 && c->raw_pos > 0)
    memmove (c->raw, c->raw + c->raw_pos, keep);
  c->raw_pos = 0;
  c->raw_len = keep;
  want = CHUNK;

  while (!c->eof && c->raw_len < want + keep)
    {
      gssize n = read (c->fd, c->raw + c->raw_len, want + keep - c->raw_len);

      if (n < 0)
        {
          int saved = errno;
          g_autofree char *base = NULL;

          if (saved == EINTR)
            continue;
          base = g_path_get_basename (reader->path);
          g_set_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_OPEN, _("%s: cannot read: %s"),
                       base, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        {
          c->eof = TRUE;
          break;
        }
      if (reader->checksum)
        shz_sha256_update (reader->checksum, c->raw + c->raw_len, n);
      c->raw_len += n;
      c->consumed += n;
    }
  return TRUE;
}

/* Strict UTF-8 (no overlongs, surrogates or NUL), eight ASCII bytes at a time: the same
 * verdict as g_utf8_validate_len(), about twice as fast on CSV text. */
static gboolean
utf8_validate (const char  *text,
               gsize        len,
               const char **end)
{
  const guchar *p = (const guchar *) text;
  const guchar *e = p + len;

  while (p < e)
    {
      guchar c;

      if (e - p >= 8)
        {
          guint64 v;

          memcpy (&v, p, 8);
          if ((v & G_GUINT64_CONSTANT (0x8080808080808080)) == 0 &&
              ((v - G_GUINT64_CONSTANT (0x0101010101010101)) & ~v &
               G_GUINT64_CONSTANT (0x8080808080808080)) == 0)
            {
              p += 8;
              continue;
            }
        }
      c = *p;
      if (c < 0x80)
        {
          if (c == 0)
            break;
          p++;
        }
      else if (c >= 0xC2 && c <= 0xDF)
        {
          if (e - p < 2 || (p[1] & 0xC0) != 0x80)
            break;
          p += 2;
        }
      else if (c >= 0xE0 && c <= 0xEF)
        {
          if (e - p < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
              (c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F))
            break;
          p += 3;
        }
      else if (c >= 0xF0 && c <= 0xF4)
        {
          if (e - p < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
              (p[3] & 0xC0) != 0x80 || (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F))
            break;
          p += 4;
        }
      else
        break;
    }
  *end = (const char *) p;
  return p == e;
}

/* Length of a trailing, possibly incomplete UTF-8 sequence at the end of [s, s+len). */
static gsize
utf8_incomplete_tail (const guchar *s,
                      gsize         len)
{
  for (gsize back = 1; back <= 3 && back <= len; back++)
    {
      guchar b = s[len - back];
      gsize need;

      if ((b & 0xC0) == 0x80)
        continue;             /* continuation byte: look further back */
      if ((b & 0xE0) == 0xC0)
        need = 2;
      else if ((b & 0xF0) == 0xE0)
        need = 3;
      else if ((b & 0xF8) == 0xF0)
        need = 4;
      else
        return 0;
      return need > back ? back : 0;
    }
  return 0;
}

/* Decodes what has been read into c->text.  FALSE only on a read error. */
static gboolean
decode (ShzReader  *reader,
        CsvImpl    *c,
        GError    **error)
{
  c->pos = 0;
  c->text_len = 0;

  for (;;)
    {
      if (c->raw_len - c->raw_pos < 4 && !c->eof)
        if (!read_raw (reader, c, error))
          return FALSE;

      if (c->mode == DECODE_UTF8)
        {
          const guchar *start = c->raw + c->raw_pos;
          gsize avail = c->raw_len - c->raw_pos;
          const char *end = NULL;
          gsize tail = c->eof ? 0 : utf8_incomplete_tail (start, avail);

          c->text = (const char *) start;
          if (!utf8_validate ((const char *) start, avail - tail, &end))
            {
              c->invalid = TRUE;
              c->invalid_byte = *(const guchar *) end;
            }
          c->text_len = (const guchar *) end - start;
          c->raw_pos += c->text_len;
          if (c->text_len > 0 || c->invalid || c->eof)
            return TRUE;
          /* only an incomplete sequence: read more */
          if (!read_raw (reader, c, error))
            return FALSE;
          continue;
        }
      else
        {
          gchar *in = (gchar *) c->raw + c->raw_pos;
          gsize in_left = c->raw_len - c->raw_pos;
          gchar *out = c->conv;
          gsize out_left = c->conv_alloc;
          gsize r = g_iconv (c->cd, &in, &in_left, &out, &out_left);
          int saved = errno;

          c->raw_pos = (guchar *) in - c->raw;
          c->text = c->conv;
          c->text_len = out - c->conv;
          {
            /* a NUL is never text: stop before it (the raw position is past it; we stop
             * reading here anyway) */
            const char *nul = memchr (c->conv, '\0', c->text_len);

            if (nul)
              {
                c->text_len = nul - c->conv;
                c->invalid = TRUE;
                c->invalid_byte = 0;
                return TRUE;
              }
          }
          if (r == (gsize) -1)
            {
              if (saved == EILSEQ || (saved == EINVAL && c->eof))
                {
                  c->invalid = TRUE;
                  c->invalid_byte = *(guchar *) in;
                }
              /* EINVAL (incomplete, more to come) and E2BIG: carry on at the next refill */
            }
          if (c->text_len > 0 || c->invalid || (c->eof && c->raw_pos == c->raw_len))
            return TRUE;
          if (c->eof)
            {
              c->invalid = TRUE;
              c->invalid_byte = c->raw[c->raw_pos];
              return TRUE;
            }
          if (!read_raw (reader, c, error))
            return FALSE;
        }
    }
}

static void
set_invalid_error (ShzReader  *reader,
                   CsvImpl    *c,
                   GError    **error)
{
  g_autofree char *base = g_path_get_basename (reader->path);

  if (c->invalid_byte == 0)
    g_set_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_ENCODING,
                 _("%s: line %" PRId64 ": a NUL byte: this is not a text file "
                   "in %s"), base, c->line, reader->encoding);
  else
    g_set_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_ENCODING,
                 _("%s: line %" PRId64 ": byte 0x%02X is not valid %s; "
                   "choose the file's encoding (e.g. GB18030 or UTF-16)"),
                 base, c->line, c->invalid_byte, reader->encoding);
}

static void
count_lines (CsvImpl    *c,
             const char *s,
             gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n')))
      c->line++;
}

static gboolean
csv_next_row (ShzReader  *reader,
              ShzRowBuf  *b,
              gint64     *line_no,
              GError    **error)
{
  CsvImpl *c = reader->impl;
  enum { S_START, S_UNQUOTED, S_QUOTED, S_QUOTE_SEEN } st = S_START;
  gint64 quote_line = 0;
  gboolean started = FALSE;
  const char *what = NULL;
  gsize overflow_n = 0;

  for (;;)
    {
      const char *t;
      gsize pos, len;

      if (c->pos >= c->text_len)
        {
          if (c->invalid)
            {
              set_invalid_error (reader, c, error);
              return FALSE;
            }
          if (c->eof && c->raw_pos >= c->raw_len)
            {
              c->text_len = c->pos = 0;
              if (st == S_QUOTED)
                {
                  g_autofree char *base = g_path_get_basename (reader->path);
                  g_set_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_SYNTAX,
                               _("%s: line %" PRId64 ": a quoted field is never "
                                 "closed (missing \")"), base, quote_line);
                  return FALSE;
                }
              if (!started)
                return FALSE;
              if (!shz_row_buf_end_field (b))
                goto too_many_columns;
              return TRUE;
            }
          if (!decode (reader, c, error))
            return FALSE;
          continue;
        }

      t = c->text;
      pos = c->pos;
      len = c->text_len;

      if (c->skip_lf)
        {
          c->skip_lf = FALSE;
          if (t[pos] == '\n')
            {
              c->pos = pos + 1;
              continue;
            }
        }
      if (!started)
        {
          started = TRUE;
          *line_no = c->line;
        }

      switch (st)
        {
        case S_START:
          if (t[pos] == '"')
            {
              st = S_QUOTED;
              quote_line = c->line;
              pos++;
              break;
            }
          st = S_UNQUOTED;
          G_GNUC_FALLTHROUGH;

        case S_UNQUOTED:
          {
            const guint8 *special = c->special;
            gsize s = pos;
            char ch;

            while (pos < len && !special[(guchar) t[pos]])
              pos++;
            if (!shz_row_buf_append (b, t + s, pos - s))
              {
                overflow_n = pos - s;
                goto cell_too_large;
              }
            if (pos == len)
              break;
            ch = t[pos++];
            if (!shz_row_buf_end_field (b))
              goto too_many_columns;
            if (ch == c->delim)
              {
                st = S_START;
                break;
              }
            c->line++;
            if (ch == '\r')
              c->skip_lf = TRUE;
            c->pos = pos;
            return TRUE;
          }

        case S_QUOTED:
          {
            const char *q = memchr (t + pos, '"', len - pos);
            gsize e = q ? (gsize) (q - t) : len;

            count_lines (c, t + pos, e - pos);
            if (!shz_row_buf_append (b, t + pos, e - pos))
              {
                overflow_n = e - pos;
                goto cell_too_large;
              }
            pos = e;
            if (q)
              {
                pos++;
                st = S_QUOTE_SEEN;
              }
            break;
          }

        case S_QUOTE_SEEN:
          if (t[pos] == '"')
            {
              if (!shz_row_buf_append_c (b, '"'))
                {
                  overflow_n = 1;
                  goto cell_too_large;
                }
              pos++;
              st = S_QUOTED;
            }
          else
            st = S_UNQUOTED;   /* the delimiter, the line end, or stray text kept as is */
          break;

        default:
          g_assert_not_reached ();
        }
      c->pos = pos;
    }

cell_too_large:
  what = shz_row_buf_overflow (b, overflow_n);
  {
    gboolean cell = b->len - b->field_start + overflow_n > b->max_cell;
    /* TRANSLATORS: "a cell is larger than the limit (1048576 bytes)", then nothing or
     * "; is a quote missing?" */
    g_autofree char *msg = cell ? g_strdup_printf (_("%s (%" PRIu64 " bytes)%s"), what,
                                                   (uint64_t) b->max_cell,
                                                   st == S_QUOTED ? _("; is a quote missing?") : "")
                                : g_strdup (what);
    shz_reader_set_bound_error (reader, error, st == S_QUOTED ? quote_line : *line_no, msg);
  }
  return FALSE;

too_many_columns:
  {
    g_autofree char *msg = g_strdup_printf (_("more than %u columns"), b->max_columns);
    shz_reader_set_bound_error (reader, error, *line_no, msg);
  }
  return FALSE;
}

static double
csv_progress (ShzReader *reader)
{
  CsvImpl *c = reader->impl;

  if (reader->file_size == 0)
    return 1.0;
  /* bytes read minus what is still buffered */
  return (double) (c->consumed - (c->raw_len - c->raw_pos)) / (double) reader->file_size;
}

static const ShzReaderBackend csv_backend = {
  .next_row = csv_next_row,
  .progress = csv_progress,
  .free_impl = csv_impl_free,
};

/* Chooses among , ; tab | the one whose per-line count (outside quotes) is most consistent
 * over the first lines, then the most frequent. */
static char
sniff_delimiter (const char *text,
                 gsize       len,
                 gboolean    prefer_tab)
{
  static const char candidates[] = { ',', '\t', ';', '|' };
  char best = 0;
  double best_score = 0;
  guint best_mode = 0;

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    {
      char d = candidates[k];
      guint counts[SNIFF_LINES];
      guint n_lines = 0, cur = 0, mode = 0, mode_freq = 0;
      gboolean in_quote = FALSE;
      double score;

      for (gsize i = 0; i < len && n_lines < SNIFF_LINES; i++)
        {
          char ch = text[i];

          if (ch == '"')
            in_quote = !in_quote;
          else if (in_quote)
            continue;
          else if (ch == d)
            cur++;
          else if (ch == '\n' || ch == '\r')
            {
              if (ch == '\r' && i + 1 < len && text[i + 1] == '\n')
                i++;
              counts[n_lines++] = cur;
              cur = 0;
            }
        }
      if (cur > 0 && n_lines < SNIFF_LINES)
        counts[n_lines++] = cur;
      if (n_lines == 0)
        continue;

      for (guint i = 0; i < n_lines; i++)
        {
          guint f = 0;

          if (counts[i] == 0)
            continue;
          for (guint j = 0; j < n_lines; j++)
            if (counts[j] == counts[i])
              f++;
          if (f > mode_freq || (f == mode_freq && counts[i] > mode))
            {
              mode = counts[i];
              mode_freq = f;
            }
        }
      if (mode == 0)
        continue;
      score = (double) mode_freq / n_lines;
      if (prefer_tab && d == '\t')
        score += 0.5;
      if (score > best_score || (score == best_score && mode > best_mode))
        {
          best = d;
          best_score = score;
          best_mode = mode;
        }
    }
  return best ? best : (prefer_tab ? '\t' : ',');
}

/* Canonical name of a user-given encoding, or NULL when it means UTF-8 (parsed in place). */
static char *
normalise_encoding (const char *name)
{
  g_autofree char *up = g_ascii_strup (name, -1);

  g_strstrip (up);
  if (g_str_equal (up, "UTF-8") || g_str_equal (up, "UTF8") || g_str_equal (up, "UTF-8-BOM") ||
      g_str_equal (up, "UTF-8-SIG") || g_str_equal (up, "ASCII") || g_str_equal (up, "US-ASCII"))
    return NULL;
  if (g_str_equal (up, "UTF16LE"))
    return g_strdup ("UTF-16LE");
  if (g_str_equal (up, "UTF16BE"))
    return g_strdup ("UTF-16BE");
  if (g_str_equal (up, "CP936") || g_str_equal (up, "GB2312"))
    return g_strdup ("GBK");
  return g_steal_pointer (&up);
}

static gsize
utf8_multibyte_count (const guchar *s,
                      const guchar *end)
{
  gsize n = 0;

  for (; s < end; s++)
    n += *s >= 0xC0;
  return n;
}

/* The first chunk was plain ASCII, which reads the same in UTF-8 and GBK: look further into
 * the file (pread, the stream position is untouched) for its first non-ASCII bytes and judge
 * the encoding by those, so a GBK file whose Chinese starts after the first megabyte is still
 * recognised.  TRUE when they are not UTF-8. */
static gboolean
later_text_fails_utf8 (int           fd,
                       gsize         offset,
                       const guchar *first,
                       gsize         first_len)
{
  g_autofree guchar *buf = NULL;
  gsize size = 1024 * 1024;

  for (gsize i = 0; i < first_len; i++)
    if (first[i] >= 0x80)
      return FALSE;   /* not plain ASCII: the first chunk has already been judged */

  buf = g_malloc (size);
  for (;;)
    {
      gssize n = pread (fd, buf, size, offset);

      if (n <= 0)
        return FALSE;
      for (gssize i = 0; i < n; i++)
        if (buf[i] >= 0x80)
          {
            /* judge the next 64 KiB from there (from a fresh read if they straddle) */
            gsize from = i;
            gsize len;
            const char *end = NULL;

            if (from + 65536 > (gsize) n)
              {
                offset += from;
                n = pread (fd, buf, MIN (size, 65536), offset);
                if (n <= 0)
                  return FALSE;
                from = 0;
              }
            len = MIN ((gsize) n - from, 65536);
            if (utf8_validate ((const char *) buf + from, len, &end))
              return FALSE;
            /* an incomplete sequence at the very end of the window is not a failure */
            if ((const guchar *) end >= buf + from + len - 3 && len == 65536)
              return FALSE;
            return utf8_multibyte_count (buf + from, (const guchar *) end) < 32;
          }
      offset += n;
    }
}

static gboolean
looks_utf16 (const guchar *s,
             gsize         len,
             gboolean     *little)
{
  guint even = 0, odd = 0;
  gsize n = MIN (len, 4096) & ~(gsize) 1;

  if (n < 4)
    return FALSE;
  for (gsize i = 0; i < n; i += 2)
    {
      even += s[i] == 0;
      odd += s[i + 1] == 0;
    }
  if (odd > n / 2 * 0.3 && even == 0)
    {
      *little = TRUE;
      return TRUE;
    }
  if (even > n / 2 * 0.3 && odd == 0)
    {
      *little = FALSE;
      return TRUE;
    }
  return FALSE;
}

static gboolean
start_iconv (ShzReader   *reader,
             CsvImpl     *c,
             const char  *encoding,
             GError     **error)
{
  c->cd = g_iconv_open ("UTF-8", encoding);
  if (c->cd == (GIConv) -1)
    {
      g_set_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_UNSUPPORTED,
                   _("Unknown encoding “%s”"), encoding);
      return FALSE;
    }
  c->mode = DECODE_ICONV;
  c->conv_alloc = 2 * CHUNK + 64;
  c->conv = g_malloc (c->conv_alloc);
  return TRUE;
}

gboolean
shz_csv_reader_open (ShzReader  *reader,
                     int         fd,
                     GError    **error)
{
  CsvImpl *c = g_new0 (CsvImpl, 1);
  g_autofree char *base = g_path_get_basename (reader->path);
  g_autofree char *lower = g_ascii_strdown (base, -1);
  gboolean prefer_tab = g_str_has_suffix (lower, ".tsv") || g_str_has_suffix (lower, ".tab");
  const guchar *raw;
  gsize n;

  c->fd = fd;
  c->cd = (GIConv) -1;
  c->line = 1;
  c->raw = g_malloc (2 * CHUNK + 16);
  reader->backend = &csv_backend;
  reader->impl = c;

  if (!read_raw (reader, c, error))
    return FALSE;
  raw = c->raw;
  n = c->raw_len;

  if (reader->opts.encoding && *reader->opts.encoding)
    {
      g_autofree char *enc = normalise_encoding (reader->opts.encoding);

      if (enc == NULL)
        {
          if (n >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF)
            c->raw_pos = 3;
          reader->encoding = g_strdup ("UTF-8");
        }
      else
        {
          if ((g_str_equal (enc, "UTF-16LE") && n >= 2 && raw[0] == 0xFF && raw[1] == 0xFE) ||
              (g_str_equal (enc, "UTF-16BE") && n >= 2 && raw[0] == 0xFE && raw[1] == 0xFF))
            c->raw_pos = 2;
          if (!start_iconv (reader, c, enc, error))
            return FALSE;
          reader->encoding = g_steal_pointer (&enc);
        }
    }
  else if (n >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF)
    {
      c->raw_pos = 3;
      reader->encoding = g_strdup ("UTF-8-BOM");
    }
  else if (n >= 2 && raw[0] == 0xFF && raw[1] == 0xFE)
    {
      c->raw_pos = 2;
      reader->encoding = g_strdup ("UTF-16LE");
      if (!start_iconv (reader, c, "UTF-16LE", error))
        return FALSE;
    }
  else if (n >= 2 && raw[0] == 0xFE && raw[1] == 0xFF)
    {
      c->raw_pos = 2;
      reader->encoding = g_strdup ("UTF-16BE");
      if (!start_iconv (reader, c, "UTF-16BE", error))
        return FALSE;
    }
  else
    {
      gboolean little = FALSE;
      const char *end = NULL;
      gsize tail = c->eof ? 0 : utf8_incomplete_tail (raw, n);

      if (looks_utf16 (raw, n, &little))
        {
          reader->encoding = g_strdup (little ? "UTF-16LE" : "UTF-16BE");
          if (!start_iconv (reader, c, reader->encoding, error))
            return FALSE;
        }
      else if ((utf8_validate ((const char *) raw, n - tail, &end) &&
                !later_text_fails_utf8 (c->fd, n, raw, n)) ||
               utf8_multibyte_count (raw, (const guchar *) end) >= 32)
        {
          /* valid, or a long stretch of valid multi-byte UTF-8 before one bad byte: GBK text
           * does not look like that, so this is damaged UTF-8 and is reported as such (at its
           * line) rather than decoded as mojibake */
          reader->encoding = g_strdup ("UTF-8");
        }
      else
        {
          /* strict UTF-8 failed: Chinese Excel writes GBK, of which GB18030 is a superset */
          reader->encoding = g_strdup ("GB18030");
          if (!start_iconv (reader, c, "GB18030", error))
            return FALSE;
        }
    }

  if (!decode (reader, c, error))
    return FALSE;
  if (c->text_len == 0 && c->invalid)
    {
      set_invalid_error (reader, c, error);
      return FALSE;
    }

  c->delim = reader->opts.delimiter ? reader->opts.delimiter
                                    : sniff_delimiter (c->text, c->text_len, prefer_tab);
  reader->delimiter = c->delim;
  reader->format = c->delim == '\t' ? SHZ_FORMAT_TSV : SHZ_FORMAT_CSV;
  c->special[(guchar) c->delim] = 1;
  c->special['\n'] = 1;
  c->special['\r'] = 1;
  return TRUE;
}
