/* test-layout-edits.c — nodes of the value network moved by hand: a moved node and its links
 * go where it was put (clamped inside its area, off the other nodes), the edit round-trips
 * through the settings and the store's undo history, the layout keeps its invariants, a reset
 * gives back exactly the automatic layout, and hostile settings are bounded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "analysis/shz-assessment.h"
#include "charts/shz-chart.h"
#include "charts/shz-network-chart.h"

static const struct { double w, h; } sizes[] = {
  { 1200, 800 }, { 1600, 1200 }, { 640, 480 }, { 600, 900 }, { 1920, 1080 },
};

typedef struct {
  char     *dir;
  char     *path;
  ShzStore *store;
  gint64    engagement_id;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("shz-layout-edits-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "t.shuzhi", NULL);
  f->store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->engagement_id = shz_store_add_demo_engagement (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (shz_demo_add_assessment (f->store, f->engagement_id, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  shz_store_free (f->store);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static ShzChart *
load_chart (Fixture *f, const char *kind, ShzChartLang lang)
{
  g_autoptr(GError) error = NULL;
  ShzChart *chart = shz_chart_new (kind, &error);

  g_assert_no_error (error);
  shz_chart_set_lang (chart, lang);
  g_assert_true (shz_chart_load (chart, f->store, f->engagement_id, NULL, NULL, &error));
  g_assert_no_error (error);
  return chart;
}

static ShzNetLayout *
layout_of (ShzChart *chart)
{
  return shz_network_chart_get_layout (SHZ_NETWORK_CHART (chart));
}

/* The invariants of the network tests, plus: movable nodes inside their area. */
static void
check_layout (ShzChart *chart, const char *what)
{
  ShzNetLayout *l = layout_of (chart);
  g_autoptr(GString) problems = g_string_new (NULL);

  g_assert_nonnull (l);
  if (!shz_net_layout_check (l, problems))
    g_error ("%s: %s", what, problems->str);
  for (guint i = 0; i < l->links->len; i++)
    {
      const ShzNetLink *k = &g_array_index (l->links, ShzNetLink, i);
      if (k->source < 0)
        continue;
      g_assert_cmpfloat (shz_net_node_border_distance (shz_net_layout_get_node (l, k->source), k->x0, k->y0), <, 0.5);
      g_assert_cmpfloat (shz_net_node_border_distance (shz_net_layout_get_node (l, k->target), k->x1, k->y1), <, 0.5);
    }
  for (guint i = 0; i < l->nodes->len; i++)
    {
      const ShzNetNode *n = &g_array_index (l->nodes, ShzNetNode, i);
      ShzRect area = shz_rect_inflate (&n->area, 0.01);
      if (n->movable && !shz_rect_inside (&n->rect, &area))
        g_error ("%s: node %s outside its area", what, n->id);
    }
}

static const ShzNetNode *
movable (ShzChart *chart, const char *id)
{
  const ShzNetNode *n = shz_net_layout_find_movable (layout_of (chart), id);
  g_assert_nonnull (n);
  return n;
}

static void
centre (const ShzNetNode *n, double *x, double *y)
{
  *x = n->rect.x + n->rect.width / 2;
  *y = n->rect.y + n->rect.height / 2;
}

/* Everything the renderer draws, as text: equal dumps, equal pictures. */
static char *
dump_layout (ShzChart *chart)
{
  ShzNetLayout *l = layout_of (chart);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < l->nodes->len; i++)
    {
      const ShzNetNode *n = &g_array_index (l->nodes, ShzNetNode, i);
      g_string_append_printf (s, "N %s %.9g %.9g %.9g %.9g\n", n->id ? n->id : "-",
                              n->rect.x, n->rect.y, n->rect.width, n->rect.height);
    }
  for (guint i = 0; i < l->links->len; i++)
    {
      const ShzNetLink *k = &g_array_index (l->links, ShzNetLink, i);
      g_string_append_printf (s, "L %s %.9g %.9g %.9g %.9g %.9g %.9g %.9g\n", k->id ? k->id : "-",
                              k->x0, k->y0, k->cx, k->cy, k->x1, k->y1, k->width);
    }
  for (guint i = 0; i < l->texts->len; i++)
    {
      const ShzNetText *t = &g_array_index (l->texts, ShzNetText, i);
      g_string_append_printf (s, "T %s %.9g %.9g %.9g %.9g %.9g\n", t->text,
                              t->rect.x, t->rect.y, t->rect.width, t->rect.height, t->size);
    }
  return g_string_free (s, FALSE);
}

static GBytes *canvas_pixels (ShzChart *chart, double w, double h, double zoom, double pan_x, double pan_y,
                              gboolean record);

/* The chart drawn into an image of @w × @h, as an export draws it. */
static GBytes *
render_pixels (ShzChart *chart, double w, double h)
{
  return canvas_pixels (chart, w, h, 1, 0, 0, FALSE);
}

/* Moving a node into free space puts it exactly there; its links follow it. */
static void
test_move (Fixture *f, gconstpointer data)
{
  g_autoptr(ShzChart) chart = load_chart (f, "value-network", SHZ_CHART_LANG_EN);
  ShzNetLayout *l;
  const ShzNetNode *n;
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (double));
  double x0, y0, x1, y1, dx, dy;
  int index = -1;
  guint n_links = 0;

  g_assert_true (shz_chart_can_move (chart, NULL));
  shz_chart_ensure_layout (chart, NULL, 1200, 800);
  g_assert_true (shz_chart_can_move (chart, "brand"));
  g_assert_false (shz_chart_can_move (chart, "link:retail>consumer:transaction"));
  g_assert_false (shz_chart_can_move (chart, "no-such-node"));
  g_assert_false (shz_chart_is_moved (chart, NULL));

  l = layout_of (chart);
  n = movable (chart, "brand");
  centre (n, &x0, &y0);
  for (guint i = 0; i < l->nodes->len; i++)
    if (&g_array_index (l->nodes, ShzNetNode, i) == n)
      index = (int) i;
  for (guint i = 0; i < l->links->len; i++)
    {
      const ShzNetLink *k = &g_array_index (l->links, ShzNetLink, i);
      if (k->source == index || k->target == index)
        {
          double e[2] = { k->source == index ? k->x0 : k->x1, k->source == index ? k->y0 : k->y1 };
          g_array_append_vals (before, e, 2);
          n_links++;
        }
    }
  g_assert_cmpuint (n_links, >, 0);

  /* the pointer is over it, and it is what a drag would move */
  {
    g_autofree char *hit = shz_chart_hit_movable (chart, x0, y0);
    g_assert_cmpstr (hit, ==, "brand");
  }
  /* between brand (top right of the ring) and the consumer there is room: a short move inwards */
  dx = (shz_chart_get_width (chart) / 2 - x0) * 0.25;
  dy = (shz_chart_get_height (chart) / 2 - y0) * 0.25;
  /* two pointer steps within one frame (no layout between them) add up */
  g_assert_true (shz_chart_move_item (chart, "brand", dx / 2, dy / 2));
  g_assert_true (shz_chart_move_item (chart, "brand", dx / 2, dy / 2));
  g_assert_true (shz_chart_is_moved (chart, "brand"));
  g_assert_true (shz_chart_is_moved (chart, NULL));
  g_assert_false (shz_chart_is_moved (chart, "retail"));
  shz_chart_ensure_layout (chart, NULL, 1200, 800);
  check_layout (chart, "brand moved");

  l = layout_of (chart);
  n = movable (chart, "brand");
  centre (n, &x1, &y1);
  g_assert_cmpfloat (fabs (x1 - (x0 + dx)), <, 0.01);
  g_assert_cmpfloat (fabs (y1 - (y0 + dy)), <, 0.01);
  /* the links' ends on the brand node moved with it */
  {
    guint j = 0, changed = 0;
    for (guint i = 0; i < l->links->len; i++)
      {
        const ShzNetLink *k = &g_array_index (l->links, ShzNetLink, i);
        if (k->source == index || k->target == index)
          {
            double ex = k->source == index ? k->x0 : k->x1, ey = k->source == index ? k->y0 : k->y1;
            g_assert_cmpfloat (shz_net_node_border_distance (n, ex, ey), <, 0.5);
            changed += hypot (ex - g_array_index (before, double, 2 * j), ey - g_array_index (before, double, 2 * j + 1)) > 1;
            j++;
          }
      }
    g_assert_cmpuint (j, ==, n_links);
    g_assert_cmpuint (changed, ==, n_links);
  }
  /* the item (hit area, tooltip, keyboard order) follows too */
  {
    const ShzChartItem *item = shz_chart_find_item (chart, "brand");
    g_assert_cmpfloat (fabs (item->x - x1), <, 0.01);
    g_assert_cmpfloat (fabs (item->y - y1), <, 0.01);
  }

  /* a node that is not movable, and a node of another kind, do not move */
  g_assert_false (shz_chart_move_item (chart, "incremental-consumers", 10, 10));
  g_assert_false (shz_chart_move_item (chart, "no-such-node", 10, 10));
  g_assert_false (shz_chart_move_item (chart, "brand", NAN, 0));
}

/* Pushed far outside: clamped inside its area; dropped on another node: beside it. */
static void
test_clamp_and_collide (Fixture *f, gconstpointer data)
{
  static const char * const langs_kinds[] = { "value-network", "network-compare" };

  for (guint k = 0; k < G_N_ELEMENTS (langs_kinds); k++)
    for (guint lang = 0; lang < 2; lang++)
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          g_autoptr(ShzChart) chart = load_chart (f, langs_kinds[k], lang == 0 ? SHZ_CHART_LANG_ZH_CN : SHZ_CHART_LANG_EN);
          g_autofree char *what = g_strdup_printf ("%s %s %g×%g", langs_kinds[k], lang == 0 ? "zh_CN" : "en",
                                                   sizes[s].w, sizes[s].h);
          const ShzNetNode *n, *consumer;
          double cx, cy, tx, ty;

          shz_chart_ensure_layout (chart, NULL, sizes[s].w, sizes[s].h);
          /* far beyond the bottom-right corner */
          g_assert_true (shz_chart_move_item (chart, "product", 1e6, 1e6));
          shz_chart_ensure_layout (chart, NULL, sizes[s].w, sizes[s].h);
          check_layout (chart, what);
          n = movable (chart, "product");
          {
            /* kept as far as it goes: the node's half inside the area's far edges (a supporting
             * element may hold the corner itself: then it sits beside it) */
            double fx, fy;
            g_assert_true (shz_network_chart_get_moved (SHZ_NETWORK_CHART (chart), "product", &fx, &fy));
            g_assert_cmpfloat (fabs (fx - (1 - n->rect.width / 2 / n->area.width)), <, 1e-5);
            g_assert_cmpfloat (fabs (fy - (1 - n->rect.height / 2 / n->area.height)), <, 1e-5);
            centre (n, &cx, &cy);
            g_assert_cmpfloat (cx, >, n->area.x + n->area.width / 2);
            g_assert_cmpfloat (cy, >, n->area.y + n->area.height / 2);
          }

          /* onto the consumer at the centre: it may not cover it */
          consumer = movable (chart, "consumer");
          centre (consumer, &tx, &ty);
          centre (movable (chart, "finance"), &cx, &cy);
          g_assert_true (shz_chart_move_item (chart, "finance", tx - cx, ty - cy));
          /* and every other node, each onto the top-left corner */
          for (guint i = 0; i < layout_of (chart)->nodes->len; i++)
            {
              const ShzNetNode *o = &g_array_index (layout_of (chart)->nodes, ShzNetNode, i);
              if (o->movable && g_strcmp0 (o->id, "finance") != 0 && g_strcmp0 (o->id, "product") != 0 &&
                  g_strcmp0 (o->id, "consumer") != 0)
                shz_network_chart_set_moved (SHZ_NETWORK_CHART (chart), o->id, 0, 0);
            }
          shz_chart_ensure_layout (chart, NULL, sizes[s].w, sizes[s].h);
          check_layout (chart, what);
          g_assert_true (shz_chart_is_moved (chart, "finance"));

          /* the same moves at another size: still inside, still apart */
          shz_chart_ensure_layout (chart, NULL, sizes[s].h, sizes[s].w);
          check_layout (chart, what);
        }
}

/* The edit is in the settings text, reads back to the same picture, and survives a partial
 * settings text (what the As-is/To-be switch loads). */
static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(ShzChart) a = load_chart (f, "value-network", SHZ_CHART_LANG_ZH_CN);
  g_autoptr(ShzChart) b = load_chart (f, "value-network", SHZ_CHART_LANG_EN);
  g_autofree char *text = NULL;
  g_autofree char *text_b = NULL;
  g_autofree char *dump_a = NULL;
  g_autofree char *dump_b = NULL;
  g_autoptr(GError) error = NULL;
  double fx, fy;

  shz_chart_ensure_layout (a, NULL, 1200, 800);
  g_assert_true (shz_chart_move_item (a, "retail", -40, 25));
  g_assert_true (shz_chart_move_item (a, "rd-data", 30, -10));
  text = shz_chart_save_settings (a);
  g_assert_nonnull (strstr (text, "[layout]"));
  g_assert_nonnull (strstr (text, "nodes=rd-data;retail;"));   /* sorted: the same edits, the same text */

  g_assert_true (shz_chart_load_settings (b, text, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shz_network_chart_get_n_moved (SHZ_NETWORK_CHART (b)), ==, 2);
  g_assert_true (shz_network_chart_get_moved (SHZ_NETWORK_CHART (b), "retail", &fx, &fy));
  g_assert_true (fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1);
  text_b = shz_chart_save_settings (b);
  g_assert_cmpstr (text_b, ==, text);

  /* the same settings, the same picture, at any size */
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GBytes) pa = NULL;
      g_autoptr(GBytes) pb = NULL;

      shz_chart_ensure_layout (a, NULL, sizes[s].w, sizes[s].h);
      shz_chart_ensure_layout (b, NULL, sizes[s].w, sizes[s].h);
      g_clear_pointer (&dump_a, g_free);
      g_clear_pointer (&dump_b, g_free);
      dump_a = dump_layout (a);
      dump_b = dump_layout (b);
      g_assert_cmpstr (dump_a, ==, dump_b);
      pa = render_pixels (a, sizes[s].w, sizes[s].h);
      pb = render_pixels (b, sizes[s].w, sizes[s].h);
      g_assert_true (g_bytes_equal (pa, pb));
    }

  /* a text without [layout] (the state switch's) leaves the edits alone */
  g_assert_true (shz_chart_load_settings (b, "[value-network]\nstate=as-is\n", NULL));
  g_assert_cmpuint (shz_network_chart_get_n_moved (SHZ_NETWORK_CHART (b)), ==, 2);
  /* one with an empty [layout] forgets them */
  g_assert_true (shz_chart_load_settings (b, "[layout]\n", NULL));
  g_assert_cmpuint (shz_network_chart_get_n_moved (SHZ_NETWORK_CHART (b)), ==, 0);
}

/* Saved to the store: one undoable step; undo gives back the settings without the edit. */
static void
test_store_undo (Fixture *f, gconstpointer data)
{
  g_autoptr(ShzChart) chart = load_chart (f, "value-network", SHZ_CHART_LANG_EN);
  g_autoptr(ShzChart) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history_before = NULL;
  g_autoptr(GPtrArray) history_after = NULL;

  shz_chart_ensure_layout (chart, NULL, 1200, 800);
  g_assert_true (shz_chart_save_settings_to_store (chart, f->store, f->engagement_id, &error));
  g_assert_no_error (error);
  history_before = shz_store_list_history (f->store, &error);
  g_assert_no_error (error);

  g_assert_true (shz_chart_move_item (chart, "channel", 20, 20));
  shz_chart_ensure_layout (chart, NULL, 1200, 800);
  g_assert_true (shz_chart_move_item (chart, "channel", 20, 20));   /* a drag is many moves … */
  g_assert_true (shz_chart_save_settings_to_store (chart, f->store, f->engagement_id, &error));  /* … one save */
  g_assert_no_error (error);
  history_after = shz_store_list_history (f->store, &error);
  g_assert_cmpuint (history_after->len, ==, history_before->len + 1);

  again = load_chart (f, "value-network", SHZ_CHART_LANG_EN);
  g_assert_true (shz_chart_load_settings_from_store (again, f->store, f->engagement_id, &error));
  g_assert_true (shz_chart_is_moved (again, "channel"));

  g_assert_true (shz_store_undo (f->store, &error));
  g_assert_no_error (error);
  /* what a reload does: the store's settings replace the edits */
  shz_chart_reset_layout (again);
  g_assert_true (shz_chart_load_settings_from_store (again, f->store, f->engagement_id, &error));
  g_assert_false (shz_chart_is_moved (again, NULL));

  g_assert_true (shz_store_redo (f->store, &error));
  g_assert_true (shz_chart_load_settings_from_store (again, f->store, f->engagement_id, &error));
  g_assert_true (shz_chart_is_moved (again, "channel"));
}

/* Reset gives back the automatic layout exactly, pixel for pixel. */
static void
test_reset (Fixture *f, gconstpointer data)
{
  static const char * const movable_kinds[] = { "value-network", "network-compare" };

  for (guint k = 0; k < G_N_ELEMENTS (movable_kinds); k++)
    {
      g_autoptr(ShzChart) chart = load_chart (f, movable_kinds[k], SHZ_CHART_LANG_ZH_CN);
      g_autofree char *auto_dump = NULL;
      g_autofree char *moved_dump = NULL;
      g_autofree char *reset_dump = NULL;
      g_autofree char *auto_text = NULL;
      g_autofree char *reset_text = NULL;
      g_autoptr(GBytes) auto_px = NULL;
      g_autoptr(GBytes) reset_px = NULL;

      shz_chart_ensure_layout (chart, NULL, 1200, 800);
      auto_dump = dump_layout (chart);
      auto_text = shz_chart_save_settings (chart);
      auto_px = render_pixels (chart, 1200, 800);
      g_assert_false (shz_chart_reset_layout (chart));   /* nothing to reset */

      g_assert_true (shz_chart_move_item (chart, "marketing", -60, 40));
      g_assert_true (shz_chart_move_item (chart, "consumer", 15, -20));
      shz_chart_ensure_layout (chart, NULL, 1200, 800);
      moved_dump = dump_layout (chart);
      g_assert_cmpstr (moved_dump, !=, auto_dump);

      g_assert_true (shz_chart_reset_layout (chart));
      g_assert_false (shz_chart_is_moved (chart, NULL));
      shz_chart_ensure_layout (chart, NULL, 1200, 800);
      reset_dump = dump_layout (chart);
      g_assert_cmpstr (reset_dump, ==, auto_dump);
      reset_text = shz_chart_save_settings (chart);
      g_assert_cmpstr (reset_text, ==, auto_text);
      reset_px = render_pixels (chart, 1200, 800);
      g_assert_true (g_bytes_equal (reset_px, auto_px));
    }
}

/* The chains and paths are ordered: nothing in them moves; in the comparison only the ring. */
static void
test_not_movable (Fixture *f, gconstpointer data)
{
  static const char * const fixed_kinds[] = { "value-chain", "rhc-chains", "evolution-paths" };

  for (guint k = 0; k < G_N_ELEMENTS (fixed_kinds); k++)
    {
      g_autoptr(ShzChart) chart = load_chart (f, fixed_kinds[k], SHZ_CHART_LANG_EN);
      ShzNetLayout *l;

      g_assert_false (shz_chart_can_move (chart, NULL));
      shz_chart_ensure_layout (chart, NULL, 1200, 800);
      l = layout_of (chart);
      for (guint i = 0; i < l->nodes->len; i++)
        {
          const ShzNetNode *n = &g_array_index (l->nodes, ShzNetNode, i);
          g_autofree char *hit = shz_chart_hit_movable (chart, n->rect.x + n->rect.width / 2,
                                                        n->rect.y + n->rect.height / 2);
          g_assert_false (n->movable);
          g_assert_null (hit);
          if (n->id != NULL)
            g_assert_false (shz_chart_move_item (chart, n->id, 10, 10));
        }
    }

  {
    g_autoptr(ShzChart) chart = load_chart (f, "network-compare", SHZ_CHART_LANG_EN);
    ShzNetLayout *l;
    guint n_fixed = 0, n_movable = 0;

    shz_chart_ensure_layout (chart, NULL, 1200, 800);
    l = layout_of (chart);
    for (guint i = 0; i < l->nodes->len; i++)
      {
        const ShzNetNode *n = &g_array_index (l->nodes, ShzNetNode, i);
        g_autofree char *hit = NULL;

        if (n->id == NULL || n->shape == SHZ_NET_BAND)
          continue;
        hit = shz_chart_hit_movable (chart, n->rect.x + n->rect.width / 2, n->rect.y + n->rect.height / 2);
        /* the chain column (left) stays; the ring (right) moves */
        if (n->movable)
          {
            n_movable++;
            g_assert_cmpstr (hit, ==, n->id);
          }
        else
          {
            /* the chain's nodes have ids of their own ("ITEM:as-is"): selecting one and
             * pressing Alt+arrow cannot move the ring's node of the same element */
            n_fixed++;
            g_assert_null (hit);
            g_assert_true (g_str_has_suffix (n->id, ":as-is"));
            g_assert_false (shz_chart_can_move (chart, n->id));
            g_assert_false (shz_chart_move_item (chart, n->id, 5, 5));
          }
      }
    g_assert_cmpuint (n_fixed, >=, 8);
    g_assert_cmpuint (n_movable, >=, 17);
  }
}

/* Hostile settings: huge and non-finite numbers, unknown ids, thousands of entries, lists of
 * different lengths, over-long ids — read without harm, bounded, clamped, and drawn inside. */
static void
test_hostile (Fixture *f, gconstpointer data)
{
  g_autoptr(ShzChart) chart = load_chart (f, "value-network", SHZ_CHART_LANG_EN);
  g_autoptr(GString) text = g_string_new ("[layout]\nnodes=brand;retail;consumer;no-such-node;service;logistics;");
  g_autoptr(GString) pos = g_string_new ("positions=1e308;-1e308;nan;0.5;-inf;inf;0.3;0.3;1e-320;7;0.5;0.5;");
  g_autoptr(GError) error = NULL;
  g_autofree char *long_id = g_strnfill (5000, 'x');
  double fx, fy;

  for (guint i = 0; i < 5000; i++)
    {
      g_string_append_printf (text, "n%u;", i);
      g_string_append (pos, "0.1;0.9;");
    }
  g_string_append_printf (text, "%s;\n", long_id);
  g_string_append (pos, "0.5;0.5;\n");
  g_string_append (text, pos->str);

  g_assert_true (shz_chart_load_settings (chart, text->str, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shz_network_chart_get_n_moved (SHZ_NETWORK_CHART (chart)), <=, SHZ_NETWORK_MAX_MOVED);
  /* huge: clamped */
  g_assert_true (shz_network_chart_get_moved (SHZ_NETWORK_CHART (chart), "brand", &fx, &fy));
  g_assert_cmpfloat (fx, ==, 1);
  g_assert_cmpfloat (fy, ==, 0);
  /* not a number: dropped */
  g_assert_false (shz_network_chart_get_moved (SHZ_NETWORK_CHART (chart), "retail", &fx, &fy));
  g_assert_false (shz_network_chart_get_moved (SHZ_NETWORK_CHART (chart), "consumer", &fx, &fy));
  g_assert_true (shz_network_chart_get_moved (SHZ_NETWORK_CHART (chart), "service", &fx, &fy));
  g_assert_cmpfloat (fy, ==, 1);
  g_assert_false (shz_network_chart_get_moved (SHZ_NETWORK_CHART (chart), long_id, &fx, &fy));
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree char *what = g_strdup_printf ("hostile %g×%g", sizes[s].w, sizes[s].h);
      shz_chart_ensure_layout (chart, NULL, sizes[s].w, sizes[s].h);
      check_layout (chart, what);
    }
  /* what it writes back is bounded too */
  {
    g_autofree char *saved = shz_chart_save_settings (chart);
    g_assert_cmpuint (strlen (saved), <, 64 * 1024);
  }

  /* lists of different lengths, garbage numbers, no positions at all */
  g_assert_true (shz_chart_load_settings (chart, "[layout]\nnodes=brand;retail;\npositions=0.5;\n", NULL));
  g_assert_cmpuint (shz_network_chart_get_n_moved (SHZ_NETWORK_CHART (chart)), ==, 0);
  g_assert_true (shz_chart_load_settings (chart, "[layout]\nnodes=brand;\npositions=abc;def;\n", NULL));
  g_assert_cmpuint (shz_network_chart_get_n_moved (SHZ_NETWORK_CHART (chart)), ==, 0);
  g_assert_true (shz_chart_load_settings (chart, "[layout]\nnodes=brand;\n", NULL));
  g_assert_cmpuint (shz_network_chart_get_n_moved (SHZ_NETWORK_CHART (chart)), ==, 0);
  shz_chart_ensure_layout (chart, NULL, 1200, 800);
  check_layout (chart, "garbage");
}

static double
differing (GBytes *a, GBytes *b)
{
  gsize n, m;
  const guint32 *pa = g_bytes_get_data (a, &n), *pb = g_bytes_get_data (b, &m);
  gsize diff = 0;

  g_assert_cmpuint (n, ==, m);
  for (gsize i = 0; i < n / 4; i++)
    diff += pa[i] != pb[i];
  return (double) diff / (n / 4);
}

/* While a node is dragged on the canvas, what does not move is drawn from a layer made once:
 * the picture is the same as a full drawing (but where the node's links cross others, drawn
 * in another order), and a change of theme or of other nodes makes the layer again. */
static void
test_still_layer (Fixture *f, gconstpointer data)
{
  g_autoptr(ShzChart) canvas = load_chart (f, "value-network", SHZ_CHART_LANG_EN);
  g_autoptr(ShzChart) export = load_chart (f, "value-network", SHZ_CHART_LANG_EN);

  shz_chart_set_interactive (canvas, TRUE);
  shz_chart_ensure_layout (canvas, NULL, 1200, 800);
  shz_chart_set_moving (canvas, "brand");
  for (int step = 0; step < 6; step++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GBytes) a = NULL;
      g_autoptr(GBytes) b = NULL;

      g_assert_true (shz_chart_move_item (canvas, "brand", -15, 10));
      /* mid-drag: the theme changes, another node moves */
      if (step == 2)
        shz_chart_set_theme (canvas, SHZ_CHART_THEME_DARK);
      if (step == 4)
        g_assert_true (shz_chart_move_item (canvas, "service", 30, 0));
      a = render_pixels (canvas, 1200, 800);
      text = shz_chart_save_settings (canvas);
      g_assert_true (shz_chart_load_settings (export, text, NULL));
      b = render_pixels (export, 1200, 800);
      g_assert_cmpfloat (differing (a, b), <, 0.01);
    }
  shz_chart_set_moving (canvas, NULL);
  {
    g_autoptr(GBytes) a = render_pixels (canvas, 1200, 800);
    g_autoptr(GBytes) b = render_pixels (export, 1200, 800);
    g_assert_true (g_bytes_equal (a, b));
  }
}

/* The selection shows on a canvas (a ring around the node: Alt+arrow keys move what is seen
 * selected), never in an export. */
static void
test_selection_shows (Fixture *f, gconstpointer data)
{
  g_autoptr(ShzChart) chart = load_chart (f, "value-network", SHZ_CHART_LANG_EN);
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GBytes) canvas = NULL;

  plain = render_pixels (chart, 1200, 800);
  shz_chart_set_selected (chart, "brand");
  exported = render_pixels (chart, 1200, 800);
  g_assert_true (g_bytes_equal (plain, exported));
  shz_chart_set_interactive (chart, TRUE);
  canvas = render_pixels (chart, 1200, 800);
  g_assert_false (g_bytes_equal (plain, canvas));
  g_assert_cmpfloat (differing (plain, canvas), <, 0.01);   /* a ring, not a new picture */
}

/* The chart drawn at a zoom and pan into an image, or — @record — as the canvas draws it: into
 * a recording (GTK's cairo node) at the raster scale of the zoom, replayed onto the image. */
static GBytes *
canvas_pixels (ShzChart *chart, double w, double h, double zoom, double pan_x, double pan_y, gboolean record)
{
  cairo_rectangle_t extents = { 0, 0, w, h };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) w, (int) h);
  cairo_surface_t *target = record ? cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents) : surface;
  cairo_t *cr = cairo_create (target);
  GBytes *bytes;

  cairo_translate (cr, pan_x, pan_y);
  cairo_scale (cr, zoom, zoom);
  if (record)
    shz_chart_set_raster_scale (chart, zoom);
  shz_chart_render (chart, cr, w, h);
  cairo_destroy (cr);
  if (record)
    {
      cr = cairo_create (surface);
      cairo_set_source_surface (cr, target, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
      cairo_surface_destroy (target);
    }
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * (gsize) h);
  cairo_surface_destroy (surface);
  return bytes;
}

/* The value network keeps its picture of the visible part on the canvas as an image at the
 * canvas's pixels.  Replayed, it is the picture drawn straight into an image with the same
 * zoom and pan (links, nodes, texts), for each of three zooms and pans; a second frame, from
 * the kept picture, is the same. */
static void
test_canvas_picture (Fixture *f, gconstpointer data)
{
  g_autoptr(ShzChart) chart = load_chart (f, "value-network", SHZ_CHART_LANG_ZH_CN);
  static const double views[][3] = { { 1, 0, 0 }, { 2, -300, -200 }, { 3.5, -1500, -900 } };

  shz_chart_set_interactive (chart, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autoptr(GBytes) canvas = canvas_pixels (chart, 1200, 800, views[i][0], views[i][1], views[i][2], TRUE);
      g_autoptr(GBytes) again = canvas_pixels (chart, 1200, 800, views[i][0], views[i][1], views[i][2], TRUE);
      g_autoptr(GBytes) direct = canvas_pixels (chart, 1200, 800, views[i][0], views[i][1], views[i][2], FALSE);
      double d = differing (canvas, direct);

      g_test_message ("zoom %g: %.4f of the pixels differ from a direct drawing", views[i][0], d);
      g_assert_cmpfloat (d, <, 0.005);
      g_assert_true (g_bytes_equal (canvas, again));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/network/layout-edits/move", Fixture, NULL, fixture_set_up, test_move, fixture_tear_down);
  g_test_add ("/network/layout-edits/clamp-and-collide", Fixture, NULL, fixture_set_up, test_clamp_and_collide, fixture_tear_down);
  g_test_add ("/network/layout-edits/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/network/layout-edits/store-undo", Fixture, NULL, fixture_set_up, test_store_undo, fixture_tear_down);
  g_test_add ("/network/layout-edits/reset", Fixture, NULL, fixture_set_up, test_reset, fixture_tear_down);
  g_test_add ("/network/layout-edits/not-movable", Fixture, NULL, fixture_set_up, test_not_movable, fixture_tear_down);
  g_test_add ("/network/layout-edits/hostile", Fixture, NULL, fixture_set_up, test_hostile, fixture_tear_down);
  g_test_add ("/network/layout-edits/still-layer", Fixture, NULL, fixture_set_up, test_still_layer, fixture_tear_down);
  g_test_add ("/network/layout-edits/selection-shows", Fixture, NULL, fixture_set_up, test_selection_shows, fixture_tear_down);
  g_test_add ("/network/layout-edits/canvas-picture", Fixture, NULL, fixture_set_up, test_canvas_picture, fixture_tear_down);
  return g_test_run ();
}
