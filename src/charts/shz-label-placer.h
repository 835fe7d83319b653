/* shz-label-placer.h — automatic, deterministic label placement for any chart kind.
 *
 * After Theophil & Schödl, "An Efficient Algorithm for Scatter Chart Labeling" (AAAI 2006):
 * each label has candidate positions around its anchor (the 8 classic slots first, then rings
 * further out that need a leader line); labels are placed greedily, most constrained first,
 * into free space (no overlap with other labels, obstacles, or the bounds); then a seeded
 * local search (fixed seed: the same input gives the same output) swaps positions to lower the
 * total cost (distance from the anchor, leader lines, preferred slots).  Pinned labels keep
 * the offset a user gave them and become obstacles for the others.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "charts/shz-chart-geometry.h"

G_BEGIN_DECLS

typedef struct _ShzLabelPlacer ShzLabelPlacer;

typedef struct {
  /* results */
  ShzRect  rect;       /* where the label goes (valid when placed) */
  gboolean placed;     /* FALSE: no free space anywhere it could go; do not draw it */
  gboolean leader;     /* TRUE: far from its anchor; draw a leader line */
  double   leader_x, leader_y; /* where the leader line meets the label box */
} ShzLabelPlacement;

/* Labels are kept inside @bounds. */
ShzLabelPlacer *shz_label_placer_new            (const ShzRect *bounds);
void            shz_label_placer_free           (ShzLabelPlacer *placer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzLabelPlacer, shz_label_placer_free)

/* Something labels must not cover: a bubble, a legend, a title. */
void            shz_label_placer_add_circle     (ShzLabelPlacer *placer,
                                                 double          cx,
                                                 double          cy,
                                                 double          r);
void            shz_label_placer_add_rect       (ShzLabelPlacer *placer,
                                                 const ShzRect  *rect);
/* Minimum gap between a label and anything else (default 2 units). */
void            shz_label_placer_set_margin     (ShzLabelPlacer *placer,
                                                 double          margin);

/* A label of @width × @height for an item at (@x, @y) of radius @r (0 for a point); a higher
 * @priority is placed first.  Returns the label's index. The item itself is not an obstacle
 * for its own label beyond @r; add it with add_circle for the others. */
guint           shz_label_placer_add_label      (ShzLabelPlacer *placer,
                                                 double          x,
                                                 double          y,
                                                 double          r,
                                                 double          width,
                                                 double          height,
                                                 double          priority);
/* Label @i stays next to its anchor or is left out: no leader-line positions (texts such as
 * quadrant names whose place is their meaning). */
void            shz_label_placer_set_no_leader  (ShzLabelPlacer *placer,
                                                 guint           i);
/* Pin label @i with its top-left corner at (@x, @y) (a user-dragged label). */
void            shz_label_placer_pin            (ShzLabelPlacer *placer,
                                                 guint           i,
                                                 double          x,
                                                 double          y);

/* Place all labels (deterministic).  Returns the number placed. */
guint           shz_label_placer_run            (ShzLabelPlacer *placer);
const ShzLabelPlacement *shz_label_placer_get   (ShzLabelPlacer *placer,
                                                 guint           i);
guint           shz_label_placer_get_n_labels   (ShzLabelPlacer *placer);

G_END_DECLS
