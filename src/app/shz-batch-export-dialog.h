/* shz-batch-export-dialog.h — "Export All Charts": every chart of an engagement into a folder,
 * in the formats chosen (PNG, SVG, PDF) at one size preset, chart language and theme, client
 * names hidden or not.  The export runs in a thread on its own store connection through
 * shz_chart_batch_export(), what `shuzhi export --chart all` calls, with a progress bar and
 * Cancel; at the end the window shows "Exported N charts to FOLDER".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "charts/shz-chart.h"
#include "charts/shz-chart-batch.h"

G_BEGIN_DECLS

#define SHZ_TYPE_BATCH_EXPORT_DIALOG (shz_batch_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShzBatchExportDialog, shz_batch_export_dialog, SHZ, BATCH_EXPORT_DIALOG, AdwWindow)

/* Signals:
 *   ::finished (GPtrArray *written, GPtrArray *skipped, GError *error)
 *       an export ended.  @written: the paths written (char *), also when cancelled or failed
 *       part way; @skipped: ShzChartBatchSkip of the kinds left out; @error: NULL on success
 *       (the dialog then tells the window and closes itself), G_IO_ERROR_CANCELLED when
 *       cancelled (the dialog stays open).
 */

/* Engagement @engagement_id (named @engagement_name) of the store at @store_path.  Defaults:
 * PNG, the 16:9 slide preset, the Preferences' chart language, theme and "pseudonymise",
 * the folder "<Documents>/<engagement> charts". */
ShzBatchExportDialog *shz_batch_export_dialog_new (GtkWindow  *parent,
                                                   const char *store_path,
                                                   gint64      engagement_id,
                                                   const char *engagement_name);

/* SHZ_CHART_BATCH_FORMAT() bits. */
void         shz_batch_export_dialog_set_formats      (ShzBatchExportDialog *self,
                                                       guint                 formats);
guint        shz_batch_export_dialog_get_formats      (ShzBatchExportDialog *self);
/* "slide", "a4", "square" or "screen". */
void         shz_batch_export_dialog_set_preset       (ShzBatchExportDialog *self,
                                                       const char           *preset);
const char  *shz_batch_export_dialog_get_preset       (ShzBatchExportDialog *self);
void         shz_batch_export_dialog_set_lang         (ShzBatchExportDialog *self,
                                                       ShzChartLang          lang);
void         shz_batch_export_dialog_set_pseudonymise (ShzBatchExportDialog *self,
                                                       gboolean              pseudonymise);
gboolean     shz_batch_export_dialog_get_pseudonymise (ShzBatchExportDialog *self);
void         shz_batch_export_dialog_set_folder       (ShzBatchExportDialog *self,
                                                       const char           *folder);
const char  *shz_batch_export_dialog_get_folder       (ShzBatchExportDialog *self);
/* The options the dialog would export with (strings owned by the dialog). */
void         shz_batch_export_dialog_get_options      (ShzBatchExportDialog *self,
                                                       ShzChartBatchOptions *options);

/* What the Export button does; ::finished tells the outcome. */
void         shz_batch_export_dialog_export           (ShzBatchExportDialog *self);
/* What Cancel does while an export runs: it stops before the next file. */
void         shz_batch_export_dialog_cancel           (ShzBatchExportDialog *self);
gboolean     shz_batch_export_dialog_is_busy          (ShzBatchExportDialog *self);
/* The progress bar's fraction (0 to 1) and text, for tests. */
double       shz_batch_export_dialog_get_progress     (ShzBatchExportDialog *self,
                                                       const char          **text);

G_END_DECLS
