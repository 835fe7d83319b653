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
#include "analysis/shz-assessment.h"
#include "store/shz-store.h"

G_BEGIN_DECLS

#define SHZ_TYPE_INSPECTOR (shz_inspector_get_type ())
G_DECLARE_FINAL_TYPE (ShzInspector, shz_inspector, SHZ, INSPECTOR, GtkWidget)

/* Signals:
 *   ::details-ready ()   the computation behind a maturity-map point (read in a thread) is shown
 *   ::rows-ready ()      the source rows of an enterprise are shown
 *   ::assessment-changed (const char *select)
 *                        a score, note or link of the value-network item shown was changed in
 *                        the store (one undo step): read the chart again and select @select
 *                        (the item's id now, as a link's changes with its kind; NULL: keep the
 *                        selection — the item may be gone)
 *
 * A node of a value-network chart shows its as-is and to-be scores (per framework the chart
 * draws) and its note, a link its weight and kind for the state drawn, with a Remove Link
 * button — editable unless the store is read-only.
 */

GtkWidget  *shz_inspector_new              (void);
/* Show @id of @chart (NULL: nothing selected).  @store is the window's connection: the
 * inspector reads provenance on it, writes a value-network item's edits through it, and opens
 * its own connections (on the same path) for anything slow. */
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

typedef enum {
  SHZ_INSPECTOR_LINK_WEIGHT,   /* a GtkSpinButton */
  SHZ_INSPECTOR_LINK_KIND,     /* an AdwComboRow */
  SHZ_INSPECTOR_LINK_REMOVE,   /* a GtkButton */
} ShzInspectorLinkControl;

/* The controls of the item shown (NULL when there is none: another kind of item, or a
 * read-only store).  @framework NULL: the first framework shown. */
GtkSpinButton *shz_inspector_get_score_spin   (ShzInspector       *self,
                                               const char         *framework,
                                               ShzAssessmentState  state);
GtkEditable   *shz_inspector_get_note_row     (ShzInspector       *self,
                                               const char         *framework);
/* @i: the @i-th link shown (one per state drawn). */
GtkWidget     *shz_inspector_get_link_control (ShzInspector           *self,
                                               guint                   i,
                                               ShzInspectorLinkControl control);

G_END_DECLS
