/* shz-import-dialog.h — the data-import pane: choose a file, see what the readers see
 * (format, encoding, delimiter, sheet, the first rows), choose the kind and map the columns,
 * see a validation summary, and import into an engagement off the UI thread, all or nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "analysis/shz-import.h"

G_BEGIN_DECLS

#define SHZ_TYPE_IMPORT_DIALOG (shz_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShzImportDialog, shz_import_dialog, SHZ, IMPORT_DIALOG, AdwWindow)

/* A modal dialog importing into @engagement_id of the store at @store_path (the import runs on
 * its own connection).  With @file_or_null (a drop on the window) the preview starts at once;
 * otherwise the dialog offers a file chooser.  Emits "imported" (gint64 dataset_id) after a
 * successful import, then closes. */
ShzImportDialog *shz_import_dialog_new (GtkWindow  *parent,
                                        const char *store_path,
                                        gint64      engagement_id,
                                        GFile      *file_or_null);

/* Previews @file (as if chosen in the file chooser). */
void             shz_import_dialog_set_file     (ShzImportDialog *self,
                                                 GFile           *file);

/* State, for the window and for tests. */
/* The latest preview (header, first rows, mapping, validation summary), or NULL. */
const ShzImportResult *shz_import_dialog_get_preview (ShzImportDialog *self);
ShzDatasetKind   shz_import_dialog_get_kind     (ShzImportDialog *self);
/* The mapping the import will use (the guess with the user's changes), or NULL. */
const ShzMapping *shz_import_dialog_get_mapping (ShzImportDialog *self);
/* Maps @column to field @field of the current kind (-1: ignore), as the column's dropdown does. */
void             shz_import_dialog_map_column   (ShzImportDialog *self,
                                                 guint            column,
                                                 int              field);
const char      *shz_import_dialog_get_dataset_name (ShzImportDialog *self);
void             shz_import_dialog_set_dataset_name (ShzImportDialog *self,
                                                     const char      *name);
/* TRUE while a preview or an import is running. */
gboolean         shz_import_dialog_is_busy      (ShzImportDialog *self);
gboolean         shz_import_dialog_is_importing (ShzImportDialog *self);
/* The message shown after a failed or cancelled import or an unreadable file, or NULL. */
const char      *shz_import_dialog_get_message  (ShzImportDialog *self);

/* Actions: "import.choose", "import.start", "import.cancel" (cancels a running import, or
 * closes the dialog). */

G_END_DECLS
