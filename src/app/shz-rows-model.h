/* shz-rows-model.h — a dataset's stored rows (or its kept rejections) as a GListModel that
 * knows its length up front and reads pages of rows on demand, on its own read-only
 * connection, so a view can scroll through millions of rows without loading them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  SHZ_ROWS_SOURCE_ROWS,        /* the accepted rows, in import order */
  SHZ_ROWS_SOURCE_REJECTIONS,  /* the kept rejected rows: row, column, reason */
} ShzRowsSource;

/* Rows per page read at once, and pages kept. */
#define SHZ_ROWS_MODEL_PAGE_SIZE 256
#define SHZ_ROWS_MODEL_N_PAGES   8

#define SHZ_TYPE_ROWS_ITEM (shz_rows_item_get_type ())
G_DECLARE_FINAL_TYPE (ShzRowsItem, shz_rows_item, SHZ, ROWS_ITEM, GObject)

/* A row of @values (taken), for views that show rows from elsewhere (the import preview). */
ShzRowsItem  *shz_rows_item_new          (guint        position,
                                          GStrv        values);
/* The text of column @column of this row ("" when empty or beyond the columns). */
const char   *shz_rows_item_get_value    (ShzRowsItem *self,
                                          guint        column);
guint         shz_rows_item_get_position (ShzRowsItem *self);

#define SHZ_TYPE_ROWS_MODEL (shz_rows_model_get_type ())
G_DECLARE_FINAL_TYPE (ShzRowsModel, shz_rows_model, SHZ, ROWS_MODEL, GObject)

/* Opens @store_path read-only and prepares the page query; fails when the dataset is gone. */
ShzRowsModel *shz_rows_model_new            (const char     *store_path,
                                             gint64          dataset_id,
                                             ShzRowsSource   source,
                                             GError        **error);
guint         shz_rows_model_get_n_columns  (ShzRowsModel   *self);
/* The stored column name ("row_no", "enterprise_id" …). */
const char   *shz_rows_model_get_column_name (ShzRowsModel  *self,
                                              guint          column);
/* A translated heading for the column: the import field's label where there is one. */
const char   *shz_rows_model_get_column_title (ShzRowsModel *self,
                                               guint         column);
/* TRUE when the column holds numbers (views align them to the right). */
gboolean      shz_rows_model_column_is_numeric (ShzRowsModel *self,
                                                guint         column);
const char   *shz_rows_model_get_dataset_name (ShzRowsModel *self);
/* How many rows have been read from the database so far (for tests: paging stays lazy). */
guint64       shz_rows_model_get_rows_fetched (ShzRowsModel *self);
/* The last read failure (a damaged store, a dataset deleted meanwhile), or NULL. */
const GError *shz_rows_model_get_error       (ShzRowsModel *self);

G_END_DECLS
