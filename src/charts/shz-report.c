/* shz-report.c — the multi-page PDF report: a title page, then one chart a page with its notes
 * and source line.  Every chart is drawn by shz_chart_render(), the function the canvas and the
 * single-chart exporters use; Cairo's PDF surface embeds subsets of the CJK fonts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"

#include "config.h"

#include <errno.h>
#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "charts/shz-report.h"
#include "charts/shz-chart-text.h"

/* A4 landscape in points; margins and bands in points. */
#define PAGE_W   841.89
#define PAGE_H   595.28
#define MARGIN   36.0
/* Raster layers (dense point clouds) at 300 dpi: device pixels per chart unit. */
#define RASTER_SCALE (300.0 / 96.0)

typedef struct {
  const char *zh;
  const char *en;
} Words;

static const Words w_client = { "客户", "Client" };
static const Words w_industry = { "行业", "Industry" };
static const Words w_analyst = { "分析师", "Analyst" };
static const Words w_date = { "日期", "Date" };
static const Words w_report = { "数智化转型评估报告", "Digital-intelligence transformation report" };
static const Words w_source = { "数据来源", "Data source" };
static const Words w_note = { "注", "Note" };
static const Words w_illustrative = { "示意数据", "Illustrative data" };
static const Words w_framework = { "框架：《共奏数智华美乐章——2020消费品生态全链路数智化转型白皮书》（阿里云 × 毕马威中国）",
                                   "Framework: “共奏数智华美乐章 — 2020 消费品生态全链路数智化转型白皮书” (Alibaba Cloud × KPMG China)" };

#define WORD(opts, w) ((opts)->lang == SHZ_CHART_LANG_EN ? (w).en : (w).zh)

void
shz_report_options_init (ShzReportOptions *options)
{
  *options = (ShzReportOptions) { .lang = SHZ_CHART_LANG_ZH_CN };
}

/* The dataset kinds a chart kind draws from, for its source line. */
static gboolean
kind_uses (const char     *chart_kind,
           ShzDatasetKind  kind)
{
  if (g_str_equal (chart_kind, "maturity-map"))
    return kind == SHZ_KIND_POSITIONS || kind == SHZ_KIND_USAGE;
  if (g_str_equal (chart_kind, "value-chain") || g_str_equal (chart_kind, "value-network") ||
      g_str_equal (chart_kind, "network-compare"))
    return kind == SHZ_KIND_LINKS;
  return kind == SHZ_KIND_SCORES;
}

static void
draw_text (cairo_t      *cr,
           PangoContext *pango,
           const char   *text,
           double        x,
           double        y,
           double        size_pt,
           gboolean      bold,
           double        width_pt,
           ShzTextAlign  align,
           double       *height_pt)
{
  /* Text is laid out in chart units (1/96 in) and drawn at 0.75 pt each. */
  g_autoptr(PangoLayout) layout = NULL;
  double w, h;

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, 0.75, 0.75);
  shz_chart_text_update_context (pango, cr);
  layout = shz_chart_text_layout (pango, text, size_pt / 0.75, bold, width_pt / 0.75, align);
  /* show_layout draws at the current point: never one a renderer left behind. */
  cairo_new_path (cr);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
  shz_chart_text_layout_size (layout, &w, &h);
  cairo_restore (cr);
  if (height_pt)
    *height_pt = h * 0.75;
}

static void
title_page (cairo_t                *cr,
            PangoContext           *pango,
            const ShzEngagement    *e,
            const ShzReportOptions *opts,
            const char             *date,
            gboolean                illustrative)
{
  const double width = PAGE_W - 2 * MARGIN - 80;
  double y = 150, h;
  struct {
    const Words *label;
    const char  *value;
  } rows[] = {
    { &w_client, e->client },
    { &w_industry, e->industry },
    { &w_analyst, e->analyst },
    { &w_date, date },
  };

  cairo_set_source_rgb (cr, 0.13, 0.33, 0.62);
  cairo_rectangle (cr, MARGIN + 40, y - 24, 64, 5);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  draw_text (cr, pango, WORD (opts, w_report), MARGIN + 40, y - 10, 14, FALSE, width, SHZ_TEXT_ALIGN_START, &h);
  y += h + 4;
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  draw_text (cr, pango, e->name, MARGIN + 40, y, 30, TRUE, width, SHZ_TEXT_ALIGN_START, &h);
  y += h + 8;
  if (e->title != NULL && *e->title != '\0')
    {
      draw_text (cr, pango, e->title, MARGIN + 40, y, 16, FALSE, width, SHZ_TEXT_ALIGN_START, &h);
      y += h;
    }
  y += 28;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (rows[i].value == NULL || *rows[i].value == '\0')
        continue;
      cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
      draw_text (cr, pango, WORD (opts, *rows[i].label), MARGIN + 40, y, 12, FALSE, 110, SHZ_TEXT_ALIGN_START, NULL);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      draw_text (cr, pango, rows[i].value, MARGIN + 160, y, 12, FALSE, width - 120, SHZ_TEXT_ALIGN_START, &h);
      y += MAX (h, 16) + 8;
    }
  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  if (illustrative)
    {
      y += 12;
      draw_text (cr, pango, WORD (opts, w_illustrative), MARGIN + 40, y, 11, TRUE, width, SHZ_TEXT_ALIGN_START, &h);
    }
  draw_text (cr, pango, WORD (opts, w_framework), MARGIN + 40, PAGE_H - MARGIN - 30, 9, FALSE, width,
             SHZ_TEXT_ALIGN_START, NULL);
}

/* "Data source: name (file, imported …)" for the datasets a chart kind draws from, and the
 * notes of those datasets (e.g. that figures are illustrative). */
static void
source_and_notes (GPtrArray              *datasets,
                  const char             *kind,
                  const ShzReportOptions *opts,
                  GString                *source,
                  GString                *notes)
{
  for (guint i = 0; i < datasets->len; i++)
    {
      ShzDataset *d = g_ptr_array_index (datasets, i);

      if (!kind_uses (kind, d->kind) || (opts->dataset != NULL && g_strcmp0 (opts->dataset, d->name) != 0))
        continue;
      g_string_append_printf (source, "%s%s", source->len ? "; " : "", d->name);
      if (d->source_name != NULL && *d->source_name != '\0')
        g_string_append_printf (source, " (%s%s%.10s)", d->source_name, d->imported ? ", " : "",
                                d->imported ? d->imported : "");
      if (d->note != NULL && *d->note != '\0')
        g_string_append_printf (notes, "%s%s", notes->len ? " " : "", d->note);
    }
}

/* Lay out @text at @size_pt wrapped to @width_pt; its height in points. */
static double
text_height (PangoContext *pango,
             const char   *text,
             double        size_pt,
             double        width_pt)
{
  g_autoptr(PangoLayout) layout = shz_chart_text_layout (pango, text, size_pt / 0.75, FALSE, width_pt / 0.75,
                                                         SHZ_TEXT_ALIGN_START);
  double w, h;

  shz_chart_text_layout_size (layout, &w, &h);
  return h * 0.75;
}

static void
chart_page (cairo_t                *cr,
            PangoContext           *pango,
            ShzChart               *chart,
            const ShzEngagement    *e,
            const char             *source,
            const char             *notes,
            const ShzReportOptions *opts,
            guint                   page,
            guint                   n_pages)
{
  g_autofree char *source_line = NULL;
  g_autofree char *note_line = NULL;
  g_autofree char *page_line = NULL;
  const gboolean en = opts->lang == SHZ_CHART_LANG_EN;
  const double area_w = PAGE_W - 2 * MARGIN;
  double footer = 0, y, area_h, h;

  /* The chart draws its own title: the page adds a running header, and below the chart its
   * notes and source line, as tall as they need. */
  if (notes != NULL && *notes != '\0')
    note_line = g_strdup_printf (en ? "%s: %s" : "%s：%s", WORD (opts, w_note), notes);
  if (source != NULL && *source != '\0')
    source_line = g_strdup_printf (en ? "%s: %s" : "%s：%s", WORD (opts, w_source), source);
  shz_chart_text_update_context (pango, cr);
  if (note_line)
    footer += text_height (pango, note_line, 8.5, area_w) + 3;
  if (source_line)
    footer += text_height (pango, source_line, 8.5, area_w);
  footer = MIN (footer, PAGE_H / 3);
  area_h = PAGE_H - 2 * MARGIN - 22 - footer - 10;

  page_line = en ? g_strdup_printf ("Page %u of %u", page, n_pages)
                 : g_strdup_printf ("第 %u 页，共 %u 页", page, n_pages);
  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  draw_text (cr, pango, e->name, MARGIN, MARGIN - 8, 8.5, FALSE, area_w * 0.7, SHZ_TEXT_ALIGN_START, NULL);
  draw_text (cr, pango, page_line, MARGIN, MARGIN - 8, 8.5, FALSE, area_w, SHZ_TEXT_ALIGN_END, NULL);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN, MARGIN + 8);
  cairo_line_to (cr, PAGE_W - MARGIN, MARGIN + 8);
  cairo_stroke (cr);

  /* The chart itself: its units are 1/96 in, the page's points 1/72. */
  cairo_save (cr);
  cairo_translate (cr, MARGIN, MARGIN + 22);
  cairo_rectangle (cr, 0, 0, area_w, area_h);
  cairo_clip (cr);
  cairo_scale (cr, 0.75, 0.75);
  shz_chart_set_raster_scale (chart, RASTER_SCALE);
  shz_chart_render (chart, cr, area_w / 0.75, area_h / 0.75);
  cairo_restore (cr);
  cairo_new_path (cr);

  y = MARGIN + 22 + area_h + 10;
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  if (note_line)
    {
      draw_text (cr, pango, note_line, MARGIN, y, 8.5, FALSE, area_w, SHZ_TEXT_ALIGN_START, &h);
      y += h + 3;
    }
  if (source_line)
    draw_text (cr, pango, source_line, MARGIN, y, 8.5, FALSE, area_w, SHZ_TEXT_ALIGN_START, NULL);
}

static cairo_status_t
check (cairo_surface_t *surface,
       cairo_t         *cr)
{
  cairo_status_t s = cr ? cairo_status (cr) : CAIRO_STATUS_SUCCESS;
  return s != CAIRO_STATUS_SUCCESS ? s : cairo_surface_status (surface);
}

gboolean
shz_report_write (ShzStore               *store,
                  gint64                  engagement_id,
                  const ShzReportOptions *opts,
                  const char             *path,
                  guint                  *n_charts,
                  GError                **error)
{
  g_autoptr(ShzEngagement) e = NULL;
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(GPtrArray) charts = g_ptr_array_new_with_free_func (g_object_unref);
  PangoContext *pango = NULL;
  g_autofree char *tmp = g_strconcat (path, ".part", NULL);
  g_autofree char *date = NULL;
  g_autofree char *doc_title = NULL;
  const char * const *kinds;
  gboolean illustrative = FALSE;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  if (n_charts)
    *n_charts = 0;
  if (opts->pseudonymise)
    {
      /* Draw from a pseudonymised copy: every text of every chart follows, nothing is missed. */
      g_autoptr(ShzStore) copy = NULL;
      ShzReportOptions plain = *opts;
      gint64 copy_id = 0;

      copy = shz_store_open_pseudonymised_copy (store, engagement_id, shz_chart_lang_to_string (opts->lang),
                                                &copy_id, error);
      if (copy == NULL)
        return FALSE;
      plain.pseudonymise = FALSE;
      return shz_report_write (copy, copy_id, &plain, path, n_charts, error);
    }
  e = shz_store_get_engagement (store, engagement_id, error);
  if (e == NULL)
    return FALSE;
  datasets = shz_store_list_datasets (store, engagement_id, error);
  if (datasets == NULL)
    return FALSE;
  for (guint i = 0; i < datasets->len; i++)
    illustrative |= ((ShzDataset *) g_ptr_array_index (datasets, i))->illustrative;

  /* Load every chart first: the page count is known before the first page. */
  kinds = opts->kinds ? opts->kinds : shz_chart_list_kinds ();
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_autoptr(ShzChart) chart = NULL;
      g_autoptr(GError) local = NULL;

      if (!shz_chart_kind_is_implemented (kinds[i]))
        continue;
      chart = shz_chart_new (kinds[i], &local);
      if (chart == NULL || !shz_chart_load_settings_from_store (chart, store, engagement_id, &local))
        {
          g_debug ("report: %s left out: %s", kinds[i], local ? local->message : "");
          continue;
        }
      shz_chart_set_lang (chart, opts->lang);
      if (opts->theme != NULL)
        {
          ShzChartThemeId theme;
          if (shz_chart_theme_from_string (opts->theme, &theme))
            shz_chart_set_theme (chart, theme);
        }
      if (!shz_chart_load (chart, store, engagement_id, opts->dataset, opts->period, &local))
        {
          g_debug ("report: %s left out: %s", kinds[i], local->message);
          continue;
        }
      g_ptr_array_add (charts, g_steal_pointer (&chart));
    }
  if (charts->len == 0)
    {
      g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_NO_DATA,
                   _("Engagement “%s” has no data any chart can draw: no report written"), e->name);
      return FALSE;
    }

  if (opts->date != NULL)
    date = g_strdup (opts->date);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      date = g_date_time_format (now, "%Y-%m-%d");
    }

  g_unlink (tmp);
  surface = cairo_pdf_surface_create (tmp, PAGE_W, PAGE_H);
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_IO,
                   _("Cannot write “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  doc_title = g_strdup_printf ("%s — %s", e->name, WORD (opts, w_report));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc_title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, e->analyst ? e->analyst : "");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Shuzhi " PACKAGE_VERSION);

  cr = cairo_create (surface);
  pango = shz_chart_text_create_context ();
  shz_chart_text_set_language (pango, shz_chart_lang_to_string (opts->lang));

  title_page (cr, pango, e, opts, date, illustrative);
  cairo_show_page (cr);
  for (guint i = 0; i < charts->len; i++)
    {
      ShzChart *chart = g_ptr_array_index (charts, i);
      g_autoptr(GString) source = g_string_new (NULL);
      g_autoptr(GString) notes = g_string_new (NULL);

      source_and_notes (datasets, shz_chart_get_kind (chart), opts, source, notes);
      chart_page (cr, pango, chart, e, source->str, notes->str, opts, i + 2, charts->len + 1);
      cairo_show_page (cr);
    }
  status = check (surface, cr);
  g_object_unref (pango);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp);
      g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_IO,
                   status == CAIRO_STATUS_WRITE_ERROR ? _("Cannot write “%s”: the disk may be full or the folder read-only")
                                                      : _("Cannot write “%s”: %s"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_IO,
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (n_charts)
    *n_charts = charts->len;
  return TRUE;
}
