/* shz-xml.c — bounded, entity-free streaming XML over zip members (see shz-xml-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-io"
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "shz-xml-private.h"

#define DTD_MARK "<!DOCTYPE"

guint64
shz_xml_inflate_limit (ShzReader *reader)
{
  guint64 by_ratio = MAX ((guint64) 32 << 20, reader->file_size * 100);

  return MIN (reader->opts.max_inflated, by_ratio);
}

static void
set_part_error (ShzXmlPart  *part,
                GError     **error,
                int          code,
                const char  *why)
{
  g_autofree char *base = g_path_get_basename (part->reader->path);

  g_set_error (error, SHZ_IO_ERROR, code, "%s: %s: %s", base, part->part, why);
}

static gboolean
has_mark (const char *s,
          gsize       n)
{
  const gsize m = strlen (DTD_MARK);
  const char *p = s;
  const char *end = s + n;

  while (p + m <= end && (p = memchr (p, '<', end - p)) != NULL)
    {
      if (p + m <= end && memcmp (p, DTD_MARK, m) == 0)
        return TRUE;
      p++;
    }
  return FALSE;
}

static int
read_cb (void *context,
         char *buffer,
         int   len)
{
  ShzXmlPart *part = context;
  gsf_off_t remaining = gsf_input_remaining (part->member);
  gsize n;

  if (part->error)
    return -1;
  if (remaining <= 0 || len <= 0)
    return 0;
  n = MIN ((gsf_off_t) len, remaining);
  if (*part->inflated + n > part->limit)
    {
      g_autofree char *why = g_strdup_printf (_("more than %" PRIu64 " MiB when "
                                                "uncompressed; refused (a zip bomb?)"),
                                              part->limit >> 20);
      set_part_error (part, &part->error, SHZ_IO_ERROR_TOO_LARGE, why);
      return -1;
    }
  if (gsf_input_read (part->member, n, (guint8 *) buffer) == NULL)
    {
      set_part_error (part, &part->error, SHZ_IO_ERROR_CONTAINER,
                      _("cannot be decompressed (damaged or truncated zip)"));
      return -1;
    }
  *part->inflated += n;
  part->read += n;

  /* refuse any DTD: it is the only way to declare entities (XXE, billion laughs) */
  {
    char seam[2 * sizeof part->carry];
    gsize head = MIN (n, sizeof part->carry - 1);
    gboolean found = has_mark (buffer, n);

    if (!found && part->carry_len)
      {
        memcpy (seam, part->carry, part->carry_len);
        memcpy (seam + part->carry_len, buffer, head);
        found = has_mark (seam, part->carry_len + head);
      }
    if (found)
      {
        set_part_error (part, &part->error, SHZ_IO_ERROR_REFUSED,
                        _("contains a document type declaration (DTD), which spreadsheets "
                          "never need; refused"));
        return -1;
      }
  }
  part->carry_len = MIN (n, sizeof part->carry - 1);
  memcpy (part->carry, buffer + n - part->carry_len, part->carry_len);
  return (int) n;
}

static int
close_cb (void *context)
{
  return 0;
}

static void
structured_error_cb (void        *user_data,
                     xmlErrorPtr  err)
{
  ShzXmlPart *part = user_data;

  if (part->xml_message == NULL && err && err->message)
    {
      part->xml_message = g_strdup_printf (_("line %d: %s"), err->line, err->message);
      g_strchomp (part->xml_message);
    }
}

ShzXmlPart *
shz_xml_part_open (ShzReader   *reader,
                   GsfInfile   *zip,
                   const char  *path,
                   guint64     *inflated,
                   gboolean     optional,
                   GError     **error)
{
  g_autoptr(ShzXmlPart) part = NULL;
  g_auto(GStrv) names = NULL;
  GsfInput *member;
  const char *p = path;

  while (*p == '/')
    p++;
  names = g_strsplit (p, "/", -1);
  member = gsf_infile_child_by_aname (zip, (const char **) names);
  if (member == NULL)
    {
      if (!optional)
        {
          g_autofree char *base = g_path_get_basename (reader->path);
          g_set_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_CONTAINER,
                       _("%s: the part %s is missing (damaged file?)"), base, p);
        }
      return NULL;
    }

  part = g_new0 (ShzXmlPart, 1);
  part->reader = reader;
  part->member = member;
  part->part = g_strdup (p);
  part->inflated = inflated;
  part->limit = shz_xml_inflate_limit (reader);
  part->size = gsf_input_size (member);

  /* the declared size is a lie only in hostile files; when it is honest, fail at once */
  if (part->size > 0 && *inflated + (guint64) part->size > part->limit)
    {
      g_autofree char *why = g_strdup_printf (_("more than %" PRIu64 " MiB when "
                                                "uncompressed; refused (a zip bomb?)"),
                                              part->limit >> 20);
      set_part_error (part, error, SHZ_IO_ERROR_TOO_LARGE, why);
      return NULL;
    }

  /* no NOENT (no entity substitution), no DTDLOAD/DTDATTR, no network, no huge */
  part->xml = xmlReaderForIO (read_cb, close_cb, part, NULL, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                              XML_PARSE_COMPACT);
  if (part->xml == NULL)
    {
      if (part->error)
        g_propagate_error (error, g_steal_pointer (&part->error));
      else
        set_part_error (part, error, SHZ_IO_ERROR_SYNTAX, _("not XML"));
      return NULL;
    }
  xmlTextReaderSetStructuredErrorHandler (part->xml, structured_error_cb, part);
  return g_steal_pointer (&part);
}

void
shz_xml_part_free (ShzXmlPart *part)
{
  if (part == NULL)
    return;
  if (part->xml)
    xmlFreeTextReader (part->xml);
  g_clear_object (&part->member);
  g_clear_error (&part->error);
  g_free (part->xml_message);
  g_free (part->part);
  g_free (part);
}

static int
check_result (ShzXmlPart  *part,
              int          r,
              GError     **error)
{
  if (part->error)
    {
      g_propagate_error (error, g_steal_pointer (&part->error));
      return -1;
    }
  if (r < 0)
    {
      set_part_error (part, error, SHZ_IO_ERROR_SYNTAX,
                      part->xml_message ? part->xml_message : _("malformed XML"));
      return -1;
    }
  if (r > 0 && xmlTextReaderDepth (part->xml) > SHZ_XML_MAX_DEPTH)
    {
      set_part_error (part, error, SHZ_IO_ERROR_REFUSED, _("elements nested too deeply"));
      return -1;
    }
  if (r > 0 && xmlTextReaderNodeType (part->xml) == XML_READER_TYPE_DOCUMENT_TYPE)
    {
      set_part_error (part, error, SHZ_IO_ERROR_REFUSED,
                      _("contains a document type declaration (DTD); refused"));
      return -1;
    }
  if (r > 0 && xmlTextReaderNodeType (part->xml) == XML_READER_TYPE_ENTITY_REFERENCE)
    {
      set_part_error (part, error, SHZ_IO_ERROR_REFUSED, _("contains an entity reference; refused"));
      return -1;
    }
  return r;
}

int
shz_xml_part_read (ShzXmlPart  *part,
                   GError     **error)
{
  return check_result (part, xmlTextReaderRead (part->xml), error);
}

int
shz_xml_part_next (ShzXmlPart  *part,
                   GError     **error)
{
  return check_result (part, xmlTextReaderNext (part->xml), error);
}

char *
shz_xml_part_attr (ShzXmlPart *part,
                   const char *local_name)
{
  xmlTextReaderPtr x = part->xml;
  char *value = NULL;

  if (!xmlTextReaderHasAttributes (x))
    return NULL;
  if (xmlTextReaderMoveToFirstAttribute (x) != 1)
    return NULL;
  do
    {
      const xmlChar *ln = xmlTextReaderConstLocalName (x);

      if (ln && strcmp ((const char *) ln, local_name) == 0)
        {
          const xmlChar *v = xmlTextReaderConstValue (x);
          value = g_strdup (v ? (const char *) v : "");
          break;
        }
    }
  while (xmlTextReaderMoveToNextAttribute (x) == 1);
  xmlTextReaderMoveToElement (x);
  return value;
}

double
shz_xml_part_progress (ShzXmlPart *part)
{
  if (part->size <= 0)
    return 0.0;
  return (double) part->read / (double) part->size;
}
