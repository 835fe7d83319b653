/* shz-rows-view.h — a window showing a dataset's stored rows (or its rejected rows) in a table
 * that scrolls through millions of rows, read a page at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "shz-rows-model.h"

G_BEGIN_DECLS

#define SHZ_TYPE_ROWS_VIEW (shz_rows_view_get_type ())
G_DECLARE_FINAL_TYPE (ShzRowsView, shz_rows_view, SHZ, ROWS_VIEW, AdwWindow)

/* NULL with @error when the store or the dataset cannot be read. */
ShzRowsView  *shz_rows_view_new       (GtkWindow      *parent,
                                       const char     *store_path,
                                       gint64          dataset_id,
                                       ShzRowsSource   source,
                                       GError        **error);
ShzRowsModel *shz_rows_view_get_model (ShzRowsView    *self);
GtkColumnView *shz_rows_view_get_column_view (ShzRowsView *self);

G_END_DECLS
