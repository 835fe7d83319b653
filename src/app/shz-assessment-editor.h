/* shz-assessment-editor.h — a window to edit an engagement's assessment: as-is and to-be scores
 * (0–5) and a note per framework item, and the value network's links.  Edits are saved as they
 * are made, each one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "analysis/shz-assessment.h"
#include "store/shz-store.h"

G_BEGIN_DECLS

#define SHZ_TYPE_ASSESSMENT_EDITOR (shz_assessment_editor_get_type ())
G_DECLARE_FINAL_TYPE (ShzAssessmentEditor, shz_assessment_editor, SHZ, ASSESSMENT_EDITOR, AdwWindow)

/* Signals:
 *   ::changed ()   after every edit, undo or redo made from the editor: reload the charts.
 */

/* A non-modal window (destroyed with @parent) editing @engagement_id of @store (the caller's
 * connection; it must outlive the editor — close the editor before closing the store). */
ShzAssessmentEditor *shz_assessment_editor_new   (GtkWindow           *parent,
                                                  ShzStore            *store,
                                                  gint64               engagement_id);
gint64               shz_assessment_editor_get_engagement_id (ShzAssessmentEditor *self);
/* The store changed outside the editor (undo/redo or an import in the window): read it again. */
void                 shz_assessment_editor_reload (ShzAssessmentEditor *self);

/* ---- for tests and keyboard users ---- */

typedef enum {
  SHZ_LINK_CONTROL_SOURCE,    /* GtkDropDown of node ids */
  SHZ_LINK_CONTROL_TARGET,    /* GtkDropDown */
  SHZ_LINK_CONTROL_KIND,      /* GtkDropDown: transaction, interaction, experience */
  SHZ_LINK_CONTROL_WEIGHT,    /* GtkSpinButton */
  SHZ_LINK_CONTROL_STATE,     /* GtkDropDown: as-is, to-be */
  SHZ_LINK_CONTROL_REMOVE,    /* GtkButton */
} ShzLinkControl;

/* TRUE while the "Start an Assessment" page shows: the engagement had no assessment when the
 * editor opened, and Start has not been pressed (it writes nothing; the first score or link
 * does, as one undo step). */
gboolean       shz_assessment_editor_is_empty         (ShzAssessmentEditor *self);
GtkWidget     *shz_assessment_editor_get_start_button (ShzAssessmentEditor *self);
/* The score control of @item of @framework (ids) for @state; -0.5 shows "not assessed". */
GtkSpinButton *shz_assessment_editor_get_score_spin   (ShzAssessmentEditor *self,
                                                       const char          *framework,
                                                       const char          *item,
                                                       ShzAssessmentState   state);
GtkEditable   *shz_assessment_editor_get_note_entry   (ShzAssessmentEditor *self,
                                                       const char          *framework,
                                                       const char          *item);
GtkWidget     *shz_assessment_editor_get_add_link_button (ShzAssessmentEditor *self);
guint          shz_assessment_editor_get_n_links      (ShzAssessmentEditor *self);
GtkWidget     *shz_assessment_editor_get_link_control (ShzAssessmentEditor *self,
                                                       guint                i,
                                                       ShzLinkControl       control);
/* The ids of the datasets edited (0: none yet). */
gint64         shz_assessment_editor_get_scores_dataset_id (ShzAssessmentEditor *self);
gint64         shz_assessment_editor_get_links_dataset_id  (ShzAssessmentEditor *self);

G_END_DECLS
