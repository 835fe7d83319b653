/* shz-assessment-editor.c — the assessment editor: per catalogue item an as-is and a to-be score
 * (0–5, or "–" for not assessed) and a note; the value network's links in an editable list.
 *
 * Every change is saved at once through shz-assessment-store (one undo step each, named after
 * the item), then ::changed tells the window to redraw its charts.  The score rows are built once
 * from the catalogue and only refilled on reload; the link rows are rebuilt, being few.
 * Reading an assessment is a few tens of rows, so it happens on the UI thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-app"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "shz-assessment-editor.h"
#include "shz-assessment-edit.h"
#include "shz-toast.h"
#include "store/shz-assessment-store.h"
#include "analysis/shz-catalogue.h"

/* Widths shared by the controls and their column captions, so that they line up. */
#define SCORE_WIDTH  110
#define NOTE_WIDTH   200
#define KIND_WIDTH   140
#define WEIGHT_WIDTH 110
#define STATE_WIDTH  100
#define REMOVE_WIDTH 34

typedef struct {
  char          *framework;
  char          *item;
  char          *label;          /* in the interface's language */
  GtkSpinButton *spin[2];        /* by ShzAssessmentState */
  GtkEntry      *note;
  ShzItemRows    rows;
  char          *note_text;      /* as saved */
} ItemRow;

typedef struct {
  ShzAssessmentEditor *editor;
  gint64              row_no;
  char               *source;
  char               *target;
  char               *kind;
  double              weight;
  ShzAssessmentState  state;
  GtkWidget          *row;
  GtkWidget          *control[SHZ_LINK_CONTROL_REMOVE + 1];
} LinkRow;

struct _ShzAssessmentEditor {
  AdwWindow             parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkLabel             *notice_label;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  GtkBox               *scores_box;
  AdwPreferencesGroup  *links_group;
  GtkListBox           *links_list;
  GtkWidget            *links_header;   /* column captions */
  GtkWidget            *start_button;
  GtkWidget            *add_link_button;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;

  ShzStore             *store;          /* the window's */
  gint64                engagement_id;
  ShzCatalogue         *catalogue;      /* process-wide, borrowed */
  gint64                scores_id;
  gint64                links_id;

  GPtrArray            *items;          /* of ItemRow, owned */
  GHashTable           *item_index;     /* "framework\x1fitem" → ItemRow */
  GPtrArray            *links;          /* of LinkRow, owned */

  GPtrArray            *node_ids;       /* parallel to node_model */
  GtkStringList        *node_model;
  GPtrArray            *kind_ids;       /* parallel to kind_model */
  GtkStringList        *kind_model;
  GtkStringList        *state_model;
  GtkListItemFactory   *button_factory; /* node drop-downs: ellipsized choice */
  GtkListItemFactory   *list_factory;   /* … whole names in the list */
  /* Labels of the steps this editor made: its undo and redo act on those only (the window's
   * act on any step, imports and deletions included). */
  GHashTable           *own_steps;

  gboolean              filling;        /* setting controls from the store: do not save */
  /* The editor page has been shown: it stays, even when an undo leaves no assessment. */
  gboolean              started;
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShzAssessmentEditor, shz_assessment_editor, ADW_TYPE_WINDOW)

/* ---- helpers ---- */

static void
item_row_free (gpointer data)
{
  ItemRow *it = data;

  g_free (it->framework);
  g_free (it->item);
  g_free (it->label);
  g_free (it->note_text);
  g_free (it);
}

static void
link_row_free (gpointer data)
{
  LinkRow *lr = data;

  g_free (lr->source);
  g_free (lr->target);
  g_free (lr->kind);
  g_free (lr);
}

static char *
item_key (const char *framework,
          const char *item)
{
  return g_strconcat (framework, "\x1f", item, NULL);
}

static void
set_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
show_error (ShzAssessmentEditor *self,
            const GError        *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 8);
  shz_toast_overlay_add (self->toast_overlay, toast);
}

static guint
index_of (GPtrArray  *ids,
          const char *id)
{
  guint i;

  if (id != NULL && g_ptr_array_find_with_equal_func (ids, id, g_str_equal, &i))
    return i;
  return GTK_INVALID_LIST_POSITION;
}

static const char *
node_label (ShzAssessmentEditor *self,
            const char          *id)
{
  guint i = index_of (self->node_ids, id);

  return i != GTK_INVALID_LIST_POSITION ? gtk_string_list_get_string (self->node_model, i) : id;
}

static void
update_actions (ShzAssessmentEditor *self)
{
  g_autofree char *undo = NULL, *redo = NULL;
  g_autofree char *undo_tip = NULL, *redo_tip = NULL;
  gboolean writable = self->store != NULL && !shz_store_is_read_only (self->store);

  if (writable)
    {
      undo = shz_store_get_undo_label (self->store);
      redo = shz_store_get_redo_label (self->store);
    }
  if (undo != NULL && !g_hash_table_contains (self->own_steps, undo))
    g_clear_pointer (&undo, g_free);
  if (redo != NULL && !g_hash_table_contains (self->own_steps, redo))
    g_clear_pointer (&redo, g_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo", undo != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.redo", redo != NULL);
  undo_tip = undo != NULL ? g_strdup_printf (_("Undo “%s”"), undo) : g_strdup (_("Undo"));
  redo_tip = redo != NULL ? g_strdup_printf (_("Redo “%s”"), redo) : g_strdup (_("Redo"));
  gtk_widget_set_tooltip_text (self->undo_button, undo_tip);
  gtk_widget_set_tooltip_text (self->redo_button, redo_tip);
}

/* An edit went through: remember its step, tell the window. */
static void
edited (ShzAssessmentEditor *self,
        const char          *label)
{
  g_hash_table_add (self->own_steps, g_strdup (label));
  update_actions (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* The newest live dataset of @kind, as shz_assessment_load() picks it. */
static gint64
newest_dataset_id (ShzAssessmentEditor *self,
                   ShzDatasetKind       kind)
{
  return shz_assessment_edit_newest_dataset (self->store, self->engagement_id, kind);
}

/* ---- scores ---- */

static void
on_score_changed_cb (GtkSpinButton       *spin,
                     ShzAssessmentEditor *self)
{
  ItemRow *it = g_object_get_data (G_OBJECT (spin), "shz-item");
  ShzAssessmentState s = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spin), "shz-state"));
  double v = gtk_spin_button_get_value (spin);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gint64 id;

  if (self->filling)
    return;
  if (v < 0 && !it->rows.scored[s])
    return;
  /* With no scores dataset yet (scores_id 0) this starts one, in the score's own step. */
  id = shz_assessment_edit_set_score (self->store, self->engagement_id, self->scores_id, it->framework,
                                      it->item, it->label, s, v, it->note_text, &it->rows, &label, &error);
  if (id == 0)
    {
      show_error (self, error);
      shz_assessment_editor_reload (self);
      return;
    }
  self->scores_id = id;
  edited (self, label);
}

static void
commit_note (ShzAssessmentEditor *self,
             ItemRow             *it)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (it->note));
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gint64 id;

  if (self->filling || g_strcmp0 (text, it->note_text ? it->note_text : "") == 0)
    return;
  /* A note needs no score: written first, it starts the assessment as a first score does. */
  id = shz_assessment_edit_set_note (self->store, self->engagement_id, self->scores_id, it->framework,
                                     it->item, it->label, text, &it->rows, &label, &error);
  if (id == 0)
    {
      show_error (self, error);
      shz_assessment_editor_reload (self);
      return;
    }
  self->scores_id = id;
  g_free (it->note_text);
  it->note_text = text[0] != '\0' ? g_strdup (text) : NULL;
  edited (self, label);
}

static void
on_note_activate_cb (GtkEntry            *entry,
                     ShzAssessmentEditor *self)
{
  commit_note (self, g_object_get_data (G_OBJECT (entry), "shz-item"));
}

static void
on_note_leave_cb (GtkEventControllerFocus *controller,
                  ShzAssessmentEditor     *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  commit_note (self, g_object_get_data (G_OBJECT (entry), "shz-item"));
}

static GtkSpinButton *
make_score_spin (ShzAssessmentEditor *self,
                 ItemRow             *it,
                 ShzAssessmentState   s,
                 const char          *framework_label)
{
  GtkWidget *spin = GTK_WIDGET (shz_score_spin_new ());
  g_autofree char *name = NULL;

  name = g_strdup_printf (s == SHZ_STATE_AS_IS ? _("As-is score of %s (%s)") : _("To-be score of %s (%s)"),
                          it->label, framework_label);
  set_accessible_label (spin, name);
  gtk_widget_set_tooltip_text (spin, s == SHZ_STATE_AS_IS ? _("As-is score, 0–5 (– not assessed)")
                                                          : _("To-be score, 0–5 (– not assessed)"));
  g_object_set_data (G_OBJECT (spin), "shz-item", it);
  g_object_set_data (G_OBJECT (spin), "shz-state", GINT_TO_POINTER (s));
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_score_changed_cb), self);
  return GTK_SPIN_BUTTON (spin);
}

static GtkWidget *
make_columns_header (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *titles[] = { N_("As-is"), N_("To-be"), N_("Note") };
  const int widths[] = { SCORE_WIDTH, SCORE_WIDTH, NOTE_WIDTH };

  gtk_widget_set_valign (box, GTK_ALIGN_END);
  gtk_widget_set_margin_end (box, 12);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      GtkWidget *l = gtk_label_new (_(titles[i]));
      gtk_widget_set_size_request (l, widths[i], -1);
      gtk_label_set_xalign (GTK_LABEL (l), i < 2 ? 0.5f : 0.0f);
      gtk_widget_add_css_class (l, "caption-heading");
      gtk_widget_add_css_class (l, "dim-label");
      gtk_box_append (GTK_BOX (box), l);
    }
  /* Screen readers get the column meaning from each control's own name. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  return box;
}

static const char *
item_kind_hint (const ShzCatItem *item)
{
  switch (item->kind)
    {
    case SHZ_CAT_SUPPORT: return _("Supporting element");
    case SHZ_CAT_STREAM: return _("Data stream");
    case SHZ_CAT_CAPABILITY: return _("Supporting capability");
    default: return NULL;
    }
}

static void
add_item_row (ShzAssessmentEditor   *self,
              AdwPreferencesGroup   *group,
              const ShzCatFramework *fw,
              const ShzCatItem      *item)
{
  const char *lang = shz_assessment_edit_lang ();
  const char *framework_label = shz_cat_text_get (&fw->label, lang);
  ItemRow *it = g_new0 (ItemRow, 1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *note;
  GtkEventController *focus;
  g_autofree char *note_name = NULL;
  g_autofree char *subtitle = NULL;

  it->framework = g_strdup (fw->id);
  it->item = g_strdup (item->id);
  it->label = g_strdup (shz_cat_text_get (&item->label, lang));
  g_ptr_array_add (self->items, it);
  g_hash_table_insert (self->item_index, item_key (fw->id, item->id), it);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), it->label);
  if (item->kind == SHZ_CAT_PATH)
    subtitle = g_strdup_printf ("%s → %s", shz_cat_text_get (&item->from.label, lang),
                                shz_cat_text_get (&item->to.label, lang));
  else if (item_kind_hint (item) != NULL)
    subtitle = g_strdup (item_kind_hint (item));
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  for (int s = 0; s < 2; s++)
    {
      it->spin[s] = make_score_spin (self, it, s, framework_label);
      gtk_widget_set_size_request (GTK_WIDGET (it->spin[s]), SCORE_WIDTH, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (it->spin[s]));
    }
  note = gtk_entry_new ();
  it->note = GTK_ENTRY (note);
  gtk_widget_set_valign (note, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (note, NOTE_WIDTH, -1);
  gtk_entry_set_max_length (GTK_ENTRY (note), 500);
  note_name = g_strdup_printf (_("Note on %s (%s)"), it->label, framework_label);
  set_accessible_label (note, note_name);
  g_object_set_data (G_OBJECT (note), "shz-item", it);
  g_signal_connect (note, "activate", G_CALLBACK (on_note_activate_cb), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_note_leave_cb), self);
  gtk_widget_add_controller (note, focus);
  gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("Note"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), note);

  adw_preferences_group_add (group, row);
}

static AdwPreferencesGroup *
add_group (ShzAssessmentEditor *self,
           const char          *title,
           const char          *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), make_columns_header ());
  gtk_box_append (self->scores_box, group);
  return ADW_PREFERENCES_GROUP (group);
}

static const char *
framework_hint (const ShzCatFramework *fw)
{
  switch (fw->kind)
    {
    case SHZ_CAT_FRAMEWORK_CHAIN:
      return _("Digitisation of each stage and base element, 0–5.");
    case SHZ_CAT_FRAMEWORK_NETWORK:
      return _("How far each element is linked with the consumer through data, 0–5.");
    case SHZ_CAT_FRAMEWORK_CHAINS:
      return _("Digitisation of each stage of the chain, 0–5.");
    case SHZ_CAT_FRAMEWORK_PATHS:
      return _("Position on each path: 0 at its start, 5 at its end.");
    default:
      return NULL;
    }
}

static void
add_framework (ShzAssessmentEditor   *self,
               const ShzCatFramework *fw)
{
  const char *lang = shz_assessment_edit_lang ();
  AdwPreferencesGroup *group = NULL;

  for (guint i = 0; i < fw->items->len; i++)
    {
      const ShzCatItem *item = fw->items->pdata[i];

      if (fw->kind == SHZ_CAT_FRAMEWORK_CHAINS && item->kind == SHZ_CAT_CHAIN)
        {
          /* One group per 人货场 chain: "货 · 产品 to 商品全链路". */
          g_autofree char *title = g_strdup_printf ("%s · %s", shz_cat_text_get (&item->symbol.label, lang),
                                                    shz_cat_text_get (&item->label, lang));
          g_autofree char *description = g_strdup_printf ("%s — %s", shz_cat_text_get (&fw->label, lang),
                                                          framework_hint (fw));
          group = add_group (self, title, description);
          continue;
        }
      if (!item->scored)
        continue;
      if (group == NULL)
        group = add_group (self, shz_cat_text_get (&fw->label, lang), framework_hint (fw));
      add_item_row (self, group, fw, item);
    }
}

static void
build_scores (ShzAssessmentEditor *self)
{
  static const char * const order[] = {
    SHZ_FRAMEWORK_VALUE_CHAIN, SHZ_FRAMEWORK_VALUE_NETWORK, SHZ_FRAMEWORK_RHC_CHAINS,
    SHZ_FRAMEWORK_EVOLUTION_PATHS,
  };
  guint n = shz_catalogue_get_n_frameworks (self->catalogue);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const ShzCatFramework *fw = shz_catalogue_lookup_framework (self->catalogue, order[i]);
      if (fw != NULL)
        add_framework (self, fw);
    }
  /* A user's own frameworks after the whitepaper's. */
  for (guint i = 0; i < n; i++)
    {
      const ShzCatFramework *fw = shz_catalogue_get_framework (self->catalogue, i);
      if (!g_strv_contains ((const char * const *) order, fw->id))
        add_framework (self, fw);
    }
}

/* ---- links ---- */

static void
build_choices (ShzAssessmentEditor *self)
{
  const char *lang = shz_assessment_edit_lang ();
  const ShzCatFramework *fw = shz_catalogue_lookup_framework (self->catalogue, SHZ_FRAMEWORK_VALUE_NETWORK);

  self->node_ids = g_ptr_array_new_with_free_func (g_free);
  self->node_model = gtk_string_list_new (NULL);
  self->kind_ids = g_ptr_array_new_with_free_func (g_free);
  self->kind_model = gtk_string_list_new (NULL);
  self->state_model = gtk_string_list_new (NULL);
  gtk_string_list_append (self->state_model, _("As-is"));
  gtk_string_list_append (self->state_model, _("To-be"));

  for (guint i = 0; fw != NULL && i < fw->items->len; i++)
    {
      const ShzCatItem *item = fw->items->pdata[i];

      switch (item->kind)
        {
        case SHZ_CAT_CENTRE:
        case SHZ_CAT_STAGE:
        case SHZ_CAT_SUPPORT:
        case SHZ_CAT_STREAM:
          if (item->parent == NULL && shz_catalogue_resolve_node (self->catalogue, item->id) != NULL)
            {
              g_ptr_array_add (self->node_ids, g_strdup (shz_catalogue_resolve_node (self->catalogue, item->id)));
              gtk_string_list_append (self->node_model, shz_cat_text_get (&item->label, lang));
            }
          break;
        case SHZ_CAT_LINK_KIND:
          g_ptr_array_add (self->kind_ids, g_strdup (item->id));
          gtk_string_list_append (self->kind_model, shz_cat_text_get (&item->label, lang));
          break;
        default:
          break;
        }
    }
}

/* A node or kind a links dataset names but the choices lack (another catalogue): add it. */
static guint
choice_index (GPtrArray     *ids,
              GtkStringList *model,
              const char    *id)
{
  guint i = index_of (ids, id);

  if (i != GTK_INVALID_LIST_POSITION)
    return i;
  g_ptr_array_add (ids, g_strdup (id));
  gtk_string_list_append (model, id);
  return ids->len - 1;
}

static void
commit_link (ShzAssessmentEditor *self,
             LinkRow             *lr)
{
  guint src = gtk_drop_down_get_selected (GTK_DROP_DOWN (lr->control[SHZ_LINK_CONTROL_SOURCE]));
  guint dst = gtk_drop_down_get_selected (GTK_DROP_DOWN (lr->control[SHZ_LINK_CONTROL_TARGET]));
  guint kind = gtk_drop_down_get_selected (GTK_DROP_DOWN (lr->control[SHZ_LINK_CONTROL_KIND]));
  guint state = gtk_drop_down_get_selected (GTK_DROP_DOWN (lr->control[SHZ_LINK_CONTROL_STATE]));
  double weight = gtk_spin_button_get_value (GTK_SPIN_BUTTON (lr->control[SHZ_LINK_CONTROL_WEIGHT]));
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  ShzLinkRow row = { 0 };
  gint64 id;

  if (self->filling || src >= self->node_ids->len || dst >= self->node_ids->len ||
      kind >= self->kind_ids->len || state > 1)
    return;
  row.row_no = lr->row_no;
  row.source = self->node_ids->pdata[src];
  row.target = self->node_ids->pdata[dst];
  row.type = self->kind_ids->pdata[kind];
  row.weight = weight;
  row.state = shz_assessment_state_to_string (state == 0 ? SHZ_STATE_AS_IS : SHZ_STATE_TO_BE);
  if (g_strcmp0 (row.source, lr->source) == 0 && g_strcmp0 (row.target, lr->target) == 0 &&
      g_strcmp0 (row.type, lr->kind) == 0 && weight == lr->weight && (guint) lr->state == state)
    return;
  label = shz_assessment_edit_link_label (SHZ_LINK_EDIT_CHANGE, node_label (self, row.source),
                                          node_label (self, row.target), state);
  id = shz_assessment_edit_write_link (self->store, self->engagement_id, self->links_id, SHZ_LINK_EDIT_CHANGE,
                                       &row, label, &error);
  if (id == 0)
    {
      show_error (self, error);
      shz_assessment_editor_reload (self);
      return;
    }
  self->links_id = id;
  g_free (lr->source);
  lr->source = g_strdup (row.source);
  g_free (lr->target);
  lr->target = g_strdup (row.target);
  g_free (lr->kind);
  lr->kind = g_strdup (row.type);
  lr->weight = weight;
  lr->state = state == 0 ? SHZ_STATE_AS_IS : SHZ_STATE_TO_BE;
  edited (self, label);
}

static void
on_link_selected_cb (GObject             *dropdown,
                     GParamSpec          *pspec,
                     ShzAssessmentEditor *self)
{
  commit_link (self, g_object_get_data (dropdown, "shz-link"));
}

static void
on_link_weight_cb (GtkSpinButton       *spin,
                   ShzAssessmentEditor *self)
{
  commit_link (self, g_object_get_data (G_OBJECT (spin), "shz-link"));
}

static void
focus_after_links_change (ShzAssessmentEditor *self,
                          guint                index,
                          ShzLinkControl       control)
{
  if (self->links->len == 0)
    gtk_widget_grab_focus (self->add_link_button);
  else
    {
      LinkRow *lr = self->links->pdata[MIN (index, self->links->len - 1)];
      gtk_widget_grab_focus (lr->control[control]);
    }
}

static void
on_link_remove_cb (GtkButton           *button,
                   ShzAssessmentEditor *self)
{
  LinkRow *lr = g_object_get_data (G_OBJECT (button), "shz-link");
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  guint index = 0;
  gint64 id;
  ShzLinkRow row = { lr->row_no, lr->source, lr->target, lr->weight, lr->kind,
                     shz_assessment_state_to_string (lr->state) };

  g_ptr_array_find (self->links, lr, &index);
  label = shz_assessment_edit_link_label (SHZ_LINK_EDIT_REMOVE, node_label (self, lr->source),
                                          node_label (self, lr->target), lr->state);
  id = shz_assessment_edit_write_link (self->store, self->engagement_id, self->links_id, SHZ_LINK_EDIT_REMOVE,
                                       &row, label, &error);
  if (id == 0)
    {
      show_error (self, error);
      shz_assessment_editor_reload (self);
      return;
    }
  self->links_id = id;
  shz_assessment_editor_reload (self);
  focus_after_links_change (self, index, SHZ_LINK_CONTROL_REMOVE);
  edited (self, label);
}

static GtkWidget *
caption (const char *text,
         int         width,
         gboolean    expand)
{
  GtkWidget *l = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_ellipsize (GTK_LABEL (l), PANGO_ELLIPSIZE_END);
  gtk_widget_set_size_request (l, width, -1);
  gtk_widget_set_hexpand (l, expand);
  gtk_widget_add_css_class (l, "caption-heading");
  gtk_widget_add_css_class (l, "dim-label");
  return l;
}

/* Column captions above the links, laid out as a link row is. */
static GtkWidget *
make_links_header (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *ends = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *target = caption (_("Target"), -1, TRUE);

  gtk_widget_set_margin_start (box, 12 + 1);
  gtk_widget_set_margin_end (box, 12 + 1);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_set_homogeneous (GTK_BOX (ends), TRUE);
  gtk_widget_set_hexpand (ends, TRUE);
  gtk_box_append (GTK_BOX (ends), caption (_("Source"), -1, TRUE));
  /* past the arrow */
  gtk_widget_set_margin_start (target, 18);
  gtk_box_append (GTK_BOX (ends), target);
  gtk_box_append (GTK_BOX (box), ends);
  gtk_box_append (GTK_BOX (box), caption (_("Kind"), KIND_WIDTH, FALSE));
  gtk_box_append (GTK_BOX (box), caption (_("Weight"), WEIGHT_WIDTH, FALSE));
  gtk_box_append (GTK_BOX (box), caption (_("State"), STATE_WIDTH, FALSE));
  gtk_box_append (GTK_BOX (box), caption ("", REMOVE_WIDTH, FALSE));
  gtk_accessible_update_state (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  return box;
}

/* Node names are long ("Production and supply-chain data"): the buttons ellipsize them (with
 * the whole name as tooltip) so that a row fits the window; the lists show them whole. */
static void
setup_button_label_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 6);
  gtk_list_item_set_child (item, label);
}

static void
setup_list_label_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (gtk_label_get_ellipsize (GTK_LABEL (label)) != PANGO_ELLIPSIZE_NONE)
    gtk_widget_set_tooltip_text (label, text);
}

static GtkListItemFactory *
label_factory (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", ellipsize ? G_CALLBACK (setup_button_label_cb)
                                                : G_CALLBACK (setup_list_label_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), NULL);
  return factory;
}

static GtkWidget *
make_dropdown (LinkRow       *lr,
               GtkStringList *model,
               guint          selected,
               const char    *name)
{
  GtkWidget *dd = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (model)), NULL);

  if (model == lr->editor->node_model)
    {
      gtk_drop_down_set_factory (GTK_DROP_DOWN (dd), lr->editor->button_factory);
      gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dd), lr->editor->list_factory);
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dd), selected);
  gtk_widget_set_valign (dd, GTK_ALIGN_CENTER);
  set_accessible_label (dd, name);
  g_object_set_data (G_OBJECT (dd), "shz-link", lr);
  return dd;
}

static void
add_link_row (ShzAssessmentEditor *self,
              LinkRow             *lr)
{
  guint n = self->links->len;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *ends = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *target = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *arrow = gtk_label_new ("→");
  GtkWidget *spin, *remove;
  g_autofree char *src_name = g_strdup_printf (_("Source of link %u"), n);
  g_autofree char *dst_name = g_strdup_printf (_("Target of link %u"), n);
  g_autofree char *kind_name = g_strdup_printf (_("Kind of link %u"), n);
  g_autofree char *weight_name = g_strdup_printf (_("Weight of link %u"), n);
  g_autofree char *state_name = g_strdup_printf (_("State of link %u"), n);
  g_autofree char *remove_name = g_strdup_printf (_("Remove link %u"), n);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  lr->control[SHZ_LINK_CONTROL_SOURCE] =
    make_dropdown (lr, self->node_model, choice_index (self->node_ids, self->node_model, lr->source), src_name);
  lr->control[SHZ_LINK_CONTROL_TARGET] =
    make_dropdown (lr, self->node_model, choice_index (self->node_ids, self->node_model, lr->target), dst_name);
  lr->control[SHZ_LINK_CONTROL_KIND] =
    make_dropdown (lr, self->kind_model, choice_index (self->kind_ids, self->kind_model, lr->kind), kind_name);
  lr->control[SHZ_LINK_CONTROL_STATE] =
    make_dropdown (lr, self->state_model, lr->state == SHZ_STATE_AS_IS ? 0 : 1, state_name);
  /* Source and target share the width equally, whatever their labels: the columns line up. */
  gtk_widget_set_hexpand (lr->control[SHZ_LINK_CONTROL_TARGET], TRUE);
  gtk_box_set_homogeneous (GTK_BOX (ends), TRUE);
  gtk_widget_set_hexpand (ends, TRUE);
  gtk_box_append (GTK_BOX (ends), lr->control[SHZ_LINK_CONTROL_SOURCE]);
  gtk_box_append (GTK_BOX (target), arrow);
  gtk_box_append (GTK_BOX (target), lr->control[SHZ_LINK_CONTROL_TARGET]);
  gtk_box_append (GTK_BOX (ends), target);
  gtk_accessible_update_state (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  spin = gtk_spin_button_new_with_range (0, 100, 0.5);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), lr->weight);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (spin, _("Weight"));
  set_accessible_label (spin, weight_name);
  g_object_set_data (G_OBJECT (spin), "shz-link", lr);
  lr->control[SHZ_LINK_CONTROL_WEIGHT] = spin;

  gtk_widget_set_size_request (lr->control[SHZ_LINK_CONTROL_KIND], KIND_WIDTH, -1);
  gtk_widget_set_size_request (lr->control[SHZ_LINK_CONTROL_STATE], STATE_WIDTH, -1);
  gtk_widget_set_size_request (spin, WEIGHT_WIDTH, -1);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_size_request (remove, REMOVE_WIDTH, -1);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Link"));
  set_accessible_label (remove, remove_name);
  g_object_set_data (G_OBJECT (remove), "shz-link", lr);
  lr->control[SHZ_LINK_CONTROL_REMOVE] = remove;

  gtk_box_append (GTK_BOX (box), ends);
  gtk_box_append (GTK_BOX (box), lr->control[SHZ_LINK_CONTROL_KIND]);
  gtk_box_append (GTK_BOX (box), spin);
  gtk_box_append (GTK_BOX (box), lr->control[SHZ_LINK_CONTROL_STATE]);
  gtk_box_append (GTK_BOX (box), remove);

  for (int c = SHZ_LINK_CONTROL_SOURCE; c <= SHZ_LINK_CONTROL_STATE; c++)
    if (c != SHZ_LINK_CONTROL_WEIGHT)
      g_signal_connect (lr->control[c], "notify::selected", G_CALLBACK (on_link_selected_cb), self);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_link_weight_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_link_remove_cb), self);

  lr->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (lr->row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (lr->row), box);
  gtk_list_box_append (self->links_list, lr->row);
}

static void
clear_links (ShzAssessmentEditor *self)
{
  for (guint i = 0; i < self->links->len; i++)
    gtk_list_box_remove (self->links_list, ((LinkRow *) self->links->pdata[i])->row);
  g_ptr_array_set_size (self->links, 0);
}

static void
on_add_link_clicked_cb (ShzAssessmentEditor *self)
{
  g_autoptr(GError) error = NULL;
  /* A plain start the user then changes: a product → consumer transaction, to-be. */
  ShzLinkRow row = { 0, "product", "consumer", 1, "transaction", "to-be" };
  g_autofree char *label = NULL;
  gint64 id;

  label = shz_assessment_edit_link_label (SHZ_LINK_EDIT_ADD, node_label (self, row.source),
                                          node_label (self, row.target), SHZ_STATE_TO_BE);
  /* With no links dataset yet (links_id 0) this starts one, in the link's own step. */
  id = shz_assessment_edit_write_link (self->store, self->engagement_id, self->links_id, SHZ_LINK_EDIT_ADD,
                                       &row, label, &error);
  if (id == 0)
    {
      show_error (self, error);
      shz_assessment_editor_reload (self);
      return;
    }
  self->links_id = id;
  shz_assessment_editor_reload (self);
  focus_after_links_change (self, self->links->len - 1, SHZ_LINK_CONTROL_SOURCE);
  edited (self, label);
}

/* ---- loading ---- */

static void
set_notice (ShzAssessmentEditor *self,
            const char          *text)
{
  gtk_label_set_text (self->notice_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), text != NULL);
}

static void
fill (ShzAssessmentEditor *self,
      ShzAssessment       *as)
{
  guint n_links = as != NULL ? shz_assessment_get_n_links (as) : 0;

  self->filling = TRUE;

  for (guint i = 0; i < self->items->len; i++)
    {
      ItemRow *it = self->items->pdata[i];
      /* One note per item: the as-is row's, else the to-be row's, else its row without a score. */
      const char *note = shz_assessment_edit_item_rows (as, it->framework, it->item, &it->rows);

      g_free (it->note_text);
      it->note_text = g_strdup (note);
      for (int s = 0; s < 2; s++)
        {
          double v = SHZ_SCORE_NOT_ASSESSED;
          if (it->rows.scored[s])
            shz_assessment_get_score (as, it->framework, it->item, s, &v);
          shz_score_spin_set_value (it->spin[s], v);
        }
      gtk_editable_set_text (GTK_EDITABLE (it->note), it->note_text ? it->note_text : "");
    }

  clear_links (self);
  for (guint i = 0; i < n_links; i++)
    {
      const ShzAssessmentLink *l = shz_assessment_get_link (as, i);
      LinkRow *lr = g_new0 (LinkRow, 1);

      lr->editor = self;
      lr->row_no = l->row_no;
      lr->source = g_strdup (l->source);
      lr->target = g_strdup (l->target);
      lr->kind = g_strdup (l->kind);
      lr->weight = l->weight;
      lr->state = l->state;
      g_ptr_array_add (self->links, lr);
      add_link_row (self, lr);
    }
  gtk_widget_set_visible (self->links_header, self->links->len > 0);

  self->filling = FALSE;
}

/* ---- actions ---- */

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ShzAssessmentEditor *self = SHZ_ASSESSMENT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = g_str_equal (action_name, "editor.undo") ? shz_store_undo (self->store, &error)
                                                 : shz_store_redo (self->store, &error);
  if (!ok)
    show_error (self, error);
  shz_assessment_editor_reload (self);
  if (ok)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* "Start an Assessment" writes nothing: it shows the empty scores and links, and the first score
 * or link the user enters creates its dataset in that edit's own undo step — one Ctrl+Z then
 * leaves the engagement as it was, with no empty assessment behind. */
static void
on_start_clicked_cb (ShzAssessmentEditor *self)
{
  self->started = TRUE;
  shz_assessment_editor_reload (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "scores");
  if (self->items->len > 0)
    gtk_widget_grab_focus (GTK_WIDGET (((ItemRow *) self->items->pdata[0])->spin[SHZ_STATE_AS_IS]));
}

/* Ctrl+Z and Ctrl+Shift+Z in a score or weight field undo and redo the saved change, as they do
 * elsewhere in the editor: the field's own text undo would take them first and only change the
 * digits shown.  (A note keeps its text undo while it is typed.) */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   ShzAssessmentEditor   *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  const char *action;

  if (focus == NULL || gtk_widget_get_ancestor (focus, GTK_TYPE_SPIN_BUTTON) == NULL)
    return FALSE;
  keyval = gdk_keyval_to_lower (keyval);
  if (keyval == GDK_KEY_z && mods == GDK_CONTROL_MASK)
    action = "editor.undo";
  else if ((keyval == GDK_KEY_z && mods == (GDK_CONTROL_MASK | GDK_SHIFT_MASK)) ||
           (keyval == GDK_KEY_y && mods == GDK_CONTROL_MASK))
    action = "editor.redo";
  else
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
  return TRUE;
}

/* Back to the editor after working in the window: read again if the data changed there. */
static void
on_active_changed_cb (ShzAssessmentEditor *self)
{
  if (!gtk_window_is_active (GTK_WINDOW (self)) || self->store == NULL)
    return;
  if (newest_dataset_id (self, SHZ_KIND_SCORES) != self->scores_id ||
      newest_dataset_id (self, SHZ_KIND_LINKS) != self->links_id)
    shz_assessment_editor_reload (self);
  else
    update_actions (self);
}

/* ---- GObject ---- */

/* A note typed but not yet committed (no Enter, focus still in it) is saved on close. */
static gboolean
shz_assessment_editor_close_request (GtkWindow *window)
{
  ShzAssessmentEditor *self = SHZ_ASSESSMENT_EDITOR (window);

  if (self->store != NULL && !shz_store_is_read_only (self->store))
    for (guint i = 0; i < self->items->len; i++)
      commit_note (self, self->items->pdata[i]);
  return GTK_WINDOW_CLASS (shz_assessment_editor_parent_class)->close_request (window);
}

static void
shz_assessment_editor_dispose (GObject *object)
{
  ShzAssessmentEditor *self = SHZ_ASSESSMENT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHZ_TYPE_ASSESSMENT_EDITOR);
  G_OBJECT_CLASS (shz_assessment_editor_parent_class)->dispose (object);
}

static void
shz_assessment_editor_finalize (GObject *object)
{
  ShzAssessmentEditor *self = SHZ_ASSESSMENT_EDITOR (object);

  g_clear_pointer (&self->links, g_ptr_array_unref);
  g_clear_pointer (&self->own_steps, g_hash_table_unref);
  g_clear_pointer (&self->item_index, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->node_ids, g_ptr_array_unref);
  g_clear_pointer (&self->kind_ids, g_ptr_array_unref);
  g_clear_object (&self->node_model);
  g_clear_object (&self->kind_model);
  g_clear_object (&self->state_model);
  g_clear_object (&self->button_factory);
  g_clear_object (&self->list_factory);
  G_OBJECT_CLASS (shz_assessment_editor_parent_class)->finalize (object);
}

static void
shz_assessment_editor_class_init (ShzAssessmentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shz_assessment_editor_dispose;
  object_class->finalize = shz_assessment_editor_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = shz_assessment_editor_close_request;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shuzhi/Shuzhi/ui/shz-assessment-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ShzAssessmentEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ShzAssessmentEditor, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ShzAssessmentEditor, notice_label);
  gtk_widget_class_bind_template_child (widget_class, ShzAssessmentEditor, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ShzAssessmentEditor, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ShzAssessmentEditor, scores_box);
  gtk_widget_class_bind_template_child (widget_class, ShzAssessmentEditor, links_group);
  gtk_widget_class_bind_template_child (widget_class, ShzAssessmentEditor, links_list);
  gtk_widget_class_bind_template_child (widget_class, ShzAssessmentEditor, start_button);
  gtk_widget_class_bind_template_child (widget_class, ShzAssessmentEditor, add_link_button);
  gtk_widget_class_bind_template_child (widget_class, ShzAssessmentEditor, undo_button);
  gtk_widget_class_bind_template_child (widget_class, ShzAssessmentEditor, redo_button);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_link_clicked_cb);

  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "editor.redo", NULL, history_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "editor.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "editor.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
shz_assessment_editor_init (ShzAssessmentEditor *self)
{
  GtkEventController *key;
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->catalogue = shz_catalogue_get_default ();
  self->items = g_ptr_array_new_with_free_func (item_row_free);
  self->item_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->links = g_ptr_array_new_with_free_func (link_row_free);
  self->own_steps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->button_factory = label_factory (TRUE);
  self->list_factory = label_factory (FALSE);
  build_choices (self);
  build_scores (self);

  placeholder = gtk_label_new (_("No links yet. Add one for each relation of the value network."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->links_list, placeholder);
  self->links_header = make_links_header ();
  gtk_widget_insert_before (self->links_header, gtk_widget_get_parent (GTK_WIDGET (self->links_list)),
                            GTK_WIDGET (self->links_list));

  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_changed_cb), NULL);
  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  update_actions (self);
}

/* ---- public API ---- */

ShzAssessmentEditor *
shz_assessment_editor_new (GtkWindow *parent,
                           ShzStore  *store,
                           gint64     engagement_id)
{
  ShzAssessmentEditor *self;
  g_autoptr(ShzEngagement) e = NULL;

  g_return_val_if_fail (store != NULL, NULL);

  self = g_object_new (SHZ_TYPE_ASSESSMENT_EDITOR, "transient-for", parent, NULL);
  self->store = store;
  self->engagement_id = engagement_id;
  e = shz_store_get_engagement (store, engagement_id, NULL);
  if (e != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Assessment — %s"), e->name);
      gtk_window_set_title (GTK_WINDOW (self), title);
      adw_view_switcher_title_set_subtitle (self->switcher_title, e->name);
    }
  shz_assessment_editor_reload (self);
  return self;
}

gint64
shz_assessment_editor_get_engagement_id (ShzAssessmentEditor *self)
{
  g_return_val_if_fail (SHZ_IS_ASSESSMENT_EDITOR (self), 0);
  return self->engagement_id;
}

void
shz_assessment_editor_reload (ShzAssessmentEditor *self)
{
  g_autoptr(ShzAssessment) as = NULL;
  g_autoptr(GError) error = NULL;
  gboolean read_only;

  g_return_if_fail (SHZ_IS_ASSESSMENT_EDITOR (self));

  read_only = shz_store_is_read_only (self->store);
  as = shz_assessment_load (self->store, self->engagement_id, NULL, NULL, &error);
  if (as == NULL)
    {
      /* Rows the catalogue does not know (an imported file): say so, edit nothing. */
      g_autofree char *text = g_strdup_printf (_("This assessment cannot be edited here: %s"), error->message);
      self->scores_id = newest_dataset_id (self, SHZ_KIND_SCORES);
      self->links_id = newest_dataset_id (self, SHZ_KIND_LINKS);
      fill (self, NULL);
      set_notice (self, text);
      gtk_widget_set_sensitive (GTK_WIDGET (self->main_stack), FALSE);
      gtk_stack_set_visible_child_name (self->main_stack, "editor");
      update_actions (self);
      return;
    }
  self->scores_id = shz_assessment_get_scores_dataset_id (as);
  self->links_id = shz_assessment_get_links_dataset_id (as);
  fill (self, as);

  if (read_only)
    set_notice (self, shz_store_get_read_only_message (self->store));
  else if (shz_assessment_is_illustrative (as))
    set_notice (self, _("These scores and links are illustrative (invented for the demo). Edit them freely, or "
                        "start from your client’s own by importing a scores and a links dataset."));
  else
    set_notice (self, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->main_stack), !read_only);
  self->started = self->started || self->scores_id != 0 || self->links_id != 0;
  gtk_stack_set_visible_child_name (self->main_stack, self->started ? "editor" : "empty");
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, self->started);
  update_actions (self);
}

gboolean
shz_assessment_editor_is_empty (ShzAssessmentEditor *self)
{
  g_return_val_if_fail (SHZ_IS_ASSESSMENT_EDITOR (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "empty") == 0;
}

GtkWidget *
shz_assessment_editor_get_start_button (ShzAssessmentEditor *self)
{
  g_return_val_if_fail (SHZ_IS_ASSESSMENT_EDITOR (self), NULL);
  return self->start_button;
}

GtkSpinButton *
shz_assessment_editor_get_score_spin (ShzAssessmentEditor *self,
                                      const char          *framework,
                                      const char          *item,
                                      ShzAssessmentState   state)
{
  g_autofree char *key = NULL;
  ItemRow *it;

  g_return_val_if_fail (SHZ_IS_ASSESSMENT_EDITOR (self), NULL);
  key = item_key (framework, item);
  it = g_hash_table_lookup (self->item_index, key);
  return it != NULL ? it->spin[state == SHZ_STATE_TO_BE ? 1 : 0] : NULL;
}

GtkEditable *
shz_assessment_editor_get_note_entry (ShzAssessmentEditor *self,
                                      const char          *framework,
                                      const char          *item)
{
  g_autofree char *key = NULL;
  ItemRow *it;

  g_return_val_if_fail (SHZ_IS_ASSESSMENT_EDITOR (self), NULL);
  key = item_key (framework, item);
  it = g_hash_table_lookup (self->item_index, key);
  return it != NULL ? GTK_EDITABLE (it->note) : NULL;
}

GtkWidget *
shz_assessment_editor_get_add_link_button (ShzAssessmentEditor *self)
{
  g_return_val_if_fail (SHZ_IS_ASSESSMENT_EDITOR (self), NULL);
  return self->add_link_button;
}

guint
shz_assessment_editor_get_n_links (ShzAssessmentEditor *self)
{
  g_return_val_if_fail (SHZ_IS_ASSESSMENT_EDITOR (self), 0);
  return self->links->len;
}

GtkWidget *
shz_assessment_editor_get_link_control (ShzAssessmentEditor *self,
                                        guint                i,
                                        ShzLinkControl       control)
{
  g_return_val_if_fail (SHZ_IS_ASSESSMENT_EDITOR (self), NULL);
  g_return_val_if_fail (control <= SHZ_LINK_CONTROL_REMOVE, NULL);
  if (i >= self->links->len)
    return NULL;
  return ((LinkRow *) self->links->pdata[i])->control[control];
}

gint64
shz_assessment_editor_get_scores_dataset_id (ShzAssessmentEditor *self)
{
  g_return_val_if_fail (SHZ_IS_ASSESSMENT_EDITOR (self), 0);
  return self->scores_id;
}

gint64
shz_assessment_editor_get_links_dataset_id (ShzAssessmentEditor *self)
{
  g_return_val_if_fail (SHZ_IS_ASSESSMENT_EDITOR (self), 0);
  return self->links_id;
}
