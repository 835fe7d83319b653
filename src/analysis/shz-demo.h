/* shz-demo.h — seeding a new default store with the demo engagement.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/shz-store.h"

G_BEGIN_DECLS

/* Adds the demo engagement and all its illustrative / synthetic datasets in one go; on failure
 * nothing is added.  Returns FALSE with @error set on failure. */
gboolean shz_demo_populate (ShzStore  *store,
                            GError   **error);

G_END_DECLS
