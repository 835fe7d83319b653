/* shz-demo.c — the demo engagement a new default store starts with, so the first launch
 * shows a real chart.  The whitepaper publishes no figures for its 2019 maturity chart: these
 * positions are illustrative, follow only its written reading, and say so wherever they appear.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-store"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "shz-store.h"

/* 互联网 leads on both axes; 零售消费与生活服务 is high on maturity with room on innovation;
 * traditional industries trail (whitepaper, key change 3).  Size: illustrative sample size. */
static const struct {
  const char *entity;
  double      maturity;
  double      innovation;
  double      size;
} demo_positions[] = {
  { "科技文教",             24.0, 20.0, 40.0 },
  { "制造工业",             34.0, 29.0, 60.0 },
  { "政务与治理",           43.0, 37.0, 35.0 },
  { "金融",                 60.0, 55.0, 50.0 },
  { "零售消费与生活服务",   72.0, 46.0, 70.0 },
  { "互联网",               86.0, 84.0, 55.0 },
};

gint64
shz_store_add_demo_engagement (ShzStore  *store,
                               GError   **error)
{
  g_autoptr(ShzEngagement) e = shz_engagement_new ();
  g_autoptr(ShzDataset) d = shz_dataset_new ();
  g_autoptr(ShzRowInserter) ins = NULL;
  g_autofree char *name = NULL;
  gint64 engagement_id, dataset_id;

  if (!shz_store_begin_step (store, _("Add the demo engagement"), error))
    return 0;

  name = shz_store_unique_engagement_name (store, _("Demo engagement"));
  e->name = g_strdup (name);
  e->client = g_strdup (_("Example consumer-goods company (illustrative)"));
  e->industry = g_strdup ("零售消费与生活服务");
  e->title = g_strdup (_("Digital-intelligence transformation assessment (demo)"));
  e->analyst = g_strdup ("");
  e->notes = g_strdup (_("This demo engagement shows what Shuzhi does with a client's data. "
                         "Its figures are illustrative: the whitepaper publishes no numbers for its 2019 "
                         "maturity chart, so the positions only follow its written reading — the internet "
                         "industry leads on both axes, retail and consumer services are high on maturity "
                         "with room on innovation, traditional industries trail."));
  engagement_id = shz_store_create_engagement (store, e, error);
  if (engagement_id == 0)
    goto fail;

  d->engagement_id = engagement_id;
  d->name = g_strdup (_("Industry positions 2019 (illustrative)"));
  d->kind = SHZ_KIND_POSITIONS;
  d->rows = G_N_ELEMENTS (demo_positions);
  d->source_name = g_strdup (_("Shuzhi demo data"));
  d->encoding = g_strdup ("UTF-8");
  d->illustrative = TRUE;
  d->note = g_strdup (_("Illustrative positions: the whitepaper gives no figures for this chart."));
  d->mapping = g_strdup ("entity=entity\ngroup=group\nperiod=period\nmaturity=maturity\ninnovation=innovation\nsize=size");
  dataset_id = shz_store_create_dataset (store, d, error);
  if (dataset_id == 0)
    goto fail;

  ins = shz_row_inserter_new (store, dataset_id, SHZ_KIND_POSITIONS, error);
  if (ins == NULL)
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (demo_positions); i++)
    {
      ShzPositionRow row = {
        .row_no = i + 1,
        .entity = demo_positions[i].entity,
        .group = demo_positions[i].entity,
        .period = "2019",
        .maturity = demo_positions[i].maturity,
        .innovation = demo_positions[i].innovation,
        .size = demo_positions[i].size,
        .maturity_lo = NAN, .maturity_hi = NAN, .innovation_lo = NAN, .innovation_hi = NAN,
      };
      if (!shz_row_inserter_add_position (ins, &row, error))
        goto fail;
    }
  g_clear_pointer (&ins, shz_row_inserter_free);

  if (!shz_store_end_step (store, error))
    return 0;
  return engagement_id;

fail:
  g_clear_pointer (&ins, shz_row_inserter_free);
  shz_store_cancel_step (store);
  return 0;
}
