/* shz-chart-view.h — the chart canvas: draws any ShzChart through its one render function,
 * with hover tooltips, click to select, scroll/pinch zoom, drag to pan, drag a label to pin
 * it, drag a node of the value network (or Alt+arrow keys) to move it, arrow keys between
 * items, and the chart's accessible description.
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
 *   ::settings-changed  ()                        a label was dragged (pinned), a node
 *                                                 moved (a drag, or Alt+arrow keys), the
 *                                                 layout reset: save the chart's settings
 *                                                 with the engagement (one undoable step)
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
/* Move the selected item by (dx, dy) chart units if it is movable (a node of the value
 * network: what Alt+arrow keys do); saved (::settings-changed) once the moves pause. */
gboolean    shz_chart_view_move_selected  (ShzChartView *self,
                                           double        dx,
                                           double        dy);
/* Emit ::settings-changed now for moves not saved yet. */
void        shz_chart_view_flush_moves    (ShzChartView *self);
/* What a pointer drag from (x, y) (widget coordinates) by (dx, dy) does: pans, moves a label,
 * or moves a node; for tests and scripted use. */
void        shz_chart_view_drag           (ShzChartView *self,
                                           double        x,
                                           double        y,
                                           double        dx,
                                           double        dy);
/* Widget coordinates → chart units (inverse of the view's zoom and pan). */
void        shz_chart_view_to_chart       (ShzChartView *self,
                                           double        x,
                                           double        y,
                                           double       *chart_x,
                                           double       *chart_y);

G_END_DECLS
