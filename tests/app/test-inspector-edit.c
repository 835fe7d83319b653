/* test-inspector-edit.c — editing a value-network item in the chart page's inspector: a node's
 * to-be score and a link's weight and kind changed through the inspector's controls, and a link
 * removed, are each one undoable step in the store; the chart reads them again with the item
 * still selected (the focus back in its field); undo in the store brings the old values back.
 * Every network kind's nodes have score fields; an engagement's first score starts its scores
 * dataset.  A read-only store shows the values without controls.
 *
 * SHZ_TEST_SCREENSHOT=DIR saves PNGs of the page with a node and a link selected into DIR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>

#include "app/shz-chart-page.h"
#include "app/shz-chart-view.h"
#include "app/shz-data-view.h"
#include "app/shz-inspector.h"
#include "analysis/shz-assessment.h"
#include "charts/shz-network-chart.h"
#include "shz-test-app.h"

static ShzTestApp *app;

static char *
undo_label (void)
{
  char *label = shz_store_get_undo_label (app->store);

  g_assert_nonnull (label);
  return label;
}

/* The score in the store now, read as the charts read it. */
static gboolean
stored_score (const char         *item,
              ShzAssessmentState  state,
              double             *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzAssessment) as = shz_assessment_load (app->store, app->demo_id, NULL, NULL, &error);

  g_assert_no_error (error);
  return shz_assessment_get_score (as, SHZ_FRAMEWORK_VALUE_NETWORK, item, state, out);
}

static const ShzAssessmentLink *
find_link (ShzAssessment      *as,
           const char         *source,
           const char         *target,
           const char         *kind,
           ShzAssessmentState  state)
{
  for (guint i = 0; i < shz_assessment_get_n_links (as); i++)
    {
      const ShzAssessmentLink *k = shz_assessment_get_link (as, i);
      if (g_str_equal (k->source, source) && g_str_equal (k->target, target) &&
          (kind == NULL || g_str_equal (k->kind, kind)) && k->state == state)
        return k;
    }
  return NULL;
}

static ShzAssessment *
chart_assessment (ShzChart *chart)
{
  return shz_network_chart_get_assessment (SHZ_NETWORK_CHART (chart));
}

static GtkWidget *
new_page_with (ShzStore           *s,
               gint64              engagement_id,
               const char * const *kinds,
               GtkWindow         **out_window)
{
  GtkWidget *page = shz_chart_page_new (kinds);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  shz_chart_page_set_engagement (SHZ_CHART_PAGE (page), s, engagement_id);
  *out_window = window;
  return page;
}

static GtkWidget *
new_page_for (ShzStore   *s,
              gint64      engagement_id,
              GtkWindow **out_window)
{
  const char *kinds[] = { "value-network", "network-compare", NULL };

  return new_page_with (s, engagement_id, kinds, out_window);
}

static GtkWidget *
new_page (ShzStore   *s,
          GtkWindow **out_window)
{
  return new_page_for (s, app->demo_id, out_window);
}

/* Controls of any kind under @widget a user could change. */
static guint
count_controls (GtkWidget *widget)
{
  guint n = 0;

  if (!gtk_widget_get_visible (widget))
    return 0;
  if (GTK_IS_SPIN_BUTTON (widget) || ADW_IS_COMBO_ROW (widget) || ADW_IS_ENTRY_ROW (widget) ||
      (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "destructive-action")))
    n++;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_controls (c);
  return n;
}

static void
test_node_score (void)
{
  GtkWindow *window;
  GtkWidget *page = new_page (app->store, &window);
  ShzChartView *view = SHZ_CHART_VIEW (shz_chart_page_get_view (SHZ_CHART_PAGE (page)));
  ShzInspector *inspector = SHZ_INSPECTOR (shz_chart_page_get_inspector (SHZ_CHART_PAGE (page)));
  ShzChart *chart = shz_test_wait_for_chart (page);
  GtkSpinButton *spin;
  double before = NAN, after = NAN, v;
  g_autofree char *label = NULL;
  GtkWidget *focus;

  /* the demo's brand: scored in the value network, as-is and to-be */
  g_assert_true (shz_assessment_get_score (chart_assessment (chart), SHZ_FRAMEWORK_VALUE_NETWORK, "brand",
                                           SHZ_STATE_TO_BE, &before));
  after = before >= 4.5 ? 1.0 : before + 0.5;
  shz_chart_view_set_selected (view, "brand");
  spin = shz_inspector_get_score_spin (inspector, NULL, SHZ_STATE_TO_BE);
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, before);
  g_assert_nonnull (shz_inspector_get_score_spin (inspector, SHZ_FRAMEWORK_VALUE_NETWORK, SHZ_STATE_AS_IS));
  g_assert_nonnull (shz_inspector_get_note_row (inspector, NULL));
  shz_test_save_screenshot (window, app->english ? "inspector-node-en.png" : "inspector-node-zh_CN.png");

  /* Tab from the chart reaches the score fields */
  {
    GtkWidget *to_be = GTK_WIDGET (spin);
    gboolean reached = FALSE;

    gtk_widget_grab_focus (GTK_WIDGET (view));
    for (guint i = 0; i < 12 && !reached; i++)
      {
        GtkWidget *f;

        gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
        f = gtk_root_get_focus (GTK_ROOT (window));
        reached = f != NULL && (f == to_be || gtk_widget_is_ancestor (f, to_be));
      }
    g_assert_true (reached);
  }

  /* typing a value and pressing Enter: one step, saved, drawn */
  gtk_widget_grab_focus (GTK_WIDGET (spin));
  {
    g_autofree char *text = g_strdup_printf ("%.1f", after);
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
    gtk_spin_button_update (spin);   /* what Enter does */
  }
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, after);
  label = undo_label ();
  if (app->english)
    g_assert_cmpstr (label, ==, "Change score of Brand (to-be)");
  else
    g_assert_nonnull (strstr (label, "品牌"));
  g_assert_true (stored_score ("brand", SHZ_STATE_TO_BE, &v));
  g_assert_cmpfloat (v, ==, after);
  g_assert_true (shz_chart_page_is_loading (SHZ_CHART_PAGE (page)));
  chart = shz_test_wait_for_chart (page);
  g_assert_true (shz_assessment_get_score (chart_assessment (chart), SHZ_FRAMEWORK_VALUE_NETWORK, "brand",
                                           SHZ_STATE_TO_BE, &v));
  g_assert_cmpfloat (v, ==, after);
  /* the same item stays selected, its new value shown, the focus back in its field */
  g_assert_cmpstr (shz_chart_view_get_selected (view), ==, "brand");
  g_assert_cmpstr (shz_inspector_get_item_id (inspector), ==, "brand");
  spin = shz_inspector_get_score_spin (inspector, NULL, SHZ_STATE_TO_BE);
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, after);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus != NULL && (focus == GTK_WIDGET (spin) || gtk_widget_is_ancestor (focus, GTK_WIDGET (spin))));

  /* undo in the store (what Ctrl+Z does): the old score, in the store and on the chart */
  shz_test_undo_redo (app->store, page, FALSE);
  chart = shz_test_wait_for_chart (page);
  g_assert_true (stored_score ("brand", SHZ_STATE_TO_BE, &v));
  g_assert_cmpfloat (v, ==, before);
  g_assert_true (shz_assessment_get_score (chart_assessment (chart), SHZ_FRAMEWORK_VALUE_NETWORK, "brand",
                                           SHZ_STATE_TO_BE, &v));
  g_assert_cmpfloat (v, ==, before);
  g_assert_cmpstr (shz_chart_view_get_selected (view), ==, "brand");
  spin = shz_inspector_get_score_spin (inspector, NULL, SHZ_STATE_TO_BE);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, before);
  /* … with the focus still in the field it was in */
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus != NULL && (focus == GTK_WIDGET (spin) || gtk_widget_is_ancestor (focus, GTK_WIDGET (spin))));

  /* "–" clears the score: not assessed, one step; undo brings it back */
  gtk_spin_button_set_value (spin, -0.5);
  g_clear_pointer (&label, g_free);
  label = undo_label ();
  if (app->english)
    g_assert_cmpstr (label, ==, "Clear score of Brand (to-be)");
  g_assert_false (stored_score ("brand", SHZ_STATE_TO_BE, &v));
  chart = shz_test_wait_for_chart (page);
  g_assert_false (shz_assessment_get_score (chart_assessment (chart), SHZ_FRAMEWORK_VALUE_NETWORK, "brand",
                                            SHZ_STATE_TO_BE, &v));
  {
    g_autofree char *dump = shz_inspector_dump (inspector);
    if (app->english)
      g_assert_nonnull (strstr (dump, "Score (to-be, Full-link ring value network): –"));
  }
  shz_test_save_screenshot (window, app->english ? "inspector-node-cleared-en.png" : "inspector-node-cleared-zh_CN.png");
  shz_test_undo_redo (app->store, page, FALSE);
  chart = shz_test_wait_for_chart (page);
  g_assert_true (stored_score ("brand", SHZ_STATE_TO_BE, &v));
  g_assert_cmpfloat (v, ==, before);

  /* the note: applied once, one step */
  {
    GtkEditable *note = shz_inspector_get_note_row (inspector, NULL);

    g_assert_nonnull (note);
    gtk_editable_set_text (note, "Own flagship stores");
    g_signal_emit_by_name (note, "apply");
    g_clear_pointer (&label, g_free);
    label = undo_label ();
    if (app->english)
      g_assert_cmpstr (label, ==, "Change note of Brand");
    chart = shz_test_wait_for_chart (page);
    g_assert_cmpstr (shz_assessment_get_score_note (chart_assessment (chart), SHZ_FRAMEWORK_VALUE_NETWORK,
                                                    "brand", SHZ_STATE_TO_BE), ==, "Own flagship stores");
    note = shz_inspector_get_note_row (inspector, NULL);
    g_assert_cmpstr (gtk_editable_get_text (note), ==, "Own flagship stores");
    shz_test_undo_redo (app->store, page, FALSE);
    chart = shz_test_wait_for_chart (page);
  }
  gtk_window_destroy (window);
}

static void
test_link (void)
{
  GtkWindow *window;
  GtkWidget *page = new_page (app->store, &window);
  ShzChartView *view = SHZ_CHART_VIEW (shz_chart_page_get_view (SHZ_CHART_PAGE (page)));
  ShzInspector *inspector = SHZ_INSPECTOR (shz_chart_page_get_inspector (SHZ_CHART_PAGE (page)));
  ShzChart *chart = shz_test_wait_for_chart (page);
  const char *id = "link:retail>consumer:transaction";
  const ShzAssessmentLink *k;
  GtkWidget *weight, *kind, *remove;
  double before;
  g_autofree char *label = NULL;
  g_autofree char *selected = NULL;

  k = find_link (chart_assessment (chart), "retail", "consumer", "transaction", SHZ_STATE_TO_BE);
  g_assert_nonnull (k);
  before = k->weight;
  shz_chart_view_set_selected (view, id);
  g_assert_cmpstr (shz_inspector_get_item_id (inspector), ==, id);
  weight = shz_inspector_get_link_control (inspector, 0, SHZ_INSPECTOR_LINK_WEIGHT);
  kind = shz_inspector_get_link_control (inspector, 0, SHZ_INSPECTOR_LINK_KIND);
  remove = shz_inspector_get_link_control (inspector, 0, SHZ_INSPECTOR_LINK_REMOVE);
  g_assert_true (GTK_IS_SPIN_BUTTON (weight));
  g_assert_true (ADW_IS_COMBO_ROW (kind));
  g_assert_true (GTK_IS_BUTTON (remove));
  /* the value network draws one state (to-be): one link's controls */
  g_assert_null (shz_inspector_get_link_control (inspector, 1, SHZ_INSPECTOR_LINK_WEIGHT));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (weight)), ==, before);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (kind)), ==, 0);   /* transaction */
  shz_test_save_screenshot (window, app->english ? "inspector-link-en.png" : "inspector-link-zh_CN.png");

  /* the weight */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (weight), before + 1.5);
  label = undo_label ();
  if (app->english)
    g_assert_cmpstr (label, ==, "Change link Retail → Consumer (to-be)");
  chart = shz_test_wait_for_chart (page);
  k = find_link (chart_assessment (chart), "retail", "consumer", "transaction", SHZ_STATE_TO_BE);
  g_assert_nonnull (k);
  g_assert_cmpfloat (k->weight, ==, before + 1.5);
  g_assert_cmpstr (shz_chart_view_get_selected (view), ==, id);
  weight = shz_inspector_get_link_control (inspector, 0, SHZ_INSPECTOR_LINK_WEIGHT);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (weight)), ==, before + 1.5);
  shz_test_undo_redo (app->store, page, FALSE);
  chart = shz_test_wait_for_chart (page);
  k = find_link (chart_assessment (chart), "retail", "consumer", "transaction", SHZ_STATE_TO_BE);
  g_assert_cmpfloat (k->weight, ==, before);

  /* the kind: another link of the chart, selected in its turn */
  kind = shz_inspector_get_link_control (inspector, 0, SHZ_INSPECTOR_LINK_KIND);
  g_assert_nonnull (kind);
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), 2);   /* experience */
  chart = shz_test_wait_for_chart (page);
  g_assert_null (find_link (chart_assessment (chart), "retail", "consumer", "transaction", SHZ_STATE_TO_BE));
  k = find_link (chart_assessment (chart), "retail", "consumer", "experience", SHZ_STATE_TO_BE);
  g_assert_nonnull (k);
  g_assert_cmpstr (shz_chart_view_get_selected (view), ==, "link:retail>consumer:experience");
  g_assert_cmpstr (shz_inspector_get_item_id (inspector), ==, "link:retail>consumer:experience");
  kind = shz_inspector_get_link_control (inspector, 0, SHZ_INSPECTOR_LINK_KIND);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (kind)), ==, 2);
  shz_test_undo_redo (app->store, page, FALSE);
  chart = shz_test_wait_for_chart (page);
  g_assert_nonnull (find_link (chart_assessment (chart), "retail", "consumer", "transaction", SHZ_STATE_TO_BE));

  /* Remove Link: one step; the link and the selection go; undo brings the link back */
  shz_chart_view_set_selected (view, id);
  remove = shz_inspector_get_link_control (inspector, 0, SHZ_INSPECTOR_LINK_REMOVE);
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  g_clear_pointer (&label, g_free);
  label = undo_label ();
  if (app->english)
    g_assert_cmpstr (label, ==, "Remove link Retail → Consumer (to-be)");
  chart = shz_test_wait_for_chart (page);
  g_assert_null (find_link (chart_assessment (chart), "retail", "consumer", "transaction", SHZ_STATE_TO_BE));
  g_assert_null (shz_chart_find_item (chart, id));
  g_assert_null (shz_inspector_get_link_control (inspector, 0, SHZ_INSPECTOR_LINK_WEIGHT));
  shz_test_undo_redo (app->store, page, FALSE);
  chart = shz_test_wait_for_chart (page);
  k = find_link (chart_assessment (chart), "retail", "consumer", "transaction", SHZ_STATE_TO_BE);
  g_assert_nonnull (k);
  g_assert_cmpfloat (k->weight, ==, before);

  /* the comparison draws both states: a link in both shows both, each with its controls */
  g_assert_true (shz_chart_page_set_kind (SHZ_CHART_PAGE (page), "network-compare"));
  chart = shz_test_wait_for_chart (page);
  for (guint i = 0; i < shz_chart_get_n_items (chart); i++)
    {
      const ShzChartItem *item = shz_chart_get_item (chart, i);
      g_auto(GStrv) parts = NULL;
      guint n = 0;

      if (!g_str_has_prefix (item->id, "link:"))
        continue;
      parts = g_strsplit_set (item->id + 5, ">:", 3);
      n += find_link (chart_assessment (chart), parts[0], parts[1], parts[2], SHZ_STATE_AS_IS) != NULL;
      n += find_link (chart_assessment (chart), parts[0], parts[1], parts[2], SHZ_STATE_TO_BE) != NULL;
      shz_chart_view_set_selected (view, item->id);
      g_assert_nonnull (shz_inspector_get_link_control (inspector, n - 1, SHZ_INSPECTOR_LINK_WEIGHT));
      g_assert_null (shz_inspector_get_link_control (inspector, n, SHZ_INSPECTOR_LINK_WEIGHT));
      g_clear_pointer (&selected, g_free);
      selected = g_strdup (item->id);
    }
  g_assert_nonnull (selected);
  gtk_window_destroy (window);
}

/* Every network kind's nodes have their score fields, for the framework(s) the kind draws. */
static void
test_every_kind (void)
{
  const char *kinds[] = { "value-chain", "rhc-chains", "evolution-paths", "network-compare", NULL };
  const char *frameworks[] = { SHZ_FRAMEWORK_VALUE_CHAIN, SHZ_FRAMEWORK_RHC_CHAINS, SHZ_FRAMEWORK_EVOLUTION_PATHS,
                               SHZ_FRAMEWORK_VALUE_NETWORK };
  const char *all[] = { "value-network", "value-chain", "network-compare", "rhc-chains", "evolution-paths", NULL };
  GtkWindow *window;
  GtkWidget *page = new_page_with (app->store, app->demo_id, all, &window);
  ShzChartView *view = SHZ_CHART_VIEW (shz_chart_page_get_view (SHZ_CHART_PAGE (page)));
  ShzInspector *inspector = SHZ_INSPECTOR (shz_chart_page_get_inspector (SHZ_CHART_PAGE (page)));

  shz_test_wait_for_chart (page);
  for (guint k = 0; kinds[k] != NULL; k++)
    {
      ShzChart *chart;
      guint n = 0;

      g_assert_true (shz_chart_page_set_kind (SHZ_CHART_PAGE (page), kinds[k]));
      chart = shz_test_wait_for_chart (page);
      for (guint i = 0; i < shz_chart_get_n_items (chart); i++)
        {
          const ShzChartItem *item = shz_chart_get_item (chart, i);
          GtkSpinButton *spin;

          if (g_str_has_prefix (item->id, "link:"))
            continue;
          shz_chart_view_set_selected (view, item->id);
          spin = shz_inspector_get_score_spin (inspector, frameworks[k], SHZ_STATE_TO_BE);
          n += spin != NULL;
        }
      g_test_message ("%s: %u items with score fields", kinds[k], n);
      g_assert_cmpuint (n, >, 0);
    }
  gtk_window_destroy (window);
}

static guint
n_history (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = shz_store_list_history (app->store, &error);

  g_assert_no_error (error);
  return history->len;
}

/* The datasets of @kind the engagement has (live ones). */
static guint
n_datasets_of (gint64         engagement_id,
               ShzDatasetKind kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = shz_store_list_datasets (app->store, engagement_id, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    n += ((ShzDataset *) list->pdata[i])->kind == kind;
  return n;
}

/* An engagement with no assessment yet: its first score starts a scores dataset, in the same
 * undo step as the score — one Ctrl+Z leaves no assessment and no score, one Ctrl+Shift+Z
 * brings both back. */
static void
test_first_score (void)
{
  g_autoptr(ShzEngagement) fields = shz_engagement_new ();
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  GtkWidget *page;
  ShzChartView *view;
  ShzInspector *inspector;
  GtkSpinButton *spin;
  ShzChart *chart;
  g_autofree char *label = NULL;
  g_autofree char *redo = NULL;
  gint64 id, scores_id;
  guint steps;
  double v;

  fields->name = g_strdup ("Not assessed yet");
  id = shz_store_create_engagement (app->store, fields, &error);
  g_assert_no_error (error);
  page = new_page_for (app->store, id, &window);
  view = SHZ_CHART_VIEW (shz_chart_page_get_view (SHZ_CHART_PAGE (page)));
  inspector = SHZ_INSPECTOR (shz_chart_page_get_inspector (SHZ_CHART_PAGE (page)));
  chart = shz_test_wait_for_chart (page);
  g_assert_cmpint (shz_assessment_get_scores_dataset_id (chart_assessment (chart)), ==, 0);
  g_assert_cmpuint (n_datasets_of (id, SHZ_KIND_SCORES), ==, 0);
  steps = n_history ();

  shz_chart_view_set_selected (view, "brand");
  spin = shz_inspector_get_score_spin (inspector, NULL, SHZ_STATE_TO_BE);
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), <, 0);   /* "–": not assessed */
  gtk_spin_button_set_value (spin, 3.0);

  /* one new step, named after the score */
  g_assert_cmpuint (n_history (), ==, steps + 1);
  label = undo_label ();
  if (app->english)
    g_assert_cmpstr (label, ==, "Change score of Brand (to-be)");
  g_assert_cmpuint (n_datasets_of (id, SHZ_KIND_SCORES), ==, 1);
  chart = shz_test_wait_for_chart (page);
  scores_id = shz_assessment_get_scores_dataset_id (chart_assessment (chart));
  g_assert_cmpint (scores_id, >, 0);
  g_assert_true (shz_assessment_get_score (chart_assessment (chart), SHZ_FRAMEWORK_VALUE_NETWORK, "brand",
                                           SHZ_STATE_TO_BE, &v));
  g_assert_cmpfloat (v, ==, 3.0);
  g_assert_cmpstr (shz_chart_view_get_selected (view), ==, "brand");

  /* one undo: no scores dataset and no score, in the store and on the chart */
  shz_test_undo_redo (app->store, page, FALSE);
  chart = shz_test_wait_for_chart (page);
  g_assert_cmpuint (n_datasets_of (id, SHZ_KIND_SCORES), ==, 0);
  g_assert_cmpint (shz_assessment_get_scores_dataset_id (chart_assessment (chart)), ==, 0);
  g_assert_false (shz_assessment_get_score (chart_assessment (chart), SHZ_FRAMEWORK_VALUE_NETWORK, "brand",
                                            SHZ_STATE_TO_BE, &v));
  redo = shz_store_get_redo_label (app->store);
  g_assert_cmpstr (redo, ==, label);
  g_assert_cmpuint (n_history (), ==, steps + 1);   /* kept, as the step to redo */
  spin = shz_inspector_get_score_spin (inspector, NULL, SHZ_STATE_TO_BE);
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), <, 0);

  /* one redo: both back */
  shz_test_undo_redo (app->store, page, TRUE);
  chart = shz_test_wait_for_chart (page);
  g_assert_false (shz_store_can_redo (app->store));
  g_assert_cmpuint (n_datasets_of (id, SHZ_KIND_SCORES), ==, 1);
  g_assert_cmpint (shz_assessment_get_scores_dataset_id (chart_assessment (chart)), ==, scores_id);
  g_assert_true (shz_assessment_get_score (chart_assessment (chart), SHZ_FRAMEWORK_VALUE_NETWORK, "brand",
                                           SHZ_STATE_TO_BE, &v));
  g_assert_cmpfloat (v, ==, 3.0);
  spin = shz_inspector_get_score_spin (inspector, NULL, SHZ_STATE_TO_BE);
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 3.0);

  /* the next score of the engagement is a step of its own, in the same dataset */
  spin = shz_inspector_get_score_spin (inspector, NULL, SHZ_STATE_AS_IS);
  gtk_spin_button_set_value (spin, 1.5);
  g_assert_cmpuint (n_history (), ==, steps + 2);
  g_assert_cmpuint (n_datasets_of (id, SHZ_KIND_SCORES), ==, 1);
  gtk_window_destroy (window);
}

/* A count in the store; ?1 is @engagement_id. */
static gint64
count_sql (gint64      engagement_id,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (shz_store_get_db (app->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, engagement_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static guint
data_view_n_names (GtkWidget *data_view,
                   gint64     engagement_id)
{
  g_auto(GStrv) names = NULL;

  shz_data_view_set_engagement (SHZ_DATA_VIEW (data_view), app->store, app->store_path, engagement_id);
  names = shz_data_view_get_names (SHZ_DATA_VIEW (data_view));
  return g_strv_length (names);
}

/* An engagement with no assessment yet: a note can be its first edit, before any score.  It
 * starts the scores dataset in its own undo step; one Ctrl+Z leaves nothing a user can see —
 * no dataset in the data view, no empty one in the trash — and one Ctrl+Shift+Z brings the note
 * back.  The item is still not assessed (the chart has no score for it); a score later keeps
 * the note, and clearing that score does not lose it. */
static void
test_first_note (void)
{
  g_autoptr(ShzEngagement) fields = shz_engagement_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *data_view = g_object_ref_sink (shz_data_view_new ());
  GtkWindow *window;
  GtkWidget *page;
  ShzChartView *view;
  ShzInspector *inspector;
  GtkEditable *note;
  GtkSpinButton *spin;
  ShzChart *chart;
  g_autofree char *label = NULL;
  g_autofree char *redo = NULL;
  const char *text = "先与品牌团队确认 — ask the brand team first";
  gint64 id;
  guint steps;
  double v;

  fields->name = g_strdup ("Noted first");
  id = shz_store_create_engagement (app->store, fields, &error);
  g_assert_no_error (error);
  page = new_page_for (app->store, id, &window);
  view = SHZ_CHART_VIEW (shz_chart_page_get_view (SHZ_CHART_PAGE (page)));
  inspector = SHZ_INSPECTOR (shz_chart_page_get_inspector (SHZ_CHART_PAGE (page)));
  shz_test_wait_for_chart (page);
  steps = n_history ();
  g_assert_cmpuint (data_view_n_names (data_view, id), ==, 0);

  /* no score yet, and the note can be written all the same */
  shz_chart_view_set_selected (view, "brand");
  note = shz_inspector_get_note_row (inspector, NULL);
  g_assert_nonnull (note);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (note)));
  g_assert_cmpfloat (gtk_spin_button_get_value (shz_inspector_get_score_spin (inspector, NULL, SHZ_STATE_AS_IS)), <, 0);
  gtk_editable_set_text (note, text);
  g_signal_emit_by_name (note, "apply");

  /* one step, named after the note, holding the new scores dataset */
  g_assert_cmpuint (n_history (), ==, steps + 1);
  label = undo_label ();
  if (app->english)
    g_assert_cmpstr (label, ==, "Change note of Brand");
  g_assert_cmpuint (n_datasets_of (id, SHZ_KIND_SCORES), ==, 1);
  g_assert_cmpuint (data_view_n_names (data_view, id), ==, 1);
  chart = shz_test_wait_for_chart (page);
  g_assert_cmpint (shz_assessment_get_scores_dataset_id (chart_assessment (chart)), >, 0);
  g_assert_false (shz_assessment_get_score (chart_assessment (chart), SHZ_FRAMEWORK_VALUE_NETWORK, "brand",
                                            SHZ_STATE_AS_IS, &v));
  g_assert_cmpuint (shz_assessment_get_n_notes (chart_assessment (chart)), ==, 1);
  g_assert_cmpstr (shz_chart_view_get_selected (view), ==, "brand");
  note = shz_inspector_get_note_row (inspector, NULL);
  g_assert_cmpstr (gtk_editable_get_text (note), ==, text);
  g_assert_cmpfloat (gtk_spin_button_get_value (shz_inspector_get_score_spin (inspector, NULL, SHZ_STATE_AS_IS)), <, 0);
  shz_test_settle_for (200);
  shz_test_save_screenshot (window, app->english ? "inspector-first-note-en.png" : "inspector-first-note-zh_CN.png");
  g_assert_cmpint (count_sql (id, "SELECT count(*) FROM dataset WHERE deleted = 1 AND engagement_id = ?1"), ==, 0);

  /* one undo: nothing left to see */
  shz_test_undo_redo (app->store, page, FALSE);
  chart = shz_test_wait_for_chart (page);
  g_assert_cmpuint (n_datasets_of (id, SHZ_KIND_SCORES), ==, 0);
  g_assert_cmpuint (data_view_n_names (data_view, id), ==, 0);
  g_assert_cmpint (count_sql (id, "SELECT count(*) FROM dataset WHERE deleted = 1 AND rows = 0 AND engagement_id = ?1"), ==, 0);
  g_assert_cmpint (shz_assessment_get_scores_dataset_id (chart_assessment (chart)), ==, 0);
  g_assert_cmpuint (shz_assessment_get_n_notes (chart_assessment (chart)), ==, 0);
  note = shz_inspector_get_note_row (inspector, NULL);
  g_assert_cmpstr (gtk_editable_get_text (note), ==, "");
  redo = shz_store_get_redo_label (app->store);
  g_assert_cmpstr (redo, ==, label);

  /* one redo: the note back */
  shz_test_undo_redo (app->store, page, TRUE);
  shz_test_wait_for_chart (page);
  g_assert_cmpuint (data_view_n_names (data_view, id), ==, 1);
  note = shz_inspector_get_note_row (inspector, NULL);
  g_assert_cmpstr (gtk_editable_get_text (note), ==, text);

  /* a score takes the note's row; the note stays */
  spin = shz_inspector_get_score_spin (inspector, NULL, SHZ_STATE_TO_BE);
  gtk_spin_button_set_value (spin, 3.5);
  g_assert_cmpuint (n_history (), ==, steps + 2);
  chart = shz_test_wait_for_chart (page);
  g_assert_true (shz_assessment_get_score (chart_assessment (chart), SHZ_FRAMEWORK_VALUE_NETWORK, "brand",
                                           SHZ_STATE_TO_BE, &v));
  g_assert_cmpfloat (v, ==, 3.5);
  g_assert_cmpuint (shz_assessment_get_n_notes (chart_assessment (chart)), ==, 0);
  g_assert_cmpstr (shz_assessment_get_score_note (chart_assessment (chart), SHZ_FRAMEWORK_VALUE_NETWORK, "brand",
                                                  SHZ_STATE_TO_BE), ==, text);
  g_assert_cmpint (count_sql (id, "SELECT count(*) FROM score_row r JOIN dataset d ON d.id = r.dataset_id "
                                  "WHERE d.deleted = 0 AND d.engagement_id = ?1 AND r.item = 'brand'"), ==, 1);

  /* clearing the item's only score keeps its note */
  spin = shz_inspector_get_score_spin (inspector, NULL, SHZ_STATE_TO_BE);
  gtk_spin_button_set_value (spin, -0.5);
  g_assert_cmpuint (n_history (), ==, steps + 3);
  chart = shz_test_wait_for_chart (page);
  g_assert_false (shz_assessment_get_score (chart_assessment (chart), SHZ_FRAMEWORK_VALUE_NETWORK, "brand",
                                            SHZ_STATE_TO_BE, &v));
  g_assert_cmpuint (shz_assessment_get_n_notes (chart_assessment (chart)), ==, 1);
  note = shz_inspector_get_note_row (inspector, NULL);
  g_assert_cmpstr (gtk_editable_get_text (note), ==, text);

  /* and clearing the note then leaves the item with no row at all */
  gtk_editable_set_text (note, "");
  g_signal_emit_by_name (note, "apply");
  g_assert_cmpuint (n_history (), ==, steps + 4);
  g_assert_cmpint (count_sql (id, "SELECT count(*) FROM score_row r JOIN dataset d ON d.id = r.dataset_id "
                                  "WHERE d.deleted = 0 AND d.engagement_id = ?1"), ==, 0);
  gtk_window_destroy (window);
  g_object_unref (data_view);
}

static void
test_read_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) ro = shz_store_open (app->store_path, SHZ_STORE_OPEN_READ_ONLY, &error);
  GtkWindow *window;
  GtkWidget *page;
  ShzChartView *view;
  ShzInspector *inspector;
  g_autofree char *dump = NULL;

  g_assert_no_error (error);
  page = new_page (ro, &window);
  view = SHZ_CHART_VIEW (shz_chart_page_get_view (SHZ_CHART_PAGE (page)));
  inspector = SHZ_INSPECTOR (shz_chart_page_get_inspector (SHZ_CHART_PAGE (page)));
  shz_test_wait_for_chart (page);

  shz_chart_view_set_selected (view, "brand");
  g_assert_cmpstr (shz_inspector_get_item_id (inspector), ==, "brand");
  g_assert_null (shz_inspector_get_score_spin (inspector, NULL, SHZ_STATE_TO_BE));
  g_assert_cmpuint (count_controls (GTK_WIDGET (inspector)), ==, 0);
  dump = shz_inspector_dump (inspector);
  if (app->english)
    g_assert_nonnull (strstr (dump, "\nScore (to-be, "));

  shz_chart_view_set_selected (view, "link:retail>consumer:transaction");
  g_assert_null (shz_inspector_get_link_control (inspector, 0, SHZ_INSPECTOR_LINK_WEIGHT));
  g_assert_cmpuint (count_controls (GTK_WIDGET (inspector)), ==, 0);
  g_clear_pointer (&dump, g_free);
  dump = shz_inspector_dump (inspector);
  if (app->english)
    g_assert_nonnull (strstr (dump, "\nWeight (to-be): "));

  /* the same items on a writable store have their controls */
  gtk_window_destroy (window);
  page = new_page (app->store, &window);
  view = SHZ_CHART_VIEW (shz_chart_page_get_view (SHZ_CHART_PAGE (page)));
  inspector = SHZ_INSPECTOR (shz_chart_page_get_inspector (SHZ_CHART_PAGE (page)));
  shz_test_wait_for_chart (page);
  shz_chart_view_set_selected (view, "brand");
  g_assert_cmpuint (count_controls (GTK_WIDGET (inspector)), ==, 3);   /* two scores and the note */
  gtk_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  app = shz_test_app_init (&argc, &argv, "shz-inspector-edit");
  g_test_add_func ("/app/inspector-edit/node-score", test_node_score);
  g_test_add_func ("/app/inspector-edit/link", test_link);
  g_test_add_func ("/app/inspector-edit/every-kind", test_every_kind);
  g_test_add_func ("/app/inspector-edit/first-score", test_first_score);
  g_test_add_func ("/app/inspector-edit/first-note", test_first_note);
  g_test_add_func ("/app/inspector-edit/read-only", test_read_only);
  return shz_test_app_run (app);
}
