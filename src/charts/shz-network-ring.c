/* shz-network-ring.c — layout of the ring network around the consumer and of the one-way chain
 * column, with their links.  Pure computation on a ShzNetLayout; text measured with Pango.
 *
 * The shipped value network (17 nodes) is one ring of stages with the data streams inside and
 * the supporting elements in the corners.  A user's catalogue may hold hundreds of nodes: then
 * the stages go on several orbits (zigzag, so that they still read round the ring in catalogue
 * order), the streams on orbits of their own inside them, the supporting elements all around
 * the edge, and labels are cut to one line before the text would go below the legible size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"
#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "charts/shz-network-measure.h"
#include "charts/shz-network-ring.h"

enum {
  RING_CENTRE,
  RING_STAGE,
  RING_STREAM,
  RING_SUPPORT,
};

/* How much of a node's text it shows: wrapped wide or narrow (the whole label, the score on a
 * line of its own); the label cut to one line of 7.5, 5, 3.5 or 2.2 × the text size (the score
 * left to the node's colour); or nothing, a small box.  The tooltip and the inspector always
 * have the whole label and the score. */
enum {
  LEVEL_WIDE,
  LEVEL_NARROW,
  LEVEL_LINE,
  LEVEL_SHORT,
  LEVEL_SHORTER,
  LEVEL_TINY,
  LEVEL_MARK,
  N_LEVELS
};

/* Wrap widths of the first two levels, one-line widths of the cut ones (× the text size). */
static const double level_widths[N_LEVELS] = { 7.5, 5.0, 7.5, 5.0, 3.5, 2.2, 0 };

typedef struct {
  const ShzCatItem *item;
  int               role;
  const char       *label;
  char             *text;     /* label, and the score on a second line */
  char             *cut[N_LEVELS];  /* the text shown at the cut levels */
  double            score;    /* NAN: not assessed */
  double            tw, th;   /* text size at the base size, at the current level … */
  double            tws[N_LEVELS], ths[N_LEVELS];  /* … at each level measured */
  gboolean          measured[N_LEVELS];
  guint             shown;    /* the level it shows */
  int               rank;     /* who gets room for more of a label first: lower first */
  double            w, h;
  double            x, y;     /* top-left */
} RingNode;

static void
ring_node_clear (gpointer data)
{
  RingNode *n = data;
  g_clear_pointer (&n->text, g_free);
  for (guint k = 0; k < N_LEVELS; k++)
    g_clear_pointer (&n->cut[k], g_free);
}

static const char *
ring_node_text (const RingNode *n, guint level)
{
  return level <= LEVEL_NARROW ? n->text : n->cut[level];
}

/* What the fit chose: the text size (an index into the sizes tried), the level, one ring or
 * orbits, and how (one ring: its scale and inner ratio; orbits: see fit_orbits()). */
typedef struct {
  guint    size;
  guint    level;
  gboolean orbits;
  guint    how[4];
} FitChoice;

/* ---- kept on the chart ---- */

/* The last fit is kept on the chart (and the texts' sizes: shz-network-measure.h): a drag
 * step lays the same nodes out in the same room, and the search that found it (tens of tries
 * for hundreds of nodes) need not run again. */
typedef struct {
  char      *key;   /* everything the last fit depended on (fit_key()) … */
  FitChoice  fit;   /* … and what it chose */
} FitCache;

#define FIT_CACHE_KEY "shz-network-ring-fit"

static void
fit_cache_free (gpointer data)
{
  FitCache *c = data;
  g_free (c->key);
  g_free (c);
}

static FitCache *
fit_cache_get (ShzNetworkChart *chart)
{
  FitCache *c = g_object_get_data (G_OBJECT (chart), FIT_CACHE_KEY);

  if (c == NULL)
    {
      c = g_new0 (FitCache, 1);
      g_object_set_data_full (G_OBJECT (chart), FIT_CACHE_KEY, c, fit_cache_free);
    }
  return c;
}

/* The audience's label and its relation as shown at text size @f (the relation at @rs): four
 * lines at most each (a user's catalogue may make them long). */
static void
audience_texts (ShzNetworkChart  *chart,
                ShzNetMeasure     *c,
                PangoContext     *pango,
                const ShzCatItem *audience,
                double            f,
                double            legible,
                char            **label,
                char            **rel,
                double           *rs)
{
  *rs = MAX (0.85 * f, MIN (f, legible));
  *label = shz_net_measure_cut_lines (c, pango, shz_network_chart_tr (chart, &audience->label), f, TRUE, 6 * f, 4);
  *rel = shz_net_measure_cut_lines (c, pango, shz_network_chart_tr (chart, &audience->relation.label), *rs, FALSE, 6 * f, 4);
}

double
shz_network_link_width (double weight,
                        double max_weight,
                        double u)
{
  if (max_weight <= 0)
    return 1.2 * u;
  return MAX (0.8, u * (1.2 + 7.0 * CLAMP (weight / max_weight, 0, 1)));
}

static char *
node_text (ShzNetworkChart *chart, const ShzCatItem *item, const char *label_override, double score)
{
  const char *label = label_override != NULL ? label_override : shz_network_chart_tr (chart, &item->label);

  if (isnan (score))
    return g_strdup (label);
  return g_strdup_printf ("%s\n%.1f", label, score);
}

static gboolean
boxes_clash (const RingNode *a, const RingNode *b, double gap)
{
  return a->x < b->x + b->w + gap && b->x < a->x + a->w + gap &&
         a->y < b->y + b->h + gap && b->y < a->y + a->h + gap;
}

/* The size of a node's text at the base size @f0 at @level, measured once: wrapped at 7.5 or
 * 5 × the size (unhinted metrics scale linearly, and the wrap width scales with the size, so
 * the lines stay the same at any size; the narrower wrap gives narrower, taller nodes: a ring
 * that holds them at a larger size), or cut to one line. */
static void
measure_level (RingNode *n, ShzNetMeasure *c, PangoContext *pango, double f0, guint level)
{
  double size = n->role == RING_CENTRE ? f0 * 1.15 : f0;
  gboolean bold = n->role != RING_STREAM && n->role != RING_SUPPORT;

  if (n->measured[level])
    return;
  n->measured[level] = TRUE;
  if (level <= LEVEL_NARROW)
    {
      guint k = level;

      if (n->role == RING_CENTRE)
        shz_net_measure (c, pango, n->text, f0 * 1.15, TRUE, 7 * f0, &n->tws[k], &n->ths[k]);
      else
        shz_net_measure (c, pango, n->text, f0, n->role == RING_STAGE, level_widths[k] * f0, &n->tws[k], &n->ths[k]);
      if (k > 0)
        {
          /* never narrower than a word: no word broken inside */
          g_auto(GStrv) words = g_strsplit_set (n->text, " \n", -1);
          double ww = 0, wh;
          for (guint j = 0; words[j] != NULL; j++)
            {
              double w1;
              shz_net_measure (c, pango, words[j], size, bold, 0, &w1, NULL);
              ww = MAX (ww, w1);
            }
          measure_level (n, c, pango, f0, LEVEL_WIDE);
          if (ww > n->tws[k] + 0.01 && ww <= n->tws[0] + 0.01)
            {
              /* wrap at the longest word instead */
              shz_net_measure (c, pango, n->text, size, bold, ww + 0.5, &n->tws[k], &wh);
              n->ths[k] = wh;
            }
        }
    }
  else if (level == LEVEL_MARK)
    {
      /* no text: a small box */
      n->cut[level] = g_strdup ("");
      n->tws[level] = 0.8 * f0;
      n->ths[level] = 0.5 * f0;
    }
  else
    {
      /* the score is left to the node's colour (and its tooltip): one line */
      n->cut[level] = shz_net_measure_cut_line (c, pango, n->label, size, bold, level_widths[level] * f0);
      shz_net_measure (c, pango, n->cut[level], size, bold, 0, &n->tws[level], &n->ths[level]);
    }
}

/* A node's box at text size @f for @level (measured). */
static void
node_box (RingNode *n, ShzNetMeasure *c, PangoContext *pango, double f0, double f, guint level, double *w, double *h)
{
  measure_level (n, c, pango, f0, level);
  if (n->role == RING_CENTRE)
    {
      *w = (n->tws[level] * f / f0 + 0.9 * f) * 1.45;
      *h = MAX ((n->ths[level] * f / f0 + 0.9 * f) * 1.45, *w * 0.72);
    }
  else
    {
      *w = n->tws[level] * f / f0 + 1.0 * f;
      *h = n->ths[level] * f / f0 + 0.7 * f;
    }
}

/* Node boxes at text size @f for @level. */
static void
measure_nodes (GArray *nodes, ShzNetMeasure *c, PangoContext *pango, double f0, double f, guint level)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      RingNode *n = &g_array_index (nodes, RingNode, i);

      node_box (n, c, pango, f0, f, level, &n->w, &n->h);
      n->tw = n->tws[level];
      n->th = n->ths[level];
      n->shown = level;
    }
}

/* The share of @a the nodes' boxes would cover, with the gap the checks keep round each. */
static double
nodes_cover (GArray *nodes, const ShzRect *a, double gap)
{
  double need = 0;

  for (guint i = 0; i < nodes->len; i++)
    {
      const RingNode *n = &g_array_index (nodes, RingNode, i);
      need += (n->w + gap) * (n->h + gap);
    }
  return need / MAX ((a->width + gap) * (a->height + gap), 1e-9);
}

/* Place the nodes for ring scale @rs and inner ratio @ratio; TRUE when nothing clashes. */
static gboolean
place_nodes (GArray *nodes, const ShzRect *a, double f, double rs, double ratio)
{
  double cx = a->x + a->width / 2, cy = a->y + a->height / 2;
  double maxw = 0, maxh = 0, rx2, ry2, centre_w = 0, centre_h = 0;
  guint n_stage = 0, n_stream = 0, i_stage = 0, i_stream = 0, i_support = 0;

  for (guint i = 0; i < nodes->len; i++)
    {
      RingNode *n = &g_array_index (nodes, RingNode, i);
      if (n->role == RING_STAGE)
        {
          n_stage++;
          maxw = MAX (maxw, n->w);
          maxh = MAX (maxh, n->h);
        }
      else if (n->role == RING_STREAM)
        n_stream++;
      else if (n->role == RING_CENTRE)
        {
          centre_w = n->w;
          centre_h = n->h;
        }
    }
  rx2 = a->width / 2 - maxw / 2;
  ry2 = a->height / 2 - maxh / 2;
  if (rx2 <= 0 || ry2 <= 0)
    return FALSE;
  rx2 = MIN (rx2, ry2 * 2.0);
  ry2 = MIN (ry2, rx2 * 1.3);
  rx2 *= rs;
  ry2 *= rs;

  for (guint i = 0; i < nodes->len; i++)
    {
      RingNode *n = &g_array_index (nodes, RingNode, i);
      double t;

      switch (n->role)
        {
        case RING_CENTRE:
          n->x = cx - n->w / 2;
          n->y = cy - n->h / 2;
          break;
        case RING_STAGE:
          t = -G_PI / 2 + 2 * G_PI * i_stage++ / MAX (n_stage, 1);
          n->x = cx + rx2 * cos (t) - n->w / 2;
          n->y = cy + ry2 * sin (t) - n->h / 2;
          break;
        case RING_STREAM:
          {
            double dx, dy, mx, my;

            t = -G_PI / 2 + 2 * G_PI * (i_stream++ + 0.5) / MAX (n_stream, 1);
            dx = rx2 * ratio * cos (t);
            dy = ry2 * ratio * sin (t);
            /* out along its ray until it clears the centre (a flat ring's inner ellipse is
             * too short for it) */
            mx = (centre_w + n->w) / 2 + 0.5 * f;
            my = (centre_h + n->h) / 2 + 0.5 * f;
            if (fabs (dx) < mx && fabs (dy) < my)
              {
                double k = MIN (fabs (dx) > 1e-6 ? mx / fabs (dx) : G_MAXDOUBLE,
                                fabs (dy) > 1e-6 ? my / fabs (dy) : G_MAXDOUBLE);
                dx *= k;
                dy *= k;
              }
            n->x = cx + dx - n->w / 2;
            n->y = cy + dy - n->h / 2;
          }
          break;
        case RING_SUPPORT:
        default:
          {
            /* corners first, then the middles of the edges, then around the outside */
            guint k = i_support++;
            if (k < 4)
              {
                n->x = (k == 0 || k == 3) ? a->x : a->x + a->width - n->w;
                n->y = (k < 2) ? a->y : a->y + a->height - n->h;
              }
            else if (k < 8)
              {
                static const double mx[4] = { 0.5, 1, 0.5, 0 }, my[4] = { 0, 0.5, 1, 0.5 };
                n->x = a->x + (a->width - n->w) * mx[k - 4];
                n->y = a->y + (a->height - n->h) * my[k - 4];
              }
            else
              {
                t = 2 * G_PI * (k - 8) / 8.0 + G_PI / 8;
                n->x = cx + (a->width / 2 - n->w / 2) * cos (t) - n->w / 2;
                n->y = cy + (a->height / 2 - n->h / 2) * sin (t) - n->h / 2;
              }
          }
          break;
        }
    }

  for (guint i = 0; i < nodes->len; i++)
    {
      RingNode *n = &g_array_index (nodes, RingNode, i);
      if (n->x < a->x - 0.01 || n->y < a->y - 0.01 || n->x + n->w > a->x + a->width + 0.01 ||
          n->y + n->h > a->y + a->height + 0.01)
        return FALSE;
      for (guint k = i + 1; k < nodes->len; k++)
        if (boxes_clash (n, &g_array_index (nodes, RingNode, k), 0.4 * f))
          return FALSE;
    }
  return TRUE;
}

/* ---- many nodes: orbits ---- */

static int
compare_left (gconstpointer a, gconstpointer b, gpointer data)
{
  const RingNode *nodes = data;
  double xa = nodes[*(const guint *) a].x, xb = nodes[*(const guint *) b].x;

  return xa < xb ? -1 : xa > xb;
}

/* TRUE when every node (but the streams unless @with_streams) lies inside @a and no two come
 * closer than @gap.  Sorted by their left edges, a node is compared only with those that start
 * before its right edge: about n log n for hundreds of nodes, not n². */
static gboolean
nodes_fit (GArray *nodes, const ShzRect *a, double gap, guint *order, gboolean with_streams)
{
  const RingNode *base = (const RingNode *) (gpointer) nodes->data;
  guint len = 0;

  for (guint i = 0; i < nodes->len; i++)
    {
      const RingNode *n = &base[i];
      if (!with_streams && n->role == RING_STREAM)
        continue;
      if (n->x < a->x - 0.01 || n->y < a->y - 0.01 || n->x + n->w > a->x + a->width + 0.01 ||
          n->y + n->h > a->y + a->height + 0.01)
        return FALSE;
      order[len++] = i;
    }
  g_qsort_with_data (order, len, sizeof (guint), compare_left, (gpointer) base);
  for (guint i = 0; i < len; i++)
    {
      const RingNode *n = &base[order[i]];
      for (guint k = i + 1; k < len; k++)
        {
          const RingNode *o = &base[order[k]];
          if (o->x >= n->x + n->w + gap)
            break;
          if (boxes_clash (n, o, gap))
            return FALSE;
        }
    }
  return TRUE;
}

/* How many boxes of @pw × @ph each edge of @r holds between its corners (top, right, bottom,
 * left), with @g between them; the edges' lengths to @len. */
static guint
band_holds (const ShzRect *r, double pw, double ph, double g, guint cap[4], double len[4])
{
  guint sum = 0;

  len[0] = len[2] = r->width - 2 * (pw + g);
  len[1] = len[3] = r->height - 2 * (ph + g);
  for (guint e = 0; e < 4; e++)
    {
      cap[e] = len[e] > 0 ? (guint) floor ((len[e] + g) / ((e % 2 == 0 ? pw : ph) + g)) : 0;
      sum += cap[e];
    }
  return sum;
}

/* Share @n out in proportion to @cap (never more than it holds): largest remainders. */
static void
share_out (guint n, const guint *cap, guint n_cap, guint *count)
{
  guint sum = 0, given = 0;

  for (guint e = 0; e < n_cap; e++)
    sum += cap[e];
  for (guint e = 0; e < n_cap; e++)
    {
      count[e] = sum > 0 ? (guint) ((guint64) n * cap[e] / sum) : 0;
      given += count[e];
    }
  for (guint e = 0; given < n && given < sum; e = (e + 1) % n_cap)
    if (count[e] < cap[e])
      {
        count[e]++;
        given++;
      }
}

/* Put the @m supports @idx round the edge of @r, clockwise from the top left: the four corners
 * first when there are four at most, else each corner followed by the edge after it, the
 * edges taking their shares of what they hold. */
static void
place_band (GArray *nodes, const guint *idx, guint m, const ShzRect *r, double pw, double ph, double g)
{
  RingNode *base = (RingNode *) (gpointer) nodes->data;
  guint cap[4], count[4] = { 0 }, i = 0;
  double len[4];

  band_holds (r, pw, ph, g, cap, len);
  if (m > 4)
    share_out (m - 4, cap, 4, count);
  for (guint side = 0; side < 4 && i < m; side++)
    {
      RingNode *c = &base[idx[i++]];

      /* the corner that starts edge @side */
      c->x = (side == 0 || side == 3) ? r->x : r->x + r->width - c->w;
      c->y = (side < 2) ? r->y : r->y + r->height - c->h;
      for (guint k = 0; k < count[side] && i < m; k++)
        {
          RingNode *s = &base[idx[i++]];
          double along = (k + 0.5) / count[side];

          switch (side)
            {
            case 0:
              s->x = r->x + pw + g + len[0] * along - s->w / 2;
              s->y = r->y;
              break;
            case 1:
              s->x = r->x + r->width - s->w;
              s->y = r->y + ph + g + len[1] * along - s->h / 2;
              break;
            case 2:
              s->x = r->x + r->width - pw - g - len[2] * along - s->w / 2;
              s->y = r->y + r->height - s->h;
              break;
            case 3:
            default:
              s->x = r->x;
              s->y = r->y + r->height - ph - g - len[3] * along - s->h / 2;
              break;
            }
        }
    }
}

/* The supporting elements all round the edge of @a: up to four in the corners (as the shipped
 * network has them), more spread along the edges too, and when one round of the edge does not
 * hold them, more rounds inside it, each taking its share.  @inner: the room they leave
 * inside.  @idx has room for the nodes.  FALSE when they do not fit. */
static gboolean
place_supports (GArray *nodes, const ShzRect *a, double f, ShzRect *inner, guint *idx)
{
  double pw = 0, ph = 0, g = 0.5 * f, len[4];
  guint n = 0, n_bands = 0, cap[16], count[16], edge[4], first = 0;

  for (guint i = 0; i < nodes->len; i++)
    {
      const RingNode *s = &g_array_index (nodes, RingNode, i);
      if (s->role == RING_SUPPORT)
        {
          idx[n++] = i;
          pw = MAX (pw, s->w);
          ph = MAX (ph, s->h);
        }
    }
  *inner = *a;
  if (n == 0)
    return TRUE;
  if (n <= 4)
    {
      place_band (nodes, idx, n, a, pw, ph, g);
      return TRUE;
    }
  /* the fewest rounds that hold them */
  for (guint held = 0; held < n; n_bands++)
    {
      ShzRect r = shz_rect_make (a->x + n_bands * (pw + g), a->y + n_bands * (ph + g),
                                 a->width - 2 * n_bands * (pw + g), a->height - 2 * n_bands * (ph + g));
      if (n_bands == G_N_ELEMENTS (cap) || r.width < 2 * pw + g || r.height < 2 * ph + g)
        return FALSE;
      cap[n_bands] = 4 + band_holds (&r, pw, ph, g, edge, len);
      held += cap[n_bands];
    }
  share_out (n, cap, n_bands, count);
  for (guint b = 0; b < n_bands; b++)
    {
      ShzRect r = shz_rect_make (a->x + b * (pw + g), a->y + b * (ph + g),
                                 a->width - 2 * b * (pw + g), a->height - 2 * b * (ph + g));
      place_band (nodes, idx + first, count[b], &r, pw, ph, g);
      first += count[b];
    }
  *inner = shz_rect_make (a->x + n_bands * (pw + g), a->y + n_bands * (ph + g),
                          a->width - 2 * n_bands * (pw + g), a->height - 2 * n_bands * (ph + g));
  return inner->width > 0 && inner->height > 0;
}

/* The geometry of one try. */
typedef struct {
  double   f, g;          /* text size; the room kept between nodes */
  double   sw, sh;        /* the largest stage, stream, and the centre */
  double   dw, dh;
  double   mw, mh;        /* the mean stage and stream */
  double   mdw, mdh;
  double   cw, ch;
  double   cx, cy;        /* the middle of the room inside the supports */
  double   rx, ry;        /* the outermost stage orbit (of the nodes' centres) */
  guint    n_stage, n_stream;
  guint    n_orbits;
} Orbits;

/* A point of the orbit @a, @b deep: the furthest point on the ray from the centre towards
 * (rx cos @t, ry sin @t) whose box of half size @a × @b lies inside the outer orbit.  Orbits so
 * defined (the outer orbit eroded by a box) hold nodes that can never touch the nodes of the
 * orbit one box further out, whatever their angles.  The outer orbit is a superellipse,
 * |x/rx|⁴ + |y/ry|⁴ = 1: a ring with its corners filled out, which holds more nodes on a wide
 * canvas than an ellipse and loses less room when eroded.  FALSE when the box fits nowhere. */
static gboolean
orbit_point (const Orbits *o, double a, double b, double t, double *x, double *y)
{
  double ex = o->rx * cos (t), ey = o->ry * sin (t), len = hypot (ex, ey);
  double ux = ex / len, uy = ey / len, ax = fabs (ux), ay = fabs (uy);
  /* the corner of the box furthest out decides: on the ray's side on both axes */
  double rx2 = o->rx * o->rx, ry2 = o->ry * o->ry;
  double qa = ax * ax / rx2 + ay * ay / ry2;
  double qb = 2 * (ax * a / rx2 + ay * b / ry2);
  double qc = a * a / rx2 + b * b / ry2 - 1;
  double rho, x0 = a / o->rx, y0 = b / o->ry;

  if (x0 * x0 * x0 * x0 + y0 * y0 * y0 * y0 >= 1)
    return FALSE;
  /* from where the ellipse through the same points has it (inside the superellipse), Newton's
   * steps on a convex rising function: past the root once, then down onto it */
  rho = qc < 0 ? (-qb + sqrt (qb * qb - 4 * qa * qc)) / (2 * qa) : 0;
  for (int k = 0; k < 12; k++)
    {
      double px = (rho * ax + a) / o->rx, py = (rho * ay + b) / o->ry;
      double px3 = px * px * px, py3 = py * py * py;
      double fv = px3 * px + py3 * py - 1, fd = 4 * (px3 * ax / o->rx + py3 * ay / o->ry);
      double step = fv / fd;

      rho -= step;
      if (fabs (step) < 1e-4)
        break;
    }
  *x = o->cx + rho * ux;
  *y = o->cy + rho * uy;
  return TRUE;
}

/* How far along the orbit (in its parameter) from @t node @q must go to clear node @p at @t. */
static double
orbit_step (const Orbits *o, double a, double b, double t, const RingNode *p, const RingNode *q)
{
  double need_w = (p->w + q->w) / 2 + o->g, need_h = (p->h + q->h) / 2 + o->g;
  double x0, y0, x1, y1, dt;

  if (!orbit_point (o, a, b, t, &x0, &y0) || !orbit_point (o, a, b, t + 1e-3, &x1, &y1))
    return G_MAXDOUBLE;
  dt = MIN (fabs (x1 - x0) > 1e-9 ? need_w * 1e-3 / fabs (x1 - x0) : G_MAXDOUBLE,
            fabs (y1 - y0) > 1e-9 ? need_h * 1e-3 / fabs (y1 - y0) : G_MAXDOUBLE);
  /* the curve bends: once more from where that lands */
  for (int k = 0; k < 2 && dt < G_PI; k++)
    {
      double dx, dy, grow;
      if (!orbit_point (o, a, b, t + dt, &x1, &y1))
        return G_MAXDOUBLE;
      dx = fabs (x1 - x0);
      dy = fabs (y1 - y0);
      if (dx >= need_w || dy >= need_h)
        break;
      grow = MIN (dx > 1e-9 ? need_w / dx : G_MAXDOUBLE, dy > 1e-9 ? need_h / dy : G_MAXDOUBLE);
      dt *= MIN (grow, 4.0);
    }
  return dt;
}

/* Spread the @n nodes @idx (in order) round the orbit @a, @b deep from parameter @t0: each as
 * far from the last as it needs, the room a full turn leaves shared out between them.  FALSE
 * when they need more than a full turn. */
static gboolean
orbit_spread (GArray *nodes, const guint *idx, guint n, const Orbits *o, double a, double b, double t0)
{
  RingNode *base = (RingNode *) (gpointer) nodes->data;
  double stretch = 1, turn = 0;

  if (n == 0)
    return TRUE;
  /* the stretch that makes the steps, each measured where it starts, add up to a turn */
  for (int pass = 0; pass < 3; pass++)
    {
      double t = t0;
      for (guint k = 0; k < n; k++)
        {
          double dt = orbit_step (o, a, b, t, &base[idx[k]], &base[idx[(k + 1) % n]]);
          if (dt >= G_MAXDOUBLE)
            return FALSE;
          t += (n == 1 ? 1 : stretch) * dt;
        }
      turn = t - t0;
      if (pass == 0 && turn > 2 * G_PI)
        return FALSE;
      stretch *= 2 * G_PI / turn;
    }
  stretch = MAX (stretch, 1);
  {
    double t = t0;
    for (guint k = 0; k < n; k++)
      {
        RingNode *p = &base[idx[k]];
        double x, y;

        if (!orbit_point (o, a, b, t, &x, &y))
          return FALSE;
        p->x = x - p->w / 2;
        p->y = y - p->h / 2;
        t += stretch * orbit_step (o, a, b, t, p, &base[idx[(k + 1) % n]]);
      }
  }
  return TRUE;
}

typedef enum {
  ORBITS_PLACED,
  ORBITS_MORE_ORBITS,   /* an orbit is too full */
  ORBITS_NO_ROOM,       /* nothing fits inside: neither will more orbits */
} OrbitResult;

/* About how many boxes of @w × @h go round the orbit @a, @b deep: its length in steps that
 * clear a box across or down, summed over short arcs. */
static double
orbit_holds (const Orbits *o, double a, double b, double w, double h)
{
  const int n = 64;
  double x0, y0, px, py, count = 0;

  if (!orbit_point (o, a, b, 0, &x0, &y0))
    return 0;
  px = x0;
  py = y0;
  for (int i = 1; i <= n; i++)
    {
      double x, y;
      if (!orbit_point (o, a, b, 2 * G_PI * i / n, &x, &y))
        return 0;
      count += MAX (fabs (x - px) / (w + o->g), fabs (y - py) / (h + o->g));
      px = x;
      py = y;
    }
  return count;
}

/* Put the nodes of @role on the @n_orb orbits @depth_w[j], @depth_h[j] deep, each orbit taking
 * its share of them in proportion to what it holds (@holds[j], of boxes of the nodes' mean
 * size), interleaved in catalogue order so that neighbours in the catalogue stay neighbours
 * round the ring; the first node of an orbit at its place in the catalogue's turn, plus @phase
 * steps. */
static OrbitResult
place_on_orbits (GArray *nodes, const Orbits *o, int role, guint n_role, guint n_orb, const double *depth_w,
                 const double *depth_h, const double *holds, double phase, guint *idx)
{
  RingNode *base = (RingNode *) (gpointer) nodes->data;
  guint *owner = idx + nodes->len;    /* the orbit of each node, by rank */
  double total = 0;
  guint count[16] = { 0 }, rank = 0;

  g_assert (n_orb <= G_N_ELEMENTS (count));
  for (guint j = 0; j < n_orb; j++)
    {
      if (holds[j] <= 0)
        return ORBITS_NO_ROOM;
      total += holds[j];
    }
  /* (not worth spreading them: they will not go round) */
  if (total < n_role * 0.97)
    return ORBITS_MORE_ORBITS;
  for (guint r = 0; r < n_role; r++)
    {
      guint best = 0;
      double most = -G_MAXDOUBLE;
      for (guint j = 0; j < n_orb; j++)
        {
          double behind = (r + 1) * holds[j] / total - count[j];
          if (behind > most + 1e-9)
            {
              most = behind;
              best = j;
            }
        }
      owner[r] = best;
      count[best]++;
    }
  for (guint j = 0; j < n_orb; j++)
    {
      guint m = 0, first = G_MAXUINT;

      rank = 0;
      for (guint i = 0; i < nodes->len; i++)
        if (base[i].role == role)
          {
            if (owner[rank] == j)
              {
                if (first == G_MAXUINT)
                  first = rank;
                idx[m++] = i;
              }
            rank++;
          }
      if (m > 0 && !orbit_spread (nodes, idx, m, o, depth_w[j], depth_h[j],
                                  -G_PI / 2 + 2 * G_PI * (first + phase) / MAX (n_role, 1)))
        return ORBITS_MORE_ORBITS;
    }
  return ORBITS_PLACED;
}

/* Place the supports round the edge, the centre, and the stages on @n_orbits orbits inside an
 * outer orbit scaled by @rs.  @holds: what each orbit holds at this scale, kept from one
 * number of orbits to the next (negative: not known yet). */
static OrbitResult
place_stages (GArray *nodes, const ShzRect *a, Orbits *o, guint n_orbits, double rs, double *holds, guint *idx)
{
  double depth_w[16], depth_h[16];
  ShzRect in;

  o->n_orbits = n_orbits;
  if (!place_supports (nodes, a, o->f, &in, idx))
    return ORBITS_NO_ROOM;
  o->cx = in.x + in.width / 2;
  o->cy = in.y + in.height / 2;
  o->rx = in.width / 2 - o->sw / 2;
  o->ry = in.height / 2 - o->sh / 2;
  if (o->rx <= 0 || o->ry <= 0)
    return ORBITS_NO_ROOM;
  o->rx = MIN (o->rx, o->ry * 2.0);
  o->ry = MIN (o->ry, o->rx * 1.3);
  o->rx *= rs;
  o->ry *= rs;
  for (guint i = 0; i < nodes->len; i++)
    {
      RingNode *n = &g_array_index (nodes, RingNode, i);
      if (n->role == RING_CENTRE)
        {
          n->x = o->cx - n->w / 2;
          n->y = o->cy - n->h / 2;
        }
    }
  for (guint j = 0; j < n_orbits; j++)
    {
      depth_w[j] = j * (o->sw + o->g);
      depth_h[j] = j * (o->sh + o->g);
      if (holds[j] < 0)
        holds[j] = orbit_holds (o, depth_w[j], depth_h[j], o->mw, o->mh);
    }
  /* the innermost orbit must leave the centre free */
  if (depth_w[n_orbits - 1] + (o->cw + o->sw) / 2 + o->g >= o->rx ||
      depth_h[n_orbits - 1] + (o->ch + o->sh) / 2 + o->g >= o->ry)
    return ORBITS_NO_ROOM;
  return place_on_orbits (nodes, o, RING_STAGE, o->n_stage, n_orbits, depth_w, depth_h, holds, 0, idx);
}

/* Place the streams on @n_inner orbits inside the stages, moved in by @shift orbits; each
 * pushed out along its ray if it would cover the centre. */
static OrbitResult
place_streams (GArray *nodes, const Orbits *o, guint n_inner, double shift, guint *idx)
{
  RingNode *base = (RingNode *) (gpointer) nodes->data;
  double depth_w[16], depth_h[16], holds[16];
  OrbitResult res;

  for (guint j = 0; j < n_inner; j++)
    {
      if (o->n_stage > 0)
        {
          depth_w[j] = (o->n_orbits - 1) * (o->sw + o->g) + (o->sw + o->dw) / 2 + o->g + (j + shift) * (o->dw + o->g);
          depth_h[j] = (o->n_orbits - 1) * (o->sh + o->g) + (o->sh + o->dh) / 2 + o->g + (j + shift) * (o->dh + o->g);
        }
      else
        {
          depth_w[j] = MAX ((o->dw - o->sw) / 2 + (j + shift) * (o->dw + o->g), 0);
          depth_h[j] = MAX ((o->dh - o->sh) / 2 + (j + shift) * (o->dh + o->g), 0);
        }
    }
  for (guint j = 0; j < n_inner; j++)
    holds[j] = orbit_holds (o, depth_w[j], depth_h[j], o->mdw, o->mdh);
  res = place_on_orbits (nodes, o, RING_STREAM, o->n_stream, n_inner, depth_w, depth_h, holds, 0.5, idx);
  if (res != ORBITS_PLACED)
    return res;
  for (guint i = 0; i < nodes->len; i++)
    {
      RingNode *n = &base[i];
      double dx = n->x + n->w / 2 - o->cx, dy = n->y + n->h / 2 - o->cy;
      double mx = (o->cw + n->w) / 2 + o->g, my = (o->ch + n->h) / 2 + o->g;

      if (n->role == RING_STREAM && fabs (dx) < mx && fabs (dy) < my)
        {
          double s = MIN (fabs (dx) > 1e-6 ? mx / fabs (dx) : G_MAXDOUBLE,
                          fabs (dy) > 1e-6 ? my / fabs (dy) : G_MAXDOUBLE);
          n->x = o->cx + dx * s - n->w / 2;
          n->y = o->cy + dy * s - n->h / 2;
        }
    }
  return ORBITS_PLACED;
}

/* The fewest stage orbits, then the fewest stream orbits, that hold the nodes at their current
 * sizes inside @a.  The stages and supports are checked before any stream is tried.  @idx
 * has room for twice the nodes.  What was chosen goes to @choice (stage orbits, scale, stream
 * orbits, shift); with @replay, only that is tried. */
static gboolean
fit_orbits (GArray *nodes, const ShzRect *a, double f, guint *order, guint *idx, guint *choice, const guint *replay)
{
  static const double rs_steps[] = { 1.0, 0.92 };
  static const double shifts[] = { 0.5, 0, 1, 1.5, 2 };
  Orbits o = { .f = f, .g = 0.5 * f };
  double holds[G_N_ELEMENTS (rs_steps)][16];
  guint k_max;

  /* orbits never pack boxes much tighter than covering 60 % of the room: do not try when they
   * would need more than 75 % */
  if (nodes_cover (nodes, a, 0.4 * f) > 0.75)
    return FALSE;
  for (guint i = 0; i < nodes->len; i++)
    {
      const RingNode *n = &g_array_index (nodes, RingNode, i);
      switch (n->role)
        {
        case RING_STAGE:
          o.n_stage++;
          o.sw = MAX (o.sw, n->w);
          o.sh = MAX (o.sh, n->h);
          o.mw += n->w;
          o.mh += n->h;
          break;
        case RING_STREAM:
          o.n_stream++;
          o.dw = MAX (o.dw, n->w);
          o.dh = MAX (o.dh, n->h);
          o.mdw += n->w;
          o.mdh += n->h;
          break;
        case RING_CENTRE:
          o.cw = n->w;
          o.ch = n->h;
          break;
        default:
          break;
        }
    }
  o.mw /= MAX (o.n_stage, 1);
  o.mh /= MAX (o.n_stage, 1);
  o.mdw /= MAX (o.n_stream, 1);
  o.mdh /= MAX (o.n_stream, 1);
  for (guint r = 0; r < G_N_ELEMENTS (rs_steps); r++)
    for (guint j = 0; j < G_N_ELEMENTS (holds[0]); j++)
      holds[r][j] = -1;
  k_max = MAX (1, MIN (o.n_stage, G_N_ELEMENTS (holds[0])));
  for (guint k = replay ? replay[0] : 1; k <= (replay ? replay[0] : k_max); k++)
    {
      gboolean more = FALSE;

      for (guint r = replay ? replay[1] : 0; r < (replay ? replay[1] + 1 : G_N_ELEMENTS (rs_steps)) && !more; r++)
        {
          OrbitResult res = place_stages (nodes, a, &o, k, rs_steps[r], holds[r], idx);
          gboolean clashed = FALSE;

          if (res == ORBITS_NO_ROOM && r == 0)
            return FALSE;       /* more orbits would not fit either */
          more = res == ORBITS_MORE_ORBITS;
          if (res != ORBITS_PLACED || !nodes_fit (nodes, a, 0.4 * f, order, FALSE))
            continue;
          for (guint ks = replay ? replay[2] : 1; ks <= (replay ? replay[2] : MAX (1, MIN (o.n_stream, 8))); ks++)
            {
              double no_room = G_MAXDOUBLE;   /* the least shift that left no room */

              for (guint q = replay ? replay[3] : 0; q < (replay ? replay[3] + 1 : G_N_ELEMENTS (shifts)); q++)
                {
                  OrbitResult sres;

                  if (shifts[q] >= no_room)
                    continue;
                  sres = place_streams (nodes, &o, ks, shifts[q], idx);
                  if (sres == ORBITS_NO_ROOM)
                    no_room = shifts[q];
                  else if (sres == ORBITS_PLACED)
                    {
                      if (nodes_fit (nodes, a, 0.4 * f, order, TRUE))
                        {
                          choice[0] = k;
                          choice[1] = r;
                          choice[2] = ks;
                          choice[3] = q;
                          return TRUE;
                        }
                      clashed = TRUE;
                    }
                }
            }
          /* the streams want more room than these stages leave: more orbits of stages would
           * leave them less */
          if (!clashed)
            return FALSE;
        }
    }
  return FALSE;
}

static gboolean
clashes_any (GArray *nodes, const RingNode *n, const gboolean *fixed, double gap)
{
  for (guint k = 0; k < nodes->len; k++)
    {
      const RingNode *o = &g_array_index (nodes, RingNode, k);
      if (o != n && fixed[k] && boxes_clash (n, o, gap))
        return TRUE;
    }
  return FALSE;
}

/* Nodes the user moved go where the settings say (fractions of @a, clamped inside it), or if
 * another node is there, to the nearest free place around it; the others stay where the
 * automatic layout put them.  In catalogue order, so the same settings give the same picture. */
static void
apply_moved (ShzNetworkChart *chart, GArray *nodes, const ShzRect *a, double f)
{
  g_autofree gboolean *fixed = g_new0 (gboolean, nodes->len + 1);
  double gap = 0.5 * f;
  guint n_moved = 0;

  for (guint i = 0; i < nodes->len; i++)
    {
      RingNode *n = &g_array_index (nodes, RingNode, i);
      double fx, fy;
      fixed[i] = !shz_network_chart_get_moved (chart, n->item->id, &fx, &fy);
      n_moved += !fixed[i];
    }
  if (n_moved == 0)
    return;

  for (guint i = 0; i < nodes->len; i++)
    {
      RingNode *n = &g_array_index (nodes, RingNode, i);
      double fx, fy, want_x, want_y, auto_x = n->x, auto_y = n->y, step;
      double max_x = a->x + MAX (a->width - n->w, 0), max_y = a->y + MAX (a->height - n->h, 0);
      gboolean found = FALSE;

      if (fixed[i] || !shz_network_chart_get_moved (chart, n->item->id, &fx, &fy))
        continue;
      want_x = CLAMP (a->x + fx * a->width - n->w / 2, a->x, max_x);
      want_y = CLAMP (a->y + fy * a->height - n->h / 2, a->y, max_y);
      /* rings of candidates ever further out, 16 to a ring */
      step = MAX (0.5 * f, MIN (n->w, n->h) * 0.25);
      for (int r = 0; r < 120 && !found; r++)
        for (int k = 0; k < (r == 0 ? 1 : 16) && !found; k++)
          {
            double t = 2 * G_PI * k / 16.0;
            n->x = CLAMP (want_x + r * step * cos (t), a->x, max_x);
            n->y = CLAMP (want_y + r * step * sin (t), a->y, max_y);
            found = !clashes_any (nodes, n, fixed, gap);
          }
      if (!found)
        {
          /* nowhere free (a crowded small canvas): where the automatic layout had it */
          n->x = auto_x;
          n->y = auto_y;
        }
      fixed[i] = TRUE;
    }
}

static int
find_node (GHashTable *index, const char *id)
{
  gpointer v;
  return g_hash_table_lookup_extended (index, id, NULL, &v) ? GPOINTER_TO_INT (v) : -1;
}

/* Links between the same two nodes fan out side by side; a reversed one bends the other way. */
static void
add_links (ShzNetworkChart   *chart,
           ShzNetLayout      *l,
           GHashTable        *index,
           const ShzRingLink *links,
           guint              n_links,
           double             max_weight,
           double             u,
           double             lane,
           double             (*extra_bend) (ShzNetLayout *, int, int, gpointer),
           gpointer           extra_data)
{
  /* parallel links: how many join each pair of nodes (either way), and how many of them are
   * laid out so far; keyed by the pair of node indices */
  g_autoptr(GHashTable) pair_count = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) pair_seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) items = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree int *ends = g_new (int, 2 * n_links + 1);
  const ShzCatFramework *vn = shz_network_chart_get_framework (chart, SHZ_FRAMEWORK_VALUE_NETWORK);
  /* many links: thinner, so they stay readable (and cheap to draw) */
  double density = CLAMP (sqrt (60.0 / MAX (n_links, 1)), 0.2, 1.0);

  /* the catalogue's items by id (the first of an id, as shz_cat_framework_get_item() finds) */
  for (guint i = 0; vn != NULL && i < vn->items->len; i++)
    {
      const ShzCatItem *it = vn->items->pdata[i];
      if (!g_hash_table_contains (items, it->id))
        g_hash_table_insert (items, it->id, (gpointer) it);
    }

  for (guint i = 0; i < n_links; i++)
    {
      int s = ends[2 * i] = find_node (index, links[i].source);
      int t = ends[2 * i + 1] = find_node (index, links[i].target);
      gpointer key = GUINT_TO_POINTER (((guint) MIN (s, t) + 1) << 16 | ((guint) MAX (s, t) + 1));

      if (s >= 0 && t >= 0)
        g_hash_table_insert (pair_count, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (pair_count, key)) + 1));
    }

  for (guint i = 0; i < n_links; i++)
    {
      const ShzRingLink *k = &links[i];
      int s = ends[2 * i], t = ends[2 * i + 1];
      gboolean fwd = strcmp (k->source, k->target) <= 0;
      gpointer key = GUINT_TO_POINTER (((guint) MIN (s, t) + 1) << 16 | ((guint) MAX (s, t) + 1));
      guint count, seen;
      double bend;
      g_autofree char *id = NULL;
      g_autofree char *desc = NULL;
      const ShzCatItem *si, *ti, *ki;
      int li;

      if (s < 0 || t < 0)
        continue;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (pair_count, key));
      seen = GPOINTER_TO_UINT (g_hash_table_lookup (pair_seen, key));
      g_hash_table_insert (pair_seen, key, GUINT_TO_POINTER (seen + 1));
      {
        /* fan parallel links out, but never wider than half their chord */
        const ShzNetNode *sn = shz_net_layout_get_node (l, s), *tn = shz_net_layout_get_node (l, t);
        double chord = hypot ((tn->rect.x + tn->rect.width / 2) - (sn->rect.x + sn->rect.width / 2),
                              (tn->rect.y + tn->rect.height / 2) - (sn->rect.y + sn->rect.height / 2));
        double step = count > 1 ? MIN (lane, chord * 0.5 / (count - 1)) : 0;
        bend = (seen - (count - 1) / 2.0) * step;
      }
      if (!fwd)
        bend = -bend;
      if (extra_bend != NULL && s != t)
        bend += extra_bend (l, s, t, extra_data);

      si = g_hash_table_lookup (items, k->source);
      ti = g_hash_table_lookup (items, k->target);
      ki = k->kind != NULL ? g_hash_table_lookup (items, k->kind) : NULL;
      id = g_strconcat ("link:", k->source, ">", k->target, ":", k->kind != NULL ? k->kind : "(null)", NULL);
      {
        char weight[32];

        /* made for every link at every layout (a drag step): without printf */
        shz_chart_format_g (k->weight, weight);
        desc = g_strconcat (si ? shz_network_chart_tr (chart, &si->label) : k->source, " → ",
                            ti ? shz_network_chart_tr (chart, &ti->label) : k->target, " · ",
                            ki ? shz_network_chart_tr (chart, &ki->label) : k->kind != NULL ? k->kind : "(null)",
                            " · ", weight, k->note ? " · " : "", k->note ? k->note : "", NULL);
      }
      li = shz_net_layout_add_link (l, id, s, t, bend, MAX (0.5, shz_network_link_width (k->weight, max_weight, u) * density),
                                    &k->color, k->dashed || k->weight <= 0, TRUE);
      g_array_index (l->links, ShzNetLink, li).description = g_steal_pointer (&desc);
    }
}

/* The room for the ring inside @area at text size @f: the audience (增量消费群体, with its
 * relation), when there is one, takes a column on the right, or a row below on a tall canvas. */
static ShzRect
ring_room (ShzNetworkChart    *chart,
           ShzNetMeasure       *c,
           PangoContext       *pango,
           const ShzRect      *area,
           double              f,
           double              legible,
           const ShzCatItem   *audience)
{
  ShzRect ring = *area;

  if (audience != NULL)
    {
      g_autofree char *label = NULL;
      g_autofree char *rel = NULL;
      double tw, th, rw, rh, rs;

      audience_texts (chart, c, pango, audience, f, legible, &label, &rel, &rs);
      shz_net_measure (c, pango, label, f, TRUE, 6 * f, &tw, &th);
      shz_net_measure (c, pango, rel, rs, FALSE, 6 * f, &rw, &rh);
      if (area->width >= area->height * 1.1)
        ring.width -= MAX (tw + 1.3 * f, rw) + 3 * f;
      else
        ring.height -= th + 0.8 * f + rh + 3 * f;
    }
  return ring;
}

/* After a fit that cut labels short or dropped them: each node in turn (by rank: the centre,
 * then the assessed nodes, then the linked ones, then the rest) takes the most of its label
 * that fits where it is, centred on the same point, inside @a and clear of every other node
 * by @gap: the room the orbits left between nodes, used for the labels that matter most. */
static void
grow_labels (GArray *nodes, ShzNetMeasure *c, PangoContext *pango, const ShzRect *a, double f0, double f, double gap)
{
  RingNode *base = (RingNode *) (gpointer) nodes->data;

  for (int rank = 0; rank < 4; rank++)
    for (guint i = 0; i < nodes->len; i++)
      {
        RingNode *n = &base[i];
        double cx = n->x + n->w / 2, cy = n->y + n->h / 2;

        if (n->rank != rank || n->shown <= LEVEL_LINE)
          continue;
        /* (not down to the tiniest cut: two letters and an ellipsis say nothing) */
        for (guint better = LEVEL_LINE; better < MIN (n->shown, LEVEL_TINY); better++)
          {
            RingNode grown = *n;
            gboolean clear = TRUE;

            node_box (n, c, pango, f0, f, better, &grown.w, &grown.h);
            grown.x = cx - grown.w / 2;
            grown.y = cy - grown.h / 2;
            if (grown.x < a->x || grown.y < a->y || grown.x + grown.w > a->x + a->width ||
                grown.y + grown.h > a->y + a->height)
              continue;
            for (guint k = 0; k < nodes->len && clear; k++)
              clear = k == i || !boxes_clash (&grown, &base[k], gap);
            if (clear)
              {
                n->x = grown.x;
                n->y = grown.y;
                n->w = grown.w;
                n->h = grown.h;
                n->tw = n->tws[better];
                n->th = n->ths[better];
                n->shown = better;
                break;
              }
          }
      }
}

typedef struct {
  ShzNetworkChart  *chart;
  ShzNetMeasure     *cache;
  PangoContext     *pango;
  GArray           *nodes;
  const ShzRect    *area;
  const ShzCatItem *audience;   /* beside the ring, or NULL */
  double            f0, legible;
  const double     *sizes;      /* text sizes to try, largest first */
  guint             n_sizes;
  guint            *order, *idx;
  ShzRect           ring;       /* the room the last try had */
} FitContext;

/* Whether the stages could go round one ring inside @a at all (see try_fit()). */
static gboolean
one_round_holds (GArray *nodes, const ShzRect *a, double gap)
{
  double min_w = G_MAXDOUBLE, min_h = G_MAXDOUBLE;
  guint n = 0;

  for (guint i = 0; i < nodes->len; i++)
    {
      const RingNode *s = &g_array_index (nodes, RingNode, i);
      if (s->role == RING_STAGE)
        {
          n++;
          min_w = MIN (min_w, s->w);
          min_h = MIN (min_h, s->h);
        }
    }
  return n < 2 || n <= 2 * a->width / (min_w + gap) + 2 * a->height / (min_h + gap);
}

/* One try: the nodes at text size @size (an index) and @level, on one ring or on orbits.  With
 * @replay, only what it chose. */
static gboolean
try_fit (FitContext *c, guint size, guint level, gboolean orbits, FitChoice *choice, const FitChoice *replay)
{
  static const double rs_steps[] = { 1.0, 0.92, 0.84, 0.76, 0.68 };
  static const double ratio_steps[] = { 0.52, 0.58, 0.46, 0.64, 0.7 };
  double f = c->sizes[size];

  c->ring = ring_room (c->chart, c->cache, c->pango, c->area, f, c->legible, c->audience);
  measure_nodes (c->nodes, c->cache, c->pango, c->f0, f, level);
  choice->size = size;
  choice->level = level;
  choice->orbits = orbits;
  if (orbits)
    return fit_orbits (c->nodes, &c->ring, f, c->order, c->idx, choice->how, replay != NULL ? replay->how : NULL);
  /* (boxes that cover more than the room cannot fit, nor more stages than one round of the
   * room can hold: each of them is a box's width across or a box's height down from the next,
   * and going round the ring travels twice its width across and twice its height down) */
  if (nodes_cover (c->nodes, &c->ring, 0.4 * f) > 1 || !one_round_holds (c->nodes, &c->ring, 0.4 * f))
    return FALSE;
  for (guint a = replay ? replay->how[0] : 0; a < (replay ? replay->how[0] + 1 : G_N_ELEMENTS (rs_steps)); a++)
    for (guint b = replay ? replay->how[1] : 0; b < (replay ? replay->how[1] + 1 : G_N_ELEMENTS (ratio_steps)); b++)
      if (place_nodes (c->nodes, &c->ring, f, rs_steps[a], ratio_steps[b]))
        {
          choice->how[0] = a;
          choice->how[1] = b;
          return TRUE;
        }
  return FALSE;
}

/* Fit: the largest text at which every node finds a place.  FALSE when none does (the nodes
 * are then where the last try put them). */
static gboolean
fit_nodes (FitContext *c, FitChoice *choice)
{
  guint legible = 0;

  for (guint s = 0; s < c->n_sizes; s++)
    if (c->sizes[s] >= c->legible - 0.01)
      legible = s;
  /* 1. One ring, labels wrapped wide, else narrow, down to the legible size: what the
   *    shipped network always gets. */
  for (guint s = 0; s <= legible; s++)
    for (guint level = LEVEL_WIDE; level <= LEVEL_NARROW; level++)
      if (try_fit (c, s, level, FALSE, choice, NULL))
        return TRUE;
  /* 2. Too many nodes for one ring: stages on more orbits, streams too, supports round the
   *    edge; whole labels, down to the legible size. */
  for (guint s = 0; s <= legible; s++)
    for (guint level = LEVEL_WIDE; level <= LEVEL_NARROW; level++)
      if (try_fit (c, s, level, TRUE, choice, NULL))
        return TRUE;
  /* 3. At the legible size, labels cut to one line, ever shorter, then no text at all. */
  for (guint level = LEVEL_LINE; level < N_LEVELS; level++)
    if (try_fit (c, legible, level, TRUE, choice, NULL))
      return TRUE;
  /* 4. A canvas too small even for that: smaller text. */
  for (guint s = legible + 1; s < c->n_sizes; s++)
    for (guint level = LEVEL_WIDE; level < N_LEVELS; level++)
      if ((level <= LEVEL_NARROW && try_fit (c, s, level, FALSE, choice, NULL)) ||
          try_fit (c, s, level, TRUE, choice, NULL))
        return TRUE;
  return FALSE;
}

/* Everything the fit depends on, as a string. */
static char *
fit_key (FitContext *c)
{
  GString *key = g_string_new (NULL);

  g_string_append_printf (key, "%a %a %a %a|%a %a|%s|%s|%s|", c->area->x, c->area->y, c->area->width, c->area->height,
                          c->f0, c->legible, c->cache->context,
                          c->audience != NULL ? shz_network_chart_tr (c->chart, &c->audience->label) : "",
                          c->audience != NULL ? shz_network_chart_tr (c->chart, &c->audience->relation.label) : "");
  for (guint i = 0; i < c->nodes->len; i++)
    {
      const RingNode *n = &g_array_index (c->nodes, RingNode, i);
      g_string_append_printf (key, "%d%s\x1f%s\x1e", n->role, n->text, n->label);
    }
  return g_string_free (key, FALSE);
}

void
shz_network_ring_build (ShzNetworkChart    *chart,
                        ShzNetLayout       *l,
                        PangoContext       *pango,
                        const ShzRect      *area,
                        double              u,
                        double              tu,
                        ShzAssessmentState  state,
                        const ShzRingLink  *links,
                        guint               n_links,
                        double              max_weight,
                        gboolean            with_audience)
{
  const ShzCatFramework *fw = shz_network_chart_get_framework (chart, SHZ_FRAMEWORK_VALUE_NETWORK);
  const ShzChartTheme *theme = shz_chart_get_theme_colors (SHZ_CHART (chart));
  ShzAssessment *as = shz_network_chart_get_assessment (chart);
  g_autoptr(GArray) nodes = g_array_new (FALSE, TRUE, sizeof (RingNode));
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) linked = g_hash_table_new (g_str_hash, g_str_equal);
  const ShzCatItem *audience = NULL;
  ShzRect ring = *area;
  double f0 = 13 * tu, f = f0, legible = shz_network_chart_legible (l->width, l->height);
  double prev_f = f0, sizes[41];
  guint n_sizes = 0, level = LEVEL_WIDE;
  gboolean placed = FALSE;
  ShzNetMeasure *cache = shz_net_measure_get (chart, pango);
  FitCache *fit_cache = fit_cache_get (chart);
  g_autofree guint *order = NULL;
  g_autofree guint *idx = NULL;

  g_array_set_clear_func (nodes, ring_node_clear);
  if (fw == NULL)
    return;
  /* the node boxes were sized with these measurements: their texts use them again (hundreds of
   * nodes would otherwise measure each label twice more at every step of a drag) */
  l->measure = shz_net_measure_func;
  l->measure_data = cache;
  for (guint i = 0; i < n_links; i++)
    {
      g_hash_table_add (linked, (gpointer) links[i].source);
      g_hash_table_add (linked, (gpointer) links[i].target);
    }

  for (guint i = 0; i < fw->items->len; i++)
    {
      const ShzCatItem *it = fw->items->pdata[i];
      RingNode n = { 0 };
      double score = NAN;

      switch (it->kind)
        {
        case SHZ_CAT_CENTRE:  n.role = RING_CENTRE; break;
        case SHZ_CAT_STAGE:   n.role = RING_STAGE; break;
        case SHZ_CAT_STREAM:  n.role = RING_STREAM; break;
        case SHZ_CAT_SUPPORT: n.role = RING_SUPPORT; break;
        case SHZ_CAT_AUDIENCE:
          if (audience == NULL)
            audience = it;
          continue;
        case SHZ_CAT_LINK_KIND:
        case SHZ_CAT_CHAIN:
        case SHZ_CAT_CAPABILITY:
        case SHZ_CAT_SCENE:
        case SHZ_CAT_AXIS:
        case SHZ_CAT_PATH:
        default:
          continue;
        }
      if (it->scored && !shz_assessment_get_score (as, fw->id, it->id, state, &score))
        score = NAN;
      n.item = it;
      n.score = score;
      n.rank = n.role == RING_CENTRE ? 0 : !isnan (score) ? 1 : g_hash_table_contains (linked, it->id) ? 2 : 3;
      n.label = shz_network_chart_tr (chart, &it->label);
      n.text = node_text (chart, it, NULL, score);
      g_array_append_val (nodes, n);
    }
  order = g_new (guint, nodes->len + 1);
  idx = g_new (guint, 2 * nodes->len + 1);

  /* Text sizes from f0 down, the legible size among them (tried before any smaller one). */
  for (int step = 0; step < 40 && n_sizes < G_N_ELEMENTS (sizes); step++)
    {
      double fs = f0 * pow (0.9, step);
      if (prev_f > legible + 0.01 && fs < legible - 0.01)
        {
          fs = legible;
          step--;
        }
      prev_f = fs;
      sizes[n_sizes++] = fs;
    }
  {
    FitContext fc = { chart, cache, pango, nodes, area, with_audience ? audience : NULL, f0, legible,
                      sizes, n_sizes, order, idx, *area };
    FitChoice choice = { 0 };
    g_autofree char *key = fit_key (&fc);

    /* the same nodes in the same room as last time: what fitted then (nothing else could
     * have fitted before it) */
    if (fit_cache->key != NULL && strcmp (fit_cache->key, key) == 0)
      placed = try_fit (&fc, fit_cache->fit.size, fit_cache->fit.level, fit_cache->fit.orbits, &choice, &fit_cache->fit);
    if (!placed)
      {
        placed = fit_nodes (&fc, &choice);
        g_free (fit_cache->key);
        fit_cache->key = placed ? g_steal_pointer (&key) : NULL;
        fit_cache->fit = choice;
      }
    f = sizes[choice.size];
    level = choice.level;
    ring = fc.ring;
  }

  if (placed && level > LEVEL_LINE)
    grow_labels (nodes, cache, pango, &ring, f0, f, 0.5 * f);
  if (placed)
    apply_moved (chart, nodes, &ring, f);

  /* Nodes. */
  for (guint i = 0; i < nodes->len; i++)
    {
      RingNode *n = &g_array_index (nodes, RingNode, i);
      ShzRect r = shz_rect_make (n->x, n->y, n->w, n->h);
      ShzColor fill, stroke, text;
      gboolean dashed;
      int ni;
      double width = MAX (0.8, 1.2 * u);

      if (n->role == RING_CENTRE)
        {
          fill = theme->highlight;
          stroke = shz_net_mix (&fill, &(ShzColor) { 0, 0, 0, 1 }, 0.3);
          dashed = FALSE;
          width = MAX (1, 2 * u);
        }
      else
        {
          shz_network_chart_score_style (chart, n->score, &fill, &stroke, &dashed);
          if (n->role == RING_STREAM)
            {
              stroke = shz_chart_palette_color (4);
              width = MAX (1, 2 * u);
            }
          else if (n->role == RING_SUPPORT)
            {
              stroke = shz_chart_palette_color (7);
              width = MAX (1, 1.8 * u);
            }
        }
      ni = shz_net_layout_add_node (l, n->item->id,
                                    n->role == RING_CENTRE ? SHZ_NET_ELLIPSE :
                                    n->role == RING_SUPPORT ? SHZ_NET_RECT : SHZ_NET_ROUNDED,
                                    &r, &fill, &stroke, width, dashed);
      shz_net_layout_get_node (l, ni)->description =
        isnan (n->score) ? g_strdup (shz_network_chart_tr (chart, &n->item->label))
                         : g_strdup_printf ("%s · %.1f", shz_network_chart_tr (chart, &n->item->label), n->score);
      if (placed)
        {
          ShzNetNode *nn = shz_net_layout_get_node (l, ni);
          nn->movable = TRUE;
          nn->area = ring;
        }
      text = shz_net_text_on (&fill, theme);
      if (n->shown != LEVEL_MARK)
        shz_net_layout_add_node_text (l, pango, ni, ring_node_text (n, n->shown),
                                      n->role == RING_CENTRE ? f * 1.15 : f, MIN (f, MAX (f * 0.6, legible)),
                                      n->role != RING_STREAM && n->role != RING_SUPPORT, &text);
      g_hash_table_insert (index, (gpointer) n->item->id, GINT_TO_POINTER (ni));
    }

  /* The audience beside the ring: 多边链接关系 → 增量消费群体. */
  if (with_audience && audience != NULL && placed)
    {
      double tw, th, rw, rh, rs;
      g_autofree char *label = NULL;
      g_autofree char *rel = NULL;
      ShzColor fill = theme->plot_background, stroke = theme->highlight;
      ShzRect r;
      int ni;

      audience_texts (chart, cache, pango, audience, f, legible, &label, &rel, &rs);
      shz_net_measure (cache, pango, label, f, TRUE, 6 * f, &tw, &th);
      shz_net_measure (cache, pango, rel, rs, FALSE, 6 * f, &rw, &rh);
      if (area->width >= area->height * 1.1)
        {
          double col_x = ring.x + ring.width, cy = area->y + area->height / 2;
          double bw = tw + 1.3 * f;
          r = shz_rect_make (area->x + area->width - bw, cy - (th + 0.8 * f) / 2, bw, th + 0.8 * f);
          shz_net_layout_add_arrow (l, col_x + 0.5 * f, cy, r.x - 0.2 * f, cy, MAX (1.5, 2.5 * u),
                                    &theme->highlight, FALSE);
          shz_net_layout_add_text (l, pango, rel, rs, FALSE, 6 * f, SHZ_TEXT_ALIGN_START,
                                   area->x + area->width - MAX (rw, bw) + (MAX (rw, bw) - rw) / 2,
                                   r.y - rh - 0.4 * f, &theme->text_muted);
        }
      else
        {
          double cx = area->x + area->width / 2;
          double bw = tw + 1.3 * f;
          r = shz_rect_make (cx - bw / 2, area->y + area->height - (th + 0.8 * f), bw, th + 0.8 * f);
          shz_net_layout_add_arrow (l, cx, ring.y + ring.height + 0.3 * f, cx, r.y - rh - 0.6 * f,
                                    MAX (1.5, 2.5 * u), &theme->highlight, FALSE);
          shz_net_layout_add_text (l, pango, rel, rs, FALSE, 6 * f, SHZ_TEXT_ALIGN_START,
                                   cx + 0.5 * f, r.y - rh - 0.5 * f, &theme->text_muted);
        }
      ni = shz_net_layout_add_node (l, audience->id, SHZ_NET_ROUNDED, &r, &fill, &stroke, MAX (1, 1.5 * u), FALSE);
      shz_net_layout_add_node_text (l, pango, ni, label, f, MIN (f, MAX (f * 0.6, legible)), TRUE, &theme->text);
    }

  {
    guint first = l->links->len;
    ShzRect canvas = shz_rect_make (0, 0, l->width, l->height);

    add_links (chart, l, index, links, n_links, max_weight, u, 2.2 * f, NULL, NULL);
    /* nodes moved to the edge: their links' bows stay on the canvas */
    shz_net_layout_keep_links_inside (l, first, &canvas);
  }
  l->measure = NULL;
  l->measure_data = NULL;
}

/* ---- the chain column ---- */

/* How links bow in the column: between non-neighbours of one column out to the right, more
 * the further apart, at most @max_bow. */
typedef struct {
  double pitch;     /* from one node's centre to the next's */
  double max_bow;
} ChainBend;

static double
chain_bend (ShzNetLayout *l, int s, int t, gpointer data)
{
  const ShzNetNode *a = shz_net_layout_get_node (l, s), *b = shz_net_layout_get_node (l, t);
  const ChainBend *cb = data;
  double dy = (b->rect.y + b->rect.height / 2) - (a->rect.y + a->rect.height / 2);
  double same_col = fabs (a->rect.x - b->rect.x) < 1;

  if (!same_col || fabs (dy) <= cb->pitch * 1.01)
    return 0;
  /* a positive bend bows towards (dy, −dx): to +x when travelling down */
  return (dy > 0 ? 1 : -1) * MIN (fabs (dy) * 0.22, MIN (a->rect.width * 0.9, cb->max_bow));
}

/* Hundreds of stages: the column wraps into columns of one-line boxes, snaking (down the
 * first, up the second, …) so that each stage's arrow to the next stays short, the column of
 * other linked nodes wrapped the same way on its left. */
typedef struct {
  double size;      /* text size */
  double box_h;
  double vgap;
  double hgap;
  double col_w;
  guint  rows;
  guint  main_cols;
  guint  side_cols;
} ChainGrid;

/* The grid of @n_main chain nodes and @n_side others inside @area at text size @size. */
static void
chain_grid_plan (ShzNetMeasure *m, PangoContext *pango, const ShzRect *area, guint n_main, guint n_side,
                 double size, double u, ChainGrid *g)
{
  double lh;
  guint cols;

  shz_net_measure (m, pango, "数智 Ag", size, TRUE, 0, NULL, &lh);
  g->size = size;
  g->box_h = lh * 1.35;
  g->vgap = MAX (lh * 0.3, 3 * u);
  g->hgap = MAX (1.8 * size, 8 * u);
  g->rows = MAX (1, (guint) floor ((area->height + g->vgap) / (g->box_h + g->vgap)));
  /* as many columns as needed, then as few rows as they need (columns of even length) */
  g->main_cols = (n_main + g->rows - 1) / g->rows;
  g->side_cols = (n_side + g->rows - 1) / g->rows;
  cols = g->main_cols + g->side_cols;
  g->rows = MAX ((n_main + g->main_cols - 1) / MAX (g->main_cols, 1), n_side > 0 ? (n_side + g->side_cols - 1) / g->side_cols : 0);
  g->col_w = MIN ((area->width - g->hgap * (cols - 1 + (g->side_cols > 0))) / cols, 12 * size);
}

/* Text sizes from the legible one down (to half of it): the first at which a column holds a
 * short label (five times the text size, as the ring's short cut: "Node 137", "节点 137") on one
 * line. */
static void
chain_grid_fit (ShzNetMeasure *m, PangoContext *pango, const ShzRect *area, guint n_main, guint n_side,
                double legible, double u, ChainGrid *g)
{
  double need;

  for (guint step = 0; step < 9; step++)
    {
      double s = legible * pow (0.92, step);

      chain_grid_plan (m, pango, area, n_main, n_side, s, u, g);
      need = 5 * s;
      if (g->col_w - 2 * MIN (s * 0.3, g->box_h * 0.1) >= need)
        return;
    }
}

/* A node's one-line text in the grid: its label cut to the column, and the score after it
 * when the whole label fits with it. */
static char *
chain_grid_text (ShzNetMeasure *m, PangoContext *pango, const ChainGrid *g, const char *label, double score,
                 gboolean bold)
{
  double inner = g->col_w - 2 * MIN (g->size * 0.3, g->box_h * 0.1) - 1;
  g_autofree char *tail = isnan (score) ? NULL : g_strdup_printf ("  %.1f", score);
  g_autofree char *cut = NULL;
  double tw = 0;

  /* the score after the label when both fit, else the label alone (the fill shows the score) */
  if (tail != NULL)
    {
      double lw;

      shz_net_measure (m, pango, tail, g->size, bold, 0, &tw, NULL);
      shz_net_measure (m, pango, label, g->size, bold, 0, &lw, NULL);
      if (lw + tw > inner)
        g_clear_pointer (&tail, g_free);
    }
  cut = shz_net_measure_cut_line (m, pango, label, g->size, bold, inner - (tail != NULL ? tw : 0));
  return tail != NULL ? g_strconcat (cut, tail, NULL) : g_steal_pointer (&cut);
}

/* The chain's nodes and the others its links name; the node at the end of the chain is the
 * value network's centre (its id, and "consumer"). */
typedef struct {
  GPtrArray  *main_col;   /* ShzCatItem of the chain's stages */
  GPtrArray  *side_col;   /* other linked node ids */
  const char *centre;     /* the value network's centre's id, or NULL */
} ChainNodes;

static void
chain_nodes (ShzNetworkChart *chart, const ShzRingLink *links, guint n_links, ChainNodes *cn)
{
  const ShzCatFramework *vc = shz_network_chart_get_framework (chart, SHZ_FRAMEWORK_VALUE_CHAIN);
  const ShzCatFramework *vn = shz_network_chart_get_framework (chart, SHZ_FRAMEWORK_VALUE_NETWORK);
  g_autoptr(GHashTable) in_main = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) in_side = g_hash_table_new (g_str_hash, g_str_equal);

  cn->main_col = g_ptr_array_new ();
  cn->side_col = g_ptr_array_new ();
  cn->centre = NULL;
  for (guint i = 0; vc != NULL && i < vc->items->len; i++)
    {
      const ShzCatItem *it = vc->items->pdata[i];
      if (it->kind == SHZ_CAT_STAGE)
        {
          g_ptr_array_add (cn->main_col, (gpointer) it);
          g_hash_table_add (in_main, it->id);
        }
    }
  for (guint i = 0; vn != NULL && i < vn->items->len && cn->centre == NULL; i++)
    if (((const ShzCatItem *) vn->items->pdata[i])->kind == SHZ_CAT_CENTRE)
      cn->centre = ((const ShzCatItem *) vn->items->pdata[i])->id;
  g_hash_table_add (in_main, (gpointer) "consumer");
  if (cn->centre != NULL)
    g_hash_table_add (in_main, (gpointer) cn->centre);
  for (guint i = 0; i < n_links; i++)
    for (guint e = 0; e < 2; e++)
      {
        const char *id = e == 0 ? links[i].source : links[i].target;
        if (!g_hash_table_contains (in_main, id) && g_hash_table_add (in_side, (gpointer) id))
          g_ptr_array_add (cn->side_col, (gpointer) id);
      }
}

static void
chain_nodes_clear (ChainNodes *cn)
{
  g_clear_pointer (&cn->main_col, g_ptr_array_unref);
  g_clear_pointer (&cn->side_col, g_ptr_array_unref);
}

/* The one column of @n boxes in @height (their height and the gap between them, as it always
 * was), and whether it holds them: each box a line at the legible size. */
static gboolean
chain_one_column (PangoContext *pango, ShzNetMeasure *m, double height, guint n, double u, double f, double legible,
                  double *node_h_out, double *gap_out)
{
  double gap = MAX (height * 0.025, 4 * u), node_h, lh;

  node_h = MIN ((height - (n - 1) * gap) / n, 3.2 * f);
  if (node_h * n + gap * (n - 1) < height)
    gap = (height - node_h * n) / MAX (n - 1, 1);
  gap = MIN (gap, node_h * 1.2);
  *node_h_out = node_h;
  *gap_out = gap;
  /* (a box must hold a line at the legible size: the text's inset is a tenth of the box) */
  shz_net_measure (m, pango, "数智 Ag", legible, TRUE, 0, NULL, &lh);
  return node_h >= lh * 1.25;
}

double
shz_network_chain_want_width (ShzNetworkChart   *chart,
                              PangoContext      *pango,
                              double             width,
                              double             canvas_height,
                              double             height,
                              double             u,
                              double             tu,
                              const ShzRingLink *links,
                              guint              n_links)
{
  ShzNetMeasure *m = shz_net_measure_get (chart, pango);
  double f = 13 * tu, node_h, gap, need;
  double legible = MIN (f, MAX (f * 0.5, shz_network_chart_legible (width, canvas_height)));
  ChainNodes cn;
  ChainGrid g;
  ShzRect area = shz_rect_make (0, 0, G_MAXDOUBLE / 4, height);
  guint cols;

  chain_nodes (chart, links, n_links, &cn);
  if (chain_one_column (pango, m, height, cn.main_col->len + 1, u, f, legible, &node_h, &gap))
    {
      chain_nodes_clear (&cn);
      return 0;
    }
  chain_grid_plan (m, pango, &area, cn.main_col->len + 1, cn.side_col->len, legible, u, &g);
  need = 5 * legible + 2 * MIN (legible * 0.3, g.box_h * 0.1) + 2;
  cols = g.main_cols + g.side_cols;
  chain_nodes_clear (&cn);
  return cols * need + g.hgap * (cols - 1 + (g.side_cols > 0));
}

void
shz_network_chain_build (ShzNetworkChart    *chart,
                         ShzNetLayout       *l,
                         PangoContext       *pango,
                         const ShzRect      *area,
                         double              u,
                         double              tu,
                         ShzAssessmentState  state,
                         const ShzRingLink  *links,
                         guint               n_links,
                         double              max_weight)
{
  const ShzCatFramework *vc = shz_network_chart_get_framework (chart, SHZ_FRAMEWORK_VALUE_CHAIN);
  const ShzCatFramework *vn = shz_network_chart_get_framework (chart, SHZ_FRAMEWORK_VALUE_NETWORK);
  const ShzChartTheme *theme = shz_chart_get_theme_colors (SHZ_CHART (chart));
  ShzAssessment *as = shz_network_chart_get_assessment (chart);
  ShzNetMeasure *m = shz_net_measure_get (chart, pango);
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  ChainNodes cn;
  const ShzCatItem *audience = NULL;
  double f = 13 * tu, gap, node_h, main_w, side_w, main_x, side_x;
  guint first;
  double legible = MIN (f, MAX (f * 0.5, shz_network_chart_legible (l->width, l->height)));
  ChainBend bend = { 0, G_MAXDOUBLE };
  ChainGrid g = { 0 };
  gboolean grid;
  guint n;

  if (vc == NULL)
    return;
  for (guint i = 0; i < vc->items->len && audience == NULL; i++)
    if (((const ShzCatItem *) vc->items->pdata[i])->kind == SHZ_CAT_AUDIENCE)
      audience = vc->items->pdata[i];
  chain_nodes (chart, links, n_links, &cn);

  n = cn.main_col->len + 1;
  grid = !chain_one_column (pango, m, area->height, n, u, f, legible, &node_h, &gap);
  side_w = cn.side_col->len > 0 ? area->width * 0.3 : 0;
  main_w = MIN (area->width * (cn.side_col->len > 0 ? 0.42 : 0.55), 12 * f);
  side_x = area->x;
  main_x = area->x + (cn.side_col->len > 0 ? side_w + area->width * 0.08 : (area->width - main_w) * 0.3);
  if (grid)
    {
      double block_w;

      /* the boxes were sized with these measurements: their texts use them again */
      l->measure = shz_net_measure_func;
      l->measure_data = m;
      chain_grid_fit (m, pango, area, n, cn.side_col->len, legible, u, &g);
      f = legible = g.size;
      node_h = g.box_h;
      /* the columns spread over the height they need, centred in the room left */
      gap = MIN (g.box_h * 0.6, (area->height - g.rows * g.box_h) / MAX (g.rows - 1, 1));
      main_w = side_w = g.col_w;
      block_w = (g.main_cols + g.side_cols) * g.col_w + g.hgap * (g.main_cols + g.side_cols - 1 + (g.side_cols > 0));
      side_x = area->x + MAX (0, area->width - block_w) * 0.3;
      main_x = side_x + (g.side_cols > 0 ? g.side_cols * (g.col_w + g.hgap) + g.hgap : 0);
    }

  for (guint i = 0; i < n; i++)
    {
      const ShzCatItem *it = i < cn.main_col->len ? cn.main_col->pdata[i] : NULL;
      const char *id = it != NULL ? it->id : "consumer";
      ShzRect r = shz_rect_make (main_x, area->y + i * (node_h + gap), main_w, node_h);
      ShzColor fill, stroke, text;
      gboolean dashed = FALSE;
      double score = NAN;
      g_autofree char *label = NULL;
      g_autofree char *shown = NULL;
      g_autofree char *node_id = NULL;
      int ni;

      if (it != NULL)
        {
          if (!shz_assessment_get_score (as, vc->id, it->id, state, &score))
            score = NAN;
          shz_network_chart_score_style (chart, score, &fill, &stroke, &dashed);
          /* one line: the column's boxes are low */
          label = isnan (score) ? g_strdup (shz_network_chart_tr (chart, &it->label))
                                : g_strdup_printf ("%s  %.1f", shz_network_chart_tr (chart, &it->label), score);
        }
      else
        {
          fill = theme->highlight;
          stroke = shz_net_mix (&fill, &(ShzColor) { 0, 0, 0, 1 }, 0.3);
          label = g_strdup (audience != NULL ? shz_network_chart_tr (chart, &audience->label)
                                             : shz_network_chart_tr2 (chart, "消费者", "Consumer"));
        }
      if (grid)
        {
          guint col = i / g.rows, row = i % g.rows;
          double col_h = g.rows * g.box_h + (g.rows - 1) * gap;

          /* odd columns read upwards: the snake's turn is one step sideways */
          if (col % 2 == 1)
            row = g.rows - 1 - row;
          r = shz_rect_make (main_x + col * (g.col_w + g.hgap),
                             area->y + MAX (0, area->height - col_h) / 2 + row * (g.box_h + gap), g.col_w, g.box_h);
          shown = chain_grid_text (m, pango, &g, it != NULL ? shz_network_chart_tr (chart, &it->label) : label,
                                   score, it != NULL);
        }
      /* "ITEM:STATE", as the other kinds' state-specific nodes: beside the ring of the
       * comparison the same element is another node (the ring's moves, this one does not) */
      node_id = g_strdup_printf ("%s:%s", id, shz_assessment_state_to_string (state));
      ni = shz_net_layout_add_node (l, node_id, SHZ_NET_ROUNDED, &r, &fill, &stroke,
                                    MAX (0.8, 1.2 * u), dashed);
      shz_net_layout_get_node (l, ni)->description = g_strdup (label);
      text = shz_net_text_on (&fill, theme);
      shz_net_layout_add_node_text (l, pango, ni, shown != NULL ? shown : label, f, legible, it != NULL, &text);
      g_hash_table_insert (index, (gpointer) id, GINT_TO_POINTER (ni));
      if (it == NULL && cn.centre != NULL)
        g_hash_table_insert (index, (gpointer) cn.centre, GINT_TO_POINTER (ni));
    }

  /* Side column: supporting elements and data streams the as-is links name. */
  if (cn.side_col->len > 0)
    {
      double sh = MIN (node_h, (area->height - gap * (cn.side_col->len - 1)) / cn.side_col->len);
      double total = cn.side_col->len * sh + (cn.side_col->len - 1) * gap;
      for (guint i = 0; i < cn.side_col->len; i++)
        {
          const char *id = cn.side_col->pdata[i];
          const ShzCatItem *it = vn ? shz_cat_framework_get_item (vn, id) : NULL;
          ShzRect r = shz_rect_make (side_x, area->y + (area->height - total) / 2 + i * (sh + gap), side_w, sh);
          ShzColor fill = theme->plot_background, stroke = shz_chart_palette_color (7), text;
          g_autofree char *node_id = g_strdup_printf ("%s:%s", id, shz_assessment_state_to_string (state));
          g_autofree char *shown = NULL;
          const char *label = it ? shz_network_chart_tr (chart, &it->label) : id;
          int ni;

          if (grid)
            {
              guint col = i / g.rows, row = i % g.rows, in_col = MIN (g.rows, cn.side_col->len - col * g.rows);
              double col_h = in_col * g.box_h + (in_col - 1) * gap;

              r = shz_rect_make (side_x + col * (g.col_w + g.hgap),
                                 area->y + MAX (0, area->height - col_h) / 2 + row * (g.box_h + gap), g.col_w, g.box_h);
              shown = chain_grid_text (m, pango, &g, label, NAN, FALSE);
            }
          ni = shz_net_layout_add_node (l, node_id, SHZ_NET_RECT, &r, &fill, &stroke, MAX (0.8, 1.2 * u), FALSE);
          shz_net_layout_get_node (l, ni)->description = g_strdup (label);
          text = shz_net_text_on (&fill, theme);
          shz_net_layout_add_node_text (l, pango, ni, shown != NULL ? shown : label, f, legible, FALSE, &text);
          g_hash_table_insert (index, (gpointer) id, GINT_TO_POINTER (ni));
        }
    }

  first = l->links->len;
  bend.pitch = node_h + gap;
  /* in columns side by side, a bow stays in the gap to the next */
  if (grid)
    bend.max_bow = g.hgap * 0.45;
  add_links (chart, l, index, links, n_links, max_weight, u, grid ? MIN (1.6 * f, 0.3 * g.box_h) : 1.6 * f,
             chain_bend, &bend);
  {
    /* the chain's labels may sit right of the column; keep the bows inside the area (only
     * the chain's own links: the legend's keys are links too) */
    double limit = area->x + area->width;
    for (guint i = first; i < l->links->len; i++)
      {
        ShzNetLink *k = &g_array_index (l->links, ShzNetLink, i);
        if (k->cx > limit)
          k->cx = limit;
      }
  }
  chain_nodes_clear (&cn);
  l->measure = NULL;
  l->measure_data = NULL;
}
