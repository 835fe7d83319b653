/* shz-assessment.c — a client's as-is / to-be assessment read from its scores and links
 * datasets, checked against the catalogue, and the as-is → to-be link differences.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-analysis"
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "shz-assessment.h"

G_DEFINE_QUARK (shz-assessment-error-quark, shz_assessment_error)

struct _ShzAssessment {
  ShzCatalogue *catalogue;      /* borrowed (the default one, or the caller's) */
  GPtrArray    *scores;         /* of ShzAssessmentScore */
  GHashTable   *score_index;    /* "framework\x1fitem\x1fstate" → ShzAssessmentScore */
  GHashTable   *scored_frameworks; /* framework id set */
  GPtrArray    *notes;          /* of ShzAssessmentNote: rows with a note and no score */
  GPtrArray    *links;          /* of ShzAssessmentLink */
  guint         n_links[2];     /* per state */
  gint64        scores_dataset_id;
  gint64        links_dataset_id;
  gboolean      illustrative;
};

static void
score_free (ShzAssessmentScore *s)
{
  g_free (s->framework);
  g_free (s->item);
  g_free (s->note);
  g_free (s);
}

static void
note_free (ShzAssessmentNote *n)
{
  g_free (n->framework);
  g_free (n->item);
  g_free (n->note);
  g_free (n);
}

static void
link_free (ShzAssessmentLink *l)
{
  g_free (l->source);
  g_free (l->target);
  g_free (l->kind);
  g_free (l);
}

static char *
score_key (const char *framework, const char *item, ShzAssessmentState state)
{
  return g_strdup_printf ("%s\x1f%s\x1f%d", framework, item, (int) state);
}

gboolean
shz_assessment_state_from_string (const char         *s,
                                  ShzAssessmentState *out)
{
  static const struct { const char *name; ShzAssessmentState state; } names[] = {
    { "as-is", SHZ_STATE_AS_IS }, { "asis", SHZ_STATE_AS_IS }, { "as is", SHZ_STATE_AS_IS },
    { "current", SHZ_STATE_AS_IS }, { "现状", SHZ_STATE_AS_IS },
    { "to-be", SHZ_STATE_TO_BE }, { "tobe", SHZ_STATE_TO_BE }, { "to be", SHZ_STATE_TO_BE },
    { "target", SHZ_STATE_TO_BE }, { "目标", SHZ_STATE_TO_BE },
  };
  g_autofree char *t = NULL;

  if (s == NULL)
    return FALSE;
  t = g_strstrip (g_ascii_strdown (s, -1));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (t, names[i].name) == 0)
      {
        *out = names[i].state;
        return TRUE;
      }
  return FALSE;
}

const char *
shz_assessment_state_to_string (ShzAssessmentState state)
{
  return state == SHZ_STATE_TO_BE ? "to-be" : "as-is";
}

const char *
shz_link_change_to_string (ShzLinkChange change)
{
  switch (change)
    {
    case SHZ_LINK_ADDED:        return "added";
    case SHZ_LINK_STRENGTHENED: return "strengthened";
    case SHZ_LINK_WEAKENED:     return "weakened";
    case SHZ_LINK_DROPPED:      return "dropped";
    case SHZ_LINK_UNCHANGED:
    default:                    return "unchanged";
    }
}

ShzAssessment *
shz_assessment_new (ShzCatalogue *catalogue)
{
  ShzAssessment *self = g_new0 (ShzAssessment, 1);

  self->catalogue = catalogue != NULL ? catalogue : shz_catalogue_get_default ();
  self->scores = g_ptr_array_new_with_free_func ((GDestroyNotify) score_free);
  self->score_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->scored_frameworks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) note_free);
  self->links = g_ptr_array_new_with_free_func ((GDestroyNotify) link_free);
  return self;
}

void
shz_assessment_free (ShzAssessment *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->scores);
  g_hash_table_unref (self->score_index);
  g_hash_table_unref (self->scored_frameworks);
  g_ptr_array_unref (self->notes);
  g_ptr_array_unref (self->links);
  g_free (self);
}

ShzCatalogue *
shz_assessment_get_catalogue (ShzAssessment *self)
{
  return self->catalogue;
}

/* @where prefixes messages: "dataset “x”, row 3" or NULL for programmatic additions. */
static gboolean
add_score (ShzAssessment      *self,
           const char         *where,
           const char         *framework,
           const char         *item,
           double              score,
           ShzAssessmentState  state,
           const char         *note,
           gint64              row_no,
           GError            **error)
{
  const ShzCatFramework *fw = NULL;
  const ShzCatItem *it;
  ShzAssessmentScore *s;
  g_autofree char *key = NULL;
  const char *prefix = where != NULL ? where : "";
  /* TRANSLATORS: between "dataset “x”, row 3" and "column item: …" */
  const char *sep = where != NULL ? C_("before a column", ", ") : "";

  it = shz_catalogue_lookup_score_item (self->catalogue, framework, item, &fw);
  if (fw == NULL)
    {
      g_set_error (error, SHZ_ASSESSMENT_ERROR, SHZ_ASSESSMENT_ERROR_UNKNOWN_ITEM,
                   _("%s%scolumn framework: unknown framework “%s”; expected value-chain, value-network, rhc-chains or evolution-paths"),
                   prefix, sep, framework != NULL ? framework : "");
      return FALSE;
    }
  if (it == NULL)
    {
      g_set_error (error, SHZ_ASSESSMENT_ERROR, SHZ_ASSESSMENT_ERROR_UNKNOWN_ITEM,
                   _("%s%scolumn item: “%s” is not a scored item of framework “%s” (see data/catalogues/README.md)"),
                   prefix, sep, item != NULL ? item : "", fw->id);
      return FALSE;
    }
  if (!isfinite (score) || score < SHZ_SCORE_MIN || score > SHZ_SCORE_MAX)
    {
      g_set_error (error, SHZ_ASSESSMENT_ERROR, SHZ_ASSESSMENT_ERROR_INVALID,
                   _("%s%scolumn score: %g is out of range; expected 0 to 5"), prefix, sep, score);
      return FALSE;
    }

  key = score_key (fw->id, it->id, state);
  s = g_hash_table_lookup (self->score_index, key);
  if (s == NULL)
    {
      s = g_new0 (ShzAssessmentScore, 1);
      s->framework = g_strdup (fw->id);
      s->item = g_strdup (it->id);
      s->state = state;
      g_ptr_array_add (self->scores, s);
      g_hash_table_insert (self->score_index, g_steal_pointer (&key), s);
      g_hash_table_add (self->scored_frameworks, g_strdup (fw->id));
    }
  /* A later row for the same item and state replaces the earlier one. */
  s->score = score;
  g_free (s->note);
  s->note = note != NULL && note[0] != '\0' ? g_strdup (note) : NULL;
  s->row_no = row_no;
  return TRUE;
}

static gboolean
add_link (ShzAssessment      *self,
          const char         *where,
          const char         *source,
          const char         *target,
          double              weight,
          const char         *kind,
          ShzAssessmentState  state,
          gint64              row_no,
          GError            **error)
{
  const char *src = shz_catalogue_resolve_node (self->catalogue, source);
  const char *dst = shz_catalogue_resolve_node (self->catalogue, target);
  const char *k = shz_catalogue_resolve_link_kind (self->catalogue, kind);
  const char *prefix = where != NULL ? where : "";
  /* TRANSLATORS: between "dataset “x”, row 3" and "column item: …" */
  const char *sep = where != NULL ? C_("before a column", ", ") : "";
  ShzAssessmentLink *l;

  if (src == NULL || dst == NULL)
    {
      g_autofree char *known = shz_catalogue_describe_nodes (self->catalogue);
      g_set_error (error, SHZ_ASSESSMENT_ERROR, SHZ_ASSESSMENT_ERROR_UNKNOWN_NODE,
                   _("%s%scolumn %s: unknown node “%s”; expected one of %s (or their Chinese or English labels)"),
                   prefix, sep, src == NULL ? "source" : "target",
                   src == NULL ? (source ? source : "") : (target ? target : ""), known);
      return FALSE;
    }
  if (k == NULL)
    {
      g_set_error (error, SHZ_ASSESSMENT_ERROR, SHZ_ASSESSMENT_ERROR_INVALID,
                   _("%s%scolumn type: unknown link kind “%s”; expected 交易/transaction, 互动/interaction or 体验/experience"),
                   prefix, sep, kind != NULL ? kind : "");
      return FALSE;
    }
  if (!isfinite (weight) || weight < 0)
    {
      g_set_error (error, SHZ_ASSESSMENT_ERROR, SHZ_ASSESSMENT_ERROR_INVALID,
                   _("%s%scolumn weight: %g; expected a number ≥ 0"), prefix, sep, weight);
      return FALSE;
    }
  l = g_new0 (ShzAssessmentLink, 1);
  l->source = g_strdup (src);
  l->target = g_strdup (dst);
  l->kind = g_strdup (k);
  l->weight = weight;
  l->state = state;
  l->row_no = row_no;
  g_ptr_array_add (self->links, l);
  self->n_links[state == SHZ_STATE_TO_BE ? 1 : 0]++;
  return TRUE;
}

gboolean
shz_assessment_add_score (ShzAssessment      *self,
                          const char         *framework,
                          const char         *item,
                          double              score,
                          ShzAssessmentState  state,
                          const char         *note,
                          GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return add_score (self, NULL, framework, item, score, state, note, 0, error);
}

gboolean
shz_assessment_add_link (ShzAssessment      *self,
                         const char         *source,
                         const char         *target,
                         double              weight,
                         const char         *kind,
                         ShzAssessmentState  state,
                         GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return add_link (self, NULL, source, target, weight, kind, state, 0, error);
}

/* The dataset of @kind named @name, or the newest of that kind; NULL and no error for none. */
static ShzDataset *
pick_dataset (ShzStore        *store,
              gint64           engagement_id,
              const char      *name,
              ShzDatasetKind   kind,
              GError         **error)
{
  g_autoptr(GPtrArray) all = NULL;
  ShzDataset *best = NULL;

  if (name != NULL)
    {
      g_autoptr(ShzDataset) d = shz_store_find_dataset (store, engagement_id, name, error);
      if (d == NULL)
        return NULL;
      if (d->kind != kind)
        {
          g_set_error (error, SHZ_ASSESSMENT_ERROR, SHZ_ASSESSMENT_ERROR_WRONG_KIND,
                       _("dataset “%s” holds %s, not %s"), name,
                       shz_dataset_kind_to_string (d->kind), shz_dataset_kind_to_string (kind));
          return NULL;
        }
      return g_steal_pointer (&d);
    }
  all = shz_store_list_datasets (store, engagement_id, error);
  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    {
      ShzDataset *d = all->pdata[i];
      if (d->kind == kind && (best == NULL || g_strcmp0 (d->imported, best->imported) > 0 ||
                              (g_strcmp0 (d->imported, best->imported) == 0 && d->id > best->id)))
        best = d;
    }
  if (best == NULL)
    return NULL;
  return shz_store_get_dataset (store, best->id, error);
}

static const char *
column_text (sqlite3_stmt *stmt, int col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

/* A row with no score: the note of an item not assessed in that state (the same checks of its
 * framework and item as a score's).  A row with neither a score nor a note says nothing. */
static gboolean
add_note (ShzAssessment      *self,
          const char         *where,
          const char         *framework,
          const char         *item,
          ShzAssessmentState  state,
          const char         *note,
          gint64              row_no,
          GError            **error)
{
  const ShzCatFramework *fw = NULL;
  const ShzCatItem *it;
  ShzAssessmentNote *n;

  if (note == NULL || note[0] == '\0')
    return TRUE;
  it = shz_catalogue_lookup_score_item (self->catalogue, framework, item, &fw);
  if (it == NULL)
    /* the same message as for a score; the value is not checked */
    return add_score (self, where, framework, item, 0, state, NULL, row_no, error);
  n = g_new0 (ShzAssessmentNote, 1);
  n->framework = g_strdup (fw->id);
  n->item = g_strdup (it->id);
  n->state = state;
  n->note = g_strdup (note);
  n->row_no = row_no;
  g_ptr_array_add (self->notes, n);
  return TRUE;
}

/* A score of the same item and state outranks a note-only row (a store written elsewhere may
 * hold both): the row with the score is the one edits change. */
static void
drop_scored_notes (ShzAssessment *self)
{
  for (guint i = self->notes->len; i-- > 0;)
    {
      ShzAssessmentNote *n = self->notes->pdata[i];
      g_autofree char *key = score_key (n->framework, n->item, n->state);

      if (g_hash_table_contains (self->score_index, key))
        g_ptr_array_remove_index (self->notes, i);
    }
}

static gboolean
read_scores (ShzAssessment *self, ShzStore *store, const ShzDataset *d, GError **error)
{
  sqlite3 *db = shz_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT row_no, framework, item, score, state, note FROM score_row "
                           "WHERE dataset_id = ?1 ORDER BY rowid", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      shz_store_set_sqlite_error (store, error, _("read the scores"));
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, d->id);
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 row_no = sqlite3_column_int64 (stmt, 0);
      g_autofree char *where = g_strdup_printf (_("dataset “%s”, row %" PRId64), d->name, row_no);
      ShzAssessmentState state = SHZ_STATE_AS_IS;
      const char *state_text = column_text (stmt, 4);

      if (state_text != NULL && state_text[0] != '\0' &&
          !shz_assessment_state_from_string (state_text, &state))
        {
          g_set_error (error, SHZ_ASSESSMENT_ERROR, SHZ_ASSESSMENT_ERROR_INVALID,
                       _("%s, column state: “%s”; expected as-is/现状 or to-be/目标"), where, state_text);
          ok = FALSE;
          break;
        }
      if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
        ok = add_note (self, where, column_text (stmt, 1), column_text (stmt, 2), state,
                       column_text (stmt, 5), row_no, error);
      else
        ok = add_score (self, where, column_text (stmt, 1), column_text (stmt, 2),
                        sqlite3_column_double (stmt, 3), state, column_text (stmt, 5), row_no, error);
    }
  if (ok)
    drop_scored_notes (self);
  if (ok && rc != SQLITE_DONE)
    {
      shz_store_set_sqlite_error (store, error, _("read the scores"));
      ok = FALSE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
read_links (ShzAssessment *self, ShzStore *store, const ShzDataset *d, GError **error)
{
  sqlite3 *db = shz_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT row_no, source, target, weight, type, state FROM link_row "
                           "WHERE dataset_id = ?1 ORDER BY rowid", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      shz_store_set_sqlite_error (store, error, _("read the links"));
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, d->id);
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 row_no = sqlite3_column_int64 (stmt, 0);
      g_autofree char *where = g_strdup_printf (_("dataset “%s”, row %" PRId64), d->name, row_no);
      ShzAssessmentState state = SHZ_STATE_AS_IS;
      const char *state_text = column_text (stmt, 5);

      if (state_text != NULL && state_text[0] != '\0' &&
          !shz_assessment_state_from_string (state_text, &state))
        {
          g_set_error (error, SHZ_ASSESSMENT_ERROR, SHZ_ASSESSMENT_ERROR_INVALID,
                       _("%s, column state: “%s”; expected as-is/现状 or to-be/目标"), where, state_text);
          ok = FALSE;
          break;
        }
      ok = add_link (self, where, column_text (stmt, 1), column_text (stmt, 2),
                     sqlite3_column_double (stmt, 3), column_text (stmt, 4), state, row_no, error);
    }
  if (ok && rc != SQLITE_DONE)
    {
      shz_store_set_sqlite_error (store, error, _("read the links"));
      ok = FALSE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

ShzAssessment *
shz_assessment_load (ShzStore    *store,
                     gint64       engagement_id,
                     const char  *scores_dataset,
                     const char  *links_dataset,
                     GError     **error)
{
  g_autoptr(ShzAssessment) self = shz_assessment_new (NULL);
  g_autoptr(ShzDataset) scores = NULL;
  g_autoptr(ShzDataset) links = NULL;
  GError *local = NULL;

  g_return_val_if_fail (store != NULL, NULL);

  scores = pick_dataset (store, engagement_id, scores_dataset, SHZ_KIND_SCORES, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  links = pick_dataset (store, engagement_id, links_dataset, SHZ_KIND_LINKS, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (scores != NULL)
    {
      if (!read_scores (self, store, scores, error))
        return NULL;
      self->scores_dataset_id = scores->id;
      self->illustrative |= scores->illustrative;
    }
  if (links != NULL)
    {
      if (!read_links (self, store, links, error))
        return NULL;
      self->links_dataset_id = links->id;
      self->illustrative |= links->illustrative;
    }
  return g_steal_pointer (&self);
}

gboolean
shz_assessment_get_score (ShzAssessment      *self,
                          const char         *framework,
                          const char         *item,
                          ShzAssessmentState  state,
                          double             *score)
{
  g_autofree char *key = NULL;
  ShzAssessmentScore *s;

  g_return_val_if_fail (self != NULL, FALSE);
  key = score_key (framework, item, state);
  s = g_hash_table_lookup (self->score_index, key);
  if (s == NULL)
    return FALSE;
  if (score != NULL)
    *score = s->score;
  return TRUE;
}

const char *
shz_assessment_get_score_note (ShzAssessment      *self,
                               const char         *framework,
                               const char         *item,
                               ShzAssessmentState  state)
{
  g_autofree char *key = score_key (framework, item, state);
  ShzAssessmentScore *s = g_hash_table_lookup (self->score_index, key);

  return s != NULL ? s->note : NULL;
}

gboolean
shz_assessment_has_scores (ShzAssessment *self,
                           const char    *framework)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return framework != NULL && g_hash_table_contains (self->scored_frameworks, framework);
}

gboolean
shz_assessment_has_links (ShzAssessment      *self,
                          ShzAssessmentState  state)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->n_links[state == SHZ_STATE_TO_BE ? 1 : 0] > 0;
}

guint
shz_assessment_get_n_scores (ShzAssessment *self)
{
  return self->scores->len;
}

const ShzAssessmentScore *
shz_assessment_get_score_nth (ShzAssessment *self, guint i)
{
  g_return_val_if_fail (i < self->scores->len, NULL);
  return self->scores->pdata[i];
}

guint
shz_assessment_get_n_notes (ShzAssessment *self)
{
  return self->notes->len;
}

const ShzAssessmentNote *
shz_assessment_get_note_nth (ShzAssessment *self, guint i)
{
  g_return_val_if_fail (i < self->notes->len, NULL);
  return self->notes->pdata[i];
}

guint
shz_assessment_get_n_links (ShzAssessment *self)
{
  return self->links->len;
}

const ShzAssessmentLink *
shz_assessment_get_link (ShzAssessment *self, guint i)
{
  g_return_val_if_fail (i < self->links->len, NULL);
  return self->links->pdata[i];
}

GArray *
shz_assessment_diff_links (ShzAssessment *self)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (ShzLinkDiff));
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (self != NULL, out);

  /* As-is rows first so the order reads "what there was, then what is new". */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->links->len; i++)
      {
        ShzAssessmentLink *l = self->links->pdata[i];
        g_autofree char *key = NULL;
        gpointer pos;
        ShzLinkDiff *d;

        if ((pass == 0) != (l->state == SHZ_STATE_AS_IS))
          continue;
        key = g_strdup_printf ("%s\x1f%s\x1f%s", l->source, l->target, l->kind);
        if (g_hash_table_lookup_extended (index, key, NULL, &pos))
          d = &g_array_index (out, ShzLinkDiff, GPOINTER_TO_UINT (pos));
        else
          {
            ShzLinkDiff fresh = { l->source, l->target, l->kind, 0, 0, SHZ_LINK_UNCHANGED };
            g_array_append_val (out, fresh);
            g_hash_table_insert (index, g_steal_pointer (&key), GUINT_TO_POINTER (out->len - 1));
            d = &g_array_index (out, ShzLinkDiff, out->len - 1);
          }
        if (l->state == SHZ_STATE_AS_IS)
          d->as_is += l->weight;
        else
          d->to_be += l->weight;
      }

  for (guint i = 0; i < out->len; i++)
    {
      ShzLinkDiff *d = &g_array_index (out, ShzLinkDiff, i);
      gboolean in_as_is = FALSE, in_to_be = FALSE;

      /* Presence, not weight, decides added/dropped: a zero-weight row still says "exists". */
      for (guint k = 0; k < self->links->len; k++)
        {
          ShzAssessmentLink *l = self->links->pdata[k];
          if (strcmp (l->source, d->source) == 0 && strcmp (l->target, d->target) == 0 &&
              strcmp (l->kind, d->kind) == 0)
            {
              if (l->state == SHZ_STATE_AS_IS)
                in_as_is = TRUE;
              else
                in_to_be = TRUE;
            }
        }
      if (in_as_is && !in_to_be)
        d->change = SHZ_LINK_DROPPED;
      else if (!in_as_is && in_to_be)
        d->change = SHZ_LINK_ADDED;
      else if (d->to_be > d->as_is + 1e-9)
        d->change = SHZ_LINK_STRENGTHENED;
      else if (d->to_be < d->as_is - 1e-9)
        d->change = SHZ_LINK_WEAKENED;
      else
        d->change = SHZ_LINK_UNCHANGED;
    }
  return out;
}

gint64
shz_assessment_get_scores_dataset_id (ShzAssessment *self)
{
  return self->scores_dataset_id;
}

gint64
shz_assessment_get_links_dataset_id (ShzAssessment *self)
{
  return self->links_dataset_id;
}

gboolean
shz_assessment_is_illustrative (ShzAssessment *self)
{
  return self->illustrative;
}

/* ---- the demo engagement's assessment ---- */

typedef struct {
  const char *framework;
  const char *item;
  double      as_is;
  double      to_be;
} DemoScore;

/* Invented for the demo: a retailer strong at the consumer end and weak upstream — the
 * pattern the whitepaper describes in words, not figures it publishes. */
static const DemoScore demo_scores[] = {
  { "value-chain", "product", 2.0, 4.0 },
  { "value-chain", "manufacturing", 1.5, 3.5 },
  { "value-chain", "brand", 3.0, 4.0 },
  { "value-chain", "marketing", 3.5, 4.5 },
  { "value-chain", "channel", 3.0, 4.5 },
  { "value-chain", "retail", 3.5, 4.5 },
  { "value-chain", "service", 2.5, 4.0 },
  { "value-chain", "technology", 2.5, 4.5 },
  { "value-chain", "organisation", 2.0, 3.5 },
  { "value-chain", "finance", 2.0, 3.0 },
  { "value-chain", "logistics", 2.5, 4.0 },
  { "value-network", "product", 1.5, 4.0 },
  { "value-network", "manufacturing", 1.0, 3.5 },
  { "value-network", "brand", 2.5, 4.0 },
  { "value-network", "marketing", 3.0, 4.5 },
  { "value-network", "channel", 2.5, 4.5 },
  { "value-network", "retail", 3.0, 4.5 },
  { "value-network", "service", 2.0, 4.0 },
  { "value-network", "technology", 2.0, 4.5 },
  { "value-network", "organisation", 1.5, 3.5 },
  { "value-network", "finance", 1.5, 3.0 },
  { "value-network", "logistics", 2.0, 4.0 },
  { "value-network", "rd-data", 0.5, 3.0 },
  { "value-network", "supply-data", 1.0, 3.5 },
  { "value-network", "channel-data", 2.0, 4.0 },
  { "value-network", "terminal-data", 2.5, 4.5 },
  { "value-network", "consumer-data", 3.0, 5.0 },
  { "rhc-chains", "rd-design", 1.5, 3.5 },
  { "rhc-chains", "sourcing", 1.0, 3.0 },
  { "rhc-chains", "production", 1.5, 3.5 },
  { "rhc-chains", "warehousing", 2.0, 3.5 },
  { "rhc-chains", "brand-positioning", 2.5, 4.0 },
  { "rhc-chains", "distribution", 2.5, 4.0 },
  { "rhc-chains", "pricing-promotion", 3.0, 4.5 },
  { "rhc-chains", "site-selection", 2.0, 4.0 },
  { "rhc-chains", "channel-expansion", 3.0, 4.0 },
  { "rhc-chains", "store-operations", 2.5, 4.0 },
  { "rhc-chains", "replenishment", 2.0, 4.0 },
  { "rhc-chains", "shelving", 2.0, 3.5 },
  { "rhc-chains", "payment", 4.0, 4.5 },
  { "rhc-chains", "last-mile", 2.5, 4.0 },
  { "rhc-chains", "omnichannel-acquisition", 3.0, 4.5 },
  { "rhc-chains", "interactive-experience", 2.5, 4.5 },
  { "rhc-chains", "member-conversion", 2.5, 4.0 },
  { "rhc-chains", "loyalty", 2.0, 4.0 },
  { "rhc-chains", "creative-content", 2.5, 4.0 },
  { "rhc-chains", "content-operations", 2.0, 4.0 },
  { "rhc-chains", "touchpoint-conversion", 2.0, 4.0 },
  { "evolution-paths", "link-value", 1.5, 4.0 },
  { "evolution-paths", "rhc-value", 2.0, 4.0 },
  { "evolution-paths", "technology-value", 2.5, 4.5 },
};

typedef struct {
  const char *source;
  const char *target;
  double      weight;
  const char *kind;
  const char *state;
} DemoLink;

static const DemoLink demo_links[] = {
  /* as-is: the one-way chain, supply to the consumer at its end */
  { "product", "manufacturing", 3, "transaction", "as-is" },
  { "manufacturing", "brand", 3, "transaction", "as-is" },
  { "brand", "marketing", 2, "transaction", "as-is" },
  { "marketing", "channel", 2, "transaction", "as-is" },
  { "channel", "retail", 4, "transaction", "as-is" },
  { "retail", "service", 2, "transaction", "as-is" },
  { "retail", "consumer", 4, "transaction", "as-is" },
  { "service", "consumer", 1, "transaction", "as-is" },
  { "marketing", "consumer", 1, "interaction", "as-is" },
  /* to-be: every element linked with the consumer, fed by the data streams */
  { "consumer", "product", 3, "interaction", "to-be" },
  { "consumer", "manufacturing", 2, "interaction", "to-be" },
  { "brand", "consumer", 3, "experience", "to-be" },
  { "marketing", "consumer", 4, "interaction", "to-be" },
  { "channel", "consumer", 3, "transaction", "to-be" },
  { "retail", "consumer", 5, "transaction", "to-be" },
  { "service", "consumer", 4, "experience", "to-be" },
  { "channel", "retail", 3, "transaction", "to-be" },
  { "product", "manufacturing", 3, "transaction", "to-be" },
  { "consumer-data", "product", 3, "interaction", "to-be" },
  { "terminal-data", "retail", 3, "interaction", "to-be" },
  { "channel-data", "channel", 2, "interaction", "to-be" },
  { "supply-data", "manufacturing", 2, "interaction", "to-be" },
  { "rd-data", "product", 2, "interaction", "to-be" },
  { "technology", "consumer", 2, "experience", "to-be" },
  { "logistics", "consumer", 2, "experience", "to-be" },
};

static gboolean
has_dataset (ShzStore *store, gint64 engagement_id, const char *name, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(ShzDataset) d = shz_store_find_dataset (store, engagement_id, name, &local);

  if (d != NULL)
    return TRUE;
  if (local != NULL && !g_error_matches (local, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NO_SUCH))
    g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

gboolean
shz_demo_add_assessment (ShzStore  *store,
                         gint64     engagement_id,
                         GError   **error)
{
  const char *scores_name = _("Assessment scores (illustrative)");
  const char *links_name = _("Value-network links (illustrative)");
  g_autoptr(ShzDataset) sd = shz_dataset_new ();
  g_autoptr(ShzDataset) ld = shz_dataset_new ();
  g_autoptr(ShzRowInserter) ins = NULL;
  GError *local = NULL;
  gint64 id;
  gint64 row = 0;

  g_return_val_if_fail (store != NULL, FALSE);

  if (has_dataset (store, engagement_id, scores_name, &local) ||
      has_dataset (store, engagement_id, links_name, &local))
    return TRUE;
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }

  if (!shz_store_begin (store, error))
    return FALSE;

  sd->engagement_id = engagement_id;
  sd->name = g_strdup (scores_name);
  sd->kind = SHZ_KIND_SCORES;
  sd->rows = 2 * G_N_ELEMENTS (demo_scores);
  sd->source_name = g_strdup (_("(demo)"));
  sd->note = g_strdup (_("Illustrative: invented as-is and to-be scores (0–5) for the demo engagement. "
                         "The whitepaper publishes no such scores."));
  sd->illustrative = TRUE;
  id = shz_store_create_dataset (store, sd, error);
  if (id == 0)
    goto fail;
  ins = shz_row_inserter_new (store, id, SHZ_KIND_SCORES, error);
  if (ins == NULL)
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (demo_scores); i++)
    for (guint s = 0; s < 2; s++)
      {
        ShzScoreRow r = { ++row, demo_scores[i].framework, demo_scores[i].item,
                          s == 0 ? demo_scores[i].as_is : demo_scores[i].to_be,
                          s == 0 ? "as-is" : "to-be", NULL };
        if (!shz_row_inserter_add_score (ins, &r, error))
          goto fail;
      }
  g_clear_pointer (&ins, shz_row_inserter_free);

  ld->engagement_id = engagement_id;
  ld->name = g_strdup (links_name);
  ld->kind = SHZ_KIND_LINKS;
  ld->rows = G_N_ELEMENTS (demo_links);
  ld->source_name = g_strdup (_("(demo)"));
  ld->note = g_strdup (_("Illustrative: invented value-network links for the demo engagement — "
                         "as-is chain-like links and to-be ring links around the consumer."));
  ld->illustrative = TRUE;
  id = shz_store_create_dataset (store, ld, error);
  if (id == 0)
    goto fail;
  ins = shz_row_inserter_new (store, id, SHZ_KIND_LINKS, error);
  if (ins == NULL)
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (demo_links); i++)
    {
      ShzLinkRow r = { (gint64) i + 1, demo_links[i].source, demo_links[i].target,
                       demo_links[i].weight, demo_links[i].kind, demo_links[i].state };
      if (!shz_row_inserter_add_link (ins, &r, error))
        goto fail;
    }
  g_clear_pointer (&ins, shz_row_inserter_free);

  return shz_store_commit (store, error);

fail:
  g_clear_pointer (&ins, shz_row_inserter_free);
  shz_store_rollback (store);
  return FALSE;
}
