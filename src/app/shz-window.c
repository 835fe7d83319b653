/* shz-window.c — the main window: a sidebar of the store's engagements, and the selected
 * engagement's views (overview, data, maturity map, value network).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-app"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <glib/gstdio.h>

#include "shz-window.h"
#include "shz-a11y.h"
#include "shz-engagement-dialog.h"
#include "shz-engagement-object.h"
#include "shz-chart-page.h"
#include "shz-data-view.h"
#include "shz-method-dialog.h"
#include "shz-assessment-editor.h"
#include "shz-batch-export-dialog.h"
#include "shz-toast.h"
#include "charts/shz-report.h"

struct _ShzWindow {
  AdwApplicationWindow  parent_instance;

  /* template */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  AdwWindowTitle       *store_title;
  GtkRevealer          *read_only_revealer;
  GtkLabel             *read_only_label;
  guint                 poll_id;
  ShzAssessmentEditor  *editor;           /* weak: the open assessment editor, if any */
  GtkListBox           *engagement_list;
  GtkButton            *back_button;
  GtkButton            *undo_button;
  GtkButton            *redo_button;
  GtkButton            *open_anyway_button;
  GtkStack             *content_stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  GtkLabel             *overview_title;
  AdwActionRow         *client_row;
  AdwActionRow         *industry_row;
  AdwActionRow         *analyst_row;
  AdwActionRow         *modified_row;
  AdwPreferencesGroup  *notes_group;
  GtkLabel             *notes_label;
  GtkListBox           *datasets_list;
  GtkListBox           *charts_list;
  GtkBox               *data_box;
  GtkBox               *maturity_box;
  GtkBox               *network_box;
  AdwStatusPage        *error_page;
  GMenu                *recent_submenu;

  /* state */
  ShzStore             *store;
  char                 *store_path;
  GListStore           *engagements;      /* of ShzEngagementObject */
  gint64                selected_id;
  GHashTable           *pending_deletes;  /* id → AdwToast, hidden until the toast goes */
  ShzDataView          *data_view;
  ShzChartPage         *maturity_page;
  ShzChartPage         *network_page;
  gint64                shown_id;         /* engagement the views show */
  gboolean              has_usage;        /* … and it has a usage dataset to compute from */
  gboolean              reloading;
  gboolean              keep_pages;       /* a page saved its settings: refresh the rest only */
};

G_DEFINE_FINAL_TYPE (ShzWindow, shz_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_actions (ShzWindow *self);
static void show_selected (ShzWindow *self);
static void flush_pending_deletes (ShzWindow *self);
static GtkFileFilter *store_filter (void);
static char *with_extension (const char *path);

/* ---- helpers ---- */

static GSettings *
settings (ShzWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app == NULL)
    return NULL;
  return shz_application_get_settings (SHZ_APPLICATION (app));
}

void
shz_window_show_toast (ShzWindow  *self,
                       const char *message)
{
  /* Toast titles are Pango markup; messages carry user names such as "R&D <2026>". */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 5);
  shz_toast_overlay_add (self->toast_overlay, toast);
}

static void
show_error (ShzWindow    *self,
            const GError *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save the Change"), error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static ShzEngagementObject *
selected_object (ShzWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->engagements));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShzEngagementObject) obj = g_list_model_get_item (G_LIST_MODEL (self->engagements), i);
      if (shz_engagement_object_get_id (obj) == self->selected_id)
        return obj;  /* the store keeps a reference */
    }
  return NULL;
}

static GtkWidget *
create_engagement_row_cb (gpointer item,
                          gpointer user_data)
{
  ShzEngagementObject *obj = item;
  const ShzEngagement *e = shz_engagement_object_get (obj);
  GtkWidget *row, *box, *title, *subtitle;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  title = gtk_label_new (e->name);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), title);
  if (e->client && e->client[0])
    {
      subtitle = gtk_label_new (e->client);
      gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
      gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (subtitle, "dim-label");
      gtk_widget_add_css_class (subtitle, "caption");
      gtk_box_append (GTK_BOX (box), subtitle);
    }
  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, e->name, -1);
  return row;
}

static void
select_row_for_id (ShzWindow *self,
                   gint64     id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->engagements));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShzEngagementObject) obj = g_list_model_get_item (G_LIST_MODEL (self->engagements), i);
      if (shz_engagement_object_get_id (obj) == id)
        {
          gtk_list_box_select_row (self->engagement_list, gtk_list_box_get_row_at_index (self->engagement_list, i));
          return;
        }
    }
  gtk_list_box_unselect_all (self->engagement_list);
}

void
shz_window_reload (ShzWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 keep = self->selected_id;
  gboolean found = FALSE;

  if (self->store == NULL)
    return;
  list = shz_store_list_engagements (self->store, &error);
  if (list == NULL)
    {
      shz_window_show_toast (self, error->message);
      return;
    }

  self->reloading = TRUE;
  g_list_store_remove_all (self->engagements);
  for (guint i = 0; i < list->len; i++)
    {
      ShzEngagement *e = g_ptr_array_index (list, i);
      g_autoptr(ShzEngagementObject) obj = NULL;

      if (g_hash_table_contains (self->pending_deletes, &e->id))
        continue;
      if (e->id == keep)
        found = TRUE;
      obj = shz_engagement_object_new (shz_engagement_copy (e));
      g_list_store_append (self->engagements, obj);
    }
  if (!found)
    {
      g_autoptr(ShzEngagementObject) first = g_list_model_get_item (G_LIST_MODEL (self->engagements), 0);
      keep = first ? shz_engagement_object_get_id (first) : 0;
    }
  self->selected_id = keep;
  select_row_for_id (self, keep);
  self->reloading = FALSE;
  show_selected (self);
}

/* ---- the overview and views ---- */

static void
clear_list_box (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))))
    gtk_list_box_remove (box, child);
}

static char *
dataset_summary (const ShzDataset *d)
{
  g_autofree char *rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " row",
                                                        "%" PRId64 " rows", d->rows), d->rows);
  GString *s = g_string_new (shz_dataset_kind_label (d->kind));

  g_string_append_printf (s, " · %s", rows);
  if (d->rejected > 0)
    {
      g_string_append (s, " · ");
      g_string_append_printf (s, _("%" PRId64 " rejected"), d->rejected);
    }
  if (d->source_name)
    g_string_append_printf (s, " · %s", d->source_name);
  if (d->illustrative)
    g_string_append_printf (s, " · %s", _("illustrative"));
  return g_string_free (s, FALSE);
}

static gboolean
has_kind (GPtrArray      *datasets,
          ShzDatasetKind  kind)
{
  for (guint i = 0; i < datasets->len; i++)
    if (((ShzDataset *) g_ptr_array_index (datasets, i))->kind == kind)
      return TRUE;
  return FALSE;
}

static void
fill_overview (ShzWindow           *self,
               const ShzEngagement *e,
               GPtrArray           *datasets)
{
  static const struct { const char *kind; const char *title; ShzDatasetKind needs; } charts[] = {
    { "maturity-map", N_("Maturity map"), SHZ_KIND_POSITIONS },
    { "value-chain", N_("One-way chain value chain"), SHZ_KIND_SCORES },
    { "value-network", N_("Full-link ring value network"), SHZ_KIND_LINKS },
  };
  const char *dash = "—";

  gtk_label_set_text (self->overview_title, e->title && e->title[0] ? e->title : e->name);
  adw_action_row_set_subtitle (self->client_row, e->client && e->client[0] ? e->client : dash);
  adw_action_row_set_subtitle (self->industry_row, e->industry && e->industry[0] ? e->industry : dash);
  adw_action_row_set_subtitle (self->analyst_row, e->analyst && e->analyst[0] ? e->analyst : dash);
  {
    /* Stored as UTC ISO 8601; shown in the user's time zone and locale. */
    g_autoptr(GDateTime) utc = e->modified ? g_date_time_new_from_iso8601 (e->modified, NULL) : NULL;
    g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
    g_autofree char *when = local ? g_date_time_format (local, "%x %X") : NULL;

    adw_action_row_set_subtitle (self->modified_row, when ? when : (e->modified ? e->modified : dash));
  }
  gtk_label_set_text (self->notes_label, e->notes && e->notes[0] ? e->notes : _("No notes."));

  clear_list_box (self->datasets_list);
  if (datasets->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No datasets yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Import client data to fill the charts."));
      gtk_list_box_append (self->datasets_list, row);
    }
  for (guint i = 0; i < datasets->len; i++)
    {
      ShzDataset *d = g_ptr_array_index (datasets, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *summary = dataset_summary (d);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), d->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
      gtk_list_box_append (self->datasets_list, row);
    }

  clear_list_box (self->charts_list);
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      gboolean ready = has_kind (datasets, charts[i].needs) ||
                       (charts[i].needs == SHZ_KIND_LINKS && has_kind (datasets, SHZ_KIND_SCORES));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(charts[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   ready ? _("Has data to draw") : _("Needs data: import a dataset first"));
      gtk_list_box_append (self->charts_list, row);
    }
}

static void
show_selected (ShzWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) datasets = NULL;
  ShzEngagementObject *obj = selected_object (self);
  const ShzEngagement *e;

  if (self->content_stack == NULL)  /* being disposed */
    return;
  update_actions (self);
  if (obj == NULL)
    {
      self->shown_id = 0;
      if (self->data_view != NULL)
        {
          shz_data_view_set_engagement (self->data_view, NULL, NULL, 0);
          shz_chart_page_set_engagement (self->maturity_page, NULL, 0);
          shz_chart_page_set_engagement (self->network_page, NULL, 0);
        }
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      adw_view_switcher_title_set_title (self->switcher_title, _("Shuzhi"));
      return;
    }
  e = shz_engagement_object_get (obj);
  datasets = shz_store_list_datasets (self->store, e->id, &error);
  if (datasets == NULL)
    {
      shz_window_show_toast (self, error->message);
      datasets = g_ptr_array_new ();
    }
  adw_view_switcher_title_set_title (self->switcher_title, e->name);
  adw_view_switcher_title_set_subtitle (self->switcher_title, e->client ? e->client : "");
  self->has_usage = has_kind (datasets, SHZ_KIND_USAGE);
  update_actions (self);
  fill_overview (self, e, datasets);
  if (self->data_view != NULL)  /* else made later by ensure_views(), for the engagement shown then */
    {
      shz_data_view_set_engagement (self->data_view, self->store, self->store_path, e->id);
      if (self->shown_id == e->id && self->keep_pages)
        ;
      else if (self->shown_id == e->id)
        {
          shz_chart_page_reload (self->maturity_page);
          shz_chart_page_reload (self->network_page);
        }
      else
        {
          shz_chart_page_set_engagement (self->maturity_page, self->store, e->id);
          shz_chart_page_set_engagement (self->network_page, self->store, e->id);
        }
    }
  self->shown_id = e->id;
  gtk_stack_set_visible_child_name (self->content_stack, "engagement");
}

/* ---- callbacks ---- */

static void
on_row_selected_cb (ShzWindow     *self,
                    GtkListBoxRow *row,
                    GtkListBox    *box)
{
  g_autoptr(ShzEngagementObject) obj = NULL;

  if (self->reloading)
    return;
  if (row == NULL)
    self->selected_id = 0;
  else
    {
      obj = g_list_model_get_item (G_LIST_MODEL (self->engagements), gtk_list_box_row_get_index (row));
      self->selected_id = obj ? shz_engagement_object_get_id (obj) : 0;
    }
  show_selected (self);
}

static void
on_row_activated_cb (ShzWindow     *self,
                     GtkListBoxRow *row,
                     GtkListBox    *box)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_clicked_cb (ShzWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_dialog_save_cb (ShzEngagementDialog *dialog,
                   ShzWindow           *self)
{
  g_autoptr(ShzEngagement) fields = shz_engagement_dialog_get_fields (dialog);
  g_autoptr(GError) error = NULL;

  if (fields->id == 0)
    {
      gint64 id = shz_store_create_engagement (self->store, fields, &error);
      if (id != 0)
        self->selected_id = id;
    }
  else
    shz_store_update_engagement (self->store, fields, &error);

  shz_engagement_dialog_finish (dialog, error);
  if (error == NULL)
    shz_window_reload (self);
}

static void
open_engagement_dialog (ShzWindow           *self,
                        const ShzEngagement *e,
                        gboolean             focus_name)
{
  ShzEngagementDialog *dialog = shz_engagement_dialog_new (GTK_WINDOW (self), e, focus_name);

  g_signal_connect_object (dialog, "save", G_CALLBACK (on_dialog_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void on_visible_view_cb (ShzWindow *self);
static void on_view_changed_cb (ShzWindow *self);
static void on_page_changed_cb (ShzWindow *self);

/* The Data, Maturity Map and Value Network views are made the first time one of them is shown or
 * an action needs one: a window that opens on the overview draws its first frame without them
 * (they are most of its widgets, and the chart pages start loading their charts when made). */
static void
ensure_views (ShzWindow *self)
{
  static const char *const maturity_kinds[] = { "maturity-map", NULL };
  static const char *const network_kinds[] = { "value-network", "value-chain", "network-compare",
                                               "rhc-chains", "evolution-paths", NULL };

  if (self->data_view != NULL || self->content_stack == NULL)
    return;
  self->data_view = SHZ_DATA_VIEW (shz_data_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->data_view), TRUE);
  gtk_box_append (self->data_box, GTK_WIDGET (self->data_view));
  g_signal_connect_swapped (self->data_view, "changed", G_CALLBACK (on_view_changed_cb), self);

  self->maturity_page = SHZ_CHART_PAGE (shz_chart_page_new (maturity_kinds));
  gtk_widget_set_vexpand (GTK_WIDGET (self->maturity_page), TRUE);
  gtk_box_append (self->maturity_box, GTK_WIDGET (self->maturity_page));
  g_signal_connect_swapped (self->maturity_page, "changed", G_CALLBACK (on_page_changed_cb), self);

  self->network_page = SHZ_CHART_PAGE (shz_chart_page_new (network_kinds));
  gtk_widget_set_vexpand (GTK_WIDGET (self->network_page), TRUE);
  gtk_box_append (self->network_box, GTK_WIDGET (self->network_page));
  g_signal_connect_swapped (self->network_page, "changed", G_CALLBACK (on_page_changed_cb), self);

  g_signal_connect_swapped (self->maturity_page, "map", G_CALLBACK (on_visible_view_cb), self);
  g_signal_connect_swapped (self->network_page, "map", G_CALLBACK (on_visible_view_cb), self);
  if (self->shown_id != 0 && self->store != NULL)
    {
      shz_data_view_set_engagement (self->data_view, self->store, self->store_path, self->shown_id);
      shz_chart_page_set_engagement (self->maturity_page, self->store, self->shown_id);
      shz_chart_page_set_engagement (self->network_page, self->store, self->shown_id);
    }
}

/* On a chart tab the chart takes the keyboard focus, so the arrow keys move between its items. */
static void
on_visible_view_cb (ShzWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);
  ShzChartPage *page = NULL;

  if (name != NULL && g_strcmp0 (name, "overview") != 0)
    ensure_views (self);

  if (g_strcmp0 (name, "maturity") == 0)
    page = self->maturity_page;
  else if (g_strcmp0 (name, "network") == 0)
    page = self->network_page;
  if (page && shz_chart_page_get_view (page) && gtk_widget_get_mapped (GTK_WIDGET (page)))
    gtk_widget_grab_focus (shz_chart_page_get_view (page));
}

static void
on_view_changed_cb (ShzWindow *self)
{
  shz_window_reload (self);
}

/* A chart page saved its settings: the overview's counts change, the charts do not. */
static void
on_page_changed_cb (ShzWindow *self)
{
  self->keep_pages = TRUE;
  shz_window_reload (self);
  self->keep_pages = FALSE;
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            ShzWindow     *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || selected_object (self) == NULL ||
      self->store == NULL || shz_store_is_read_only (self->store))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;
  adw_view_stack_set_visible_child_name (self->view_stack, "data");
  ensure_views (self);
  shz_data_view_import (self->data_view, files->data);
  return TRUE;
}

/* ---- actions ---- */

static void
import_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  ShzWindow *self = SHZ_WINDOW (widget);

  if (selected_object (self) == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "data");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  ensure_views (self);
  shz_data_view_import (self->data_view, NULL);
}

static void
on_positions_saved_cb (ShzMethodDialog *dialog,
                       gint64           dataset_id,
                       ShzWindow       *self)
{
  g_autoptr(ShzDataset) d = shz_store_get_dataset (self->store, dataset_id, NULL);
  g_autofree char *msg = g_strdup_printf (_("Positions saved as “%s”"), d ? d->name : "");

  shz_window_reload (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "maturity");
  shz_window_show_toast (self, msg);
}

static void
compute_positions_action (GtkWidget  *widget,
                          const char *name,
                          GVariant   *param)
{
  ShzWindow *self = SHZ_WINDOW (widget);
  ShzMethodDialog *dialog;

  if (selected_object (self) == NULL || self->store == NULL)
    return;
  dialog = shz_method_dialog_new (GTK_WINDOW (self), self->store, self->store_path, self->selected_id);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_positions_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_editor (ShzWindow *self)
{
  if (self->editor)
    gtk_window_destroy (GTK_WINDOW (self->editor));
}

static void
on_editor_changed_cb (ShzWindow *self)
{
  shz_window_reload (self);
}

static void
edit_assessment_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *param)
{
  ShzWindow *self = SHZ_WINDOW (widget);

  if (selected_object (self) == NULL || self->store == NULL)
    return;
  if (self->editor && shz_assessment_editor_get_engagement_id (self->editor) != self->selected_id)
    close_editor (self);
  if (self->editor == NULL)
    {
      self->editor = shz_assessment_editor_new (GTK_WINDOW (self), self->store, self->selected_id);
      g_object_add_weak_pointer (G_OBJECT (self->editor), (gpointer *) &self->editor);
      g_signal_connect_object (self->editor, "changed", G_CALLBACK (on_editor_changed_cb), self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (self->editor));
}

static void
undo_redo_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  ShzWindow *self = SHZ_WINDOW (widget);
  gboolean redo = g_str_equal (name, "win.redo");
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *msg = NULL;

  if (self->store == NULL)
    return;
  flush_pending_deletes (self);
  label = redo ? shz_store_get_redo_label (self->store) : shz_store_get_undo_label (self->store);
  if (!(redo ? shz_store_redo (self->store, &error) : shz_store_undo (self->store, &error)))
    {
      shz_window_show_toast (self, error->message);
      return;
    }
  /* Translators: a toast after Ctrl+Z / Ctrl+Shift+Z; %s is what was undone, e.g. "Rename engagement". */
  msg = g_strdup_printf (redo ? _("Redone: %s") : _("Undone: %s"), label ? label : "");
  shz_window_reload (self);
  if (self->editor)
    shz_assessment_editor_reload (self->editor);
  shz_window_show_toast (self, msg);
}

static void
show_history_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  ShzWindow *self = SHZ_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  GtkWidget *window, *box, *header, *scroll, *list;

  if (self->store == NULL)
    return;
  steps = shz_store_list_history (self->store, &error);
  if (steps == NULL)
    {
      shz_window_show_toast (self, error->message);
      return;
    }
  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("History"));
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 460, 520);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  if (steps->len == 0)
    {
      GtkWidget *page = adw_status_page_new ();
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "edit-undo-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (page), _("No Changes Yet"));
      adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                       _("Every change to this store is listed here and can be undone, even after a restart."));
      gtk_widget_set_vexpand (page, TRUE);
      gtk_box_append (GTK_BOX (box), page);
    }
  else
    {
      scroll = gtk_scrolled_window_new ();
      gtk_widget_set_vexpand (scroll, TRUE);
      list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_widget_set_margin_top (list, 12);
      gtk_widget_set_margin_bottom (list, 12);
      gtk_widget_set_margin_start (list, 12);
      gtk_widget_set_margin_end (list, 12);
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("History"), -1);
      /* Newest first, as people read a history. */
      for (guint i = steps->len; i-- > 0; )
        {
          ShzHistoryStep *step = g_ptr_array_index (steps, i);
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *sub = step->undone ? g_strdup_printf (_("%s · undone"), step->time) : g_strdup (step->time);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), step->label);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
          if (step->undone)
            gtk_widget_add_css_class (row, "dim-label");
          gtk_list_box_append (GTK_LIST_BOX (list), row);
        }
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), list);
      gtk_box_append (GTK_BOX (box), scroll);
    }
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

static char *
safe_file_name (const char *name)
{
  g_autofree char *copy = g_strdup (name);

  g_strdelimit (copy, "/\\:*?\"<>|", '-');
  return g_steal_pointer (&copy);
}

static void
on_export_engagement_response_cb (GtkNativeDialog *native,
                                  int              response,
                                  ShzWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->store && selected_object (self))
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *raw = g_file_get_path (file);
      g_autofree char *path = raw ? with_extension (raw) : NULL;
      g_autoptr(GError) error = NULL;
      GSettings *s = settings (self);
      gboolean pseudo = s && g_settings_get_boolean (s, "pseudonymise");
      gboolean ok;

      if (pseudo)
        ok = shz_store_export_engagement_pseudonymised (self->store, self->selected_id, path,
                                                        g_str_has_prefix (g_get_language_names ()[0], "zh") ? "zh_CN" : "en",
                                                        &error);
      else
        ok = shz_store_export_engagement (self->store, self->selected_id, path, &error);
      if (!ok)
        show_error (self, error);
      else
        {
          g_autofree char *base = g_path_get_basename (path);
          g_autofree char *msg = g_strdup_printf (pseudo ? _("Exported to “%s” with pseudonymised names")
                                                         : _("Exported to “%s”"), base);
          shz_window_show_toast (self, msg);
        }
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
export_engagement_action (GtkWidget  *widget,
                          const char *name,
                          GVariant   *param)
{
  ShzWindow *self = SHZ_WINDOW (widget);
  ShzEngagementObject *obj = selected_object (self);
  g_autoptr(GtkFileFilter) filter = store_filter ();
  g_autofree char *base = NULL, *file_name = NULL;
  GtkFileChooserNative *native;

  if (obj == NULL)
    return;
  base = safe_file_name (shz_engagement_object_get_name (obj));
  file_name = g_strconcat (base, ".shuzhi", NULL);
  native = gtk_file_chooser_native_new (_("Export Engagement"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), file_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_export_engagement_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_merge_response_cb (GtkNativeDialog *native,
                      int              response,
                      ShzWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->store)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = NULL;

      if (path && g_strcmp0 (path, self->store_path) == 0)
        shz_window_show_toast (self, _("That is the store already open here"));
      else if (path && (ids = shz_store_import_engagements (self->store, path, NULL, &error)) == NULL)
        show_error (self, error);
      else if (ids)
        {
          g_autofree char *msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u engagement imported",
                                                               "%u engagements imported", ids->len), ids->len);
          if (ids->len > 0)
            self->selected_id = g_array_index (ids, gint64, 0);
          shz_window_reload (self);
          shz_window_show_toast (self, msg);
        }
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
merge_store_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  ShzWindow *self = SHZ_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = store_filter ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Import Engagements From a Store"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_merge_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

typedef struct {
  char             *store_path;
  gint64            engagement_id;
  char             *path;
  ShzReportOptions  options;
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  g_free (job->store_path);
  g_free (job->path);
  g_free (job);
}

/* The report draws every chart: seconds, not milliseconds — a thread on its own connection. */
static void
report_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (job->store_path, SHZ_STORE_OPEN_READ_ONLY, &error);
  guint n = 0;

  if (store == NULL || !shz_report_write (store, job->engagement_id, &job->options, job->path, &n, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, n);
}

static void
on_report_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ShzWindow *self = SHZ_WINDOW (source);
  ReportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gssize n = g_task_propagate_int (G_TASK (result), &error);

  if (n < 0)
    show_error (self, error);
  else
    {
      g_autofree char *base = g_path_get_basename (job->path);
      g_autofree char *msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Report “%s” written with %d chart",
                                                           "Report “%s” written with %d charts", n), base, (int) n);
      shz_window_show_toast (self, msg);
    }
}

static void
on_report_response_cb (GtkNativeDialog *native,
                       int              response,
                       ShzWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->store && selected_object (self))
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *raw = g_file_get_path (file);
      ReportJob *job = g_new0 (ReportJob, 1);
      g_autoptr(GTask) task = NULL;
      GSettings *s = settings (self);
      g_autofree char *lang = s ? g_settings_get_string (s, "chart-language") : g_strdup ("auto");

      job->store_path = g_strdup (self->store_path);
      job->engagement_id = self->selected_id;
      job->path = raw && !g_str_has_suffix (raw, ".pdf") ? g_strconcat (raw, ".pdf", NULL) : g_strdup (raw);
      shz_report_options_init (&job->options);
      if (g_str_equal (lang, "auto"))
        job->options.lang = g_str_has_prefix (g_get_language_names ()[0], "zh") ? SHZ_CHART_LANG_ZH_CN : SHZ_CHART_LANG_EN;
      else
        shz_chart_lang_from_string (lang, &job->options.lang);
      job->options.pseudonymise = s && g_settings_get_boolean (s, "pseudonymise");
      task = g_task_new (self, NULL, on_report_done_cb, NULL);
      g_task_set_task_data (task, job, (GDestroyNotify) report_job_free);
      g_task_run_in_thread (task, report_thread);
      shz_window_show_toast (self, _("Writing the report…"));
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
export_report_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  ShzWindow *self = SHZ_WINDOW (widget);
  ShzEngagementObject *obj = selected_object (self);
  g_autofree char *base = NULL, *file_name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  if (obj == NULL)
    return;
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  base = safe_file_name (shz_engagement_object_get_name (obj));
  file_name = g_strconcat (base, ".pdf", NULL);
  native = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), file_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_report_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  ShzWindow *self = SHZ_WINDOW (widget);
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);

  if (selected_object (self) == NULL)
    return;
  if (g_strcmp0 (view, "network") != 0)
    {
      view = "maturity";
      adw_view_stack_set_visible_child_name (self->view_stack, view);
    }
  ensure_views (self);
  shz_chart_page_export (g_str_equal (view, "network") ? self->network_page : self->maturity_page);
}

/* Every chart of the engagement into a folder: a dialog of its own (formats, size, progress). */
static void
export_all_charts_action (GtkWidget  *widget,
                          const char *name,
                          GVariant   *param)
{
  ShzWindow *self = SHZ_WINDOW (widget);
  ShzEngagementObject *obj = selected_object (self);
  ShzBatchExportDialog *dialog;

  if (obj == NULL || self->store_path == NULL)
    return;
  dialog = shz_batch_export_dialog_new (GTK_WINDOW (self), self->store_path, self->selected_id,
                                        shz_engagement_object_get_name (obj));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_engagement_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *param)
{
  open_engagement_dialog (SHZ_WINDOW (widget), NULL, TRUE);
}

static void
edit_engagement_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *param)
{
  ShzWindow *self = SHZ_WINDOW (widget);
  ShzEngagementObject *obj = selected_object (self);

  if (obj)
    open_engagement_dialog (self, shz_engagement_object_get (obj), g_strcmp0 (name, "win.rename-engagement") == 0);
}

static void
duplicate_engagement_action (GtkWidget  *widget,
                             const char *name,
                             GVariant   *param)
{
  ShzWindow *self = SHZ_WINDOW (widget);
  ShzEngagementObject *obj = selected_object (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL, *new_name = NULL;
  gint64 id;

  if (obj == NULL)
    return;
  /* Translators: the name of a copy of an engagement; %s is the original name. */
  base = g_strdup_printf (_("%s (copy)"), shz_engagement_object_get_name (obj));
  new_name = shz_store_unique_engagement_name (self->store, base);
  id = shz_store_duplicate_engagement (self->store, shz_engagement_object_get_id (obj), new_name, &error);
  if (id == 0)
    {
      show_error (self, error);
      return;
    }
  self->selected_id = id;
  shz_window_reload (self);
}

static void
on_delete_undo_cb (AdwToast  *toast,
                   ShzWindow *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (toast), "engagement-id");

  g_object_set_data (G_OBJECT (toast), "undone", GINT_TO_POINTER (TRUE));
  self->selected_id = *id;
  g_hash_table_remove (self->pending_deletes, id);
  shz_window_reload (self);
}

static void
commit_delete (ShzWindow *self,
               AdwToast  *toast)
{
  gint64 *id = g_object_get_data (G_OBJECT (toast), "engagement-id");
  g_autoptr(GError) error = NULL;

  if (g_object_get_data (G_OBJECT (toast), "undone") || !g_hash_table_contains (self->pending_deletes, id))
    return;
  if (self->store && !shz_store_delete_engagement (self->store, *id, &error))
    g_warning ("Could not delete engagement: %s", error->message);
  g_hash_table_remove (self->pending_deletes, id);
}

static void
on_delete_dismissed_cb (AdwToast  *toast,
                        ShzWindow *self)
{
  commit_delete (self, toast);
}

/* The engagement disappears at once but is deleted only when its toast goes away, so Undo is a
 * plain un-hide.  If the app is killed meanwhile the engagement survives: never the other way. */
static void
delete_engagement_action (GtkWidget  *widget,
                          const char *name,
                          GVariant   *param)
{
  ShzWindow *self = SHZ_WINDOW (widget);
  ShzEngagementObject *obj = selected_object (self);
  g_autofree char *title = NULL;
  gint64 *id;
  AdwToast *toast;

  if (obj == NULL)
    return;
  id = g_new (gint64, 1);
  *id = shz_engagement_object_get_id (obj);
  {
    g_autofree char *escaped = g_markup_escape_text (shz_engagement_object_get_name (obj), -1);
    title = g_strdup_printf (_("“%s” deleted"), escaped);
  }
  if (self->editor && shz_assessment_editor_get_engagement_id (self->editor) == *id)
    close_editor (self);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "engagement-id", id, g_free);
  g_hash_table_insert (self->pending_deletes, g_memdup2 (id, sizeof *id), g_object_ref (toast));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_delete_undo_cb), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_delete_dismissed_cb), self, 0);
  shz_toast_overlay_add (self->toast_overlay, toast);
  self->selected_id = 0;
  shz_window_reload (self);
}

static void
flush_pending_deletes (ShzWindow *self)
{
  g_autoptr(GList) toasts = g_hash_table_get_values (self->pending_deletes);

  if (self->data_view)
    shz_data_view_flush_deletes (self->data_view);

  for (GList *l = toasts; l; l = l->next)
    g_object_ref (l->data);
  for (GList *l = toasts; l; l = l->next)
    {
      commit_delete (self, l->data);
      g_object_unref (l->data);
    }
}

static GtkFileFilter *
store_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Shuzhi stores"));
  gtk_file_filter_add_pattern (filter, "*.shuzhi");
  gtk_file_filter_add_mime_type (filter, "application/x-shuzhi");
  return filter;
}

static char *
with_extension (const char *path)
{
  if (g_str_has_suffix (path, ".shuzhi"))
    return g_strdup (path);
  return g_strconcat (path, ".shuzhi", NULL);
}

static void
on_open_response_cb (GtkNativeDialog *native,
                     int              response,
                     ShzWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
      GList *windows = gtk_application_get_windows (app);
      gboolean elsewhere = FALSE;

      for (GList *l = windows; l; l = l->next)
        if (l->data != self && SHZ_IS_WINDOW (l->data) && g_strcmp0 (shz_window_get_store_path (l->data), path) == 0)
          elsewhere = TRUE;
      if (elsewhere)
        shz_application_open_store (SHZ_APPLICATION (app), path);
      else if (path)
        shz_window_open_store (self, path);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
open_store_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  ShzWindow *self = SHZ_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = store_filter ();

  native = gtk_file_chooser_native_new (_("Open Store"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_new_store_response_cb (GtkNativeDialog *native,
                          int              response,
                          ShzWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *raw = g_file_get_path (file);
      g_autofree char *path = raw ? with_extension (raw) : NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(ShzStore) store = NULL;

      if (path && g_file_test (path, G_FILE_TEST_EXISTS))
        {
          /* Never overwrite a store by "New": open it instead, and say so. */
          shz_window_open_store (self, path);
          shz_window_show_toast (self, _("That store already exists; it was opened instead"));
        }
      else if (path)
        {
          store = shz_store_open (path, SHZ_STORE_OPEN_CREATE, &error);
          if (store == NULL)
            show_error (self, error);
          else
            {
              g_clear_pointer (&store, shz_store_free);
              shz_window_open_store (self, path);
            }
        }
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
new_store_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  ShzWindow *self = SHZ_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = store_filter ();

  native = gtk_file_chooser_native_new (_("New Store"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("C_reate"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("Engagements.shuzhi"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_new_store_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_save_as_response_cb (GtkNativeDialog *native,
                        int              response,
                        ShzWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->store)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *raw = g_file_get_path (file);
      g_autofree char *path = raw ? with_extension (raw) : NULL;
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        ;
      else if (g_strcmp0 (path, self->store_path) == 0)
        shz_window_show_toast (self, _("The store is already saved there"));
      else if (!shz_store_backup_to (self->store, path, &error))
        show_error (self, error);
      else
        {
          shz_window_open_store (self, path);
          shz_window_show_toast (self, _("Store saved"));
        }
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
save_store_as_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  ShzWindow *self = SHZ_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = store_filter ();
  g_autofree char *base = self->store_path ? g_path_get_basename (self->store_path) : NULL;

  native = gtk_file_chooser_native_new (_("Save Store As"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (base)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), base);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_save_as_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
open_default_store_action (GtkWidget  *widget,
                           const char *name,
                           GVariant   *param)
{
  g_autofree char *path = shz_application_default_store_path ();

  shz_window_open_store (SHZ_WINDOW (widget), path);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  ShzWindow *self = SHZ_WINDOW (widget);

  if (selected_object (self) == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (param, NULL));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
update_actions (ShzWindow *self)
{
  gboolean have_store = self->store != NULL;
  gboolean writable = have_store && !shz_store_is_read_only (self->store);
  gboolean have_engagement = have_store && selected_object (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-engagement", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-engagement", writable && have_engagement);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename-engagement", writable && have_engagement);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-engagement", writable && have_engagement);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-engagement", writable && have_engagement);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-store-as", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-view", have_engagement);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", writable && have_engagement);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-chart", have_engagement);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compute-positions", writable && have_engagement && self->has_usage);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", writable && shz_store_can_undo (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", writable && shz_store_can_redo (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-history", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-assessment", have_engagement);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-engagement", have_engagement);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report", have_engagement);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-all-charts", have_engagement);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.merge-store", writable);
  if (have_store)
    {
      g_autofree char *undo = shz_store_get_undo_label (self->store);
      g_autofree char *redo = shz_store_get_redo_label (self->store);
      g_autofree char *undo_tip = undo ? g_strdup_printf (_("Undo: %s"), undo) : g_strdup (_("Nothing to undo"));
      g_autofree char *redo_tip = redo ? g_strdup_printf (_("Redo: %s"), redo) : g_strdup (_("Nothing to redo"));

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->undo_button), undo_tip);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->redo_button), redo_tip);
    }
}

static void
rebuild_recent_menu (ShzWindow *self)
{
  GSettings *s = settings (self);
  g_auto(GStrv) recent = NULL;

  g_menu_remove_all (self->recent_submenu);
  if (s == NULL)
    return;
  recent = g_settings_get_strv (s, "recent-stores");
  for (guint i = 0; recent[i]; i++)
    {
      g_autofree char *base = g_path_get_basename (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (base, NULL);

      g_menu_item_set_action_and_target (item, "app.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_submenu, item);
    }
}

static void
on_recent_changed_cb (GSettings  *s,
                      const char *key,
                      ShzWindow  *self)
{
  rebuild_recent_menu (self);
}

/* Another program (or a second window) may commit to the store, or replace the file. */
static gboolean
poll_store_cb (gpointer user_data)
{
  ShzWindow *self = user_data;

  if (self->store == NULL)
    return G_SOURCE_CONTINUE;
  switch (shz_store_poll_change (self->store))
    {
    case SHZ_STORE_CHANGED_ELSEWHERE:
      shz_window_reload (self);
      shz_window_show_toast (self, _("The store was changed by another program; showing its current state"));
      break;
    case SHZ_STORE_REPLACED:
      shz_window_show_toast (self, _("The store file was replaced on disk; open it again to see the new file"));
      break;
    case SHZ_STORE_UNCHANGED:
    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_open_anyway_clicked_cb (ShzWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (self->store_path);
  ShzStore *store;

  if (path == NULL)
    return;
  store = shz_store_open (path, SHZ_STORE_OPEN_BREAK_LOCK, &error);
  if (store == NULL)
    {
      show_error (self, error);
      return;
    }
  shz_store_free (store);
  /* Reopen through the usual path, now that the lock is ours to take. */
  g_clear_pointer (&self->store, shz_store_free);
  {
    g_autoptr(ShzStore) again = shz_store_open (path, SHZ_STORE_OPEN_BREAK_LOCK, &error);
    if (again == NULL)
      {
        show_error (self, error);
        return;
      }
    self->store = g_steal_pointer (&again);
  }
  gtk_revealer_set_reveal_child (self->read_only_revealer, shz_store_is_read_only (self->store));
  shz_window_reload (self);
}

/* ---- first frame (for measurements and end-to-end tests) ---- */

static void
on_after_paint_cb (GdkFrameClock *clock,
                   ShzWindow     *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, self);
  if (g_getenv ("SHZ_REPORT_FIRST_FRAME"))
    {
      g_printerr ("shuzhi: first frame after %.1f ms\n",
                  (g_get_monotonic_time () - shz_application_get_start_time ()) / 1000.0);
      if (g_strcmp0 (g_getenv ("SHZ_REPORT_FIRST_FRAME"), "exit") == 0)
        g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
    }
}

static void
on_realize_cb (ShzWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock && g_getenv ("SHZ_REPORT_FIRST_FRAME"))
    g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), self);
}

/* ---- overrides ---- */

static gboolean
shz_window_close_request (GtkWindow *window)
{
  ShzWindow *self = SHZ_WINDOW (window);
  GSettings *s = settings (self);

  flush_pending_deletes (self);
  if (s)
    {
      int w, h;

      gtk_window_get_default_size (window, &w, &h);
      g_settings_set_int (s, "window-width", w);
      g_settings_set_int (s, "window-height", h);
      g_settings_set_boolean (s, "window-maximized", gtk_window_is_maximized (window));
    }
  return GTK_WINDOW_CLASS (shz_window_parent_class)->close_request (window);
}

static void
shz_window_constructed (GObject *object)
{
  ShzWindow *self = SHZ_WINDOW (object);
  GSettings *s = settings (self);

  G_OBJECT_CLASS (shz_window_parent_class)->constructed (object);
  if (s)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (s, "window-width"),
                                   g_settings_get_int (s, "window-height"));
      if (g_settings_get_boolean (s, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      g_signal_connect_object (s, "changed::recent-stores", G_CALLBACK (on_recent_changed_cb), self, 0);
    }
  rebuild_recent_menu (self);
}

static void
shz_window_dispose (GObject *object)
{
  ShzWindow *self = SHZ_WINDOW (object);

  close_editor (self);
  if (self->pending_deletes)
    flush_pending_deletes (self);
  if (self->engagement_list)
    g_signal_handlers_disconnect_by_data (self->engagement_list, self);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHZ_TYPE_WINDOW);
  G_OBJECT_CLASS (shz_window_parent_class)->dispose (object);
}

static void
shz_window_finalize (GObject *object)
{
  ShzWindow *self = SHZ_WINDOW (object);

  g_clear_pointer (&self->store, shz_store_free);
  g_clear_pointer (&self->store_path, g_free);
  g_clear_pointer (&self->pending_deletes, g_hash_table_unref);
  g_clear_object (&self->engagements);
  G_OBJECT_CLASS (shz_window_parent_class)->finalize (object);
}

static void
shz_window_class_init (ShzWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = shz_window_constructed;
  object_class->dispose = shz_window_dispose;
  object_class->finalize = shz_window_finalize;
  window_class->close_request = shz_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuzhi/Shuzhi/ui/shz-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, store_title);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, engagement_list);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, open_anyway_button);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, overview_title);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, client_row);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, industry_row);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, analyst_row);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, modified_row);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, notes_group);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, notes_label);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, datasets_list);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, charts_list);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, data_box);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, maturity_box);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, network_box);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, ShzWindow, recent_submenu);

  gtk_widget_class_install_action (widget_class, "win.new-engagement", NULL, new_engagement_action);
  gtk_widget_class_install_action (widget_class, "win.edit-engagement", NULL, edit_engagement_action);
  gtk_widget_class_install_action (widget_class, "win.rename-engagement", NULL, edit_engagement_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-engagement", NULL, duplicate_engagement_action);
  gtk_widget_class_install_action (widget_class, "win.delete-engagement", NULL, delete_engagement_action);
  gtk_widget_class_install_action (widget_class, "win.new-store", NULL, new_store_action);
  gtk_widget_class_install_action (widget_class, "win.open-store", NULL, open_store_action);
  gtk_widget_class_install_action (widget_class, "win.save-store-as", NULL, save_store_as_action);
  gtk_widget_class_install_action (widget_class, "win.open-default-store", NULL, open_default_store_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "win.compute-positions", NULL, compute_positions_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_redo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_redo_action);
  gtk_widget_class_install_action (widget_class, "win.show-history", NULL, show_history_action);
  gtk_widget_class_install_action (widget_class, "win.edit-assessment", NULL, edit_assessment_action);
  gtk_widget_class_install_action (widget_class, "win.export-engagement", NULL, export_engagement_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "win.export-all-charts", NULL, export_all_charts_action);
  gtk_widget_class_install_action (widget_class, "win.merge-store", NULL, merge_store_action);
}

static void
shz_window_init (ShzWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  shz_a11y_name_status_pages (GTK_WIDGET (self));

  self->engagements = g_list_store_new (SHZ_TYPE_ENGAGEMENT_OBJECT);
  self->pending_deletes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  gtk_list_box_bind_model (self->engagement_list, G_LIST_MODEL (self->engagements),
                           create_engagement_row_cb, self, NULL);
  g_signal_connect_swapped (self->engagement_list, "row-selected", G_CALLBACK (on_row_selected_cb), self);
  g_signal_connect_swapped (self->engagement_list, "row-activated", G_CALLBACK (on_row_activated_cb), self);
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (on_back_clicked_cb), self);
  g_signal_connect_swapped (self->open_anyway_button, "clicked", G_CALLBACK (on_open_anyway_clicked_cb), self);
  self->poll_id = g_timeout_add_seconds (2, poll_store_cb, self);
  g_signal_connect (self, "realize", G_CALLBACK (on_realize_cb), NULL);

  {
    GtkDropTarget *drop;

    g_signal_connect_swapped (self->view_stack, "notify::visible-child", G_CALLBACK (on_visible_view_cb), self);

    /* Drop a client file anywhere on the window to import it into the selected engagement. */
    drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
    g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }

  {
    GtkWidget *placeholder = gtk_label_new (_("No engagements in this store"));
    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_widget_set_margin_top (placeholder, 24);
    gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
    gtk_list_box_set_placeholder (self->engagement_list, placeholder);
  }
  update_actions (self);
}

/* ---- public API ---- */

ShzWindow *
shz_window_new (ShzApplication *app)
{
  return g_object_new (SHZ_TYPE_WINDOW, "application", app, NULL);
}

gboolean
shz_window_open_store (ShzWindow  *self,
                       const char *path)
{
  g_autoptr(GError) error = NULL;
  ShzStore *store;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *dir = g_path_get_dirname (path);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  flush_pending_deletes (self);
  close_editor (self);
  store = shz_store_open (path, SHZ_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      /* Keep the store that was open; show why the new one cannot be. */
      if (self->store == NULL)
        {
          g_clear_pointer (&self->store_path, g_free);
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->main_stack, "error");
          gtk_window_set_title (GTK_WINDOW (self), _("Shuzhi"));
        }
      else
        {
          AdwMessageDialog *dialog =
            ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Cannot Open the Store"), error->message));
          adw_message_dialog_add_response (dialog, "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
      update_actions (self);
      return FALSE;
    }

  g_clear_pointer (&self->store, shz_store_free);
  self->store = store;
  g_free (self->store_path);
  self->store_path = g_strdup (path);
  self->selected_id = 0;
  self->shown_id = 0;

  adw_window_title_set_title (self->store_title, base);
  adw_window_title_set_subtitle (self->store_title, dir);
  gtk_window_set_title (GTK_WINDOW (self), base);
  gtk_revealer_set_reveal_child (self->read_only_revealer, shz_store_is_read_only (store));
  if (shz_store_get_read_only_message (store))
    gtk_label_set_text (self->read_only_label, shz_store_get_read_only_message (store));
  gtk_widget_set_visible (GTK_WIDGET (self->open_anyway_button),
                          shz_store_get_read_only_reason (store) == SHZ_STORE_RO_IN_USE);
  gtk_stack_set_visible_child_name (self->main_stack, "store");
  if (app)
    shz_application_add_recent (SHZ_APPLICATION (app), path);
  shz_window_reload (self);
  /* For scripted screenshots (tools/screenshot.sh) and the user's guide: start on a view. */
  if (g_getenv ("SHZ_INITIAL_VIEW") && *g_getenv ("SHZ_INITIAL_VIEW") &&
      adw_view_stack_get_child_by_name (self->view_stack, g_getenv ("SHZ_INITIAL_VIEW")))
    adw_view_stack_set_visible_child_name (self->view_stack, g_getenv ("SHZ_INITIAL_VIEW"));
  return TRUE;
}

const char *
shz_window_get_store_path (ShzWindow *self)
{
  return self->store_path;
}

ShzStore *
shz_window_get_store (ShzWindow *self)
{
  return self->store;
}

gint64
shz_window_get_engagement_id (ShzWindow *self)
{
  return selected_object (self) ? self->selected_id : 0;
}

const char *
shz_window_get_error_message (ShzWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "error") != 0)
    return NULL;
  return adw_status_page_get_description (self->error_page);
}
