/* shz-preferences-window.c — the preferences: every control is bound to a GSettings key, so a
 * change takes effect at once and is remembered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-app"

#include "config.h"

#include <glib/gi18n.h>

#include "shz-preferences-window.h"

struct _ShzPreferencesWindow {
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *language_row;
  AdwComboRow          *theme_row;
  AdwComboRow          *preset_row;
  GtkSpinButton        *dpi_spin;
  GtkSwitch            *pseudonymise_switch;
  AdwActionRow         *folder_row;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (ShzPreferencesWindow, shz_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The combo rows list choices in the order of these key values. */
static const char *const languages[] = { "auto", "zh_CN", "en", NULL };
static const char *const themes[] = { "light", "dark", NULL };
static const char *const presets[] = { "slide", "a4", "square", "screen", NULL };

static gboolean
string_to_index_cb (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *const *choices = user_data;
  const char *s = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i]; i++)
    if (g_strcmp0 (choices[i], s) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
index_to_string_cb (const GValue       *value,
                    const GVariantType *type,
                    gpointer            user_data)
{
  const char *const *choices = user_data;
  guint i = g_value_get_uint (value);

  if (i >= g_strv_length ((char **) choices))
    return NULL;
  return g_variant_new_string (choices[i]);
}

static void
bind_choice (GSettings         *settings,
             const char        *key,
             AdwComboRow       *row,
             const char *const *choices)
{
  g_settings_bind_with_mapping (settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                string_to_index_cb, index_to_string_cb, (gpointer) choices, NULL);
}

static void
update_folder_row (ShzPreferencesWindow *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "store-folder");

  if (folder[0] == '\0')
    {
      const char *docs = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
      g_free (folder);
      folder = g_strdup (docs ? docs : g_get_home_dir ());
    }
  adw_action_row_set_subtitle (self->folder_row, folder);
}

static void
on_folder_response_cb (GtkNativeDialog      *native,
                       int                   response,
                       ShzPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path)
        g_settings_set_string (self->settings, "store-folder", path);
      update_folder_row (self);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
on_folder_activated_cb (ShzPreferencesWindow *self)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Default Folder for Stores"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_folder_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
shz_preferences_window_dispose (GObject *object)
{
  ShzPreferencesWindow *self = SHZ_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (shz_preferences_window_parent_class)->dispose (object);
}

static void
shz_preferences_window_class_init (ShzPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shz_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuzhi/Shuzhi/ui/shz-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ShzPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, ShzPreferencesWindow, theme_row);
  gtk_widget_class_bind_template_child (widget_class, ShzPreferencesWindow, preset_row);
  gtk_widget_class_bind_template_child (widget_class, ShzPreferencesWindow, dpi_spin);
  gtk_widget_class_bind_template_child (widget_class, ShzPreferencesWindow, pseudonymise_switch);
  gtk_widget_class_bind_template_child (widget_class, ShzPreferencesWindow, folder_row);
  gtk_widget_class_bind_template_callback (widget_class, on_folder_activated_cb);
}

static void
shz_preferences_window_init (ShzPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
shz_preferences_window_new (GtkWindow *parent,
                            GSettings *settings)
{
  ShzPreferencesWindow *self = g_object_new (SHZ_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);

  self->settings = g_object_ref (settings);
  bind_choice (settings, "chart-language", self->language_row, languages);
  bind_choice (settings, "chart-theme", self->theme_row, themes);
  bind_choice (settings, "export-preset", self->preset_row, presets);
  g_settings_bind (settings, "export-dpi", self->dpi_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "pseudonymise", self->pseudonymise_switch, "active", G_SETTINGS_BIND_DEFAULT);
  update_folder_row (self);
  return GTK_WIDGET (self);
}
