/* test-data-view.c — the engagement's Data tab: the datasets listed with their provenance,
 * renaming (with the dialog's inline validation), deleting with an undo toast, the empty state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "app/shz-data-view.h"
#include "shz-test-app.h"

/* From the compiled resources (registered by hand, as the application does). */
void shz_register_resource (void);

static char *tmpdir;

static gint64
add_dataset (ShzStore   *store,
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
  ds->source_name = g_strdup ("usage.csv");
  ds->source_size = 12345;
  ds->source_sha256 = g_strdup ("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  ds->encoding = g_strdup ("GB18030");
  ds->delimiter = g_strdup (",");
  ds->mapping = g_strdup ("企业编号=enterprise_id\n消费金额=spend");
  ds->imported = g_strdup ("2026-11-26T12:00:00Z");
  g_assert_true (shz_store_begin (store, &error));
  id = shz_store_create_dataset (store, ds, &error);
  g_assert_no_error (error);
  ins = shz_row_inserter_new (store, id, SHZ_KIND_USAGE, &error);
  for (guint i = 1; i <= n_rows; i++)
    {
      ShzUsageRow row = { .row_no = i, .enterprise_id = "E1", .industry = "金融", .period = "2019",
                          .category = "IaaS", .spend = i };
      g_assert_true (shz_row_inserter_add_usage (ins, &row, &error));
    }
  g_clear_pointer (&ins, shz_row_inserter_free);
  g_assert_true (shz_store_add_rejection (store, id, n_rows + 1, "消费金额", "not a number", &error));
  g_assert_true (shz_store_set_dataset_counts (store, id, n_rows, 1, &error));
  g_assert_true (shz_store_commit (store, &error));
  return id;
}

static guint
count_datasets (const char *path,
                gint64      engagement_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (path, SHZ_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(GPtrArray) list = NULL;

  g_assert_no_error (error);
  list = shz_store_list_datasets (store, engagement_id, &error);
  g_assert_no_error (error);
  return list->len;
}

static void
assert_names (ShzDataView        *view,
              const char * const *expected)
{
  g_auto(GStrv) names = shz_data_view_get_names (view);

  g_assert_cmpuint (g_strv_length (names), ==, g_strv_length ((GStrv) expected));
  for (guint i = 0; expected[i]; i++)
    g_assert_cmpstr (names[i], ==, expected[i]);
}

static void
on_changed_cb (ShzDataView *view,
               guint       *count)
{
  (*count)++;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type);
      if (found)
        return found;
    }
  return NULL;
}

static void
test_rename_delete (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "data.shuzhi", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (path, SHZ_STORE_OPEN_CREATE, &error);
  g_autoptr(ShzEngagement) e = shz_engagement_new ();
  GtkWidget *window = adw_window_new ();
  ShzDataView *view = SHZ_DATA_VIEW (shz_data_view_new ());
  GtkStack *stack;
  gint64 engagement_id, a, b;
  guint changed = 0;

  g_assert_no_error (error);
  e->name = g_strdup ("Engagement");
  engagement_id = shz_store_create_engagement (store, e, &error);
  g_assert_no_error (error);

  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (view));
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  g_signal_connect (view, "changed", G_CALLBACK (on_changed_cb), &changed);
  gtk_window_present (GTK_WINDOW (window));
  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (view), SHZ_TYPE_DATA_VIEW, "stack"));

  /* no engagement, then an engagement with no data: the empty state offers Import */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "none");
  shz_data_view_set_engagement (view, store, path, engagement_id);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (view)));

  a = add_dataset (store, engagement_id, "用量 2019", 20);
  b = add_dataset (store, engagement_id, "用量 2020", 30);
  shz_data_view_set_engagement (view, store, path, engagement_id);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  assert_names (view, (const char *[]) { "用量 2019", "用量 2020", NULL });
  shz_test_settle_for (50);

  /* rename: a taken or an empty name is refused with the store's reason */
  g_assert_false (shz_data_view_rename_dataset (view, a, "用量 2020", &error));
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (shz_data_view_rename_dataset (view, a, "  ", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_true (shz_data_view_rename_dataset (view, a, "用量 2018", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  assert_names (view, (const char *[]) { "用量 2018", "用量 2020", NULL });

  /* the Rename dialog validates as the user types, inline */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "data.rename", "x", a));
  shz_test_settle_for (50);
  {
    AdwMessageDialog *dialog = find_message_dialog ();
    GtkWidget *extra, *entry, *label;

    g_assert_nonnull (dialog);
    extra = adw_message_dialog_get_extra_child (dialog);
    entry = find_widget (extra, GTK_TYPE_ENTRY);
    label = find_widget (extra, GTK_TYPE_LABEL);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "用量 2018");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "用量 2020");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
    g_assert_true (gtk_widget_get_visible (label));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "用量 2020"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "R&D <基线>");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "rename"));
    g_assert_false (gtk_widget_get_visible (label));
    adw_message_dialog_response (dialog, "rename");
    shz_test_settle_for (100);
  }
  g_assert_cmpuint (changed, ==, 2);
  assert_names (view, (const char *[]) { "R&D <基线>", "用量 2020", NULL });

  /* delete: hidden at once, still in the store while the toast is up; Undo brings it back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "data.delete", "x", b));
  assert_names (view, (const char *[]) { "R&D <基线>", NULL });
  g_assert_cmpuint (count_datasets (path, engagement_id), ==, 2);
  g_assert_true (shz_data_view_undo_delete (view, b));
  assert_names (view, (const char *[]) { "R&D <基线>", "用量 2020", NULL });
  g_assert_cmpuint (count_datasets (path, engagement_id), ==, 2);
  g_assert_cmpuint (changed, ==, 2);

  /* delete for real: when the toast goes (here: flushed) the dataset and its rows are gone */
  shz_data_view_delete_dataset (view, b);
  shz_data_view_flush_deletes (view);
  g_assert_cmpuint (changed, ==, 2);  /* the caller of flush re-reads by itself */
  g_assert_cmpuint (count_datasets (path, engagement_id), ==, 1);
  shz_data_view_set_engagement (view, store, path, engagement_id);
  assert_names (view, (const char *[]) { "R&D <基线>", NULL });

  /* ...or when the view moves to another engagement (here: none) */
  {
    gint64 c = add_dataset (store, engagement_id, "第三", 5);

    shz_data_view_set_engagement (view, store, path, engagement_id);
    assert_names (view, (const char *[]) { "R&D <基线>", "第三", NULL });
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "data.delete", "x", c));
    g_assert_cmpuint (count_datasets (path, engagement_id), ==, 2);
    shz_data_view_set_engagement (view, NULL, NULL, 0);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "none");
    g_assert_cmpuint (count_datasets (path, engagement_id), ==, 1);
    shz_data_view_set_engagement (view, store, path, engagement_id);
    assert_names (view, (const char *[]) { "R&D <基线>", NULL });
  }

  /* a pending delete is committed when the view is destroyed (never lost the other way) */
  shz_data_view_delete_dataset (view, a);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpuint (count_datasets (path, engagement_id), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  shz_test_settle_for (50);
  g_assert_cmpuint (count_datasets (path, engagement_id), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  tmpdir = g_dir_make_tmp ("shz-data-view-XXXXXX", NULL);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  shz_register_resource ();

  g_test_add_func ("/app/data-view/rename-delete", test_rename_delete);

  ret = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmpdir);
    (void) system (cmd);
  }
  return ret;
}
