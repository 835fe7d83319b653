/* shz-data-view.h — an engagement's Data tab: its datasets with their provenance, and
 * importing, opening, renaming and deleting them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "store/shz-store.h"

G_BEGIN_DECLS

#define SHZ_TYPE_DATA_VIEW (shz_data_view_get_type ())
G_DECLARE_FINAL_TYPE (ShzDataView, shz_data_view, SHZ, DATA_VIEW, AdwBin)

/* The name of a kind of dataset in the interface language ("Usage", "Positions", …). */
const char *shz_dataset_kind_label        (ShzDatasetKind kind);

GtkWidget *shz_data_view_new              (void);
/* Shows the datasets of @engagement_id (0: none) of @store, the window's connection, which
 * must stay valid until the next call; @store_path is used for the import and for the rows
 * windows, which open connections of their own.  Call again to re-read.  Before closing the
 * store, call shz_data_view_flush_deletes(): deletions waiting for their toast are made on it. */
void       shz_data_view_set_engagement   (ShzDataView *self,
                                           ShzStore    *store,
                                           const char  *store_path,
                                           gint64       engagement_id);
/* Opens the import dialog (with @file_or_null, e.g. a file dropped on the window). */
void       shz_data_view_import           (ShzDataView *self,
                                           GFile       *file_or_null);
/* What the Rename dialog does: the store's message when the name is empty or taken. */
gboolean   shz_data_view_rename_dataset   (ShzDataView *self,
                                           gint64       dataset_id,
                                           const char  *new_name,
                                           GError     **error);
/* What Delete does: the dataset disappears at once and is deleted when the undo toast goes
 * (or when the view changes engagement or goes away). */
void       shz_data_view_delete_dataset   (ShzDataView *self,
                                           gint64       dataset_id);
/* Undoes the pending deletion of @dataset_id; FALSE when there is none. */
gboolean   shz_data_view_undo_delete      (ShzDataView *self,
                                           gint64       dataset_id);
/* Deletes now what is waiting for its toast to go (no "changed": the caller re-reads). */
void       shz_data_view_flush_deletes    (ShzDataView *self);
/* The names of the datasets shown, in order (for tests). */
GStrv      shz_data_view_get_names        (ShzDataView *self);

/* Signal "changed": the view renamed, deleted or imported a dataset; the window re-reads.
 * Actions: "data.import", "data.open-rows" (x), "data.show-rejected" (x), "data.rename" (x),
 * "data.delete" (x), with the dataset id as parameter. */

G_END_DECLS
