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
#include "shz-data-view.h"
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
};

G_DEFINE_FINAL_TYPE (ShzInspector, shz_inspector, GTK_TYPE_WIDGET)

enum {
  SIGNAL_DETAILS_READY,
  SIGNAL_ROWS_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- rows of the groups ---- */

static void
clear_rows (ShzInspector *self)
{
  for (guint i = 0; i < self->added->len; i++)
    adw_preferences_group_remove (g_ptr_array_index (self->added_groups, i),
                                  g_ptr_array_index (self->added, i));
  g_ptr_array_set_size (self->added, 0);
  g_ptr_array_set_size (self->added_groups, 0);
  g_ptr_array_set_size (self->dump, 0);
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
  if (g_str_has_prefix (id, "link:"))
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

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  self->added = g_ptr_array_new ();
  self->added_groups = g_ptr_array_new ();
  self->dump = g_ptr_array_new_with_free_func (g_free);
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

  clear_computation (self);
  clear_rows (self);
  self->focus_pending = FALSE;
  g_free (self->item_id);
  self->item_id = g_strdup (id);
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
