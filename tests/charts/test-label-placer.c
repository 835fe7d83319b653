/* test-label-placer.c — the generic label placer: no overlaps (labels, obstacles, bounds) on
 * dense and adversarial inputs, determinism, pinned labels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "charts/shz-label-placer.h"

typedef struct {
  double x, y, r, w, h;
} Item;

static ShzLabelPlacer *
make_placer (const ShzRect *bounds,
             const Item    *items,
             guint          n)
{
  ShzLabelPlacer *p = shz_label_placer_new (bounds);

  for (guint i = 0; i < n; i++)
    shz_label_placer_add_circle (p, items[i].x, items[i].y, items[i].r);
  for (guint i = 0; i < n; i++)
    shz_label_placer_add_label (p, items[i].x, items[i].y, items[i].r, items[i].w, items[i].h, 0);
  return p;
}

/* Every placed label inside the bounds, clear of every circle and every other label. */
static guint
check_no_overlaps (ShzLabelPlacer *p,
                   const ShzRect  *bounds,
                   const Item     *items,
                   guint           n)
{
  guint placed = 0;

  for (guint i = 0; i < n; i++)
    {
      const ShzLabelPlacement *a = shz_label_placer_get (p, i);
      if (!a->placed)
        continue;
      placed++;
      g_assert_true (shz_rect_inside (&a->rect, bounds));
      for (guint k = 0; k < n; k++)
        g_assert_false (shz_rect_intersects_circle (&a->rect, items[k].x, items[k].y, items[k].r));
      for (guint j = i + 1; j < n; j++)
        {
          const ShzLabelPlacement *b = shz_label_placer_get (p, j);
          if (b->placed)
            g_assert_false (shz_rect_intersects (&a->rect, &b->rect));
        }
    }
  return placed;
}

static void
test_dense (void)
{
  ShzRect bounds = { 0, 0, 1000, 700 };
  Item items[60];
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(ShzLabelPlacer) p = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      items[i].x = g_rand_double_range (rand, 100, 900);
      items[i].y = g_rand_double_range (rand, 80, 620);
      items[i].r = g_rand_double_range (rand, 4, 18);
      items[i].w = g_rand_double_range (rand, 40, 140);
      items[i].h = 17;
    }
  p = make_placer (&bounds, items, G_N_ELEMENTS (items));
  g_assert_cmpuint (shz_label_placer_run (p), ==, G_N_ELEMENTS (items));
  g_assert_cmpuint (check_no_overlaps (p, &bounds, items, G_N_ELEMENTS (items)), ==, G_N_ELEMENTS (items));
}

static void
test_identical (void)
{
  ShzRect bounds = { 0, 0, 800, 600 };
  Item items[25];
  g_autoptr(ShzLabelPlacer) p = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    items[i] = (Item) { 400, 300, 8, 90, 17 };
  p = make_placer (&bounds, items, G_N_ELEMENTS (items));
  g_assert_cmpuint (shz_label_placer_run (p), ==, G_N_ELEMENTS (items));
  check_no_overlaps (p, &bounds, items, G_N_ELEMENTS (items));
  /* most of them are away from the point: leader lines */
  {
    guint leaders = 0;
    for (guint i = 0; i < G_N_ELEMENTS (items); i++)
      leaders += shz_label_placer_get (p, i)->leader;
    g_assert_cmpuint (leaders, >=, 10);
  }
}

static void
test_edges (void)
{
  ShzRect bounds = { 10, 10, 600, 400 };
  Item items[] = {
    { 10, 10, 6, 120, 18 }, { 610, 10, 6, 120, 18 }, { 10, 410, 6, 120, 18 }, { 610, 410, 6, 120, 18 },
    { 310, 10, 6, 200, 18 }, { 310, 410, 6, 200, 18 }, { 10, 210, 6, 160, 18 }, { 610, 210, 6, 160, 18 },
  };
  g_autoptr(ShzLabelPlacer) p = make_placer (&bounds, items, G_N_ELEMENTS (items));

  g_assert_cmpuint (shz_label_placer_run (p), ==, G_N_ELEMENTS (items));
  check_no_overlaps (p, &bounds, items, G_N_ELEMENTS (items));
}

static void
test_too_big (void)
{
  /* a label wider than the bounds cannot be placed: reported, not drawn over the edge */
  ShzRect bounds = { 0, 0, 200, 100 };
  Item items[] = { { 100, 50, 5, 400, 18 } };
  g_autoptr(ShzLabelPlacer) p = make_placer (&bounds, items, 1);

  g_assert_cmpuint (shz_label_placer_run (p), ==, 0);
  g_assert_false (shz_label_placer_get (p, 0)->placed);
}

static void
test_deterministic (void)
{
  ShzRect bounds = { 0, 0, 900, 600 };
  Item items[50];
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(ShzLabelPlacer) a = NULL;
  g_autoptr(ShzLabelPlacer) b = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    items[i] = (Item) { g_rand_double_range (rand, 0, 900), g_rand_double_range (rand, 0, 600),
                        g_rand_double_range (rand, 2, 12), g_rand_double_range (rand, 30, 120), 16 };
  a = make_placer (&bounds, items, G_N_ELEMENTS (items));
  b = make_placer (&bounds, items, G_N_ELEMENTS (items));
  shz_label_placer_run (a);
  shz_label_placer_run (b);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    g_assert_cmpmem (shz_label_placer_get (a, i), sizeof (ShzLabelPlacement),
                     shz_label_placer_get (b, i), sizeof (ShzLabelPlacement));
}

static void
test_pinned (void)
{
  ShzRect bounds = { 0, 0, 600, 400 };
  Item items[] = { { 200, 200, 10, 80, 18 }, { 230, 200, 10, 80, 18 } };
  g_autoptr(ShzLabelPlacer) p = make_placer (&bounds, items, 2);
  const ShzLabelPlacement *a, *b;

  shz_label_placer_pin (p, 0, 400, 50);
  shz_label_placer_run (p);
  a = shz_label_placer_get (p, 0);
  b = shz_label_placer_get (p, 1);
  g_assert_true (a->placed);
  g_assert_cmpfloat (a->rect.x, ==, 400);
  g_assert_cmpfloat (a->rect.y, ==, 50);
  g_assert_true (a->leader);
  g_assert_true (b->placed);
  g_assert_false (shz_rect_intersects (&a->rect, &b->rect));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/charts/label-placer/dense", test_dense);
  g_test_add_func ("/charts/label-placer/identical", test_identical);
  g_test_add_func ("/charts/label-placer/edges", test_edges);
  g_test_add_func ("/charts/label-placer/too-big", test_too_big);
  g_test_add_func ("/charts/label-placer/deterministic", test_deterministic);
  g_test_add_func ("/charts/label-placer/pinned", test_pinned);
  return g_test_run ();
}
