/* shz-network-ring.h — the two network pictures the value-network kinds share: the ring around
 * the consumer (全链路环式价值网) and the one-way chain drawn as a column (单向链式价值链), each
 * laid out inside a rectangle with its links.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "charts/shz-network-chart.h"

G_BEGIN_DECLS

typedef struct {
  const char *source;       /* canonical node ids */
  const char *target;
  const char *kind;
  double      weight;
  ShzColor    color;
  gboolean    dashed;
  const char *note;         /* appended to the link's description, or NULL */
} ShzRingLink;

/* Lay out the value network inside @area: the consumer at the centre, the data streams on an
 * inner ring, the business elements on the ring, the supporting elements in the corners, the
 * audience (增量消费群体, with its relation) beside; nodes shaded by the value-network scores
 * of @state; @links drawn with width ∝ weight (relative to @max_weight) and arrowheads.
 * Geometry (strokes, link widths) goes with @unit, text with @text_unit; node labels wrap, and
 * the text shrinks (never below the legible size while the ring can hold it) until nothing
 * overlaps. */
void shz_network_ring_build  (ShzNetworkChart    *chart,
                              ShzNetLayout       *layout,
                              PangoContext       *pango,
                              const ShzRect      *area,
                              double              unit,
                              double              text_unit,
                              ShzAssessmentState  state,
                              const ShzRingLink  *links,
                              guint               n_links,
                              double              max_weight,
                              gboolean            with_audience);

/* Lay out the one-way chain as a column inside @area: the value chain's stages top to bottom
 * and the existing consumer base (node id "consumer", or the value network's centre's) at the
 * end, other linked nodes in a side column, nodes shaded by the value-chain scores of @state.
 * When one column cannot hold the stages' boxes at the legible size, the column wraps into
 * several, snaking (down, up, down …) so that each link to the next stage stays short, with
 * labels cut to one line (the whole label is the node's description). */
void shz_network_chain_build (ShzNetworkChart    *chart,
                              ShzNetLayout       *layout,
                              PangoContext       *pango,
                              const ShzRect      *area,
                              double              unit,
                              double              text_unit,
                              ShzAssessmentState  state,
                              const ShzRingLink  *links,
                              guint               n_links,
                              double              max_weight);

/* The width the chain column wants inside a panel @height high on a canvas of @width ×
 * @canvas_height, when its stages are too many for one column of legible boxes and wrap into
 * several (0: one column holds them). */
double shz_network_chain_want_width (ShzNetworkChart   *chart,
                                     PangoContext      *pango,
                                     double             width,
                                     double             canvas_height,
                                     double             height,
                                     double             unit,
                                     double             text_unit,
                                     const ShzRingLink *links,
                                     guint              n_links);

/* Link width for @weight out of @max_weight. */
double shz_network_link_width (double weight,
                               double max_weight,
                               double unit);

G_END_DECLS
