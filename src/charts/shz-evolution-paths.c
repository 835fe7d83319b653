/* shz-evolution-paths.c — "evolution-paths": the three paths from "消费红利" to "数智创新"
 * (单向商流效率提速 → 全链路要素价值共振; 消费互联 → 生态互联; 数字化转型 → 数智化赋能) under the
 * development approach (单节点成本和效率提升 → 全生态重塑增长方式), with the client's as-is and
 * to-be position (score 0–5) on each path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"
#include "config.h"

#include <math.h>

#include "charts/shz-evolution-paths.h"

struct _ShzEvolutionPaths
{
  ShzNetworkChart parent_instance;
};

G_DEFINE_FINAL_TYPE (ShzEvolutionPaths, shz_evolution_paths, SHZ_TYPE_NETWORK_CHART)

static const ShzChartText T_AS_IS = { "现状", "As-is" };
static const ShzChartText T_TO_BE = { "目标", "To-be" };

static ShzColor
state_color (ShzAssessmentState state)
{
  return state == SHZ_STATE_AS_IS ? shz_chart_palette_color (1) : shz_chart_palette_color (0);
}

/* A term's tooltip: its label, and its description in full (the chart may cut it short). */
static char *
term_description (ShzNetworkChart *chart, const ShzCatTerm *term)
{
  if (term->description.zh == NULL)
    return g_strdup (shz_network_chart_tr (chart, &term->label));
  return g_strdup_printf ("%s — %s", shz_network_chart_tr (chart, &term->label),
                          shz_network_chart_tr (chart, &term->description));
}

/* A from → to row: two boxes and an arrow between, the label above the arrow.  Returns the
 * track's ends (between the boxes) in @x0/@x1 and its height in @y. */
static void
add_from_to (ShzNetworkChart  *chart,
             ShzNetLayout     *l,
             PangoContext     *pango,
             const ShzCatItem *it,
             const ShzRect    *row,
             double            box_w,
             double            box_h,
             double            f,
             gboolean          bold,
             double           *x0,
             double           *x1,
             double           *ty)
{
  const ShzChartTheme *theme = shz_chart_get_theme_colors (SHZ_CHART (chart));
  double cy = row->y + row->height / 2;
  ShzRect a = shz_rect_make (row->x, cy - box_h / 2, box_w, box_h);
  ShzRect b = shz_rect_make (row->x + row->width - box_w, cy - box_h / 2, box_w, box_h);
  ShzColor from_fill = theme->plot_background, to_fill = shz_net_mix (&theme->plot_background, &theme->highlight, 0.15);
  ShzColor from_stroke = theme->text_muted, to_stroke = theme->highlight;
  g_autofree char *from_id = g_strdup_printf ("%s:from", it->id);
  g_autofree char *to_id = g_strdup_printf ("%s:to", it->id);
  double min = MIN (f, MAX (0.45 * f, shz_network_chart_legible (l->width, l->height)));
  int ni;

  ni = shz_net_layout_add_node (l, from_id, SHZ_NET_ROUNDED, &a, &from_fill, &from_stroke, 1.2, FALSE);
  shz_net_layout_get_node (l, ni)->description = term_description (chart, &it->from);
  shz_net_layout_add_node_text (l, pango, ni, shz_network_chart_tr (chart, &it->from.label), f, min, bold, &theme->text);
  ni = shz_net_layout_add_node (l, to_id, SHZ_NET_ROUNDED, &b, &to_fill, &to_stroke, 1.6, FALSE);
  shz_net_layout_get_node (l, ni)->description = term_description (chart, &it->to);
  shz_net_layout_add_node_text (l, pango, ni, shz_network_chart_tr (chart, &it->to.label), f, min, bold, &theme->text);
  *x0 = a.x + a.width;
  *x1 = b.x;
  *ty = cy;
}

static void
shz_evolution_paths_build (ShzNetworkChart *chart,
                           ShzNetLayout    *l,
                           PangoContext    *pango)
{
  const ShzCatFramework *fw = shz_network_chart_get_framework (chart, SHZ_FRAMEWORK_EVOLUTION_PATHS);
  const ShzChartTheme *theme = shz_chart_get_theme_colors (SHZ_CHART (chart));
  ShzChartLang lang = shz_chart_get_lang (SHZ_CHART (chart));
  ShzAssessment *as = shz_network_chart_get_assessment (chart);
  double u = shz_network_chart_unit (l->width, l->height);
  double tu = shz_network_chart_text_unit (l->width, l->height), f = 14 * tu;
  double legible = shz_network_chart_legible (l->width, l->height);
  g_autoptr(GPtrArray) axes = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  ShzNetLegendEntry legend[2] = {
    { state_color (SHZ_STATE_AS_IS), SHZ_CHART_TEXT (lang, T_AS_IS), SHZ_NET_LEGEND_SWATCH },
    { state_color (SHZ_STATE_TO_BE), SHZ_CHART_TEXT (lang, T_TO_BE), SHZ_NET_LEGEND_SWATCH },
  };
  gboolean assessed;
  ShzRect area;
  double gap, lab_w, box_w, th, axis_h, path_h, y, mr;

  if (fw == NULL)
    return;
  axes = shz_cat_framework_list_items (fw, SHZ_CAT_AXIS, NULL);
  paths = shz_cat_framework_list_items (fw, SHZ_CAT_PATH, NULL);
  assessed = shz_assessment_has_scores (as, SHZ_FRAMEWORK_EVOLUTION_PATHS);
  area = shz_network_chart_frame (chart, l, pango, u, shz_network_chart_tr (chart, &fw->description),
                                  legend, 2, assessed);
  if (area.width < 60 || area.height < 40 || paths->len == 0)
    return;

  gap = MAX (2, 0.5 * f);
  lab_w = MIN (area.width * 0.14, 8 * f);
  box_w = MIN ((area.width - lab_w - gap) * 0.27, 13 * f);
  shz_chart_text_measure (pango, "数智 Ag", f, TRUE, 0, NULL, &th);
  /* two lines for the boxes and for the label over the arrow */
  axis_h = MIN (th * 3.6 + gap, (area.height * 0.3) / MAX (axes->len, 1));
  path_h = (area.height - axes->len * axis_h - (axes->len > 0 ? 2 * gap : 0)) / paths->len;
  y = area.y;

  /* the overall axes: 消费红利 → 数智创新, 发展思路 */
  for (guint i = 0; i < axes->len; i++)
    {
      const ShzCatItem *it = axes->pdata[i];
      ShzRect row = shz_rect_make (area.x + lab_w + gap, y, area.width - lab_w - gap, axis_h);
      double bh = MIN (axis_h * 0.92, th * 3.2), x0, x1, ty;

      add_from_to (chart, l, pango, it, &row, box_w, bh, f, TRUE, &x0, &x1, &ty);
      if (x1 - x0 > 2 * gap)
        {
          ShzRect lr = shz_rect_make (x0 + gap, row.y, x1 - x0 - 2 * gap, ty - row.y - MAX (1.5, 2 * u));
          shz_net_layout_add_arrow (l, x0 + 0.3 * gap, ty, x1 - 0.3 * gap, ty, MAX (1.5, 3 * u), &theme->highlight, FALSE);
          if (lr.height > 4)
            shz_net_layout_add_text_in (l, pango, &lr, shz_network_chart_tr (chart, &it->label), 0.85 * f,
                                        MIN (0.85 * f, MAX (0.4 * f, legible)),
                                        TRUE, SHZ_TEXT_ALIGN_CENTER, &theme->text_muted);
        }
      y += axis_h;
    }
  if (axes->len > 0)
    {
      ShzRect sep = shz_rect_make (area.x, y + gap - 0.5, area.width, 1);
      shz_net_layout_add_node (l, NULL, SHZ_NET_BAND, &sep, &theme->grid, NULL, 0, FALSE);
      y += 2 * gap;
    }

  /* the three paths */
  mr = MIN (0.55 * f, path_h * 0.08);
  for (guint i = 0; i < paths->len; i++)
    {
      const ShzCatItem *it = paths->pdata[i];
      ShzRect row = shz_rect_make (area.x + lab_w + gap, y, area.width - lab_w - gap, path_h - gap);
      double bh = MIN (row.height * 0.42, th * 2.6), x0, x1, ty, sl, ml_h;
      double scores[2] = { NAN, NAN };
      ShzRect lr;

      /* the path's name on the left */
      lr = shz_rect_make (area.x, row.y, lab_w, row.height);
      shz_net_layout_add_text_in (l, pango, &lr, shz_network_chart_tr (chart, &it->label), f, MIN (f, MAX (0.45 * f, legible)), TRUE,
                                  SHZ_TEXT_ALIGN_START, &theme->text);

      /* from and to: label boxes in the middle row, descriptions under them */
      lr = shz_rect_make (row.x, row.y, row.width, bh * 1.9);
      add_from_to (chart, l, pango, it, &lr, box_w, bh, f, TRUE, &x0, &x1, &ty);
      for (guint e = 0; e < 2; e++)
        {
          const ShzCatTerm *term = e == 0 ? &it->from : &it->to;
          double dy = ty + bh / 2 + 0.4 * gap;
          ShzRect dr = shz_rect_make (e == 0 ? row.x : row.x + row.width - box_w, dy, box_w, row.y + row.height - dy);
          if (term->description.zh != NULL && dr.height > 2 * 0.8 * f)
            shz_net_layout_add_text_in (l, pango, &dr, shz_network_chart_tr (chart, &term->description),
                                        0.8 * f, MIN (0.8 * f, MAX (0.45 * f, legible)), FALSE, SHZ_TEXT_ALIGN_START, &theme->text_muted);
        }

      /* the track, 0 at "from", 5 at "to" */
      x0 += gap + mr;
      x1 -= gap + mr;
      if (x1 - x0 < 4 * mr)
        {
          y += path_h;
          continue;
        }
      {
        int a = shz_net_layout_add_arrow (l, x0, ty, x1, ty, MAX (1, 2 * u), &theme->axis, !assessed);
        g_array_index (l->links, ShzNetLink, a).arrow = FALSE;
      }
      for (int t = 0; t <= 5; t++)
        {
          double tx = x0 + (x1 - x0) * t / 5.0;
          int a = shz_net_layout_add_arrow (l, tx, ty - mr * 0.8, tx, ty + mr * 0.8, MAX (0.8, u), &theme->axis, FALSE);
          g_array_index (l->links, ShzNetLink, a).arrow = FALSE;
        }

      for (guint s = 0; s < 2; s++)
        if (!shz_assessment_get_score (as, fw->id, it->id, s == 0 ? SHZ_STATE_AS_IS : SHZ_STATE_TO_BE, &scores[s]))
          scores[s] = NAN;
      if (!isnan (scores[0]) && !isnan (scores[1]) && fabs (scores[1] - scores[0]) > 0.05)
        {
          double ax = x0 + (x1 - x0) * scores[0] / 5, bx = x0 + (x1 - x0) * scores[1] / 5;
          double dir = bx > ax ? 1 : -1;
          ShzColor c = state_color (SHZ_STATE_TO_BE);
          shz_net_layout_add_arrow (l, ax + dir * mr, ty, bx - dir * mr * 1.1, ty, MAX (2, 3.5 * u), &c, FALSE);
        }
      shz_chart_text_measure (pango, "4.5 Ag", 0.8 * f, TRUE, 0, NULL, &ml_h);
      sl = ml_h;
      for (guint s = 0; s < 2; s++)
        {
          ShzAssessmentState state = s == 0 ? SHZ_STATE_AS_IS : SHZ_STATE_TO_BE;
          ShzColor c = state_color (state), white = { 1, 1, 1, 1 };
          g_autofree char *id = g_strdup_printf ("%s:%s", it->id, shz_assessment_state_to_string (state));
          g_autofree char *label = NULL;
          double mx, lw;
          ShzRect mrect, tr;
          int ni;

          if (isnan (scores[s]))
            continue;
          mx = x0 + (x1 - x0) * scores[s] / 5;
          mrect = shz_rect_make (mx - mr, ty - mr, 2 * mr, 2 * mr);
          ni = shz_net_layout_add_node (l, id, SHZ_NET_ELLIPSE, &mrect, s == 0 ? &white : &c, &c, MAX (1.5, 2.5 * u), FALSE);
          label = g_strdup_printf ("%s %.1f", SHZ_CHART_TEXT (lang, s == 0 ? T_AS_IS : T_TO_BE), scores[s]);
          shz_net_layout_get_node (l, ni)->description = g_strdup (label);
          shz_chart_text_measure (pango, label, 0.8 * f, TRUE, 0, &lw, NULL);
          /* as-is above the track, to-be below, kept between the boxes */
          tr = shz_rect_make (CLAMP (mx - lw / 2, x0 - mr, x1 + mr - lw), s == 0 ? ty - mr - 0.3 * gap - sl : ty + mr + 0.3 * gap,
                              lw, sl);
          shz_net_layout_add_text (l, pango, label, 0.8 * f, TRUE, 0, SHZ_TEXT_ALIGN_START, tr.x, tr.y, &c);
        }
      y += path_h;
    }
}

static void
shz_evolution_paths_class_init (ShzEvolutionPathsClass *klass)
{
  ShzChartClass *chart_class = SHZ_CHART_CLASS (klass);
  ShzNetworkChartClass *net_class = SHZ_NETWORK_CHART_CLASS (klass);

  chart_class->kind = "evolution-paths";
  net_class->framework = SHZ_FRAMEWORK_EVOLUTION_PATHS;
  net_class->build = shz_evolution_paths_build;
}

static void
shz_evolution_paths_init (ShzEvolutionPaths *self)
{
}
