/* test-cli-compute.c — `shuzhi compute`: the table, the saved dataset, and the exit codes
 * (0 ok, 1 bad input with nothing written, 2 usage error).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "store/shz-store.h"

typedef struct {
  char *dir;
  char *store;
  char *exe;
} Fixture;

static const struct {
  const char *ent, *industry, *category;
  double spend;
} rows[] = {
  { "E1", "互联网", "IaaS", 300 }, { "E1", "互联网", "PaaS", 200 }, { "E1", "互联网", "SaaS", 400 },
  { "E1", "互联网", "数据中台", 50 }, { "E1", "互联网", "数据智能", 200 },
  { "E2", "互联网", "IaaS", 600 }, { "E2", "互联网", "PaaS", 50 }, { "E2", "互联网", "SaaS", 300 },
  { "E2", "互联网", "大数据计算", 300 }, { "E2", "互联网", "数据中台", 600 }, { "E2", "互联网", "数据智能", 600 },
  { "E3", "金融", "IaaS", 200 }, { "E3", "金融", "PaaS", 300 }, { "E3", "金融", "SaaS", 50 },
  { "E3", "金融", "大数据计算", 200 }, { "E3", "金融", "XPaaS", 100 }, { "E3", "金融", "数据智能", 200 },
  { "E4", "制造工业", "IaaS", 200 }, { "E4", "制造工业", "PaaS", 50 }, { "E4", "制造工业", "SaaS", 0 },
  { "E4", "制造工业", "大数据计算", 200 }, { "E4", "制造工业", "数据中台", -10 },
  { "E5", "制造工业", "IaaS", 600 }, { "E5", "制造工业", "PaaS", 50 },
};

static gint64
add_usage (ShzStore *store, gint64 engagement_id, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzDataset) d = shz_dataset_new ();
  g_autoptr(ShzRowInserter) ins = NULL;
  gint64 id;

  g_assert_true (shz_store_begin (store, &error));
  d->engagement_id = engagement_id;
  d->name = g_strdup (name);
  d->kind = SHZ_KIND_USAGE;
  d->rows = G_N_ELEMENTS (rows);
  id = shz_store_create_dataset (store, d, &error);
  g_assert_no_error (error);
  ins = shz_row_inserter_new (store, id, SHZ_KIND_USAGE, &error);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      ShzUsageRow row = { .row_no = i + 1, .enterprise_id = rows[i].ent, .industry = rows[i].industry,
                          .period = "2019", .category = rows[i].category, .spend = rows[i].spend };
      g_assert_true (shz_row_inserter_add_usage (ins, &row, &error));
    }
  g_clear_pointer (&ins, shz_row_inserter_free);
  g_assert_true (shz_store_commit (store, &error));
  return id;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  g_autoptr(ShzEngagement) e = shz_engagement_new ();
  const char *root = g_getenv ("SHZ_BUILD_ROOT");
  gint64 eid;

  f->exe = g_build_filename (root ? root : ".", "src", "shuzhi", NULL);
  f->dir = g_dir_make_tmp ("shz-cli-compute-XXXXXX", &error);
  f->store = g_build_filename (f->dir, "test.shuzhi", NULL);
  store = shz_store_open (f->store, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  e->name = g_strdup ("Client");
  eid = shz_store_create_engagement (store, e, &error);
  g_assert_no_error (error);
  add_usage (store, eid, "usage 2019");
  g_clear_pointer (&e->name, g_free);
  e->name = g_strdup ("Empty");
  shz_store_create_engagement (store, e, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->store);
  g_free (f->exe);
}

/* Runs shuzhi with @args (NULL-terminated, after the program); returns the exit status. */
static int
run (Fixture *f, char **out, char **err, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL, *e = NULL;
  const char *arg;
  int status;
  va_list ap;

  if (!g_file_test (f->exe, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("shuzhi is not built");
      return -1;
    }
  g_ptr_array_add (argv, f->exe);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &o, &e, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  if (out)
    *out = g_steal_pointer (&o);
  if (err)
    *err = g_steal_pointer (&e);
  return WEXITSTATUS (status);
}

static guint
count_datasets (Fixture *f, const char *engagement)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (f->store, SHZ_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(ShzEngagement) e = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_assert_no_error (error);
  e = shz_store_find_engagement (store, engagement, &error);
  g_assert_no_error (error);
  list = shz_store_list_datasets (store, e->id, &error);
  g_assert_no_error (error);
  return list->len;
}

static void
test_ok (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;
  int rc = run (f, &out, &err, "compute", f->store, "--engagement", "Client", NULL);

  if (rc < 0)
    return;
  g_assert_cmpint (rc, ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);   /* header, three groups, "" */
  g_assert_cmpstr (lines[0], ==, "group\tperiod\tn\tmaturity\tinnovation\tmaturity_lo\tmaturity_hi\t"
                                 "innovation_lo\tinnovation_hi\tflags");
  g_assert_true (g_str_has_prefix (lines[1], "互联网\t2019\t2\t62.50\t53.12\t"));
  g_assert_true (g_str_has_suffix (lines[1], "\tlow-sample"));
  g_assert_true (g_str_has_prefix (lines[2], "制造工业\t2019\t2\t12.50\t6.25\t"));
  g_assert_true (g_str_has_prefix (lines[3], "金融\t2019\t1\t50.00\t50.00\t50.00\t50.00\t50.00\t50.00\tlow-sample"));
  g_assert_nonnull (strstr (err, "usage 2019 positions"));
  g_assert_cmpuint (count_datasets (f, "Client"), ==, 2);

  /* again, naming the dataset and a method: a second, uniquely named result */
  {
    g_autofree char *method = g_build_filename (f->dir, "method.ini", NULL);
    g_autofree char *out2 = NULL, *err2 = NULL;

    g_assert_true (g_file_set_contents (method, "[method]\nmin-sample=2\n", -1, NULL));
    rc = run (f, &out2, &err2, "compute", f->store, "--engagement", "Client", "--dataset", "usage 2019",
              "--method", method, NULL);
    g_assert_cmpint (rc, ==, 0);
    g_assert_nonnull (strstr (err2, "usage 2019 positions (2)"));
    g_assert_nonnull (strstr (out2, "62.50\t53.12\t"));
    g_assert_null (strstr (strstr (out2, "互联网"), "low-sample\n制造"));
    g_assert_cmpuint (count_datasets (f, "Client"), ==, 3);
  }
}

static void
test_bad_input (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = g_build_filename (f->dir, "bad.ini", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.shuzhi", NULL);
  g_autofree char *notstore = g_build_filename (f->dir, "bad.ini", NULL);
  struct {
    const char *args[8];
    const char *message;
  } cases[] = {
    { { "compute", f->store, "--engagement", "Nobody", NULL }, "Nobody" },
    { { "compute", f->store, "--engagement", "Client", "--dataset", "nope", NULL }, "nope" },
    { { "compute", f->store, "--engagement", "Client", "--method", bad, NULL }, "bad.ini: [innovation] normalisation: expected" },
    { { "compute", f->store, "--engagement", "Client", "--method", missing, NULL }, "missing.shuzhi" },
    { { "compute", missing, "--engagement", "Client", NULL }, "missing.shuzhi" },
    { { "compute", notstore, "--engagement", "Client", NULL }, "bad.ini" },
    { { "compute", f->store, "--engagement", "Empty", NULL }, "no usage dataset" },
    { { "compute", f->store, "--engagement", "Client", "--dataset", "usage 2019 positions", NULL }, "not usage" },
  };

  g_assert_true (g_file_set_contents (bad, "[innovation]\nnormalisation=rank\n", -1, NULL));
  {
    /* a positions dataset to point --dataset at */
    g_autofree char *out = NULL;
    if (run (f, &out, NULL, "compute", f->store, "--engagement", "Client", NULL) < 0)
      return;
  }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      const char **a = cases[i].args;
      int rc = run (f, &out, &err, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], NULL);

      g_test_message ("case %u: %s", i, err);
      g_assert_cmpint (rc, ==, 1);
      g_assert_cmpstr (out, ==, "");
      if (strstr (err, cases[i].message) == NULL)
        g_error ("case %u: “%s” does not name “%s”", i, err, cases[i].message);
      g_assert_cmpuint (count_datasets (f, "Client"), ==, 2);
    }
}

/* A store open for writing elsewhere (a window): nothing computed, nothing written. */
static void
test_store_in_use (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) holder = shz_store_open (f->store, SHZ_STORE_OPEN_DEFAULT, &error);
  g_autofree char *out = NULL, *err = NULL;
  int rc;

  g_assert_no_error (error);
  g_assert_false (shz_store_is_read_only (holder));
  rc = run (f, &out, &err, "compute", f->store, "--engagement", "Client", NULL);
  if (rc < 0)
    return;
  g_assert_cmpint (rc, ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "test.shuzhi"));
  g_clear_pointer (&holder, shz_store_free);
  g_assert_cmpuint (count_datasets (f, "Client"), ==, 1);
}

static void
test_usage_errors (Fixture *f, gconstpointer data)
{
  struct {
    const char *args[8];
  } cases[] = {
    { { "compute", NULL } },
    { { "compute", f->store, NULL } },
    { { "compute", "--engagement", "Client", NULL } },
    { { "compute", f->store, f->store, "--engagement", "Client", NULL } },
    { { "compute", f->store, "--engagement", "Client", "--weights", "1", NULL } },
    { { "compute", f->store, "--engagement", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      const char **a = cases[i].args;
      int rc = run (f, &out, &err, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], NULL);

      if (rc < 0)
        return;
      g_test_message ("case %u: %s", i, err);
      g_assert_cmpint (rc, ==, 2);
      g_assert_nonnull (strstr (err, "compute"));
    }

  /* two usage datasets: which one is for the user to say */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ShzStore) store = shz_store_open (f->store, SHZ_STORE_OPEN_DEFAULT, &error);
    g_autoptr(ShzEngagement) e = shz_store_find_engagement (store, "Client", &error);
    g_autofree char *err = NULL;

    add_usage (store, e->id, "usage copy");
    g_clear_pointer (&store, shz_store_free);
    g_assert_cmpint (run (f, NULL, &err, "compute", f->store, "--engagement", "Client", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "--dataset"));
    g_assert_cmpuint (count_datasets (f, "Client"), ==, 2);
  }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/analysis/cli-compute/ok", Fixture, NULL, fixture_setup, test_ok, fixture_teardown);
  g_test_add ("/analysis/cli-compute/bad-input", Fixture, NULL, fixture_setup, test_bad_input, fixture_teardown);
  g_test_add ("/analysis/cli-compute/store-in-use", Fixture, NULL, fixture_setup, test_store_in_use, fixture_teardown);
  g_test_add ("/analysis/cli-compute/usage-errors", Fixture, NULL, fixture_setup, test_usage_errors, fixture_teardown);
  return g_test_run ();
}
