/* shz-xlsx-reader.c — Office Open XML workbooks (Excel, WPS): the chosen worksheet streamed
 * with xmlTextReader; shared strings, inline strings, numbers, booleans, dates from serials.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-io"
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shz-number.h"
#include "shz-xml-private.h"

/* The shared strings are the one part held in memory: bound it whatever the inflation bound. */
#define MAX_SHARED_STRINGS_BYTES (512 << 20)

typedef struct {
  char *name;
  char *rid;
} SheetRef;

typedef struct {
  GsfInfile   *zip;
  guint64      inflated;

  /* shared strings: bytes back to back, NUL-terminated */
  GString     *sst;
  GArray      *sst_offsets;   /* of gsize */

  GArray      *xf_is_date;    /* of gboolean, by style index */
  gboolean     date1904;

  ShzXmlPart  *sheet;
  gboolean     done;
  gint64       last_row;
  GString     *scratch;

  /* interned names of the sheet's dictionary */
  const xmlChar *n_row, *n_c, *n_v, *n_t, *n_is, *n_f, *n_rph, *n_sheetdata, *n_r, *n_s, *n_type;
} XlsxImpl;

static void
xlsx_impl_free (gpointer p)
{
  XlsxImpl *x = p;

  g_clear_pointer (&x->sheet, shz_xml_part_free);
  g_clear_object (&x->zip);
  if (x->sst)
    g_string_free (x->sst, TRUE);
  g_clear_pointer (&x->sst_offsets, g_array_unref);
  g_clear_pointer (&x->xf_is_date, g_array_unref);
  if (x->scratch)
    g_string_free (x->scratch, TRUE);
  g_free (x);
}

static gboolean
name_is (ShzXmlPart *part,
         const char *name)
{
  const xmlChar *ln = xmlTextReaderConstLocalName (part->xml);

  return ln && strcmp ((const char *) ln, name) == 0;
}

/* ---- number formats ---- */

static gboolean
builtin_is_date (guint id)
{
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

/* A format code shows a date or time when, outside quotes, brackets and escapes, it uses
 * y m d h s (e.g. yyyy"年"m"月"d"日", [$-804]yyyy/m/d, m/d/yy h:mm). */
static gboolean
format_code_is_date (const char *code)
{
  gboolean in_quote = FALSE;

  for (const char *p = code; *p; p++)
    {
      char ch = *p;

      if (in_quote)
        {
          if (ch == '"')
            in_quote = FALSE;
          continue;
        }
      if (ch == '"')
        in_quote = TRUE;
      else if (ch == '\\' || ch == '_' || ch == '*')
        {
          if (p[1])
            p++;
        }
      else if (ch == '[')
        {
          const char *close = strchr (p, ']');

          /* [h] [mm] [ss] are elapsed times: still time-like */
          if (close && close - p <= 3 && strchr ("hHmMsS", p[1]))
            return TRUE;
          if (!close)
            break;
          p = close;
        }
      else if (ch == ';')
        break;   /* only the first section matters */
      else if (strchr ("yYmMdDhHsS", ch))
        {
          /* "General" has none; "0.00E+00" has none */
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
read_styles (ShzReader  *reader,
             XlsxImpl   *x,
             const char *path,
             GError    **error)
{
  g_autoptr(ShzXmlPart) part = NULL;
  g_autoptr(GHashTable) custom = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  gboolean in_cellxfs = FALSE;
  int r;

  x->xf_is_date = g_array_new (FALSE, TRUE, sizeof (gboolean));
  part = shz_xml_part_open (reader, x->zip, path, &x->inflated, TRUE, error);
  if (part == NULL)
    return error == NULL || *error == NULL;

  while ((r = shz_xml_part_read (part, error)) == 1)
    {
      int type = xmlTextReaderNodeType (part->xml);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          if (name_is (part, "numFmt"))
            {
              g_autofree char *id = shz_xml_part_attr (part, "numFmtId");
              char *code = shz_xml_part_attr (part, "formatCode");

              if (id && code)
                {
                  g_ptr_array_add (keep, code);
                  g_hash_table_insert (custom, GUINT_TO_POINTER (atoi (id)), code);
                }
              else
                g_free (code);
            }
          else if (name_is (part, "cellXfs"))
            in_cellxfs = !xmlTextReaderIsEmptyElement (part->xml);
          else if (in_cellxfs && name_is (part, "xf"))
            {
              g_autofree char *id = shz_xml_part_attr (part, "numFmtId");
              guint fmt = id ? (guint) atoi (id) : 0;
              const char *code = g_hash_table_lookup (custom, GUINT_TO_POINTER (fmt));
              gboolean is_date = code ? format_code_is_date (code) : builtin_is_date (fmt);

              g_array_append_val (x->xf_is_date, is_date);
            }
        }
      else if (type == XML_READER_TYPE_END_ELEMENT && name_is (part, "cellXfs"))
        in_cellxfs = FALSE;
    }
  return r == 0;
}

/* ---- shared strings ---- */

static gboolean
read_shared_strings (ShzReader  *reader,
                     XlsxImpl   *x,
                     const char *path,
                     GError    **error)
{
  g_autoptr(ShzXmlPart) part = NULL;
  gboolean in_si = FALSE, in_t = FALSE;
  guint rph_depth = 0;
  gsize start = 0;
  int r;

  x->sst = g_string_sized_new (4096);
  x->sst_offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  part = shz_xml_part_open (reader, x->zip, path, &x->inflated, TRUE, error);
  if (part == NULL)
    return error == NULL || *error == NULL;

  while ((r = shz_xml_part_read (part, error)) == 1)
    {
      int type = xmlTextReaderNodeType (part->xml);

      switch (type)
        {
        case XML_READER_TYPE_ELEMENT:
          if (name_is (part, "si"))
            {
              start = x->sst->len;
              if (xmlTextReaderIsEmptyElement (part->xml))
                {
                  g_string_append_c (x->sst, '\0');
                  g_array_append_val (x->sst_offsets, start);
                }
              else
                in_si = TRUE;
            }
          else if (in_si && name_is (part, "rPh"))
            {
              if (!xmlTextReaderIsEmptyElement (part->xml))
                rph_depth++;
            }
          else if (in_si && name_is (part, "t"))
            in_t = !xmlTextReaderIsEmptyElement (part->xml);
          break;

        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        case XML_READER_TYPE_CDATA:
          if (in_si && in_t && rph_depth == 0)
            {
              const xmlChar *v = xmlTextReaderConstValue (part->xml);

              if (v)
                {
                  if (x->sst->len - start + strlen ((const char *) v) > reader->opts.max_cell_bytes)
                    {
                      shz_reader_set_bound_error (reader, error, 0,
                                                  _("a shared string is larger than the limit"));
                      return FALSE;
                    }
                  if (x->sst->len > MAX_SHARED_STRINGS_BYTES)
                    {
                      g_autofree char *what =
                        g_strdup_printf (_("shared strings over %d MiB; refused"),
                                         MAX_SHARED_STRINGS_BYTES >> 20);
                      shz_reader_set_bound_error (reader, error, 0, what);
                      return FALSE;
                    }
                  g_string_append (x->sst, (const char *) v);
                }
            }
          break;

        case XML_READER_TYPE_END_ELEMENT:
          if (name_is (part, "t"))
            in_t = FALSE;
          else if (name_is (part, "rPh") && rph_depth > 0)
            rph_depth--;
          else if (name_is (part, "si") && in_si)
            {
              g_string_append_c (x->sst, '\0');
              g_array_append_val (x->sst_offsets, start);
              in_si = FALSE;
            }
          break;

        default:
          break;
        }
    }
  return r == 0;
}

/* ---- workbook and relationships ---- */

static char *
resolve_target (const char *target)
{
  if (target[0] == '/')
    return g_strdup (target + 1);
  return g_build_path ("/", "xl", target, NULL);
}

static gboolean
read_workbook (ShzReader  *reader,
               XlsxImpl   *x,
               GArray     *sheets,
               GHashTable *rels,
               char      **sst_path,
               char      **styles_path,
               GError    **error)
{
  g_autoptr(ShzXmlPart) part = NULL;
  int r;

  part = shz_xml_part_open (reader, x->zip, "xl/_rels/workbook.xml.rels", &x->inflated, TRUE, error);
  if (part == NULL && error && *error)
    return FALSE;
  while (part && (r = shz_xml_part_read (part, error)) == 1)
    {
      if (xmlTextReaderNodeType (part->xml) == XML_READER_TYPE_ELEMENT && name_is (part, "Relationship"))
        {
          g_autofree char *id = shz_xml_part_attr (part, "Id");
          g_autofree char *target = shz_xml_part_attr (part, "Target");
          g_autofree char *type = shz_xml_part_attr (part, "Type");

          if (!id || !target)
            continue;
          if (type && g_str_has_suffix (type, "/sharedStrings"))
            {
              g_free (*sst_path);
              *sst_path = resolve_target (target);
            }
          else if (type && g_str_has_suffix (type, "/styles"))
            {
              g_free (*styles_path);
              *styles_path = resolve_target (target);
            }
          g_hash_table_insert (rels, g_steal_pointer (&id), resolve_target (target));
        }
      if (r < 0)
        return FALSE;
    }
  if (part && error && *error)
    return FALSE;
  g_clear_pointer (&part, shz_xml_part_free);

  part = shz_xml_part_open (reader, x->zip, "xl/workbook.xml", &x->inflated, FALSE, error);
  if (part == NULL)
    return FALSE;
  while ((r = shz_xml_part_read (part, error)) == 1)
    {
      if (xmlTextReaderNodeType (part->xml) != XML_READER_TYPE_ELEMENT)
        continue;
      if (name_is (part, "sheet"))
        {
          SheetRef ref = { shz_xml_part_attr (part, "name"), shz_xml_part_attr (part, "id") };

          if (ref.name == NULL)
            ref.name = g_strdup_printf ("Sheet%u", sheets->len + 1);
          g_array_append_val (sheets, ref);
        }
      else if (name_is (part, "workbookPr"))
        {
          g_autofree char *d = shz_xml_part_attr (part, "date1904");
          x->date1904 = d && (g_str_equal (d, "1") || g_ascii_strcasecmp (d, "true") == 0);
        }
    }
  return r == 0;
}

static void
sheet_ref_clear (gpointer p)
{
  SheetRef *s = p;

  g_free (s->name);
  g_free (s->rid);
}

/* "2" → index 1 when no sheet is called "2". */
static int
find_sheet (GArray     *sheets,
            const char *want)
{
  char *end = NULL;
  guint64 idx;

  if (want == NULL || *want == '\0')
    return sheets->len > 0 ? 0 : -1;
  for (guint i = 0; i < sheets->len; i++)
    if (g_strcmp0 (g_array_index (sheets, SheetRef, i).name, want) == 0)
      return i;
  for (guint i = 0; i < sheets->len; i++)
    if (g_utf8_collate (g_array_index (sheets, SheetRef, i).name, want) == 0 ||
        g_ascii_strcasecmp (g_array_index (sheets, SheetRef, i).name, want) == 0)
      return i;
  idx = g_ascii_strtoull (want, &end, 10);
  if (end && *end == '\0' && idx >= 1 && idx <= sheets->len)
    return (int) idx - 1;
  return -1;
}

/* ---- cells ---- */

static gboolean
serial_to_iso (double     serial,
               gboolean   date1904,
               GString   *out)
{
  g_autoptr(GDateTime) base = NULL;
  g_autoptr(GDateTime) dt = NULL;
  double days = floor (serial);
  double secs = round ((serial - days) * 86400.0);

  if (!isfinite (serial) || serial < 0 || serial > 2958465.0)   /* 9999-12-31 */
    return FALSE;
  if (date1904)
    base = g_date_time_new_utc (1904, 1, 1, 0, 0, 0);
  else if (serial < 61)
    base = g_date_time_new_utc (1899, 12, 31, 0, 0, 0);   /* Excel's phantom 1900-02-29 */
  else
    base = g_date_time_new_utc (1899, 12, 30, 0, 0, 0);
  if (!date1904 && serial < 61)
    days -= 1;
  dt = g_date_time_add_seconds (base, days * 86400.0 + secs);
  if (dt == NULL)
    return FALSE;
  if (serial < 1 && !date1904 && secs > 0)
    g_string_append_printf (out, "%02d:%02d:%02d", g_date_time_get_hour (dt),
                            g_date_time_get_minute (dt), g_date_time_get_second (dt));
  else if (secs > 0)
    g_string_append_printf (out, "%04d-%02d-%02d %02d:%02d:%02d", g_date_time_get_year (dt),
                            g_date_time_get_month (dt), g_date_time_get_day_of_month (dt),
                            g_date_time_get_hour (dt), g_date_time_get_minute (dt),
                            g_date_time_get_second (dt));
  else
    g_string_append_printf (out, "%04d-%02d-%02d", g_date_time_get_year (dt),
                            g_date_time_get_month (dt), g_date_time_get_day_of_month (dt));
  return TRUE;
}

/* 0-based column of "AB12", or -1. */
static gint64
column_of_ref (const char *ref)
{
  gint64 col = 0;
  const char *p = ref;

  if (!g_ascii_isalpha (*p))
    return -1;
  for (; g_ascii_isalpha (*p); p++)
    {
      col = col * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (col > G_MAXINT32)
        return -1;
    }
  return col - 1;
}

typedef enum { CELL_NUMBER, CELL_SHARED, CELL_INLINE, CELL_BOOL, CELL_TEXT } CellType;

static gboolean
emit_cell (ShzReader  *reader,
           XlsxImpl   *x,
           ShzRowBuf  *b,
           gint64      col,
           CellType    type,
           guint       style,
           gint64      line_no,
           GError    **error)
{
  GString *v = x->scratch;
  g_autoptr(GString) formatted = NULL;
  const char *text = v->str;
  gsize len = v->len;

  if (len == 0)
    return TRUE;  /* empty cells are not materialised */

  switch (type)
    {
    case CELL_SHARED:
      {
        char *end = NULL;
        guint64 idx = g_ascii_strtoull (v->str, &end, 10);

        if (end == v->str || idx >= x->sst_offsets->len)
          {
            g_autofree char *base = g_path_get_basename (reader->path);
            g_set_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_SYNTAX,
                         _("%s: row %" PRId64 ": a shared string index (%s) is out of "
                           "range"), base, line_no, v->str);
            return FALSE;
          }
        {
          gsize start = g_array_index (x->sst_offsets, gsize, idx);
          /* strings are stored back to back, each NUL-terminated, in order */
          gsize next = idx + 1 < x->sst_offsets->len ? g_array_index (x->sst_offsets, gsize, idx + 1)
                                                     : x->sst->len;

          text = x->sst->str + start;
          len = next - start - 1;
        }
        if (len == 0)
          return TRUE;
        break;
      }
    case CELL_BOOL:
      text = (g_str_equal (v->str, "1") || g_ascii_strcasecmp (v->str, "true") == 0) ? "TRUE" : "FALSE";
      len = strlen (text);
      break;
    case CELL_NUMBER:
      {
        gboolean is_date = style < x->xf_is_date->len &&
                           g_array_index (x->xf_is_date, gboolean, style);
        double d;

        if (is_date || len > 15)
          {
            char *end = NULL;

            d = g_ascii_strtod (v->str, &end);
            if (end && *end == '\0' && isfinite (d))
              {
                formatted = g_string_new (NULL);
                if (is_date && serial_to_iso (d, x->date1904, formatted))
                  ;
                else
                  {
                    g_autofree char *s = shz_number_format (d);
                    g_string_assign (formatted, s);
                  }
                text = formatted->str;
                len = formatted->len;
              }
          }
        break;
      }
    case CELL_INLINE:
    case CELL_TEXT:
    default:
      break;
    }

  if (col < 0 || col < (gint64) b->n)
    col = b->n;
  if (col >= b->max_columns)
    {
      g_autofree char *msg = g_strdup_printf (_("more than %u columns"), b->max_columns);
      shz_reader_set_bound_error (reader, error, line_no, msg);
      return FALSE;
    }
  while ((gint64) b->n < col)
    shz_row_buf_end_field (b);
  if (!shz_row_buf_append (b, text, len))
    {
      shz_reader_set_bound_error (reader, error, line_no, shz_row_buf_overflow (b, len));
      return FALSE;
    }
  if (!shz_row_buf_end_field (b))
    {
      g_autofree char *msg = g_strdup_printf (_("more than %u columns"), b->max_columns);
      shz_reader_set_bound_error (reader, error, line_no, msg);
      return FALSE;
    }
  return TRUE;
}

static gboolean
xlsx_next_row (ShzReader  *reader,
               ShzRowBuf  *b,
               gint64     *line_no,
               GError    **error)
{
  XlsxImpl *x = reader->impl;
  ShzXmlPart *part = x->sheet;
  xmlTextReaderPtr xml = part->xml;
  gboolean in_row = FALSE, in_cell = FALSE, in_text = FALSE;
  gint64 col = -1;
  CellType ctype = CELL_NUMBER;
  guint style = 0;
  int r;

  if (x->done)
    return FALSE;

  while ((r = shz_xml_part_read (part, error)) == 1)
    {
      int type = xmlTextReaderNodeType (xml);
      const xmlChar *ln;

      if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
          type == XML_READER_TYPE_CDATA)
        {
          if (in_text)
            {
              const xmlChar *v = xmlTextReaderConstValue (xml);

              if (v)
                {
                  if (x->scratch->len > reader->opts.max_cell_bytes)
                    {
                      shz_reader_set_bound_error (reader, error, *line_no,
                                                  _("a cell is larger than the limit"));
                      return FALSE;
                    }
                  g_string_append (x->scratch, (const char *) v);
                }
            }
          continue;
        }

      ln = xmlTextReaderConstLocalName (xml);
      if (type == XML_READER_TYPE_ELEMENT)
        {
          gboolean empty = xmlTextReaderIsEmptyElement (xml);

          if (ln == x->n_c && in_row)
            {
              col = -1;
              ctype = CELL_NUMBER;
              style = 0;
              g_string_truncate (x->scratch, 0);
              if (xmlTextReaderMoveToFirstAttribute (xml) == 1)
                {
                  do
                    {
                      const xmlChar *an = xmlTextReaderConstLocalName (xml);
                      const char *av = (const char *) xmlTextReaderConstValue (xml);

                      if (av == NULL)
                        continue;
                      if (an == x->n_r)
                        col = column_of_ref (av);
                      else if (an == x->n_s)
                        style = (guint) strtoul (av, NULL, 10);
                      else if (an == x->n_t)
                        {
                          if (g_str_equal (av, "s"))
                            ctype = CELL_SHARED;
                          else if (g_str_equal (av, "inlineStr"))
                            ctype = CELL_INLINE;
                          else if (g_str_equal (av, "b"))
                            ctype = CELL_BOOL;
                          else if (g_str_equal (av, "n"))
                            ctype = CELL_NUMBER;
                          else
                            ctype = CELL_TEXT;   /* str, e, d */
                        }
                    }
                  while (xmlTextReaderMoveToNextAttribute (xml) == 1);
                  xmlTextReaderMoveToElement (xml);
                }
              in_cell = !empty;
            }
          else if (in_cell && (ln == x->n_v || ln == x->n_t))
            in_text = !empty;
          else if (in_cell && (ln == x->n_f || ln == x->n_rph))
            {
              /* formulas and phonetic runs are not values */
              if (!empty && (r = shz_xml_part_next (part, error)) != 1)
                break;
              /* xmlTextReaderNext lands on the next sibling: handle it in this loop */
              if (xmlTextReaderNodeType (xml) == XML_READER_TYPE_ELEMENT)
                {
                  const xmlChar *nl = xmlTextReaderConstLocalName (xml);
                  if ((nl == x->n_v || nl == x->n_t) && !xmlTextReaderIsEmptyElement (xml))
                    in_text = TRUE;
                }
              else if (xmlTextReaderNodeType (xml) == XML_READER_TYPE_END_ELEMENT &&
                       xmlTextReaderConstLocalName (xml) == x->n_c)
                {
                  in_cell = FALSE;
                  if (!emit_cell (reader, x, b, col, ctype, style, *line_no, error))
                    return FALSE;
                }
            }
          else if (ln == x->n_row)
            {
              g_autofree char *rn = shz_xml_part_attr (part, "r");
              gint64 n = rn ? g_ascii_strtoll (rn, NULL, 10) : 0;

              x->last_row = n > 0 ? n : x->last_row + 1;
              *line_no = x->last_row;
              if (empty)
                continue;
              in_row = TRUE;
            }
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (ln == x->n_v || ln == x->n_t)
            in_text = FALSE;
          else if (ln == x->n_c && in_cell)
            {
              in_cell = FALSE;
              if (!emit_cell (reader, x, b, col, ctype, style, *line_no, error))
                return FALSE;
            }
          else if (ln == x->n_row && in_row)
            return TRUE;
          else if (ln == x->n_sheetdata)
            {
              x->done = TRUE;
              return FALSE;
            }
        }
    }
  if (r == 0)
    x->done = TRUE;
  return FALSE;
}

static double
xlsx_progress (ShzReader *reader)
{
  XlsxImpl *x = reader->impl;

  return x->sheet ? shz_xml_part_progress (x->sheet) : 0.0;
}

static const ShzReaderBackend xlsx_backend = {
  .next_row = xlsx_next_row,
  .progress = xlsx_progress,
  .free_impl = xlsx_impl_free,
};

gboolean
shz_xlsx_reader_open (ShzReader  *reader,
                      gpointer    infile,
                      GError    **error)
{
  XlsxImpl *x = g_new0 (XlsxImpl, 1);
  g_autoptr(GArray) sheets = g_array_new (FALSE, TRUE, sizeof (SheetRef));
  g_autoptr(GHashTable) rels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *sst_path = g_strdup ("xl/sharedStrings.xml");
  g_autofree char *styles_path = g_strdup ("xl/styles.xml");
  g_autofree char *sheet_path = NULL;
  GStrvBuilder *names;
  int idx;

  g_array_set_clear_func (sheets, sheet_ref_clear);
  x->zip = g_object_ref (infile);
  x->scratch = g_string_sized_new (256);
  reader->backend = &xlsx_backend;
  reader->impl = x;
  reader->format = SHZ_FORMAT_XLSX;
  reader->encoding = g_strdup ("UTF-8");

  if (!read_workbook (reader, x, sheets, rels, &sst_path, &styles_path, error))
    return FALSE;

  names = g_strv_builder_new ();
  for (guint i = 0; i < sheets->len; i++)
    g_strv_builder_add (names, g_array_index (sheets, SheetRef, i).name);
  reader->sheets = g_strv_builder_end (names);
  g_strv_builder_unref (names);

  idx = find_sheet (sheets, reader->opts.sheet);
  if (idx < 0)
    {
      g_autofree char *base = g_path_get_basename (reader->path);
      g_autofree char *list = g_strjoinv (", ", reader->sheets);

      if (sheets->len == 0)
        g_set_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_NO_SHEET,
                     _("%s: the workbook has no sheets"), base);
      else
        g_set_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_NO_SHEET,
                     _("%s: no sheet “%s”; the sheets are: %s"), base, reader->opts.sheet, list);
      return FALSE;
    }
  reader->sheet = g_strdup (g_array_index (sheets, SheetRef, idx).name);
  {
    const char *rid = g_array_index (sheets, SheetRef, idx).rid;
    const char *target = rid ? g_hash_table_lookup (rels, rid) : NULL;

    sheet_path = target ? g_strdup (target) : g_strdup_printf ("xl/worksheets/sheet%d.xml", idx + 1);
  }

  if (!read_styles (reader, x, styles_path, error))
    return FALSE;
  if (!read_shared_strings (reader, x, sst_path, error))
    return FALSE;

  x->sheet = shz_xml_part_open (reader, x->zip, sheet_path, &x->inflated, FALSE, error);
  if (x->sheet == NULL)
    return FALSE;

#define INTERN(field, s) x->field = xmlTextReaderConstString (x->sheet->xml, (const xmlChar *) s)
  INTERN (n_row, "row");
  INTERN (n_c, "c");
  INTERN (n_v, "v");
  INTERN (n_t, "t");
  INTERN (n_is, "is");
  INTERN (n_f, "f");
  INTERN (n_rph, "rPh");
  INTERN (n_sheetdata, "sheetData");
  INTERN (n_r, "r");
  INTERN (n_s, "s");
#undef INTERN
  return TRUE;
}
