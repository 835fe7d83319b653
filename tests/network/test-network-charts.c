/* test-network-charts.c — the value-network chart kinds: layout invariants (no overlaps,
 * everything inside the canvas, links ending on node borders) in zh_CN and en at several
 * sizes, with and without an assessment, adversarial links, and render smoke tests that read
 * the pixels of the PNG export.  Set SHZ_TEST_PNG_DIR to keep the PNGs for a look.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "analysis/shz-assessment.h"
#include "shz-big-catalogue.h"
#include "charts/shz-chart.h"
#include "charts/shz-chart-export.h"
#include "charts/shz-network-chart.h"

static const char * const kinds[] = {
  "value-chain", "value-network", "network-compare", "rhc-chains", "evolution-paths",
};

static const struct { double w, h; } sizes[] = {
  { 1600, 1200 }, { 1200, 800 }, { 800, 600 }, { 640, 480 }, { 480, 360 }, { 1920, 1080 }, { 600, 900 },
};
/* fewer for the slow adversarial cases (long texts take Pango long to measure) */
static const struct { double w, h; } few_sizes[] = {
  { 1200, 800 }, { 480, 360 }, { 600, 900 },
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

  f->dir = g_dir_make_tmp ("shz-netcharts-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "t.shuzhi", NULL);
  f->store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->engagement_id = shz_store_add_demo_engagement (f->store, &error);
  g_assert_no_error (error);
  if (GPOINTER_TO_INT (data))
    {
      g_assert_true (shz_demo_add_assessment (f->store, f->engagement_id, &error));
      g_assert_no_error (error);
    }
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

static void
check_layout (ShzChart *chart, const char *what)
{
  ShzNetLayout *l = shz_network_chart_get_layout (SHZ_NETWORK_CHART (chart));
  g_autoptr(GString) problems = g_string_new (NULL);

  g_assert_nonnull (l);
  g_assert_cmpuint (l->nodes->len, >, 0);
  g_assert_cmpuint (l->texts->len, >, 0);
  if (!shz_net_layout_check (l, problems))
    g_error ("%s: %s", what, problems->str);

  /* links end on their nodes' borders */
  for (guint i = 0; i < l->links->len; i++)
    {
      const ShzNetLink *k = &g_array_index (l->links, ShzNetLink, i);
      if (k->source < 0)
        continue;
      g_assert_cmpfloat (shz_net_node_border_distance (shz_net_layout_get_node (l, k->source), k->x0, k->y0), <, 0.5);
      g_assert_cmpfloat (shz_net_node_border_distance (shz_net_layout_get_node (l, k->target), k->x1, k->y1), <, 0.5);
      g_assert_true (k->width > 0);
    }
}

static ShzChart *
load_chart (Fixture *f, const char *kind, ShzChartLang lang)
{
  g_autoptr(GError) error = NULL;
  ShzChart *chart = shz_chart_new (kind, &error);

  g_assert_no_error (error);
  g_assert_true (SHZ_IS_NETWORK_CHART (chart));
  shz_chart_set_lang (chart, lang);
  g_assert_true (shz_chart_load (chart, f->store, f->engagement_id, NULL, NULL, &error));
  g_assert_no_error (error);
  return chart;
}

static gboolean
layout_has_text (ShzChart *chart, const char *needle)
{
  ShzNetLayout *l = shz_network_chart_get_layout (SHZ_NETWORK_CHART (chart));

  for (guint i = 0; i < l->texts->len; i++)
    if (strstr (g_array_index (l->texts, ShzNetText, i).text, needle) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_layouts (Fixture *f, gconstpointer data)
{
  gboolean assessed = GPOINTER_TO_INT (data);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint lang = 0; lang < 2; lang++)
      {
        g_autoptr(ShzChart) chart = NULL;
        chart = load_chart (f, kinds[k], lang == 0 ? SHZ_CHART_LANG_ZH_CN : SHZ_CHART_LANG_EN);

        for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
          {
            g_autofree char *what = g_strdup_printf ("%s %s %g×%g%s", kinds[k], lang == 0 ? "zh_CN" : "en",
                                                     sizes[s].w, sizes[s].h, assessed ? "" : " (not assessed)");
            shz_chart_ensure_layout (chart, NULL, sizes[s].w, sizes[s].h);
            check_layout (chart, what);
            g_assert_cmpuint (shz_chart_get_n_items (chart), >, 0);
            if (!assessed)
              {
                ShzNetLayout *l = shz_network_chart_get_layout (SHZ_NETWORK_CHART (chart));
                g_assert_true (layout_has_text (chart, lang == 0 ? "尚未评估" : "Not assessed yet"));
                /* never an invented score: no "d.d" anywhere */
                for (guint i = 0; i < l->texts->len; i++)
                  g_assert_false (g_regex_match_simple ("[0-9]\\.[0-9]", g_array_index (l->texts, ShzNetText, i).text, 0, 0));
              }
            else
              g_assert_true (layout_has_text (chart, lang == 0 ? "示意数据" : "Illustrative"));
          }
      }
}

/* The exact labels of the whitepaper appear. */
static void
test_labels (Fixture *f, gconstpointer data)
{
  static const struct { const char *kind; const char *labels[8]; } expect[] = {
    { "value-chain", { "单向链式价值链", "商品", "服务", "资金", "存量消费群体", "单向供给关系", NULL } },
    { "value-network", { "全链路环式价值网", "消费者", "生产供应链数据", "金融", "增量消费群体", "多边链接关系", "交易", NULL } },
    { "network-compare", { "单向链式价值链", "全链路环式价值网", NULL } },
    { "rhc-chains", { "数字化消费者", "产品 to 商品全链路", "数字化触点", "最后一公里配送", "触点和转化运营", "交易服务场景", NULL } },
    { "evolution-paths", { "单向商流效率提速", "全链路要素价值共振", "消费互联", "生态互联", "数字化转型", "数智化赋能", "发展思路", NULL } },
  };

  for (guint k = 0; k < G_N_ELEMENTS (expect); k++)
    {
      g_autoptr(ShzChart) chart = NULL;
      chart = load_chart (f, expect[k].kind, SHZ_CHART_LANG_ZH_CN);
      shz_chart_ensure_layout (chart, NULL, 1600, 1200);
      for (guint i = 0; expect[k].labels[i] != NULL; i++)
        if (!layout_has_text (chart, expect[k].labels[i]))
          g_error ("%s lacks “%s”", expect[k].kind, expect[k].labels[i]);
    }
}

/* Adversarial links: self-links, zero weights, many parallel links, a huge weight. */
static void
test_adversarial_links (void)
{
  ShzAssessment *a = shz_assessment_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzChart) chart = NULL;
  static const char * const nodes[] = {
    "consumer", "product", "manufacturing", "brand", "marketing", "channel", "retail", "service",
    "technology", "organisation", "finance", "logistics", "rd-data", "supply-data",
    "channel-data", "terminal-data", "consumer-data",
  };
  static const char * const link_kinds[] = { "transaction", "interaction", "experience" };

  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    for (guint j = 0; j < G_N_ELEMENTS (nodes); j++)
      {
        shz_assessment_add_link (a, nodes[i], nodes[j], (i * 7 + j) % 5 == 0 ? 0 : (i == 1 ? 1e6 : 1 + (i + j) % 4),
                                 link_kinds[(i + j) % 3], SHZ_STATE_TO_BE, &error);
        g_assert_no_error (error);
      }
  chart = shz_chart_new ("value-network", &error);
  g_assert_no_error (error);
  shz_network_chart_set_assessment (SHZ_NETWORK_CHART (chart), a);
  for (guint lang = 0; lang < 2; lang++)
    {
      shz_chart_set_lang (chart, lang == 0 ? SHZ_CHART_LANG_ZH_CN : SHZ_CHART_LANG_EN);
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          g_autofree char *what = g_strdup_printf ("dense %g×%g", sizes[s].w, sizes[s].h);
          shz_chart_ensure_layout (chart, NULL, sizes[s].w, sizes[s].h);
          check_layout (chart, what);
        }
    }
  /* every link is drawn and can be pointed at */
  g_assert_cmpuint (shz_network_chart_get_layout (SHZ_NETWORK_CHART (chart))->links->len, >=,
                    G_N_ELEMENTS (nodes) * G_N_ELEMENTS (nodes));
}

/* Render each kind to PNG and read pixels: not blank, has ink, has the highlight colour. */
static void
test_render (Fixture *f, gconstpointer data)
{
  const char *keep = g_getenv ("SHZ_TEST_PNG_DIR");

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint lang = 0; lang < 2; lang++)
      {
        g_autoptr(ShzChart) chart = NULL;
        g_autoptr(GError) error = NULL;
        g_autofree char *name = g_strdup_printf ("%s-%s%s.png", kinds[k], lang == 0 ? "zh_CN" : "en",
                                                 GPOINTER_TO_INT (data) ? "" : "-empty");
        g_autofree char *path = g_build_filename (keep != NULL ? keep : f->dir, name, NULL);
        ShzExportOptions opts;
        cairo_surface_t *png;
        unsigned char *px;
        int w, h, stride;
        guint64 ink = 0, coloured = 0;

        chart = load_chart (f, kinds[k], lang == 0 ? SHZ_CHART_LANG_ZH_CN : SHZ_CHART_LANG_EN);

        shz_export_options_init (&opts, SHZ_EXPORT_PNG);
        opts.width_px = 1200;
        opts.height_px = 800;
        g_assert_true (shz_chart_export (chart, &opts, path, &error));
        g_assert_no_error (error);

        png = cairo_image_surface_create_from_png (path);
        g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
        w = cairo_image_surface_get_width (png);
        h = cairo_image_surface_get_height (png);
        g_assert_cmpint (w, ==, 1200);
        g_assert_cmpint (h, ==, 800);
        px = cairo_image_surface_get_data (png);
        stride = cairo_image_surface_get_stride (png);
        for (int y = 0; y < h; y += 2)
          for (int x = 0; x < w; x += 2)
            {
              guint32 p = *(guint32 *) (px + y * stride + x * 4);
              int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
              if (r + g + b < 600)
                ink++;
              if (MAX (MAX (r, g), b) - MIN (MIN (r, g), b) > 60)
                coloured++;
            }
        /* a drawing, not an empty page: some ink, some colour, but mostly background */
        g_assert_cmpuint (ink, >, (guint64) (w * h / 4) / 100);
        g_assert_cmpuint (ink, <, (guint64) (w * h / 4) * 70 / 100);
        g_assert_cmpuint (coloured, >, GPOINTER_TO_INT (data) ? (guint64) (w * h / 4) / 200 : 50);
        /* the background corner is the theme's */
        g_assert_cmpuint (*(guint32 *) px & 0xffffff, ==, 0xffffff);
        cairo_surface_destroy (png);
        if (keep == NULL)
          g_unlink (path);
      }
}

/* Long labels (a user's catalogue at the 256-character limit, mixed scripts): still no
 * overlaps and nothing outside the canvas, in every kind that draws the network. */
static void
test_long_labels (void)
{
  g_autoptr(GString) xml = g_string_new ("<catalogue version=\"1\"><framework id=\"value-network\" kind=\"network\">"
                                         "<label xml:lang=\"zh_CN\">长标签网</label><label xml:lang=\"en\">Long labels</label>");
  g_autofree char *lz = NULL;
  g_autofree char *le = NULL;
  GString *z = g_string_new (NULL), *e = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  ShzCatalogue *cat = shz_catalogue_new ();
  static const char * const ids[] = { "consumer", "product", "manufacturing", "brand", "retail", "rd-data", "technology" };

  for (int i = 0; i < 60; i++)
    g_string_append (z, "数智化转");
  for (int i = 0; i < 25; i++)
    g_string_append (e, "Supercalifragilistic ");
  lz = g_utf8_substring (z->str, 0, 250);
  le = g_strndup (e->str, 250);
  g_string_free (z, TRUE);
  g_string_free (e, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_string_append_printf (xml, "<%s id=\"%s\"><label xml:lang=\"zh_CN\">%s</label><label xml:lang=\"en\">%s</label></%s>",
                            i == 0 ? "centre" : i == 5 ? "stream" : i == 6 ? "support" : "stage", ids[i], lz, le,
                            i == 0 ? "centre" : i == 5 ? "stream" : i == 6 ? "support" : "stage");
  g_string_append (xml, "<link-kind id=\"transaction\"><label xml:lang=\"zh_CN\">交易</label><label xml:lang=\"en\">T</label></link-kind>"
                        "<audience id=\"incremental-consumers\"><label xml:lang=\"zh_CN\">");
  g_string_append_printf (xml, "%s</label><label xml:lang=\"en\">%s</label><relation><label xml:lang=\"zh_CN\">%s</label>"
                          "<label xml:lang=\"en\">%s</label></relation></audience></framework></catalogue>", lz, le, lz, le);
  g_assert_true (shz_catalogue_add_bytes (cat, xml->str, xml->len, "long.xml", &error));
  g_assert_no_error (error);

  for (guint k = 0; k < 2; k++)
    {
      const char *kind = k == 0 ? "value-network" : "network-compare";
      g_autoptr(ShzChart) chart = shz_chart_new (kind, &error);
      ShzAssessment *a = shz_assessment_new (cat);

      for (guint i = 1; i < G_N_ELEMENTS (ids); i++)
        {
          shz_assessment_add_link (a, ids[i], "consumer", i, "transaction", SHZ_STATE_TO_BE, &error);
          g_assert_no_error (error);
          shz_assessment_add_score (a, "value-network", ids[i], 5, SHZ_STATE_TO_BE, NULL, &error);
          g_assert_no_error (error);
        }
      shz_network_chart_set_assessment (SHZ_NETWORK_CHART (chart), a);
      for (guint lang = 0; lang < 2; lang++)
        {
          shz_chart_set_lang (chart, lang == 0 ? SHZ_CHART_LANG_ZH_CN : SHZ_CHART_LANG_EN);
          for (guint s = 0; s < G_N_ELEMENTS (few_sizes); s++)
            {
              g_autofree char *what = g_strdup_printf ("%s long labels %g×%g", kind, few_sizes[s].w, few_sizes[s].h);
              shz_chart_ensure_layout (chart, NULL, few_sizes[s].w, few_sizes[s].h);
              check_layout (chart, what);
            }
        }
    }
  /* the catalogue outlives the charts that borrowed it */
  shz_catalogue_free (cat);
}

/* A user's catalogue with a big value network (shz-big-catalogue.h). */
static ShzCatalogue *
make_big_catalogue (guint n_stage, guint n_stream, guint n_support)
{
  g_autoptr(GError) error = NULL;
  ShzCatalogue *cat = shz_big_catalogue_new (n_stage, n_stream, n_support, NULL, &error);

  g_assert_no_error (error);
  return cat;
}

/* @n_links deterministic to-be links among all nodes of make_big_catalogue(), a score on every
 * third node (two-line labels).  @n_distinct: how many differ in source, target or kind (the
 * comparison draws each such link once). */
static ShzAssessment *
make_big_assessment (ShzCatalogue *cat, guint n_nodes, guint n_links, guint *n_distinct)
{
  static const char * const link_kinds[] = { "transaction", "interaction", "experience" };
  ShzAssessment *a = shz_assessment_new (cat);
  g_autoptr(GRand) rand = g_rand_new_with_seed (200);
  g_autoptr(GHashTable) distinct = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_links; i++)
    {
      g_autofree char *s = g_strdup_printf ("n%03u", g_rand_int_range (rand, 1, n_nodes + 1));
      g_autofree char *t = g_strdup_printf ("n%03u", g_rand_int_range (rand, 1, n_nodes + 1));
      shz_assessment_add_link (a, s, t, g_rand_double_range (rand, 0, 10), link_kinds[i % 3], SHZ_STATE_TO_BE, &error);
      g_assert_no_error (error);
      g_hash_table_add (distinct, g_strdup_printf ("%s>%s:%s", s, t, link_kinds[i % 3]));
    }
  *n_distinct = g_hash_table_size (distinct);
  for (guint i = 1; i < n_nodes; i += 3)
    {
      g_autofree char *id = g_strdup_printf ("n%03u", i + 1);
      shz_assessment_add_score (a, "value-network", id, 1 + i % 5 * 0.9, SHZ_STATE_TO_BE, NULL, &error);
      g_assert_no_error (error);
    }
  return a;
}

/* At 1600 × 1000 the 200 nodes are legible: every node of the ring labelled at the legible size
 * or larger, and the short labels ("节点 17", "Node 17") whole; only the long ones may be cut. */
static void
check_big_labels (ShzNetLayout *l, gboolean zh)
{
  for (guint i = 0; i < l->nodes->len; i++)
    {
      const ShzNetNode *n = &g_array_index (l->nodes, ShzNetNode, i);
      const ShzNetText *t = NULL;
      guint number;

      if (!n->movable)
        continue;
      for (guint k = 0; k < l->texts->len && t == NULL; k++)
        if (g_array_index (l->texts, ShzNetText, k).node == (int) i)
          t = &g_array_index (l->texts, ShzNetText, k);
      if (t == NULL)
        g_error ("node %s has no label", n->id);
      g_assert_cmpfloat (t->size, >=, 11 - 1e-6);
      number = (guint) g_ascii_strtoull (n->id + 1, NULL, 10);
      if (number % 7 != 4)
        {
          g_autofree char *label = g_strdup_printf (zh ? "节点 %u" : "Node %u", number);
          g_auto(GStrv) lines = g_strsplit (t->text, "\n", 2);
          g_assert_cmpstr (lines[0], ==, label);
        }
    }
}

/* 200 nodes and 2,000 links (a user's catalogue): every node placed and movable, nothing
 * overlapping, everything inside the canvas, links on node borders, in both languages at the
 * usual sizes; and labelled where the nodes are big enough. */
static void
test_200_nodes (void)
{
  static const struct { double w, h; } big_sizes[] = {
    { 1600, 1000 }, { 1200, 800 }, { 480, 360 }, { 600, 900 },
  };
  ShzCatalogue *cat = make_big_catalogue (140, 30, 29);
  const char *keep = g_getenv ("SHZ_TEST_PNG_DIR");
  g_autoptr(GError) error = NULL;

  for (guint k = 0; k < 2; k++)
    {
      const char *kind = k == 0 ? "value-network" : "network-compare";
      g_autoptr(ShzChart) chart = shz_chart_new (kind, &error);
      guint n_distinct;

      g_assert_no_error (error);
      shz_network_chart_set_assessment (SHZ_NETWORK_CHART (chart), make_big_assessment (cat, 200, 2000, &n_distinct));
      g_assert_cmpuint (n_distinct, >, 1900);
      for (guint lang = 0; lang < 2; lang++)
        {
          shz_chart_set_lang (chart, lang == 0 ? SHZ_CHART_LANG_ZH_CN : SHZ_CHART_LANG_EN);
          for (guint s = 0; s < G_N_ELEMENTS (big_sizes); s++)
            {
              g_autofree char *what = g_strdup_printf ("%s 200 nodes %s %g×%g", kind, lang == 0 ? "zh_CN" : "en",
                                                       big_sizes[s].w, big_sizes[s].h);
              ShzNetLayout *l;
              guint n_movable = 0, n_links = 0;

              shz_chart_ensure_layout (chart, NULL, big_sizes[s].w, big_sizes[s].h);
              /* before the checks: a picture of what failed */
              if (keep != NULL)
                {
                  g_autofree char *name = g_strdup_printf ("%s-200-%s-%g.png", kind, lang == 0 ? "zh_CN" : "en", big_sizes[s].w);
                  g_autofree char *path = g_build_filename (keep, name, NULL);
                  ShzExportOptions opts;

                  shz_export_options_init (&opts, SHZ_EXPORT_PNG);
                  opts.width_px = (int) big_sizes[s].w;
                  opts.height_px = (int) big_sizes[s].h;
                  g_assert_true (shz_chart_export (chart, &opts, path, &error));
                  g_assert_no_error (error);
                }
              check_layout (chart, what);
              l = shz_network_chart_get_layout (SHZ_NETWORK_CHART (chart));
              for (guint i = 0; i < l->nodes->len; i++)
                n_movable += g_array_index (l->nodes, ShzNetNode, i).movable;
              for (guint i = 0; i < l->links->len; i++)
                n_links += g_array_index (l->links, ShzNetLink, i).id != NULL;
              g_test_message ("%s: %u movable nodes, %u links", what, n_movable, n_links);
              /* the layout did not give up: every node of the ring found a place */
              g_assert_cmpuint (n_movable, ==, 200);
              g_assert_cmpuint (n_links, ==, k == 0 ? 2000 : n_distinct);
              if (k == 0 && s == 0)
                {
                  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (ShzRect));
                  ShzRect moved_from = { 0 };

                  check_big_labels (l, lang == 0);
                  /* laid out again (as at each step of a drag, from what the chart kept of the
                   * last fit): the same picture */
                  for (guint i = 0; i < l->nodes->len; i++)
                    g_array_append_val (rects, g_array_index (l->nodes, ShzNetNode, i).rect);
                  shz_chart_invalidate (chart);
                  shz_chart_ensure_layout (chart, NULL, big_sizes[s].w, big_sizes[s].h);
                  l = shz_network_chart_get_layout (SHZ_NETWORK_CHART (chart));
                  g_assert_cmpuint (l->nodes->len, ==, rects->len);
                  for (guint i = 0; i < l->nodes->len; i++)
                    {
                      const ShzRect *a = &g_array_index (rects, ShzRect, i), *b = &g_array_index (l->nodes, ShzNetNode, i).rect;
                      g_assert_cmpfloat (a->x, ==, b->x);
                      g_assert_cmpfloat (a->y, ==, b->y);
                      g_assert_cmpfloat (a->width, ==, b->width);
                      g_assert_cmpfloat (a->height, ==, b->height);
                      if (g_strcmp0 (g_array_index (l->nodes, ShzNetNode, i).id, "n005") == 0)
                        moved_from = *b;
                    }
                  /* a stage dragged into the crowd: still nothing overlaps, and it moved */
                  g_assert_true (shz_chart_move_item (chart, "n005", 40, 25));
                  shz_chart_ensure_layout (chart, NULL, big_sizes[s].w, big_sizes[s].h);
                  check_layout (chart, what);
                  l = shz_network_chart_get_layout (SHZ_NETWORK_CHART (chart));
                  for (guint i = 0; i < l->nodes->len; i++)
                    if (g_strcmp0 (g_array_index (l->nodes, ShzNetNode, i).id, "n005") == 0)
                      g_assert_true (g_array_index (l->nodes, ShzNetNode, i).rect.x != moved_from.x ||
                                     g_array_index (l->nodes, ShzNetNode, i).rect.y != moved_from.y);
                  g_assert_true (shz_chart_reset_layout (chart));
                }
              /* however small the canvas, the centre keeps its name (the room round it is
               * given to the labels that matter most) */
              if (k == 0)
                {
                  gboolean named = FALSE;
                  for (guint i = 0; i < l->texts->len; i++)
                    {
                      const ShzNetText *t = &g_array_index (l->texts, ShzNetText, i);
                      named |= t->node >= 0 && g_strcmp0 (g_array_index (l->nodes, ShzNetNode, t->node).id, "n001") == 0 &&
                               g_str_has_prefix (t->text, lang == 0 ? "节点 1" : "Node 1");
                    }
                  g_assert_true (named);
                }
            }
        }
    }
  shz_catalogue_free (cat);
}

/* The 200-node catalogue with a value chain of its 140 stages (shz_big_catalogue_add_chain()):
 * the as-is chain stage to stage and on to the centre, some as-is links across it and to other
 * nodes, the to-be links of make_big_assessment(), as-is scores on every third stage. */
static ShzAssessment *
make_big_chain_assessment (ShzCatalogue *cat, guint n_stage, guint n_nodes)
{
  guint n_distinct;
  ShzAssessment *a = make_big_assessment (cat, n_nodes, 600, &n_distinct);
  g_autoptr(GRand) rand = g_rand_new_with_seed (140);
  g_autoptr(GError) error = NULL;

  for (guint i = 2; i <= n_stage + 1; i++)
    {
      g_autofree char *s = g_strdup_printf ("n%03u", i);
      g_autofree char *t = i <= n_stage ? g_strdup_printf ("n%03u", i + 1) : g_strdup ("n001");

      shz_assessment_add_link (a, s, t, 1 + i % 5, "transaction", SHZ_STATE_AS_IS, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *s = g_strdup_printf ("n%03u", g_rand_int_range (rand, 2, n_stage + 2));
      /* every fourth to a data stream or a supporting element: the side column */
      g_autofree char *t = g_strdup_printf ("n%03u", i % 4 == 0 ? g_rand_int_range (rand, n_stage + 2, n_nodes + 1)
                                                                 : g_rand_int_range (rand, 2, n_stage + 2));

      shz_assessment_add_link (a, s, t, g_rand_double_range (rand, 1, 5), "interaction", SHZ_STATE_AS_IS, &error);
      g_assert_no_error (error);
    }
  for (guint i = 2; i <= n_stage + 1; i += 3)
    {
      g_autofree char *id = g_strdup_printf ("n%03u", i);
      shz_assessment_add_score (a, "value-chain", id, i % 6, SHZ_STATE_AS_IS, NULL, &error);
      g_assert_no_error (error);
    }
  return a;
}

/* The chain node of stage @i (2 …) in the layout of @kind, or NULL. */
static const ShzNetNode *
find_chain_node (ShzNetLayout *l, const char *kind, guint i, int *index)
{
  g_autofree char *id = g_strdup_printf (g_str_equal (kind, "network-compare") ? "n%03u:as-is" : "n%03u", i);

  for (guint k = 0; k < l->nodes->len; k++)
    if (g_strcmp0 (g_array_index (l->nodes, ShzNetNode, k).id, id) == 0)
      {
        *index = (int) k;
        return &g_array_index (l->nodes, ShzNetNode, k);
      }
  return NULL;
}

/* A value chain of 140 stages (in a catalogue of 200 nodes), in the value chain and in the
 * comparison: every stage placed and labelled, nothing overlapping, everything inside the
 * canvas, links on node borders, in both languages at several sizes; on a canvas of a chart
 * pane's size and up (landscape for the comparison) every stage's label on one line at the
 * legible size or larger, the short ones whole,
 * the whole label in the node's description; and the chain reads in order, each stage beside
 * the one before it (below or above it in the comparison's snaking columns, after it in the
 * value chain's rows or first in the next row). */
static void
test_200_nodes_chain (void)
{
  static const struct { double w, h; } big_sizes[] = {
    { 1600, 1000 }, { 1200, 800 }, { 600, 900 }, { 1920, 1080 }, { 480, 360 },
  };
  static const char * const chain_kinds[] = { "value-chain", "network-compare" };
  const guint n_stage = 140;
  ShzCatalogue *cat = make_big_catalogue (n_stage, 30, 29);
  const char *keep = g_getenv ("SHZ_TEST_PNG_DIR");
  g_autoptr(GError) error = NULL;

  g_assert_true (shz_big_catalogue_add_chain (cat, n_stage, 4, &error));
  g_assert_no_error (error);
  for (guint k = 0; k < G_N_ELEMENTS (chain_kinds); k++)
    {
      const char *kind = chain_kinds[k];
      g_autoptr(ShzChart) chart = shz_chart_new (kind, &error);

      g_assert_no_error (error);
      shz_network_chart_set_assessment (SHZ_NETWORK_CHART (chart), make_big_chain_assessment (cat, n_stage, 200));
      for (guint lang = 0; lang < 2; lang++)
        {
          shz_chart_set_lang (chart, lang == 0 ? SHZ_CHART_LANG_ZH_CN : SHZ_CHART_LANG_EN);
          for (guint s = 0; s < G_N_ELEMENTS (big_sizes); s++)
            {
              double w = big_sizes[s].w, h = big_sizes[s].h;
              /* legible on a canvas of a chart pane's size and up; the comparison's chain only
               * beside the ring (a portrait canvas stacks them, and 141 boxes at 11 px would
               * leave the ring no room): there its text shrinks, no further than to 60 % */
              gboolean pane = w >= 560 && h >= 650 && (k == 0 || w > h);
              double smallest = 0.6 * shz_network_chart_legible (w, h);
              g_autofree char *what = g_strdup_printf ("%s 140-stage chain %s %g×%g", kind, lang == 0 ? "zh_CN" : "en", w, h);
              const ShzNetNode *prev = NULL;
              double least = G_MAXDOUBLE;
              ShzNetLayout *l;

              shz_chart_ensure_layout (chart, NULL, w, h);
              if (keep != NULL)
                {
                  g_autofree char *name = g_strdup_printf ("%s-chain-200-%s-%gx%g.png", kind, lang == 0 ? "zh_CN" : "en", w, h);
                  g_autofree char *path = g_build_filename (keep, name, NULL);
                  ShzExportOptions opts;

                  shz_export_options_init (&opts, SHZ_EXPORT_PNG);
                  opts.width_px = (int) w;
                  opts.height_px = (int) h;
                  g_assert_true (shz_chart_export (chart, &opts, path, &error));
                  g_assert_no_error (error);
                }
              check_layout (chart, what);
              l = shz_network_chart_get_layout (SHZ_NETWORK_CHART (chart));
              for (guint i = 2; i <= n_stage + 1; i++)
                {
                  int ni = -1;
                  const ShzNetNode *n = find_chain_node (l, kind, i, &ni);
                  const ShzNetText *t = NULL;
                  g_autofree char *label = g_strdup_printf (lang == 0 ? "节点 %u" : "Node %u", i);

                  if (n == NULL)
                    g_error ("%s: stage n%03u is missing", what, i);
                  for (guint j = 0; j < l->texts->len && t == NULL; j++)
                    if (g_array_index (l->texts, ShzNetText, j).node == ni)
                      t = &g_array_index (l->texts, ShzNetText, j);
                  if (t == NULL)
                    g_error ("%s: stage n%03u has no label", what, i);
                  /* the whole label is the node's description (tooltip, inspector) */
                  g_assert_true (g_str_has_prefix (n->description, label));
                  if (i % 7 == 4)
                    g_assert_nonnull (strstr (n->description, lang == 0 ? "全渠道会员运营与数据中台协同" : "omnichannel membership operations"));
                  least = MIN (least, t->size);
                  if (t->size < smallest - 1e-6)
                    g_error ("%s: the label of stage n%03u is %.2f px (below %.2f)", what, i, t->size, smallest);
                  if (pane)
                    {
                      g_autofree char *whole = g_strdup_printf ("%s ", label);
                      g_autofree char *text = g_strconcat (t->text, " ", NULL);

                      if (t->size < 11 - 1e-6)
                        g_error ("%s: the label of stage n%03u is %.2f px (below 11)", what, i, t->size);
                      /* one line, the short labels whole (the long ones may be cut) */
                      g_assert_null (strchr (t->text, '\n'));
                      if (i % 7 != 4 && !g_str_has_prefix (text, whole))
                        g_error ("%s: “%s” is not the whole label “%s”", what, t->text, label);
                    }
                  /* reading order: each stage beside the one before */
                  if (prev != NULL)
                    {
                      double dx = n->rect.x - prev->rect.x, dy = n->rect.y - prev->rect.y;
                      gboolean beside;

                      if (k == 1)
                        /* snaking columns: the next row of the column, or the same row of the next column */
                        beside = (fabs (dx) < 0.5 && fabs (dy) < 2.5 * n->rect.height && fabs (dy) > n->rect.height) ||
                                 (fabs (dy) < 0.5 && dx > prev->rect.width && dx < 4 * prev->rect.width);
                      else
                        /* rows like lines of text: next in the row, or first of the next row */
                        beside = (fabs (dy) < 0.5 && dx > prev->rect.width * 0.5 && dx < 1.5 * prev->rect.width) ||
                                 (dy > prev->rect.height && dy < 2.5 * prev->rect.height && n->rect.x < prev->rect.x);
                      if (!beside)
                        g_error ("%s: stage n%03u is not beside n%03u (%g, %g → %g, %g)", what, i, i - 1,
                                 prev->rect.x, prev->rect.y, n->rect.x, n->rect.y);
                    }
                  prev = n;
                }
              g_test_message ("%s: stage labels %.2f px and up", what, least);
            }
        }
    }
  shz_catalogue_free (cat);
}

/* Other shapes of big value chains: 140 stages linked only one to the next (no side column: on
 * a portrait canvas the comparison's heading would sit beside a single column), 400 stages, and
 * 60 with 40 supporting elements: nothing overlaps, everything inside the canvas, every stage
 * labelled, in both kinds and languages. */
static void
test_many_stages_shapes (void)
{
  static const struct { guint stages, supports; gboolean across; } shapes[] = {
    { 140, 4, FALSE }, { 400, 6, TRUE }, { 60, 40, TRUE },
  };
  static const struct { double w, h; } shape_sizes[] = { { 1200, 800 }, { 600, 900 } };
  static const char * const chain_kinds[] = { "value-chain", "network-compare" };
  g_autoptr(GError) error = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (shapes); k++)
    {
      guint n = 1 + shapes[k].stages + 20 + 19;
      ShzCatalogue *cat = make_big_catalogue (shapes[k].stages, 20, 19);

      g_assert_true (shz_big_catalogue_add_chain (cat, shapes[k].stages, shapes[k].supports, &error));
      g_assert_no_error (error);
      for (guint c = 0; c < G_N_ELEMENTS (chain_kinds); c++)
        {
          g_autoptr(ShzChart) chart = shz_chart_new (chain_kinds[c], &error);
          ShzAssessment *a = shz_assessment_new (cat);

          for (guint i = 2; i <= shapes[k].stages + 1; i++)
            {
              g_autofree char *src = g_strdup_printf ("n%03u", i);
              g_autofree char *dst = i <= shapes[k].stages ? g_strdup_printf ("n%03u", i + 1) : g_strdup ("n001");
              g_autofree char *far = g_strdup_printf ("n%03u", 2 + (i * 37) % shapes[k].stages);

              shz_assessment_add_link (a, src, dst, 1 + i % 4, "transaction", SHZ_STATE_AS_IS, &error);
              if (shapes[k].across && i % 9 == 0)
                shz_assessment_add_link (a, src, far, 2, "interaction", SHZ_STATE_AS_IS, &error);
              if (shapes[k].across && i % 23 == 0)
                shz_assessment_add_link (a, src, "n001", 2, "experience", SHZ_STATE_TO_BE, &error);
              g_assert_no_error (error);
              if (i % 4 == 0)
                shz_assessment_add_score (a, "value-chain", src, i % 6, SHZ_STATE_AS_IS, NULL, &error);
              g_assert_no_error (error);
            }
          if (shapes[k].across)
            {
              /* one to the last supporting element: a side column */
              g_autofree char *last = g_strdup_printf ("n%03u", n);
              shz_assessment_add_link (a, "n002", last, 2, "interaction", SHZ_STATE_AS_IS, &error);
              g_assert_no_error (error);
            }
          shz_network_chart_set_assessment (SHZ_NETWORK_CHART (chart), a);
          for (guint lang = 0; lang < 2; lang++)
            for (guint s = 0; s < G_N_ELEMENTS (shape_sizes); s++)
              {
                g_autofree char *what = g_strdup_printf ("%s %u stages, %u supports %s %g×%g", chain_kinds[c],
                                                         shapes[k].stages, shapes[k].supports, lang == 0 ? "zh_CN" : "en",
                                                         shape_sizes[s].w, shape_sizes[s].h);
                ShzNetLayout *l;

                shz_chart_set_lang (chart, lang == 0 ? SHZ_CHART_LANG_ZH_CN : SHZ_CHART_LANG_EN);
                shz_chart_ensure_layout (chart, NULL, shape_sizes[s].w, shape_sizes[s].h);
                if (g_getenv ("SHZ_TEST_PNG_DIR") != NULL)
                  {
                    g_autofree char *name = g_strdup_printf ("%s-%u-stages-%s-%gx%g.png", chain_kinds[c], shapes[k].stages,
                                                             lang == 0 ? "zh_CN" : "en", shape_sizes[s].w, shape_sizes[s].h);
                    g_autofree char *path = g_build_filename (g_getenv ("SHZ_TEST_PNG_DIR"), name, NULL);
                    ShzExportOptions opts;

                    shz_export_options_init (&opts, SHZ_EXPORT_PNG);
                    opts.width_px = (int) shape_sizes[s].w;
                    opts.height_px = (int) shape_sizes[s].h;
                    g_assert_true (shz_chart_export (chart, &opts, path, &error));
                    g_assert_no_error (error);
                  }
                check_layout (chart, what);
                l = shz_network_chart_get_layout (SHZ_NETWORK_CHART (chart));
                for (guint i = 2; i <= shapes[k].stages + 1; i++)
                  {
                    int ni = -1;
                    gboolean labelled = FALSE;

                    if (find_chain_node (l, chain_kinds[c], i, &ni) == NULL)
                      g_error ("%s: stage n%03u is missing", what, i);
                    for (guint j = 0; j < l->texts->len && !labelled; j++)
                      labelled = g_array_index (l->texts, ShzNetText, j).node == ni;
                    if (!labelled)
                      g_error ("%s: stage n%03u has no label", what, i);
                  }
              }
        }
      shz_catalogue_free (cat);
    }
}

/* Other shapes of big networks: stages only, mostly supports (several rounds of them round
 * the edge), mostly streams, and 500 nodes. */
static void
test_many_nodes_shapes (void)
{
  static const struct { guint stages, streams, supports; } shapes[] = {
    { 299, 0, 0 }, { 10, 5, 185 }, { 20, 150, 29 }, { 350, 75, 74 },
  };
  g_autoptr(GError) error = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (shapes); k++)
    {
      guint n = 1 + shapes[k].stages + shapes[k].streams + shapes[k].supports, n_distinct;
      ShzCatalogue *cat = make_big_catalogue (shapes[k].stages, shapes[k].streams, shapes[k].supports);
      g_autoptr(ShzChart) chart = shz_chart_new ("value-network", &error);

      g_assert_no_error (error);
      shz_network_chart_set_assessment (SHZ_NETWORK_CHART (chart), make_big_assessment (cat, n, 600, &n_distinct));
      for (guint lang = 0; lang < 2; lang++)
        {
          g_autofree char *what = g_strdup_printf ("%u stages, %u streams, %u supports, %s", shapes[k].stages,
                                                   shapes[k].streams, shapes[k].supports, lang == 0 ? "zh_CN" : "en");
          ShzNetLayout *l;
          guint n_movable = 0;

          shz_chart_set_lang (chart, lang == 0 ? SHZ_CHART_LANG_ZH_CN : SHZ_CHART_LANG_EN);
          shz_chart_ensure_layout (chart, NULL, 1200, 800);
          check_layout (chart, what);
          l = shz_network_chart_get_layout (SHZ_NETWORK_CHART (chart));
          for (guint i = 0; i < l->nodes->len; i++)
            n_movable += g_array_index (l->nodes, ShzNetNode, i).movable;
          g_assert_cmpuint (n_movable, ==, n);
        }
      g_clear_object (&chart);
      shz_catalogue_free (cat);
    }
}

/* Every shipped framework with every label blown up to ~200 characters: all five kinds still
 * lay out without overlaps, inside the canvas. */
static void
test_long_labels_all_kinds (void)
{
  static const char * const files[] = { "value-chain.xml", "value-network.xml", "rhc-chains.xml", "evolution-paths.xml" };
  const char *src = g_getenv ("SHZ_SOURCE_DATADIR");
  g_autoptr(GRegex) re = g_regex_new ("(<label xml:lang=\"[a-zA-Z_]+\">)[^<]*(</label>)", 0, 0, NULL);
  ShzCatalogue *cat = shz_catalogue_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (src != NULL ? src : SOURCE_DATADIR, "catalogues", files[i], NULL);
      g_autofree char *xml = NULL;
      g_autofree char *longer = NULL;

      g_assert_true (g_file_get_contents (path, &xml, NULL, &error));
      longer = g_regex_replace (re, xml, -1, 0,
                                "\\1数智化转型 Digital-intelligence transformation of the whole consumer-goods "
                                "ecosystem 全链路数智化转型 with a label far longer than any chart expects\\2", 0, &error);
      g_assert_no_error (error);
      g_assert_true (shz_catalogue_add_bytes (cat, longer, strlen (longer), files[i], &error));
      g_assert_no_error (error);
    }

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(ShzChart) chart = shz_chart_new (kinds[k], &error);
      ShzAssessment *a = shz_assessment_new (cat);

      for (guint f = 0; f < shz_catalogue_get_n_frameworks (cat); f++)
        {
          const ShzCatFramework *fw = shz_catalogue_get_framework (cat, f);
          for (guint i = 0; i < fw->items->len; i++)
            {
              const ShzCatItem *it = fw->items->pdata[i];
              if (it->scored)
                {
                  shz_assessment_add_score (a, fw->id, it->id, 1 + i % 4, SHZ_STATE_AS_IS, NULL, &error);
                  shz_assessment_add_score (a, fw->id, it->id, 2 + i % 3, SHZ_STATE_TO_BE, NULL, &error);
                  g_assert_no_error (error);
                }
            }
        }
      shz_assessment_add_link (a, "product", "manufacturing", 2, "transaction", SHZ_STATE_AS_IS, &error);
      shz_assessment_add_link (a, "retail", "consumer", 2, "transaction", SHZ_STATE_AS_IS, &error);
      shz_assessment_add_link (a, "consumer", "product", 3, "interaction", SHZ_STATE_TO_BE, &error);
      shz_assessment_add_link (a, "consumer-data", "brand", 3, "experience", SHZ_STATE_TO_BE, &error);
      g_assert_no_error (error);
      shz_network_chart_set_assessment (SHZ_NETWORK_CHART (chart), a);
      for (guint lang = 0; lang < 2; lang++)
        {
          shz_chart_set_lang (chart, lang == 0 ? SHZ_CHART_LANG_ZH_CN : SHZ_CHART_LANG_EN);
          for (guint s = 0; s < G_N_ELEMENTS (few_sizes); s++)
            {
              g_autofree char *what = g_strdup_printf ("%s all-long %s %g×%g", kinds[k], lang == 0 ? "zh_CN" : "en",
                                                       few_sizes[s].w, few_sizes[s].h);
              shz_chart_ensure_layout (chart, NULL, few_sizes[s].w, few_sizes[s].h);
              check_layout (chart, what);
            }
        }
    }
  shz_catalogue_free (cat);
}

/* Smallest font size (chart units = pixels at 96 dpi) of the layout's texts, and the text. */
static double
smallest_text (ShzChart *chart, const char **which)
{
  ShzNetLayout *l = shz_network_chart_get_layout (SHZ_NETWORK_CHART (chart));
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < l->texts->len; i++)
    {
      const ShzNetText *t = &g_array_index (l->texts, ShzNetText, i);
      if (t->size < best)
        {
          best = t->size;
          if (which != NULL)
            *which = t->text;
        }
    }
  return best;
}

/* Legible on screen: in a chart pane of the window's usual sizes (and at 1200 × 800) every text
 * of every kind is at least 11 px, the title at least 14 px, every node labelled, none of the
 * demo's node labels cut short,
 * in both languages, assessed or not; and the text never gets smaller when the canvas grows. */
static void
test_legible (Fixture *f, gconstpointer data)
{
  static const struct { double w, h; } panes[] = { { 600, 750 }, { 800, 700 }, { 900, 800 }, { 1200, 800 } };
  g_autoptr(GString) small = g_string_new (NULL);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint lang = 0; lang < 2; lang++)
      {
        g_autoptr(ShzChart) chart = load_chart (f, kinds[k], lang == 0 ? SHZ_CHART_LANG_ZH_CN : SHZ_CHART_LANG_EN);
        double title = 0, prev = 0;

        for (guint s = 0; s < G_N_ELEMENTS (panes); s++)
          {
            const char *which = NULL;
            double smallest;
            ShzNetLayout *l;

            shz_chart_ensure_layout (chart, NULL, panes[s].w, panes[s].h);
            smallest = smallest_text (chart, &which);
            l = shz_network_chart_get_layout (SHZ_NETWORK_CHART (chart));
            title = g_array_index (l->texts, ShzNetText, 0).size;   /* the frame adds the title first */
            g_test_message ("%s %s %g×%g: smallest text %.1f px (“%s”), title %.1f px", kinds[k],
                            lang == 0 ? "zh_CN" : "en", panes[s].w, panes[s].h, smallest, which, title);
            if (smallest < 11 - 1e-6 || title < 14)
              g_string_append_printf (small, "\n%s %s %g×%g: “%s” is %.2f px (below 11), title %.2f px",
                                      kinds[k], lang == 0 ? "zh_CN" : "en", panes[s].w, panes[s].h, which,
                                      smallest, title);
            /* every node big enough for a label has one (a text that fits nowhere is dropped) */
            for (guint i = 0; i < l->nodes->len; i++)
              {
                const ShzNetNode *n = &g_array_index (l->nodes, ShzNetNode, i);
                gboolean labelled = FALSE;
                if (n->id == NULL || n->shape == SHZ_NET_BAND || n->rect.width < 40 || n->rect.height < 14)
                  continue;
                for (guint k2 = 0; k2 < l->texts->len && !labelled; k2++)
                  labelled = g_array_index (l->texts, ShzNetText, k2).node == (int) i;
                if (!labelled)
                  g_string_append_printf (small, "\n%s %s %g×%g: node %s has no label", kinds[k],
                                          lang == 0 ? "zh_CN" : "en", panes[s].w, panes[s].h, n->id);
              }
            /* and the demo's labels are whole: no title or node label cut short with an
             * ellipsis (long free texts, descriptions, may be; nodes show them in full) */
            for (guint i = 0; i < l->texts->len; i++)
              if ((i == 0 || g_array_index (l->texts, ShzNetText, i).node >= 0) &&
                  strstr (g_array_index (l->texts, ShzNetText, i).text, "…") != NULL)
                g_string_append_printf (small, "\n%s %s %g×%g: “%s” is cut short", kinds[k], lang == 0 ? "zh_CN" : "en",
                                        panes[s].w, panes[s].h, g_array_index (l->texts, ShzNetText, i).text);
            check_layout (chart, kinds[k]);
          }
        /* larger canvases: never smaller text */
        shz_chart_ensure_layout (chart, NULL, 1200, 800);
        prev = smallest_text (chart, NULL);
        shz_chart_ensure_layout (chart, NULL, 1600, 1200);
        if (prev < 11 - 1e-6 || smallest_text (chart, NULL) < prev - 1e-6)
          g_string_append_printf (small, "\n%s %s: smallest text %.2f px at 1200×800, %.2f px at 1600×1200",
                                  kinds[k], lang == 0 ? "zh_CN" : "en", prev, smallest_text (chart, NULL));
      }
  if (small->len > 0)
    g_error ("texts too small to read:%s", small->str);
}

/* Pointing at a node gives its id; pointing at a link's middle, mostly, the link's. */
static void
test_hit (Fixture *f, gconstpointer data)
{
  g_autoptr(ShzChart) chart = load_chart (f, "value-network", SHZ_CHART_LANG_EN);
  ShzNetLayout *l;
  guint own = 0, n = 0;

  shz_chart_ensure_layout (chart, NULL, 1200, 800);
  l = shz_network_chart_get_layout (SHZ_NETWORK_CHART (chart));
  for (guint i = 0; i < l->nodes->len; i++)
    {
      const ShzNetNode *node = &g_array_index (l->nodes, ShzNetNode, i);
      g_autofree char *hit = NULL;
      if (node->id == NULL || node->shape == SHZ_NET_BAND)
        continue;
      hit = shz_chart_hit_test (chart, node->rect.x + node->rect.width / 2, node->rect.y + node->rect.height / 2);
      g_assert_cmpstr (hit, ==, node->id);
      g_assert_nonnull (shz_chart_find_item (chart, node->id));
    }
  g_assert_nonnull (shz_chart_find_item (chart, "consumer"));
  g_assert_nonnull (shz_chart_find_item (chart, "link:retail>consumer:transaction"));
  for (guint i = 0; i < l->links->len; i++)
    {
      const ShzNetLink *k = &g_array_index (l->links, ShzNetLink, i);
      double mx = 0.25 * k->x0 + 0.5 * k->cx + 0.25 * k->x1, my = 0.25 * k->y0 + 0.5 * k->cy + 0.25 * k->y1;
      g_autofree char *hit = NULL;
      if (k->id == NULL)
        continue;
      n++;
      hit = shz_chart_hit_test (chart, mx, my);
      own += g_strcmp0 (hit, k->id) == 0;
    }
  g_assert_cmpuint (n, ==, 16);  /* the demo's to-be links */
  g_assert_cmpuint (own * 10, >=, n * 7);
  g_assert_null (shz_chart_hit_test (chart, 1, 799));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/network/charts/layout/assessed", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_layouts, fixture_tear_down);
  g_test_add ("/network/charts/layout/not-assessed", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_layouts, fixture_tear_down);
  g_test_add ("/network/charts/labels", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_labels, fixture_tear_down);
  g_test_add_func ("/network/charts/layout/adversarial-links", test_adversarial_links);
  g_test_add_func ("/network/charts/layout/long-labels", test_long_labels);
  g_test_add_func ("/network/charts/layout/long-labels-all-kinds", test_long_labels_all_kinds);
  g_test_add_func ("/network/charts/layout/200-nodes", test_200_nodes);
  g_test_add_func ("/network/charts/layout/many-nodes-shapes", test_many_nodes_shapes);
  g_test_add_func ("/network/charts/layout/200-nodes-chain", test_200_nodes_chain);
  g_test_add_func ("/network/charts/layout/many-stages-shapes", test_many_stages_shapes);
  g_test_add ("/network/charts/legible/assessed", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_legible, fixture_tear_down);
  g_test_add ("/network/charts/legible/not-assessed", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_legible, fixture_tear_down);
  g_test_add ("/network/charts/hit", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_hit, fixture_tear_down);
  g_test_add ("/network/charts/render/assessed", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_render, fixture_tear_down);
  g_test_add ("/network/charts/render/not-assessed", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_render, fixture_tear_down);
  return g_test_run ();
}
