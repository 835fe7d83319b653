/* test-window.c — the window on a first start (default store with the demo engagement), on a
 * store that cannot be opened, and deleting an engagement with its undo toast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "app/shz-application.h"
#include "app/shz-window.h"
#include "app/shz-chart-page.h"
#include "app/shz-data-view.h"
#include "shz-test-app.h"

static char *tmpdir;

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (css_class == NULL || gtk_widget_has_css_class (root, css_class)))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type, css_class);
      if (found)
        return found;
    }
  return NULL;
}

static GPtrArray *
sidebar_names (ShzWindow *window)
{
  GtkWidget *list = find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, "navigation-sidebar");
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (list);
  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i);
      GtkWidget *label;

      if (row == NULL)
        break;
      label = find_widget (GTK_WIDGET (row), GTK_TYPE_LABEL, NULL);
      g_ptr_array_add (names, g_strdup (gtk_label_get_text (GTK_LABEL (label))));
    }
  return names;
}

/* One application for the whole process, as in real life; each test closes its windows. */
static ShzApplication *the_app;

static ShzApplication *
start_app (void)
{
  g_autoptr(GError) error = NULL;

  if (the_app == NULL)
    {
      the_app = shz_application_new ();
      g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (the_app), NULL, &error));
      g_assert_no_error (error);
      /* Keep it alive between tests, while no window is open. */
      g_application_hold (G_APPLICATION (the_app));
    }
  return g_object_ref (the_app);
}

static ShzWindow *
active_window (ShzApplication *app)
{
  GtkWindow *w = NULL;

  for (int i = 0; i < 200 && w == NULL; i++)
    {
      shz_test_settle_for (10);
      w = gtk_application_get_active_window (GTK_APPLICATION (app));
    }
  g_assert_nonnull (w);
  g_assert_true (SHZ_IS_WINDOW (w));
  return SHZ_WINDOW (w);
}

static void
close_all (ShzApplication *app)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
  shz_test_settle_for (50);
}

static void
test_first_start_shows_demo (void)
{
  g_autoptr(ShzApplication) app = start_app ();
  g_autofree char *default_path = shz_application_default_store_path ();
  g_autoptr(GPtrArray) names = NULL;
  ShzWindow *window;

  g_assert_true (g_str_has_prefix (default_path, tmpdir));
  g_assert_false (g_file_test (default_path, G_FILE_TEST_EXISTS));
  g_application_activate (G_APPLICATION (app));
  window = active_window (app);
  g_assert_true (g_file_test (default_path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (shz_window_get_store_path (window), ==, default_path);
  g_assert_null (shz_window_get_error_message (window));

  names = sidebar_names (window);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "Demo engagement");
  g_assert_cmpint (shz_window_get_engagement_id (window), >, 0);

  /* The Data and chart views are made when first shown, not for the first frame … */
  g_assert_null (find_widget (GTK_WIDGET (window), SHZ_TYPE_CHART_PAGE, NULL));
  g_assert_null (find_widget (GTK_WIDGET (window), SHZ_TYPE_DATA_VIEW, NULL));
  /* … and then show the engagement selected before they existed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "maturity"));
  {
    ShzChartPage *page = SHZ_CHART_PAGE (find_widget (GTK_WIDGET (window), SHZ_TYPE_CHART_PAGE, NULL));
    ShzDataView *data = SHZ_DATA_VIEW (find_widget (GTK_WIDGET (window), SHZ_TYPE_DATA_VIEW, NULL));
    g_auto(GStrv) datasets = NULL;

    g_assert_nonnull (page);
    g_assert_nonnull (data);
    for (int i = 0; i < 1000 && shz_chart_page_is_loading (page); i++)
      shz_test_settle_for (10);
    g_assert_false (shz_chart_page_is_loading (page));
    g_assert_cmpstr (shz_chart_page_get_kind (page), ==, "maturity-map");
    /* laid out (its items placed) when drawn */
    for (int i = 0; i < 500 && shz_chart_get_n_items (shz_chart_page_get_chart (page)) == 0; i++)
      shz_test_settle_for (10);
    g_assert_cmpuint (shz_chart_get_n_items (shz_chart_page_get_chart (page)), >, 0);
    datasets = shz_data_view_get_names (data);
    g_assert_cmpuint (g_strv_length (datasets), >, 0);
  }
  close_all (app);
}

static void
test_bad_store_shows_why (void)
{
  g_autoptr(ShzApplication) app = start_app ();
  g_autofree char *bad = g_build_filename (tmpdir, "bad.shuzhi", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (bad);
  GFile *files[] = { file };
  ShzWindow *window;
  const char *msg;

  g_assert_true (g_file_set_contents (bad, "not a store", -1, NULL));
  g_application_open (G_APPLICATION (app), files, 1, "");
  window = active_window (app);
  msg = shz_window_get_error_message (window);
  g_assert_nonnull (msg);
  g_assert_nonnull (strstr (msg, "bad.shuzhi"));
  g_assert_nonnull (strstr (msg, "not a Shuzhi store"));
  close_all (app);
}

static void
test_delete_with_undo_toast (void)
{
  g_autoptr(ShzApplication) app = start_app ();
  g_autofree char *path = g_build_filename (tmpdir, "two.shuzhi", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GFile *files[] = { file };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  ShzStore *store;
  ShzWindow *window;

  store = shz_store_open (path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  {
    g_autoptr(ShzEngagement) a = shz_engagement_new (), b = shz_engagement_new ();
    a->name = g_strdup ("Alpha");
    b->name = g_strdup ("Beta");
    shz_store_create_engagement (store, a, &error);
    shz_store_create_engagement (store, b, &error);
    g_assert_no_error (error);
  }
  shz_store_free (store);

  g_application_open (G_APPLICATION (app), files, 1, "");
  window = active_window (app);
  names = sidebar_names (window);
  g_assert_cmpuint (names->len, ==, 2);
  g_clear_pointer (&names, g_ptr_array_unref);

  /* Delete the selected (first) engagement: it leaves the list at once... */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-engagement", NULL));
  shz_test_settle_for (20);
  names = sidebar_names (window);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "Beta");
  g_clear_pointer (&names, g_ptr_array_unref);

  /* ...but is still in the store while its undo toast is up. */
  store = shz_store_open (path, SHZ_STORE_OPEN_READ_ONLY, &error);
  {
    g_autoptr(GPtrArray) list = shz_store_list_engagements (store, &error);
    g_assert_cmpuint (list->len, ==, 2);
  }
  shz_store_free (store);

  /* Closing the window commits the deletion. */
  close_all (app);
  store = shz_store_open (path, SHZ_STORE_OPEN_READ_ONLY, &error);
  {
    g_autoptr(GPtrArray) list = shz_store_list_engagements (store, &error);
    g_assert_cmpuint (list->len, ==, 1);
    g_assert_cmpstr (((ShzEngagement *) g_ptr_array_index (list, 0))->name, ==, "Beta");
  }
  shz_store_free (store);
}

static void
test_undo_redo_duplicate (void)
{
  g_autoptr(ShzApplication) app = start_app ();
  g_autofree char *path = g_build_filename (tmpdir, "undo.shuzhi", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GFile *files[] = { file };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  ShzStore *store;
  ShzWindow *window;

  store = shz_store_open (path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  {
    g_autoptr(ShzEngagement) a = shz_engagement_new ();
    a->name = g_strdup ("Alpha");
    shz_store_create_engagement (store, a, &error);
    g_assert_no_error (error);
  }
  shz_store_free (store);

  g_application_open (G_APPLICATION (app), files, 1, "");
  window = active_window (app);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate-engagement", NULL));
  shz_test_settle_for (20);
  names = sidebar_names (window);
  g_assert_cmpuint (names->len, ==, 2);
  g_clear_pointer (&names, g_ptr_array_unref);

  /* Ctrl+Z takes the copy away, Ctrl+Shift+Z brings it back; the store agrees each time. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  shz_test_settle_for (20);
  names = sidebar_names (window);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "Alpha");
  g_clear_pointer (&names, g_ptr_array_unref);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  shz_test_settle_for (20);
  names = sidebar_names (window);
  g_assert_cmpuint (names->len, ==, 2);
  g_clear_pointer (&names, g_ptr_array_unref);
  close_all (app);

  /* The history survives closing: undo again from a fresh connection. */
  store = shz_store_open (path, SHZ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (shz_store_can_undo (store));
  g_assert_true (shz_store_undo (store, &error));
  {
    g_autoptr(GPtrArray) list = shz_store_list_engagements (store, &error);
    g_assert_cmpuint (list->len, ==, 1);
  }
  shz_store_free (store);
}

static void
test_preferences_bound_to_settings (void)
{
  g_autoptr(ShzApplication) app = start_app ();
  GSettings *settings = shz_application_get_settings (app);
  GtkWidget *prefs = NULL;
  GtkWidget *spin, *sw;
  ShzWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = active_window (app);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  for (int i = 0; i < 100 && prefs == NULL; i++)
    {
      shz_test_settle_for (10);
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
        if (ADW_IS_PREFERENCES_WINDOW (l->data))
          prefs = l->data;
    }
  g_assert_nonnull (prefs);
  spin = find_widget (prefs, GTK_TYPE_SPIN_BUTTON, NULL);
  sw = find_widget (prefs, GTK_TYPE_SWITCH, NULL);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, g_settings_get_int (settings, "export-dpi"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 450);
  g_assert_cmpint (g_settings_get_int (settings, "export-dpi"), ==, 450);
  gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "pseudonymise"));
  gtk_window_destroy (GTK_WINDOW (prefs));
  (void) window;
  close_all (app);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  tmpdir = g_dir_make_tmp ("shz-window-XXXXXX", NULL);
  {
    g_autofree char *data = g_build_filename (tmpdir, "data", NULL);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_setenv ("GSK_RENDERER", "cairo", TRUE);
  }
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/app/window/first-start-shows-demo", test_first_start_shows_demo);
  g_test_add_func ("/app/window/bad-store-shows-why", test_bad_store_shows_why);
  g_test_add_func ("/app/window/delete-with-undo-toast", test_delete_with_undo_toast);
  g_test_add_func ("/app/preferences/bound-to-settings", test_preferences_bound_to_settings);
  g_test_add_func ("/app/window/undo-redo", test_undo_redo_duplicate);

  ret = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmpdir);
    (void) system (cmd);
  }
  return ret;
}
