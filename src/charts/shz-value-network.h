/* shz-value-network.h — the "value-network" chart kind (see shz-value-network.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "charts/shz-network-chart.h"

G_BEGIN_DECLS

#define SHZ_TYPE_VALUE_NETWORK (shz_value_network_get_type ())
G_DECLARE_FINAL_TYPE (ShzValueNetwork, shz_value_network, SHZ, VALUE_NETWORK, ShzNetworkChart)

G_END_DECLS
