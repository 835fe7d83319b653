/* shz-cli-export.c — `shuzhi export`: a chart of an engagement, as saved with it, to PNG, SVG
 * or PDF through the same render function as the window; `--chart all` writes every kind that
 * can be drawn into a folder (shz_chart_batch_export(), what the window's Export All Charts
 * calls); `--pseudonymise` draws client and enterprise names as "Company A" ….
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "shz-cli-private.h"
#include "shz-cli-report.h"
#include "charts/shz-chart.h"
#include "charts/shz-chart-export.h"
#include "charts/shz-chart-batch.h"

#define EXPORT_USAGE "export STORE --engagement NAME --chart KIND|all --output FILE|DIR [--dataset NAME] " \
                     "[--period P] [--format png|svg|pdf|report] [--width PX --height PX] [--dpi N] " \
                     "[--lang zh_CN|en] [--theme light|dark] [--preset slide|a4|square|screen] [--pseudonymise]"

/* --chart all: a line for each file written and each kind left out, as it happens. */
static void
on_batch_progress_cb (ShzChartBatchStep  step,
                      guint              done,
                      guint              total,
                      const char        *kind,
                      const char        *path,
                      const GError      *reason,
                      gpointer           user_data)
{
  if (step == SHZ_CHART_BATCH_WROTE)
    fprintf (stderr, _("shuzhi export: wrote %s\n"), path);
  else if (step == SHZ_CHART_BATCH_SKIPPED)
    fprintf (stderr, _("shuzhi export: skipped %s: %s\n"), kind, reason->message);
}

int
shz_cli_export (int    argc,
                char **argv)
{
  g_autofree char *engagement = NULL, *kind = NULL, *output = NULL, *dataset = NULL;
  g_autofree char *period = NULL, *format = NULL, *lang = NULL, *theme = NULL, *preset = NULL;
  int width = 0, height = 0;
  double dpi = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  g_autoptr(ShzEngagement) e = NULL;
  ShzChartBatchOptions job;
  ShzExportFormat fmt = SHZ_EXPORT_PNG;
  gboolean all, pseudonymise = FALSE;
  GOptionEntry entries[] = {
    { "engagement", 0, 0, G_OPTION_ARG_STRING, &engagement, NULL, NULL },
    { "chart", 0, 0, G_OPTION_ARG_STRING, &kind, NULL, NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, NULL, NULL },
    { "dataset", 0, 0, G_OPTION_ARG_STRING, &dataset, NULL, NULL },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, NULL, NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, NULL, NULL },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, NULL, NULL },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &dpi, NULL, NULL },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, NULL, NULL },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme, NULL, NULL },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset, NULL, NULL },
    { "pseudonymise", 0, 0, G_OPTION_ARG_NONE, &pseudonymise, NULL, NULL },
    { NULL }
  };

  if (!shz_cli_parse (&argc, &argv, EXPORT_USAGE, entries))
    return SHZ_EXIT_USAGE;
  if (argc != 2)
    return shz_cli_usage_error ("export", EXPORT_USAGE, _("expected one STORE"));
  if (engagement == NULL)
    return shz_cli_usage_error ("export", EXPORT_USAGE, _("--engagement NAME is required"));
  if (kind == NULL)
    return shz_cli_usage_error ("export", EXPORT_USAGE, _("--chart KIND is required"));
  if (output == NULL)
    return shz_cli_usage_error ("export", EXPORT_USAGE, _("--output FILE is required"));

  all = strcmp (kind, "all") == 0;
  if (!all && !shz_chart_kind_is_known (kind))
    return shz_cli_usage_error ("export", EXPORT_USAGE,
                                _("unknown chart “%s” (expected all, maturity-map, value-chain, "
                                  "value-network, network-compare, rhc-chains or evolution-paths)"),
                                kind);

  if (format != NULL && strcmp (format, "report") == 0)
    {
      if (lang != NULL && !shz_chart_lang_from_string (lang, &(ShzChartLang) { 0 }))
        return shz_cli_usage_error ("export", EXPORT_USAGE,
                                    _("unknown chart language “%s” (expected zh_CN or en)"), lang);
      return shz_cli_export_report (argv[1], engagement, kind, output, lang, dataset, period, theme, pseudonymise);
    }
  if (format != NULL && !shz_export_format_from_string (format, &fmt))
    return shz_cli_usage_error ("export", EXPORT_USAGE,
                                _("unknown format “%s” (expected png, svg or pdf)"), format);
  if (format != NULL && !all)
    {
      ShzExportFormat ext;
      if (shz_export_format_from_path (output, &ext) && ext != fmt)
        return shz_cli_usage_error ("export", EXPORT_USAGE,
                                    _("--format %s does not match the name “%s”"), format, output);
    }
  if (format == NULL && !all && !shz_export_format_from_path (output, &fmt))
    return shz_cli_usage_error ("export", EXPORT_USAGE,
                                _("cannot tell the format from “%s”: name it .png, .svg or .pdf, or give --format"),
                                output);

  if (lang != NULL)
    {
      ShzChartLang l;
      if (!shz_chart_lang_from_string (lang, &l))
        return shz_cli_usage_error ("export", EXPORT_USAGE,
                                    _("unknown chart language “%s” (expected zh_CN or en)"), lang);
    }
  if (theme != NULL)
    {
      ShzChartThemeId t;
      if (!shz_chart_theme_from_string (theme, &t))
        return shz_cli_usage_error ("export", EXPORT_USAGE,
                                    _("unknown theme “%s” (expected light or dark)"), theme);
    }

  /* size: a preset, then --width/--height/--dpi on top of it */
  shz_chart_batch_options_init (&job);
  if (preset != NULL)
    {
      if (!shz_export_options_from_preset (preset, fmt, &job.size))
        return shz_cli_usage_error ("export", EXPORT_USAGE,
                                    _("unknown preset “%s” (expected slide, a4, square or screen)"), preset);
    }
  else
    shz_export_options_init (&job.size, fmt);
  if ((width != 0) != (height != 0))
    return shz_cli_usage_error ("export", EXPORT_USAGE, _("give --width and --height together"));
  if (width < 0 || height < 0)
    return shz_cli_usage_error ("export", EXPORT_USAGE, _("--width and --height must be positive"));
  if (width > 0)
    {
      job.size.width_px = width;
      job.size.height_px = height;
      job.size.width_in = job.size.height_in = 0;
    }
  if (dpi != 0)
    {
      if (!(dpi >= 24 && dpi <= SHZ_EXPORT_MAX_DPI))
        return shz_cli_usage_error ("export", EXPORT_USAGE,
                                    _("--dpi %g is out of range (expected 24 to %d)"), dpi, SHZ_EXPORT_MAX_DPI);
      job.size.dpi = dpi;
    }
  {
    double wu, hu, sc;
    int wp, hp;
    if (!shz_export_options_resolve (&job.size, &wu, &hu, &wp, &hp, &sc, &error))
      return shz_cli_usage_error ("export", EXPORT_USAGE, "%s", error->message);
  }
  job.dataset = dataset;
  job.period = period;
  job.lang = lang;
  job.theme = theme;
  job.formats = SHZ_CHART_BATCH_FORMAT (fmt);
  job.pseudonymise = pseudonymise;

  store = shz_store_open (argv[1], SHZ_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return shz_cli_fail (error);
  e = shz_store_find_engagement (store, engagement, &error);
  if (e == NULL)
    return shz_cli_fail (error);

  if (!all)
    {
      if (!shz_chart_export_kind (store, e->id, kind, &job, fmt, output, &error))
        {
          fprintf (stderr, "shuzhi export: %s: %s\n", output, error ? error->message : _("failed"));
          return SHZ_EXIT_INPUT;
        }
      fprintf (stderr, _("shuzhi export: wrote %s\n"), output);
      return SHZ_EXIT_OK;
    }

  /* --chart all: DIR/<kind>.<format> for every kind that can be drawn */
  if (g_mkdir_with_parents (output, 0777) != 0 || !g_file_test (output, G_FILE_TEST_IS_DIR))
    {
      fprintf (stderr, _("shuzhi export: cannot create the folder “%s”\n"), output);
      return SHZ_EXIT_INPUT;
    }
  {
    g_autoptr(GPtrArray) written = NULL;

    written = shz_chart_batch_export (store, e->id, &job, output, on_batch_progress_cb, NULL, NULL, NULL, &error);
    if (written == NULL && g_error_matches (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_NO_DATA))
      {
        fprintf (stderr, _("shuzhi export: no chart of engagement “%s” could be drawn\n"), e->name);
        return SHZ_EXIT_INPUT;
      }
    if (written == NULL)
      {
        fprintf (stderr, "shuzhi export: %s\n", error->message);
        return SHZ_EXIT_INPUT;
      }
  }
  return SHZ_EXIT_OK;
}
