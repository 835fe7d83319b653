/* shz-engagement-object.h — an engagement as a GObject, for list models and views.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "store/shz-store.h"

G_BEGIN_DECLS

#define SHZ_TYPE_ENGAGEMENT_OBJECT (shz_engagement_object_get_type ())
G_DECLARE_FINAL_TYPE (ShzEngagementObject, shz_engagement_object, SHZ, ENGAGEMENT_OBJECT, GObject)

/* Takes ownership of @engagement. */
ShzEngagementObject *shz_engagement_object_new  (ShzEngagement       *engagement);
const ShzEngagement *shz_engagement_object_get  (ShzEngagementObject *self);
gint64               shz_engagement_object_get_id (ShzEngagementObject *self);
const char          *shz_engagement_object_get_name (ShzEngagementObject *self);

G_END_DECLS
