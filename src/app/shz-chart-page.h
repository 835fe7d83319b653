/* shz-chart-page.h — a page showing a chart of the selected engagement: a toolbar (kind, data,
 * period, options, chart language and theme, reset, copy, export), the canvas, and an
 * inspector of the selected item.  One page per window tab, each with its own chart kinds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "charts/shz-chart.h"
#include "store/shz-store.h"

G_BEGIN_DECLS

#define SHZ_TYPE_CHART_PAGE (shz_chart_page_get_type ())
G_DECLARE_FINAL_TYPE (ShzChartPage, shz_chart_page, SHZ, CHART_PAGE, GtkWidget)

/* Signals:
 *   ::changed ()   the page saved something to the store (the chart's settings, or an item's
 *                  scores or links edited in the inspector)
 *   ::loaded ()    a chart finished loading (read in a thread), or failed to: the page shows
 *                  it, or says why not
 */

/* @kinds: chart kind ids (NULL-terminated), e.g. { "maturity-map", NULL }. */
GtkWidget   *shz_chart_page_new             (const char * const *kinds);
/* Show @engagement_id of @store (0: none).  @store stays the caller's. */
void         shz_chart_page_set_engagement  (ShzChartPage *self,
                                             ShzStore     *store,
                                             gint64        engagement_id);
/* The engagement's datasets changed: read them again (keeps kind and settings). */
void         shz_chart_page_reload          (ShzChartPage *self);

/* ---- for tests, the window and keyboard users ---- */

/* TRUE while a chart is being read (in a thread); ::loaded follows. */
gboolean     shz_chart_page_is_loading      (ShzChartPage *self);
const char  *shz_chart_page_get_kind        (ShzChartPage *self);
/* Switch to @kind (one of the page's kinds); FALSE when it is not one of them. */
gboolean     shz_chart_page_set_kind        (ShzChartPage *self,
                                             const char   *kind);
/* The chart shown, or NULL when the page shows why there is none. */
ShzChart    *shz_chart_page_get_chart       (ShzChartPage *self);
GtkWidget   *shz_chart_page_get_view        (ShzChartPage *self);   /* the ShzChartView */
GtkWidget   *shz_chart_page_get_inspector   (ShzChartPage *self);   /* the ShzInspector */
/* Open the Export dialog (what Export… does); returns it (owned by GTK). */
GtkWidget   *shz_chart_page_export          (ShzChartPage *self);
/* Copy the chart as an image to the clipboard (what Copy does). */
void         shz_chart_page_copy            (ShzChartPage *self);

G_END_DECLS
