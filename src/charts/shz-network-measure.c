/* shz-network-measure.c — text sizes kept on a value-network chart, and labels cut to fit
 * (see the header).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"
#include "config.h"

#include <string.h>

#include <pango/pangocairo.h>

#include "charts/shz-network-measure.h"

/* With hundreds of nodes Pango would be most of a layout's time, and a drag lays the chart
 * out again at every pointer step with the same texts: their sizes are kept on the chart for
 * as long as the text context (language, resolution, font options) stays the same. */
#define MEASURE_KEY "shz-network-sizes"
#define MEASURE_MAX 20000

static void
measure_free (gpointer data)
{
  ShzNetMeasure *c = data;
  g_hash_table_unref (c->sizes);
  g_free (c->context);
  g_free (c);
}

ShzNetMeasure *
shz_net_measure_get (ShzNetworkChart *chart,
                     PangoContext    *pango)
{
  ShzNetMeasure *c = g_object_get_data (G_OBJECT (chart), MEASURE_KEY);
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (pango);
  const char *lang = pango_language_to_string (pango_context_get_language (pango));
  g_autofree char *context = g_strdup_printf ("%s|%a|%lx|%d", lang != NULL ? lang : "",
                                              pango_cairo_context_get_resolution (pango),
                                              options != NULL ? cairo_font_options_hash (options) : 0UL,
                                              pango_context_get_round_glyph_positions (pango));

  if (c == NULL)
    {
      c = g_new0 (ShzNetMeasure, 1);
      c->sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_object_set_data_full (G_OBJECT (chart), MEASURE_KEY, c, measure_free);
    }
  if (g_strcmp0 (c->context, context) != 0 || g_hash_table_size (c->sizes) > MEASURE_MAX)
    {
      g_hash_table_remove_all (c->sizes);
      g_free (c->context);
      c->context = g_steal_pointer (&context);
    }
  return c;
}

void
shz_net_measure (ShzNetMeasure *c,
                 PangoContext  *pango,
                 const char    *text,
                 double         size,
                 gboolean       bold,
                 double         wrap,
                 double        *width,
                 double        *height)
{
  g_autofree char *key = shz_chart_text_key (text, size, bold, wrap, SHZ_TEXT_ALIGN_START);
  double *v = g_hash_table_lookup (c->sizes, key);

  if (v == NULL)
    {
      v = g_new (double, 2);
      shz_chart_text_measure (pango, text, size, bold, wrap, &v[0], &v[1]);
      g_hash_table_insert (c->sizes, g_steal_pointer (&key), v);
    }
  if (width != NULL)
    *width = v[0];
  if (height != NULL)
    *height = v[1];
}

void
shz_net_measure_func (gpointer      data,
                      PangoContext *pango,
                      const char   *text,
                      double        size,
                      gboolean      bold,
                      double        wrap,
                      double       *width,
                      double       *height)
{
  shz_net_measure (data, pango, text, size, bold, wrap, width, height);
}

char *
shz_net_measure_cut_line (ShzNetMeasure *c,
                          PangoContext  *pango,
                          const char    *text,
                          double         size,
                          gboolean       bold,
                          double         width)
{
  g_autofree char *line = g_strdelimit (g_strdup (text), "\n", ' ');
  glong lo = 1, hi = g_utf8_strlen (line, -1);
  double w;

  shz_net_measure (c, pango, line, size, bold, 0, &w, NULL);
  if (w <= width + 0.01)
    return g_steal_pointer (&line);
  hi = MAX (hi - 1, 1);
  while (lo < hi)
    {
      glong mid = (lo + hi + 1) / 2;
      g_autofree char *prefix = g_utf8_substring (line, 0, mid);
      g_autofree char *cand = g_strconcat (g_strchomp (prefix), "…", NULL);

      shz_net_measure (c, pango, cand, size, bold, 0, &w, NULL);
      if (w <= width + 0.01)
        lo = mid;
      else
        hi = mid - 1;
    }
  {
    g_autofree char *prefix = g_utf8_substring (line, 0, lo);
    return g_strconcat (g_strchomp (prefix), "…", NULL);
  }
}

char *
shz_net_measure_cut_lines (ShzNetMeasure *c,
                           PangoContext  *pango,
                           const char    *text,
                           double         size,
                           gboolean       bold,
                           double         width,
                           int            max_lines)
{
  double line_h, h;
  glong lo = 1, hi = g_utf8_strlen (text, -1);

  shz_net_measure (c, pango, "Ag数", size, bold, 0, NULL, &line_h);
  shz_net_measure (c, pango, text, size, bold, width, NULL, &h);
  if (h <= line_h * (max_lines + 0.5))
    return g_strdup (text);
  hi = MAX (hi - 1, 1);
  while (lo < hi)
    {
      glong mid = (lo + hi + 1) / 2;
      g_autofree char *prefix = g_utf8_substring (text, 0, mid);
      g_autofree char *cand = g_strconcat (g_strchomp (prefix), "…", NULL);

      shz_net_measure (c, pango, cand, size, bold, width, NULL, &h);
      if (h <= line_h * (max_lines + 0.5))
        lo = mid;
      else
        hi = mid - 1;
    }
  {
    g_autofree char *prefix = g_utf8_substring (text, 0, lo);
    return g_strconcat (g_strchomp (prefix), "…", NULL);
  }
}
