/* test-chart-page.c — the chart page on a store with the demo engagement: the maturity map
 * shows, selecting a bubble fills the inspector (values, provenance, the enterprises behind a
 * computed point and their source rows), options are saved with the engagement and restored,
 * the network page switches kinds, an engagement without data says what the chart needs, and
 * the export dialog writes the same PNG as `shuzhi export`.
 *
 * SHZ_TEST_SCREENSHOT=DIR saves PNGs of the pages into DIR (for looking at them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>

#include "app/shz-chart-page.h"
#include "app/shz-chart-view.h"
#include "app/shz-export-dialog.h"
#include "app/shz-inspector.h"
#include "charts/shz-maturity-map.h"
#include "shz-test-app.h"

/* The demo names its datasets in the UI language: "… (illustrative)", "…（示意）". */
static gboolean
illustrative_name (const char *s)
{
  return s != NULL && (strstr (s, "illustrative") != NULL || strstr (s, "示意") != NULL);
}

/* A message in the UI language of the run (the zh_CN run binds the build tree's catalogue). */
static const char *
tr (const char *msgid)
{
  return g_dgettext (GETTEXT_PACKAGE, msgid);
}

static ShzTestApp *app;

/* Let GTK lay out and draw what changed. */
static void
settle (void)
{
  shz_test_settle_for (50);
}

static void
set_flag_cb (gpointer unused,
             gboolean *flag)
{
  *flag = TRUE;
}

/* Run the main loop until the page has read its chart, or said why there is none (a page
 * with a chart: shz_test_wait_for_chart). */
static void
wait_loaded (GtkWidget *page)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (shz_chart_page_is_loading (SHZ_CHART_PAGE (page)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (shz_chart_page_is_loading (SHZ_CHART_PAGE (page)));
}

static void
finalized_cb (gpointer  flag,
              GObject  *where_the_object_was)
{
  *(gboolean *) flag = TRUE;
}

static GtkWindow *
show_in_window (GtkWidget *page)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  settle ();
  return window;
}

static char *
settings_text (const char *kind)
{
  g_autoptr(GError) error = NULL;
  char *text = shz_store_get_chart_settings (app->store, app->demo_id, kind, &error);

  g_assert_no_error (error);
  return text;
}

static const ShzMaturityEntity *
find_entity (ShzMaturityMap *map,
             const char     *id)
{
  ShzMaturityModel *m = shz_maturity_map_get_model (map);

  for (guint i = 0; i < m->entities->len; i++)
    if (g_strcmp0 (((ShzMaturityEntity *) g_ptr_array_index (m->entities, i))->entity, id) == 0)
      return g_ptr_array_index (m->entities, i);
  return NULL;
}

/* The first mapped widget of @type under @root (what a user sees). */
static GtkWidget *
find_mapped (GtkWidget *root,
             GType      type)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_mapped (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* ---- tests ---- */

static void
test_maturity_map_shows (void)
{
  const char *kinds[] = { "maturity-map", NULL };
  GtkWidget *page = shz_chart_page_new (kinds);
  GtkWindow *window = show_in_window (page);
  ShzChart *chart;
  ShzChartView *view;

  g_assert_null (shz_chart_page_get_chart (SHZ_CHART_PAGE (page)));
  shz_chart_page_set_engagement (SHZ_CHART_PAGE (page), app->store, app->demo_id);
  shz_test_wait_for_chart (page);

  chart = shz_chart_page_get_chart (SHZ_CHART_PAGE (page));
  g_assert_nonnull (chart);
  g_assert_true (SHZ_IS_MATURITY_MAP (chart));
  view = SHZ_CHART_VIEW (shz_chart_page_get_view (SHZ_CHART_PAGE (page)));
  g_assert_true (shz_chart_view_get_chart (view) == chart);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  /* laid out at the canvas's size: the demo's six industries are items */
  g_assert_cmpfloat (shz_chart_get_width (chart), ==, gtk_widget_get_width (GTK_WIDGET (view)));
  g_assert_cmpuint (shz_chart_get_n_items (chart), >=, 6);
  /* it fits beside the window's sidebar (280 px) in the window's default width (1200 px) */
  {
    int min_width = 0;
    gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
    g_assert_cmpint (min_width, <=, 1200 - 280);
  }
  /* the chart language defaults to the UI language (C here: English) */
  g_assert_cmpint (shz_chart_get_lang (chart), ==, app->english ? SHZ_CHART_LANG_EN : SHZ_CHART_LANG_ZH_CN);
  shz_test_save_screenshot (window, "maturity-map.png");
  gtk_window_destroy (window);
}

static void
test_select_fills_inspector (void)
{
  const char *kinds[] = { "maturity-map", NULL };
  GtkWidget *page = shz_chart_page_new (kinds);
  GtkWindow *window = show_in_window (page);
  ShzInspector *inspector = SHZ_INSPECTOR (shz_chart_page_get_inspector (SHZ_CHART_PAGE (page)));
  ShzChartView *view = SHZ_CHART_VIEW (shz_chart_page_get_view (SHZ_CHART_PAGE (page)));
  gboolean details = FALSE, rows = FALSE;
  const ShzChartItem *item;
  const ShzMaturityEntity *e;
  ShzChart *chart;
  g_autofree char *dump = NULL;
  g_autofree char *expect_x = NULL, *expect_y = NULL, *expect_n = NULL;
  double cx, cy;

  shz_chart_page_set_engagement (SHZ_CHART_PAGE (page), app->store, app->demo_id);
  shz_test_wait_for_chart (page);
  chart = shz_chart_page_get_chart (SHZ_CHART_PAGE (page));
  g_signal_connect (inspector, "details-ready", G_CALLBACK (set_flag_cb), &details);
  g_signal_connect (inspector, "rows-ready", G_CALLBACK (set_flag_cb), &rows);

  /* nothing selected yet */
  dump = shz_inspector_dump (inspector);
  g_assert_cmpstr (dump, ==, "");
  g_clear_pointer (&dump, g_free);

  /* select a bubble as a click on it would: one whose anchor is not under another bubble, so
   * the view's hit test at that point finds it */
  item = NULL;
  for (guint i = 0; i < shz_chart_get_n_items (chart) && item == NULL; i++)
    {
      const ShzChartItem *candidate = shz_chart_get_item (chart, i);
      g_autofree char *hit = NULL;

      shz_chart_view_to_chart (view, candidate->x, candidate->y, &cx, &cy);
      hit = shz_chart_hit_test (chart, cx, cy);
      if (g_strcmp0 (hit, candidate->id) == 0)
        item = candidate;
    }
  g_assert_nonnull (item);
  shz_chart_view_set_selected (view, item->id);
  g_assert_cmpstr (shz_inspector_get_item_id (inspector), ==, item->id);

  e = find_entity (SHZ_MATURITY_MAP (chart), item->id);
  g_assert_nonnull (e);
  dump = shz_inspector_dump (inspector);
  if (!app->english)
    g_clear_pointer (&dump, g_free);
  if (dump != NULL)
    {
      expect_x = g_strdup_printf ("\nDigital maturity: %.1f\n", e->x);
      expect_y = g_strdup_printf ("\nData-intelligence innovation: %.1f\n", e->y);
      g_assert_nonnull (strstr (dump, expect_x));
      g_assert_nonnull (strstr (dump, expect_y));
      /* the demo's default dataset is computed from its usage data: sample size, interval, provenance */
      expect_n = g_strdup_printf ("\nSample size: %" G_GINT64_FORMAT "\n", e->n);
      g_assert_cmpint (e->n, >, 0);
      g_assert_nonnull (strstr (dump, expect_n));
      g_assert_nonnull (strstr (dump, "\nMaturity 90% interval: "));
      g_assert_nonnull (strstr (dump, "\nDataset: "));
      g_assert_nonnull (strstr (dump, "\nComputed from: "));
      g_assert_nonnull (strstr (dump, "\nSource file: "));
      g_assert_nonnull (strstr (dump, "\nFigures: Illustrative, not real\n"));
      g_assert_nonnull (strstr (dump, "\nNote: "));
      g_clear_pointer (&dump, g_free);
    }

  /* the computation behind it, read in a thread: formula and the enterprises */
  shz_test_wait_for (&details);
  g_assert_true (details);
  dump = shz_inspector_dump (inspector);
  g_assert_true (!app->english || strstr (dump, "\nDigital maturity formula: ") != NULL);
  g_assert_cmpuint (shz_inspector_get_n_enterprises (inspector), ==, (guint) e->n);
  shz_test_save_screenshot (window, "maturity-map-selected.png");

  /* Enter on the bubble (item-activated) takes the keyboard into the enterprises */
  g_signal_emit_by_name (view, "item-activated", item->id);
  {
    GtkWidget *focus = gtk_window_get_focus (window);
    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (inspector)));
  }

  /* click-through to one enterprise's source rows */
  shz_inspector_show_enterprise (inspector, 0);
  shz_test_wait_for (&rows);
  g_assert_true (rows);
  g_assert_cmpuint (shz_inspector_get_n_rows (inspector), >, 0);
  shz_test_save_screenshot (window, "maturity-map-rows.png");

  /* arrow keys still move between items: Escape on the view clears the selection */
  shz_chart_view_set_selected (view, NULL);
  g_assert_null (shz_inspector_get_item_id (inspector));
  gtk_window_destroy (window);
}

static void
test_options_saved_and_restored (void)
{
  const char *kinds[] = { "maturity-map", NULL };
  GtkWidget *page = shz_chart_page_new (kinds);
  GtkWindow *window = show_in_window (page);
  gboolean changed = FALSE, trend = TRUE, eras = FALSE;
  g_autofree char *text = NULL;
  g_autofree char *lang = NULL;
  ShzChart *chart;

  shz_chart_page_set_engagement (SHZ_CHART_PAGE (page), app->store, app->demo_id);
  shz_test_wait_for_chart (page);
  g_signal_connect (page, "changed", G_CALLBACK (set_flag_cb), &changed);

  /* through the actions the menu uses */
  g_assert_true (gtk_widget_activate_action (page, "page.trend", NULL));
  g_assert_true (gtk_widget_activate_action (page, "page.eras", NULL));
  g_assert_true (gtk_widget_activate_action (page, "page.chart-lang", "s", "zh_CN"));
  g_assert_true (changed);
  chart = shz_chart_page_get_chart (SHZ_CHART_PAGE (page));
  g_assert_false (shz_maturity_map_get_options (SHZ_MATURITY_MAP (chart))->trend);
  g_assert_true (shz_maturity_map_get_options (SHZ_MATURITY_MAP (chart))->eras);
  g_assert_cmpint (shz_chart_get_lang (chart), ==, SHZ_CHART_LANG_ZH_CN);
  text = settings_text ("maturity-map");
  g_assert_nonnull (strstr (text, "trend=false"));
  g_assert_nonnull (strstr (text, "eras=true"));
  g_assert_nonnull (strstr (text, "lang=zh_CN"));
  shz_test_save_screenshot (window, "maturity-map-options.png");

  /* a label dragged on the canvas is pinned and saved (the view says so with ::settings-changed) */
  {
    const char *id = shz_chart_get_item (chart, 0)->id;
    g_autofree char *pin = NULL;

    shz_chart_move_label (chart, id, 12, -8);
    g_signal_emit_by_name (shz_chart_page_get_view (SHZ_CHART_PAGE (page)), "settings-changed");
    g_clear_pointer (&text, g_free);
    text = settings_text ("maturity-map");
    pin = g_strdup_printf ("pinned=%s;", id);
    g_assert_nonnull (strstr (text, pin));
  }
  gtk_window_destroy (window);

  /* a new page on the same engagement restores them */
  page = shz_chart_page_new (kinds);
  window = show_in_window (page);
  shz_chart_page_set_engagement (SHZ_CHART_PAGE (page), app->store, app->demo_id);
  shz_test_wait_for_chart (page);
  g_object_get (page, "trend", &trend, "eras", &eras, "chart-lang", &lang, NULL);
  g_assert_false (trend);
  g_assert_true (eras);
  g_assert_cmpstr (lang, ==, "zh_CN");
  {
    /* the pin came back with the chart */
    g_autofree char *restored = shz_chart_save_settings (shz_chart_page_get_chart (SHZ_CHART_PAGE (page)));
    g_assert_nonnull (strstr (restored, "pinned="));
  }
  g_assert_true (gtk_widget_activate_action (page, "page.unpin-labels", NULL));
  g_clear_pointer (&text, g_free);
  text = settings_text ("maturity-map");
  g_assert_null (strstr (text, "pinned="));

  /* unpinning is one step of the undo history: undone, the pin is back in the store and, once
   * the page reloads (as the window does after an undo), on the chart; redone, gone again */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *label = shz_store_get_undo_label (app->store);
    g_autofree char *on_chart = NULL;

    /* the step is named after the chart, in the UI language */
    if (app->english)
      g_assert_cmpstr (label, ==, "Change chart: Maturity map");
    else
      g_assert_cmpstr (label, ==, "更改图表：成熟度地图");
    g_assert_true (shz_store_undo (app->store, &error));
    g_assert_no_error (error);
    g_clear_pointer (&text, g_free);
    text = settings_text ("maturity-map");
    g_assert_nonnull (strstr (text, "pinned="));
    shz_chart_page_reload (SHZ_CHART_PAGE (page));
    shz_test_wait_for_chart (page);
    on_chart = shz_chart_save_settings (shz_chart_page_get_chart (SHZ_CHART_PAGE (page)));
    g_assert_nonnull (strstr (on_chart, "pinned="));

    g_assert_true (shz_store_redo (app->store, &error));
    g_assert_no_error (error);
    g_clear_pointer (&text, g_free);
    text = settings_text ("maturity-map");
    g_assert_null (strstr (text, "pinned="));
    shz_chart_page_reload (SHZ_CHART_PAGE (page));
    shz_test_wait_for_chart (page);
    g_clear_pointer (&on_chart, g_free);
    on_chart = shz_chart_save_settings (shz_chart_page_get_chart (SHZ_CHART_PAGE (page)));
    g_assert_null (strstr (on_chart, "pinned="));
  }

  /* the period chooser: 2018 has no earlier period to draw trajectories from */
  {
    GtkWidget *toolbar_period = NULL;
    ShzMaturityModel *m;
    gboolean saved = FALSE;

    chart = shz_chart_page_get_chart (SHZ_CHART_PAGE (page));
    m = shz_maturity_map_get_model (SHZ_MATURITY_MAP (chart));
    g_assert_cmpuint (m->periods->len, ==, 2);
    g_assert_cmpstr (m->period, ==, "2019");
    g_signal_connect (page, "changed", G_CALLBACK (set_flag_cb), &saved);
    for (GtkWidget *w = find_mapped (page, GTK_TYPE_DROP_DOWN); w != NULL; w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_DROP_DOWN (w) && g_strcmp0 (gtk_widget_get_tooltip_text (w), tr ("Period")) == 0)
        toolbar_period = w;
    g_assert_nonnull (toolbar_period);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (toolbar_period), 0);
    shz_test_wait_for_chart (page);
    chart = shz_chart_page_get_chart (SHZ_CHART_PAGE (page));
    m = shz_maturity_map_get_model (SHZ_MATURITY_MAP (chart));
    g_assert_cmpstr (m->period, ==, "2018");
    g_assert_null (m->previous_period);
    g_assert_true (saved);
    g_clear_pointer (&text, g_free);
    text = settings_text ("maturity-map");
    g_assert_nonnull (strstr (text, "period=2018"));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (toolbar_period), 1);
    shz_test_wait_for_chart (page);
    m = shz_maturity_map_get_model (SHZ_MATURITY_MAP (shz_chart_page_get_chart (SHZ_CHART_PAGE (page))));
    g_assert_cmpstr (m->period, ==, "2019");
  }

  /* the dataset chooser: the demo has its illustrative positions beside the computed ones */
  {
    GtkWidget *chooser = NULL;
    GListModel *names;
    ShzMaturityModel *m;
    guint illustrative = G_MAXUINT, computed = G_MAXUINT;

    for (GtkWidget *w = find_mapped (page, GTK_TYPE_DROP_DOWN); w != NULL; w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_DROP_DOWN (w) && g_strcmp0 (gtk_widget_get_tooltip_text (w), tr ("Dataset")) == 0)
        chooser = w;
    g_assert_nonnull (chooser);
    g_assert_true (gtk_widget_get_visible (chooser));
    names = gtk_drop_down_get_model (GTK_DROP_DOWN (chooser));
    g_assert_cmpuint (g_list_model_get_n_items (names), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        const char *name = gtk_string_list_get_string (GTK_STRING_LIST (names), i);
        if (illustrative_name (name))
          illustrative = i;
        else
          computed = i;
      }
    g_assert_cmpuint (illustrative, <, 2);
    g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (chooser)), ==, computed);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (chooser), illustrative);
    shz_test_wait_for_chart (page);
    m = shz_maturity_map_get_model (SHZ_MATURITY_MAP (shz_chart_page_get_chart (SHZ_CHART_PAGE (page))));
    g_test_message ("dataset now %s (%d)", m->dataset, m->illustrative);
    g_assert_true (m->illustrative);
    g_assert_true (illustrative_name (m->dataset));
    g_clear_pointer (&text, g_free);
    text = settings_text ("maturity-map");
    g_assert_true (illustrative_name (text));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (chooser), computed);
    shz_test_wait_for_chart (page);
    m = shz_maturity_map_get_model (SHZ_MATURITY_MAP (shz_chart_page_get_chart (SHZ_CHART_PAGE (page))));
    g_assert_false (m->illustrative && illustrative_name (m->dataset));
  }

  /* put them back for the other tests */
  g_object_set (page, "trend", TRUE, "eras", FALSE, "chart-lang", "en", NULL);
  g_clear_pointer (&text, g_free);
  text = settings_text ("maturity-map");
  g_assert_nonnull (strstr (text, "trend=true"));
  gtk_window_destroy (window);
}

static void
test_network_switches_kinds (void)
{
  const char *kinds[] = { "value-network", "value-chain", "network-compare", "rhc-chains", "evolution-paths", NULL };
  GtkWidget *page = shz_chart_page_new (kinds);
  GtkWindow *window = show_in_window (page);
  ShzInspector *inspector = SHZ_INSPECTOR (shz_chart_page_get_inspector (SHZ_CHART_PAGE (page)));
  ShzChartView *view = SHZ_CHART_VIEW (shz_chart_page_get_view (SHZ_CHART_PAGE (page)));
  ShzChart *chart;
  g_autofree char *state = NULL;

  shz_chart_page_set_engagement (SHZ_CHART_PAGE (page), app->store, app->demo_id);
  shz_test_wait_for_chart (page);
  chart = shz_chart_page_get_chart (SHZ_CHART_PAGE (page));
  g_assert_nonnull (chart);
  g_assert_cmpstr (shz_chart_get_kind (chart), ==, "value-network");
  g_assert_cmpuint (shz_chart_get_n_items (chart), >, 0);
  shz_test_save_screenshot (window, "value-network.png");

  /* as-is / to-be is a setting of the value network, saved with it */
  g_object_get (page, "state", &state, NULL);
  g_assert_cmpstr (state, ==, "to-be");
  g_assert_true (gtk_widget_activate_action (page, "page.state", "s", "as-is"));
  g_clear_pointer (&state, g_free);
  g_object_get (page, "state", &state, NULL);
  g_assert_cmpstr (state, ==, "as-is");
  {
    g_autofree char *text = settings_text ("value-network");
    g_assert_nonnull (strstr (text, "state=as-is"));
  }

  for (guint i = 1; kinds[i] != NULL; i++)
    {
      g_autofree char *dump = NULL;

      g_assert_true (shz_chart_page_set_kind (SHZ_CHART_PAGE (page), kinds[i]));
      shz_test_wait_for_chart (page);
      chart = shz_chart_page_get_chart (SHZ_CHART_PAGE (page));
      g_assert_nonnull (chart);
      g_assert_cmpstr (shz_chart_get_kind (chart), ==, kinds[i]);
      g_assert_cmpstr (shz_chart_page_get_kind (SHZ_CHART_PAGE (page)), ==, kinds[i]);
      g_assert_cmpuint (shz_chart_get_n_items (chart), >, 0);

      /* an item of the chart shows in the inspector with the demo's illustrative provenance */
      shz_chart_view_set_selected (view, shz_chart_get_item (chart, 0)->id);
      dump = shz_inspector_dump (inspector);
      g_assert_cmpstr (dump, !=, "");
      g_assert_true (!app->english || strstr (dump, "\nDataset: ") != NULL);
      g_assert_true (!app->english || strstr (dump, "\nFigures: Illustrative, not real\n") != NULL);
      /* a stage of the chain: its as-is and to-be scores, under the framework's name */
      if (app->english && strcmp (kinds[i], "value-chain") == 0)
        {
          g_assert_nonnull (strstr (dump, "\nScore (as-is, "));
          g_assert_nonnull (strstr (dump, "\nScore (to-be, "));
        }
      if (strcmp (kinds[i], "rhc-chains") == 0)
        shz_test_save_screenshot (window, "rhc-chains.png");
    }
  g_assert_false (shz_chart_page_set_kind (SHZ_CHART_PAGE (page), "maturity-map"));
  g_object_set (page, "state", "to-be", NULL);
  gtk_window_destroy (window);
}

static void
test_no_data_says_what_is_needed (void)
{
  const char *kinds[] = { "maturity-map", NULL };
  GtkWidget *page = shz_chart_page_new (kinds);
  GtkWindow *window = show_in_window (page);
  g_autoptr(ShzEngagement) fields = shz_engagement_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *status;
  gint64 id;

  fields->name = g_strdup ("Empty");
  id = shz_store_create_engagement (app->store, fields, &error);
  g_assert_no_error (error);

  shz_chart_page_set_engagement (SHZ_CHART_PAGE (page), app->store, id);
  wait_loaded (page);
  settle ();
  g_assert_null (shz_chart_page_get_chart (SHZ_CHART_PAGE (page)));
  status = find_mapped (page, ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_mapped (status));
  if (app->english)
    {
      g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No Positions Yet");
      g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), "positions dataset"));
    }
  else
    {
      g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "尚无定位数据");
      g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), "定位数据集"));
    }
  /* nothing to export or copy: the actions are off (a shortcut does nothing) */
  g_assert_null (shz_chart_page_export (SHZ_CHART_PAGE (page)));
  gtk_widget_activate_action (page, "page.export", NULL);
  gtk_widget_activate_action (page, "page.copy", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, 1);
  shz_test_save_screenshot (window, "no-data.png");

  /* bad data: a links dataset naming a node no catalogue has; the network page says why */
  {
    const char *net_kinds[] = { "value-network", NULL };
    GtkWidget *net = shz_chart_page_new (net_kinds);
    GtkWindow *net_window = show_in_window (net);
    g_autoptr(ShzDataset) d = shz_dataset_new ();
    g_autoptr(ShzRowInserter) ins = NULL;
    ShzLinkRow row = { 1, "no-such-node", "consumer", 1.0, "transaction", "as-is" };
    const char *description;
    gint64 dataset_id;

    d->engagement_id = id;
    d->name = g_strdup ("Broken links");
    d->kind = SHZ_KIND_LINKS;
    d->rows = 1;
    dataset_id = shz_store_create_dataset (app->store, d, &error);
    g_assert_no_error (error);
    ins = shz_row_inserter_new (app->store, dataset_id, SHZ_KIND_LINKS, &error);
    g_assert_no_error (error);
    g_assert_true (shz_row_inserter_add_link (ins, &row, &error));
    g_clear_pointer (&ins, shz_row_inserter_free);

    shz_chart_page_set_engagement (SHZ_CHART_PAGE (net), app->store, id);
    wait_loaded (net);
    settle ();
    g_assert_null (shz_chart_page_get_chart (SHZ_CHART_PAGE (net)));
    status = find_mapped (net, ADW_TYPE_STATUS_PAGE);
    g_assert_nonnull (status);
    description = adw_status_page_get_description (ADW_STATUS_PAGE (status));
    g_assert_nonnull (strstr (description, "Broken links"));
    g_assert_nonnull (strstr (description, "no-such-node"));
    shz_test_save_screenshot (net_window, "bad-data.png");
    gtk_window_destroy (net_window);
  }

  /* none at all */
  shz_chart_page_set_engagement (SHZ_CHART_PAGE (page), NULL, 0);
  g_assert_null (shz_chart_page_get_chart (SHZ_CHART_PAGE (page)));
  g_assert_true (shz_store_delete_engagement (app->store, id, NULL));
  gtk_window_destroy (window);
}

static void
reload_cb (ShzChartPage *page)
{
  shz_chart_page_reload (page);
}

/* What the window does: reload the pages when one of them saved something, and when datasets
 * change.  The chart stays on screen and keeps its selection. */
static void
test_reload_keeps_chart_and_selection (void)
{
  const char *kinds[] = { "maturity-map", NULL };
  GtkWidget *page = shz_chart_page_new (kinds);
  GtkWindow *window = show_in_window (page);
  ShzChartView *view = SHZ_CHART_VIEW (shz_chart_page_get_view (SHZ_CHART_PAGE (page)));
  ShzInspector *inspector = SHZ_INSPECTOR (shz_chart_page_get_inspector (SHZ_CHART_PAGE (page)));
  ShzChart *chart, *before;
  g_autofree char *id = NULL;

  shz_chart_page_set_engagement (SHZ_CHART_PAGE (page), app->store, app->demo_id);
  shz_test_wait_for_chart (page);
  g_signal_connect (page, "changed", G_CALLBACK (reload_cb), NULL);
  before = shz_chart_page_get_chart (SHZ_CHART_PAGE (page));
  id = g_strdup (shz_chart_get_item (before, 0)->id);
  shz_chart_view_set_selected (view, id);

  /* a saved option does not read the chart again */
  g_object_set (page, "legend", FALSE, NULL);
  g_assert_false (shz_chart_page_is_loading (SHZ_CHART_PAGE (page)));
  g_assert_true (shz_chart_page_get_chart (SHZ_CHART_PAGE (page)) == before);
  g_assert_cmpstr (shz_chart_view_get_selected (view), ==, id);

  /* datasets changed: read again, the old chart shown meanwhile, the selection kept */
  shz_chart_page_reload (SHZ_CHART_PAGE (page));
  g_assert_true (shz_chart_page_is_loading (SHZ_CHART_PAGE (page)));
  g_assert_true (shz_chart_page_get_chart (SHZ_CHART_PAGE (page)) == before);
  g_assert_nonnull (find_mapped (page, SHZ_TYPE_CHART_VIEW));
  shz_test_wait_for_chart (page);
  chart = shz_chart_page_get_chart (SHZ_CHART_PAGE (page));
  g_assert_true (chart != before);
  g_assert_false (shz_maturity_map_get_options (SHZ_MATURITY_MAP (chart))->legend);
  g_assert_cmpstr (shz_chart_view_get_selected (view), ==, id);
  g_assert_cmpstr (shz_inspector_get_item_id (inspector), ==, id);

  g_object_set (page, "legend", TRUE, NULL);
  gtk_window_destroy (window);
}

static void
test_copy_puts_an_image_on_the_clipboard (void)
{
  const char *kinds[] = { "maturity-map", NULL };
  GtkWidget *page = shz_chart_page_new (kinds);
  GtkWindow *window = show_in_window (page);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (page);
  gboolean changed = FALSE;
  GdkContentFormats *formats;

  shz_chart_page_set_engagement (SHZ_CHART_PAGE (page), app->store, app->demo_id);
  shz_test_wait_for_chart (page);
  g_signal_connect (clipboard, "changed", G_CALLBACK (set_flag_cb), &changed);
  g_assert_true (gtk_widget_activate_action (page, "page.copy", NULL));
  shz_test_wait_for (&changed);
  g_assert_true (changed);
  formats = gdk_clipboard_get_formats (clipboard);
  g_assert_true (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE));
  {
    const GValue *value;
    GValue v = G_VALUE_INIT;
    GdkContentProvider *content = gdk_clipboard_get_content (clipboard);

    g_assert_nonnull (content);
    g_value_init (&v, GDK_TYPE_TEXTURE);
    g_assert_true (gdk_content_provider_get_value (content, &v, NULL));
    value = &v;
    /* the 16:9 slide preset: 13.333 × 7.5 in at 150 dpi */
    g_assert_cmpint (gdk_texture_get_width (g_value_get_object (value)), ==, 2000);
    g_assert_cmpint (gdk_texture_get_height (g_value_get_object (value)), ==, 1125);
    g_value_unset (&v);
  }
  gtk_window_destroy (window);
}

typedef struct {
  gboolean  done;
  char     *path;
  GError   *error;
} Finished;

static void
on_finished_cb (ShzExportDialog *dialog,
                const char      *path,
                const GError    *error,
                Finished        *f)
{
  f->done = TRUE;
  f->path = g_strdup (path);
  f->error = error ? g_error_copy (error) : NULL;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
test_export_dialog_writes_png (void)
{
  const char *kinds[] = { "maturity-map", NULL };
  GtkWidget *page = shz_chart_page_new (kinds);
  GtkWindow *window = show_in_window (page);
  g_autofree char *path = g_build_filename (app->tmpdir, "map.png", NULL);
  g_autofree char *cli_path = g_build_filename (app->tmpdir, "cli.png", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  Finished f = { 0 };
  ShzExportDialog *dialog;
  ShzExportOptions options;
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  shz_chart_page_set_engagement (SHZ_CHART_PAGE (page), app->store, app->demo_id);
  shz_test_wait_for_chart (page);

  /* Export… opens the dialog for what the page shows */
  dialog = SHZ_EXPORT_DIALOG (shz_chart_page_export (SHZ_CHART_PAGE (page)));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (g_str_has_suffix (shz_export_dialog_get_path (dialog), ".png"));
  /* the format follows the file name */
  shz_export_dialog_set_format (dialog, SHZ_EXPORT_SVG);
  g_assert_true (g_str_has_suffix (shz_export_dialog_get_path (dialog), ".svg"));
  shz_export_dialog_set_format (dialog, SHZ_EXPORT_PNG);

  /* presets are the CLI's */
  shz_export_dialog_set_preset (dialog, "a4");
  shz_export_dialog_get_options (dialog, &options);
  g_assert_cmpfloat (options.dpi, ==, 300);
  shz_export_dialog_set_custom_size (dialog, 800, 500, 120);
  shz_export_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.width_px, ==, 800);
  g_assert_cmpint (options.height_px, ==, 500);
  g_assert_cmpfloat (options.dpi, ==, 120);
  shz_export_dialog_set_lang (dialog, SHZ_CHART_LANG_EN);
  shz_test_save_screenshot (GTK_WINDOW (dialog), "export-dialog.png");

  shz_export_dialog_set_path (dialog, path);
  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished_cb), &f);
  shz_export_dialog_export (dialog);
  g_assert_true (shz_export_dialog_is_busy (dialog));
  shz_test_wait_for (&f.done);
  g_assert_true (f.done);
  g_assert_no_error (f.error);
  g_assert_cmpstr (f.path, ==, path);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 33);
  g_assert_cmpmem (contents, 8, signature, 8);
  g_assert_cmpmem (contents + 12, 4, "IHDR", 4);
  g_assert_cmpuint (read_be32 ((const guint8 *) contents + 16), ==, 800);
  g_assert_cmpuint (read_be32 ((const guint8 *) contents + 20), ==, 500);

  /* SVG and PDF through the same dialog */
  {
    static const struct { ShzExportFormat format; const char *name, *magic; } others[] = {
      { SHZ_EXPORT_SVG, "map.svg", "<svg" }, { SHZ_EXPORT_PDF, "map.pdf", "%PDF-" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (others); i++)
      {
        g_autofree char *other = g_build_filename (app->tmpdir, others[i].name, NULL);
        g_autofree char *data = NULL;
        Finished g = { 0 };
        ShzExportDialog *d = SHZ_EXPORT_DIALOG (shz_chart_page_export (SHZ_CHART_PAGE (page)));

        shz_export_dialog_set_format (d, others[i].format);
        shz_export_dialog_set_preset (d, "slide");
        shz_export_dialog_set_path (d, other);
        g_signal_connect (d, "finished", G_CALLBACK (on_finished_cb), &g);
        shz_export_dialog_export (d);
        shz_test_wait_for (&g.done);
        g_assert_no_error (g.error);
        g_assert_true (g_file_get_contents (other, &data, NULL, NULL));
        g_assert_nonnull (strstr (data, others[i].magic));
        g_free (g.path);
      }
  }

  /* `shuzhi export` with the same options writes the same bytes */
  {
    const char *root = g_getenv ("SHZ_BUILD_ROOT");
    g_autofree char *shuzhi = root ? g_build_filename (root, "src", "shuzhi", NULL) : NULL;
    ShzMaturityModel *m = shz_maturity_map_get_model (SHZ_MATURITY_MAP (shz_chart_page_get_chart (SHZ_CHART_PAGE (page))));
    g_autoptr(ShzEngagement) e = shz_store_get_engagement (app->store, app->demo_id, NULL);

    if (shuzhi != NULL && g_file_test (shuzhi, G_FILE_TEST_IS_EXECUTABLE))
      {
        const char *argv[] = { shuzhi, "export", app->store_path, "--engagement", e->name,
                               "--chart", "maturity-map", "--output", cli_path,
                               "--dataset", m->dataset, "--period", m->period,
                               "--width", "800", "--height", "500", "--dpi", "120",
                               "--lang", "en", "--theme", "light", NULL };
        g_autofree char *cli = NULL;
        gsize cli_length = 0;
        int status = -1;
        g_autoptr(GError) error = NULL;

        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                     NULL, NULL, NULL, NULL, &status, &error));
        g_assert_no_error (error);
        g_assert_true (g_spawn_check_wait_status (status, NULL));
        g_assert_true (g_file_get_contents (cli_path, &cli, &cli_length, NULL));
        g_assert_cmpmem (cli, cli_length, contents, length);
      }
    else
      g_test_message ("no shuzhi binary at %s: CLI comparison skipped", shuzhi ? shuzhi : "(unset)");
  }

  /* closing the dialog while it exports: the export is cancelled and nothing touches the
   * closed dialog when the thread ends (it lives until then) */
  {
    g_autofree char *other = g_build_filename (app->tmpdir, "closed.png", NULL);
    gboolean finalized = FALSE;

    dialog = SHZ_EXPORT_DIALOG (shz_chart_page_export (SHZ_CHART_PAGE (page)));
    shz_export_dialog_set_path (dialog, other);
    g_object_weak_ref (G_OBJECT (dialog), finalized_cb, &finalized);
    shz_export_dialog_export (dialog);
    gtk_window_destroy (GTK_WINDOW (dialog));
    shz_test_wait_for (&finalized);
    g_assert_true (finalized);
  }

  g_free (f.path);
  gtk_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  app = shz_test_app_init (&argc, &argv, "shz-chart-page");
  g_test_add_func ("/app/chart-page/maturity-map-shows", test_maturity_map_shows);
  g_test_add_func ("/app/chart-page/select-fills-inspector", test_select_fills_inspector);
  g_test_add_func ("/app/chart-page/options-saved-and-restored", test_options_saved_and_restored);
  g_test_add_func ("/app/chart-page/network-switches-kinds", test_network_switches_kinds);
  g_test_add_func ("/app/chart-page/no-data-says-what-is-needed", test_no_data_says_what_is_needed);
  g_test_add_func ("/app/chart-page/reload-keeps-chart-and-selection", test_reload_keeps_chart_and_selection);
  g_test_add_func ("/app/chart-page/copy-puts-an-image-on-the-clipboard", test_copy_puts_an_image_on_the_clipboard);
  g_test_add_func ("/app/chart-page/export-dialog-writes-png", test_export_dialog_writes_png);
  return shz_test_app_run (app);
}
