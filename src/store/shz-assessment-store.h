/* shz-assessment-store.h — row edits of a client's assessment (scores and links datasets) for
 * the assessment editor: change, add or remove one row, start an empty assessment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/shz-store.h"

G_BEGIN_DECLS

/* Row tables are not in the undo log (docs/store.md), so every edit here replaces the dataset by
 * an edited copy — same name, kind, provenance, import time, note and flags, rows in the same
 * order with the same row numbers — and puts the old one in the trash, in one transaction that
 * is one undo step named @label (translated; NULL: a generic label).  Undo brings the old
 * dataset back whole; redo the edited one.  An assessment has tens of rows, so a copy costs
 * little; the copies no step can bring back are purged when the store is closed.
 *
 * Each edit returns the id of the dataset that holds the rows afterwards (readers find it by
 * name or as the newest of its kind, as before), or 0 with @error set and nothing changed.
 * The dataset's row count is kept.
 *
 * Inside a caller's step (shz_store_begin_step … end_step) an edit joins it: the first score,
 * note or link of an engagement creates its dataset (shz_store_create_assessment_dataset) and
 * writes the row as one undo step, named by the caller.  A dataset created in the same step is
 * edited in place, not copied: undoing the step hides it whole, and no empty dataset is left in
 * the trash.  A failed edit there rolls back either nothing (its
 * arguments or the dataset were refused before it wrote) or the caller's whole transaction; in
 * both cases the caller calls shz_store_cancel_step(), a no-op in the second. */

/* Set the row @row->row_no of scores dataset @dataset_id to @row's framework, item, score,
 * state and note; @row->row_no == 0 appends a new row (the next row number, in *@out_row_no).
 * @row->score NAN: the item is not assessed in that state and the row only carries its note
 * (which must then be set) — a note written before any score, or kept when the last score of
 * the item is cleared. */
gint64   shz_store_set_score_row   (ShzStore          *store,
                                    gint64             dataset_id,
                                    const ShzScoreRow *row,
                                    const char        *label,
                                    gint64            *out_row_no,
                                    GError           **error);
/* The note of several rows at once (an item's as-is and to-be rows); NULL or "" clears it. */
gint64   shz_store_set_score_notes (ShzStore          *store,
                                    gint64             dataset_id,
                                    const gint64      *row_nos,
                                    guint              n_rows,
                                    const char        *note,
                                    const char        *label,
                                    GError           **error);
/* The same for a links dataset. */
gint64   shz_store_set_link_row    (ShzStore          *store,
                                    gint64             dataset_id,
                                    const ShzLinkRow  *row,
                                    const char        *label,
                                    gint64            *out_row_no,
                                    GError           **error);
/* Remove row @row_no of a scores or links dataset. */
gint64   shz_store_delete_assessment_row (ShzStore    *store,
                                          gint64       dataset_id,
                                          gint64       row_no,
                                          const char  *label,
                                          GError     **error);

/* An empty scores or links dataset for engagement @engagement_id, named @name (made unique
 * with " (2)" … when taken), entered by hand: not illustrative, no source file.  One undo step
 * of its own unless the caller opened one (shz_store_begin_step) to group it with the first
 * edit of its rows, or with the other dataset.
 * Returns its id or 0. */
gint64   shz_store_create_assessment_dataset (ShzStore        *store,
                                              gint64           engagement_id,
                                              ShzDatasetKind   kind,
                                              const char      *name,
                                              GError         **error);

G_END_DECLS
