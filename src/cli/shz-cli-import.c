/* shz-cli-import.c — `shuzhi import`: a file into an engagement, all or nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>

#include "analysis/shz-import.h"
#include "shz-cli-private.h"

#define IMPORT_USAGE "import STORE FILE --engagement NAME --kind usage|positions|links|scores " \
                     "[--dataset NAME] [--encoding E] [--sheet S] [--map COLUMN=FIELD]..."
#define SHOWN_REJECTIONS 20

int
shz_cli_import (int    argc,
                char **argv)
{
  g_autofree char *engagement = NULL, *kind_name = NULL, *dataset = NULL;
  g_autofree char *encoding = NULL, *sheet = NULL;
  g_auto(GStrv) maps = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  g_autoptr(ShzEngagement) e = NULL;
  g_autoptr(ShzImportResult) res = NULL;
  ShzImportOptions opts = { 0 };
  ShzDatasetKind kind;
  GOptionEntry entries[] = {
    { "engagement", 0, 0, G_OPTION_ARG_STRING, &engagement, NULL, NULL },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_name, NULL, NULL },
    { "dataset", 0, 0, G_OPTION_ARG_STRING, &dataset, NULL, NULL },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, NULL, NULL },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet, NULL, NULL },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps, NULL, NULL },
    { NULL }
  };

  if (!shz_cli_parse (&argc, &argv, IMPORT_USAGE, entries))
    return SHZ_EXIT_USAGE;
  if (argc != 3)
    return shz_cli_usage_error ("import", IMPORT_USAGE, _("expected STORE and FILE"));
  if (engagement == NULL)
    return shz_cli_usage_error ("import", IMPORT_USAGE, _("--engagement is required"));
  if (kind_name == NULL)
    return shz_cli_usage_error ("import", IMPORT_USAGE, _("--kind is required"));
  if (!shz_dataset_kind_from_string (kind_name, &kind))
    return shz_cli_usage_error ("import", IMPORT_USAGE,
                                _("unknown kind “%s” (usage, positions, links or scores)"),
                                kind_name);
  for (guint i = 0; maps && maps[i]; i++)
    if (strchr (maps[i], '=') == NULL)
      return shz_cli_usage_error ("import", IMPORT_USAGE,
                                  _("--map %s: expected COLUMN=FIELD"), maps[i]);

  /* This process uses its one connection from one thread only (the import's reader thread
   * never touches SQLite), so SQLite's per-connection mutexes are pure cost: about a fifth of
   * the inserting thread's time on a 1M-row import.  Only possible before SQLite initialises;
   * harmless (SQLITE_MISUSE, ignored) if something already did. */
  sqlite3_config (SQLITE_CONFIG_MULTITHREAD);
  /* nor is the allocation statistics' mutex of any use to a one-shot command */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);

  store = shz_store_open (argv[1], SHZ_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return shz_cli_fail (error);
  e = shz_store_find_engagement (store, engagement, &error);
  if (e == NULL)
    return shz_cli_fail (error);

  opts.kind = kind;
  opts.engagement_id = e->id;
  opts.dataset_name = dataset;
  opts.reader.encoding = encoding;
  opts.reader.sheet = sheet;
  opts.map_specs = (const char * const *) maps;

  res = shz_import_file (store, argv[2], &opts, NULL, NULL, NULL, &error);
  if (res == NULL)
    return shz_cli_fail (error);

  printf (_("Imported %" PRId64 " rows into dataset “%s” (%s) of engagement “%s”; "
            "rejected %" PRId64 "\n"),
          res->accepted, res->dataset_name, shz_dataset_kind_to_string (kind), engagement,
          res->rejected);
  if (res->delimiter)
    printf (_("Source: %s (%s, %s, delimiter “%s”), %" PRIu64 " bytes, SHA-256 %s\n"),
            res->source_name, shz_format_to_string (res->format), res->encoding, res->delimiter,
            res->source_size, res->source_sha256);
  else
    printf (_("Source: %s (%s, sheet “%s”), %" PRIu64 " bytes, SHA-256 %s\n"),
            res->source_name, shz_format_to_string (res->format),
            res->sheet ? res->sheet : "", res->source_size, res->source_sha256);
  for (guint i = 0; i < res->rejections->len && i < SHOWN_REJECTIONS; i++)
    {
      ShzRejection *r = g_ptr_array_index (res->rejections, i);

      if (r->column)
        printf (_("  rejected line %" PRId64 ", column “%s”: %s\n"),
                r->line_no, r->column, r->reason);
      else
        printf (_("  rejected line %" PRId64 ": %s\n"), r->line_no, r->reason);
    }
  if (res->rejected > SHOWN_REJECTIONS)
    printf (_("  … and %" PRId64 " more rejected rows (the first %d are kept with the "
              "dataset)\n"), res->rejected - SHOWN_REJECTIONS, SHZ_IMPORT_MAX_STORED_REJECTIONS);
  return SHZ_EXIT_OK;
}
