/* shz-engagement-dialog.h — create or edit an engagement's fields.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "store/shz-store.h"

G_BEGIN_DECLS

#define SHZ_TYPE_ENGAGEMENT_DIALOG (shz_engagement_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShzEngagementDialog, shz_engagement_dialog, SHZ, ENGAGEMENT_DIALOG, AdwWindow)

/* @engagement NULL: a new one.  The dialog emits "save" with the edited fields; the receiver
 * stores them and calls shz_engagement_dialog_finish() with the error (or NULL to close). */
ShzEngagementDialog *shz_engagement_dialog_new    (GtkWindow           *parent,
                                                   const ShzEngagement *engagement,
                                                   gboolean             focus_name);
ShzEngagement       *shz_engagement_dialog_get_fields (ShzEngagementDialog *self);
void                 shz_engagement_dialog_finish (ShzEngagementDialog *self,
                                                   const GError        *error);

G_END_DECLS
