/* shz-report.h — a multi-page PDF report of an engagement: a title page (engagement, client,
 * analyst, date), then one chart a page — every kind that has data — with its notes and source
 * line, in Chinese or English, drawn by each chart's one render function.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "charts/shz-chart.h"

G_BEGIN_DECLS

typedef struct {
  ShzChartLang        lang;
  const char * const *kinds;     /* NULL: every kind, in the registry's order */
  const char         *dataset;   /* NULL: each kind picks */
  const char         *period;    /* NULL: latest or all */
  const char         *theme;     /* NULL: as saved with each chart */
  const char         *date;      /* NULL: today (YYYY-MM-DD) */
  gboolean            pseudonymise; /* client and enterprises as "企业 A" / "Company A" … */
} ShzReportOptions;

void        shz_report_options_init (ShzReportOptions *options);

/* Write the report to @path (A4 landscape; written beside it and renamed).  @n_charts: the
 * chart pages written (the title page is one more).  Kinds without data are left out; a report
 * with no chart at all is an error (SHZ_CHART_ERROR_NO_DATA), and nothing is written. */
gboolean    shz_report_write        (ShzStore               *store,
                                     gint64                  engagement_id,
                                     const ShzReportOptions *options,
                                     const char             *path,
                                     guint                  *n_charts,
                                     GError                **error);

G_END_DECLS
