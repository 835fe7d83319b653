/* test-method-dialog.c — the method panel on the demo engagement: it reads the usage rows,
 * previews positions, recomputes when a weight changes, and saves a positions dataset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "app/shz-method-dialog.h"
#include "analysis/shz-demo.h"

/* from the resources compiled into the app library (--manual-register) */
void shz_register_resource (void);

static void
wait_idle (ShzMethodDialog *dialog)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  /* Let the debounce timer fire and the threads finish. */
  do
    g_main_context_iteration (NULL, TRUE);
  while (shz_method_dialog_is_busy (dialog) && g_get_monotonic_time () < end);
  g_assert_false (shz_method_dialog_is_busy (dialog));
}

static void
test_preview_recompute_save (void)
{
  g_autofree char *dir = g_dir_make_tmp ("shz-method-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "m.shuzhi", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (path, SHZ_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) before = NULL, after = NULL;
  const ShzIndexResult *result;
  const ShzIndexPoint *p;
  ShzMethodDialog *dialog;
  double maturity_before;
  gint64 engagement, saved;

  g_assert_no_error (error);
  g_assert_true (shz_demo_populate (store, &error));
  list = shz_store_list_engagements (store, &error);
  engagement = ((ShzEngagement *) g_ptr_array_index (list, 0))->id;
  before = shz_store_list_datasets (store, engagement, &error);

  dialog = shz_method_dialog_new (NULL, store, path, engagement);
  g_object_ref_sink (dialog);
  wait_idle (dialog);
  result = shz_method_dialog_get_result (dialog);
  g_assert_nonnull (result);
  p = shz_index_result_find (result, "互联网", "2019");
  g_assert_nonnull (p);
  g_assert_cmpuint (p->n, >, 0);
  maturity_before = p->value[SHZ_AXIS_MATURITY];
  g_assert_true (maturity_before > 0 && maturity_before <= 100);

  /* Only IaaS counts for maturity now: the preview follows. */
  shz_method_dialog_set_weight (dialog, SHZ_CATEGORY_PAAS, 0);
  shz_method_dialog_set_weight (dialog, SHZ_CATEGORY_SAAS, 0);
  wait_idle (dialog);
  result = shz_method_dialog_get_result (dialog);
  g_assert_nonnull (result);
  g_assert_cmpfloat (result->method->weights[SHZ_CATEGORY_PAAS], ==, 0);
  p = shz_index_result_find (result, "互联网", "2019");
  g_assert_nonnull (p);
  g_assert_cmpfloat (p->value[SHZ_AXIS_MATURITY], !=, maturity_before);

  saved = shz_method_dialog_save (dialog, &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved, >, 0);
  after = shz_store_list_datasets (store, engagement, &error);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  {
    g_autoptr(ShzDataset) d = shz_store_get_dataset (store, saved, &error);
    g_assert_cmpint (d->kind, ==, SHZ_KIND_POSITIONS);
    g_assert_nonnull (d->method);
    g_assert_cmpint (d->source_dataset_id, >, 0);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  g_clear_pointer (&store, shz_store_free);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    (void) system (cmd);
  }
}

static void
test_no_usage_dataset (void)
{
  g_autofree char *dir = g_dir_make_tmp ("shz-method-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "e.shuzhi", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (path, SHZ_STORE_OPEN_CREATE, &error);
  g_autoptr(ShzEngagement) e = shz_engagement_new ();
  ShzMethodDialog *dialog;
  gint64 id;

  e->name = g_strdup ("Empty");
  id = shz_store_create_engagement (store, e, &error);
  dialog = shz_method_dialog_new (NULL, store, path, id);
  g_object_ref_sink (dialog);
  g_assert_false (shz_method_dialog_is_busy (dialog));
  g_assert_null (shz_method_dialog_get_result (dialog));
  g_assert_cmpint (shz_method_dialog_save (dialog, &error), ==, 0);
  g_assert_nonnull (error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  g_clear_pointer (&store, shz_store_free);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    (void) system (cmd);
  }
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  shz_register_resource ();
  g_test_add_func ("/app/method-dialog/preview-recompute-save", test_preview_recompute_save);
  g_test_add_func ("/app/method-dialog/no-usage-dataset", test_no_usage_dataset);
  return g_test_run ();
}
