/* fuzz-zip.h — the spreadsheet harnesses' input: either a zip as it is (starting "PK\3\4"), or a
 * text listing its members, each after a line "== path/in/zip", which the harness zips (deflated,
 * with good CRCs) so that mutations reach the XML parsers instead of dying at the zip layer.
 * A text with no "== " line is the main part (sheet or content.xml) beside default other parts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gsf/gsf.h>

#include "fuzz-common.h"

#define SHZ_FUZZ_MAX_MEMBERS 16

typedef struct {
  char       *name;
  const char *data;
  gsize       len;
} ShzFuzzMember;

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

static void
shz_fuzz_zip_write (const char          *path,
                    const ShzFuzzMember *members,
                    guint                n)
{
  GError *error = NULL;
  GsfOutput *sink = gsf_output_stdio_new (path, &error);
  GsfOutfile *zip;
  GHashTable *dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTable *files = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *order = g_ptr_array_new ();

  if (sink == NULL)
    abort ();
  zip = gsf_outfile_zip_new (sink, &error);
  if (zip == NULL)
    abort ();

  for (guint i = 0; i < n; i++)
    {
      char **parts;
      guint np;
      GsfOutfile *parent = zip;
      GString *prefix;
      GsfOutput *child;
      gboolean clash = FALSE;

      /* a name both a file and a folder, or twice a file, is not something libgsf writes */
      if (g_hash_table_contains (files, members[i].name) ||
          g_hash_table_contains (dirs, members[i].name))
        continue;
      parts = g_strsplit (members[i].name, "/", -1);
      np = g_strv_length (parts);
      prefix = g_string_new (NULL);
      for (guint j = 0; j + 1 < np && !clash; j++)
        {
          g_string_append (prefix, parts[j]);
          clash = g_hash_table_contains (files, prefix->str);
          g_string_append_c (prefix, '/');
        }
      if (!clash)
        {
          g_string_truncate (prefix, 0);
          for (guint j = 0; j + 1 < np; j++)
            {
              GsfOutfile *dir;

              g_string_append_printf (prefix, "%s", parts[j]);
              dir = g_hash_table_lookup (dirs, prefix->str);
              if (dir == NULL)
                {
                  dir = GSF_OUTFILE (gsf_outfile_new_child (parent, parts[j], TRUE));
                  g_hash_table_insert (dirs, g_strdup (prefix->str), dir);
                  g_ptr_array_add (order, dir);
                }
              g_string_append_c (prefix, '/');
              parent = dir;
            }
          child = gsf_outfile_new_child (parent, parts[np - 1], FALSE);
          if (members[i].len > 0 &&
              !gsf_output_write (child, members[i].len, (const guint8 *) members[i].data))
            abort ();
          gsf_output_close (child);
          g_object_unref (child);
          g_hash_table_add (files, members[i].name);
        }
      g_string_free (prefix, TRUE);
      g_strfreev (parts);
    }
  for (guint i = order->len; i > 0; i--)
    {
      GsfOutput *dir = g_ptr_array_index (order, i - 1);
      gsf_output_close (dir);
      g_object_unref (dir);
    }
  gsf_output_close (GSF_OUTPUT (zip));
  g_object_unref (zip);
  gsf_output_close (sink);
  g_object_unref (sink);
  g_ptr_array_unref (order);
  g_hash_table_unref (files);
  g_hash_table_unref (dirs);
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
