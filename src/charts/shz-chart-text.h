/* shz-chart-text.h — Pango text for charts: one font ("Noto Sans CJK SC", so Chinese renders
 * everywhere), measured with Pango (never estimated), the same metrics on screen and in every
 * export (unhinted metrics at 96 units per inch).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "charts/shz-chart-geometry.h"
#include "charts/shz-chart-theme.h"

G_BEGIN_DECLS

#define SHZ_CHART_FONT_FAMILY "Noto Sans CJK SC, Noto Sans CJK, Noto Sans, sans-serif"

typedef enum {
  SHZ_TEXT_ALIGN_START,
  SHZ_TEXT_ALIGN_CENTER,
  SHZ_TEXT_ALIGN_END,
} ShzTextAlign;

/* A PangoContext for chart layout: PangoCairo's font map, 96 dpi, metrics unhinted. */
PangoContext *shz_chart_text_create_context (void);
/* The chart language of the texts laid out with @pango ("zh_CN" or "en"): Chinese picks the
 * SC glyph forms; English gets proportional punctuation (the CJK font's quotes and
 * apostrophes are full-width otherwise). */
void          shz_chart_text_set_language   (PangoContext *pango,
                                             const char   *lang);
/* Make @pango follow @cr's transformation and target (keeping unhinted metrics). */
void          shz_chart_text_update_context (PangoContext *pango,
                                             cairo_t      *cr);

/* A layout of @text at @size chart units (pixel size), @bold or not; @max_width > 0 wraps
 * at word/character boundaries. */
PangoLayout  *shz_chart_text_layout         (PangoContext *pango,
                                             const char   *text,
                                             double        size,
                                             gboolean      bold,
                                             double        max_width,
                                             ShzTextAlign  align);
/* Logical size of a layout in chart units. */
void          shz_chart_text_layout_size    (PangoLayout  *layout,
                                             double       *width,
                                             double       *height);
/* Measure @text: logical width and height in chart units. */
void          shz_chart_text_measure        (PangoContext *pango,
                                             const char   *text,
                                             double        size,
                                             gboolean      bold,
                                             double        max_width,
                                             double       *width,
                                             double       *height);

/* Draw @text with its top-left corner at (x, y) (the renderer's side of a measured box). */
void          shz_chart_text_draw           (cairo_t        *cr,
                                             PangoContext   *pango,
                                             const char     *text,
                                             double          size,
                                             gboolean        bold,
                                             double          max_width,
                                             ShzTextAlign    align,
                                             double          x,
                                             double          y,
                                             const ShzColor *color);
/* A key for the text @text at @size, @bold, wrapped at @max_width (0: not) and aligned by @align:
 * for the caches of sizes and layouts (made at every lookup, so without printf). */
char         *shz_chart_text_key            (const char   *text,
                                             double        size,
                                             gboolean      bold,
                                             double        max_width,
                                             ShzTextAlign  align);

/* Layouts of texts kept from draw to draw, in one language: shaping a label costs tens of
 * microseconds and a chart redrawn (a drag lays it out at every step) draws the same ones. */
typedef struct _ShzTextLayouts ShzTextLayouts;

ShzTextLayouts *shz_text_layouts_new    (void);
void            shz_text_layouts_free   (ShzTextLayouts *layouts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzTextLayouts, shz_text_layouts_free)
/* Before drawing on @cr: follow its transformation and target (as
 * shz_chart_text_update_context()) and lay out in @language (the one the texts were measured
 * in; NULL keeps the default). */
void            shz_text_layouts_begin  (ShzTextLayouts *layouts,
                                         cairo_t        *cr,
                                         PangoLanguage  *language);
/* shz_chart_text_draw() with the layout kept. */
void            shz_text_layouts_draw   (ShzTextLayouts *layouts,
                                         cairo_t        *cr,
                                         const char     *text,
                                         double          size,
                                         gboolean        bold,
                                         double          max_width,
                                         ShzTextAlign    align,
                                         double          x,
                                         double          y,
                                         const ShzColor *color);

/* Same, rotated 90° counter-clockwise, the top-left of the rotated box at (x, y). */
void          shz_chart_text_draw_vertical  (cairo_t        *cr,
                                             PangoContext   *pango,
                                             const char     *text,
                                             double          size,
                                             gboolean        bold,
                                             double          x,
                                             double          y,
                                             const ShzColor *color);

G_END_DECLS
