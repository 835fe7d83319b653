/* shz-network-compare.c — "network-compare": the client's as-is one-way chain beside its to-be
 * ring around the consumer; the ring marks each link added, strengthened, weakened or kept,
 * and draws dropped links dashed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"
#include "config.h"

#include <string.h>

#include <math.h>

#include "charts/shz-network-compare.h"
#include "charts/shz-network-ring.h"

struct _ShzNetworkCompare
{
  ShzNetworkChart parent_instance;
};

G_DEFINE_FINAL_TYPE (ShzNetworkCompare, shz_network_compare, SHZ_TYPE_NETWORK_CHART)

static const ShzChartText T_TITLE = { "从单向链式价值链到全链路环式价值网",
                                      "From the one-way chain to the full-link ring value network" };
static const ShzChartText T_AS_IS = { "现状", "As-is" };
static const ShzChartText T_TO_BE = { "目标", "To-be" };
static const ShzChartText T_CHANGES[5] = {
  { "不变", "unchanged" }, { "新增", "added" }, { "加强", "strengthened" },
  { "减弱", "weakened" }, { "取消", "dropped" },
};
static const ShzChartText T_LINKS = { "条链接", "links" };

static ShzColor
change_color (ShzLinkChange change)
{
  switch (change)
    {
    case SHZ_LINK_ADDED:        return shz_chart_palette_color (2);
    case SHZ_LINK_STRENGTHENED: return shz_chart_palette_color (0);
    case SHZ_LINK_WEAKENED:     return shz_chart_palette_color (1);
    case SHZ_LINK_DROPPED:      return shz_chart_palette_color (3);
    case SHZ_LINK_UNCHANGED:
    default:                    return (ShzColor) { 0.55, 0.55, 0.58, 1 };
    }
}

static void
shz_network_compare_build (ShzNetworkChart *chart,
                           ShzNetLayout    *l,
                           PangoContext    *pango)
{
  const ShzChartTheme *theme = shz_chart_get_theme_colors (SHZ_CHART (chart));
  ShzChartLang lang = shz_chart_get_lang (SHZ_CHART (chart));
  ShzAssessment *as = shz_network_chart_get_assessment (chart);
  const ShzCatFramework *vc = shz_network_chart_get_framework (chart, SHZ_FRAMEWORK_VALUE_CHAIN);
  const ShzCatFramework *vn = shz_network_chart_get_framework (chart, SHZ_FRAMEWORK_VALUE_NETWORK);
  double u = shz_network_chart_unit (l->width, l->height);
  double tu = shz_network_chart_text_unit (l->width, l->height), f = 14 * tu;
  g_autoptr(GArray) diff = shz_assessment_diff_links (as);
  g_autoptr(GArray) left = g_array_new (FALSE, TRUE, sizeof (ShzRingLink));
  g_autoptr(GArray) right = g_array_new (FALSE, TRUE, sizeof (ShzRingLink));
  g_autoptr(GString) sub = g_string_new (NULL);
  guint counts[5] = { 0 };
  double max_weight = 0;
  ShzNetLegendEntry legend[5 + 7];
  guint n_legend = 0;
  gboolean assessed;
  ShzRect area, lpanel, rpanel;
  double head_h, split;
  gboolean side;
  g_autofree char *lhead = NULL;
  g_autofree char *rhead = NULL;
  int t;

  assessed = shz_assessment_has_links (as, SHZ_STATE_AS_IS) || shz_assessment_has_links (as, SHZ_STATE_TO_BE);
  for (guint i = 0; i < diff->len; i++)
    {
      const ShzLinkDiff *d = &g_array_index (diff, ShzLinkDiff, i);
      max_weight = MAX (max_weight, MAX (d->as_is, d->to_be));
    }
  for (guint i = 0; i < diff->len; i++)
    {
      const ShzLinkDiff *d = &g_array_index (diff, ShzLinkDiff, i);
      const char *note = SHZ_CHART_TEXT (lang, T_CHANGES[d->change]);

      counts[d->change]++;
      if (d->change != SHZ_LINK_ADDED)
        {
          ShzRingLink r = { d->source, d->target, d->kind, d->as_is, shz_net_link_kind_color (d->kind), FALSE, NULL };
          g_array_append_val (left, r);
        }
      {
        ShzRingLink r = { d->source, d->target, d->kind, d->change == SHZ_LINK_DROPPED ? d->as_is : d->to_be,
                          change_color (d->change), d->change == SHZ_LINK_DROPPED, note };
        g_array_append_val (right, r);
      }
    }

  for (guint c = 1; c < 5; c++)
    {
      legend[n_legend].color = change_color (c);
      legend[n_legend].label = SHZ_CHART_TEXT (lang, T_CHANGES[c]);
      legend[n_legend].style = c == SHZ_LINK_DROPPED ? SHZ_NET_LEGEND_LINE_DASHED : SHZ_NET_LEGEND_LINE;
      n_legend++;
    }
  legend[n_legend].color = change_color (SHZ_LINK_UNCHANGED);
  legend[n_legend].label = SHZ_CHART_TEXT (lang, T_CHANGES[0]);
  legend[n_legend].style = SHZ_NET_LEGEND_LINE;
  n_legend++;
  n_legend += shz_network_chart_score_legend (chart, legend + n_legend);

  if (assessed)
    for (guint c = 1; c < 5; c++)
      g_string_append_printf (sub, "%s%s %u", sub->len > 0 ? " · " : "", SHZ_CHART_TEXT (lang, T_CHANGES[c]), counts[c]);
  if (assessed)
    g_string_append_printf (sub, " %s", SHZ_CHART_TEXT (lang, T_LINKS));

  area = shz_network_chart_frame (chart, l, pango, u, sub->str, legend, n_legend, assessed);

  /* Panel headings, then the two panels side by side (stacked on a portrait canvas). */
  lhead = g_strdup_printf ("%s：%s", SHZ_CHART_TEXT (lang, T_AS_IS), vc ? shz_network_chart_tr (chart, &vc->label) : "");
  rhead = g_strdup_printf ("%s：%s", SHZ_CHART_TEXT (lang, T_TO_BE), vn ? shz_network_chart_tr (chart, &vn->label) : "");
  if (lang == SHZ_CHART_LANG_EN)
    {
      g_free (lhead);
      g_free (rhead);
      lhead = g_strdup_printf ("%s: %s", SHZ_CHART_TEXT (lang, T_AS_IS), vc ? shz_network_chart_tr (chart, &vc->label) : "");
      rhead = g_strdup_printf ("%s: %s", SHZ_CHART_TEXT (lang, T_TO_BE), vn ? shz_network_chart_tr (chart, &vn->label) : "");
    }
  /* side by side unless the canvas is far taller than wide: the ring needs the width more than
   * the one-line chain does */
  side = area.width >= area.height * 1.15 && area.width * 0.64 >= 36 * 13 * tu * 0.9;
  if (side)
    {
      /* hundreds of stages: the chain's columns take what they need, up to half */
      double want = shz_network_chain_want_width (chart, pango, l->width, l->height, area.height - 2.5 * f, u * 0.9,
                                                  tu * 0.9, (ShzRingLink *) left->data, left->len);

      split = MAX (area.width * 0.36, MIN (want, area.width * 0.5));
      lpanel = shz_rect_make (area.x, area.y, split, area.height);
      rpanel = shz_rect_make (area.x + split + 2 * f, area.y, area.width - split - 2 * f, area.height);
    }
  else
    {
      /* stacked: the chain's one-line boxes take what they need, the ring the rest; the
       * chain's heading beside the column (left of it, when nothing else is there) */
      double lh, fc = 13 * tu * 0.9, main_w, room, hw = 0, hh = 0;
      guint n_chain = 0;
      gboolean beside = TRUE;

      if (vc != NULL)
        for (guint i = 0; i < vc->items->len; i++)
          n_chain += ((const ShzCatItem *) vc->items->pdata[i])->kind == SHZ_CAT_STAGE;
      /* a side column (links to elements outside the chain) takes the left */
      for (guint i = 0; i < left->len && beside; i++)
        for (guint e = 0; e < 2; e++)
          {
            const char *id = e == 0 ? g_array_index (left, ShzRingLink, i).source : g_array_index (left, ShzRingLink, i).target;
            const ShzCatItem *it = vc != NULL ? shz_cat_framework_get_item (vc, id) : NULL;
            if (strcmp (id, "consumer") != 0 && (it == NULL || it->kind != SHZ_CAT_STAGE))
              beside = FALSE;
          }
      shz_chart_text_measure (pango, "数智 Ag", fc, TRUE, 0, NULL, &lh);
      split = (n_chain + 1) * lh * 1.3 + n_chain * MAX (lh * 0.35, 4 * u);
      main_w = MIN (area.width * 0.55, 12 * fc);
      room = (area.width - main_w) * 0.3 - f;
      if (beside && room > 6 * f)
        {
          shz_chart_text_measure (pango, lhead, f, TRUE, room, &hw, &hh);
          beside = hh <= split;
        }
      else
        beside = FALSE;
      if (!beside)
        split += lh * 1.8;
      split = MIN (area.height * 0.42, split);
      /* hundreds of stages wrap into columns across the width, the heading above them: as
       * high as they need to stay legible, up to half */
      if (shz_network_chain_want_width (chart, pango, l->width, l->height, split - (beside ? 0 : lh * 1.8), u * 0.9,
                                        tu * 0.9, (ShzRingLink *) left->data, left->len) > 0)
        {
          if (beside)
            split = MIN (area.height * 0.42, split + lh * 1.8);
          beside = FALSE;
          while (split < area.height * 0.5 - 0.01 &&
                 shz_network_chain_want_width (chart, pango, l->width, l->height, split - lh * 1.8, u * 0.9, tu * 0.9,
                                               (ShzRingLink *) left->data, left->len) > area.width)
            split = MIN (split + area.height * 0.02, area.height * 0.5);
        }
      lpanel = shz_rect_make (area.x, area.y, area.width, split);
      rpanel = shz_rect_make (area.x, area.y + split + 1.5 * f, area.width, area.height - split - 1.5 * f);
      if (beside)
        {
          shz_net_layout_add_text (l, pango, lhead, f, TRUE, room, SHZ_TEXT_ALIGN_START, area.x, area.y, &theme->text);
          g_clear_pointer (&lhead, g_free);
        }
    }
  if (lhead != NULL)
    {
      t = shz_net_layout_add_text (l, pango, lhead, f, TRUE, lpanel.width, SHZ_TEXT_ALIGN_START, lpanel.x, lpanel.y, &theme->text);
      head_h = g_array_index (l->texts, ShzNetText, t).rect.height + 0.6 * f;
      lpanel.y += head_h;
      lpanel.height -= head_h;
    }
  t = shz_net_layout_add_text (l, pango, rhead, f, TRUE, rpanel.width, SHZ_TEXT_ALIGN_START, rpanel.x, rpanel.y, &theme->text);
  head_h = g_array_index (l->texts, ShzNetText, t).rect.height + 0.6 * f;
  rpanel.y += head_h;
  rpanel.height -= head_h;

  /* A divider between the panels. */
  if (side)
    {
      ShzRect d = shz_rect_make (area.x + split + 0.95 * f, area.y, MAX (1, u), area.height);
      shz_net_layout_add_node (l, NULL, SHZ_NET_BAND, &d, &theme->grid, NULL, 0, FALSE);
    }

  if (lpanel.height > 4 && rpanel.height > 4)
    {
      shz_network_chain_build (chart, l, pango, &lpanel, u * 0.9, tu * 0.9, SHZ_STATE_AS_IS,
                               (ShzRingLink *) left->data, left->len, max_weight);
      shz_network_ring_build (chart, l, pango, &rpanel, u * 0.9, tu * 0.9, SHZ_STATE_TO_BE,
                              (ShzRingLink *) right->data, right->len, max_weight, FALSE);
    }
}

static char *
shz_network_compare_get_title (ShzChart *chart)
{
  return g_strdup (SHZ_CHART_TEXT (shz_chart_get_lang (chart), T_TITLE));
}

static void
shz_network_compare_class_init (ShzNetworkCompareClass *klass)
{
  ShzChartClass *chart_class = SHZ_CHART_CLASS (klass);
  ShzNetworkChartClass *net_class = SHZ_NETWORK_CHART_CLASS (klass);

  chart_class->kind = "network-compare";
  chart_class->get_title = shz_network_compare_get_title;
  net_class->framework = SHZ_FRAMEWORK_VALUE_NETWORK;
  net_class->build = shz_network_compare_build;
}

static void
shz_network_compare_init (ShzNetworkCompare *self)
{
}
