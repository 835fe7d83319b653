/* shz-chart-batch.h — every chart of an engagement (or a list of kinds) to a folder, in one or
 * more formats at one size, through shz_chart_export(): what `shuzhi export --chart all` and the
 * window's "Export All Charts" both call.
 *
 * File names: FOLDER/<kind>.<ext>, the kind's stable id (maturity-map.png, value-chain.svg …)
 * and the format's extension.  A file of that name is replaced, atomically (written beside it,
 * then renamed).  Kinds that cannot be drawn (no data) are skipped, each with
 * its reason; a write that fails stops the batch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "charts/shz-chart.h"
#include "charts/shz-chart-export.h"

G_BEGIN_DECLS

/* A bit of ShzChartBatchOptions.formats. */
#define SHZ_CHART_BATCH_FORMAT(format) (1u << (format))
#define SHZ_CHART_BATCH_ALL_FORMATS   (SHZ_CHART_BATCH_FORMAT (SHZ_EXPORT_PNG) | \
                                       SHZ_CHART_BATCH_FORMAT (SHZ_EXPORT_SVG) | \
                                       SHZ_CHART_BATCH_FORMAT (SHZ_EXPORT_PDF))

typedef struct {
  const char * const *kinds;        /* NULL: every kind, in the registry's order */
  guint               formats;      /* SHZ_CHART_BATCH_FORMAT() bits; 0: PNG */
  const char         *preset;       /* "slide", "a4", "square", "screen"; NULL: @size */
  ShzExportOptions    size;         /* without a preset: pixel or physical size and dpi (its
                                     * format is ignored; init: 1600 × 1200 px at 96 dpi) */
  const char         *lang;         /* "zh_CN" or "en"; NULL: as saved with each chart */
  const char         *theme;        /* "light" or "dark"; NULL: as saved with each chart */
  const char         *dataset;      /* NULL: each kind picks */
  const char         *period;       /* NULL: as saved, else latest or all */
  gboolean            pseudonymise; /* client and enterprises as "企业 A" / "Company A" …, drawn
                                     * from a pseudonymised copy, as the report does */
} ShzChartBatchOptions;

void shz_chart_batch_options_init (ShzChartBatchOptions *options);

typedef enum {
  SHZ_CHART_BATCH_WRITING,   /* @path is about to be written */
  SHZ_CHART_BATCH_WROTE,     /* @path was written */
  SHZ_CHART_BATCH_SKIPPED,   /* @kind cannot be drawn (@reason); its files count as done */
} ShzChartBatchStep;

/* Called in the thread running the batch.  @done of @total files (kinds × formats) are finished;
 * @path is NULL for SKIPPED, @reason NULL otherwise. */
typedef void (*ShzChartBatchProgress) (ShzChartBatchStep  step,
                                       guint              done,
                                       guint              total,
                                       const char        *kind,
                                       const char        *path,
                                       const GError      *reason,
                                       gpointer           user_data);

/* A kind left out, and why (a message for the user; code SHZ_CHART_ERROR_NO_DATA,
 * _NOT_IMPLEMENTED, _UNKNOWN_KIND …). */
typedef struct {
  char   *kind;
  GError *reason;
} ShzChartBatchSkip;

void shz_chart_batch_skip_free (ShzChartBatchSkip *skip);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzChartBatchSkip, shz_chart_batch_skip_free)

/* Export the charts of engagement @engagement_id of @store into @folder (created if missing).
 * Returns the paths written (char *, in kind then format order), or NULL with @error:
 * bad options (SHZ_CHART_ERROR_INVALID), a folder or file that cannot be written
 * (SHZ_CHART_ERROR_IO), no kind could be drawn (SHZ_CHART_ERROR_NO_DATA), cancelled
 * (G_IO_ERROR_CANCELLED: checked before each file; the files already written stay, whole —
 * never a partial one).  @skipped (may be NULL) gets the ShzChartBatchSkip of the kinds left out,
 * also on error.  @progress may be NULL. */
GPtrArray *shz_chart_batch_export (ShzStore                   *store,
                                   gint64                      engagement_id,
                                   const ShzChartBatchOptions *options,
                                   const char                 *folder,
                                   ShzChartBatchProgress       progress,
                                   gpointer                    user_data,
                                   GPtrArray                 **skipped,
                                   GCancellable               *cancellable,
                                   GError                    **error);

/* One chart of @kind, loaded as the batch loads each chart, written to @path in @format
 * (@options' kinds and formats are not used; pseudonymise makes a copy for this one chart). */
gboolean   shz_chart_export_kind     (ShzStore                   *store,
                                      gint64                      engagement_id,
                                      const char                 *kind,
                                      const ShzChartBatchOptions *options,
                                      ShzExportFormat             format,
                                      const char                 *path,
                                      GError                    **error);

/* The file a kind is written to in @folder: FOLDER/<kind>.<ext>. */
char      *shz_chart_batch_file_name (const char      *folder,
                                      const char      *kind,
                                      ShzExportFormat  format);

G_END_DECLS
