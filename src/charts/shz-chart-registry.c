/* shz-chart-registry.c — the chart kinds of DESIGN.md and the classes that draw them.
 * A new kind is one line in kinds[] (its get_type function; NULL while not implemented).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"
#include "config.h"

#include <glib/gi18n.h>

#include "charts/shz-chart.h"
#include "charts/shz-maturity-map.h"
#include "charts/shz-value-network.h"
#include "charts/shz-value-chain.h"
#include "charts/shz-network-compare.h"
#include "charts/shz-rhc-chains.h"
#include "charts/shz-evolution-paths.h"

typedef struct {
  const char *kind;
  const char *name;   /* in the UI language (chart titles follow the chart language instead) */
  GType     (*get_type) (void);
} KindEntry;

static const KindEntry kinds[] = {
  { "maturity-map",     N_("Maturity map"),                        shz_maturity_map_get_type },
  { "value-chain",      N_("One-way chain value chain"),           shz_value_chain_get_type },
  { "value-network",    N_("Full-link ring value network"),        shz_value_network_get_type },
  { "network-compare",  N_("From chain to ring: as-is and to-be"), shz_network_compare_get_type },
  { "rhc-chains",       N_("People, goods and places chains"),     shz_rhc_chains_get_type },
  { "evolution-paths",  N_("Three evolution paths"),               shz_evolution_paths_get_type },
};

static const KindEntry *
find_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].kind, kind) == 0)
      return &kinds[i];
  return NULL;
}

const char * const *
shz_chart_list_kinds (void)
{
  static const char *list[G_N_ELEMENTS (kinds) + 1];

  if (list[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
      list[i] = kinds[i].kind;
  return list;
}

gboolean
shz_chart_kind_is_known (const char *kind)
{
  return find_kind (kind) != NULL;
}

gboolean
shz_chart_kind_is_implemented (const char *kind)
{
  const KindEntry *e = find_kind (kind);
  return e != NULL && e->get_type != NULL;
}

const char *
shz_chart_kind_get_name (const char *kind)
{
  const KindEntry *e = find_kind (kind);

  return e != NULL ? _(e->name) : kind;
}

ShzChart *
shz_chart_new (const char  *kind,
               GError     **error)
{
  const KindEntry *e = find_kind (kind);

  if (e == NULL)
    {
      g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_UNKNOWN_KIND,
                   _("Unknown chart kind “%s” (expected one of maturity-map, value-chain, "
                     "value-network, network-compare, rhc-chains, evolution-paths)"),
                   kind ? kind : "");
      return NULL;
    }
  if (e->get_type == NULL)
    {
      g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_NOT_IMPLEMENTED,
                   _("The chart kind “%s” is not implemented in this version of Shuzhi"),
                   kind);
      return NULL;
    }
  return g_object_new (e->get_type (), NULL);
}
