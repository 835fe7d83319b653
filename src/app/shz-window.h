/* shz-window.h — a window showing one engagement store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "shz-application.h"
#include "store/shz-store.h"

G_BEGIN_DECLS

#define SHZ_TYPE_WINDOW (shz_window_get_type ())
G_DECLARE_FINAL_TYPE (ShzWindow, shz_window, SHZ, WINDOW, AdwApplicationWindow)

ShzWindow  *shz_window_new                (ShzApplication *app);
/* Opens @path in this window; a store that cannot be opened shows why, in the window. */
gboolean    shz_window_open_store         (ShzWindow      *self,
                                           const char     *path);
const char *shz_window_get_store_path     (ShzWindow      *self);
ShzStore   *shz_window_get_store          (ShzWindow      *self);
/* The selected engagement's id, or 0. */
gint64      shz_window_get_engagement_id  (ShzWindow      *self);
/* Re-read the engagement list and the selected engagement from the store. */
void        shz_window_reload             (ShzWindow      *self);
/* The message shown when the store could not be opened, or NULL when one is open. */
const char *shz_window_get_error_message  (ShzWindow      *self);
void        shz_window_show_toast         (ShzWindow      *self,
                                           const char     *message);

G_END_DECLS
