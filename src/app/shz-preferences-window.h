/* shz-preferences-window.h — chart language and theme, export defaults, stores folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SHZ_TYPE_PREFERENCES_WINDOW (shz_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (ShzPreferencesWindow, shz_preferences_window, SHZ, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *shz_preferences_window_new (GtkWindow *parent,
                                       GSettings *settings);

G_END_DECLS
