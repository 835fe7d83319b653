/* shz-demo.c — everything the demo engagement holds, from every layer that contributes to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-analysis"

#include "config.h"

#include "shz-demo.h"
#include "shz-demo-usage.h"
#include "shz-assessment.h"

gboolean
shz_demo_populate (ShzStore  *store,
                   GError   **error)
{
  gint64 engagement_id;

  if (!shz_store_begin (store, error))
    return FALSE;
  engagement_id = shz_store_add_demo_engagement (store, error);
  if (engagement_id == 0 ||
      !shz_demo_add_usage (store, engagement_id, error) ||
      !shz_demo_add_assessment (store, engagement_id, error))
    {
      shz_store_rollback (store);
      return FALSE;
    }
  return shz_store_commit (store, error);
}
