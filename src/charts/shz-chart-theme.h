/* shz-chart-theme.h — chart colours: a light theme for print and a dark one for the screen,
 * and the tab10 palette for groups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <cairo.h>

G_BEGIN_DECLS

typedef enum {
  SHZ_CHART_THEME_LIGHT,
  SHZ_CHART_THEME_DARK,
} ShzChartThemeId;

const char *shz_chart_theme_to_string   (ShzChartThemeId  theme);   /* "light" / "dark" */
gboolean    shz_chart_theme_from_string (const char      *s,
                                         ShzChartThemeId *out);

typedef struct {
  double r, g, b, a;
} ShzColor;

typedef struct {
  ShzColor background;
  ShzColor plot_background;
  ShzColor text;            /* titles, labels */
  ShzColor text_muted;      /* subtitles, source line, tick labels */
  ShzColor axis;
  ShzColor grid;
  ShzColor guide;           /* quadrant guides, trend line */
  ShzColor highlight;       /* the client, the selection */
  ShzColor leader;          /* leader lines from a label to its item */
  ShzColor band[3];         /* era overlay bands */
  ShzColor label_halo;      /* behind label text, so it reads over lines */
} ShzChartTheme;

const ShzChartTheme *shz_chart_theme_get (ShzChartThemeId theme);

/* tab10 (matplotlib's default cycle): colour @i modulo 10, alpha 1. */
ShzColor    shz_chart_palette_color (guint i);
#define SHZ_CHART_PALETTE_SIZE 10

static inline void
shz_color_set_source (cairo_t *cr, const ShzColor *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

static inline void
shz_color_set_source_alpha (cairo_t *cr, const ShzColor *c, double alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

G_END_DECLS
