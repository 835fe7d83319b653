/* shz-inspector.h — the side panel of a chart page: what the selected chart item is (its values,
 * sample size and interval), where its data came from (the dataset's provenance), and for a
 * computed maturity-map point how it was computed and by which enterprises, down to their
 * source rows (bubble → industry → enterprises → rows).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "charts/shz-chart.h"
#include "store/shz-store.h"

G_BEGIN_DECLS

#define SHZ_TYPE_INSPECTOR (shz_inspector_get_type ())
G_DECLARE_FINAL_TYPE (ShzInspector, shz_inspector, SHZ, INSPECTOR, GtkWidget)

/* Signals:
 *   ::details-ready ()   the computation behind a maturity-map point (read in a thread) is shown
 *   ::rows-ready ()      the source rows of an enterprise are shown
 */

GtkWidget  *shz_inspector_new              (void);
/* Show @id of @chart (NULL: nothing selected).  @store is the window's connection: the
 * inspector reads provenance on it and opens its own connections (on the same path) for
 * anything slow. */
void        shz_inspector_show_item        (ShzInspector *self,
                                            ShzStore     *store,
                                            gint64        engagement_id,
                                            ShzChart     *chart,
                                            const char   *id);
/* Move keyboard focus into the panel: the enterprises of a computed point once they are listed
 * (now, or when they arrive), else the panel's first row. */
void        shz_inspector_focus            (ShzInspector *self);
/* Forget cached computations (datasets changed). */
void        shz_inspector_reset            (ShzInspector *self);

/* For tests and keyboard users: what the panel shows. */
const char *shz_inspector_get_item_id      (ShzInspector *self);
/* "Title: value" lines of every value and provenance row shown (for tests). */
char       *shz_inspector_dump             (ShzInspector *self);
guint       shz_inspector_get_n_enterprises (ShzInspector *self);
/* Show the source rows of the @i-th enterprise listed (what activating it does). */
void        shz_inspector_show_enterprise  (ShzInspector *self,
                                            guint         i);
guint       shz_inspector_get_n_rows       (ShzInspector *self);

G_END_DECLS
