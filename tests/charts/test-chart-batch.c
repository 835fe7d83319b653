/* test-chart-batch.c — every chart of an engagement to a folder (shz_chart_batch_export): each
 * kind in PNG, SVG and PDF with valid contents and the documented names, progress, kinds left
 * out with their reason, pseudonymised files free of the client's and enterprises' names,
 * cancelling (stops early, never a partial file), and bad options.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>

#include "analysis/shz-demo.h"
#include "charts/shz-chart-batch.h"

/* A client whose name the maturity map draws (and lists in the SVG's <desc>). */
#define CLIENT     "Acme Noodles"

typedef struct {
  char     *dir;
  char     *out;
  ShzStore *store;
  gint64    demo;
} Fixture;

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

/* The newest positions dataset of the demo engagement (what the maturity map draws): the
 * client among the industries. */
static void
add_named_positions (Fixture *f)
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
  g_autoptr(ShzDataset) d = shz_dataset_new ();
  g_autoptr(ShzRowInserter) ins = NULL;
  g_autoptr(ShzEngagement) e = NULL;
  gint64 id;

  e = shz_store_get_engagement (f->store, f->demo, &error);
  g_assert_no_error (error);
  g_free (e->client);
  e->client = g_strdup (CLIENT);
  g_assert_true (shz_store_update_engagement (f->store, e, &error));
  g_assert_no_error (error);

  g_assert_true (shz_store_begin (f->store, &error));
  d->engagement_id = f->demo;
  d->name = g_strdup ("Client positions");
  d->kind = SHZ_KIND_POSITIONS;
  d->rows = G_N_ELEMENTS (rows);
  id = shz_store_create_dataset (f->store, d, &error);
  g_assert_no_error (error);
  ins = shz_row_inserter_new (f->store, id, SHZ_KIND_POSITIONS, &error);
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
  g_assert_true (shz_store_commit (f->store, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("shz-test-batch-XXXXXX", &error);
  g_assert_no_error (error);
  f->out = g_build_filename (f->dir, "charts", NULL);
  path = g_build_filename (f->dir, "batch.shuzhi", NULL);
  f->store = shz_store_open (path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (shz_demo_populate (f->store, &error));
  g_assert_no_error (error);
  list = shz_store_list_engagements (f->store, &error);
  g_assert_cmpuint (list->len, ==, 1);
  f->demo = ((ShzEngagement *) g_ptr_array_index (list, 0))->id;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->store, shz_store_free);
  rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->out);
}

/* Small, so that the test is quick; the sizes themselves are test-cli-export's business. */
static void
small_options (ShzChartBatchOptions *o)
{
  shz_chart_batch_options_init (o);
  o->size.width_px = 800;
  o->size.height_px = 600;
}

static char *
read_file (const char *path,
           gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, len, &error));
  g_assert_no_error (error);
  return data;
}

static void
assert_valid (const char      *path,
              ShzExportFormat  format)
{
  gsize len;
  g_autofree char *data = read_file (path, &len);

  g_assert_cmpuint (len, >, 500);
  switch (format)
    {
    case SHZ_EXPORT_PNG:
      g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
      {
        cairo_surface_t *s = cairo_image_surface_create_from_png (path);
        g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
        g_assert_cmpint (cairo_image_surface_get_width (s), ==, 800);
        g_assert_cmpint (cairo_image_surface_get_height (s), ==, 600);
        cairo_surface_destroy (s);
      }
      break;
    case SHZ_EXPORT_SVG:
      {
        xmlDocPtr doc = xmlReadMemory (data, (int) len, path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        g_assert_nonnull (doc);
        g_assert_cmpstr ((const char *) xmlDocGetRootElement (doc)->name, ==, "svg");
        xmlFreeDoc (doc);
      }
      break;
    case SHZ_EXPORT_PDF:
      g_assert_cmpmem (data, 5, "%PDF-", 5);
      g_assert_nonnull (g_strstr_len (data + len - MIN (len, 64), MIN (len, 64), "%%EOF"));
      break;
    }
}

/* Names left in @dir that are not a finished export (a temporary file of a write). */
static guint
count_partial (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d && (name = g_dir_read_name (d)))
    {
      ShzExportFormat format;
      if (!shz_export_format_from_path (name, &format))
        n++;
    }
  return n;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d && g_dir_read_name (d))
    n++;
  return n;
}

typedef struct {
  guint         writing, wrote, skipped;
  guint         last_done, total;
  GCancellable *cancel_after_first;
} Progress;

static void
on_progress_cb (ShzChartBatchStep  step,
                guint              done,
                guint              total,
                const char        *kind,
                const char        *path,
                const GError      *reason,
                gpointer           user_data)
{
  Progress *p = user_data;

  g_assert_nonnull (kind);
  g_assert_cmpuint (done, >=, p->last_done);
  g_assert_cmpuint (done, <=, total);
  p->last_done = done;
  p->total = total;
  switch (step)
    {
    case SHZ_CHART_BATCH_WRITING:
      g_assert_nonnull (path);
      g_assert_null (reason);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      p->writing++;
      break;
    case SHZ_CHART_BATCH_WROTE:
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_assert_null (reason);
      p->wrote++;
      if (p->cancel_after_first)
        g_cancellable_cancel (p->cancel_after_first);
      break;
    case SHZ_CHART_BATCH_SKIPPED:
      g_assert_null (path);
      g_assert_nonnull (reason);
      p->skipped++;
      break;
    }
}

static void
test_all_formats (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  const char * const *kinds = shz_chart_list_kinds ();
  ShzChartBatchOptions o;
  Progress p = { 0 };
  guint n_kinds = g_strv_length ((char **) kinds);

  small_options (&o);
  o.formats = SHZ_CHART_BATCH_ALL_FORMATS;
  o.lang = "en";
  written = shz_chart_batch_export (f->store, f->demo, &o, f->out, on_progress_cb, &p, &skipped, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (written);
  g_assert_nonnull (skipped);

  /* the demo engagement has data for every kind */
  g_assert_cmpuint (skipped->len, ==, 0);
  g_assert_cmpuint (written->len, ==, n_kinds * 3);
  g_assert_cmpuint (p.total, ==, n_kinds * 3);
  g_assert_cmpuint (p.last_done, ==, p.total);
  g_assert_cmpuint (p.writing, ==, written->len);
  g_assert_cmpuint (p.wrote, ==, written->len);

  /* FOLDER/<kind>.<ext>, in kind then format order, each a valid file */
  for (guint k = 0; k < n_kinds; k++)
    for (ShzExportFormat fmt = SHZ_EXPORT_PNG; fmt <= SHZ_EXPORT_PDF; fmt++)
      {
        g_autofree char *name = g_strdup_printf ("%s.%s", kinds[k], shz_export_format_to_string (fmt));
        g_autofree char *expected = g_build_filename (f->out, name, NULL);
        g_autofree char *built = shz_chart_batch_file_name (f->out, kinds[k], fmt);

        g_assert_cmpstr (built, ==, expected);
        g_assert_cmpstr (g_ptr_array_index (written, k * 3 + fmt), ==, expected);
        assert_valid (expected, fmt);
      }
  g_assert_cmpuint (count_files (f->out), ==, written->len);
  g_assert_cmpuint (count_partial (f->out), ==, 0);
}

/* One kind alone is the same file the batch writes (one loading path, one drawing path). */
static void
test_one_kind_same_file (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autofree char *single = g_build_filename (f->dir, "single.png", NULL);
  g_autofree char *a = NULL, *b = NULL;
  const char *only[] = { "value-chain", NULL };
  ShzChartBatchOptions o;
  gsize la, lb;

  small_options (&o);
  o.kinds = only;
  o.theme = "dark";
  written = shz_chart_batch_export (f->store, f->demo, &o, f->out, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (written->len, ==, 1);
  g_assert_true (shz_chart_export_kind (f->store, f->demo, "value-chain", &o, SHZ_EXPORT_PNG, single, &error));
  g_assert_no_error (error);
  a = read_file (g_ptr_array_index (written, 0), &la);
  b = read_file (single, &lb);
  g_assert_cmpmem (a, la, b, lb);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  gsize len;
  g_autofree char *data = read_file (path, &len);

  return g_strstr_len (data, (gssize) len, needle) != NULL;
}

static void
test_pseudonymise (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plain = NULL;
  g_autoptr(GPtrArray) safe = NULL;
  g_autofree char *plain_dir = g_build_filename (f->dir, "plain", NULL);
  g_autofree char *map = NULL;
  ShzChartBatchOptions o;

  add_named_positions (f);
  small_options (&o);
  o.formats = SHZ_CHART_BATCH_FORMAT (SHZ_EXPORT_SVG);
  o.lang = "en";

  /* Without: the names are in the files (so that their absence below means something). */
  plain = shz_chart_batch_export (f->store, f->demo, &o, plain_dir, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  map = g_build_filename (plain_dir, "maturity-map.svg", NULL);
  g_assert_true (file_contains (map, CLIENT));

  o.pseudonymise = TRUE;
  safe = shz_chart_batch_export (f->store, f->demo, &o, f->out, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (safe->len, ==, plain->len);
  for (guint i = 0; i < safe->len; i++)
    {
      const char *path = g_ptr_array_index (safe, i);

      assert_valid (path, SHZ_EXPORT_SVG);
      g_assert_false (file_contains (path, CLIENT));
    }
  g_clear_pointer (&map, g_free);
  map = g_build_filename (f->out, "maturity-map.svg", NULL);
  g_assert_true (file_contains (map, "Company A"));

  /* In Chinese, the pseudonyms are Chinese; the store itself is untouched. */
  o.lang = "zh_CN";
  g_clear_pointer (&safe, g_ptr_array_unref);
  safe = shz_chart_batch_export (f->store, f->demo, &o, f->out, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (file_contains (map, "企业 A"));
  g_assert_false (file_contains (map, CLIENT));
  {
    g_autoptr(ShzEngagement) e = shz_store_get_engagement (f->store, f->demo, &error);
    g_assert_cmpstr (e->client, ==, CLIENT);
  }

  /* One chart alone, pseudonymised, of a dataset named after the client (renamed in the copy) */
  {
    g_autofree char *one = g_build_filename (f->dir, "one.svg", NULL);
    g_autoptr(ShzDataset) d = shz_store_find_dataset (f->store, f->demo, "Client positions", &error);

    g_assert_no_error (error);
    g_assert_true (shz_store_rename_dataset (f->store, d->id, CLIENT " positions", &error));
    g_assert_no_error (error);
    o.dataset = CLIENT " positions";
    g_assert_true (shz_chart_export_kind (f->store, f->demo, "maturity-map", &o, SHZ_EXPORT_SVG, one, &error));
    g_assert_no_error (error);
    g_assert_false (file_contains (one, CLIENT));
    g_assert_true (file_contains (one, "企业 A"));
    /* a dataset that does not exist is still named as the user gave it */
    o.dataset = "No such data";
    g_assert_false (shz_chart_export_kind (f->store, f->demo, "maturity-map", &o, SHZ_EXPORT_SVG, one, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "No such data"));
  }
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ShzChartBatchOptions o;
  Progress p = { .cancel_after_first = cancellable };

  small_options (&o);
  o.formats = SHZ_CHART_BATCH_ALL_FORMATS;

  /* Cancelled after the first file: it stays, whole; nothing else is started. */
  written = shz_chart_batch_export (f->store, f->demo, &o, f->out, on_progress_cb, &p, NULL, cancellable, &error);
  g_assert_null (written);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (p.wrote, ==, 1);
  g_assert_cmpuint (p.writing, ==, 1);
  g_assert_cmpuint (p.last_done, <, p.total);
  g_assert_cmpuint (count_files (f->out), ==, 1);
  g_assert_cmpuint (count_partial (f->out), ==, 0);
  {
    g_autofree char *first = shz_chart_batch_file_name (f->out, shz_chart_list_kinds ()[0], SHZ_EXPORT_PNG);
    assert_valid (first, SHZ_EXPORT_PNG);
  }

  /* Cancelled before it starts: nothing at all. */
  g_clear_error (&error);
  rm_rf (f->out);
  written = shz_chart_batch_export (f->store, f->demo, &o, f->out, NULL, NULL, NULL, cancellable, &error);
  g_assert_null (written);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_files (f->out), ==, 0);
}

static void
test_skipped (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(ShzEngagement) e = shz_engagement_new ();
  const char *kinds[] = { "maturity-map", "pie", "value-chain", NULL };
  const char *map_only[] = { "maturity-map", NULL };
  ShzChartBatchOptions o;
  Progress p = { 0 };
  gint64 empty;

  /* The demo: an unknown kind is left out with its reason, the others written. */
  small_options (&o);
  o.kinds = kinds;
  written = shz_chart_batch_export (f->store, f->demo, &o, f->out, on_progress_cb, &p, &skipped, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (written->len, ==, 2);
  g_assert_cmpuint (skipped->len, ==, 1);
  g_assert_cmpstr (((ShzChartBatchSkip *) g_ptr_array_index (skipped, 0))->kind, ==, "pie");
  g_assert_error (((ShzChartBatchSkip *) g_ptr_array_index (skipped, 0))->reason, SHZ_CHART_ERROR,
                  SHZ_CHART_ERROR_UNKNOWN_KIND);
  g_assert_cmpuint (p.skipped, ==, 1);
  g_assert_cmpuint (p.last_done, ==, 3);

  /* An engagement without data: the maturity map is left out, and alone it is an error. */
  e->name = g_strdup ("Empty");
  e->client = g_strdup ("Nobody Ltd");
  empty = shz_store_create_engagement (f->store, e, &error);
  g_assert_no_error (error);
  g_clear_pointer (&written, g_ptr_array_unref);
  g_clear_pointer (&skipped, g_ptr_array_unref);
  rm_rf (f->out);
  o.kinds = map_only;
  written = shz_chart_batch_export (f->store, empty, &o, f->out, NULL, NULL, &skipped, NULL, &error);
  g_assert_null (written);
  g_assert_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_NO_DATA);
  g_assert_cmpuint (skipped->len, ==, 1);
  g_assert_error (((ShzChartBatchSkip *) g_ptr_array_index (skipped, 0))->reason, SHZ_CHART_ERROR,
                  SHZ_CHART_ERROR_NO_DATA);
  g_assert_cmpuint (count_files (f->out), ==, 0);
}

static void
test_bad_options (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (f->dir, "a-file", NULL);
  ShzChartBatchOptions o;

  small_options (&o);
  o.preset = "poster";
  g_assert_null (shz_chart_batch_export (f->store, f->demo, &o, f->out, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_INVALID);
  g_clear_error (&error);

  small_options (&o);
  o.lang = "fr";
  g_assert_null (shz_chart_batch_export (f->store, f->demo, &o, f->out, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_INVALID);
  g_clear_error (&error);

  small_options (&o);
  o.size.dpi = 2400;
  g_assert_null (shz_chart_batch_export (f->store, f->demo, &o, f->out, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (f->out, G_FILE_TEST_EXISTS));   /* nothing made before the checks */

  /* a folder that is a file */
  small_options (&o);
  g_assert_true (g_file_set_contents (file, "x", -1, NULL));
  g_assert_null (shz_chart_batch_export (f->store, f->demo, &o, file, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_IO);
  g_assert_nonnull (strstr (error->message, file));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/charts/batch/all-formats", test_all_formats);
  ADD ("/charts/batch/one-kind-same-file", test_one_kind_same_file);
  ADD ("/charts/batch/pseudonymise", test_pseudonymise);
  ADD ("/charts/batch/cancel", test_cancel);
  ADD ("/charts/batch/skipped", test_skipped);
  ADD ("/charts/batch/bad-options", test_bad_options);
#undef ADD
  return g_test_run ();
}
