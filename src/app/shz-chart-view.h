/* shz-chart-view.h — the chart canvas: draws any ShzChart through its one render function,
 * with hover tooltips, click to select, scroll/pinch zoom, drag to pan, drag a label to pin
 * it, arrow keys between items, and the chart's accessible description.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "charts/shz-chart.h"

G_BEGIN_DECLS

#define SHZ_TYPE_CHART_VIEW (shz_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (ShzChartView, shz_chart_view, SHZ, CHART_VIEW, GtkWidget)

/* Signals:
 *   ::selection-changed (const char *id or NULL)  a click or an arrow key selected an item
 *   ::item-activated    (const char *id)          double click or Enter on an item
 *   ::settings-changed  ()                        a label was dragged (pinned): save the
 *                                                 chart's settings with the engagement
 */

GtkWidget  *shz_chart_view_new            (void);
void        shz_chart_view_set_chart      (ShzChartView *self,
                                           ShzChart     *chart);
ShzChart   *shz_chart_view_get_chart      (ShzChartView *self);
/* Select an item by id (NULL: none); emits ::selection-changed when it changes. */
void        shz_chart_view_set_selected   (ShzChartView *self,
                                           const char   *id);
const char *shz_chart_view_get_selected   (ShzChartView *self);
/* Zoom 1, no pan. */
void        shz_chart_view_reset_view     (ShzChartView *self);
double      shz_chart_view_get_zoom       (ShzChartView *self);
/* Zoom by @factor around the point (@x, @y) of the widget. */
void        shz_chart_view_zoom_at        (ShzChartView *self,
                                           double        factor,
                                           double        x,
                                           double        y);
/* Widget coordinates → chart units (inverse of the view's zoom and pan). */
void        shz_chart_view_to_chart       (ShzChartView *self,
                                           double        x,
                                           double        y,
                                           double       *chart_x,
                                           double       *chart_y);

G_END_DECLS
