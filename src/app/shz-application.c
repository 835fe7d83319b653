/* shz-application.c — the Shuzhi application: one window per open store, app-wide actions,
 * the default store (created with the demo engagement on first start) and recent stores.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-app"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "shz-application.h"
#include "shz-window.h"
#include "shz-preferences-window.h"
#include "shz-resources.h"
#include "store/shz-store.h"
#include "analysis/shz-demo.h"

#define MAX_RECENT 10

struct _ShzApplication {
  AdwApplication  parent_instance;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (ShzApplication, shz_application, ADW_TYPE_APPLICATION)

static gint64 start_time_us;

void
shz_application_set_start_time (gint64 monotonic_us)
{
  start_time_us = monotonic_us;
}

gint64
shz_application_get_start_time (void)
{
  return start_time_us;
}

char *
shz_application_default_store_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "shuzhi", "default.shuzhi", NULL);
}

/* The first start: create the default store and seed it with the demo engagement, so the
 * window opens on a real chart.  A store that exists is never re-seeded. */
static void
ensure_default_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return;  /* the window reports the failure to open it */
  store = shz_store_open (path, SHZ_STORE_OPEN_CREATE, &error);
  if (store == NULL || !shz_demo_populate (store, &error))
    g_warning ("Could not create the default store %s: %s", path, error->message);
}

static ShzWindow *
find_window (ShzApplication *self,
             const char     *path)
{
  g_autoptr(GFile) want = g_file_new_for_path (path);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      const char *p;

      if (!SHZ_IS_WINDOW (l->data))
        continue;
      p = shz_window_get_store_path (l->data);
      if (p)
        {
          g_autoptr(GFile) have = g_file_new_for_path (p);
          if (g_file_equal (want, have))
            return l->data;
        }
    }
  return NULL;
}

void
shz_application_add_recent (ShzApplication *self,
                            const char     *path)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-stores");
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  guint n = 1;

  g_strv_builder_add (b, path);
  for (guint i = 0; old[i] && n < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], path) != 0)
      {
        g_strv_builder_add (b, old[i]);
        n++;
      }
  list = g_strv_builder_end (b);
  g_settings_set_strv (self->settings, "recent-stores", (const char * const *) list);
  g_settings_set_string (self->settings, "last-store", path);
}

void
shz_application_open_store (ShzApplication *self,
                            const char     *path)
{
  ShzWindow *window = find_window (self, path);

  if (window == NULL)
    {
      window = shz_window_new (self);
      shz_window_open_store (window, path);
    }
  gtk_window_present (GTK_WINDOW (window));
}

GSettings *
shz_application_get_settings (ShzApplication *self)
{
  return self->settings;
}

/* ---- actions ---- */

static void
new_window_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  ShzApplication *self = user_data;
  ShzWindow *window = shz_window_new (self);

  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  ShzApplication *self = user_data;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; )
    {
      GList *next = l->next;
      gtk_window_close (l->data);
      l = next;
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { _("The Shuzhi developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-icon", APP_ID,
                        "application-name", _("Shuzhi"),
                        "developer-name", _("The Shuzhi developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Digital-intelligence transformation analytics for consumer-goods engagements. "
                                      "Its frameworks come from the whitepaper “共奏数智华美乐章 — 2020消费品生态全链路数智化转型白皮书” "
                                      "(Alibaba Cloud × KPMG China)."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  ShzApplication *self = user_data;
  GtkWidget *prefs = shz_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                                 self->settings);

  gtk_window_set_application (GTK_WINDOW (prefs), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  const char *path = g_variant_get_string (param, NULL);

  shz_application_open_store (user_data, path);
}

static const GActionEntry app_actions[] = {
  { "new-window", new_window_action },
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "open-recent", open_recent_action, "s" },
};

/* ---- overrides ---- */

static void
shz_application_startup (GApplication *app)
{
  ShzApplication *self = SHZ_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *new_engagement_accels[] = { "<Control>n", NULL };
  static const char *new_store_accels[] = { "<Control><Shift>n", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *save_as_accels[] = { "<Control><Shift>s", NULL };
  static const char *edit_accels[] = { "<Control>e", NULL };
  static const char *rename_accels[] = { "F2", NULL };
  static const char *duplicate_accels[] = { "<Control>d", NULL };
  static const char *delete_accels[] = { "Delete", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *import_accels[] = { "<Control>i", NULL };
  static const char *export_accels[] = { "<Control><Shift>e", NULL };
  static const char *export_all_accels[] = { "<Control><Alt>e", NULL };
  static const char *compute_accels[] = { "<Control>m", NULL };
  static const char *undo_accels[] = { "<Control>z", NULL };
  static const char *redo_accels[] = { "<Control><Shift>z", "<Control>y", NULL };
  static const char *history_accels[] = { "<Control>h", NULL };
  static const char *assess_accels[] = { "<Control>k", NULL };
  static const char *view1[] = { "<Alt>1", NULL }, *view2[] = { "<Alt>2", NULL },
                    *view3[] = { "<Alt>3", NULL }, *view4[] = { "<Alt>4", NULL };

  G_APPLICATION_CLASS (shz_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-engagement", new_engagement_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-store", new_store_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.open-store", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.save-store-as", save_as_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.edit-engagement", edit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.rename-engagement", rename_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.duplicate-engagement", duplicate_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.delete-engagement", delete_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.import", import_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.export-chart", export_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.export-all-charts", export_all_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.compute-positions", compute_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.undo", undo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.redo", redo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-history", history_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.edit-assessment", assess_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-view::overview", view1);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-view::data", view2);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-view::maturity", view3);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-view::network", view4);
}

static void
shz_application_activate (GApplication *app)
{
  ShzApplication *self = SHZ_APPLICATION (app);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree char *last = NULL;
  g_autofree char *path = NULL;

  if (active)
    {
      gtk_window_present (active);
      return;
    }
  last = g_settings_get_string (self->settings, "last-store");
  if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    path = g_steal_pointer (&last);
  else
    {
      path = shz_application_default_store_path ();
      ensure_default_store (path);
    }
  shz_application_open_store (self, path);
}

static void
shz_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path == NULL)
        continue;
      /* `shuzhi new-client.shuzhi` starts a new, empty store, as editors do with a new file name. */
      if (!g_file_test (path, G_FILE_TEST_EXISTS) && g_str_has_suffix (path, ".shuzhi"))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(ShzStore) store = shz_store_open (path, SHZ_STORE_OPEN_CREATE, &error);

          if (store == NULL)
            g_warning ("%s", error->message);  /* the window then says why it cannot open it */
        }
      shz_application_open_store (SHZ_APPLICATION (app), path);
    }
}

static void
shz_application_dispose (GObject *object)
{
  ShzApplication *self = SHZ_APPLICATION (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (shz_application_parent_class)->dispose (object);
}

static void
shz_application_class_init (ShzApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  /* The resources live in a static library: register them by hand, the linker would drop a
   * constructor nothing refers to. */
  shz_register_resource ();
  object_class->dispose = shz_application_dispose;
  app_class->startup = shz_application_startup;
  app_class->activate = shz_application_activate;
  app_class->open = shz_application_open;
}

/* Installed, the schema is found as usual; run from the build tree, it is the one compiled there. */
static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  if (schema == NULL)
    {
      g_autoptr(GSettingsSchemaSource) build = g_settings_schema_source_new_from_directory (BUILD_DATADIR, source, FALSE, NULL);
      if (build)
        schema = g_settings_schema_source_lookup (build, APP_ID, TRUE);
    }
  if (schema == NULL)
    g_error ("The settings schema %s is not installed; run “meson install”", APP_ID);
  return g_settings_new_full (schema, NULL, NULL);
}

static void
shz_application_init (ShzApplication *self)
{
  self->settings = create_settings ();
}

ShzApplication *
shz_application_new (void)
{
  return g_object_new (SHZ_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/shuzhi/Shuzhi",
                       NULL);
}
