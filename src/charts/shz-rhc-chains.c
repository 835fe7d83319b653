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

/* The widest word of a stage's label, or of a score line ("2.5 → 4.0"), bold at @size. */
static double
stage_text_width (ShzNetworkChart *chart, PangoContext *pango, GPtrArray *chains, const ShzCatFramework *fw,
                  double size)
{
  double best = 0, w;

  shz_chart_text_measure (pango, "0.0 → 0.0", size, TRUE, 0, &best, NULL);
  for (guint c = 0; c < chains->len; c++)
    {
      g_autoptr(GPtrArray) stages = shz_cat_framework_list_items (fw, SHZ_CAT_STAGE, chains->pdata[c]);
      for (guint i = 0; i < stages->len; i++)
        {
          g_auto(GStrv) words = g_strsplit (shz_network_chart_tr (chart, &((ShzCatItem *) stages->pdata[i])->label), " ", -1);
          for (guint k = 0; words[k] != NULL; k++)
            {
              shz_chart_text_measure (pango, words[k], size, TRUE, 0, &w, NULL);
              best = MAX (best, w);
            }
        }
    }
  return best;
}

#define COMPACT_NOTCH(cw) MIN (0.7 * f, 0.15 * (cw))

/* The compact layout of a narrow canvas: one chevron per stage holding its label and both
 * scores ("as-is → to-be", shaded by the as-is score), the stages wrapped into bands, the
 * outcome after the last one; the outcomes join a line down the right edge that ends at the
 * digital consumer under everything.  Returns FALSE when even this does not fit. */
static gboolean
build_compact (ShzNetworkChart *chart, ShzNetLayout *l, PangoContext *pango, const ShzCatFramework *fw,
               GPtrArray *chains, GPtrArray *centres, const ShzRect *area, double u, double f, double legible)
{
  const ShzChartTheme *theme = shz_chart_get_theme_colors (SHZ_CHART (chart));
  ShzChartLang lang = shz_chart_get_lang (SHZ_CHART (chart));
  ShzAssessment *as = shz_network_chart_get_assessment (chart);
  double gap = MAX (2, 0.45 * f), fs = 0.9 * f, need, sym_w, bus_w, chain_x, chain_w, cw = 0, chev_h = 0, head_h, tag_h;
  double line_h, centre_h = 0, centre_w = 0, y, bus_x, bus_top = -1, bus_bottom = -1;
  /* below the legible size only as a last resort: the scores must not be cut off */
  double min_size = MIN (fs, MAX (0.45 * f, 0.8 * legible));
  guint max_stages = 1, per_band = 1, n_tags = 0;
  double spread = 0;
  const ShzCatItem *centre = centres->len > 0 ? centres->pdata[0] : NULL;
  ShzColor white = { 1, 1, 1, 1 };
  int centre_node = -1;

  for (guint c = 0; c < chains->len; c++)
    {
      g_autoptr(GPtrArray) st = shz_cat_framework_list_items (fw, SHZ_CAT_STAGE, chains->pdata[c]);
      max_stages = MAX (max_stages, st->len);
    }
  need = stage_text_width (chart, pango, chains, fw, fs) + 0.6 * fs;
  /* the symbol (货 / 场 / 人, or Goods / Place / People) is a pill at the start of the heading */
  sym_w = 0;
  shz_chart_text_measure (pango, "产品 to 商品全链路 Ag", f, TRUE, 0, NULL, &head_h);
  for (guint c = 0; c < chains->len; c++)
    {
      const ShzCatItem *chain = chains->pdata[c];
      const char *sym = lang == SHZ_CHART_LANG_EN && chain->symbol.label.en ? chain->symbol.label.en : chain->symbol.label.zh;
      double tw, th;
      if (sym == NULL)
        continue;
      shz_chart_text_measure (pango, sym, f, TRUE, 0, &tw, &th);
      sym_w = MAX (sym_w, tw + 1.0 * f);
      head_h = MAX (head_h, th + 0.5 * f);
    }
  sym_w = MIN (sym_w, area->width * 0.3);
  bus_w = 1.6 * gap;
  chain_x = area->x;
  chain_w = area->x + area->width - bus_w - chain_x;
  shz_chart_text_measure (pango, "数智 Ag", fs, TRUE, 0, NULL, &line_h);
  shz_chart_text_measure (pango, "场景 Ag", 0.85 * f, FALSE, 0, NULL, &tag_h);

  if (centre != NULL)
    {
      double tw, th;
      shz_chart_text_measure (pango, shz_network_chart_tr (chart, &centre->label), f, TRUE, 8 * f, &tw, &th);
      centre_w = MIN ((tw + 0.8 * f) / M_SQRT1_2, area->width * 0.5);
      centre_h = MIN ((th + 0.6 * f) / M_SQRT1_2, centre_w);
    }
  for (guint c = 0; c < chains->len; c++)
    {
      g_autoptr(GPtrArray) caps = shz_cat_framework_list_items (fw, SHZ_CAT_CAPABILITY, chains->pdata[c]);
      g_autoptr(GPtrArray) scenes = shz_cat_framework_list_items (fw, SHZ_CAT_SCENE, chains->pdata[c]);
      n_tags += (caps->len > 0) + (scenes->len > 0);
    }

  /* Bands (a free slot at the end of each chain for its outcome), and chevrons as tall as their
   * texts need wrapped in their inner width: the fewest bands whose chevrons hold the widest
   * word and whose height fits (the capability and scene lines give way first); else the
   * bands that leave the chevrons the most of what their texts need. */
  {
    double best_ratio = -1;
    guint best = 0;
    gboolean done = FALSE;

    for (guint pass = 0; pass < 2 && !done; pass++)
      for (guint bands = 1; bands <= 4 && !done; bands++)
        {
          guint pb = (max_stages + 1 + bands - 1) / bands, tb = 0;
          double w = (chain_w - (pb - 1) * gap * 0.5) / pb, inner = w - 2 * COMPACT_NOTCH (w) - 0.6 * fs;
          double want = 2 * line_h, eh = 0, fixed, avail_tags, avail, ratio;

          if (w - 2 * COMPACT_NOTCH (w) < need && bands < 4)
            continue;
          for (guint c = 0; c < chains->len; c++)
            {
              const ShzCatItem *chain = chains->pdata[c];
              g_autoptr(GPtrArray) st = shz_cat_framework_list_items (fw, SHZ_CAT_STAGE, chains->pdata[c]);
              tb += MAX ((st->len + pb - 1) / pb, 1);
              if (st->len % pb == 0 && chain->outcome.label.zh != NULL)
                {
                  /* the outcome alone under full bands: only as tall as it needs */
                  double th;
                  shz_chart_text_measure (pango, shz_network_chart_tr (chart, &chain->outcome.label), f, TRUE,
                                          chain_w * 0.45, NULL, &th);
                  eh += th + 0.7 * f + gap * 0.5;
                }
              for (guint i = 0; i < st->len; i++)
                {
                  g_autofree char *text = g_strdup_printf ("%s\n0.0 → 0.0", shz_network_chart_tr (chart, &((ShzCatItem *) st->pdata[i])->label));
                  double th;
                  shz_chart_text_measure (pango, text, fs, TRUE, MAX (inner, 1), NULL, &th);
                  want = MAX (want, th);
                }
            }
          want += 0.7 * fs;
          fixed = chains->len * (head_h + gap) + (chains->len - 1) * 1.5 * gap + centre_h + 1.5 * gap + eh + gap * 0.5 * tb;
          avail_tags = area->height - fixed - n_tags * tag_h;
          avail = area->height - fixed;
          ratio = avail / tb / want;
          if (pass == 0 && avail / tb < want)
            continue;
          if (pass == 1 && ratio <= best_ratio)
            continue;
          best_ratio = ratio;
          best = bands;
          per_band = pb;
          cw = w;
          chev_h = MIN (avail_tags / tb, want);
          if (avail_tags / tb < want)
            {
              tag_h = 0;
              chev_h = MIN (avail / tb, want);
            }
          /* room to spare: a little more air between the chains, the rest under the figure */
          spread = MIN (MAX ((tag_h > 0 ? avail_tags : avail) - chev_h * tb, 0) / MAX (chains->len, 1), head_h);
          done = pass == 0;
        }
    if (best == 0 || chev_h < 1.5 * line_h)
      return FALSE;
  }

  bus_x = area->x + area->width - bus_w / 2;
  y = area->y;
  for (guint c = 0; c < chains->len; c++)
    {
      ShzCatItem *chain = chains->pdata[c];
      g_autoptr(GPtrArray) stages = shz_cat_framework_list_items (fw, SHZ_CAT_STAGE, chain);
      g_autoptr(GPtrArray) caps = shz_cat_framework_list_items (fw, SHZ_CAT_CAPABILITY, chain);
      g_autoptr(GPtrArray) scenes = shz_cat_framework_list_items (fw, SHZ_CAT_SCENE, chain);
      guint bands = MAX ((stages->len + per_band - 1) / per_band, 1);
      gboolean alone = stages->len % per_band == 0 && chain->outcome.label.zh != NULL;
      double alone_h = 0, rows_y = y + head_h + gap, rows_h;

      if (alone)
        {
          shz_chart_text_measure (pango, shz_network_chart_tr (chart, &chain->outcome.label), f, TRUE, chain_w * 0.45,
                                  NULL, &alone_h);
          alone_h += 0.7 * f;
        }
      rows_h = bands * chev_h + (bands - 1) * gap * 0.5 + (alone ? gap * 0.5 + alone_h : 0);
      ShzColor sym_fill = theme->highlight;
      ShzRect r;
      int ni;

      if (sym_w > 0 && chain->symbol.label.zh != NULL)
        {
          r = shz_rect_make (area->x, y, sym_w, head_h);
          ni = shz_net_layout_add_node (l, chain->id, SHZ_NET_ROUNDED, &r, &sym_fill, NULL, 0, FALSE);
          shz_net_layout_get_node (l, ni)->description = g_strdup (shz_network_chart_tr (chart, &chain->label));
          shz_net_layout_add_node_text (l, pango, ni, lang == SHZ_CHART_LANG_EN && chain->symbol.label.en
                                                      ? chain->symbol.label.en : chain->symbol.label.zh,
                                        f, MIN (f, MAX (0.4 * f, legible)), TRUE, &white);
        }
      r = shz_rect_make (chain_x + (sym_w > 0 ? sym_w + gap : 0), y, chain_w - (sym_w > 0 ? sym_w + gap : 0), head_h);
      shz_net_layout_add_text_in (l, pango, &r, shz_network_chart_tr (chart, &chain->label), f,
                                  MIN (f, MAX (0.5 * f, legible)), TRUE, SHZ_TEXT_ALIGN_START, &theme->text);

      for (guint i = 0; i < stages->len; i++)
        {
          const ShzCatItem *st = stages->pdata[i];
          double a = NAN, b = NAN;
          gboolean ha = shz_assessment_get_score (as, fw->id, st->id, SHZ_STATE_AS_IS, &a);
          gboolean hb = shz_assessment_get_score (as, fw->id, st->id, SHZ_STATE_TO_BE, &b);
          const char *label = shz_network_chart_tr (chart, &st->label);
          g_autofree char *text = NULL;
          ShzColor fill, stroke, tc;
          gboolean dashed;
          guint col = i % per_band, band = i / per_band;

          if (ha && hb)
            text = g_strdup_printf ("%s\n%.1f → %.1f", label, a, b);
          else if (ha)
            text = g_strdup_printf ("%s\n%.1f", label, a);
          else if (hb)
            text = g_strdup_printf ("%s\n→ %.1f", label, b);
          else
            text = g_strdup (label);
          r = shz_rect_make (chain_x + col * (cw + gap * 0.5), rows_y + band * (chev_h + gap * 0.5), cw, chev_h);
          shz_network_chart_score_style (chart, ha ? a : NAN, &fill, &stroke, &dashed);
          ni = shz_net_layout_add_node (l, st->id, col == 0 ? SHZ_NET_CHEVRON_FIRST : SHZ_NET_CHEVRON, &r,
                                        &fill, &stroke, MAX (0.6, u), dashed);
          /* a shallow point: the room goes to the label */
          shz_net_layout_get_node (l, ni)->notch = MIN (shz_net_layout_get_node (l, ni)->notch, COMPACT_NOTCH (cw));
          {
            g_autofree char *sa = ha ? g_strdup_printf ("%.1f", a) : g_strdup ("–");
            g_autofree char *sb = hb ? g_strdup_printf ("%.1f", b) : g_strdup ("–");
            shz_net_layout_get_node (l, ni)->description =
              g_strdup_printf ("%s · %s %s · %s %s", label, SHZ_CHART_TEXT (lang, T_AS_IS), sa, SHZ_CHART_TEXT (lang, T_TO_BE), sb);
          }
          tc = shz_net_text_on (&fill, theme);
          shz_net_layout_add_node_text (l, pango, ni, text, fs, min_size, TRUE, &tc);
        }

      /* the outcome after the last chevron, joined to the line down the right edge */
      if (chain->outcome.label.zh != NULL)
        {
          guint last = stages->len % per_band, band = stages->len / per_band;
          double ox = chain_x + last * (cw + gap * 0.5), ow = chain_x + chain_w - ox, oy = rows_y + band * (chev_h + gap * 0.5);
          double oh = alone ? alone_h : chev_h;
          double tw, th, bw, bh;
          ShzColor fill = theme->plot_background, stroke = theme->highlight;

          shz_chart_text_measure (pango, shz_network_chart_tr (chart, &chain->outcome.label), f, TRUE, MAX (ow - 0.8 * f, 1), &tw, &th);
          bw = MIN (ow, tw + 1.0 * f);
          bh = MIN (oh, th + 0.7 * f);
          r = shz_rect_make (chain_x + chain_w - bw, oy + (oh - bh) / 2, bw, bh);
          ni = shz_net_layout_add_node (l, NULL, SHZ_NET_ROUNDED, &r, &fill, &stroke, MAX (1, 1.6 * u), FALSE);
          shz_net_layout_get_node (l, ni)->description = g_strdup (shz_network_chart_tr (chart, &chain->outcome.label));
          shz_net_layout_add_node_text (l, pango, ni, shz_network_chart_tr (chart, &chain->outcome.label),
                                        f, MIN (f, MAX (0.45 * f, legible)), TRUE, &theme->text);
          if (r.x - ox > 1.5 * gap && stages->len % per_band != 0)
            shz_net_layout_add_arrow (l, ox + 0.1 * gap, oy + oh / 2, r.x - 0.2 * gap, oy + oh / 2,
                                      MAX (1, 2 * u), &theme->highlight, FALSE);
          if (centre != NULL)
            {
              int a = shz_net_layout_add_arrow (l, r.x + r.width, oy + oh / 2, bus_x, oy + oh / 2,
                                                MAX (1, 1.6 * u), &theme->highlight, TRUE);
              g_array_index (l->links, ShzNetLink, a).arrow = FALSE;
              bus_top = bus_top < 0 ? oy + oh / 2 : bus_top;
              bus_bottom = oy + oh / 2;
            }
        }

      /* capabilities and scenes beneath */
      y = rows_y + rows_h + gap * 0.5;
      if (tag_h > 0)
        {
          if (caps->len > 0)
            {
              g_autofree char *text = join_labels (chart, caps, SHZ_CHART_TEXT (lang, T_CAPABILITY));
              r = shz_rect_make (chain_x, y, chain_w, tag_h);
              shz_net_layout_add_text_in (l, pango, &r, text, 0.85 * f, MIN (0.85 * f, MAX (0.4 * f, legible)), FALSE,
                                          SHZ_TEXT_ALIGN_START, &theme->text_muted);
              y += tag_h;
            }
          if (scenes->len > 0)
            {
              g_autofree char *text = join_labels (chart, scenes, SHZ_CHART_TEXT (lang, T_SCENE));
              r = shz_rect_make (chain_x, y, chain_w, tag_h);
              shz_net_layout_add_text_in (l, pango, &r, text, 0.85 * f, MIN (0.85 * f, MAX (0.4 * f, legible)), FALSE,
                                          SHZ_TEXT_ALIGN_START, &theme->highlight);
              y += tag_h;
            }
        }
      y += 1.5 * gap + spread;
    }

  /* the digital consumer under the chains at the right, where the line down the right edge ends */
  if (centre != NULL)
    {
      ShzRect r = shz_rect_make (area->x + area->width - centre_w, MIN (y, area->y + area->height - centre_h),
                                 centre_w, centre_h);
      ShzColor fill = theme->highlight;
      double tx, ty;

      centre_node = shz_net_layout_add_node (l, centre->id, SHZ_NET_ELLIPSE, &r, &fill, NULL, 0, FALSE);
      shz_net_layout_add_node_text (l, pango, centre_node, shz_network_chart_tr (chart, &centre->label), f,
                                    MIN (f, MAX (0.45 * f, legible)), TRUE, &white);
      if (bus_top >= 0)
        {
          ShzNetNode *cn = shz_net_layout_get_node (l, centre_node);
          double x = MIN (bus_x, r.x + r.width * 0.75);
          int a;
          shz_net_node_border_point (cn, x, r.y - 1, &tx, &ty);
          if (bus_bottom > bus_top)
            {
              a = shz_net_layout_add_arrow (l, bus_x, bus_top, bus_x, bus_bottom, MAX (1, 1.6 * u), &theme->highlight, TRUE);
              g_array_index (l->links, ShzNetLink, a).arrow = FALSE;
            }
          shz_net_layout_add_arrow (l, bus_x, bus_bottom, tx, ty, MAX (1, 1.6 * u), &theme->highlight, TRUE);
        }
    }
  return TRUE;
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
  double u = shz_network_chart_unit (l->width, l->height);
  double tu = shz_network_chart_text_unit (l->width, l->height), f = 13 * tu;
  double legible = shz_network_chart_legible (l->width, l->height);
  g_autoptr(GPtrArray) chains = NULL;
  g_autoptr(GPtrArray) centres = NULL;
  ShzNetLegendEntry legend[8];
  guint n_legend, max_stages = 1;
  gboolean assessed;
  ShzRect area;
  double gap, sym_w, sym_h, lab_w, centre_w, out_w, chain_x, chain_w, chev_w, chev_h, head_h, tag_h, block_h, y;
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
  sym_w = sym_h = MIN (MAX (tw, th) * 1.5, area.width * 0.07);
  if (lang == SHZ_CHART_LANG_EN)
    {
      /* an English word (People, Goods, Place): a flatter ellipse wide enough to hold it */
      double ww = 0;
      for (guint c = 0; c < chains->len; c++)
        {
          const ShzCatItem *chain = chains->pdata[c];
          const char *sym = chain->symbol.label.en != NULL ? chain->symbol.label.en : chain->symbol.label.zh;
          if (sym != NULL)
            {
              shz_chart_text_measure (pango, sym, 0.9 * f, TRUE, 0, &tw, &th);
              ww = MAX (ww, tw);
            }
        }
      shz_chart_text_measure (pango, "Ag", 0.9 * f, TRUE, 0, NULL, &th);
      sym_w = MIN ((ww + 0.7 * f) / M_SQRT1_2, area.width * 0.13);
      sym_h = MIN ((th + 0.7 * f) / M_SQRT1_2, sym_w);
    }
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
  shz_chart_text_measure (pango, "场景 Ag", 0.85 * f, FALSE, 0, NULL, &tag_h);
  block_h = (area.height - gap * 2 * (chains->len - 1)) / chains->len;
  chev_h = MIN ((block_h - head_h - gap - 2 * tag_h - 2 * gap) / 2, 4.2 * f);
  if (chev_h < 6)
    {
      /* a cramped canvas: drop the capability/scene lines before the chevrons */
      tag_h = 0;
      chev_h = MAX (4, (block_h - head_h - 2 * gap) / 2);
    }

  /* the as-is chevrons' labels do not fit side by side: the compact layout */
  {
    /* checked at the smallest size the chevrons' texts may shrink to */
    double fmin = MIN (0.9 * f, MAX (0.45 * f, legible));
    double need = stage_text_width (chart, pango, chains, fw, fmin);
    double notch = MIN (0.3 * chev_h, 0.25 * chev_w), inner = chev_w - 2 * notch - 0.6 * fmin, want = 0;
    gboolean fits = inner >= need;

    for (guint c = 0; c < chains->len && fits; c++)
      {
        g_autoptr(GPtrArray) st = shz_cat_framework_list_items (fw, SHZ_CAT_STAGE, chains->pdata[c]);
        for (guint i = 0; i < st->len; i++)
          {
            g_autofree char *text = g_strdup_printf ("%s 0.0", shz_network_chart_tr (chart, &((ShzCatItem *) st->pdata[i])->label));
            double h1;
            shz_chart_text_measure (pango, text, fmin, TRUE, MAX (inner, 1), NULL, &h1);
            want = MAX (want, h1);
          }
      }
    if ((!fits || want > chev_h - 0.6 * fmin) &&
        build_compact (chart, l, pango, fw, chains, centres, &area, u, f, legible))
      return;
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
      shz_net_layout_add_text_in (l, pango, &r, shz_network_chart_tr (chart, &chain->label), f, MIN (f, MAX (0.5 * f, legible)), TRUE,
                                  SHZ_TEXT_ALIGN_START, &theme->text);

      /* the symbol: 货 / 场 / 人 */
      r = shz_rect_make (area.x, rows_y + chev_h - sym_h / 2, sym_w, sym_h);
      if (r.y < y)
        r.y = y;
      ni = shz_net_layout_add_node (l, chain->id, SHZ_NET_ELLIPSE, &r, &sym_fill, NULL, 0, FALSE);
      shz_net_layout_get_node (l, ni)->description = g_strdup (shz_network_chart_tr (chart, &chain->label));
      if (chain->symbol.label.zh != NULL)
        shz_net_layout_add_node_text (l, pango, ni, lang == SHZ_CHART_LANG_EN && chain->symbol.label.en
                                                    ? chain->symbol.label.en : chain->symbol.label.zh,
                                      lang == SHZ_CHART_LANG_EN ? 0.9 * f : 1.8 * f,
                                      MIN (0.9 * f, MAX (0.4 * f, legible)), TRUE, &white);

      /* row labels */
      for (guint s = 0; s < 2; s++)
        {
          ShzRect lr = shz_rect_make (area.x + sym_w + gap, rows_y + s * (chev_h + gap * 0.5), lab_w, chev_h);
          shz_net_layout_add_text_in (l, pango, &lr, SHZ_CHART_TEXT (lang, s == 0 ? T_AS_IS : T_TO_BE),
                                      0.85 * f, MIN (0.85 * f, MAX (0.4 * f, legible)), FALSE, SHZ_TEXT_ALIGN_END,
                                      &theme->text_muted);
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
              shz_net_layout_add_node_text (l, pango, ni, text, 0.9 * f, MIN (0.9 * f, MAX (0.45 * f, legible)), s == 0, &tc);
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
                                        f, MIN (f, MAX (0.45 * f, legible)), TRUE, &theme->text);
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
              shz_net_layout_add_text_in (l, pango, &r, text, 0.85 * f, MIN (0.85 * f, MAX (0.4 * f, legible)), FALSE, SHZ_TEXT_ALIGN_START,
                                          &theme->text_muted);
              ty += tag_h;
            }
          if (scenes->len > 0 && ty + tag_h <= block_bottom + 0.5)
            {
              g_autofree char *text = join_labels (chart, scenes, SHZ_CHART_TEXT (lang, T_SCENE));
              r = shz_rect_make (chain_x, ty, chain_w, tag_h);
              shz_net_layout_add_text_in (l, pango, &r, text, 0.85 * f, MIN (0.85 * f, MAX (0.4 * f, legible)), FALSE, SHZ_TEXT_ALIGN_START,
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

      shz_net_layout_add_node_text (l, pango, ni, shz_network_chart_tr (chart, &centre->label), f,
                                    MIN (f, MAX (0.45 * f, legible)), TRUE, &white);
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
