/* shz-export-dialog.h — export one chart of an engagement to PNG, SVG or PDF: format, size
 * preset or custom size and DPI, chart language and theme, client names hidden or not, and the
 * file.  The export runs in a
 * thread on its own store connection through the same code as `shuzhi export`, so the window
 * and the command line write the same file for the same options.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "charts/shz-chart.h"
#include "charts/shz-chart-export.h"

G_BEGIN_DECLS

#define SHZ_TYPE_EXPORT_DIALOG (shz_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShzExportDialog, shz_export_dialog, SHZ, EXPORT_DIALOG, AdwWindow)

/* Signals:
 *   ::finished (const char *path, GError *error)   an export ended: @error NULL on success
 *                                                  (the dialog then closes itself)
 */

/* The chart as saved with engagement @engagement_id of the store at @store_path, with the data
 * the page shows (@dataset, @period: NULL for what the chart picks) in @lang and @theme. */
ShzExportDialog *shz_export_dialog_new          (GtkWindow        *parent,
                                                 const char       *store_path,
                                                 gint64            engagement_id,
                                                 const char       *kind,
                                                 const char       *dataset,
                                                 const char       *period,
                                                 ShzChartLang      lang,
                                                 ShzChartThemeId   theme,
                                                 const char       *basename);

void             shz_export_dialog_set_format   (ShzExportDialog  *self,
                                                 ShzExportFormat   format);
/* "slide", "a4", "square", "screen" or "custom". */
void             shz_export_dialog_set_preset   (ShzExportDialog  *self,
                                                 const char       *preset);
/* Custom size in pixels at @dpi (switches the preset to "custom"). */
void             shz_export_dialog_set_custom_size (ShzExportDialog *self,
                                                    int              width_px,
                                                    int              height_px,
                                                    double           dpi);
void             shz_export_dialog_set_lang     (ShzExportDialog  *self,
                                                 ShzChartLang      lang);
/* "Hide client names": client and enterprises as "Company A" … (default: the Preferences'). */
void             shz_export_dialog_set_pseudonymise (ShzExportDialog *self,
                                                     gboolean         pseudonymise);
gboolean         shz_export_dialog_get_pseudonymise (ShzExportDialog *self);
void             shz_export_dialog_set_path     (ShzExportDialog  *self,
                                                 const char       *path);
const char      *shz_export_dialog_get_path     (ShzExportDialog  *self);
/* The options the dialog would export with (what `shuzhi export` gets from the same choices). */
void             shz_export_dialog_get_options  (ShzExportDialog  *self,
                                                 ShzExportOptions *options);
/* Start the export (what the Export button does); ::finished tells the outcome. */
void             shz_export_dialog_export       (ShzExportDialog  *self);
gboolean         shz_export_dialog_is_busy      (ShzExportDialog  *self);

G_END_DECLS
