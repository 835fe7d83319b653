/* shz-toast.h — toasts on an AdwToastOverlay without libadwaita 1.2's use-after-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void shz_toast_overlay_add (AdwToastOverlay *overlay,
                            AdwToast        *toast);

G_END_DECLS
