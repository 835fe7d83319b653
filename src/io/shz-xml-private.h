/* shz-xml-private.h — reading one XML part of a zip (XLSX, ODS) safely: a streaming
 * xmlTextReader fed through a callback that counts inflated bytes against a bound and refuses
 * document type declarations (so no entities, external or nested, ever reach libxml2).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gsf/gsf.h>
#include <libxml/xmlreader.h>

#include "shz-reader-private.h"

G_BEGIN_DECLS

#define SHZ_XML_MAX_DEPTH 64

typedef struct {
  ShzReader        *reader;
  GsfInput         *member;
  char             *part;        /* its path inside the zip, for messages */
  xmlTextReaderPtr  xml;
  guint64          *inflated;    /* shared by every part of one file */
  guint64           limit;
  char              carry[16];   /* tail of the previous chunk, for the DTD check */
  gsize             carry_len;
  GError           *error;       /* set by the read callback */
  char             *xml_message; /* first libxml2 error */
  gint64            size;        /* declared uncompressed size */
  gint64            read;
} ShzXmlPart;

/* The inflation bound of a zip of @file_size bytes: the option, but no more than 100 times the
 * file (and at least 32 MiB), so a small zip bomb fails within a few MiB of work. */
guint64     shz_xml_inflate_limit (ShzReader *reader);

/* Opens @path ("xl/workbook.xml") in @zip; NULL with an error if missing (when @optional is
 * TRUE, NULL and no error). */
ShzXmlPart *shz_xml_part_open     (ShzReader   *reader,
                                   GsfInfile   *zip,
                                   const char  *path,
                                   guint64     *inflated,
                                   gboolean     optional,
                                   GError     **error);
void        shz_xml_part_free     (ShzXmlPart  *part);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzXmlPart, shz_xml_part_free)

/* xmlTextReaderRead with our checks: 1 a node, 0 the end, -1 an error (set). */
int         shz_xml_part_read     (ShzXmlPart  *part,
                                   GError     **error);
/* Skips the current element's subtree (xmlTextReaderNext), same return values. */
int         shz_xml_part_next     (ShzXmlPart  *part,
                                   GError     **error);
/* An attribute by local name (ignoring the prefix) of the current element, or NULL.
 * Newly allocated (g_free). */
char       *shz_xml_part_attr     (ShzXmlPart  *part,
                                   const char  *local_name);
/* Fraction of the part's declared size read so far. */
double      shz_xml_part_progress (ShzXmlPart  *part);

G_END_DECLS
