/* test-assessment-store.c — row edits of scores and links datasets: each is one undo step that
 * undo and redo reverse exactly, the row counts stay right, failures change nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "store/shz-assessment-store.h"

typedef struct {
  char     *dir;
  char     *path;
  ShzStore *store;
  gint64    engagement;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzEngagement) e = shz_engagement_new ();

  f->dir = g_dir_make_tmp ("shz-assessment-store-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "a.shuzhi", NULL);
  f->store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  e->name = g_strdup ("Acme");
  f->engagement = shz_store_create_engagement (f->store, e, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->engagement, >, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_pointer (&f->store, shz_store_free);
  d = g_dir_open (f->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* The live dataset called @name. */
static ShzDataset *
live (Fixture    *f,
      const char *name)
{
  g_autoptr(GError) error = NULL;
  ShzDataset *d = shz_store_find_dataset (f->store, f->engagement, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (d);
  return d;
}

static double
score_of (Fixture *f,
          gint64   dataset_id,
          gint64   row_no)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  double v = NAN;

  g_assert_cmpint (sqlite3_prepare_v2 (shz_store_get_db (f->store),
                                       "SELECT score FROM score_row WHERE dataset_id = ?1 AND row_no = ?2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, dataset_id);
  sqlite3_bind_int64 (stmt, 2, row_no);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static char *
note_of (Fixture *f,
         gint64   dataset_id,
         gint64   row_no)
{
  sqlite3_stmt *stmt = NULL;
  char *note = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (shz_store_get_db (f->store),
                                       "SELECT note FROM score_row WHERE dataset_id = ?1 AND row_no = ?2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, dataset_id);
  sqlite3_bind_int64 (stmt, 2, row_no);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    note = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return note;
}

/* The rows of a dataset as "row_no:…" lines, to compare whole contents. */
static gboolean
append_row_cb (const char * const *values,
               guint               n_values,
               gpointer            user_data)
{
  GString *s = user_data;

  for (guint i = 0; i < n_values; i++)
    g_string_append_printf (s, "%s%s", i ? "|" : "", values[i] ? values[i] : "∅");
  g_string_append_c (s, '\n');
  return TRUE;
}

static char *
contents (Fixture *f,
          gint64   dataset_id)
{
  g_autoptr(GError) error = NULL;
  GString *s = g_string_new (NULL);

  g_assert_true (shz_store_foreach_row (f->store, dataset_id, -1, append_row_cb, s, &error));
  g_assert_no_error (error);
  return g_string_free (s, FALSE);
}

static void
assert_sound (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) report = g_string_new (NULL);

  if (!shz_store_check (f->store, report, &error))
    g_error ("store check failed: %s\n%s", error ? error->message : "", report->str);
}

static guint
n_datasets (Fixture *f)
{
  g_autoptr(GPtrArray) list = shz_store_list_datasets (f->store, f->engagement, NULL);
  return list->len;
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzDataset) scores = NULL, scores2 = NULL, links = NULL;
  gint64 s, s2, l;

  g_assert_true (shz_store_begin_step (f->store, "Start an assessment", &error));
  s = shz_store_create_assessment_dataset (f->store, f->engagement, SHZ_KIND_SCORES, "Assessment scores", &error);
  g_assert_no_error (error);
  l = shz_store_create_assessment_dataset (f->store, f->engagement, SHZ_KIND_LINKS, "Value-network links", &error);
  g_assert_no_error (error);
  g_assert_true (shz_store_end_step (f->store, &error));
  g_assert_cmpint (s, >, 0);
  g_assert_cmpint (l, >, 0);

  scores = shz_store_get_dataset (f->store, s, &error);
  g_assert_cmpint (scores->kind, ==, SHZ_KIND_SCORES);
  g_assert_cmpint (scores->rows, ==, 0);
  g_assert_false (scores->illustrative);
  g_assert_null (scores->source_name);
  g_assert_nonnull (scores->note);
  links = shz_store_get_dataset (f->store, l, &error);
  g_assert_cmpint (links->kind, ==, SHZ_KIND_LINKS);

  /* A taken name gets a number; other kinds are refused. */
  s2 = shz_store_create_assessment_dataset (f->store, f->engagement, SHZ_KIND_SCORES, "Assessment scores", &error);
  g_assert_no_error (error);
  scores2 = shz_store_get_dataset (f->store, s2, &error);
  g_assert_cmpstr (scores2->name, ==, "Assessment scores (2)");
  g_assert_cmpint (shz_store_create_assessment_dataset (f->store, f->engagement, SHZ_KIND_USAGE, "u", &error), ==, 0);
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (shz_store_create_assessment_dataset (f->store, 9999, SHZ_KIND_LINKS, "x", &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Undo the second one, then the grouped step removes both at once. */
  g_assert_true (shz_store_undo (f->store, &error));
  g_assert_cmpuint (n_datasets (f), ==, 2);
  {
    g_autofree char *label = shz_store_get_undo_label (f->store);
    g_assert_cmpstr (label, ==, "Start an assessment");
  }
  g_assert_true (shz_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_datasets (f), ==, 0);
  assert_sound (f);
}

static void
test_score_edit_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShzScoreRow row = { 0, "value-chain", "brand", 2.5, "as-is", "first" };
  gint64 s0, s1, s2, s3, row_no = 0, row2 = 0;

  s0 = shz_store_create_assessment_dataset (f->store, f->engagement, SHZ_KIND_SCORES, "Scores", &error);
  g_assert_no_error (error);

  /* Append: a new row number; the dataset keeps its name and counts its rows. */
  s1 = shz_store_set_score_row (f->store, s0, &row, "Set score of Brand (as-is)", &row_no, &error);
  g_assert_no_error (error);
  g_assert_cmpint (s1, >, 0);
  g_assert_cmpint (s1, !=, s0);
  g_assert_cmpint (row_no, ==, 1);
  row.state = "to-be";
  row.score = 4;
  s2 = shz_store_set_score_row (f->store, s1, &row, "Set score of Brand (to-be)", &row2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (row2, ==, 2);
  {
    g_autoptr(ShzDataset) d = live (f, "Scores");
    g_assert_cmpint (d->id, ==, s2);
    g_assert_cmpint (d->rows, ==, 2);
    g_assert_false (d->illustrative);
  }
  g_assert_cmpuint (n_datasets (f), ==, 1);
  assert_sound (f);

  /* Update row 1 in place. */
  row.row_no = 1;
  row.state = "as-is";
  row.score = 3.5;
  row.note = "second";
  s3 = shz_store_set_score_row (f->store, s2, &row, "Change score of 品牌 (as-is)", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (score_of (f, s3, 1), ==, 3.5);
  g_assert_cmpfloat (score_of (f, s3, 2), ==, 4);
  {
    g_autofree char *note = note_of (f, s3, 1);
    g_assert_cmpstr (note, ==, "second");
  }

  /* One undo step, labelled by the caller, restores the score … */
  {
    g_autofree char *label = shz_store_get_undo_label (f->store);
    g_assert_cmpstr (label, ==, "Change score of 品牌 (as-is)");
  }
  g_assert_true (shz_store_undo (f->store, &error));
  g_assert_no_error (error);
  {
    g_autoptr(ShzDataset) d = live (f, "Scores");
    g_assert_cmpint (d->id, ==, s2);
    g_assert_cmpint (d->rows, ==, 2);
    g_assert_cmpfloat (score_of (f, d->id, 1), ==, 2.5);
  }
  g_assert_cmpuint (n_datasets (f), ==, 1);
  assert_sound (f);
  /* … redo brings the edit back … */
  g_assert_true (shz_store_redo (f->store, &error));
  {
    g_autoptr(ShzDataset) d = live (f, "Scores");
    g_assert_cmpint (d->id, ==, s3);
    g_assert_cmpfloat (score_of (f, d->id, 1), ==, 3.5);
  }
  /* … and the appends undo one by one, down to the empty dataset. */
  g_assert_true (shz_store_undo (f->store, &error));
  g_assert_true (shz_store_undo (f->store, &error));
  g_assert_true (shz_store_undo (f->store, &error));
  {
    g_autoptr(ShzDataset) d = live (f, "Scores");
    g_assert_cmpint (d->id, ==, s0);
    g_assert_cmpint (d->rows, ==, 0);
  }
  assert_sound (f);

  /* Undo survives reopening; purging the trash at close keeps what redo needs. */
  g_clear_pointer (&f->store, shz_store_free);
  f->store = shz_store_open (f->path, SHZ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (shz_store_redo (f->store, &error));
  g_assert_true (shz_store_redo (f->store, &error));
  g_assert_true (shz_store_redo (f->store, &error));
  g_assert_no_error (error);
  {
    g_autoptr(ShzDataset) d = live (f, "Scores");
    g_assert_cmpfloat (score_of (f, d->id, 1), ==, 3.5);
    g_assert_cmpfloat (score_of (f, d->id, 2), ==, 4);
  }
  assert_sound (f);
}

static void
test_copy_keeps_provenance (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzDataset) fields = shz_dataset_new ();
  g_autoptr(ShzRowInserter) ins = NULL;
  g_autofree char *before = NULL, *after = NULL;
  ShzScoreRow rows[] = {
    { 7, "价值链", "品牌", 1, "as-is", NULL },
    { 9, "value-network", "consumer-data", 2, "to-be", "n" },
    { 12, "rhc-chains", "payment", 3, "as-is", NULL },
  };
  ShzScoreRow change = { 9, "value-network", "consumer-data", 5, "to-be", "n" };
  gint64 id, copy;

  fields->engagement_id = f->engagement;
  fields->name = g_strdup ("Imported scores");
  fields->kind = SHZ_KIND_SCORES;
  fields->rows = 3;
  fields->rejected = 2;
  fields->source_name = g_strdup ("scores.csv");
  fields->source_size = 123;
  fields->encoding = g_strdup ("GB18030");
  fields->mapping = g_strdup ("a=framework");
  fields->imported = g_strdup ("2020-01-02T03:04:05Z");
  fields->note = g_strdup ("Illustrative: invented");
  fields->illustrative = TRUE;
  g_assert_true (shz_store_begin (f->store, &error));
  id = shz_store_create_dataset (f->store, fields, &error);
  ins = shz_row_inserter_new (f->store, id, SHZ_KIND_SCORES, &error);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_assert_true (shz_row_inserter_add_score (ins, &rows[i], &error));
  g_clear_pointer (&ins, shz_row_inserter_free);
  g_assert_true (shz_store_commit (f->store, &error));
  g_assert_no_error (error);
  before = contents (f, id);

  copy = shz_store_set_score_row (f->store, id, &change, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(ShzDataset) d = live (f, "Imported scores");
    g_assert_cmpint (d->id, ==, copy);
    g_assert_cmpint (d->rows, ==, 3);
    g_assert_cmpint (d->rejected, ==, 2);
    g_assert_cmpstr (d->source_name, ==, "scores.csv");
    g_assert_cmpint (d->source_size, ==, 123);
    g_assert_cmpstr (d->encoding, ==, "GB18030");
    g_assert_cmpstr (d->mapping, ==, "a=framework");
    g_assert_cmpstr (d->imported, ==, "2020-01-02T03:04:05Z");
    g_assert_cmpstr (d->note, ==, "Illustrative: invented");
    g_assert_true (d->illustrative);
  }
  /* Same rows, same numbers, same order (labels as imported); only the one score differs. */
  after = contents (f, copy);
  {
    g_auto(GStrv) a = g_strsplit (before, "\n", -1);
    g_auto(GStrv) b = g_strsplit (after, "\n", -1);
    g_assert_cmpuint (g_strv_length (a), ==, g_strv_length (b));
    for (guint i = 0; a[i] != NULL; i++)
      if (i != 2)
        g_assert_cmpstr (a[i], ==, b[i]);
      else
        g_assert_cmpstr (a[i], !=, b[i]);
  }
  g_assert_cmpfloat (score_of (f, copy, 9), ==, 5);
  assert_sound (f);
}

static void
test_notes (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShzScoreRow a = { 0, "value-chain", "retail", 1, "as-is", NULL };
  ShzScoreRow b = { 0, "value-chain", "retail", 3, "to-be", NULL };
  gint64 id, rows[2];

  id = shz_store_create_assessment_dataset (f->store, f->engagement, SHZ_KIND_SCORES, "S", &error);
  id = shz_store_set_score_row (f->store, id, &a, NULL, &rows[0], &error);
  id = shz_store_set_score_row (f->store, id, &b, NULL, &rows[1], &error);
  g_assert_no_error (error);
  id = shz_store_set_score_notes (f->store, id, rows, 2, "门店数字化试点", "Change the note of 零售", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *note = note_of (f, id, rows[i]);
      g_assert_cmpstr (note, ==, "门店数字化试点");
    }
  id = shz_store_set_score_notes (f->store, id, rows, 2, "", NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *note = note_of (f, id, rows[0]);
    g_assert_null (note);
  }
  g_assert_true (shz_store_undo (f->store, &error));
  {
    g_autoptr(ShzDataset) d = live (f, "S");
    g_autofree char *note = note_of (f, d->id, rows[1]);
    g_assert_cmpstr (note, ==, "门店数字化试点");
  }
  assert_sound (f);
}

static void
test_links (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShzLinkRow l1 = { 0, "brand", "consumer", 2, "interaction", "to-be" };
  ShzLinkRow l2 = { 0, "retail", "consumer", 1, "transaction", "as-is" };
  gint64 id, r1 = 0, r2 = 0, before_remove;

  id = shz_store_create_assessment_dataset (f->store, f->engagement, SHZ_KIND_LINKS, "L", &error);
  id = shz_store_set_link_row (f->store, id, &l1, "Add a link", &r1, &error);
  g_assert_no_error (error);
  id = shz_store_set_link_row (f->store, id, &l2, "Add a link", &r2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (r1, ==, 1);
  g_assert_cmpint (r2, ==, 2);

  /* Change the kind and the weight of the second. */
  l2.row_no = r2;
  l2.type = "experience";
  l2.weight = 3.5;
  id = shz_store_set_link_row (f->store, id, &l2, "Change a link", NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *text = contents (f, id);
    g_assert_nonnull (strstr (text, "2|retail|consumer|3.5|experience|as-is"));
    g_assert_nonnull (strstr (text, "1|brand|consumer|2|interaction|to-be"));
  }

  /* Remove the first: one row left, counted; undo brings it back. */
  before_remove = id;
  id = shz_store_delete_assessment_row (f->store, id, r1, "Remove a link", &error);
  g_assert_no_error (error);
  {
    g_autoptr(ShzDataset) d = live (f, "L");
    g_autofree char *text = contents (f, id);
    g_assert_cmpint (d->rows, ==, 1);
    g_assert_null (strstr (text, "brand"));
  }
  assert_sound (f);
  g_assert_true (shz_store_undo (f->store, &error));
  {
    g_autoptr(ShzDataset) d = live (f, "L");
    g_assert_cmpint (d->id, ==, before_remove);
    g_assert_cmpint (d->rows, ==, 2);
  }
  assert_sound (f);

  /* New rows after a removal never reuse a number still present. */
  g_assert_true (shz_store_redo (f->store, &error));
  l1.row_no = 0;
  id = shz_store_set_link_row (f->store, id, &l1, NULL, &r1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (r1, ==, 3);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShzScoreRow bad_score = { 0, "value-chain", "brand", 5.5, "as-is", NULL };
  ShzScoreRow bad_state = { 0, "value-chain", "brand", 1, "someday", NULL };
  ShzScoreRow missing = { 42, "value-chain", "brand", 1, "as-is", NULL };
  ShzLinkRow bad_weight = { 0, "brand", "consumer", -1, "interaction", "to-be" };
  ShzLinkRow empty_source = { 0, "", "consumer", 1, "interaction", "to-be" };
  g_autoptr(GPtrArray) history_before = NULL, history_after = NULL;
  gint64 scores, links;

  scores = shz_store_create_assessment_dataset (f->store, f->engagement, SHZ_KIND_SCORES, "S", &error);
  links = shz_store_create_assessment_dataset (f->store, f->engagement, SHZ_KIND_LINKS, "L", &error);
  g_assert_no_error (error);
  history_before = shz_store_list_history (f->store, &error);

  g_assert_cmpint (shz_store_set_score_row (f->store, scores, &bad_score, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (shz_store_set_score_row (f->store, scores, &bad_state, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* A row that is not there: rolled back, the dataset is still the same one. */
  g_assert_cmpint (shz_store_set_score_row (f->store, scores, &missing, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NO_SUCH);
  g_clear_error (&error);
  g_assert_cmpint (shz_store_delete_assessment_row (f->store, links, 1, NULL, &error), ==, 0);
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NO_SUCH);
  g_clear_error (&error);
  /* The wrong kind of dataset. */
  g_assert_cmpint (shz_store_set_score_row (f->store, links, &bad_state, NULL, NULL, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  bad_state.state = "to-be";
  g_assert_cmpint (shz_store_set_score_row (f->store, links, &bad_state, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (shz_store_set_link_row (f->store, links, &bad_weight, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (shz_store_set_link_row (f->store, links, &empty_source, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (shz_store_set_link_row (f->store, 4242, &bad_weight, NULL, NULL, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  {
    g_autoptr(ShzDataset) s = live (f, "S");
    g_autoptr(ShzDataset) l = live (f, "L");
    g_assert_cmpint (s->id, ==, scores);
    g_assert_cmpint (l->id, ==, links);
  }
  g_assert_cmpuint (n_datasets (f), ==, 2);
  history_after = shz_store_list_history (f->store, &error);
  g_assert_cmpuint (history_after->len, ==, history_before->len);
  assert_sound (f);
}

static guint
n_history (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = shz_store_list_history (f->store, &error);

  g_assert_no_error (error);
  return history->len;
}

/* The first score and the first link of an engagement, as the editor and the inspector make
 * them: the dataset is created and the row written inside the caller's step — one step of the
 * history, named after the edit, that one undo removes whole and one redo brings back. */
static void
test_first_edit_one_step (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShzScoreRow row = { 0, "value-chain", "brand", 3, "to-be", NULL };
  ShzLinkRow link = { 0, "product", "consumer", 2, "transaction", "to-be" };
  guint before = n_history (f);
  gint64 s0, s1, l0, l1, row_no = 0, link_no = 0;

  g_assert_true (shz_store_begin_step (f->store, "Change score of Brand (to-be)", &error));
  s0 = shz_store_create_assessment_dataset (f->store, f->engagement, SHZ_KIND_SCORES, "Assessment scores", &error);
  g_assert_no_error (error);
  g_assert_cmpint (s0, >, 0);
  s1 = shz_store_set_score_row (f->store, s0, &row, "ignored inside the caller's step", &row_no, &error);
  g_assert_no_error (error);
  g_assert_cmpint (s1, >, 0);
  g_assert_true (shz_store_end_step (f->store, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (n_history (f), ==, before + 1);
  {
    g_autofree char *label = shz_store_get_undo_label (f->store);
    g_autoptr(ShzDataset) d = live (f, "Assessment scores");
    g_assert_cmpstr (label, ==, "Change score of Brand (to-be)");
    g_assert_cmpint (d->id, ==, s1);
    g_assert_cmpint (d->rows, ==, 1);
  }
  g_assert_cmpuint (n_datasets (f), ==, 1);
  g_assert_cmpint (row_no, ==, 1);
  g_assert_cmpfloat (score_of (f, s1, row_no), ==, 3);

  /* One undo: no dataset, no score, the history as before the edit (its step is redo). */
  g_assert_true (shz_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_datasets (f), ==, 0);
  {
    g_autofree char *redo = shz_store_get_redo_label (f->store);
    g_autofree char *undo = shz_store_get_undo_label (f->store);
    g_assert_cmpstr (redo, ==, "Change score of Brand (to-be)");
    g_assert_cmpstr (undo, !=, "Change score of Brand (to-be)");
  }
  /* One redo: both back, the same dataset with its row. */
  g_assert_true (shz_store_redo (f->store, &error));
  g_assert_no_error (error);
  g_assert_false (shz_store_can_redo (f->store));
  {
    g_autoptr(ShzDataset) d = live (f, "Assessment scores");
    g_assert_cmpint (d->id, ==, s1);
    g_assert_cmpint (d->rows, ==, 1);
  }
  g_assert_cmpuint (n_datasets (f), ==, 1);
  g_assert_cmpfloat (score_of (f, s1, row_no), ==, 3);
  assert_sound (f);

  /* The first link the same way. */
  g_assert_true (shz_store_begin_step (f->store, "Add link Product → Consumer (to-be)", &error));
  l0 = shz_store_create_assessment_dataset (f->store, f->engagement, SHZ_KIND_LINKS, "Value-network links", &error);
  g_assert_cmpint (l0, >, 0);
  l1 = shz_store_set_link_row (f->store, l0, &link, NULL, &link_no, &error);
  g_assert_no_error (error);
  g_assert_cmpint (l1, >, 0);
  g_assert_true (shz_store_end_step (f->store, &error));
  g_assert_cmpuint (n_history (f), ==, before + 2);
  g_assert_cmpuint (n_datasets (f), ==, 2);
  g_assert_true (shz_store_undo (f->store, &error));
  g_assert_cmpuint (n_datasets (f), ==, 1);
  {
    g_autoptr(ShzDataset) d = live (f, "Assessment scores");
    g_assert_cmpint (d->id, ==, s1);
  }
  g_assert_true (shz_store_redo (f->store, &error));
  g_assert_no_error (error);
  {
    g_autoptr(ShzDataset) d = live (f, "Value-network links");
    g_assert_cmpint (d->id, ==, l1);
    g_assert_cmpint (d->rows, ==, 1);
  }
  assert_sound (f);
}

/* A first edit that fails inside the caller's step leaves nothing behind: no dataset, no step,
 * whether the edit refused its row before writing or failed after it began the copy; and the
 * store takes the next edit as usual. */
static void
test_first_edit_failure (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShzScoreRow bad_score = { 0, "value-chain", "brand", 7, "to-be", NULL };
  ShzScoreRow missing = { 42, "value-chain", "brand", 1, "to-be", NULL };
  ShzScoreRow row = { 0, "value-chain", "brand", 1, "to-be", NULL };
  guint before = n_history (f);
  gint64 s0, row_no = 0;

  g_assert_true (shz_store_begin_step (f->store, "Change score of Brand (to-be)", &error));
  s0 = shz_store_create_assessment_dataset (f->store, f->engagement, SHZ_KIND_SCORES, "Assessment scores", &error);
  g_assert_cmpint (s0, >, 0);
  g_assert_cmpint (shz_store_set_score_row (f->store, s0, &bad_score, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  shz_store_cancel_step (f->store);
  g_assert_true (sqlite3_get_autocommit (shz_store_get_db (f->store)));
  g_assert_cmpuint (n_datasets (f), ==, 0);
  g_assert_cmpuint (n_history (f), ==, before);

  g_assert_true (shz_store_begin_step (f->store, "Change score of Brand (to-be)", &error));
  s0 = shz_store_create_assessment_dataset (f->store, f->engagement, SHZ_KIND_SCORES, "Assessment scores", &error);
  g_assert_cmpint (s0, >, 0);
  g_assert_cmpint (shz_store_set_score_row (f->store, s0, &missing, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NO_SUCH);
  g_clear_error (&error);
  shz_store_cancel_step (f->store);   /* already rolled back by the edit: a no-op */
  g_assert_true (sqlite3_get_autocommit (shz_store_get_db (f->store)));
  g_assert_cmpuint (n_datasets (f), ==, 0);
  g_assert_cmpuint (n_history (f), ==, before);

  /* Nothing is left open: the next edit is its own step and commits. */
  s0 = shz_store_create_assessment_dataset (f->store, f->engagement, SHZ_KIND_SCORES, "Assessment scores", &error);
  g_assert_no_error (error);
  g_assert_cmpint (shz_store_set_score_row (f->store, s0, &row, NULL, &row_no, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (n_history (f), ==, before + 2);
  assert_sound (f);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (shz_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* A note written before any score, as the editor and the inspector write it: the first edit of
 * the assessment, a row with the note and no score, made with its dataset in one step that one
 * undo removes whole and one redo brings back.  A score later takes that row; clearing the
 * item's last score keeps the note on it. */
static void
test_first_edit_note (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShzScoreRow note = { 0, "value-chain", "brand", NAN, "as-is", "Ask the brand team first" };
  ShzScoreRow bare = { 0, "value-chain", "brand", NAN, "as-is", NULL };
  guint before = n_history (f);
  gint64 s0, s1, s2, s3, row_no = 0;

  g_assert_true (shz_store_begin_step (f->store, "Change note of Brand", &error));
  s0 = shz_store_create_assessment_dataset (f->store, f->engagement, SHZ_KIND_SCORES, "Assessment scores", &error);
  g_assert_no_error (error);
  /* no score and no note says nothing: refused, and the caller's step is left to the caller */
  g_assert_cmpint (shz_store_set_score_row (f->store, s0, &bare, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  s1 = shz_store_set_score_row (f->store, s0, &note, NULL, &row_no, &error);
  g_assert_no_error (error);
  g_assert_cmpint (s1, ==, s0);   /* made in this step: written in place, not copied */
  g_assert_true (shz_store_end_step (f->store, &error));

  g_assert_cmpuint (n_history (f), ==, before + 1);
  g_assert_cmpuint (n_datasets (f), ==, 1);
  g_assert_cmpint (row_no, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM score_row WHERE score IS NULL AND note = "
                             "'Ask the brand team first'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM dataset WHERE deleted = 1"), ==, 0);
  {
    g_autofree char *label = shz_store_get_undo_label (f->store);
    g_autoptr(ShzDataset) d = live (f, "Assessment scores");
    g_autofree char *rows = contents (f, d->id);
    g_assert_cmpstr (label, ==, "Change note of Brand");
    g_assert_cmpint (d->rows, ==, 1);
    g_assert_cmpstr (rows, ==, "row_no|framework|item|score|state|note\n"
                               "1|value-chain|brand|∅|as-is|Ask the brand team first\n");
  }
  assert_sound (f);

  g_assert_true (shz_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_datasets (f), ==, 0);
  g_assert_true (shz_store_redo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_datasets (f), ==, 1);
  {
    g_autofree char *kept = note_of (f, s1, 1);
    g_assert_cmpstr (kept, ==, "Ask the brand team first");
  }

  /* a score takes the note's row (the editor passes the row and the note along) */
  {
    ShzScoreRow scored = { 1, "value-chain", "brand", 2.5, "to-be", "Ask the brand team first" };
    s2 = shz_store_set_score_row (f->store, s1, &scored, "Change score of Brand (to-be)", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (count (f, "SELECT count(*) FROM score_row r JOIN dataset d ON d.id = r.dataset_id"
                               " WHERE d.deleted = 0"), ==, 1);
    g_assert_cmpfloat (score_of (f, s2, 1), ==, 2.5);
  }
  /* clearing it again keeps the note */
  {
    ShzScoreRow cleared = { 1, "value-chain", "brand", NAN, "to-be", "Ask the brand team first" };
    s3 = shz_store_set_score_row (f->store, s2, &cleared, "Clear score of Brand (to-be)", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (count (f, "SELECT count(*) FROM score_row WHERE dataset_id = (SELECT max(id) FROM dataset"
                               " WHERE deleted = 0) AND score IS NULL"), ==, 1);
    {
      g_autofree char *kept = note_of (f, s3, 1);
      g_assert_cmpstr (kept, ==, "Ask the brand team first");
    }
  }
  assert_sound (f);
}

/* The first edit, undone, leaves no trace a user could see: nothing live, and no empty dataset
 * in the trash — before the undo the trash holds nothing at all, after it only the edit's own
 * dataset (with its row, for redo), and once no step can bring that back the trash is emptied. */
static void
test_first_edit_no_trace (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShzScoreRow row = { 0, "value-chain", "brand", 3, "to-be", NULL };
  ShzLinkRow link = { 0, "product", "consumer", 2, "transaction", "to-be" };
  gint64 s0, s1, l0;

  g_assert_true (shz_store_begin_step (f->store, "Change score of Brand (to-be)", &error));
  s0 = shz_store_create_assessment_dataset (f->store, f->engagement, SHZ_KIND_SCORES, "Assessment scores", &error);
  s1 = shz_store_set_score_row (f->store, s0, &row, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (shz_store_end_step (f->store, &error));
  g_assert_cmpint (s1, ==, s0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM dataset WHERE deleted = 1"), ==, 0);
  /* the step's log holds the dataset's creation only: its rows and counts are the step's own */
  g_assert_cmpint (count (f, "SELECT count(*) FROM undo_entry WHERE step = (SELECT max(id) FROM undo_step)"), ==, 1);

  g_assert_true (shz_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_datasets (f), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM dataset WHERE deleted = 1 AND rows = 0"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM dataset WHERE deleted = 1"), ==, 1);
  g_assert_cmpint (count (f, "SELECT rows FROM dataset WHERE deleted = 1"), ==, 1);

  /* redo: the same dataset, its row and its count */
  g_assert_true (shz_store_redo (f->store, &error));
  {
    g_autoptr(ShzDataset) d = live (f, "Assessment scores");
    g_assert_cmpint (d->id, ==, s1);
    g_assert_cmpint (d->rows, ==, 1);
  }
  assert_sound (f);
  g_assert_true (shz_store_undo (f->store, &error));

  /* A new edit ends what could have been redone: the trash has nothing a step can bring back. */
  g_assert_true (shz_store_begin_step (f->store, "Add link Product → Consumer (to-be)", &error));
  l0 = shz_store_create_assessment_dataset (f->store, f->engagement, SHZ_KIND_LINKS, "Value-network links", &error);
  g_assert_cmpint (shz_store_set_link_row (f->store, l0, &link, NULL, NULL, &error), ==, l0);
  g_assert_true (shz_store_end_step (f->store, &error));
  g_assert_true (shz_store_purge_trash (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM dataset WHERE deleted = 1"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM score_row"), ==, 0);

  /* Later edits of a dataset still copy it (their undo needs the old one), one in the trash each. */
  g_assert_cmpint (shz_store_set_link_row (f->store, l0, &link, NULL, NULL, &error), !=, l0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM dataset WHERE deleted = 1 AND rows = 1"), ==, 1);
  assert_sound (f);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) ro = NULL;
  ShzScoreRow row = { 0, "value-chain", "brand", 1, "as-is", NULL };
  gint64 scores;

  scores = shz_store_create_assessment_dataset (f->store, f->engagement, SHZ_KIND_SCORES, "S", &error);
  g_assert_no_error (error);
  ro = shz_store_open (f->path, SHZ_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shz_store_set_score_row (ro, scores, &row, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpint (shz_store_create_assessment_dataset (ro, f->engagement, SHZ_KIND_LINKS, "L", &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* A first edit begins with its step: refused at once, nothing open. */
  g_assert_false (shz_store_begin_step (ro, "Change score of Brand (to-be)", &error));
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_READ_ONLY);
  g_assert_true (sqlite3_get_autocommit (shz_store_get_db (ro)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/store/assessment/create", test_create);
  ADD ("/store/assessment/score/edit-undo-redo", test_score_edit_undo);
  ADD ("/store/assessment/score/copy-keeps-provenance", test_copy_keeps_provenance);
  ADD ("/store/assessment/score/notes", test_notes);
  ADD ("/store/assessment/links/add-change-remove", test_links);
  ADD ("/store/assessment/refusals", test_refusals);
  ADD ("/store/assessment/read-only", test_read_only);
  ADD ("/store/assessment/first-edit/one-step", test_first_edit_one_step);
  ADD ("/store/assessment/first-edit/failure", test_first_edit_failure);
  ADD ("/store/assessment/first-edit/note", test_first_edit_note);
  ADD ("/store/assessment/first-edit/no-trace", test_first_edit_no_trace);
#undef ADD
  return g_test_run ();
}
