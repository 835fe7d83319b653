/* shz-application.h — the Shuzhi application: windows per store, app actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SHZ_TYPE_APPLICATION (shz_application_get_type ())
G_DECLARE_FINAL_TYPE (ShzApplication, shz_application, SHZ, APPLICATION, AdwApplication)

ShzApplication *shz_application_new              (void);
/* Path of the store a first start opens: $XDG_DATA_HOME/shuzhi/default.shuzhi. */
char           *shz_application_default_store_path (void);
/* Open @path in its own window, or raise the window already showing it. */
void            shz_application_open_store       (ShzApplication *self,
                                                  const char     *path);
void            shz_application_add_recent       (ShzApplication *self,
                                                  const char     *path);
GSettings      *shz_application_get_settings     (ShzApplication *self);
/* When main() started (g_get_monotonic_time), for the first-frame report. */
void            shz_application_set_start_time   (gint64          monotonic_us);
gint64          shz_application_get_start_time   (void);

G_END_DECLS
