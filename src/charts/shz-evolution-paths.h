/* shz-evolution-paths.h — the "evolution-paths" chart kind (see shz-evolution-paths.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "charts/shz-network-chart.h"

G_BEGIN_DECLS

#define SHZ_TYPE_EVOLUTION_PATHS (shz_evolution_paths_get_type ())
G_DECLARE_FINAL_TYPE (ShzEvolutionPaths, shz_evolution_paths, SHZ, EVOLUTION_PATHS, ShzNetworkChart)

G_END_DECLS
