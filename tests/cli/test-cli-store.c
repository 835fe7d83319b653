/* test-cli-store.c — `shuzhi new`, `list`, `rows`, `check`, `--version`: output and exit codes,
 * run as a user would run them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "store/shz-store.h"

static char *tmpdir;

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
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
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

  /* No display: the subcommands must not need one. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_set_cwd (launcher, tmpdir);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));  /* never a signal */
  r->status = g_subprocess_get_exit_status (proc);
}

static void
test_version (void)
{
  g_auto(Run) r = { 0 };

  run_shuzhi (&r, "--version", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "shuzhi " PACKAGE_VERSION "\n");
}

static void
test_new_and_list (void)
{
  g_auto(Run) a = { 0 }, b = { 0 }, c = { 0 }, d = { 0 }, e = { 0 };

  run_shuzhi (&a, "new", "cli.shuzhi", "--engagement", "客户甲", "--client", "甲公司\t旗舰", "--industry", "零售", NULL);
  g_assert_cmpint (a.status, ==, 0);
  run_shuzhi (&b, "new", "cli.shuzhi", "--engagement", "Client B", NULL);
  g_assert_cmpint (b.status, ==, 0);
  run_shuzhi (&c, "list", "cli.shuzhi", NULL);
  g_assert_cmpint (c.status, ==, 0);
  /* name, client, datasets, charts; sorted by name; tabs in values escaped. */
  g_assert_cmpstr (c.out, ==, "Client B\t\t0\t0\n客户甲\t甲公司\\t旗舰\t0\t0\n");

  /* The same name again: bad input, nothing written. */
  run_shuzhi (&d, "new", "cli.shuzhi", "--engagement", "客户甲", NULL);
  g_assert_cmpint (d.status, ==, 1);
  g_assert_nonnull (strstr (d.err, "already exists"));

  run_shuzhi (&e, "list", "cli.shuzhi", "--engagement", "客户甲", NULL);
  g_assert_cmpint (e.status, ==, 0);
  g_assert_cmpstr (e.out, ==, "");
}

static void
test_list_datasets_and_rows (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "demo.shuzhi", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (path, SHZ_STORE_OPEN_CREATE, &error);
  g_autoptr(ShzEngagement) e = NULL;
  g_auto(Run) a = { 0 }, b = { 0 }, c = { 0 }, d = { 0 };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (shz_store_add_demo_engagement (store, &error), >, 0);
  g_clear_pointer (&store, shz_store_free);
  store = shz_store_open (path, SHZ_STORE_OPEN_DEFAULT, &error);
  {
    g_autoptr(GPtrArray) list = shz_store_list_engagements (store, &error);
    e = shz_engagement_copy (g_ptr_array_index (list, 0));
  }

  run_shuzhi (&a, "list", "demo.shuzhi", "--engagement", e->name, NULL);
  g_assert_cmpint (a.status, ==, 0);
  lines = g_strsplit (a.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  fields = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 6);
  g_assert_cmpstr (fields[1], ==, "positions");
  g_assert_cmpstr (fields[2], ==, "6");
  g_assert_cmpstr (fields[3], ==, "0");

  run_shuzhi (&b, "rows", "demo.shuzhi", "--engagement", e->name, "--dataset", fields[0], "--limit", "2", NULL);
  g_assert_cmpint (b.status, ==, 0);
  g_assert_true (g_str_has_prefix (b.out, "row_no\tentity\tgroup\tperiod\tmaturity\tinnovation\t"));
  g_assert_nonnull (strstr (b.out, "\n1\t科技文教\t科技文教\t2019\t24\t20\t40\t0\t"));
  {
    g_auto(GStrv) rl = g_strsplit (b.out, "\n", -1);
    g_assert_cmpuint (g_strv_length (rl), ==, 4); /* header, 2 rows, trailing "" */
  }

  run_shuzhi (&c, "rows", "demo.shuzhi", "--engagement", e->name, "--dataset", "no such", NULL);
  g_assert_cmpint (c.status, ==, 1);
  g_assert_nonnull (strstr (c.err, "no such"));

  run_shuzhi (&d, "list", "demo.shuzhi", "--engagement", "nobody", NULL);
  g_assert_cmpint (d.status, ==, 1);
  g_assert_nonnull (strstr (d.err, "nobody"));
}

static void
test_check (void)
{
  g_autofree char *bad = g_build_filename (tmpdir, "bad.shuzhi", NULL);
  g_auto(Run) a = { 0 }, b = { 0 }, c = { 0 };

  run_shuzhi (&a, "new", "check.shuzhi", "--engagement", "X", NULL);
  run_shuzhi (&b, "check", "check.shuzhi", NULL);
  g_assert_cmpint (b.status, ==, 0);
  g_assert_nonnull (strstr (b.out, "integrity\tok\n"));
  g_assert_nonnull (strstr (b.out, "result\tok\n"));

  g_assert_true (g_file_set_contents (bad, "this is not a database, just text\n", -1, NULL));
  run_shuzhi (&c, "check", "bad.shuzhi", NULL);
  g_assert_cmpint (c.status, ==, 1);
  g_assert_nonnull (strstr (c.err, "bad.shuzhi"));
  g_assert_nonnull (strstr (c.err, "not a Shuzhi store"));
}

static void
test_refusals (void)
{
  g_autofree char *empty = g_build_filename (tmpdir, "empty.shuzhi", NULL);
  g_auto(Run) a = { 0 }, b = { 0 }, c = { 0 }, d = { 0 }, e = { 0 };

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  run_shuzhi (&a, "list", "empty.shuzhi", NULL);
  g_assert_cmpint (a.status, ==, 1);
  g_assert_nonnull (strstr (a.err, "empty"));
  /* `new` on a file that is not a store must not turn it into one. */
  run_shuzhi (&b, "new", "empty.shuzhi", "--engagement", "X", NULL);
  g_assert_cmpint (b.status, ==, 1);
  {
    g_autofree char *contents = NULL;
    gsize len = 1;
    g_assert_true (g_file_get_contents (empty, &contents, &len, NULL));
    g_assert_cmpuint (len, ==, 0);
  }
  run_shuzhi (&c, "list", "missing.shuzhi", NULL);
  g_assert_cmpint (c.status, ==, 1);
  g_assert_nonnull (strstr (c.err, "missing.shuzhi"));
}

static void
test_usage_errors (void)
{
  g_auto(Run) a = { 0 }, b = { 0 }, c = { 0 }, d = { 0 };

  run_shuzhi (&a, "list", NULL);
  g_assert_cmpint (a.status, ==, 2);
  g_assert_nonnull (strstr (a.err, "Usage: shuzhi list"));
  run_shuzhi (&b, "new", "x.shuzhi", NULL);
  g_assert_cmpint (b.status, ==, 2);
  g_assert_nonnull (strstr (b.err, "--engagement"));
  {
    g_autofree char *x = g_build_filename (tmpdir, "x.shuzhi", NULL);
    g_assert_false (g_file_test (x, G_FILE_TEST_EXISTS));
  }
  run_shuzhi (&c, "list", "cli.shuzhi", "--frobnicate", NULL);
  g_assert_cmpint (c.status, ==, 2);
  run_shuzhi (&d, "rows", "cli.shuzhi", "--engagement", "A", "--dataset", "B", "--limit", "many", NULL);
  g_assert_cmpint (d.status, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("shz-cli-XXXXXX", NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/new-and-list", test_new_and_list);
  g_test_add_func ("/cli/list-datasets-and-rows", test_list_datasets_and_rows);
  g_test_add_func ("/cli/check", test_check);
  g_test_add_func ("/cli/refusals", test_refusals);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);

  ret = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmpdir);
    (void) system (cmd);
  }
  return ret;
}
