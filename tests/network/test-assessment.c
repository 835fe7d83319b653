/* test-assessment.c — a client's assessment read from the store, its validation, and the
 * as-is → to-be link differences.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "analysis/shz-assessment.h"
#include "store/shz-assessment-store.h"

typedef struct {
  char     *dir;
  char     *path;
  ShzStore *store;
  gint64    engagement_id;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzEngagement) e = shz_engagement_new ();

  f->dir = g_dir_make_tmp ("shz-assess-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "t.shuzhi", NULL);
  f->store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  e->name = g_strdup ("Client A");
  f->engagement_id = shz_store_create_engagement (f->store, e, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->engagement_id, >, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  shz_store_free (f->store);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
add_links_dataset (Fixture *f, const char *name, const ShzLinkRow *rows, guint n)
{
  g_autoptr(ShzDataset) d = shz_dataset_new ();
  g_autoptr(ShzRowInserter) ins = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  d->engagement_id = f->engagement_id;
  d->name = g_strdup (name);
  d->kind = SHZ_KIND_LINKS;
  d->rows = n;
  g_assert_true (shz_store_begin (f->store, &error));
  id = shz_store_create_dataset (f->store, d, &error);
  g_assert_no_error (error);
  ins = shz_row_inserter_new (f->store, id, SHZ_KIND_LINKS, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      shz_row_inserter_add_link (ins, &rows[i], &error);
      g_assert_no_error (error);
    }
  g_clear_pointer (&ins, shz_row_inserter_free);
  g_assert_true (shz_store_commit (f->store, &error));
  return id;
}

static void
test_empty (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzAssessment) a = shz_assessment_load (f->store, f->engagement_id, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (a);
  g_assert_false (shz_assessment_has_scores (a, "value-chain"));
  g_assert_false (shz_assessment_has_links (a, SHZ_STATE_AS_IS));
  g_assert_false (shz_assessment_has_links (a, SHZ_STATE_TO_BE));
  g_assert_false (shz_assessment_is_illustrative (a));
}

static void
test_demo (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzAssessment) a = NULL;
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(GArray) diff = NULL;
  double score = -1;
  guint n_added = 0, n_dropped = 0, n_strong = 0;

  g_assert_true (shz_demo_add_assessment (f->store, f->engagement_id, &error));
  g_assert_no_error (error);
  /* idempotent */
  g_assert_true (shz_demo_add_assessment (f->store, f->engagement_id, &error));
  datasets = shz_store_list_datasets (f->store, f->engagement_id, &error);
  g_assert_cmpuint (datasets->len, ==, 2);
  for (guint i = 0; i < datasets->len; i++)
    {
      ShzDataset *d = datasets->pdata[i];
      g_assert_true (d->illustrative);
      g_assert_nonnull (strstr (d->note, "Illustrative"));
    }

  a = shz_assessment_load (f->store, f->engagement_id, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (shz_assessment_is_illustrative (a));
  g_assert_true (shz_assessment_has_scores (a, "value-chain"));
  g_assert_true (shz_assessment_has_scores (a, "value-network"));
  g_assert_true (shz_assessment_has_scores (a, "rhc-chains"));
  g_assert_true (shz_assessment_has_scores (a, "evolution-paths"));
  g_assert_true (shz_assessment_get_score (a, "value-chain", "manufacturing", SHZ_STATE_AS_IS, &score));
  g_assert_cmpfloat (score, ==, 1.5);
  g_assert_true (shz_assessment_get_score (a, "value-chain", "manufacturing", SHZ_STATE_TO_BE, &score));
  g_assert_cmpfloat (score, ==, 3.5);
  g_assert_true (shz_assessment_has_links (a, SHZ_STATE_AS_IS));
  g_assert_true (shz_assessment_has_links (a, SHZ_STATE_TO_BE));

  diff = shz_assessment_diff_links (a);
  for (guint i = 0; i < diff->len; i++)
    {
      ShzLinkDiff *d = &g_array_index (diff, ShzLinkDiff, i);
      n_added += d->change == SHZ_LINK_ADDED;
      n_dropped += d->change == SHZ_LINK_DROPPED;
      n_strong += d->change == SHZ_LINK_STRENGTHENED;
      if (strcmp (d->source, "retail") == 0 && strcmp (d->target, "consumer") == 0)
        {
          g_assert_cmpint (d->change, ==, SHZ_LINK_STRENGTHENED);
          g_assert_cmpfloat (d->as_is, ==, 4);
          g_assert_cmpfloat (d->to_be, ==, 5);
        }
    }
  g_assert_cmpuint (n_added, >, 5);
  g_assert_cmpuint (n_dropped, >, 0);
  g_assert_cmpuint (n_strong, >, 0);
}

static void
test_diff (void)
{
  g_autoptr(ShzAssessment) a = shz_assessment_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) diff = NULL;
  static const struct { const char *s, *t; double w; const char *k; ShzAssessmentState st; } rows[] = {
    { "商品", "制造", 3, "交易", SHZ_STATE_AS_IS },           /* unchanged (labels resolve) */
    { "product", "manufacturing", 3, "transaction", SHZ_STATE_TO_BE },
    { "retail", "consumer", 2, "transaction", SHZ_STATE_AS_IS },  /* strengthened 2 → 1 + 3 */
    { "retail", "consumer", 1, "transaction", SHZ_STATE_TO_BE },
    { "Retail", "Consumer", 3, "Transaction", SHZ_STATE_TO_BE },
    { "channel", "retail", 4, "transaction", SHZ_STATE_AS_IS },  /* weakened */
    { "channel", "retail", 1, "transaction", SHZ_STATE_TO_BE },
    { "brand", "marketing", 2, "transaction", SHZ_STATE_AS_IS }, /* dropped */
    { "consumer", "brand", 0, "互动", SHZ_STATE_TO_BE },         /* added, even with weight 0 */
    { "consumer-data", "product", 2, "interaction", SHZ_STATE_TO_BE }, /* added */
    { "retail", "consumer", 1, "experience", SHZ_STATE_TO_BE },  /* another kind: added */
  };
  static const struct { const char *s, *t, *k; ShzLinkChange c; double as_is, to_be; } expect[] = {
    { "product", "manufacturing", "transaction", SHZ_LINK_UNCHANGED, 3, 3 },
    { "retail", "consumer", "transaction", SHZ_LINK_STRENGTHENED, 2, 4 },
    { "channel", "retail", "transaction", SHZ_LINK_WEAKENED, 4, 1 },
    { "brand", "marketing", "transaction", SHZ_LINK_DROPPED, 2, 0 },
    { "consumer", "brand", "interaction", SHZ_LINK_ADDED, 0, 0 },
    { "consumer-data", "product", "interaction", SHZ_LINK_ADDED, 0, 2 },
    { "retail", "consumer", "experience", SHZ_LINK_ADDED, 0, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      shz_assessment_add_link (a, rows[i].s, rows[i].t, rows[i].w, rows[i].k, rows[i].st, &error);
      g_assert_no_error (error);
    }
  diff = shz_assessment_diff_links (a);
  g_assert_cmpuint (diff->len, ==, G_N_ELEMENTS (expect));
  for (guint i = 0; i < diff->len; i++)
    {
      ShzLinkDiff *d = &g_array_index (diff, ShzLinkDiff, i);
      g_assert_cmpstr (d->source, ==, expect[i].s);
      g_assert_cmpstr (d->target, ==, expect[i].t);
      g_assert_cmpstr (d->kind, ==, expect[i].k);
      g_assert_cmpstr (shz_link_change_to_string (d->change), ==, shz_link_change_to_string (expect[i].c));
      g_assert_cmpfloat_with_epsilon (d->as_is, expect[i].as_is, 1e-9);
      g_assert_cmpfloat_with_epsilon (d->to_be, expect[i].to_be, 1e-9);
    }
}

static void
test_invalid_additions (void)
{
  g_autoptr(ShzAssessment) a = shz_assessment_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (shz_assessment_add_link (a, "warehouse", "consumer", 1, "transaction", SHZ_STATE_AS_IS, &error));
  g_assert_error (error, SHZ_ASSESSMENT_ERROR, SHZ_ASSESSMENT_ERROR_UNKNOWN_NODE);
  g_assert_nonnull (strstr (error->message, "unknown node “warehouse”"));
  g_clear_error (&error);
  g_assert_false (shz_assessment_add_link (a, "retail", "consumer", -1, "transaction", SHZ_STATE_AS_IS, &error));
  g_assert_error (error, SHZ_ASSESSMENT_ERROR, SHZ_ASSESSMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (shz_assessment_add_link (a, "retail", "consumer", 1, "gift", SHZ_STATE_AS_IS, &error));
  g_assert_error (error, SHZ_ASSESSMENT_ERROR, SHZ_ASSESSMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (shz_assessment_add_score (a, "value-chain", "product", 5.5, SHZ_STATE_AS_IS, NULL, &error));
  g_assert_error (error, SHZ_ASSESSMENT_ERROR, SHZ_ASSESSMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (shz_assessment_add_score (a, "value-chain", "existing-consumers", 3, SHZ_STATE_AS_IS, NULL, &error));
  g_assert_error (error, SHZ_ASSESSMENT_ERROR, SHZ_ASSESSMENT_ERROR_UNKNOWN_ITEM);
  g_clear_error (&error);
  g_assert_false (shz_assessment_add_score (a, "swot", "product", 3, SHZ_STATE_AS_IS, NULL, &error));
  g_assert_error (error, SHZ_ASSESSMENT_ERROR, SHZ_ASSESSMENT_ERROR_UNKNOWN_ITEM);
  g_clear_error (&error);
  /* labels work for frameworks and items */
  g_assert_true (shz_assessment_add_score (a, "人货场", "支付结算", 4, SHZ_STATE_TO_BE, "ok", &error));
  g_assert_no_error (error);
  g_assert_true (shz_assessment_get_score (a, "rhc-chains", "payment", SHZ_STATE_TO_BE, NULL));
  g_assert_cmpstr (shz_assessment_get_score_note (a, "rhc-chains", "payment", SHZ_STATE_TO_BE), ==, "ok");
  g_assert_false (shz_assessment_has_scores (a, "value-chain"));
}

static void
test_unknown_node_in_dataset (Fixture *f, gconstpointer data)
{
  static const ShzLinkRow rows[] = {
    { 1, "retail", "consumer", 2, "transaction", "as-is" },
    { 2, "retail", "martians", 2, "transaction", "to-be" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzAssessment) a = NULL;

  add_links_dataset (f, "links-bad", rows, G_N_ELEMENTS (rows));
  a = shz_assessment_load (f->store, f->engagement_id, NULL, "links-bad", &error);
  g_assert_null (a);
  g_assert_error (error, SHZ_ASSESSMENT_ERROR, SHZ_ASSESSMENT_ERROR_UNKNOWN_NODE);
  g_assert_nonnull (strstr (error->message, "dataset “links-bad”, row 2, column target: unknown node “martians”"));
  g_clear_error (&error);

  /* naming a links dataset as the scores one is a clear error too */
  a = shz_assessment_load (f->store, f->engagement_id, "links-bad", NULL, &error);
  g_assert_null (a);
  g_assert_error (error, SHZ_ASSESSMENT_ERROR, SHZ_ASSESSMENT_ERROR_WRONG_KIND);
}

static void
test_states (void)
{
  ShzAssessmentState s;

  g_assert_true (shz_assessment_state_from_string ("现状", &s) && s == SHZ_STATE_AS_IS);
  g_assert_true (shz_assessment_state_from_string ("目标", &s) && s == SHZ_STATE_TO_BE);
  g_assert_true (shz_assessment_state_from_string ("To-Be", &s) && s == SHZ_STATE_TO_BE);
  g_assert_true (shz_assessment_state_from_string (" as-is ", &s) && s == SHZ_STATE_AS_IS);
  g_assert_false (shz_assessment_state_from_string ("maybe", &s));
}

/* A scores row with no score carries an item's note (a note written before any score): it is
 * a note, not a score — the charts see no score of the item — and a score of the same item and
 * state outranks it.  Rows named by label (stores written before imports kept ids) read too. */
static void
test_note_rows (Fixture *f, gconstpointer data)
{
  static const ShzScoreRow rows[] = {
    { 0, "value-chain", "brand", NAN, "as-is", "Ask the brand team" },
    { 0, "单向链式价值链", "商品", NAN, "to-be", "标签写的备注" },
    { 0, "value-chain", "channel", NAN, "as-is", "outranked" },
    { 0, "value-chain", "channel", 2, "as-is", "scored" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzAssessment) a = NULL;
  const ShzAssessmentNote *n;
  gint64 id;

  id = shz_store_create_assessment_dataset (f->store, f->engagement_id, SHZ_KIND_SCORES, "s", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      id = shz_store_set_score_row (f->store, id, &rows[i], NULL, NULL, &error);
      g_assert_no_error (error);
    }
  a = shz_assessment_load (f->store, f->engagement_id, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (shz_assessment_get_n_scores (a), ==, 1);
  g_assert_false (shz_assessment_get_score (a, "value-chain", "brand", SHZ_STATE_AS_IS, NULL));
  g_assert_true (shz_assessment_get_score (a, "value-chain", "channel", SHZ_STATE_AS_IS, NULL));
  g_assert_cmpuint (shz_assessment_get_n_notes (a), ==, 2);
  n = shz_assessment_get_note_nth (a, 0);
  g_assert_cmpstr (n->framework, ==, "value-chain");
  g_assert_cmpstr (n->item, ==, "brand");
  g_assert_cmpint (n->state, ==, SHZ_STATE_AS_IS);
  g_assert_cmpstr (n->note, ==, "Ask the brand team");
  g_assert_cmpint (n->row_no, ==, 1);
  n = shz_assessment_get_note_nth (a, 1);
  g_assert_cmpstr (n->item, ==, "product");
  g_assert_cmpint (n->state, ==, SHZ_STATE_TO_BE);
  g_assert_cmpstr (n->note, ==, "标签写的备注");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/network/assessment/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/network/assessment/demo", Fixture, NULL, fixture_set_up, test_demo, fixture_tear_down);
  g_test_add ("/network/assessment/unknown-node", Fixture, NULL, fixture_set_up,
              test_unknown_node_in_dataset, fixture_tear_down);
  g_test_add_func ("/network/assessment/diff", test_diff);
  g_test_add_func ("/network/assessment/invalid", test_invalid_additions);
  g_test_add_func ("/network/assessment/states", test_states);
  g_test_add ("/network/assessment/note-rows", Fixture, NULL, fixture_set_up, test_note_rows, fixture_tear_down);
  return g_test_run ();
}
