/* shz-assessment-edit.h — what the assessment editor and the inspector share to edit a client's
 * assessment: the score control (0–5 in half steps, "–" for not assessed), the names of the undo
 * steps, and the writes through shz-assessment-store that make them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "analysis/shz-assessment.h"
#include "store/shz-store.h"

G_BEGIN_DECLS

/* The value a score control shows as "–": the item is not assessed in that state. */
#define SHZ_SCORE_NOT_ASSESSED (-0.5)

/* The catalogue's labels in the interface's language: "zh_CN" or "en". */
const char    *shz_assessment_edit_lang          (void);
/* "as-is" / "to-be", translated, for step names and accessible names. */
const char    *shz_assessment_edit_state_label   (ShzAssessmentState state);

/* A score control: −0.5 (shown as "–", not assessed) to 5 in half steps; typing "–", "-" or
 * nothing means not assessed, other values are rounded to a half. */
GtkSpinButton *shz_score_spin_new                (void);
/* Show @value (< 0 or NaN: not assessed) without the text lagging behind. */
void           shz_score_spin_set_value          (GtkSpinButton *spin,
                                                  double         value);

/* The newest live dataset of @kind of the engagement, as shz_assessment_load() picks it; 0 if
 * none. */
gint64         shz_assessment_edit_newest_dataset (ShzStore       *store,
                                                   gint64          engagement_id,
                                                   ShzDatasetKind  kind);
/* An item's rows in the scores dataset.  An item has a row with a score per assessed state
 * (each carrying the item's note), or — not assessed at all but with a note — one row with no
 * score that only carries the note, or no row. */
typedef struct {
  gint64   row_no[2];   /* by ShzAssessmentState; 0: no row */
  gboolean scored[2];   /* that row holds a score (else it only carries the note) */
} ShzItemRows;

/* Fill @rows with @item's rows in @as (NULL: none) and return its note (borrowed, NULL: none):
 * one note per item, the as-is row's, else the to-be row's. */
const char    *shz_assessment_edit_item_rows     (ShzAssessment      *as,
                                                  const char         *framework,
                                                  const char         *item,
                                                  ShzItemRows        *rows);
/* Set (@value ≥ 0) or clear (@value < 0) the @state score of @item in @framework, one undo
 * step named after @item_label ("Change score of 品牌 (to-be)").  A score where the item only
 * has its note takes that note's row; clearing the item's last score keeps its @note (if any)
 * on the row, else removes the row.  @dataset_id 0: engagement @engagement_id has no scores
 * dataset yet, and this first score starts one ("Assessment scores") in the same step — one
 * undo removes both, one redo brings both back.  @rows: the item's rows before, updated to the
 * rows after.  Returns the scores dataset's new id, or 0 with @error set and nothing changed;
 * the step's name in *@out_label. */
gint64         shz_assessment_edit_set_score     (ShzStore           *store,
                                                  gint64              engagement_id,
                                                  gint64              dataset_id,
                                                  const char         *framework,
                                                  const char         *item,
                                                  const char         *item_label,
                                                  ShzAssessmentState  state,
                                                  double              value,
                                                  const char         *note,
                                                  ShzItemRows        *rows,
                                                  char              **out_label,
                                                  GError            **error);
/* The note of @item ("Change note of 品牌"), with or without scores: on its scored rows, or on
 * a row of its own when it has no score yet (cleared: that row goes).  @dataset_id 0: this
 * first note starts the scores dataset in the same step, as the first score does.  @rows as
 * for shz_assessment_edit_set_score(). */
gint64         shz_assessment_edit_set_note      (ShzStore           *store,
                                                  gint64              engagement_id,
                                                  gint64              dataset_id,
                                                  const char         *framework,
                                                  const char         *item,
                                                  const char         *item_label,
                                                  const char         *note,
                                                  ShzItemRows        *rows,
                                                  char              **out_label,
                                                  GError            **error);

typedef enum {
  SHZ_LINK_EDIT_ADD,
  SHZ_LINK_EDIT_CHANGE,
  SHZ_LINK_EDIT_REMOVE,
} ShzLinkEdit;

/* "Add link 商品 → 消费者 (to-be)", "Change link …", "Remove link …". */
char          *shz_assessment_edit_link_label    (ShzLinkEdit         edit,
                                                  const char         *source_label,
                                                  const char         *target_label,
                                                  ShzAssessmentState  state);
/* Write @row (SHZ_LINK_EDIT_ADD, CHANGE) or remove row @row->row_no (REMOVE) as one step
 * named @label; @dataset_id 0 (ADD only): engagement @engagement_id has no links dataset yet,
 * and this first link starts one ("Value-network links") in the same step.  Returns the links
 * dataset's new id, or 0 with @error set and nothing changed. */
gint64         shz_assessment_edit_write_link    (ShzStore          *store,
                                                  gint64             engagement_id,
                                                  gint64             dataset_id,
                                                  ShzLinkEdit        edit,
                                                  const ShzLinkRow  *row,
                                                  const char        *label,
                                                  GError           **error);

G_END_DECLS
