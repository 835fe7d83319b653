/* test-chart-view.c — the chart canvas on a display (suite 'ui', under Xvfb): what it draws is
 * the chart's render (pixels), selection and its signal, keyboard navigation between items,
 * zoom and pan keep the point under the pointer, label drag pins and asks to save.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "app/shz-chart-view.h"
#include "charts/shz-maturity-map.h"

static const char * const industries[] = {
  "科技文教", "制造工业", "政务与治理", "金融", "零售消费与生活服务", "互联网",
};

typedef struct {
  GtkWidget *window;
  GtkWidget *view;
  ShzChart  *chart;
  char      *last_selection;
  guint      n_selection;
  guint      n_activated;
  guint      n_settings;
} Fixture;

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
on_selection_changed_cb (ShzChartView *view,
                         const char   *id,
                         Fixture      *f)
{
  g_free (f->last_selection);
  f->last_selection = g_strdup (id);
  f->n_selection++;
}

static void
on_item_activated_cb (ShzChartView *view,
                      const char   *id,
                      Fixture      *f)
{
  f->n_activated++;
}

static void
on_settings_changed_cb (ShzChartView *view,
                        Fixture      *f)
{
  f->n_settings++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ShzMaturityModel *m = shz_maturity_model_new ();
  const double pos[6][3] = {
    { 24, 20, 40 }, { 34, 29, 60 }, { 43, 37, 35 }, { 60, 55, 50 }, { 72, 46, 70 }, { 86, 84, 55 },
  };

  for (guint i = 0; i < 6; i++)
    shz_maturity_model_add_entity (m, industries[i], industries[i], pos[i][0], pos[i][1], pos[i][2], FALSE);
  f->chart = SHZ_CHART (shz_maturity_map_new ());
  shz_maturity_map_set_model (SHZ_MATURITY_MAP (f->chart), m);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  f->view = shz_chart_view_new ();
  shz_chart_view_set_chart (SHZ_CHART_VIEW (f->view), f->chart);
  gtk_window_set_child (GTK_WINDOW (f->window), f->view);
  g_signal_connect (f->view, "selection-changed", G_CALLBACK (on_selection_changed_cb), f);
  g_signal_connect (f->view, "item-activated", G_CALLBACK (on_item_activated_cb), f);
  g_signal_connect (f->view, "settings-changed", G_CALLBACK (on_settings_changed_cb), f);
  gtk_window_present (GTK_WINDOW (f->window));
  for (int i = 0; i < 100 && gtk_widget_get_width (f->view) < 100; i++)
    iterate (20);
  iterate (100);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_object_unref (f->chart);
  g_free (f->last_selection);
}

/* The widget's picture, drawn through GSK onto an image: what a user sees. */
static cairo_surface_t *
widget_image (GtkWidget *widget)
{
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GdkPaintable *paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  gsk_render_node_unref (node);
  g_object_unref (paintable);
  cairo_surface_flush (surface);
  return surface;
}

static void
rgb_at (cairo_surface_t *s, double x, double y, int *r, int *g, int *b)
{
  guint32 v = *(guint32 *) (cairo_image_surface_get_data (s) + (int) y * cairo_image_surface_get_stride (s) + (int) x * 4);
  *r = (v >> 16) & 0xff;
  *g = (v >> 8) & 0xff;
  *b = v & 0xff;
}

static void
test_draws_the_chart (Fixture       *f,
                      gconstpointer  data)
{
  cairo_surface_t *s = widget_image (f->view);
  const ShzChartItem *item = shz_chart_find_item (f->chart, "互联网");
  int r, g, b;

  g_assert_nonnull (item);
  g_assert_cmpfloat (shz_chart_get_width (f->chart), ==, gtk_widget_get_width (f->view));
  /* brown (tab10 #8c564b) bubble of 互联网, over the white plot */
  rgb_at (s, item->x + (item->bounds.width / 4), item->y, &r, &g, &b);
  g_assert_cmpint (r, >, g);
  g_assert_cmpint (r, >, b);
  rgb_at (s, 3, 3, &r, &g, &b);
  g_assert_cmpint (r + g + b, ==, 3 * 255);
  cairo_surface_destroy (s);
}

static void
test_selection_and_keys (Fixture       *f,
                         gconstpointer  data)
{
  const ShzChartItem *first = shz_chart_get_item (f->chart, 0);
  const ShzChartItem *second = shz_chart_get_item (f->chart, 1);
  g_autofree char *hit = NULL;
  GtkEventController *key = NULL;

  shz_chart_view_set_selected (SHZ_CHART_VIEW (f->view), first->id);
  g_assert_cmpstr (f->last_selection, ==, first->id);
  g_assert_cmpstr (shz_chart_get_selected (f->chart), ==, first->id);
  g_assert_cmpuint (f->n_selection, ==, 1);

  /* the arrow keys move the selection through the items in order */
  for (GListModel *list = gtk_widget_observe_controllers (f->view); list; list = NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          GtkEventController *c = g_list_model_get_item (list, i);
          if (GTK_IS_EVENT_CONTROLLER_KEY (c) && key == NULL)
            key = c;
          else
            g_object_unref (c);
        }
      g_object_unref (list);
    }
  g_assert_nonnull (key);
  {
    gboolean handled = FALSE;
    g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Right, 0, 0, &handled);
    g_assert_true (handled);
    g_assert_cmpstr (f->last_selection, ==, second->id);
    g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Left, 0, 0, &handled);
    g_assert_cmpstr (f->last_selection, ==, first->id);
    g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Left, 0, 0, &handled);   /* wraps */
    g_assert_cmpstr (f->last_selection, ==,
                     shz_chart_get_item (f->chart, shz_chart_get_n_items (f->chart) - 1)->id);
    /* Up: an item higher on the chart */
    shz_chart_view_set_selected (SHZ_CHART_VIEW (f->view), first->id);
    g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Up, 0, 0, &handled);
    g_assert_cmpfloat (shz_chart_find_item (f->chart, f->last_selection)->y, <, first->y);
    g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
    g_assert_cmpstr (f->last_selection, ==, first->id);
    g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Return, 0, 0, &handled);
    g_assert_cmpuint (f->n_activated, ==, 1);
    g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Escape, 0, 0, &handled);
    g_assert_null (f->last_selection);
  }
  g_object_unref (key);

  /* hit-testing at an item's anchor finds it */
  hit = shz_chart_hit_test (f->chart, second->x, second->y);
  g_assert_cmpstr (hit, ==, second->id);
}

static void
test_zoom_and_pan (Fixture       *f,
                   gconstpointer  data)
{
  ShzChartView *view = SHZ_CHART_VIEW (f->view);
  double cx0, cy0, cx1, cy1;

  shz_chart_view_to_chart (view, 400, 300, &cx0, &cy0);
  shz_chart_view_zoom_at (view, 2.0, 400, 300);
  g_assert_cmpfloat (shz_chart_view_get_zoom (view), ==, 2.0);
  /* the point under the pointer stays under it */
  shz_chart_view_to_chart (view, 400, 300, &cx1, &cy1);
  g_assert_cmpfloat_with_epsilon (cx0, cx1, 1e-9);
  g_assert_cmpfloat_with_epsilon (cy0, cy1, 1e-9);
  /* never zoomed out past the whole chart */
  shz_chart_view_zoom_at (view, 0.01, 0, 0);
  g_assert_cmpfloat (shz_chart_view_get_zoom (view), ==, 1.0);
  shz_chart_view_zoom_at (view, 3, 10, 10);
  shz_chart_view_reset_view (view);
  shz_chart_view_to_chart (view, 123, 45, &cx1, &cy1);
  g_assert_cmpfloat (cx1, ==, 123);
  g_assert_cmpfloat (cy1, ==, 45);
}

static void
test_label_pin (Fixture       *f,
                gconstpointer  data)
{
  const ShzMaturityLayout *l = shz_maturity_map_get_layout (SHZ_MATURITY_MAP (f->chart));
  const ShzMaturityLabel *lab = &g_array_index (l->labels, ShzMaturityLabel, 0);
  g_autofree char *id = shz_chart_hit_label (f->chart, lab->rect.x + 2, lab->rect.y + 2);
  g_autofree char *settings = NULL;

  g_assert_nonnull (id);
  /* what a drag does: move the label, then ask to save */
  shz_chart_move_label (f->chart, id, 30, -40);
  g_assert_true (gtk_widget_activate_action (f->view, "chart.unpin-labels", NULL));
  g_assert_cmpuint (f->n_settings, ==, 1);
  settings = shz_chart_save_settings (f->chart);
  g_assert_null (strstr (settings, id));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/charts/chart-view/draws-the-chart", Fixture, NULL, fixture_set_up, test_draws_the_chart, fixture_tear_down);
  g_test_add ("/charts/chart-view/selection-and-keys", Fixture, NULL, fixture_set_up, test_selection_and_keys, fixture_tear_down);
  g_test_add ("/charts/chart-view/zoom-and-pan", Fixture, NULL, fixture_set_up, test_zoom_and_pan, fixture_tear_down);
  g_test_add ("/charts/chart-view/label-pin", Fixture, NULL, fixture_set_up, test_label_pin, fixture_tear_down);
  return g_test_run ();
}
