/* shz-data-view.c — the engagement's Data tab.
 *
 * Datasets are few per engagement, so each is a row built from the store on every reload.
 * A deleted dataset is hidden at once and deleted only when its undo toast goes away (the
 * window's pattern for engagements); the deletion runs on a connection of its own so it never
 * depends on the window still holding the store it had.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-app"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "shz-data-view.h"
#include "shz-a11y.h"
#include "shz-import-dialog.h"
#include "shz-rows-view.h"
#include "shz-toast.h"

struct _ShzDataView {
  AdwBin               parent_instance;

  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  AdwPreferencesGroup *datasets_group;

  ShzStore            *store;          /* the window's; not ours */
  char                *store_path;
  gint64               engagement_id;
  GPtrArray           *rows;           /* of GtkWidget in datasets_group */
  GPtrArray           *names;          /* of char*, as shown */
  GHashTable          *pending;        /* dataset id → AdwToast, hidden until the toast goes */
  gboolean             disposing;
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShzDataView, shz_data_view, ADW_TYPE_BIN)

static void reload        (ShzDataView *self);
static void flush_deletes (ShzDataView *self,
                           gboolean     notify,
                           ShzStore    *store);

/* ---- helpers ---- */

static void
show_toast (ShzDataView *self,
            const char  *message)
{
  /* a toast's title is markup; names and messages come from files and users */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 5);
  shz_toast_overlay_add (self->toast_overlay, toast);
}

static GtkWindow *
parent_window (ShzDataView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

const char *
shz_dataset_kind_label (ShzDatasetKind kind)
{
  switch (kind)
    {
    case SHZ_KIND_USAGE:
      return _("Usage");
    case SHZ_KIND_POSITIONS:
      return _("Positions");
    case SHZ_KIND_LINKS:
      return _("Links");
    case SHZ_KIND_SCORES:
      return _("Scores");
    default:
      return "";
    }
}

static const char *
kind_icon (ShzDatasetKind kind)
{
  switch (kind)
    {
    case SHZ_KIND_POSITIONS:
      return "find-location-symbolic";
    case SHZ_KIND_LINKS:
      return "network-workgroup-symbolic";
    case SHZ_KIND_SCORES:
      return "starred-symbolic";
    case SHZ_KIND_USAGE:
    default:
      return "x-office-spreadsheet-symbolic";
    }
}

static char *
format_count (gint64 n)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

static char *
format_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso ? iso : "");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static ShzDataset *
find_dataset (ShzDataView *self,
              gint64       id)
{
  if (self->store == NULL)
    return NULL;
  return shz_store_get_dataset (self->store, id, NULL);
}

static GtkWidget *
property_row (const char *title,
              const char *value,
              gboolean    monospace)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);
  gboolean long_text = strchr (value, '\n') != NULL || g_utf8_strlen (value, -1) > 48;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_widget_set_hexpand (label, TRUE);
  if (monospace)
    {
      /* a hash is read whole or not at all: one line, shortened in the middle when narrow */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_width_chars (GTK_LABEL (label), 24);
      gtk_widget_set_tooltip_text (label, value);
      gtk_widget_add_css_class (label, "monospace");
    }
  else if (long_text)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (label), 24);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
    }
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static char *
delimiter_text (const char *name)
{
  if (g_str_equal (name, ","))
    return g_strdup (_("Comma (,)"));
  if (g_str_equal (name, ";"))
    return g_strdup (_("Semicolon (;)"));
  if (g_str_equal (name, "|"))
    return g_strdup (_("Vertical bar (|)"));
  if (g_str_equal (name, "tab"))
    return g_strdup (_("Tab"));
  return g_strdup (name);
}

static GtkWidget *
action_button (const char *label,
               const char *action,
               gint64      id,
               const char *css_class)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
  if (css_class)
    gtk_widget_add_css_class (button, css_class);
  return button;
}

/* "column=field" lines → "column → field" lines. */
static char *
format_mapping (const char *mapping)
{
  g_auto(GStrv) lines = g_strsplit (mapping, "\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; lines[i]; i++)
    {
      char *eq = strrchr (lines[i], '=');

      if (lines[i][0] == '\0')
        continue;
      if (out->len)
        g_string_append_c (out, '\n');
      if (eq)
        {
          *eq = '\0';
          g_string_append_printf (out, "%s → %s", lines[i], eq[1] ? eq + 1 : "—");
        }
      else
        g_string_append (out, lines[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GtkWidget *
dataset_row (ShzDataset *d)
{
  AdwExpanderRow *row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  g_autofree char *rows = format_count (d->rows);
  g_autofree char *subtitle = NULL;
  g_autofree char *imported = format_time (d->imported);
  GtkWidget *open, *buttons, *box;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), d->name);
  /* The expander is a list item of its own around its header row: named too, for screen readers. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, d->name, -1);
  if (d->rejected > 0)
    {
      g_autofree char *rejected = format_count (d->rejected);
      /* Translators: dataset summary: kind · accepted rows · rejected rows. */
      subtitle = g_strdup_printf (ngettext ("%s · %s rows · %s rejected", "%s · %s rows · %s rejected",
                                            (gulong) d->rejected),
                                  shz_dataset_kind_label (d->kind), rows, rejected);
    }
  else
    subtitle = g_strdup_printf (ngettext ("%s · %s row", "%s · %s rows", (gulong) d->rows),
                                shz_dataset_kind_label (d->kind), rows);
  adw_expander_row_set_subtitle (row, subtitle);
  adw_expander_row_set_icon_name (row, kind_icon (d->kind));

  open = action_button (_("_Open Rows"), "data.open-rows", d->id, "flat");
  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (open, _("Show the stored rows in a table"));
  adw_expander_row_add_action (row, open);

  if (d->source_name)
    adw_expander_row_add_row (row, property_row (_("Source file"), d->source_name, FALSE));
  if (d->source_size > 0)
    {
      g_autofree char *size = g_format_size_full ((guint64) d->source_size, G_FORMAT_SIZE_LONG_FORMAT);
      adw_expander_row_add_row (row, property_row (_("Size"), size, FALSE));
    }
  if (d->source_sha256)
    adw_expander_row_add_row (row, property_row (_("SHA-256"), d->source_sha256, TRUE));
  if (d->encoding && *d->encoding)
    adw_expander_row_add_row (row, property_row (_("Encoding"), d->encoding, FALSE));
  if (d->delimiter && *d->delimiter)
    {
      g_autofree char *delimiter = delimiter_text (d->delimiter);
      adw_expander_row_add_row (row, property_row (_("Delimiter"), delimiter, FALSE));
    }
  if (d->sheet && *d->sheet)
    adw_expander_row_add_row (row, property_row (_("Sheet"), d->sheet, FALSE));
  if (d->mapping && *d->mapping)
    {
      g_autofree char *mapping = format_mapping (d->mapping);
      adw_expander_row_add_row (row, property_row (_("Column mapping"), mapping, FALSE));
    }
  {
    g_autofree char *counts = NULL;
    g_autofree char *rejected = format_count (d->rejected);

    /* Translators: rows accepted and rejected by an import. */
    counts = g_strdup_printf (_("%s accepted, %s rejected"), rows, rejected);
    adw_expander_row_add_row (row, property_row (_("Rows"), counts, FALSE));
  }
  if (imported && *imported)
    adw_expander_row_add_row (row, property_row (d->method ? _("Computed") : _("Imported"), imported, FALSE));
  if (d->note && *d->note)
    adw_expander_row_add_row (row, property_row (_("Note"), d->note, FALSE));

  buttons = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (buttons), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (buttons), FALSE);
  /* Tab goes to its buttons, not to the row around them (a stop with nothing to do). */
  gtk_widget_set_focusable (buttons, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (buttons), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Dataset actions"), -1);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  if (d->rejected > 0)
    gtk_box_append (GTK_BOX (box), action_button (_("Show Re_jected Rows"), "data.show-rejected", d->id, NULL));
  gtk_box_append (GTK_BOX (box), action_button (_("Re_name…"), "data.rename", d->id, NULL));
  gtk_box_append (GTK_BOX (box), action_button (_("_Delete"), "data.delete", d->id, "destructive-action"));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (buttons), box);
  adw_expander_row_add_row (row, buttons);
  return GTK_WIDGET (row);
}

static void
reload (ShzDataView *self)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  guint shown = 0;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->datasets_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->names, 0);
  {
    gboolean writable = self->store && self->store_path && self->engagement_id > 0 &&
                        !shz_store_is_read_only (self->store);

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "data.import", writable);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "data.rename", writable);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "data.delete", writable);
  }

  if (self->store == NULL || self->engagement_id <= 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }
  list = shz_store_list_datasets (self->store, self->engagement_id, &error);
  if (list == NULL)
    {
      show_toast (self, error->message);
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      ShzDataset *d = g_ptr_array_index (list, i);
      GtkWidget *row;

      if (g_hash_table_contains (self->pending, &d->id))
        continue;
      row = dataset_row (d);
      adw_preferences_group_add (self->datasets_group, row);
      g_ptr_array_add (self->rows, row);
      g_ptr_array_add (self->names, g_strdup (d->name));
      shown++;
    }
  {
    g_autofree char *desc = g_strdup_printf (ngettext ("%u dataset, with where it came from",
                                                       "%u datasets, with where each came from", shown), shown);
    adw_preferences_group_set_description (self->datasets_group, desc);
  }
  gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "list" : "empty");
}

/* ---- deleting with undo ---- */

/* Deletes on @store when given (the window's connection, still valid), else on a connection of
 * its own (the window has moved on to another store and may have closed this one). */
static void
commit_delete (ShzDataView *self,
               AdwToast    *toast,
               gboolean     notify,
               ShzStore    *store)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (toast), "dataset-id");
  const char *path = g_object_get_data (G_OBJECT (toast), "store-path");
  g_autoptr(ShzStore) own = NULL;
  g_autoptr(GError) error = NULL;

  if (g_object_get_data (G_OBJECT (toast), "undone") || g_hash_table_lookup (self->pending, &id) != toast)
    return;
  g_object_ref (toast);
  g_hash_table_remove (self->pending, &id);
  if (store == NULL || g_strcmp0 (shz_store_get_path (store), path) != 0)
    store = own = shz_store_open (path, SHZ_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || !shz_store_delete_dataset (store, id, &error))
    {
      /* the dataset survives: the safe direction, but the user should know */
      g_message ("Could not delete dataset %" G_GINT64_FORMAT ": %s", id, error->message);
      if (!self->disposing)
        {
          show_toast (self, error->message);
          reload (self);
        }
    }
  else if (notify && !self->disposing)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  g_object_unref (toast);
}

static void
on_delete_dismissed_cb (AdwToast    *toast,
                        ShzDataView *self)
{
  commit_delete (self, toast, TRUE, self->store);
}

static void
on_delete_undo_cb (AdwToast    *toast,
                   ShzDataView *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (toast), "dataset-id");

  shz_data_view_undo_delete (self, id);
}

/* ---- the rename dialog ---- */

typedef struct {
  ShzDataView *self;     /* weak: the dialog may outlive the view */
  gint64       id;
  char        *current;
  GtkEntry    *entry;
  GtkLabel    *error_label;
} RenameData;

static void
rename_data_free (RenameData *data)
{
  if (data->self)
    g_object_remove_weak_pointer (G_OBJECT (data->self), (gpointer *) &data->self);
  g_free (data->current);
  g_free (data);
}

static void
on_rename_entry_changed_cb (GtkEditable      *entry,
                            AdwMessageDialog *dialog)
{
  RenameData *data = g_object_get_data (G_OBJECT (dialog), "rename-data");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autofree char *why = NULL;
  gboolean ok = TRUE;

  if (data->self == NULL)
    ok = FALSE;
  else if (name[0] == '\0')
    {
      ok = FALSE;
      why = g_strdup (_("The dataset needs a name."));
    }
  else if (g_strcmp0 (name, data->current) == 0)
    ok = FALSE;
  else if (data->self->store)
    {
      g_autoptr(ShzDataset) other = shz_store_find_dataset (data->self->store, data->self->engagement_id, name, NULL);
      if (other)
        {
          ok = FALSE;
          why = g_strdup_printf (_("This engagement already has a dataset named “%s”."), name);
        }
    }
  adw_message_dialog_set_response_enabled (dialog, "rename", ok);
  gtk_label_set_text (data->error_label, why ? why : "");
  gtk_widget_set_visible (GTK_WIDGET (data->error_label), why != NULL);
  if (why)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static void
on_rename_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  RenameData *data = g_object_get_data (G_OBJECT (dialog), "rename-data");
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "rename") != 0 || data->self == NULL)
    return;
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (data->entry))));
  if (!shz_data_view_rename_dataset (data->self, data->id, name, &error))
    show_toast (data->self, error->message);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ShzDataView *self = SHZ_DATA_VIEW (widget);
  gint64 id = g_variant_get_int64 (param);
  g_autoptr(ShzDataset) d = find_dataset (self, id);
  GtkWidget *dialog, *box, *entry, *error_label;
  RenameData *data;

  if (d == NULL)
    return;
  dialog = adw_message_dialog_new (parent_window (self), _("Rename Dataset"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), _("Charts and computations that use “%s” keep using it under its new name."), d->name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "rename", FALSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), d->name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dataset name"), -1);
  error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0.0);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_add_css_class (error_label, "caption");
  gtk_widget_set_visible (error_label, FALSE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), error_label);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  data = g_new0 (RenameData, 1);
  data->self = self;
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &data->self);
  data->id = id;
  data->current = g_strdup (d->name);
  data->entry = GTK_ENTRY (entry);
  data->error_label = GTK_LABEL (error_label);
  g_object_set_data_full (G_OBJECT (dialog), "rename-data", data, (GDestroyNotify) rename_data_free);
  g_signal_connect (entry, "changed", G_CALLBACK (on_rename_entry_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_rename_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* ---- other actions ---- */

static void
on_imported_cb (ShzImportDialog *dialog,
                gint64           dataset_id,
                ShzDataView     *self)
{
  g_autoptr(ShzDataset) d = NULL;

  reload (self);
  d = find_dataset (self, dataset_id);
  if (d)
    {
      g_autofree char *rows = format_count (d->rows);
      g_autofree char *rejected = format_count (d->rejected);
      g_autofree char *msg = NULL;

      if (d->rejected > 0)
        /* Translators: after an import: dataset name, rows accepted, rows rejected. */
        msg = g_strdup_printf (_("Imported “%s”: %s rows, %s rejected"), d->name, rows, rejected);
      else
        msg = g_strdup_printf (_("Imported “%s”: %s rows"), d->name, rows);
      show_toast (self, msg);
    }
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  shz_data_view_import (SHZ_DATA_VIEW (widget), NULL);
}

static void
open_rows (ShzDataView   *self,
           gint64         id,
           ShzRowsSource  source)
{
  g_autoptr(GError) error = NULL;
  ShzRowsView *view;

  if (self->store_path == NULL)
    return;
  view = shz_rows_view_new (parent_window (self), self->store_path, id, source, &error);
  if (view == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  gtk_window_set_modal (GTK_WINDOW (view), FALSE);
  gtk_window_present (GTK_WINDOW (view));
}

static void
open_rows_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  open_rows (SHZ_DATA_VIEW (widget), g_variant_get_int64 (param), SHZ_ROWS_SOURCE_ROWS);
}

static void
show_rejected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  open_rows (SHZ_DATA_VIEW (widget), g_variant_get_int64 (param), SHZ_ROWS_SOURCE_REJECTIONS);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  shz_data_view_delete_dataset (SHZ_DATA_VIEW (widget), g_variant_get_int64 (param));
}

/* ---- overrides ---- */

static void
shz_data_view_dispose (GObject *object)
{
  ShzDataView *self = SHZ_DATA_VIEW (object);

  self->disposing = TRUE;
  if (self->pending)
    flush_deletes (self, FALSE, self->store);
  /* AdwBin unparents its child (the template's toast overlay) itself */
  G_OBJECT_CLASS (shz_data_view_parent_class)->dispose (object);
}

static void
shz_data_view_finalize (GObject *object)
{
  ShzDataView *self = SHZ_DATA_VIEW (object);

  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_free (self->store_path);
  G_OBJECT_CLASS (shz_data_view_parent_class)->finalize (object);
}

static void
shz_data_view_class_init (ShzDataViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shz_data_view_dispose;
  object_class->finalize = shz_data_view_finalize;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuzhi/Shuzhi/ui/shz-data-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ShzDataView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ShzDataView, stack);
  gtk_widget_class_bind_template_child (widget_class, ShzDataView, datasets_group);

  gtk_widget_class_install_action (widget_class, "data.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "data.open-rows", "x", open_rows_action);
  gtk_widget_class_install_action (widget_class, "data.show-rejected", "x", show_rejected_action);
  gtk_widget_class_install_action (widget_class, "data.rename", "x", rename_action);
  gtk_widget_class_install_action (widget_class, "data.delete", "x", delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "data.import", NULL);
}

static void
shz_data_view_init (ShzDataView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  shz_a11y_name_status_pages (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  reload (self);
}

/* ---- public API ---- */

GtkWidget *
shz_data_view_new (void)
{
  return g_object_new (SHZ_TYPE_DATA_VIEW, NULL);
}

void
shz_data_view_set_engagement (ShzDataView *self,
                              ShzStore    *store,
                              const char  *store_path,
                              gint64       engagement_id)
{
  g_return_if_fail (SHZ_IS_DATA_VIEW (self));

  /* Deletions waiting for their toast belong to what was shown: commit them on a switch. */
  if (g_strcmp0 (store_path, self->store_path) != 0 || engagement_id != self->engagement_id)
    /* The window flushes us before it closes a store, so anything still pending belongs to
     * a store that is still open: self->store. */
    flush_deletes (self, FALSE, self->store);
  self->store = store;
  if (g_strcmp0 (store_path, self->store_path) != 0)
    {
      g_free (self->store_path);
      self->store_path = g_strdup (store_path);
    }
  self->engagement_id = engagement_id;
  reload (self);
}

void
shz_data_view_import (ShzDataView *self,
                      GFile       *file_or_null)
{
  ShzImportDialog *dialog;

  g_return_if_fail (SHZ_IS_DATA_VIEW (self));

  if (self->store_path == NULL || self->engagement_id <= 0)
    return;
  if (self->store && shz_store_is_read_only (self->store))
    {
      show_toast (self, _("This store is open read-only: data cannot be imported into it"));
      return;
    }
  dialog = shz_import_dialog_new (parent_window (self), self->store_path, self->engagement_id, file_or_null);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
shz_data_view_rename_dataset (ShzDataView *self,
                              gint64       dataset_id,
                              const char  *new_name,
                              GError     **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (SHZ_IS_DATA_VIEW (self), FALSE);

  if (self->store == NULL)
    {
      g_set_error_literal (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_NO_SUCH, _("No store is open"));
      return FALSE;
    }
  name = g_strstrip (g_strdup (new_name ? new_name : ""));
  if (!shz_store_rename_dataset (self->store, dataset_id, name, error))
    return FALSE;
  reload (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

void
shz_data_view_delete_dataset (ShzDataView *self,
                              gint64       dataset_id)
{
  g_autoptr(ShzDataset) d = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_return_if_fail (SHZ_IS_DATA_VIEW (self));

  d = find_dataset (self, dataset_id);
  if (d == NULL || g_hash_table_contains (self->pending, &dataset_id) || self->store_path == NULL)
    return;
  title = g_markup_printf_escaped (_("“%s” deleted"), d->name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "dataset-id", g_memdup2 (&dataset_id, sizeof dataset_id), g_free);
  g_object_set_data_full (G_OBJECT (toast), "store-path", g_strdup (self->store_path), g_free);
  g_hash_table_insert (self->pending, g_memdup2 (&dataset_id, sizeof dataset_id), g_object_ref (toast));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_delete_undo_cb), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_delete_dismissed_cb), self, 0);
  shz_toast_overlay_add (self->toast_overlay, toast);
  reload (self);
}

gboolean
shz_data_view_undo_delete (ShzDataView *self,
                           gint64       dataset_id)
{
  AdwToast *toast;

  g_return_val_if_fail (SHZ_IS_DATA_VIEW (self), FALSE);

  toast = g_hash_table_lookup (self->pending, &dataset_id);
  if (toast == NULL)
    return FALSE;
  g_object_set_data (G_OBJECT (toast), "undone", GINT_TO_POINTER (TRUE));
  g_hash_table_remove (self->pending, &dataset_id);
  reload (self);
  return TRUE;
}

static void
flush_deletes (ShzDataView *self,
               gboolean     notify,
               ShzStore    *store)
{
  g_autoptr(GList) toasts = NULL;

  toasts = g_hash_table_get_values (self->pending);
  for (GList *l = toasts; l; l = l->next)
    g_object_ref (l->data);
  for (GList *l = toasts; l; l = l->next)
    {
      commit_delete (self, l->data, notify, store);
      g_object_unref (l->data);
    }
}

void
shz_data_view_flush_deletes (ShzDataView *self)
{
  g_return_if_fail (SHZ_IS_DATA_VIEW (self));
  /* the caller is about to close or re-read the store: no "changed" */
  flush_deletes (self, FALSE, self->store);
}

GStrv
shz_data_view_get_names (ShzDataView *self)
{
  GStrvBuilder *builder;
  GStrv names;

  g_return_val_if_fail (SHZ_IS_DATA_VIEW (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->names->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->names, i));
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}
