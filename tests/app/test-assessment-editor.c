/* test-assessment-editor.c — the assessment editor on the demo engagement and on an empty one:
 * a score changed in its control is in the store and undoes in one step, notes, links added,
 * changed and removed, and "Start an Assessment" (the first score and the first link are one
 * undo step each, their new dataset included).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "app/shz-assessment-editor.h"
#include "analysis/shz-demo.h"

/* from the resources compiled into the app library (--manual-register) */
void shz_register_resource (void);

typedef struct {
  char     *dir;
  char     *path;
  ShzStore *store;
  gint64    engagement;
  guint     changed;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("shz-assessment-editor-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "a.shuzhi", NULL);
  f->store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  if (data != NULL)
    {
      /* The demo engagement with its illustrative assessment. */
      g_autoptr(GPtrArray) list = NULL;
      g_assert_true (shz_demo_populate (f->store, &error));
      list = shz_store_list_engagements (f->store, &error);
      f->engagement = ((ShzEngagement *) g_ptr_array_index (list, 0))->id;
    }
  else
    {
      g_autoptr(ShzEngagement) e = shz_engagement_new ();
      e->name = g_strdup ("New client");
      f->engagement = shz_store_create_engagement (f->store, e, &error);
    }
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_pointer (&f->store, shz_store_free);
  d = g_dir_open (f->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
on_changed_cb (ShzAssessmentEditor *editor,
               Fixture             *f)
{
  f->changed++;
}

static ShzAssessmentEditor *
open_editor (Fixture *f)
{
  ShzAssessmentEditor *editor = shz_assessment_editor_new (NULL, f->store, f->engagement);

  g_object_ref_sink (editor);
  g_signal_connect (editor, "changed", G_CALLBACK (on_changed_cb), f);
  gtk_window_present (GTK_WINDOW (editor));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return editor;
}

static void
close_editor (ShzAssessmentEditor *editor)
{
  gtk_window_destroy (GTK_WINDOW (editor));
  g_object_unref (editor);
}

static ShzAssessment *
load (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  ShzAssessment *as = shz_assessment_load (f->store, f->engagement, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (as);
  return as;
}

static double
stored_score (Fixture            *f,
              const char         *framework,
              const char         *item,
              ShzAssessmentState  state)
{
  g_autoptr(ShzAssessment) as = load (f);
  double v = NAN;

  if (!shz_assessment_get_score (as, framework, item, state, &v))
    return NAN;
  return v;
}

static void
assert_sound (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) report = g_string_new (NULL);

  if (!shz_store_check (f->store, report, &error))
    g_error ("store check failed: %s\n%s", error ? error->message : "", report->str);
}

/* Type into a score control as a user does: the text, then Enter. */
static void
type_score (GtkSpinButton *spin,
            const char    *text)
{
  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  gtk_spin_button_update (spin);
}

static void
test_score (Fixture       *f,
            gconstpointer  data)
{
  ShzAssessmentEditor *editor = open_editor (f);
  GtkSpinButton *spin = shz_assessment_editor_get_score_spin (editor, "value-chain", "brand", SHZ_STATE_TO_BE);
  GtkSpinButton *other = shz_assessment_editor_get_score_spin (editor, "value-chain", "brand", SHZ_STATE_AS_IS);
  double before = stored_score (f, "value-chain", "brand", SHZ_STATE_TO_BE);
  double as_is = stored_score (f, "value-chain", "brand", SHZ_STATE_AS_IS);
  double target;
  gint64 scores_before = shz_assessment_editor_get_scores_dataset_id (editor);

  g_assert_false (shz_assessment_editor_is_empty (editor));
  g_assert_nonnull (spin);
  g_assert_false (isnan (before));
  /* The controls show what the store holds. */
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, before);
  g_assert_cmpfloat (gtk_spin_button_get_value (other), ==, as_is);

  /* The editor's undo acts on its own edits only, not on the store's older steps. */
  {
    g_autofree char *label = shz_store_get_undo_label (f->store);
    g_autofree char *after = NULL;
    g_assert_nonnull (label);
    gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL);
    after = shz_store_get_undo_label (f->store);
    g_assert_cmpstr (after, ==, label);
    g_assert_cmpuint (f->changed, ==, 0);
  }

  /* Step up once with the arrow's action: saved at once, ::changed emitted, one undo step. */
  target = before < 5 ? before + 0.5 : before - 0.5;
  gtk_spin_button_set_value (spin, target);
  g_assert_cmpfloat (stored_score (f, "value-chain", "brand", SHZ_STATE_TO_BE), ==, target);
  g_assert_cmpfloat (stored_score (f, "value-chain", "brand", SHZ_STATE_AS_IS), ==, as_is);
  g_assert_cmpuint (f->changed, ==, 1);
  g_assert_cmpint (shz_assessment_editor_get_scores_dataset_id (editor), !=, scores_before);
  {
    g_autofree char *label = shz_store_get_undo_label (f->store);
    g_assert_cmpstr (label, ==, "Change score of Brand (to-be)");
  }
  assert_sound (f);

  /* Ctrl+Z in the editor: the old score is back, in the store and in the control. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL));
  g_assert_cmpfloat (stored_score (f, "value-chain", "brand", SHZ_STATE_TO_BE), ==, before);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, before);
  g_assert_cmpint (shz_assessment_editor_get_scores_dataset_id (editor), ==, scores_before);
  g_assert_cmpuint (f->changed, ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.redo", NULL));
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, target);
  assert_sound (f);

  /* Typed: halves only; "–" clears the score (not assessed). */
  type_score (spin, "3.2");
  g_assert_cmpfloat (stored_score (f, "value-chain", "brand", SHZ_STATE_TO_BE), ==, 3);
  type_score (spin, "–");
  g_assert_true (isnan (stored_score (f, "value-chain", "brand", SHZ_STATE_TO_BE)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "–");
  type_score (spin, "5");
  g_assert_cmpfloat (stored_score (f, "value-chain", "brand", SHZ_STATE_TO_BE), ==, 5);
  assert_sound (f);

  /* An undo made elsewhere (the window) shows when the editor is asked to reload. */
  g_assert_true (shz_store_undo (f->store, NULL));
  shz_assessment_editor_reload (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "–");
  close_editor (editor);
}

static void
test_note (Fixture       *f,
           gconstpointer  data)
{
  ShzAssessmentEditor *editor = open_editor (f);
  GtkEditable *note = shz_assessment_editor_get_note_entry (editor, "rhc-chains", "payment");
  g_autoptr(ShzAssessment) as = NULL;

  g_assert_nonnull (note);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (note)));
  gtk_editable_set_text (note, "扫码支付已全覆盖");
  g_signal_emit_by_name (note, "activate");
  as = load (f);
  g_assert_cmpstr (shz_assessment_get_score_note (as, "rhc-chains", "payment", SHZ_STATE_AS_IS), ==, "扫码支付已全覆盖");
  g_assert_cmpstr (shz_assessment_get_score_note (as, "rhc-chains", "payment", SHZ_STATE_TO_BE), ==, "扫码支付已全覆盖");
  {
    g_autofree char *label = shz_store_get_undo_label (f->store);
    g_assert_cmpstr (label, ==, "Change note of Payment and settlement");
  }
  /* The same text again saves nothing. */
  g_signal_emit_by_name (note, "activate");
  g_assert_cmpuint (f->changed, ==, 1);

  /* Typed but not committed when the window closes: saved all the same. */
  note = shz_assessment_editor_get_note_entry (editor, "value-network", "consumer-data");
  gtk_editable_set_text (note, "CDP live since 2025");
  gtk_window_close (GTK_WINDOW (editor));
  g_clear_pointer (&as, shz_assessment_free);
  as = load (f);
  g_assert_cmpstr (shz_assessment_get_score_note (as, "value-network", "consumer-data", SHZ_STATE_TO_BE), ==,
                   "CDP live since 2025");
  g_object_unref (editor);
}

static guint
stored_links (Fixture            *f,
              const char         *kind,
              ShzAssessmentState  state)
{
  g_autoptr(ShzAssessment) as = load (f);
  guint n = 0;

  for (guint i = 0; i < shz_assessment_get_n_links (as); i++)
    {
      const ShzAssessmentLink *l = shz_assessment_get_link (as, i);
      if ((kind == NULL || g_str_equal (l->kind, kind)) && l->state == state)
        n++;
    }
  return n;
}

static void
test_links (Fixture       *f,
            gconstpointer  data)
{
  ShzAssessmentEditor *editor = open_editor (f);
  guint n = shz_assessment_editor_get_n_links (editor);
  guint to_be = stored_links (f, NULL, SHZ_STATE_TO_BE);
  guint experience = stored_links (f, "experience", SHZ_STATE_TO_BE);
  GtkWidget *w;

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, ==, to_be + stored_links (f, NULL, SHZ_STATE_AS_IS));

  /* Add: a new to-be link, in the store and in the list, focus on its source. */
  g_signal_emit_by_name (shz_assessment_editor_get_add_link_button (editor), "clicked");
  g_assert_cmpuint (shz_assessment_editor_get_n_links (editor), ==, n + 1);
  g_assert_cmpuint (stored_links (f, NULL, SHZ_STATE_TO_BE), ==, to_be + 1);
  assert_sound (f);

  /* Change its kind to 体验 and its weight. */
  w = shz_assessment_editor_get_link_control (editor, n, SHZ_LINK_CONTROL_KIND);
  g_assert_true (GTK_IS_DROP_DOWN (w));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (w), 2);
  g_assert_cmpuint (stored_links (f, "experience", SHZ_STATE_TO_BE), ==, experience + 1);
  w = shz_assessment_editor_get_link_control (editor, n, SHZ_LINK_CONTROL_WEIGHT);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (w), 4.5);
  {
    g_autoptr(ShzAssessment) as = load (f);
    const ShzAssessmentLink *l = shz_assessment_get_link (as, shz_assessment_get_n_links (as) - 1);
    g_assert_cmpstr (l->source, ==, "product");
    g_assert_cmpstr (l->target, ==, "consumer");
    g_assert_cmpstr (l->kind, ==, "experience");
    g_assert_cmpfloat (l->weight, ==, 4.5);
  }
  /* Its state: as-is. */
  w = shz_assessment_editor_get_link_control (editor, n, SHZ_LINK_CONTROL_STATE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (w), 0);
  g_assert_cmpuint (stored_links (f, NULL, SHZ_STATE_TO_BE), ==, to_be);

  /* Remove it: back to where we were; undo brings it back. */
  g_signal_emit_by_name (shz_assessment_editor_get_link_control (editor, n, SHZ_LINK_CONTROL_REMOVE), "clicked");
  g_assert_cmpuint (shz_assessment_editor_get_n_links (editor), ==, n);
  g_assert_cmpuint (stored_links (f, "experience", SHZ_STATE_TO_BE), ==, experience);
  assert_sound (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL));
  g_assert_cmpuint (shz_assessment_editor_get_n_links (editor), ==, n + 1);
  g_assert_cmpuint (f->changed, ==, 6);
  close_editor (editor);
}

static guint
n_history (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = shz_store_list_history (f->store, &error);

  g_assert_no_error (error);
  return history->len;
}

static guint
n_datasets (Fixture *f)
{
  g_autoptr(GPtrArray) datasets = shz_store_list_datasets (f->store, f->engagement, NULL);

  g_assert_nonnull (datasets);
  return datasets->len;
}

static char *
undo_label (Fixture *f)
{
  char *label = shz_store_get_undo_label (f->store);

  g_assert_nonnull (label);
  return label;
}

/* A note before any score, as the first edit of an assessment: one step with its new scores
 * dataset, which one undo removes whole; the item stays not assessed, and its first score
 * keeps the note. */
static void
test_first_note (Fixture       *f,
                 gconstpointer  data)
{
  ShzAssessmentEditor *editor = open_editor (f);
  GtkEditable *note;
  GtkSpinButton *spin;
  guint steps = n_history (f);

  g_signal_emit_by_name (shz_assessment_editor_get_start_button (editor), "clicked");
  note = shz_assessment_editor_get_note_entry (editor, "value-chain", "brand");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (note)));
  gtk_editable_set_text (note, "待访谈");
  g_signal_emit_by_name (note, "activate");

  g_assert_cmpuint (n_history (f), ==, steps + 1);
  {
    g_autofree char *label = shz_store_get_undo_label (f->store);
    g_autoptr(ShzAssessment) as = load (f);
    g_assert_cmpstr (label, ==, "Change note of Brand");
    g_assert_cmpuint (shz_assessment_get_n_scores (as), ==, 0);
    g_assert_cmpuint (shz_assessment_get_n_notes (as), ==, 1);
    g_assert_cmpstr (shz_assessment_get_note_nth (as, 0)->note, ==, "待访谈");
  }
  g_assert_cmpuint (n_datasets (f), ==, 1);
  g_assert_cmpint (shz_assessment_editor_get_scores_dataset_id (editor), >, 0);
  g_assert_cmpuint (f->changed, ==, 1);

  /* one Ctrl+Z: no dataset, no note; the editor stays on its fields */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL));
  g_assert_cmpuint (n_datasets (f), ==, 0);
  g_assert_cmpint (shz_assessment_editor_get_scores_dataset_id (editor), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (note), ==, "");
  g_assert_false (shz_assessment_editor_is_empty (editor));

  /* one Ctrl+Shift+Z: the note back; a score then keeps it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.redo", NULL));
  g_assert_cmpstr (gtk_editable_get_text (note), ==, "待访谈");
  spin = shz_assessment_editor_get_score_spin (editor, "value-chain", "brand", SHZ_STATE_AS_IS);
  type_score (spin, "2");
  {
    g_autoptr(ShzAssessment) as = load (f);
    g_assert_cmpuint (shz_assessment_get_n_notes (as), ==, 0);
    g_assert_cmpstr (shz_assessment_get_score_note (as, "value-chain", "brand", SHZ_STATE_AS_IS), ==, "待访谈");
  }
  g_assert_cmpfloat (stored_score (f, "value-chain", "brand", SHZ_STATE_AS_IS), ==, 2);
  assert_sound (f);
  close_editor (editor);
}

/* "Start an Assessment" writes nothing; the first score, and the first link, each create their
 * dataset in their own undo step: one undo leaves no dataset and no score (no empty assessment
 * behind), one redo brings both back. */
static void
test_start (Fixture       *f,
            gconstpointer  data)
{
  ShzAssessmentEditor *editor = open_editor (f);
  g_autoptr(GPtrArray) datasets = NULL;
  g_autofree char *score_label = NULL;
  g_autofree char *link_label = NULL;
  GtkSpinButton *spin;
  guint steps = n_history (f);
  gint64 scores_id, links_id;

  g_assert_true (shz_assessment_editor_is_empty (editor));
  g_assert_cmpint (shz_assessment_editor_get_scores_dataset_id (editor), ==, 0);

  g_signal_emit_by_name (shz_assessment_editor_get_start_button (editor), "clicked");
  g_assert_false (shz_assessment_editor_is_empty (editor));
  g_assert_cmpuint (f->changed, ==, 0);
  g_assert_cmpuint (n_datasets (f), ==, 0);
  g_assert_cmpuint (n_history (f), ==, steps);

  /* Nothing is invented: every control says "not assessed"; a note can be written first. */
  spin = shz_assessment_editor_get_score_spin (editor, "evolution-paths", "technology-value", SHZ_STATE_AS_IS);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "–");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (shz_assessment_editor_get_note_entry (editor, "evolution-paths",
                                                                                              "technology-value"))));
  g_assert_cmpuint (shz_assessment_editor_get_n_links (editor), ==, 0);

  /* The first score: one step, named after it, holding the new scores dataset. */
  type_score (spin, "1.5");
  g_assert_cmpfloat (stored_score (f, "evolution-paths", "technology-value", SHZ_STATE_AS_IS), ==, 1.5);
  g_assert_cmpuint (n_history (f), ==, steps + 1);
  score_label = undo_label (f);
  g_assert_true (g_str_has_prefix (score_label, "Change score of "));
  g_assert_true (g_str_has_suffix (score_label, " (as-is)"));
  datasets = shz_store_list_datasets (f->store, f->engagement, NULL);
  g_assert_cmpuint (datasets->len, ==, 1);
  {
    ShzDataset *d = datasets->pdata[0];
    g_assert_cmpint (d->kind, ==, SHZ_KIND_SCORES);
    g_assert_cmpstr (d->name, ==, "Assessment scores");
    g_assert_false (d->illustrative);
    g_assert_cmpint (d->rows, ==, 1);
  }
  scores_id = shz_assessment_editor_get_scores_dataset_id (editor);
  g_assert_cmpint (scores_id, ==, ((ShzDataset *) datasets->pdata[0])->id);
  g_assert_cmpuint (f->changed, ==, 1);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (shz_assessment_editor_get_note_entry (editor, "evolution-paths",
                                                                                             "technology-value"))));

  /* One Ctrl+Z: no dataset, no score; the editor stays open on its (empty) fields. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL));
  g_assert_cmpuint (n_datasets (f), ==, 0);
  g_assert_true (isnan (stored_score (f, "evolution-paths", "technology-value", SHZ_STATE_AS_IS)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "–");
  g_assert_cmpint (shz_assessment_editor_get_scores_dataset_id (editor), ==, 0);
  g_assert_false (shz_assessment_editor_is_empty (editor));
  {
    g_autofree char *redo = shz_store_get_redo_label (f->store);
    g_assert_cmpstr (redo, ==, score_label);
  }
  /* One Ctrl+Shift+Z: both back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.redo", NULL));
  g_assert_false (shz_store_can_redo (f->store));
  g_assert_cmpuint (n_datasets (f), ==, 1);
  g_assert_cmpfloat (stored_score (f, "evolution-paths", "technology-value", SHZ_STATE_AS_IS), ==, 1.5);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "1.5");
  g_assert_cmpint (shz_assessment_editor_get_scores_dataset_id (editor), ==, scores_id);
  g_assert_cmpuint (f->changed, ==, 3);

  /* The first link, with the scores already there: one step too, holding the links dataset. */
  g_signal_emit_by_name (shz_assessment_editor_get_add_link_button (editor), "clicked");
  g_assert_cmpuint (stored_links (f, "transaction", SHZ_STATE_TO_BE), ==, 1);
  g_assert_cmpuint (n_history (f), ==, steps + 2);
  g_assert_cmpuint (n_datasets (f), ==, 2);
  link_label = undo_label (f);
  g_assert_true (g_str_has_prefix (link_label, "Add link "));
  links_id = shz_assessment_editor_get_links_dataset_id (editor);
  g_assert_cmpint (links_id, >, 0);
  assert_sound (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL));
  g_assert_cmpuint (n_datasets (f), ==, 1);
  g_assert_cmpuint (shz_assessment_editor_get_n_links (editor), ==, 0);
  g_assert_cmpint (shz_assessment_editor_get_links_dataset_id (editor), ==, 0);
  g_assert_cmpfloat (stored_score (f, "evolution-paths", "technology-value", SHZ_STATE_AS_IS), ==, 1.5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.redo", NULL));
  g_assert_cmpuint (n_datasets (f), ==, 2);
  g_assert_cmpuint (shz_assessment_editor_get_n_links (editor), ==, 1);
  g_assert_cmpint (shz_assessment_editor_get_links_dataset_id (editor), ==, links_id);

  /* Undo both: nothing left in the store; opened again, the editor offers to start. */
  for (int i = 0; i < 2; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL));
  g_assert_cmpuint (n_datasets (f), ==, 0);
  assert_sound (f);
  close_editor (editor);
  editor = open_editor (f);
  g_assert_true (shz_assessment_editor_is_empty (editor));
  close_editor (editor);
}

/* Every control has an accessible name: the score controls and notes of every item, and each
 * control of each link. */
static void
assert_named (GtkWidget *widget)
{
  g_assert_nonnull (widget);
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    g_error ("%s has no accessible name", G_OBJECT_TYPE_NAME (widget));
}

static void
test_accessible_names (Fixture       *f,
                       gconstpointer  data)
{
  ShzAssessmentEditor *editor = open_editor (f);
  ShzCatalogue *catalogue = shz_catalogue_get_default ();
  guint n_items = 0;

  for (guint i = 0; i < shz_catalogue_get_n_frameworks (catalogue); i++)
    {
      const ShzCatFramework *fw = shz_catalogue_get_framework (catalogue, i);
      for (guint j = 0; j < fw->items->len; j++)
        {
          const ShzCatItem *item = fw->items->pdata[j];
          if (!item->scored)
            continue;
          assert_named (GTK_WIDGET (shz_assessment_editor_get_score_spin (editor, fw->id, item->id, SHZ_STATE_AS_IS)));
          assert_named (GTK_WIDGET (shz_assessment_editor_get_score_spin (editor, fw->id, item->id, SHZ_STATE_TO_BE)));
          assert_named (GTK_WIDGET (shz_assessment_editor_get_note_entry (editor, fw->id, item->id)));
          n_items++;
        }
    }
  /* 11 value-chain, 16 value-network, 24 人货场, 3 paths */
  g_assert_cmpuint (n_items, >=, 50);
  g_assert_cmpuint (shz_assessment_editor_get_n_links (editor), >, 0);
  for (guint i = 0; i < shz_assessment_editor_get_n_links (editor); i++)
    for (int c = SHZ_LINK_CONTROL_SOURCE; c <= SHZ_LINK_CONTROL_REMOVE; c++)
      assert_named (shz_assessment_editor_get_link_control (editor, i, c));
  assert_named (shz_assessment_editor_get_add_link_button (editor));
  close_editor (editor);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) ro = shz_store_open (f->path, SHZ_STORE_OPEN_READ_ONLY, &error);
  ShzAssessmentEditor *editor;

  g_assert_no_error (error);
  editor = shz_assessment_editor_new (NULL, ro, f->engagement);
  g_object_ref_sink (editor);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (shz_assessment_editor_get_score_spin (editor, "value-chain", "brand",
                                                                                            SHZ_STATE_AS_IS))));
  close_editor (editor);
}

int
main (int    argc,
      char **argv)
{
  /* The test AT context records accessible properties (GTK_A11Y=none records none). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  shz_register_resource ();
#define ADD(path, demo, fn) g_test_add (path, Fixture, demo, fixture_set_up, fn, fixture_tear_down)
  ADD ("/app/assessment-editor/score", "demo", test_score);
  ADD ("/app/assessment-editor/note", "demo", test_note);
  ADD ("/app/assessment-editor/links", "demo", test_links);
  ADD ("/app/assessment-editor/start", NULL, test_start);
  ADD ("/app/assessment-editor/first-note", NULL, test_first_note);
  ADD ("/app/assessment-editor/accessible-names", "demo", test_accessible_names);
  ADD ("/app/assessment-editor/read-only", "demo", test_read_only);
#undef ADD
  return g_test_run ();
}
