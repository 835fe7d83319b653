/* shz-value-chain.h — the "value-chain" chart kind (see shz-value-chain.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "charts/shz-network-chart.h"

G_BEGIN_DECLS

#define SHZ_TYPE_VALUE_CHAIN (shz_value_chain_get_type ())
G_DECLARE_FINAL_TYPE (ShzValueChain, shz_value_chain, SHZ, VALUE_CHAIN, ShzNetworkChart)

G_END_DECLS
