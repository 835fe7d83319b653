/* shz-network-ring.c — layout of the ring network around the consumer and of the one-way chain
 * column, with their links.  Pure computation on a ShzNetLayout; text measured with Pango.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"
#include "config.h"

#include <math.h>
#include <string.h>

#include "charts/shz-network-ring.h"

enum {
  RING_CENTRE,
  RING_STAGE,
  RING_STREAM,
  RING_SUPPORT,
};

typedef struct {
  const ShzCatItem *item;
  int               role;
  char             *text;
  double            score;    /* NAN: not assessed */
  double            tw, th;   /* text size at the base size, wrapped at the current wrap */
  double            tws[2], ths[2];  /* … at each of the wraps tried */
  double            w, h;
  double            x, y;     /* top-left */
} RingNode;

static void
ring_node_clear (gpointer data)
{
  RingNode *n = data;
  g_clear_pointer (&n->text, g_free);
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

/* Node boxes at text size @f: measured once at @f0 for each wrap width (7.5 or 5 × the size;
 * unhinted metrics scale linearly, and the wrap width scales with the size, so the lines stay
 * the same), then scaled.  The narrower wrap gives narrower, taller nodes: a ring that holds
 * them at a larger size. */
static const double wraps[2] = { 7.5, 5.0 };

static void
measure_nodes (GArray *nodes, PangoContext *pango, double f0, double f, guint wrap, gboolean measure)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      RingNode *n = &g_array_index (nodes, RingNode, i);

      if (measure)
        for (guint k = 0; k < G_N_ELEMENTS (wraps); k++)
          {
            if (n->role == RING_CENTRE)
              shz_chart_text_measure (pango, n->text, f0 * 1.15, TRUE, 7 * f0, &n->tws[k], &n->ths[k]);
            else
              shz_chart_text_measure (pango, n->text, f0, n->role == RING_STAGE, wraps[k] * f0, &n->tws[k], &n->ths[k]);
            if (k > 0)
              {
                /* never narrower than a word: no word broken inside */
                g_auto(GStrv) words = g_strsplit_set (n->text, " \n", -1);
                double ww = 0, wh;
                for (guint j = 0; words[j] != NULL; j++)
                  {
                    double w1;
                    shz_chart_text_measure (pango, words[j], n->role == RING_CENTRE ? f0 * 1.15 : f0,
                                            n->role != RING_STREAM && n->role != RING_SUPPORT, 0, &w1, NULL);
                    ww = MAX (ww, w1);
                  }
                if (ww > n->tws[k] + 0.01 && ww <= n->tws[0] + 0.01)
                  {
                    /* wrap at the longest word instead */
                    shz_chart_text_measure (pango, n->text, n->role == RING_CENTRE ? f0 * 1.15 : f0,
                                            n->role != RING_STREAM && n->role != RING_SUPPORT, ww + 0.5, &n->tws[k], &wh);
                    n->ths[k] = wh;
                  }
              }
          }
      n->tw = n->tws[wrap];
      n->th = n->ths[wrap];
      if (n->role == RING_CENTRE)
        {
          n->w = (n->tw * f / f0 + 0.9 * f) * 1.45;
          n->h = MAX ((n->th * f / f0 + 0.9 * f) * 1.45, n->w * 0.72);
        }
      else
        {
          n->w = n->tw * f / f0 + 1.0 * f;
          n->h = n->th * f / f0 + 0.7 * f;
        }
    }
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
  g_autoptr(GHashTable) pair_count = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) pair_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const ShzCatFramework *vn = shz_network_chart_get_framework (chart, SHZ_FRAMEWORK_VALUE_NETWORK);
  /* many links: thinner, so they stay readable (and cheap to draw) */
  double density = CLAMP (sqrt (60.0 / MAX (n_links, 1)), 0.2, 1.0);

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n_links; i++)
      {
        const ShzRingLink *k = &links[i];
        int s = find_node (index, k->source), t = find_node (index, k->target);
        gboolean fwd = strcmp (k->source, k->target) <= 0;
        g_autofree char *key = g_strdup_printf ("%s|%s", fwd ? k->source : k->target, fwd ? k->target : k->source);
        guint count, seen;
        double bend;
        g_autofree char *id = NULL;
        g_autofree char *desc = NULL;
        const ShzCatItem *si, *ti, *ki;
        int li;

        if (s < 0 || t < 0)
          continue;
        count = GPOINTER_TO_UINT (g_hash_table_lookup (pair_count, key));
        if (pass == 0)
          {
            g_hash_table_insert (pair_count, g_steal_pointer (&key), GUINT_TO_POINTER (count + 1));
            continue;
          }
        seen = GPOINTER_TO_UINT (g_hash_table_lookup (pair_seen, key));
        g_hash_table_insert (pair_seen, g_strdup (key), GUINT_TO_POINTER (seen + 1));
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

        si = vn ? shz_cat_framework_get_item (vn, k->source) : NULL;
        ti = vn ? shz_cat_framework_get_item (vn, k->target) : NULL;
        ki = vn ? shz_cat_framework_get_item (vn, k->kind) : NULL;
        id = g_strdup_printf ("link:%s>%s:%s", k->source, k->target, k->kind);
        desc = g_strdup_printf ("%s → %s · %s · %g%s%s",
                                si ? shz_network_chart_tr (chart, &si->label) : k->source,
                                ti ? shz_network_chart_tr (chart, &ti->label) : k->target,
                                ki ? shz_network_chart_tr (chart, &ki->label) : k->kind,
                                k->weight, k->note ? " · " : "", k->note ? k->note : "");
        li = shz_net_layout_add_link (l, id, s, t, bend, MAX (0.5, shz_network_link_width (k->weight, max_weight, u) * density),
                                      &k->color, k->dashed || k->weight <= 0, TRUE);
        g_array_index (l->links, ShzNetLink, li).description = g_steal_pointer (&desc);
      }
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
  const ShzCatItem *audience = NULL;
  ShzRect ring = *area;
  double f0 = 13 * tu, f = f0, legible = shz_network_chart_legible (l->width, l->height);
  double prev_f = f0;
  guint wrap = 0;
  gboolean placed = FALSE;
  static const double rs_steps[] = { 1.0, 0.92, 0.84, 0.76, 0.68 };
  static const double ratio_steps[] = { 0.52, 0.58, 0.46, 0.64, 0.7 };

  g_array_set_clear_func (nodes, ring_node_clear);
  if (fw == NULL)
    return;

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
      n.text = node_text (chart, it, NULL, score);
      g_array_append_val (nodes, n);
    }

  /* Fit: the largest text at which every node finds a place, the labels wrapped wide, else
   * narrow; the legible size is tried before any smaller one. */
  for (int step = 0; step < 40 && !placed; step++)
    {
      f = f0 * pow (0.9, step);
      if (prev_f > legible + 0.01 && f < legible - 0.01)
        {
          f = legible;
          step--;
        }
      prev_f = f;
      for (wrap = 0; wrap < G_N_ELEMENTS (wraps) && !placed; wrap++)
        {
          ring = *area;
          if (with_audience && audience != NULL)
            {
              double tw, th, rw, rh;
              shz_chart_text_measure (pango, shz_network_chart_tr (chart, &audience->label), f, TRUE, 6 * f, &tw, &th);
              shz_chart_text_measure (pango, shz_network_chart_tr (chart, &audience->relation.label), MAX (0.85 * f, MIN (f, legible)),
                                      FALSE, 6 * f, &rw, &rh);
              if (area->width >= area->height * 1.1)
                ring.width -= MAX (tw + 1.3 * f, rw) + 3 * f;
              else
                ring.height -= th + 0.8 * f + rh + 3 * f;
            }
          measure_nodes (nodes, pango, f0, f, wrap, step == 0 && wrap == 0);
          for (guint a = 0; a < G_N_ELEMENTS (rs_steps) && !placed; a++)
            for (guint b = 0; b < G_N_ELEMENTS (ratio_steps) && !placed; b++)
              placed = place_nodes (nodes, &ring, f, rs_steps[a], ratio_steps[b]);
        }
    }

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
      shz_net_layout_add_node_text (l, pango, ni, n->text,
                                    n->role == RING_CENTRE ? f * 1.15 : f, MIN (f, MAX (f * 0.6, legible)),
                                    n->role != RING_STREAM && n->role != RING_SUPPORT, &text);
      g_hash_table_insert (index, (gpointer) n->item->id, GINT_TO_POINTER (ni));
    }

  /* The audience beside the ring: 多边链接关系 → 增量消费群体. */
  if (with_audience && audience != NULL && placed)
    {
      double tw, th, rw, rh;
      const char *label = shz_network_chart_tr (chart, &audience->label);
      const char *rel = shz_network_chart_tr (chart, &audience->relation.label);
      ShzColor fill = theme->plot_background, stroke = theme->highlight;
      ShzRect r;
      int ni;

      shz_chart_text_measure (pango, label, f, TRUE, 6 * f, &tw, &th);
      double rs = MAX (0.85 * f, MIN (f, legible));

      shz_chart_text_measure (pango, rel, rs, FALSE, 6 * f, &rw, &rh);
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
}

/* ---- the chain column ---- */

/* Links between non-neighbours in the column bow out to the right, more the further apart. */
static double
chain_bend (ShzNetLayout *l, int s, int t, gpointer data)
{
  const ShzNetNode *a = shz_net_layout_get_node (l, s), *b = shz_net_layout_get_node (l, t);
  double dy = (b->rect.y + b->rect.height / 2) - (a->rect.y + a->rect.height / 2);
  double pitch = *(double *) data;   /* from one node's centre to the next's */
  double same_col = fabs (a->rect.x - b->rect.x) < 1;

  if (!same_col || fabs (dy) <= pitch * 1.01)
    return 0;
  /* a positive bend bows towards (dy, −dx): to +x when travelling down */
  return (dy > 0 ? 1 : -1) * MIN (fabs (dy) * 0.22, a->rect.width * 0.9);
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
  g_autoptr(GPtrArray) main_col = g_ptr_array_new ();    /* ShzCatItem of the chain */
  g_autoptr(GPtrArray) side_col = g_ptr_array_new ();    /* other linked node ids */
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) in_main = g_hash_table_new (g_str_hash, g_str_equal);
  const ShzCatItem *audience = NULL;
  double f = 13 * tu, gap, node_h, main_w, side_w, main_x, side_x;
  guint first;
  double legible = MIN (f, MAX (f * 0.5, shz_network_chart_legible (l->width, l->height)));
  guint n;

  if (vc == NULL)
    return;
  for (guint i = 0; i < vc->items->len; i++)
    {
      const ShzCatItem *it = vc->items->pdata[i];
      if (it->kind == SHZ_CAT_STAGE)
        {
          g_ptr_array_add (main_col, (gpointer) it);
          g_hash_table_add (in_main, it->id);
        }
      else if (it->kind == SHZ_CAT_AUDIENCE && audience == NULL)
        audience = it;
    }
  g_hash_table_add (in_main, (gpointer) "consumer");
  for (guint i = 0; i < n_links; i++)
    for (guint e = 0; e < 2; e++)
      {
        const char *id = e == 0 ? links[i].source : links[i].target;
        if (!g_hash_table_contains (in_main, id) && !g_ptr_array_find_with_equal_func (side_col, id, g_str_equal, NULL))
          g_ptr_array_add (side_col, (gpointer) id);
      }

  n = main_col->len + 1;
  gap = MAX (area->height * 0.025, 4 * u);
  node_h = MIN ((area->height - (n - 1) * gap) / n, 3.2 * f);
  if (node_h * n + gap * (n - 1) < area->height)
    gap = (area->height - node_h * n) / MAX (n - 1, 1);
  gap = MIN (gap, node_h * 1.2);
  side_w = side_col->len > 0 ? area->width * 0.3 : 0;
  main_w = MIN (area->width * (side_col->len > 0 ? 0.42 : 0.55), 12 * f);
  side_x = area->x;
  main_x = area->x + (side_col->len > 0 ? side_w + area->width * 0.08 : (area->width - main_w) * 0.3);

  for (guint i = 0; i < n; i++)
    {
      const ShzCatItem *it = i < main_col->len ? main_col->pdata[i] : NULL;
      const char *id = it != NULL ? it->id : "consumer";
      ShzRect r = shz_rect_make (main_x, area->y + i * (node_h + gap), main_w, node_h);
      ShzColor fill, stroke, text;
      gboolean dashed = FALSE;
      double score = NAN;
      g_autofree char *label = NULL;
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
      /* "ITEM:STATE", as the other kinds' state-specific nodes: beside the ring of the
       * comparison the same element is another node (the ring's moves, this one does not) */
      node_id = g_strdup_printf ("%s:%s", id, shz_assessment_state_to_string (state));
      ni = shz_net_layout_add_node (l, node_id, SHZ_NET_ROUNDED, &r, &fill, &stroke,
                                    MAX (0.8, 1.2 * u), dashed);
      shz_net_layout_get_node (l, ni)->description = g_strdup (label);
      text = shz_net_text_on (&fill, theme);
      shz_net_layout_add_node_text (l, pango, ni, label, f, legible, it != NULL, &text);
      g_hash_table_insert (index, (gpointer) id, GINT_TO_POINTER (ni));
    }

  /* Side column: supporting elements and data streams the as-is links name. */
  if (side_col->len > 0)
    {
      double sh = MIN (node_h, (area->height - gap * (side_col->len - 1)) / side_col->len);
      double total = side_col->len * sh + (side_col->len - 1) * gap;
      for (guint i = 0; i < side_col->len; i++)
        {
          const char *id = side_col->pdata[i];
          const ShzCatItem *it = vn ? shz_cat_framework_get_item (vn, id) : NULL;
          ShzRect r = shz_rect_make (side_x, area->y + (area->height - total) / 2 + i * (sh + gap), side_w, sh);
          ShzColor fill = theme->plot_background, stroke = shz_chart_palette_color (7), text;
          g_autofree char *node_id = g_strdup_printf ("%s:%s", id, shz_assessment_state_to_string (state));
          int ni = shz_net_layout_add_node (l, node_id, SHZ_NET_RECT, &r, &fill, &stroke, MAX (0.8, 1.2 * u), FALSE);
          const char *label = it ? shz_network_chart_tr (chart, &it->label) : id;

          shz_net_layout_get_node (l, ni)->description = g_strdup (label);
          text = shz_net_text_on (&fill, theme);
          shz_net_layout_add_node_text (l, pango, ni, label, f, legible, FALSE, &text);
          g_hash_table_insert (index, (gpointer) id, GINT_TO_POINTER (ni));
        }
    }

  first = l->links->len;
  {
    double pitch = node_h + gap;
    add_links (chart, l, index, links, n_links, max_weight, u, 1.6 * f, chain_bend, &pitch);
  }
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
}
