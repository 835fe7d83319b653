/* shz-assessment.h — a client's assessment against the frameworks: as-is / to-be scores per
 * catalogue item (from a scores dataset) and value-network links (from a links dataset), and
 * the difference between the as-is and the to-be network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "store/shz-store.h"
#include "analysis/shz-catalogue.h"

G_BEGIN_DECLS

#define SHZ_ASSESSMENT_ERROR (shz_assessment_error_quark ())

typedef enum {
  SHZ_ASSESSMENT_ERROR_UNKNOWN_NODE,      /* a link names a node the catalogues do not have */
  SHZ_ASSESSMENT_ERROR_UNKNOWN_ITEM,      /* a score names a framework/item that cannot be scored */
  SHZ_ASSESSMENT_ERROR_INVALID,           /* a score outside 0–5, a negative weight, a bad state … */
  SHZ_ASSESSMENT_ERROR_WRONG_KIND,        /* the dataset named is not a scores / links dataset */
} ShzAssessmentError;

GQuark shz_assessment_error_quark (void);

#define SHZ_SCORE_MIN 0.0
#define SHZ_SCORE_MAX 5.0

typedef enum {
  SHZ_STATE_AS_IS,
  SHZ_STATE_TO_BE,
} ShzAssessmentState;

/* "as-is"/"to-be", 现状/目标 (any case, also "asis", "current", "target"). */
gboolean    shz_assessment_state_from_string (const char         *s,
                                              ShzAssessmentState *out);
const char *shz_assessment_state_to_string   (ShzAssessmentState  state);

typedef struct {
  char               *framework;   /* catalogue ids */
  char               *item;
  double              score;       /* 0–5 */
  ShzAssessmentState  state;
  char               *note;        /* may be NULL */
  gint64              row_no;      /* 0 when not from a dataset */
} ShzAssessmentScore;

/* A row of a scores dataset with no score: the item is not assessed in that state and the row
 * only carries the item's note (written before any score, or kept when the last one was
 * cleared).  Not a score: the charts never see it; the editors show its note. */
typedef struct {
  char               *framework;   /* catalogue ids */
  char               *item;
  ShzAssessmentState  state;
  char               *note;        /* never NULL or empty */
  gint64              row_no;
} ShzAssessmentNote;

typedef struct {
  char               *source;      /* canonical node ids */
  char               *target;
  double              weight;      /* ≥ 0 */
  char               *kind;        /* transaction | interaction | experience */
  ShzAssessmentState  state;
  gint64              row_no;
} ShzAssessmentLink;

typedef enum {
  SHZ_LINK_UNCHANGED,
  SHZ_LINK_ADDED,          /* only to-be */
  SHZ_LINK_STRENGTHENED,   /* to-be weight > as-is weight */
  SHZ_LINK_WEAKENED,       /* to-be weight < as-is weight */
  SHZ_LINK_DROPPED,        /* only as-is */
} ShzLinkChange;

const char *shz_link_change_to_string (ShzLinkChange change);

/* One (source, target, kind) link across the two states; weights of repeated rows add up. */
typedef struct {
  const char    *source;
  const char    *target;
  const char    *kind;
  double         as_is;    /* 0 when absent */
  double         to_be;
  ShzLinkChange  change;
} ShzLinkDiff;

typedef struct _ShzAssessment ShzAssessment;

ShzAssessment *shz_assessment_new  (ShzCatalogue  *catalogue);   /* NULL: the default catalogue */
void           shz_assessment_free (ShzAssessment *assessment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzAssessment, shz_assessment_free)

/* Read the engagement's scores and links datasets: @scores_dataset / @links_dataset by name,
 * or NULL for the most recently imported of that kind (none is not an error: the assessment
 * is then empty on that side).  Names in the rows may be ids or zh/en labels (stores written
 * before imports kept ids); an unknown one is an error naming the dataset, the row and the
 * column.  A scores row with no score is a note (shz_assessment_get_note_nth), not a score. */
ShzAssessment *shz_assessment_load (ShzStore      *store,
                                    gint64         engagement_id,
                                    const char    *scores_dataset,
                                    const char    *links_dataset,
                                    GError       **error);

gboolean  shz_assessment_add_score (ShzAssessment      *assessment,
                                    const char         *framework,
                                    const char         *item,
                                    double              score,
                                    ShzAssessmentState  state,
                                    const char         *note,
                                    GError            **error);
gboolean  shz_assessment_add_link  (ShzAssessment      *assessment,
                                    const char         *source,
                                    const char         *target,
                                    double              weight,
                                    const char         *kind,
                                    ShzAssessmentState  state,
                                    GError            **error);

ShzCatalogue *shz_assessment_get_catalogue (ShzAssessment *assessment);

/* The score of @item in @framework (ids) for @state; FALSE when not assessed. */
gboolean  shz_assessment_get_score  (ShzAssessment      *assessment,
                                     const char         *framework,
                                     const char         *item,
                                     ShzAssessmentState  state,
                                     double             *score);
const char *shz_assessment_get_score_note (ShzAssessment      *assessment,
                                           const char         *framework,
                                           const char         *item,
                                           ShzAssessmentState  state);
/* Any score for @framework (in either state). */
gboolean  shz_assessment_has_scores (ShzAssessment      *assessment,
                                     const char         *framework);
gboolean  shz_assessment_has_links  (ShzAssessment      *assessment,
                                     ShzAssessmentState  state);

guint                     shz_assessment_get_n_scores (ShzAssessment *assessment);
const ShzAssessmentScore *shz_assessment_get_score_nth (ShzAssessment *assessment, guint i);
/* The rows that carry a note and no score, for items with no score in that state. */
guint                     shz_assessment_get_n_notes  (ShzAssessment *assessment);
const ShzAssessmentNote  *shz_assessment_get_note_nth (ShzAssessment *assessment, guint i);
guint                     shz_assessment_get_n_links  (ShzAssessment *assessment);
const ShzAssessmentLink  *shz_assessment_get_link     (ShzAssessment *assessment, guint i);

/* The as-is → to-be differences, one entry per (source, target, kind), in a stable order
 * (as first seen, as-is rows first).  Strings are borrowed from @assessment. */
GArray   *shz_assessment_diff_links (ShzAssessment *assessment);

/* Where the data came from, for notes on the charts. */
gint64      shz_assessment_get_scores_dataset_id (ShzAssessment *assessment);
gint64      shz_assessment_get_links_dataset_id  (ShzAssessment *assessment);
/* TRUE when a dataset it was read from is marked illustrative. */
gboolean    shz_assessment_is_illustrative       (ShzAssessment *assessment);

/* The demo engagement's illustrative assessment: a scores dataset (every framework) and a
 * links dataset (as-is chain-like links, to-be ring links), both marked illustrative.  Does
 * nothing when the engagement already has them.  Runs in one transaction. */
gboolean    shz_demo_add_assessment (ShzStore  *store,
                                     gint64     engagement_id,
                                     GError   **error);

G_END_DECLS
