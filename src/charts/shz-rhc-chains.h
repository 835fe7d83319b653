/* shz-rhc-chains.h — the "rhc-chains" chart kind (see shz-rhc-chains.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "charts/shz-network-chart.h"

G_BEGIN_DECLS

#define SHZ_TYPE_RHC_CHAINS (shz_rhc_chains_get_type ())
G_DECLARE_FINAL_TYPE (ShzRhcChains, shz_rhc_chains, SHZ, RHC_CHAINS, ShzNetworkChart)

G_END_DECLS
