/* shz-demo-usage.h — the demo engagement's synthetic cloud-usage dataset and the positions
 * computed from it with the default method.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/shz-store.h"

G_BEGIN_DECLS

/* Adds a deterministic, clearly labelled synthetic usage dataset (six industries, a few hundred
 * enterprises each, 2018 and 2019) to @engagement_id, and its positions computed with the default
 * method, in one transaction.  Returns FALSE with @error set (and nothing added) on failure. */
gboolean shz_demo_add_usage (ShzStore  *store,
                             gint64     engagement_id,
                             GError   **error);

G_END_DECLS
