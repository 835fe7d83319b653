/* shz-network-layout.c — nodes, links and texts of the value-network chart kinds, their
 * geometry (borders, fitting text), the one renderer, hit-testing and the invariant check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"
#include "config.h"

#include <math.h>
#include <string.h>

#include "charts/shz-network-layout.h"
#include "charts/shz-chart.h"

static void
node_clear (gpointer data)
{
  ShzNetNode *n = data;
  g_clear_pointer (&n->id, g_free);
  g_clear_pointer (&n->description, g_free);
}

static void
link_clear (gpointer data)
{
  ShzNetLink *l = data;
  g_clear_pointer (&l->id, g_free);
  g_clear_pointer (&l->description, g_free);
}

static void
text_clear (gpointer data)
{
  ShzNetText *t = data;
  g_clear_pointer (&t->text, g_free);
}

/* Measure a text as the layout's kind asks (its cache), else directly. */
static void
measure_text (ShzNetLayout *l, PangoContext *pango, const char *text, double size, gboolean bold, double wrap,
              double *w, double *h)
{
  if (l->measure != NULL)
    l->measure (l->measure_data, pango, text, size, bold, wrap, w, h);
  else
    shz_chart_text_measure (pango, text, size, bold, wrap, w, h);
}

ShzNetLayout *
shz_net_layout_new (double width,
                    double height)
{
  ShzNetLayout *l = g_new0 (ShzNetLayout, 1);

  l->width = width;
  l->height = height;
  l->background = (ShzColor) { 1, 1, 1, 1 };
  l->nodes = g_array_new (FALSE, TRUE, sizeof (ShzNetNode));
  g_array_set_clear_func (l->nodes, node_clear);
  l->links = g_array_new (FALSE, TRUE, sizeof (ShzNetLink));
  g_array_set_clear_func (l->links, link_clear);
  l->texts = g_array_new (FALSE, TRUE, sizeof (ShzNetText));
  g_array_set_clear_func (l->texts, text_clear);
  return l;
}

void
shz_net_layout_free (ShzNetLayout *l)
{
  if (l == NULL)
    return;
  g_array_unref (l->nodes);
  g_array_unref (l->links);
  g_array_unref (l->texts);
  g_clear_pointer (&l->link_image, cairo_surface_destroy);
  g_clear_pointer (&l->link_raster, shz_stroke_raster_free);
  g_clear_pointer (&l->text_layouts, shz_text_layouts_free);
  g_clear_pointer (&l->picture, cairo_surface_destroy);
  g_free (l);
}

void
shz_net_layout_take_buffers (ShzNetLayout *l,
                             ShzNetLayout *old)
{
  if (old == NULL || old == l)
    return;
  if (l->link_image == NULL)
    {
      l->link_image = g_steal_pointer (&old->link_image);
      l->link_image_valid = FALSE;
    }
  if (l->link_raster == NULL)
    l->link_raster = g_steal_pointer (&old->link_raster);
  if (l->text_layouts == NULL)
    l->text_layouts = g_steal_pointer (&old->text_layouts);
  if (l->picture == NULL)
    {
      l->picture = g_steal_pointer (&old->picture);
      l->picture_valid = FALSE;
    }
  /* the arrays, emptied, with their room: a layout of thousands of links grows them anew */
  {
    GArray **mine[3] = { &l->nodes, &l->links, &l->texts }, **theirs[3] = { &old->nodes, &old->links, &old->texts };
    for (guint i = 0; i < 3; i++)
      if ((*mine[i])->len == 0)
        {
          GArray *t = *mine[i];
          g_array_set_size (*theirs[i], 0);
          *mine[i] = *theirs[i];
          *theirs[i] = t;
        }
  }
}

int
shz_net_layout_add_node (ShzNetLayout   *l,
                         const char     *id,
                         ShzNetShape     shape,
                         const ShzRect  *rect,
                         const ShzColor *fill,
                         const ShzColor *stroke,
                         double          stroke_width,
                         gboolean        dashed)
{
  ShzNetNode n = { 0 };

  n.id = g_strdup (id);
  n.shape = shape;
  n.rect = *rect;
  n.fill = fill != NULL ? *fill : (ShzColor) { 0, 0, 0, 0 };
  n.stroke = stroke != NULL ? *stroke : (ShzColor) { 0, 0, 0, 0 };
  n.stroke_width = stroke_width;
  n.dashed = dashed;
  n.notch = (shape == SHZ_NET_CHEVRON || shape == SHZ_NET_CHEVRON_FIRST) ? MIN (rect->height * 0.3, rect->width * 0.25) : 0;
  g_array_append_val (l->nodes, n);
  return (int) l->nodes->len - 1;
}

ShzNetNode *
shz_net_layout_get_node (ShzNetLayout *l,
                         int           i)
{
  g_return_val_if_fail (i >= 0 && (guint) i < l->nodes->len, NULL);
  return &g_array_index (l->nodes, ShzNetNode, i);
}

int
shz_net_layout_add_text (ShzNetLayout   *l,
                         PangoContext   *pango,
                         const char     *text,
                         double          size,
                         gboolean        bold,
                         double          wrap,
                         ShzTextAlign    align,
                         double          x,
                         double          y,
                         const ShzColor *color)
{
  ShzNetText t = { 0 };
  double w, h;

  measure_text (l, pango, text, size, bold, wrap, &w, &h);
  t.text = g_strdup (text);
  t.size = size;
  t.bold = bold;
  t.wrap = wrap;  /* drawn with the same wrap width, so with the same line breaks */
  t.align = align;
  t.rect = shz_rect_make (x, y, w, h);
  t.color = *color;
  t.node = -1;
  g_array_append_val (l->texts, t);
  return (int) l->texts->len - 1;
}

void
shz_net_layout_measure_text (ShzNetLayout *l,
                             PangoContext *pango,
                             const char   *text,
                             double        size,
                             gboolean      bold,
                             double        wrap,
                             double       *width,
                             double       *height)
{
  measure_text (l, pango, text, size, bold, wrap, width, height);
}

char *
shz_net_text_clamp_lines (ShzNetLayout *l,
                          PangoContext *pango,
                          const char   *text,
                          double        size,
                          gboolean      bold,
                          double        width,
                          int           max_lines)
{
  double line_h, w, h, max_h;
  glong lo = 0, hi;
  g_autofree char *best = NULL;

  measure_text (l, pango, "Ag数", size, bold, 0, NULL, &line_h);
  max_h = line_h * (MAX (max_lines, 1) + 0.5);
  measure_text (l, pango, text, size, bold, width, &w, &h);
  if (h <= max_h && (width <= 0 || w <= width + 0.01))
    return g_strdup (text);
  /* the longest prefix that fits with an ellipsis */
  hi = g_utf8_strlen (text, -1);
  while (lo < hi)
    {
      glong mid = (lo + hi + 1) / 2;
      g_autofree char *cut = g_utf8_substring (text, 0, mid);
      g_autofree char *cand = g_strconcat (g_strchomp (cut), "…", NULL);

      measure_text (l, pango, cand, size, bold, width, &w, &h);
      if (h <= max_h && (width <= 0 || w <= width + 0.01))
        {
          lo = mid;
          g_free (best);
          best = g_steal_pointer (&cand);
        }
      else
        hi = mid - 1;
    }
  return best != NULL ? g_steal_pointer (&best) : g_strdup ("…");
}

/* The width of the widest run of Latin letters (a word Pango would have to break inside). */
static double
longest_latin_word (ShzNetLayout *l, PangoContext *pango, const char *text, double size, gboolean bold)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \n\t/-", -1);
  double best = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean latin = words[i][0] != '\0';
      double w;

      for (const char *p = words[i]; *p != '\0' && latin; p++)
        latin = g_ascii_isalpha (*p);
      if (!latin)
        continue;
      measure_text (l, pango, words[i], size, bold, 0, &w, NULL);
      best = MAX (best, w);
    }
  return best;
}

/* Fit @text into @inner: wrap at its width, shrink down to @min_size, then ellipsise. */
static int
add_fitted_text (ShzNetLayout   *l,
                 PangoContext   *pango,
                 const ShzRect  *inner,
                 const char     *text,
                 double          size,
                 double          min_size,
                 gboolean        bold,
                 ShzTextAlign    align,
                 const ShzColor *color,
                 int             node)
{
  double s = size, w = 0, h = 0;
  g_autofree char *shown = g_strdup (text);
  ShzNetText *t;
  double x;
  int i;

  if (inner->width <= 1 || inner->height <= 1)
    return -1;
  /* Shrink towards the size whose area fits (text area goes with the square of the size). */
  for (int k = 0; k < 12; k++)
    {
      double need;

      measure_text (l, pango, shown, s, bold, inner->width, &w, &h);
      if (w <= inner->width + 0.01 && h <= inner->height + 0.01 &&
          (s <= min_size || longest_latin_word (l, pango, shown, s, bold) <= inner->width + 0.01))
        break;
      if (s <= min_size)
        break;
      need = h > inner->height ? sqrt (inner->height / h) : 0.92;
      s = MAX (min_size, s * MIN (0.92, MAX (need, 0.5)));
    }
  if (w > inner->width + 0.01 || h > inner->height + 0.01)
    {
      /* Still too big at the smallest size: the longest prefix that fits, with an ellipsis. */
      glong lo = 0, hi = g_utf8_strlen (text, -1);
      g_autofree char *best = NULL;

      while (lo < hi)
        {
          glong mid = (lo + hi + 1) / 2;
          g_autofree char *cut = g_utf8_substring (text, 0, mid);
          g_autofree char *cand = g_strconcat (cut, "…", NULL);
          double cw, ch;

          measure_text (l, pango, cand, s, bold, inner->width, &cw, &ch);
          if (cw <= inner->width + 0.01 && ch <= inner->height + 0.01)
            {
              lo = mid;
              g_free (best);
              best = g_steal_pointer (&cand);
            }
          else
            hi = mid - 1;
        }
      if (best == NULL)
        return -1;
      g_free (shown);
      shown = g_steal_pointer (&best);
      measure_text (l, pango, shown, s, bold, inner->width, &w, &h);
    }

  switch (align)
    {
    case SHZ_TEXT_ALIGN_START:  x = inner->x; break;
    case SHZ_TEXT_ALIGN_END:    x = inner->x + inner->width - w; break;
    case SHZ_TEXT_ALIGN_CENTER:
    default:                    x = inner->x + (inner->width - w) / 2; break;
    }
  i = shz_net_layout_add_text (l, pango, shown, s, bold, inner->width, align, x,
                               inner->y + (inner->height - h) / 2, color);
  t = &g_array_index (l->texts, ShzNetText, i);
  t->node = node;
  return i;
}

ShzRect
shz_net_node_inner_rect (const ShzNetNode *n)
{
  const ShzRect *r = &n->rect;

  switch (n->shape)
    {
    case SHZ_NET_ELLIPSE:
      return shz_rect_make (r->x + r->width * (1 - M_SQRT1_2) / 2, r->y + r->height * (1 - M_SQRT1_2) / 2,
                            r->width * M_SQRT1_2, r->height * M_SQRT1_2);
    case SHZ_NET_CHEVRON:
      return shz_rect_make (r->x + n->notch, r->y, r->width - 2 * n->notch, r->height);
    case SHZ_NET_CHEVRON_FIRST:
      return shz_rect_make (r->x, r->y, r->width - n->notch, r->height);
    case SHZ_NET_ROUNDED:
    case SHZ_NET_RECT:
    case SHZ_NET_BAND:
    default:
      return *r;
    }
}

int
shz_net_layout_add_node_text (ShzNetLayout   *l,
                              PangoContext   *pango,
                              int             node,
                              const char     *text,
                              double          size,
                              double          min_size,
                              gboolean        bold,
                              const ShzColor *color)
{
  ShzNetNode *n = shz_net_layout_get_node (l, node);
  ShzRect inner = shz_net_node_inner_rect (n);
  double pad = MIN (size * 0.3, MIN (inner.width, inner.height) * 0.1);

  inner = shz_rect_inflate (&inner, -pad);
  return add_fitted_text (l, pango, &inner, text, size, min_size, bold, SHZ_TEXT_ALIGN_CENTER, color, node);
}

int
shz_net_layout_add_text_in (ShzNetLayout   *l,
                            PangoContext   *pango,
                            const ShzRect  *rect,
                            const char     *text,
                            double          size,
                            double          min_size,
                            gboolean        bold,
                            ShzTextAlign    align,
                            const ShzColor *color)
{
  return add_fitted_text (l, pango, rect, text, size, min_size, bold, align, color, -1);
}

void
shz_net_node_border_point (const ShzNetNode *n,
                           double            tx,
                           double            ty,
                           double           *x,
                           double           *y)
{
  double cx = n->rect.x + n->rect.width / 2, cy = n->rect.y + n->rect.height / 2;
  double dx = tx - cx, dy = ty - cy;
  double a = n->rect.width / 2, b = n->rect.height / 2;
  double t;

  if (fabs (dx) < 1e-9 && fabs (dy) < 1e-9)
    {
      *x = cx;
      *y = cy - b;
      return;
    }
  if (n->shape == SHZ_NET_ELLIPSE)
    t = 1.0 / sqrt ((dx * dx) / (a * a) + (dy * dy) / (b * b));
  else
    t = MIN (fabs (dx) > 1e-12 ? a / fabs (dx) : G_MAXDOUBLE, fabs (dy) > 1e-12 ? b / fabs (dy) : G_MAXDOUBLE);
  *x = cx + dx * t;
  *y = cy + dy * t;
}

double
shz_net_node_border_distance (const ShzNetNode *n,
                              double            x,
                              double            y)
{
  const ShzRect *r = &n->rect;

  if (n->shape == SHZ_NET_ELLIPSE)
    {
      double a = r->width / 2, b = r->height / 2;
      double dx = x - (r->x + a), dy = y - (r->y + b);
      return fabs (sqrt ((dx * dx) / (a * a) + (dy * dy) / (b * b)) - 1) * MIN (a, b);
    }
  if (shz_rect_contains_point (r, x, y))
    return MIN (MIN (x - r->x, r->x + r->width - x), MIN (y - r->y, r->y + r->height - y));
  {
    double dx = MAX (MAX (r->x - x, 0), x - (r->x + r->width));
    double dy = MAX (MAX (r->y - y, 0), y - (r->y + r->height));
    return sqrt (dx * dx + dy * dy);
  }
}

int
shz_net_layout_add_link (ShzNetLayout   *l,
                         const char     *id,
                         int             source,
                         int             target,
                         double          bend,
                         double          width,
                         const ShzColor *color,
                         gboolean        dashed,
                         gboolean        arrow)
{
  ShzNetNode *s = shz_net_layout_get_node (l, source);
  ShzNetNode *t = shz_net_layout_get_node (l, target);
  ShzNetLink k = { 0 };
  double scx = s->rect.x + s->rect.width / 2, scy = s->rect.y + s->rect.height / 2;
  double tcx = t->rect.x + t->rect.width / 2, tcy = t->rect.y + t->rect.height / 2;

  k.id = g_strdup (id);
  k.source = source;
  k.target = target;
  k.width = width;
  k.color = *color;
  k.dashed = dashed;
  k.arrow = arrow;
  k.head = MAX (7, width * 2.6);

  if (source == target)
    {
      /* A loop on the side facing away from the canvas centre. */
      double ox = scx - l->width / 2, oy = scy - l->height / 2;
      double len = hypot (ox, oy), ang, r = MAX (8, MIN (s->rect.width, s->rect.height) * 0.35);
      double bx, by;

      if (len < 1e-6)
        ox = 0, oy = -1, len = 1;
      ang = atan2 (oy / len, ox / len);
      /* outward if the loop fits in the canvas there, else the nearest direction where it does */
      for (int tries = 0; tries < 9; tries++)
        {
          double a = ang + (tries % 2 == 1 ? 1 : -1) * ((tries + 1) / 2) * G_PI / 4, rr;

          shz_net_node_border_point (s, scx + cos (a) * 1000, scy + sin (a) * 1000, &bx, &by);
          k.loop = TRUE;
          k.cx = bx + cos (a) * r * 0.6;
          k.cy = by + sin (a) * r * 0.6;
          /* the ends: on the border along the rays from the centre through the circle */
          shz_net_node_border_point (s, k.cx + cos (a + 2.2) * r, k.cy + sin (a + 2.2) * r, &k.x0, &k.y0);
          shz_net_node_border_point (s, k.cx + cos (a - 2.2) * r, k.cy + sin (a - 2.2) * r, &k.x1, &k.y1);
          rr = hypot (k.x0 - k.cx, k.y0 - k.cy);
          if (k.cx - rr >= 0 && k.cy - rr >= 0 && k.cx + rr <= l->width && k.cy + rr <= l->height)
            break;
        }
    }
  else
    {
      double dx = tcx - scx, dy = tcy - scy, len = hypot (dx, dy);
      double nx = len > 0 ? -dy / len : 0, ny = len > 0 ? dx / len : 0;

      /* The curve's midpoint lies @bend away from the chord: its control point twice that. */
      k.cx = (scx + tcx) / 2 - nx * bend * 2;
      k.cy = (scy + tcy) / 2 - ny * bend * 2;
      shz_net_node_border_point (s, k.cx, k.cy, &k.x0, &k.y0);
      shz_net_node_border_point (t, k.cx, k.cy, &k.x1, &k.y1);
    }
  g_array_append_val (l->links, k);
  return (int) l->links->len - 1;
}

int
shz_net_layout_add_arrow (ShzNetLayout   *l,
                          double          x0,
                          double          y0,
                          double          x1,
                          double          y1,
                          double          width,
                          const ShzColor *color,
                          gboolean        dashed)
{
  ShzNetLink k = { 0 };

  k.source = k.target = -1;
  k.x0 = x0;
  k.y0 = y0;
  k.x1 = x1;
  k.y1 = y1;
  k.cx = (x0 + x1) / 2;
  k.cy = (y0 + y1) / 2;
  k.width = width;
  k.color = *color;
  k.dashed = dashed;
  k.arrow = TRUE;
  k.head = MAX (8, width * 3);
  g_array_append_val (l->links, k);
  return (int) l->links->len - 1;
}

/* ---- drawing ---- */

/* The radius of a rounded node's corners (0 for a plain one). */
static double
corner_radius (const ShzNetNode *n)
{
  if (n->shape != SHZ_NET_ROUNDED && n->shape != SHZ_NET_BAND)
    return 0;
  return MIN (MIN (n->rect.width, n->rect.height) * 0.2, n->shape == SHZ_NET_BAND ? 10 : 8);
}

static void
node_path (cairo_t *cr, const ShzNetNode *n)
{
  const ShzRect *r = &n->rect;

  switch (n->shape)
    {
    case SHZ_NET_ELLIPSE:
      cairo_save (cr);
      cairo_translate (cr, r->x + r->width / 2, r->y + r->height / 2);
      cairo_scale (cr, r->width / 2, r->height / 2);
      cairo_new_sub_path (cr);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      break;
    case SHZ_NET_CHEVRON:
    case SHZ_NET_CHEVRON_FIRST:
      cairo_move_to (cr, r->x, r->y);
      cairo_line_to (cr, r->x + r->width - n->notch, r->y);
      cairo_line_to (cr, r->x + r->width, r->y + r->height / 2);
      cairo_line_to (cr, r->x + r->width - n->notch, r->y + r->height);
      cairo_line_to (cr, r->x, r->y + r->height);
      if (n->shape == SHZ_NET_CHEVRON)
        cairo_line_to (cr, r->x + n->notch, r->y + r->height / 2);
      cairo_close_path (cr);
      break;
    case SHZ_NET_ROUNDED:
    case SHZ_NET_BAND:
      {
        double rad = corner_radius (n);
        cairo_new_sub_path (cr);
        cairo_arc (cr, r->x + r->width - rad, r->y + rad, rad, -G_PI / 2, 0);
        cairo_arc (cr, r->x + r->width - rad, r->y + r->height - rad, rad, 0, G_PI / 2);
        cairo_arc (cr, r->x + rad, r->y + r->height - rad, rad, G_PI / 2, G_PI);
        cairo_arc (cr, r->x + rad, r->y + rad, rad, G_PI, 1.5 * G_PI);
        cairo_close_path (cr);
      }
      break;
    case SHZ_NET_RECT:
    default:
      cairo_rectangle (cr, r->x, r->y, r->width, r->height);
      break;
    }
}

static void
draw_node (cairo_t *cr, const ShzNetNode *n)
{
  node_path (cr, n);
  if (n->fill.a > 0)
    {
      shz_color_set_source (cr, &n->fill);
      cairo_fill_preserve (cr);
    }
  if (n->stroke.a > 0 && n->stroke_width > 0)
    {
      double dash[2] = { 4 * MAX (1, n->stroke_width * 0.8), 3 * MAX (1, n->stroke_width * 0.8) };
      cairo_set_line_width (cr, n->stroke_width);
      cairo_set_dash (cr, dash, n->dashed ? 2 : 0, 0);
      shz_color_set_source (cr, &n->stroke);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  cairo_new_path (cr);
}

/* A link's dash pattern (on, off), in chart units */
static void
link_dash (const ShzNetLink *k, double dash[2])
{
  dash[0] = MAX (4, k->width * 2.5);
  dash[1] = MAX (3, k->width * 1.8);
}

/* Where the stroke of a link (not a loop) stops: at its arrowhead's base, so that a wide link
 * does not poke through the tip. */
static void
link_stroke_end (const ShzNetLink *k, double *ex, double *ey)
{
  double tdx = k->x1 - k->cx, tdy = k->y1 - k->cy, td = hypot (tdx, tdy);

  *ex = k->x1;
  *ey = k->y1;
  if (k->arrow && td > k->head)
    {
      *ex = k->x1 - tdx / td * k->head * 0.8;
      *ey = k->y1 - tdy / td * k->head * 0.8;
    }
}

/* The three corners of an arrowhead with its tip at (tipx, tipy), coming from (fromx, fromy);
 * FALSE when the direction is undefined. */
static gboolean
head_corners (double tipx, double tipy, double fromx, double fromy, double len, double width, double xy[6])
{
  double dx = tipx - fromx, dy = tipy - fromy, d = hypot (dx, dy);
  double ux, uy, half = MAX (len * 0.45, width * 0.9);

  if (d < 1e-9)
    return FALSE;
  ux = dx / d;
  uy = dy / d;
  xy[0] = tipx;
  xy[1] = tipy;
  xy[2] = tipx - ux * len - uy * half;
  xy[3] = tipy - uy * len + ux * half;
  xy[4] = tipx - ux * len + uy * half;
  xy[5] = tipy - uy * len - ux * half;
  return TRUE;
}

/* A loop's arc: around (cx, cy) from angle a0 clockwise-negative to a1, and the point its
 * arrowhead comes from (along the tangent at the end). */
static void
loop_geometry (const ShzNetLink *k, double *r, double *a0, double *a1, double *tx, double *ty)
{
  *a0 = atan2 (k->y0 - k->cy, k->x0 - k->cx);
  *a1 = atan2 (k->y1 - k->cy, k->x1 - k->cx);
  *r = hypot (k->x0 - k->cx, k->y0 - k->cy);
  *tx = k->x1 + sin (*a1) * 10;
  *ty = k->y1 - cos (*a1) * 10;
}

static void
draw_head (cairo_t *cr, double tipx, double tipy, double fromx, double fromy, double len, double width)
{
  double xy[6];

  cairo_new_path (cr);
  if (!head_corners (tipx, tipy, fromx, fromy, len, width, xy))
    return;
  cairo_move_to (cr, xy[0], xy[1]);
  cairo_line_to (cr, xy[2], xy[3]);
  cairo_line_to (cr, xy[4], xy[5]);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_link (cairo_t *cr, const ShzNetLink *k)
{
  double dash[2];

  link_dash (k, dash);
  shz_color_set_source (cr, &k->color);
  cairo_set_line_width (cr, k->width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_dash (cr, dash, k->dashed ? 2 : 0, 0);
  if (k->loop)
    {
      double r, a0, a1, tx, ty;

      loop_geometry (k, &r, &a0, &a1, &tx, &ty);
      cairo_new_sub_path (cr);
      cairo_arc_negative (cr, k->cx, k->cy, r, a0, a1);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      if (k->arrow)
        draw_head (cr, k->x1, k->y1, tx, ty, k->head, k->width);
      return;
    }
  {
    double ex, ey;

    link_stroke_end (k, &ex, &ey);
    cairo_move_to (cr, k->x0, k->y0);
    /* quadratic → cubic */
    cairo_curve_to (cr,
                    k->x0 + 2.0 / 3.0 * (k->cx - k->x0), k->y0 + 2.0 / 3.0 * (k->cy - k->y0),
                    ex + 2.0 / 3.0 * (k->cx - ex), ey + 2.0 / 3.0 * (k->cy - ey),
                    ex, ey);
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
    if (k->arrow)
      draw_head (cr, k->x1, k->y1, k->cx, k->cy, k->head, k->width);
  }
}

/* The same link as a shape of @raster, in device pixels: chart units × @s, its curve within
 * @tolerance pixels. */
static void
raster_link (ShzStrokeRaster *raster, GArray *pts, const ShzNetLink *k, double s, double tolerance)
{
  double dash[2], head[6];
  gboolean has_head = FALSE;

  link_dash (k, dash);
  dash[0] *= s;
  dash[1] *= s;
  shz_stroke_raster_begin (raster, &k->color);
  g_array_set_size (pts, 0);
  if (k->loop)
    {
      double r, a0, a1, tx, ty, p[2];

      loop_geometry (k, &r, &a0, &a1, &tx, &ty);
      /* cairo_arc_negative: decreasing angles */
      while (a1 > a0)
        a1 -= 2 * G_PI;
      p[0] = (k->cx + r * cos (a0)) * s;
      p[1] = (k->cy + r * sin (a0)) * s;
      g_array_append_vals (pts, p, 2);
      shz_flatten_arc (pts, k->cx * s, k->cy * s, r * s, a0, a1, tolerance);
      if (k->arrow)
        has_head = head_corners (k->x1, k->y1, tx, ty, k->head, k->width, head);
    }
  else
    {
      double ex, ey, p[2] = { k->x0 * s, k->y0 * s };

      link_stroke_end (k, &ex, &ey);
      g_array_append_vals (pts, p, 2);
      /* the control point of the shortened curve: the same tangent at the start and end, as
       * the cubic Cairo draws */
      shz_flatten_quadratic (pts, k->x0 * s, k->y0 * s, k->cx * s, k->cy * s, ex * s, ey * s, tolerance);
      if (k->arrow)
        has_head = head_corners (k->x1, k->y1, k->cx, k->cy, k->head, k->width, head);
    }
  shz_stroke_raster_polyline (raster, (const double *) pts->data, pts->len / 2, k->width * s, dash,
                              k->dashed ? 2 : 0);
  if (has_head)
    {
      for (guint i = 0; i < 6; i++)
        head[i] *= s;
      shz_stroke_raster_triangle (raster, head);
    }
}

static gboolean
vector_target (cairo_t *cr)
{
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
    case CAIRO_SURFACE_TYPE_SCRIPT:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The scale of the pixels to draw at (@scale, or @cr's when 0) and the part of the chart that
 * @cr shows, in chart units. */
static void
visible_part (ShzNetLayout *l, cairo_t *cr, double *scale, double *cx0, double *cy0, double *cx1, double *cy1)
{
  if (*scale <= 0)
    *scale = shz_chart_device_scale (cr);
  *scale = CLAMP (*scale, 0.01, 8.0);
  cairo_clip_extents (cr, cx0, cy0, cx1, cy1);
  *cx0 = MAX (*cx0, 0);
  *cy0 = MAX (*cy0, 0);
  *cx1 = MIN (*cx1, l->width);
  *cy1 = MIN (*cy1, l->height);
}

/* That part in whole pixels at @scale — lowered so that the image is never more than
 * 16 Mpixel (a deep zoom shows less of the chart than that); FALSE when empty. */
static gboolean
to_pixels (double cx0, double cy0, double cx1, double cy1, double *scale, int *x0, int *y0, int *x1, int *y1)
{
  if (cx1 <= cx0 || cy1 <= cy0)
    return FALSE;
  if ((cx1 - cx0) * (cy1 - cy0) * *scale * *scale > 16777216.0)
    *scale = sqrt (16777216.0 / ((cx1 - cx0) * (cy1 - cy0)));
  *x0 = (int) floor (cx0 * *scale);
  *y0 = (int) floor (cy0 * *scale);
  *x1 = (int) ceil (cx1 * *scale);
  *y1 = (int) ceil (cy1 * *scale);
  return *x1 > *x0 && *y1 > *y0;
}

/* An image of @w × @h for a layer, @old's memory when it has that size (cleared), else new;
 * NULL when it cannot be made. */
static cairo_surface_t *
layer_image (cairo_surface_t *old, int w, int h)
{
  cairo_surface_t *img;

  if (old != NULL && cairo_image_surface_get_width (old) == w && cairo_image_surface_get_height (old) == h)
    {
      cairo_surface_flush (old);
      memset (cairo_image_surface_get_data (old), 0, (gsize) cairo_image_surface_get_stride (old) * (gsize) h);
      cairo_surface_mark_dirty (old);
      return old;
    }
  if (old != NULL)
    cairo_surface_destroy (old);
  img = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  if (cairo_surface_status (img) != CAIRO_STATUS_SUCCESS)
    g_clear_pointer (&img, cairo_surface_destroy);
  return img;
}

static void
paint_layer (cairo_t *cr, cairo_surface_t *img, double scale, int x0, int y0)
{
  cairo_save (cr);
  cairo_scale (cr, 1 / scale, 1 / scale);
  cairo_set_source_surface (cr, img, x0, y0);
  cairo_paint (cr);
  cairo_restore (cr);
}

/* Is link @k among the @parts drawn around node @moving? */
static inline gboolean
link_in (const ShzNetLink *k, int moving, ShzNetParts parts)
{
  gboolean moves = moving >= 0 && (k->source == moving || k->target == moving);
  return (parts & (moves ? SHZ_NET_PART_MOVING_LINKS : SHZ_NET_PART_LINKS)) != 0;
}

/* Which links to record, and how (shz_stroke_raster_record_and_draw()). */
typedef struct {
  const ShzNetLayout *l;
  int                 moving;
  ShzNetParts         parts;
  double              scale, tolerance;
} LinkRecording;

/* Record the links [first, end) of the layer (a ShzStrokeRecordFunc, on a drawing thread). */
static void
record_links (ShzStrokeRaster *raster, guint first, guint end, gpointer data)
{
  const LinkRecording *rec = data;
  g_autoptr(GArray) pts = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = first; i < end && i < rec->l->links->len; i++)
    {
      const ShzNetLink *k = &g_array_index (rec->l->links, ShzNetLink, i);
      if (link_in (k, rec->moving, rec->parts))
        raster_link (raster, pts, k, rec->scale, rec->tolerance);
    }
}

/* The links of the layer at @scale, recorded and drawn on @surface, whose pixel (0, 0) is at
 * (@x0, @y0) of the chart's pixels. */
static void
draw_links (ShzNetLayout *l, int moving, ShzNetParts parts, double scale, cairo_surface_t *surface,
            double x0, double y0)
{
  /* as the paths on vector targets: half a pixel with thousands of links (invisible, and a
   * third of the segments), a fifth otherwise */
  LinkRecording rec = { l, moving, parts, scale, l->links->len > 200 ? 0.5 : 0.2 };

  if (l->link_raster == NULL)
    l->link_raster = shz_stroke_raster_new ();
  shz_stroke_raster_record_and_draw (l->link_raster, l->links->len, record_links, &rec, surface, x0, y0);
  shz_stroke_raster_reset (l->link_raster);
}

/* An ARGB32 image target whose pixels are chart units × a plain scale, offset by whole pixels,
 * and clipped to one rectangle (an export, the canvas's layers): the stroke raster draws
 * straight into the clip's pixels. */
typedef struct {
  cairo_surface_t *target;
  cairo_surface_t *part;    /* the clip's pixels of the target; NULL when the clip is empty */
  double           scale;   /* device pixels a chart unit */
  double           ox, oy;  /* the target's pixel of the chart's origin */
  int              cx, cy, cw, ch;
} DirectTarget;

static gboolean
direct_target_begin (cairo_t *cr, DirectTarget *d)
{
  cairo_rectangle_list_t *clip;
  cairo_matrix_t m;
  double sx, sy;

  memset (d, 0, sizeof *d);
  d->target = cairo_get_target (cr);
  if (cairo_surface_get_type (d->target) != CAIRO_SURFACE_TYPE_IMAGE ||
      cairo_image_surface_get_format (d->target) != CAIRO_FORMAT_ARGB32)
    return FALSE;
  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_offset (d->target, &d->ox, &d->oy);
  cairo_surface_get_device_scale (d->target, &sx, &sy);
  d->scale = m.xx * sx;
  d->ox += m.x0 * sx;
  d->oy += m.y0 * sy;
  if (m.xy != 0 || m.yx != 0 || d->scale <= 0 || fabs (m.yy * sy - d->scale) > 1e-9 || d->scale > 8 ||
      fabs (d->ox - round (d->ox)) > 1e-6 || fabs (d->oy - round (d->oy)) > 1e-6)
    return FALSE;
  clip = cairo_copy_clip_rectangle_list (cr);
  if (clip->status != CAIRO_STATUS_SUCCESS || clip->num_rectangles != 1)
    {
      cairo_rectangle_list_destroy (clip);
      return FALSE;
    }
  /* the clip, in user units, to the target's pixels */
  {
    double x0 = clip->rectangles[0].x, y0 = clip->rectangles[0].y;
    double x1 = x0 + clip->rectangles[0].width, y1 = y0 + clip->rectangles[0].height;
    cairo_user_to_device (cr, &x0, &y0);
    cairo_user_to_device (cr, &x1, &y1);
    d->cx = (int) MAX (floor (MIN (x0, x1) + 1e-6), 0);
    d->cy = (int) MAX (floor (MIN (y0, y1) + 1e-6), 0);
    d->cw = (int) MIN (ceil (MAX (x0, x1) - 1e-6), cairo_image_surface_get_width (d->target)) - d->cx;
    d->ch = (int) MIN (ceil (MAX (y0, y1) - 1e-6), cairo_image_surface_get_height (d->target)) - d->cy;
  }
  cairo_rectangle_list_destroy (clip);
  if (d->cw > 0 && d->ch > 0)
    {
      guint8 *data;

      cairo_surface_flush (d->target);
      data = cairo_image_surface_get_data (d->target);
      d->part = cairo_image_surface_create_for_data (data + (gsize) d->cy * cairo_image_surface_get_stride (d->target) + (gsize) d->cx * 4,
                                                     CAIRO_FORMAT_ARGB32, d->cw, d->ch,
                                                     cairo_image_surface_get_stride (d->target));
    }
  return TRUE;
}

/* Draw the shapes of @raster (chart units × the scale) and forget them. */
static void
direct_target_draw (DirectTarget *d, ShzStrokeRaster *raster)
{
  if (d->part != NULL && shz_stroke_raster_get_n_shapes (raster) > 0)
    {
      cairo_surface_flush (d->target);
      shz_stroke_raster_draw (raster, d->part, d->cx - round (d->ox), d->cy - round (d->oy));
      cairo_surface_mark_dirty_rectangle (d->target, d->cx, d->cy, d->cw, d->ch);
    }
  shz_stroke_raster_reset (raster);
}

static void
direct_target_end (DirectTarget *d)
{
  g_clear_pointer (&d->part, cairo_surface_destroy);
}

/* On a direct image target, the links straight into it. */
static gboolean
render_links_direct (ShzNetLayout *l, cairo_t *cr, int moving, ShzNetParts parts)
{
  DirectTarget d;

  if (!direct_target_begin (cr, &d))
    return FALSE;
  if (d.part != NULL)
    {
      cairo_surface_flush (d.target);
      draw_links (l, moving, parts, d.scale, d.part, d.cx - round (d.ox), d.cy - round (d.oy));
      cairo_surface_mark_dirty_rectangle (d.target, d.cx, d.cy, d.cw, d.ch);
    }
  direct_target_end (&d);
  return TRUE;
}

/* The links of the layer (as selected by @moving and @parts): straight into an image target,
 * else as an image of the visible part of the chart at @scale device pixels a unit, painted;
 * from the cache when the same part was drawn at the same pixels before. */
static void
render_links_raster (ShzNetLayout *l, cairo_t *cr, int moving, ShzNetParts parts, double scale)
{
  double cx0, cy0, cx1, cy1, key[7];
  int x0, y0, x1, y1;

  if (render_links_direct (l, cr, moving, parts))
    return;
  visible_part (l, cr, &scale, &cx0, &cy0, &cx1, &cy1);
  /* … and of the links drawn (a dragged node's are a small part) */
  {
    double bx0 = G_MAXDOUBLE, by0 = G_MAXDOUBLE, bx1 = -G_MAXDOUBLE, by1 = -G_MAXDOUBLE;

    for (guint i = 0; i < l->links->len; i++)
      {
        const ShzNetLink *k = &g_array_index (l->links, ShzNetLink, i);
        double grow = k->width + k->head + 2;

        if (!link_in (k, moving, parts))
          continue;
        if (k->loop)
          grow += hypot (k->x0 - k->cx, k->y0 - k->cy);
        /* a quadratic Bézier lies inside the hull of its three points */
        bx0 = MIN (bx0, MIN (MIN (k->x0, k->x1), k->cx) - grow);
        by0 = MIN (by0, MIN (MIN (k->y0, k->y1), k->cy) - grow);
        bx1 = MAX (bx1, MAX (MAX (k->x0, k->x1), k->cx) + grow);
        by1 = MAX (by1, MAX (MAX (k->y0, k->y1), k->cy) + grow);
      }
    cx0 = MAX (cx0, bx0);
    cy0 = MAX (cy0, by0);
    cx1 = MIN (cx1, bx1);
    cy1 = MIN (cy1, by1);
  }
  if (cx1 <= cx0 || cy1 <= cy0)
    return;
  if (!to_pixels (cx0, cy0, cx1, cy1, &scale, &x0, &y0, &x1, &y1))
    return;

  key[0] = scale; key[1] = x0; key[2] = y0; key[3] = x1; key[4] = y1;
  key[5] = moving; key[6] = parts & (SHZ_NET_PART_LINKS | SHZ_NET_PART_MOVING_LINKS);
  if (l->link_image == NULL || !l->link_image_valid || memcmp (key, l->link_image_key, sizeof key) != 0)
    {
      l->link_image_valid = FALSE;
      /* an image of the same size is cleared and used again (a new one costs its pages) */
      l->link_image = layer_image (g_steal_pointer (&l->link_image), x1 - x0, y1 - y0);
      if (l->link_image == NULL)
        return;
      draw_links (l, moving, parts, scale, l->link_image, x0, y0);
      memcpy (l->link_image_key, key, sizeof key);
      l->link_image_valid = TRUE;
    }
  paint_layer (cr, l->link_image, scale, x0, y0);
}

/* A rounded or plain node (fill and outline) as shapes of @raster, in chart units × @scale:
 * the outline from the top side's right end clockwise, where node_path() starts it (and so
 * its dashes). */
static void
raster_node (ShzStrokeRaster *raster, const ShzNetNode *n, double scale, GArray *pts)
{
  const ShzRect *r = &n->rect;
  double rad = corner_radius (n);
  double w = MAX (1, n->stroke_width * 0.8);
  double dash[2] = { 4 * w * scale, 3 * w * scale };
  /* the corners' centres and the angles their arcs start at, as node_path() draws them */
  const double corners[4][3] = {
    { r->x + r->width - rad, r->y + rad, -G_PI / 2 },
    { r->x + r->width - rad, r->y + r->height - rad, 0 },
    { r->x + rad, r->y + r->height - rad, G_PI / 2 },
    { r->x + rad, r->y + rad, G_PI },
  };

  if (n->fill.a > 0)
    {
      shz_stroke_raster_begin (raster, &n->fill);
      shz_stroke_raster_rounded_rect (raster, r->x * scale, r->y * scale, r->width * scale, r->height * scale,
                                      rad * scale);
    }
  if (!(n->stroke.a > 0 && n->stroke_width > 0))
    return;
  g_array_set_size (pts, 0);
  for (guint i = 0; i < 4; i++)
    {
      double cx = corners[i][0] * scale, cy = corners[i][1] * scale, a0 = corners[i][2];
      double xy[2] = { cx + rad * scale * cos (a0), cy + rad * scale * sin (a0) };

      g_array_append_vals (pts, xy, 2);
      if (rad > 0)
        shz_flatten_arc (pts, cx, cy, rad * scale, a0, a0 + G_PI / 2, 0.1);
    }
  shz_stroke_raster_begin (raster, &n->stroke);
  shz_stroke_raster_closed (raster, (const double *) pts->data, pts->len / 2, n->stroke_width * scale, dash,
                            n->dashed ? 2 : 0);
}

/* Does node @n's box, with its outline and a pixel's fringe at @scale, meet @r? */
static gboolean
node_meets (const ShzNetNode *n, const ShzRect *r, double scale)
{
  ShzRect b = shz_rect_inflate (&n->rect, n->stroke_width / 2 + 1 / MAX (scale, 0.01));
  return b.x < r->x + r->width && r->x < b.x + b.width && b.y < r->y + r->height && r->y < b.y + b.height;
}

/* Before node @n is drawn: the outlines gathered so far, if it meets any of them. */
static void
draw_pending_under (ShzNetLayout *l, DirectTarget *d, GArray *pending, const ShzNetNode *n)
{
  for (guint p = 0; p < pending->len; p++)
    if (node_meets (n, &g_array_index (pending, ShzRect, p), d->scale))
      {
        direct_target_draw (d, l->link_raster);
        g_array_set_size (pending, 0);
        return;
      }
}

/* The nodes of the layer (as selected by @moving and @parts), in order.  On a direct image
 * target the stroke raster draws the rounded and plain ones (Cairo takes ~25 µs for one dashed
 * outline), gathered and drawn together before a node Cairo draws that overlaps them, so that
 * the picture is the same as in order; elsewhere, and other shapes, Cairo. */
static void
render_nodes (ShzNetLayout *l, cairo_t *cr, int moving, ShzNetParts parts)
{
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (ShzRect));
  g_autoptr(GArray) pts = g_array_new (FALSE, FALSE, sizeof (double));
  DirectTarget d;
  gboolean direct = direct_target_begin (cr, &d) && d.part != NULL;

  if (direct)
    {
      if (l->link_raster == NULL)
        l->link_raster = shz_stroke_raster_new ();
      shz_stroke_raster_reset (l->link_raster);
    }
  for (guint i = 0; i < l->nodes->len; i++)
    {
      const ShzNetNode *n = &g_array_index (l->nodes, ShzNetNode, i);
      ShzNetParts part = (int) i == moving ? SHZ_NET_PART_MOVING_NODE : SHZ_NET_PART_NODES;

      if (n->shape == SHZ_NET_BAND || !(parts & part))
        continue;
      if (!direct || (n->shape != SHZ_NET_ROUNDED && n->shape != SHZ_NET_RECT))
        {
          draw_pending_under (l, &d, pending, n);
          draw_node (cr, n);
          continue;
        }
      raster_node (l->link_raster, n, d.scale, pts);
      {
        ShzRect b = shz_rect_inflate (&n->rect, n->stroke_width / 2 + 1 / d.scale);
        g_array_append_val (pending, b);
      }
    }
  if (direct)
    direct_target_draw (&d, l->link_raster);
  direct_target_end (&d);
}

/* The links of the layer as Cairo paths (vector targets). */
static void
render_links_paths (ShzNetLayout *l, cairo_t *cr, int moving, ShzNetParts parts)
{
  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* Curves to within half a unit: invisible on screen and in print, and far fewer segments
   * when there are thousands of links. */
  cairo_set_tolerance (cr, l->links->len > 200 ? 0.5 : 0.1);
  for (guint i = 0; i < l->links->len; i++)
    {
      const ShzNetLink *k = &g_array_index (l->links, ShzNetLink, i);
      if (link_in (k, moving, parts))
        draw_link (cr, k);
    }
  cairo_restore (cr);
}

void
shz_net_layout_render_links_paths (ShzNetLayout *l,
                                   cairo_t      *cr)
{
  render_links_paths (l, cr, -1, SHZ_NET_PART_ALL);
}

void
shz_net_layout_render (ShzNetLayout *l,
                       cairo_t      *cr,
                       double        raster_scale)
{
  double scale = raster_scale, cx0, cy0, cx1, cy1, key[5];
  int x0, y0, x1, y1;

  /* vector targets and images draw straight */
  if (vector_target (cr) || cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE)
    {
      shz_net_layout_render_parts (l, cr, -1, SHZ_NET_PART_ALL, raster_scale);
      return;
    }
  visible_part (l, cr, &scale, &cx0, &cy0, &cx1, &cy1);
  if (!to_pixels (cx0, cy0, cx1, cy1, &scale, &x0, &y0, &x1, &y1))
    return;
  key[0] = scale; key[1] = x0; key[2] = y0; key[3] = x1; key[4] = y1;
  if (l->picture == NULL || !l->picture_valid || memcmp (key, l->picture_key, sizeof key) != 0)
    {
      cairo_t *pcr;

      l->picture_valid = FALSE;
      l->picture = layer_image (g_steal_pointer (&l->picture), x1 - x0, y1 - y0);
      if (l->picture == NULL)
        {
          shz_net_layout_render_parts (l, cr, -1, SHZ_NET_PART_ALL, raster_scale);
          return;
        }
      pcr = cairo_create (l->picture);
      cairo_translate (pcr, -x0, -y0);
      cairo_scale (pcr, scale, scale);
      shz_net_layout_render_parts (l, pcr, -1, SHZ_NET_PART_ALL, scale);
      cairo_destroy (pcr);
      memcpy (l->picture_key, key, sizeof key);
      l->picture_valid = TRUE;
    }
  paint_layer (cr, l->picture, scale, x0, y0);
}

void
shz_net_layout_render_parts (ShzNetLayout *l,
                             cairo_t      *cr,
                             int           moving,
                             ShzNetParts   parts,
                             double        raster_scale)
{
  gboolean any_text = FALSE;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (parts & SHZ_NET_PART_GROUND)
    {
      shz_color_set_source (cr, &l->background);
      cairo_rectangle (cr, 0, 0, l->width, l->height);
      cairo_fill (cr);
      for (guint i = 0; i < l->nodes->len; i++)
        {
          const ShzNetNode *n = &g_array_index (l->nodes, ShzNetNode, i);
          if (n->shape == SHZ_NET_BAND)
            draw_node (cr, n);
        }
    }
  if (parts & (SHZ_NET_PART_LINKS | SHZ_NET_PART_MOVING_LINKS))
    {
      if (!vector_target (cr))
        render_links_raster (l, cr, moving, parts, raster_scale);
      else
        render_links_paths (l, cr, moving, parts);
    }
  /* nodes, then texts, each where @parts puts it: @moving's with it */
  render_nodes (l, cr, moving, parts);
  for (guint i = 0; i < l->texts->len && !any_text; i++)
    {
      const ShzNetText *t = &g_array_index (l->texts, ShzNetText, i);
      any_text = (parts & (moving >= 0 && t->node == moving ? SHZ_NET_PART_MOVING_NODE : SHZ_NET_PART_NODES)) != 0;
    }
  if (!any_text)
    {
      cairo_restore (cr);
      return;
    }
  if (l->text_layouts == NULL)
    l->text_layouts = shz_text_layouts_new ();
  shz_text_layouts_begin (l->text_layouts, cr, l->language);
  for (guint i = 0; i < l->texts->len; i++)
    {
      const ShzNetText *t = &g_array_index (l->texts, ShzNetText, i);
      ShzNetParts part = moving >= 0 && t->node == moving ? SHZ_NET_PART_MOVING_NODE : SHZ_NET_PART_NODES;

      if (!(parts & part))
        continue;
      if (t->halo)
        {
          ShzRect h = shz_rect_inflate (&t->rect, 1.5);
          shz_color_set_source_alpha (cr, &l->background, 0.85);
          cairo_rectangle (cr, h.x, h.y, h.width, h.height);
          cairo_fill (cr);
        }
      shz_text_layouts_draw (l->text_layouts, cr, t->text, t->size, t->bold, t->wrap, t->align,
                             t->rect.x, t->rect.y, &t->color);
    }
  cairo_restore (cr);
}

void
shz_net_layout_render_highlight (ShzNetLayout   *l,
                                 cairo_t        *cr,
                                 const char     *id,
                                 const ShzColor *color)
{
  if (id == NULL)
    return;
  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < l->links->len; i++)
    {
      ShzNetLink k = g_array_index (l->links, ShzNetLink, i);
      if (k.id == NULL || strcmp (k.id, id) != 0)
        continue;
      k.color = *color;
      k.width = MAX (k.width, 2.5);
      k.head = MAX (k.head, 9);
      draw_link (cr, &k);
    }
  for (guint i = 0; i < l->nodes->len; i++)
    {
      const ShzNetNode *n = &g_array_index (l->nodes, ShzNetNode, i);
      ShzNetNode ring;

      if (n->id == NULL || n->shape == SHZ_NET_BAND || strcmp (n->id, id) != 0)
        continue;
      /* a ring of the node's shape just outside it */
      ring = *n;
      ring.rect = shz_rect_inflate (&n->rect, 3.5);
      ring.notch = n->notch > 0 ? n->notch + 1.5 : 0;
      ring.fill = (ShzColor) { 0, 0, 0, 0 };
      ring.stroke = *color;
      ring.stroke_width = 2.5;
      ring.dashed = FALSE;
      draw_node (cr, &ring);
    }
  cairo_restore (cr);
}

/* ---- hit-testing ---- */

static void
curve_point (const ShzNetLink *k, double t, double *x, double *y)
{
  if (k->loop)
    {
      double a0 = atan2 (k->y0 - k->cy, k->x0 - k->cx), a1 = atan2 (k->y1 - k->cy, k->x1 - k->cx);
      double r = hypot (k->x0 - k->cx, k->y0 - k->cy);
      if (a1 > a0)
        a1 -= 2 * G_PI;
      *x = k->cx + r * cos (a0 + (a1 - a0) * t);
      *y = k->cy + r * sin (a0 + (a1 - a0) * t);
      return;
    }
  *x = (1 - t) * (1 - t) * k->x0 + 2 * (1 - t) * t * k->cx + t * t * k->x1;
  *y = (1 - t) * (1 - t) * k->y0 + 2 * (1 - t) * t * k->cy + t * t * k->y1;
}

const char *
shz_net_layout_hit (ShzNetLayout *l,
                    double        x,
                    double        y)
{
  for (guint i = l->nodes->len; i > 0; i--)
    {
      const ShzNetNode *n = &g_array_index (l->nodes, ShzNetNode, i - 1);
      if (n->id != NULL && n->shape != SHZ_NET_BAND && shz_rect_contains_point (&n->rect, x, y))
        return n->id;
    }
  for (guint i = l->links->len; i > 0; i--)
    {
      const ShzNetLink *k = &g_array_index (l->links, ShzNetLink, i - 1);
      double tol = MAX (k->width / 2, 2) + 3;

      if (k->id == NULL)
        continue;
      for (int s = 0; s <= 32; s++)
        {
          double px, py;
          curve_point (k, s / 32.0, &px, &py);
          if (hypot (px - x, py - y) <= tol)
            return k->id;
        }
    }
  for (guint i = l->nodes->len; i > 0; i--)
    {
      const ShzNetNode *n = &g_array_index (l->nodes, ShzNetNode, i - 1);
      if (n->id != NULL && n->shape == SHZ_NET_BAND && shz_rect_contains_point (&n->rect, x, y))
        return n->id;
    }
  return NULL;
}

const char *
shz_net_layout_hit_movable (ShzNetLayout *l,
                            double        x,
                            double        y)
{
  for (guint i = l->nodes->len; i > 0; i--)
    {
      const ShzNetNode *n = &g_array_index (l->nodes, ShzNetNode, i - 1);
      if (n->movable && n->id != NULL && shz_rect_contains_point (&n->rect, x, y))
        return n->id;
    }
  return NULL;
}

ShzNetNode *
shz_net_layout_find_movable (ShzNetLayout *l,
                             const char   *id)
{
  for (guint i = 0; i < l->nodes->len && id != NULL; i++)
    {
      ShzNetNode *n = &g_array_index (l->nodes, ShzNetNode, i);
      if (n->movable && g_strcmp0 (n->id, id) == 0)
        return n;
    }
  return NULL;
}

static gboolean
curve_inside (const ShzNetLink *k, const ShzRect *bounds)
{
  for (int s = 0; s <= 16; s++)
    {
      double px, py;
      curve_point (k, s / 16.0, &px, &py);
      if (!shz_rect_contains_point (bounds, px, py))
        return FALSE;
    }
  return TRUE;
}

void
shz_net_layout_keep_links_inside (ShzNetLayout  *l,
                                  guint          first,
                                  const ShzRect *bounds)
{
  for (guint i = first; i < l->links->len; i++)
    {
      ShzNetLink *k = &g_array_index (l->links, ShzNetLink, i);
      const ShzNetNode *s, *t;
      double mx, my, ox, oy;

      if (k->loop || k->source < 0 || k->target < 0 || curve_inside (k, bounds))
        continue;
      s = shz_net_layout_get_node (l, k->source);
      t = shz_net_layout_get_node (l, k->target);
      mx = (s->rect.x + s->rect.width / 2 + t->rect.x + t->rect.width / 2) / 2;
      my = (s->rect.y + s->rect.height / 2 + t->rect.y + t->rect.height / 2) / 2;
      ox = k->cx - mx;
      oy = k->cy - my;
      /* halve the bow until it fits; a straight link between nodes inside always does */
      for (int step = 0; step < 12 && !curve_inside (k, bounds); step++)
        {
          ox = step == 11 ? 0 : ox / 2;
          oy = step == 11 ? 0 : oy / 2;
          k->cx = mx + ox;
          k->cy = my + oy;
          shz_net_node_border_point (s, k->cx, k->cy, &k->x0, &k->y0);
          shz_net_node_border_point (t, k->cx, k->cy, &k->x1, &k->y1);
        }
    }
}

/* ---- invariants ---- */

static const char *
text_name (const ShzNetText *t)
{
  return t->text;
}

gboolean
shz_net_layout_check (ShzNetLayout *l,
                      GString      *problems)
{
  ShzRect canvas = shz_rect_make (0, 0, l->width, l->height);
  gsize start = problems->len;

  for (guint i = 0; i < l->nodes->len; i++)
    {
      const ShzNetNode *a = &g_array_index (l->nodes, ShzNetNode, i);

      if (!shz_rect_inside (&a->rect, &canvas))
        g_string_append_printf (problems, "node %s (%.1f,%.1f %.1f×%.1f) outside the canvas\n",
                                a->id ? a->id : "?", a->rect.x, a->rect.y, a->rect.width, a->rect.height);
      if (a->shape == SHZ_NET_BAND)
        continue;
      for (guint k = i + 1; k < l->nodes->len; k++)
        {
          const ShzNetNode *b = &g_array_index (l->nodes, ShzNetNode, k);
          ShzRect ai = shz_rect_inflate (&a->rect, -0.01), bi = shz_rect_inflate (&b->rect, -0.01);
          if (b->shape != SHZ_NET_BAND && shz_rect_intersects (&ai, &bi))
            g_string_append_printf (problems, "nodes %s and %s overlap\n",
                                    a->id ? a->id : "?", b->id ? b->id : "?");
        }
    }
  for (guint i = 0; i < l->texts->len; i++)
    {
      const ShzNetText *a = &g_array_index (l->texts, ShzNetText, i);
      ShzRect ar = shz_rect_inflate (&a->rect, -0.01);

      if (!shz_rect_inside (&a->rect, &canvas))
        g_string_append_printf (problems, "text “%s” (%.1f,%.1f %.1f×%.1f) outside the canvas\n",
                                text_name (a), a->rect.x, a->rect.y, a->rect.width, a->rect.height);
      if (a->node >= 0)
        {
          ShzRect inner = shz_net_node_inner_rect (&g_array_index (l->nodes, ShzNetNode, a->node));
          inner = shz_rect_inflate (&inner, 0.5);
          if (!shz_rect_inside (&a->rect, &inner))
            g_string_append_printf (problems, "text “%s” sticks out of its node\n", text_name (a));
          continue;
        }
      for (guint k = 0; k < l->texts->len; k++)
        {
          const ShzNetText *b = &g_array_index (l->texts, ShzNetText, k);
          ShzRect br = shz_rect_inflate (&b->rect, -0.01);
          if (k != i && (b->node >= 0 || k > i) && shz_rect_intersects (&ar, &br))
            g_string_append_printf (problems, "texts “%s” and “%s” overlap\n", text_name (a), text_name (b));
        }
      for (guint k = 0; k < l->nodes->len; k++)
        {
          const ShzNetNode *n = &g_array_index (l->nodes, ShzNetNode, k);
          ShzRect nr = shz_rect_inflate (&n->rect, -0.01);
          if (n->shape != SHZ_NET_BAND && shz_rect_intersects (&ar, &nr))
            g_string_append_printf (problems, "text “%s” overlaps node %s\n", text_name (a), n->id ? n->id : "?");
        }
    }
  for (guint i = 0; i < l->links->len; i++)
    {
      const ShzNetLink *k = &g_array_index (l->links, ShzNetLink, i);
      for (int s = 0; s <= 16; s++)
        {
          double px, py;
          curve_point (k, s / 16.0, &px, &py);
          if (!shz_rect_contains_point (&canvas, px, py))
            {
              g_string_append_printf (problems, "link %s leaves the canvas at (%.1f, %.1f)\n",
                                      k->id ? k->id : "(arrow)", px, py);
              break;
            }
        }
    }
  return problems->len == start;
}

/* ---- colours ---- */

ShzColor
shz_net_mix (const ShzColor *a, const ShzColor *b, double t)
{
  t = CLAMP (t, 0, 1);
  return (ShzColor) { a->r + (b->r - a->r) * t, a->g + (b->g - a->g) * t,
                      a->b + (b->b - a->b) * t, a->a + (b->a - a->a) * t };
}

ShzColor
shz_net_score_color (double score)
{
  static const ShzColor stops[3] = {
    { 0.925, 0.949, 0.969, 1 },   /* 0: #ecf2f7 */
    { 0.455, 0.663, 0.812, 1 },   /* 2.5: #74a9cf */
    { 0.059, 0.255, 0.427, 1 },   /* 5: #0f416d */
  };
  double t = CLAMP (score, 0, 5) / 2.5;

  if (t <= 1)
    return shz_net_mix (&stops[0], &stops[1], t);
  return shz_net_mix (&stops[1], &stops[2], t - 1);
}

ShzColor
shz_net_text_on (const ShzColor *fill, const ShzChartTheme *theme)
{
  double lum = 0.2126 * fill->r + 0.7152 * fill->g + 0.0722 * fill->b;

  if (fill->a < 0.3 && theme != NULL)
    return theme->text;
  return lum < 0.5 ? (ShzColor) { 1, 1, 1, 1 } : (ShzColor) { 0.12, 0.12, 0.14, 1 };
}

ShzColor
shz_net_link_kind_color (const char *kind)
{
  if (g_strcmp0 (kind, "transaction") == 0)
    return shz_chart_palette_color (0);
  if (g_strcmp0 (kind, "interaction") == 0)
    return shz_chart_palette_color (1);
  if (g_strcmp0 (kind, "experience") == 0)
    return shz_chart_palette_color (2);
  return (ShzColor) { 0.5, 0.5, 0.5, 1 };
}
