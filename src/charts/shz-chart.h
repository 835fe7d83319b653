/* shz-chart.h — the generic chart: a model loaded from the store, a layout (pure computation,
 * what tests check) and a renderer (Cairo + PangoCairo) shared by the canvas and the exporters.
 * Every chart kind (maturity-map, value-chain, …) is a subclass implementing the vfuncs below.
 *
 * Coordinates: a chart is laid out and drawn in "chart units" of 1/96 inch (a CSS pixel).
 * The canvas draws 1 unit = 1 logical pixel; exporters scale (PNG: dpi/96, PDF: 72/96).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <cairo.h>
#include <pango/pango.h>

#include "store/shz-store.h"
#include "charts/shz-chart-geometry.h"
#include "charts/shz-chart-theme.h"

G_BEGIN_DECLS

#define SHZ_CHART_ERROR (shz_chart_error_quark ())

typedef enum {
  SHZ_CHART_ERROR_NO_DATA,         /* nothing to draw: no dataset, no rows */
  SHZ_CHART_ERROR_UNKNOWN_KIND,    /* no chart kind of that id */
  SHZ_CHART_ERROR_NOT_IMPLEMENTED, /* a known kind this build cannot draw yet */
  SHZ_CHART_ERROR_INVALID,         /* bad settings or export options */
  SHZ_CHART_ERROR_IO,              /* writing the export failed */
} ShzChartError;

GQuark shz_chart_error_quark (void);

/* Chart language: independent of the UI language. */
typedef enum {
  SHZ_CHART_LANG_ZH_CN,
  SHZ_CHART_LANG_EN,
} ShzChartLang;

const char *shz_chart_lang_to_string   (ShzChartLang  lang);          /* "zh_CN" / "en" */
gboolean    shz_chart_lang_from_string (const char   *s,
                                        ShzChartLang *out);           /* accepts zh_CN, zh, en, en_US… */

/* A label of a chart in both languages (chart labels follow the chart language, not the UI's). */
typedef struct {
  const char *zh;
  const char *en;
} ShzChartText;

#define SHZ_CHART_TEXT(chart_lang, text) ((chart_lang) == SHZ_CHART_LANG_EN ? (text).en : (text).zh)

/* One thing on the chart a user can point at: a bubble, a node, a link. */
typedef struct {
  char   *id;           /* stable id (entity name, node id); what selection signals carry */
  char   *label;        /* in the chart language */
  char   *description;  /* one line for tooltips and the accessible description */
  double  x, y;         /* anchor in chart units (keyboard navigation order: as added) */
  ShzRect bounds;       /* hit area in chart units */
} ShzChartItem;

#define SHZ_TYPE_CHART (shz_chart_get_type ())
G_DECLARE_DERIVABLE_TYPE (ShzChart, shz_chart, SHZ, CHART, GObject)

struct _ShzChartClass
{
  GObjectClass parent_class;

  /* The stable kind id ("maturity-map"); set in class_init. */
  const char *kind;

  /* Read the data: @dataset may be NULL (the kind picks), @period may be NULL (latest or all). */
  gboolean  (*load)          (ShzChart     *chart,
                              ShzStore     *store,
                              gint64        engagement_id,
                              const char   *dataset,
                              const char   *period,
                              GError      **error);
  /* Compute where everything goes for a canvas of @width × @height chart units.  Pure
   * computation: no drawing.  Must call shz_chart_clear_items()/shz_chart_add_item(). */
  void      (*layout)        (ShzChart     *chart,
                              PangoContext *pango,
                              double        width,
                              double        height);
  /* Draw what the layout decided, in chart units, at the origin of @cr. */
  void      (*render)        (ShzChart     *chart,
                              cairo_t      *cr);
  /* Item under a point (chart units) or NULL; the default tests the items' bounds. */
  char     *(*hit_test)      (ShzChart     *chart,
                              double        x,
                              double        y);
  /* Label under a point whose position the user may pin by dragging, or NULL (default). */
  char     *(*hit_label)     (ShzChart     *chart,
                              double        x,
                              double        y);
  /* Move @id's label by (dx, dy) chart units and pin it there (kept in the settings). */
  void      (*move_label)    (ShzChart     *chart,
                              const char   *id,
                              double        dx,
                              double        dy);
  /* Forget every pinned label. */
  void      (*unpin_labels)  (ShzChart     *chart);
  /* Settings of the kind in @kf (group = the kind id); the base class handles [chart]. */
  void      (*load_settings) (ShzChart     *chart,
                              GKeyFile     *kf);
  void      (*save_settings) (ShzChart     *chart,
                              GKeyFile     *kf);
  /* Title in the chart language (used by exporters for SVG <title>, PDF metadata). */
  char     *(*get_title)     (ShzChart     *chart);
  /* Text describing the chart for assistive technologies; the default lists the items. */
  char     *(*describe)      (ShzChart     *chart);

  /* Layout edits: items the user places by hand (the nodes of the value network's ring),
   * all optional.  A moved item keeps a position relative to the area the automatic layout
   * gave it, so it survives another canvas or export size; the layout clamps it inside that
   * area and keeps it off the other items.  The edits are kept in the settings through
   * load_layout/save_layout, which shz_chart_load_settings()/shz_chart_save_settings() call
   * beside the kind's load_settings/save_settings (a kind need not chain up for them). */
  /* Movable item under a point (chart units, last layout), or NULL (default). */
  char     *(*hit_movable)   (ShzChart     *chart,
                              double        x,
                              double        y);
  /* Move @id by (dx, dy) chart units from where the last layout drew it; FALSE when @id is
   * not movable.  The caller invalidates. */
  gboolean  (*move_item)     (ShzChart     *chart,
                              const char   *id,
                              double        dx,
                              double        dy);
  /* @id NULL: whether the kind lets the user move items at all; else whether @id is a
   * movable item of the last layout. */
  gboolean  (*can_move)      (ShzChart     *chart,
                              const char   *id);
  /* @id NULL: whether any item was moved; else whether @id was. */
  gboolean  (*is_moved)      (ShzChart     *chart,
                              const char   *id);
  /* Forget every moved item: the automatic layout again. */
  void      (*reset_layout)  (ShzChart     *chart);
  /* Read the edits from @kf when it has them (a text without them changes nothing, as with
   * the other settings); write them when there are any. */
  void      (*load_layout)   (ShzChart     *chart,
                              GKeyFile     *kf);
  void      (*save_layout)   (ShzChart     *chart,
                              GKeyFile     *kf);

  gpointer padding[1];
};

/* ---- registry of kinds (shz-chart-registry.c) ---- */

/* Every kind id of DESIGN.md, in order; NULL-terminated. */
const char * const *shz_chart_list_kinds        (void);
gboolean            shz_chart_kind_is_known     (const char *kind);
gboolean            shz_chart_kind_is_implemented (const char *kind);
/* The kind's name in the UI language ("Maturity map"), or @kind itself when unknown. */
const char         *shz_chart_kind_get_name     (const char *kind);
/* A new chart of @kind; NULL with SHZ_CHART_ERROR_UNKNOWN_KIND / _NOT_IMPLEMENTED. */
ShzChart           *shz_chart_new               (const char *kind,
                                                 GError    **error);

/* ---- the chart ---- */

const char   *shz_chart_get_kind          (ShzChart     *chart);
ShzChartLang  shz_chart_get_lang          (ShzChart     *chart);
void          shz_chart_set_lang          (ShzChart     *chart,
                                           ShzChartLang  lang);
ShzChartThemeId shz_chart_get_theme       (ShzChart     *chart);
void          shz_chart_set_theme         (ShzChart     *chart,
                                           ShzChartThemeId theme);
/* The theme's colours (never NULL). */
const ShzChartTheme *shz_chart_get_theme_colors (ShzChart *chart);

gboolean      shz_chart_load              (ShzChart     *chart,
                                           ShzStore     *store,
                                           gint64        engagement_id,
                                           const char   *dataset,
                                           const char   *period,
                                           GError      **error);

/* Lay out for @width × @height chart units if the size changed or the chart was invalidated.
 * @pango may be NULL: the standard context (shz_chart_text_create_context()) is used. */
void          shz_chart_ensure_layout     (ShzChart     *chart,
                                           PangoContext *pango,
                                           double        width,
                                           double        height);
/* Lay out (if needed) and draw; the one drawing path of the canvas and the exporters. */
void          shz_chart_render            (ShzChart     *chart,
                                           cairo_t      *cr,
                                           double        width,
                                           double        height);
double        shz_chart_get_width         (ShzChart     *chart);   /* of the last layout */
double        shz_chart_get_height        (ShzChart     *chart);

/* Device pixels per chart unit at which raster layers (dense point clouds) are drawn.
 * 0 (default): taken from @cr's transformation at render time.  Exporters of vector
 * formats set it to the export resolution. */
void          shz_chart_set_raster_scale  (ShzChart     *chart,
                                           double        scale);
double        shz_chart_get_raster_scale  (ShzChart     *chart);
/* Device pixels per unit of @cr's user space (at least 0.01): the raster scale a layer takes
 * when the chart has none set. */
double        shz_chart_device_scale      (cairo_t      *cr);

/* On a canvas: raster layers may trade a little sharpness for speed (a dense point cloud at
 * half resolution).  Exports leave it off. */
void          shz_chart_set_interactive   (ShzChart     *chart,
                                           gboolean      interactive);
gboolean      shz_chart_get_interactive   (ShzChart     *chart);

/* On a canvas: the item being dragged (NULL: none).  A kind may then keep what does not
 * move with it in a cache and draw only the rest at each step (the value network: the links
 * not touching the node).  Exports never set it. */
void          shz_chart_set_moving        (ShzChart     *chart,
                                           const char   *id);
const char   *shz_chart_get_moving        (ShzChart     *chart);

/* Mark the layout stale and emit ::changed (subclasses call it when a setting changes). */
void          shz_chart_invalidate        (ShzChart     *chart);

/* Items of the last layout (ShzChartItem, in keyboard order). */
guint               shz_chart_get_n_items (ShzChart     *chart);
const ShzChartItem *shz_chart_get_item    (ShzChart     *chart,
                                           guint         i);
const ShzChartItem *shz_chart_find_item   (ShzChart     *chart,
                                           const char   *id);
char         *shz_chart_hit_test          (ShzChart     *chart,
                                           double        x,
                                           double        y);
char         *shz_chart_hit_label         (ShzChart     *chart,
                                           double        x,
                                           double        y);
void          shz_chart_move_label        (ShzChart     *chart,
                                           const char   *id,
                                           double        dx,
                                           double        dy);
void          shz_chart_unpin_labels      (ShzChart     *chart);

/* Layout edits (see the class vfuncs): moving items by hand and putting them back.
 * shz_chart_move_item() and shz_chart_reset_layout() invalidate the layout (::changed) when
 * they change something; the caller saves the settings (one undoable step in the store). */
char         *shz_chart_hit_movable       (ShzChart     *chart,
                                           double        x,
                                           double        y);
gboolean      shz_chart_move_item         (ShzChart     *chart,
                                           const char   *id,
                                           double        dx,
                                           double        dy);
gboolean      shz_chart_can_move          (ShzChart     *chart,
                                           const char   *id);
gboolean      shz_chart_is_moved          (ShzChart     *chart,
                                           const char   *id);
/* TRUE when something was moved (and is now back where the automatic layout puts it). */
gboolean      shz_chart_reset_layout      (ShzChart     *chart);

/* Highlight state drawn by the renderer (the canvas sets these); NULL for none. */
void          shz_chart_set_selected      (ShzChart     *chart,
                                           const char   *id);
const char   *shz_chart_get_selected      (ShzChart     *chart);
void          shz_chart_set_hovered       (ShzChart     *chart,
                                           const char   *id);
const char   *shz_chart_get_hovered       (ShzChart     *chart);

char         *shz_chart_get_title         (ShzChart     *chart);
char         *shz_chart_describe          (ShzChart     *chart);

/* Settings as key-file text (saved with shz_store_set_chart_settings()). Loading unknown keys
 * is not an error; a malformed text is (SHZ_CHART_ERROR_INVALID). */
gboolean      shz_chart_load_settings     (ShzChart     *chart,
                                           const char   *text,
                                           GError      **error);
char         *shz_chart_save_settings     (ShzChart     *chart);
/* Convenience: the settings saved for (engagement, kind), if any. */
gboolean      shz_chart_load_settings_from_store (ShzChart *chart,
                                                  ShzStore *store,
                                                  gint64    engagement_id,
                                                  GError  **error);
gboolean      shz_chart_save_settings_to_store   (ShzChart *chart,
                                                  ShzStore *store,
                                                  gint64    engagement_id,
                                                  GError  **error);

/* ---- for subclasses ---- */

void          shz_chart_clear_items       (ShzChart     *chart);
/* Adds a copy of the strings; returns the stored item. */
ShzChartItem *shz_chart_add_item          (ShzChart     *chart,
                                           const char   *id,
                                           const char   *label,
                                           const char   *description,
                                           double        x,
                                           double        y,
                                           const ShzRect *bounds);

/* @v as printf's "%g" writes it in the C locale (six significant digits, no trailing zeros)
 * into @buf — without printf for the numbers charts show in their texts (0, and 1e-4 ≤ |v| <
 * 1e6), which a layout of thousands of links writes at every drag step. */
void shz_chart_format_g (double v,
                         char   buf[32]);

G_END_DECLS
