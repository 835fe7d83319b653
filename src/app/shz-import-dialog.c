/* shz-import-dialog.c — the data-import pane.
 *
 * Everything that reads the file runs in a GTask thread: the preview (the first rows and a
 * validation of the first PREVIEW_VALIDATE rows) and the import itself, which uses its own
 * ShzStore connection and writes in one transaction, so a cancel or a failure leaves the store
 * as it was.  A newer preview supersedes an older one (a serial number tells them apart).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-app"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <inttypes.h>

#include "shz-import-dialog.h"
#include "shz-rows-model.h"

#define PREVIEW_ROWS          100
#define PREVIEW_VALIDATE      20000
#define MAX_SHOWN_REJECTIONS  8
#define VALIDATE_DELAY_MS     150

/* The encodings offered besides detection; the reader takes any iconv name. */
static const struct {
  const char *name;
  const char *label;
} encodings[] = {
  { "UTF-8", N_("UTF-8") },
  { "GB18030", N_("GB18030 / GBK (Simplified Chinese)") },
  { "UTF-16LE", N_("UTF-16LE (Excel “Unicode Text”)") },
  { "UTF-16BE", N_("UTF-16BE") },
  { "BIG5", N_("Big5 (Traditional Chinese)") },
  { "SHIFT_JIS", N_("Shift_JIS (Japanese)") },
  { "EUC-KR", N_("EUC-KR (Korean)") },
  { "WINDOWS-1252", N_("Windows-1252 (Western)") },
  { "ISO-8859-1", N_("ISO-8859-1 (Latin-1)") },
};

static const struct {
  char        delimiter;
  const char *name;     /* as shz_reader_get_delimiter_name() spells it */
  const char *label;
} delimiters[] = {
  { ',', ",", N_("Comma") },
  { ';', ";", N_("Semicolon") },
  { '\t', "tab", N_("Tab") },
  { '|', "|", N_("Vertical bar") },
};

static const char *const kind_labels[] = {
  N_("Usage"),
  N_("Positions"),
  N_("Links"),
  N_("Scores"),
};

static const char *const kind_descriptions[] = {
  N_("Enterprise cloud consumption by category and period"),
  N_("Maturity and innovation, already computed"),
  N_("Value-network edges between business elements"),
  N_("Assessments of the whitepaper’s frameworks"),
};

/* ---- jobs handed to worker threads (they touch nothing else) ---- */

typedef struct {
  char           *path;
  char           *encoding;
  char            delimiter;
  char           *sheet;
  ShzDatasetKind  kind;
  gboolean        guess_kind;
  gboolean        validate_only;
  ShzMapping     *mapping;     /* NULL: guess from the header */
  guint           serial;
} PreviewJob;

static void
preview_job_free (PreviewJob *job)
{
  g_free (job->path);
  g_free (job->encoding);
  g_free (job->sheet);
  g_clear_pointer (&job->mapping, shz_mapping_free);
  g_free (job);
}

typedef struct {
  char           *store_path;
  char           *path;
  char           *encoding;
  char            delimiter;
  char           *sheet;
  ShzDatasetKind  kind;
  gint64          engagement_id;
  char           *dataset_name;
  ShzMapping     *mapping;

  /* progress, written by the worker, read on the main thread */
  GMutex          lock;
  double          fraction;
  gint64          rows;
  gboolean        pending;
  GObject        *dialog;      /* a reference while the task runs (the task's source) */
} ImportJob;

static void
import_job_clear (gpointer data)
{
  ImportJob *job = data;

  g_free (job->store_path);
  g_free (job->path);
  g_free (job->encoding);
  g_free (job->sheet);
  g_free (job->dataset_name);
  g_clear_pointer (&job->mapping, shz_mapping_free);
  g_mutex_clear (&job->lock);
}

static void
import_job_unref (gpointer job)
{
  g_atomic_rc_box_release_full (job, import_job_clear);
}

struct _ShzImportDialog {
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkButton           *cancel_button;
  GtkButton           *import_button;
  GtkSpinner          *spinner;
  GtkStack            *main_stack;
  GtkScrolledWindow   *form_scroller;
  GtkBox              *message_box;
  GtkImage            *message_icon;
  GtkLabel            *message_label;
  AdwActionRow        *file_row;
  GtkImage            *file_icon;
  AdwComboRow         *encoding_row;
  AdwComboRow         *delimiter_row;
  AdwComboRow         *sheet_row;
  AdwComboRow         *kind_row;
  AdwEntryRow         *name_row;
  GtkLabel            *name_error_label;
  AdwPreferencesGroup *preview_group;
  GtkColumnView       *preview_view;
  AdwPreferencesGroup *mapping_group;
  GtkLabel            *missing_label;
  AdwPreferencesGroup *validation_group;
  AdwActionRow        *accepted_row;
  AdwActionRow        *rejected_row;
  GtkLabel            *accepted_label;
  GtkLabel            *rejected_label;
  AdwStatusPage       *importing_page;
  GtkProgressBar      *progress_bar;
  GtkLabel            *progress_label;

  char                *store_path;
  gint64               engagement_id;
  ShzStore            *ro_store;      /* read-only: names in use */

  GFile               *file;
  char                *path;
  GtkFileChooserNative *chooser;

  ShzImportResult     *preview;
  ShzMapping          *mapping;
  ShzDatasetKind       kind;
  gboolean             kind_chosen;   /* by the user: no more guessing */
  gboolean             name_edited;
  char                *detected_encoding;
  char                *detected_delimiter;
  guint                updating;      /* > 0 while code sets widgets: ignore their signals */

  GCancellable        *preview_cancellable;
  guint                preview_serial;
  gboolean             previewing;
  guint                validate_source;

  GCancellable        *import_cancellable;
  ImportJob           *import_job;
  gboolean             close_when_done;
  gboolean             disposed;

  char                *message;
  GtkStringList       *encoding_model;
  GtkStringList       *delimiter_model;
  GtkStringList       *sheet_model;
  GListStore          *preview_rows;
  GPtrArray           *preview_columns;  /* of GtkColumnViewColumn */
  GPtrArray           *mapping_rows;     /* of AdwComboRow, one per column */
  GPtrArray           *rejection_rows;   /* of GtkWidget in validation_group */
};

enum {
  SIGNAL_IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShzImportDialog, shz_import_dialog, ADW_TYPE_WINDOW)

static void start_preview (ShzImportDialog *self,
                           gboolean         guess_kind,
                           gboolean         validate_only);

/* ---- helpers ---- */

static const char *
format_label (ShzFormat format)
{
  switch (format)
    {
    case SHZ_FORMAT_CSV:
      return _("CSV");
    case SHZ_FORMAT_TSV:
      return _("TSV");
    case SHZ_FORMAT_XLSX:
      return _("Excel workbook (XLSX)");
    case SHZ_FORMAT_ODS:
      return _("OpenDocument spreadsheet (ODS)");
    case SHZ_FORMAT_UNKNOWN:
    default:
      return _("Unknown format");
    }
}

static gboolean
is_text_format (ShzFormat format)
{
  return format == SHZ_FORMAT_CSV || format == SHZ_FORMAT_TSV;
}

static const char *
delimiter_label (const char *name)
{
  for (guint i = 0; name && i < G_N_ELEMENTS (delimiters); i++)
    if (g_str_equal (delimiters[i].name, name))
      return _(delimiters[i].label);
  return name ? name : "";
}

static char *
format_count (gint64 n)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

/* The kind whose fields the header fills best: every required field mapped first, then the
 * most columns mapped.  Usage when nothing matches at all. */
static ShzDatasetKind
guess_kind (GPtrArray *header)
{
  ShzDatasetKind best = SHZ_KIND_USAGE;
  int best_score = G_MININT;
  gboolean best_complete = FALSE;

  for (int k = SHZ_KIND_USAGE; k <= SHZ_KIND_SCORES; k++)
    {
      g_autoptr(ShzMapping) m = shz_mapping_guess (k, (const char * const *) header->pdata, header->len);
      g_auto(GStrv) missing = shz_mapping_missing (m);
      int mapped = 0, score;
      gboolean complete = missing == NULL || missing[0] == NULL;

      for (guint c = 0; c < header->len; c++)
        mapped += shz_mapping_get_field (m, c) >= 0;
      if (mapped == 0)
        continue;
      score = mapped - (int) (missing ? g_strv_length (missing) : 0);
      if ((complete && !best_complete) || (complete == best_complete && score > best_score))
        {
          best = k;
          best_score = score;
          best_complete = complete;
        }
    }
  return best;
}

static char *
field_label (ShzDatasetKind kind,
             int            field)
{
  guint n;
  const ShzField *fields = shz_fields_get (kind, &n);

  if (field < 0 || (guint) field >= n)
    return NULL;
  return g_strdup (_(fields[field].label));
}

static void
set_message (ShzImportDialog *self,
             const char      *message,
             gboolean         is_error)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_box), message != NULL);
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_image_set_from_icon_name (self->message_icon, is_error ? "dialog-error-symbolic" : "dialog-information-symbolic");
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_icon), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, message ? message : "", -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_icon), "error");
    }
}

static gboolean
check_name (ShzImportDialog  *self,
            char            **why)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autoptr(ShzDataset) existing = NULL;

  *why = NULL;
  if (name[0] == '\0')
    {
      *why = g_strdup (_("The dataset needs a name."));
      return FALSE;
    }
  if (self->ro_store)
    existing = shz_store_find_dataset (self->ro_store, self->engagement_id, name, NULL);
  if (existing)
    {
      *why = g_strdup_printf (_("This engagement already has a dataset named “%s”."), name);
      return FALSE;
    }
  return TRUE;
}

static void
update_actions (ShzImportDialog *self)
{
  g_autofree char *why = NULL;
  gboolean name_ok = check_name (self, &why);
  gboolean complete = FALSE;
  gboolean importing = self->import_job != NULL;

  if (self->preview && self->mapping)
    {
      g_auto(GStrv) missing = shz_mapping_missing (self->mapping);
      complete = missing == NULL || missing[0] == NULL;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start",
                                 complete && name_ok && !importing && !self->previewing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose", !importing);
  /* nothing to import before a file is chosen */
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), self->path != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->previewing);
  gtk_spinner_set_spinning (self->spinner, self->previewing);
}

/* ---- building the form from a preview ---- */

static char *
column_title (ShzImportDialog *self,
              guint            column)
{
  const char *header = g_ptr_array_index (self->preview->header, column);
  int field = self->mapping ? shz_mapping_get_field (self->mapping, column) : -1;
  g_autofree char *label = field_label (self->kind, field);

  if (label == NULL)
    /* Translators: a preview column that is not imported; %s is the file's column name. */
    return g_strdup_printf (_("%s (ignored)"), header);
  if (g_strcmp0 (label, header) == 0)
    return g_strdup (header);
  /* Translators: a preview column: the file's column name → the field it is imported as. */
  return g_strdup_printf (_("%s → %s"), header, label);
}

static void
update_column_titles (ShzImportDialog *self)
{
  for (guint i = 0; i < self->preview_columns->len; i++)
    {
      g_autofree char *title = column_title (self, i);
      gtk_column_view_column_set_title (g_ptr_array_index (self->preview_columns, i), title);
    }
}

static void
update_missing (ShzImportDialog *self)
{
  g_auto(GStrv) missing = self->mapping ? shz_mapping_missing (self->mapping) : NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (missing && missing[0])
    {
      for (guint i = 0; missing[i]; i++)
        {
          int f = shz_fields_find (self->kind, missing[i]);
          g_autofree char *label = field_label (self->kind, f);

          if (text->len)
            g_string_append (text, _(", "));
          g_string_append (text, label ? label : missing[i]);
        }
      {
        /* Translators: %s is a list of field names. */
        g_autofree char *msg = g_strdup_printf (_("Required fields without a column: %s. Choose the column that holds each one."),
                                                text->str);
        gtk_label_set_text (self->missing_label, msg);
      }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->missing_label), missing && missing[0]);
}

static void
on_setup_preview_cell_cb (GtkSignalListItemFactory *factory,
                          GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (list_item, label);
}

static void
on_bind_preview_cell_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *list_item)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  ShzRowsItem *item = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      item ? shz_rows_item_get_value (item, column) : "");
}

static void
rebuild_preview_table (ShzImportDialog *self)
{
  GtkSingleSelection *selection;

  for (guint i = 0; i < self->preview_columns->len; i++)
    gtk_column_view_remove_column (self->preview_view, g_ptr_array_index (self->preview_columns, i));
  g_ptr_array_set_size (self->preview_columns, 0);
  g_list_store_remove_all (self->preview_rows);

  for (guint c = 0; c < self->preview->header->len; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autofree char *title = column_title (self, c);
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (on_setup_preview_cell_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (on_bind_preview_cell_cb), NULL);
      column = gtk_column_view_column_new (title, factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, 200);
      gtk_column_view_append_column (self->preview_view, column);
      g_ptr_array_add (self->preview_columns, column);
    }

  for (guint r = 0; self->preview->rows && r < self->preview->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (self->preview->rows, r);
      GStrv values = g_new0 (char *, row->len + 1);
      g_autoptr(ShzRowsItem) item = NULL;

      for (guint c = 0; c < row->len; c++)
        values[c] = g_strdup (g_ptr_array_index (row, c));
      item = shz_rows_item_new (r, values);
      g_list_store_append (self->preview_rows, item);
    }

  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->preview_rows)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->preview_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  {
    g_autofree char *desc = NULL;
    guint shown = self->preview->rows ? self->preview->rows->len : 0;

    if (self->preview->complete && shown == self->preview->accepted + self->preview->rejected)
      desc = g_strdup_printf (ngettext ("The file’s %u row, as read.", "The file’s %u rows, as read.", shown), shown);
    else
      desc = g_strdup_printf (ngettext ("The first row, as read.", "The first %u rows, as read.", shown), shown);
    adw_preferences_group_set_description (self->preview_group, desc);
  }
}

static void
sync_mapping_rows (ShzImportDialog *self)
{
  self->updating++;
  for (guint c = 0; c < self->mapping_rows->len; c++)
    {
      int field = shz_mapping_get_field (self->mapping, c);
      adw_combo_row_set_selected (g_ptr_array_index (self->mapping_rows, c), (guint) (field + 1));
    }
  self->updating--;
}

static gboolean
validate_timeout_cb (gpointer data)
{
  ShzImportDialog *self = data;

  self->validate_source = 0;
  start_preview (self, FALSE, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_mapping_selected_cb (AdwComboRow     *row,
                        GParamSpec      *pspec,
                        ShzImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating || self->mapping == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  shz_import_dialog_map_column (self, column, (int) selected - 1);
}

static char *
sample_values (ShzImportDialog *self,
               guint            column)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint found = 0;

  for (guint r = 0; self->preview->rows && r < self->preview->rows->len && found < 3; r++)
    {
      GPtrArray *row = g_ptr_array_index (self->preview->rows, r);
      const char *v = column < row->len ? g_ptr_array_index (row, column) : "";

      if (v[0] == '\0')
        continue;
      if (found++)
        g_string_append (text, _(", "));
      if (g_utf8_strlen (v, -1) > 24)
        {
          g_autofree char *cut = g_utf8_substring (v, 0, 23);
          g_string_append_printf (text, "%s…", cut);
        }
      else
        g_string_append (text, v);
    }
  if (found == 0)
    return g_strdup (_("Empty in the first rows"));
  /* Translators: sample values of a column, e.g. "e.g. E001, E002, E003". */
  return g_strdup_printf (_("e.g. %s"), text->str);
}

static void
rebuild_mapping_rows (ShzImportDialog *self)
{
  g_autoptr(GtkStringList) fields_model = gtk_string_list_new (NULL);
  g_autoptr(GString) required = g_string_new (NULL);
  guint n_fields;
  const ShzField *fields = shz_fields_get (self->kind, &n_fields);

  for (guint i = 0; i < self->mapping_rows->len; i++)
    adw_preferences_group_remove (self->mapping_group, g_ptr_array_index (self->mapping_rows, i));
  g_ptr_array_set_size (self->mapping_rows, 0);

  gtk_string_list_append (fields_model, _("Ignore"));
  for (guint f = 0; f < n_fields; f++)
    {
      gtk_string_list_append (fields_model, _(fields[f].label));
      if (fields[f].required)
        {
          if (required->len)
            g_string_append (required, _(", "));
          g_string_append (required, _(fields[f].label));
        }
    }
  {
    /* Translators: %s is a kind of data ("Usage"), then a list of its required fields. */
    g_autofree char *desc = g_strdup_printf (_("Choose the field each column holds; columns left on “Ignore” are not imported. "
                                               "%s data needs: %s."),
                                             _(kind_labels[self->kind]), required->str);
    adw_preferences_group_set_description (self->mapping_group, desc);
  }

  self->updating++;
  for (guint c = 0; c < self->preview->header->len; c++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      g_autofree char *samples = sample_values (self, c);
      g_autofree char *letters = shz_column_letters (c);
      const char *header = g_ptr_array_index (self->preview->header, c);
      g_autofree char *title = self->preview->has_header
                               ? g_strdup_printf ("%s · %s", letters, header) : g_strdup (letters);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), samples);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_combo_row_set_model (row, G_LIST_MODEL (fields_model));
      adw_combo_row_set_selected (row, (guint) (shz_mapping_get_field (self->mapping, c) + 1));
      g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (c));
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_mapping_selected_cb), self);
      adw_preferences_group_add (self->mapping_group, GTK_WIDGET (row));
      g_ptr_array_add (self->mapping_rows, row);
    }
  self->updating--;
  update_missing (self);
}

static void
update_validation (ShzImportDialog *self)
{
  const ShzImportResult *p = self->preview;
  gboolean missing = p->missing_fields && p->missing_fields[0];
  g_autofree char *accepted = format_count (p->accepted);
  g_autofree char *rejected = format_count (p->rejected);

  for (guint i = 0; i < self->rejection_rows->len; i++)
    adw_preferences_group_remove (self->validation_group, g_ptr_array_index (self->rejection_rows, i));
  g_ptr_array_set_size (self->rejection_rows, 0);

  gtk_widget_set_visible (GTK_WIDGET (self->accepted_row), !missing);
  gtk_widget_set_visible (GTK_WIDGET (self->rejected_row), !missing);
  if (missing)
    {
      adw_preferences_group_set_description (self->validation_group,
                                             _("Rows are checked once every required field has a column."));
      return;
    }
  if (p->complete)
    adw_preferences_group_set_description (self->validation_group, _("Every row of the file was checked."));
  else
    {
      g_autofree char *n = format_count (p->accepted + p->rejected);
      /* Translators: %s is a number of rows. */
      g_autofree char *desc = g_strdup_printf (_("The first %s rows were checked; the rest are checked as they are imported."), n);
      adw_preferences_group_set_description (self->validation_group, desc);
    }
  gtk_label_set_text (self->accepted_label, accepted);
  gtk_label_set_text (self->rejected_label, rejected);
  if (p->rejected > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->rejected_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->rejected_label), "warning");

  for (guint i = 0; p->rejections && i < p->rejections->len && i < MAX_SHOWN_REJECTIONS; i++)
    {
      ShzRejection *r = g_ptr_array_index (p->rejections, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      g_autofree char *title = NULL;

      if (r->column)
        /* Translators: a rejected row of the file: its data row, line and column. */
        title = g_strdup_printf (_("Row %" PRId64 " (line %" PRId64 "), column “%s”"),
                                 r->row_no, r->line_no, r->column);
      else
        title = g_strdup_printf (_("Row %" PRId64 " (line %" PRId64 ")"), r->row_no, r->line_no);
      gtk_widget_add_css_class (icon, "warning");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), r->reason);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->validation_group, row);
      g_ptr_array_add (self->rejection_rows, row);
    }
  if (p->rejected > MIN ((gint64) MAX_SHOWN_REJECTIONS, (gint64) (p->rejections ? p->rejections->len : 0)))
    {
      gint64 more = p->rejected - MIN (MAX_SHOWN_REJECTIONS, p->rejections ? p->rejections->len : 0);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *n = format_count (more);
      /* Translators: %s is a number of rejected rows not listed. */
      g_autofree char *title = g_strdup_printf (_("… and %s more rejected rows; after the import, Show Rejected Rows lists them."), n);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->validation_group, row);
      g_ptr_array_add (self->rejection_rows, row);
    }
}

static void
set_string_list (GtkStringList *list,
                 guint          position,
                 const char    *text)
{
  const char *items[] = { text, NULL };

  gtk_string_list_splice (list, position, 1, items);
}

static void
rebuild_form (ShzImportDialog *self)
{
  const ShzImportResult *p = self->preview;
  gboolean text = is_text_format (p->format);
  g_autofree char *size = g_format_size (p->source_size);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", format_label (p->format), size);

  self->updating++;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), p->source_name);
  adw_action_row_set_subtitle (self->file_row, subtitle);
  adw_window_title_set_subtitle (self->window_title, p->source_name);
  gtk_image_set_from_icon_name (self->file_icon, text ? "text-x-generic-symbolic" : "x-office-spreadsheet-symbolic");

  /* encoding and delimiter: the first entry is what detection found */
  gtk_widget_set_visible (GTK_WIDGET (self->encoding_row), text);
  gtk_widget_set_visible (GTK_WIDGET (self->delimiter_row), text);
  if (text)
    {
      guint enc_sel = adw_combo_row_get_selected (self->encoding_row);
      guint del_sel = adw_combo_row_get_selected (self->delimiter_row);
      g_autofree char *enc = NULL;
      g_autofree char *del = NULL;

      /* Translators: the encoding or delimiter found in the file, e.g. "Detected: GB18030". */
      enc = g_strdup_printf (_("Detected: %s"),
                             g_strcmp0 (self->detected_encoding, "UTF-8-BOM") == 0 ? _("UTF-8 with BOM")
                             : self->detected_encoding ? self->detected_encoding : "");
      del = g_strdup_printf (_("Detected: %s"), delimiter_label (self->detected_delimiter));
      set_string_list (self->encoding_model, 0, enc);
      set_string_list (self->delimiter_model, 0, del);
      adw_combo_row_set_selected (self->encoding_row, enc_sel == GTK_INVALID_LIST_POSITION ? 0 : enc_sel);
      adw_combo_row_set_selected (self->delimiter_row, del_sel == GTK_INVALID_LIST_POSITION ? 0 : del_sel);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->encoding_row),
                                   enc_sel > 0 ? _("Chosen by you; the file is read again in this encoding") : NULL);
    }

  /* sheets of a workbook */
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_row), p->sheets != NULL);
  if (p->sheets)
    {
      guint selected = 0;

      gtk_string_list_splice (self->sheet_model, 0,
                              g_list_model_get_n_items (G_LIST_MODEL (self->sheet_model)),
                              (const char * const *) p->sheets);
      for (guint i = 0; p->sheets[i]; i++)
        if (g_strcmp0 (p->sheets[i], p->sheet) == 0)
          selected = i;
      adw_combo_row_set_selected (self->sheet_row, selected);
      gtk_widget_set_sensitive (GTK_WIDGET (self->sheet_row), g_strv_length (p->sheets) > 1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->sheet_row),
                                   g_strv_length (p->sheets) > 1 ? NULL : _("The workbook has one sheet"));
    }

  adw_combo_row_set_selected (self->kind_row, self->kind);
  if (self->kind_chosen)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->kind_row), _(kind_descriptions[self->kind]));
  else
    {
      /* Translators: %s describes a kind of data, e.g. "Enterprise cloud consumption …". */
      g_autofree char *sub = g_strdup_printf (_("%s · guessed from the column headers"), _(kind_descriptions[self->kind]));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->kind_row), sub);
    }

  if (!self->name_edited)
    {
      g_autofree char *base = g_strdup (p->source_name);
      char *dot = strrchr (base, '.');
      g_autofree char *name = NULL;

      if (dot && dot != base)
        *dot = '\0';
      name = self->ro_store ? shz_store_unique_dataset_name (self->ro_store, self->engagement_id, base)
                            : g_strdup (base);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : base);
    }

  self->updating--;

  rebuild_preview_table (self);
  rebuild_mapping_rows (self);
  update_validation (self);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->validation_group), TRUE);
}

/* ---- preview ---- */

static void
preview_worker (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PreviewJob *job = task_data;
  ShzImportOptions opts = { 0 };
  GError *error = NULL;
  ShzImportResult *result;

  opts.reader.encoding = job->encoding;
  opts.reader.delimiter = job->delimiter;
  opts.reader.sheet = job->sheet;
  opts.reader.no_checksum = TRUE;

  if (job->guess_kind)
    {
      g_autoptr(ShzImportResult) first = NULL;

      opts.kind = SHZ_KIND_USAGE;
      first = shz_import_preview (job->path, &opts, 0, 0, cancellable, &error);
      if (first == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      job->kind = guess_kind (first->header);
    }
  opts.kind = job->kind;
  opts.mapping = job->mapping;
  result = shz_import_preview (job->path, &opts, PREVIEW_ROWS, PREVIEW_VALIDATE, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) shz_import_result_free);
}

static void
on_preview_done_cb (GObject      *source,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  /* the task's callback data holds the dialog, not its source object: the last reference to
   * a task may go in its worker thread, and a widget must never be finalized there */
  g_autoptr(ShzImportDialog) self = user_data;
  PreviewJob *job = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  ShzImportResult *result = g_task_propagate_pointer (G_TASK (res), &error);

  if (self->disposed || job->serial != self->preview_serial)
    {
      g_clear_pointer (&result, shz_import_result_free);
      return;  /* superseded */
    }
  self->previewing = FALSE;

  if (result == NULL)
    {
      g_clear_pointer (&self->preview, shz_import_result_free);
      g_clear_pointer (&self->mapping, shz_mapping_free);
      set_message (self, error->message, TRUE);
      adw_window_title_set_subtitle (self->window_title, NULL);
      {
        g_autofree char *name = g_file_get_basename (self->file);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), name);
        adw_action_row_set_subtitle (self->file_row, _("Cannot be read"));
      }
      gtk_widget_set_visible (GTK_WIDGET (self->preview_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->mapping_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->validation_group), FALSE);
      gtk_stack_set_visible_child_name (self->main_stack, "form");
      update_actions (self);
      return;
    }

  g_clear_pointer (&self->preview, shz_import_result_free);
  self->preview = result;
  if (job->validate_only)
    {
      update_validation (self);
      update_actions (self);
      return;
    }

  self->kind = job->kind;
  g_clear_pointer (&self->mapping, shz_mapping_free);
  self->mapping = shz_mapping_copy (result->mapping);
  if (job->encoding == NULL)
    {
      g_free (self->detected_encoding);
      self->detected_encoding = g_strdup (result->encoding);
    }
  if (job->delimiter == 0)
    {
      g_free (self->detected_delimiter);
      self->detected_delimiter = g_strdup (result->delimiter);
    }
  set_message (self, NULL, FALSE);
  rebuild_form (self);
  gtk_stack_set_visible_child_name (self->main_stack, "form");
  update_actions (self);
}

static const char *
chosen_encoding (ShzImportDialog *self)
{
  guint sel = adw_combo_row_get_selected (self->encoding_row);

  if (sel == 0 || sel == GTK_INVALID_LIST_POSITION || sel > G_N_ELEMENTS (encodings))
    return NULL;
  return encodings[sel - 1].name;
}

static char
chosen_delimiter (ShzImportDialog *self)
{
  guint sel = adw_combo_row_get_selected (self->delimiter_row);

  if (sel == 0 || sel == GTK_INVALID_LIST_POSITION || sel > G_N_ELEMENTS (delimiters))
    return 0;
  return delimiters[sel - 1].delimiter;
}

static const char *
chosen_sheet (ShzImportDialog *self)
{
  guint sel = adw_combo_row_get_selected (self->sheet_row);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->sheet_row)) || sel == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->sheet_model, sel);
}

static void
start_preview (ShzImportDialog *self,
               gboolean         guess_kind,
               gboolean         validate_only)
{
  g_autoptr(GTask) task = NULL;
  PreviewJob *job;

  if (self->path == NULL)
    return;
  g_clear_handle_id (&self->validate_source, g_source_remove);
  if (self->preview_cancellable)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();

  job = g_new0 (PreviewJob, 1);
  job->path = g_strdup (self->path);
  job->encoding = g_strdup (chosen_encoding (self));
  job->delimiter = chosen_delimiter (self);
  job->sheet = g_strdup (chosen_sheet (self));
  job->kind = self->kind;
  job->guess_kind = guess_kind;
  job->validate_only = validate_only && self->mapping != NULL;
  job->mapping = job->validate_only ? shz_mapping_copy (self->mapping) : NULL;
  job->serial = ++self->preview_serial;

  self->previewing = TRUE;
  update_actions (self);

  task = g_task_new (NULL, self->preview_cancellable, on_preview_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_preview);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) preview_job_free);
  g_task_run_in_thread (task, preview_worker);
}

/* ---- import ---- */

static gboolean
import_progress_idle_cb (gpointer data)
{
  ImportJob *job = data;
  ShzImportDialog *self = SHZ_IMPORT_DIALOG (job->dialog);
  double fraction;
  gint64 rows;

  g_mutex_lock (&job->lock);
  fraction = job->fraction;
  rows = job->rows;
  job->pending = FALSE;
  g_mutex_unlock (&job->lock);

  if (!self->disposed && self->import_job == job)
    {
      g_autofree char *n = format_count (rows);
      /* Translators: %s is a number of rows. */
      g_autofree char *text = g_strdup_printf (_("%s rows read"), n);
      g_autofree char *percent = g_strdup_printf ("%d %%", (int) (fraction * 100.0));

      gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
      gtk_progress_bar_set_text (self->progress_bar, percent);
      gtk_label_set_text (self->progress_label, text);
    }
  return G_SOURCE_REMOVE;
}

static void
import_progress_release (gpointer data)
{
  ImportJob *job = data;

  g_object_unref (job->dialog);
  import_job_unref (job);
}

/* Worker thread: coalesce progress into at most one pending idle. */
static void
import_progress_cb (double   fraction,
                    gint64   rows,
                    gpointer user_data)
{
  ImportJob *job = user_data;
  gboolean schedule;

  g_mutex_lock (&job->lock);
  job->fraction = fraction;
  job->rows = rows;
  schedule = !job->pending;
  job->pending = TRUE;
  g_mutex_unlock (&job->lock);
  if (schedule)
    {
      g_object_ref (job->dialog);
      g_idle_add_full (G_PRIORITY_DEFAULT, import_progress_idle_cb,
                       g_atomic_rc_box_acquire (job), import_progress_release);
    }
}

static void
import_worker (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(ShzStore) store = NULL;
  ShzImportOptions opts = { 0 };
  GError *error = NULL;
  ShzImportResult *result;

  store = shz_store_open (job->store_path, SHZ_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  opts.kind = job->kind;
  opts.engagement_id = job->engagement_id;
  opts.dataset_name = job->dataset_name;
  opts.reader.encoding = job->encoding;
  opts.reader.delimiter = job->delimiter;
  opts.reader.sheet = job->sheet;
  opts.mapping = job->mapping;
  result = shz_import_file (store, job->path, &opts, cancellable, import_progress_cb, job, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) shz_import_result_free);
}

static void
on_import_done_cb (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  /* the task's callback data holds the dialog, not its source object: the last reference to
   * a task may go in its worker thread, and a widget must never be finalized there */
  g_autoptr(ShzImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzImportResult) result = g_task_propagate_pointer (G_TASK (res), &error);

  g_clear_pointer (&self->import_job, import_job_unref);
  g_clear_object (&self->import_cancellable);
  if (self->disposed)
    return;

  if (result)
    {
      /* Written and committed, even if Cancel came too late to stop it. */
      g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, result->dataset_id);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (self->close_when_done)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_message (self, _("Import cancelled. Nothing was written to the engagement."), FALSE);
  else
    {
      /* Translators: %s is why an import failed (it names the file, row and column). */
      g_autofree char *text = g_strdup_printf (_("%s\nNothing was written to the engagement."), error->message);
      set_message (self, text, TRUE);
    }
  gtk_stack_set_visible_child_name (self->main_stack, "form");
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  update_actions (self);
  /* the message is at the top of the form */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->form_scroller), 0.0);
}

static void
import_start_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ShzImportDialog *self = SHZ_IMPORT_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  g_autofree char *why = NULL;
  ImportJob *job;

  if (self->import_job || self->preview == NULL || self->mapping == NULL)
    return;
  if (!check_name (self, &why))
    {
      gtk_label_set_text (self->name_error_label, why);
      gtk_widget_set_visible (GTK_WIDGET (self->name_error_label), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  job = g_atomic_rc_box_new0 (ImportJob);
  g_mutex_init (&job->lock);
  job->store_path = g_strdup (self->store_path);
  job->path = g_strdup (self->path);
  job->encoding = g_strdup (chosen_encoding (self));
  job->delimiter = chosen_delimiter (self);
  job->sheet = g_strdup (chosen_sheet (self));
  job->kind = self->kind;
  job->engagement_id = self->engagement_id;
  job->dataset_name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  job->mapping = shz_mapping_copy (self->mapping);
  job->dialog = G_OBJECT (self);

  self->import_job = g_atomic_rc_box_acquire (job);
  self->import_cancellable = g_cancellable_new ();
  set_message (self, NULL, FALSE);
  {
    /* the description is markup; the file name is not */
    g_autofree char *name = g_markup_escape_text (self->preview->source_name, -1);
    adw_status_page_set_description (self->importing_page, name);
  }
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, "0 %");
  gtk_label_set_text (self->progress_label, _("Reading the file…"));
  gtk_stack_set_visible_child_name (self->main_stack, "importing");
  update_actions (self);

  task = g_task_new (NULL, self->import_cancellable, on_import_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, import_start_action);
  g_task_set_check_cancellable (task, FALSE);  /* a committed import is reported as one */
  g_task_set_task_data (task, job, import_job_unref);
  g_task_run_in_thread (task, import_worker);
}

static void
import_cancel_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  ShzImportDialog *self = SHZ_IMPORT_DIALOG (widget);

  if (self->import_job)
    {
      g_cancellable_cancel (self->import_cancellable);
      gtk_label_set_text (self->progress_label, _("Cancelling…"));
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

/* ---- choosing a file ---- */

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        ShzImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file)
        shz_import_dialog_set_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char * const *patterns,
            const char * const *mime_types)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns && patterns[i]; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  for (guint i = 0; mime_types && mime_types[i]; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
import_choose_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  ShzImportDialog *self = SHZ_IMPORT_DIALOG (widget);
  static const char *const text_patterns[] = { "*.csv", "*.CSV", "*.tsv", "*.TSV", "*.txt", "*.TXT", "*.tab", NULL };
  static const char *const text_types[] = { "text/csv", "text/tab-separated-values", "text/plain", NULL };
  static const char *const xlsx_patterns[] = { "*.xlsx", "*.XLSX", NULL };
  static const char *const xlsx_types[] = { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", NULL };
  static const char *const ods_patterns[] = { "*.ods", "*.ODS", NULL };
  static const char *const ods_types[] = { "application/vnd.oasis.opendocument.spreadsheet", NULL };
  static const char *const all_patterns[] = { "*.csv", "*.CSV", "*.tsv", "*.TSV", "*.txt", "*.TXT", "*.tab",
                                              "*.xlsx", "*.XLSX", "*.ods", "*.ODS", NULL };
  static const char *const any[] = { "*", NULL };

  if (self->chooser)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }
  self->chooser = gtk_file_chooser_native_new (_("Choose a File to Import"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("Tables (CSV, TSV, XLSX, ODS)"), all_patterns, NULL);
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("CSV, TSV and text tables"), text_patterns, text_types);
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("Excel workbooks (XLSX)"), xlsx_patterns, xlsx_types);
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("OpenDocument spreadsheets (ODS)"), ods_patterns, ods_types);
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("All files"), any, NULL);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- template callbacks ---- */

static void
on_reader_option_changed_cb (ShzImportDialog *self)
{
  if (self->updating || self->path == NULL)
    return;
  start_preview (self, !self->kind_chosen, FALSE);
}

static void
on_kind_changed_cb (ShzImportDialog *self)
{
  guint sel = adw_combo_row_get_selected (self->kind_row);

  if (self->updating || self->path == NULL || sel == GTK_INVALID_LIST_POSITION || sel == (guint) self->kind)
    return;
  self->kind = (ShzDatasetKind) sel;
  self->kind_chosen = TRUE;
  start_preview (self, FALSE, FALSE);
}

static void
on_name_changed_cb (ShzImportDialog *self)
{
  g_autofree char *why = NULL;
  gboolean ok;

  if (!self->updating)
    self->name_edited = TRUE;
  ok = check_name (self, &why);
  gtk_label_set_text (self->name_error_label, why ? why : "");
  /* an empty name is obvious; a taken one needs saying */
  gtk_widget_set_visible (GTK_WIDGET (self->name_error_label), !ok && self->name_edited);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  update_actions (self);
}

static void
on_name_activated_cb (ShzImportDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "import.start", NULL);
}

/* ---- overrides ---- */

static gboolean
shz_import_dialog_close_request (GtkWindow *window)
{
  ShzImportDialog *self = SHZ_IMPORT_DIALOG (window);

  if (self->import_job)
    {
      /* Stop the import; the dialog goes once the store is back as it was. */
      self->close_when_done = TRUE;
      g_cancellable_cancel (self->import_cancellable);
      gtk_label_set_text (self->progress_label, _("Cancelling…"));
      return TRUE;
    }
  return GTK_WINDOW_CLASS (shz_import_dialog_parent_class)->close_request (window);
}

static void
shz_import_dialog_dispose (GObject *object)
{
  ShzImportDialog *self = SHZ_IMPORT_DIALOG (object);

  self->disposed = TRUE;
  g_clear_handle_id (&self->validate_source, g_source_remove);
  if (self->preview_cancellable)
    g_cancellable_cancel (self->preview_cancellable);
  if (self->import_cancellable)
    g_cancellable_cancel (self->import_cancellable);
  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHZ_TYPE_IMPORT_DIALOG);
  G_OBJECT_CLASS (shz_import_dialog_parent_class)->dispose (object);
}

static void
shz_import_dialog_finalize (GObject *object)
{
  ShzImportDialog *self = SHZ_IMPORT_DIALOG (object);

  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_pointer (&self->import_job, import_job_unref);
  g_clear_pointer (&self->ro_store, shz_store_free);
  g_clear_pointer (&self->preview, shz_import_result_free);
  g_clear_pointer (&self->mapping, shz_mapping_free);
  g_clear_object (&self->file);
  g_clear_object (&self->preview_rows);
  g_clear_pointer (&self->preview_columns, g_ptr_array_unref);
  g_clear_pointer (&self->mapping_rows, g_ptr_array_unref);
  g_clear_pointer (&self->rejection_rows, g_ptr_array_unref);
  g_free (self->path);
  g_free (self->store_path);
  g_free (self->detected_encoding);
  g_free (self->detected_delimiter);
  g_free (self->message);
  G_OBJECT_CLASS (shz_import_dialog_parent_class)->finalize (object);
}

static void
shz_import_dialog_class_init (ShzImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = shz_import_dialog_dispose;
  object_class->finalize = shz_import_dialog_finalize;
  window_class->close_request = shz_import_dialog_close_request;

  signals[SIGNAL_IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuzhi/Shuzhi/ui/shz-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, form_scroller);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, message_box);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, message_icon);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, file_icon);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, sheet_row);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, name_error_label);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, preview_view);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, missing_label);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, validation_group);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, accepted_row);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, rejected_row);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, accepted_label);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, rejected_label);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, importing_page);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ShzImportDialog, progress_label);
  gtk_widget_class_bind_template_callback (widget_class, on_reader_option_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_activated_cb);

  gtk_widget_class_install_action (widget_class, "import.choose", NULL, import_choose_action);
  gtk_widget_class_install_action (widget_class, "import.start", NULL, import_start_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, import_cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "import.choose", NULL);
}

static void
shz_import_dialog_init (ShzImportDialog *self)
{
  GtkStringList *kinds;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->preview_rows = g_list_store_new (SHZ_TYPE_ROWS_ITEM);
  self->preview_columns = g_ptr_array_new_with_free_func (g_object_unref);
  self->mapping_rows = g_ptr_array_new ();
  self->rejection_rows = g_ptr_array_new ();

  self->updating++;
  self->encoding_model = gtk_string_list_new (NULL);
  gtk_string_list_append (self->encoding_model, _("Detect automatically"));
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    gtk_string_list_append (self->encoding_model, _(encodings[i].label));
  adw_combo_row_set_model (self->encoding_row, G_LIST_MODEL (self->encoding_model));
  g_object_unref (self->encoding_model);

  self->delimiter_model = gtk_string_list_new (NULL);
  gtk_string_list_append (self->delimiter_model, _("Detect automatically"));
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    gtk_string_list_append (self->delimiter_model, _(delimiters[i].label));
  adw_combo_row_set_model (self->delimiter_row, G_LIST_MODEL (self->delimiter_model));
  g_object_unref (self->delimiter_model);

  self->sheet_model = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->sheet_row, G_LIST_MODEL (self->sheet_model));
  g_object_unref (self->sheet_model);

  kinds = gtk_string_list_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    gtk_string_list_append (kinds, _(kind_labels[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  g_object_unref (kinds);
  self->updating--;

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->import_button));
  gtk_stack_set_visible_child_name (self->main_stack, "choose");
  update_actions (self);
}

/* ---- public API ---- */

ShzImportDialog *
shz_import_dialog_new (GtkWindow  *parent,
                       const char *store_path,
                       gint64      engagement_id,
                       GFile      *file_or_null)
{
  ShzImportDialog *self;

  g_return_val_if_fail (store_path != NULL, NULL);

  self = g_object_new (SHZ_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->store_path = g_strdup (store_path);
  self->engagement_id = engagement_id;
  self->ro_store = shz_store_open (store_path, SHZ_STORE_OPEN_READ_ONLY, NULL);
  if (file_or_null)
    {
      gtk_stack_set_transition_type (self->main_stack, GTK_STACK_TRANSITION_TYPE_NONE);
      shz_import_dialog_set_file (self, file_or_null);
      gtk_stack_set_transition_type (self->main_stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (gtk_stack_get_child_by_name (self->main_stack, "choose")));
  return self;
}

void
shz_import_dialog_set_file (ShzImportDialog *self,
                            GFile           *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (SHZ_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->import_job)
    return;
  path = g_file_get_path (file);
  g_set_object (&self->file, file);
  g_free (self->path);
  self->path = g_steal_pointer (&path);

  /* a new file: detect everything again */
  self->updating++;
  adw_combo_row_set_selected (self->encoding_row, 0);
  adw_combo_row_set_selected (self->delimiter_row, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_row), FALSE);
  self->updating--;
  self->kind_chosen = FALSE;
  self->name_edited = FALSE;
  g_clear_pointer (&self->preview, shz_import_result_free);
  g_clear_pointer (&self->mapping, shz_mapping_free);
  g_clear_pointer (&self->detected_encoding, g_free);
  g_clear_pointer (&self->detected_delimiter, g_free);

  if (self->path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *msg = g_strdup_printf (_("%s: only files on this computer can be imported."), name);

      set_message (self, msg, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->preview_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->mapping_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->validation_group), FALSE);
      gtk_stack_set_visible_child_name (self->main_stack, "form");
      update_actions (self);
      return;
    }
  if (self->preview == NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "choose") == 0)
    gtk_stack_set_visible_child_name (self->main_stack, "loading");
  start_preview (self, TRUE, FALSE);
}

const ShzImportResult *
shz_import_dialog_get_preview (ShzImportDialog *self)
{
  g_return_val_if_fail (SHZ_IS_IMPORT_DIALOG (self), NULL);
  return self->preview;
}

ShzDatasetKind
shz_import_dialog_get_kind (ShzImportDialog *self)
{
  g_return_val_if_fail (SHZ_IS_IMPORT_DIALOG (self), SHZ_KIND_USAGE);
  return self->kind;
}

const ShzMapping *
shz_import_dialog_get_mapping (ShzImportDialog *self)
{
  g_return_val_if_fail (SHZ_IS_IMPORT_DIALOG (self), NULL);
  return self->mapping;
}

void
shz_import_dialog_map_column (ShzImportDialog *self,
                              guint            column,
                              int              field)
{
  g_return_if_fail (SHZ_IS_IMPORT_DIALOG (self));

  if (self->mapping == NULL || self->preview == NULL || column >= self->preview->header->len)
    return;
  shz_mapping_set (self->mapping, column, field);
  sync_mapping_rows (self);
  update_column_titles (self);
  update_missing (self);
  /* check the rows again with the new mapping, once the user pauses */
  g_clear_handle_id (&self->validate_source, g_source_remove);
  self->validate_source = g_timeout_add (VALIDATE_DELAY_MS, validate_timeout_cb, self);
  self->previewing = TRUE;
  update_actions (self);
}

const char *
shz_import_dialog_get_dataset_name (ShzImportDialog *self)
{
  g_return_val_if_fail (SHZ_IS_IMPORT_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->name_row));
}

void
shz_import_dialog_set_dataset_name (ShzImportDialog *self,
                                    const char      *name)
{
  g_return_if_fail (SHZ_IS_IMPORT_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
}

gboolean
shz_import_dialog_is_busy (ShzImportDialog *self)
{
  g_return_val_if_fail (SHZ_IS_IMPORT_DIALOG (self), FALSE);
  return self->previewing || self->import_job != NULL;
}

gboolean
shz_import_dialog_is_importing (ShzImportDialog *self)
{
  g_return_val_if_fail (SHZ_IS_IMPORT_DIALOG (self), FALSE);
  return self->import_job != NULL;
}

const char *
shz_import_dialog_get_message (ShzImportDialog *self)
{
  g_return_val_if_fail (SHZ_IS_IMPORT_DIALOG (self), NULL);
  return self->message;
}
