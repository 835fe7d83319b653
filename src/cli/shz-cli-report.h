/* shz-cli-report.h — `shuzhi export … --format report`: the multi-page PDF report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @kind: "all" or one chart kind; @output: a .pdf file, or a folder (DIR/report.pdf).
 * @pseudonymise: client and enterprises as "Company A" …  Returns an exit status. */
int shz_cli_export_report (const char *store_path,
                           const char *engagement,
                           const char *kind,
                           const char *output,
                           const char *lang,
                           const char *dataset,
                           const char *period,
                           const char *theme,
                           gboolean    pseudonymise);

G_END_DECLS
