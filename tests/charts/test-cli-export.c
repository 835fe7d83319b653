/* test-cli-export.c — `shuzhi export` run as a user runs it: files written, exit codes (0 ok,
 * 1 bad input with nothing written, 2 usage), `--chart all`, `--pseudonymise`, and the CLI's PNG
 * byte-identical to the in-process export the window uses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "charts/shz-chart-export.h"

static char *tmpdir;
static char *store_path;

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_shuzhi (Run        *r,
            const char *first,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exe = g_build_filename (g_getenv ("SHZ_BUILD_ROOT"), "src", "shuzhi", NULL);
  va_list args;

  g_ptr_array_add (argv, exe);
  va_start (args, first);
  for (const char *a = first; a; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_set_cwd (launcher, tmpdir);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));   /* never a signal */
  r->status = g_subprocess_get_exit_status (proc);
}

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

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static void
test_formats (void)
{
  static const char * const names[] = { "map.png", "map.svg", "map.pdf" };
  static const char * const magic[] = { "\x89PNG", "<?xml", "%PDF" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_auto(Run) r = { 0 };
      g_autofree char *path = tmp_path (names[i]);
      g_autofree char *data = NULL;
      gsize len;

      run_shuzhi (&r, "export", store_path, "--engagement", "Demo engagement", "--chart", "maturity-map",
                  "--output", path, NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      g_assert_cmpuint (len, >, 1000);
      g_assert_true (memcmp (data, magic[i], strlen (magic[i])) == 0);
    }
}

static void
test_size_and_lang (void)
{
  g_auto(Run) r = { 0 };
  g_autofree char *path = tmp_path ("small-en.png");
  cairo_surface_t *s;

  run_shuzhi (&r, "export", store_path, "--engagement", "Demo engagement", "--chart", "maturity-map",
              "--output", path, "--width", "1000", "--height", "600", "--dpi", "150", "--lang", "en",
              "--theme", "dark", NULL);
  g_assert_cmpint (r.status, ==, 0);
  s = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 1000);
  g_assert_cmpint (cairo_image_surface_get_height (s), ==, 600);
  cairo_surface_destroy (s);
}

/* The file the CLI writes is the file the window's Export writes: one drawing path. */
static void
test_same_as_window (void)
{
  g_auto(Run) r = { 0 };
  g_autofree char *cli = tmp_path ("cli.png");
  g_autofree char *win = tmp_path ("window.png");
  g_autofree char *a = NULL, *b = NULL;
  gsize la, lb;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  g_autoptr(ShzEngagement) e = NULL;
  g_autoptr(ShzChart) chart = NULL;
  ShzExportOptions options;

  run_shuzhi (&r, "export", store_path, "--engagement", "Demo engagement", "--chart", "maturity-map",
              "--output", cli, NULL);
  g_assert_cmpint (r.status, ==, 0);

  store = shz_store_open (store_path, SHZ_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  e = shz_store_find_engagement (store, "Demo engagement", &error);
  g_assert_no_error (error);
  chart = shz_chart_new ("maturity-map", &error);
  g_assert_true (shz_chart_load_settings_from_store (chart, store, e->id, &error));
  g_assert_true (shz_chart_load (chart, store, e->id, NULL, NULL, &error));
  g_assert_no_error (error);
  shz_export_options_init (&options, SHZ_EXPORT_PNG);
  g_assert_true (shz_chart_export (chart, &options, win, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (cli, &a, &la, NULL));
  g_assert_true (g_file_get_contents (win, &b, &lb, NULL));
  g_assert_cmpmem (a, la, b, lb);
}

static void
test_all (void)
{
  g_auto(Run) r = { 0 };
  g_autofree char *dir = tmp_path ("all");
  g_autofree char *map = g_build_filename (dir, "maturity-map.svg", NULL);

  run_shuzhi (&r, "export", store_path, "--engagement", "Demo engagement", "--chart", "all",
              "--output", dir, "--format", "svg", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (map, G_FILE_TEST_IS_REGULAR));
  /* every kind is either written under its id or named on stderr as skipped */
  for (const char * const *k = shz_chart_list_kinds (); *k; k++)
    {
      g_autofree char *name = g_strdup_printf ("%s.svg", *k);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        g_assert_nonnull (strstr (r.err, *k));
    }
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

/* --pseudonymise: the client's name is in the plain export and in none of the client-safe
 * ones (one chart, --chart all, the report's PDF text when pdftotext is there). */
static void
test_pseudonymise (void)
{
  g_autofree char *store = tmp_path ("client.shuzhi");
  g_autofree char *csv = tmp_path ("client-positions.csv");
  g_autofree char *plain = tmp_path ("client-plain.svg");
  g_autofree char *safe = tmp_path ("client-safe.svg");
  g_autofree char *dir = tmp_path ("client-all");
  g_autofree char *pdf = tmp_path ("client-report.pdf");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  g_assert_true (g_file_set_contents (csv, "entity,group,maturity,innovation,is_client\n"
                                           "Acme Noodles,零售消费与生活服务,62,48,1\n"
                                           "互联网,互联网,82,80,0\n金融,金融,70,60,0\n", -1, NULL));
  {
    g_auto(Run) r = { 0 };
    run_shuzhi (&r, "new", store, "--engagement", "Acme", "--client", "Acme Noodles", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Run) r = { 0 };
    run_shuzhi (&r, "import", store, csv, "--engagement", "Acme", "--kind", "positions", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Run) r = { 0 };
    run_shuzhi (&r, "export", store, "--engagement", "Acme", "--chart", "maturity-map", "--output", plain,
                "--lang", "en", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (file_contains (plain, "Acme Noodles"));
  }
  {
    g_auto(Run) r = { 0 };
    run_shuzhi (&r, "export", store, "--engagement", "Acme", "--chart", "maturity-map", "--output", safe,
                "--lang", "en", "--pseudonymise", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_false (file_contains (safe, "Acme Noodles"));
    g_assert_true (file_contains (safe, "Company A"));
  }
  {
    g_auto(Run) r = { 0 };
    guint n = 0;
    run_shuzhi (&r, "export", store, "--engagement", "Acme", "--chart", "all", "--output", dir,
                "--format", "svg", "--pseudonymise", NULL);
    g_assert_cmpint (r.status, ==, 0);
    for (const char * const *k = shz_chart_list_kinds (); *k; k++)
      {
        g_autofree char *name = g_strdup_printf ("%s.svg", *k);
        g_autofree char *path = g_build_filename (dir, name, NULL);
        if (g_file_test (path, G_FILE_TEST_EXISTS))
          {
            g_assert_false (file_contains (path, "Acme Noodles"));
            n++;
          }
      }
    g_assert_cmpuint (n, >=, 1);
  }
  {
    g_auto(Run) r = { 0 };
    run_shuzhi (&r, "export", store, "--engagement", "Acme", "--chart", "all", "--output", pdf,
                "--format", "report", "--lang", "en", "--pseudonymise", NULL);
    g_assert_cmpint (r.status, ==, 0);
    if (pdftotext != NULL)
      {
        const char *argv[] = { pdftotext, pdf, "-", NULL };
        g_autofree char *text = NULL;
        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                     &text, NULL, NULL, NULL));
        g_assert_nonnull (strstr (text, "Company A"));
        g_assert_null (strstr (text, "Acme Noodles"));
      }
  }
}

static void
test_errors (void)
{
  g_autofree char *out = tmp_path ("never.png");

  {
    g_auto(Run) r = { 0 };   /* no --chart: usage */
    run_shuzhi (&r, "export", store_path, "--engagement", "Demo engagement", "--output", out, NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(Run) r = { 0 };   /* unknown kind: usage, naming the kinds */
    run_shuzhi (&r, "export", store_path, "--engagement", "Demo engagement", "--chart", "pie",
                "--output", out, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "maturity-map"));
  }
  {
    g_auto(Run) r = { 0 };   /* format unknown from the name */
    g_autofree char *txt = tmp_path ("map.txt");
    run_shuzhi (&r, "export", store_path, "--engagement", "Demo engagement", "--chart", "maturity-map",
                "--output", txt, NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(Run) r = { 0 };   /* a format the name contradicts */
    run_shuzhi (&r, "export", store_path, "--engagement", "Demo engagement", "--chart", "maturity-map",
                "--output", out, "--format", "svg", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(Run) r = { 0 };   /* dpi out of range */
    run_shuzhi (&r, "export", store_path, "--engagement", "Demo engagement", "--chart", "maturity-map",
                "--output", out, "--dpi", "1200", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(Run) r = { 0 };   /* width without height */
    run_shuzhi (&r, "export", store_path, "--engagement", "Demo engagement", "--chart", "maturity-map",
                "--output", out, "--width", "800", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(Run) r = { 0 };   /* bad language */
    run_shuzhi (&r, "export", store_path, "--engagement", "Demo engagement", "--chart", "maturity-map",
                "--output", out, "--lang", "fr", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(Run) r = { 0 };   /* no such engagement: bad input */
    run_shuzhi (&r, "export", store_path, "--engagement", "nobody", "--chart", "maturity-map",
                "--output", out, NULL);
    g_assert_cmpint (r.status, ==, 1);
  }
  {
    g_auto(Run) r = { 0 };   /* no such dataset */
    run_shuzhi (&r, "export", store_path, "--engagement", "Demo engagement", "--chart", "maturity-map",
                "--output", out, "--dataset", "missing", NULL);
    g_assert_cmpint (r.status, ==, 1);
  }
  {
    g_auto(Run) r = { 0 };   /* no such period */
    run_shuzhi (&r, "export", store_path, "--engagement", "Demo engagement", "--chart", "maturity-map",
                "--output", out, "--period", "1999", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "1999"));
  }
  {
    g_auto(Run) r = { 0 };   /* a report is a PDF: not into a .png (reports: tests/workflow/test-report.c) */
    run_shuzhi (&r, "export", store_path, "--engagement", "Demo engagement", "--chart", "maturity-map",
                "--output", out, "--format", "report", NULL);
    g_assert_cmpint (r.status, ==, 1);
  }
  {
    g_auto(Run) r = { 0 };   /* not a store */
    g_autofree char *bogus = tmp_path ("bogus.shuzhi");
    g_assert_true (g_file_set_contents (bogus, "hello", -1, NULL));
    run_shuzhi (&r, "export", bogus, "--engagement", "x", "--chart", "maturity-map", "--output", out, NULL);
    g_assert_cmpint (r.status, ==, 1);
  }
  {
    g_auto(Run) r = { 0 };   /* an unwritable place */
    g_autofree char *deep = g_build_filename (tmpdir, "no", "such", "dir", "x.png", NULL);
    run_shuzhi (&r, "export", store_path, "--engagement", "Demo engagement", "--chart", "maturity-map",
                "--output", deep, NULL);
    g_assert_cmpint (r.status, ==, 1);
  }
  /* a kind not implemented in this build: a clear message and 1 */
  for (const char * const *k = shz_chart_list_kinds (); *k; k++)
    if (!shz_chart_kind_is_implemented (*k))
      {
        g_auto(Run) r = { 0 };
        run_shuzhi (&r, "export", store_path, "--engagement", "Demo engagement", "--chart", *k,
                    "--output", out, NULL);
        g_assert_cmpint (r.status, ==, 1);
        g_assert_nonnull (strstr (r.err, "not implemented"));
        break;
      }
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));   /* nothing written */
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("shz-test-export-XXXXXX", NULL);
  store_path = g_build_filename (tmpdir, "demo.shuzhi", NULL);
  {
    g_autoptr(ShzStore) store = shz_store_open (store_path, SHZ_STORE_OPEN_CREATE, &error);
    g_assert_no_error (error);
    g_assert_cmpint (shz_store_add_demo_engagement (store, &error), >, 0);
  }

  g_test_add_func ("/charts/cli-export/formats", test_formats);
  g_test_add_func ("/charts/cli-export/size-and-lang", test_size_and_lang);
  g_test_add_func ("/charts/cli-export/same-as-window", test_same_as_window);
  g_test_add_func ("/charts/cli-export/all", test_all);
  g_test_add_func ("/charts/cli-export/pseudonymise", test_pseudonymise);
  g_test_add_func ("/charts/cli-export/errors", test_errors);
  status = g_test_run ();

  rm_rf (tmpdir);
  return status;
}
