/* test-import-dialog.c — the import pane driven from a file to an imported dataset: a GBK CSV
 * from "Chinese Excel" is detected as GB18030, its columns are mapped from the Chinese
 * headers, the preview validates, and Import writes the dataset; a cancelled or failed import
 * leaves the store exactly as it was.  Also the paged rows model on a 100,000-row dataset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "app/shz-import-dialog.h"
#include "app/shz-rows-model.h"
#include "app/shz-rows-view.h"
#include "shz-test-app.h"

/* From the compiled resources (registered by hand, as the application does). */
void shz_register_resource (void);

static char *tmpdir;

/* Runs the main loop until @done says so, failing after @timeout_ms. */
static void
wait_until (gboolean (*done) (gpointer), gpointer data, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
dialog_idle (gpointer data)
{
  return !shz_import_dialog_is_busy (data);
}

static char *
new_store (const char *name,
           gint64     *engagement_id)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  g_autoptr(ShzEngagement) e = shz_engagement_new ();

  g_remove (path);
  store = shz_store_open (path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  e->name = g_strdup ("客户 A");
  e->client = g_strdup ("Client A");
  *engagement_id = shz_store_create_engagement (store, e, &error);
  g_assert_no_error (error);
  g_assert_cmpint (*engagement_id, >, 0);
  return path;
}

static const char *const categories[] = { "IaaS", "PaaS", "SaaS", "大数据计算", "数据中台", "XPaaS", "数据智能" };
static const char *const industries[] = { "零售消费与生活服务", "制造工业", "金融", "互联网" };

/* A usage CSV with Chinese headers, written in GBK (GB18030) with CRLF, as Chinese Excel does;
 * @bad_every > 0 puts a spend that is not a number on every bad_every-th row. */
static char *
write_gbk_usage_csv (const char *name,
                     guint       n_rows,
                     guint       bad_every)
{
  g_autoptr(GString) utf8 = g_string_new ("企业编号,企业名称,行业,地区,月份,产品类别,消费金额（元）\r\n");
  g_autofree char *gbk = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmpdir, name, NULL);
  gsize len = 0;

  for (guint i = 1; i <= n_rows; i++)
    {
      const char *spend = (bad_every && i % bad_every == 0) ? "不详" : NULL;

      g_string_append_printf (utf8, "E%06u,\"企业%u号, 有限公司\",%s,华东,2019-%02u,%s,",
                              i, i, industries[i % G_N_ELEMENTS (industries)], 1 + i % 12,
                              categories[i % G_N_ELEMENTS (categories)]);
      if (spend)
        g_string_append (utf8, spend);
      else
        g_string_append_printf (utf8, "\"%u,%03u.50\"", 1 + i % 97, i % 1000);
      g_string_append (utf8, "\r\n");
    }
  gbk = g_convert (utf8->str, utf8->len, "GB18030", "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, gbk, len, &error);
  g_assert_no_error (error);
  return path;
}

static GPtrArray *
list_datasets (const char *store_path,
               gint64      engagement_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (store_path, SHZ_STORE_OPEN_READ_ONLY, &error);
  GPtrArray *list;

  g_assert_no_error (error);
  list = shz_store_list_datasets (store, engagement_id, &error);
  g_assert_no_error (error);
  return list;
}

static void
on_imported_cb (ShzImportDialog *dialog,
                gint64           dataset_id,
                gint64          *out)
{
  *out = dataset_id;
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
test_gbk_csv_to_dataset (void)
{
  gint64 engagement_id = 0, imported_id = 0;
  g_autofree char *store_path = new_store ("gbk.shuzhi", &engagement_id);
  g_autofree char *csv = write_gbk_usage_csv ("client-usage.csv", 500, 100);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(GPtrArray) list = NULL;
  ShzImportDialog *dialog;
  const ShzImportResult *preview;
  const ShzMapping *mapping;
  ShzDataset *d;
  static const char *const expected[] = {
    "enterprise_id", "enterprise_name", "industry", "region", "period", "category", "spend"
  };

  dialog = shz_import_dialog_new (NULL, store_path, engagement_id, file);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), &imported_id);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (dialog_idle, dialog, 20000);

  /* what the readers saw */
  preview = shz_import_dialog_get_preview (dialog);
  g_assert_nonnull (preview);
  g_assert_null (shz_import_dialog_get_message (dialog));
  g_assert_cmpint (preview->format, ==, SHZ_FORMAT_CSV);
  g_assert_cmpstr (preview->encoding, ==, "GB18030");
  g_assert_cmpstr (preview->delimiter, ==, ",");
  g_assert_cmpuint (preview->header->len, ==, 7);
  g_assert_cmpstr (g_ptr_array_index (preview->header, 0), ==, "企业编号");
  g_assert_cmpuint (preview->rows->len, ==, 100);
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (preview->rows, 0), 1), ==, "企业1号, 有限公司");

  /* the kind and the mapping guessed from the Chinese headers */
  g_assert_cmpint (shz_import_dialog_get_kind (dialog), ==, SHZ_KIND_USAGE);
  mapping = shz_import_dialog_get_mapping (dialog);
  g_assert_nonnull (mapping);
  for (guint c = 0; c < G_N_ELEMENTS (expected); c++)
    g_assert_cmpint (shz_mapping_get_field (mapping, c), ==, shz_fields_find (SHZ_KIND_USAGE, expected[c]));
  g_assert_true (preview->missing_fields == NULL || preview->missing_fields[0] == NULL);

  /* the validation summary: 5 bad spends among 500 rows, the first at row 100 */
  g_assert_true (preview->complete);
  g_assert_cmpint (preview->accepted, ==, 495);
  g_assert_cmpint (preview->rejected, ==, 5);
  g_assert_cmpuint (preview->rejections->len, >=, 1);
  {
    ShzRejection *r = g_ptr_array_index (preview->rejections, 0);
    g_assert_cmpint (r->row_no, ==, 100);
    g_assert_cmpint (r->line_no, ==, 101);
    g_assert_cmpstr (r->column, ==, "消费金额（元）");
    g_assert_nonnull (r->reason);
  }

  /* the default name comes from the file name */
  g_assert_cmpstr (shz_import_dialog_get_dataset_name (dialog), ==, "client-usage");

  /* ignoring the spend column makes a required field missing: no import */
  shz_import_dialog_map_column (dialog, 6, -1);
  wait_until (dialog_idle, dialog, 20000);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL);
  g_assert_false (shz_import_dialog_is_importing (dialog));
  preview = shz_import_dialog_get_preview (dialog);
  g_assert_true (g_strv_contains ((const char * const *) preview->missing_fields, "spend"));
  shz_import_dialog_map_column (dialog, 6, shz_fields_find (SHZ_KIND_USAGE, "spend"));
  wait_until (dialog_idle, dialog, 20000);
  preview = shz_import_dialog_get_preview (dialog);
  g_assert_cmpint (preview->accepted, ==, 495);

  /* a field comes from one column: mapping Industry to column A unmaps column C */
  shz_import_dialog_map_column (dialog, 0, shz_fields_find (SHZ_KIND_USAGE, "industry"));
  mapping = shz_import_dialog_get_mapping (dialog);
  g_assert_cmpint (shz_mapping_get_field (mapping, 0), ==, shz_fields_find (SHZ_KIND_USAGE, "industry"));
  g_assert_cmpint (shz_mapping_get_field (mapping, 2), ==, -1);
  shz_import_dialog_map_column (dialog, 2, shz_fields_find (SHZ_KIND_USAGE, "industry"));
  shz_import_dialog_map_column (dialog, 0, shz_fields_find (SHZ_KIND_USAGE, "enterprise_id"));
  wait_until (dialog_idle, dialog, 20000);
  mapping = shz_import_dialog_get_mapping (dialog);
  for (guint c = 0; c < G_N_ELEMENTS (expected); c++)
    g_assert_cmpint (shz_mapping_get_field (mapping, c), ==, shz_fields_find (SHZ_KIND_USAGE, expected[c]));

  /* choosing another kind maps the columns again for it: positions lack their fields here */
  {
    GtkWidget *kind_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), SHZ_TYPE_IMPORT_DIALOG, "kind_row"));

    adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), SHZ_KIND_POSITIONS);
    wait_until (dialog_idle, dialog, 20000);
    g_assert_cmpint (shz_import_dialog_get_kind (dialog), ==, SHZ_KIND_POSITIONS);
    preview = shz_import_dialog_get_preview (dialog);
    g_assert_true (g_strv_contains ((const char * const *) preview->missing_fields, "maturity"));
    gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL);
    g_assert_false (shz_import_dialog_is_importing (dialog));
    adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), SHZ_KIND_USAGE);
    wait_until (dialog_idle, dialog, 20000);
    g_assert_cmpint (shz_import_dialog_get_kind (dialog), ==, SHZ_KIND_USAGE);
    preview = shz_import_dialog_get_preview (dialog);
    g_assert_cmpint (preview->accepted, ==, 495);
  }

  /* Import: off the UI thread, then "imported" and the dialog closes */
  shz_import_dialog_set_dataset_name (dialog, "用量 2019");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  g_assert_true (shz_import_dialog_is_importing (dialog));
  wait_until (pointer_cleared, &dialog, 30000);
  g_assert_cmpint (imported_id, >, 0);

  list = list_datasets (store_path, engagement_id);
  g_assert_cmpuint (list->len, ==, 1);
  d = g_ptr_array_index (list, 0);
  g_assert_cmpint (d->id, ==, imported_id);
  g_assert_cmpstr (d->name, ==, "用量 2019");
  g_assert_cmpint (d->kind, ==, SHZ_KIND_USAGE);
  g_assert_cmpint (d->rows, ==, 495);
  g_assert_cmpint (d->rejected, ==, 5);
  g_assert_cmpstr (d->encoding, ==, "GB18030");
  g_assert_cmpstr (d->delimiter, ==, ",");
  g_assert_cmpstr (d->source_name, ==, "client-usage.csv");
  g_assert_nonnull (d->source_sha256);
  g_assert_cmpuint (strlen (d->source_sha256), ==, 64);

  /* and the stored rows read back through the paged model */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ShzRowsModel) model = shz_rows_model_new (store_path, imported_id, SHZ_ROWS_SOURCE_ROWS, &error);
    g_autoptr(ShzRowsItem) first = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 495);
    first = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpstr (shz_rows_item_get_value (first, 1), ==, "E000001");
    g_assert_cmpstr (shz_rows_item_get_value (first, 2), ==, "企业1号, 有限公司");
    g_assert_cmpstr (shz_rows_item_get_value (first, 8), ==, "2001.5");
  }
}

/* Encoding override: forcing UTF-8 on a GBK file fails with a message and changes nothing;
 * going back to detection reads it again. */
static void
test_encoding_override (void)
{
  gint64 engagement_id = 0;
  g_autofree char *store_path = new_store ("override.shuzhi", &engagement_id);
  g_autofree char *csv = write_gbk_usage_csv ("override.csv", 20, 0);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  ShzImportDialog *dialog = shz_import_dialog_new (NULL, store_path, engagement_id, file);
  GtkWidget *combo;

  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (dialog_idle, dialog, 20000);
  g_assert_cmpstr (shz_import_dialog_get_preview (dialog)->encoding, ==, "GB18030");

  /* the encoding row is the first AdwComboRow of the form */
  combo = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), SHZ_TYPE_IMPORT_DIALOG, "encoding_row"));
  g_assert_true (ADW_IS_COMBO_ROW (combo));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 1);  /* UTF-8 */
  wait_until (dialog_idle, dialog, 20000);
  g_assert_null (shz_import_dialog_get_preview (dialog));
  g_assert_nonnull (shz_import_dialog_get_message (dialog));
  g_assert_nonnull (strstr (shz_import_dialog_get_message (dialog), "override.csv"));

  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 2);  /* GB18030 */
  wait_until (dialog_idle, dialog, 20000);
  g_assert_nonnull (shz_import_dialog_get_preview (dialog));
  g_assert_null (shz_import_dialog_get_message (dialog));
  g_assert_cmpuint (shz_import_dialog_get_preview (dialog)->rows->len, ==, 20);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
progress_started (gpointer data)
{
  GtkProgressBar *bar = data;
  return gtk_progress_bar_get_fraction (bar) > 0.0;
}

static gboolean
not_importing (gpointer data)
{
  return !shz_import_dialog_is_importing (data);
}

static void
test_cancel_leaves_store_unchanged (void)
{
  gint64 engagement_id = 0, imported_id = 0;
  g_autofree char *store_path = new_store ("cancel.shuzhi", &engagement_id);
  g_autofree char *csv = write_gbk_usage_csv ("big.csv", 400000, 0);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(GPtrArray) list = NULL;
  ShzImportDialog *dialog = shz_import_dialog_new (NULL, store_path, engagement_id, file);
  GtkProgressBar *bar;
  GStatBuf before, after;

  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), &imported_id);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (dialog_idle, dialog, 30000);
  g_assert_nonnull (shz_import_dialog_get_preview (dialog));
  /* a preview of a big file reads only its first rows */
  g_assert_false (shz_import_dialog_get_preview (dialog)->complete);

  g_assert_cmpint (g_stat (store_path, &before), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  g_assert_true (shz_import_dialog_is_importing (dialog));
  bar = GTK_PROGRESS_BAR (gtk_widget_get_template_child (GTK_WIDGET (dialog), SHZ_TYPE_IMPORT_DIALOG, "progress_bar"));
  /* wait for the first progress report, so the cancel lands in the middle of the import */
  wait_until (progress_started, bar, 30000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  wait_until (not_importing, dialog, 30000);

  g_assert_cmpint (imported_id, ==, 0);
  g_assert_nonnull (shz_import_dialog_get_message (dialog));
  g_assert_nonnull (strstr (shz_import_dialog_get_message (dialog), "Nothing was written"));
  list = list_datasets (store_path, engagement_id);
  g_assert_cmpuint (list->len, ==, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ShzStore) store = shz_store_open (store_path, SHZ_STORE_OPEN_READ_ONLY, &error);
    sqlite3_stmt *stmt = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_prepare_v2 (shz_store_get_db (store), "SELECT count(*) FROM usage_row", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
  }
  g_assert_cmpint (g_stat (store_path, &after), ==, 0);
  g_assert_cmpint (before.st_size, ==, after.st_size);

  /* the dialog is still there, ready to try again */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Closing the dialog while it reads or imports: the work stops, the dialog goes, nothing is
 * written, and no widget is touched (or finalized) from a worker thread. */
static void
test_close_while_busy (void)
{
  gint64 engagement_id = 0, imported_id = 0;
  g_autofree char *store_path = new_store ("close.shuzhi", &engagement_id);
  g_autofree char *csv = write_gbk_usage_csv ("close.csv", 200000, 0);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(GPtrArray) list = NULL;
  ShzImportDialog *dialog;

  /* destroyed while the preview runs */
  dialog = shz_import_dialog_new (NULL, store_path, engagement_id, file);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (shz_import_dialog_is_busy (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until (pointer_cleared, &dialog, 30000);

  /* closed (Escape, the window's close button) while the import runs */
  dialog = shz_import_dialog_new (NULL, store_path, engagement_id, file);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), &imported_id);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (dialog_idle, dialog, 30000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  gtk_window_close (GTK_WINDOW (dialog));
  wait_until (pointer_cleared, &dialog, 30000);
  g_assert_cmpint (imported_id, ==, 0);
  list = list_datasets (store_path, engagement_id);
  g_assert_cmpuint (list->len, ==, 0);
}

/* A file whose every row is rejected: the import fails with the reason and writes nothing. */
static void
test_failure_shows_why (void)
{
  gint64 engagement_id = 0, imported_id = 0;
  g_autofree char *store_path = new_store ("fail.shuzhi", &engagement_id);
  g_autofree char *csv = write_gbk_usage_csv ("all-bad.csv", 10, 1);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(GPtrArray) list = NULL;
  ShzImportDialog *dialog = shz_import_dialog_new (NULL, store_path, engagement_id, file);

  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), &imported_id);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (dialog_idle, dialog, 20000);
  g_assert_cmpint (shz_import_dialog_get_preview (dialog)->rejected, ==, 10);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  wait_until (not_importing, dialog, 20000);
  g_assert_cmpint (imported_id, ==, 0);
  g_assert_nonnull (shz_import_dialog_get_message (dialog));
  g_assert_nonnull (strstr (shz_import_dialog_get_message (dialog), "all-bad.csv"));
  list = list_datasets (store_path, engagement_id);
  g_assert_cmpuint (list->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A workbook from the committed fixtures: its sheet is shown and recorded. */
static void
test_xlsx_sheet (void)
{
  gint64 engagement_id = 0, imported_id = 0;
  g_autofree char *store_path = new_store ("xlsx.shuzhi", &engagement_id);
  g_autofree char *root = g_path_get_dirname (g_getenv ("SHZ_SOURCE_DATADIR"));
  g_autofree char *xlsx = g_build_filename (root, "tests", "data", "io", "usage-20-gnumeric.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (xlsx);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *sheet = NULL;
  ShzImportDialog *dialog;
  const ShzImportResult *preview;

  if (!g_file_test (xlsx, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the XLSX fixture is not there");
      return;
    }
  dialog = shz_import_dialog_new (NULL, store_path, engagement_id, file);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), &imported_id);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (dialog_idle, dialog, 20000);
  preview = shz_import_dialog_get_preview (dialog);
  g_assert_nonnull (preview);
  g_assert_cmpint (preview->format, ==, SHZ_FORMAT_XLSX);
  g_assert_nonnull (preview->sheets);
  g_assert_nonnull (preview->sheet);
  g_assert_cmpuint (preview->rows->len, ==, 20);
  g_assert_cmpint (shz_import_dialog_get_kind (dialog), ==, SHZ_KIND_USAGE);
  sheet = g_strdup (preview->sheet);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  wait_until (pointer_cleared, &dialog, 30000);
  g_assert_cmpint (imported_id, >, 0);
  list = list_datasets (store_path, engagement_id);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((ShzDataset *) g_ptr_array_index (list, 0))->sheet, ==, sheet);
  g_assert_cmpint (((ShzDataset *) g_ptr_array_index (list, 0))->rows, ==, 20);
}

static gboolean
import_over (gpointer data)
{
  ShzImportDialog **dialog = data;
  return *dialog == NULL || !shz_import_dialog_is_importing (*dialog);
}

/* As in the app: the window keeps its own writable connection to the store while the import
 * runs on another one, in a worker thread of the same process. */
static void
test_import_while_window_holds_store (void)
{
  gint64 engagement_id = 0, imported_id = 0;
  g_autofree char *store_path = new_store ("window.shuzhi", &engagement_id);
  g_autofree char *csv = write_gbk_usage_csv ("window.csv", 50, 0);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) window_store = shz_store_open (store_path, SHZ_STORE_OPEN_DEFAULT, &error);
  ShzImportDialog *dialog;

  g_assert_no_error (error);
  g_assert_false (shz_store_is_read_only (window_store));
  dialog = shz_import_dialog_new (NULL, store_path, engagement_id, file);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), &imported_id);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (dialog_idle, dialog, 20000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  wait_until (import_over, &dialog, 30000);
  if (dialog != NULL)
    {
      /* the store refused the worker's connection: say so rather than pass or fail silently */
      g_test_message ("import failed: %s", shz_import_dialog_get_message (dialog));
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_test_incomplete ("the store opens a second connection of the same process read-only "
                         "(its lock), so the import worker cannot write while the window has the store open");
      return;
    }
  g_assert_cmpint (imported_id, >, 0);
  {
    g_autoptr(ShzDataset) d = shz_store_get_dataset (window_store, imported_id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (d->rows, ==, 50);
  }
}

/* ---- the rows model ---- */

static gint64
make_usage_dataset (ShzStore   *store,
                    gint64      engagement_id,
                    const char *name,
                    guint       n_rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzDataset) ds = shz_dataset_new ();
  g_autoptr(ShzRowInserter) ins = NULL;
  gint64 id;

  ds->engagement_id = engagement_id;
  ds->name = g_strdup (name);
  ds->kind = SHZ_KIND_USAGE;
  ds->imported = g_strdup ("2026-11-26T12:00:00Z");
  g_assert_true (shz_store_begin (store, &error));
  id = shz_store_create_dataset (store, ds, &error);
  g_assert_no_error (error);
  ins = shz_row_inserter_new (store, id, SHZ_KIND_USAGE, &error);
  g_assert_no_error (error);
  for (guint i = 1; i <= n_rows; i++)
    {
      char eid[32], period[16];
      ShzUsageRow row = { 0 };

      g_snprintf (eid, sizeof eid, "E%07u", i);
      g_snprintf (period, sizeof period, "2019-%02u", 1 + i % 12);
      row.row_no = i;
      row.enterprise_id = eid;
      row.industry = "金融";
      row.period = period;
      row.category = "IaaS";
      row.spend = i + 0.25;
      g_assert_true (shz_row_inserter_add_usage (ins, &row, &error));
    }
  g_clear_pointer (&ins, shz_row_inserter_free);
  g_assert_true (shz_store_set_dataset_counts (store, id, n_rows, 0, &error));
  g_assert_true (shz_store_commit (store, &error));
  return id;
}

static void
check_row (ShzRowsModel *model,
           guint         position)
{
  g_autoptr(ShzRowsItem) item = g_list_model_get_item (G_LIST_MODEL (model), position);
  g_autofree char *row_no = g_strdup_printf ("%u", position + 1);
  g_autofree char *eid = g_strdup_printf ("E%07u", position + 1);
  g_autofree char *spend = g_strdup_printf ("%u.25", position + 1);

  g_assert_nonnull (item);
  g_assert_cmpuint (shz_rows_item_get_position (item), ==, position);
  g_assert_cmpstr (shz_rows_item_get_value (item, 0), ==, row_no);
  g_assert_cmpstr (shz_rows_item_get_value (item, 1), ==, eid);
  g_assert_cmpstr (shz_rows_item_get_value (item, 2), ==, "");  /* no enterprise name */
  g_assert_cmpstr (shz_rows_item_get_value (item, 3), ==, "金融");
  g_assert_cmpstr (shz_rows_item_get_value (item, 8), ==, spend);
}

static void
test_rows_model_paging (void)
{
  gint64 engagement_id = 0, id;
  g_autofree char *store_path = new_store ("rows.shuzhi", &engagement_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzRowsModel) model = NULL;
  const guint n = 100000;

  {
    g_autoptr(ShzStore) store = shz_store_open (store_path, SHZ_STORE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    make_usage_dataset (store, engagement_id, "small", 10);
    id = make_usage_dataset (store, engagement_id, "big", n);
  }

  model = shz_rows_model_new (store_path, id, SHZ_ROWS_SOURCE_ROWS, &error);
  g_assert_no_error (error);
  /* the length is known before a single row is read */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  g_assert_cmpuint (shz_rows_model_get_rows_fetched (model), ==, 0);
  g_assert_cmpuint (shz_rows_model_get_n_columns (model), ==, 9);
  g_assert_cmpstr (shz_rows_model_get_column_name (model, 8), ==, "spend");
  g_assert_true (shz_rows_model_column_is_numeric (model, 8));
  g_assert_false (shz_rows_model_column_is_numeric (model, 1));

  check_row (model, 0);
  check_row (model, 255);
  check_row (model, 256);
  check_row (model, n / 2);
  check_row (model, n / 2 + 1);
  check_row (model, n - 1);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));
  /* four pages read, not the dataset */
  g_assert_cmpuint (shz_rows_model_get_rows_fetched (model), <=, 4 * SHZ_ROWS_MODEL_PAGE_SIZE);

  /* scrolling back within the kept pages reads nothing */
  {
    guint64 fetched = shz_rows_model_get_rows_fetched (model);
    check_row (model, 10);
    check_row (model, n - 5);
    g_assert_cmpuint (shz_rows_model_get_rows_fetched (model), ==, fetched);
  }
  /* visiting more pages than are kept still gives the right rows */
  for (guint p = 0; p < 3 * SHZ_ROWS_MODEL_N_PAGES; p++)
    check_row (model, (p * 7919u * SHZ_ROWS_MODEL_PAGE_SIZE + p) % n);
  g_assert_null (shz_rows_model_get_error (model));
}

/* Rows of two datasets written interleaved: their rowids are not consecutive, and the model
 * finds each page by walking the index instead. */
static void
test_rows_model_interleaved (void)
{
  gint64 engagement_id = 0, a, b;
  g_autofree char *store_path = new_store ("interleaved.shuzhi", &engagement_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzRowsModel) model = NULL;
  const guint n = 3000;

  {
    g_autoptr(ShzStore) store = shz_store_open (store_path, SHZ_STORE_OPEN_DEFAULT, &error);
    g_autoptr(ShzDataset) da = shz_dataset_new ();
    g_autoptr(ShzDataset) db = shz_dataset_new ();
    g_autoptr(ShzRowInserter) ia = NULL;
    g_autoptr(ShzRowInserter) ib = NULL;

    g_assert_no_error (error);
    da->engagement_id = db->engagement_id = engagement_id;
    da->kind = db->kind = SHZ_KIND_USAGE;
    da->name = g_strdup ("a");
    db->name = g_strdup ("b");
    da->imported = g_strdup ("2026-11-26T12:00:00Z");
    db->imported = g_strdup ("2026-11-26T12:00:00Z");
    g_assert_true (shz_store_begin (store, &error));
    a = shz_store_create_dataset (store, da, &error);
    b = shz_store_create_dataset (store, db, &error);
    ia = shz_row_inserter_new (store, a, SHZ_KIND_USAGE, &error);
    ib = shz_row_inserter_new (store, b, SHZ_KIND_USAGE, &error);
    g_assert_no_error (error);
    for (guint i = 1; i <= n; i++)
      {
        char eid[32];
        ShzUsageRow row = { .row_no = i, .enterprise_id = eid, .industry = "金融", .period = "2019",
                            .category = "SaaS", .spend = i + 0.25 };

        g_snprintf (eid, sizeof eid, "E%07u", i);
        g_assert_true (shz_row_inserter_add_usage (ia, &row, &error));
        if (i % 3 == 0)
          g_assert_true (shz_row_inserter_add_usage (ib, &row, &error));
      }
    g_clear_pointer (&ia, shz_row_inserter_free);
    g_clear_pointer (&ib, shz_row_inserter_free);
    g_assert_true (shz_store_set_dataset_counts (store, a, n, 0, &error));
    g_assert_true (shz_store_set_dataset_counts (store, b, n / 3, 0, &error));
    g_assert_true (shz_store_commit (store, &error));
  }

  model = shz_rows_model_new (store_path, a, SHZ_ROWS_SOURCE_ROWS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  check_row (model, n - 1);
  check_row (model, 0);
  check_row (model, n / 2);
  check_row (model, 1000);
  g_assert_null (shz_rows_model_get_error (model));
}

/* The rows window: titled with the dataset's name, one column per stored column. */
static void
test_rows_view (void)
{
  gint64 engagement_id = 0, id;
  g_autofree char *store_path = new_store ("view.shuzhi", &engagement_id);
  g_autoptr(GError) error = NULL;
  ShzRowsView *view;
  GListModel *columns;

  {
    g_autoptr(ShzStore) store = shz_store_open (store_path, SHZ_STORE_OPEN_DEFAULT, &error);
    id = make_usage_dataset (store, engagement_id, "用量", 5000);
  }
  view = shz_rows_view_new (NULL, store_path, id, SHZ_ROWS_SOURCE_ROWS, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (view)), ==, "用量");
  columns = gtk_column_view_get_columns (shz_rows_view_get_column_view (view));
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 9);
  gtk_window_present (GTK_WINDOW (view));
  shz_test_settle_for (200);
  /* only what is on screen was read */
  g_assert_cmpuint (shz_rows_model_get_rows_fetched (shz_rows_view_get_model (view)), <=, 2 * SHZ_ROWS_MODEL_PAGE_SIZE);
  gtk_window_destroy (GTK_WINDOW (view));

  /* a dataset that is gone is an error, not a window */
  view = shz_rows_view_new (NULL, store_path, id + 100, SHZ_ROWS_SOURCE_ROWS, &error);
  g_assert_null (view);
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  tmpdir = g_dir_make_tmp ("shz-import-dialog-XXXXXX", NULL);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  shz_register_resource ();

  g_test_add_func ("/app/import-dialog/gbk-csv-to-dataset", test_gbk_csv_to_dataset);
  g_test_add_func ("/app/import-dialog/encoding-override", test_encoding_override);
  g_test_add_func ("/app/import-dialog/xlsx-sheet", test_xlsx_sheet);
  g_test_add_func ("/app/import-dialog/while-window-holds-store", test_import_while_window_holds_store);
  g_test_add_func ("/app/import-dialog/cancel-leaves-store-unchanged", test_cancel_leaves_store_unchanged);
  g_test_add_func ("/app/import-dialog/close-while-busy", test_close_while_busy);
  g_test_add_func ("/app/import-dialog/failure-shows-why", test_failure_shows_why);
  g_test_add_func ("/app/rows-model/paging-100k", test_rows_model_paging);
  g_test_add_func ("/app/rows-model/interleaved-rowids", test_rows_model_interleaved);
  g_test_add_func ("/app/rows-view/window", test_rows_view);

  ret = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmpdir);
    (void) system (cmd);
  }
  return ret;
}
