/* shz-label-placer.c — candidate positions, greedy placement into free space (most constrained
 * first), a repair pass that moves one blocking label to make room, and a seeded local search.
 * See the header for the reference.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "charts/shz-label-placer.h"

#define GAP            3.0      /* between an anchor's circle and a label next to it */
#define N_RINGS        14       /* rings of leader-line positions */
#define N_DIRECTIONS   36
#define LEADER_COST    2.0
#define LEADER_CROSSING_COST 6.0
#define SEED           0x5a4f /* fixed: every run of the same input is identical */

typedef struct {
  ShzRect rect;
  double  cost;
  gboolean leader;
} Candidate;

typedef struct {
  double    x, y, r, width, height, priority;
  gboolean  pinned;
  gboolean  no_leader;
  GArray   *candidates;  /* Candidate, statically valid ones only, cheapest first */
  int       chosen;      /* index into candidates, -1 none */
  ShzRect   pin_rect;
  ShzLabelPlacement result;
} Label;

typedef struct {
  double cx, cy, r;
} Circle;

#define CELL 24.0   /* grid of the circles, so a candidate checks only its neighbours */

struct _ShzLabelPlacer {
  ShzRect  bounds;
  double   margin;
  gboolean strict;    /* leader lines may not cross (a preference: tried first) */
  GArray  *circles;   /* Circle */
  /* the grid: circles overlapping cell c are cell_items[cell_start[c] .. cell_start[c + 1]) */
  int      grid_w, grid_h;
  guint   *cell_start;
  guint   *cell_items;
  guint   *visited;   /* per circle: the last query that counted it */
  guint    query;
  GArray  *rects;     /* ShzRect */
  GArray  *labels;    /* Label */
};

static void
label_clear (gpointer data)
{
  Label *l = data;
  g_clear_pointer (&l->candidates, g_array_unref);
}

ShzLabelPlacer *
shz_label_placer_new (const ShzRect *bounds)
{
  ShzLabelPlacer *p = g_new0 (ShzLabelPlacer, 1);

  p->bounds = *bounds;
  p->margin = 2.0;
  p->circles = g_array_new (FALSE, FALSE, sizeof (Circle));
  p->rects = g_array_new (FALSE, FALSE, sizeof (ShzRect));
  p->labels = g_array_new (FALSE, TRUE, sizeof (Label));
  g_array_set_clear_func (p->labels, label_clear);
  return p;
}

void
shz_label_placer_free (ShzLabelPlacer *p)
{
  if (p == NULL)
    return;
  g_array_unref (p->circles);
  g_array_unref (p->rects);
  g_free (p->cell_start);
  g_free (p->cell_items);
  g_free (p->visited);
  g_array_unref (p->labels);
  g_free (p);
}

void
shz_label_placer_add_circle (ShzLabelPlacer *p,
                             double          cx,
                             double          cy,
                             double          r)
{
  Circle c = { cx, cy, r };
  g_array_append_val (p->circles, c);
}

void
shz_label_placer_add_rect (ShzLabelPlacer *p,
                           const ShzRect  *rect)
{
  g_array_append_val (p->rects, *rect);
}

void
shz_label_placer_set_margin (ShzLabelPlacer *p,
                             double          margin)
{
  p->margin = MAX (margin, 0);
}

guint
shz_label_placer_add_label (ShzLabelPlacer *p,
                            double          x,
                            double          y,
                            double          r,
                            double          width,
                            double          height,
                            double          priority)
{
  Label l = { 0 };

  l.x = x;
  l.y = y;
  l.r = MAX (r, 0);
  l.width = width;
  l.height = height;
  l.priority = priority;
  l.chosen = -1;
  g_array_append_val (p->labels, l);
  return p->labels->len - 1;
}

void
shz_label_placer_set_no_leader (ShzLabelPlacer *p,
                                guint           i)
{
  g_return_if_fail (i < p->labels->len);
  g_array_index (p->labels, Label, i).no_leader = TRUE;
}

void
shz_label_placer_pin (ShzLabelPlacer *p,
                      guint           i,
                      double          x,
                      double          y)
{
  Label *l;

  g_return_if_fail (i < p->labels->len);
  l = &g_array_index (p->labels, Label, i);
  l->pinned = TRUE;
  l->pin_rect = shz_rect_make (x, y, l->width, l->height);
}

guint
shz_label_placer_get_n_labels (ShzLabelPlacer *p)
{
  return p->labels->len;
}

const ShzLabelPlacement *
shz_label_placer_get (ShzLabelPlacer *p,
                      guint           i)
{
  g_return_val_if_fail (i < p->labels->len, NULL);
  return &g_array_index (p->labels, Label, i).result;
}

/* ---- static validity: bounds, circles, rects ---- */

static void
cell_range (ShzLabelPlacer *p,
            double          x0,
            double          y0,
            double          x1,
            double          y1,
            int            *cx0,
            int            *cy0,
            int            *cx1,
            int            *cy1)
{
  *cx0 = CLAMP ((int) floor ((x0 - p->bounds.x) / CELL), 0, p->grid_w - 1);
  *cx1 = CLAMP ((int) floor ((x1 - p->bounds.x) / CELL), 0, p->grid_w - 1);
  *cy0 = CLAMP ((int) floor ((y0 - p->bounds.y) / CELL), 0, p->grid_h - 1);
  *cy1 = CLAMP ((int) floor ((y1 - p->bounds.y) / CELL), 0, p->grid_h - 1);
}

static void
build_grid (ShzLabelPlacer *p)
{
  guint n_cells;
  g_autofree guint *fill = NULL;

  p->grid_w = MAX (1, (int) ceil (p->bounds.width / CELL));
  p->grid_h = MAX (1, (int) ceil (p->bounds.height / CELL));
  n_cells = (guint) (p->grid_w * p->grid_h);
  g_free (p->cell_start);
  g_free (p->cell_items);
  g_free (p->visited);
  p->cell_start = g_new0 (guint, n_cells + 1);
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < p->circles->len; i++)
        {
          const Circle *c = &g_array_index (p->circles, Circle, i);
          int cx0, cy0, cx1, cy1;
          cell_range (p, c->cx - c->r, c->cy - c->r, c->cx + c->r, c->cy + c->r, &cx0, &cy0, &cx1, &cy1);
          for (int y = cy0; y <= cy1; y++)
            for (int x = cx0; x <= cx1; x++)
              {
                guint cell = (guint) (y * p->grid_w + x);
                if (pass == 0)
                  p->cell_start[cell + 1]++;
                else
                  p->cell_items[fill[cell]++] = i;
              }
        }
      if (pass == 0)
        {
          for (guint c = 0; c < n_cells; c++)
            p->cell_start[c + 1] += p->cell_start[c];
          p->cell_items = g_new (guint, MAX (p->cell_start[n_cells], 1));
          fill = g_memdup2 (p->cell_start, sizeof (guint) * n_cells);
        }
    }
  p->visited = g_new0 (guint, MAX (p->circles->len, 1));
  p->query = 0;
}

static gboolean
static_free (ShzLabelPlacer *p,
             const ShzRect  *rect)
{
  ShzRect inflated;
  int cx0, cy0, cx1, cy1;

  if (!shz_rect_inside (rect, &p->bounds))
    return FALSE;
  inflated = shz_rect_inflate (rect, p->margin);
  cell_range (p, inflated.x, inflated.y, inflated.x + inflated.width, inflated.y + inflated.height,
              &cx0, &cy0, &cx1, &cy1);
  for (int y = cy0; y <= cy1; y++)
    for (int x = cx0; x <= cx1; x++)
      {
        guint cell = (guint) (y * p->grid_w + x);
        for (guint k = p->cell_start[cell]; k < p->cell_start[cell + 1]; k++)
          {
            const Circle *c = &g_array_index (p->circles, Circle, p->cell_items[k]);
            if (shz_rect_intersects_circle (&inflated, c->cx, c->cy, c->r))
              return FALSE;
          }
      }
  for (guint i = 0; i < p->rects->len; i++)
    if (shz_rect_intersects (&inflated, &g_array_index (p->rects, ShzRect, i)))
      return FALSE;
  return TRUE;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;
  return (ca->cost > cb->cost) - (ca->cost < cb->cost);
}

static void
try_candidate (ShzLabelPlacer *p,
               Label          *l,
               double          x,
               double          y,
               double          cost,
               gboolean        leader)
{
  Candidate c;

  if (leader && l->no_leader)
    return;
  c.rect = shz_rect_make (x, y, l->width, l->height);
  c.cost = cost;
  c.leader = leader;
  if (!static_free (p, &c.rect))
    return;
  if (leader)
    {
      /* a leader line across other items reads as pointing at them: avoid when possible */
      double x1 = CLAMP (l->x, c.rect.x, c.rect.x + c.rect.width);
      double y1 = CLAMP (l->y, c.rect.y, c.rect.y + c.rect.height);
      double len2 = (x1 - l->x) * (x1 - l->x) + (y1 - l->y) * (y1 - l->y);
      int cx0, cy0, cx1, cy1;

      p->query++;
      cell_range (p, MIN (l->x, x1), MIN (l->y, y1), MAX (l->x, x1), MAX (l->y, y1), &cx0, &cy0, &cx1, &cy1);
      for (int gy = cy0; gy <= cy1 && len2 > 0; gy++)
        for (int gx = cx0; gx <= cx1; gx++)
          {
            guint cell = (guint) (gy * p->grid_w + gx);
            for (guint k = p->cell_start[cell]; k < p->cell_start[cell + 1]; k++)
              {
                guint i = p->cell_items[k];
                const Circle *o = &g_array_index (p->circles, Circle, i);
                double t, px, py;
                if (p->visited[i] == p->query)
                  continue;
                p->visited[i] = p->query;
                if (fabs (o->cx - l->x) < 1e-6 && fabs (o->cy - l->y) < 1e-6)
                  continue;   /* its own item (or one on the same spot) */
                t = CLAMP (((o->cx - l->x) * (x1 - l->x) + (o->cy - l->y) * (y1 - l->y)) / len2, 0, 1);
                px = l->x + t * (x1 - l->x) - o->cx;
                py = l->y + t * (y1 - l->y) - o->cy;
                if (px * px + py * py < o->r * o->r)
                  c.cost += LEADER_CROSSING_COST;
              }
          }
    }
  g_array_append_val (l->candidates, c);
}

/* The classic positions around a point, right first (the reading direction), then rings
 * further out that need a leader line. */
static void
generate_candidates (ShzLabelPlacer *p,
                     Label          *l)
{
  double d = l->r + p->margin + GAP;
  double w = l->width, h = l->height;
  double diag = d * G_SQRT2 / 2;
  double step = MAX (h, 8.0);

  l->candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));

  try_candidate (p, l, l->x + d,           l->y - h / 2,        0.00, FALSE); /* E  */
  try_candidate (p, l, l->x + diag,        l->y - diag - h,     0.10, FALSE); /* NE */
  try_candidate (p, l, l->x + diag,        l->y + diag,         0.20, FALSE); /* SE */
  try_candidate (p, l, l->x - d - w,       l->y - h / 2,        0.30, FALSE); /* W  */
  try_candidate (p, l, l->x - diag - w,    l->y - diag - h,     0.35, FALSE); /* NW */
  try_candidate (p, l, l->x - diag - w,    l->y + diag,         0.40, FALSE); /* SW */
  try_candidate (p, l, l->x - w / 2,       l->y - d - h,        0.45, FALSE); /* N  */
  try_candidate (p, l, l->x - w / 2,       l->y + d,            0.50, FALSE); /* S  */
  /* slid along the sides */
  try_candidate (p, l, l->x + d,           l->y - h * 0.9,      0.55, FALSE);
  try_candidate (p, l, l->x + d,           l->y - h * 0.1,      0.55, FALSE);
  try_candidate (p, l, l->x - d - w,       l->y - h * 0.9,      0.60, FALSE);
  try_candidate (p, l, l->x - d - w,       l->y - h * 0.1,      0.60, FALSE);
  try_candidate (p, l, l->x - w * 0.15,    l->y - d - h,        0.65, FALSE);
  try_candidate (p, l, l->x - w * 0.85,    l->y - d - h,        0.65, FALSE);
  try_candidate (p, l, l->x - w * 0.15,    l->y + d,            0.70, FALSE);
  try_candidate (p, l, l->x - w * 0.85,    l->y + d,            0.70, FALSE);

  for (int ring = 1; ring <= N_RINGS; ring++)
    {
      double dist = d + step * ring * (1 + ring * 0.25);
      for (int k = 0; k < N_DIRECTIONS; k++)
        {
          double theta = 2 * G_PI * k / N_DIRECTIONS;
          double ct = cos (theta), st = sin (theta);
          double px = l->x + dist * ct, py = l->y + dist * st;
          /* the rect's side facing the anchor touches (px, py) */
          double x = px - w / 2 + (w / 2) * ct;
          double y = py - h / 2 + (h / 2) * st;
          double cost = 1.0 + LEADER_COST * ring + 0.01 * k;
          try_candidate (p, l, x, y, cost, TRUE);
        }
    }
  /* columns beside the item: a crowd of labels for one spot (identical coordinates) stacks
   * there, each leader reaching its label without crossing the others */
  for (int col = 0; col < 2; col++)
    {
      double dx = d + step * (col == 0 ? 2.5 : 7);
      for (int j = -15; j <= 15; j++)
        {
          double y = l->y - h / 2 + j * (h + 2 * p->margin + 1);
          double cost = 1.0 + LEADER_COST * (1.5 + col * 2 + abs (j) * 0.25);
          try_candidate (p, l, l->x + dx, y, cost, TRUE);
          try_candidate (p, l, l->x - dx - w, y, cost + 0.1, TRUE);
        }
    }
  g_array_sort (l->candidates, compare_candidates);
}

/* ---- dynamic validity: other labels ---- */

static const ShzRect *
label_rect (const Label *l)
{
  if (l->pinned)
    return &l->pin_rect;
  if (l->chosen >= 0)
    return &g_array_index (l->candidates, Candidate, l->chosen).rect;
  return NULL;
}

/* Liang–Barsky: does the segment (x0, y0)–(x1, y1) cross @r? */
static gboolean
segment_hits_rect (double         x0,
                   double         y0,
                   double         x1,
                   double         y1,
                   const ShzRect *r)
{
  double t0 = 0, t1 = 1, dx = x1 - x0, dy = y1 - y0;
  double pp[4] = { -dx, dx, -dy, dy };
  double qq[4] = { x0 - r->x, r->x + r->width - x0, y0 - r->y, r->y + r->height - y0 };

  for (int i = 0; i < 4; i++)
    {
      if (pp[i] == 0)
        {
          if (qq[i] < 0)
            return FALSE;
          continue;
        }
      double t = qq[i] / pp[i];
      if (pp[i] < 0)
        t0 = MAX (t0, t);
      else
        t1 = MIN (t1, t);
      if (t0 > t1)
        return FALSE;
    }
  return TRUE;
}

static double
orient (double ax, double ay, double bx, double by, double cx, double cy)
{
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/* Proper crossing of two segments (sharing an end point, as leaders from one spot do, is not) */
static gboolean
segments_cross (double ax, double ay, double bx, double by,
                double cx, double cy, double dx, double dy)
{
  double d1 = orient (cx, cy, dx, dy, ax, ay), d2 = orient (cx, cy, dx, dy, bx, by);
  double d3 = orient (ax, ay, bx, by, cx, cy), d4 = orient (ax, ay, bx, by, dx, dy);

  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/* The leader line a label at @rect would need: from its anchor to the nearest point of the
 * box; FALSE when the label sits next to its anchor and needs none. */
static gboolean
leader_of (ShzLabelPlacer *p,
           const Label    *l,
           const ShzRect  *rect,
           double         *x1,
           double         *y1)
{
  *x1 = CLAMP (l->x, rect->x, rect->x + rect->width);
  *y1 = CLAMP (l->y, rect->y, rect->y + rect->height);
  return hypot (*x1 - l->x, *y1 - l->y) > l->r + p->margin + GAP * 2.5;
}

/* Do labels @a at @ra and @b at @rb collide: boxes overlapping, or a leader line through
 * the other's box? */
static gboolean
labels_collide (ShzLabelPlacer *p,
                const Label    *a,
                const ShzRect  *ra,
                const Label    *b,
                const ShzRect  *rb)
{
  ShzRect ia = shz_rect_inflate (ra, p->margin);
  ShzRect ib = shz_rect_inflate (rb, p->margin * 0.5);
  double x1, y1;

  if (shz_rect_intersects (&ia, rb))
    return TRUE;
  if (leader_of (p, a, ra, &x1, &y1) && segment_hits_rect (a->x, a->y, x1, y1, &ib))
    return TRUE;
  ia = shz_rect_inflate (ra, p->margin * 0.5);
  if (leader_of (p, b, rb, &x1, &y1) && segment_hits_rect (b->x, b->y, x1, y1, &ia))
    return TRUE;
  /* two leader lines crossing read as pointing at each other's items: avoided where possible */
  if (p->strict)
    {
      double ax1, ay1, bx1, by1;
      if (leader_of (p, a, ra, &ax1, &ay1) && leader_of (p, b, rb, &bx1, &by1) &&
          segments_cross (a->x, a->y, ax1, ay1, b->x, b->y, bx1, by1))
        return TRUE;
    }
  return FALSE;
}

/* Index of the one label blocking @rect (excluding @self), -1 if none, -2 if several. */
static int
blocking_label (ShzLabelPlacer *p,
                guint           self,
                const ShzRect  *rect,
                int             ignore)
{
  const Label *l = &g_array_index (p->labels, Label, self);
  int found = -1;

  for (guint j = 0; j < p->labels->len; j++)
    {
      const Label *o = &g_array_index (p->labels, Label, j);
      const ShzRect *r;

      if (j == self || (int) j == ignore)
        continue;
      r = label_rect (o);
      if (r == NULL || !labels_collide (p, l, rect, o, r))
        continue;
      if (found >= 0 || o->pinned)
        return -2;
      found = (int) j;
    }
  return found;
}

static gboolean
dynamic_free (ShzLabelPlacer *p,
              guint           self,
              const ShzRect  *rect,
              int             ignore)
{
  return blocking_label (p, self, rect, ignore) == -1;
}

static int
first_free (ShzLabelPlacer *p,
            guint           i,
            int             ignore)
{
  Label *l = &g_array_index (p->labels, Label, i);

  /* first a place whose leader crosses no other leader, else any free place */
  for (int pass = 0; pass < 2; pass++)
    {
      p->strict = pass == 0;
      for (guint c = 0; c < l->candidates->len; c++)
        if (dynamic_free (p, i, &g_array_index (l->candidates, Candidate, c).rect, ignore))
          {
            p->strict = FALSE;
            return (int) c;
          }
    }
  p->strict = FALSE;
  return -1;
}

static int
compare_order (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  ShzLabelPlacer *p = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;
  const Label *la = &g_array_index (p->labels, Label, ia);
  const Label *lb = &g_array_index (p->labels, Label, ib);

  if (la->priority != lb->priority)
    return la->priority > lb->priority ? -1 : 1;
  /* fewer good (leader-free) places first: they have least choice */
  if (la->candidates->len != lb->candidates->len)
    return la->candidates->len < lb->candidates->len ? -1 : 1;
  return (ia > ib) - (ia < ib);
}

/* An unplaced label takes a candidate blocked by exactly one movable label, which moves to
 * another free candidate of its own. */
static gboolean
repair (ShzLabelPlacer *p,
        guint           i)
{
  Label *l = &g_array_index (p->labels, Label, i);

  for (guint c = 0; c < l->candidates->len; c++)
    {
      const ShzRect *rect = &g_array_index (l->candidates, Candidate, c).rect;
      int j = blocking_label (p, i, rect, -1);
      Label *o;
      int old;

      if (j < 0)
        continue;
      o = &g_array_index (p->labels, Label, j);
      old = o->chosen;
      l->chosen = (int) c;           /* tentatively take the place */
      o->chosen = -1;
      for (guint oc = 0; oc < o->candidates->len; oc++)
        {
          if ((int) oc == old)
            continue;
          if (dynamic_free (p, (guint) j, &g_array_index (o->candidates, Candidate, oc).rect, -1))
            {
              o->chosen = (int) oc;
              return TRUE;
            }
        }
      o->chosen = old;
      l->chosen = -1;
    }
  return FALSE;
}

/* Seeded local search: move a label to a cheaper place that became free.  Only moves into free space are allowed, so the
 * no-overlap invariant of the greedy pass is kept. */
static void
improve (ShzLabelPlacer *p)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  guint n = p->labels->len;
  guint iterations = 40 * n;

  for (guint it = 0; it < iterations; it++)
    {
      guint i = g_rand_int_range (rand, 0, (gint32) n);
      Label *l = &g_array_index (p->labels, Label, i);
      int best;

      if (l->pinned || l->chosen <= 0)
        continue;
      /* candidates are sorted by cost: the first free one is the best move */
      best = first_free (p, i, -1);
      if (best >= 0 && best < l->chosen)
        l->chosen = best;
    }
}

guint
shz_label_placer_run (ShzLabelPlacer *p)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  guint placed = 0;

  build_grid (p);
  for (guint i = 0; i < p->labels->len; i++)
    {
      Label *l = &g_array_index (p->labels, Label, i);
      g_clear_pointer (&l->candidates, g_array_unref);
      l->chosen = -1;
      generate_candidates (p, l);
      if (!l->pinned)
        g_array_append_val (order, i);
    }
  g_array_sort_with_data (order, compare_order, p);

  for (guint k = 0; k < order->len; k++)
    {
      guint i = g_array_index (order, guint, k);
      Label *l = &g_array_index (p->labels, Label, i);

      l->chosen = first_free (p, i, -1);
      if (l->chosen < 0)
        repair (p, i);
    }
  improve (p);

  for (guint i = 0; i < p->labels->len; i++)
    {
      Label *l = &g_array_index (p->labels, Label, i);
      ShzLabelPlacement *res = &l->result;
      const ShzRect *r = label_rect (l);

      memset (res, 0, sizeof *res);
      if (r == NULL)
        continue;
      res->rect = *r;
      res->placed = TRUE;
      placed++;
      {
        /* leader from the item's edge to the nearest point of the label */
        double nx = CLAMP (l->x, r->x, r->x + r->width);
        double ny = CLAMP (l->y, r->y, r->y + r->height);
        double dist = hypot (nx - l->x, ny - l->y);
        res->leader_x = nx;
        res->leader_y = ny;
        res->leader = dist > l->r + p->margin + GAP * 2.5;
      }
    }
  return placed;
}
