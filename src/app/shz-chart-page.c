/* shz-chart-page.c — the chart page (see the header).  The page keeps one ShzChart per kind of
 * the engagement shown, read in a thread on its own connection; every option is a property of
 * the page installed as a widget action (page.trend, page.chart-lang …) so toolbar buttons and
 * the options menu share one state.  A changed option is applied to the chart and saved with
 * the engagement at once (shz_chart_save_settings_to_store), which is what `shuzhi export`
 * and the Export dialog then draw.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-app"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "shz-chart-page.h"
#include "shz-a11y.h"
#include "shz-chart-view.h"
#include "shz-export-dialog.h"
#include "shz-inspector.h"
#include "shz-window.h"
#include "charts/shz-chart-export.h"
#include "charts/shz-maturity-map.h"
#include "charts/shz-network-chart.h"
#include "analysis/shz-assessment.h"

#define SCHEMA_ID "io.github.shuzhi.Shuzhi"

struct _ShzChartPage
{
  GtkWidget        parent_instance;

  GtkWidget       *toolbar;
  GtkDropDown     *kind_dropdown;
  GtkDropDown     *dataset_dropdown;
  GtkDropDown     *period_dropdown;
  GtkToggleButton *trajectories_button;
  GtkWidget       *state_box;
  GtkWidget       *lang_box;
  GtkMenuButton   *options_button;
  GtkStack        *stack;
  AdwStatusPage   *status_page;
  GtkPaned        *paned;
  ShzChartView    *view;
  ShzInspector    *inspector;

  GStrv            kinds;
  guint            kind;           /* index into kinds */
  ShzStore        *store;          /* the caller's */
  gint64           engagement_id;
  GHashTable      *charts;         /* kind → ShzChart (loaded for the engagement) */
  ShzChart        *chart;          /* the one shown, or NULL */
  GtkStringList   *dataset_model;
  GtkStringList   *period_model;
  gboolean         filling;        /* toolbar being set from the chart: ignore its signals */
  gboolean         show_inspector;
  ShzMaturityQuadrants last_quadrants;
  GCancellable    *copy_cancellable;
  GCancellable    *load_cancellable;
  GHashTable      *picked;         /* kind → dataset the user picked (network kinds) */
  GtkSpinner      *spinner;
  gboolean         save_when_loaded;  /* the user picked the data: save it with the chart */
  char            *reselect;          /* item to select again once reloaded */
  gboolean         emitting_changed;  /* inside ::changed: a reload asked for by a handler is moot */
  gboolean         disposed;          /* its window is going: start nothing, touch no store */
};

G_DEFINE_FINAL_TYPE (ShzChartPage, shz_chart_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  /* maturity-map options */
  PROP_QUADRANTS,
  PROP_QUADRANT_NAMES,
  PROP_TREND,
  PROP_ERAS,
  PROP_INTERVALS,
  PROP_POINTS,
  PROP_LEGEND,
  PROP_TRAJECTORIES,
  PROP_AXES,
  /* value-network */
  PROP_STATE,
  /* every kind */
  PROP_CHART_LANG,
  PROP_CHART_THEME,
  PROP_SHOW_INSPECTOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  SIGNAL_LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
current_kind (ShzChartPage *self)
{
  return self->kinds[self->kind];
}

static gboolean
is_maturity (ShzChartPage *self)
{
  return self->chart != NULL && SHZ_IS_MATURITY_MAP (self->chart);
}

/* ---- defaults from GSettings ---- */

static GSettings *
app_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE) : NULL;

  /* a build-tree run without the compiled schema still works, with built-in defaults */
  return schema != NULL ? g_settings_new (SCHEMA_ID) : NULL;
}

static ShzChartLang
ui_chart_lang (void)
{
  const char * const *names = g_get_language_names ();

  /* the first name is the language the interface is translated into, when there is one */
  if (names != NULL && names[0] != NULL && g_ascii_strncasecmp (names[0], "zh", 2) == 0)
    return SHZ_CHART_LANG_ZH_CN;
  return SHZ_CHART_LANG_EN;
}

static void
default_look (ShzChartLang    *lang,
              ShzChartThemeId *theme)
{
  g_autoptr(GSettings) settings = app_settings ();
  g_autofree char *l = settings ? g_settings_get_string (settings, "chart-language") : NULL;
  g_autofree char *t = settings ? g_settings_get_string (settings, "chart-theme") : NULL;

  if (l == NULL || !shz_chart_lang_from_string (l, lang))
    *lang = ui_chart_lang ();
  if (t == NULL || !shz_chart_theme_from_string (t, theme))
    *theme = SHZ_CHART_THEME_LIGHT;
}

/* ---- saving ---- */

static void
save_settings (ShzChartPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->chart == NULL || self->store == NULL || self->engagement_id <= 0 ||
      shz_store_is_read_only (self->store))
    return;
  if (!shz_chart_save_settings_to_store (self->chart, self->store, self->engagement_id, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      if (root != NULL && SHZ_IS_WINDOW (root))
        shz_window_show_toast (SHZ_WINDOW (root), error->message);
      else
        g_message ("%s", error->message);
      return;
    }
  self->emitting_changed = TRUE;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  self->emitting_changed = FALSE;
}

/* ---- options of the maturity map ---- */

static gboolean *
maturity_flag (ShzMaturityOptions *o,
               guint               prop_id)
{
  switch (prop_id)
    {
    case PROP_QUADRANT_NAMES: return &o->quadrant_names;
    case PROP_TREND:          return &o->trend;
    case PROP_ERAS:           return &o->eras;
    case PROP_INTERVALS:      return &o->intervals;
    case PROP_POINTS:         return &o->show_points;
    case PROP_LEGEND:         return &o->legend;
    case PROP_TRAJECTORIES:   return &o->trajectories;
    default:                  return NULL;
    }
}

static gboolean
get_maturity_flag (ShzChartPage *self,
                   guint         prop_id)
{
  ShzMaturityOptions o;

  if (!is_maturity (self))
    return FALSE;
  o = *shz_maturity_map_get_options (SHZ_MATURITY_MAP (self->chart));
  if (prop_id == PROP_QUADRANTS)
    return o.quadrants != SHZ_MATURITY_QUADRANTS_OFF;
  return *maturity_flag (&o, prop_id);
}

static void
set_maturity_option (ShzChartPage *self,
                     guint         prop_id,
                     const GValue *value)
{
  ShzMaturityMap *map;
  ShzMaturityOptions o;

  if (!is_maturity (self))
    return;
  map = SHZ_MATURITY_MAP (self->chart);
  o = *shz_maturity_map_get_options (map);   /* set_options copies the strings it points to */
  if (prop_id == PROP_QUADRANTS)
    {
      gboolean on = g_value_get_boolean (value);
      if (on == (o.quadrants != SHZ_MATURITY_QUADRANTS_OFF))
        return;
      if (!on)
        self->last_quadrants = o.quadrants;
      o.quadrants = on ? (self->last_quadrants != SHZ_MATURITY_QUADRANTS_OFF ? self->last_quadrants
                                                                              : SHZ_MATURITY_QUADRANTS_MEDIAN)
                       : SHZ_MATURITY_QUADRANTS_OFF;
    }
  else if (prop_id == PROP_AXES)
    {
      ShzMaturityAxes axes = g_strcmp0 (g_value_get_string (value), "qualitative") == 0
                             ? SHZ_MATURITY_AXES_QUALITATIVE : SHZ_MATURITY_AXES_NUMERIC;
      if (axes == o.axes)
        return;
      o.axes = axes;
    }
  else
    {
      gboolean *flag = maturity_flag (&o, prop_id);
      if (*flag == g_value_get_boolean (value))
        return;
      *flag = g_value_get_boolean (value);
    }
  shz_maturity_map_set_options (map, &o);
  save_settings (self);
}

/* ---- value-network state (kept in its settings: the kind has no other accessor) ---- */

static char *
get_state (ShzChartPage *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  const char *kind;

  if (self->chart == NULL)
    return g_strdup ("to-be");
  kind = shz_chart_get_kind (self->chart);
  text = shz_chart_save_settings (self->chart);
  if (g_key_file_load_from_data (kf, text, -1, G_KEY_FILE_NONE, NULL))
    {
      char *state = g_key_file_get_string (kf, kind, "state", NULL);
      if (state != NULL)
        return state;
    }
  return g_strdup ("to-be");
}

static void
set_state (ShzChartPage *self,
           const char   *state)
{
  g_autofree char *current = get_state (self);
  g_autofree char *text = NULL;
  ShzAssessmentState s;

  if (self->chart == NULL || state == NULL || g_strcmp0 (current, state) == 0 ||
      !shz_assessment_state_from_string (state, &s))
    return;
  text = g_strdup_printf ("[%s]\nstate=%s\n", shz_chart_get_kind (self->chart),
                          shz_assessment_state_to_string (s));
  if (shz_chart_load_settings (self->chart, text, NULL))
    save_settings (self);
}

/* ---- the toolbar ---- */

static void
notify_all (ShzChartPage *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    if (i != PROP_SHOW_INSPECTOR)
      g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_string_list (GtkStringList *list,
                 GPtrArray     *strings)
{
  g_autoptr(GPtrArray) strv = g_ptr_array_new ();

  for (guint i = 0; strings != NULL && i < strings->len; i++)
    g_ptr_array_add (strv, g_ptr_array_index (strings, i));
  g_ptr_array_add (strv, NULL);
  gtk_string_list_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)),
                          (const char * const *) strv->pdata);
}

static guint
find_string (GtkStringList *list,
             const char    *s)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n && s != NULL; i++)
    if (g_strcmp0 (gtk_string_list_get_string (list, i), s) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* The dataset the chart draws, by name. */
static char *
chart_dataset (ShzChartPage *self)
{
  if (self->chart == NULL)
    return NULL;
  if (is_maturity (self))
    {
      ShzMaturityModel *m = shz_maturity_map_get_model (SHZ_MATURITY_MAP (self->chart));
      return m ? g_strdup (m->dataset) : NULL;
    }
  if (SHZ_IS_NETWORK_CHART (self->chart))
    {
      const char *picked = g_hash_table_lookup (self->picked, shz_chart_get_kind (self->chart));
      ShzAssessment *as;
      g_autoptr(ShzDataset) d = NULL;
      gint64 id;

      if (picked != NULL)
        return g_strdup (picked);
      as = shz_network_chart_get_assessment (SHZ_NETWORK_CHART (self->chart));
      id = shz_assessment_get_scores_dataset_id (as);
      if (id <= 0)
        id = shz_assessment_get_links_dataset_id (as);
      d = id > 0 ? shz_store_get_dataset (self->store, id, NULL) : NULL;
      return d ? g_strdup (d->name) : NULL;
    }
  return NULL;
}

static void
update_toolbar (ShzChartPage *self)
{
  gboolean maturity = is_maturity (self);
  gboolean network = self->chart != NULL && SHZ_IS_NETWORK_CHART (self->chart);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) datasets = NULL;
  g_autofree char *dataset = chart_dataset (self);
  guint n_scores = 0, n_links = 0;
  static const char * const maturity_actions[] = {
    "page.quadrants", "page.quadrant-names", "page.trend", "page.eras", "page.intervals",
    "page.points", "page.legend", "page.trajectories", "page.axes", "page.unpin-labels",
  };

  self->filling = TRUE;

  /* datasets the kind can draw: a chooser when there is a choice */
  if (self->store != NULL && self->engagement_id > 0)
    datasets = shz_store_list_datasets (self->store, self->engagement_id, NULL);
  for (guint i = 0; datasets != NULL && i < datasets->len; i++)
    {
      ShzDataset *d = g_ptr_array_index (datasets, i);
      if ((maturity && d->kind == SHZ_KIND_POSITIONS) ||
          (network && (d->kind == SHZ_KIND_SCORES || d->kind == SHZ_KIND_LINKS)))
        g_ptr_array_add (names, g_strdup (d->name));
      n_scores += d->kind == SHZ_KIND_SCORES;
      n_links += d->kind == SHZ_KIND_LINKS;
    }
  set_string_list (self->dataset_model, names);
  gtk_drop_down_set_selected (self->dataset_dropdown, find_string (self->dataset_model, dataset));
  gtk_widget_set_visible (GTK_WIDGET (self->dataset_dropdown),
                          maturity ? names->len > 1 : network && (n_scores > 1 || n_links > 1));

  /* periods of the maturity map */
  if (maturity)
    {
      ShzMaturityModel *m = shz_maturity_map_get_model (SHZ_MATURITY_MAP (self->chart));
      set_string_list (self->period_model, m->periods);
      gtk_drop_down_set_selected (self->period_dropdown, find_string (self->period_model, m->period));
      gtk_widget_set_visible (GTK_WIDGET (self->period_dropdown), m->periods->len > 1);
      gtk_widget_set_visible (GTK_WIDGET (self->trajectories_button), m->periods->len > 1);
      gtk_widget_set_sensitive (GTK_WIDGET (self->trajectories_button), m->previous_period != NULL);
    }
  else
    {
      set_string_list (self->period_model, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->period_dropdown), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->trajectories_button), FALSE);
    }

  gtk_widget_set_visible (self->state_box,
                          self->chart != NULL && g_strcmp0 (shz_chart_get_kind (self->chart), "value-network") == 0);
  for (guint i = 0; i < G_N_ELEMENTS (maturity_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), maturity_actions[i], maturity);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.reset-layout",
                                 self->chart != NULL && shz_chart_can_move (self->chart, NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.state", self->chart != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.chart-lang", self->chart != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.chart-theme", self->chart != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.export", self->chart != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.copy", self->chart != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.reset-view", self->chart != NULL);
  /* with nothing drawn there is nothing to set, reset, copy or inspect */
  for (GtkWidget *w = self->lang_box; w != NULL; w = gtk_widget_get_next_sibling (w))
    gtk_widget_set_visible (w, self->chart != NULL);
  gtk_widget_set_visible (self->toolbar, self->chart != NULL || (self->kinds[0] != NULL && self->kinds[1] != NULL));
  gtk_widget_set_visible (gtk_widget_get_next_sibling (self->toolbar), gtk_widget_get_visible (self->toolbar));
  notify_all (self);

  self->filling = FALSE;
}

/* ---- loading ---- */

static void
show_status (ShzChartPage *self,
             const char   *icon,
             const char   *title,
             const char   *description)
{
  adw_status_page_set_icon_name (self->status_page, icon);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_stack_set_visible_child_name (self->stack, "status");
}

/* What a kind needs, said honestly when the engagement has nothing it can draw. */
static void
show_no_data (ShzChartPage *self,
              const GError *error)
{
  const char *kind = current_kind (self);

  if (g_strcmp0 (kind, "maturity-map") == 0 && g_error_matches (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_NO_DATA))
    {
      show_status (self, "find-location-symbolic", _("No Positions Yet"),
                   _("The maturity map places the client and its industry by digital maturity and "
                     "data-intelligence innovation. It needs a positions dataset: import one, or "
                     "compute one from cloud-usage data."));
      return;
    }
  /* anything else is a problem with the data itself: its message names the dataset, row and
   * column, which is what the analyst needs to fix it */
  show_status (self, "dialog-warning-symbolic", _("This Chart Cannot Be Drawn"),
               error != NULL ? error->message : "");
}

/* ---- loading (a thread with its own connection: a positions dataset may be a million rows) ---- */

typedef struct {
  char            *store_path;
  gint64           engagement_id;
  char            *kind;
  char            *settings;     /* the chart's settings, or NULL for none saved … */
  ShzChartLang     lang;         /* … then these */
  ShzChartThemeId  theme;
  char            *dataset;
  char            *period;
} LoadJob;

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_free (job->store_path);
  g_free (job->kind);
  g_free (job->settings);
  g_free (job->dataset);
  g_free (job->period);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  g_autoptr(ShzChart) chart = NULL;

  chart = shz_chart_new (job->kind, &error);
  if (chart == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* unreadable saved settings: draw with the defaults rather than not at all */
  if (job->settings == NULL || !shz_chart_load_settings (chart, job->settings, NULL))
    {
      shz_chart_set_lang (chart, job->lang);
      shz_chart_set_theme (chart, job->theme);
    }
  store = shz_store_open (job->store_path, SHZ_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL ||
      !shz_chart_load (chart, store, job->engagement_id, job->dataset, job->period, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&chart), g_object_unref);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  /* a reference taken for the task (which has no source object: see the copy) */
  g_autoptr(ShzChartPage) self = user_data;
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  ShzChart *chart = g_task_propagate_pointer (G_TASK (result), &error);
  ShzChart *old;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->disposed)
    {
      g_clear_object (&chart);
      return;   /* another load replaced this one, or the page is gone */
    }
  g_clear_object (&self->load_cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_spinner_stop (self->spinner);

  old = g_hash_table_lookup (self->charts, job->kind);
  if (chart == NULL)
    {
      self->chart = NULL;
      shz_chart_view_set_chart (self->view, NULL);
      g_hash_table_remove (self->charts, job->kind);
      shz_inspector_show_item (self->inspector, self->store, self->engagement_id, NULL, NULL);
      show_no_data (self, error);
      update_toolbar (self);
      self->save_when_loaded = FALSE;
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
      return;
    }
  /* options changed while it loaded win over the snapshot the thread started from */
  if (old != NULL && old == self->chart)
    {
      g_autofree char *text = shz_chart_save_settings (old);
      shz_chart_load_settings (chart, text, NULL);
    }
  g_hash_table_replace (self->charts, g_strdup (job->kind), chart);
  self->chart = chart;
  shz_chart_view_set_chart (self->view, chart);
  shz_inspector_show_item (self->inspector, self->store, self->engagement_id, NULL, NULL);
  gtk_stack_set_visible_child_name (self->stack, "chart");
  update_toolbar (self);
  if (self->reselect != NULL)
    {
      int w = gtk_widget_get_width (GTK_WIDGET (self->view));
      int h = gtk_widget_get_height (GTK_WIDGET (self->view));

      /* the view lays out the same way when it next draws; items exist only after a layout */
      if (w > 0 && h > 0)
        shz_chart_ensure_layout (chart, NULL, w, h);
      if (shz_chart_find_item (chart, self->reselect) != NULL)
        shz_chart_view_set_selected (self->view, self->reselect);
      g_clear_pointer (&self->reselect, g_free);
    }
  if (self->save_when_loaded)
    save_settings (self);
  self->save_when_loaded = FALSE;
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

static void
cancel_load (ShzChartPage *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_spinner_stop (self->spinner);
}

/* Show the current kind with @dataset and @period (NULL: what the chart picks).  The chart
 * shown stays until the new one is read; a first load shows a spinner. */
static void
load_current (ShzChartPage *self,
              const char   *dataset,
              const char   *period)
{
  g_autoptr(GTask) task = NULL;
  const char *kind = current_kind (self);
  ShzChart *cached;
  LoadJob *job;

  cancel_load (self);
  self->save_when_loaded = FALSE;
  if (self->disposed)
    return;
  if (self->store == NULL || self->engagement_id <= 0)
    {
      self->chart = NULL;
      shz_chart_view_set_chart (self->view, NULL);
      shz_inspector_show_item (self->inspector, NULL, 0, NULL, NULL);
      show_status (self, "folder-symbolic", _("No Engagement Selected"),
                   _("Choose an engagement in the sidebar to see its charts."));
      update_toolbar (self);
      return;
    }

  job = g_new0 (LoadJob, 1);
  job->store_path = g_strdup (shz_store_get_path (self->store));
  job->engagement_id = self->engagement_id;
  job->kind = g_strdup (kind);
  cached = g_hash_table_lookup (self->charts, kind);
  if (cached != NULL)
    job->settings = shz_chart_save_settings (cached);
  else
    job->settings = shz_store_get_chart_settings (self->store, self->engagement_id, kind, NULL);
  default_look (&job->lang, &job->theme);
  /* the network kinds do not save the dataset picked for them: the page remembers it */
  if (dataset != NULL && !g_str_equal (kind, "maturity-map"))
    g_hash_table_replace (self->picked, g_strdup (kind), g_strdup (dataset));
  else if (dataset == NULL)
    dataset = g_hash_table_lookup (self->picked, kind);
  job->dataset = g_strdup (dataset);
  job->period = g_strdup (period);

  if (self->chart == NULL || self->chart != cached)
    {
      /* nothing of this kind on screen yet */
      self->chart = NULL;
      shz_chart_view_set_chart (self->view, NULL);
      shz_inspector_show_item (self->inspector, self->store, self->engagement_id, NULL, NULL);
      show_status (self, "content-loading-symbolic", _("Loading the Chart…"), NULL);
      update_toolbar (self);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);

  self->load_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->load_cancellable, on_loaded_cb, g_object_ref (self));
  g_task_set_source_tag (task, load_current);
  g_task_set_task_data (task, job, load_job_free);
  g_task_run_in_thread (task, load_thread);
}

/* ---- callbacks ---- */

static void
on_kind_selected_cb (ShzChartPage *self)
{
  guint i = gtk_drop_down_get_selected (self->kind_dropdown);

  if (self->filling || i == GTK_INVALID_LIST_POSITION || i == self->kind)
    return;
  self->kind = i;
  g_clear_pointer (&self->reselect, g_free);
  load_current (self, NULL, NULL);
}

static void
on_dataset_selected_cb (ShzChartPage *self)
{
  guint i = gtk_drop_down_get_selected (self->dataset_dropdown);
  g_autofree char *current = NULL;
  const char *name;

  if (self->filling || i == GTK_INVALID_LIST_POSITION)
    return;
  name = gtk_string_list_get_string (self->dataset_model, i);
  current = chart_dataset (self);
  if (g_strcmp0 (name, current) == 0)
    return;
  {
    g_autofree char *picked = g_strdup (name);
    load_current (self, picked, NULL);
  }
  self->save_when_loaded = TRUE;
}

static void
on_period_selected_cb (ShzChartPage *self)
{
  guint i = gtk_drop_down_get_selected (self->period_dropdown);
  g_autofree char *dataset = NULL;
  g_autofree char *period = NULL;
  ShzMaturityModel *m;

  if (self->filling || i == GTK_INVALID_LIST_POSITION || !is_maturity (self))
    return;
  m = shz_maturity_map_get_model (SHZ_MATURITY_MAP (self->chart));
  period = g_strdup (gtk_string_list_get_string (self->period_model, i));
  if (g_strcmp0 (period, m->period) == 0)
    return;
  dataset = g_strdup (m->dataset);
  load_current (self, dataset, period);
  self->save_when_loaded = TRUE;
}

static void
on_selection_changed_cb (ShzChartPage *self,
                         const char   *id)
{
  /* picked while the chart is read again: that, not the item selected before, comes back */
  if (self->load_cancellable != NULL && self->reselect != NULL && id != NULL)
    {
      g_free (self->reselect);
      self->reselect = g_strdup (id);
    }
  shz_inspector_show_item (self->inspector, self->store, self->engagement_id, self->chart, id);
}

static void
on_item_activated_cb (ShzChartPage *self,
                      const char   *id)
{
  /* Enter or a double click on an item: show it in the inspector even when the panel was
   * hidden, and go on into it (bubble → enterprises → rows) from the keyboard */
  if (!self->show_inspector)
    g_object_set (self, "show-inspector", TRUE, NULL);
  if (g_strcmp0 (shz_inspector_get_item_id (self->inspector), id) != 0)
    shz_inspector_show_item (self->inspector, self->store, self->engagement_id, self->chart, id);
  shz_inspector_focus (self->inspector);
}

/* A score, note or link changed in the inspector (one undo step, saved): draw it, keep the item
 * selected (@select: its id now; NULL: what is selected), and tell the window. */
static void
on_assessment_changed_cb (ShzChartPage *self,
                          const char   *select)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  shz_chart_page_reload (self);
  if (select != NULL)
    {
      g_free (self->reselect);
      self->reselect = g_strdup (select);
    }
  else if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->inspector)))
    gtk_widget_grab_focus (GTK_WIDGET (self->view));   /* its control is going (a link removed) */
  self->emitting_changed = TRUE;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  self->emitting_changed = FALSE;
}

/* The inspector says whether a node was placed by hand: show it again after a move. */
static void
refresh_network_item (ShzChartPage *self)
{
  const char *selected = shz_chart_view_get_selected (self->view);

  if (self->chart != NULL && SHZ_IS_NETWORK_CHART (self->chart) && selected != NULL)
    {
      int w = gtk_widget_get_width (GTK_WIDGET (self->view));
      int h = gtk_widget_get_height (GTK_WIDGET (self->view));

      /* items exist only after a layout: the one the view draws next */
      if (w > 0 && h > 0)
        shz_chart_ensure_layout (self->chart, NULL, w, h);
      shz_inspector_show_item (self->inspector, self->store, self->engagement_id, self->chart, selected);
    }
}

static void
on_view_settings_changed_cb (ShzChartPage *self)
{
  save_settings (self);
  refresh_network_item (self);
}

/* ---- actions ---- */

static void
reset_view_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  shz_chart_view_reset_view (SHZ_CHART_PAGE (widget)->view);
}

static void
unpin_labels_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShzChartPage *self = SHZ_CHART_PAGE (widget);

  if (self->chart == NULL)
    return;
  shz_chart_unpin_labels (self->chart);
  save_settings (self);
}

static void
reset_layout_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShzChartPage *self = SHZ_CHART_PAGE (widget);

  if (self->chart == NULL)
    return;
  /* moves of the keyboard not saved yet are saved first: the reset is a step of its own */
  shz_chart_view_flush_moves (self->view);
  if (shz_chart_reset_layout (self->chart))
    {
      save_settings (self);
      refresh_network_item (self);
    }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  shz_chart_page_export (SHZ_CHART_PAGE (widget));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  shz_chart_page_copy (SHZ_CHART_PAGE (widget));
}

/* ---- copying (rendered in a thread on its own connection) ---- */

typedef struct {
  char     *store_path;
  gint64    engagement_id;
  char     *kind;
  char     *settings;
  char     *dataset;
  char     *period;
} CopyJob;

static void
copy_job_free (gpointer data)
{
  CopyJob *job = data;

  g_free (job->store_path);
  g_free (job->kind);
  g_free (job->settings);
  g_free (job->dataset);
  g_free (job->period);
  g_free (job);
}

static void
copy_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CopyJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;
  g_autoptr(ShzChart) chart = NULL;
  ShzExportOptions options;
  cairo_surface_t *surface;
  GBytes *bytes;
  int w, h, stride;

  store = shz_store_open (job->store_path, SHZ_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL || (chart = shz_chart_new (job->kind, &error)) == NULL ||
      !shz_chart_load_settings (chart, job->settings, &error) ||
      !shz_chart_load (chart, store, job->engagement_id, job->dataset, job->period, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* what a slide wants: 16:9 at 150 DPI */
  shz_export_options_from_preset ("slide", SHZ_EXPORT_PNG, &options);
  surface = shz_chart_render_image (chart, &options, &error);
  if (surface == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cairo_surface_flush (surface);
  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * h);
  cairo_surface_destroy (surface);
  g_object_set_data (G_OBJECT (task), "width", GINT_TO_POINTER (w));
  g_object_set_data (G_OBJECT (task), "height", GINT_TO_POINTER (h));
  g_object_set_data (G_OBJECT (task), "stride", GINT_TO_POINTER (stride));
  g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
on_copied_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  /* a reference taken for the task: the task has no source object, so that its last
   * reference, which may be dropped in the worker thread, never finalizes a widget there */
  g_autoptr(ShzChartPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_task_propagate_pointer (G_TASK (result), &error);
  GtkRoot *root;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->disposed)
    return;
  g_clear_object (&self->copy_cancellable);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (bytes == NULL)
    {
      if (root != NULL && SHZ_IS_WINDOW (root))
        shz_window_show_toast (SHZ_WINDOW (root), error->message);
      return;
    }
  {
    int w = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (result), "width"));
    int h = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (result), "height"));
    int stride = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (result), "stride"));
    /* Cairo's ARGB32 is GDK's default memory format (premultiplied, native endian) */
    g_autoptr(GdkTexture) texture = gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes, stride);

    gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  }
  if (root != NULL && SHZ_IS_WINDOW (root))
    shz_window_show_toast (SHZ_WINDOW (root), _("Chart copied as an image"));
}

/* ---- GObject ---- */

static void
shz_chart_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ShzChartPage *self = SHZ_CHART_PAGE (object);

  switch (prop_id)
    {
    case PROP_QUADRANTS:
    case PROP_QUADRANT_NAMES:
    case PROP_TREND:
    case PROP_ERAS:
    case PROP_INTERVALS:
    case PROP_POINTS:
    case PROP_LEGEND:
    case PROP_TRAJECTORIES:
      g_value_set_boolean (value, get_maturity_flag (self, prop_id));
      break;
    case PROP_AXES:
      g_value_set_string (value, is_maturity (self) &&
                          shz_maturity_map_get_options (SHZ_MATURITY_MAP (self->chart))->axes == SHZ_MATURITY_AXES_QUALITATIVE
                          ? "qualitative" : "numeric");
      break;
    case PROP_STATE:
      g_value_take_string (value, get_state (self));
      break;
    case PROP_CHART_LANG:
      g_value_set_string (value, shz_chart_lang_to_string (self->chart ? shz_chart_get_lang (self->chart)
                                                                       : ui_chart_lang ()));
      break;
    case PROP_CHART_THEME:
      g_value_set_string (value, shz_chart_theme_to_string (self->chart ? shz_chart_get_theme (self->chart)
                                                                        : SHZ_CHART_THEME_LIGHT));
      break;
    case PROP_SHOW_INSPECTOR:
      g_value_set_boolean (value, self->show_inspector);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shz_chart_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ShzChartPage *self = SHZ_CHART_PAGE (object);

  switch (prop_id)
    {
    case PROP_QUADRANTS:
    case PROP_QUADRANT_NAMES:
    case PROP_TREND:
    case PROP_ERAS:
    case PROP_INTERVALS:
    case PROP_POINTS:
    case PROP_LEGEND:
    case PROP_TRAJECTORIES:
    case PROP_AXES:
      set_maturity_option (self, prop_id, value);
      break;
    case PROP_STATE:
      set_state (self, g_value_get_string (value));
      break;
    case PROP_CHART_LANG:
      {
        ShzChartLang lang;
        if (self->chart != NULL && shz_chart_lang_from_string (g_value_get_string (value), &lang) &&
            lang != shz_chart_get_lang (self->chart))
          {
            shz_chart_set_lang (self->chart, lang);
            save_settings (self);
            /* labels and descriptions changed language: show the item again */
            shz_inspector_show_item (self->inspector, self->store, self->engagement_id, self->chart,
                                     shz_chart_view_get_selected (self->view));
          }
      }
      break;
    case PROP_CHART_THEME:
      {
        ShzChartThemeId theme;
        if (self->chart != NULL && shz_chart_theme_from_string (g_value_get_string (value), &theme) &&
            theme != shz_chart_get_theme (self->chart))
          {
            shz_chart_set_theme (self->chart, theme);
            save_settings (self);
          }
      }
      break;
    case PROP_SHOW_INSPECTOR:
      self->show_inspector = g_value_get_boolean (value);
      gtk_widget_set_visible (GTK_WIDGET (self->inspector), self->show_inspector);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Out of its window, the page lets go of the window's store (the window may free it before
 * the page is finalized: a running task keeps the page alive). */
static void
shz_chart_page_unroot (GtkWidget *widget)
{
  ShzChartPage *self = SHZ_CHART_PAGE (widget);

  cancel_load (self);
  g_cancellable_cancel (self->copy_cancellable);
  g_clear_object (&self->copy_cancellable);
  self->store = NULL;
  self->engagement_id = 0;
  GTK_WIDGET_CLASS (shz_chart_page_parent_class)->unroot (widget);
}

static void
shz_chart_page_dispose (GObject *object)
{
  ShzChartPage *self = SHZ_CHART_PAGE (object);

  /* the window may free its store right after: nothing started from now on may use it */
  self->disposed = TRUE;
  self->store = NULL;
  self->engagement_id = 0;
  g_cancellable_cancel (self->copy_cancellable);
  g_clear_object (&self->copy_cancellable);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->chart = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), SHZ_TYPE_CHART_PAGE);
  /* the template's unnamed top box is not a bound child: unparent it too */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_clear_pointer (&self->charts, g_hash_table_unref);
  g_clear_pointer (&self->picked, g_hash_table_unref);
  G_OBJECT_CLASS (shz_chart_page_parent_class)->dispose (object);
}

static void
shz_chart_page_finalize (GObject *object)
{
  ShzChartPage *self = SHZ_CHART_PAGE (object);

  g_strfreev (self->kinds);
  g_free (self->reselect);
  g_clear_object (&self->dataset_model);
  g_clear_object (&self->period_model);
  G_OBJECT_CLASS (shz_chart_page_parent_class)->finalize (object);
}

static void
shz_chart_page_class_init (ShzChartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct { guint id; const char *name; gboolean def; } flags[] = {
    { PROP_QUADRANTS,      "quadrants",      TRUE },
    { PROP_QUADRANT_NAMES, "quadrant-names", FALSE },
    { PROP_TREND,          "trend",          TRUE },
    { PROP_ERAS,           "eras",           FALSE },
    { PROP_INTERVALS,      "intervals",      TRUE },
    { PROP_POINTS,         "points",         TRUE },
    { PROP_LEGEND,         "legend",         TRUE },
    { PROP_TRAJECTORIES,   "trajectories",   TRUE },
    { PROP_SHOW_INSPECTOR, "show-inspector", TRUE },
  };

  object_class->get_property = shz_chart_page_get_property;
  object_class->set_property = shz_chart_page_set_property;
  object_class->dispose = shz_chart_page_dispose;
  object_class->finalize = shz_chart_page_finalize;
  widget_class->unroot = shz_chart_page_unroot;

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    properties[flags[i].id] = g_param_spec_boolean (flags[i].name, NULL, NULL, flags[i].def,
                                                    G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AXES] = g_param_spec_string ("axes", NULL, NULL, "numeric",
                                               G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, "to-be",
                                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHART_LANG] = g_param_spec_string ("chart-lang", NULL, NULL, "zh_CN",
                                                     G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHART_THEME] = g_param_spec_string ("chart-theme", NULL, NULL, "light",
                                                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SHZ_TYPE_CHART_VIEW);
  g_type_ensure (SHZ_TYPE_INSPECTOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuzhi/Shuzhi/ui/shz-chart-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShzChartPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, ShzChartPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShzChartPage, dataset_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShzChartPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShzChartPage, trajectories_button);
  gtk_widget_class_bind_template_child (widget_class, ShzChartPage, state_box);
  gtk_widget_class_bind_template_child (widget_class, ShzChartPage, lang_box);
  gtk_widget_class_bind_template_child (widget_class, ShzChartPage, options_button);
  gtk_widget_class_bind_template_child (widget_class, ShzChartPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ShzChartPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, ShzChartPage, paned);
  gtk_widget_class_bind_template_child (widget_class, ShzChartPage, view);
  gtk_widget_class_bind_template_child (widget_class, ShzChartPage, inspector);
  gtk_widget_class_bind_template_child (widget_class, ShzChartPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_dataset_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_period_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_item_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_settings_changed_cb);

  gtk_widget_class_install_property_action (widget_class, "page.quadrants", "quadrants");
  gtk_widget_class_install_property_action (widget_class, "page.quadrant-names", "quadrant-names");
  gtk_widget_class_install_property_action (widget_class, "page.trend", "trend");
  gtk_widget_class_install_property_action (widget_class, "page.eras", "eras");
  gtk_widget_class_install_property_action (widget_class, "page.intervals", "intervals");
  gtk_widget_class_install_property_action (widget_class, "page.points", "points");
  gtk_widget_class_install_property_action (widget_class, "page.legend", "legend");
  gtk_widget_class_install_property_action (widget_class, "page.trajectories", "trajectories");
  gtk_widget_class_install_property_action (widget_class, "page.axes", "axes");
  gtk_widget_class_install_property_action (widget_class, "page.state", "state");
  gtk_widget_class_install_property_action (widget_class, "page.chart-lang", "chart-lang");
  gtk_widget_class_install_property_action (widget_class, "page.chart-theme", "chart-theme");
  gtk_widget_class_install_property_action (widget_class, "page.show-inspector", "show-inspector");
  gtk_widget_class_install_action (widget_class, "page.reset-view", NULL, reset_view_action);
  gtk_widget_class_install_action (widget_class, "page.unpin-labels", NULL, unpin_labels_action);
  gtk_widget_class_install_action (widget_class, "page.reset-layout", NULL, reset_layout_action);
  gtk_widget_class_install_action (widget_class, "page.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "page.copy", NULL, copy_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "page.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "page.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "page.show-inspector", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "chartpage");
}

/* The drop-down buttons show their choice in a label that ellipsizes (dataset names are long,
 * and the page must fit beside the sidebar); the lists show the whole names. */
static void
setup_button_label_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  max_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (max_chars));
  gtk_label_set_width_chars (GTK_LABEL (label), MIN (GPOINTER_TO_INT (max_chars), 8));
  gtk_list_item_set_child (item, label);
}

static void
setup_list_label_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  unused)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  unused)
{
  GtkStringObject *obj = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (obj));
  gtk_widget_set_tooltip_text (label, gtk_string_object_get_string (obj));
}

static void
set_ellipsizing_factories (GtkDropDown *dropdown,
                           int          max_chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_button_label_cb), GINT_TO_POINTER (max_chars));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), NULL);
  gtk_drop_down_set_factory (dropdown, factory);
  g_object_unref (factory);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_list_label_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), NULL);
  gtk_drop_down_set_list_factory (dropdown, factory);
  g_object_unref (factory);
}

static void
shz_chart_page_init (ShzChartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  shz_a11y_name_status_pages (GTK_WIDGET (self));
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  self->charts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->picked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->show_inspector = TRUE;
  self->last_quadrants = SHZ_MATURITY_QUADRANTS_MEDIAN;
  self->dataset_model = gtk_string_list_new (NULL);
  self->period_model = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->dataset_dropdown, G_LIST_MODEL (self->dataset_model));
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (self->period_model));
  set_ellipsizing_factories (self->dataset_dropdown, 24);
  set_ellipsizing_factories (self->kind_dropdown, 24);
  g_signal_connect_swapped (self->inspector, "assessment-changed", G_CALLBACK (on_assessment_changed_cb), self);
}

/* ---- public API ---- */

GtkWidget *
shz_chart_page_new (const char * const *kinds)
{
  ShzChartPage *self = g_object_new (SHZ_TYPE_CHART_PAGE, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; kinds != NULL && kinds[i] != NULL; i++)
    if (shz_chart_kind_is_implemented (kinds[i]))
      {
        g_strv_builder_add (builder, kinds[i]);
        gtk_string_list_append (names, shz_chart_kind_get_name (kinds[i]));
      }
  self->kinds = g_strv_builder_end (builder);
  g_return_val_if_fail (self->kinds[0] != NULL, GTK_WIDGET (self));

  self->filling = TRUE;
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  self->filling = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->kind_dropdown), self->kinds[1] != NULL);
  load_current (self, NULL, NULL);
  return GTK_WIDGET (self);
}

void
shz_chart_page_set_engagement (ShzChartPage *self,
                               ShzStore     *store,
                               gint64        engagement_id)
{
  g_return_if_fail (SHZ_IS_CHART_PAGE (self));
  if (self->disposed)
    return;

  if (store == NULL)
    engagement_id = 0;
  /* a reload keeps the datasets picked for the network kinds; another engagement does not */
  if (store != self->store || engagement_id != self->engagement_id)
    g_hash_table_remove_all (self->picked);
  self->store = store;
  self->engagement_id = engagement_id;
  g_clear_pointer (&self->reselect, g_free);
  cancel_load (self);
  self->chart = NULL;
  shz_chart_view_set_chart (self->view, NULL);
  g_hash_table_remove_all (self->charts);
  shz_inspector_reset (self->inspector);
  load_current (self, NULL, NULL);
}

void
shz_chart_page_reload (ShzChartPage *self)
{
  GHashTableIter iter;
  gpointer kind;

  g_return_if_fail (SHZ_IS_CHART_PAGE (self));
  if (self->disposed)
    return;

  /* the page itself just saved its settings: it already shows what the store has */
  if (self->emitting_changed)
    return;
  if (self->store == NULL || self->engagement_id <= 0)
    {
      shz_chart_page_set_engagement (self, self->store, self->engagement_id);
      return;
    }
  /* Read the data again without a blank moment: the chart shown stays (with its settings,
   * which are what the store has) until the new one is read, and its selection comes back.
   * Charts of the other kinds are read again when they are shown. */
  g_hash_table_iter_init (&iter, self->charts);
  while (g_hash_table_iter_next (&iter, &kind, NULL))
    if (!g_str_equal (kind, current_kind (self)))
      g_hash_table_iter_remove (&iter);
  /* The settings are what the store has: after an undo (or redo) of a chart's settings, the
   * store's differ from the chart's, and they win — the chart shown changes at once, and the
   * chart read next starts from them.  Layout edits are replaced, not merged. */
  if (self->chart != NULL && !shz_store_is_read_only (self->store))
    {
      g_autofree char *text = shz_store_get_chart_settings (self->store, self->engagement_id,
                                                            shz_chart_get_kind (self->chart), NULL);
      g_autofree char *current = shz_chart_save_settings (self->chart);

      if (g_strcmp0 (text, current) != 0)
        {
          shz_chart_reset_layout (self->chart);
          if (text != NULL)
            shz_chart_load_settings (self->chart, text, NULL);
        }
    }
  g_free (self->reselect);
  self->reselect = g_strdup (shz_chart_view_get_selected (self->view));
  load_current (self, NULL, NULL);
}

gboolean
shz_chart_page_is_loading (ShzChartPage *self)
{
  g_return_val_if_fail (SHZ_IS_CHART_PAGE (self), FALSE);
  return self->load_cancellable != NULL;
}

const char *
shz_chart_page_get_kind (ShzChartPage *self)
{
  g_return_val_if_fail (SHZ_IS_CHART_PAGE (self), NULL);
  return current_kind (self);
}

gboolean
shz_chart_page_set_kind (ShzChartPage *self,
                         const char   *kind)
{
  g_return_val_if_fail (SHZ_IS_CHART_PAGE (self), FALSE);

  for (guint i = 0; self->kinds[i] != NULL; i++)
    if (g_strcmp0 (self->kinds[i], kind) == 0)
      {
        /* through the switcher, as a user would */
        gtk_drop_down_set_selected (self->kind_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

ShzChart *
shz_chart_page_get_chart (ShzChartPage *self)
{
  g_return_val_if_fail (SHZ_IS_CHART_PAGE (self), NULL);
  return self->chart;
}

GtkWidget *
shz_chart_page_get_view (ShzChartPage *self)
{
  g_return_val_if_fail (SHZ_IS_CHART_PAGE (self), NULL);
  return GTK_WIDGET (self->view);
}

GtkWidget *
shz_chart_page_get_inspector (ShzChartPage *self)
{
  g_return_val_if_fail (SHZ_IS_CHART_PAGE (self), NULL);
  return GTK_WIDGET (self->inspector);
}

static void
on_export_finished_cb (ShzExportDialog *dialog,
                       const char      *path,
                       const GError    *error,
                       ShzChartPage    *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *message = NULL;
  g_autofree char *base = NULL;

  if (error != NULL || root == NULL || !SHZ_IS_WINDOW (root))
    return;
  base = g_path_get_basename (path);
  message = g_strdup_printf (_("Exported “%s”"), base);
  shz_window_show_toast (SHZ_WINDOW (root), message);
}

GtkWidget *
shz_chart_page_export (ShzChartPage *self)
{
  ShzExportDialog *dialog;
  GtkRoot *root;
  g_autofree char *dataset = NULL;
  const char *period = NULL;
  g_autofree char *basename = NULL;
  g_autoptr(ShzEngagement) e = NULL;

  g_return_val_if_fail (SHZ_IS_CHART_PAGE (self), NULL);
  if (self->chart == NULL || self->store == NULL)
    return NULL;

  /* the window's export uses what the chart shows and its saved settings, as the CLI does */
  save_settings (self);
  dataset = chart_dataset (self);
  if (is_maturity (self))
    period = shz_maturity_map_get_model (SHZ_MATURITY_MAP (self->chart))->period;
  else if (g_hash_table_lookup (self->picked, current_kind (self)) == NULL)
    g_clear_pointer (&dataset, g_free);   /* the network kinds pick their own, as the CLI does */
  e = shz_store_get_engagement (self->store, self->engagement_id, NULL);
  basename = g_strdup_printf ("%s - %s", e ? e->name : _("Chart"), shz_chart_kind_get_name (current_kind (self)));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = shz_export_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  shz_store_get_path (self->store), self->engagement_id,
                                  current_kind (self), dataset, period,
                                  shz_chart_get_lang (self->chart), shz_chart_get_theme (self->chart),
                                  basename);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (on_export_finished_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

void
shz_chart_page_copy (ShzChartPage *self)
{
  g_autoptr(GTask) task = NULL;
  CopyJob *job;

  g_return_if_fail (SHZ_IS_CHART_PAGE (self));
  if (self->chart == NULL || self->store == NULL || self->copy_cancellable != NULL)
    return;

  job = g_new0 (CopyJob, 1);
  job->store_path = g_strdup (shz_store_get_path (self->store));
  job->engagement_id = self->engagement_id;
  job->kind = g_strdup (current_kind (self));
  job->settings = shz_chart_save_settings (self->chart);
  job->dataset = chart_dataset (self);
  if (is_maturity (self))
    job->period = g_strdup (shz_maturity_map_get_model (SHZ_MATURITY_MAP (self->chart))->period);
  self->copy_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->copy_cancellable, on_copied_cb, g_object_ref (self));
  g_task_set_source_tag (task, shz_chart_page_copy);
  g_task_set_task_data (task, job, copy_job_free);
  g_task_run_in_thread (task, copy_thread);
}
