/* shz-network-chart.h — the base of the value-network chart kinds (value-chain, value-network,
 * network-compare, rhc-chains, evolution-paths): loads the engagement's assessment, keeps the
 * ShzNetLayout its subclass builds, draws it with the one renderer, hit-tests it, and lays out
 * the frame every kind shares (title, subtitle, legend, the "not assessed yet" or
 * "illustrative" note, the source line).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "charts/shz-chart.h"
#include "charts/shz-network-layout.h"
#include "analysis/shz-assessment.h"

G_BEGIN_DECLS

#define SHZ_TYPE_NETWORK_CHART (shz_network_chart_get_type ())
G_DECLARE_DERIVABLE_TYPE (ShzNetworkChart, shz_network_chart, SHZ, NETWORK_CHART, ShzChart)

struct _ShzNetworkChartClass
{
  ShzChartClass parent_class;

  /* The catalogue framework whose label is the title. */
  const char *framework;

  /* Fill @layout (already sized, with its background) for the chart's language and theme. */
  void (*build) (ShzNetworkChart *self,
                 ShzNetLayout    *layout,
                 PangoContext    *pango);

  gpointer padding[4];
};

typedef enum {
  SHZ_NET_LEGEND_SWATCH,
  SHZ_NET_LEGEND_SWATCH_DASHED,  /* outline only, dashed: "not assessed" */
  SHZ_NET_LEGEND_LINE,
  SHZ_NET_LEGEND_LINE_DASHED,
} ShzNetLegendStyle;

typedef struct {
  ShzColor           color;
  const char        *label;
  ShzNetLegendStyle  style;
} ShzNetLegendEntry;

/* The assessment drawn (never NULL: empty until loaded). */
ShzAssessment *shz_network_chart_get_assessment (ShzNetworkChart *self);
/* Use @assessment (taken) instead of loading one — for the editor and tests. */
void           shz_network_chart_set_assessment (ShzNetworkChart *self,
                                                 ShzAssessment   *assessment);
/* The client's name for the subtitle, or NULL. */
void           shz_network_chart_set_client     (ShzNetworkChart *self,
                                                 const char      *client);
/* The last layout (NULL before the first). */
ShzNetLayout  *shz_network_chart_get_layout     (ShzNetworkChart *self);

/* Layout edits (see ShzChartClass): in the kinds drawing the value network's ring
 * (value-network, network-compare) its nodes can be moved by hand.  The settings keep, per node
 * id, the position of the node's centre as fractions (0–1) of the ring's area, in the group
 * [layout]: nodes=ID;ID;… positions=X;Y;X;Y;…  At most SHZ_NETWORK_MAX_MOVED entries are read;
 * non-finite positions and over-long ids are dropped, the rest clamped to 0–1. */
#define SHZ_NETWORK_MAX_MOVED 256

/* Where @id was moved to (fractions of its area); FALSE when it was not. */
gboolean       shz_network_chart_get_moved      (ShzNetworkChart *self,
                                                 const char      *id,
                                                 double          *fx,
                                                 double          *fy);
/* Put @id at (@fx, @fy) of its area (clamped to 0–1) and invalidate; NaN forgets it. */
void           shz_network_chart_set_moved      (ShzNetworkChart *self,
                                                 const char      *id,
                                                 double           fx,
                                                 double           fy);
guint          shz_network_chart_get_n_moved    (ShzNetworkChart *self);

/* ---- for subclasses ---- */

const ShzCatFramework *shz_network_chart_get_framework (ShzNetworkChart *self,
                                                        const char      *id);
const char    *shz_network_chart_tr      (ShzNetworkChart     *self,
                                          const ShzCatText    *text);
const char    *shz_network_chart_tr2     (ShzNetworkChart     *self,
                                          const char          *zh,
                                          const char          *en);
/* A size unit for the canvas's geometry (margins, strokes, gaps): 1 at 1200 × 800, smaller or
 * larger with it. */
double         shz_network_chart_unit    (double               width,
                                          double               height);
/* The size unit of the text, apart from the geometry's: it follows the canvas above 1200 × 800
 * (exports) but never falls below 1 on a canvas of a chart pane's size (560 × 650 and up), so
 * that body text stays at 11 px or more there; smaller only on smaller canvases. */
double         shz_network_chart_text_unit (double             width,
                                            double             height);
/* The smallest legible text size on the canvas (11 px from 560 × 650 up): what texts shrink to
 * before they are ellipsised. */
double         shz_network_chart_legible (double               width,
                                          double               height);
/* Title, subtitle, legend (bottom) and notes, their text sized by the canvas's text unit; returns
 * the rectangle left for the drawing. */
ShzRect        shz_network_chart_frame   (ShzNetworkChart         *self,
                                          ShzNetLayout            *layout,
                                          PangoContext            *pango,
                                          double                   unit,
                                          const char              *subtitle,
                                          const ShzNetLegendEntry *legend,
                                          guint                    n_legend,
                                          gboolean                 assessed);
/* The score ramp as legend entries (0 … 5 and "not assessed"): fills @entries (7). */
guint          shz_network_chart_score_legend (ShzNetworkChart   *self,
                                               ShzNetLegendEntry *entries);
/* Fill and stroke of a node for a score (NAN: not assessed). */
void           shz_network_chart_score_style (ShzNetworkChart *self,
                                              double           score,
                                              ShzColor        *fill,
                                              ShzColor        *stroke,
                                              gboolean        *dashed);

G_END_DECLS
