/* shz-network-compare.h — the "network-compare" chart kind (see shz-network-compare.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "charts/shz-network-chart.h"

G_BEGIN_DECLS

#define SHZ_TYPE_NETWORK_COMPARE (shz_network_compare_get_type ())
G_DECLARE_FINAL_TYPE (ShzNetworkCompare, shz_network_compare, SHZ, NETWORK_COMPARE, ShzNetworkChart)

G_END_DECLS
