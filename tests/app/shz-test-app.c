/* shz-test-app.c — the set-up, waits and screenshots the in-process UI tests share
 * (see shz-test-app.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-test-app"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "shz-test-app.h"
#include "app/shz-chart-page.h"
#include "analysis/shz-demo.h"

/* One a process: the tests' main() sets it up, the cases read it. */
static ShzTestApp the_app;

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* gtk_test_init() sets the locale to en_US; a zh_CN screenshot run keeps the environment's
 * and reads the translations built into the build tree. */
static void
keep_locale (void)
{
  const char *root = g_getenv ("SHZ_BUILD_ROOT");
  g_autofree char *po = root ? g_build_filename (root, "po", NULL) : NULL;

  setlocale (LC_ALL, "");
  if (po != NULL)
    bindtextdomain (GETTEXT_PACKAGE, po);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  the_app.english = !g_str_has_prefix (g_get_language_names ()[0], "zh");
}

/* A store in the temporary folder with the demo engagement, as the app seeds its first one. */
static void
open_demo_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  the_app.store_path = g_build_filename (the_app.tmpdir, "demo.shuzhi", NULL);
  the_app.store = shz_store_open (the_app.store_path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (shz_demo_populate (the_app.store, &error));
  g_assert_no_error (error);
  list = shz_store_list_engagements (the_app.store, &error);
  g_assert_cmpuint (list->len, ==, 1);
  the_app.demo_id = ((ShzEngagement *) g_ptr_array_index (list, 0))->id;
}

ShzTestApp *
shz_test_app_init (int          *argc,
                   char       ***argv,
                   const char   *name)
{
  /* "NAME-" and the six characters g_dir_make_tmp() replaces with random ones */
  g_autofree char *placeholder = g_strnfill (6, 'X');
  g_autofree char *tmpl = g_strconcat (name, "-", placeholder, NULL);

  g_assert_null (the_app.tmpdir);

  the_app.english = TRUE;
  the_app.tmpdir = g_dir_make_tmp (tmpl, NULL);
  g_assert_nonnull (the_app.tmpdir);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  gtk_test_init (argc, argv, NULL);
  if (g_getenv ("SHZ_TEST_KEEP_LOCALE") != NULL)
    keep_locale ();
  adw_init ();
  shz_register_resource ();
  open_demo_store ();
  return &the_app;
}

int
shz_test_app_run (ShzTestApp *app)
{
  int ret;

  g_assert_true (app == &the_app);

  ret = g_test_run ();
  g_clear_pointer (&app->store, shz_store_free);
  if (g_getenv ("SHZ_TEST_KEEP_TMP") == NULL)
    {
      const char *argv[] = { "rm", "-rf", app->tmpdir, NULL };

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                         NULL, NULL, NULL, NULL, NULL, NULL))
        g_printerr ("could not remove %s\n", app->tmpdir);
    }
  g_clear_pointer (&app->store_path, g_free);
  g_clear_pointer (&app->tmpdir, g_free);
  return ret;
}

void
shz_test_wait_for_seconds (gboolean *flag,
                           guint     seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (!*flag && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

void
shz_test_wait_for (gboolean *flag)
{
  shz_test_wait_for_seconds (flag, 30);
}

void
shz_test_settle_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  shz_test_wait_for (&done);
}

ShzChart *
shz_test_wait_for_chart (GtkWidget *page)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      ShzChart *chart = shz_chart_page_get_chart (SHZ_CHART_PAGE (page));
      GtkWidget *view = shz_chart_page_get_view (SHZ_CHART_PAGE (page));

      if (!shz_chart_page_is_loading (SHZ_CHART_PAGE (page)) && chart != NULL &&
          gtk_widget_get_width (view) > 0 && shz_chart_get_width (chart) == gtk_widget_get_width (view) &&
          shz_chart_get_n_items (chart) > 0)
        return chart;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_not_reached ();
  return NULL;
}

void
shz_test_undo_redo (ShzStore  *store,
                    GtkWidget *page,
                    gboolean   redo)
{
  g_autoptr(GError) error = NULL;

  if (redo)
    g_assert_true (shz_store_redo (store, &error));
  else
    g_assert_true (shz_store_undo (store, &error));
  g_assert_no_error (error);
  shz_chart_page_reload (SHZ_CHART_PAGE (page));
}

void
shz_test_save_screenshot (GtkWindow  *window,
                          const char *name)
{
  const char *dir = g_getenv ("SHZ_TEST_SCREENSHOT");
  g_autofree char *path = NULL;
  g_autofree char *crop = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (dir == NULL)
    return;
  /* let transitions (the inspector slides between its pages) finish; a dialog that closes
   * itself meanwhile (an export that ended) is not there to be shot */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  shz_test_settle_for (600);
  if (window == NULL)
    {
      g_test_message ("no screenshot %s: the window was closed", name);
      return;
    }
  g_object_remove_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  path = g_build_filename (dir, name, NULL);
  crop = g_strdup_printf ("%dx%d+0+0", gtk_widget_get_width (GTK_WIDGET (window)),
                          gtk_widget_get_height (GTK_WIDGET (window)));
  {
    const char *argv[] = { "import", "-window", "root", "-crop", crop, path, NULL };
    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error))
      g_test_message ("no screenshot: %s", error->message);
  }
}
