/* test-batch-export-dialog.c — Export All Charts, in process: the dialog filled and run writes
 * every chart in every format chosen (valid files, client names hidden when asked), shows its
 * progress, can be cancelled part way (no partial file, the dialog stays), opens from the
 * window's action with the Preferences' defaults; and the single-chart Export dialog's "Hide
 * client names" switch.
 *
 * SHZ_TEST_SCREENSHOT=DIR saves PNGs of the dialog into DIR (for looking at them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "app/shz-application.h"
#include "app/shz-window.h"
#include "app/shz-batch-export-dialog.h"
#include "app/shz-export-dialog.h"
#include "analysis/shz-demo.h"
#include "shz-test-app.h"

#define CLIENT "Acme Noodles"

static char *tmpdir;
static char *store_path;
static gint64 demo_id;
static guint n_kinds;
static ShzApplication *the_app;

/* ---- helpers ---- */

static void
rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;
      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_strstr_len (data, (gssize) len, needle) != NULL;
}

/* Files in @dir: all of them, and those that are not a finished export. */
static guint
count_files (const char *dir,
             guint      *partial)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  *partial = 0;
  while (d && (name = g_dir_read_name (d)))
    {
      ShzExportFormat format;
      n++;
      if (!shz_export_format_from_path (name, &format))
        (*partial)++;
    }
  return n;
}

static void
assert_valid (const char *path)
{
  static const struct { const char *ext, *magic; } magics[] = {
    { ".png", "\x89PNG\r\n\x1a\n" }, { ".svg", "<?xml" }, { ".pdf", "%PDF-" },
  };
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, 500);
  for (guint i = 0; i < G_N_ELEMENTS (magics); i++)
    if (g_str_has_suffix (path, magics[i].ext))
      {
        g_assert_cmpmem (data, strlen (magics[i].magic), magics[i].magic, strlen (magics[i].magic));
        return;
      }
  g_assert_not_reached ();
}

typedef struct {
  gboolean   done;
  GPtrArray *written;
  GPtrArray *skipped;
  GError    *error;
} Finished;

static void
finished_clear (Finished *f)
{
  g_clear_pointer (&f->written, g_ptr_array_unref);
  g_clear_pointer (&f->skipped, g_ptr_array_unref);
  g_clear_error (&f->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Finished, finished_clear)

static void
on_finished_cb (ShzBatchExportDialog *dialog,
                GPtrArray            *written,
                GPtrArray            *skipped,
                const GError         *error,
                Finished             *f)
{
  f->done = TRUE;
  f->written = g_ptr_array_ref (written);
  f->skipped = g_ptr_array_ref (skipped);
  f->error = error ? g_error_copy (error) : NULL;
}

static void
on_single_finished_cb (ShzExportDialog *dialog,
                       const char      *path,
                       const GError    *error,
                       Finished        *f)
{
  f->done = TRUE;
  f->error = error ? g_error_copy (error) : NULL;
}

static void
finalized_cb (gpointer  flag,
              GObject  *where_the_object_was)
{
  *(gboolean *) flag = TRUE;
}

/* Run the main loop until *@flag (or a generous deadline: the assertion after the call then
 * fails instead of the test hanging). */
static void
wait_for (gboolean *flag)
{
  shz_test_wait_for_seconds (flag, 120);
}

static GtkWindow *
parent_window (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 900, 700);
  gtk_window_present (window);
  shz_test_settle_for (50);
  return window;
}

static GSettings *
settings (void)
{
  return shz_application_get_settings (the_app);
}

/* ---- tests ---- */

static void
test_writes_every_chart (void)
{
  GtkWindow *parent = parent_window ();
  g_autofree char *folder = g_build_filename (tmpdir, "every", NULL);
  g_auto(Finished) f = { 0 };
  ShzBatchExportDialog *dialog;
  ShzChartBatchOptions options;
  gboolean finalized = FALSE, saw_file = FALSE;
  double last = 0;
  guint partial;

  dialog = shz_batch_export_dialog_new (parent, store_path, demo_id, "Demo engagement");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  gtk_window_present (GTK_WINDOW (dialog));

  /* fill it as a user would */
  shz_batch_export_dialog_set_formats (dialog, SHZ_CHART_BATCH_ALL_FORMATS);
  shz_batch_export_dialog_set_preset (dialog, "screen");
  shz_batch_export_dialog_set_lang (dialog, SHZ_CHART_LANG_EN);
  shz_batch_export_dialog_set_pseudonymise (dialog, TRUE);
  shz_batch_export_dialog_set_folder (dialog, folder);
  g_assert_cmpstr (shz_batch_export_dialog_get_folder (dialog), ==, folder);
  shz_batch_export_dialog_get_options (dialog, &options);
  g_assert_cmpuint (options.formats, ==, SHZ_CHART_BATCH_ALL_FORMATS);
  g_assert_cmpstr (options.preset, ==, "screen");
  g_assert_cmpstr (options.lang, ==, "en");
  g_assert_true (options.pseudonymise);
  shz_test_save_screenshot (GTK_WINDOW (dialog), "batch-export-dialog.png");

  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished_cb), &f);
  g_object_weak_ref (G_OBJECT (dialog), finalized_cb, &finalized);
  shz_batch_export_dialog_export (dialog);
  g_assert_true (shz_batch_export_dialog_is_busy (dialog));

  /* the progress bar moves forward and names the file being written */
  while (!f.done)
    {
      const char *text = NULL;
      double fraction;

      g_main_context_iteration (NULL, TRUE);
      if (f.done || finalized)
        break;
      fraction = shz_batch_export_dialog_get_progress (dialog, &text);
      g_assert_cmpfloat (fraction, >=, last);
      g_assert_cmpfloat (fraction, <=, 1.0);
      last = fraction;
      if (text != NULL && (strstr (text, ".png") || strstr (text, ".svg") || strstr (text, ".pdf")))
        {
          if (!saw_file)
            shz_test_save_screenshot (GTK_WINDOW (dialog), "batch-export-progress.png");
          saw_file = TRUE;
        }
    }
  g_assert_true (f.done);
  g_assert_true (saw_file);
  g_assert_no_error (f.error);
  g_assert_cmpuint (f.skipped->len, ==, 0);
  g_assert_cmpuint (f.written->len, ==, n_kinds * 3);
  for (guint i = 0; i < f.written->len; i++)
    {
      const char *path = g_ptr_array_index (f.written, i);

      g_assert_true (g_str_has_prefix (path, folder));
      assert_valid (path);
      if (g_str_has_suffix (path, ".svg"))
        g_assert_false (file_contains (path, CLIENT));
    }
  {
    g_autofree char *map = g_build_filename (folder, "maturity-map.svg", NULL);
    g_assert_true (file_contains (map, "Company A"));
  }
  g_assert_cmpuint (count_files (folder, &partial), ==, n_kinds * 3);
  g_assert_cmpuint (partial, ==, 0);

  /* done: the dialog closed itself */
  wait_for (&finalized);
  g_assert_true (finalized);
  gtk_window_destroy (parent);
}

static void
test_cancel (void)
{
  GtkWindow *parent = parent_window ();
  g_autofree char *folder = g_build_filename (tmpdir, "cancelled", NULL);
  g_auto(Finished) f = { 0 };
  ShzBatchExportDialog *dialog;
  gboolean finalized = FALSE;
  guint partial;

  dialog = shz_batch_export_dialog_new (parent, store_path, demo_id, "Demo engagement");
  gtk_window_present (GTK_WINDOW (dialog));
  /* the biggest files: far from done when Cancel comes */
  shz_batch_export_dialog_set_formats (dialog, SHZ_CHART_BATCH_ALL_FORMATS);
  shz_batch_export_dialog_set_preset (dialog, "a4");
  shz_batch_export_dialog_set_folder (dialog, folder);
  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished_cb), &f);
  g_object_weak_ref (G_OBJECT (dialog), finalized_cb, &finalized);
  shz_batch_export_dialog_export (dialog);

  /* Cancel once the first file is being written */
  for (gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC; !f.done && g_get_monotonic_time () < deadline; )
    {
      const char *text = NULL;

      g_main_context_iteration (NULL, TRUE);
      shz_batch_export_dialog_get_progress (dialog, &text);
      if (text != NULL && strstr (text, ".png") != NULL)
        break;
    }
  shz_batch_export_dialog_cancel (dialog);
  wait_for (&f.done);
  g_assert_true (f.done);
  g_assert_error (f.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* stopped early; what was written is whole; nothing half-written */
  g_assert_cmpuint (f.written->len, <, n_kinds * 3);
  g_assert_cmpuint (count_files (folder, &partial), ==, f.written->len);
  g_assert_cmpuint (partial, ==, 0);
  for (guint i = 0; i < f.written->len; i++)
    assert_valid (g_ptr_array_index (f.written, i));

  /* the dialog stays, ready to run again */
  shz_test_settle_for (50);
  g_assert_false (finalized);
  g_assert_false (shz_batch_export_dialog_is_busy (dialog));
  shz_test_save_screenshot (GTK_WINDOW (dialog), "batch-export-cancelled.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_for (&finalized);
  g_assert_true (finalized);
  gtk_window_destroy (parent);
}

static ShzBatchExportDialog *
find_batch_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (SHZ_IS_BATCH_EXPORT_DIALOG (w))
        return SHZ_BATCH_EXPORT_DIALOG (w);
    }
  return NULL;
}

static void
test_window_action (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (store_path);
  GFile *files[] = { file };
  g_autofree char *folder = g_build_filename (tmpdir, "from-window", NULL);
  g_auto(Finished) f = { 0 };
  g_auto(GStrv) accels = NULL;
  ShzBatchExportDialog *dialog = NULL;
  GtkWindow *window = NULL;
  gboolean finalized = FALSE;
  guint partial;

  g_settings_set_boolean (settings (), "pseudonymise", TRUE);
  g_settings_set_string (settings (), "chart-language", "en");
  g_application_open (G_APPLICATION (the_app), files, 1, "");
  for (int i = 0; i < 200 && window == NULL; i++)
    {
      shz_test_settle_for (10);
      window = gtk_application_get_active_window (GTK_APPLICATION (the_app));
    }
  g_assert_true (SHZ_IS_WINDOW (window));
  g_assert_cmpint (shz_window_get_engagement_id (SHZ_WINDOW (window)), ==, demo_id);

  /* Ctrl+Alt+E, and the action opens the dialog over the window */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (the_app), "win.export-all-charts");
  g_assert_nonnull (accels[0]);
  g_assert_cmpstr (accels[0], ==, "<Control><Alt>e");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-all-charts", NULL));
  for (int i = 0; i < 100 && dialog == NULL; i++)
    {
      shz_test_settle_for (10);
      dialog = find_batch_dialog ();
    }
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == window);

  /* the Preferences' defaults; a folder named after the engagement */
  g_assert_true (shz_batch_export_dialog_get_pseudonymise (dialog));
  g_assert_cmpuint (shz_batch_export_dialog_get_formats (dialog), ==, SHZ_CHART_BATCH_FORMAT (SHZ_EXPORT_PNG));
  g_assert_cmpstr (shz_batch_export_dialog_get_preset (dialog), ==, "slide");
  g_assert_true (g_str_has_suffix (shz_batch_export_dialog_get_folder (dialog), "Demo engagement charts"));
  {
    ShzChartBatchOptions options;
    shz_batch_export_dialog_get_options (dialog, &options);
    g_assert_cmpstr (options.lang, ==, "en");
  }

  shz_batch_export_dialog_set_folder (dialog, folder);
  shz_batch_export_dialog_set_preset (dialog, "screen");
  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished_cb), &f);
  g_object_weak_ref (G_OBJECT (dialog), finalized_cb, &finalized);
  shz_batch_export_dialog_export (dialog);
  wait_for (&f.done);
  g_assert_no_error (f.error);
  g_assert_cmpuint (f.written->len, ==, n_kinds);
  g_assert_cmpuint (count_files (folder, &partial), ==, n_kinds);
  g_assert_cmpuint (partial, ==, 0);
  wait_for (&finalized);
  g_assert_true (finalized);
  shz_test_save_screenshot (window, "batch-export-toast.png");

  g_settings_reset (settings (), "pseudonymise");
  g_settings_reset (settings (), "chart-language");
  gtk_window_destroy (window);
  shz_test_settle_for (50);
}

/* An engagement without data: the kinds that cannot be drawn are left out and named in a
 * message over the window; the others are written. */
static void
test_skipped_named (void)
{
  GtkWindow *parent = parent_window ();
  g_autofree char *folder = g_build_filename (tmpdir, "empty", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(Finished) f = { 0 };
  ShzBatchExportDialog *dialog;
  AdwMessageDialog *message = NULL;
  gint64 empty;

  {
    g_autoptr(ShzStore) store = shz_store_open (store_path, SHZ_STORE_OPEN_DEFAULT, &error);
    g_autoptr(ShzEngagement) e = shz_engagement_new ();

    g_assert_no_error (error);
    e->name = g_strdup ("Empty");
    empty = shz_store_create_engagement (store, e, &error);
    g_assert_no_error (error);
  }
  dialog = shz_batch_export_dialog_new (parent, store_path, empty, "Empty");
  gtk_window_present (GTK_WINDOW (dialog));
  shz_batch_export_dialog_set_preset (dialog, "screen");
  shz_batch_export_dialog_set_folder (dialog, folder);
  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished_cb), &f);
  shz_batch_export_dialog_export (dialog);
  wait_for (&f.done);
  g_assert_no_error (f.error);
  g_assert_cmpuint (f.skipped->len, >=, 1);
  g_assert_cmpuint (f.written->len + f.skipped->len, ==, n_kinds);
  g_assert_cmpstr (((ShzChartBatchSkip *) g_ptr_array_index (f.skipped, 0))->kind, ==, "maturity-map");

  for (int i = 0; i < 100 && message == NULL; i++)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();   /* not ours */

      shz_test_settle_for (10);
      for (guint k = 0; k < g_list_model_get_n_items (toplevels); k++)
        {
          g_autoptr(GObject) w = g_list_model_get_item (toplevels, k);
          if (ADW_IS_MESSAGE_DIALOG (w))
            message = ADW_MESSAGE_DIALOG (w);
        }
    }
  g_assert_nonnull (message);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (message)) == parent);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "Maturity map"));
  shz_test_save_screenshot (GTK_WINDOW (message), "batch-export-skipped.png");
  gtk_window_destroy (GTK_WINDOW (message));
  gtk_window_destroy (parent);
  shz_test_settle_for (50);
}

/* The single-chart Export dialog: "Hide client names" follows the Preferences and is honoured. */
static void
test_single_chart_hides_names (void)
{
  static const gboolean hide[] = { FALSE, TRUE };

  for (guint i = 0; i < G_N_ELEMENTS (hide); i++)
    {
      g_autofree char *name = g_strdup_printf ("single-%u.svg", i);
      g_autofree char *path = g_build_filename (tmpdir, name, NULL);
      g_auto(Finished) f = { 0 };
      ShzExportDialog *dialog;

      g_settings_set_boolean (settings (), "pseudonymise", hide[i]);
      dialog = shz_export_dialog_new (NULL, store_path, demo_id, "maturity-map", NULL, NULL,
                                      SHZ_CHART_LANG_EN, SHZ_CHART_THEME_LIGHT, "map");
      g_assert_cmpint (shz_export_dialog_get_pseudonymise (dialog), ==, hide[i]);
      if (hide[i])
        {
          gtk_window_present (GTK_WINDOW (dialog));
          shz_test_save_screenshot (GTK_WINDOW (dialog), "export-dialog-hide-names.png");
        }
      shz_export_dialog_set_format (dialog, SHZ_EXPORT_SVG);
      shz_export_dialog_set_preset (dialog, "screen");
      shz_export_dialog_set_path (dialog, path);
      g_signal_connect (dialog, "finished", G_CALLBACK (on_single_finished_cb), &f);
      shz_export_dialog_export (dialog);
      wait_for (&f.done);
      g_assert_no_error (f.error);
      g_assert_cmpint (file_contains (path, CLIENT), ==, !hide[i]);
      g_assert_cmpint (file_contains (path, "Company A"), ==, hide[i]);
    }
  g_settings_reset (settings (), "pseudonymise");
}

/* ---- the store: the demo engagement, with its client among the positions ---- */

static void
make_store (void)
{
  static const struct {
    const char *entity, *group;
    double      x, y;
    gboolean    client;
  } rows[] = {
    { CLIENT, "零售消费与生活服务", 62, 48, TRUE },
    { "互联网", "互联网", 82, 80, FALSE },
    { "金融", "金融", 70, 60, FALSE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(ShzDataset) d = shz_dataset_new ();
  g_autoptr(ShzRowInserter) ins = NULL;
  ShzEngagement *e;
  gint64 id;

  store_path = g_build_filename (tmpdir, "demo.shuzhi", NULL);
  store = shz_store_open (store_path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (shz_demo_populate (store, &error));
  g_assert_no_error (error);
  list = shz_store_list_engagements (store, &error);
  g_assert_cmpuint (list->len, ==, 1);
  e = g_ptr_array_index (list, 0);
  demo_id = e->id;
  g_free (e->client);
  e->client = g_strdup (CLIENT);
  g_assert_true (shz_store_update_engagement (store, e, &error));
  g_assert_no_error (error);

  g_assert_true (shz_store_begin (store, &error));
  d->engagement_id = demo_id;
  d->name = g_strdup ("Client positions");
  d->kind = SHZ_KIND_POSITIONS;
  d->rows = G_N_ELEMENTS (rows);
  id = shz_store_create_dataset (store, d, &error);
  g_assert_no_error (error);
  ins = shz_row_inserter_new (store, id, SHZ_KIND_POSITIONS, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      ShzPositionRow row = {
        .row_no = i + 1, .entity = rows[i].entity, .group = rows[i].group, .period = "2019",
        .maturity = rows[i].x, .innovation = rows[i].y, .size = 10, .is_client = rows[i].client,
        .maturity_lo = NAN, .maturity_hi = NAN, .innovation_lo = NAN, .innovation_hi = NAN,
      };
      g_assert_true (shz_row_inserter_add_position (ins, &row, &error));
      g_assert_no_error (error);
    }
  g_clear_pointer (&ins, shz_row_inserter_free);
  g_assert_true (shz_store_commit (store, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  tmpdir = g_dir_make_tmp ("shz-batch-export-XXXXXX", NULL);
  {
    g_autofree char *data = g_build_filename (tmpdir, "data", NULL);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_setenv ("GSK_RENDERER", "cairo", TRUE);
  }
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* One application for the whole process (it registers the resources and the accelerators). */
  the_app = shz_application_new ();
  g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (the_app), NULL, &error));
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (the_app));

  make_store ();
  n_kinds = g_strv_length ((char **) shz_chart_list_kinds ());

  g_test_add_func ("/app/batch-export/writes-every-chart", test_writes_every_chart);
  g_test_add_func ("/app/batch-export/cancel", test_cancel);
  g_test_add_func ("/app/batch-export/skipped-named", test_skipped_named);
  g_test_add_func ("/app/batch-export/window-action", test_window_action);
  g_test_add_func ("/app/export-dialog/hide-client-names", test_single_chart_hides_names);

  ret = g_test_run ();
  g_application_release (G_APPLICATION (the_app));
  g_clear_object (&the_app);
  rm_rf (tmpdir);
  return ret;
}
