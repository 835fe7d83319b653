/* shz-export-dialog.c — the Export dialog (see the header).  The worker calls what
 * `shuzhi export` calls for one chart, shz_chart_export_kind(): a new chart of the kind, the
 * settings saved with the engagement, the language and theme asked for, the data (from a
 * pseudonymised copy when client names are hidden), then shz_chart_export() — on its own
 * read-only connection, so the window stays responsive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-app"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "shz-export-dialog.h"
#include "shz-application.h"
#include "charts/shz-chart-batch.h"

struct _ShzExportDialog
{
  AdwWindow        parent_instance;

  AdwWindowTitle  *window_title;
  GtkButton       *export_button;
  GtkButton       *cancel_button;
  GtkSpinner      *spinner;
  AdwComboRow     *format_row;
  AdwComboRow     *preset_row;
  AdwActionRow    *width_row;
  AdwActionRow    *height_row;
  AdwActionRow    *dpi_row;
  GtkSpinButton   *width_spin;
  GtkSpinButton   *height_spin;
  GtkSpinButton   *dpi_spin;
  AdwComboRow     *lang_row;
  AdwComboRow     *theme_row;
  GtkSwitch       *pseudonymise_switch;
  AdwActionRow    *file_row;
  GtkButton       *choose_button;
  GtkLabel        *error_label;

  char            *store_path;
  gint64           engagement_id;
  char            *kind;
  char            *dataset;
  char            *period;
  char            *path;
  GCancellable    *cancellable;
  GtkFileChooserNative *chooser;
  gboolean         filling;      /* spin buttons being set from a preset */
  gboolean         disposed;     /* closed while an export ran: touch no widget */
};

G_DEFINE_FINAL_TYPE (ShzExportDialog, shz_export_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In the order of the preset row's model; "custom" last. */
static const char * const preset_ids[] = { "slide", "a4", "square", "screen", "custom" };
#define PRESET_CUSTOM 4

/* ---- the worker ---- */

typedef struct {
  char             *store_path;
  gint64            engagement_id;
  char             *kind;
  char             *dataset;
  char             *period;
  char             *lang;
  char             *theme;
  ShzExportOptions  options;
  gboolean          pseudonymise;
  char             *path;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->store_path);
  g_free (job->kind);
  g_free (job->dataset);
  g_free (job->period);
  g_free (job->lang);
  g_free (job->theme);
  g_free (job->path);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  ShzChartBatchOptions options;

  if (g_task_return_error_if_cancelled (task))
    return;
  store = shz_store_open (job->store_path, SHZ_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    goto failed;
  /* what `shuzhi export --chart KIND` does with the same choices */
  shz_chart_batch_options_init (&options);
  options.size = job->options;
  options.lang = job->lang;
  options.theme = job->theme;
  options.dataset = job->dataset;
  options.period = job->period;
  options.pseudonymise = job->pseudonymise;
  if (!shz_chart_export_kind (store, job->engagement_id, job->kind, &options, job->options.format, job->path, &error))
    goto failed;
  g_task_return_boolean (task, TRUE);
  return;

failed:
  g_task_return_error (task, g_steal_pointer (&error));
}

/* ---- helpers ---- */

/* The Preferences' "Pseudonymise client names": the application's settings (which a
 * build-tree run finds in the build tree), else the installed schema's, else off. */
static gboolean
default_pseudonymise (GtkWindow *parent)
{
  GtkApplication *app = parent ? gtk_window_get_application (parent) : NULL;
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (SHZ_IS_APPLICATION (app))
    return g_settings_get_boolean (shz_application_get_settings (SHZ_APPLICATION (app)), "pseudonymise");
  source = g_settings_schema_source_get_default ();
  schema = source ? g_settings_schema_source_lookup (source, "io.github.shuzhi.Shuzhi", TRUE) : NULL;
  settings = schema ? g_settings_new ("io.github.shuzhi.Shuzhi") : NULL;
  return settings != NULL && g_settings_get_boolean (settings, "pseudonymise");
}

static ShzExportFormat
get_format (ShzExportDialog *self)
{
  switch (adw_combo_row_get_selected (self->format_row))
    {
    case 1: return SHZ_EXPORT_SVG;
    case 2: return SHZ_EXPORT_PDF;
    default: return SHZ_EXPORT_PNG;
    }
}

static void
set_busy (ShzExportDialog *self,
          gboolean         busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !busy && self->path != NULL);
}

static void
update_file_row (ShzExportDialog *self)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->file_row),
                               self->path ? self->path : _("No file chosen"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button),
                            self->path != NULL && self->cancellable == NULL);
}

/* The file name follows the format: chart.png becomes chart.svg. */
static void
fix_extension (ShzExportDialog *self)
{
  const char *ext = shz_export_format_to_string (get_format (self));
  ShzExportFormat current;
  g_autofree char *base = NULL;

  if (self->path == NULL)
    return;
  if (shz_export_format_from_path (self->path, &current))
    {
      if (current == get_format (self))
        return;
      base = g_strndup (self->path, strrchr (self->path, '.') - self->path);
    }
  else
    base = g_strdup (self->path);
  g_free (self->path);
  self->path = g_strdup_printf ("%s.%s", base, ext);
  update_file_row (self);
}

static void
update_size_summary (ShzExportDialog *self)
{
  ShzExportOptions o;
  double wu, hu, scale;
  int wp, hp;
  g_autoptr(GError) error = NULL;

  shz_export_dialog_get_options (self, &o);
  if (shz_export_options_resolve (&o, &wu, &hu, &wp, &hp, &scale, &error))
    {
      g_autofree char *text = NULL;
      if (o.format == SHZ_EXPORT_PNG)
        text = g_strdup_printf (_("%d × %d pixels"), wp, hp);
      else
        /* Translators: the page size of a vector export, then the resolution of its raster layers */
        text = g_strdup_printf (_("%.1f × %.1f in; dense point layers at %g DPI"),
                                wp / (o.dpi > 0 ? o.dpi : 96), hp / (o.dpi > 0 ? o.dpi : 96),
                                o.dpi > 0 ? o.dpi : 96);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preset_row), text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
    }
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preset_row), "");
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

/* Show the pixel size and DPI a preset stands for; editable only for "custom". */
static void
fill_from_preset (ShzExportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->preset_row);
  gboolean custom = i >= PRESET_CUSTOM;

  gtk_widget_set_sensitive (GTK_WIDGET (self->width_row), custom);
  gtk_widget_set_sensitive (GTK_WIDGET (self->height_row), custom);
  gtk_widget_set_sensitive (GTK_WIDGET (self->dpi_row), custom);
  if (!custom)
    {
      ShzExportOptions o;
      double wu, hu, scale;
      int wp, hp;

      shz_export_options_from_preset (preset_ids[i], get_format (self), &o);
      if (shz_export_options_resolve (&o, &wu, &hu, &wp, &hp, &scale, NULL))
        {
          self->filling = TRUE;
          gtk_spin_button_set_value (self->width_spin, wp);
          gtk_spin_button_set_value (self->height_spin, hp);
          gtk_spin_button_set_value (self->dpi_spin, o.dpi > 0 ? o.dpi : 96);
          self->filling = FALSE;
        }
    }
  update_size_summary (self);
}

/* ---- callbacks ---- */

static void
on_format_changed_cb (ShzExportDialog *self)
{
  fix_extension (self);
  update_size_summary (self);
}

static void
on_preset_changed_cb (ShzExportDialog *self)
{
  fill_from_preset (self);
}

static void
on_size_changed_cb (ShzExportDialog *self)
{
  if (!self->filling)
    update_size_summary (self);
}

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        ShzExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      ShzExportFormat format;

      if (path != NULL)
        {
          /* a name typed with another extension picks that format */
          if (shz_export_format_from_path (path, &format))
            adw_combo_row_set_selected (self->format_row, (guint) format);
          shz_export_dialog_set_path (self, path);
          fix_extension (self);
        }
    }
  g_clear_object (&self->chooser);
}

static void
on_choose_clicked_cb (ShzExportDialog *self)
{
  GtkFileFilter *filter;
  ShzExportFormat format = get_format (self);
  static const char * const names[] = { N_("PNG images"), N_("SVG drawings"), N_("PDF documents") };
  static const char * const types[] = { "image/png", "image/svg+xml", "application/pdf" };

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export Chart"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _(names[format]));
  gtk_file_filter_add_mime_type (filter, types[format]);
  gtk_file_filter_add_suffix (filter, shz_export_format_to_string (format));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  if (self->path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self->path);
      g_autofree char *base = g_path_get_basename (self->path);
      g_autoptr(GFile) folder = g_file_new_for_path (dir);

      if (g_file_test (dir, G_FILE_TEST_IS_DIR))
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), base);
    }
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  /* a reference taken for the task: the task has no source object, so that its last
   * reference, which may be dropped in the worker thread, never finalizes a widget there */
  g_autoptr(ShzExportDialog) self = user_data;
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  g_clear_object (&self->cancellable);
  if (self->disposed)
    return;
  set_busy (self, FALSE);
  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_text (self->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
        }
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, job->path, error);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, job->path, NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_export_clicked_cb (ShzExportDialog *self)
{
  shz_export_dialog_export (self);
}

static void
on_cancel_clicked_cb (ShzExportDialog *self)
{
  /* A running export stops before it writes; a finished write is not undone. */
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
on_close_request_cb (GtkWindow *window)
{
  ShzExportDialog *self = SHZ_EXPORT_DIALOG (window);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return FALSE;
}

/* ---- GObject ---- */

static void
shz_export_dialog_dispose (GObject *object)
{
  ShzExportDialog *self = SHZ_EXPORT_DIALOG (object);

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (shz_export_dialog_parent_class)->dispose (object);
}

static void
shz_export_dialog_finalize (GObject *object)
{
  ShzExportDialog *self = SHZ_EXPORT_DIALOG (object);

  g_free (self->store_path);
  g_free (self->kind);
  g_free (self->dataset);
  g_free (self->period);
  g_free (self->path);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (shz_export_dialog_parent_class)->finalize (object);
}

static void
shz_export_dialog_class_init (ShzExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = shz_export_dialog_dispose;
  object_class->finalize = shz_export_dialog_finalize;
  window_class->close_request = on_close_request_cb;

  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuzhi/Shuzhi/ui/shz-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ShzExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ShzExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, ShzExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ShzExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, ShzExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, ShzExportDialog, preset_row);
  gtk_widget_class_bind_template_child (widget_class, ShzExportDialog, width_row);
  gtk_widget_class_bind_template_child (widget_class, ShzExportDialog, height_row);
  gtk_widget_class_bind_template_child (widget_class, ShzExportDialog, dpi_row);
  gtk_widget_class_bind_template_child (widget_class, ShzExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, ShzExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, ShzExportDialog, dpi_spin);
  gtk_widget_class_bind_template_child (widget_class, ShzExportDialog, lang_row);
  gtk_widget_class_bind_template_child (widget_class, ShzExportDialog, theme_row);
  gtk_widget_class_bind_template_child (widget_class, ShzExportDialog, pseudonymise_switch);
  gtk_widget_class_bind_template_child (widget_class, ShzExportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, ShzExportDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, ShzExportDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_format_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_preset_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_size_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
shz_export_dialog_init (ShzExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_selected (self->preset_row, 0);
  fill_from_preset (self);
}

/* ---- public API ---- */

ShzExportDialog *
shz_export_dialog_new (GtkWindow       *parent,
                       const char      *store_path,
                       gint64           engagement_id,
                       const char      *kind,
                       const char      *dataset,
                       const char      *period,
                       ShzChartLang     lang,
                       ShzChartThemeId  theme,
                       const char      *basename)
{
  ShzExportDialog *self;
  const char *dir;

  g_return_val_if_fail (store_path != NULL && kind != NULL, NULL);

  self = g_object_new (SHZ_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->store_path = g_strdup (store_path);
  self->engagement_id = engagement_id;
  self->kind = g_strdup (kind);
  self->dataset = g_strdup (dataset);
  self->period = g_strdup (period);
  adw_combo_row_set_selected (self->lang_row, lang == SHZ_CHART_LANG_EN ? 1 : 0);
  adw_combo_row_set_selected (self->theme_row, theme == SHZ_CHART_THEME_DARK ? 1 : 0);
  gtk_switch_set_active (self->pseudonymise_switch, default_pseudonymise (parent));

  dir = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    dir = g_get_home_dir ();
  {
    g_autofree char *name = g_strdup_printf ("%s.png", basename ? basename : kind);
    g_autofree char *path = NULL;

    /* a file name never holds a folder separator from an engagement's name */
    g_strdelimit (name, G_DIR_SEPARATOR_S, '-');
    path = g_build_filename (dir, name, NULL);
    shz_export_dialog_set_path (self, path);
  }
  adw_window_title_set_subtitle (self->window_title, basename ? basename : kind);
  return self;
}

void
shz_export_dialog_set_format (ShzExportDialog *self,
                              ShzExportFormat  format)
{
  g_return_if_fail (SHZ_IS_EXPORT_DIALOG (self));
  adw_combo_row_set_selected (self->format_row, (guint) format);
}

void
shz_export_dialog_set_preset (ShzExportDialog *self,
                              const char      *preset)
{
  g_return_if_fail (SHZ_IS_EXPORT_DIALOG (self));
  for (guint i = 0; i < G_N_ELEMENTS (preset_ids); i++)
    if (g_strcmp0 (preset_ids[i], preset) == 0)
      adw_combo_row_set_selected (self->preset_row, i);
}

void
shz_export_dialog_set_custom_size (ShzExportDialog *self,
                                   int              width_px,
                                   int              height_px,
                                   double           dpi)
{
  g_return_if_fail (SHZ_IS_EXPORT_DIALOG (self));
  adw_combo_row_set_selected (self->preset_row, PRESET_CUSTOM);
  gtk_spin_button_set_value (self->width_spin, width_px);
  gtk_spin_button_set_value (self->height_spin, height_px);
  gtk_spin_button_set_value (self->dpi_spin, dpi);
}

void
shz_export_dialog_set_lang (ShzExportDialog *self,
                            ShzChartLang     lang)
{
  g_return_if_fail (SHZ_IS_EXPORT_DIALOG (self));
  adw_combo_row_set_selected (self->lang_row, lang == SHZ_CHART_LANG_EN ? 1 : 0);
}

void
shz_export_dialog_set_pseudonymise (ShzExportDialog *self,
                                    gboolean         pseudonymise)
{
  g_return_if_fail (SHZ_IS_EXPORT_DIALOG (self));
  gtk_switch_set_active (self->pseudonymise_switch, pseudonymise);
}

gboolean
shz_export_dialog_get_pseudonymise (ShzExportDialog *self)
{
  g_return_val_if_fail (SHZ_IS_EXPORT_DIALOG (self), FALSE);
  return gtk_switch_get_active (self->pseudonymise_switch);
}

void
shz_export_dialog_set_path (ShzExportDialog *self,
                            const char      *path)
{
  g_return_if_fail (SHZ_IS_EXPORT_DIALOG (self));
  g_free (self->path);
  self->path = g_strdup (path);
  update_file_row (self);
}

const char *
shz_export_dialog_get_path (ShzExportDialog *self)
{
  g_return_val_if_fail (SHZ_IS_EXPORT_DIALOG (self), NULL);
  return self->path;
}

void
shz_export_dialog_get_options (ShzExportDialog  *self,
                               ShzExportOptions *o)
{
  guint i = adw_combo_row_get_selected (self->preset_row);
  ShzExportFormat format = get_format (self);

  /* a preset exactly as `shuzhi export --preset` has it; custom as --width --height --dpi */
  if (i < PRESET_CUSTOM)
    shz_export_options_from_preset (preset_ids[i], format, o);
  else
    {
      shz_export_options_init (o, format);
      o->width_px = gtk_spin_button_get_value_as_int (self->width_spin);
      o->height_px = gtk_spin_button_get_value_as_int (self->height_spin);
      o->dpi = gtk_spin_button_get_value (self->dpi_spin);
    }
}

void
shz_export_dialog_export (ShzExportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ExportJob *job;
  double wu, hu, scale;
  int wp, hp;

  g_return_if_fail (SHZ_IS_EXPORT_DIALOG (self));
  if (self->cancellable != NULL || self->path == NULL)
    return;

  job = g_new0 (ExportJob, 1);
  shz_export_dialog_get_options (self, &job->options);
  if (!shz_export_options_resolve (&job->options, &wu, &hu, &wp, &hp, &scale, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, self->path, error);
      export_job_free (job);
      return;
    }
  job->store_path = g_strdup (self->store_path);
  job->engagement_id = self->engagement_id;
  job->kind = g_strdup (self->kind);
  job->dataset = g_strdup (self->dataset);
  job->period = g_strdup (self->period);
  job->lang = g_strdup (adw_combo_row_get_selected (self->lang_row) == 1 ? "en" : "zh_CN");
  job->theme = g_strdup (adw_combo_row_get_selected (self->theme_row) == 1 ? "dark" : "light");
  job->path = g_strdup (self->path);
  job->pseudonymise = gtk_switch_get_active (self->pseudonymise_switch);

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  task = g_task_new (NULL, self->cancellable, on_exported_cb, g_object_ref (self));
  g_task_set_source_tag (task, shz_export_dialog_export);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
shz_export_dialog_is_busy (ShzExportDialog *self)
{
  g_return_val_if_fail (SHZ_IS_EXPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}
