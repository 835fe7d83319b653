/* shz-engagement-dialog.c — create or edit an engagement: name, client, industry, title,
 * analyst, notes.  The store refuses duplicate and empty names; the dialog shows why and stays.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-app"

#include "config.h"

#include <glib/gi18n.h>

#include "shz-engagement-dialog.h"

struct _ShzEngagementDialog {
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwEntryRow    *name_row;
  AdwEntryRow    *client_row;
  AdwEntryRow    *industry_row;
  AdwEntryRow    *title_row;
  AdwEntryRow    *analyst_row;
  GtkTextView    *notes_view;
  GtkLabel       *error_label;

  gint64          id;
};

enum {
  SIGNAL_SAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShzEngagementDialog, shz_engagement_dialog, ADW_TYPE_WINDOW)

static void
on_name_changed_cb (ShzEngagementDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), name[0] != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
}

static void
on_save_clicked_cb (ShzEngagementDialog *self)
{
  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->save_button)))
    return;
  g_signal_emit (self, signals[SIGNAL_SAVE], 0);
}

static void
shz_engagement_dialog_class_init (ShzEngagementDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[SIGNAL_SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuzhi/Shuzhi/ui/shz-engagement-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ShzEngagementDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ShzEngagementDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ShzEngagementDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, ShzEngagementDialog, client_row);
  gtk_widget_class_bind_template_child (widget_class, ShzEngagementDialog, industry_row);
  gtk_widget_class_bind_template_child (widget_class, ShzEngagementDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, ShzEngagementDialog, analyst_row);
  gtk_widget_class_bind_template_child (widget_class, ShzEngagementDialog, notes_view);
  gtk_widget_class_bind_template_child (widget_class, ShzEngagementDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
shz_engagement_dialog_init (ShzEngagementDialog *self)
{
  GtkWidget *list;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The name's group has no title, from which libadwaita names the list around its rows:
   * name that list for screen readers. */
  list = gtk_widget_get_parent (GTK_WIDGET (self->name_row));
  if (GTK_IS_LIST_BOX (list))
    gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

ShzEngagementDialog *
shz_engagement_dialog_new (GtkWindow           *parent,
                           const ShzEngagement *engagement,
                           gboolean             focus_name)
{
  ShzEngagementDialog *self = g_object_new (SHZ_TYPE_ENGAGEMENT_DIALOG, "transient-for", parent, NULL);

  if (engagement)
    {
      self->id = engagement->id;
      adw_window_title_set_title (self->window_title, _("Edit Engagement"));
      gtk_button_set_label (self->save_button, _("_Save"));
      set_row_text (self->name_row, engagement->name);
      set_row_text (self->client_row, engagement->client);
      set_row_text (self->industry_row, engagement->industry);
      set_row_text (self->title_row, engagement->title);
      set_row_text (self->analyst_row, engagement->analyst);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                                engagement->notes ? engagement->notes : "", -1);
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("New Engagement"));
      gtk_button_set_label (self->save_button, _("C_reate"));
    }
  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));
  if (focus_name || engagement == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

ShzEngagement *
shz_engagement_dialog_get_fields (ShzEngagementDialog *self)
{
  ShzEngagement *e = shz_engagement_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  e->id = self->id;
  e->name = row_text (self->name_row);
  e->client = row_text (self->client_row);
  e->industry = row_text (self->industry_row);
  e->title = row_text (self->title_row);
  e->analyst = row_text (self->analyst_row);
  e->notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return e;
}

void
shz_engagement_dialog_finish (ShzEngagementDialog *self,
                              const GError        *error)
{
  if (error == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}
