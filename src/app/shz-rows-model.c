/* shz-rows-model.c — a lazily paged GListModel over a dataset's stored rows.
 *
 * The length comes from the dataset's row count; rows are read SHZ_ROWS_MODEL_PAGE_SIZE at a
 * time with a keyset query (rowid >= anchor ORDER BY rowid LIMIT n) and the last few pages are
 * kept.  An import writes a dataset's rows in one transaction, so their rowids are normally
 * consecutive and page p starts at min(rowid) + p × page size: any page is one indexed seek.
 * When they are not (a store written some other way), page anchors are found by walking the
 * dataset's index only (rowids, not rows), from the nearest anchor already known.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-app"

#include "config.h"

#include <glib/gi18n.h>

#include "analysis/shz-fields.h"
#include "store/shz-store.h"

#include "shz-rows-model.h"

/* ---- ShzRowsItem ---- */

struct _ShzRowsItem {
  GObject  parent_instance;
  guint    position;
  guint    n_values;
  char   **values;
};

G_DEFINE_FINAL_TYPE (ShzRowsItem, shz_rows_item, G_TYPE_OBJECT)

static void
shz_rows_item_finalize (GObject *object)
{
  ShzRowsItem *self = SHZ_ROWS_ITEM (object);

  g_strfreev (self->values);
  G_OBJECT_CLASS (shz_rows_item_parent_class)->finalize (object);
}

static void
shz_rows_item_class_init (ShzRowsItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shz_rows_item_finalize;
}

static void
shz_rows_item_init (ShzRowsItem *self)
{
}

ShzRowsItem *
shz_rows_item_new (guint position,
                   GStrv values)
{
  ShzRowsItem *self = g_object_new (SHZ_TYPE_ROWS_ITEM, NULL);

  self->position = position;
  self->values = values;
  self->n_values = values ? g_strv_length (values) : 0;
  return self;
}

const char *
shz_rows_item_get_value (ShzRowsItem *self,
                         guint        column)
{
  g_return_val_if_fail (SHZ_IS_ROWS_ITEM (self), "");
  if (column >= self->n_values || self->values[column] == NULL)
    return "";
  return self->values[column];
}

guint
shz_rows_item_get_position (ShzRowsItem *self)
{
  g_return_val_if_fail (SHZ_IS_ROWS_ITEM (self), 0);
  return self->position;
}

/* ---- the queries, one set per table ---- */

typedef struct {
  const char *page_sql;    /* ?1 dataset, ?2 first rowid, ?3 limit: rowid then the columns */
  const char *skip_sql;    /* the same over the index only: rowids */
  const char *min_sql;
  const char *max_sql;
  const char *count_sql;
  const char *columns[15]; /* NULL-terminated stored names */
} TableQueries;

#define PAGE(cols, table) \
  "SELECT rowid, " cols " FROM " table " WHERE dataset_id = ?1 AND rowid >= ?2 ORDER BY rowid LIMIT ?3"
#define SKIP(table) \
  "SELECT rowid FROM " table " WHERE dataset_id = ?1 AND rowid >= ?2 ORDER BY rowid LIMIT ?3"
#define Q_MIN(table) "SELECT min(rowid) FROM " table " WHERE dataset_id = ?1"
#define Q_MAX(table) "SELECT max(rowid) FROM " table " WHERE dataset_id = ?1"
#define COUNT(table) "SELECT count(*) FROM " table " WHERE dataset_id = ?1"
#define TABLE(cols, table) PAGE (cols, table), SKIP (table), Q_MIN (table), Q_MAX (table), COUNT (table)

#define USAGE_COLS "row_no, enterprise_id, enterprise_name, industry, region, period, category, product, spend"
#define POSITION_COLS "row_no, entity, grp, period, maturity, innovation, size, is_client, " \
                      "maturity_lo, maturity_hi, innovation_lo, innovation_hi, n, low_sample"
#define LINK_COLS "row_no, source, target, weight, type, state"
#define SCORE_COLS "row_no, framework, item, score, state, note"
#define REJECTION_COLS "row_no, col, reason"

/* Indexed by ShzDatasetKind, then the rejections. */
static const TableQueries table_queries[] = {
  { TABLE (USAGE_COLS, "usage_row"),
    { "row_no", "enterprise_id", "enterprise_name", "industry", "region", "period", "category",
      "product", "spend", NULL } },
  { TABLE (POSITION_COLS, "position_row"),
    { "row_no", "entity", "group", "period", "maturity", "innovation", "size", "is_client",
      "maturity_lo", "maturity_hi", "innovation_lo", "innovation_hi", "n", "low_sample", NULL } },
  { TABLE (LINK_COLS, "link_row"),
    { "row_no", "source", "target", "weight", "type", "state", NULL } },
  { TABLE (SCORE_COLS, "score_row"),
    { "row_no", "framework", "item", "score", "state", "note", NULL } },
  { TABLE (REJECTION_COLS, "rejection"),
    { "row_no", "column", "reason", NULL } },
};

#undef PAGE
#undef SKIP
#undef Q_MIN
#undef Q_MAX
#undef COUNT
#undef TABLE

static const char *const numeric_columns[] = {
  "row_no", "spend", "maturity", "innovation", "size", "maturity_lo", "maturity_hi",
  "innovation_lo", "innovation_hi", "n", "weight", "score", NULL
};

/* Headings for stored columns that are not import fields. */
static const struct {
  const char *name;
  const char *title;
} extra_titles[] = {
  { "row_no", N_("Row") },
  { "column", N_("Column") },
  { "reason", N_("Reason") },
  { "maturity_lo", N_("Maturity, low") },
  { "maturity_hi", N_("Maturity, high") },
  { "innovation_lo", N_("Innovation, low") },
  { "innovation_hi", N_("Innovation, high") },
  { "n", N_("Sample size") },
  { "low_sample", N_("Low sample") },
};

/* ---- ShzRowsModel ---- */

typedef struct {
  guint      index;
  guint64    stamp;    /* last use, for eviction */
  GPtrArray *items;    /* of ShzRowsItem */
} Page;

struct _ShzRowsModel {
  GObject              parent_instance;

  ShzStore            *store;
  sqlite3_stmt        *page_stmt;
  sqlite3_stmt        *skip_stmt;
  const TableQueries  *queries;
  ShzDatasetKind       kind;
  char                *dataset_name;
  GPtrArray           *titles;       /* of char* */

  guint                n_items;
  guint                n_columns;
  gboolean             consecutive;  /* rowids min … min + n_items - 1 */
  gint64               first_rowid;
  GArray              *anchors;      /* gint64: a lower bound of each page's first rowid */

  Page                 pages[SHZ_ROWS_MODEL_N_PAGES];
  guint64              clock;
  guint64              rows_fetched;
  GError              *error;
};

static void shz_rows_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShzRowsModel, shz_rows_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, shz_rows_model_list_model_init))

static void
remember_error (ShzRowsModel *self,
                const char   *what)
{
  if (self->error)
    return;
  shz_store_set_sqlite_error (self->store, &self->error, what);
  g_debug ("rows model: %s", self->error->message);
}

static gboolean
query_int64 (ShzRowsModel *self,
             const char   *sql,
             gint64        dataset_id,
             gint64       *out,
             gboolean     *is_null,
             GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (shz_store_get_db (self->store), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      shz_store_set_sqlite_error (self->store, error, _("read the rows"));
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, dataset_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *is_null = sqlite3_column_type (stmt, 0) == SQLITE_NULL;
      *out = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      shz_store_set_sqlite_error (self->store, error, _("read the rows"));
      return FALSE;
    }
  return TRUE;
}

/* Makes sure self->anchors reaches @page, walking rowids from the last known anchor. */
static gboolean
find_anchor (ShzRowsModel *self,
             guint         page,
             gint64       *anchor)
{
  while (self->anchors->len <= page)
    {
      gint64 from = g_array_index (self->anchors, gint64, self->anchors->len - 1);
      gint64 last = from - 1;
      int rc;

      sqlite3_reset (self->skip_stmt);
      sqlite3_bind_int64 (self->skip_stmt, 2, from);
      sqlite3_bind_int64 (self->skip_stmt, 3, SHZ_ROWS_MODEL_PAGE_SIZE);
      while ((rc = sqlite3_step (self->skip_stmt)) == SQLITE_ROW)
        last = sqlite3_column_int64 (self->skip_stmt, 0);
      if (rc != SQLITE_DONE)
        {
          remember_error (self, _("read the rows"));
          return FALSE;
        }
      last++;
      g_array_append_val (self->anchors, last);
    }
  *anchor = g_array_index (self->anchors, gint64, page);
  return TRUE;
}

static char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  switch (sqlite3_column_type (stmt, col))
    {
    case SQLITE_NULL:
      return NULL;
    case SQLITE_FLOAT:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        /* Shortest text that reads back as the same double, as `shuzhi rows` prints it. */
        return g_strdup (g_ascii_dtostr (buf, sizeof buf, sqlite3_column_double (stmt, col)));
      }
    default:
      return g_strdup ((const char *) sqlite3_column_text (stmt, col));
    }
}

static void
fetch_page (ShzRowsModel *self,
            Page         *slot,
            guint         page)
{
  guint first = page * SHZ_ROWS_MODEL_PAGE_SIZE;
  guint count = MIN (SHZ_ROWS_MODEL_PAGE_SIZE, self->n_items - first);
  gint64 anchor = 0;
  gboolean ok = TRUE;

  g_clear_pointer (&slot->items, g_ptr_array_unref);
  slot->index = page;
  slot->items = g_ptr_array_new_full (count, g_object_unref);

  if (self->consecutive)
    anchor = self->first_rowid + first;
  else
    ok = find_anchor (self, page, &anchor);

  if (ok)
    {
      int rc = SQLITE_DONE;

      sqlite3_reset (self->page_stmt);
      sqlite3_bind_int64 (self->page_stmt, 2, anchor);
      sqlite3_bind_int64 (self->page_stmt, 3, count);
      while (slot->items->len < count && (rc = sqlite3_step (self->page_stmt)) == SQLITE_ROW)
        {
          ShzRowsItem *item = g_object_new (SHZ_TYPE_ROWS_ITEM, NULL);

          item->position = first + slot->items->len;
          item->n_values = self->n_columns;
          item->values = g_new0 (char *, self->n_columns + 1);
          for (guint c = 0; c < self->n_columns; c++)
            item->values[c] = column_text (self->page_stmt, c + 1);
          g_ptr_array_add (slot->items, item);
          if (!self->consecutive && slot->items->len == count && self->anchors->len == page + 1)
            {
              gint64 next = sqlite3_column_int64 (self->page_stmt, 0) + 1;
              g_array_append_val (self->anchors, next);
            }
        }
      if (slot->items->len < count && rc != SQLITE_DONE)
        remember_error (self, _("read the rows"));
      sqlite3_reset (self->page_stmt);
      self->rows_fetched += slot->items->len;
    }

  /* The dataset changed under us (deleted meanwhile): show empty rows, never fail the view. */
  while (slot->items->len < count)
    {
      ShzRowsItem *item = g_object_new (SHZ_TYPE_ROWS_ITEM, NULL);

      item->position = first + slot->items->len;
      g_ptr_array_add (slot->items, item);
    }
}

static GType
shz_rows_model_get_item_type (GListModel *model)
{
  return SHZ_TYPE_ROWS_ITEM;
}

static guint
shz_rows_model_get_n_items (GListModel *model)
{
  return SHZ_ROWS_MODEL (model)->n_items;
}

static gpointer
shz_rows_model_get_item (GListModel *model,
                         guint       position)
{
  ShzRowsModel *self = SHZ_ROWS_MODEL (model);
  guint page = position / SHZ_ROWS_MODEL_PAGE_SIZE;
  Page *slot = NULL;

  if (position >= self->n_items)
    return NULL;

  for (guint i = 0; i < SHZ_ROWS_MODEL_N_PAGES; i++)
    if (self->pages[i].items && self->pages[i].index == page)
      {
        slot = &self->pages[i];
        break;
      }
  if (slot == NULL)
    {
      /* an empty slot, or the least recently used */
      slot = &self->pages[0];
      for (guint i = 0; i < SHZ_ROWS_MODEL_N_PAGES; i++)
        {
          if (self->pages[i].items == NULL)
            {
              slot = &self->pages[i];
              break;
            }
          if (self->pages[i].stamp < slot->stamp)
            slot = &self->pages[i];
        }
      fetch_page (self, slot, page);
    }
  slot->stamp = ++self->clock;
  return g_object_ref (g_ptr_array_index (slot->items, position - page * SHZ_ROWS_MODEL_PAGE_SIZE));
}

static void
shz_rows_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = shz_rows_model_get_item_type;
  iface->get_n_items = shz_rows_model_get_n_items;
  iface->get_item = shz_rows_model_get_item;
}

static void
shz_rows_model_finalize (GObject *object)
{
  ShzRowsModel *self = SHZ_ROWS_MODEL (object);

  for (guint i = 0; i < SHZ_ROWS_MODEL_N_PAGES; i++)
    g_clear_pointer (&self->pages[i].items, g_ptr_array_unref);
  g_clear_pointer (&self->page_stmt, sqlite3_finalize);
  g_clear_pointer (&self->skip_stmt, sqlite3_finalize);
  g_clear_pointer (&self->store, shz_store_free);
  g_clear_pointer (&self->anchors, g_array_unref);
  g_clear_pointer (&self->titles, g_ptr_array_unref);
  g_clear_pointer (&self->dataset_name, g_free);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (shz_rows_model_parent_class)->finalize (object);
}

static void
shz_rows_model_class_init (ShzRowsModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shz_rows_model_finalize;
}

static void
shz_rows_model_init (ShzRowsModel *self)
{
  self->anchors = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->titles = g_ptr_array_new_with_free_func (g_free);
}

static char *
make_title (ShzDatasetKind  kind,
            const char     *name)
{
  int field;

  for (guint i = 0; i < G_N_ELEMENTS (extra_titles); i++)
    if (g_str_equal (extra_titles[i].name, name))
      return g_strdup (_(extra_titles[i].title));
  field = shz_fields_find (kind, name);
  if (field >= 0)
    {
      guint n;
      const ShzField *fields = shz_fields_get (kind, &n);
      return g_strdup (_(fields[field].label));
    }
  return g_strdup (name);
}

ShzRowsModel *
shz_rows_model_new (const char     *store_path,
                    gint64          dataset_id,
                    ShzRowsSource   source,
                    GError        **error)
{
  g_autoptr(ShzRowsModel) self = g_object_new (SHZ_TYPE_ROWS_MODEL, NULL);
  g_autoptr(ShzDataset) dataset = NULL;
  sqlite3 *db;
  gint64 count = 0, lo = 0, hi = 0;
  gboolean lo_null = TRUE, hi_null = TRUE, null;

  g_return_val_if_fail (store_path != NULL, NULL);

  self->store = shz_store_open (store_path, SHZ_STORE_OPEN_READ_ONLY, error);
  if (self->store == NULL)
    return NULL;
  dataset = shz_store_get_dataset (self->store, dataset_id, error);
  if (dataset == NULL)
    return NULL;
  self->kind = dataset->kind;
  self->dataset_name = g_strdup (dataset->name);
  self->queries = &table_queries[source == SHZ_ROWS_SOURCE_REJECTIONS ? G_N_ELEMENTS (table_queries) - 1
                                                                      : (guint) dataset->kind];
  while (self->queries->columns[self->n_columns])
    {
      g_ptr_array_add (self->titles, make_title (self->kind, self->queries->columns[self->n_columns]));
      self->n_columns++;
    }

  db = shz_store_get_db (self->store);
  if (sqlite3_prepare_v2 (db, self->queries->page_sql, -1, &self->page_stmt, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, self->queries->skip_sql, -1, &self->skip_stmt, NULL) != SQLITE_OK)
    {
      shz_store_set_sqlite_error (self->store, error, _("read the rows"));
      return NULL;
    }
  sqlite3_bind_int64 (self->page_stmt, 1, dataset_id);
  sqlite3_bind_int64 (self->skip_stmt, 1, dataset_id);

  if (!query_int64 (self, self->queries->min_sql, dataset_id, &lo, &lo_null, error) ||
      !query_int64 (self, self->queries->max_sql, dataset_id, &hi, &hi_null, error))
    return NULL;
  if (lo_null || hi_null)
    return g_steal_pointer (&self);  /* no rows */

  /* The dataset knows how many rows it has; if they fill min…max, they are consecutive. */
  if (source == SHZ_ROWS_SOURCE_ROWS && dataset->rows > 0 && hi - lo + 1 == dataset->rows)
    {
      count = dataset->rows;
      self->consecutive = TRUE;
    }
  else if (!query_int64 (self, self->queries->count_sql, dataset_id, &count, &null, error))
    return NULL;

  self->n_items = (guint) CLAMP (count, 0, G_MAXUINT);
  self->first_rowid = lo;
  g_array_append_val (self->anchors, lo);
  return g_steal_pointer (&self);
}

guint
shz_rows_model_get_n_columns (ShzRowsModel *self)
{
  g_return_val_if_fail (SHZ_IS_ROWS_MODEL (self), 0);
  return self->n_columns;
}

const char *
shz_rows_model_get_column_name (ShzRowsModel *self,
                                guint         column)
{
  g_return_val_if_fail (SHZ_IS_ROWS_MODEL (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);
  return self->queries->columns[column];
}

const char *
shz_rows_model_get_column_title (ShzRowsModel *self,
                                 guint         column)
{
  g_return_val_if_fail (SHZ_IS_ROWS_MODEL (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);
  return g_ptr_array_index (self->titles, column);
}

gboolean
shz_rows_model_column_is_numeric (ShzRowsModel *self,
                                  guint         column)
{
  g_return_val_if_fail (SHZ_IS_ROWS_MODEL (self), FALSE);
  g_return_val_if_fail (column < self->n_columns, FALSE);
  return g_strv_contains (numeric_columns, self->queries->columns[column]);
}

const char *
shz_rows_model_get_dataset_name (ShzRowsModel *self)
{
  g_return_val_if_fail (SHZ_IS_ROWS_MODEL (self), NULL);
  return self->dataset_name;
}

guint64
shz_rows_model_get_rows_fetched (ShzRowsModel *self)
{
  g_return_val_if_fail (SHZ_IS_ROWS_MODEL (self), 0);
  return self->rows_fetched;
}

const GError *
shz_rows_model_get_error (ShzRowsModel *self)
{
  g_return_val_if_fail (SHZ_IS_ROWS_MODEL (self), NULL);
  return self->error;
}
