/* shz-ods-reader.c — OpenDocument spreadsheets (LibreOffice): one table of content.xml
 * streamed with xmlTextReader; repeated rows and cells are expanded only when they hold data.
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

typedef struct {
  GsfInfile   *zip;
  guint64      inflated;
  ShzXmlPart  *content;
  gboolean     done;
  gint64       sheet_row;       /* rows of the table seen so far (1-based line numbers) */

  ShzRowBuf    row;             /* the row being repeated */
  gint64       repeat_left;
  gint64       repeat_line;

  GString     *cell;            /* text of the cell being read */
} OdsImpl;

static void
ods_impl_free (gpointer p)
{
  OdsImpl *o = p;

  g_clear_pointer (&o->content, shz_xml_part_free);
  g_clear_object (&o->zip);
  shz_row_buf_clear (&o->row);
  if (o->cell)
    g_string_free (o->cell, TRUE);
  g_free (o);
}

static gboolean
name_is (ShzXmlPart *part,
         const char *name)
{
  const xmlChar *ln = xmlTextReaderConstLocalName (part->xml);

  return ln && strcmp ((const char *) ln, name) == 0;
}

static gint64
repeat_attr (ShzXmlPart *part,
             const char *name)
{
  g_autofree char *v = shz_xml_part_attr (part, name);
  gint64 n;

  if (v == NULL)
    return 1;
  n = g_ascii_strtoll (v, NULL, 10);
  return n >= 1 ? n : 1;
}

static void
copy_row (ShzRowBuf *dst,
          ShzRowBuf *src)
{
  for (guint i = 0; i < src->n; i++)
    {
      shz_row_buf_append (dst, src->data + src->starts[i], src->lengths[i]);
      shz_row_buf_end_field (dst);
    }
}

/* Reads the current <table:table-cell> (or covered cell) into o->cell: its value as text. */
static int
read_cell (ShzReader  *reader,
           OdsImpl    *o,
           GError    **error)
{
  ShzXmlPart *part = o->content;
  g_autofree char *vtype = shz_xml_part_attr (part, "value-type");
  gboolean empty = xmlTextReaderIsEmptyElement (part->xml);
  int depth = xmlTextReaderDepth (part->xml);
  guint n_paragraphs = 0;
  gboolean from_value = FALSE;
  int r = 1;

  g_string_truncate (o->cell, 0);
  if (vtype && (g_str_equal (vtype, "float") || g_str_equal (vtype, "percentage") ||
                g_str_equal (vtype, "currency")))
    {
      g_autofree char *v = shz_xml_part_attr (part, "value");
      if (v)
        {
          char *end = NULL;
          double d;

          /* some writers give 21 significant digits (37638.4600000000000009): the shortest
           * text that reads back as the same double is what the user typed */
          if (strlen (v) > 15 && (d = g_ascii_strtod (v, &end), end && *end == '\0' && isfinite (d)))
            {
              g_autofree char *s = shz_number_format (d);
              g_string_assign (o->cell, s);
            }
          else
            g_string_assign (o->cell, v);
          from_value = TRUE;
        }
    }
  else if (vtype && g_str_equal (vtype, "date"))
    {
      g_autofree char *v = shz_xml_part_attr (part, "date-value");
      if (v)
        {
          char *t = strchr (v, 'T');

          if (t && (g_str_equal (t, "T00:00:00") || g_str_has_prefix (t, "T00:00:00.")))
            *t = '\0';
          else if (t)
            *t = ' ';
          g_string_assign (o->cell, v);
          from_value = TRUE;
        }
    }
  else if (vtype && g_str_equal (vtype, "boolean"))
    {
      g_autofree char *v = shz_xml_part_attr (part, "boolean-value");
      if (v)
        {
          g_string_assign (o->cell, g_ascii_strcasecmp (v, "true") == 0 ? "TRUE" : "FALSE");
          from_value = TRUE;
        }
    }

  if (empty)
    return 1;

  /* the text: paragraphs joined by newlines, spans, text:s, text:tab, text:line-break;
   * annotations (comments) are not the value */
  while ((r = shz_xml_part_read (part, error)) == 1)
    {
      int type = xmlTextReaderNodeType (part->xml);

      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (part->xml) == depth)
        break;
      if (from_value)
        continue;
      if (type == XML_READER_TYPE_ELEMENT)
        {
          if (name_is (part, "annotation"))
            {
              if (!xmlTextReaderIsEmptyElement (part->xml) &&
                  (r = shz_xml_part_next (part, error)) != 1)
                break;
              /* Next moved past the annotation: re-examine this node */
              type = xmlTextReaderNodeType (part->xml);
              if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (part->xml) == depth)
                break;
              if (type != XML_READER_TYPE_ELEMENT)
                {
                  if (type == XML_READER_TYPE_TEXT)
                    g_string_append (o->cell, (const char *) xmlTextReaderConstValue (part->xml));
                  continue;
                }
            }
          if (name_is (part, "p") || name_is (part, "h"))
            {
              if (n_paragraphs++ > 0)
                g_string_append_c (o->cell, '\n');
            }
          else if (name_is (part, "s"))
            {
              gint64 n = repeat_attr (part, "c");
              for (gint64 i = 0; i < n && o->cell->len <= reader->opts.max_cell_bytes; i++)
                g_string_append_c (o->cell, ' ');
            }
          else if (name_is (part, "tab"))
            g_string_append_c (o->cell, '\t');
          else if (name_is (part, "line-break"))
            g_string_append_c (o->cell, '\n');
        }
      else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
               type == XML_READER_TYPE_CDATA)
        {
          const xmlChar *v = xmlTextReaderConstValue (part->xml);
          if (v)
            g_string_append (o->cell, (const char *) v);
        }
      if (o->cell->len > reader->opts.max_cell_bytes)
        {
          shz_reader_set_bound_error (reader, error, o->sheet_row + 1,
                                      _("a cell is larger than the limit"));
          return -1;
        }
    }
  return r;
}

/* Reads the current <table:table-row> into o->row. */
static int
read_row (ShzReader  *reader,
          OdsImpl    *o,
          GError    **error)
{
  ShzXmlPart *part = o->content;
  int depth = xmlTextReaderDepth (part->xml);
  gint64 pending_empty = 0;
  int r;

  shz_row_buf_reset (&o->row);
  if (xmlTextReaderIsEmptyElement (part->xml))
    return 1;

  while ((r = shz_xml_part_read (part, error)) == 1)
    {
      int type = xmlTextReaderNodeType (part->xml);

      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (part->xml) == depth)
        break;
      if (type != XML_READER_TYPE_ELEMENT)
        continue;
      if (name_is (part, "table-cell") || name_is (part, "covered-table-cell"))
        {
          gint64 repeat = repeat_attr (part, "number-columns-repeated");

          if ((r = read_cell (reader, o, error)) != 1)
            return r;
          if (o->cell->len == 0)
            {
              /* not expanded unless data follows on this row */
              pending_empty += repeat;
              continue;
            }
          if ((gint64) o->row.n + pending_empty + repeat > o->row.max_columns)
            {
              g_autofree char *msg = g_strdup_printf (_("more than %u columns"), o->row.max_columns);
              shz_reader_set_bound_error (reader, error, o->sheet_row + 1, msg);
              return -1;
            }
          for (; pending_empty > 0; pending_empty--)
            shz_row_buf_end_field (&o->row);
          for (gint64 i = 0; i < repeat; i++)
            {
              if (!shz_row_buf_append (&o->row, o->cell->str, o->cell->len))
                {
                  shz_reader_set_bound_error (reader, error, o->sheet_row + 1,
                                              shz_row_buf_overflow (&o->row, o->cell->len));
                  return -1;
                }
              shz_row_buf_end_field (&o->row);
            }
        }
    }
  return r;
}

static gboolean
ods_next_row (ShzReader  *reader,
              ShzRowBuf  *b,
              gint64     *line_no,
              GError    **error)
{
  OdsImpl *o = reader->impl;
  ShzXmlPart *part = o->content;
  int r;

  if (o->repeat_left > 0)
    {
      o->repeat_left--;
      *line_no = ++o->repeat_line;
      copy_row (b, &o->row);
      return TRUE;
    }
  if (o->done)
    return FALSE;

  while ((r = shz_xml_part_read (part, error)) == 1)
    {
      int type = xmlTextReaderNodeType (part->xml);

      if (type == XML_READER_TYPE_END_ELEMENT && name_is (part, "table"))
        {
          o->done = TRUE;
          return FALSE;
        }
      if (type != XML_READER_TYPE_ELEMENT)
        continue;
      if (name_is (part, "table-row"))
        {
          gint64 repeat = repeat_attr (part, "number-rows-repeated");
          gint64 first = o->sheet_row + 1;

          if ((r = read_row (reader, o, error)) != 1)
            break;
          /* a hostile count (table:number-rows-repeated="9223372036854775807", however often)
           * must not overflow the line numbers: saturate far beyond any real sheet */
          o->sheet_row = repeat > G_MAXINT64 / 2 - o->sheet_row ? G_MAXINT64 / 2 : o->sheet_row + repeat;
          if (o->row.n == 0)
            continue;   /* empty rows, however often repeated, are skipped */
          if (repeat - 1 > reader->opts.max_rows - reader->rows_read)
            {
              g_autofree char *what = g_strdup_printf (_("more than %" PRId64 " rows"),
                                                       reader->opts.max_rows);
              shz_reader_set_bound_error (reader, error, first, what);
              return FALSE;
            }
          o->repeat_left = repeat - 1;
          o->repeat_line = first;
          *line_no = first;
          copy_row (b, &o->row);
          return TRUE;
        }
      else if (name_is (part, "table") || name_is (part, "shapes") || name_is (part, "named-expressions"))
        {
          /* a nested table or drawings inside ours: not rows of it */
          if (!xmlTextReaderIsEmptyElement (part->xml) && (r = shz_xml_part_next (part, error)) != 1)
            break;
        }
    }
  if (r == 0)
    o->done = TRUE;
  return FALSE;
}

static double
ods_progress (ShzReader *reader)
{
  OdsImpl *o = reader->impl;

  return o->content ? shz_xml_part_progress (o->content) : 0.0;
}

static const ShzReaderBackend ods_backend = {
  .next_row = ods_next_row,
  .progress = ods_progress,
  .free_impl = ods_impl_free,
};

/* Names of all tables, skipping their contents. */
static GStrv
list_tables (ShzReader  *reader,
             OdsImpl    *o,
             GError    **error)
{
  g_autoptr(ShzXmlPart) part = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  int r;

  part = shz_xml_part_open (reader, o->zip, "content.xml", &o->inflated, FALSE, error);
  if (part == NULL)
    return NULL;
  r = shz_xml_part_read (part, error);
  while (r == 1)
    {
      if (xmlTextReaderNodeType (part->xml) == XML_READER_TYPE_ELEMENT && name_is (part, "table"))
        {
          g_autofree char *name = shz_xml_part_attr (part, "name");

          g_strv_builder_add (names, name ? name : "");
          r = xmlTextReaderIsEmptyElement (part->xml) ? shz_xml_part_read (part, error)
                                                      : shz_xml_part_next (part, error);
        }
      else
        r = shz_xml_part_read (part, error);
    }
  if (r < 0)
    return NULL;
  return g_strv_builder_end (names);
}

gboolean
shz_ods_reader_open (ShzReader  *reader,
                     gpointer    infile,
                     GError    **error)
{
  OdsImpl *o = g_new0 (OdsImpl, 1);
  const char *want = reader->opts.sheet;
  int idx = -1;
  int seen = -1;
  int r;

  o->zip = g_object_ref (infile);
  o->cell = g_string_sized_new (256);
  shz_row_buf_init (&o->row, reader->opts.max_cell_bytes, reader->opts.max_columns);
  reader->backend = &ods_backend;
  reader->impl = o;
  reader->format = SHZ_FORMAT_ODS;
  reader->encoding = g_strdup ("UTF-8");

  reader->sheets = list_tables (reader, o, error);
  if (reader->sheets == NULL)
    return FALSE;

  if (want == NULL || *want == '\0')
    idx = reader->sheets[0] ? 0 : -1;
  else
    {
      for (guint i = 0; reader->sheets[i] && idx < 0; i++)
        if (g_str_equal (reader->sheets[i], want))
          idx = i;
      for (guint i = 0; reader->sheets[i] && idx < 0; i++)
        if (g_ascii_strcasecmp (reader->sheets[i], want) == 0)
          idx = i;
      if (idx < 0)
        {
          char *end = NULL;
          guint64 n = g_ascii_strtoull (want, &end, 10);

          if (end && *end == '\0' && n >= 1 && n <= g_strv_length (reader->sheets))
            idx = (int) n - 1;
        }
    }
  if (idx < 0)
    {
      g_autofree char *base = g_path_get_basename (reader->path);
      g_autofree char *list = g_strjoinv (", ", reader->sheets);

      if (reader->sheets[0] == NULL)
        g_set_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_NO_SHEET,
                     _("%s: the spreadsheet has no sheets"), base);
      else
        g_set_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_NO_SHEET,
                     _("%s: no sheet “%s”; the sheets are: %s"), base, want, list);
      return FALSE;
    }
  reader->sheet = g_strdup (reader->sheets[idx]);

  o->content = shz_xml_part_open (reader, o->zip, "content.xml", &o->inflated, FALSE, error);
  if (o->content == NULL)
    return FALSE;
  /* move to the start of the chosen table */
  while ((r = shz_xml_part_read (o->content, error)) == 1)
    {
      if (xmlTextReaderNodeType (o->content->xml) == XML_READER_TYPE_ELEMENT &&
          name_is (o->content, "table"))
        {
          if (++seen == idx)
            {
              if (xmlTextReaderIsEmptyElement (o->content->xml))
                o->done = TRUE;
              return TRUE;
            }
          if (!xmlTextReaderIsEmptyElement (o->content->xml) &&
              (r = shz_xml_part_next (o->content, error)) != 1)
            break;
          /* Next landed on the following node: a table start is examined again */
          if (xmlTextReaderNodeType (o->content->xml) == XML_READER_TYPE_ELEMENT &&
              name_is (o->content, "table") && ++seen == idx)
            return TRUE;
        }
    }
  if (r == 0)
    {
      g_autofree char *base = g_path_get_basename (reader->path);
      g_set_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_NO_SHEET,
                   _("%s: sheet “%s” not found in content.xml"), base, reader->sheet);
    }
  return FALSE;
}
