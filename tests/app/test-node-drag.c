/* test-node-drag.c — moving a node of the value network on the chart page: a drag through the
 * view moves the node and its links and saves one undoable step; undo and redo in the store
 * show on the page; Alt+arrow moves are saved together; the inspector says the node was placed
 * by hand and offers Reset Layout, which brings back the automatic layout as a step of its own.
 *
 * SHZ_TEST_SCREENSHOT=DIR saves PNGs of the page before and after a move into DIR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>

#include "app/shz-chart-page.h"
#include "app/shz-chart-view.h"
#include "app/shz-inspector.h"
#include "charts/shz-network-chart.h"
#include "shz-test-app.h"

static ShzTestApp *app;

static char *
settings_text (void)
{
  g_autoptr(GError) error = NULL;
  char *text = shz_store_get_chart_settings (app->store, app->demo_id, "value-network", &error);

  g_assert_no_error (error);
  return text;
}

static guint
n_steps (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = shz_store_list_history (app->store, &error);

  g_assert_no_error (error);
  return history->len;
}

static void
node_centre (ShzChart   *chart,
             const char *id,
             double     *x,
             double     *y)
{
  const ShzNetNode *n = shz_net_layout_find_movable (shz_network_chart_get_layout (SHZ_NETWORK_CHART (chart)), id);

  g_assert_nonnull (n);
  *x = n->rect.x + n->rect.width / 2;
  *y = n->rect.y + n->rect.height / 2;
}

static void
test_drag_undo_reset (void)
{
  const char *kinds[] = { "value-network", "value-chain", NULL };
  GtkWidget *page = shz_chart_page_new (kinds);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  ShzChartView *view = SHZ_CHART_VIEW (shz_chart_page_get_view (SHZ_CHART_PAGE (page)));
  ShzInspector *inspector = SHZ_INSPECTOR (shz_chart_page_get_inspector (SHZ_CHART_PAGE (page)));
  ShzChart *chart;
  double x0, y0, x1, y1, x2, y2, dx, dy;
  guint steps;
  g_autofree char *text = NULL;
  g_autofree char *dump = NULL;

  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  shz_chart_page_set_engagement (SHZ_CHART_PAGE (page), app->store, app->demo_id);
  chart = shz_test_wait_for_chart (page);
  g_assert_cmpstr (shz_chart_get_kind (chart), ==, "value-network");
  g_assert_true (shz_chart_can_move (chart, NULL));
  shz_test_save_screenshot (window, app->english ? "node-drag-before-en.png" : "node-drag-before-zh_CN.png");

  /* drag "brand" a quarter of the way to the consumer: free space, so exactly there */
  node_centre (chart, "brand", &x0, &y0);
  node_centre (chart, "consumer", &x1, &y1);
  dx = round ((x1 - x0) * 0.25);
  dy = round ((y1 - y0) * 0.25);
  steps = n_steps ();
  shz_chart_view_drag (view, x0, y0, dx, dy);
  shz_test_settle_for (50);
  chart = shz_test_wait_for_chart (page);
  g_assert_true (shz_chart_is_moved (chart, "brand"));
  g_assert_null (shz_chart_get_moving (chart));   /* the drag's layer is let go */
  node_centre (chart, "brand", &x2, &y2);
  g_assert_cmpfloat (fabs (x2 - (x0 + dx)), <, 0.01);
  g_assert_cmpfloat (fabs (y2 - (y0 + dy)), <, 0.01);
  /* saved at once, the whole drag as one step */
  g_assert_cmpuint (n_steps (), ==, steps + 1);
  text = settings_text ();
  g_assert_nonnull (strstr (text, "[layout]"));
  g_assert_nonnull (strstr (text, "nodes=brand;"));
  shz_test_save_screenshot (window, app->english ? "node-drag-after-en.png" : "node-drag-after-zh_CN.png");

  /* the dragged node is selected (the press selects): the inspector says where it is from */
  shz_chart_view_set_selected (view, "brand");
  dump = shz_inspector_dump (inspector);
  if (app->english)
    g_assert_nonnull (strstr (dump, "Position: Placed by hand"));
  shz_test_settle_for (600);
  shz_test_save_screenshot (window, app->english ? "node-drag-inspector-en.png" : "node-drag-inspector-zh_CN.png");

  /* Ctrl+Z: the store's settings come back, and the page shows them */
  shz_test_undo_redo (app->store, page, FALSE);
  chart = shz_test_wait_for_chart (page);
  g_assert_false (shz_chart_is_moved (chart, "brand"));
  node_centre (chart, "brand", &x2, &y2);
  g_assert_cmpfloat (fabs (x2 - x0), <, 0.01);
  g_assert_cmpfloat (fabs (y2 - y0), <, 0.01);
  g_assert_cmpuint (n_steps (), ==, steps + 1);   /* undone, not gone: redo brings it back */
  shz_test_undo_redo (app->store, page, TRUE);
  chart = shz_test_wait_for_chart (page);
  g_assert_true (shz_chart_is_moved (chart, "brand"));
  node_centre (chart, "brand", &x2, &y2);
  g_assert_cmpfloat (fabs (x2 - (x0 + dx)), <, 0.01);

  /* a drag on empty canvas at zoom 1 moves nothing and saves nothing */
  steps = n_steps ();
  shz_chart_view_drag (view, 3, gtk_widget_get_height (GTK_WIDGET (view)) - 3, 40, -40);
  g_assert_cmpuint (n_steps (), ==, steps);

  /* Alt+arrow keys on the selected node: moved at once, saved together when they pause */
  shz_chart_view_set_selected (view, "retail");
  g_assert_true (shz_chart_view_move_selected (view, 12, 0));
  g_assert_true (shz_chart_view_move_selected (view, 12, 0));
  g_assert_true (shz_chart_view_move_selected (view, 0, -12));
  g_assert_true (shz_chart_is_moved (chart, "retail"));
  g_assert_cmpuint (n_steps (), ==, steps);
  shz_test_settle_for (900);
  g_assert_cmpuint (n_steps (), ==, steps + 1);
  g_clear_pointer (&text, g_free);
  text = settings_text ();
  g_assert_nonnull (strstr (text, "nodes=brand;retail;"));
  /* a link is not a node: nothing to move */
  shz_chart_view_set_selected (view, "link:retail>consumer:transaction");
  g_assert_false (shz_chart_view_move_selected (view, 12, 0));

  /* Reset Layout (the options menu, the inspector's button): the automatic layout, one step */
  steps = n_steps ();
  g_assert_true (gtk_widget_activate_action (page, "page.reset-layout", NULL));
  chart = shz_test_wait_for_chart (page);
  g_assert_false (shz_chart_is_moved (chart, NULL));
  node_centre (chart, "brand", &x2, &y2);
  g_assert_cmpfloat (fabs (x2 - x0), <, 0.01);
  g_assert_cmpuint (n_steps (), ==, steps + 1);
  g_clear_pointer (&text, g_free);
  text = settings_text ();
  g_assert_null (strstr (text, "[layout]"));
  shz_chart_view_set_selected (view, "brand");
  g_clear_pointer (&dump, g_free);
  dump = shz_inspector_dump (inspector);
  if (app->english)
    g_assert_nonnull (strstr (dump, "Position: Automatic"));
  /* … and undoing the reset puts the nodes back where they were placed */
  shz_test_undo_redo (app->store, page, FALSE);
  chart = shz_test_wait_for_chart (page);
  g_assert_true (shz_chart_is_moved (chart, "brand"));
  g_assert_true (shz_chart_is_moved (chart, "retail"));

  /* the chain is ordered: nothing to drag there, and no Reset Layout */
  g_assert_true (shz_chart_page_set_kind (SHZ_CHART_PAGE (page), "value-chain"));
  chart = shz_test_wait_for_chart (page);
  g_assert_false (shz_chart_can_move (chart, NULL));
  steps = n_steps ();
  {
    const ShzChartItem *item = shz_chart_get_item (chart, 0);
    shz_chart_view_drag (view, item->x, item->y, 30, 30);
  }
  g_assert_cmpuint (n_steps (), ==, steps);

  /* the export reads the settings from the store: the moved nodes are in it */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ShzChart) exported = shz_chart_new ("value-network", &error);

    g_assert_true (shz_chart_load_settings_from_store (exported, app->store, app->demo_id, &error));
    g_assert_no_error (error);
    g_assert_true (shz_chart_is_moved (exported, "brand"));
  }
  gtk_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  app = shz_test_app_init (&argc, &argv, "shz-node-drag");
  g_test_add_func ("/app/node-drag/drag-undo-reset", test_drag_undo_reset);
  return shz_test_app_run (app);
}
