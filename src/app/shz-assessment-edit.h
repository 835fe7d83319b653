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
/* Set (@value ≥ 0) or clear (@value < 0: remove the row) the @state score of @item in
 * @framework, one undo step named after @item_label ("Change score of 品牌 (to-be)").
 * @dataset_id 0: engagement @engagement_id has no scores dataset yet, and this first score
 * starts one ("Assessment scores") in the same step — one undo removes both, one redo brings
 * both back.  *@row_no: the row (0: none yet) before, the row after (0 once cleared).  Returns
 * the scores dataset's new id, or 0 with @error set and nothing changed; the step's name in
 * *@out_label. */
gint64         shz_assessment_edit_set_score     (ShzStore           *store,
                                                  gint64              engagement_id,
                                                  gint64              dataset_id,
                                                  const char         *framework,
                                                  const char         *item,
                                                  const char         *item_label,
                                                  ShzAssessmentState  state,
                                                  double              value,
                                                  const char         *note,
                                                  gint64             *row_no,
                                                  char              **out_label,
                                                  GError            **error);
/* The note of an item's rows (@row_nos, its as-is and to-be rows): "Change note of 品牌". */
gint64         shz_assessment_edit_set_note      (ShzStore      *store,
                                                  gint64         dataset_id,
                                                  const gint64  *row_nos,
                                                  guint          n_rows,
                                                  const char    *note,
                                                  const char    *item_label,
                                                  char         **out_label,
                                                  GError       **error);

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
