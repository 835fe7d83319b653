/* test-share.c — exporting one engagement to its own store, merging the engagements of
 * another store (name clashes, provenance, all or nothing, undo), pseudonymised exports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "workflow-common.h"

typedef struct {
  char     *dir;
  char     *path;
  ShzStore *store;
  gint64    client;    /* an engagement with datasets, a computed one, chart settings */
  gint64    other;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzDataset) computed = shz_dataset_new ();
  g_autoptr(ShzRowInserter) ins = NULL;
  gint64 usage, pos;

  f->dir = wf_make_dir ();
  f->path = g_build_filename (f->dir, "mine.shuzhi", NULL);
  f->store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->client = wf_add_engagement (f->store, "Acme 2020", "Acme Foods");
  f->other = wf_add_engagement (f->store, "Secret other client", "Other Co");
  usage = wf_add_usage (f->store, f->client, "Acme Foods usage", 30, 0);
  wf_add_usage (f->store, f->other, "other usage", 5, 0);

  /* A computed positions dataset that came from the usage one, with the client on it. */
  g_assert_true (shz_store_begin (f->store, &error));
  computed->engagement_id = f->client;
  computed->name = g_strdup ("positions");
  computed->kind = SHZ_KIND_POSITIONS;
  computed->rows = 2;
  computed->source_dataset_id = usage;
  computed->method = g_strdup ("[method]\nweights=equal\n");
  pos = shz_store_create_dataset (f->store, computed, &error);
  ins = shz_row_inserter_new (f->store, pos, SHZ_KIND_POSITIONS, &error);
  {
    ShzPositionRow a = { .row_no = 1, .entity = "Acme Foods", .maturity = 50, .innovation = 40, .size = NAN,
                         .is_client = TRUE, .maturity_lo = NAN, .maturity_hi = NAN, .innovation_lo = NAN,
                         .innovation_hi = NAN };
    ShzPositionRow b = { .row_no = 2, .entity = "E0007", .maturity = 20, .innovation = 30, .size = NAN,
                         .maturity_lo = NAN, .maturity_hi = NAN, .innovation_lo = NAN, .innovation_hi = NAN };
    ShzPositionRow c = { .row_no = 3, .entity = "金融", .maturity = 60, .innovation = 55, .size = NAN,
                         .maturity_lo = NAN, .maturity_hi = NAN, .innovation_lo = NAN, .innovation_hi = NAN };
    g_assert_true (shz_row_inserter_add_position (ins, &a, &error));
    g_assert_true (shz_row_inserter_add_position (ins, &b, &error));
    /* a peer company, known only from an imported positions dataset, in its industry's group */
    ShzPositionRow d = { .row_no = 4, .entity = "Rival Snacks Ltd", .group = "零售消费与生活服务", .maturity = 45,
                         .innovation = 35, .size = NAN, .maturity_lo = NAN, .maturity_hi = NAN,
                         .innovation_lo = NAN, .innovation_hi = NAN };
    /* an industry row that names its own group */
    ShzPositionRow g = { .row_no = 5, .entity = "制造工业", .group = "制造工业", .maturity = 30, .innovation = 20,
                         .size = NAN, .maturity_lo = NAN, .maturity_hi = NAN, .innovation_lo = NAN,
                         .innovation_hi = NAN };
    g_assert_true (shz_row_inserter_add_position (ins, &c, &error));
    g_assert_true (shz_row_inserter_add_position (ins, &d, &error));
    g_assert_true (shz_row_inserter_add_position (ins, &g, &error));
  }
  g_clear_pointer (&ins, shz_row_inserter_free);
  g_assert_true (shz_store_set_dataset_counts (f->store, pos, 5, 0, &error));
  g_assert_true (shz_store_add_rejection (f->store, usage, 31, "金额", "not a number (Acme Foods row)", &error));
  g_assert_true (shz_store_commit (f->store, &error));
  g_assert_true (shz_store_set_chart_settings (f->store, f->client, "maturity-map", "[chart]\ntitle=Acme Foods\n", &error));
  /* Something in the trash that must not travel. */
  {
    gint64 gone = wf_add_usage (f->store, f->client, "deleted one", 3, 0);
    g_assert_true (shz_store_delete_dataset (f->store, gone, &error));
  }
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

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  for (gsize i = 0; i + strlen (needle) <= len; i++)
    if (memcmp (contents + i, needle, strlen (needle)) == 0)
      return TRUE;
  return FALSE;
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "acme.shuzhi", NULL);
  g_autoptr(ShzStore) out = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(ShzDataset) pos = NULL;
  g_autoptr(ShzDataset) usage = NULL;

  g_assert_true (shz_store_export_engagement (f->store, f->client, dest, &error));
  g_assert_no_error (error);
  out = shz_store_open (dest, SHZ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (shz_store_check (out, report, &error));
  list = shz_store_list_engagements (out, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((ShzEngagement *) g_ptr_array_index (list, 0))->name, ==, "Acme 2020");
  g_assert_cmpstr (((ShzEngagement *) g_ptr_array_index (list, 0))->client, ==, "Acme Foods");
  datasets = shz_store_list_datasets (out, ((ShzEngagement *) g_ptr_array_index (list, 0))->id, &error);
  g_assert_cmpuint (datasets->len, ==, 2);
  pos = shz_store_find_dataset (out, ((ShzEngagement *) g_ptr_array_index (list, 0))->id, "positions", &error);
  usage = shz_store_find_dataset (out, ((ShzEngagement *) g_ptr_array_index (list, 0))->id, "Acme Foods usage", &error);
  g_assert_no_error (error);
  g_assert_cmpint (pos->source_dataset_id, ==, usage->id);      /* lineage kept */
  g_assert_cmpstr (pos->method, ==, "[method]\nweights=equal\n");
  g_assert_cmpstr (usage->encoding, ==, "GB18030");              /* provenance kept */
  g_assert_cmpint (usage->rows, ==, 30);
  g_assert_cmpint (wf_count (out, "SELECT count(*) FROM usage_row"), ==, 30);
  g_assert_cmpint (wf_count (out, "SELECT count(*) FROM rejection"), ==, 1);
  g_assert_cmpint (wf_count (out, "SELECT count(*) FROM chart_settings"), ==, 1);
  /* No history, no other engagement, nothing from the trash. */
  g_assert_cmpint (wf_count (out, "SELECT count(*) FROM undo_step"), ==, 0);
  g_assert_cmpint (wf_count (out, "SELECT count(*) FROM dataset"), ==, 2);
  g_clear_pointer (&out, shz_store_free);
  g_assert_false (file_contains (dest, "Secret other client"));
  g_assert_false (file_contains (dest, "deleted one"));

  /* An engagement in the trash cannot be exported. */
  g_assert_true (shz_store_delete_engagement (f->store, f->other, &error));
  g_assert_false (shz_store_export_engagement (f->store, f->other, dest, &error));
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NO_SUCH);
}

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *theirs_path = g_build_filename (f->dir, "colleague.shuzhi", NULL);
  g_autofree char *before = NULL, *sum = NULL, *after = NULL;
  g_autoptr(ShzStore) theirs = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(ShzEngagement) merged = NULL;
  g_autoptr(GString) report = g_string_new (NULL);

  /* A colleague's store: "Acme 2020" too (a clash), and a new one. */
  g_assert_true (shz_store_export_engagement (f->store, f->client, theirs_path, &error));
  theirs = shz_store_open (theirs_path, SHZ_STORE_OPEN_DEFAULT, &error);
  wf_add_engagement (theirs, "Beta Retail", "Beta");
  g_clear_pointer (&theirs, shz_store_free);
  sum = wf_file_checksum (theirs_path);

  /* Our own "Acme 2020 (2)" exists already: the merged one becomes "(3)". */
  g_assert_cmpint (shz_store_duplicate_engagement (f->store, f->client, "Acme 2020 (2)", &error), >, 0);
  before = wf_digest (f->store);

  ids = shz_store_import_engagements (f->store, theirs_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  merged = shz_store_find_engagement (f->store, "Acme 2020 (3)", &error);
  g_assert_no_error (error);
  g_assert_cmpint (merged->n_datasets, ==, 2);
  g_assert_cmpint (merged->n_charts, ==, 1);
  g_assert_nonnull (strstr (merged->origin, "colleague.shuzhi"));
  g_assert_nonnull (strstr (merged->origin, "Acme 2020"));
  {
    g_autoptr(ShzDataset) u = shz_store_find_dataset (f->store, merged->id, "Acme Foods usage", &error);
    g_autoptr(ShzDataset) p = shz_store_find_dataset (f->store, merged->id, "positions", &error);
    g_assert_cmpstr (u->source_sha256, ==, "0123456789abcdef");
    g_assert_cmpint (p->source_dataset_id, ==, u->id);
  }
  g_clear_pointer (&merged, shz_engagement_free);
  merged = shz_store_find_engagement (f->store, "Beta Retail", &error);
  g_assert_no_error (error);
  g_assert_true (shz_store_check (f->store, report, &error));
  after = wf_file_checksum (theirs_path);
  g_assert_cmpstr (sum, ==, after);
  g_clear_pointer (&after, g_free);

  /* One step: one undo takes the whole merge back. */
  {
    g_autofree char *label = shz_store_get_undo_label (f->store);
    g_assert_cmpstr (label, ==, "Import engagements from “colleague.shuzhi”");
  }
  g_assert_true (shz_store_undo (f->store, &error));
  after = wf_digest (f->store);
  {
    /* The same, but for the history's last line (now undone). */
    g_autofree char *b = g_strndup (before, strlen (before));
    g_assert_true (g_str_has_prefix (after, b) || strstr (after, "Acme 2020 (3)") == NULL);
  }
  g_assert_null (shz_store_find_engagement (f->store, "Beta Retail", &error));
  g_clear_error (&error);

  /* Asking for names it does not hold: nothing is merged. */
  {
    const char *names[] = { "Beta Retail", "Nobody", NULL };
    g_autoptr(GArray) none = shz_store_import_engagements (f->store, theirs_path, names, &error);
    g_assert_null (none);
    g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NO_SUCH);
    g_clear_error (&error);
    g_assert_null (shz_store_find_engagement (f->store, "Beta Retail", &error));
    g_clear_error (&error);
  }
  /* Only some of them. */
  {
    const char *names[] = { "Beta Retail", NULL };
    g_autoptr(GArray) one = shz_store_import_engagements (f->store, theirs_path, names, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (one->len, ==, 1);
  }
}

static void
test_merge_refuses (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = g_build_filename (f->dir, "bad.shuzhi", NULL);
  g_autofree char *before = wf_digest (f->store);
  g_autofree char *after = NULL;
  sqlite3 *db = NULL;

  /* A damaged or altered store merges nothing. */
  g_assert_true (shz_store_export_engagement (f->store, f->client, bad, &error));
  g_assert_cmpint (sqlite3_open (bad, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE VIEW v AS SELECT 1", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_null (shz_store_import_engagements (f->store, bad, NULL, &error));
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_DAMAGED);
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (bad, "not a store", -1, NULL));
  g_assert_null (shz_store_import_engagements (f->store, bad, NULL, &error));
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NOT_SQLITE);
  after = wf_digest (f->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_pseudonyms (void)
{
  g_autoptr(ShzPseudonyms) zh = shz_pseudonyms_new ("zh_CN");
  g_autoptr(ShzPseudonyms) en = shz_pseudonyms_new ("en");

  g_assert_cmpstr (shz_pseudonyms_get (zh, "Acme"), ==, "企业 A");
  g_assert_cmpstr (shz_pseudonyms_get (zh, "Beta"), ==, "企业 B");
  g_assert_cmpstr (shz_pseudonyms_get (zh, "Acme"), ==, "企业 A");
  g_assert_cmpstr (shz_pseudonyms_get (en, "Beta"), ==, "Company A");
  for (guint i = 0; i < 26; i++)
    {
      g_autofree char *n = g_strdup_printf ("n%u", i);
      shz_pseudonyms_get (en, n);
    }
  g_assert_cmpstr (shz_pseudonyms_get (en, "n24"), ==, "Company Z");
  g_assert_cmpstr (shz_pseudonyms_get (en, "n25"), ==, "Company AA");
}

static void
test_pseudonymised_export (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "safe.shuzhi", NULL);
  g_autoptr(ShzStore) out = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree char *before = wf_digest (f->store);
  g_autofree char *after = NULL;
  ShzEngagement *e;

  g_assert_true (shz_store_export_engagement_pseudonymised (f->store, f->client, dest, "zh_CN", &error));
  g_assert_no_error (error);
  /* The store itself is unchanged. */
  after = wf_digest (f->store);
  g_assert_cmpstr (before, ==, after);

  out = shz_store_open (dest, SHZ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (shz_store_check (out, report, &error));
  list = shz_store_list_engagements (out, &error);
  e = g_ptr_array_index (list, 0);
  g_assert_cmpstr (e->client, ==, "企业 A");
  g_assert_cmpstr (e->name, ==, "Acme 2020");           /* "Acme" alone is not the client's name */
  g_assert_cmpstr (e->notes, ==, "企业 A");
  /* Enterprises: consistent, ids and names alike; industries stay. */
  g_assert_cmpint (wf_count (out, "SELECT count(*) FROM usage_row WHERE enterprise_id NOT LIKE '企业 %'"), ==, 0);
  g_assert_cmpint (wf_count (out, "SELECT count(*) FROM usage_row WHERE enterprise_name != enterprise_id"), ==, 0);
  g_assert_cmpint (wf_count (out, "SELECT count(DISTINCT enterprise_id) FROM usage_row"), ==, 30);
  g_assert_cmpint (wf_count (out, "SELECT count(*) FROM position_row WHERE entity = '企业 A' AND is_client"), ==, 1);
  g_assert_cmpint (wf_count (out, "SELECT count(*) FROM position_row WHERE entity = '金融'"), ==, 1);
  /* a peer company of a positions dataset gets a pseudonym; its group and industry rows stay */
  g_assert_cmpint (wf_count (out, "SELECT count(*) FROM position_row WHERE entity LIKE '企业 %' AND grp = '零售消费与生活服务'"),
                   ==, 1);
  g_assert_cmpint (wf_count (out, "SELECT count(*) FROM position_row WHERE entity = '制造工业' AND grp = '制造工业'"), ==, 1);
  g_assert_cmpint (wf_count (out, "SELECT count(*) FROM position_row p JOIN usage_row u ON u.enterprise_id = p.entity"),
                   >, 0);
  g_assert_cmpint (wf_count (out, "SELECT count(*) FROM undo_step"), ==, 0);
  g_clear_pointer (&out, shz_store_free);

  /* Not a byte of the real names is left in the file (free pages included). */
  g_assert_false (file_contains (dest, "Acme Foods"));
  g_assert_false (file_contains (dest, "E0007"));
  g_assert_false (file_contains (dest, "企业名称 7"));
  g_assert_false (file_contains (dest, "Other Co"));
  g_assert_false (file_contains (dest, "Rival Snacks"));

  /* English pseudonyms. */
  g_assert_true (shz_store_export_engagement_pseudonymised (f->store, f->client, dest, "en", &error));
  out = shz_store_open (dest, SHZ_STORE_OPEN_DEFAULT, &error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = shz_store_list_engagements (out, &error);
  g_assert_cmpstr (((ShzEngagement *) g_ptr_array_index (list, 0))->client, ==, "Company A");
}

static void
test_pseudonymised_copy (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) copy = NULL;
  g_autoptr(ShzEngagement) e = NULL;
  g_autofree char *dir = NULL;
  gint64 id = 0;

  copy = shz_store_open_pseudonymised_copy (f->store, f->client, "en", &id, &error);
  g_assert_no_error (error);
  e = shz_store_get_engagement (copy, id, &error);
  g_assert_cmpstr (e->client, ==, "Company A");
  dir = g_path_get_dirname (shz_store_get_path (copy));
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  g_clear_pointer (&copy, shz_store_free);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/workflow/share/export", test_export);
  ADD ("/workflow/share/merge", test_merge);
  ADD ("/workflow/share/merge-refuses", test_merge_refuses);
  ADD ("/workflow/share/pseudonymised-export", test_pseudonymised_export);
  ADD ("/workflow/share/pseudonymised-copy", test_pseudonymised_copy);
  g_test_add_func ("/workflow/share/pseudonyms", test_pseudonyms);
#undef ADD

  return g_test_run ();
}
