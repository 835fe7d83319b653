/* shz-engagement-object.c — an engagement as a GObject, for list models and views.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-app"

#include "config.h"

#include "shz-engagement-object.h"

struct _ShzEngagementObject {
  GObject        parent_instance;
  ShzEngagement *engagement;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ShzEngagementObject, shz_engagement_object, G_TYPE_OBJECT)

static void
shz_engagement_object_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ShzEngagementObject *self = SHZ_ENGAGEMENT_OBJECT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->engagement->name);
      break;
    case PROP_CLIENT:
      g_value_set_string (value, self->engagement->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shz_engagement_object_finalize (GObject *object)
{
  ShzEngagementObject *self = SHZ_ENGAGEMENT_OBJECT (object);

  g_clear_pointer (&self->engagement, shz_engagement_free);
  G_OBJECT_CLASS (shz_engagement_object_parent_class)->finalize (object);
}

static void
shz_engagement_object_class_init (ShzEngagementObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = shz_engagement_object_get_property;
  object_class->finalize = shz_engagement_object_finalize;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] = g_param_spec_string ("client", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shz_engagement_object_init (ShzEngagementObject *self)
{
}

ShzEngagementObject *
shz_engagement_object_new (ShzEngagement *engagement)
{
  ShzEngagementObject *self = g_object_new (SHZ_TYPE_ENGAGEMENT_OBJECT, NULL);

  self->engagement = engagement;
  return self;
}

const ShzEngagement *
shz_engagement_object_get (ShzEngagementObject *self)
{
  return self->engagement;
}

gint64
shz_engagement_object_get_id (ShzEngagementObject *self)
{
  return self->engagement->id;
}

const char *
shz_engagement_object_get_name (ShzEngagementObject *self)
{
  return self->engagement->name;
}
