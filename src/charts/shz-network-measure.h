/* shz-network-measure.h — text sizes for the value-network kinds' layouts, kept on the chart
 * from layout to layout (a drag lays the chart out at every pointer step with the same
 * texts), and labels cut to what fits on one line or a few: what the ring, the chain column
 * and the value chain's chevrons share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "charts/shz-network-chart.h"

G_BEGIN_DECLS

typedef struct {
  GHashTable *sizes;      /* key → double[2] */
  char       *context;    /* the text context they were measured in (language, resolution, …) */
} ShzNetMeasure;

/* The chart's sizes for @pango's context (emptied when the context changed). */
ShzNetMeasure *shz_net_measure_get       (ShzNetworkChart *chart,
                                          PangoContext    *pango);
/* shz_chart_text_measure(), through the sizes kept. */
void           shz_net_measure           (ShzNetMeasure   *measure,
                                          PangoContext    *pango,
                                          const char      *text,
                                          double           size,
                                          gboolean         bold,
                                          double           wrap,
                                          double          *width,
                                          double          *height);
/* shz_net_measure() as a ShzNetMeasureFunc (its data the ShzNetMeasure): set it on a layout
 * so that its node texts are measured through the same sizes. */
void           shz_net_measure_func      (gpointer         data,
                                          PangoContext    *pango,
                                          const char      *text,
                                          double           size,
                                          gboolean         bold,
                                          double           wrap,
                                          double          *width,
                                          double          *height);
/* @text on one line no wider than @width: itself, or its longest prefix that fits followed by
 * "…" (at least the first character and the ellipsis). */
char          *shz_net_measure_cut_line  (ShzNetMeasure   *measure,
                                          PangoContext    *pango,
                                          const char      *text,
                                          double           size,
                                          gboolean         bold,
                                          double           width);
/* @text wrapped at @width in at most @max_lines lines: itself, or its longest prefix that fits
 * followed by "…". */
char          *shz_net_measure_cut_lines (ShzNetMeasure   *measure,
                                          PangoContext    *pango,
                                          const char      *text,
                                          double           size,
                                          gboolean         bold,
                                          double           width,
                                          int              max_lines);

G_END_DECLS
