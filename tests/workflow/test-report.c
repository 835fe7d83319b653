/* test-report.c — the multi-page PDF report: a title page and one page for every chart kind
 * with data, CJK fonts embedded, in Chinese and English; from the API and from
 * `shuzhi export --format report`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "analysis/shz-demo.h"
#include "charts/shz-report.h"
#include "workflow-common.h"

typedef struct {
  char     *dir;
  char     *path;
  ShzStore *store;
  gint64    demo;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  f->dir = wf_make_dir ();
  f->path = g_build_filename (f->dir, "report.shuzhi", NULL);
  f->store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
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
  wf_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Kinds that load for the engagement: the pages the report must have after its title page. */
static guint
kinds_with_data (ShzStore *store,
                 gint64    engagement)
{
  const char * const *kinds = shz_chart_list_kinds ();
  guint n = 0;

  for (guint i = 0; kinds[i]; i++)
    {
      g_autoptr(ShzChart) chart = NULL;
      g_autoptr(GError) error = NULL;

      if (!shz_chart_kind_is_implemented (kinds[i]))
        continue;
      chart = shz_chart_new (kinds[i], &error);
      if (chart != NULL && shz_chart_load (chart, store, engagement, NULL, NULL, &error))
        n++;
    }
  return n;
}

/* Pages by pdfinfo when it is there, else by counting the page objects. */
static guint
count_pages (const char *pdf)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *out = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  guint n = 0;

  if (pdfinfo != NULL)
    {
      const char *argv[] = { pdfinfo, pdf, NULL };
      int status;
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                   &out, NULL, &status, NULL));
      if (status == 0)
        {
          const char *p = strstr (out, "\nPages:");
          g_assert_nonnull (p);
          return (guint) g_ascii_strtoull (p + 7 + strspn (p + 7, " "), NULL, 10);
        }
    }
  g_assert_true (g_file_get_contents (pdf, &contents, &len, NULL));
  for (gsize i = 0; i + 11 < len; i++)
    if (memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's')
      n++;
  return n;
}

static void
assert_cjk_embedded (const char *pdf)
{
  g_autofree char *pdffonts = g_find_program_in_path ("pdffonts");
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { pdffonts, pdf, NULL };
  gboolean cjk = FALSE;
  int status;

  if (pdffonts == NULL)
    {
      g_test_message ("pdffonts is missing: embedded fonts not checked");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, NULL));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 2; lines[i]; i++)
    {
      g_auto(GStrv) cols = NULL;
      guint n;

      if (*lines[i] == '\0')
        continue;
      cols = g_strsplit_set (lines[i], " ", -1);
      /* name type … emb sub uni object ID: every font embedded */
      n = 0;
      for (guint k = 0; cols[k]; k++)
        if (*cols[k])
          n++;
      g_assert_true (strstr (lines[i], " yes ") != NULL);
      if (strstr (lines[i], "CJK") != NULL)
        cjk = TRUE;
    }
  g_assert_true (cjk);
}

static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  const char *lang = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *part = g_strconcat (pdf, ".part", NULL);
  ShzReportOptions opts;
  guint n = 0, expected = kinds_with_data (f->store, f->demo);

  shz_report_options_init (&opts);
  g_assert_true (shz_chart_lang_from_string (lang, &opts.lang));
  opts.date = "2026-11-26";
  g_assert_true (shz_report_write (f->store, f->demo, &opts, pdf, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (expected, >=, 2);
  g_assert_cmpuint (n, ==, expected);
  g_assert_cmpuint (count_pages (pdf), ==, 1 + expected);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  assert_cjk_embedded (pdf);

  /* One kind only: a title page and that chart. */
  {
    const char *one[] = { "maturity-map", NULL };
    opts.kinds = one;
    g_assert_true (shz_report_write (f->store, f->demo, &opts, pdf, &n, &error));
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpuint (count_pages (pdf), ==, 2);
  }
}

static void
test_pseudonymised (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "safe.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autoptr(ShzEngagement) e = shz_store_get_engagement (f->store, f->demo, &error);
  ShzReportOptions opts;
  guint n = 0;

  shz_report_options_init (&opts);
  opts.lang = SHZ_CHART_LANG_EN;
  opts.pseudonymise = TRUE;
  g_assert_true (shz_report_write (f->store, f->demo, &opts, pdf, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, kinds_with_data (f->store, f->demo));
  if (pdftotext != NULL)
    {
      const char *argv[] = { pdftotext, pdf, "-", NULL };
      g_autofree char *text = NULL;
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                   &text, NULL, NULL, NULL));
      g_assert_nonnull (strstr (text, "Company A"));
      g_assert_null (strstr (text, e->client));
    }
}

static void
test_no_data (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "empty.pdf", NULL);
  gint64 empty = wf_add_engagement (f->store, "空", NULL);
  static const char *const only_map[] = { "maturity-map", NULL };
  ShzReportOptions opts;

  shz_report_options_init (&opts);
  /* Kinds that draw a framework without data of the client still have a page. */
  if (kinds_with_data (f->store, empty) > 0)
    {
      guint n = 0;
      g_assert_true (shz_report_write (f->store, empty, &opts, pdf, &n, &error));
      g_assert_cmpuint (n, ==, kinds_with_data (f->store, empty));
      g_assert_cmpuint (n, <, kinds_with_data (f->store, f->demo));
      g_unlink (pdf);
      /* A kind without data alone: nothing to write. */
      opts.kinds = only_map;
    }
  g_assert_false (shz_report_write (f->store, empty, &opts, pdf, NULL, &error));
  g_assert_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_NO_DATA);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzEngagement) e = shz_store_get_engagement (f->store, f->demo, &error);
  g_autofree char *shuzhi = g_build_filename (g_getenv ("SHZ_BUILD_ROOT") ? g_getenv ("SHZ_BUILD_ROOT") : ".",
                                              "src", "shuzhi", NULL);
  g_autofree char *out_dir = g_build_filename (f->dir, "out", NULL);
  g_autofree char *pdf = g_build_filename (out_dir, "report.pdf", NULL);
  g_autofree char *err = NULL;
  const char *argv[] = { shuzhi, "export", f->path, "--engagement", e->name, "--chart", "all",
                         "--output", out_dir, "--format", "report", "--lang", "en", NULL };
  int status;

  if (!g_file_test (shuzhi, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("the shuzhi binary is not built");
      return;
    }
  g_clear_pointer (&f->store, shz_store_free);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "report.pdf"));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  f->store = shz_store_open (f->path, SHZ_STORE_OPEN_READ_ONLY, &error);
  g_assert_cmpuint (count_pages (pdf), ==, 1 + kinds_with_data (f->store, f->demo));

  /* A bad language is a usage error (2), and nothing is written. */
  {
    const char *bad[] = { shuzhi, "export", f->path, "--engagement", e->name, "--chart", "all",
                          "--output", out_dir, "--format", "report", "--lang", "fr", NULL };
    g_autofree char *bad_err = NULL;
    g_assert_true (g_spawn_sync (NULL, (char **) bad, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                 NULL, &bad_err, &status, &error));
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 2);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/workflow/report/zh_CN", test_report, "zh_CN");
  ADD ("/workflow/report/en", test_report, "en");
  ADD ("/workflow/report/pseudonymised", test_pseudonymised, NULL);
  ADD ("/workflow/report/no-data", test_no_data, NULL);
  ADD ("/workflow/report/cli", test_cli, NULL);
#undef ADD

  return g_test_run ();
}
