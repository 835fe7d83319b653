/* shz-chart-view.c — the chart canvas (see the header).  The chart is laid out at the widget's
 * size in chart units of one logical pixel; zoom and pan are a transformation on top, so
 * what is on screen is exactly what the exporters draw.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-app"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "shz-chart-view.h"

#define MIN_ZOOM 1.0
#define MAX_ZOOM 8.0
#define DRAG_THRESHOLD 4.0
/* Alt+arrow keys move the selected node this far (chart units; with Shift, a finer step), and
 * a run of presses is saved as one step once they pause this long (ms) */
#define KEY_MOVE_STEP 12.0
#define KEY_MOVE_FINE 2.0
#define KEY_MOVE_SAVE_DELAY 600

struct _ShzChartView
{
  GtkWidget  parent_instance;

  ShzChart  *chart;
  gulong     changed_id;
  char      *selected;

  double     zoom;
  double     pan_x, pan_y;          /* widget offset of the chart's origin */

  /* a drag in progress: panning, moving a label, or moving a node */
  gboolean   dragging;
  gboolean   moved;
  char      *drag_label;
  char      *drag_node;
  guint      key_move_timeout;      /* Alt+arrow moves not saved yet */
  double     drag_pan_x, drag_pan_y;
  double     drag_last_x, drag_last_y;

  double     pointer_x, pointer_y;
  double     pinch_last;            /* the pinch's scale at the last update */
  guint      description_idle;
  guint      settle_timeout;        /* zooming: raster layers reused until the zoom settles */
};

G_DEFINE_FINAL_TYPE (ShzChartView, shz_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHART,
  PROP_SELECTED,
  N_PROPS
};

enum {
  SIGNAL_SELECTION_CHANGED,
  SIGNAL_ITEM_ACTIVATED,
  SIGNAL_SETTINGS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- helpers ---- */

static void
ensure_layout (ShzChartView *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->chart != NULL && w > 0 && h > 0)
    shz_chart_ensure_layout (self->chart, NULL, w, h);
}

/* Keep the zoomed chart covering the widget: no empty margins from panning too far. */
static void
clamp_pan (ShzChartView *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));

  self->pan_x = CLAMP (self->pan_x, w - w * self->zoom, 0);
  self->pan_y = CLAMP (self->pan_y, h - h * self->zoom, 0);
}

static char *
item_at (ShzChartView *self,
         double        x,
         double        y)
{
  double cx, cy;

  if (self->chart == NULL)
    return NULL;
  ensure_layout (self);
  shz_chart_view_to_chart (self, x, y, &cx, &cy);
  return shz_chart_hit_test (self->chart, cx, cy);
}

static int
selected_index (ShzChartView *self)
{
  guint n = shz_chart_get_n_items (self->chart);

  for (guint i = 0; i < n && self->selected; i++)
    if (g_strcmp0 (shz_chart_get_item (self->chart, i)->id, self->selected) == 0)
      return (int) i;
  return -1;
}

static gboolean
update_description_cb (gpointer user_data)
{
  ShzChartView *self = user_data;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  self->description_idle = 0;
  if (self->chart != NULL)
    {
      ensure_layout (self);
      title = shz_chart_get_title (self->chart);
      description = shz_chart_describe (self->chart);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description ? description : "",
                                  -1);
  return G_SOURCE_REMOVE;
}

static void
queue_description (ShzChartView *self)
{
  if (self->description_idle == 0)
    self->description_idle = g_idle_add (update_description_cb, self);
}

/* While the user zooms, dense raster layers keep the resolution they had (scaled, a little
 * soft) instead of being drawn again at every step; once the zoom settles they are redrawn
 * sharp, at the screen's pixels. */
static gboolean
on_zoom_settled_cb (gpointer user_data)
{
  ShzChartView *self = user_data;

  self->settle_timeout = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
begin_zoom_step (ShzChartView *self)
{
  /* the snapshot keeps the raster scale of the last settled zoom until this fires */
  if (self->settle_timeout != 0)
    g_source_remove (self->settle_timeout);
  self->settle_timeout = g_timeout_add (250, on_zoom_settled_cb, self);
}

static void
on_chart_changed_cb (ShzChart     *chart,
                     ShzChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  queue_description (self);
}

/* ---- input ---- */

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              ShzChartView             *self)
{
  g_autofree char *id = NULL;

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->chart == NULL || self->dragging)
    return;
  id = item_at (self, x, y);
  shz_chart_set_hovered (self->chart, id);
  if (id != NULL && shz_chart_can_move (self->chart, id))
    {
      double cx, cy;
      g_autofree char *node = NULL;
      shz_chart_view_to_chart (self, x, y, &cx, &cy);
      node = shz_chart_hit_movable (self->chart, cx, cy);
      /* a node that can be dragged says so */
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), node != NULL ? "grab" : "pointer");
    }
  else if (id == NULL)
    {
      double cx, cy;
      g_autofree char *label = NULL;
      shz_chart_view_to_chart (self, x, y, &cx, &cy);
      label = shz_chart_hit_label (self->chart, cx, cy);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), label ? "move" : NULL);
    }
  else
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             ShzChartView             *self)
{
  if (self->chart != NULL)
    shz_chart_set_hovered (self->chart, NULL);
}

static gboolean
on_query_tooltip_cb (GtkWidget    *widget,
                     int           x,
                     int           y,
                     gboolean      keyboard,
                     GtkTooltip   *tooltip,
                     ShzChartView *self)
{
  g_autofree char *id = NULL;
  const ShzChartItem *item;

  if (self->chart == NULL)
    return FALSE;
  if (keyboard)
    id = g_strdup (self->selected);
  else
    id = item_at (self, x, y);
  item = shz_chart_find_item (self->chart, id);
  if (item == NULL)
    return FALSE;
  {
    /* A label of our own: GTK's own tooltip label shrinks to its minimum width, which for
     * Chinese (a line may break after any character) is one character a line. */
    const char *text = item->description ? item->description : item->label;
    GtkWidget *label = gtk_label_new (text);
    glong n = g_utf8_strlen (text, -1);

    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
    gtk_label_set_width_chars (GTK_LABEL (label), (int) MIN (n, 36));
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_tooltip_set_custom (tooltip, label);
  }
  return TRUE;
}

static void
on_click_pressed_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     ShzChartView    *self)
{
  g_autofree char *id = NULL;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->chart == NULL)
    return;
  id = item_at (self, x, y);
  if (n_press == 1)
    shz_chart_view_set_selected (self, id);
  else if (n_press == 2 && id != NULL)
    g_signal_emit (self, signals[SIGNAL_ITEM_ACTIVATED], 0, id);
}

static void
drag_begin (ShzChartView *self,
            double        x,
            double        y)
{
  double cx, cy;

  self->dragging = TRUE;
  self->moved = FALSE;
  self->drag_pan_x = self->pan_x;
  self->drag_pan_y = self->pan_y;
  self->drag_last_x = self->drag_last_y = 0;
  g_clear_pointer (&self->drag_label, g_free);
  g_clear_pointer (&self->drag_node, g_free);
  if (self->chart == NULL)
    return;
  ensure_layout (self);
  shz_chart_view_to_chart (self, x, y, &cx, &cy);
  self->drag_label = shz_chart_hit_label (self->chart, cx, cy);
  if (self->drag_label == NULL)
    self->drag_node = shz_chart_hit_movable (self->chart, cx, cy);
}

static void
drag_update (ShzChartView *self,
             double        dx,
             double        dy)
{
  if (!self->moved && hypot (dx, dy) < DRAG_THRESHOLD)
    return;
  if (!self->moved && self->drag_node != NULL && self->chart != NULL)
    {
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      /* what does not move with the node is drawn once for the whole drag */
      shz_chart_set_moving (self->chart, self->drag_node);
    }
  self->moved = TRUE;
  if (self->drag_node != NULL && self->chart != NULL)
    {
      /* the node follows the pointer, in chart units; the layout keeps it in its area and off
       * its neighbours, once a frame (moves between frames add up).  Saved once, when the drag
       * ends. */
      shz_chart_move_item (self->chart, self->drag_node,
                           (dx - self->drag_last_x) / self->zoom,
                           (dy - self->drag_last_y) / self->zoom);
      self->drag_last_x = dx;
      self->drag_last_y = dy;
    }
  else if (self->drag_label != NULL && self->chart != NULL)
    {
      /* the label follows the pointer, in chart units */
      shz_chart_move_label (self->chart, self->drag_label,
                            (dx - self->drag_last_x) / self->zoom,
                            (dy - self->drag_last_y) / self->zoom);
      self->drag_last_x = dx;
      self->drag_last_y = dy;
    }
  else if (self->zoom > MIN_ZOOM)
    {
      self->pan_x = self->drag_pan_x + dx;
      self->pan_y = self->drag_pan_y + dy;
      clamp_pan (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
drag_end (ShzChartView *self)
{
  gboolean edited = self->moved && (self->drag_label != NULL || self->drag_node != NULL);

  if (self->drag_node != NULL)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
  if (self->chart != NULL && shz_chart_get_moving (self->chart) != NULL)
    {
      /* drawn whole again: smooth links, and the drag's layer let go */
      shz_chart_set_moving (self->chart, NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  self->dragging = FALSE;
  g_clear_pointer (&self->drag_label, g_free);
  g_clear_pointer (&self->drag_node, g_free);
  /* the whole drag is one edit: one save, one undo step */
  if (edited)
    g_signal_emit (self, signals[SIGNAL_SETTINGS_CHANGED], 0);
}

static void
on_drag_begin_cb (GtkGestureDrag *gesture,
                  double          x,
                  double          y,
                  ShzChartView   *self)
{
  drag_begin (self, x, y);
}

static void
on_drag_update_cb (GtkGestureDrag *gesture,
                   double          dx,
                   double          dy,
                   ShzChartView   *self)
{
  drag_update (self, dx, dy);
}

static void
on_drag_end_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                ShzChartView   *self)
{
  drag_end (self);
}

/* Alt+arrow moves of the selected node are saved together once the keys pause. */
static gboolean
on_key_move_save_cb (gpointer user_data)
{
  ShzChartView *self = user_data;

  self->key_move_timeout = 0;
  g_signal_emit (self, signals[SIGNAL_SETTINGS_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
flush_key_moves (ShzChartView *self)
{
  if (self->key_move_timeout == 0)
    return;
  g_clear_handle_id (&self->key_move_timeout, g_source_remove);
  g_signal_emit (self, signals[SIGNAL_SETTINGS_CHANGED], 0);
}

static void
on_focus_leave_cb (GtkEventControllerFocus *controller,
                   ShzChartView            *self)
{
  flush_key_moves (self);
}

static gboolean
on_scroll_cb (GtkEventControllerScroll *controller,
              double                    dx,
              double                    dy,
              ShzChartView             *self)
{
  if (dy == 0)
    return FALSE;
  shz_chart_view_zoom_at (self, pow (1.15, -dy), self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
on_zoom_scale_changed_cb (GtkGestureZoom *gesture,
                          double          scale,
                          ShzChartView   *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  if (self->pinch_last > 0 && scale != self->pinch_last)
    shz_chart_view_zoom_at (self, scale / self->pinch_last, x, y);
  self->pinch_last = scale;
}

static void
on_zoom_begin_cb (GtkGesture       *gesture,
                  GdkEventSequence *sequence,
                  ShzChartView     *self)
{
  /* the scale of a new pinch starts at 1 */
  self->pinch_last = 1;
}

static void
move_selection (ShzChartView *self,
                int           delta)
{
  guint n;
  int i;

  if (self->chart == NULL)
    return;
  ensure_layout (self);
  n = shz_chart_get_n_items (self->chart);
  if (n == 0)
    return;
  i = selected_index (self);
  if (i < 0)
    i = delta > 0 ? 0 : (int) n - 1;
  else
    i = (i + delta + (int) n) % (int) n;
  shz_chart_view_set_selected (self, shz_chart_get_item (self->chart, (guint) i)->id);
}

/* Up and Down: the nearest item above or below, favouring those straight above or below;
 * at the edge, the order of Left/Right. */
static void
move_selection_vertically (ShzChartView *self,
                           int           direction)
{
  const ShzChartItem *cur;
  int best = -1, i;
  double best_score = G_MAXDOUBLE;
  guint n;

  if (self->chart == NULL)
    return;
  ensure_layout (self);
  i = selected_index (self);
  if (i < 0)
    {
      move_selection (self, direction);
      return;
    }
  cur = shz_chart_get_item (self->chart, (guint) i);
  n = shz_chart_get_n_items (self->chart);
  for (guint k = 0; k < n; k++)
    {
      const ShzChartItem *it = shz_chart_get_item (self->chart, k);
      double dy = (it->y - cur->y) * direction, dx = fabs (it->x - cur->x), score;
      if ((int) k == i || dy <= 0)
        continue;
      score = dy + 2 * dx;
      if (score < best_score)
        {
          best_score = score;
          best = (int) k;
        }
    }
  if (best < 0)
    move_selection (self, direction);
  else
    shz_chart_view_set_selected (self, shz_chart_get_item (self->chart, (guint) best)->id);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   ShzChartView          *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));

  if ((state & GDK_ALT_MASK) != 0)
    {
      double step = (state & GDK_SHIFT_MASK) != 0 ? KEY_MOVE_FINE : KEY_MOVE_STEP;
      double dx = 0, dy = 0;

      switch (keyval)
        {
        case GDK_KEY_Left:  case GDK_KEY_KP_Left:  dx = -step; break;
        case GDK_KEY_Right: case GDK_KEY_KP_Right: dx = step; break;
        case GDK_KEY_Up:    case GDK_KEY_KP_Up:    dy = -step; break;
        case GDK_KEY_Down:  case GDK_KEY_KP_Down:  dy = step; break;
        default: return FALSE;
        }
      return shz_chart_view_move_selected (self, dx, dy);
    }

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_selection (self, 1);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_selection (self, -1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_selection_vertically (self, -1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_selection_vertically (self, 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (self->selected == NULL)
        return FALSE;
      g_signal_emit (self, signals[SIGNAL_ITEM_ACTIVATED], 0, self->selected);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->selected == NULL)
        return FALSE;
      shz_chart_view_set_selected (self, NULL);
      return TRUE;
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      shz_chart_view_zoom_at (self, 1.25, w / 2, h / 2);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      shz_chart_view_zoom_at (self, 0.8, w / 2, h / 2);
      return TRUE;
    case GDK_KEY_0:
    case GDK_KEY_Home:
      shz_chart_view_reset_view (self);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  shz_chart_view_reset_view (SHZ_CHART_VIEW (widget));
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  shz_chart_view_zoom_at (SHZ_CHART_VIEW (widget), 1.25, gtk_widget_get_width (widget) / 2.0,
                          gtk_widget_get_height (widget) / 2.0);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  shz_chart_view_zoom_at (SHZ_CHART_VIEW (widget), 0.8, gtk_widget_get_width (widget) / 2.0,
                          gtk_widget_get_height (widget) / 2.0);
}

static void
unpin_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ShzChartView *self = SHZ_CHART_VIEW (widget);

  if (self->chart == NULL)
    return;
  shz_chart_unpin_labels (self->chart);
  g_signal_emit (self, signals[SIGNAL_SETTINGS_CHANGED], 0);
}

static void
reset_layout_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShzChartView *self = SHZ_CHART_VIEW (widget);

  if (self->chart == NULL)
    return;
  g_clear_handle_id (&self->key_move_timeout, g_source_remove);
  if (shz_chart_reset_layout (self->chart))
    g_signal_emit (self, signals[SIGNAL_SETTINGS_CHANGED], 0);
}

/* ---- GtkWidget ---- */

static void
shz_chart_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  ShzChartView *self = SHZ_CHART_VIEW (widget);
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->chart == NULL || w <= 0 || h <= 0)
    return;
  /* raster layers at the pixels of the screen (zoom × HiDPI scale), except while a zoom is in
   * progress: then the last ones are reused, scaled */
  if (self->settle_timeout == 0)
    shz_chart_set_raster_scale (self->chart, self->zoom * gtk_widget_get_scale_factor (widget));
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  cairo_translate (cr, self->pan_x, self->pan_y);
  cairo_scale (cr, self->zoom, self->zoom);
  shz_chart_render (self->chart, cr, w, h);
  cairo_destroy (cr);
}

static void
shz_chart_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  ShzChartView *self = SHZ_CHART_VIEW (widget);

  clamp_pan (self);
  queue_description (self);
}

static void
shz_chart_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 240;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 960 : 640;
}

static void
shz_chart_view_dispose (GObject *object)
{
  ShzChartView *self = SHZ_CHART_VIEW (object);

  g_clear_handle_id (&self->description_idle, g_source_remove);
  g_clear_handle_id (&self->settle_timeout, g_source_remove);
  g_clear_handle_id (&self->key_move_timeout, g_source_remove);
  if (self->chart != NULL)
    g_clear_signal_handler (&self->changed_id, self->chart);
  g_clear_object (&self->chart);

  G_OBJECT_CLASS (shz_chart_view_parent_class)->dispose (object);
}

static void
shz_chart_view_finalize (GObject *object)
{
  ShzChartView *self = SHZ_CHART_VIEW (object);

  g_free (self->selected);
  g_free (self->drag_label);
  g_free (self->drag_node);

  G_OBJECT_CLASS (shz_chart_view_parent_class)->finalize (object);
}

static void
shz_chart_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ShzChartView *self = SHZ_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;
    case PROP_SELECTED:
      g_value_set_string (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shz_chart_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ShzChartView *self = SHZ_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      shz_chart_view_set_chart (self, g_value_get_object (value));
      break;
    case PROP_SELECTED:
      shz_chart_view_set_selected (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shz_chart_view_class_init (ShzChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shz_chart_view_dispose;
  object_class->finalize = shz_chart_view_finalize;
  object_class->get_property = shz_chart_view_get_property;
  object_class->set_property = shz_chart_view_set_property;

  widget_class->snapshot = shz_chart_view_snapshot;
  widget_class->size_allocate = shz_chart_view_size_allocate;
  widget_class->measure = shz_chart_view_measure;

  properties[PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL, SHZ_TYPE_CHART,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_string ("selected", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_SETTINGS_CHANGED] =
    g_signal_new ("settings-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "chart.reset-view", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "chart.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "chart.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "chart.unpin-labels", NULL, unpin_action);
  gtk_widget_class_install_action (widget_class, "chart.reset-layout", NULL, reset_layout_action);

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
shz_chart_view_init (ShzChartView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->zoom = 1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* ---- public API ---- */

GtkWidget *
shz_chart_view_new (void)
{
  return g_object_new (SHZ_TYPE_CHART_VIEW, NULL);
}

void
shz_chart_view_set_chart (ShzChartView *self,
                          ShzChart     *chart)
{
  g_return_if_fail (SHZ_IS_CHART_VIEW (self));
  g_return_if_fail (chart == NULL || SHZ_IS_CHART (chart));

  if (self->chart == chart)
    return;
  flush_key_moves (self);
  if (self->chart != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->chart);
      shz_chart_set_raster_scale (self->chart, 0);
      shz_chart_set_interactive (self->chart, FALSE);
    }
  g_set_object (&self->chart, chart);
  if (chart != NULL)
    {
      self->changed_id = g_signal_connect (chart, "changed", G_CALLBACK (on_chart_changed_cb), self);
      shz_chart_set_interactive (chart, TRUE);
    }
  g_clear_pointer (&self->selected, g_free);
  if (chart != NULL)
    shz_chart_set_selected (chart, NULL);
  shz_chart_view_reset_view (self);
  queue_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
}

ShzChart *
shz_chart_view_get_chart (ShzChartView *self)
{
  g_return_val_if_fail (SHZ_IS_CHART_VIEW (self), NULL);
  return self->chart;
}

void
shz_chart_view_set_selected (ShzChartView *self,
                             const char   *id)
{
  g_return_if_fail (SHZ_IS_CHART_VIEW (self));

  if (g_strcmp0 (self->selected, id) == 0)
    return;
  g_free (self->selected);
  self->selected = g_strdup (id);
  if (self->chart != NULL)
    shz_chart_set_selected (self->chart, id);
  if (id != NULL && self->chart != NULL)
    {
      const ShzChartItem *item = shz_chart_find_item (self->chart, id);
      /* announce the item to screen readers as the image's current description */
      if (item != NULL && item->description != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, item->description, -1);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0, id);
}

const char *
shz_chart_view_get_selected (ShzChartView *self)
{
  g_return_val_if_fail (SHZ_IS_CHART_VIEW (self), NULL);
  return self->selected;
}

void
shz_chart_view_reset_view (ShzChartView *self)
{
  g_return_if_fail (SHZ_IS_CHART_VIEW (self));
  self->zoom = 1;
  self->pan_x = self->pan_y = 0;
  g_clear_handle_id (&self->settle_timeout, g_source_remove);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
shz_chart_view_get_zoom (ShzChartView *self)
{
  g_return_val_if_fail (SHZ_IS_CHART_VIEW (self), 1);
  return self->zoom;
}

void
shz_chart_view_zoom_at (ShzChartView *self,
                        double        factor,
                        double        x,
                        double        y)
{
  double zoom, cx, cy;

  g_return_if_fail (SHZ_IS_CHART_VIEW (self));

  zoom = CLAMP (self->zoom * factor, MIN_ZOOM, MAX_ZOOM);
  if (zoom == self->zoom)
    return;
  begin_zoom_step (self);
  /* keep the chart point under (x, y) where it is */
  shz_chart_view_to_chart (self, x, y, &cx, &cy);
  self->zoom = zoom;
  self->pan_x = x - cx * zoom;
  self->pan_y = y - cy * zoom;
  clamp_pan (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
shz_chart_view_to_chart (ShzChartView *self,
                         double        x,
                         double        y,
                         double       *chart_x,
                         double       *chart_y)
{
  g_return_if_fail (SHZ_IS_CHART_VIEW (self));
  *chart_x = (x - self->pan_x) / self->zoom;
  *chart_y = (y - self->pan_y) / self->zoom;
}

gboolean
shz_chart_view_move_selected (ShzChartView *self,
                              double        dx,
                              double        dy)
{
  g_return_val_if_fail (SHZ_IS_CHART_VIEW (self), FALSE);

  if (self->chart == NULL || self->selected == NULL)
    return FALSE;
  ensure_layout (self);
  if (!shz_chart_move_item (self->chart, self->selected, dx, dy))
    return FALSE;
  if (self->key_move_timeout != 0)
    g_source_remove (self->key_move_timeout);
  self->key_move_timeout = g_timeout_add (KEY_MOVE_SAVE_DELAY, on_key_move_save_cb, self);
  return TRUE;
}

void
shz_chart_view_flush_moves (ShzChartView *self)
{
  g_return_if_fail (SHZ_IS_CHART_VIEW (self));
  flush_key_moves (self);
}

void
shz_chart_view_drag (ShzChartView *self,
                     double        x,
                     double        y,
                     double        dx,
                     double        dy)
{
  g_return_if_fail (SHZ_IS_CHART_VIEW (self));

  drag_begin (self, x, y);
  /* in a few pointer steps, as a hand would */
  for (int i = 1; i <= 4; i++)
    drag_update (self, dx * i / 4, dy * i / 4);
  drag_end (self);
}
