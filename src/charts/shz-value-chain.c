/* shz-value-chain.c — "value-chain": the one-way chain value chain (单向链式价值链):
 * 商品 → 制造 → 品牌 → 营销 → 渠道 → 零售 → 服务 as chevrons shaded by the client's as-is
 * digitisation score (to-be beside it), on the base 技术 · 组织 · 资金 · 物流, with the one-way
 * supply relation (单向供给关系) to the existing consumer base (存量消费群体).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"
#include "config.h"

#include <math.h>

#include "charts/shz-network-measure.h"
#include "charts/shz-value-chain.h"

struct _ShzValueChain
{
  ShzNetworkChart parent_instance;
};

G_DEFINE_FINAL_TYPE (ShzValueChain, shz_value_chain, SHZ_TYPE_NETWORK_CHART)

static const ShzChartText T_SCORES = { "节点阴影：现状数字化评分（0–5）；数字：现状 → 目标",
                                       "Shading: as-is digitisation score (0–5); figures: as-is → to-be" };

static char *
score_text (ShzNetworkChart *chart, const ShzCatItem *it, gboolean *any, double *as_is_out)
{
  ShzAssessment *as = shz_network_chart_get_assessment (chart);
  const char *label = shz_network_chart_tr (chart, &it->label);
  double a = NAN, b = NAN;
  gboolean ha = shz_assessment_get_score (as, SHZ_FRAMEWORK_VALUE_CHAIN, it->id, SHZ_STATE_AS_IS, &a);
  gboolean hb = shz_assessment_get_score (as, SHZ_FRAMEWORK_VALUE_CHAIN, it->id, SHZ_STATE_TO_BE, &b);

  *as_is_out = ha ? a : NAN;
  if (ha || hb)
    *any = TRUE;
  if (ha && hb)
    return g_strdup_printf ("%s\n%.1f → %.1f", label, a, b);
  if (ha)
    return g_strdup_printf ("%s\n%.1f", label, a);
  if (hb)
    return g_strdup_printf ("%s\n→ %.1f", label, b);
  return g_strdup (label);
}

/* The widest word of the stages' labels, or score line, bold at @f: what a chevron must hold. */
static double
chevron_text_width (ShzNetworkChart *chart, PangoContext *pango, GPtrArray *stages, double f)
{
  double best = 0;

  for (guint i = 0; i < stages->len; i++)
    {
      gboolean any = FALSE;
      double score, w;
      g_autofree char *text = score_text (chart, stages->pdata[i], &any, &score);
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

      for (guint k = 0; lines[k] != NULL; k++)
        {
          g_auto(GStrv) words = k == 0 ? g_strsplit (lines[k], " ", -1) : g_strdupv ((char *[]) { lines[k], NULL });
          for (guint j = 0; words[j] != NULL; j++)
            {
              shz_chart_text_measure (pango, words[j], f, TRUE, 0, &w, NULL);
              best = MAX (best, w);
            }
        }
    }
  return best;
}

/* A chevron's one line among hundreds: its label cut to the chevron's inner width at @fs, and
 * the as-is score after it when the whole label fits with it. */
static char *
many_text (ShzNetworkChart *chart, ShzNetMeasure *m, PangoContext *pango, const ShzNetNode *node,
           const ShzCatItem *it, double fs, double score, gboolean bold)
{
  ShzRect inner = shz_net_node_inner_rect (node);
  double width = inner.width - 2 * MIN (fs * 0.3, MIN (inner.width, inner.height) * 0.1) - 1, tw = 0;
  g_autofree char *tail = isnan (score) ? NULL : g_strdup_printf ("  %.1f", score);
  g_autofree char *cut = NULL;

  /* the score after the label when both fit, else the label alone (the fill shows the score) */
  if (tail != NULL)
    {
      double lw;

      shz_net_measure (m, pango, tail, fs, bold, 0, &tw, NULL);
      shz_net_measure (m, pango, shz_network_chart_tr (chart, &it->label), fs, bold, 0, &lw, NULL);
      if (lw + tw > width)
        g_clear_pointer (&tail, g_free);
    }
  cut = shz_net_measure_cut_line (m, pango, shz_network_chart_tr (chart, &it->label), fs, bold,
                                  width - (tail != NULL ? tw : 0));
  return tail != NULL ? g_strconcat (cut, tail, NULL) : g_steal_pointer (&cut);
}

static void
shz_value_chain_build (ShzNetworkChart *chart,
                       ShzNetLayout    *l,
                       PangoContext    *pango)
{
  const ShzCatFramework *fw = shz_network_chart_get_framework (chart, SHZ_FRAMEWORK_VALUE_CHAIN);
  const ShzChartTheme *theme = shz_chart_get_theme_colors (SHZ_CHART (chart));
  ShzAssessment *as = shz_network_chart_get_assessment (chart);
  double u = shz_network_chart_unit (l->width, l->height);
  double tu = shz_network_chart_text_unit (l->width, l->height);
  double legible = shz_network_chart_legible (l->width, l->height);
  double f = 14 * tu, gap, chev_w, chev_h, base_h, aw, ah, al, chain_w, top, group_h, tw, th, rw, rh;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GPtrArray) supports = NULL;
  g_autoptr(GPtrArray) audiences = NULL;
  const ShzCatItem *audience;
  ShzNetLegendEntry legend[8];
  guint n_legend;
  gboolean assessed;
  ShzRect area, r;
  double desc_h = 0, need, row_gap, chain_h, rel_h;
  guint rows, per_row = 1;
  gboolean multi, many = FALSE;
  double fs = f, sup_h = 0;
  guint sup_rows = 1, sup_per_row = 1;
  ShzNetMeasure *m = NULL;

  if (fw == NULL)
    return;
  stages = shz_cat_framework_list_items (fw, SHZ_CAT_STAGE, NULL);
  supports = shz_cat_framework_list_items (fw, SHZ_CAT_SUPPORT, NULL);
  audiences = shz_cat_framework_list_items (fw, SHZ_CAT_AUDIENCE, NULL);
  audience = audiences->len > 0 ? audiences->pdata[0] : NULL;
  assessed = shz_assessment_has_scores (as, SHZ_FRAMEWORK_VALUE_CHAIN);

  n_legend = shz_network_chart_score_legend (chart, legend);
  area = shz_network_chart_frame (chart, l, pango, u,
                                  assessed ? SHZ_CHART_TEXT (shz_chart_get_lang (SHZ_CHART (chart)), T_SCORES)
                                           : shz_network_chart_tr (chart, &fw->description),
                                  legend, n_legend, assessed);

  /* The audience on the right, the supply arrow before it, the chain filling the rest. */
  gap = MAX (3, 0.5 * f);
  aw = ah = al = 0;
  tw = th = rw = rh = 0;
  if (audience != NULL)
    {
      shz_chart_text_measure (pango, shz_network_chart_tr (chart, &audience->label), f, TRUE, 5 * f, &tw, &th);
      aw = MIN (tw + 1.4 * f, area.width * 0.16);
      ah = th + 1.2 * f;
      al = CLAMP (area.width * 0.1, 2.5 * f, 7 * f);
      shz_chart_text_measure (pango, shz_network_chart_tr (chart, &audience->relation.label), 0.85 * f, FALSE,
                              al + aw, &rw, &rh);
    }

  /* One row of chevrons when their labels fit, else two or three rows read like lines of text,
   * the audience (two slots wide) after the last chevron of the last row. */
  /* at the smallest size the chevrons' labels may shrink to */
  need = chevron_text_width (chart, pango, stages, MIN (f, MAX (0.5 * f, legible))) + 0.6 * MIN (f, MAX (0.5 * f, legible));
  for (rows = 1; rows <= 3; rows++)
    {
      guint slots = rows == 1 ? stages->len : (stages->len + 2 + rows - 1) / rows;
      double cw = ((rows == 1 ? area.width - aw - al - gap : area.width) - gap * (MAX (slots, 1) - 1)) / MAX (slots, 1);
      double ch = MIN (MIN (area.height * (rows == 1 ? 0.38 : 0.55) / rows, cw * (rows == 1 ? 0.95 : 0.7)),
                       (rows == 1 ? 6.5 : 5) * f);

      per_row = slots;
      chev_w = cw;
      chev_h = ch;
      if (cw - 2 * MIN (0.3 * ch, 0.25 * cw) >= need || audience == NULL || stages->len < 3)
        break;
    }
  /* Hundreds of stages: as many rows as they need, their labels cut to one line at the legible
   * size (the whole label and the scores are the node's description), smaller only when even
   * that leaves too little room. */
  if (rows > 3 && stages->len > 3)
    {
      double lh, short_w, row_h, room;

      many = TRUE;
      m = shz_net_measure_get (chart, pango);
      l->measure = shz_net_measure_func;
      l->measure_data = m;
      shz_chart_text_measure (pango, "数智 Ag\n2.0 → 4.0", 0.9 * f, FALSE, 0, NULL, &row_h);
      for (guint step = 0; step < 8; step++)
        {
          guint most, fewest, comfortable, rows_fit;

          fs = MIN (f, MAX (0.5 * f, legible)) * pow (0.92, step);
          shz_net_measure (m, pango, "数智 Ag", fs, TRUE, 0, NULL, &lh);
          chev_h = lh * 1.45;
          /* the supporting elements in one row of two-line boxes, or in rows of one-line ones */
          sup_per_row = MAX (1, MIN (supports->len, (guint) floor ((area.width + gap) / (5.6 * fs + 2 + gap))));
          sup_rows = MAX (1, (supports->len + sup_per_row - 1) / sup_per_row);
          sup_h = sup_rows > 1 ? chev_h : row_h + 0.7 * f;
          room = area.height - (sup_rows * sup_h + (sup_rows - 1) * 0.5 * gap) - 1.6 * gap;
          /* a slot for a short label (five times the text size, as the ring's short cut):
           * the label, the notches and the text's inset; a comfortable one for twelve */
          short_w = 5 * fs + 0.6 * chev_h + 0.6 * fs + 2;
          most = MAX (1, (guint) floor ((area.width + gap) / (short_w + gap)));
          comfortable = MAX (1, (guint) floor ((area.width + gap) / (short_w + 7 * fs + gap)));
          rows_fit = MAX (1, (guint) floor ((room + 0.5 * gap) / (chev_h + 0.5 * gap)));
          fewest = (stages->len + 2 + rows_fit - 1) / rows_fit;
          /* as wide as the height allows, up to comfortable */
          per_row = MIN (most, MAX (fewest, comfortable));
          rows = (stages->len + 2 + per_row - 1) / per_row;
          per_row = (stages->len + 2 + rows - 1) / rows;
          chev_w = (area.width - gap * (per_row - 1)) / per_row;
          if (fewest <= most)
            break;
        }
      /* the rows spread over the room, no further apart than a few rows would be */
      row_gap = rows > 1 ? CLAMP ((room - rows * chev_h) / (rows - 1), 0.5 * gap, 1.4 * gap) : 0;
    }
  rows = many ? rows : MIN (rows, 3);
  multi = rows > 1;
  if (!many)
    row_gap = 1.4 * gap;
  chain_w = multi ? area.width : area.width - aw - al - gap;
  /* the supporting elements' boxes hold two lines (label, scores) */
  shz_chart_text_measure (pango, "数智 Ag\n2.0 → 4.0", 0.9 * f, FALSE, 0, NULL, &base_h);
  base_h = many ? sup_rows * sup_h + (sup_rows - 1) * 0.5 * gap : MAX (MIN (chev_h * 0.55, 3.2 * f), base_h + 0.7 * f);
  chain_h = rows * chev_h + (rows - 1) * row_gap;
  rel_h = multi ? 0 : rh + gap;

  /* The audience's description under everything, when there is room for it. */
  if (audience != NULL && audience->description.zh != NULL)
    {
      shz_chart_text_measure (pango, shz_network_chart_tr (chart, &audience->description), 0.85 * f, FALSE,
                              area.width, NULL, &desc_h);
      if (desc_h > area.height - (rel_h + chain_h + 1.6 * gap + base_h) - 2 * gap)
        desc_h = 0;
    }
  group_h = rel_h + chain_h + 1.6 * gap + base_h + (desc_h > 0 ? 2 * gap + desc_h : 0);
  top = area.y + MAX (0, (area.height - group_h) / 2) + rel_h;

  for (guint i = 0; i < stages->len; i++)
    {
      const ShzCatItem *it = stages->pdata[i];
      gboolean any = FALSE, dashed;
      double score;
      g_autofree char *text = score_text (chart, it, &any, &score);
      ShzColor fill, stroke, tc;
      guint row = i / per_row, col = i % per_row;
      int ni;

      r = shz_rect_make (area.x + col * (chev_w + gap), top + row * (chev_h + row_gap), chev_w, chev_h);
      shz_network_chart_score_style (chart, score, &fill, &stroke, &dashed);
      ni = shz_net_layout_add_node (l, it->id, col == 0 ? SHZ_NET_CHEVRON_FIRST : SHZ_NET_CHEVRON, &r,
                                    &fill, &stroke, MAX (0.8, 1.2 * u), dashed);
      shz_net_layout_get_node (l, ni)->description = g_strdup (text);
      tc = shz_net_text_on (&fill, theme);
      if (many)
        {
          g_autofree char *line = many_text (chart, m, pango, shz_net_layout_get_node (l, ni), it, fs, score, TRUE);
          shz_net_layout_add_node_text (l, pango, ni, line, fs, fs, TRUE, &tc);
        }
      else
        shz_net_layout_add_node_text (l, pango, ni, text, f, MIN (f, MAX (0.5 * f, legible)), TRUE, &tc);
    }

  /* 技术 · 组织 · 资金 · 物流 under the chain */
  if (supports->len > 0)
    {
      double bw = (chain_w - gap * (supports->len - 1)) / supports->len;
      for (guint i = 0; i < supports->len; i++)
        {
          const ShzCatItem *it = supports->pdata[i];
          gboolean any = FALSE, dashed;
          double score;
          g_autofree char *text = score_text (chart, it, &any, &score);
          ShzColor fill, stroke, tc;
          int ni;

          if (many)
            {
              bw = (chain_w - gap * (sup_per_row - 1)) / sup_per_row;
              r = shz_rect_make (area.x + i % sup_per_row * (bw + gap),
                                 top + chain_h + 1.6 * gap + i / sup_per_row * (sup_h + 0.5 * gap), bw, sup_h);
            }
          else
            r = shz_rect_make (area.x + i * (bw + gap), top + chain_h + 1.6 * gap, bw, base_h);
          shz_network_chart_score_style (chart, score, &fill, &stroke, &dashed);
          stroke = dashed ? stroke : shz_chart_palette_color (7);
          ni = shz_net_layout_add_node (l, it->id, SHZ_NET_RECT, &r, &fill, &stroke, MAX (0.8, 1.5 * u), dashed);
          shz_net_layout_get_node (l, ni)->description = g_strdup (text);
          tc = shz_net_text_on (&fill, theme);
          if (many && sup_rows > 1)
            {
              g_autofree char *line = many_text (chart, m, pango, shz_net_layout_get_node (l, ni), it, fs, score, FALSE);
              shz_net_layout_add_node_text (l, pango, ni, line, fs, fs, FALSE, &tc);
            }
          else
            shz_net_layout_add_node_text (l, pango, ni, text, 0.9 * f, MIN (0.9 * f, MAX (0.5 * f, legible)), FALSE, &tc);
        }
    }

  /* 单向供给关系 → 存量消费群体 */
  if (audience != NULL)
    {
      double cy, ax0, ax1, band_top;
      ShzColor fill = theme->plot_background, stroke = theme->highlight;
      const char *label = shz_network_chart_tr (chart, &audience->label);
      const char *rel = shz_network_chart_tr (chart, &audience->relation.label);
      int ni;

      if (multi)
        {
          /* in the last row, after its last chevron: arrow, then the box */
          guint last = stages->len > (rows - 1) * per_row ? stages->len - (rows - 1) * per_row : 0;
          double slot_x = area.x + last * (chev_w + gap), slot_w = area.x + area.width - slot_x;

          band_top = top + (rows - 1) * (chev_h + row_gap);
          cy = band_top + chev_h / 2;
          /* the box as narrow as its label allows, the arrow (and its label) the rest */
          /* (one line among hundreds of stages: the rows are low) */
          shz_chart_text_measure (pango, label, f, TRUE, many ? MAX (5 * f, slot_w * 0.6 - 1.4 * f)
                                                              : MAX (5 * f, MIN (8 * f, slot_w * 0.5)), &tw, &th);
          aw = MIN (tw + 1.4 * f, slot_w * 0.6);
          al = slot_w - aw;
          ah = MIN (th + 1.2 * f, chev_h * 1.2);
          ax0 = slot_x + gap * 0.2;
          r = shz_rect_make (slot_x + al, cy - ah / 2, aw, ah);
          ax1 = r.x - gap * 0.3;
        }
      else
        {
          band_top = top;
          cy = top + chev_h / 2;
          ax0 = area.x + chain_w + gap * 0.6;
          ax1 = area.x + area.width - aw - gap * 0.3;
          r = shz_rect_make (area.x + area.width - aw, cy - ah / 2, aw, ah);
        }
      ni = shz_net_layout_add_node (l, audience->id, SHZ_NET_ROUNDED, &r, &fill, &stroke, MAX (1, 2 * u), FALSE);
      shz_net_layout_get_node (l, ni)->description = g_strdup_printf ("%s ← %s", label, rel);
      shz_net_layout_add_node_text (l, pango, ni, label, f, MIN (f, MAX (0.5 * f, legible)), TRUE, &theme->text);
      if (ax1 > ax0)
        shz_net_layout_add_arrow (l, ax0, cy, ax1, cy, MAX (1.5, 3 * u), &theme->highlight, FALSE);
      /* the relation's label on the arrow (hundreds of stages), else above the arrow and the
       * audience box (one row), else under the arrow (rows) */
      {
        double w2 = 0, h2 = 0, aw2 = ax1 - ax0;

        if (aw2 > 2 * f)
          shz_chart_text_measure (pango, rel, 0.85 * f, FALSE, aw2, &w2, &h2);
        if (many)
          {
            /* on the arrow itself, over a halo: the rows leave no room above or below it */
            g_autofree char *cut = aw2 > 5 * fs ? shz_net_measure_cut_line (m, pango, rel, fs, FALSE, aw2 - 4 * fs) : NULL;

            if (cut != NULL)
              {
                /* (the spaces keep the arrow's line off the text's ends) */
                g_autofree char *line = g_strdup_printf (" %s ", cut);
                double lw, lh2;
                int t;

                shz_net_measure (m, pango, line, fs, FALSE, 0, &lw, &lh2);
                t = shz_net_layout_add_text (l, pango, line, fs, FALSE, 0, SHZ_TEXT_ALIGN_START, ax0 + (aw2 - lw) / 2,
                                             cy - lh2 / 2, &theme->text_muted);
                g_array_index (l->texts, ShzNetText, t).halo = TRUE;
              }
          }
        else if (aw2 > 2 * f && h2 <= (multi ? MAX (2.6 * f, chev_h / 2 - 0.3 * f) : 2.6 * f) &&
                 cy - 0.3 * f - h2 >= (multi ? band_top : area.y))
          shz_net_layout_add_text (l, pango, rel, 0.85 * f, FALSE, aw2, SHZ_TEXT_ALIGN_CENTER,
                                   ax0 + (aw2 - w2) / 2, cy - 0.3 * f - h2, &theme->text_muted);
        else if (multi)
          {
            ShzRect lr = shz_rect_make (ax0, cy + 0.3 * f, MAX (aw2, 1), band_top + chev_h - cy - 0.3 * f);
            shz_net_layout_add_text_in (l, pango, &lr, rel, 0.85 * f, MIN (0.85 * f, MAX (0.5 * f, legible)), FALSE,
                                        SHZ_TEXT_ALIGN_CENTER, &theme->text_muted);
          }
        else
          {
            ShzRect lr = shz_rect_make (ax0, MIN (top - rh - gap, r.y - rh - gap), area.x + area.width - ax0, rh);
            if (lr.y >= area.y - 0.01)
              shz_net_layout_add_text_in (l, pango, &lr, rel, 0.85 * f, MIN (0.85 * f, MAX (0.5 * f, legible)), FALSE,
                                          SHZ_TEXT_ALIGN_CENTER, &theme->text_muted);
          }
      }
      if (desc_h > 0)
        shz_net_layout_add_text (l, pango, shz_network_chart_tr (chart, &audience->description), 0.85 * f, FALSE,
                                 area.width, SHZ_TEXT_ALIGN_START, area.x,
                                 top + chain_h + 1.6 * gap + base_h + 2 * gap, &theme->text_muted);
    }
  l->measure = NULL;
  l->measure_data = NULL;
}

static void
shz_value_chain_class_init (ShzValueChainClass *klass)
{
  ShzChartClass *chart_class = SHZ_CHART_CLASS (klass);
  ShzNetworkChartClass *net_class = SHZ_NETWORK_CHART_CLASS (klass);

  chart_class->kind = "value-chain";
  net_class->framework = SHZ_FRAMEWORK_VALUE_CHAIN;
  net_class->build = shz_value_chain_build;
}

static void
shz_value_chain_init (ShzValueChain *self)
{
}
