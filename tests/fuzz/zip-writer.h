/* zip-writer.h — writes a zip from members given as bytes (libgsf, deflated, good CRCs): the
 * spreadsheet fuzzers' inputs, their seeds, and the error-table tests' XLSX/ODS fixtures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <gsf/gsf.h>

typedef struct {
  char       *name;
  const char *data;
  gsize       len;
} ShzFuzzMember;

/* Members whose name is taken already (as a file or as a folder) are left out. */
static inline void
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

