/* shz-chart-text.c — Pango text measurement and drawing shared by every chart kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"
#include "config.h"

#include <math.h>

#include "charts/shz-chart-text.h"

/* Unhinted metrics and unrounded glyph positions: a label measured for the layout has the
 * same width on a 96 dpi canvas, a 600 dpi PNG and a PDF, so the placer's promises hold. */
static void
set_metrics_options (PangoContext *pango)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (pango, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (pango, FALSE);
}

PangoContext *
shz_chart_text_create_context (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *pango = pango_font_map_create_context (map);

  pango_cairo_context_set_resolution (pango, 96.0);
  set_metrics_options (pango);
  return pango;
}

void
shz_chart_text_set_language (PangoContext *pango,
                             const char   *lang)
{
  gboolean en = lang != NULL && g_ascii_strncasecmp (lang, "en", 2) == 0;

  pango_context_set_language (pango, pango_language_from_string (en ? "en" : "zh-cn"));
}

void
shz_chart_text_update_context (PangoContext *pango,
                               cairo_t      *cr)
{
  pango_cairo_update_context (cr, pango);
}

PangoLayout *
shz_chart_text_layout (PangoContext *pango,
                       const char   *text,
                       double        size,
                       gboolean      bold,
                       double        max_width,
                       ShzTextAlign  align)
{
  PangoLayout *layout = pango_layout_new (pango);
  PangoFontDescription *desc = pango_font_description_from_string (SHZ_CHART_FONT_FAMILY);

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  switch (align)
    {
    case SHZ_TEXT_ALIGN_CENTER: pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER); break;
    case SHZ_TEXT_ALIGN_END:    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT); break;
    case SHZ_TEXT_ALIGN_START:
    default:                    pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT); break;
    }
  pango_layout_set_text (layout, text ? text : "", -1);
  {
    const char *lang = pango_language_to_string (pango_context_get_language (pango));
    if (lang != NULL && g_ascii_strncasecmp (lang, "en", 2) == 0)
      {
        PangoAttrList *attrs = pango_attr_list_new ();
        pango_attr_list_insert (attrs, pango_attr_font_features_new ("pwid"));
        pango_layout_set_attributes (layout, attrs);
        pango_attr_list_unref (attrs);
      }
  }
  return layout;
}

void
shz_chart_text_layout_size (PangoLayout *layout,
                            double      *width,
                            double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width)
    *width = (double) logical.width / PANGO_SCALE;
  if (height)
    *height = (double) logical.height / PANGO_SCALE;
}

void
shz_chart_text_measure (PangoContext *pango,
                        const char   *text,
                        double        size,
                        gboolean      bold,
                        double        max_width,
                        double       *width,
                        double       *height)
{
  g_autoptr(PangoLayout) layout = shz_chart_text_layout (pango, text, size, bold, max_width,
                                                         SHZ_TEXT_ALIGN_START);
  shz_chart_text_layout_size (layout, width, height);
}

void
shz_chart_text_draw (cairo_t        *cr,
                     PangoContext   *pango,
                     const char     *text,
                     double          size,
                     gboolean        bold,
                     double          max_width,
                     ShzTextAlign    align,
                     double          x,
                     double          y,
                     const ShzColor *color)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;

  layout = shz_chart_text_layout (pango, text, size, bold, max_width, align);
  pango_layout_get_extents (layout, NULL, &logical);
  cairo_save (cr);
  shz_color_set_source (cr, color);
  /* With a width set, Pango aligns inside it; the logical x then carries the offset. */
  cairo_move_to (cr, x - (max_width > 0 ? (double) logical.x / PANGO_SCALE : 0), y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

void
shz_chart_text_draw_vertical (cairo_t        *cr,
                              PangoContext   *pango,
                              const char     *text,
                              double          size,
                              gboolean        bold,
                              double          x,
                              double          y,
                              const ShzColor *color)
{
  g_autoptr(PangoLayout) layout = NULL;
  double w, h;

  layout = shz_chart_text_layout (pango, text, size, bold, 0, SHZ_TEXT_ALIGN_START);
  shz_chart_text_layout_size (layout, &w, &h);
  cairo_save (cr);
  cairo_translate (cr, x, y + w);
  cairo_rotate (cr, -G_PI / 2);
  pango_cairo_update_context (cr, pango);
  pango_cairo_update_layout (cr, layout);
  shz_color_set_source (cr, color);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  pango_cairo_update_context (cr, pango);
}
