/* shz-batch-export-dialog.c — the Export All Charts dialog (see the header).  The worker opens
 * its own read-only connection and calls shz_chart_batch_export(); its progress reaches the
 * dialog through the main context, each update holding a reference so that a dialog closed
 * meanwhile is only finalized on the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-app"
#include "config.h"

#include <glib/gi18n.h>

#include "shz-batch-export-dialog.h"
#include "shz-application.h"
#include "shz-window.h"

#define SCHEMA_ID "io.github.shuzhi.Shuzhi"

struct _ShzBatchExportDialog
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkButton           *export_button;
  GtkButton           *cancel_button;
  AdwPreferencesGroup *formats_group;
  AdwPreferencesGroup *chart_group;
  AdwPreferencesGroup *folder_group;
  GtkCheckButton      *png_check;
  GtkCheckButton      *svg_check;
  GtkCheckButton      *pdf_check;
  AdwComboRow         *preset_row;
  AdwComboRow         *lang_row;
  AdwComboRow         *theme_row;
  GtkSwitch           *pseudonymise_switch;
  AdwActionRow        *folder_row;
  GtkButton           *choose_button;
  GtkProgressBar      *progress_bar;
  GtkLabel            *status_label;

  char                *store_path;
  gint64               engagement_id;
  char                *folder;
  GCancellable        *cancellable;
  GtkFileChooserNative *chooser;
  gboolean             disposed;     /* closed while an export ran: touch no widget */
};

G_DEFINE_FINAL_TYPE (ShzBatchExportDialog, shz_batch_export_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In the order of the preset row's model (the single-chart dialog's, without "custom"). */
static const char * const preset_ids[] = { "slide", "a4", "square", "screen" };


/* ---- the worker ---- */

typedef struct {
  char                 *store_path;
  gint64                engagement_id;
  char                 *folder;
  ShzChartBatchOptions  options;    /* its strings are static */
  guint                 n_formats;
  GMainContext         *context;
  ShzBatchExportDialog *dialog;     /* kept alive by the task's callback data */
  GPtrArray            *written;    /* filled by the worker, read when it is done */
  GPtrArray            *skipped;
} BatchJob;

static void
batch_job_free (gpointer data)
{
  BatchJob *job = data;

  g_free (job->store_path);
  g_free (job->folder);
  g_main_context_unref (job->context);
  g_clear_pointer (&job->written, g_ptr_array_unref);
  g_clear_pointer (&job->skipped, g_ptr_array_unref);
  g_free (job);
}

typedef struct {
  ShzBatchExportDialog *self;
  guint                 done;
  guint                 total;
  char                 *file;       /* being written, or NULL */
} ProgressUpdate;

static void
progress_update_free (gpointer data)
{
  ProgressUpdate *u = data;

  g_object_unref (u->self);   /* on the main thread: a dialog's last reference may be this */
  g_free (u->file);
  g_free (u);
}

static gboolean
apply_progress_cb (gpointer data)
{
  ProgressUpdate *u = data;
  ShzBatchExportDialog *self = u->self;

  if (self->disposed || self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return G_SOURCE_REMOVE;
  gtk_progress_bar_set_fraction (self->progress_bar, u->total ? (double) u->done / u->total : 0);
  if (u->file != NULL)
    {
      /* TRANSLATORS: a file name, then how many files are done of how many */
      g_autofree char *text = g_strdup_printf (_("Writing %s (%u of %u)"), u->file, u->done + 1, u->total);
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
  return G_SOURCE_REMOVE;
}

static void
on_batch_progress_cb (ShzChartBatchStep  step,
                      guint              done,
                      guint              total,
                      const char        *kind,
                      const char        *path,
                      const GError      *reason,
                      gpointer           user_data)
{
  BatchJob *job = user_data;
  ProgressUpdate *u;

  if (step == SHZ_CHART_BATCH_WROTE)
    {
      g_ptr_array_add (job->written, g_strdup (path));
      return;
    }
  u = g_new0 (ProgressUpdate, 1);
  u->self = g_object_ref (job->dialog);
  u->done = done;
  u->total = total;
  u->file = path ? g_path_get_basename (path) : NULL;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, apply_progress_cb, u, progress_update_free);
}

static void
batch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BatchJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  GPtrArray *written;

  store = shz_store_open (job->store_path, SHZ_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  written = shz_chart_batch_export (store, job->engagement_id, &job->options, job->folder,
                                    on_batch_progress_cb, job, &job->skipped, cancellable, &error);
  if (written == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, written, (GDestroyNotify) g_ptr_array_unref);
}

/* ---- helpers ---- */

/* The application's settings (which a build-tree run finds in the build tree), else the
 * installed schema's, else none: built-in defaults. */
static GSettings *
app_settings (GtkWindow *parent)
{
  GtkApplication *app = parent ? gtk_window_get_application (parent) : NULL;
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (SHZ_IS_APPLICATION (app))
    return g_object_ref (shz_application_get_settings (SHZ_APPLICATION (app)));
  source = g_settings_schema_source_get_default ();
  schema = source ? g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE) : NULL;
  return schema != NULL ? g_settings_new (SCHEMA_ID) : NULL;
}

static gboolean
ui_is_chinese (void)
{
  const char * const *names = g_get_language_names ();

  return names != NULL && names[0] != NULL && g_ascii_strncasecmp (names[0], "zh", 2) == 0;
}

static void
update_sensitivity (ShzBatchExportDialog *self)
{
  gboolean busy = self->cancellable != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button),
                            !busy && self->folder != NULL && shz_batch_export_dialog_get_formats (self) != 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->formats_group), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->chart_group), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->folder_group), !busy);
}

static void
show_status (ShzBatchExportDialog *self,
             const char           *text,
             gboolean              is_error)
{
  gtk_label_set_text (self->status_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
update_preset_summary (ShzBatchExportDialog *self)
{
  ShzExportOptions o;
  double wu, hu, scale;
  int wp, hp;
  g_autofree char *text = NULL;

  shz_export_options_from_preset (shz_batch_export_dialog_get_preset (self), SHZ_EXPORT_PNG, &o);
  if (!shz_export_options_resolve (&o, &wu, &hu, &wp, &hp, &scale, NULL))
    return;
  /* TRANSLATORS: the size of the PNG images of a preset */
  text = g_strdup_printf (_("PNG images of %d × %d pixels; SVG and PDF of the same proportions."), wp, hp);
  adw_preferences_group_set_description (self->formats_group, text);
}

/* The window's toast, and the kinds left out with their reasons. */
static void
tell_window (ShzBatchExportDialog *self,
             GPtrArray            *written,
             GPtrArray            *skipped,
             guint                 n_formats)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  guint n_charts = n_formats ? written->len / n_formats : 0;
  g_autofree char *folder = g_filename_display_basename (self->folder);
  g_autofree char *msg = NULL;

  if (skipped != NULL && skipped->len > 0)
    msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u chart to “%s”; %u left out",
                                        "Exported %u charts to “%s”; %u left out", n_charts),
                           n_charts, folder, skipped->len);
  else
    msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u chart to “%s”",
                                        "Exported %u charts to “%s”", n_charts),
                           n_charts, folder);
  if (SHZ_IS_WINDOW (parent))
    shz_window_show_toast (SHZ_WINDOW (parent), msg);

  if (skipped != NULL && skipped->len > 0 && parent != NULL)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      AdwMessageDialog *dialog;

      for (guint i = 0; i < skipped->len; i++)
        {
          ShzChartBatchSkip *skip = g_ptr_array_index (skipped, i);
          /* TRANSLATORS: a chart's name and why it was not exported */
          g_string_append_printf (body, _("%s: %s"), shz_chart_kind_get_name (skip->kind), skip->reason->message);
          if (i + 1 < skipped->len)
            g_string_append (body, "\n\n");
        }
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Some Charts Were Not Exported"), body->str));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/* ---- callbacks ---- */

static void
on_formats_changed_cb (ShzBatchExportDialog *self)
{
  update_sensitivity (self);
}

static void
on_preset_changed_cb (ShzBatchExportDialog *self)
{
  update_preset_summary (self);
}

static void
on_chooser_response_cb (GtkNativeDialog      *dialog,
                        int                   response,
                        ShzBatchExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        shz_batch_export_dialog_set_folder (self, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
on_choose_clicked_cb (ShzBatchExportDialog *self)
{
  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export All Charts To"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (self->folder != NULL)
    {
      /* the folder itself when it exists, else where it would be made */
      g_autofree char *parent = g_path_get_dirname (self->folder);
      const char *start = g_file_test (self->folder, G_FILE_TEST_IS_DIR) ? self->folder : parent;
      g_autoptr(GFile) folder = g_file_new_for_path (start);

      if (g_file_test (start, G_FILE_TEST_IS_DIR))
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  /* a reference taken for the task (which has no source object), released here, on the
   * main thread */
  g_autoptr(ShzBatchExportDialog) self = user_data;
  BatchJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) written = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GPtrArray) skipped = job->skipped ? g_ptr_array_ref (job->skipped)
                                              : g_ptr_array_new_with_free_func ((GDestroyNotify) shz_chart_batch_skip_free);

  g_clear_object (&self->cancellable);
  if (self->disposed)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  update_sensitivity (self);
  if (written == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "Export cancelled; %u file was written",
                                                                "Export cancelled; %u files were written",
                                                                job->written->len),
                                                   job->written->len);
          show_status (self, text, FALSE);
        }
      else
        show_status (self, error->message, TRUE);
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, job->written, skipped, error);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, written, skipped, NULL);
  tell_window (self, written, skipped, job->n_formats);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_export_clicked_cb (ShzBatchExportDialog *self)
{
  shz_batch_export_dialog_export (self);
}

static void
on_cancel_clicked_cb (ShzBatchExportDialog *self)
{
  /* A running export stops before its next file; the files written stay. */
  if (self->cancellable != NULL)
    {
      shz_batch_export_dialog_cancel (self);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
on_close_request_cb (GtkWindow *window)
{
  ShzBatchExportDialog *self = SHZ_BATCH_EXPORT_DIALOG (window);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return FALSE;
}

/* ---- overrides ---- */

static void
shz_batch_export_dialog_dispose (GObject *object)
{
  ShzBatchExportDialog *self = SHZ_BATCH_EXPORT_DIALOG (object);

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  G_OBJECT_CLASS (shz_batch_export_dialog_parent_class)->dispose (object);
}

static void
shz_batch_export_dialog_finalize (GObject *object)
{
  ShzBatchExportDialog *self = SHZ_BATCH_EXPORT_DIALOG (object);

  g_free (self->store_path);
  g_free (self->folder);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (shz_batch_export_dialog_parent_class)->finalize (object);
}

static void
shz_batch_export_dialog_class_init (ShzBatchExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = shz_batch_export_dialog_dispose;
  object_class->finalize = shz_batch_export_dialog_finalize;
  window_class->close_request = on_close_request_cb;

  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_PTR_ARRAY, G_TYPE_PTR_ARRAY, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuzhi/Shuzhi/ui/shz-batch-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ShzBatchExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ShzBatchExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, ShzBatchExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ShzBatchExportDialog, formats_group);
  gtk_widget_class_bind_template_child (widget_class, ShzBatchExportDialog, chart_group);
  gtk_widget_class_bind_template_child (widget_class, ShzBatchExportDialog, folder_group);
  gtk_widget_class_bind_template_child (widget_class, ShzBatchExportDialog, png_check);
  gtk_widget_class_bind_template_child (widget_class, ShzBatchExportDialog, svg_check);
  gtk_widget_class_bind_template_child (widget_class, ShzBatchExportDialog, pdf_check);
  gtk_widget_class_bind_template_child (widget_class, ShzBatchExportDialog, preset_row);
  gtk_widget_class_bind_template_child (widget_class, ShzBatchExportDialog, lang_row);
  gtk_widget_class_bind_template_child (widget_class, ShzBatchExportDialog, theme_row);
  gtk_widget_class_bind_template_child (widget_class, ShzBatchExportDialog, pseudonymise_switch);
  gtk_widget_class_bind_template_child (widget_class, ShzBatchExportDialog, folder_row);
  gtk_widget_class_bind_template_child (widget_class, ShzBatchExportDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, ShzBatchExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ShzBatchExportDialog, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_formats_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_preset_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
shz_batch_export_dialog_init (ShzBatchExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_preset_summary (self);
  update_sensitivity (self);
}

/* The Preferences' chart language, theme and pseudonymisation. */
static void
apply_preferences (ShzBatchExportDialog *self,
                   GtkWindow            *parent)
{
  g_autoptr(GSettings) settings = app_settings (parent);
  g_autofree char *lang = NULL;
  g_autofree char *theme = NULL;

  lang = settings ? g_settings_get_string (settings, "chart-language") : g_strdup ("auto");
  theme = settings ? g_settings_get_string (settings, "chart-theme") : g_strdup ("light");
  if (g_str_equal (lang, "en") || (g_str_equal (lang, "auto") && !ui_is_chinese ()))
    adw_combo_row_set_selected (self->lang_row, 1);
  adw_combo_row_set_selected (self->theme_row, g_str_equal (theme, "dark") ? 1 : 0);
  gtk_switch_set_active (self->pseudonymise_switch, settings && g_settings_get_boolean (settings, "pseudonymise"));
}

/* ---- public API ---- */

ShzBatchExportDialog *
shz_batch_export_dialog_new (GtkWindow  *parent,
                             const char *store_path,
                             gint64      engagement_id,
                             const char *engagement_name)
{
  ShzBatchExportDialog *self;
  const char *dir;
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (store_path != NULL, NULL);

  self = g_object_new (SHZ_TYPE_BATCH_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->store_path = g_strdup (store_path);
  self->engagement_id = engagement_id;
  apply_preferences (self, parent);
  adw_window_title_set_subtitle (self->window_title, engagement_name ? engagement_name : "");

  dir = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    dir = g_get_home_dir ();
  /* TRANSLATORS: the folder proposed for an engagement's charts; %s is the engagement's name */
  name = g_strdup_printf (_("%s charts"), engagement_name && *engagement_name ? engagement_name : _("Engagement"));
  /* a folder name never holds a separator from an engagement's name */
  g_strdelimit (name, "/\\:*?\"<>|", '-');
  folder = g_build_filename (dir, name, NULL);
  shz_batch_export_dialog_set_folder (self, folder);
  return self;
}

void
shz_batch_export_dialog_set_formats (ShzBatchExportDialog *self,
                                     guint                 formats)
{
  g_return_if_fail (SHZ_IS_BATCH_EXPORT_DIALOG (self));
  gtk_check_button_set_active (self->png_check, (formats & SHZ_CHART_BATCH_FORMAT (SHZ_EXPORT_PNG)) != 0);
  gtk_check_button_set_active (self->svg_check, (formats & SHZ_CHART_BATCH_FORMAT (SHZ_EXPORT_SVG)) != 0);
  gtk_check_button_set_active (self->pdf_check, (formats & SHZ_CHART_BATCH_FORMAT (SHZ_EXPORT_PDF)) != 0);
}

guint
shz_batch_export_dialog_get_formats (ShzBatchExportDialog *self)
{
  guint formats = 0;

  g_return_val_if_fail (SHZ_IS_BATCH_EXPORT_DIALOG (self), 0);
  if (gtk_check_button_get_active (self->png_check))
    formats |= SHZ_CHART_BATCH_FORMAT (SHZ_EXPORT_PNG);
  if (gtk_check_button_get_active (self->svg_check))
    formats |= SHZ_CHART_BATCH_FORMAT (SHZ_EXPORT_SVG);
  if (gtk_check_button_get_active (self->pdf_check))
    formats |= SHZ_CHART_BATCH_FORMAT (SHZ_EXPORT_PDF);
  return formats;
}

void
shz_batch_export_dialog_set_preset (ShzBatchExportDialog *self,
                                    const char           *preset)
{
  g_return_if_fail (SHZ_IS_BATCH_EXPORT_DIALOG (self));
  for (guint i = 0; i < G_N_ELEMENTS (preset_ids); i++)
    if (g_strcmp0 (preset_ids[i], preset) == 0)
      adw_combo_row_set_selected (self->preset_row, i);
}

const char *
shz_batch_export_dialog_get_preset (ShzBatchExportDialog *self)
{
  guint i;

  g_return_val_if_fail (SHZ_IS_BATCH_EXPORT_DIALOG (self), NULL);
  i = adw_combo_row_get_selected (self->preset_row);
  return preset_ids[i < G_N_ELEMENTS (preset_ids) ? i : 0];
}

void
shz_batch_export_dialog_set_lang (ShzBatchExportDialog *self,
                                  ShzChartLang          lang)
{
  g_return_if_fail (SHZ_IS_BATCH_EXPORT_DIALOG (self));
  adw_combo_row_set_selected (self->lang_row, lang == SHZ_CHART_LANG_EN ? 1 : 0);
}

void
shz_batch_export_dialog_set_pseudonymise (ShzBatchExportDialog *self,
                                          gboolean              pseudonymise)
{
  g_return_if_fail (SHZ_IS_BATCH_EXPORT_DIALOG (self));
  gtk_switch_set_active (self->pseudonymise_switch, pseudonymise);
}

gboolean
shz_batch_export_dialog_get_pseudonymise (ShzBatchExportDialog *self)
{
  g_return_val_if_fail (SHZ_IS_BATCH_EXPORT_DIALOG (self), FALSE);
  return gtk_switch_get_active (self->pseudonymise_switch);
}

void
shz_batch_export_dialog_set_folder (ShzBatchExportDialog *self,
                                    const char           *folder)
{
  g_return_if_fail (SHZ_IS_BATCH_EXPORT_DIALOG (self));
  g_free (self->folder);
  self->folder = g_strdup (folder);
  adw_action_row_set_subtitle (self->folder_row, folder ? folder : _("No folder chosen"));
  update_sensitivity (self);
}

const char *
shz_batch_export_dialog_get_folder (ShzBatchExportDialog *self)
{
  g_return_val_if_fail (SHZ_IS_BATCH_EXPORT_DIALOG (self), NULL);
  return self->folder;
}

void
shz_batch_export_dialog_get_options (ShzBatchExportDialog *self,
                                     ShzChartBatchOptions *options)
{
  g_return_if_fail (SHZ_IS_BATCH_EXPORT_DIALOG (self));
  shz_chart_batch_options_init (options);
  options->formats = shz_batch_export_dialog_get_formats (self);
  options->preset = shz_batch_export_dialog_get_preset (self);
  options->lang = adw_combo_row_get_selected (self->lang_row) == 1 ? "en" : "zh_CN";
  options->theme = adw_combo_row_get_selected (self->theme_row) == 1 ? "dark" : "light";
  options->pseudonymise = gtk_switch_get_active (self->pseudonymise_switch);
}

void
shz_batch_export_dialog_export (ShzBatchExportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  BatchJob *job;

  g_return_if_fail (SHZ_IS_BATCH_EXPORT_DIALOG (self));
  if (self->cancellable != NULL || self->folder == NULL || shz_batch_export_dialog_get_formats (self) == 0)
    return;

  job = g_new0 (BatchJob, 1);
  job->store_path = g_strdup (self->store_path);
  job->engagement_id = self->engagement_id;
  job->folder = g_strdup (self->folder);
  shz_batch_export_dialog_get_options (self, &job->options);
  for (guint f = 0; f <= SHZ_EXPORT_PDF; f++)
    if (job->options.formats & (1u << f))
      job->n_formats++;
  job->context = g_main_context_ref_thread_default ();
  job->dialog = self;
  job->written = g_ptr_array_new_with_free_func (g_free);

  show_status (self, NULL, FALSE);
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting…"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  update_sensitivity (self);

  task = g_task_new (NULL, self->cancellable, on_exported_cb, g_object_ref (self));
  g_task_set_source_tag (task, shz_batch_export_dialog_export);
  g_task_set_task_data (task, job, batch_job_free);
  g_task_run_in_thread (task, batch_thread);
}

void
shz_batch_export_dialog_cancel (ShzBatchExportDialog *self)
{
  g_return_if_fail (SHZ_IS_BATCH_EXPORT_DIALOG (self));
  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
}

gboolean
shz_batch_export_dialog_is_busy (ShzBatchExportDialog *self)
{
  g_return_val_if_fail (SHZ_IS_BATCH_EXPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

double
shz_batch_export_dialog_get_progress (ShzBatchExportDialog  *self,
                                      const char           **text)
{
  g_return_val_if_fail (SHZ_IS_BATCH_EXPORT_DIALOG (self), 0);
  if (text)
    *text = gtk_progress_bar_get_text (self->progress_bar);
  return gtk_progress_bar_get_fraction (self->progress_bar);
}
