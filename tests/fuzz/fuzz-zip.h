/* fuzz-zip.h — the spreadsheet harnesses' input: either a zip as it is (starting "PK\3\4"), or a
 * text listing its members, each after a line "== path/in/zip", which the harness zips (deflated,
 * with good CRCs) so that mutations reach the XML parsers instead of dying at the zip layer.
 * A text with no "== " line is the main part (sheet or content.xml) beside default other parts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fuzz-common.h"
#include "zip-writer.h"

#define SHZ_FUZZ_MAX_MEMBERS 16

/* memmem () without _GNU_SOURCE */
static const char *
shz_fuzz_find (const char *hay,
               gsize       len,
               const char *needle,
               gsize       nlen)
{
  for (gsize i = 0; i + nlen <= len; i++)
    if (hay[i] == needle[0] && memcmp (hay + i, needle, nlen) == 0)
      return hay + i;
  return NULL;
}

static gboolean
shz_fuzz_member_name_ok (const char *name)
{
  if (*name == '\0' || *name == '/' || strstr (name, "//") || g_str_has_suffix (name, "/"))
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && !strchr ("._-/[]", *p))
      return FALSE;
  return strstr (name, "..") == NULL;
}

/* Writes the input as a zip file (see the top of this file); @defaults are name/content pairs
 * added when the input lists no members, the first one receiving the whole input. */
static inline char *
shz_fuzz_write_zip (const uint8_t      *data,
                    size_t              size,
                    const char * const *defaults)
{
  ShzFuzzMember members[SHZ_FUZZ_MAX_MEMBERS];
  const char *text = (const char *) data;
  const char *end = text + size;
  const char *p = text;
  guint n = 0;
  char *path;

  if (size >= 4 && memcmp (data, "PK\3\4", 4) == 0)
    return shz_fuzz_write ("input.zip", data, size);

  path = g_build_filename (shz_fuzz_dir, "input.zip", NULL);
  /* members: "== name\n" then content up to the next "\n== " */
  while (p < end && n < SHZ_FUZZ_MAX_MEMBERS)
    {
      const char *nl, *next;

      if (end - p < 3 || memcmp (p, "== ", 3) != 0)
        {
          const char *q = shz_fuzz_find (p, end - p, "\n== ", 4);
          if (q == NULL)
            break;
          p = q + 1;
          continue;
        }
      nl = memchr (p, '\n', end - p);
      if (nl == NULL)
        break;
      next = shz_fuzz_find (nl, end - nl, "\n== ", 4);
      members[n].name = g_strndup (p + 3, nl - p - 3);
      members[n].data = nl + 1;
      /* an empty member: its name line is followed at once by the next one */
      members[n].len = next == nl ? 0 : (gsize) ((next ? next : end) - (nl + 1));
      if (shz_fuzz_member_name_ok (members[n].name))
        n++;
      else
        g_free (members[n].name);
      p = next ? next + 1 : end;
    }

  if (n == 0)
    {
      for (guint i = 0; defaults[i] && n < SHZ_FUZZ_MAX_MEMBERS; i += 2, n++)
        {
          members[n].name = g_strdup (defaults[i]);
          members[n].data = i == 0 ? text : defaults[i + 1];
          members[n].len = i == 0 ? size : strlen (defaults[i + 1]);
        }
    }
  shz_fuzz_zip_write (path, members, n);
  for (guint i = 0; i < n; i++)
    g_free (members[i].name);
  return path;
}
