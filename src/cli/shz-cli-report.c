/* shz-cli-report.c — `shuzhi export STORE --engagement NAME --chart all|KIND --output FILE|DIR
 * --format report [--lang zh_CN|en]`: the multi-page PDF report (title page, one chart a page).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "shz-cli-private.h"
#include "shz-cli-report.h"
#include "charts/shz-report.h"

int
shz_cli_export_report (const char *store_path,
                       const char *engagement,
                       const char *kind,
                       const char *output,
                       const char *lang,
                       const char *dataset,
                       const char *period,
                       const char *theme,
                       gboolean    pseudonymise)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  g_autoptr(ShzEngagement) e = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = g_path_get_basename (output);
  ShzReportOptions opts;
  const char *one[] = { kind, NULL };
  guint n = 0;

  shz_report_options_init (&opts);
  if (lang != NULL)
    shz_chart_lang_from_string (lang, &opts.lang);
  if (g_strcmp0 (kind, "all") != 0)
    opts.kinds = one;
  opts.dataset = dataset;
  opts.period = period;
  opts.theme = theme;
  opts.pseudonymise = pseudonymise;

  if (g_str_has_suffix (output, ".pdf") || g_str_has_suffix (output, ".PDF"))
    path = g_strdup (output);
  else if (strchr (base, '.') != NULL && base[0] != '.' && !g_file_test (output, G_FILE_TEST_IS_DIR))
    {
      /* "x.png": not a name for a PDF report, and not meant as a folder. */
      fprintf (stderr, _("shuzhi export: a report is a PDF: name the output “….pdf” or give a folder, "
                         "not “%s”; nothing written\n"), output);
      return SHZ_EXIT_INPUT;
    }
  else
    {
      if (g_mkdir_with_parents (output, 0777) != 0 || !g_file_test (output, G_FILE_TEST_IS_DIR))
        {
          fprintf (stderr, _("shuzhi export: cannot create the folder “%s”\n"), output);
          return SHZ_EXIT_INPUT;
        }
      path = g_build_filename (output, "report.pdf", NULL);
    }

  store = shz_store_open (store_path, SHZ_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return shz_cli_fail (error);
  e = shz_store_find_engagement (store, engagement, &error);
  if (e == NULL)
    return shz_cli_fail (error);
  if (!shz_report_write (store, e->id, &opts, path, &n, &error))
    {
      fprintf (stderr, "shuzhi export: %s: %s\n", path, error->message);
      return SHZ_EXIT_INPUT;
    }
  fprintf (stderr, _("shuzhi export: wrote %s (a title page and %u charts)\n"), path, n);
  return SHZ_EXIT_OK;
}
