/* shz-chart-text.c — Pango text measurement and drawing shared by every chart kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"
#include "config.h"

#include <math.h>
#include <string.h>

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

/* Draw @layout (of a text wrapped at @max_width) with its top-left corner at (x, y). */
static void
draw_layout (cairo_t *cr, PangoLayout *layout, double max_width, double x, double y, const ShzColor *color)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  cairo_save (cr);
  shz_color_set_source (cr, color);
  /* With a width set, Pango aligns inside it; the logical x then carries the offset. */
  cairo_move_to (cr, x - (max_width > 0 ? (double) logical.x / PANGO_SCALE : 0), y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
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
  g_autoptr(PangoLayout) layout = shz_chart_text_layout (pango, text, size, bold, max_width, align);

  draw_layout (cr, layout, max_width, x, y, color);
}

char *
shz_chart_text_key (const char   *text,
                    double        size,
                    gboolean      bold,
                    double        max_width,
                    ShzTextAlign  align)
{
  static const char hex[] = "0123456789abcdef";
  gsize len = strlen (text != NULL ? text : "");
  char *key = g_malloc (len + 36), *p = key;
  guint64 bits[2];

  /* "b" or "n", the alignment, the bits of @size and @max_width in hex, "|", @text */
  memcpy (&bits[0], &size, sizeof (double));
  memcpy (&bits[1], &max_width, sizeof (double));
  *p++ = bold ? 'b' : 'n';
  *p++ = (char) ('0' + CLAMP ((int) align, 0, 9));
  for (guint k = 0; k < 2; k++)
    for (int i = 15; i >= 0; i--)
      *p++ = hex[(bits[k] >> (4 * i)) & 0xf];
  *p++ = '|';
  memcpy (p, text != NULL ? text : "", len + 1);
  return key;
}

/* beyond this many layouts kept, they are dropped and made anew (a chart shows hundreds) */
#define MAX_KEPT_LAYOUTS 4096

struct _ShzTextLayouts {
  PangoContext *pango;
  GHashTable   *layouts;    /* key → PangoLayout */
  /* what the context last followed: the linear part of a cairo_t's matrix and its target's
   * font options (pango_cairo_update_context() marks every layout changed, even when these
   * are the same) */
  double                xx, yx, xy, yy;
  cairo_font_options_t *options;
};

ShzTextLayouts *
shz_text_layouts_new (void)
{
  ShzTextLayouts *t = g_new0 (ShzTextLayouts, 1);

  t->pango = shz_chart_text_create_context ();
  t->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  return t;
}

void
shz_text_layouts_free (ShzTextLayouts *t)
{
  if (t == NULL)
    return;
  g_hash_table_unref (t->layouts);
  g_object_unref (t->pango);
  g_clear_pointer (&t->options, cairo_font_options_destroy);
  g_free (t);
}

void
shz_text_layouts_begin (ShzTextLayouts *t,
                        cairo_t        *cr,
                        PangoLanguage  *language)
{
  /* a layout follows its context's changes by itself; a language also changes the attributes
   * shz_chart_text_layout() sets, so those layouts are made anew */
  if (language != NULL && language != pango_context_get_language (t->pango))
    {
      pango_context_set_language (t->pango, language);
      g_hash_table_remove_all (t->layouts);
    }
  {
    cairo_font_options_t *options = cairo_font_options_create ();
    cairo_matrix_t m;

    cairo_get_matrix (cr, &m);
    cairo_surface_get_font_options (cairo_get_target (cr), options);
    if (t->options != NULL && cairo_font_options_equal (options, t->options) &&
        m.xx == t->xx && m.yx == t->yx && m.xy == t->xy && m.yy == t->yy)
      {
        cairo_font_options_destroy (options);
        return;
      }
    g_clear_pointer (&t->options, cairo_font_options_destroy);
    t->options = options;
    t->xx = m.xx;
    t->yx = m.yx;
    t->xy = m.xy;
    t->yy = m.yy;
  }
  shz_chart_text_update_context (t->pango, cr);
}

void
shz_text_layouts_draw (ShzTextLayouts *t,
                       cairo_t        *cr,
                       const char     *text,
                       double          size,
                       gboolean        bold,
                       double          max_width,
                       ShzTextAlign    align,
                       double          x,
                       double          y,
                       const ShzColor *color)
{
  char *key = shz_chart_text_key (text, size, bold, max_width, align);
  PangoLayout *layout = g_hash_table_lookup (t->layouts, key);

  if (layout == NULL)
    {
      if (g_hash_table_size (t->layouts) >= MAX_KEPT_LAYOUTS)
        g_hash_table_remove_all (t->layouts);
      layout = shz_chart_text_layout (t->pango, text, size, bold, max_width, align);
      g_hash_table_insert (t->layouts, key, layout);
    }
  else
    g_free (key);
  draw_layout (cr, layout, max_width, x, y, color);
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
