/* shz-inspector.c — the chart page's side panel (see the header).  Values and provenance are
 * read at once on the window's connection (a few small queries); the computation behind a
 * computed point and an enterprise's source rows are read in threads on connections of their
 * own, and cancelled when the selection moves on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-app"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "shz-inspector.h"
#include "shz-a11y.h"
#include "shz-data-view.h"
#include "shz-assessment-edit.h"
#include "shz-window.h"
#include "analysis/shz-index.h"
#include "analysis/shz-method.h"
#include "analysis/shz-assessment.h"
#include "charts/shz-maturity-map.h"
#include "charts/shz-network-chart.h"

/* An enterprise's rows are few (categories × months); this only bounds a pathological file. */
#define MAX_SOURCE_ROWS 2000
#define FIELD_SEP "\x1f"

struct _ShzInspector
{
  GtkWidget             parent_instance;

  GtkStack             *stack;
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  AdwPreferencesGroup  *values_group;
  AdwPreferencesGroup  *computation_group;
  GtkSpinner           *computation_spinner;
  AdwPreferencesGroup  *enterprises_group;
  GtkListView          *enterprise_list;
  AdwPreferencesGroup  *dataset_group;
  AdwPreferencesGroup  *layout_group;
  GtkLabel             *rows_title;
  GtkLabel             *rows_subtitle;
  GtkListView          *rows_list;
  GtkButton            *back_button;

  /* rows added to each group, to clear them */
  GPtrArray            *added;          /* of GtkWidget*, with their group in added_groups */
  GPtrArray            *added_groups;
  GPtrArray            *dump;           /* "title: value" of every row shown */

  GtkStringList        *enterprise_model;
  GtkStringList        *rows_model;

  char                 *item_id;
  char                 *store_path;
  GCancellable         *cancellable;       /* the computation being read */
  GCancellable         *rows_cancellable;  /* the source rows being read */

  /* the computation behind the computed positions dataset shown (cached by its id) */
  gint64                result_dataset_id;
  char                 *result_dataset_time;  /* ids of deleted datasets may come back */
  ShzIndexResult       *result;
  ShzMethod            *method;
  gint64                usage_dataset_id;
  char                 *group;
  char                 *period;
  ShzIndexExplanation  *explanation;
  gboolean              focus_pending;  /* focus the enterprises when they arrive */

  /* editing the node or link of a value-network chart shown (a writable store) */
  ShzStore             *store;          /* the window's, borrowed */
  gint64                engagement_id;
  gint64                scores_id;      /* the datasets written to (each write replaces them) */
  gint64                links_id;
  GPtrArray            *edit_scores;    /* of EditScore */
  GPtrArray            *edit_links;     /* of EditLink */
  GPtrArray            *kind_ids;       /* link kinds, parallel to the kind rows' choices */
  gboolean              filling;        /* building or clearing the controls: do not save */
  char                 *refocus;        /* the control that saved last, to focus once shown again */
};

G_DEFINE_FINAL_TYPE (ShzInspector, shz_inspector, GTK_TYPE_WIDGET)

enum {
  SIGNAL_DETAILS_READY,
  SIGNAL_ROWS_READY,
  SIGNAL_ASSESSMENT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- rows of the groups ---- */

static void disconnect_controls (ShzInspector *self);

static void
clear_rows (ShzInspector *self)
{
  /* a focused control that goes must not save on its way out */
  self->filling = TRUE;
  disconnect_controls (self);
  for (guint i = 0; i < self->added->len; i++)
    adw_preferences_group_remove (g_ptr_array_index (self->added_groups, i),
                                  g_ptr_array_index (self->added, i));
  g_ptr_array_set_size (self->added, 0);
  g_ptr_array_set_size (self->added_groups, 0);
  g_ptr_array_set_size (self->dump, 0);
  g_ptr_array_set_size (self->edit_scores, 0);
  g_ptr_array_set_size (self->edit_links, 0);
  adw_preferences_group_set_description (self->values_group, NULL);
  self->filling = FALSE;
}

/* Values this long go below their title: beside it they would squeeze the title into a
 * column of broken syllables in a panel this narrow. */
#define LONG_VALUE_CHARS 22

static GtkWidget *
value_label_new (const char *value,
                 gboolean    stacked)
{
  GtkWidget *label = gtk_label_new (value);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), stacked ? 0 : 1);
  gtk_label_set_justify (GTK_LABEL (label), stacked ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_RIGHT);
  /* wrapping labels ask for their natural width by characters, not by the panel's width */
  gtk_label_set_width_chars (GTK_LABEL (label), stacked ? 20 : (int) g_utf8_strlen (value, -1));
  gtk_label_set_max_width_chars (GTK_LABEL (label), stacked ? 40 : LONG_VALUE_CHARS);
  return label;
}

/* A row: the title on the left and the value on the right (selectable, wrapped), or for long
 * values (a SHA-256, a formula, a note) the title above the value. */
static GtkWidget *
add_row (ShzInspector        *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row, *label;

  if (value == NULL || value[0] == '\0')
    return NULL;
  if (g_utf8_strlen (value, -1) > LONG_VALUE_CHARS)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *caption = gtk_label_new (title);

      row = adw_preferences_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_widget_add_css_class (caption, "caption-heading");
      label = value_label_new (value, TRUE);
      gtk_box_append (GTK_BOX (box), caption);
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_set_margin_top (box, 10);
      gtk_widget_set_margin_bottom (box, 10);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
    }
  else
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      label = value_label_new (value, FALSE);
      gtk_widget_set_margin_top (label, 8);
      gtk_widget_set_margin_bottom (label, 8);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value, -1);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->added, row);
  g_ptr_array_add (self->added_groups, group);
  g_ptr_array_add (self->dump, g_strdup_printf ("%s: %s", title, value));
  return row;
}

static void
add_row_printf (ShzInspector        *self,
                AdwPreferencesGroup *group,
                const char          *title,
                const char          *format,
                ...) G_GNUC_PRINTF (4, 5);

static void
add_row_printf (ShzInspector        *self,
                AdwPreferencesGroup *group,
                const char          *title,
                const char          *format,
                ...)
{
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  add_row (self, group, title, value);
}

static char *
format_interval (double lo,
                 double hi)
{
  if (!isfinite (lo) || !isfinite (hi))
    return NULL;
  return g_strdup_printf ("%.1f – %.1f", lo, hi);
}

static char *
format_size (gint64 bytes)
{
  return bytes > 0 ? g_format_size ((guint64) bytes) : NULL;
}

/* The catalogue's labels in the interface's language (zh_CN or en). */
static const char *
ui_lang (void)
{
  const char * const *names = g_get_language_names ();

  return names[0] != NULL && g_ascii_strncasecmp (names[0], "zh", 2) == 0 ? "zh_CN" : "en";
}

/* ---- the computation behind a computed point ---- */

static void
clear_computation (ShzInspector *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->rows_cancellable);
  g_clear_object (&self->rows_cancellable);
  g_clear_pointer (&self->explanation, shz_index_explanation_free);
  gtk_string_list_splice (self->enterprise_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->enterprise_model)), NULL);
  gtk_spinner_stop (self->computation_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->computation_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->enterprises_group), FALSE);
}

static void
show_explanation (ShzInspector *self)
{
  ShzIndexExplanation *ex = self->explanation;

  g_clear_object (&self->cancellable);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  static const char *axis_titles[SHZ_N_AXES] = {
    N_("Digital maturity formula"), N_("Data-intelligence innovation formula"),
  };

  gtk_spinner_stop (self->computation_spinner);
  for (guint a = 0; a < SHZ_N_AXES; a++)
    add_row (self, self->computation_group, _(axis_titles[a]), ex->formula[a]);
  for (guint c = 0; c < SHZ_N_CATEGORIES; c++)
    {
      g_autofree char *mean = isfinite (ex->mean_normalised[c])
                              ? g_strdup_printf ("%.1f", ex->mean_normalised[c]) : g_strdup ("—");
      /* Translators: one usage category of the index: its weight, mean spend and mean score */
      add_row_printf (self, self->computation_group, shz_category_to_string (c),
                      _("weight %g · mean spend %.2f · mean score %s"),
                      ex->weight[c], ex->mean_spend[c], mean);
    }
  add_row (self, self->computation_group, _("Grouped by"), ex->group_by);

  for (guint i = 0; i < ex->n_enterprises; i++)
    g_ptr_array_add (ids, (gpointer) ex->enterprises[i].enterprise_id);
  g_ptr_array_add (ids, NULL);
  gtk_string_list_splice (self->enterprise_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->enterprise_model)),
                          (const char * const *) ids->pdata);
  {
    g_autofree char *desc = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "%u enterprise of this group in %s. Activate one to see the rows of the source file behind it.",
                   "%u enterprises of this group in %s. Activate one to see the rows of the source file behind it.",
                   ex->n_enterprises),
      ex->n_enterprises, ex->point.period);
    adw_preferences_group_set_description (self->enterprises_group, desc);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->enterprises_group), ex->n_enterprises > 0);
  if (self->focus_pending && ex->n_enterprises > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->enterprise_list));
  self->focus_pending = FALSE;
  g_signal_emit (self, signals[SIGNAL_DETAILS_READY], 0);
}

static void
explain_now (ShzInspector *self)
{
  g_autoptr(GError) error = NULL;

  self->explanation = shz_index_explain (self->result, self->group, self->period, &error);
  if (self->explanation == NULL)
    {
      g_clear_object (&self->cancellable);
      gtk_spinner_stop (self->computation_spinner);
      add_row (self, self->computation_group, _("Not available"), error->message);
      g_signal_emit (self, signals[SIGNAL_DETAILS_READY], 0);
      return;
    }
  show_explanation (self);
}

static void
computation_failed (ShzInspector *self,
                    const GError *error)
{
  g_clear_object (&self->cancellable);
  self->focus_pending = FALSE;
  gtk_spinner_stop (self->computation_spinner);
  add_row (self, self->computation_group, _("Not available"), error->message);
  g_signal_emit (self, signals[SIGNAL_DETAILS_READY], 0);
}

static void
on_computed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  ShzIndexResult *r = shz_index_compute_finish (result, &error);
  ShzInspector *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the inspector moved on, or is gone */
  self = SHZ_INSPECTOR (user_data);
  if (r == NULL)
    {
      computation_failed (self, error);
      return;
    }
  g_clear_pointer (&self->result, shz_index_result_free);
  self->result = r;
  explain_now (self);
}

static void
on_matrix_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzIndexMatrix) matrix = shz_index_matrix_load_finish (result, &error);
  ShzInspector *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = SHZ_INSPECTOR (user_data);
  if (matrix == NULL)
    {
      computation_failed (self, error);
      return;
    }
  shz_index_compute_async (matrix, self->method, self->cancellable, on_computed_cb, self);
}

/* A computed positions dataset: recompute its method on its usage data (in threads) and show
 * the formula and the enterprises behind @group in @period. */
static void
start_explanation (ShzInspector     *self,
                   const ShzDataset *d,
                   const char       *group,
                   const char       *period)
{
  g_autoptr(GError) error = NULL;

  g_free (self->group);
  self->group = g_strdup (group);
  g_free (self->period);
  self->period = g_strdup (period);
  gtk_widget_set_visible (GTK_WIDGET (self->computation_group), TRUE);
  adw_preferences_group_set_description (self->computation_group, NULL);

  if (self->result != NULL && self->result_dataset_id == d->id &&
      g_strcmp0 (self->result_dataset_time, d->imported) == 0)
    {
      explain_now (self);
      return;
    }

  g_clear_pointer (&self->result, shz_index_result_free);
  g_clear_pointer (&self->method, shz_method_free);
  self->method = shz_method_load_from_data (d->method, -1, d->name, &error);
  if (self->method == NULL)
    {
      computation_failed (self, error);
      return;
    }
  self->result_dataset_id = d->id;
  g_free (self->result_dataset_time);
  self->result_dataset_time = g_strdup (d->imported);
  self->usage_dataset_id = d->source_dataset_id;
  self->cancellable = g_cancellable_new ();
  gtk_spinner_start (self->computation_spinner);
  shz_index_matrix_load_async (self->store_path, d->source_dataset_id, self->method,
                               self->cancellable, on_matrix_loaded_cb, self);
}

/* ---- source rows of one enterprise (a thread with its own connection) ---- */

typedef struct {
  char      *store_path;
  gint64     usage_dataset_id;
  ShzMethod *method;
  char      *group;
  char      *period;
  char      *enterprise_id;
  GPtrArray *rows;       /* of char*: fields joined by FIELD_SEP, header first */
  gboolean   truncated;
} RowsJob;

static void
rows_job_free (gpointer data)
{
  RowsJob *job = data;

  g_free (job->store_path);
  g_clear_pointer (&job->method, shz_method_free);
  g_free (job->group);
  g_free (job->period);
  g_free (job->enterprise_id);
  g_clear_pointer (&job->rows, g_ptr_array_unref);
  g_free (job);
}

static gboolean
collect_row_cb (const char * const *values,
                guint               n_values,
                gpointer            user_data)
{
  RowsJob *job = user_data;
  GString *s;

  if (job->rows->len > MAX_SOURCE_ROWS)
    {
      job->truncated = TRUE;
      return FALSE;
    }
  s = g_string_new (NULL);
  for (guint i = 0; i < n_values; i++)
    {
      if (i > 0)
        g_string_append (s, FIELD_SEP);
      g_string_append (s, values[i] ? values[i] : "");
    }
  g_ptr_array_add (job->rows, g_string_free (s, FALSE));
  return TRUE;
}

static void
read_rows_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  RowsJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (job->store_path, SHZ_STORE_OPEN_READ_ONLY, &error);

  if (store == NULL ||
      !shz_index_foreach_source_row (store, job->usage_dataset_id, job->method, job->group,
                                     job->period, job->enterprise_id, collect_row_cb, job, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_rows_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  /* a reference taken for the task (which has no source object: see the page's copy) */
  g_autoptr(ShzInspector) self = user_data;
  RowsJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) strv = g_ptr_array_new ();
  guint n;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->rows_cancellable);
      gtk_label_set_text (self->rows_subtitle, error->message);
      g_signal_emit (self, signals[SIGNAL_ROWS_READY], 0);
      return;
    }
  g_clear_object (&self->rows_cancellable);
  /* the first entry is the header */
  for (guint i = 1; i < job->rows->len; i++)
    g_ptr_array_add (strv, g_ptr_array_index (job->rows, i));
  g_ptr_array_add (strv, NULL);
  gtk_string_list_splice (self->rows_model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows_model)),
                          (const char * const *) strv->pdata);
  n = job->rows->len > 0 ? job->rows->len - 1 : 0;
  {
    g_autofree char *text = NULL;
    if (job->truncated)
      text = g_strdup_printf (_("The first %u rows of the usage data, in file order"), n);
    else
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row of the usage data, in file order",
                                           "%u rows of the usage data, in file order", n), n);
    gtk_label_set_text (self->rows_subtitle, text);
  }
  g_signal_emit (self, signals[SIGNAL_ROWS_READY], 0);
}

/* ---- list item factories ---- */

static void
setup_two_lines_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  /* one line each: wrapping labels in list rows upset GTK 4.8's height-for-width */
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_item_set_child (item, box);
}

static void
set_two_lines (GtkListItem *item,
               const char  *title,
               const char  *subtitle)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *t = gtk_widget_get_first_child (box);
  GtkWidget *s = gtk_widget_get_next_sibling (t);

  gtk_label_set_text (GTK_LABEL (t), title);
  gtk_label_set_text (GTK_LABEL (s), subtitle);
  gtk_widget_set_visible (s, subtitle != NULL && subtitle[0] != '\0');
}

static char *
format_score (double v)
{
  return isfinite (v) ? g_strdup_printf ("%.1f", v) : g_strdup ("—");
}

static void
bind_enterprise_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    ShzInspector             *self)
{
  guint pos = gtk_list_item_get_position (item);
  const ShzIndexEnterprise *e;
  g_autofree char *m = NULL, *i = NULL, *subtitle = NULL;

  if (self->explanation == NULL || pos >= self->explanation->n_enterprises)
    return;
  e = &self->explanation->enterprises[pos];
  m = format_score (e->score[SHZ_AXIS_MATURITY]);
  i = format_score (e->score[SHZ_AXIS_INNOVATION]);
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "maturity %s · innovation %s · %" PRId64 " row",
                                           "maturity %s · innovation %s · %" PRId64 " rows",
                                           (gulong) e->n_rows),
                              m, i, e->n_rows);
  set_two_lines (item, e->enterprise_id, subtitle);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             ShzInspector             *self)
{
  GtkStringObject *obj = gtk_list_item_get_item (item);
  g_auto(GStrv) f = g_strsplit (gtk_string_object_get_string (obj), FIELD_SEP, -1);
  guint n = g_strv_length (f);
  g_autofree char *title = NULL, *subtitle = NULL;

  /* row_no, enterprise_id, enterprise_name, industry, region, period, category, product, spend */
  if (n < 9)
    {
      set_two_lines (item, gtk_string_object_get_string (obj), NULL);
      return;
    }
  title = g_strdup_printf (_("Row %s · %s · %s"), f[0], f[5], f[6]);
  subtitle = g_strdup_printf (_("spend %s%s%s%s%s"), f[8],
                              f[7][0] ? " · " : "", f[7],
                              f[4][0] ? " · " : "", f[4]);
  set_two_lines (item, title, subtitle);
}

/* ---- callbacks ---- */

static void
on_enterprise_activated_cb (ShzInspector *self,
                            guint         position)
{
  shz_inspector_show_enterprise (self, position);
}

static void
on_back_clicked_cb (ShzInspector *self)
{
  gtk_stack_set_visible_child_name (self->stack, "item");
  gtk_widget_grab_focus (GTK_WIDGET (self->enterprise_list));
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   ShzInspector          *self)
{
  /* Escape (or Alt+Left) on the rows goes back to the enterprises, as the back button does */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "rows") == 0 &&
      (keyval == GDK_KEY_Escape || (keyval == GDK_KEY_Left && (state & GDK_ALT_MASK))))
    {
      on_back_clicked_cb (self);
      return TRUE;
    }
  return FALSE;
}

/* Ctrl+Z and Ctrl+Shift+Z in a score or weight field undo and redo the saved change, as in the
 * rest of the window: the field's own text undo would take them first and only change the
 * digits shown.  (A note keeps its text undo while it is typed.) */
static gboolean
on_undo_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        ShzInspector          *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  const char *action;

  if (focus == NULL || gtk_widget_get_ancestor (focus, GTK_TYPE_SPIN_BUTTON) == NULL)
    return FALSE;
  keyval = gdk_keyval_to_lower (keyval);
  if (keyval == GDK_KEY_z && mods == GDK_CONTROL_MASK)
    action = "win.undo";
  else if ((keyval == GDK_KEY_z && mods == (GDK_CONTROL_MASK | GDK_SHIFT_MASK)) ||
           (keyval == GDK_KEY_y && mods == GDK_CONTROL_MASK))
    action = "win.redo";
  else
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
}

/* ---- filling the panel ---- */

static void
show_dataset (ShzInspector     *self,
              ShzStore         *store,
              const ShzDataset *d,
              gboolean          first)
{
  AdwPreferencesGroup *g = self->dataset_group;
  g_autofree char *size = format_size (d->source_size);
  g_autofree char *rows = NULL;

  add_row (self, g, first ? _("Dataset") : _("Computed from"), d->name);
  add_row (self, g, _("Kind"), shz_dataset_kind_label (d->kind));
  if (d->source_name != NULL && size != NULL)
    add_row_printf (self, g, _("Source file"), "%s (%s)", d->source_name, size);
  else
    add_row (self, g, _("Source file"), d->source_name);
  add_row (self, g, _("SHA-256"), d->source_sha256);
  add_row (self, g, _("Encoding"), d->encoding);
  add_row (self, g, _("Sheet"), d->sheet);
  add_row (self, g, _("Imported"), d->imported);
  if (d->rejected > 0)
    rows = g_strdup_printf (_("%" PRId64 " accepted, %" PRId64 " rejected"),
                            d->rows, d->rejected);
  else
    rows = g_strdup_printf ("%" G_GINT64_FORMAT, d->rows);
  add_row (self, g, _("Rows"), rows);
  if (d->illustrative)
    add_row (self, g, _("Figures"), _("Illustrative, not real"));
  add_row (self, g, _("Note"), d->note);

  if (first && d->source_dataset_id > 0)
    {
      g_autoptr(ShzDataset) src = shz_store_get_dataset (store, d->source_dataset_id, NULL);
      if (src != NULL)
        show_dataset (self, store, src, FALSE);
    }
}

static void
show_maturity_item (ShzInspector   *self,
                    ShzStore       *store,
                    gint64          engagement_id,
                    ShzMaturityMap *map,
                    const char     *id)
{
  ShzMaturityModel *m = shz_maturity_map_get_model (map);
  ShzMaturityEntity *e = NULL;
  ShzMaturityEntity *prev = NULL;
  g_autoptr(ShzDataset) d = NULL;
  AdwPreferencesGroup *g = self->values_group;

  for (guint i = 0; m != NULL && i < m->entities->len && e == NULL; i++)
    if (g_strcmp0 (((ShzMaturityEntity *) g_ptr_array_index (m->entities, i))->entity, id) == 0)
      e = g_ptr_array_index (m->entities, i);
  for (guint i = 0; m != NULL && i < m->previous->len && prev == NULL; i++)
    if (g_strcmp0 (((ShzMaturityEntity *) g_ptr_array_index (m->previous, i))->entity, id) == 0)
      prev = g_ptr_array_index (m->previous, i);
  if (e == NULL)
    return;

  if (e->is_centroid)
    gtk_label_set_text (self->subtitle_label, _("Centroid of the group's enterprises"));
  else if (e->group != NULL && g_strcmp0 (e->group, e->entity) != 0)
    gtk_label_set_text (self->subtitle_label, e->group);
  if (m->period != NULL)
    add_row (self, g, _("Period"), m->period);
  add_row_printf (self, g, _("Digital maturity"), "%.1f", e->x);
  add_row_printf (self, g, _("Data-intelligence innovation"), "%.1f", e->y);
  {
    g_autofree char *xi = format_interval (e->x_lo, e->x_hi);
    g_autofree char *yi = format_interval (e->y_lo, e->y_hi);
    add_row (self, g, _("Maturity 90% interval"), xi);
    add_row (self, g, _("Innovation 90% interval"), yi);
  }
  if (isfinite (e->size) && e->size != (double) e->n)
    add_row_printf (self, g, _("Size"), "%g", e->size);
  if (e->n > 0)
    add_row_printf (self, g, _("Sample size"), "%" PRId64, e->n);
  if (e->low_sample)
    add_row (self, g, _("Low sample"), _("Fewer enterprises than the method's minimum: read with care"));
  if (e->is_client)
    add_row (self, g, _("Client"), _("Yes"));
  if (prev != NULL && m->previous_period != NULL)
    {
      /* Translators: where the item was in the earlier period, e.g. "2018: 41.0, 37.5" */
      add_row_printf (self, g, _("Earlier period"), _("%s: maturity %.1f, innovation %.1f"),
                      m->previous_period, prev->x, prev->y);
    }

  if (m->dataset != NULL)
    d = shz_store_find_dataset (store, engagement_id, m->dataset, NULL);
  if (d == NULL)
    {
      add_row (self, self->dataset_group, _("Source"), m->source);
      return;
    }
  show_dataset (self, store, d, TRUE);
  if (d->method != NULL && d->method[0] != '\0' && d->source_dataset_id > 0 &&
      !e->is_centroid && m->period != NULL && self->store_path != NULL)
    start_explanation (self, d, e->entity, m->period);
}

/* ---- editing a network item (a writable store) ---- */

typedef struct {
  char               *framework;
  char               *item;
  char               *label;          /* the item's, in the interface's language */
  char               *framework_label;
  gboolean            name_framework; /* the chart draws several frameworks: say which */
  ShzItemRows         rows;
  char               *note_text;      /* as saved */
  GtkWidget          *row[2];
  GtkWidget          *spin[2];
  GtkWidget          *note;           /* an AdwEntryRow */
  GtkEventController *note_focus;
} EditScore;

typedef struct {
  gint64              row_no;
  char               *source;
  char               *target;
  char               *kind;
  double              weight;
  ShzAssessmentState  state;
  char               *source_label;
  char               *target_label;
  GtkWidget          *weight_spin;
  GtkWidget          *kind_row;       /* an AdwComboRow */
  GtkWidget          *remove;
} EditLink;

static void
edit_score_free (gpointer data)
{
  EditScore *es = data;

  g_free (es->framework);
  g_free (es->item);
  g_free (es->label);
  g_free (es->framework_label);
  g_free (es->note_text);
  g_free (es);
}

static void
edit_link_free (gpointer data)
{
  EditLink *el = data;

  g_free (el->source);
  g_free (el->target);
  g_free (el->kind);
  g_free (el->source_label);
  g_free (el->target_label);
  g_free (el);
}

static void
show_edit_error (ShzInspector *self,
                 const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL && SHZ_IS_WINDOW (root))
    shz_window_show_toast (SHZ_WINDOW (root), error->message);
  else
    g_message ("%s", error->message);
}

/* A write went through: the chart reads the assessment again and selects @select (NULL: what
 * is selected); the control named @refocus gets the focus back once the item is shown again. */
static void
edited (ShzInspector *self,
        const char   *select,
        char         *refocus)
{
  g_free (self->refocus);
  self->refocus = refocus;
  g_signal_emit (self, signals[SIGNAL_ASSESSMENT_CHANGED], 0, select);
}

/* A write failed: say why and read the store again, so that the panel shows what it holds. */
static void
edit_failed (ShzInspector *self,
             const GError *error)
{
  show_edit_error (self, error);
  g_signal_emit (self, signals[SIGNAL_ASSESSMENT_CHANGED], 0, NULL);
}

static void
update_score_row (EditScore          *es,
                  ShzAssessmentState  s)
{
  gboolean assessed = es->rows.scored[s];
  g_autofree char *subtitle = NULL;

  if (es->name_framework && !assessed)
    subtitle = g_strdup_printf ("%s · %s", es->framework_label, _("Not assessed"));
  else if (es->name_framework)
    subtitle = g_strdup (es->framework_label);
  else if (!assessed)
    subtitle = g_strdup (_("Not assessed"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (es->row[s]), subtitle != NULL ? subtitle : "");
}

static char *
score_focus_key (EditScore          *es,
                 ShzAssessmentState  s)
{
  return g_strdup_printf ("score:%s:%s:%d", es->framework, es->item, (int) s);
}

static void
on_score_changed_cb (GtkSpinButton *spin,
                     ShzInspector  *self)
{
  EditScore *es = g_object_get_data (G_OBJECT (spin), "shz-score");
  ShzAssessmentState s = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spin), "shz-state"));
  double v = gtk_spin_button_get_value (spin);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gint64 id;

  if (self->filling || (v < 0 && !es->rows.scored[s]))
    return;
  /* With no scores dataset yet (scores_id 0) this starts one, in the score's own step. */
  id = shz_assessment_edit_set_score (self->store, self->engagement_id, self->scores_id, es->framework,
                                      es->item, es->label, s, v, es->note_text, &es->rows, &label, &error);
  if (id == 0)
    {
      edit_failed (self, error);
      return;
    }
  self->scores_id = id;
  update_score_row (es, s);
  edited (self, self->item_id, score_focus_key (es, s));
}

static void
commit_note (ShzInspector *self,
             EditScore    *es,
             gboolean      shown)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (es->note));
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gint64 id;

  if (self->filling || g_strcmp0 (text, es->note_text ? es->note_text : "") == 0)
    return;
  /* A note needs no score: written first, it starts the assessment as a first score does. */
  id = shz_assessment_edit_set_note (self->store, self->engagement_id, self->scores_id, es->framework,
                                     es->item, es->label, text, &es->rows, &label, &error);
  if (id == 0)
    {
      edit_failed (self, error);
      return;
    }
  self->scores_id = id;
  g_free (es->note_text);
  es->note_text = text[0] != '\0' ? g_strdup (text) : NULL;
  if (shown)
    edited (self, self->item_id, g_strdup_printf ("note:%s:%s", es->framework, es->item));
  else
    edited (self, NULL, NULL);
}

static void
on_note_applied_cb (AdwEntryRow  *row,
                    ShzInspector *self)
{
  commit_note (self, g_object_get_data (G_OBJECT (row), "shz-score"), TRUE);
}

static void
on_note_leave_cb (GtkEventControllerFocus *controller,
                  ShzInspector            *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  commit_note (self, g_object_get_data (G_OBJECT (row), "shz-score"), TRUE);
}

static char *
link_focus_key (EditLink   *el,
                const char *control)
{
  return g_strdup_printf ("%s:%s>%s:%" G_GINT64_FORMAT, control, el->source, el->target, el->row_no);
}

static void
commit_link (ShzInspector *self,
             EditLink     *el,
             const char   *control)
{
  double weight = gtk_spin_button_get_value (GTK_SPIN_BUTTON (el->weight_spin));
  guint k = adw_combo_row_get_selected (ADW_COMBO_ROW (el->kind_row));
  const char *kind = k < self->kind_ids->len ? self->kind_ids->pdata[k] : el->kind;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *select = NULL;
  ShzLinkRow row = { el->row_no, el->source, el->target, weight, kind,
                     shz_assessment_state_to_string (el->state) };
  gint64 id;

  if (self->filling || (weight == el->weight && g_strcmp0 (kind, el->kind) == 0))
    return;
  label = shz_assessment_edit_link_label (SHZ_LINK_EDIT_CHANGE, el->source_label, el->target_label, el->state);
  id = shz_assessment_edit_write_link (self->store, self->engagement_id, self->links_id, SHZ_LINK_EDIT_CHANGE,
                                       &row, label, &error);
  if (id == 0)
    {
      edit_failed (self, error);
      return;
    }
  self->links_id = id;
  el->weight = weight;
  g_free (el->kind);
  el->kind = g_strdup (kind);
  /* another kind is another link of the chart: select that one */
  select = g_strdup_printf ("link:%s>%s:%s", el->source, el->target, el->kind);
  edited (self, select, link_focus_key (el, control));
}

static void
on_link_weight_cb (GtkSpinButton *spin,
                   ShzInspector  *self)
{
  commit_link (self, g_object_get_data (G_OBJECT (spin), "shz-link"), "weight");
}

static void
on_link_kind_cb (GObject      *row,
                 GParamSpec   *pspec,
                 ShzInspector *self)
{
  commit_link (self, g_object_get_data (row, "shz-link"), "kind");
}

static void
on_link_remove_cb (GtkButton    *button,
                   ShzInspector *self)
{
  EditLink *el = g_object_get_data (G_OBJECT (button), "shz-link");
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  ShzLinkRow row = { el->row_no, el->source, el->target, el->weight, el->kind,
                     shz_assessment_state_to_string (el->state) };
  gint64 id;

  if (self->filling)
    return;
  label = shz_assessment_edit_link_label (SHZ_LINK_EDIT_REMOVE, el->source_label, el->target_label, el->state);
  id = shz_assessment_edit_write_link (self->store, self->engagement_id, self->links_id, SHZ_LINK_EDIT_REMOVE,
                                       &row, label, &error);
  if (id == 0)
    {
      edit_failed (self, error);
      return;
    }
  self->links_id = id;
  /* the link is gone: nothing to select, nothing to focus here */
  edited (self, NULL, NULL);
}

/* The controls going may outlive their rows (the window keeps its focus widget until the focus
 * moves): they must not call back with the rows' data gone. */
static void
disconnect_controls (ShzInspector *self)
{
  for (guint i = 0; i < self->edit_scores->len; i++)
    {
      EditScore *es = self->edit_scores->pdata[i];

      for (guint s = 0; s < 2; s++)
        if (es->spin[s] != NULL)
          g_signal_handlers_disconnect_by_data (es->spin[s], self);
      if (es->note != NULL)
        g_signal_handlers_disconnect_by_data (es->note, self);
      if (es->note_focus != NULL)
        g_signal_handlers_disconnect_by_data (es->note_focus, self);
    }
  for (guint i = 0; i < self->edit_links->len; i++)
    {
      EditLink *el = self->edit_links->pdata[i];

      if (el->weight_spin != NULL)
        g_signal_handlers_disconnect_by_data (el->weight_spin, self);
      if (el->kind_row != NULL)
        g_signal_handlers_disconnect_by_data (el->kind_row, self);
      if (el->remove != NULL)
        g_signal_handlers_disconnect_by_data (el->remove, self);
    }
}

/* Add an editable row (or a button below the rows) to the values, with its line of the dump. */
static void
add_edit_widget (ShzInspector *self,
                 GtkWidget    *widget,
                 char         *dump_line)
{
  adw_preferences_group_add (self->values_group, widget);
  g_ptr_array_add (self->added, widget);
  g_ptr_array_add (self->added_groups, self->values_group);
  if (dump_line != NULL)
    g_ptr_array_add (self->dump, dump_line);
}

static GtkWidget *
find_refocus (ShzInspector *self)
{
  for (guint i = 0; self->refocus != NULL && i < self->added->len; i++)
    {
      GtkWidget *w = self->added->pdata[i];
      GtkWidget *target = g_object_get_data (G_OBJECT (w), "shz-focus-target");
      const char *key = g_object_get_data (G_OBJECT (w), "shz-focus-key");

      if (g_strcmp0 (key, self->refocus) == 0)
        return target != NULL ? target : w;
    }
  return NULL;
}

/* The key of the control that has the focus, if one of ours does. */
static char *
focused_control_key (ShzInspector *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (guint i = 0; focus != NULL && i < self->added->len; i++)
    {
      GtkWidget *w = self->added->pdata[i];
      GtkWidget *target = g_object_get_data (G_OBJECT (w), "shz-focus-target");
      const char *key = g_object_get_data (G_OBJECT (w), "shz-focus-key");

      if (key != NULL && (focus == w || gtk_widget_is_ancestor (focus, w) ||
                          (target != NULL && (focus == target || gtk_widget_is_ancestor (focus, target)))))
        return g_strdup (key);
    }
  return NULL;
}

static void
set_focus_key (GtkWidget  *row,
               GtkWidget  *target,
               char       *key)
{
  g_object_set_data_full (G_OBJECT (row), "shz-focus-key", key, g_free);
  if (target != NULL)
    g_object_set_data (G_OBJECT (row), "shz-focus-target", target);
}

static void
add_score_controls (ShzInspector       *self,
                    EditScore          *es,
                    ShzAssessment      *as)
{
  static const char *titles[2] = { N_("As-is score"), N_("To-be score") };

  for (int s = 0; s < 2; s++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkSpinButton *spin = shz_score_spin_new ();
      g_autofree char *name = NULL;
      g_autofree char *dump_title = NULL;
      double v = NAN;

      if (es->rows.scored[s])
        shz_assessment_get_score (as, es->framework, es->item, s, &v);
      es->row[s] = row;
      es->spin[s] = GTK_WIDGET (spin);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(titles[s]));
      shz_score_spin_set_value (spin, v);
      /* Translators: the accessible name of a score control: "Score of 品牌, to-be" */
      name = es->name_framework
             ? g_strdup_printf (_("Score of %s, %s (%s)"), es->label, shz_assessment_edit_state_label (s),
                                es->framework_label)
             : g_strdup_printf (_("Score of %s, %s"), es->label, shz_assessment_edit_state_label (s));
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_widget_set_tooltip_text (GTK_WIDGET (spin), s == SHZ_STATE_AS_IS ? _("As-is score, 0–5 (– not assessed)")
                                                                          : _("To-be score, 0–5 (– not assessed)"));
      g_object_set_data (G_OBJECT (spin), "shz-score", es);
      g_object_set_data (G_OBJECT (spin), "shz-state", GINT_TO_POINTER (s));
      g_signal_connect (spin, "value-changed", G_CALLBACK (on_score_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (spin));
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (spin));
      update_score_row (es, s);
      set_focus_key (row, GTK_WIDGET (spin), score_focus_key (es, s));
      /* the same lines as the read-only panel's */
      dump_title = g_strdup_printf (s == SHZ_STATE_AS_IS ? _("Score (as-is, %s)") : _("Score (to-be, %s)"),
                                    es->framework_label);
      add_edit_widget (self, row, isfinite (v) ? g_strdup_printf ("%s: %g / 5", dump_title, v)
                                               : g_strdup_printf ("%s: –", dump_title));
    }

  {
    GtkWidget *note = adw_entry_row_new ();
    GtkEventController *focus = gtk_event_controller_focus_new ();
    g_autofree char *name = g_strdup_printf (_("Note on %s (%s)"), es->label, es->framework_label);

    es->note = note;
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note), _("Note"));
    adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (note), TRUE);
    gtk_editable_set_text (GTK_EDITABLE (note), es->note_text != NULL ? es->note_text : "");
    gtk_accessible_update_property (GTK_ACCESSIBLE (note), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    g_object_set_data (G_OBJECT (note), "shz-score", es);
    g_signal_connect (note, "apply", G_CALLBACK (on_note_applied_cb), self);
    g_signal_connect (focus, "leave", G_CALLBACK (on_note_leave_cb), self);
    es->note_focus = focus;
    gtk_widget_add_controller (note, focus);
    set_focus_key (note, NULL, g_strdup_printf ("note:%s:%s", es->framework, es->item));
    add_edit_widget (self, note, es->note_text != NULL ? g_strdup_printf ("%s: %s", _("Note"), es->note_text) : NULL);
  }
}

static const char *
node_label (ShzCatalogue *cat,
            const char   *id)
{
  static const char * const fws[] = { SHZ_FRAMEWORK_VALUE_NETWORK, SHZ_FRAMEWORK_VALUE_CHAIN };

  for (guint i = 0; i < G_N_ELEMENTS (fws); i++)
    {
      const ShzCatFramework *fw = shz_catalogue_lookup_framework (cat, fws[i]);
      const ShzCatItem *it = fw != NULL ? shz_cat_framework_get_item (fw, id) : NULL;

      if (it != NULL)
        return shz_cat_text_get (&it->label, ui_lang ());
    }
  return id;
}

static void
add_link_controls (ShzInspector  *self,
                   EditLink      *el,
                   gboolean       name_state,
                   ShzCatalogue  *cat)
{
  const ShzCatFramework *vn = shz_catalogue_lookup_framework (cat, SHZ_FRAMEWORK_VALUE_NETWORK);
  const char *state = shz_assessment_edit_state_label (el->state);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GtkWidget *row, *spin, *combo, *button;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  g_autofree char *remove_name = NULL;
  guint selected = GTK_INVALID_LIST_POSITION;

  /* weight */
  row = adw_action_row_new ();
  title = name_state ? g_strdup_printf ("%s (%s)", _("Weight"), state) : g_strdup (_("Weight"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  spin = gtk_spin_button_new_with_range (0, 100, 0.5);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), el->weight);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  /* Translators: the accessible name of a link's weight: "Weight of 品牌 → 消费者, to-be" */
  name = g_strdup_printf (_("Weight of %s → %s, %s"), el->source_label, el->target_label, state);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (spin), "shz-link", el);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_link_weight_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  el->weight_spin = spin;
  set_focus_key (row, spin, link_focus_key (el, "weight"));
  add_edit_widget (self, row, g_strdup_printf ("%s: %g", title, el->weight));

  /* kind: the catalogue's link kinds */
  g_ptr_array_set_size (self->kind_ids, 0);
  for (guint i = 0; vn != NULL && i < vn->items->len; i++)
    {
      const ShzCatItem *it = vn->items->pdata[i];

      if (it->kind != SHZ_CAT_LINK_KIND)
        continue;
      if (g_strcmp0 (it->id, el->kind) == 0)
        selected = self->kind_ids->len;
      g_ptr_array_add (self->kind_ids, g_strdup (it->id));
      gtk_string_list_append (kinds, shz_cat_text_get (&it->label, ui_lang ()));
    }
  if (selected == GTK_INVALID_LIST_POSITION)
    {
      /* a kind of another catalogue: keep it choosable */
      selected = self->kind_ids->len;
      g_ptr_array_add (self->kind_ids, g_strdup (el->kind));
      gtk_string_list_append (kinds, el->kind);
    }
  combo = adw_combo_row_new ();
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&name, g_free);
  title = name_state ? g_strdup_printf ("%s (%s)", _("Kind"), state) : g_strdup (_("Kind"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (combo), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), selected);
  name = g_strdup_printf (_("Kind of %s → %s, %s"), el->source_label, el->target_label, state);
  gtk_accessible_update_property (GTK_ACCESSIBLE (combo), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (combo), "shz-link", el);
  g_signal_connect (combo, "notify::selected", G_CALLBACK (on_link_kind_cb), self);
  el->kind_row = combo;
  set_focus_key (combo, NULL, link_focus_key (el, "kind"));
  add_edit_widget (self, combo, g_strdup_printf ("%s: %s", title, gtk_string_list_get_string (kinds, selected)));

  /* remove */
  button = gtk_button_new_with_mnemonic (name_state
                                         ? (el->state == SHZ_STATE_AS_IS ? _("_Remove As-is Link")
                                                                          : _("_Remove To-be Link"))
                                         : _("_Remove Link"));
  remove_name = shz_assessment_edit_link_label (SHZ_LINK_EDIT_REMOVE, el->source_label, el->target_label, el->state);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
  gtk_widget_set_tooltip_text (button, remove_name);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (button, 12);
  gtk_widget_add_css_class (button, "destructive-action");
  g_object_set_data (G_OBJECT (button), "shz-link", el);
  g_signal_connect (button, "clicked", G_CALLBACK (on_link_remove_cb), self);
  el->remove = button;
  add_edit_widget (self, button, NULL);
}

/* The state whose links the value network draws: its setting, or the other one when the
 * chosen one has no links but the other has (as the chart does). */
static gboolean
drawn_link_state (ShzNetworkChart    *chart,
                  ShzAssessmentState *out)
{
  ShzAssessment *as = shz_network_chart_get_assessment (chart);
  g_autofree char *text = NULL;
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *state = NULL;
  ShzAssessmentState s = SHZ_STATE_TO_BE;

  if (g_strcmp0 (shz_chart_get_kind (SHZ_CHART (chart)), "value-network") != 0)
    return FALSE;   /* the comparison draws both */
  text = shz_chart_save_settings (SHZ_CHART (chart));
  if (text != NULL && g_key_file_load_from_data (kf, text, -1, G_KEY_FILE_NONE, NULL))
    state = g_key_file_get_string (kf, "value-network", "state", NULL);
  if (state != NULL)
    shz_assessment_state_from_string (state, &s);
  if (!shz_assessment_has_links (as, s) && shz_assessment_has_links (as, !s))
    s = !s;
  *out = s;
  return TRUE;
}

/* The frameworks whose scores of a node the chart draws. */
static guint
drawn_frameworks (ShzNetworkChart  *chart,
                  const char      **out)
{
  guint n = 0;

  if (g_strcmp0 (shz_chart_get_kind (SHZ_CHART (chart)), "network-compare") == 0)
    out[n++] = SHZ_FRAMEWORK_VALUE_CHAIN;   /* the as-is chain beside the to-be ring */
  out[n++] = SHZ_NETWORK_CHART_GET_CLASS (chart)->framework;
  return n;
}

/* The node or link @id of @chart with controls to change it; FALSE when it is neither (a
 * heading, a path's end): the read-only rows show it then. */
static gboolean
edit_network_item (ShzInspector    *self,
                   ShzNetworkChart *chart,
                   const char      *id)
{
  ShzAssessment *as = shz_network_chart_get_assessment (chart);
  ShzCatalogue *cat = shz_assessment_get_catalogue (as);
  gboolean any = FALSE;

  self->scores_id = shz_assessment_get_scores_dataset_id (as);
  self->links_id = shz_assessment_get_links_dataset_id (as);

  if (g_str_has_prefix (id, "link:"))
    {
      g_auto(GStrv) parts = g_strsplit_set (id + 5, ">:", 3);
      ShzAssessmentState drawn;
      gboolean one_state = drawn_link_state (chart, &drawn);
      guint n = 0;

      if (g_strv_length (parts) != 3)
        return FALSE;
      for (guint pass = 0; pass < 2; pass++)
        for (guint i = 0; i < shz_assessment_get_n_links (as); i++)
          {
            const ShzAssessmentLink *k = shz_assessment_get_link (as, i);
            EditLink *el;

            if (g_strcmp0 (k->source, parts[0]) != 0 || g_strcmp0 (k->target, parts[1]) != 0 ||
                g_strcmp0 (k->kind, parts[2]) != 0 || (one_state && k->state != drawn) || k->row_no <= 0)
              continue;
            if (pass == 0)
              {
                n++;
                continue;
              }
            el = g_new0 (EditLink, 1);
            el->row_no = k->row_no;
            el->source = g_strdup (k->source);
            el->target = g_strdup (k->target);
            el->kind = g_strdup (k->kind);
            el->weight = k->weight;
            el->state = k->state;
            el->source_label = g_strdup (node_label (cat, k->source));
            el->target_label = g_strdup (node_label (cat, k->target));
            g_ptr_array_add (self->edit_links, el);
            add_link_controls (self, el, n > 1, cat);
            any = TRUE;
          }
      return any;
    }

  {
    const char *colon = strchr (id, ':');
    g_autofree char *item_id = colon ? g_strndup (id, colon - id) : g_strdup (id);
    const char *fws[2];
    guint n_fw = drawn_frameworks (chart, fws);
    guint n_scored = 0;

    /* an evolution path's two ends are labels of the path, not items */
    if (colon != NULL && (g_str_equal (colon, ":from") || g_str_equal (colon, ":to")))
      return FALSE;
    for (guint f = 0; f < n_fw; f++)
      {
        const ShzCatFramework *fw = shz_catalogue_lookup_framework (cat, fws[f]);
        const ShzCatItem *it = fw != NULL ? shz_cat_framework_get_item (fw, item_id) : NULL;
        n_scored += it != NULL && it->scored;
      }
    for (guint f = 0; f < n_fw; f++)
      {
        const ShzCatFramework *fw = shz_catalogue_lookup_framework (cat, fws[f]);
        const ShzCatItem *it = fw != NULL ? shz_cat_framework_get_item (fw, item_id) : NULL;
        EditScore *es;

        if (it == NULL || !it->scored)
          continue;
        es = g_new0 (EditScore, 1);
        es->framework = g_strdup (fw->id);
        es->item = g_strdup (it->id);
        es->label = g_strdup (shz_cat_text_get (&it->label, ui_lang ()));
        es->framework_label = g_strdup (shz_cat_text_get (&fw->label, ui_lang ()));
        es->name_framework = n_scored > 1;
        /* one note per item, as the editor shows it */
        es->note_text = g_strdup (shz_assessment_edit_item_rows (as, fw->id, it->id, &es->rows));
        g_ptr_array_add (self->edit_scores, es);
        add_score_controls (self, es, as);
        any = TRUE;
      }
    if (any)
      {
        g_autofree char *desc = NULL;

        if (n_scored == 1)
          desc = g_strdup_printf (_("%s: 0 to 5 in half steps; “–” is not assessed"),
                                  ((EditScore *) self->edit_scores->pdata[0])->framework_label);
        else
          desc = g_strdup (_("0 to 5 in half steps; “–” is not assessed"));
        adw_preferences_group_set_description (self->values_group, desc);
      }
  }
  return any;
}

static void
show_network_item (ShzInspector    *self,
                   ShzStore        *store,
                   ShzNetworkChart *chart,
                   const char      *id)
{
  ShzAssessment *as = shz_network_chart_get_assessment (chart);
  g_autofree char *item_id = NULL;
  gint64 ids[2];
  gboolean any = FALSE;

  /* link ids are "link:SOURCE>TARGET:KIND"; node ids "ITEM" or "ITEM:STATE" */
  if (!shz_store_is_read_only (store))
    {
      self->filling = TRUE;
      any = edit_network_item (self, chart, id);
      self->filling = FALSE;
    }
  if (any)
    ;
  else if (g_str_has_prefix (id, "link:"))
    {
      g_auto(GStrv) parts = g_strsplit_set (id + 5, ">:", 3);
      if (g_strv_length (parts) == 3)
        for (guint i = 0; i < shz_assessment_get_n_links (as); i++)
          {
            const ShzAssessmentLink *k = shz_assessment_get_link (as, i);
            g_autofree char *title = NULL;

            if (g_strcmp0 (k->source, parts[0]) != 0 || g_strcmp0 (k->target, parts[1]) != 0 ||
                g_strcmp0 (k->kind, parts[2]) != 0)
              continue;
            title = g_strdup_printf (k->state == SHZ_STATE_AS_IS ? _("Weight (as-is)") : _("Weight (to-be)"));
            if (k->row_no > 0)
              add_row_printf (self, self->values_group, title, _("%g · %s · row %" PRId64),
                              k->weight, k->kind, k->row_no);
            else
              add_row_printf (self, self->values_group, title, "%g · %s", k->weight, k->kind);
            any = TRUE;
          }
    }
  else
    {
      const char *colon = strchr (id, ':');
      item_id = colon ? g_strndup (id, colon - id) : g_strdup (id);
      for (guint i = 0; i < shz_assessment_get_n_scores (as); i++)
        {
          const ShzAssessmentScore *s = shz_assessment_get_score_nth (as, i);
          const ShzCatFramework *fw;
          g_autofree char *title = NULL;

          if (g_strcmp0 (s->item, item_id) != 0)
            continue;
          fw = shz_network_chart_get_framework (chart, s->framework);
          title = g_strdup_printf (s->state == SHZ_STATE_AS_IS ? _("Score (as-is, %s)") : _("Score (to-be, %s)"),
                                   fw != NULL ? shz_cat_text_get (&fw->label, ui_lang ()) : s->framework);
          if (s->note != NULL && s->note[0] != '\0')
            add_row_printf (self, self->values_group, title, "%g / 5 · %s", s->score, s->note);
          else
            add_row_printf (self, self->values_group, title, "%g / 5", s->score);
          any = TRUE;
        }
      /* an item not assessed yet may have its note already */
      for (guint i = 0; i < shz_assessment_get_n_notes (as); i++)
        {
          const ShzAssessmentNote *n = shz_assessment_get_note_nth (as, i);
          const ShzCatFramework *fw;
          g_autofree char *title = NULL;

          if (g_strcmp0 (n->item, item_id) != 0)
            continue;
          fw = shz_network_chart_get_framework (chart, n->framework);
          /* Translators: the title of an item's note in the inspector; the framework's name */
          title = g_strdup_printf (_("Note (%s)"), fw != NULL ? shz_cat_text_get (&fw->label, ui_lang ())
                                                              : n->framework);
          add_row (self, self->values_group, title, n->note);
          any = TRUE;
        }
    }
  if (!any)
    add_row (self, self->values_group, _("Assessment"), _("Not assessed yet: no score or link in the data"));

  ids[0] = shz_assessment_get_scores_dataset_id (as);
  ids[1] = shz_assessment_get_links_dataset_id (as);
  for (guint i = 0; i < 2; i++)
    if (ids[i] > 0 && (i == 0 || ids[1] != ids[0]))
      {
        g_autoptr(ShzDataset) d = shz_store_get_dataset (store, ids[i], NULL);
        if (d != NULL)
          show_dataset (self, store, d, TRUE);
      }
  if (ids[0] <= 0 && ids[1] <= 0)
    add_row (self, self->dataset_group, _("Data"), _("None yet: import a scores or links dataset"));
}

/* ---- GtkWidget ---- */

static void
shz_inspector_dispose (GObject *object)
{
  ShzInspector *self = SHZ_INSPECTOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->rows_cancellable);
  g_clear_object (&self->rows_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHZ_TYPE_INSPECTOR);
  /* the template's unnamed top box is not a bound child: unparent it too */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (shz_inspector_parent_class)->dispose (object);
}

static void
shz_inspector_finalize (GObject *object)
{
  ShzInspector *self = SHZ_INSPECTOR (object);

  g_ptr_array_unref (self->added);
  g_ptr_array_unref (self->added_groups);
  g_ptr_array_unref (self->dump);
  g_ptr_array_unref (self->edit_scores);
  g_ptr_array_unref (self->edit_links);
  g_ptr_array_unref (self->kind_ids);
  g_free (self->refocus);
  g_clear_object (&self->enterprise_model);
  g_clear_object (&self->rows_model);
  g_free (self->item_id);
  g_free (self->store_path);
  g_clear_pointer (&self->explanation, shz_index_explanation_free);
  g_clear_pointer (&self->result, shz_index_result_free);
  g_clear_pointer (&self->method, shz_method_free);
  g_free (self->group);
  g_free (self->period);
  g_free (self->result_dataset_time);

  G_OBJECT_CLASS (shz_inspector_parent_class)->finalize (object);
}

static void
shz_inspector_class_init (ShzInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shz_inspector_dispose;
  object_class->finalize = shz_inspector_finalize;

  signals[SIGNAL_DETAILS_READY] =
    g_signal_new ("details-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_ROWS_READY] =
    g_signal_new ("rows-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_ASSESSMENT_CHANGED] =
    g_signal_new ("assessment-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuzhi/Shuzhi/ui/shz-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, ShzInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, ShzInspector, title_label);
  gtk_widget_class_bind_template_child (widget_class, ShzInspector, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ShzInspector, values_group);
  gtk_widget_class_bind_template_child (widget_class, ShzInspector, computation_group);
  gtk_widget_class_bind_template_child (widget_class, ShzInspector, computation_spinner);
  gtk_widget_class_bind_template_child (widget_class, ShzInspector, enterprises_group);
  gtk_widget_class_bind_template_child (widget_class, ShzInspector, enterprise_list);
  gtk_widget_class_bind_template_child (widget_class, ShzInspector, dataset_group);
  gtk_widget_class_bind_template_child (widget_class, ShzInspector, layout_group);
  gtk_widget_class_bind_template_child (widget_class, ShzInspector, rows_title);
  gtk_widget_class_bind_template_child (widget_class, ShzInspector, rows_subtitle);
  gtk_widget_class_bind_template_child (widget_class, ShzInspector, rows_list);
  gtk_widget_class_bind_template_child (widget_class, ShzInspector, back_button);
  gtk_widget_class_bind_template_callback (widget_class, on_enterprise_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inspector");
}

static void
shz_inspector_init (ShzInspector *self)
{
  GtkListItemFactory *factory;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  shz_a11y_name_status_pages (GTK_WIDGET (self));

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_undo_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  self->added = g_ptr_array_new ();
  self->added_groups = g_ptr_array_new ();
  self->dump = g_ptr_array_new_with_free_func (g_free);
  self->edit_scores = g_ptr_array_new_with_free_func (edit_score_free);
  self->edit_links = g_ptr_array_new_with_free_func (edit_link_free);
  self->kind_ids = g_ptr_array_new_with_free_func (g_free);
  self->enterprise_model = gtk_string_list_new (NULL);
  self->rows_model = gtk_string_list_new (NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_two_lines_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_enterprise_cb), self);
  gtk_list_view_set_factory (self->enterprise_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->enterprise_list,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->enterprise_model)))));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_two_lines_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->rows_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->rows_list,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows_model)))));
}

/* ---- public API ---- */

GtkWidget *
shz_inspector_new (void)
{
  return g_object_new (SHZ_TYPE_INSPECTOR, NULL);
}

void
shz_inspector_show_item (ShzInspector *self,
                         ShzStore     *store,
                         gint64        engagement_id,
                         ShzChart     *chart,
                         const char   *id)
{
  const ShzChartItem *item;

  g_return_if_fail (SHZ_IS_INSPECTOR (self));

  /* a note typed but not applied is saved when the selection moves on (the chart reads it
   * again, keeping the new selection) */
  if (g_strcmp0 (id, self->item_id) != 0)
    for (guint i = 0; i < self->edit_scores->len; i++)
      commit_note (self, self->edit_scores->pdata[i], FALSE);
  /* shown again after a reload (an undo in the window, say): the focus goes back where it was */
  if (self->refocus == NULL)
    self->refocus = focused_control_key (self);
  clear_computation (self);
  clear_rows (self);
  self->focus_pending = FALSE;
  g_free (self->item_id);
  self->item_id = g_strdup (id);
  self->store = store;
  self->engagement_id = engagement_id;
  if (store != NULL && g_strcmp0 (self->store_path, shz_store_get_path (store)) != 0)
    {
      shz_inspector_reset (self);
      g_free (self->store_path);
      self->store_path = g_strdup (shz_store_get_path (store));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->layout_group), FALSE);
  item = (chart != NULL && id != NULL) ? shz_chart_find_item (chart, id) : NULL;
  if (item == NULL || store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_label_set_text (self->title_label, item->label ? item->label : item->id);
  gtk_label_set_text (self->subtitle_label, "");
  if (SHZ_IS_MATURITY_MAP (chart))
    show_maturity_item (self, store, engagement_id, SHZ_MATURITY_MAP (chart), id);
  else if (SHZ_IS_NETWORK_CHART (chart))
    {
      if (item->description != NULL && g_strcmp0 (item->description, item->label) != 0)
        gtk_label_set_text (self->subtitle_label, item->description);
      show_network_item (self, store, SHZ_NETWORK_CHART (chart), id);
      if (shz_chart_can_move (chart, id))
        {
          /* a node of the ring: where it is, and the way back to the automatic layout */
          add_row (self, self->layout_group, _("Position"),
                   shz_chart_is_moved (chart, id) ? _("Placed by hand") : _("Automatic"));
          gtk_widget_set_visible (GTK_WIDGET (self->layout_group), TRUE);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label),
                          gtk_label_get_text (self->subtitle_label)[0] != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->values_group), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "item");

  /* back to the control that saved (once the chart read it again and selected the item),
   * unless the user went elsewhere meanwhile */
  if (self->refocus != NULL)
    {
      GtkWidget *target = find_refocus (self);
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      /* (a focused widget taken out of the window may still be its focus) */
      if (target != NULL && (focus == NULL || focus == GTK_WIDGET (root) ||
                             gtk_widget_get_root (focus) != root ||
                             gtk_widget_is_ancestor (focus, GTK_WIDGET (self))))
        gtk_widget_grab_focus (target);
      g_clear_pointer (&self->refocus, g_free);
    }
}

void
shz_inspector_focus (ShzInspector *self)
{
  g_return_if_fail (SHZ_IS_INSPECTOR (self));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "item") != 0)
    return;
  if (self->explanation != NULL && self->explanation->n_enterprises > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->enterprise_list));
  else if (self->cancellable != NULL && gtk_widget_get_visible (GTK_WIDGET (self->computation_group)))
    self->focus_pending = TRUE;   /* the enterprises are being read */
  else if (self->added->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->added, 0));
}

void
shz_inspector_reset (ShzInspector *self)
{
  g_return_if_fail (SHZ_IS_INSPECTOR (self));
  clear_computation (self);
  g_clear_pointer (&self->result, shz_index_result_free);
  g_clear_pointer (&self->method, shz_method_free);
  self->result_dataset_id = 0;
}

const char *
shz_inspector_get_item_id (ShzInspector *self)
{
  g_return_val_if_fail (SHZ_IS_INSPECTOR (self), NULL);
  return self->item_id;
}

char *
shz_inspector_dump (ShzInspector *self)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (SHZ_IS_INSPECTOR (self), NULL);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") != 0)
    g_string_append_printf (s, "%s\n", gtk_label_get_text (self->title_label));
  for (guint i = 0; i < self->dump->len; i++)
    g_string_append_printf (s, "%s\n", (char *) g_ptr_array_index (self->dump, i));
  return g_string_free (s, FALSE);
}

guint
shz_inspector_get_n_enterprises (ShzInspector *self)
{
  g_return_val_if_fail (SHZ_IS_INSPECTOR (self), 0);
  return self->explanation ? self->explanation->n_enterprises : 0;
}

guint
shz_inspector_get_n_rows (ShzInspector *self)
{
  g_return_val_if_fail (SHZ_IS_INSPECTOR (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->rows_model));
}

void
shz_inspector_show_enterprise (ShzInspector *self,
                               guint         i)
{
  const ShzIndexEnterprise *e;
  g_autoptr(GTask) task = NULL;
  RowsJob *job;
  g_autofree char *title = NULL;

  g_return_if_fail (SHZ_IS_INSPECTOR (self));
  if (self->explanation == NULL || i >= self->explanation->n_enterprises || self->method == NULL)
    return;
  e = &self->explanation->enterprises[i];

  /* Translators: the rows page's title: an enterprise id and the group (industry) it is in */
  title = g_strdup_printf (_("%s in %s"), e->enterprise_id, self->group);
  gtk_label_set_text (self->rows_title, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->rows_title), title);
  gtk_label_set_text (self->rows_subtitle, _("Reading the source rows…"));
  gtk_string_list_splice (self->rows_model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows_model)), NULL);
  gtk_stack_set_visible_child_name (self->stack, "rows");
  gtk_widget_grab_focus (GTK_WIDGET (self->back_button));

  /* only the last enterprise asked for may answer */
  g_cancellable_cancel (self->rows_cancellable);
  g_clear_object (&self->rows_cancellable);
  self->rows_cancellable = g_cancellable_new ();
  job = g_new0 (RowsJob, 1);
  job->store_path = g_strdup (self->store_path);
  job->usage_dataset_id = self->usage_dataset_id;
  job->method = shz_method_copy (self->method);
  job->group = g_strdup (self->group);
  job->period = g_strdup (self->period);
  job->enterprise_id = g_strdup (e->enterprise_id);
  job->rows = g_ptr_array_new_with_free_func (g_free);
  task = g_task_new (NULL, self->rows_cancellable, on_rows_read_cb, g_object_ref (self));
  g_task_set_source_tag (task, shz_inspector_show_enterprise);
  g_task_set_task_data (task, job, rows_job_free);
  g_task_run_in_thread (task, read_rows_thread);
}

static EditScore *
find_edit_score (ShzInspector *self,
                 const char   *framework)
{
  for (guint i = 0; i < self->edit_scores->len; i++)
    {
      EditScore *es = self->edit_scores->pdata[i];
      if (framework == NULL || g_strcmp0 (es->framework, framework) == 0)
        return es;
    }
  return NULL;
}

GtkSpinButton *
shz_inspector_get_score_spin (ShzInspector       *self,
                              const char         *framework,
                              ShzAssessmentState  state)
{
  EditScore *es;

  g_return_val_if_fail (SHZ_IS_INSPECTOR (self), NULL);
  es = find_edit_score (self, framework);
  return es != NULL ? GTK_SPIN_BUTTON (es->spin[state == SHZ_STATE_TO_BE ? 1 : 0]) : NULL;
}

GtkEditable *
shz_inspector_get_note_row (ShzInspector *self,
                            const char   *framework)
{
  EditScore *es;

  g_return_val_if_fail (SHZ_IS_INSPECTOR (self), NULL);
  es = find_edit_score (self, framework);
  return es != NULL ? GTK_EDITABLE (es->note) : NULL;
}

GtkWidget *
shz_inspector_get_link_control (ShzInspector           *self,
                                guint                   i,
                                ShzInspectorLinkControl control)
{
  EditLink *el;

  g_return_val_if_fail (SHZ_IS_INSPECTOR (self), NULL);
  if (i >= self->edit_links->len)
    return NULL;
  el = self->edit_links->pdata[i];
  switch (control)
    {
    case SHZ_INSPECTOR_LINK_WEIGHT: return el->weight_spin;
    case SHZ_INSPECTOR_LINK_KIND: return el->kind_row;
    case SHZ_INSPECTOR_LINK_REMOVE: return el->remove;
    default: return NULL;
    }
}
