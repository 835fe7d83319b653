/* shz-maturity-map.c — the maturity map: model (from a positions dataset), layout (pure
 * computation) and renderer (draws only what the layout decided).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "charts/shz-maturity-map.h"
#include "charts/shz-chart-text.h"
#include "charts/shz-label-placer.h"
#include "charts/shz-point-raster.h"
#include "charts/shz-png-writer.h"

#define KIND "maturity-map"
#define GROUP_LABELS "maturity-map-labels"

/* ---- chart labels in both chart languages (they follow the chart language, not the UI) ---- */

static const ShzChartText T_TITLE    = { "中国产业数智化转型成熟度比较",
                                         "Digital-intelligence transformation maturity of Chinese industries" };
static const ShzChartText T_SUBTITLE = { "行业数字化成熟度与数据智能创新度；气泡面积表示样本规模",
                                         "Industry digital maturity vs. data-intelligence innovation; bubble area shows sample size" };
static const ShzChartText T_SUBTITLE_POINTS = { "每个点为一家企业；气泡为各行业中心，面积表示企业数",
                                                "Each dot is an enterprise; bubbles are industry centroids, area shows the number of enterprises" };
static const ShzChartText T_X        = { "行业数字化成熟度", "Industry digital maturity" };
static const ShzChartText T_Y        = { "行业数据智能创新度", "Industry data-intelligence innovation" };
static const ShzChartText T_LOW_HIGH = { "由低到高", "low to high" };
static const ShzChartText T_SOURCE   = { "数据来源：", "Source: " };
static const ShzChartText T_NOTE     = { "说明：", "Note: " };
static const ShzChartText T_ILLUSTRATIVE = { "示意数据，并非白皮书公布的数值。",
                                             "Illustrative data, not figures published by the whitepaper." };
static const ShzChartText T_COMPUTED = { "Shuzhi 指数计算", "computed by Shuzhi" };
static const ShzChartText T_IMPORTED = { "导入于", "imported" };
static const ShzChartText T_ROWS     = { "行", "rows" };
static const ShzChartText T_CLIENT   = { "客户", "Client" };
static const ShzChartText T_CLIENT_INDUSTRY = { "客户所在行业", "Client's industry" };
static const ShzChartText T_ENTERPRISES = { "企业", "enterprises" };
static const ShzChartText T_TRAJECTORY = { "箭头：", "arrows: " };
static const ShzChartText T_POSITIVE = { "总体呈现正向相关", "Overall positively correlated" };
static const ShzChartText T_NEGATIVE = { "呈现负相关", "Negatively correlated" };
static const ShzChartText T_WEAK     = { "相关性较弱", "Weak correlation" };
static const ShzChartText T_MATURITY_SHORT   = { "数字化成熟度", "digital maturity" };
static const ShzChartText T_INNOVATION_SHORT = { "数据智能创新度", "innovation" };
static const ShzChartText T_SIZE     = { "规模", "size" };
static const ShzChartText T_SAMPLE   = { "样本", "n" };
static const ShzChartText T_QUADRANTS[4] = {
  { "智能创新先行", "Innovation first" },                 /* top left */
  { "数智化领先", "Leaders" },                            /* top right */
  { "数字化起步", "Starting out" },                       /* bottom left */
  { "数字化领先，智能待突破", "Digitally mature, innovation to come" }, /* bottom right */
};
static const ShzChartText T_ERAS[3] = {
  { "自动化", "Automation" },
  { "信息和数字技术\n电子商务 · 移动互联 · 泛在社交",
    "Information & digital technology\ne-commerce · mobile internet · ubiquitous social" },
  { "数智技术\n云计算 · 5G · AI · IoT · 数据技术",
    "Digital-intelligence technology\ncloud · 5G · AI · IoT · data technology" },
};

/* The whitepaper's industries, so an English chart of Chinese data reads in English. */
static const ShzChartText INDUSTRIES[] = {
  { "科技文教",           "Technology, culture & education" },
  { "制造工业",           "Manufacturing" },
  { "政务与治理",         "Government & governance" },
  { "金融",               "Finance" },
  { "零售消费与生活服务", "Retail, consumer & lifestyle services" },
  { "互联网",             "Internet" },
  { "消费品",             "Consumer goods" },
};

static const char *
translate_name (const char   *name,
                ShzChartLang  lang)
{
  if (name == NULL)
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (INDUSTRIES); i++)
    if (strcmp (name, INDUSTRIES[i].zh) == 0 || g_ascii_strcasecmp (name, INDUSTRIES[i].en) == 0)
      return SHZ_CHART_TEXT (lang, INDUSTRIES[i]);
  return name;
}

/* Texts from files are untrusted: a label or title of any length is cut, so one line of a
 * client's file cannot make the layout slow or push everything else off the chart. */
#define MAX_LABEL_CHARS 48
#define MAX_TITLE_CHARS 300
#define MAX_PINS        1000

static char *
shorten (const char *text,
         glong       max_chars)
{
  glong n;

  if (text == NULL)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    return g_utf8_make_valid (text, -1);
  n = g_utf8_strlen (text, -1);
  if (n <= max_chars)
    return g_strdup (text);
  {
    g_autofree char *head = g_utf8_substring (text, 0, max_chars - 1);
    return g_strconcat (head, "…", NULL);
  }
}

#define TR(text) SHZ_CHART_TEXT (shz_chart_get_lang (SHZ_CHART (self)), (text))

/* ---- the object ---- */

struct _ShzMaturityMap
{
  ShzChart            parent_instance;

  ShzMaturityModel   *model;
  ShzMaturityOptions  options;
  ShzMaturityLayout   layout;
  char               *client_industry;   /* highlighted when no row is the client */
  char               *saved_dataset;     /* from the settings */
  char               *saved_period;
  GHashTable         *pins;              /* entity → double[2] offset of the label's corner */

  /* cached raster of the enterprise layer */
  cairo_surface_t    *raster;
  double              raster_key[6];
};

G_DEFINE_FINAL_TYPE (ShzMaturityMap, shz_maturity_map, SHZ_TYPE_CHART)

/* ---- model ---- */

static void
entity_free (gpointer data)
{
  ShzMaturityEntity *e = data;
  g_free (e->entity);
  g_free (e->group);
  g_free (e);
}

ShzMaturityModel *
shz_maturity_model_new (void)
{
  ShzMaturityModel *m = g_new0 (ShzMaturityModel, 1);

  m->entities = g_ptr_array_new_with_free_func (entity_free);
  m->previous = g_ptr_array_new_with_free_func (entity_free);
  m->periods = g_ptr_array_new_with_free_func (g_free);
  m->groups = g_ptr_array_new_with_free_func (g_free);
  return m;
}

void
shz_maturity_model_free (ShzMaturityModel *m)
{
  if (m == NULL)
    return;
  g_ptr_array_unref (m->entities);
  g_ptr_array_unref (m->previous);
  g_ptr_array_unref (m->periods);
  g_ptr_array_unref (m->groups);
  g_free (m->period);
  g_free (m->previous_period);
  g_free (m->px);
  g_free (m->py);
  g_free (m->psize);
  g_free (m->pgroup);
  g_free (m->dataset);
  g_free (m->source);
  g_free (m->imported);
  g_free (m->note);
  g_free (m);
}

guint
shz_maturity_model_group_index (ShzMaturityModel *m,
                                const char       *group)
{
  if (group == NULL)
    group = "";
  for (guint i = 0; i < m->groups->len; i++)
    if (strcmp (g_ptr_array_index (m->groups, i), group) == 0)
      return i;
  g_ptr_array_add (m->groups, g_strdup (group));
  return m->groups->len - 1;
}

static ShzMaturityEntity *
entity_new (const char *entity,
            const char *group,
            double      x,
            double      y,
            double      size,
            gboolean    is_client)
{
  ShzMaturityEntity *e = g_new0 (ShzMaturityEntity, 1);

  e->entity = g_strdup (entity ? entity : "");
  e->group = g_strdup (group);
  e->x = x;
  e->y = y;
  e->size = size;
  e->is_client = is_client;
  e->x_lo = e->x_hi = e->y_lo = e->y_hi = NAN;
  return e;
}

ShzMaturityEntity *
shz_maturity_model_add_entity (ShzMaturityModel *m,
                               const char       *entity,
                               const char       *group,
                               double            x,
                               double            y,
                               double            size,
                               gboolean          is_client)
{
  ShzMaturityEntity *e = entity_new (entity, group, x, y, size, is_client);

  g_ptr_array_add (m->entities, e);
  shz_maturity_model_group_index (m, group ? group : entity);
  return e;
}

ShzMaturityEntity *
shz_maturity_model_add_previous (ShzMaturityModel *m,
                                 const char       *entity,
                                 double            x,
                                 double            y)
{
  ShzMaturityEntity *e = entity_new (entity, NULL, x, y, NAN, FALSE);
  g_ptr_array_add (m->previous, e);
  return e;
}

static void
reserve_points (ShzMaturityModel *m,
                guint             capacity)
{
  if (capacity <= m->points_allocated)
    return;
  m->px = g_renew (float, m->px, capacity);
  m->py = g_renew (float, m->py, capacity);
  m->psize = g_renew (float, m->psize, capacity);
  m->pgroup = g_renew (guint8, m->pgroup, capacity);
  m->points_allocated = capacity;
}

static void
add_point_index (ShzMaturityModel *m,
                 double            x,
                 double            y,
                 double            size,
                 guint             g)
{
  if (m->n_points == m->points_allocated)
    reserve_points (m, MAX (1024, m->points_allocated * 2));
  m->px[m->n_points] = (float) x;
  m->py[m->n_points] = (float) y;
  m->psize[m->n_points] = isfinite (size) ? (float) size : 0.0f;
  m->pgroup[m->n_points] = (guint8) MIN (g, 254);
  m->n_points++;
}

void
shz_maturity_model_add_point (ShzMaturityModel *m,
                              double            x,
                              double            y,
                              double            size,
                              const char       *group)
{
  add_point_index (m, x, y, size, shz_maturity_model_group_index (m, group));
}

/* The whitepaper's industries in its order, then the others as they came: the same
 * industry keeps the same colour from one dataset to the next. */
static void
sort_groups (ShzMaturityModel *m)
{
  guint n = m->groups->len;
  g_autofree guint *rank = g_new (guint, n);
  g_autofree guint *remap = g_new (guint, n);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      const char *name = g_ptr_array_index (m->groups, i);
      rank[i] = G_N_ELEMENTS (INDUSTRIES) + i;
      for (guint k = 0; k < G_N_ELEMENTS (INDUSTRIES); k++)
        if (strcmp (name, INDUSTRIES[k].zh) == 0 || g_ascii_strcasecmp (name, INDUSTRIES[k].en) == 0)
          rank[i] = k;
    }
  for (guint r = 0, next = 0; next < n; r++)
    for (guint i = 0; i < n; i++)
      if (rank[i] == r)
        {
          remap[i] = next++;
          g_ptr_array_add (sorted, g_strdup (g_ptr_array_index (m->groups, i)));
        }
  for (guint i = 0; i < m->n_points; i++)
    if (m->pgroup[i] < n)
      m->pgroup[i] = (guint8) MIN (remap[m->pgroup[i]], 254);
  g_ptr_array_set_size (m->groups, 0);
  for (guint i = 0; i < sorted->len; i++)
    g_ptr_array_add (m->groups, g_strdup (g_ptr_array_index (sorted, i)));
}

void
shz_maturity_model_add_centroids (ShzMaturityModel *m)
{
  guint n_groups;

  sort_groups (m);
  n_groups = m->groups->len;
  g_autofree double *sx = g_new0 (double, n_groups);
  g_autofree double *sy = g_new0 (double, n_groups);
  g_autofree gint64 *count = g_new0 (gint64, n_groups);

  for (guint i = 0; i < m->n_points; i++)
    {
      guint g = MIN (m->pgroup[i], n_groups - 1);
      if (!isfinite (m->px[i]) || !isfinite (m->py[i]))
        continue;
      sx[g] += m->px[i];
      sy[g] += m->py[i];
      count[g]++;
    }
  for (guint g = 0; g < n_groups; g++)
    {
      ShzMaturityEntity *e;
      const char *name = g_ptr_array_index (m->groups, g);
      if (count[g] == 0)
        continue;
      e = shz_maturity_model_add_entity (m, name, name, sx[g] / count[g], sy[g] / count[g],
                                         (double) count[g], FALSE);
      e->n = count[g];
      e->is_centroid = TRUE;
    }
}

typedef struct {
  ShzMaturityModel *model;
  GPtrArray        *target;   /* entities or previous */
  gboolean          as_points;
} LoadData;

static void
entity_to_point (ShzMaturityModel  *m,
                 ShzMaturityEntity *e)
{
  shz_maturity_model_add_point (m, e->x, e->y, e->size, e->group ? e->group : e->entity);
}

static gboolean
load_position_cb (const ShzPositionRow *row,
                  gpointer              user_data)
{
  LoadData *d = user_data;
  ShzMaturityModel *m = d->model;
  ShzMaturityEntity *e;

  if (d->as_points)
    {
      shz_maturity_model_add_point (m, row->maturity, row->innovation, row->size, row->group);
      return TRUE;
    }
  e = entity_new (row->entity, row->group, row->maturity, row->innovation, row->size, row->is_client);
  e->x_lo = row->maturity_lo;
  e->x_hi = row->maturity_hi;
  e->y_lo = row->innovation_lo;
  e->y_hi = row->innovation_hi;
  e->n = row->n;
  e->low_sample = row->low_sample;
  g_ptr_array_add (d->target, e);

  /* Too many for labelled bubbles: this is an enterprise layer; turn what we have into
   * points and stream the rest straight into the arrays. */
  if (d->target == m->entities && m->entities->len > SHZ_MATURITY_MAX_BUBBLES)
    {
      for (guint i = 0; i < m->entities->len; i++)
        entity_to_point (m, g_ptr_array_index (m->entities, i));
      g_ptr_array_set_size (m->entities, 0);
      d->as_points = TRUE;
    }
  return TRUE;
}

static ShzDataset *
find_positions_dataset (ShzStore    *store,
                        gint64       engagement_id,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  ShzDataset *best = NULL;

  if (name != NULL)
    {
      g_autoptr(ShzDataset) d = shz_store_find_dataset (store, engagement_id, name, error);
      if (d == NULL)
        return NULL;
      if (d->kind != SHZ_KIND_POSITIONS)
        {
          g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_NO_DATA,
                       _("The dataset “%s” holds %s rows; the maturity map needs a positions "
                         "dataset (import one with --kind positions, or run compute)"),
                       name, shz_dataset_kind_to_string (d->kind));
          return NULL;
        }
      return g_steal_pointer (&d);
    }

  list = shz_store_list_datasets (store, engagement_id, error);
  if (list == NULL)
    return NULL;
  /* the most recent positions dataset (highest id) */
  for (guint i = 0; i < list->len; i++)
    {
      ShzDataset *d = g_ptr_array_index (list, i);
      if (d->kind == SHZ_KIND_POSITIONS && (best == NULL || d->id > best->id))
        best = d;
    }
  if (best == NULL)
    {
      g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_NO_DATA,
                   _("The engagement has no positions dataset to draw the maturity map from "
                     "(import one with --kind positions, or run compute on usage data)"));
      return NULL;
    }
  return shz_store_get_dataset (store, best->id, error);
}

static int compare_period_strings (gconstpointer a, gconstpointer b);

/* Many rows: an enterprise layer.  One pass with a prepared statement of only the columns the
 * layer draws (the generic row callback decodes fourteen), periods gathered on the way, then
 * the shown period kept.  A read query on shz_store_get_db(), as the store header allows. */
static gboolean
load_points_bulk (ShzStore          *store,
                  ShzDataset        *d,
                  const char        *period,
                  ShzMaturityModel  *m,
                  gboolean          *handled,
                  GError           **error)
{
  sqlite3 *db = shz_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) period_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) per_row = g_array_sized_new (FALSE, FALSE, sizeof (guint16), (guint) MIN (d->rows, 1 << 24));
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (guint));
  const char *last_group = NULL, *last_period = NULL;
  g_autofree char *last_group_copy = NULL, *last_period_copy = NULL;
  guint group_index = 0, period_index = G_MAXUINT16, shown = G_MAXUINT16, n_rows = 0;
  int rc;

  *handled = FALSE;
  /* the dataset's row count is known: one allocation (bounded, in case it lies) */
  reserve_points (m, (guint) CLAMP (d->rows, 0, 1 << 24));

  /* When the dataset is most of the table, reading the table in order beats an index lookup
   * per row. */
  {
    gint64 max_rowid = 0;
    if (sqlite3_prepare_v2 (db, "SELECT max(rowid) FROM position_row", -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step (stmt) == SQLITE_ROW)
      max_rowid = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
    stmt = NULL;
    if (sqlite3_prepare_v2 (db, d->rows * 2 > max_rowid
                                ? "SELECT grp, period, maturity, innovation, size FROM position_row NOT INDEXED"
                                  " WHERE dataset_id = ?1 ORDER BY rowid"
                                : "SELECT grp, period, maturity, innovation, size FROM position_row"
                                  " WHERE dataset_id = ?1 ORDER BY rowid",
                            -1, &stmt, NULL) != SQLITE_OK)
      {
        sqlite3_finalize (stmt);
        return TRUE;   /* not handled: the generic path reports any error */
      }
  }
  sqlite3_bind_int64 (stmt, 1, d->id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *grp = (const char *) sqlite3_column_text (stmt, 0);
      const char *per = (const char *) sqlite3_column_text (stmt, 1);
      guint16 pi;

      if (g_strcmp0 (grp, last_group_copy) != 0 || last_group == NULL)
        {
          group_index = shz_maturity_model_group_index (m, grp);
          g_free (last_group_copy);
          last_group_copy = g_strdup (grp);
          last_group = "";
        }
      if (g_strcmp0 (per, last_period_copy) != 0 || last_period == NULL)
        {
          period_index = G_MAXUINT16;
          for (guint i = 0; per != NULL && i < period_names->len; i++)
            if (strcmp (g_ptr_array_index (period_names, i), per) == 0)
              period_index = i;
          if (per != NULL && period_index == G_MAXUINT16)
            {
              if (period_names->len >= 4096)
                break;   /* not periods any more: let the generic path decide */
              g_ptr_array_add (period_names, g_strdup (per));
              period_index = period_names->len - 1;
            }
          g_free (last_period_copy);
          last_period_copy = g_strdup (per);
          last_period = "";
        }
      pi = (guint16) period_index;
      g_array_append_val (per_row, pi);
      add_point_index (m, sqlite3_column_double (stmt, 2), sqlite3_column_double (stmt, 3),
                       sqlite3_column_type (stmt, 4) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 4),
                       group_index);
      n_rows++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      shz_store_set_sqlite_error (store, error, _("read the positions"));
      return FALSE;
    }
  if (rc == SQLITE_ROW)
    return TRUE;   /* too many periods */

  /* sorted periods, as shz_store_list_periods() gives them */
  for (guint i = 0; i < period_names->len; i++)
    g_ptr_array_add (m->periods, g_strdup (g_ptr_array_index (period_names, i)));
  g_ptr_array_sort (m->periods, compare_period_strings);
  if (period != NULL)
    {
      for (guint i = 0; i < period_names->len; i++)
        if (strcmp (g_ptr_array_index (period_names, i), period) == 0)
          shown = i;
      if (shown == G_MAXUINT16)
        {
          g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_NO_DATA,
                       _("The dataset “%s” has no period “%s”"), d->name, period);
          return FALSE;
        }
    }
  else if (m->periods->len > 0)
    {
      const char *latest = g_ptr_array_index (m->periods, m->periods->len - 1);
      for (guint i = 0; i < period_names->len; i++)
        if (strcmp (g_ptr_array_index (period_names, i), latest) == 0)
          shown = i;
    }

  /* keep the shown period's rows (all rows when the dataset has no periods) */
  if (period_names->len > 0)
    {
      guint k = 0;
      for (guint i = 0; i < m->n_points; i++)
        if (g_array_index (per_row, guint16, i) == shown)
          {
            m->px[k] = m->px[i];
            m->py[k] = m->py[i];
            m->psize[k] = m->psize[i];
            m->pgroup[k] = m->pgroup[i];
            k++;
          }
      m->n_points = k;
      m->period = g_strdup (g_ptr_array_index (period_names, shown));
    }
  if (m->n_points <= SHZ_MATURITY_MAX_BUBBLES)
    return TRUE;   /* few rows in this period after all: labelled bubbles, by the generic path */
  shz_maturity_model_add_centroids (m);
  *handled = TRUE;
  return TRUE;
}

static int
compare_period_strings (gconstpointer a,
                        gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

ShzMaturityModel *
shz_maturity_model_load (ShzStore    *store,
                         gint64       engagement_id,
                         const char  *dataset,
                         const char  *period,
                         GError     **error)
{
  g_autoptr(ShzMaturityModel) m = shz_maturity_model_new ();
  g_autoptr(ShzDataset) d = NULL;
  g_autoptr(GPtrArray) periods = NULL;
  LoadData data = { 0 };
  int shown = -1;

  d = find_positions_dataset (store, engagement_id, dataset, error);
  if (d == NULL)
    return NULL;

  if (d->rows > 4 * SHZ_MATURITY_MAX_BUBBLES)
    {
      g_autoptr(ShzMaturityModel) bulk = shz_maturity_model_new ();
      gboolean handled;
      if (!load_points_bulk (store, d, period, bulk, &handled, error))
        return NULL;
      if (handled)
        {
          shz_maturity_model_free (m);
          m = g_steal_pointer (&bulk);
          goto provenance;
        }
    }

  periods = shz_store_list_periods (store, d->id, error);
  if (periods == NULL)
    return NULL;
  for (guint i = 0; i < periods->len; i++)
    g_ptr_array_add (m->periods, g_strdup (g_ptr_array_index (periods, i)));

  if (period != NULL)
    {
      for (guint i = 0; i < periods->len; i++)
        if (strcmp (g_ptr_array_index (periods, i), period) == 0)
          shown = (int) i;
      if (shown < 0)
        {
          g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_NO_DATA,
                       _("The dataset “%s” has no period “%s”"), d->name, period);
          return NULL;
        }
    }
  else if (periods->len > 0)
    shown = (int) periods->len - 1;

  if (shown >= 0)
    m->period = g_strdup (g_ptr_array_index (periods, shown));
  if (shown > 0)
    m->previous_period = g_strdup (g_ptr_array_index (periods, shown - 1));

  data.model = m;
  data.target = m->entities;
  if (!shz_store_foreach_position (store, d->id, m->period, load_position_cb, &data, error))
    return NULL;
  if (data.as_points)
    shz_maturity_model_add_centroids (m);
  else
    for (guint i = 0; i < m->entities->len; i++)
      {
        ShzMaturityEntity *e = g_ptr_array_index (m->entities, i);
        shz_maturity_model_group_index (m, e->group ? e->group : e->entity);
      }
  sort_groups (m);

  if (m->entities->len == 0 && m->n_points == 0)
    {
      g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_NO_DATA,
                   _("The dataset “%s” has no rows to draw"), d->name);
      return NULL;
    }

  if (m->previous_period != NULL && !data.as_points)
    {
      LoadData prev = { .model = m, .target = m->previous };
      if (!shz_store_foreach_position (store, d->id, m->previous_period, load_position_cb, &prev, error))
        return NULL;
      if (m->previous->len > SHZ_MATURITY_MAX_BUBBLES * 4)
        g_ptr_array_set_size (m->previous, 0);
    }

provenance:
  m->dataset = g_strdup (d->name);
  m->source = g_strdup (d->source_name);
  m->imported = g_strdup (d->imported);
  m->note = g_strdup (d->note);
  m->illustrative = d->illustrative;
  m->computed = d->method != NULL && d->method[0] != '\0';
  return g_steal_pointer (&m);
}

/* ---- options and settings ---- */

static void
options_init (ShzMaturityOptions *o)
{
  memset (o, 0, sizeof *o);
  o->axes = SHZ_MATURITY_AXES_NUMERIC;
  o->quadrants = SHZ_MATURITY_QUADRANTS_MEDIAN;
  o->quadrant_x = o->quadrant_y = 50;
  o->trend = TRUE;
  o->intervals = TRUE;
  o->trajectories = TRUE;
  o->legend = TRUE;
  o->show_points = TRUE;
  o->x_min = o->x_max = o->y_min = o->y_max = NAN;
}

static void
options_clear (ShzMaturityOptions *o)
{
  g_clear_pointer (&o->title, g_free);
  g_clear_pointer (&o->subtitle, g_free);
}

static const char * const axes_names[] = { "numeric", "qualitative" };
static const char * const quadrant_names[] = { "off", "median", "values" };

static int
lookup (const char * const *names, guint n, const char *s, int fallback)
{
  for (guint i = 0; i < n && s; i++)
    if (strcmp (names[i], s) == 0)
      return (int) i;
  return fallback;
}

static gboolean
kf_bool (GKeyFile *kf, const char *key, gboolean fallback)
{
  g_autoptr(GError) error = NULL;
  gboolean v = g_key_file_get_boolean (kf, KIND, key, &error);
  return error ? fallback : v;
}

static double
kf_double (GKeyFile *kf, const char *key, double fallback)
{
  g_autoptr(GError) error = NULL;
  double v = g_key_file_get_double (kf, KIND, key, &error);
  return (error || !isfinite (v)) ? fallback : v;
}

static void
shz_maturity_map_load_settings (ShzChart *chart,
                                GKeyFile *kf)
{
  ShzMaturityMap *self = SHZ_MATURITY_MAP (chart);
  ShzMaturityOptions *o = &self->options;
  g_autofree char *axes = g_key_file_get_string (kf, KIND, "axes", NULL);
  g_autofree char *quadrants = g_key_file_get_string (kf, KIND, "quadrants", NULL);
  g_auto(GStrv) pinned = NULL;
  g_autofree double *offsets = NULL;
  gsize n_pinned = 0, n_offsets = 0;

  options_clear (o);
  options_init (o);
  o->axes = lookup (axes_names, G_N_ELEMENTS (axes_names), axes, o->axes);
  o->quadrants = lookup (quadrant_names, G_N_ELEMENTS (quadrant_names), quadrants, o->quadrants);
  o->quadrant_x = kf_double (kf, "quadrant-x", o->quadrant_x);
  o->quadrant_y = kf_double (kf, "quadrant-y", o->quadrant_y);
  o->quadrant_names = kf_bool (kf, "quadrant-names", o->quadrant_names);
  o->trend = kf_bool (kf, "trend", o->trend);
  o->eras = kf_bool (kf, "eras", o->eras);
  o->intervals = kf_bool (kf, "intervals", o->intervals);
  o->trajectories = kf_bool (kf, "trajectories", o->trajectories);
  o->legend = kf_bool (kf, "legend", o->legend);
  o->show_points = kf_bool (kf, "points", o->show_points);
  o->x_min = kf_double (kf, "x-min", NAN);
  o->x_max = kf_double (kf, "x-max", NAN);
  o->y_min = kf_double (kf, "y-min", NAN);
  o->y_max = kf_double (kf, "y-max", NAN);
  {
    g_autofree char *title = g_key_file_get_string (kf, KIND, "title", NULL);
    g_autofree char *subtitle = g_key_file_get_string (kf, KIND, "subtitle", NULL);
    o->title = shorten (title, MAX_TITLE_CHARS);
    o->subtitle = shorten (subtitle, MAX_TITLE_CHARS);
  }
  g_free (self->saved_dataset);
  self->saved_dataset = g_key_file_get_string (kf, KIND, "dataset", NULL);
  g_free (self->saved_period);
  self->saved_period = g_key_file_get_string (kf, KIND, "period", NULL);

  g_hash_table_remove_all (self->pins);
  pinned = g_key_file_get_string_list (kf, GROUP_LABELS, "pinned", &n_pinned, NULL);
  offsets = g_key_file_get_double_list (kf, GROUP_LABELS, "offsets", &n_offsets, NULL);
  for (gsize i = 0; pinned && i < MIN (n_pinned, MAX_PINS) && 2 * i + 1 < n_offsets; i++)
    {
      double *off = g_new (double, 2);
      off[0] = offsets[2 * i];
      off[1] = offsets[2 * i + 1];
      if (isfinite (off[0]) && isfinite (off[1]))
        g_hash_table_insert (self->pins, g_strdup (pinned[i]), off);
      else
        g_free (off);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
shz_maturity_map_save_settings (ShzChart *chart,
                                GKeyFile *kf)
{
  ShzMaturityMap *self = SHZ_MATURITY_MAP (chart);
  const ShzMaturityOptions *o = &self->options;

  g_key_file_set_string (kf, KIND, "axes", axes_names[o->axes]);
  g_key_file_set_string (kf, KIND, "quadrants", quadrant_names[o->quadrants]);
  g_key_file_set_double (kf, KIND, "quadrant-x", o->quadrant_x);
  g_key_file_set_double (kf, KIND, "quadrant-y", o->quadrant_y);
  g_key_file_set_boolean (kf, KIND, "quadrant-names", o->quadrant_names);
  g_key_file_set_boolean (kf, KIND, "trend", o->trend);
  g_key_file_set_boolean (kf, KIND, "eras", o->eras);
  g_key_file_set_boolean (kf, KIND, "intervals", o->intervals);
  g_key_file_set_boolean (kf, KIND, "trajectories", o->trajectories);
  g_key_file_set_boolean (kf, KIND, "legend", o->legend);
  g_key_file_set_boolean (kf, KIND, "points", o->show_points);
  if (isfinite (o->x_min)) g_key_file_set_double (kf, KIND, "x-min", o->x_min);
  if (isfinite (o->x_max)) g_key_file_set_double (kf, KIND, "x-max", o->x_max);
  if (isfinite (o->y_min)) g_key_file_set_double (kf, KIND, "y-min", o->y_min);
  if (isfinite (o->y_max)) g_key_file_set_double (kf, KIND, "y-max", o->y_max);
  if (o->title) g_key_file_set_string (kf, KIND, "title", o->title);
  if (o->subtitle) g_key_file_set_string (kf, KIND, "subtitle", o->subtitle);
  if (self->model && self->model->dataset)
    g_key_file_set_string (kf, KIND, "dataset", self->model->dataset);
  else if (self->saved_dataset)
    g_key_file_set_string (kf, KIND, "dataset", self->saved_dataset);
  if (self->model && self->model->period)
    g_key_file_set_string (kf, KIND, "period", self->model->period);

  if (g_hash_table_size (self->pins) > 0)
    {
      g_autoptr(GPtrArray) keys = g_ptr_array_new ();
      g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (double));
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->pins);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_ptr_array_add (keys, key);
      g_ptr_array_sort (keys, compare_strings);   /* the same pins give the same text */
      for (guint i = 0; i < keys->len; i++)
        {
          double *off = g_hash_table_lookup (self->pins, g_ptr_array_index (keys, i));
          g_array_append_vals (offsets, off, 2);
        }
      g_key_file_set_string_list (kf, GROUP_LABELS, "pinned",
                                  (const char * const *) keys->pdata, keys->len);
      g_key_file_set_double_list (kf, GROUP_LABELS, "offsets",
                                  (double *) (void *) offsets->data, offsets->len);
    }
}

/* ---- layout ---- */

static void
tick_clear (gpointer data)
{
  ShzMaturityTick *t = data;
  g_clear_pointer (&t->text, g_free);
}

static void
label_clear (gpointer data)
{
  ShzMaturityLabel *l = data;
  g_clear_pointer (&l->text, g_free);
}

static void
layout_clear (ShzMaturityLayout *l)
{
  g_clear_pointer (&l->x_ticks, g_array_unref);
  g_clear_pointer (&l->y_ticks, g_array_unref);
  g_clear_pointer (&l->bubbles, g_array_unref);
  g_clear_pointer (&l->labels, g_array_unref);
  g_clear_pointer (&l->arrows, g_array_unref);
  g_clear_pointer (&l->legend_rows, g_array_unref);
  g_free (l->title_text);
  g_free (l->subtitle_text);
  g_free (l->x_title_text);
  g_free (l->y_title_text);
  g_free (l->source_text);
  g_free (l->note_text);
  g_free (l->trend_text);
  for (guint i = 0; i < 4; i++)
    g_free (l->quadrant_names[i]);
  for (guint i = 0; i < 3; i++)
    g_free (l->era_texts[i]);
  memset (l, 0, sizeof *l);
}

double
shz_maturity_layout_x (const ShzMaturityLayout *l,
                       double                   value)
{
  return l->plot.x + (value - l->x_min) / (l->x_max - l->x_min) * l->plot.width;
}

double
shz_maturity_layout_y (const ShzMaturityLayout *l,
                       double                   value)
{
  return l->plot.y + l->plot.height - (value - l->y_min) / (l->y_max - l->y_min) * l->plot.height;
}

static double
nice_step (double range,
           int    target)
{
  double raw = range / MAX (target, 1);
  double mag = pow (10, floor (log10 (raw)));
  double f = raw / mag;

  if (f < 1.5)
    return mag;
  if (f < 3)
    return 2 * mag;
  if (f < 7)
    return 5 * mag;
  return 10 * mag;
}

/* [lo, hi] of the data with nice ends; 0–100 when the data fit there (the indices' scale). */
static void
data_range (const double *values,
            guint         n,
            double        want_lo,
            double        want_hi,
            double       *lo,
            double       *hi)
{
  double mn = INFINITY, mx = -INFINITY;

  for (guint i = 0; i < n; i++)
    if (isfinite (values[i]))
      {
        mn = MIN (mn, values[i]);
        mx = MAX (mx, values[i]);
      }
  if (!isfinite (mn))
    mn = 0, mx = 100;
  if (mn >= 0 && mx <= 100)
    *lo = 0, *hi = 100;
  else
    {
      double pad = MAX ((mx - mn) * 0.06, 1e-6);
      double step = nice_step (mx - mn + 2 * pad, 6);
      *lo = floor ((mn - pad) / step) * step;
      *hi = ceil ((mx + pad) / step) * step;
    }
  if (isfinite (want_lo))
    *lo = want_lo;
  if (isfinite (want_hi))
    *hi = want_hi;
  if (!isfinite (*lo) || !isfinite (*hi) || !isfinite (*hi - *lo))
    *lo = 0, *hi = 100;   /* absurd values: the indices' own scale */
  if (!(*hi > *lo))
    *hi = *lo + 1;
}

static void
collect_values (ShzMaturityModel *m,
                gboolean          y,
                GArray           *out)
{
  for (guint i = 0; i < m->entities->len; i++)
    {
      ShzMaturityEntity *e = g_ptr_array_index (m->entities, i);
      double v[3] = { y ? e->y : e->x, y ? e->y_lo : e->x_lo, y ? e->y_hi : e->x_hi };
      g_array_append_vals (out, v, 3);
    }
  for (guint i = 0; i < m->previous->len; i++)
    {
      ShzMaturityEntity *e = g_ptr_array_index (m->previous, i);
      double v = y ? e->y : e->x;
      g_array_append_val (out, v);
    }
  /* points: their extremes only */
  if (m->n_points > 0)
    {
      double mn = INFINITY, mx = -INFINITY;
      const float *p = y ? m->py : m->px;
      for (guint i = 0; i < m->n_points; i++)
        if (isfinite (p[i]))
          {
            mn = MIN (mn, p[i]);
            mx = MAX (mx, p[i]);
          }
      g_array_append_val (out, mn);
      g_array_append_val (out, mx);
    }
}

static char *
format_value (double v,
              double step)
{
  int decimals = step >= 1 ? 0 : (int) ceil (-log10 (step) - 1e-9);
  if (fabs (v) < step * 1e-6)
    v = 0;   /* never "-0" */
  return g_strdup_printf ("%.*f", CLAMP (decimals, 0, 6), v);
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  guint n = values->len;
  double *v = (double *) (void *) values->data;

  if (n == 0)
    return NAN;
  g_array_sort (values, compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static char *
entity_description (ShzMaturityMap    *self,
                    ShzMaturityEntity *e)
{
  GString *s = g_string_new (translate_name (e->entity, shz_chart_get_lang (SHZ_CHART (self))));
  gboolean zh = shz_chart_get_lang (SHZ_CHART (self)) == SHZ_CHART_LANG_ZH_CN;
  const char *sep = zh ? "，" : ", ";

  g_string_append (s, zh ? "：" : ": ");
  g_string_append_printf (s, "%s %.1f%s%s %.1f", TR (T_MATURITY_SHORT), e->x, sep,
                          TR (T_INNOVATION_SHORT), e->y);
  if (isfinite (e->size))
    g_string_append_printf (s, "%s%s %g", sep, TR (T_SIZE), e->size);
  if (e->n > 0)
    g_string_append_printf (s, "%s%s %" G_GINT64_FORMAT, sep, TR (T_SAMPLE), e->n);
  if (e->is_client)
    g_string_append_printf (s, "%s%s", sep, TR (T_CLIENT));
  return g_string_free (s, FALSE);
}

static gboolean
entity_is_highlighted (ShzMaturityMap    *self,
                       ShzMaturityEntity *e)
{
  return e->is_client ||
         (self->client_industry != NULL && !e->is_centroid &&
          g_strcmp0 (e->entity, self->client_industry) == 0);
}

static gboolean
model_has_client (ShzMaturityModel *m)
{
  for (guint i = 0; i < m->entities->len; i++)
    if (((ShzMaturityEntity *) g_ptr_array_index (m->entities, i))->is_client)
      return TRUE;
  return FALSE;
}

static gboolean
client_industry_shown (ShzMaturityMap *self)
{
  ShzMaturityModel *m = self->model;
  for (guint i = 0; m && i < m->entities->len; i++)
    if (entity_is_highlighted (self, g_ptr_array_index (m->entities, i)))
      return TRUE;
  return FALSE;
}

static gboolean
legend_wanted (ShzMaturityMap *self)
{
  ShzMaturityModel *m = self->model;
  if (!self->options.legend || m == NULL)
    return FALSE;
  /* a legend only helps when colours say something the labels do not */
  return m->n_points > 0 || m->groups->len < m->entities->len;
}

/* What a bubble's area shows: the size column, or the sample size when no row has a size. */
static double
bubble_size (const ShzMaturityEntity *e,
             gboolean                 from_n)
{
  if (from_n)
    return e->n > 0 ? (double) e->n : 0;
  return (isfinite (e->size) && e->size > 0) ? e->size : 0;
}

/* The bubble plus its client ring: what labels keep clear of. */
static double
bubble_extent (const ShzMaturityBubble *b,
               double                   f)
{
  return b->r + (b->is_client ? 4.0 * f : 0.5);
}

static int
compare_bubble_radius (gconstpointer a,
                       gconstpointer b)
{
  const ShzMaturityBubble *x = a, *y = b;
  if (x->r != y->r)
    return x->r < y->r ? 1 : -1;
  return (x->entity > y->entity) - (x->entity < y->entity);
}

static void
shz_maturity_map_layout (ShzChart     *chart,
                         PangoContext *pango,
                         double        width,
                         double        height)
{
  ShzMaturityMap *self = SHZ_MATURITY_MAP (chart);
  ShzMaturityLayout *l = &self->layout;
  ShzMaturityModel *m = self->model;
  const ShzMaturityOptions *o = &self->options;
  ShzChartLang lang = shz_chart_get_lang (chart);
  double f, pad, gap, top, bottom, left, right, w;
  double tick_w = 0, tick_h = 0, axis_title_h, step;
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(ShzLabelPlacer) placer = NULL;
  g_autoptr(GArray) label_of_bubble = NULL;
  double r_max, size_max = 0;
  gboolean any_size = FALSE, size_from_n;
  int trend_label = -1, quadrant_label[4] = { -1, -1, -1, -1 }, era_label[3][3] = { { -1, -1, -1 }, { -1, -1, -1 }, { -1, -1, -1 } };
  GString *s;

  layout_clear (l);
  l->width = width;
  l->height = height;
  l->x_ticks = g_array_new (FALSE, TRUE, sizeof (ShzMaturityTick));
  g_array_set_clear_func (l->x_ticks, tick_clear);
  l->y_ticks = g_array_new (FALSE, TRUE, sizeof (ShzMaturityTick));
  g_array_set_clear_func (l->y_ticks, tick_clear);
  l->bubbles = g_array_new (FALSE, TRUE, sizeof (ShzMaturityBubble));
  l->labels = g_array_new (FALSE, TRUE, sizeof (ShzMaturityLabel));
  g_array_set_clear_func (l->labels, label_clear);
  l->arrows = g_array_new (FALSE, TRUE, sizeof (ShzMaturityArrow));
  l->legend_rows = g_array_new (FALSE, TRUE, sizeof (ShzRect));

  if (m == NULL)
    m = self->model = shz_maturity_model_new ();
  shz_chart_text_set_language (pango, shz_chart_lang_to_string (lang));

  /* type scale grows gently with the canvas */
  f = CLAMP (MIN (width, height * 1.4) / 1000.0, 0.85, 1.6);
  l->title_size = 22 * f;
  l->subtitle_size = 13.5 * f;
  l->axis_title_size = 14 * f;
  l->tick_size = 12 * f;
  l->label_size = 13 * f;
  l->small_size = 11.5 * f;
  pad = 20 * f;
  gap = 8 * f;
  w = width - 2 * pad;

  /* title and subtitle, top */
  top = pad;
  l->title_text = g_strdup (o->title ? o->title : TR (T_TITLE));
  if (o->title == NULL && m->period != NULL)
    {
      char *t = g_strdup_printf ("%s %s", l->title_text, m->period);
      g_free (l->title_text);
      l->title_text = t;
    }
  shz_chart_text_measure (pango, l->title_text, l->title_size, TRUE, w, &l->title.width, &l->title.height);
  l->title.x = pad;
  l->title.y = top;
  top += l->title.height + gap * 0.5;

  s = g_string_new (o->subtitle ? o->subtitle : (m->n_points > 0 ? TR (T_SUBTITLE_POINTS) : TR (T_SUBTITLE)));
  if (o->subtitle == NULL && o->trajectories && m->previous->len > 0 && m->previous_period)
    g_string_append_printf (s, "%s%s%s → %s", lang == SHZ_CHART_LANG_ZH_CN ? "；" : "; ",
                            TR (T_TRAJECTORY), m->previous_period, m->period);
  l->subtitle_text = g_string_free (s, FALSE);
  shz_chart_text_measure (pango, l->subtitle_text, l->subtitle_size, FALSE, w,
                          &l->subtitle.width, &l->subtitle.height);
  l->subtitle.x = pad;
  l->subtitle.y = top;
  top += l->subtitle.height + gap;

  /* legend: a flowing row of swatches under the subtitle */
  l->legend_groups = legend_wanted (self) ? m->groups->len : 0;
  l->legend_client = model_has_client (m) || client_industry_shown (self);
  if (l->legend_groups > 0 || l->legend_client)
    {
      /* the client's key first, then the groups, in at most three rows: what does not fit
       * is counted ("+12") rather than pushing the plot off the page */
      double lx = pad, ly = top, row_h = 0, sw = l->small_size * 0.9;
      guint n = l->legend_groups + (l->legend_client ? 1 : 0), shown_groups = 0, rows = 1;
      g_autofree char *more = NULL;
      double more_w = 0, more_h = 0;

      more = g_strdup_printf ("+%u", l->legend_groups);
      shz_chart_text_measure (pango, more, l->small_size, FALSE, 0, &more_w, &more_h);
      for (guint i = 0; i < n; i++)
        {
          gboolean client = l->legend_client && i == 0;
          g_autofree char *text = NULL;
          double tw, th, item_w;
          ShzRect r;

          if (client)
            text = g_strdup (model_has_client (m) ? TR (T_CLIENT) : TR (T_CLIENT_INDUSTRY));
          else
            text = shorten (translate_name (g_ptr_array_index (m->groups, shown_groups), lang), MAX_LABEL_CHARS);
          shz_chart_text_measure (pango, text, l->small_size, FALSE, 0, &tw, &th);
          item_w = sw + gap * 0.6 + tw;
          if (lx > pad && lx + item_w + (rows == 3 ? more_w + gap * 2 : 0) > pad + w)
            {
              if (rows == 3)
                break;
              lx = pad;
              ly += row_h + gap * 0.4;
              row_h = 0;
              rows++;
            }
          r = shz_rect_make (lx, ly, item_w, th);
          g_array_append_val (l->legend_rows, r);
          lx += item_w + gap * 2;
          row_h = MAX (row_h, th);
          if (!client)
            shown_groups++;
        }
      l->legend_more = l->legend_groups - shown_groups;
      l->legend_groups = shown_groups;
      if (l->legend_more > 0)
        l->legend_more_rect = shz_rect_make (lx, ly, more_w, more_h);
      l->legend = shz_rect_make (pad, top, w, ly + row_h - top);
      top = ly + row_h + gap;
    }

  /* source line and note, bottom */
  bottom = height - pad;
  {
    /* 数据来源：source（dataset，imported 2026-11-26，1000000 rows）, with whatever is known */
    gboolean zh = lang == SHZ_CHART_LANG_ZH_CN;
    const char *sep = zh ? "，" : ", ";
    g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
    const char *source = (m->source && m->source[0]) ? m->source : m->computed ? TR (T_COMPUTED) : NULL;

    if (m->dataset != NULL && m->dataset[0] != '\0')
      g_ptr_array_add (parts, g_strdup (m->dataset));
    if (m->imported != NULL && strlen (m->imported) >= 10)
      g_ptr_array_add (parts, g_strdup_printf ("%s %.10s", TR (T_IMPORTED), m->imported));
    if (m->n_points > 0)
      g_ptr_array_add (parts, g_strdup_printf ("%u %s", m->n_points, TR (T_ROWS)));
    g_ptr_array_add (parts, NULL);

    s = g_string_new (TR (T_SOURCE));
    if (source != NULL)
      g_string_append (s, source);
    if (parts->len > 1)
      {
        g_autofree char *joined = g_strjoinv (sep, (char **) parts->pdata);
        if (source != NULL)
          g_string_append_printf (s, zh ? "（%s）" : " (%s)", joined);
        else
          g_string_append (s, joined);
      }
  }
  l->source_text = g_string_free (s, FALSE);

  if (m->note != NULL && m->note[0] != '\0')
    {
      /* the dataset's own note, verbatim; a Chinese chart of an illustrative dataset whose note
       * is not in Chinese also says so in Chinese */
      gboolean cjk = FALSE;
      for (const char *c = m->note; *c && !cjk; c = g_utf8_next_char (c))
        cjk = g_unichar_get_script (g_utf8_get_char (c)) == G_UNICODE_SCRIPT_HAN;
      if (m->illustrative && lang == SHZ_CHART_LANG_ZH_CN && !cjk)
        l->note_text = g_strconcat (TR (T_NOTE), TR (T_ILLUSTRATIVE), "（", m->note, "）", NULL);
      else
        l->note_text = g_strconcat (TR (T_NOTE), m->note, NULL);
    }
  else if (m->illustrative)
    l->note_text = g_strconcat (TR (T_NOTE), TR (T_ILLUSTRATIVE), NULL);
  if (l->note_text != NULL)
    {
      shz_chart_text_measure (pango, l->note_text, l->small_size, FALSE, w, &l->note.width, &l->note.height);
      bottom -= l->note.height;
      l->note.x = pad;
      l->note.y = bottom;
      bottom -= gap * 0.3;
    }
  shz_chart_text_measure (pango, l->source_text, l->small_size, FALSE, w, &l->source.width, &l->source.height);
  bottom -= l->source.height;
  l->source.x = pad;
  l->source.y = bottom;
  bottom -= gap * 1.5;

  /* axis titles */
  l->x_title_text = g_strdup (TR (T_X));
  l->y_title_text = g_strdup (TR (T_Y));
  shz_chart_text_measure (pango, l->x_title_text, l->axis_title_size, TRUE, 0, &l->x_title.width, &l->x_title.height);
  shz_chart_text_measure (pango, l->y_title_text, l->axis_title_size, TRUE, 0, &l->y_title.height, &l->y_title.width);
  axis_title_h = l->x_title.height;
  bottom -= axis_title_h;
  l->x_title.y = bottom;
  bottom -= gap * 0.5;

  /* ranges and ticks */
  collect_values (m, FALSE, xs);
  collect_values (m, TRUE, ys);
  data_range ((double *) (void *) xs->data, xs->len, o->x_min, o->x_max, &l->x_min, &l->x_max);
  data_range ((double *) (void *) ys->data, ys->len, o->y_min, o->y_max, &l->y_min, &l->y_max);

  if (o->axes == SHZ_MATURITY_AXES_NUMERIC)
    {
      step = nice_step (l->x_max - l->x_min, 5);
      for (double v = ceil (l->x_min / step - 1e-9) * step; v <= l->x_max + step * 1e-9 && l->x_ticks->len < 40; v += step)
        {
          ShzMaturityTick t = { .value = v, .text = format_value (v, step) };
          double tw, th;
          shz_chart_text_measure (pango, t.text, l->tick_size, FALSE, 0, &tw, &th);
          tick_h = MAX (tick_h, th);
          g_array_append_val (l->x_ticks, t);
        }
      step = nice_step (l->y_max - l->y_min, 5);
      for (double v = ceil (l->y_min / step - 1e-9) * step; v <= l->y_max + step * 1e-9 && l->y_ticks->len < 40; v += step)
        {
          ShzMaturityTick t = { .value = v, .text = format_value (v, step) };
          double tw, th;
          shz_chart_text_measure (pango, t.text, l->tick_size, FALSE, 0, &tw, &th);
          tick_w = MAX (tick_w, tw);
          g_array_append_val (l->y_ticks, t);
        }
    }
  else
    {
      /* 由低到高 beside each axis arrow */
      double tw, th;
      shz_chart_text_measure (pango, TR (T_LOW_HIGH), l->tick_size, FALSE, 0, &tw, &th);
      tick_h = th;
      tick_w = th;   /* drawn vertically along the y axis */
    }

  bottom -= tick_h + gap * 0.5;
  left = pad + l->y_title.width + gap + tick_w + gap * 0.6;
  right = width - pad;
  l->plot = shz_rect_make (left, top + gap, MAX (right - left, 10), MAX (bottom - top - gap, 10));
  l->x_title.x = l->plot.x + (l->plot.width - l->x_title.width) / 2;
  l->y_title.x = pad;
  l->y_title.y = l->plot.y + (l->plot.height - l->y_title.height) / 2;

  for (guint i = 0; i < l->x_ticks->len; i++)
    {
      ShzMaturityTick *t = &g_array_index (l->x_ticks, ShzMaturityTick, i);
      t->pos = shz_maturity_layout_x (l, t->value);
    }
  for (guint i = 0; i < l->y_ticks->len; i++)
    {
      ShzMaturityTick *t = &g_array_index (l->y_ticks, ShzMaturityTick, i);
      t->pos = shz_maturity_layout_y (l, t->value);
    }

  /* bubbles: area ∝ size, or ∝ the sample size of computed positions that have no size */
  for (guint i = 0; i < m->entities->len; i++)
    {
      ShzMaturityEntity *e = g_ptr_array_index (m->entities, i);
      if (isfinite (e->size) && e->size > 0)
        any_size = TRUE;
    }
  size_from_n = !any_size;
  for (guint i = 0; i < m->entities->len; i++)
    {
      double v = bubble_size (g_ptr_array_index (m->entities, i), size_from_n);
      if (v > 0)
        {
          size_max = MAX (size_max, v);
          any_size = TRUE;
        }
    }
  r_max = MIN (l->plot.width, l->plot.height) * 0.075 * MIN (1.0, sqrt (10.0 / MAX (m->entities->len, 1)));
  r_max = MAX (r_max, 9 * f);
  for (guint i = 0; i < m->entities->len; i++)
    {
      ShzMaturityEntity *e = g_ptr_array_index (m->entities, i);
      ShzMaturityBubble b = { 0 };
      guint g;

      if (!isfinite (e->x) || !isfinite (e->y))
        continue;
      b.entity = i;
      b.cx = CLAMP (shz_maturity_layout_x (l, e->x), l->plot.x, l->plot.x + l->plot.width);
      b.cy = CLAMP (shz_maturity_layout_y (l, e->y), l->plot.y, l->plot.y + l->plot.height);
      if (any_size)
        b.r = r_max * sqrt (bubble_size (e, size_from_n) / size_max);
      else
        b.r = r_max * 0.55;
      b.r = MAX (b.r, 3.5 * f);
      g = shz_maturity_model_group_index (m, e->group ? e->group : e->entity);
      b.color = shz_chart_palette_color (g);
      b.is_client = entity_is_highlighted (self, e);
      g_array_append_val (l->bubbles, b);
    }
  g_array_sort (l->bubbles, compare_bubble_radius);

  /* trajectories: from the earlier position to the bubble's edge */
  if (o->trajectories)
    for (guint i = 0; i < l->bubbles->len; i++)
      {
        ShzMaturityBubble *b = &g_array_index (l->bubbles, ShzMaturityBubble, i);
        ShzMaturityEntity *e = g_ptr_array_index (m->entities, b->entity);
        for (guint k = 0; k < m->previous->len; k++)
          {
            ShzMaturityEntity *p = g_ptr_array_index (m->previous, k);
            ShzMaturityArrow a;
            double dx, dy, d;
            if (strcmp (p->entity, e->entity) != 0 || !isfinite (p->x) || !isfinite (p->y))
              continue;
            a.x0 = CLAMP (shz_maturity_layout_x (l, p->x), l->plot.x, l->plot.x + l->plot.width);
            a.y0 = CLAMP (shz_maturity_layout_y (l, p->y), l->plot.y, l->plot.y + l->plot.height);
            dx = b->cx - a.x0;
            dy = b->cy - a.y0;
            d = hypot (dx, dy);
            if (d <= b->r + 2)
              break;
            a.x1 = b->cx - dx / d * (b->r + 1.5);
            a.y1 = b->cy - dy / d * (b->r + 1.5);
            g_array_append_val (l->arrows, a);
            break;
          }
      }

  /* quadrant guides */
  if (o->quadrants != SHZ_MATURITY_QUADRANTS_OFF && m->entities->len > 0)
    {
      if (o->quadrants == SHZ_MATURITY_QUADRANTS_MEDIAN)
        {
          g_autoptr(GArray) vx = g_array_new (FALSE, FALSE, sizeof (double));
          g_autoptr(GArray) vy = g_array_new (FALSE, FALSE, sizeof (double));
          for (guint i = 0; i < m->entities->len; i++)
            {
              ShzMaturityEntity *e = g_ptr_array_index (m->entities, i);
              if (isfinite (e->x) && isfinite (e->y))
                {
                  g_array_append_val (vx, e->x);
                  g_array_append_val (vy, e->y);
                }
            }
          l->quadrant_x = median (vx);
          l->quadrant_y = median (vy);
        }
      else
        {
          l->quadrant_x = o->quadrant_x;
          l->quadrant_y = o->quadrant_y;
        }
      l->has_quadrants = isfinite (l->quadrant_x) && isfinite (l->quadrant_y) &&
                         l->quadrant_x > l->x_min && l->quadrant_x < l->x_max &&
                         l->quadrant_y > l->y_min && l->quadrant_y < l->y_max;
    }

  /* trend line (least squares) and Pearson r */
  if (o->trend && m->entities->len >= 3)
    {
      double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
      guint n = 0;
      for (guint i = 0; i < m->entities->len; i++)
        {
          ShzMaturityEntity *e = g_ptr_array_index (m->entities, i);
          if (!isfinite (e->x) || !isfinite (e->y))
            continue;
          sx += e->x; sy += e->y; sxx += e->x * e->x; syy += e->y * e->y; sxy += e->x * e->y;
          n++;
        }
      if (n >= 3)
        {
          double vx = sxx - sx * sx / n, vy = syy - sy * sy / n, cxy = sxy - sx * sy / n;
          if (vx > 1e-12 && vy > 1e-12)
            {
              l->has_trend = TRUE;
              l->trend_slope = cxy / vx;
              l->trend_intercept = (sy - l->trend_slope * sx) / n;
              l->trend_r = cxy / sqrt (vx * vy);
              l->trend_text = g_strdup_printf ("%s (r = %.2f)",
                                               l->trend_r >= 0.3 ? TR (T_POSITIVE)
                                               : l->trend_r <= -0.3 ? TR (T_NEGATIVE) : TR (T_WEAK),
                                               l->trend_r);
              if (lang == SHZ_CHART_LANG_ZH_CN)
                {
                  char *t = g_strdup_printf ("%s（r = %.2f）",
                                             l->trend_r >= 0.3 ? TR (T_POSITIVE)
                                             : l->trend_r <= -0.3 ? TR (T_NEGATIVE) : TR (T_WEAK),
                                             l->trend_r);
                  g_free (l->trend_text);
                  l->trend_text = t;
                }
            }
        }
    }

  /* ---- labels: every text inside the plot goes through one placer ---- */
  placer = shz_label_placer_new (&l->plot);
  shz_label_placer_set_margin (placer, 2.0 * f);
  for (guint i = 0; i < l->bubbles->len; i++)
    {
      ShzMaturityBubble *b = &g_array_index (l->bubbles, ShzMaturityBubble, i);
      shz_label_placer_add_circle (placer, b->cx, b->cy, bubble_extent (b, f));
    }
  /* no text crosses the trend line: it is sampled into small obstacles */
  if (l->has_trend)
    {
      double x0 = l->plot.x, x1 = l->plot.x + l->plot.width;
      double spacing = 3.0 * f;
      for (double x = x0; x <= x1; x += spacing)
        {
          double v = l->x_min + (x - l->plot.x) / l->plot.width * (l->x_max - l->x_min);
          double y = shz_maturity_layout_y (l, l->trend_slope * v + l->trend_intercept);
          if (y >= l->plot.y && y <= l->plot.y + l->plot.height)
            shz_label_placer_add_circle (placer, x, y, 1.5 * f);
        }
    }
  for (guint i = 0; i < l->arrows->len; i++)
    {
      /* the earlier position's marker */
      ShzMaturityArrow *a = &g_array_index (l->arrows, ShzMaturityArrow, i);
      shz_label_placer_add_circle (placer, a->x0, a->y0, 3.5 * f);
    }

  label_of_bubble = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < l->bubbles->len; i++)
    {
      ShzMaturityBubble *b = &g_array_index (l->bubbles, ShzMaturityBubble, i);
      ShzMaturityEntity *e = g_ptr_array_index (m->entities, b->entity);
      ShzMaturityLabel lab = { 0 };
      double tw, th, prio;
      guint idx;
      double *pin;

      lab.bubble = i;
      lab.text = shorten (translate_name (e->entity, lang), MAX_LABEL_CHARS);
      shz_chart_text_measure (pango, lab.text, l->label_size, b->is_client, 0, &tw, &th);
      lab.rect.width = tw;
      lab.rect.height = th;
      prio = (b->is_client ? 1000 : 100) + b->r / 100.0;
      idx = shz_label_placer_add_label (placer, b->cx, b->cy, bubble_extent (b, f), tw, th, prio);
      pin = g_hash_table_lookup (self->pins, e->entity);
      if (pin != NULL)
        {
          double px = CLAMP (b->cx + pin[0], l->plot.x, l->plot.x + l->plot.width - tw);
          double py = CLAMP (b->cy + pin[1], l->plot.y, l->plot.y + l->plot.height - th);
          shz_label_placer_pin (placer, idx, px, py);
          lab.pinned = TRUE;
        }
      g_array_append_val (l->labels, lab);
    }

  if (l->has_trend)
    {
      double tw, th, x_at, y_at;
      shz_chart_text_measure (pango, l->trend_text, l->small_size, FALSE, 0, &tw, &th);
      x_at = l->x_min + (l->x_max - l->x_min) * 0.82;
      y_at = l->trend_slope * x_at + l->trend_intercept;
      y_at = CLAMP (y_at, l->y_min, l->y_max);
      trend_label = (int) shz_label_placer_add_label (placer, shz_maturity_layout_x (l, x_at),
                                                      shz_maturity_layout_y (l, y_at), 2.0 * f, tw, th, 50);
      shz_label_placer_set_no_leader (placer, (guint) trend_label);
      l->trend_label = shz_rect_make (0, 0, tw, th);
    }
  if (l->has_quadrants && o->quadrant_names)
    for (guint q = 0; q < 4; q++)
      {
        double tw, th, ax, ay;
        l->quadrant_names[q] = g_strdup (TR (T_QUADRANTS[q]));
        shz_chart_text_measure (pango, l->quadrant_names[q], l->small_size, TRUE, 0, &tw, &th);
        ax = (q % 2 == 0) ? l->plot.x + 4 * f : l->plot.x + l->plot.width - 4 * f;
        ay = (q < 2) ? l->plot.y + 4 * f : l->plot.y + l->plot.height - 4 * f;
        quadrant_label[q] = (int) shz_label_placer_add_label (placer, ax, ay, 0, tw, th, 20);
        shz_label_placer_set_no_leader (placer, (guint) quadrant_label[q]);
      }
  if (o->eras)
    {
      l->has_eras = TRUE;
      for (guint k = 0; k < 3; k++)
        {
          /* three places in each band, the first that is free wins: below the diagonal
           * first (a positive trend leaves it emptier), the last band's corner belongs to the
           * leaders so its text tries the right edge first */
          static const double anchor[3][3][2] = {
            { { 0.32, 0.01 }, { 0.01, 0.30 }, { 0.12, 0.14 } },
            { { 0.66, 0.34 }, { 0.34, 0.66 }, { 0.90, 0.10 } },
            { { 0.995, 0.47 }, { 0.70, 0.99 }, { 0.86, 0.82 } },
          };
          double tw, th;
          l->era_texts[k] = g_strdup (TR (T_ERAS[k]));
          shz_chart_text_measure (pango, l->era_texts[k], l->small_size, FALSE, 0, &tw, &th);
          for (guint a = 0; a < 3; a++)
            {
              double ax = l->plot.x + l->plot.width * anchor[k][a][0];
              double ay = l->plot.y + l->plot.height * (1 - anchor[k][a][1]);
              era_label[k][a] = (int) shz_label_placer_add_label (placer, ax, ay, 0, tw, th, 10 - a);
              shz_label_placer_set_no_leader (placer, (guint) era_label[k][a]);
            }
        }
    }

  shz_label_placer_run (placer);

  for (guint i = 0; i < l->labels->len; i++)
    {
      ShzMaturityLabel *lab = &g_array_index (l->labels, ShzMaturityLabel, i);
      const ShzLabelPlacement *p = shz_label_placer_get (placer, i);
      lab->placed = p->placed;
      lab->rect = p->rect;
      lab->leader = p->leader;
      lab->leader_x = p->leader_x;
      lab->leader_y = p->leader_y;
    }
  if (trend_label >= 0)
    {
      const ShzLabelPlacement *p = shz_label_placer_get (placer, (guint) trend_label);
      if (p->placed)
        l->trend_label = p->rect;
      else
        l->trend_label = shz_rect_make (0, 0, 0, 0);
    }
  for (guint q = 0; q < 4; q++)
    if (quadrant_label[q] >= 0)
      {
        const ShzLabelPlacement *p = shz_label_placer_get (placer, (guint) quadrant_label[q]);
        l->quadrant_name_rects[q] = p->placed ? p->rect : shz_rect_make (0, 0, 0, 0);
      }
  for (guint k = 0; k < 3; k++)
    for (guint a = 0; a < 3; a++)
      if (era_label[k][a] >= 0)
        {
          const ShzLabelPlacement *p = shz_label_placer_get (placer, (guint) era_label[k][a]);
          if (p->placed)
            {
              l->era_label_rects[k] = p->rect;
              break;
            }
        }

  /* items: bubbles in reading order (left to right) for keyboard navigation */
  {
    g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
    for (guint i = 0; i < l->bubbles->len; i++)
      g_array_append_val (order, i);
    for (guint a = 1; a < order->len; a++)    /* insertion sort by x then y: tiny n */
      for (guint b = a; b > 0; b--)
        {
          guint *o1 = &g_array_index (order, guint, b - 1), *o2 = &g_array_index (order, guint, b);
          ShzMaturityBubble *b1 = &g_array_index (l->bubbles, ShzMaturityBubble, *o1);
          ShzMaturityBubble *b2 = &g_array_index (l->bubbles, ShzMaturityBubble, *o2);
          if (b1->cx < b2->cx || (b1->cx == b2->cx && b1->cy <= b2->cy))
            break;
          guint tmp = *o1; *o1 = *o2; *o2 = tmp;
        }
    for (guint k = 0; k < order->len; k++)
      {
        guint i = g_array_index (order, guint, k);
        ShzMaturityBubble *b = &g_array_index (l->bubbles, ShzMaturityBubble, i);
        ShzMaturityEntity *e = g_ptr_array_index (m->entities, b->entity);
        ShzRect bounds = shz_rect_make (b->cx - b->r, b->cy - b->r, 2 * b->r, 2 * b->r);
        g_autofree char *desc = entity_description (self, e);
        shz_chart_add_item (chart, e->entity, translate_name (e->entity, lang), desc, b->cx, b->cy, &bounds);
      }
  }
}

/* ---- rendering ---- */

/* A text placed in the plot, on a translucent patch of the background (@halo, or none) so
 * that grid and guide lines do not run through its letters. */
static void
draw_halo_text (cairo_t        *cr,
                PangoContext   *pango,
                const char     *text,
                double          size,
                gboolean        bold,
                const ShzRect  *rect,
                const ShzColor *color,
                const ShzColor *halo)
{
  if (halo != NULL)
    {
      shz_color_set_source (cr, halo);
      cairo_rectangle (cr, rect->x - 1, rect->y, rect->width + 2, rect->height);
      cairo_fill (cr);
    }
  shz_chart_text_draw (cr, pango, text, size, bold, 0, SHZ_TEXT_ALIGN_START, rect->x, rect->y, color);
}

static void
arrow_head (cairo_t *cr,
            double   x0,
            double   y0,
            double   x1,
            double   y1,
            double   len)
{
  double a = atan2 (y1 - y0, x1 - x0);

  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - len * cos (a - 0.45), y1 - len * sin (a - 0.45));
  cairo_line_to (cr, x1 - len * cos (a + 0.45), y1 - len * sin (a + 0.45));
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* The enterprise layer: an image of the plot at device resolution, cached between redraws. */
static void
draw_points (ShzMaturityMap *self,
             cairo_t        *cr)
{
  ShzMaturityLayout *l = &self->layout;
  ShzMaturityModel *m = self->model;
  double scale = shz_chart_get_raster_scale (SHZ_CHART (self));
  double key[6];
  int pw, ph;

  if (scale <= 0)
    scale = shz_chart_device_scale (cr);
  scale = MIN (scale, 8.0);

  /* Level of detail: when the discs would cover the plot many times over (a million
   * enterprises), draw them at half resolution and let the image filter smooth the density;
   * the look is the same at a quarter of the work. */
  {
    double area = 0, overdraw;
    guint step = MAX (m->n_points / 4096, 1), sampled = 0;
    for (guint i = 0; i < m->n_points; i += step, sampled++)
      {
        double r = 1 + 0.07 * CLAMP (m->psize[i], 0, 100);
        area += G_PI * r * r;
      }
    overdraw = area / MAX (sampled, 1) * m->n_points * scale * scale
               / MAX (l->plot.width * l->plot.height * scale * scale, 1);
    /* exports keep full resolution up to a heavier overdraw than the canvas, whose redraw
     * must stay quick */
    if (overdraw > (shz_chart_get_interactive (SHZ_CHART (self)) ? 3 : 12))
      scale /= 2;
  }
  /* and never an image of more than 16 Mpixel (a zoomed canvas) */
  if (l->plot.width * l->plot.height * scale * scale > 16777216.0)
    scale = sqrt (16777216.0 / (l->plot.width * l->plot.height));
  pw = (int) ceil (l->plot.width * scale);
  ph = (int) ceil (l->plot.height * scale);
  if (pw <= 0 || ph <= 0 || (gint64) pw * ph > 16000 * 16000)
    return;

  key[0] = pw; key[1] = ph; key[2] = scale; key[3] = m->n_points;
  key[4] = l->x_max - l->x_min; key[5] = l->y_max - l->y_min + l->x_min * 7 + l->y_min * 13;
  if (self->raster == NULL || memcmp (key, self->raster_key, sizeof key) != 0)
    {
      ShzColor colors[SHZ_CHART_PALETTE_SIZE];
      ShzPointRaster r = { 0 };

      g_clear_pointer (&self->raster, cairo_surface_destroy);
      self->raster = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
      if (cairo_surface_status (self->raster) != CAIRO_STATUS_SUCCESS)
        {
          g_clear_pointer (&self->raster, cairo_surface_destroy);
          return;
        }
      for (guint i = 0; i < SHZ_CHART_PALETTE_SIZE; i++)
        colors[i] = shz_chart_palette_color (i);
      r.n = m->n_points;
      r.x = m->px;
      r.y = m->py;
      r.size = m->psize;
      r.group = m->pgroup;
      r.x_scale = l->plot.width * scale / (l->x_max - l->x_min);
      r.x_offset = -l->x_min * r.x_scale;
      r.y_scale = -l->plot.height * scale / (l->y_max - l->y_min);
      r.y_offset = ph - l->y_min * r.y_scale;
      /* TESTING.md's chart spec: radius 1 + 7·size/100 px at 96 dpi */
      r.radius_base = 1;
      r.radius_per_size = 0.07;
      r.radius_scale = scale;
      r.colors = colors;
      r.n_colors = SHZ_CHART_PALETTE_SIZE;
      r.alpha = 0.35;
      shz_point_raster_draw (&r, self->raster);
      memcpy (self->raster_key, key, sizeof key);
    }
  /* SVG embeds images as PNG: hand Cairo ours, encoded fast, instead of its own */
  if (cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_SVG)
    {
      const unsigned char *data = NULL;
      unsigned long len = 0;
      cairo_surface_get_mime_data (self->raster, CAIRO_MIME_TYPE_PNG, &data, &len);
      if (data == NULL)
        {
          GBytes *png = shz_png_encode (self->raster, TRUE, scale * 96);
          if (png != NULL)
            {
              gsize size;
              const unsigned char *bytes = g_bytes_get_data (png, &size);
              cairo_surface_set_mime_data (self->raster, CAIRO_MIME_TYPE_PNG, bytes, size,
                                           (cairo_destroy_func_t) g_bytes_unref, png);
            }
        }
    }
  cairo_save (cr);
  cairo_translate (cr, l->plot.x, l->plot.y);
  cairo_scale (cr, 1 / scale, 1 / scale);
  cairo_set_source_surface (cr, self->raster, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
shz_maturity_map_render (ShzChart *chart,
                         cairo_t  *cr)
{
  ShzMaturityMap *self = SHZ_MATURITY_MAP (chart);
  ShzMaturityLayout *l = &self->layout;
  ShzMaturityModel *m = self->model;
  const ShzMaturityOptions *o = &self->options;
  const ShzChartTheme *theme = shz_chart_get_theme_colors (chart);
  ShzChartLang lang = shz_chart_get_lang (chart);
  PangoContext *pango = shz_chart_text_create_context ();
  double f = l->label_size / 13.0;
  const char *selected = shz_chart_get_selected (chart);
  const char *hovered = shz_chart_get_hovered (chart);
  ShzRect *p = &l->plot;

  shz_chart_text_set_language (pango, shz_chart_lang_to_string (lang));
  shz_chart_text_update_context (pango, cr);

  /* background */
  shz_color_set_source (cr, &theme->background);
  cairo_rectangle (cr, 0, 0, l->width, l->height);
  cairo_fill (cr);
  shz_color_set_source (cr, &theme->plot_background);
  cairo_rectangle (cr, p->x, p->y, p->width, p->height);
  cairo_fill (cr);

  /* era bands: diagonal thirds from low/low to high/high */
  if (l->has_eras)
    {
      cairo_save (cr);
      cairo_rectangle (cr, p->x, p->y, p->width, p->height);
      cairo_clip (cr);
      for (guint k = 0; k < 3; k++)
        {
          /* in unit coordinates u + v ∈ [2k/3, 2(k+1)/3] */
          double a = 2.0 * k / 3, b = 2.0 * (k + 1) / 3;
          cairo_new_path (cr);
          cairo_move_to (cr, p->x + a * p->width, p->y + p->height);
          cairo_line_to (cr, p->x + b * p->width, p->y + p->height);
          cairo_line_to (cr, p->x, p->y + p->height - b * p->height);
          cairo_line_to (cr, p->x, p->y + p->height - a * p->height);
          cairo_close_path (cr);
          shz_color_set_source (cr, &theme->band[k]);
          cairo_fill (cr);
        }
      cairo_restore (cr);
    }

  /* grid */
  cairo_set_line_width (cr, 1.0 * f);
  shz_color_set_source (cr, &theme->grid);
  for (guint i = 0; i < l->x_ticks->len; i++)
    {
      ShzMaturityTick *t = &g_array_index (l->x_ticks, ShzMaturityTick, i);
      cairo_move_to (cr, t->pos, p->y);
      cairo_line_to (cr, t->pos, p->y + p->height);
    }
  for (guint i = 0; i < l->y_ticks->len; i++)
    {
      ShzMaturityTick *t = &g_array_index (l->y_ticks, ShzMaturityTick, i);
      cairo_move_to (cr, p->x, t->pos);
      cairo_line_to (cr, p->x + p->width, t->pos);
    }
  cairo_stroke (cr);

  /* enterprise layer */
  if (m->n_points > 0 && o->show_points)
    draw_points (self, cr);

  /* quadrant guides */
  if (l->has_quadrants)
    {
      double qx = shz_maturity_layout_x (l, l->quadrant_x), qy = shz_maturity_layout_y (l, l->quadrant_y);
      double dash[] = { 6 * f, 4 * f };
      cairo_save (cr);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 1.2 * f);
      shz_color_set_source (cr, &theme->guide);
      cairo_move_to (cr, qx, p->y);
      cairo_line_to (cr, qx, p->y + p->height);
      cairo_move_to (cr, p->x, qy);
      cairo_line_to (cr, p->x + p->width, qy);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  /* trend line, clipped to the plot */
  if (l->has_trend)
    {
      double dash[] = { 10 * f, 5 * f };
      cairo_save (cr);
      cairo_rectangle (cr, p->x, p->y, p->width, p->height);
      cairo_clip (cr);
      cairo_move_to (cr, shz_maturity_layout_x (l, l->x_min),
                     shz_maturity_layout_y (l, l->trend_slope * l->x_min + l->trend_intercept));
      cairo_line_to (cr, shz_maturity_layout_x (l, l->x_max),
                     shz_maturity_layout_y (l, l->trend_slope * l->x_max + l->trend_intercept));
      if (m->n_points > 0 && o->show_points)
        {
          /* over a dense cloud, a band of the background keeps the line readable */
          shz_color_set_source (cr, &theme->label_halo);
          cairo_set_line_width (cr, 4.5 * f);
          cairo_stroke_preserve (cr);
        }
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 1.8 * f);
      shz_color_set_source_alpha (cr, &theme->text_muted, 0.9);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  /* axes */
  cairo_set_line_width (cr, 1.4 * f);
  shz_color_set_source (cr, &theme->axis);
  cairo_move_to (cr, p->x, p->y);
  cairo_line_to (cr, p->x, p->y + p->height);
  cairo_line_to (cr, p->x + p->width, p->y + p->height);
  cairo_stroke (cr);
  if (o->axes == SHZ_MATURITY_AXES_QUALITATIVE)
    {
      double tw, th;
      arrow_head (cr, p->x, p->y + p->height, p->x + p->width + 1, p->y + p->height, 10 * f);
      arrow_head (cr, p->x, p->y + p->height, p->x, p->y - 1, 10 * f);
      shz_chart_text_measure (pango, TR (T_LOW_HIGH), l->tick_size, FALSE, 0, &tw, &th);
      shz_chart_text_draw (cr, pango, TR (T_LOW_HIGH), l->tick_size, FALSE, 0, SHZ_TEXT_ALIGN_START,
                           p->x + p->width - tw - 12 * f, p->y + p->height + 3 * f, &theme->text_muted);
      shz_chart_text_draw_vertical (cr, pango, TR (T_LOW_HIGH), l->tick_size, FALSE,
                                    p->x - th - 3 * f, p->y + 12 * f, &theme->text_muted);
    }
  else
    {
      for (guint i = 0; i < l->x_ticks->len; i++)
        {
          ShzMaturityTick *t = &g_array_index (l->x_ticks, ShzMaturityTick, i);
          double tw, th;
          shz_chart_text_measure (pango, t->text, l->tick_size, FALSE, 0, &tw, &th);
          shz_chart_text_draw (cr, pango, t->text, l->tick_size, FALSE, 0, SHZ_TEXT_ALIGN_START,
                               t->pos - tw / 2, p->y + p->height + 3 * f, &theme->text_muted);
        }
      for (guint i = 0; i < l->y_ticks->len; i++)
        {
          ShzMaturityTick *t = &g_array_index (l->y_ticks, ShzMaturityTick, i);
          double tw, th;
          shz_chart_text_measure (pango, t->text, l->tick_size, FALSE, 0, &tw, &th);
          shz_chart_text_draw (cr, pango, t->text, l->tick_size, FALSE, 0, SHZ_TEXT_ALIGN_START,
                               p->x - tw - 5 * f, t->pos - th / 2, &theme->text_muted);
        }
    }
  shz_chart_text_draw (cr, pango, l->x_title_text, l->axis_title_size, TRUE, 0, SHZ_TEXT_ALIGN_START,
                       l->x_title.x, l->x_title.y, &theme->text);
  shz_chart_text_draw_vertical (cr, pango, l->y_title_text, l->axis_title_size, TRUE,
                                l->y_title.x, l->y_title.y, &theme->text);

  /* trajectories */
  for (guint i = 0; i < l->arrows->len; i++)
    {
      ShzMaturityArrow *a = &g_array_index (l->arrows, ShzMaturityArrow, i);
      shz_color_set_source (cr, &theme->text_muted);
      cairo_set_line_width (cr, 1.3 * f);
      cairo_new_path (cr);
      cairo_arc (cr, a->x0, a->y0, 3 * f, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_move_to (cr, a->x0, a->y0);
      cairo_line_to (cr, a->x1, a->y1);
      cairo_stroke (cr);
      arrow_head (cr, a->x0, a->y0, a->x1, a->y1, 8 * f);
    }

  /* interval bars */
  if (o->intervals)
    for (guint i = 0; i < l->bubbles->len; i++)
      {
        ShzMaturityBubble *b = &g_array_index (l->bubbles, ShzMaturityBubble, i);
        ShzMaturityEntity *e = g_ptr_array_index (m->entities, b->entity);
        double cap = 3 * f;
        shz_color_set_source_alpha (cr, &theme->axis, 0.75);
        cairo_set_line_width (cr, 1.2 * f);
        if (isfinite (e->x_lo) && isfinite (e->x_hi))
          {
            double x0 = shz_maturity_layout_x (l, e->x_lo), x1 = shz_maturity_layout_x (l, e->x_hi);
            cairo_move_to (cr, x0, b->cy); cairo_line_to (cr, x1, b->cy);
            cairo_move_to (cr, x0, b->cy - cap); cairo_line_to (cr, x0, b->cy + cap);
            cairo_move_to (cr, x1, b->cy - cap); cairo_line_to (cr, x1, b->cy + cap);
          }
        if (isfinite (e->y_lo) && isfinite (e->y_hi))
          {
            double y0 = shz_maturity_layout_y (l, e->y_lo), y1 = shz_maturity_layout_y (l, e->y_hi);
            cairo_move_to (cr, b->cx, y0); cairo_line_to (cr, b->cx, y1);
            cairo_move_to (cr, b->cx - cap, y0); cairo_line_to (cr, b->cx + cap, y0);
            cairo_move_to (cr, b->cx - cap, y1); cairo_line_to (cr, b->cx + cap, y1);
          }
        cairo_stroke (cr);
      }

  /* bubbles, largest first */
  for (guint i = 0; i < l->bubbles->len; i++)
    {
      ShzMaturityBubble *b = &g_array_index (l->bubbles, ShzMaturityBubble, i);
      ShzMaturityEntity *e = g_ptr_array_index (m->entities, b->entity);
      gboolean sel = selected && strcmp (selected, e->entity) == 0;
      gboolean hov = hovered && strcmp (hovered, e->entity) == 0;

      cairo_new_path (cr);
      cairo_arc (cr, b->cx, b->cy, b->r, 0, 2 * G_PI);
      shz_color_set_source_alpha (cr, &b->color, e->is_centroid ? 0.85 : (e->low_sample ? 0.35 : 0.72));
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.2 * f);
      if (e->is_centroid)
        cairo_set_source_rgba (cr, theme->background.r, theme->background.g, theme->background.b, 0.95);
      else
        shz_color_set_source (cr, &b->color);
      cairo_stroke (cr);
      if (b->is_client)
        {
          cairo_new_path (cr);
          cairo_arc (cr, b->cx, b->cy, b->r + 2.5 * f, 0, 2 * G_PI);
          cairo_set_line_width (cr, 2.5 * f);
          shz_color_set_source (cr, &theme->highlight);
          cairo_stroke (cr);
        }
      if (sel || hov)
        {
          double dash[] = { 4 * f, 3 * f };
          cairo_save (cr);
          cairo_new_path (cr);
          cairo_arc (cr, b->cx, b->cy, b->r + 5 * f, 0, 2 * G_PI);
          cairo_set_line_width (cr, sel ? 2 * f : 1.2 * f);
          if (!sel)
            cairo_set_dash (cr, dash, 2, 0);
          shz_color_set_source (cr, &theme->text);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
    }

  /* texts placed in the plot */
  if (l->has_trend && l->trend_label.width > 0)
    draw_halo_text (cr, pango, l->trend_text, l->small_size, FALSE, &l->trend_label,
                    &theme->text_muted, &theme->label_halo);
  for (guint q = 0; q < 4; q++)
    if (l->quadrant_names[q] && l->quadrant_name_rects[q].width > 0)
      draw_halo_text (cr, pango, l->quadrant_names[q], l->small_size, TRUE,
                      &l->quadrant_name_rects[q], &theme->guide, NULL);
  for (guint k = 0; k < 3; k++)
    if (l->era_texts[k] && l->era_label_rects[k].width > 0)
      draw_halo_text (cr, pango, l->era_texts[k], l->small_size, FALSE,
                      &l->era_label_rects[k], &theme->text_muted, NULL);

  for (guint i = 0; i < l->labels->len; i++)
    {
      ShzMaturityLabel *lab = &g_array_index (l->labels, ShzMaturityLabel, i);
      ShzMaturityBubble *b = &g_array_index (l->bubbles, ShzMaturityBubble, lab->bubble);

      if (!lab->placed)
        continue;
      if (lab->leader)
        {
          double dx = lab->leader_x - b->cx, dy = lab->leader_y - b->cy, d = hypot (dx, dy);
          shz_color_set_source (cr, &theme->leader);
          cairo_set_line_width (cr, 1.0 * f);
          cairo_move_to (cr, b->cx + dx / d * b->r, b->cy + dy / d * b->r);
          cairo_line_to (cr, lab->leader_x, lab->leader_y);
          cairo_stroke (cr);
        }
      draw_halo_text (cr, pango, lab->text, l->label_size, b->is_client, &lab->rect,
                      b->is_client ? &theme->highlight : &theme->text, &theme->label_halo);
    }

  /* legend */
  for (guint i = 0; i < l->legend_rows->len; i++)
    {
      ShzRect *r = &g_array_index (l->legend_rows, ShzRect, i);
      double sw = l->small_size * 0.9, cy = r->y + r->height / 2;
      g_autofree char *text = NULL;
      if (l->legend_client && i == 0)
        {
          text = g_strdup (model_has_client (m) ? TR (T_CLIENT) : TR (T_CLIENT_INDUSTRY));
          cairo_new_path (cr);
          cairo_arc (cr, r->x + sw / 2, cy, sw / 2 - 1 * f, 0, 2 * G_PI);
          cairo_set_line_width (cr, 2 * f);
          shz_color_set_source (cr, &theme->highlight);
          cairo_stroke (cr);
        }
      else
        {
          guint g = i - (l->legend_client ? 1 : 0);
          ShzColor c = shz_chart_palette_color (g);
          text = shorten (translate_name (g_ptr_array_index (m->groups, g), lang), MAX_LABEL_CHARS);
          cairo_new_path (cr);
          cairo_arc (cr, r->x + sw / 2, cy, sw / 2, 0, 2 * G_PI);
          shz_color_set_source_alpha (cr, &c, 0.8);
          cairo_fill (cr);
        }
      shz_chart_text_draw (cr, pango, text, l->small_size, FALSE, 0, SHZ_TEXT_ALIGN_START,
                           r->x + sw + l->small_size * 0.4, r->y, &theme->text);
    }
  if (l->legend_more > 0)
    {
      g_autofree char *more = g_strdup_printf ("+%u", l->legend_more);
      shz_chart_text_draw (cr, pango, more, l->small_size, FALSE, 0, SHZ_TEXT_ALIGN_START,
                           l->legend_more_rect.x, l->legend_more_rect.y, &theme->text_muted);
    }

  /* titles and source */
  shz_chart_text_draw (cr, pango, l->title_text, l->title_size, TRUE, l->width - 2 * l->title.x,
                       SHZ_TEXT_ALIGN_START, l->title.x, l->title.y, &theme->text);
  shz_chart_text_draw (cr, pango, l->subtitle_text, l->subtitle_size, FALSE, l->width - 2 * l->subtitle.x,
                       SHZ_TEXT_ALIGN_START, l->subtitle.x, l->subtitle.y, &theme->text_muted);
  shz_chart_text_draw (cr, pango, l->source_text, l->small_size, FALSE, l->width - 2 * l->source.x,
                       SHZ_TEXT_ALIGN_START, l->source.x, l->source.y, &theme->text_muted);
  if (l->note_text)
    shz_chart_text_draw (cr, pango, l->note_text, l->small_size, FALSE, l->width - 2 * l->note.x,
                         SHZ_TEXT_ALIGN_START, l->note.x, l->note.y, &theme->text_muted);

  g_object_unref (pango);
}

/* ---- labels the user drags ---- */

static char *
shz_maturity_map_hit_label (ShzChart *chart,
                            double    x,
                            double    y)
{
  ShzMaturityMap *self = SHZ_MATURITY_MAP (chart);
  ShzMaturityLayout *l = &self->layout;

  if (l->labels == NULL)
    return NULL;
  for (guint i = l->labels->len; i > 0; i--)
    {
      ShzMaturityLabel *lab = &g_array_index (l->labels, ShzMaturityLabel, i - 1);
      if (lab->placed && shz_rect_contains_point (&lab->rect, x, y))
        {
          ShzMaturityBubble *b = &g_array_index (l->bubbles, ShzMaturityBubble, lab->bubble);
          ShzMaturityEntity *e = g_ptr_array_index (self->model->entities, b->entity);
          return g_strdup (e->entity);
        }
    }
  return NULL;
}

static void
shz_maturity_map_move_label (ShzChart   *chart,
                             const char *id,
                             double      dx,
                             double      dy)
{
  ShzMaturityMap *self = SHZ_MATURITY_MAP (chart);
  ShzMaturityLayout *l = &self->layout;

  if (l->labels == NULL)
    return;
  for (guint i = 0; i < l->labels->len; i++)
    {
      ShzMaturityLabel *lab = &g_array_index (l->labels, ShzMaturityLabel, i);
      ShzMaturityBubble *b = &g_array_index (l->bubbles, ShzMaturityBubble, lab->bubble);
      ShzMaturityEntity *e = g_ptr_array_index (self->model->entities, b->entity);
      double *off;

      if (strcmp (e->entity, id) != 0)
        continue;
      off = g_new (double, 2);
      off[0] = (lab->placed ? lab->rect.x : b->cx + b->r) + dx - b->cx;
      off[1] = (lab->placed ? lab->rect.y : b->cy) + dy - b->cy;
      g_hash_table_insert (self->pins, g_strdup (id), off);
      return;
    }
}

static void
shz_maturity_map_unpin_labels (ShzChart *chart)
{
  g_hash_table_remove_all (SHZ_MATURITY_MAP (chart)->pins);
}

/* ---- the rest of ShzChart ---- */

static gboolean
shz_maturity_map_load (ShzChart    *chart,
                       ShzStore    *store,
                       gint64       engagement_id,
                       const char  *dataset,
                       const char  *period,
                       GError     **error)
{
  ShzMaturityMap *self = SHZ_MATURITY_MAP (chart);
  g_autoptr(ShzEngagement) e = NULL;
  ShzMaturityModel *model;

  /* what the caller asks for, else what was saved with the chart, else the latest */
  model = shz_maturity_model_load (store, engagement_id,
                                   dataset ? dataset : self->saved_dataset,
                                   period ? period : self->saved_period, NULL);
  if (model == NULL)
    model = shz_maturity_model_load (store, engagement_id, dataset, period, error);
  if (model == NULL)
    return FALSE;

  e = shz_store_get_engagement (store, engagement_id, NULL);
  g_free (self->client_industry);
  self->client_industry = (e && e->industry && e->industry[0]) ? g_strdup (e->industry) : NULL;
  shz_maturity_map_set_model (self, model);
  return TRUE;
}

static char *
shz_maturity_map_get_title (ShzChart *chart)
{
  ShzMaturityMap *self = SHZ_MATURITY_MAP (chart);
  if (self->options.title)
    return g_strdup (self->options.title);
  if (self->model && self->model->period)
    return g_strdup_printf ("%s %s", TR (T_TITLE), self->model->period);
  return g_strdup (TR (T_TITLE));
}

static char *
shz_maturity_map_describe (ShzChart *chart)
{
  ShzMaturityMap *self = SHZ_MATURITY_MAP (chart);
  ShzMaturityLayout *l = &self->layout;
  GString *s = g_string_new (NULL);
  g_autofree char *title = shz_chart_get_title (chart);

  g_string_append_printf (s, "%s. %s / %s.\n", title, TR (T_X), TR (T_Y));
  for (guint i = 0; i < shz_chart_get_n_items (chart); i++)
    g_string_append_printf (s, "%s\n", shz_chart_get_item (chart, i)->description);
  if (self->model && self->model->n_points > 0)
    g_string_append_printf (s, "%u %s\n", self->model->n_points, TR (T_ENTERPRISES));
  if (l->trend_text)
    g_string_append_printf (s, "%s\n", l->trend_text);
  if (l->source_text)
    g_string_append_printf (s, "%s\n", l->source_text);
  if (l->note_text)
    g_string_append_printf (s, "%s\n", l->note_text);
  return g_string_free (s, FALSE);
}

static void
shz_maturity_map_finalize (GObject *object)
{
  ShzMaturityMap *self = SHZ_MATURITY_MAP (object);

  layout_clear (&self->layout);
  options_clear (&self->options);
  g_clear_pointer (&self->model, shz_maturity_model_free);
  g_clear_pointer (&self->pins, g_hash_table_unref);
  g_clear_pointer (&self->raster, cairo_surface_destroy);
  g_free (self->client_industry);
  g_free (self->saved_dataset);
  g_free (self->saved_period);

  G_OBJECT_CLASS (shz_maturity_map_parent_class)->finalize (object);
}

static void
shz_maturity_map_class_init (ShzMaturityMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShzChartClass *chart_class = SHZ_CHART_CLASS (klass);

  object_class->finalize = shz_maturity_map_finalize;

  chart_class->kind = KIND;
  chart_class->load = shz_maturity_map_load;
  chart_class->layout = shz_maturity_map_layout;
  chart_class->render = shz_maturity_map_render;
  chart_class->hit_label = shz_maturity_map_hit_label;
  chart_class->move_label = shz_maturity_map_move_label;
  chart_class->unpin_labels = shz_maturity_map_unpin_labels;
  chart_class->load_settings = shz_maturity_map_load_settings;
  chart_class->save_settings = shz_maturity_map_save_settings;
  chart_class->get_title = shz_maturity_map_get_title;
  chart_class->describe = shz_maturity_map_describe;
}

static void
shz_maturity_map_init (ShzMaturityMap *self)
{
  options_init (&self->options);
  self->pins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->model = shz_maturity_model_new ();
}

/* ---- public API ---- */

ShzMaturityMap *
shz_maturity_map_new (void)
{
  return g_object_new (SHZ_TYPE_MATURITY_MAP, NULL);
}

void
shz_maturity_map_set_model (ShzMaturityMap   *self,
                            ShzMaturityModel *model)
{
  g_return_if_fail (SHZ_IS_MATURITY_MAP (self));
  g_return_if_fail (model != NULL);

  if (self->model != model)
    g_clear_pointer (&self->model, shz_maturity_model_free);
  self->model = model;
  g_clear_pointer (&self->raster, cairo_surface_destroy);
  shz_chart_invalidate (SHZ_CHART (self));
}

ShzMaturityModel *
shz_maturity_map_get_model (ShzMaturityMap *self)
{
  g_return_val_if_fail (SHZ_IS_MATURITY_MAP (self), NULL);
  return self->model;
}

const ShzMaturityOptions *
shz_maturity_map_get_options (ShzMaturityMap *self)
{
  g_return_val_if_fail (SHZ_IS_MATURITY_MAP (self), NULL);
  return &self->options;
}

void
shz_maturity_map_set_options (ShzMaturityMap           *self,
                              const ShzMaturityOptions *options)
{
  char *title, *subtitle;

  g_return_if_fail (SHZ_IS_MATURITY_MAP (self));
  g_return_if_fail (options != NULL);

  title = g_strdup (options->title);
  subtitle = g_strdup (options->subtitle);
  options_clear (&self->options);
  self->options = *options;
  self->options.title = title;
  self->options.subtitle = subtitle;
  shz_chart_invalidate (SHZ_CHART (self));
}

const ShzMaturityLayout *
shz_maturity_map_get_layout (ShzMaturityMap *self)
{
  g_return_val_if_fail (SHZ_IS_MATURITY_MAP (self), NULL);
  return &self->layout;
}
