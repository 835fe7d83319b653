/* test-maturity-map.c — the maturity map: layout (no label overlaps on dense and adversarial
 * inputs, inside the plot, deterministic), rendering (pixels at known places), SVG (title and
 * desc), PDF (CJK fonts embedded), settings, and models loaded from a store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <string.h>

#include "charts/shz-chart-export.h"
#include "charts/shz-maturity-map.h"

static char *tmpdir;

static const char * const industries[] = {
  "科技文教", "制造工业", "政务与治理", "金融", "零售消费与生活服务", "互联网",
};

/* ---- helpers ---- */

static ShzMaturityModel *
demo_model (void)
{
  ShzMaturityModel *m = shz_maturity_model_new ();
  const double pos[6][3] = {
    { 24, 20, 40 }, { 34, 29, 60 }, { 43, 37, 35 }, { 60, 55, 50 }, { 72, 46, 70 }, { 86, 84, 55 },
  };

  for (guint i = 0; i < 6; i++)
    shz_maturity_model_add_entity (m, industries[i], industries[i], pos[i][0], pos[i][1], pos[i][2], i == 4);
  m->dataset = g_strdup ("test");
  m->source = g_strdup ("test.csv");
  m->note = g_strdup ("Illustrative positions.");
  m->illustrative = TRUE;
  return m;
}

/* 60 entities with long Chinese names, some on identical coordinates, some on the edges. */
static ShzMaturityModel *
adversarial_model (guint n)
{
  ShzMaturityModel *m = shz_maturity_model_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = NULL;
      double x, y;

      if (i % 3 == 0)
        name = g_strdup_printf ("%s第%u号样本企业集团", industries[i % 6], i);
      else
        name = g_strdup_printf ("%s %u", industries[i % 6], i);
      if (i < 6)
        x = 50, y = 50;                       /* identical coordinates */
      else if (i < 12)
        x = (i % 2) ? 0 : 100, y = (i % 4 < 2) ? 0 : 100;   /* corners */
      else if (i < 16)
        x = 100, y = g_rand_double_range (rand, 0, 100);     /* right edge */
      else
        x = g_rand_double_range (rand, 0, 100), y = g_rand_double_range (rand, 0, 100);
      shz_maturity_model_add_entity (m, name, industries[i % 6], x, y,
                                     g_rand_double_range (rand, 5, 100), i == 20);
    }
  m->dataset = g_strdup ("adversarial");
  return m;
}

static ShzMaturityMap *
map_with (ShzMaturityModel *model)
{
  ShzMaturityMap *map = shz_maturity_map_new ();
  shz_maturity_map_set_model (map, model);
  return map;
}

/* The contract of the layout: every placed label is inside the plot and clear of every other
 * label and every bubble.  Returns how many labels were placed. */
static guint
check_layout (const ShzMaturityLayout *l)
{
  guint placed = 0;

  for (guint i = 0; i < l->labels->len; i++)
    {
      const ShzMaturityLabel *a = &g_array_index (l->labels, ShzMaturityLabel, i);
      if (!a->placed)
        continue;
      placed++;
      g_assert_true (shz_rect_inside (&a->rect, &l->plot));
      g_assert_true (shz_rect_inside (&a->rect, &(ShzRect) { 0, 0, l->width, l->height }));
      for (guint k = 0; k < l->bubbles->len; k++)
        {
          const ShzMaturityBubble *b = &g_array_index (l->bubbles, ShzMaturityBubble, k);
          if (shz_rect_intersects_circle (&a->rect, b->cx, b->cy, b->r))
            g_error ("label “%s” overlaps bubble %u", a->text, k);
        }
      for (guint j = i + 1; j < l->labels->len; j++)
        {
          const ShzMaturityLabel *b = &g_array_index (l->labels, ShzMaturityLabel, j);
          if (b->placed && shz_rect_intersects (&a->rect, &b->rect))
            g_error ("labels “%s” and “%s” overlap", a->text, b->text);
        }
      /* and clear of the other texts in the plot */
      if (l->trend_label.width > 0)
        g_assert_false (shz_rect_intersects (&a->rect, &l->trend_label));
    }
  return placed;
}

/* ARGB32 pixel at chart units (x, y) of an image rendered at @scale. */
static void
pixel_at (cairo_surface_t *s,
          double           x,
          double           y,
          double           scale,
          int             *r,
          int             *g,
          int             *b)
{
  int px = (int) (x * scale), py = (int) (y * scale);
  guint32 v;

  cairo_surface_flush (s);
  v = *(guint32 *) (cairo_image_surface_get_data (s) + py * cairo_image_surface_get_stride (s) + px * 4);
  *r = (v >> 16) & 0xff;
  *g = (v >> 8) & 0xff;
  *b = v & 0xff;
}

/* ---- layout ---- */

static void
test_layout_demo (void)
{
  g_autoptr(ShzMaturityMap) map = map_with (demo_model ());
  const ShzMaturityLayout *l;

  shz_chart_ensure_layout (SHZ_CHART (map), NULL, 1600, 1200);
  l = shz_maturity_map_get_layout (map);
  g_assert_cmpuint (l->bubbles->len, ==, 6);
  g_assert_cmpuint (check_layout (l), ==, 6);        /* every industry labelled */
  g_assert_true (l->has_trend);
  g_assert_cmpfloat (l->trend_r, >, 0.8);
  g_assert_nonnull (strstr (l->trend_text, "总体呈现正向相关"));
  g_assert_nonnull (strstr (l->title_text, "中国产业数智化转型成熟度比较"));
  g_assert_cmpstr (l->x_title_text, ==, "行业数字化成熟度");
  g_assert_cmpstr (l->y_title_text, ==, "行业数据智能创新度");
  g_assert_nonnull (strstr (l->source_text, "数据来源"));
  g_assert_nonnull (strstr (l->note_text, "Illustrative positions."));
  g_assert_cmpfloat (l->x_min, ==, 0);
  g_assert_cmpfloat (l->x_max, ==, 100);
  /* area ∝ size: r² ratio equals the size ratio (70 vs 35) */
  {
    double r70 = 0, r35 = 0;
    for (guint i = 0; i < l->bubbles->len; i++)
      {
        const ShzMaturityBubble *b = &g_array_index (l->bubbles, ShzMaturityBubble, i);
        if (b->entity == 4) r70 = b->r;
        if (b->entity == 2) r35 = b->r;
      }
    g_assert_cmpfloat_with_epsilon (r70 * r70 / (r35 * r35), 2.0, 1e-9);
  }
  /* the client is highlighted; items are there for the canvas */
  g_assert_cmpuint (shz_chart_get_n_items (SHZ_CHART (map)), ==, 6);
  {
    const ShzChartItem *item = shz_chart_find_item (SHZ_CHART (map), "零售消费与生活服务");
    g_autofree char *hit = NULL;
    g_assert_nonnull (item);
    hit = shz_chart_hit_test (SHZ_CHART (map), item->x, item->y);
    g_assert_cmpstr (hit, ==, "零售消费与生活服务");
  }
}

static void
test_layout_english (void)
{
  g_autoptr(ShzMaturityMap) map = map_with (demo_model ());
  const ShzMaturityLayout *l;
  gboolean found = FALSE;

  shz_chart_set_lang (SHZ_CHART (map), SHZ_CHART_LANG_EN);
  shz_chart_ensure_layout (SHZ_CHART (map), NULL, 1280, 720);
  l = shz_maturity_map_get_layout (map);
  check_layout (l);
  g_assert_cmpstr (l->x_title_text, ==, "Industry digital maturity");
  g_assert_nonnull (strstr (l->trend_text, "positively correlated"));
  for (guint i = 0; i < l->labels->len; i++)
    found |= g_strcmp0 (g_array_index (l->labels, ShzMaturityLabel, i).text, "Internet") == 0;
  g_assert_true (found);
}

static void
test_layout_adversarial (void)
{
  static const double sizes[][2] = { { 1600, 1200 }, { 1280, 720 }, { 1000, 800 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(ShzMaturityMap) map = map_with (adversarial_model (60));
      const ShzMaturityLayout *l;
      guint placed;
      ShzMaturityOptions o = *shz_maturity_map_get_options (map);

      o.quadrant_names = TRUE;
      o.eras = TRUE;
      shz_maturity_map_set_options (map, &o);
      shz_chart_ensure_layout (SHZ_CHART (map), NULL, sizes[s][0], sizes[s][1]);
      l = shz_maturity_map_get_layout (map);
      g_assert_cmpuint (l->labels->len, ==, 60);
      placed = check_layout (l);
      g_test_message ("%g×%g: %u of 60 long labels placed", sizes[s][0], sizes[s][1], placed);
      /* on a full-size canvas every label finds a place */
      if (s == 0)
        g_assert_cmpuint (placed, ==, 60);
      else
        g_assert_cmpuint (placed, >=, 45);
      /* the client's label is always placed */
      for (guint i = 0; i < l->labels->len; i++)
        {
          const ShzMaturityLabel *lab = &g_array_index (l->labels, ShzMaturityLabel, i);
          if (g_array_index (l->bubbles, ShzMaturityBubble, lab->bubble).is_client)
            g_assert_true (lab->placed);
        }
    }
}

static void
test_layout_deterministic (void)
{
  g_autoptr(ShzMaturityMap) a = map_with (adversarial_model (60));
  g_autoptr(ShzMaturityMap) b = map_with (adversarial_model (60));
  const ShzMaturityLayout *la, *lb;

  shz_chart_ensure_layout (SHZ_CHART (a), NULL, 1600, 1200);
  shz_chart_ensure_layout (SHZ_CHART (b), NULL, 1600, 1200);
  la = shz_maturity_map_get_layout (a);
  lb = shz_maturity_map_get_layout (b);
  g_assert_cmpuint (la->labels->len, ==, lb->labels->len);
  for (guint i = 0; i < la->labels->len; i++)
    {
      const ShzMaturityLabel *x = &g_array_index (la->labels, ShzMaturityLabel, i);
      const ShzMaturityLabel *y = &g_array_index (lb->labels, ShzMaturityLabel, i);
      g_assert_cmpstr (x->text, ==, y->text);
      g_assert_cmpint (x->placed, ==, y->placed);
      g_assert_cmpmem (&x->rect, sizeof x->rect, &y->rect, sizeof y->rect);
    }
}

static void
test_layout_pinned (void)
{
  g_autoptr(ShzMaturityMap) map = map_with (demo_model ());
  g_autoptr(ShzMaturityMap) copy = map_with (demo_model ());
  const ShzMaturityLayout *l;
  g_autofree char *settings = NULL;
  g_autofree char *hit = NULL;
  g_autoptr(GError) error = NULL;
  ShzRect before = { 0 };

  shz_chart_ensure_layout (SHZ_CHART (map), NULL, 1600, 1200);
  l = shz_maturity_map_get_layout (map);
  for (guint i = 0; i < l->labels->len; i++)
    if (g_strcmp0 (g_array_index (l->labels, ShzMaturityLabel, i).text, "金融") == 0)
      before = g_array_index (l->labels, ShzMaturityLabel, i).rect;
  hit = shz_chart_hit_label (SHZ_CHART (map), before.x + 2, before.y + 2);
  g_assert_cmpstr (hit, ==, "金融");

  shz_chart_move_label (SHZ_CHART (map), "金融", -200, -150);
  shz_chart_ensure_layout (SHZ_CHART (map), NULL, 1600, 1200);
  l = shz_maturity_map_get_layout (map);
  for (guint i = 0; i < l->labels->len; i++)
    {
      const ShzMaturityLabel *lab = &g_array_index (l->labels, ShzMaturityLabel, i);
      if (g_strcmp0 (lab->text, "金融") != 0)
        continue;
      g_assert_true (lab->pinned);
      g_assert_cmpfloat_with_epsilon (lab->rect.x, before.x - 200, 1e-6);
      g_assert_cmpfloat_with_epsilon (lab->rect.y, before.y - 150, 1e-6);
      g_assert_true (lab->leader);
    }

  /* the pin is part of the settings, and comes back */
  settings = shz_chart_save_settings (SHZ_CHART (map));
  g_assert_nonnull (strstr (settings, "金融"));
  g_assert_true (shz_chart_load_settings (SHZ_CHART (copy), settings, &error));
  g_assert_no_error (error);
  shz_chart_ensure_layout (SHZ_CHART (copy), NULL, 1600, 1200);
  l = shz_maturity_map_get_layout (copy);
  for (guint i = 0; i < l->labels->len; i++)
    {
      const ShzMaturityLabel *lab = &g_array_index (l->labels, ShzMaturityLabel, i);
      if (g_strcmp0 (lab->text, "金融") == 0)
        g_assert_cmpfloat_with_epsilon (lab->rect.x, before.x - 200, 1e-6);
    }

  shz_chart_unpin_labels (SHZ_CHART (copy));
  g_clear_pointer (&settings, g_free);
  settings = shz_chart_save_settings (SHZ_CHART (copy));
  g_assert_null (strstr (settings, "金融"));
}

/* A client's file and a shared engagement are untrusted: long names, a huge title, thousands of
 * pins, bad UTF-8 — the chart stays drawable and its texts bounded. */
static void
test_layout_hostile (void)
{
  g_autoptr(ShzMaturityModel) m = shz_maturity_model_new ();
  g_autoptr(ShzMaturityMap) map = NULL;
  g_autoptr(GString) settings = g_string_new ("[maturity-map]\ntitle=");
  g_autoptr(GString) pins = g_string_new ("[maturity-map-labels]\npinned=");
  g_autoptr(GString) offsets = g_string_new ("offsets=");
  g_autofree char *long_name = NULL;
  g_autoptr(GError) error = NULL;
  const ShzMaturityLayout *l;

  {
    GString *n = g_string_new (NULL);
    for (guint i = 0; i < 5000; i++)
      g_string_append (n, "零售");
    long_name = g_string_free (n, FALSE);
  }
  shz_maturity_model_add_entity (m, long_name, "零售", 50, 50, 10, FALSE);
  shz_maturity_model_add_entity (m, "bad \xff\xfe utf-8", NULL, 20, 80, 10, FALSE);
  shz_maturity_model_add_entity (m, "", NULL, NAN, 10, 10, FALSE);
  shz_maturity_model_add_entity (m, "huge", NULL, 1e300, -1e300, 1e300, FALSE);
  shz_maturity_model_add_entity (m, "max", NULL, 1.7e308, -1.7e308, 5, FALSE);
  map = map_with (g_steal_pointer (&m));

  for (guint i = 0; i < 100000; i++)
    g_string_append (settings, "长");
  g_string_append_c (settings, '\n');
  for (guint i = 0; i < 5000; i++)
    {
      g_string_append_printf (pins, "e%u;", i);
      g_string_append (offsets, "1;2;");
    }
  g_string_append_printf (settings, "%s\n%s\n", pins->str, offsets->str);
  g_assert_true (shz_chart_load_settings (SHZ_CHART (map), settings->str, &error));
  g_assert_no_error (error);

  shz_chart_ensure_layout (SHZ_CHART (map), NULL, 1200, 900);
  l = shz_maturity_map_get_layout (map);
  check_layout (l);
  g_assert_cmpint (g_utf8_strlen (l->title_text, -1), <=, 310);
  for (guint i = 0; i < l->labels->len; i++)
    {
      const char *text = g_array_index (l->labels, ShzMaturityLabel, i).text;
      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_cmpint (g_utf8_strlen (text, -1), <=, 48);
    }
  /* and it draws */
  {
    ShzExportOptions options;
    cairo_surface_t *s;
    shz_export_options_init (&options, SHZ_EXPORT_PNG);
    s = shz_chart_render_image (SHZ_CHART (map), &options, &error);
    g_assert_no_error (error);
    cairo_surface_destroy (s);
  }
}

static void
test_settings (void)
{
  g_autoptr(ShzMaturityMap) map = map_with (demo_model ());
  g_autoptr(ShzMaturityMap) copy = shz_maturity_map_new ();
  ShzMaturityOptions o = *shz_maturity_map_get_options (map);
  const ShzMaturityOptions *c;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  o.axes = SHZ_MATURITY_AXES_QUALITATIVE;
  o.quadrants = SHZ_MATURITY_QUADRANTS_VALUES;
  o.quadrant_x = 40;
  o.quadrant_y = 30;
  o.quadrant_names = TRUE;
  o.eras = TRUE;
  o.trend = FALSE;
  o.title = "自定义标题";
  shz_maturity_map_set_options (map, &o);
  shz_chart_set_lang (SHZ_CHART (map), SHZ_CHART_LANG_EN);
  shz_chart_set_theme (SHZ_CHART (map), SHZ_CHART_THEME_DARK);
  text = shz_chart_save_settings (SHZ_CHART (map));

  g_assert_true (shz_chart_load_settings (SHZ_CHART (copy), text, &error));
  g_assert_no_error (error);
  c = shz_maturity_map_get_options (copy);
  g_assert_cmpint (c->axes, ==, SHZ_MATURITY_AXES_QUALITATIVE);
  g_assert_cmpint (c->quadrants, ==, SHZ_MATURITY_QUADRANTS_VALUES);
  g_assert_cmpfloat (c->quadrant_x, ==, 40);
  g_assert_cmpfloat (c->quadrant_y, ==, 30);
  g_assert_true (c->quadrant_names);
  g_assert_true (c->eras);
  g_assert_false (c->trend);
  g_assert_cmpstr (c->title, ==, "自定义标题");
  g_assert_cmpint (shz_chart_get_lang (SHZ_CHART (copy)), ==, SHZ_CHART_LANG_EN);
  g_assert_cmpint (shz_chart_get_theme (SHZ_CHART (copy)), ==, SHZ_CHART_THEME_DARK);

  /* a malformed text is an error, not a crash */
  g_assert_false (shz_chart_load_settings (SHZ_CHART (copy), "[chart\nlang=", &error));
  g_assert_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_INVALID);
}

/* ---- rendering ---- */

static void
test_render_pixels (void)
{
  g_autoptr(ShzMaturityMap) map = map_with (demo_model ());
  ShzExportOptions options;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *s;
  const ShzMaturityLayout *l;
  int r, g, b;

  ShzMaturityOptions o = *shz_maturity_map_get_options (map);

  /* no guide lines through the bubbles: their colour alone at the sampled points */
  o.trend = FALSE;
  o.quadrants = SHZ_MATURITY_QUADRANTS_OFF;
  shz_maturity_map_set_options (map, &o);
  shz_export_options_init (&options, SHZ_EXPORT_PNG);
  options.width_px = 1600;
  options.height_px = 1200;
  options.dpi = 192;   /* 800 × 600 chart units at scale 2 */
  s = shz_chart_render_image (SHZ_CHART (map), &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 1600);
  l = shz_maturity_map_get_layout (map);
  g_assert_cmpfloat (l->width, ==, 800);

  /* corner: the light background */
  pixel_at (s, 2, 2, 2, &r, &g, &b);
  g_assert_cmpint (r, ==, 255);
  g_assert_cmpint (g, ==, 255);
  g_assert_cmpint (b, ==, 255);
  /* the centre of each bubble: its group colour over white (alpha 0.72) */
  for (guint i = 0; i < l->bubbles->len; i++)
    {
      const ShzMaturityBubble *bub = &g_array_index (l->bubbles, ShzMaturityBubble, i);
      ShzColor c = bub->color;
      pixel_at (s, bub->cx + bub->r * 0.5, bub->cy + bub->r * 0.1, 2, &r, &g, &b);
      g_assert_cmpint (abs (r - (int) lround ((c.r * 0.72 + 0.28) * 255)), <=, 3);
      g_assert_cmpint (abs (g - (int) lround ((c.g * 0.72 + 0.28) * 255)), <=, 3);
      g_assert_cmpint (abs (b - (int) lround ((c.b * 0.72 + 0.28) * 255)), <=, 3);
    }
  cairo_surface_destroy (s);

  /* dark theme: a dark corner */
  shz_chart_set_theme (SHZ_CHART (map), SHZ_CHART_THEME_DARK);
  s = shz_chart_render_image (SHZ_CHART (map), &options, &error);
  g_assert_no_error (error);
  pixel_at (s, 2, 2, 2, &r, &g, &b);
  g_assert_cmpint (r, <, 64);
  cairo_surface_destroy (s);
}

static ShzMaturityModel *
points_model (guint n)
{
  ShzMaturityModel *m = shz_maturity_model_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);

  for (guint i = 0; i < n; i++)
    {
      guint g = i % 6;
      double cx = 20 + g * 12, cy = 15 + g * 13;
      shz_maturity_model_add_point (m, CLAMP (cx + g_rand_double_range (rand, -15, 15), 0, 100),
                                    CLAMP (cy + g_rand_double_range (rand, -15, 15), 0, 100),
                                    g_rand_double_range (rand, 0, 100), industries[g]);
    }
  shz_maturity_model_add_centroids (m);
  m->dataset = g_strdup ("enterprises");
  return m;
}

static void
test_render_points (void)
{
  g_autoptr(ShzMaturityMap) map = map_with (points_model (20000));
  ShzExportOptions options;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *s;
  const ShzMaturityLayout *l;
  int r, g, b;

  g_assert_cmpuint (shz_maturity_map_get_model (map)->entities->len, ==, 6);
  shz_export_options_init (&options, SHZ_EXPORT_PNG);
  s = shz_chart_render_image (SHZ_CHART (map), &options, &error);
  g_assert_no_error (error);
  l = shz_maturity_map_get_layout (map);
  check_layout (l);
  /* the point cloud of group 0 lies around (20, 15), away from every bubble: blue-ish */
  pixel_at (s, shz_maturity_layout_x (l, 8), shz_maturity_layout_y (l, 5), 1, &r, &g, &b);
  g_assert_cmpint (b, >, r);
  /* outside the cloud: white */
  pixel_at (s, shz_maturity_layout_x (l, 95), shz_maturity_layout_y (l, 5), 1, &r, &g, &b);
  g_assert_cmpint (r + g + b, ==, 3 * 255);
  cairo_surface_destroy (s);
}

/* ---- files ---- */

static void
test_svg (void)
{
  g_autoptr(ShzMaturityMap) map = map_with (points_model (100000));
  g_autofree char *path = g_build_filename (tmpdir, "map.svg", NULL);
  ShzExportOptions options;
  g_autoptr(GError) error = NULL;
  xmlDocPtr doc;
  xmlNodePtr root, child;
  GStatBuf st;
  gboolean title = FALSE, desc = FALSE;

  shz_export_options_init (&options, SHZ_EXPORT_SVG);
  g_assert_true (shz_chart_export (SHZ_CHART (map), &options, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_test_message ("100k points SVG: %ld bytes", (long) st.st_size);
  g_assert_cmpint (st.st_size, <, 3 * 1024 * 1024);

  doc = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_cmpstr ((const char *) root->name, ==, "svg");
  for (child = root->children; child; child = child->next)
    {
      xmlChar *text;
      if (child->type != XML_ELEMENT_NODE)
        continue;
      text = xmlNodeGetContent (child);
      if (strcmp ((const char *) child->name, "title") == 0)
        {
          g_assert_nonnull (strstr ((const char *) text, "中国产业数智化转型成熟度比较"));
          title = TRUE;
        }
      else if (strcmp ((const char *) child->name, "desc") == 0)
        {
          g_assert_nonnull (strstr ((const char *) text, "互联网"));
          desc = TRUE;
        }
      xmlFree (text);
      if (title && desc)
        break;
    }
  g_assert_true (title);
  g_assert_true (desc);
  xmlFreeDoc (doc);
}

static void
test_pdf_fonts (void)
{
  g_autoptr(ShzMaturityMap) map = map_with (demo_model ());
  g_autofree char *path = g_build_filename (tmpdir, "map.pdf", NULL);
  g_autofree char *pdffonts = g_find_program_in_path ("pdffonts");
  g_autofree char *out = NULL;
  ShzExportOptions options;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  int status;
  gboolean cjk = FALSE;

  shz_export_options_from_preset ("a4", SHZ_EXPORT_PDF, &options);
  g_assert_true (shz_chart_export (SHZ_CHART (map), &options, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  if (pdffonts == NULL)
    {
      g_test_skip ("pdffonts (poppler-utils) is not installed");
      return;
    }
  {
    const char *argv[] = { pdffonts, path, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &out, NULL, &status, &error));
    g_assert_no_error (error);
  }
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 2; lines[i]; i++)   /* after the header lines: name type encoding emb sub uni … */
    {
      g_auto(GStrv) split = NULL;
      g_autoptr(GPtrArray) cols = g_ptr_array_new ();
      guint n;
      if (lines[i][0] == '\0')
        continue;
      split = g_strsplit_set (lines[i], " ", -1);
      for (guint k = 0; split[k]; k++)
        if (split[k][0] != '\0')
          g_ptr_array_add (cols, split[k]);
      n = cols->len;
      /* every font embedded */
      g_assert_cmpuint (n, >=, 5);
      g_assert_cmpstr (g_ptr_array_index (cols, n - 5), ==, "yes");
      if (strstr (lines[i], "CJK") != NULL)
        cjk = TRUE;
    }
  g_assert_true (cjk);
}

/* PNG at a physical size: the pixels for the size and dpi, the dpi recorded (pHYs), and Cairo
 * reads the file back. */
static void
test_png_dpi (void)
{
  g_autoptr(ShzMaturityMap) map = map_with (demo_model ());
  g_autofree char *path = g_build_filename (tmpdir, "a4.png", NULL);
  g_autofree char *data = NULL;
  ShzExportOptions options;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *s;
  gsize len;
  const guint8 *phys;

  g_assert_true (shz_export_options_from_preset ("a4", SHZ_EXPORT_PNG, &options));
  g_assert_true (shz_chart_export (SHZ_CHART (map), &options, path, &error));
  g_assert_no_error (error);
  s = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 3508);    /* 297 mm at 300 dpi */
  g_assert_cmpint (cairo_image_surface_get_height (s), ==, 2480);
  cairo_surface_destroy (s);
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  phys = NULL;
  for (gsize i = 8; i + 13 <= len && phys == NULL; i++)   /* after the signature */
    if (memcmp (data + i, "pHYs", 4) == 0)
      phys = (const guint8 *) data + i;
  g_assert_nonnull (phys);
  g_assert_cmpuint ((guint32) phys[4] << 24 | phys[5] << 16 | phys[6] << 8 | phys[7], ==, 11811);  /* 300 dpi */
  g_assert_cmpuint (phys[12], ==, 1);   /* unit: metre */
}

static void
test_export_errors (void)
{
  g_autoptr(ShzMaturityMap) map = map_with (demo_model ());
  ShzExportOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "no-such-dir", "x.png", NULL);
  ShzExportFormat fmt;

  shz_export_options_init (&options, SHZ_EXPORT_PNG);
  options.dpi = 1200;
  g_assert_false (shz_chart_export (SHZ_CHART (map), &options, path, &error));
  g_assert_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_INVALID);
  g_clear_error (&error);

  shz_export_options_init (&options, SHZ_EXPORT_PNG);
  g_assert_false (shz_chart_export (SHZ_CHART (map), &options, path, &error));
  g_assert_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_IO);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_true (shz_export_format_from_path ("a/b.SVG", &fmt));
  g_assert_cmpint (fmt, ==, SHZ_EXPORT_SVG);
  g_assert_false (shz_export_format_from_path ("a.b/c", &fmt));
  g_assert_true (shz_export_options_from_preset ("slide", SHZ_EXPORT_PNG, &options));
  {
    double wu, hu, sc;
    int wp, hp;
    g_assert_true (shz_export_options_resolve (&options, &wu, &hu, &wp, &hp, &sc, NULL));
    g_assert_cmpint (wp, ==, 2000);
    g_assert_cmpint (hp, ==, 1125);
  }
}

/* ---- from a store ---- */

static ShzStore *
demo_store (const char *name,
            gint64     *engagement_id)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;
  ShzStore *store;

  g_unlink (path);
  store = shz_store_open (path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  *engagement_id = shz_store_add_demo_engagement (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (*engagement_id, >, 0);
  return store;
}

static void
add_positions (ShzStore   *store,
               gint64      engagement_id,
               const char *name,
               guint       n_rows,
               gboolean    two_periods)
{
  g_autoptr(ShzDataset) d = shz_dataset_new ();
  g_autoptr(ShzRowInserter) ins = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  gint64 id;
  guint row = 0;

  d->engagement_id = engagement_id;
  d->name = g_strdup (name);
  d->kind = SHZ_KIND_POSITIONS;
  d->source_name = g_strdup ("positions.csv");
  g_assert_true (shz_store_begin (store, &error));
  id = shz_store_create_dataset (store, d, &error);
  g_assert_no_error (error);
  ins = shz_row_inserter_new (store, id, SHZ_KIND_POSITIONS, &error);
  g_assert_no_error (error);
  for (guint p = 0; p < (two_periods ? 2u : 1u); p++)
    for (guint i = 0; i < n_rows; i++)
      {
        g_autofree char *entity = n_rows > 6 ? g_strdup_printf ("E%05u", i) : g_strdup (industries[i % 6]);
        ShzPositionRow r = {
          .row_no = ++row,
          .entity = entity,
          .group = industries[i % 6],
          .period = p == 0 ? "2019" : "2020",
          .maturity = CLAMP (15 + (i % 6) * 13 + p * 5 + g_rand_double_range (rand, -5, 5), 0, 100),
          .innovation = CLAMP (10 + (i % 6) * 12 + p * 8 + g_rand_double_range (rand, -5, 5), 0, 100),
          .size = g_rand_double_range (rand, 1, 100),
          .maturity_lo = NAN, .maturity_hi = NAN, .innovation_lo = NAN, .innovation_hi = NAN,
        };
        g_assert_true (shz_row_inserter_add_position (ins, &r, &error));
        g_assert_no_error (error);
      }
  g_clear_pointer (&ins, shz_row_inserter_free);
  g_assert_true (shz_store_set_dataset_counts (store, id, row, 0, &error));
  g_assert_true (shz_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
test_store_demo (void)
{
  gint64 eid;
  g_autoptr(ShzStore) store = demo_store ("demo.shuzhi", &eid);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzChart) chart = shz_chart_new ("maturity-map", &error);
  const ShzMaturityLayout *l;
  ShzMaturityModel *m;
  g_autofree char *desc = NULL;

  g_assert_no_error (error);
  g_assert_true (shz_chart_load_settings_from_store (chart, store, eid, &error));
  g_assert_true (shz_chart_load (chart, store, eid, NULL, NULL, &error));
  g_assert_no_error (error);
  m = shz_maturity_map_get_model (SHZ_MATURITY_MAP (chart));
  g_assert_cmpuint (m->entities->len, ==, 6);
  g_assert_true (m->illustrative);
  g_assert_cmpstr (m->period, ==, "2019");
  shz_chart_ensure_layout (chart, NULL, 1600, 1200);
  l = shz_maturity_map_get_layout (SHZ_MATURITY_MAP (chart));
  check_layout (l);
  /* the dataset's note is on the chart, and its provenance in the source line */
  g_assert_nonnull (l->note_text);
  g_assert_nonnull (strstr (l->note_text, m->note));
  g_assert_nonnull (strstr (l->source_text, m->source));
  /* the client's industry (the engagement's) is highlighted */
  {
    guint highlighted = 0;
    for (guint i = 0; i < l->bubbles->len; i++)
      highlighted += g_array_index (l->bubbles, ShzMaturityBubble, i).is_client;
    g_assert_cmpuint (highlighted, ==, 1);
  }
  desc = shz_chart_describe (chart);
  for (guint i = 0; i < G_N_ELEMENTS (industries); i++)
    g_assert_nonnull (strstr (desc, industries[i]));

  /* settings go to the store and come back */
  g_assert_true (shz_chart_save_settings_to_store (chart, store, eid, &error));
  g_assert_no_error (error);
  {
    g_autofree char *saved = shz_store_get_chart_settings (store, eid, "maturity-map", &error);
    g_assert_nonnull (saved);
    g_assert_nonnull (strstr (saved, "[maturity-map]"));
  }
  /* … as one step of the undo history, named after the chart in the UI language */
  {
    g_autofree char *label = shz_store_get_undo_label (store);
    g_assert_cmpstr (label, ==, "Change chart: Maturity map");
  }

  /* a dataset of another kind or a missing one: a clear error */
  g_assert_false (shz_chart_load (chart, store, eid, "no such dataset", NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (shz_chart_load (chart, store, eid, NULL, "1999", &error));
  g_assert_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_NO_DATA);
}

static void
test_store_periods (void)
{
  gint64 eid;
  g_autoptr(ShzStore) store = demo_store ("periods.shuzhi", &eid);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzChart) chart = shz_chart_new ("maturity-map", &error);
  const ShzMaturityLayout *l;
  ShzMaturityModel *m;

  add_positions (store, eid, "two years", 6, TRUE);
  g_assert_true (shz_chart_load (chart, store, eid, "two years", NULL, &error));
  g_assert_no_error (error);
  m = shz_maturity_map_get_model (SHZ_MATURITY_MAP (chart));
  g_assert_cmpuint (m->periods->len, ==, 2);
  g_assert_cmpstr (m->period, ==, "2020");
  g_assert_cmpstr (m->previous_period, ==, "2019");
  shz_chart_ensure_layout (chart, NULL, 1600, 1200);
  l = shz_maturity_map_get_layout (SHZ_MATURITY_MAP (chart));
  g_assert_cmpuint (l->arrows->len, ==, 6);
  g_assert_nonnull (strstr (l->subtitle_text, "2019 → 2020"));
  check_layout (l);
  /* arrows point from the earlier period towards the later one (both moved up and right) */
  for (guint i = 0; i < l->arrows->len; i++)
    {
      const ShzMaturityArrow *a = &g_array_index (l->arrows, ShzMaturityArrow, i);
      g_assert_cmpfloat (a->y1, <, a->y0);
    }

  g_assert_true (shz_chart_load (chart, store, eid, "two years", "2019", &error));
  g_assert_cmpstr (shz_maturity_map_get_model (SHZ_MATURITY_MAP (chart))->period, ==, "2019");

  /* the dataset and period saved with the chart are what a later load shows */
  {
    g_autofree char *saved = shz_chart_save_settings (chart);
    g_autoptr(ShzChart) again = shz_chart_new ("maturity-map", NULL);
    g_assert_true (shz_chart_load_settings (again, saved, &error));
    g_assert_true (shz_chart_load (again, store, eid, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (shz_maturity_map_get_model (SHZ_MATURITY_MAP (again))->dataset, ==, "two years");
    g_assert_cmpstr (shz_maturity_map_get_model (SHZ_MATURITY_MAP (again))->period, ==, "2019");
  }
}

static void
test_store_enterprises (void)
{
  gint64 eid;
  g_autoptr(ShzStore) store = demo_store ("enterprises.shuzhi", &eid);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzChart) chart = shz_chart_new ("maturity-map", &error);
  ShzMaturityModel *m;

  add_positions (store, eid, "enterprises", 3000, FALSE);
  /* no --dataset: the most recent positions dataset */
  g_assert_true (shz_chart_load (chart, store, eid, NULL, NULL, &error));
  g_assert_no_error (error);
  m = shz_maturity_map_get_model (SHZ_MATURITY_MAP (chart));
  g_assert_cmpuint (m->n_points, ==, 3000);
  g_assert_cmpuint (m->entities->len, ==, 6);     /* a centroid per industry */
  for (guint i = 0; i < m->entities->len; i++)
    {
      ShzMaturityEntity *e = g_ptr_array_index (m->entities, i);
      g_assert_true (e->is_centroid);
      g_assert_cmpint (e->n, ==, 500);
    }
  shz_chart_ensure_layout (chart, NULL, 1600, 1200);
  g_assert_cmpuint (check_layout (shz_maturity_map_get_layout (SHZ_MATURITY_MAP (chart))), ==, 6);
}

static void
test_registry (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzChart) chart = NULL;

  g_assert_true (shz_chart_kind_is_known ("value-network"));
  g_assert_true (shz_chart_kind_is_implemented ("maturity-map"));
  g_assert_false (shz_chart_kind_is_known ("pie"));
  chart = shz_chart_new ("pie", &error);
  g_assert_null (chart);
  g_assert_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_UNKNOWN_KIND);
  chart = shz_chart_new ("maturity-map", NULL);
  g_assert_cmpstr (shz_chart_get_kind (chart), ==, "maturity-map");
  /* every kind has a name of its own; an unknown one is shown as it is */
  {
    const char * const *kinds = shz_chart_list_kinds ();
    for (guint i = 0; kinds[i] != NULL; i++)
      {
        g_assert_cmpstr (shz_chart_kind_get_name (kinds[i]), !=, kinds[i]);
        for (guint j = 0; j < i; j++)
          g_assert_cmpstr (shz_chart_kind_get_name (kinds[i]), !=, shz_chart_kind_get_name (kinds[j]));
      }
    g_assert_cmpstr (shz_chart_kind_get_name ("value-network"), ==, "Full-link ring value network");
    g_assert_cmpstr (shz_chart_kind_get_name ("pie"), ==, "pie");
  }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("shz-test-charts-XXXXXX", NULL);

  g_test_add_func ("/charts/maturity-map/registry", test_registry);
  g_test_add_func ("/charts/maturity-map/layout/demo", test_layout_demo);
  g_test_add_func ("/charts/maturity-map/layout/english", test_layout_english);
  g_test_add_func ("/charts/maturity-map/layout/adversarial", test_layout_adversarial);
  g_test_add_func ("/charts/maturity-map/layout/deterministic", test_layout_deterministic);
  g_test_add_func ("/charts/maturity-map/layout/pinned", test_layout_pinned);
  g_test_add_func ("/charts/maturity-map/layout/hostile", test_layout_hostile);
  g_test_add_func ("/charts/maturity-map/settings", test_settings);
  g_test_add_func ("/charts/maturity-map/render/pixels", test_render_pixels);
  g_test_add_func ("/charts/maturity-map/render/points", test_render_points);
  g_test_add_func ("/charts/maturity-map/export/svg", test_svg);
  g_test_add_func ("/charts/maturity-map/export/pdf-fonts", test_pdf_fonts);
  g_test_add_func ("/charts/maturity-map/export/png-dpi", test_png_dpi);
  g_test_add_func ("/charts/maturity-map/export/errors", test_export_errors);
  g_test_add_func ("/charts/maturity-map/store/demo", test_store_demo);
  g_test_add_func ("/charts/maturity-map/store/periods", test_store_periods);
  g_test_add_func ("/charts/maturity-map/store/enterprises", test_store_enterprises);

  status = g_test_run ();
  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;
    while (dir && (name = g_dir_read_name (dir)))
      {
        g_autofree char *p = g_build_filename (tmpdir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (tmpdir);
  }
  return status;
}
