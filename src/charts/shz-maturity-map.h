/* shz-maturity-map.h — the maturity map (中国产业数智化转型成熟度比较): a model of positions
 * (entities, groups, periods, an optional enterprise point layer, provenance), a layout (pure
 * computation: what tests check) and its renderer.  Kind id "maturity-map".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "charts/shz-chart.h"

G_BEGIN_DECLS

/* ---- model ---- */

typedef struct {
  char     *entity;
  char     *group;          /* may be NULL */
  double    x, y;           /* maturity, innovation */
  double    size;           /* NAN when absent */
  gboolean  is_client;
  double    x_lo, x_hi, y_lo, y_hi;   /* 90 % intervals or NAN */
  gint64    n;              /* sample size, 0 when unknown */
  gboolean  low_sample;
  gboolean  is_centroid;    /* a group's centroid over the enterprise layer */
} ShzMaturityEntity;

typedef struct {
  GPtrArray *entities;      /* ShzMaturityEntity* of the shown period (labelled bubbles) */
  GPtrArray *previous;      /* ShzMaturityEntity* of the earlier period (trajectories) */
  char      *period;        /* shown period or NULL */
  char      *previous_period;
  GPtrArray *periods;       /* char*: every period of the dataset, sorted */
  GPtrArray *groups;        /* char*: group names in colour order */
  /* enterprise layer: a point per row, drawn as a raster */
  guint      n_points;
  float     *px, *py, *psize;  /* size in 0–100 (NAN → 0) */
  guint8    *pgroup;           /* index into groups (mod 255) */
  guint      points_allocated; /* capacity of the four arrays */
  /* provenance */
  char      *dataset;       /* dataset name */
  char      *source;        /* source file name or method */
  char      *imported;
  char      *note;          /* e.g. the illustrative note; shown on the chart */
  gboolean   illustrative;
  gboolean   computed;
} ShzMaturityModel;

ShzMaturityModel  *shz_maturity_model_new        (void);
void               shz_maturity_model_free       (ShzMaturityModel *model);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzMaturityModel, shz_maturity_model_free)

/* For tests and callers building a model by hand; @size NAN when unknown. */
ShzMaturityEntity *shz_maturity_model_add_entity (ShzMaturityModel *model,
                                                  const char       *entity,
                                                  const char       *group,
                                                  double            x,
                                                  double            y,
                                                  double            size,
                                                  gboolean          is_client);
ShzMaturityEntity *shz_maturity_model_add_previous (ShzMaturityModel *model,
                                                    const char       *entity,
                                                    double            x,
                                                    double            y);
/* One enterprise point (the group is added to groups if new). */
void               shz_maturity_model_add_point  (ShzMaturityModel *model,
                                                  double            x,
                                                  double            y,
                                                  double            size,
                                                  const char       *group);
/* Replace the labelled bubbles by each group's centroid of the enterprise layer. */
void               shz_maturity_model_add_centroids (ShzMaturityModel *model);
guint              shz_maturity_model_group_index (ShzMaturityModel *model,
                                                   const char       *group);

/* Rows in a dataset above which it is drawn as an enterprise layer with group centroids. */
#define SHZ_MATURITY_MAX_BUBBLES 60

/* Load a positions dataset: @dataset NULL picks the engagement's positions dataset (the last
 * one computed or imported); @period NULL shows the latest period.  A dataset with more than
 * SHZ_MATURITY_MAX_BUBBLES entities in the period becomes the enterprise layer with centroids. */
ShzMaturityModel  *shz_maturity_model_load       (ShzStore         *store,
                                                  gint64            engagement_id,
                                                  const char       *dataset,
                                                  const char       *period,
                                                  GError          **error);

/* ---- options (saved as the [maturity-map] group of the chart settings) ---- */

typedef enum {
  SHZ_MATURITY_AXES_NUMERIC,      /* numeric ticks */
  SHZ_MATURITY_AXES_QUALITATIVE,  /* the whitepaper's 由低到高 arrows */
} ShzMaturityAxes;

typedef enum {
  SHZ_MATURITY_QUADRANTS_OFF,
  SHZ_MATURITY_QUADRANTS_MEDIAN,
  SHZ_MATURITY_QUADRANTS_VALUES,
} ShzMaturityQuadrants;

typedef struct {
  ShzMaturityAxes      axes;
  ShzMaturityQuadrants quadrants;
  double               quadrant_x, quadrant_y;  /* for _VALUES */
  gboolean             quadrant_names;
  gboolean             trend;
  gboolean             eras;
  gboolean             intervals;
  gboolean             trajectories;
  gboolean             legend;
  gboolean             show_points;      /* the enterprise layer */
  double               x_min, x_max, y_min, y_max;   /* NAN: automatic */
  char                *title;            /* NULL: the default in the chart language */
  char                *subtitle;
} ShzMaturityOptions;

/* ---- layout (chart units) ---- */

typedef struct {
  guint    entity;       /* index into model->entities */
  double   cx, cy, r;
  ShzColor color;
  gboolean is_client;
} ShzMaturityBubble;

typedef struct {
  guint    bubble;       /* index into bubbles */
  char    *text;
  ShzRect  rect;
  gboolean placed;
  gboolean leader;
  gboolean pinned;
  double   leader_x, leader_y;
} ShzMaturityLabel;

typedef struct {
  double   value;
  double   pos;          /* x (for the x axis) or y, chart units */
  char    *text;
} ShzMaturityTick;

typedef struct {
  double   x0, y0, x1, y1;   /* chart units */
} ShzMaturityArrow;

typedef struct {
  double   width, height;
  ShzRect  plot;
  double   x_min, x_max, y_min, y_max;
  /* text blocks (empty rect: absent) */
  ShzRect  title, subtitle, x_title, y_title, source, note, legend;
  char    *title_text, *subtitle_text, *x_title_text, *y_title_text, *source_text, *note_text;
  double   title_size, subtitle_size, axis_title_size, tick_size, label_size, small_size;
  GArray  *x_ticks, *y_ticks;        /* ShzMaturityTick */
  GArray  *bubbles;                  /* ShzMaturityBubble, drawing order (big first) */
  GArray  *labels;                   /* ShzMaturityLabel */
  GArray  *arrows;                   /* ShzMaturityArrow: trajectories */
  /* legend: one row per group */
  GArray  *legend_rows;              /* ShzRect of each entry's swatch+text */
  gboolean legend_client;            /* the first entry is the client's key, when highlighted … */
  guint    legend_groups;            /* … then this many groups (colour order) … */
  guint    legend_more;              /* … and "+N" for the groups that did not fit */
  ShzRect  legend_more_rect;
  /* guides */
  gboolean has_quadrants;
  double   quadrant_x, quadrant_y;   /* data values */
  ShzRect  quadrant_name_rects[4];
  char    *quadrant_names[4];
  gboolean has_trend;
  double   trend_slope, trend_intercept, trend_r;
  ShzRect  trend_label;
  char    *trend_text;
  gboolean has_eras;
  ShzRect  era_rects[3];
  char    *era_texts[3];
  ShzRect  era_label_rects[3];
} ShzMaturityLayout;

#define SHZ_TYPE_MATURITY_MAP (shz_maturity_map_get_type ())
G_DECLARE_FINAL_TYPE (ShzMaturityMap, shz_maturity_map, SHZ, MATURITY_MAP, ShzChart)

ShzMaturityMap           *shz_maturity_map_new         (void);
/* Takes ownership of @model. */
void                      shz_maturity_map_set_model   (ShzMaturityMap   *self,
                                                        ShzMaturityModel *model);
ShzMaturityModel         *shz_maturity_map_get_model   (ShzMaturityMap   *self);
const ShzMaturityOptions *shz_maturity_map_get_options (ShzMaturityMap   *self);
/* Copies @options. */
void                      shz_maturity_map_set_options (ShzMaturityMap           *self,
                                                        const ShzMaturityOptions *options);
/* The layout of the last shz_chart_ensure_layout(). */
const ShzMaturityLayout  *shz_maturity_map_get_layout  (ShzMaturityMap   *self);

/* Data value → chart units in the last layout. */
double                    shz_maturity_layout_x        (const ShzMaturityLayout *layout,
                                                        double                   value);
double                    shz_maturity_layout_y        (const ShzMaturityLayout *layout,
                                                        double                   value);

G_END_DECLS
