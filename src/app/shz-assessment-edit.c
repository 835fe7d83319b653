/* shz-assessment-edit.c — the score control, step names and writes shared by the assessment
 * editor and the inspector (see the header).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-app"
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "shz-assessment-edit.h"
#include "store/shz-assessment-store.h"

const char *
shz_assessment_edit_lang (void)
{
  const char * const *names = g_get_language_names ();

  return names[0] != NULL && g_ascii_strncasecmp (names[0], "zh", 2) == 0 ? "zh_CN" : "en";
}

const char *
shz_assessment_edit_state_label (ShzAssessmentState state)
{
  return state == SHZ_STATE_AS_IS ? _("as-is") : _("to-be");
}

/* ---- the score control ---- */

static gboolean
on_score_output_cb (GtkSpinButton *spin,
                    gpointer       user_data)
{
  double v = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  g_autofree char *text = NULL;

  if (v < 0)
    text = g_strdup ("–");
  else
    text = g_strdup_printf ("%.1f", v);
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_score_input_cb (GtkSpinButton *spin,
                   double        *new_value,
                   gpointer       user_data)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  char *end = NULL;
  double v;

  if (text[0] == '\0' || g_str_equal (text, "–") || g_str_equal (text, "-") || g_str_equal (text, "—"))
    {
      *new_value = SHZ_SCORE_NOT_ASSESSED;
      return TRUE;
    }
  g_strdelimit (text, ",", '.');
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v))
    return GTK_INPUT_ERROR;
  /* Halves only, as the arrows step; below 0 means "not assessed". */
  *new_value = v < 0 ? SHZ_SCORE_NOT_ASSESSED : CLAMP (round (v * 2) / 2, 0, SHZ_SCORE_MAX);
  return TRUE;
}

GtkSpinButton *
shz_score_spin_new (void)
{
  GtkAdjustment *adj = gtk_adjustment_new (SHZ_SCORE_NOT_ASSESSED, SHZ_SCORE_NOT_ASSESSED, SHZ_SCORE_MAX,
                                           0.5, 1, 0);
  GtkWidget *spin = gtk_spin_button_new (adj, 0.5, 1);

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 3);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  g_signal_connect (spin, "output", G_CALLBACK (on_score_output_cb), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (on_score_input_cb), NULL);
  on_score_output_cb (GTK_SPIN_BUTTON (spin), NULL);
  return GTK_SPIN_BUTTON (spin);
}

void
shz_score_spin_set_value (GtkSpinButton *spin,
                          double         value)
{
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));
  gtk_spin_button_set_value (spin, isfinite (value) && value >= 0 ? value : SHZ_SCORE_NOT_ASSESSED);
  on_score_output_cb (spin, NULL);
}

/* ---- datasets ---- */

gint64
shz_assessment_edit_newest_dataset (ShzStore       *store,
                                    gint64          engagement_id,
                                    ShzDatasetKind  kind)
{
  g_autoptr(GPtrArray) all = shz_store_list_datasets (store, engagement_id, NULL);
  ShzDataset *best = NULL;

  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      ShzDataset *d = all->pdata[i];
      if (d->kind == kind && (best == NULL || g_strcmp0 (d->imported, best->imported) > 0 ||
                              (g_strcmp0 (d->imported, best->imported) == 0 && d->id > best->id)))
        best = d;
    }
  return best != NULL ? best->id : 0;
}

/* ---- writes ---- */

/* The first score, note or link of an engagement that has no dataset of @kind: open the edit's
 * step (named @label) and create the dataset in it, so that the dataset and the edit written
 * next are one undo step — one Ctrl+Z takes both away, not the edit first and an empty dataset
 * next.  The id of the new dataset, or 0 with nothing left open. */
static gint64
begin_first_edit (ShzStore        *store,
                  gint64           engagement_id,
                  ShzDatasetKind   kind,
                  const char      *label,
                  GError         **error)
{
  gint64 id;

  if (!shz_store_begin_step (store, label, error))
    return 0;
  id = shz_store_create_assessment_dataset (store, engagement_id, kind,
                                            kind == SHZ_KIND_SCORES ? _("Assessment scores")
                                                                    : _("Value-network links"),
                                            error);
  if (id == 0)
    shz_store_cancel_step (store);
  return id;
}

/* Close a step opened here: committed when the edits gave @id, else rolled back (an edit may
 * have rolled it back already: cancelling is then a no-op). */
static gint64
end_edit_step (ShzStore  *store,
               gint64     id,
               GError   **error)
{
  if (id != 0 && shz_store_end_step (store, error))
    return id;
  shz_store_cancel_step (store);
  return 0;
}

const char *
shz_assessment_edit_item_rows (ShzAssessment *as,
                               const char    *framework,
                               const char    *item,
                               ShzItemRows   *rows)
{
  const char *note = NULL;

  memset (rows, 0, sizeof *rows);
  if (as == NULL)
    return NULL;
  for (guint i = 0; i < shz_assessment_get_n_scores (as); i++)
    {
      const ShzAssessmentScore *s = shz_assessment_get_score_nth (as, i);

      if (g_strcmp0 (s->framework, framework) != 0 || g_strcmp0 (s->item, item) != 0)
        continue;
      rows->row_no[s->state] = s->row_no;
      rows->scored[s->state] = TRUE;
      if (s->note != NULL && (note == NULL || s->state == SHZ_STATE_AS_IS))
        note = s->note;
    }
  /* a note alone, when the item has no score at all */
  for (guint i = 0; rows->row_no[0] == 0 && rows->row_no[1] == 0 && i < shz_assessment_get_n_notes (as); i++)
    {
      const ShzAssessmentNote *n = shz_assessment_get_note_nth (as, i);

      if (g_strcmp0 (n->framework, framework) == 0 && g_strcmp0 (n->item, item) == 0)
        {
          rows->row_no[n->state] = n->row_no;
          note = n->note;
        }
    }
  return note;
}

gint64
shz_assessment_edit_set_score (ShzStore           *store,
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
                               GError            **error)
{
  ShzAssessmentState other = state == SHZ_STATE_AS_IS ? SHZ_STATE_TO_BE : SHZ_STATE_AS_IS;
  g_autofree char *label = NULL;
  gint64 id;

  g_return_val_if_fail (rows != NULL, 0);

  if (value < 0 || !isfinite (value))
    {
      ShzScoreRow row = { rows->row_no[state], framework, item, NAN, shz_assessment_state_to_string (state), note };

      g_return_val_if_fail (dataset_id > 0 && rows->row_no[state] > 0 && rows->scored[state], 0);
      label = g_strdup_printf (_("Clear score of %s (%s)"), item_label, shz_assessment_edit_state_label (state));
      /* the item's last score: its note stays, on the row, which loses only its score */
      if (note != NULL && note[0] != '\0' && rows->row_no[other] == 0)
        id = shz_store_set_score_row (store, dataset_id, &row, label, NULL, error);
      else
        {
          id = shz_store_delete_assessment_row (store, dataset_id, rows->row_no[state], label, error);
          if (id != 0)
            rows->row_no[state] = 0;
        }
      if (id != 0)
        rows->scored[state] = FALSE;
    }
  else
    {
      ShzScoreRow row = { rows->row_no[state], framework, item, value, shz_assessment_state_to_string (state), note };
      gint64 new_row_no;
      gboolean first = dataset_id == 0;
      /* the row that only carries the note becomes this score's row */
      gboolean take_note_row = row.row_no == 0 && rows->row_no[other] > 0 && !rows->scored[other];

      g_return_val_if_fail (!first || (rows->row_no[0] == 0 && rows->row_no[1] == 0), 0);
      if (take_note_row)
        row.row_no = rows->row_no[other];
      new_row_no = row.row_no;
      label = g_strdup_printf (_("Change score of %s (%s)"), item_label, shz_assessment_edit_state_label (state));
      if (first)
        dataset_id = begin_first_edit (store, engagement_id, SHZ_KIND_SCORES, label, error);
      id = dataset_id != 0 ? shz_store_set_score_row (store, dataset_id, &row, label, &new_row_no, error) : 0;
      if (first && dataset_id != 0)
        id = end_edit_step (store, id, error);
      if (id != 0)
        {
          if (take_note_row)
            rows->row_no[other] = 0;
          rows->row_no[state] = new_row_no;
          rows->scored[state] = TRUE;
        }
    }
  if (id != 0 && out_label != NULL)
    *out_label = g_steal_pointer (&label);
  return id;
}

gint64
shz_assessment_edit_set_note (ShzStore      *store,
                              gint64         engagement_id,
                              gint64         dataset_id,
                              const char    *framework,
                              const char    *item,
                              const char    *item_label,
                              const char    *note,
                              ShzItemRows   *rows,
                              char         **out_label,
                              GError       **error)
{
  g_autofree char *label = g_strdup_printf (_("Change note of %s"), item_label);
  gboolean clear = note == NULL || note[0] == '\0';
  gint64 keep[2], drop[2];
  guint n_keep = 0, n_drop = 0;
  gint64 id;

  g_return_val_if_fail (rows != NULL, 0);

  for (int s = 0; s < 2; s++)
    if (rows->row_no[s] > 0)
      {
        if (clear && !rows->scored[s])
          drop[n_drop++] = rows->row_no[s];
        else
          keep[n_keep++] = rows->row_no[s];
      }

  if (n_keep == 0 && n_drop == 0)
    {
      /* no score yet: the note gets a row of its own, as the first edit if need be */
      ShzScoreRow row = { 0, framework, item, NAN, shz_assessment_state_to_string (SHZ_STATE_AS_IS), note };
      gboolean first = dataset_id == 0;
      gint64 new_row_no = 0;

      g_return_val_if_fail (!clear, 0);
      if (first)
        dataset_id = begin_first_edit (store, engagement_id, SHZ_KIND_SCORES, label, error);
      id = dataset_id != 0 ? shz_store_set_score_row (store, dataset_id, &row, label, &new_row_no, error) : 0;
      if (first && dataset_id != 0)
        id = end_edit_step (store, id, error);
      if (id != 0)
        rows->row_no[SHZ_STATE_AS_IS] = new_row_no;
    }
  else
    {
      g_return_val_if_fail (dataset_id > 0, 0);
      /* a cleared note takes its own row along; scored rows only lose their note */
      if (!shz_store_begin_step (store, label, error))
        return 0;
      id = dataset_id;
      for (guint i = 0; id != 0 && i < n_drop; i++)
        id = shz_store_delete_assessment_row (store, id, drop[i], label, error);
      if (id != 0 && n_keep > 0)
        id = shz_store_set_score_notes (store, id, keep, n_keep, note, label, error);
      id = end_edit_step (store, id, error);
      for (int s = 0; id != 0 && s < 2; s++)
        if (clear && !rows->scored[s])
          rows->row_no[s] = 0;
    }
  if (id != 0 && out_label != NULL)
    *out_label = g_steal_pointer (&label);
  return id;
}

char *
shz_assessment_edit_link_label (ShzLinkEdit         edit,
                                const char         *source_label,
                                const char         *target_label,
                                ShzAssessmentState  state)
{
  const char *s = shz_assessment_edit_state_label (state);

  switch (edit)
    {
    case SHZ_LINK_EDIT_ADD:
      return g_strdup_printf (_("Add link %s → %s (%s)"), source_label, target_label, s);
    case SHZ_LINK_EDIT_REMOVE:
      return g_strdup_printf (_("Remove link %s → %s (%s)"), source_label, target_label, s);
    case SHZ_LINK_EDIT_CHANGE:
    default:
      return g_strdup_printf (_("Change link %s → %s (%s)"), source_label, target_label, s);
    }
}

gint64
shz_assessment_edit_write_link (ShzStore          *store,
                                gint64             engagement_id,
                                gint64             dataset_id,
                                ShzLinkEdit        edit,
                                const ShzLinkRow  *row,
                                const char        *label,
                                GError           **error)
{
  gint64 id;

  g_return_val_if_fail (row != NULL, 0);
  g_return_val_if_fail (dataset_id > 0 || edit == SHZ_LINK_EDIT_ADD, 0);

  if (edit == SHZ_LINK_EDIT_REMOVE)
    return shz_store_delete_assessment_row (store, dataset_id, row->row_no, label, error);
  if (dataset_id > 0)
    return shz_store_set_link_row (store, dataset_id, row, label, NULL, error);
  dataset_id = begin_first_edit (store, engagement_id, SHZ_KIND_LINKS, label, error);
  if (dataset_id == 0)
    return 0;
  id = shz_store_set_link_row (store, dataset_id, row, label, NULL, error);
  return end_edit_step (store, id, error);
}
