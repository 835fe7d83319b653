/* shz-network-chart.c — the shared base of the value-network chart kinds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "charts/shz-network-chart.h"
#include "charts/shz-network-measure.h"

typedef struct
{
  ShzAssessment *assessment;
  ShzNetLayout  *layout;
  char          *client;
  GHashTable    *moved;       /* node id → double[2]: its centre, fractions of its area */
  gboolean       fresh;       /* the layout shows every move (none since it was made) */

  /* while a node is dragged on the canvas: what does not move, drawn once (device pixels) —
   * the ground and the other links, and over the node's links the other nodes and texts */
  cairo_surface_t *still;
  cairo_surface_t *still_nodes;
  char          *still_node;
  double         still_sx, still_sy;
  GArray        *still_rects;  /* ShzRect of every node but the moving one, when drawn */
  guint          still_key;    /* language, theme and number of links, when drawn */
} ShzNetworkChartPrivate;

/* Beyond this many device pixels (a deep zoom) the still layer is not worth its memory. */
#define MAX_STILL_PIXELS (4096 * 4096)

#define LAYOUT_GROUP "layout"
#define MAX_ID_BYTES 128

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (ShzNetworkChart, shz_network_chart, SHZ_TYPE_CHART)

static const ShzChartText T_NOT_ASSESSED = {
  "尚未评估：此处仅显示框架结构，没有评分。",
  "Not assessed yet: the framework is shown without scores." };
static const ShzChartText T_ILLUSTRATIVE = {
  "示意数据：演示用的虚构评估，并非白皮书公布的数值。",
  "Illustrative data: an invented assessment for the demo, not figures published by the whitepaper." };
static const ShzChartText T_SOURCE = {
  "框架来源：阿里云 × 毕马威《共奏数智华美乐章——2020消费品生态全链路数智化转型白皮书》",
  "Framework: Alibaba Cloud × KPMG China, 2020 whitepaper on full-link digital-intelligence transformation of consumer goods" };
static const ShzChartText T_CLIENT = { "客户：", "Client: " };
static const ShzChartText T_NOT_SCORED = { "未评估", "not assessed" };

/* ---- helpers for subclasses ---- */

const ShzCatFramework *
shz_network_chart_get_framework (ShzNetworkChart *self,
                                 const char      *id)
{
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (self);
  ShzCatalogue *cat = priv->assessment != NULL ? shz_assessment_get_catalogue (priv->assessment)
                                               : shz_catalogue_get_default ();
  return shz_catalogue_lookup_framework (cat, id);
}

const char *
shz_network_chart_tr (ShzNetworkChart  *self,
                      const ShzCatText *text)
{
  return shz_cat_text_get (text, shz_chart_lang_to_string (shz_chart_get_lang (SHZ_CHART (self))));
}

const char *
shz_network_chart_tr2 (ShzNetworkChart *self,
                       const char      *zh,
                       const char      *en)
{
  return shz_chart_get_lang (SHZ_CHART (self)) == SHZ_CHART_LANG_EN ? en : zh;
}

double
shz_network_chart_unit (double width,
                        double height)
{
  return CLAMP (MIN (width / 1200.0, height / 800.0), 0.3, 2.5);
}

/* How much of a chart pane's size the canvas has: 1 from 560 × 650 up, 0.6 at the least. */
static double
pane_fraction (double width,
               double height)
{
  return CLAMP (MIN (width / 560.0, height / 650.0), 0.6, 1.0);
}

double
shz_network_chart_text_unit (double width,
                             double height)
{
  return MAX (shz_network_chart_unit (width, height), pane_fraction (width, height));
}

double
shz_network_chart_legible (double width,
                           double height)
{
  return 11.0 * pane_fraction (width, height);
}

void
shz_network_chart_score_style (ShzNetworkChart *self,
                               double           score,
                               ShzColor        *fill,
                               ShzColor        *stroke,
                               gboolean        *dashed)
{
  const ShzChartTheme *theme = shz_chart_get_theme_colors (SHZ_CHART (self));

  if (isnan (score))
    {
      *fill = theme->plot_background;
      *stroke = theme->text_muted;
      *dashed = TRUE;
      return;
    }
  *fill = shz_net_score_color (score);
  *stroke = shz_net_mix (fill, &(ShzColor) { 0, 0, 0, 1 }, 0.25);
  *dashed = FALSE;
}

guint
shz_network_chart_score_legend (ShzNetworkChart   *self,
                                ShzNetLegendEntry *entries)
{
  static const char * const numbers[] = { "0", "1", "2", "3", "4", "5" };
  const ShzChartTheme *theme = shz_chart_get_theme_colors (SHZ_CHART (self));

  for (guint i = 0; i < 6; i++)
    {
      entries[i].color = shz_net_score_color (i);
      entries[i].label = numbers[i];
      entries[i].style = SHZ_NET_LEGEND_SWATCH;
    }
  entries[6].color = theme->text_muted;
  entries[6].label = SHZ_CHART_TEXT (shz_chart_get_lang (SHZ_CHART (self)), T_NOT_SCORED);
  entries[6].style = SHZ_NET_LEGEND_SWATCH_DASHED;
  return 7;
}

/* Lay out one row-wrapped legend inside @width starting at (x, y); returns its height. With
 * @commit FALSE it only measures. */
static double
layout_legend (ShzNetworkChart         *self,
               ShzNetLayout            *l,
               PangoContext            *pango,
               double                   u,
               double                   tu,
               const ShzNetLegendEntry *legend,
               guint                    n,
               double                   x,
               double                   y,
               double                   width,
               gboolean                 commit)
{
  const ShzChartTheme *theme = shz_chart_get_theme_colors (SHZ_CHART (self));
  double size = 11 * tu, sw = 12 * tu, gap = 5 * tu, sep = 14 * tu;
  double cx = x, cy = y, row_h = 0;

  for (guint i = 0; i < n; i++)
    {
      double tw, th, ew, key_w;
      gboolean line = legend[i].style == SHZ_NET_LEGEND_LINE || legend[i].style == SHZ_NET_LEGEND_LINE_DASHED;
      g_autofree char *label = NULL;

      key_w = line ? sw * 1.8 : sw;
      /* one line each, at most half the width: a long label is cut short */
      label = shz_net_text_clamp_lines (l, pango, legend[i].label, size, FALSE, MAX (width * 0.5 - key_w - gap, size), 1);
      shz_net_layout_measure_text (l, pango, label, size, FALSE, 0, &tw, &th);
      ew = key_w + gap + tw;
      if (cx > x && cx + ew > x + width)
        {
          cx = x;
          cy += row_h + gap;
          row_h = 0;
        }
      row_h = MAX (row_h, MAX (th, sw));
      if (commit)
        {
          double my = cy + MAX (th, sw) / 2;
          if (line)
            {
              int a = shz_net_layout_add_arrow (l, cx, my, cx + key_w, my, MAX (1.5, 3 * u),
                                                &legend[i].color, legend[i].style == SHZ_NET_LEGEND_LINE_DASHED);
              g_array_index (l->links, ShzNetLink, a).arrow = FALSE;
            }
          else
            {
              ShzRect r = shz_rect_make (cx, my - sw / 2, sw, sw);
              gboolean dashed = legend[i].style == SHZ_NET_LEGEND_SWATCH_DASHED;
              ShzColor stroke = dashed ? legend[i].color : shz_net_mix (&legend[i].color, &(ShzColor) { 0, 0, 0, 1 }, 0.25);
              shz_net_layout_add_node (l, NULL, SHZ_NET_RECT, &r,
                                       dashed ? &theme->plot_background : &legend[i].color,
                                       &stroke, MAX (0.75, u), dashed);
            }
          shz_net_layout_add_text (l, pango, label, size, FALSE, 0, SHZ_TEXT_ALIGN_START,
                                   cx + key_w + gap, my - th / 2, &theme->text_muted);
        }
      cx += ew + sep;
    }
  return n > 0 ? cy + row_h - y : 0;
}

ShzRect
shz_network_chart_frame (ShzNetworkChart         *self,
                         ShzNetLayout            *l,
                         PangoContext            *pango,
                         double                   u,
                         const char              *subtitle,
                         const ShzNetLegendEntry *legend,
                         guint                    n_legend,
                         gboolean                 assessed)
{
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (self);
  const ShzChartTheme *theme = shz_chart_get_theme_colors (SHZ_CHART (self));
  ShzChartLang lang = shz_chart_get_lang (SHZ_CHART (self));
  double tu = shz_network_chart_text_unit (l->width, l->height);
  double m = 8 * (u + tu), w = l->width - 2 * m, top = m, bottom = l->height - m;
  g_autofree char *title = shz_chart_get_title (SHZ_CHART (self));
  g_autoptr(GString) sub = g_string_new (NULL);
  g_autoptr(GString) note = g_string_new (NULL);
  int max_lines = l->height >= 600 ? 3 : 2;
  ShzNetMeasureFunc measure = l->measure;
  gpointer measure_data = l->measure_data;
  ShzRect area;
  int t;

  if (w < 20)
    return shz_rect_make (0, 0, l->width, l->height);
  /* the frame's texts are measured through the chart's sizes too: a drag lays it out again at
   * every step, with the same title, notes and legend */
  l->measure = shz_net_measure_func;
  l->measure_data = shz_net_measure_get (self, pango);

  /* Long texts wrap, up to a few lines each (fewer on a short canvas), then are cut short. */
  {
    g_autofree char *shown = shz_net_text_clamp_lines (l, pango, title, 20 * tu, TRUE, w, max_lines);
    t = shz_net_layout_add_text (l, pango, shown, 20 * tu, TRUE, w, SHZ_TEXT_ALIGN_START, m, top, &theme->text);
  }
  top += g_array_index (l->texts, ShzNetText, t).rect.height + 3 * tu;

  if (priv->client != NULL && priv->client[0] != '\0')
    g_string_append_printf (sub, "%s%s", SHZ_CHART_TEXT (lang, T_CLIENT), priv->client);
  if (subtitle != NULL && subtitle[0] != '\0')
    g_string_append_printf (sub, "%s%s", sub->len > 0 ? (lang == SHZ_CHART_LANG_EN ? " · " : " · ") : "", subtitle);
  if (sub->len > 0)
    {
      g_autofree char *shown = shz_net_text_clamp_lines (l, pango, sub->str, 12 * tu, FALSE, w, max_lines);
      t = shz_net_layout_add_text (l, pango, shown, 12 * tu, FALSE, w, SHZ_TEXT_ALIGN_START, m, top,
                                   &theme->text_muted);
      top += g_array_index (l->texts, ShzNetText, t).rect.height;
    }
  top += 10 * tu;

  /* Bottom up: source line, note, legend. */
  {
    double th;
    g_autofree char *shown = shz_net_text_clamp_lines (l, pango, SHZ_CHART_TEXT (lang, T_SOURCE), 11 * tu, FALSE, w, max_lines);
    shz_net_layout_measure_text (l, pango, shown, 11 * tu, FALSE, w, NULL, &th);
    bottom -= th;
    shz_net_layout_add_text (l, pango, shown, 11 * tu, FALSE, w, SHZ_TEXT_ALIGN_START, m, bottom, &theme->text_muted);
  }
  if (!assessed)
    g_string_append (note, SHZ_CHART_TEXT (lang, T_NOT_ASSESSED));
  else if (priv->assessment != NULL && shz_assessment_is_illustrative (priv->assessment))
    g_string_append (note, SHZ_CHART_TEXT (lang, T_ILLUSTRATIVE));
  if (note->len > 0)
    {
      double th;
      const ShzColor *c = assessed ? &theme->text_muted : &theme->highlight;
      g_autofree char *shown = shz_net_text_clamp_lines (l, pango, note->str, 12 * tu, !assessed, w, max_lines);
      shz_net_layout_measure_text (l, pango, shown, 12 * tu, !assessed, w, NULL, &th);
      bottom -= th + 3 * tu;
      shz_net_layout_add_text (l, pango, shown, 12 * tu, !assessed, w, SHZ_TEXT_ALIGN_START, m, bottom, c);
    }
  if (n_legend > 0)
    {
      double lh = layout_legend (self, l, pango, u, tu, legend, n_legend, m, 0, w, FALSE);
      bottom -= lh + 6 * tu;
      layout_legend (self, l, pango, u, tu, legend, n_legend, m, bottom, w, TRUE);
    }
  bottom -= 10 * tu;
  area = shz_rect_make (m, top, w, MAX (bottom - top, 1));
  l->measure = measure;
  l->measure_data = measure_data;
  return area;
}

/* ---- ShzChart vfuncs ---- */

static gboolean
shz_network_chart_load (ShzChart    *chart,
                        ShzStore    *store,
                        gint64       engagement_id,
                        const char  *dataset,
                        const char  *period,
                        GError     **error)
{
  ShzNetworkChart *self = SHZ_NETWORK_CHART (chart);
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (self);
  g_autoptr(ShzEngagement) e = NULL;
  const char *scores = NULL, *links = NULL;
  g_autoptr(ShzDataset) d = NULL;
  ShzAssessment *a;

  e = shz_store_get_engagement (store, engagement_id, error);
  if (e == NULL)
    return FALSE;
  if (dataset != NULL)
    {
      d = shz_store_find_dataset (store, engagement_id, dataset, error);
      if (d == NULL)
        return FALSE;
      if (d->kind == SHZ_KIND_SCORES)
        scores = dataset;
      else if (d->kind == SHZ_KIND_LINKS)
        links = dataset;
      else
        {
          g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_NO_DATA,
                       _("The chart “%s” draws a scores or links dataset; “%s” holds %s"),
                       shz_chart_get_kind (chart), dataset, shz_dataset_kind_to_string (d->kind));
          return FALSE;
        }
    }
  a = shz_assessment_load (store, engagement_id, scores, links, error);
  if (a == NULL)
    return FALSE;
  g_clear_pointer (&priv->assessment, shz_assessment_free);
  priv->assessment = a;
  g_free (priv->client);
  priv->client = g_strdup (e->client != NULL && e->client[0] != '\0' ? e->client : e->name);
  return TRUE;
}

static void
shz_network_chart_layout (ShzChart     *chart,
                          PangoContext *pango,
                          double        width,
                          double        height)
{
  ShzNetworkChart *self = SHZ_NETWORK_CHART (chart);
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (self);
  const ShzChartTheme *theme = shz_chart_get_theme_colors (chart);
  ShzNetLayout *l;

  l = shz_net_layout_new (width, height);
  shz_net_layout_take_buffers (l, priv->layout);
  g_clear_pointer (&priv->layout, shz_net_layout_free);
  priv->layout = l;
  l->background = theme->background;
  l->language = pango_context_get_language (pango);
  if (SHZ_NETWORK_CHART_GET_CLASS (self)->build != NULL)
    SHZ_NETWORK_CHART_GET_CLASS (self)->build (self, l, pango);
  priv->fresh = TRUE;

  /* Items for hit-testing, tooltips and keyboard navigation: nodes, then links. */
  for (guint i = 0; i < l->nodes->len; i++)
    {
      const ShzNetNode *n = &g_array_index (l->nodes, ShzNetNode, i);
      const char *label = NULL;

      if (n->id == NULL)
        continue;
      for (guint k = 0; k < l->texts->len && label == NULL; k++)
        if (g_array_index (l->texts, ShzNetText, k).node == (int) i)
          label = g_array_index (l->texts, ShzNetText, k).text;
      shz_chart_add_item (chart, n->id, label, n->description,
                          n->rect.x + n->rect.width / 2, n->rect.y + n->rect.height / 2, &n->rect);
    }
  for (guint i = 0; i < l->links->len; i++)
    {
      const ShzNetLink *k = &g_array_index (l->links, ShzNetLink, i);
      double x0 = MIN (MIN (k->x0, k->x1), k->cx), y0 = MIN (MIN (k->y0, k->y1), k->cy);
      double x1 = MAX (MAX (k->x0, k->x1), k->cx), y1 = MAX (MAX (k->y0, k->y1), k->cy);
      ShzRect r = shz_rect_make (x0, y0, x1 - x0, y1 - y0);

      if (k->id == NULL)
        continue;
      shz_chart_add_item (chart, k->id, k->description, k->description,
                          (k->x0 + 2 * k->cx + k->x1) / 4, (k->y0 + 2 * k->cy + k->y1) / 4, &r);
    }
}

static void
drop_still (ShzNetworkChartPrivate *priv)
{
  g_clear_pointer (&priv->still, cairo_surface_destroy);
  g_clear_pointer (&priv->still_nodes, cairo_surface_destroy);
  g_clear_pointer (&priv->still_node, g_free);
  if (priv->still_rects != NULL)
    g_array_set_size (priv->still_rects, 0);
}

static void
rects_but (ShzNetLayout *l, int moving, GArray *out)
{
  g_array_set_size (out, 0);
  for (guint i = 0; i < l->nodes->len; i++)
    if ((int) i != moving)
      g_array_append_val (out, g_array_index (l->nodes, ShzNetNode, i).rect);
}

/* A node dragged on the canvas: the background, the links not touching it and the other nodes
 * with their texts stay as they are from step to step, so they are drawn once into two layers
 * at the canvas's pixels, and each step paints the first, draws the node's links, paints the
 * second and draws the node (on top, as it is being moved).  FALSE when it does not apply;
 * then everything is drawn. */
static gboolean
render_with_still (ShzNetworkChart *self,
                   cairo_t         *cr)
{
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (self);
  ShzNetLayout *l = priv->layout;
  const char *moving = shz_chart_get_moving (SHZ_CHART (self));
  const ShzNetNode *n;
  g_autoptr(GArray) rects = NULL;
  double sx = 1, sy = 0, dx = 0, dy = 1;
  guint key;
  int index;

  if (!shz_chart_get_interactive (SHZ_CHART (self)) || moving == NULL ||
      (n = shz_net_layout_find_movable (l, moving)) == NULL)
    {
      drop_still (priv);
      return FALSE;
    }
  index = (int) (n - &g_array_index (l->nodes, ShzNetNode, 0));
  /* only a plain scale (the canvas's zoom and HiDPI factor) and a pan */
  cairo_user_to_device_distance (cr, &sx, &sy);
  cairo_user_to_device_distance (cr, &dx, &dy);
  if (fabs (sy) > 1e-9 || fabs (dx) > 1e-9 || sx <= 0 || dy <= 0 || l->width * sx * l->height * dy > MAX_STILL_PIXELS)
    {
      drop_still (priv);
      return FALSE;
    }
  /* the canvas says how many device pixels a unit is (zoom × HiDPI factor): its cairo context
   * may record at logical pixels */
  if (shz_chart_get_raster_scale (SHZ_CHART (self)) > 0)
    sx = dy = MIN (shz_chart_get_raster_scale (SHZ_CHART (self)), 8.0);
  if (l->width * sx * l->height * dy > MAX_STILL_PIXELS)
    {
      drop_still (priv);
      return FALSE;
    }
  if (priv->still_rects == NULL)
    priv->still_rects = g_array_new (FALSE, FALSE, sizeof (ShzRect));
  rects = g_array_new (FALSE, FALSE, sizeof (ShzRect));
  rects_but (l, index, rects);
  key = (l->links->len * 4u + shz_chart_get_theme (SHZ_CHART (self))) * 2u + shz_chart_get_lang (SHZ_CHART (self));
  if (priv->still == NULL || g_strcmp0 (priv->still_node, moving) != 0 || priv->still_sx != sx ||
      priv->still_key != key ||
      priv->still_sy != dy || rects->len != priv->still_rects->len ||
      memcmp (rects->data, priv->still_rects->data, rects->len * sizeof (ShzRect)) != 0)
    {
      int w = (int) ceil (l->width * sx), h = (int) ceil (l->height * dy);
      cairo_t *still_cr;

      drop_still (priv);
      priv->still = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
      priv->still_nodes = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
      if (cairo_surface_status (priv->still) != CAIRO_STATUS_SUCCESS ||
          cairo_surface_status (priv->still_nodes) != CAIRO_STATUS_SUCCESS)
        {
          drop_still (priv);
          return FALSE;
        }
      still_cr = cairo_create (priv->still);
      cairo_scale (still_cr, sx, dy);
      shz_net_layout_render_parts (l, still_cr, index, SHZ_NET_PART_GROUND | SHZ_NET_PART_LINKS, sx);
      cairo_destroy (still_cr);
      still_cr = cairo_create (priv->still_nodes);
      cairo_scale (still_cr, sx, dy);
      shz_net_layout_render_parts (l, still_cr, index, SHZ_NET_PART_NODES, sx);
      cairo_destroy (still_cr);
      priv->still_node = g_strdup (moving);
      priv->still_sx = sx;
      priv->still_sy = dy;
      priv->still_key = key;
      g_array_append_vals (priv->still_rects, rects->data, rects->len);
    }
  cairo_save (cr);
  cairo_scale (cr, 1 / sx, 1 / dy);
  cairo_set_source_surface (cr, priv->still, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  shz_net_layout_render_parts (l, cr, index, SHZ_NET_PART_MOVING_LINKS, sx);
  cairo_save (cr);
  cairo_scale (cr, 1 / sx, 1 / dy);
  cairo_set_source_surface (cr, priv->still_nodes, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  shz_net_layout_render_parts (l, cr, index, SHZ_NET_PART_MOVING_NODE, sx);
  return TRUE;
}

static void
shz_network_chart_render (ShzChart *chart,
                          cairo_t  *cr)
{
  ShzNetworkChart *self = SHZ_NETWORK_CHART (chart);
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (self);

  if (priv->layout == NULL)
    return;
  if (!render_with_still (self, cr))
    shz_net_layout_render (priv->layout, cr, shz_chart_get_raster_scale (chart));
  /* on a canvas, what is selected (with the mouse or the arrow keys) shows; exports have no
   * selection */
  if (shz_chart_get_interactive (chart))
    shz_net_layout_render_highlight (priv->layout, cr, shz_chart_get_selected (chart),
                                     &shz_chart_get_theme_colors (chart)->highlight);
}

static char *
shz_network_chart_hit_test (ShzChart *chart,
                            double    x,
                            double    y)
{
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (SHZ_NETWORK_CHART (chart));

  if (priv->layout == NULL)
    return NULL;
  return g_strdup (shz_net_layout_hit (priv->layout, x, y));
}

/* ---- layout edits ---- */

static char *
shz_network_chart_hit_movable (ShzChart *chart,
                               double    x,
                               double    y)
{
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (SHZ_NETWORK_CHART (chart));

  if (priv->layout == NULL)
    return NULL;
  return g_strdup (shz_net_layout_hit_movable (priv->layout, x, y));
}

static gboolean
shz_network_chart_can_move (ShzChart   *chart,
                            const char *id)
{
  ShzNetworkChart *self = SHZ_NETWORK_CHART (chart);
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (self);

  /* the ring of the value network is a picture whose places the analyst may choose; chains
   * and paths are ordered, and their order is what they say */
  if (id == NULL)
    return g_strcmp0 (SHZ_NETWORK_CHART_GET_CLASS (self)->framework, SHZ_FRAMEWORK_VALUE_NETWORK) == 0;
  return priv->layout != NULL && shz_net_layout_find_movable (priv->layout, id) != NULL;
}

static gboolean
shz_network_chart_is_moved (ShzChart   *chart,
                            const char *id)
{
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (SHZ_NETWORK_CHART (chart));

  if (id == NULL)
    return g_hash_table_size (priv->moved) > 0;
  return g_hash_table_contains (priv->moved, id);
}

static gboolean
shz_network_chart_move_item (ShzChart   *chart,
                             const char *id,
                             double      dx,
                             double      dy)
{
  ShzNetworkChart *self = SHZ_NETWORK_CHART (chart);
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (self);
  const ShzNetNode *n = priv->layout != NULL ? shz_net_layout_find_movable (priv->layout, id) : NULL;
  const ShzRect *a;
  double cx, cy, half_w, half_h, fx, fy;
  const double *stored;

  if (n == NULL || n->area.width <= 0 || n->area.height <= 0)
    return FALSE;
  a = &n->area;
  stored = g_hash_table_lookup (priv->moved, id);
  if (priv->fresh || stored == NULL)
    {
      /* from where it is drawn: a node held back by a neighbour never jumps to the pointer */
      cx = n->rect.x + n->rect.width / 2;
      cy = n->rect.y + n->rect.height / 2;
    }
  else
    {
      /* moved again before a new layout (pointer steps between two frames): they add up */
      cx = a->x + stored[0] * a->width;
      cy = a->y + stored[1] * a->height;
    }
  half_w = MIN (n->rect.width / 2, a->width / 2);
  half_h = MIN (n->rect.height / 2, a->height / 2);
  cx = CLAMP (cx + dx, a->x + half_w, a->x + a->width - half_w);
  cy = CLAMP (cy + dy, a->y + half_h, a->y + a->height - half_h);
  fx = (cx - a->x) / a->width;
  fy = (cy - a->y) / a->height;
  if (!isfinite (fx) || !isfinite (fy))
    return FALSE;
  {
    double *pos = g_new (double, 2);
    /* what the settings can say exactly: the same text, the same picture */
    pos[0] = round (CLAMP (fx, 0, 1) * 1e6) / 1e6;
    pos[1] = round (CLAMP (fy, 0, 1) * 1e6) / 1e6;
    g_hash_table_replace (priv->moved, g_strdup (id), pos);
  }
  priv->fresh = FALSE;
  return TRUE;
}

static void
shz_network_chart_reset_layout (ShzChart *chart)
{
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (SHZ_NETWORK_CHART (chart));

  g_hash_table_remove_all (priv->moved);
}

static gboolean
valid_node_id (const char *id)
{
  gsize len = id != NULL ? strlen (id) : 0;

  return len > 0 && len <= MAX_ID_BYTES && g_utf8_validate (id, len, NULL);
}

static void
shz_network_chart_load_layout (ShzChart *chart,
                               GKeyFile *kf)
{
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (SHZ_NETWORK_CHART (chart));
  g_auto(GStrv) ids = NULL;
  g_autofree double *pos = NULL;
  gsize n_ids = 0, n_pos = 0;

  if (!g_key_file_has_group (kf, LAYOUT_GROUP))
    return;
  g_hash_table_remove_all (priv->moved);
  ids = g_key_file_get_string_list (kf, LAYOUT_GROUP, "nodes", &n_ids, NULL);
  pos = g_key_file_get_double_list (kf, LAYOUT_GROUP, "positions", &n_pos, NULL);
  /* untrusted text: bounded, finite, clamped; ids of nodes this catalogue does not have are
   * kept (they place nothing) so that a newer catalogue's edits survive a round trip */
  for (gsize i = 0; ids != NULL && pos != NULL && i < n_ids && 2 * i + 1 < n_pos; i++)
    {
      double *p;

      if (g_hash_table_size (priv->moved) >= SHZ_NETWORK_MAX_MOVED)
        break;
      if (!valid_node_id (ids[i]) || !isfinite (pos[2 * i]) || !isfinite (pos[2 * i + 1]))
        continue;
      p = g_new (double, 2);
      p[0] = CLAMP (pos[2 * i], 0, 1);
      p[1] = CLAMP (pos[2 * i + 1], 0, 1);
      g_hash_table_replace (priv->moved, g_strdup (ids[i]), p);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
shz_network_chart_save_layout (ShzChart *chart,
                               GKeyFile *kf)
{
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (SHZ_NETWORK_CHART (chart));
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) numbers = NULL;
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (priv->moved) == 0)
    return;
  keys = g_ptr_array_new ();
  numbers = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, priv->moved);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);   /* the same edits give the same text */
  for (guint i = 0; i < keys->len; i++)
    {
      const double *p = g_hash_table_lookup (priv->moved, keys->pdata[i]);
      for (guint c = 0; c < 2; c++)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          g_ptr_array_add (numbers, g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6f", p[c])));
        }
    }
  g_key_file_set_string_list (kf, LAYOUT_GROUP, "nodes", (const char * const *) keys->pdata, keys->len);
  g_key_file_set_string_list (kf, LAYOUT_GROUP, "positions", (const char * const *) numbers->pdata, numbers->len);
}

static char *
shz_network_chart_get_title (ShzChart *chart)
{
  ShzNetworkChart *self = SHZ_NETWORK_CHART (chart);
  const char *id = SHZ_NETWORK_CHART_GET_CLASS (self)->framework;
  const ShzCatFramework *fw = id != NULL ? shz_network_chart_get_framework (self, id) : NULL;

  if (fw == NULL)
    return g_strdup (shz_chart_get_kind (chart));
  return g_strdup (shz_network_chart_tr (self, &fw->label));
}

static void
shz_network_chart_finalize (GObject *object)
{
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (SHZ_NETWORK_CHART (object));

  g_clear_pointer (&priv->assessment, shz_assessment_free);
  g_clear_pointer (&priv->layout, shz_net_layout_free);
  g_clear_pointer (&priv->client, g_free);
  g_clear_pointer (&priv->moved, g_hash_table_unref);
  drop_still (priv);
  g_clear_pointer (&priv->still_rects, g_array_unref);
  G_OBJECT_CLASS (shz_network_chart_parent_class)->finalize (object);
}

static void
shz_network_chart_class_init (ShzNetworkChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShzChartClass *chart_class = SHZ_CHART_CLASS (klass);

  object_class->finalize = shz_network_chart_finalize;
  chart_class->load = shz_network_chart_load;
  chart_class->layout = shz_network_chart_layout;
  chart_class->render = shz_network_chart_render;
  chart_class->hit_test = shz_network_chart_hit_test;
  chart_class->get_title = shz_network_chart_get_title;
  chart_class->hit_movable = shz_network_chart_hit_movable;
  chart_class->move_item = shz_network_chart_move_item;
  chart_class->can_move = shz_network_chart_can_move;
  chart_class->is_moved = shz_network_chart_is_moved;
  chart_class->reset_layout = shz_network_chart_reset_layout;
  chart_class->load_layout = shz_network_chart_load_layout;
  chart_class->save_layout = shz_network_chart_save_layout;
}

static void
shz_network_chart_init (ShzNetworkChart *self)
{
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (self);

  priv->assessment = shz_assessment_new (NULL);
  priv->moved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* ---- public ---- */

ShzAssessment *
shz_network_chart_get_assessment (ShzNetworkChart *self)
{
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (self);

  g_return_val_if_fail (SHZ_IS_NETWORK_CHART (self), NULL);
  return priv->assessment;
}

void
shz_network_chart_set_assessment (ShzNetworkChart *self,
                                  ShzAssessment   *assessment)
{
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (self);

  g_return_if_fail (SHZ_IS_NETWORK_CHART (self));
  g_clear_pointer (&priv->assessment, shz_assessment_free);
  priv->assessment = assessment != NULL ? assessment : shz_assessment_new (NULL);
  shz_chart_invalidate (SHZ_CHART (self));
}

void
shz_network_chart_set_client (ShzNetworkChart *self,
                              const char      *client)
{
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (self);

  g_return_if_fail (SHZ_IS_NETWORK_CHART (self));
  g_free (priv->client);
  priv->client = g_strdup (client);
  shz_chart_invalidate (SHZ_CHART (self));
}

ShzNetLayout *
shz_network_chart_get_layout (ShzNetworkChart *self)
{
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (self);

  g_return_val_if_fail (SHZ_IS_NETWORK_CHART (self), NULL);
  return priv->layout;
}

gboolean
shz_network_chart_get_moved (ShzNetworkChart *self,
                             const char      *id,
                             double          *fx,
                             double          *fy)
{
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (self);
  const double *p;

  g_return_val_if_fail (SHZ_IS_NETWORK_CHART (self), FALSE);
  p = id != NULL ? g_hash_table_lookup (priv->moved, id) : NULL;
  if (p == NULL)
    return FALSE;
  *fx = p[0];
  *fy = p[1];
  return TRUE;
}

void
shz_network_chart_set_moved (ShzNetworkChart *self,
                             const char      *id,
                             double           fx,
                             double           fy)
{
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (self);

  g_return_if_fail (SHZ_IS_NETWORK_CHART (self));
  g_return_if_fail (id != NULL);
  if (!isfinite (fx) || !isfinite (fy))
    g_hash_table_remove (priv->moved, id);
  else if (valid_node_id (id) &&
           (g_hash_table_size (priv->moved) < SHZ_NETWORK_MAX_MOVED || g_hash_table_contains (priv->moved, id)))
    {
      double *p = g_new (double, 2);
      p[0] = CLAMP (fx, 0, 1);
      p[1] = CLAMP (fy, 0, 1);
      g_hash_table_replace (priv->moved, g_strdup (id), p);
    }
  shz_chart_invalidate (SHZ_CHART (self));
}

guint
shz_network_chart_get_n_moved (ShzNetworkChart *self)
{
  ShzNetworkChartPrivate *priv = shz_network_chart_get_instance_private (self);

  g_return_val_if_fail (SHZ_IS_NETWORK_CHART (self), 0);
  return g_hash_table_size (priv->moved);
}
