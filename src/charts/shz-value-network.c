/* shz-value-network.c — "value-network": the full-link ring value network (全链路环式价值网)
 * around the consumer, with the client's links (width ∝ weight, colour by kind, arrowheads)
 * and element scores, for the to-be state by default (setting "state").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"
#include "config.h"

#include <math.h>

#include "charts/shz-value-network.h"
#include "charts/shz-network-ring.h"

struct _ShzValueNetwork
{
  ShzNetworkChart     parent_instance;
  ShzAssessmentState  state;
};

G_DEFINE_FINAL_TYPE (ShzValueNetwork, shz_value_network, SHZ_TYPE_NETWORK_CHART)

#define SETTINGS_GROUP "value-network"

static void
shz_value_network_build (ShzNetworkChart *chart,
                         ShzNetLayout    *l,
                         PangoContext    *pango)
{
  ShzValueNetwork *self = SHZ_VALUE_NETWORK (chart);
  ShzAssessment *as = shz_network_chart_get_assessment (chart);
  const ShzCatFramework *fw = shz_network_chart_get_framework (chart, SHZ_FRAMEWORK_VALUE_NETWORK);
  double u = shz_network_chart_unit (l->width, l->height);
  double tu = shz_network_chart_text_unit (l->width, l->height);
  ShzAssessmentState state = self->state;
  g_autoptr(GArray) links = g_array_new (FALSE, TRUE, sizeof (ShzRingLink));
  ShzNetLegendEntry legend[12];
  guint n_legend = 0;
  double max_weight = 0;
  gboolean assessed;
  g_autofree char *subtitle = NULL;
  ShzRect area;

  /* Show the other state when the chosen one has no links but it has. */
  if (!shz_assessment_has_links (as, state) && shz_assessment_has_links (as, !state))
    state = !state;
  assessed = shz_assessment_has_links (as, state) || shz_assessment_has_scores (as, SHZ_FRAMEWORK_VALUE_NETWORK);

  for (guint i = 0; i < shz_assessment_get_n_links (as); i++)
    {
      const ShzAssessmentLink *k = shz_assessment_get_link (as, i);
      ShzRingLink r = { k->source, k->target, k->kind, k->weight, shz_net_link_kind_color (k->kind), FALSE, NULL };

      if (k->state != state)
        continue;
      g_array_append_val (links, r);
      max_weight = MAX (max_weight, k->weight);
    }

  if (fw != NULL)
    for (guint i = 0; i < fw->items->len; i++)
      {
        const ShzCatItem *it = fw->items->pdata[i];
        if (it->kind == SHZ_CAT_LINK_KIND && n_legend < 3)
          {
            legend[n_legend].color = shz_net_link_kind_color (it->id);
            legend[n_legend].label = shz_network_chart_tr (chart, &it->label);
            legend[n_legend].style = SHZ_NET_LEGEND_LINE;
            n_legend++;
          }
      }
  n_legend += shz_network_chart_score_legend (chart, legend + n_legend);

  if (assessed)
    subtitle = g_strdup (state == SHZ_STATE_TO_BE ? shz_network_chart_tr2 (chart, "目标状态", "To-be")
                                                  : shz_network_chart_tr2 (chart, "现状", "As-is"));
  else if (fw != NULL && fw->description.zh != NULL)
    subtitle = g_strdup (shz_network_chart_tr (chart, &fw->description));

  area = shz_network_chart_frame (chart, l, pango, u, subtitle, legend, n_legend, assessed);
  shz_network_ring_build (chart, l, pango, &area, u, tu, state, (ShzRingLink *) links->data, links->len,
                          max_weight, TRUE);
}

static void
shz_value_network_load_settings (ShzChart *chart,
                                 GKeyFile *kf)
{
  ShzValueNetwork *self = SHZ_VALUE_NETWORK (chart);
  g_autofree char *state = g_key_file_get_string (kf, SETTINGS_GROUP, "state", NULL);
  ShzAssessmentState s;

  if (state != NULL && shz_assessment_state_from_string (state, &s))
    self->state = s;
}

static void
shz_value_network_save_settings (ShzChart *chart,
                                 GKeyFile *kf)
{
  ShzValueNetwork *self = SHZ_VALUE_NETWORK (chart);

  g_key_file_set_string (kf, SETTINGS_GROUP, "state", shz_assessment_state_to_string (self->state));
}

static void
shz_value_network_class_init (ShzValueNetworkClass *klass)
{
  ShzChartClass *chart_class = SHZ_CHART_CLASS (klass);
  ShzNetworkChartClass *net_class = SHZ_NETWORK_CHART_CLASS (klass);

  chart_class->kind = "value-network";
  chart_class->load_settings = shz_value_network_load_settings;
  chart_class->save_settings = shz_value_network_save_settings;
  net_class->framework = SHZ_FRAMEWORK_VALUE_NETWORK;
  net_class->build = shz_value_network_build;
}

static void
shz_value_network_init (ShzValueNetwork *self)
{
  self->state = SHZ_STATE_TO_BE;
}
