/* shz-method-dialog.c — the method panel: choose how the maturity and innovation indices are
 * computed from a usage dataset, see the industry positions recomputed live while editing, and
 * save them as a positions dataset (with the method snapshot, so the chart can be reproduced).
 *
 * The rows are read once into the per-enterprise matrix (in a thread); changing a weight,
 * transform or normalisation recomputes from the matrix only.  Grouping by another column
 * reads the matrix again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-app"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <inttypes.h>

#include "shz-method-dialog.h"
#include "shz-toast.h"
#include "analysis/shz-index.h"

#define PREVIEW_MAX_ROWS 200

struct _ShzMethodDialog {
  AdwWindow             parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkButton            *save_button;
  AdwComboRow          *dataset_row;
  AdwComboRow          *group_row;
  AdwComboRow          *period_row;
  AdwPreferencesGroup  *maturity_group;
  AdwPreferencesGroup  *innovation_group;
  AdwComboRow          *aggregation_row;
  GtkSpinButton        *min_sample_spin;
  GtkSpinButton        *bootstrap_spin;
  AdwEntryRow          *name_row;
  GtkSpinner           *spinner;
  GtkLabel             *status_label;
  GtkGrid              *preview_grid;

  AdwComboRow          *transform_row[SHZ_N_AXES];
  AdwComboRow          *normalisation_row[SHZ_N_AXES];
  AdwComboRow          *no_spend_row[SHZ_N_AXES];
  GtkSpinButton        *weight_spin[SHZ_N_CATEGORIES];

  ShzStore             *store;         /* the window's; used on this thread only */
  char                 *store_path;
  gint64                engagement_id;
  GArray               *dataset_ids;   /* gint64, parallel to dataset_row's model */
  GStrv                 periods;       /* of the loaded matrix, parallel to period_row (after "All") */

  ShzMethod            *method;        /* what the controls say */
  ShzIndexMatrix       *matrix;
  ShzIndexResult       *result;
  GCancellable         *cancellable;
  guint                 recompute_id;
  gint64                compute_started;
  gboolean              updating;      /* filling controls: do not react */
};

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShzMethodDialog, shz_method_dialog, ADW_TYPE_WINDOW)

static void schedule_recompute (ShzMethodDialog *self);

/* ---- labels ---- */

static const char *
category_label (ShzCategory c)
{
  switch (c)
    {
    case SHZ_CATEGORY_IAAS: return "IaaS";
    case SHZ_CATEGORY_PAAS: return "PaaS";
    case SHZ_CATEGORY_SAAS: return "SaaS";
    case SHZ_CATEGORY_BIG_DATA: return _("Big-data computing (大数据计算)");
    case SHZ_CATEGORY_DATA_MIDDLE: return _("Data middle platform (数据中台)");
    case SHZ_CATEGORY_XPAAS: return "XPaaS";
    case SHZ_CATEGORY_DATA_INTEL: return _("Data intelligence (数据智能)");
    default: return "";
    }
}

static ShzAxis
category_axis (ShzCategory c)
{
  return c <= SHZ_CATEGORY_SAAS ? SHZ_AXIS_MATURITY : SHZ_AXIS_INNOVATION;
}

static const char *
group_column_label (const char *column)
{
  if (g_strcmp0 (column, "industry") == 0) return _("Industry");
  if (g_strcmp0 (column, "region") == 0) return _("Region");
  if (g_strcmp0 (column, "enterprise_id") == 0) return _("Enterprise ID");
  if (g_strcmp0 (column, "enterprise_name") == 0) return _("Enterprise name");
  if (g_strcmp0 (column, "product") == 0) return _("Product");
  return column;
}

static AdwComboRow *
add_combo (AdwPreferencesGroup *group,
           const char          *title,
           const char * const  *items)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr(GtkStringList) model = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

static GtkSpinButton *
add_weight (AdwPreferencesGroup *group,
            ShzCategory          c)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 100, 0.1);
  g_autofree char *a11y = g_strdup_printf (_("Weight of %s"), category_label (c));

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 1);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  /* Translators: a row of the method panel, e.g. "Weight: IaaS". */
  {
    g_autofree char *title = g_strdup_printf (_("Weight: %s"), category_label (c));
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  return GTK_SPIN_BUTTON (spin);
}

/* ---- method ⇄ controls ---- */

static void
controls_from_method (ShzMethodDialog *self)
{
  const char * const *columns = shz_method_group_columns ();

  self->updating = TRUE;
  for (int a = 0; a < SHZ_N_AXES; a++)
    {
      adw_combo_row_set_selected (self->transform_row[a], self->method->axis[a].transform);
      adw_combo_row_set_selected (self->normalisation_row[a], self->method->axis[a].normalisation);
      adw_combo_row_set_selected (self->no_spend_row[a], self->method->axis[a].no_spend);
    }
  for (int c = 0; c < SHZ_N_CATEGORIES; c++)
    gtk_spin_button_set_value (self->weight_spin[c], self->method->weights[c]);
  adw_combo_row_set_selected (self->aggregation_row, self->method->aggregation);
  gtk_spin_button_set_value (self->min_sample_spin, self->method->min_sample);
  gtk_spin_button_set_value (self->bootstrap_spin, self->method->bootstrap_iterations);
  for (guint i = 0; columns[i]; i++)
    if (g_strcmp0 (columns[i], self->method->group_by) == 0)
      adw_combo_row_set_selected (self->group_row, i);
  self->updating = FALSE;
}

static void
method_from_controls (ShzMethodDialog *self)
{
  const char * const *columns = shz_method_group_columns ();
  guint g = adw_combo_row_get_selected (self->group_row);
  guint p = adw_combo_row_get_selected (self->period_row);

  for (int a = 0; a < SHZ_N_AXES; a++)
    {
      self->method->axis[a].transform = adw_combo_row_get_selected (self->transform_row[a]);
      self->method->axis[a].normalisation = adw_combo_row_get_selected (self->normalisation_row[a]);
      self->method->axis[a].no_spend = adw_combo_row_get_selected (self->no_spend_row[a]);
    }
  for (int c = 0; c < SHZ_N_CATEGORIES; c++)
    self->method->weights[c] = gtk_spin_button_get_value (self->weight_spin[c]);
  self->method->aggregation = adw_combo_row_get_selected (self->aggregation_row);
  self->method->min_sample = gtk_spin_button_get_value_as_int (self->min_sample_spin);
  self->method->bootstrap_iterations = gtk_spin_button_get_value_as_int (self->bootstrap_spin);
  if (g != GTK_INVALID_LIST_POSITION && g < g_strv_length ((char **) columns))
    {
      g_free (self->method->group_by);
      self->method->group_by = g_strdup (columns[g]);
    }
  g_free (self->method->period);
  if (p == GTK_INVALID_LIST_POSITION || p == 0 || self->periods == NULL || p > g_strv_length (self->periods))
    self->method->period = g_strdup ("all");
  else
    self->method->period = g_strdup (self->periods[p - 1]);
}

static gint64
selected_dataset (ShzMethodDialog *self)
{
  guint i = adw_combo_row_get_selected (self->dataset_row);

  if (self->dataset_ids == NULL || i == GTK_INVALID_LIST_POSITION || i >= self->dataset_ids->len)
    return 0;
  return g_array_index (self->dataset_ids, gint64, i);
}

/* ---- preview ---- */

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))))
    gtk_grid_remove (grid, child);
}

static void
grid_cell (GtkGrid    *grid,
           int         col,
           int         row,
           const char *text,
           gboolean    header,
           gboolean    numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), !header);
  if (header)
    gtk_widget_add_css_class (label, "heading");
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (grid, label, col, row, 1, 1);
}

static char *
format_value (const ShzIndexPoint *p,
              ShzAxis              a)
{
  if (isnan (p->value[a]))
    return g_strdup ("—");
  if (isnan (p->lo[a]) || isnan (p->hi[a]))
    return g_strdup_printf ("%.1f", p->value[a]);
  return g_strdup_printf ("%.1f  [%.1f–%.1f]", p->value[a], p->lo[a], p->hi[a]);
}

static void
show_preview (ShzMethodDialog *self)
{
  GtkGrid *grid = self->preview_grid;
  guint shown;

  clear_grid (grid);
  if (self->result == NULL)
    return;
  grid_cell (grid, 0, 0, group_column_label (self->method->group_by), TRUE, FALSE);
  grid_cell (grid, 1, 0, _("Period"), TRUE, FALSE);
  grid_cell (grid, 2, 0, _("Enterprises"), TRUE, TRUE);
  grid_cell (grid, 3, 0, _("Maturity [90 % interval]"), TRUE, TRUE);
  grid_cell (grid, 4, 0, _("Innovation [90 % interval]"), TRUE, TRUE);
  grid_cell (grid, 5, 0, "", TRUE, FALSE);

  shown = MIN (self->result->n_points, PREVIEW_MAX_ROWS);
  for (guint i = 0; i < shown; i++)
    {
      const ShzIndexPoint *p = &self->result->points[i];
      g_autofree char *n = g_strdup_printf ("%u", p->n);
      g_autofree char *m = format_value (p, SHZ_AXIS_MATURITY);
      g_autofree char *v = format_value (p, SHZ_AXIS_INNOVATION);

      grid_cell (grid, 0, i + 1, p->group, FALSE, FALSE);
      grid_cell (grid, 1, i + 1, p->period ? p->period : "", FALSE, FALSE);
      grid_cell (grid, 2, i + 1, n, FALSE, TRUE);
      grid_cell (grid, 3, i + 1, m, FALSE, TRUE);
      grid_cell (grid, 4, i + 1, v, FALSE, TRUE);
      grid_cell (grid, 5, i + 1, p->low_sample ? _("small sample") : "", FALSE, FALSE);
    }
  if (self->result->n_points > shown)
    {
      g_autofree char *more = g_strdup_printf (_("… and %u more"), self->result->n_points - shown);
      grid_cell (grid, 0, shown + 1, more, FALSE, FALSE);
    }
}

static void
set_status (ShzMethodDialog *self,
            const char      *text,
            gboolean         busy)
{
  gtk_label_set_text (self->status_label, text);
  gtk_spinner_set_spinning (self->spinner, busy);
}

/* ---- computation ---- */

static void
on_computed_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  ShzMethodDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  ShzIndexResult *result = shz_index_compute_finish (res, &error);
  g_autofree char *status = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  g_clear_pointer (&self->result, shz_index_result_free);
  self->result = result;
  if (result == NULL)
    {
      set_status (self, error->message, FALSE);
      clear_grid (self->preview_grid);
    }
  else
    {
      status = g_strdup_printf (_("%u groups from %u enterprise-periods (%" PRId64 " usage rows), computed in %.0f ms"),
                                result->n_points, shz_index_matrix_get_n_units (self->matrix),
                                shz_index_matrix_get_n_rows (self->matrix),
                                (g_get_monotonic_time () - self->compute_started) / 1000.0);
      set_status (self, status, FALSE);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), self->result != NULL);
  show_preview (self);
  g_object_unref (self);
}

static void
compute (ShzMethodDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->compute_started = g_get_monotonic_time ();
  set_status (self, _("Computing…"), TRUE);
  shz_index_compute_async (self->matrix, self->method, self->cancellable, on_computed_cb, g_object_ref (self));
}

static void
fill_periods (ShzMethodDialog *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  const char * const *periods;
  guint n = 0;

  periods = shz_index_matrix_get_periods (self->matrix, &n);
  g_clear_pointer (&self->periods, g_strfreev);
  self->periods = g_new0 (char *, n + 1);
  gtk_string_list_append (model, _("Each period"));
  for (guint i = 0; i < n; i++)
    {
      self->periods[i] = g_strdup (periods[i]);
      gtk_string_list_append (model, periods[i]);
    }
  self->updating = TRUE;
  adw_combo_row_set_model (self->period_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->period_row, 0);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (self->method->period, periods[i]) == 0)
      adw_combo_row_set_selected (self->period_row, i + 1);
  self->updating = FALSE;
}

static void
on_matrix_loaded_cb (GObject      *source,
                     GAsyncResult *res,
                     gpointer      user_data)
{
  ShzMethodDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  ShzIndexMatrix *matrix = shz_index_matrix_load_finish (res, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  g_clear_pointer (&self->matrix, shz_index_matrix_unref);
  self->matrix = matrix;
  if (matrix == NULL)
    {
      set_status (self, error->message, FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
      g_object_unref (self);
      return;
    }
  fill_periods (self);
  method_from_controls (self);
  compute (self);
  g_object_unref (self);
}

static void
load_matrix (ShzMethodDialog *self)
{
  gint64 dataset_id = selected_dataset (self);

  if (dataset_id == 0)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  set_status (self, _("Reading the usage rows…"), TRUE);
  shz_index_matrix_load_async (self->store_path, dataset_id, self->method, self->cancellable,
                               on_matrix_loaded_cb, g_object_ref (self));
}

static gboolean
recompute_timeout_cb (gpointer user_data)
{
  ShzMethodDialog *self = user_data;
  g_autoptr(GError) error = NULL;

  self->recompute_id = 0;
  method_from_controls (self);
  if (!shz_method_validate (self->method, &error))
    {
      set_status (self, error->message, FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
      return G_SOURCE_REMOVE;
    }
  if (self->matrix == NULL || !shz_index_matrix_fits (self->matrix, self->method) ||
      shz_index_matrix_get_dataset_id (self->matrix) != selected_dataset (self))
    load_matrix (self);
  else
    compute (self);
  return G_SOURCE_REMOVE;
}

/* Edits come in bursts (a spin button held down): compute once they pause. */
static void
schedule_recompute (ShzMethodDialog *self)
{
  if (self->updating)
    return;
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  self->recompute_id = g_timeout_add (120, recompute_timeout_cb, self);
}

static void
on_control_changed_cb (ShzMethodDialog *self)
{
  schedule_recompute (self);
}

static void
on_dataset_changed_cb (ShzMethodDialog *self)
{
  g_autofree char *name = NULL;
  g_autoptr(ShzDataset) d = NULL;

  if (self->updating)
    return;
  d = shz_store_get_dataset (self->store, selected_dataset (self), NULL);
  if (d)
    {
      g_autofree char *base = g_strdup_printf (_("%s positions"), d->name);
      name = shz_store_unique_dataset_name (self->store, self->engagement_id, base);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
    }
  g_clear_pointer (&self->matrix, shz_index_matrix_unref);
  schedule_recompute (self);
}

static void
on_save_clicked_cb (ShzMethodDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (shz_method_dialog_save (self, &error) == 0)
    {
      shz_toast_overlay_add (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- overrides ---- */

static void
shz_method_dialog_dispose (GObject *object)
{
  ShzMethodDialog *self = SHZ_METHOD_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHZ_TYPE_METHOD_DIALOG);
  G_OBJECT_CLASS (shz_method_dialog_parent_class)->dispose (object);
}

static void
shz_method_dialog_finalize (GObject *object)
{
  ShzMethodDialog *self = SHZ_METHOD_DIALOG (object);

  g_clear_pointer (&self->result, shz_index_result_free);
  g_clear_pointer (&self->matrix, shz_index_matrix_unref);
  g_clear_pointer (&self->method, shz_method_free);
  g_clear_pointer (&self->dataset_ids, g_array_unref);
  g_clear_pointer (&self->periods, g_strfreev);
  g_free (self->store_path);
  G_OBJECT_CLASS (shz_method_dialog_parent_class)->finalize (object);
}

static void
shz_method_dialog_class_init (ShzMethodDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shz_method_dialog_dispose;
  object_class->finalize = shz_method_dialog_finalize;

  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuzhi/Shuzhi/ui/shz-method-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ShzMethodDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ShzMethodDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ShzMethodDialog, dataset_row);
  gtk_widget_class_bind_template_child (widget_class, ShzMethodDialog, group_row);
  gtk_widget_class_bind_template_child (widget_class, ShzMethodDialog, period_row);
  gtk_widget_class_bind_template_child (widget_class, ShzMethodDialog, maturity_group);
  gtk_widget_class_bind_template_child (widget_class, ShzMethodDialog, innovation_group);
  gtk_widget_class_bind_template_child (widget_class, ShzMethodDialog, aggregation_row);
  gtk_widget_class_bind_template_child (widget_class, ShzMethodDialog, min_sample_spin);
  gtk_widget_class_bind_template_child (widget_class, ShzMethodDialog, bootstrap_spin);
  gtk_widget_class_bind_template_child (widget_class, ShzMethodDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, ShzMethodDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, ShzMethodDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, ShzMethodDialog, preview_grid);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
shz_method_dialog_init (ShzMethodDialog *self)
{
  const char *transforms[] = { _("None"), _("log(1 + spend)"), NULL };
  const char *normalisations[] = { _("Percentile rank"), _("Min–max"), _("z-score mapped to 0–100"), NULL };
  const char *no_spend[] = { _("Count as zero spend"), _("Leave out of this axis"), NULL };
  const char * const *columns = shz_method_group_columns ();
  g_autoptr(GtkStringList) group_model = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->method = shz_method_new ();

  for (int a = 0; a < SHZ_N_AXES; a++)
    {
      AdwPreferencesGroup *group = a == SHZ_AXIS_MATURITY ? self->maturity_group : self->innovation_group;

      self->transform_row[a] = add_combo (group, _("_Transform"), transforms);
      self->normalisation_row[a] = add_combo (group, _("_Normalisation"), normalisations);
      self->no_spend_row[a] = add_combo (group, _("No Spend in the Group"), no_spend);
      for (int c = 0; c < SHZ_N_CATEGORIES; c++)
        if (category_axis (c) == (ShzAxis) a)
          self->weight_spin[c] = add_weight (group, c);
    }
  for (guint i = 0; columns[i]; i++)
    gtk_string_list_append (group_model, group_column_label (columns[i]));
  adw_combo_row_set_model (self->group_row, G_LIST_MODEL (group_model));

  controls_from_method (self);

  for (int a = 0; a < SHZ_N_AXES; a++)
    {
      g_signal_connect_swapped (self->transform_row[a], "notify::selected", G_CALLBACK (on_control_changed_cb), self);
      g_signal_connect_swapped (self->normalisation_row[a], "notify::selected", G_CALLBACK (on_control_changed_cb), self);
      g_signal_connect_swapped (self->no_spend_row[a], "notify::selected", G_CALLBACK (on_control_changed_cb), self);
    }
  for (int c = 0; c < SHZ_N_CATEGORIES; c++)
    g_signal_connect_swapped (self->weight_spin[c], "value-changed", G_CALLBACK (on_control_changed_cb), self);
  g_signal_connect_swapped (self->aggregation_row, "notify::selected", G_CALLBACK (on_control_changed_cb), self);
  g_signal_connect_swapped (self->group_row, "notify::selected", G_CALLBACK (on_control_changed_cb), self);
  g_signal_connect_swapped (self->period_row, "notify::selected", G_CALLBACK (on_control_changed_cb), self);
  g_signal_connect_swapped (self->min_sample_spin, "value-changed", G_CALLBACK (on_control_changed_cb), self);
  g_signal_connect_swapped (self->bootstrap_spin, "value-changed", G_CALLBACK (on_control_changed_cb), self);
  g_signal_connect_swapped (self->dataset_row, "notify::selected", G_CALLBACK (on_dataset_changed_cb), self);
}

/* ---- public API ---- */

ShzMethodDialog *
shz_method_dialog_new (GtkWindow  *parent,
                       ShzStore   *store,
                       const char *store_path,
                       gint64      engagement_id)
{
  ShzMethodDialog *self = g_object_new (SHZ_TYPE_METHOD_DIALOG, "transient-for", parent, NULL);
  g_autoptr(GPtrArray) datasets = shz_store_list_datasets (store, engagement_id, NULL);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  self->store = store;
  self->store_path = g_strdup (store_path);
  self->engagement_id = engagement_id;
  self->dataset_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; datasets && i < datasets->len; i++)
    {
      ShzDataset *d = g_ptr_array_index (datasets, i);

      if (d->kind != SHZ_KIND_USAGE)
        continue;
      g_array_append_val (self->dataset_ids, d->id);
      gtk_string_list_append (model, d->name);
    }
  self->updating = TRUE;
  adw_combo_row_set_model (self->dataset_row, G_LIST_MODEL (model));
  self->updating = FALSE;
  if (self->dataset_ids->len == 0)
    set_status (self, _("This engagement has no cloud-usage dataset. Import one (kind “usage”) to compute positions."), FALSE);
  else
    on_dataset_changed_cb (self);
  return self;
}

gboolean
shz_method_dialog_is_busy (ShzMethodDialog *self)
{
  return self->recompute_id != 0 || gtk_spinner_get_spinning (self->spinner);
}

const ShzIndexResult *
shz_method_dialog_get_result (ShzMethodDialog *self)
{
  return self->result;
}

void
shz_method_dialog_set_weight (ShzMethodDialog *self,
                              ShzCategory      category,
                              double           weight)
{
  g_return_if_fail (category < SHZ_N_CATEGORIES);
  gtk_spin_button_set_value (self->weight_spin[category], weight);
}

gint64
shz_method_dialog_save (ShzMethodDialog  *self,
                        GError          **error)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  gint64 id;

  if (self->result == NULL)
    {
      g_set_error_literal (error, SHZ_INDEX_ERROR, SHZ_INDEX_ERROR_NO_DATA, _("Nothing has been computed yet"));
      return 0;
    }
  id = shz_index_save (self->store, self->engagement_id, self->result, name[0] ? name : NULL, error);
  if (id != 0)
    g_signal_emit (self, signals[SIGNAL_SAVED], 0, id);
  return id;
}
