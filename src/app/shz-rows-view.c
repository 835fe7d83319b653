/* shz-rows-view.c — a dataset's rows in a GtkColumnView over a ShzRowsModel: the view only
 * asks for the rows it shows, so a million rows scroll as smoothly as a hundred.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-app"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "shz-rows-view.h"

struct _ShzRowsView {
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkStack       *stack;
  GtkColumnView  *column_view;
  AdwStatusPage  *empty_page;

  ShzRowsModel   *model;
};

G_DEFINE_FINAL_TYPE (ShzRowsView, shz_rows_view, ADW_TYPE_WINDOW)

static void
on_setup_cell_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  numeric)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
on_bind_cell_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  unused)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  ShzRowsItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const char *text = item ? shz_rows_item_get_value (item, column) : "";

  gtk_label_set_text (GTK_LABEL (label), text);
  /* long texts (a rejection reason, a note) stay readable in full */
  gtk_widget_set_tooltip_text (label, strlen (text) > 24 ? text : NULL);
}

static void
add_columns (ShzRowsView *self)
{
  guint n = shz_rows_model_get_n_columns (self->model);

  for (guint c = 0; c < n; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      gboolean numeric = shz_rows_model_column_is_numeric (self->model, c);
      const char *name = shz_rows_model_get_column_name (self->model, c);
      g_autoptr(GtkColumnViewColumn) column = NULL;
      int width;

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cell_cb), GINT_TO_POINTER (numeric));
      g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cell_cb), NULL);
      column = gtk_column_view_column_new (shz_rows_model_get_column_title (self->model, c), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      /* Fixed widths: the view never measures rows it does not show. */
      if (g_str_equal (name, "row_no"))
        width = 80;
      else if (g_str_equal (name, "reason"))
        width = 520;
      else if (numeric)
        width = 110;
      else
        width = 150;
      gtk_column_view_column_set_fixed_width (column, width);
      gtk_column_view_column_set_expand (column, c + 1 == n);
      gtk_column_view_append_column (self->column_view, column);
    }
}

static void
shz_rows_view_dispose (GObject *object)
{
  ShzRowsView *self = SHZ_ROWS_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHZ_TYPE_ROWS_VIEW);
  G_OBJECT_CLASS (shz_rows_view_parent_class)->dispose (object);
}

static void
shz_rows_view_finalize (GObject *object)
{
  ShzRowsView *self = SHZ_ROWS_VIEW (object);

  g_clear_object (&self->model);
  G_OBJECT_CLASS (shz_rows_view_parent_class)->finalize (object);
}

static void
shz_rows_view_class_init (ShzRowsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shz_rows_view_dispose;
  object_class->finalize = shz_rows_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuzhi/Shuzhi/ui/shz-rows-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ShzRowsView, window_title);
  gtk_widget_class_bind_template_child (widget_class, ShzRowsView, stack);
  gtk_widget_class_bind_template_child (widget_class, ShzRowsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, ShzRowsView, empty_page);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
shz_rows_view_init (ShzRowsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ShzRowsView *
shz_rows_view_new (GtkWindow      *parent,
                   const char     *store_path,
                   gint64          dataset_id,
                   ShzRowsSource   source,
                   GError        **error)
{
  g_autoptr(ShzRowsModel) model = shz_rows_model_new (store_path, dataset_id, source, error);
  ShzRowsView *self;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  guint n;

  if (model == NULL)
    return NULL;
  self = g_object_new (SHZ_TYPE_ROWS_VIEW, "transient-for", parent, NULL);
  self->model = g_steal_pointer (&model);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  if (source == SHZ_ROWS_SOURCE_REJECTIONS)
    {
      /* Translators: window title; %s is a dataset name. */
      title = g_strdup_printf (_("Rejected Rows of “%s”"), shz_rows_model_get_dataset_name (self->model));
      subtitle = g_strdup_printf (ngettext ("%'u rejected row kept", "%'u rejected rows kept", n), n);
      adw_status_page_set_title (self->empty_page, _("No Rejected Rows"));
      adw_status_page_set_description (self->empty_page, _("Every row of the file was accepted."));
    }
  else
    {
      title = g_strdup (shz_rows_model_get_dataset_name (self->model));
      subtitle = g_strdup_printf (ngettext ("%'u row", "%'u rows", n), n);
      adw_status_page_set_description (self->empty_page, _("This dataset has no stored rows."));
    }
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);

  add_columns (self);
  {
    GtkSingleSelection *selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));

    gtk_single_selection_set_autoselect (selection, FALSE);
    gtk_single_selection_set_can_unselect (selection, TRUE);
    gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
    g_object_unref (selection);
  }
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "rows" : "empty");
  return self;
}

ShzRowsModel *
shz_rows_view_get_model (ShzRowsView *self)
{
  g_return_val_if_fail (SHZ_IS_ROWS_VIEW (self), NULL);
  return self->model;
}

GtkColumnView *
shz_rows_view_get_column_view (ShzRowsView *self)
{
  g_return_val_if_fail (SHZ_IS_ROWS_VIEW (self), NULL);
  return self->column_view;
}
