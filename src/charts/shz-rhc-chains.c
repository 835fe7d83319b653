/* shz-rhc-chains.c — "rhc-chains": the three 人货场 chains around the digital consumer
 * (货 产品 to 商品全链路 → 数字化商品; 场 选址 to 零售/服务全渠道 → 数字化触点; 人 营销 to 忠诚全体验
 * → 数字化营销), each stage a chevron coloured by its score, the as-is row over the to-be row,
 * with the chain's capabilities and scenes beneath.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"
#include "config.h"

#include <math.h>

#include "charts/shz-rhc-chains.h"

struct _ShzRhcChains
{
  ShzNetworkChart parent_instance;
};

G_DEFINE_FINAL_TYPE (ShzRhcChains, shz_rhc_chains, SHZ_TYPE_NETWORK_CHART)

static const ShzChartText T_AS_IS = { "现状", "As-is" };
static const ShzChartText T_TO_BE = { "目标", "To-be" };
static const ShzChartText T_SCENE = { "场景：", "Scenes: " };
static const ShzChartText T_CAPABILITY = { "能力：", "Capabilities: " };

static char *
join_labels (ShzNetworkChart *chart, GPtrArray *items, const char *prefix)
{
  GString *s = g_string_new (prefix);
  gboolean en = shz_chart_get_lang (SHZ_CHART (chart)) == SHZ_CHART_LANG_EN;

  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? (en ? "; " : "、") : "",
                            shz_network_chart_tr (chart, &((ShzCatItem *) items->pdata[i])->label));
  return g_string_free (s, FALSE);
}

static void
shz_rhc_chains_build (ShzNetworkChart *chart,
                      ShzNetLayout    *l,
                      PangoContext    *pango)
{
  const ShzCatFramework *fw = shz_network_chart_get_framework (chart, SHZ_FRAMEWORK_RHC_CHAINS);
  const ShzChartTheme *theme = shz_chart_get_theme_colors (SHZ_CHART (chart));
  ShzChartLang lang = shz_chart_get_lang (SHZ_CHART (chart));
  ShzAssessment *as = shz_network_chart_get_assessment (chart);
  double u = shz_network_chart_unit (l->width, l->height), f = 13 * u;
  g_autoptr(GPtrArray) chains = NULL;
  g_autoptr(GPtrArray) centres = NULL;
  ShzNetLegendEntry legend[8];
  guint n_legend, max_stages = 1;
  gboolean assessed;
  ShzRect area;
  double gap, sym_w, lab_w, centre_w, out_w, chain_x, chain_w, chev_w, chev_h, head_h, tag_h, block_h, y;
  double tw, th;

  if (fw == NULL)
    return;
  chains = shz_cat_framework_list_items (fw, SHZ_CAT_CHAIN, NULL);
  centres = shz_cat_framework_list_items (fw, SHZ_CAT_CENTRE, NULL);
  assessed = shz_assessment_has_scores (as, SHZ_FRAMEWORK_RHC_CHAINS);
  n_legend = shz_network_chart_score_legend (chart, legend);
  area = shz_network_chart_frame (chart, l, pango, u, shz_network_chart_tr (chart, &fw->description),
                                  legend, n_legend, assessed);
  if (chains->len == 0 || area.width < 40 || area.height < 40)
    return;

  for (guint c = 0; c < chains->len; c++)
    {
      g_autoptr(GPtrArray) st = shz_cat_framework_list_items (fw, SHZ_CAT_STAGE, chains->pdata[c]);
      max_stages = MAX (max_stages, st->len);
    }

  /* Columns: symbol | row labels | chevrons | outcome | the digital consumer. */
  gap = MAX (2, 0.45 * f);
  shz_chart_text_measure (pango, "货", 2.2 * f, TRUE, 0, &tw, &th);
  sym_w = MIN (MAX (tw, th) * 1.5, area.width * 0.07);
  shz_chart_text_measure (pango, SHZ_CHART_TEXT (lang, T_AS_IS), 0.85 * f, FALSE, 0, &lab_w, NULL);
  shz_chart_text_measure (pango, SHZ_CHART_TEXT (lang, T_TO_BE), 0.85 * f, FALSE, 0, &tw, NULL);
  lab_w = MIN (MAX (lab_w, tw), area.width * 0.08);
  centre_w = MIN (area.width * 0.12, 8 * f);
  out_w = MIN (area.width * 0.11, 7.5 * f);
  chain_x = area.x + sym_w + gap + lab_w + gap;
  chain_w = area.x + area.width - centre_w - 2 * gap - out_w - 1.5 * gap - chain_x;
  chev_w = (chain_w - (max_stages - 1) * gap * 0.5) / max_stages;

  /* Rows: heading, as-is chevrons, to-be chevrons, capabilities and scenes. */
  shz_chart_text_measure (pango, "产品 to 商品全链路 Ag", f, TRUE, 0, NULL, &head_h);
  shz_chart_text_measure (pango, "场景 Ag", 0.8 * f, FALSE, 0, NULL, &tag_h);
  block_h = (area.height - gap * 2 * (chains->len - 1)) / chains->len;
  chev_h = MIN ((block_h - head_h - gap - 2 * tag_h - 2 * gap) / 2, 4.2 * f);
  if (chev_h < 6)
    {
      /* a cramped canvas: drop the capability/scene lines before the chevrons */
      tag_h = 0;
      chev_h = MAX (4, (block_h - head_h - 2 * gap) / 2);
    }

  y = area.y;
  for (guint c = 0; c < chains->len; c++)
    {
      ShzCatItem *chain = chains->pdata[c];
      g_autoptr(GPtrArray) stages = shz_cat_framework_list_items (fw, SHZ_CAT_STAGE, chain);
      g_autoptr(GPtrArray) caps = shz_cat_framework_list_items (fw, SHZ_CAT_CAPABILITY, chain);
      g_autoptr(GPtrArray) scenes = shz_cat_framework_list_items (fw, SHZ_CAT_SCENE, chain);
      double rows_y = y + head_h + gap, block_bottom = y + block_h;
      ShzRect r;
      ShzColor sym_fill = theme->highlight, white = { 1, 1, 1, 1 };
      int ni;

      /* heading: 产品 to 商品全链路 */
      r = shz_rect_make (area.x + sym_w + gap, y, chain_x + chain_w - (area.x + sym_w + gap), head_h);
      shz_net_layout_add_text_in (l, pango, &r, shz_network_chart_tr (chart, &chain->label), f, 0.5 * f, TRUE,
                                  SHZ_TEXT_ALIGN_START, &theme->text);

      /* the symbol: 货 / 场 / 人 */
      r = shz_rect_make (area.x, rows_y + chev_h - sym_w / 2, sym_w, sym_w);
      if (r.y < y)
        r.y = y;
      ni = shz_net_layout_add_node (l, chain->id, SHZ_NET_ELLIPSE, &r, &sym_fill, NULL, 0, FALSE);
      shz_net_layout_get_node (l, ni)->description = g_strdup (shz_network_chart_tr (chart, &chain->label));
      if (chain->symbol.label.zh != NULL)
        shz_net_layout_add_node_text (l, pango, ni, lang == SHZ_CHART_LANG_EN && chain->symbol.label.en
                                                    ? chain->symbol.label.en : chain->symbol.label.zh,
                                      lang == SHZ_CHART_LANG_EN ? 0.9 * f : 1.8 * f, 0.4 * f, TRUE, &white);

      /* row labels */
      for (guint s = 0; s < 2; s++)
        {
          ShzRect lr = shz_rect_make (area.x + sym_w + gap, rows_y + s * (chev_h + gap * 0.5), lab_w, chev_h);
          shz_net_layout_add_text_in (l, pango, &lr, SHZ_CHART_TEXT (lang, s == 0 ? T_AS_IS : T_TO_BE),
                                      0.85 * f, 0.4 * f, FALSE, SHZ_TEXT_ALIGN_END, &theme->text_muted);
        }

      /* the chevrons */
      for (guint i = 0; i < stages->len; i++)
        {
          const ShzCatItem *st = stages->pdata[i];
          for (guint s = 0; s < 2; s++)
            {
              ShzAssessmentState state = s == 0 ? SHZ_STATE_AS_IS : SHZ_STATE_TO_BE;
              double score = NAN;
              ShzColor fill, stroke, tc;
              gboolean dashed;
              g_autofree char *id = g_strdup_printf ("%s:%s", st->id, shz_assessment_state_to_string (state));
              g_autofree char *text = NULL;

              if (!shz_assessment_get_score (as, fw->id, st->id, state, &score))
                score = NAN;
              if (s == 0)
                text = isnan (score) ? g_strdup (shz_network_chart_tr (chart, &st->label))
                                     : g_strdup_printf ("%s %.1f", shz_network_chart_tr (chart, &st->label), score);
              else
                text = isnan (score) ? g_strdup ("–") : g_strdup_printf ("%.1f", score);
              r = shz_rect_make (chain_x + i * (chev_w + gap * 0.5), rows_y + s * (chev_h + gap * 0.5), chev_w, chev_h);
              shz_network_chart_score_style (chart, score, &fill, &stroke, &dashed);
              ni = shz_net_layout_add_node (l, id, i == 0 ? SHZ_NET_CHEVRON_FIRST : SHZ_NET_CHEVRON, &r,
                                            &fill, &stroke, MAX (0.6, u), dashed);
              if (isnan (score))
                shz_net_layout_get_node (l, ni)->description =
                  g_strdup_printf ("%s · %s", shz_network_chart_tr (chart, &st->label),
                                   SHZ_CHART_TEXT (lang, s == 0 ? T_AS_IS : T_TO_BE));
              else
                shz_net_layout_get_node (l, ni)->description =
                  g_strdup_printf ("%s · %s %.1f", shz_network_chart_tr (chart, &st->label),
                                   SHZ_CHART_TEXT (lang, s == 0 ? T_AS_IS : T_TO_BE), score);
              tc = shz_net_text_on (&fill, theme);
              shz_net_layout_add_node_text (l, pango, ni, text, 0.9 * f, 0.45 * f, s == 0, &tc);
            }
        }

      /* the outcome: 数字化商品, spanning both rows */
      if (chain->outcome.label.zh != NULL)
        {
          double ox = area.x + area.width - centre_w - 2 * gap - out_w;
          ShzColor fill = theme->plot_background, stroke = theme->highlight;

          r = shz_rect_make (ox, rows_y, out_w, 2 * chev_h + gap * 0.5);
          ni = shz_net_layout_add_node (l, NULL, SHZ_NET_ROUNDED, &r, &fill, &stroke, MAX (1, 1.6 * u), FALSE);
          shz_net_layout_add_node_text (l, pango, ni, shz_network_chart_tr (chart, &chain->outcome.label),
                                        f, 0.45 * f, TRUE, &theme->text);
          shz_net_layout_add_arrow (l, chain_x + chain_w + 0.2 * gap, rows_y + chev_h + gap * 0.25,
                                    ox - 0.2 * gap, rows_y + chev_h + gap * 0.25, MAX (1, 2 * u), &theme->highlight, FALSE);
        }

      /* capabilities and scenes beneath */
      if (tag_h > 0)
        {
          double ty = rows_y + 2 * chev_h + gap * 0.5 + gap * 0.6;
          if (caps->len > 0)
            {
              g_autofree char *text = join_labels (chart, caps, SHZ_CHART_TEXT (lang, T_CAPABILITY));
              r = shz_rect_make (chain_x, ty, chain_w, MIN (tag_h, block_bottom - ty));
              shz_net_layout_add_text_in (l, pango, &r, text, 0.8 * f, 0.4 * f, FALSE, SHZ_TEXT_ALIGN_START,
                                          &theme->text_muted);
              ty += tag_h;
            }
          if (scenes->len > 0 && ty + tag_h <= block_bottom + 0.5)
            {
              g_autofree char *text = join_labels (chart, scenes, SHZ_CHART_TEXT (lang, T_SCENE));
              r = shz_rect_make (chain_x, ty, chain_w, tag_h);
              shz_net_layout_add_text_in (l, pango, &r, text, 0.8 * f, 0.4 * f, FALSE, SHZ_TEXT_ALIGN_START,
                                          &theme->highlight);
            }
        }
      y += block_h + 2 * gap;
    }

  /* the digital consumer on the right, every outcome pointing at it */
  if (centres->len > 0)
    {
      const ShzCatItem *centre = centres->pdata[0];
      double ch = MIN (area.height * 0.3, centre_w * 1.1);
      ShzRect r = shz_rect_make (area.x + area.width - centre_w, area.y + (area.height - ch) / 2, centre_w, ch);
      ShzColor fill = theme->highlight, white = { 1, 1, 1, 1 };
      int ni = shz_net_layout_add_node (l, centre->id, SHZ_NET_ELLIPSE, &r, &fill, NULL, 0, FALSE);
      double ox = area.x + area.width - centre_w - 2 * gap;

      shz_net_layout_add_node_text (l, pango, ni, shz_network_chart_tr (chart, &centre->label), f, 0.45 * f, TRUE, &white);
      y = area.y;
      for (guint c = 0; c < chains->len; c++)
        {
          double cy = y + head_h + gap + chev_h + gap * 0.25;
          double tx, ty;
          ShzNetNode *cn = shz_net_layout_get_node (l, ni);
          shz_net_node_border_point (cn, ox, cy, &tx, &ty);
          shz_net_layout_add_arrow (l, ox + 0.2 * gap, cy, tx, ty, MAX (1, 1.6 * u), &theme->highlight, TRUE);
          y += block_h + 2 * gap;
        }
    }
}

static void
shz_rhc_chains_class_init (ShzRhcChainsClass *klass)
{
  ShzChartClass *chart_class = SHZ_CHART_CLASS (klass);
  ShzNetworkChartClass *net_class = SHZ_NETWORK_CHART_CLASS (klass);

  chart_class->kind = "rhc-chains";
  net_class->framework = SHZ_FRAMEWORK_RHC_CHAINS;
  net_class->build = shz_rhc_chains_build;
}

static void
shz_rhc_chains_init (ShzRhcChains *self)
{
}
