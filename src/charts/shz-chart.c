/* shz-chart.c — the generic chart: language, theme, items for hit-testing and keyboard
 * navigation, settings as a key file, and the one render entry point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "charts/shz-chart.h"
#include "charts/shz-chart-text.h"

typedef struct
{
  ShzChartLang     lang;
  ShzChartThemeId  theme;
  double           width;
  double           height;
  gboolean         laid_out;
  double           raster_scale;
  gboolean         interactive;
  GArray          *items;      /* of ShzChartItem */
  char            *selected;
  char            *hovered;
  char            *moving;
} ShzChartPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (ShzChart, shz_chart, G_TYPE_OBJECT)

G_DEFINE_QUARK (shz-chart-error-quark, shz_chart_error)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define SETTINGS_GROUP "chart"

static void
item_clear (gpointer data)
{
  ShzChartItem *item = data;

  g_clear_pointer (&item->id, g_free);
  g_clear_pointer (&item->label, g_free);
  g_clear_pointer (&item->description, g_free);
}

/* ---- language ---- */

const char *
shz_chart_lang_to_string (ShzChartLang lang)
{
  return lang == SHZ_CHART_LANG_EN ? "en" : "zh_CN";
}

gboolean
shz_chart_lang_from_string (const char   *s,
                            ShzChartLang *out)
{
  if (s == NULL)
    return FALSE;
  if (g_ascii_strncasecmp (s, "zh", 2) == 0)
    *out = SHZ_CHART_LANG_ZH_CN;
  else if (g_ascii_strncasecmp (s, "en", 2) == 0 || g_ascii_strcasecmp (s, "C") == 0)
    *out = SHZ_CHART_LANG_EN;
  else
    return FALSE;
  if (strlen (s) > 2 && s[2] != '_' && s[2] != '-' && s[2] != '.')
    return FALSE;
  return TRUE;
}

/* ---- default vfuncs ---- */

static char *
shz_chart_real_hit_test (ShzChart *self,
                         double    x,
                         double    y)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);

  /* Last added is drawn on top: search backwards. */
  for (guint i = priv->items->len; i > 0; i--)
    {
      const ShzChartItem *item = &g_array_index (priv->items, ShzChartItem, i - 1);
      if (shz_rect_contains_point (&item->bounds, x, y))
        return g_strdup (item->id);
    }
  return NULL;
}

static char *
shz_chart_real_get_title (ShzChart *self)
{
  return g_strdup (SHZ_CHART_GET_CLASS (self)->kind);
}

static char *
shz_chart_real_describe (ShzChart *self)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  GString *s = g_string_new (NULL);
  g_autofree char *title = shz_chart_get_title (self);

  g_string_append (s, title);
  g_string_append_c (s, '\n');
  for (guint i = 0; i < priv->items->len; i++)
    {
      const ShzChartItem *item = &g_array_index (priv->items, ShzChartItem, i);
      g_string_append_printf (s, "%s\n", item->description ? item->description : item->label);
    }
  return g_string_free (s, FALSE);
}

/* ---- GObject ---- */

static void
shz_chart_finalize (GObject *object)
{
  ShzChart *self = SHZ_CHART (object);
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);

  g_clear_pointer (&priv->items, g_array_unref);
  g_clear_pointer (&priv->selected, g_free);
  g_clear_pointer (&priv->hovered, g_free);
  g_clear_pointer (&priv->moving, g_free);

  G_OBJECT_CLASS (shz_chart_parent_class)->finalize (object);
}

static void
shz_chart_class_init (ShzChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = shz_chart_finalize;

  klass->hit_test = shz_chart_real_hit_test;
  klass->get_title = shz_chart_real_get_title;
  klass->describe = shz_chart_real_describe;

  /* Anything drawn changed (data, settings, language, theme, highlight): redraw. */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
shz_chart_init (ShzChart *self)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);

  priv->lang = SHZ_CHART_LANG_ZH_CN;
  priv->theme = SHZ_CHART_THEME_LIGHT;
  priv->items = g_array_new (FALSE, TRUE, sizeof (ShzChartItem));
  g_array_set_clear_func (priv->items, item_clear);
}

/* ---- public API ---- */

const char *
shz_chart_get_kind (ShzChart *self)
{
  g_return_val_if_fail (SHZ_IS_CHART (self), NULL);
  return SHZ_CHART_GET_CLASS (self)->kind;
}

ShzChartLang
shz_chart_get_lang (ShzChart *self)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  g_return_val_if_fail (SHZ_IS_CHART (self), SHZ_CHART_LANG_ZH_CN);
  return priv->lang;
}

void
shz_chart_set_lang (ShzChart     *self,
                    ShzChartLang  lang)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  g_return_if_fail (SHZ_IS_CHART (self));
  if (priv->lang == lang)
    return;
  priv->lang = lang;
  shz_chart_invalidate (self);
}

ShzChartThemeId
shz_chart_get_theme (ShzChart *self)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  g_return_val_if_fail (SHZ_IS_CHART (self), SHZ_CHART_THEME_LIGHT);
  return priv->theme;
}

void
shz_chart_set_theme (ShzChart        *self,
                     ShzChartThemeId  theme)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  g_return_if_fail (SHZ_IS_CHART (self));
  if (priv->theme == theme)
    return;
  priv->theme = theme;
  shz_chart_invalidate (self);
}

const ShzChartTheme *
shz_chart_get_theme_colors (ShzChart *self)
{
  return shz_chart_theme_get (shz_chart_get_theme (self));
}

gboolean
shz_chart_load (ShzChart    *self,
                ShzStore    *store,
                gint64       engagement_id,
                const char  *dataset,
                const char  *period,
                GError     **error)
{
  ShzChartClass *klass;

  g_return_val_if_fail (SHZ_IS_CHART (self), FALSE);
  g_return_val_if_fail (store != NULL, FALSE);

  klass = SHZ_CHART_GET_CLASS (self);
  if (klass->load == NULL)
    {
      g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_NOT_IMPLEMENTED,
                   _("The chart “%s” cannot load data yet"), klass->kind);
      return FALSE;
    }
  if (!klass->load (self, store, engagement_id, dataset, period, error))
    return FALSE;
  shz_chart_invalidate (self);
  return TRUE;
}

void
shz_chart_ensure_layout (ShzChart     *self,
                         PangoContext *pango,
                         double        width,
                         double        height)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  PangoContext *own = NULL;

  g_return_if_fail (SHZ_IS_CHART (self));

  if (priv->laid_out && priv->width == width && priv->height == height)
    return;
  if (pango == NULL)
    {
      pango = own = shz_chart_text_create_context ();
      shz_chart_text_set_language (own, shz_chart_lang_to_string (priv->lang));
    }

  priv->width = width;
  priv->height = height;
  shz_chart_clear_items (self);
  if (SHZ_CHART_GET_CLASS (self)->layout != NULL)
    SHZ_CHART_GET_CLASS (self)->layout (self, pango, width, height);
  priv->laid_out = TRUE;
  g_clear_object (&own);
}

void
shz_chart_render (ShzChart *self,
                  cairo_t  *cr,
                  double    width,
                  double    height)
{
  g_return_if_fail (SHZ_IS_CHART (self));
  g_return_if_fail (cr != NULL);

  shz_chart_ensure_layout (self, NULL, width, height);
  cairo_save (cr);
  if (SHZ_CHART_GET_CLASS (self)->render != NULL)
    SHZ_CHART_GET_CLASS (self)->render (self, cr);
  cairo_restore (cr);
}

double
shz_chart_get_width (ShzChart *self)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  return priv->width;
}

double
shz_chart_get_height (ShzChart *self)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  return priv->height;
}

void
shz_chart_set_raster_scale (ShzChart *self,
                            double    scale)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  g_return_if_fail (SHZ_IS_CHART (self));
  priv->raster_scale = MAX (scale, 0);
}

double
shz_chart_get_raster_scale (ShzChart *self)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  return priv->raster_scale;
}

double
shz_chart_device_scale (cairo_t *cr)
{
  double dx = 1, dy = 0;

  cairo_user_to_device_distance (cr, &dx, &dy);
  return MAX (hypot (dx, dy), 0.01);
}

void
shz_chart_set_interactive (ShzChart *self,
                           gboolean  interactive)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  g_return_if_fail (SHZ_IS_CHART (self));
  priv->interactive = !!interactive;
}

gboolean
shz_chart_get_interactive (ShzChart *self)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  g_return_val_if_fail (SHZ_IS_CHART (self), FALSE);
  return priv->interactive;
}

void
shz_chart_set_moving (ShzChart   *self,
                      const char *id)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  g_return_if_fail (SHZ_IS_CHART (self));
  g_free (priv->moving);
  priv->moving = g_strdup (id);
}

const char *
shz_chart_get_moving (ShzChart *self)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  g_return_val_if_fail (SHZ_IS_CHART (self), NULL);
  return priv->moving;
}

void
shz_chart_invalidate (ShzChart *self)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  g_return_if_fail (SHZ_IS_CHART (self));
  priv->laid_out = FALSE;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

guint
shz_chart_get_n_items (ShzChart *self)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  return priv->items->len;
}

const ShzChartItem *
shz_chart_get_item (ShzChart *self,
                    guint     i)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  g_return_val_if_fail (i < priv->items->len, NULL);
  return &g_array_index (priv->items, ShzChartItem, i);
}

const ShzChartItem *
shz_chart_find_item (ShzChart   *self,
                     const char *id)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);

  if (id == NULL)
    return NULL;
  for (guint i = 0; i < priv->items->len; i++)
    {
      const ShzChartItem *item = &g_array_index (priv->items, ShzChartItem, i);
      if (g_strcmp0 (item->id, id) == 0)
        return item;
    }
  return NULL;
}

char *
shz_chart_hit_test (ShzChart *self,
                    double    x,
                    double    y)
{
  g_return_val_if_fail (SHZ_IS_CHART (self), NULL);
  return SHZ_CHART_GET_CLASS (self)->hit_test (self, x, y);
}

char *
shz_chart_hit_label (ShzChart *self,
                     double    x,
                     double    y)
{
  g_return_val_if_fail (SHZ_IS_CHART (self), NULL);
  if (SHZ_CHART_GET_CLASS (self)->hit_label == NULL)
    return NULL;
  return SHZ_CHART_GET_CLASS (self)->hit_label (self, x, y);
}

void
shz_chart_move_label (ShzChart   *self,
                      const char *id,
                      double      dx,
                      double      dy)
{
  g_return_if_fail (SHZ_IS_CHART (self));
  if (SHZ_CHART_GET_CLASS (self)->move_label == NULL || id == NULL)
    return;
  SHZ_CHART_GET_CLASS (self)->move_label (self, id, dx, dy);
  shz_chart_invalidate (self);
}

void
shz_chart_unpin_labels (ShzChart *self)
{
  g_return_if_fail (SHZ_IS_CHART (self));
  if (SHZ_CHART_GET_CLASS (self)->unpin_labels == NULL)
    return;
  SHZ_CHART_GET_CLASS (self)->unpin_labels (self);
  shz_chart_invalidate (self);
}

char *
shz_chart_hit_movable (ShzChart *self,
                       double    x,
                       double    y)
{
  g_return_val_if_fail (SHZ_IS_CHART (self), NULL);
  if (SHZ_CHART_GET_CLASS (self)->hit_movable == NULL)
    return NULL;
  return SHZ_CHART_GET_CLASS (self)->hit_movable (self, x, y);
}

gboolean
shz_chart_move_item (ShzChart   *self,
                     const char *id,
                     double      dx,
                     double      dy)
{
  g_return_val_if_fail (SHZ_IS_CHART (self), FALSE);
  if (SHZ_CHART_GET_CLASS (self)->move_item == NULL || id == NULL || !isfinite (dx) || !isfinite (dy))
    return FALSE;
  if (!SHZ_CHART_GET_CLASS (self)->move_item (self, id, dx, dy))
    return FALSE;
  shz_chart_invalidate (self);
  return TRUE;
}

gboolean
shz_chart_can_move (ShzChart   *self,
                    const char *id)
{
  g_return_val_if_fail (SHZ_IS_CHART (self), FALSE);
  if (SHZ_CHART_GET_CLASS (self)->can_move == NULL)
    return FALSE;
  return SHZ_CHART_GET_CLASS (self)->can_move (self, id);
}

gboolean
shz_chart_is_moved (ShzChart   *self,
                    const char *id)
{
  g_return_val_if_fail (SHZ_IS_CHART (self), FALSE);
  if (SHZ_CHART_GET_CLASS (self)->is_moved == NULL)
    return FALSE;
  return SHZ_CHART_GET_CLASS (self)->is_moved (self, id);
}

gboolean
shz_chart_reset_layout (ShzChart *self)
{
  g_return_val_if_fail (SHZ_IS_CHART (self), FALSE);
  if (SHZ_CHART_GET_CLASS (self)->reset_layout == NULL || !shz_chart_is_moved (self, NULL))
    return FALSE;
  SHZ_CHART_GET_CLASS (self)->reset_layout (self);
  shz_chart_invalidate (self);
  return TRUE;
}

void
shz_chart_set_selected (ShzChart   *self,
                        const char *id)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  g_return_if_fail (SHZ_IS_CHART (self));
  if (g_strcmp0 (priv->selected, id) == 0)
    return;
  g_free (priv->selected);
  priv->selected = g_strdup (id);
  /* Highlight only: no new layout needed. */
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

const char *
shz_chart_get_selected (ShzChart *self)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  return priv->selected;
}

void
shz_chart_set_hovered (ShzChart   *self,
                       const char *id)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  g_return_if_fail (SHZ_IS_CHART (self));
  if (g_strcmp0 (priv->hovered, id) == 0)
    return;
  g_free (priv->hovered);
  priv->hovered = g_strdup (id);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

const char *
shz_chart_get_hovered (ShzChart *self)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  return priv->hovered;
}

char *
shz_chart_get_title (ShzChart *self)
{
  g_return_val_if_fail (SHZ_IS_CHART (self), NULL);
  return SHZ_CHART_GET_CLASS (self)->get_title (self);
}

char *
shz_chart_describe (ShzChart *self)
{
  g_return_val_if_fail (SHZ_IS_CHART (self), NULL);
  return SHZ_CHART_GET_CLASS (self)->describe (self);
}

gboolean
shz_chart_load_settings (ShzChart    *self,
                         const char  *text,
                         GError     **error)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *theme = NULL;

  g_return_val_if_fail (SHZ_IS_CHART (self), FALSE);

  if (text == NULL)
    return TRUE;
  if (!g_key_file_load_from_data (kf, text, (gsize) -1, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_INVALID,
                   _("The saved settings of the chart “%s” are not readable: %s"),
                   shz_chart_get_kind (self), local_error->message);
      return FALSE;
    }

  lang = g_key_file_get_string (kf, SETTINGS_GROUP, "lang", NULL);
  if (lang != NULL)
    shz_chart_lang_from_string (lang, &priv->lang);
  theme = g_key_file_get_string (kf, SETTINGS_GROUP, "theme", NULL);
  if (theme != NULL)
    shz_chart_theme_from_string (theme, &priv->theme);

  if (SHZ_CHART_GET_CLASS (self)->load_settings != NULL)
    SHZ_CHART_GET_CLASS (self)->load_settings (self, kf);
  if (SHZ_CHART_GET_CLASS (self)->load_layout != NULL)
    SHZ_CHART_GET_CLASS (self)->load_layout (self, kf);
  shz_chart_invalidate (self);
  return TRUE;
}

char *
shz_chart_save_settings (ShzChart *self)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  g_autoptr(GKeyFile) kf = g_key_file_new ();

  g_return_val_if_fail (SHZ_IS_CHART (self), NULL);

  g_key_file_set_string (kf, SETTINGS_GROUP, "kind", shz_chart_get_kind (self));
  g_key_file_set_string (kf, SETTINGS_GROUP, "lang", shz_chart_lang_to_string (priv->lang));
  g_key_file_set_string (kf, SETTINGS_GROUP, "theme", shz_chart_theme_to_string (priv->theme));
  if (SHZ_CHART_GET_CLASS (self)->save_settings != NULL)
    SHZ_CHART_GET_CLASS (self)->save_settings (self, kf);
  if (SHZ_CHART_GET_CLASS (self)->save_layout != NULL)
    SHZ_CHART_GET_CLASS (self)->save_layout (self, kf);
  return g_key_file_to_data (kf, NULL, NULL);
}

gboolean
shz_chart_load_settings_from_store (ShzChart  *self,
                                    ShzStore  *store,
                                    gint64     engagement_id,
                                    GError   **error)
{
  g_autofree char *text = NULL;
  GError *local_error = NULL;

  text = shz_store_get_chart_settings (store, engagement_id, shz_chart_get_kind (self), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return shz_chart_load_settings (self, text, error);
}

gboolean
shz_chart_save_settings_to_store (ShzChart  *self,
                                  ShzStore  *store,
                                  gint64     engagement_id,
                                  GError   **error)
{
  g_autofree char *text = shz_chart_save_settings (self);
  /* Translators: a step in the undo history; %s is the chart's name, e.g. "Maturity map". */
  g_autofree char *label = g_strdup_printf (_("Change chart: %s"), shz_chart_kind_get_name (shz_chart_get_kind (self)));

  return shz_store_set_chart_settings_labelled (store, engagement_id, shz_chart_get_kind (self), text, label, error);
}

void
shz_chart_clear_items (ShzChart *self)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  g_array_set_size (priv->items, 0);
}

/* A copy of @text that is valid UTF-8 (checked first: a layout of thousands of links adds
 * them at every drag step, nearly always valid). */
static char *
valid_utf8 (const char *text)
{
  return g_utf8_validate (text, -1, NULL) ? g_strdup (text) : g_utf8_make_valid (text, -1);
}

ShzChartItem *
shz_chart_add_item (ShzChart      *self,
                    const char    *id,
                    const char    *label,
                    const char    *description,
                    double         x,
                    double         y,
                    const ShzRect *bounds)
{
  ShzChartPrivate *priv = shz_chart_get_instance_private (self);
  ShzChartItem item = { 0 };

  g_return_val_if_fail (id != NULL, NULL);

  /* ids stay as stored (they find rows again); what is shown is valid UTF-8 */
  item.id = g_strdup (id);
  item.label = valid_utf8 (label ? label : id);
  item.description = description ? valid_utf8 (description) : NULL;
  item.x = x;
  item.y = y;
  item.bounds = bounds ? *bounds : shz_rect_make (x - 4, y - 4, 8, 8);
  g_array_append_val (priv->items, item);
  return &g_array_index (priv->items, ShzChartItem, priv->items->len - 1);
}

void
shz_chart_format_g (double v,
                    char   buf[32])
{
  double a = fabs (v), m;
  int e, frac, n = 0, len = 0;
  guint64 digits, scale = 1, whole;
  char rev[24];

  if (v == 0)
    {
      g_strlcpy (buf, signbit (v) ? "-0" : "0", 32);
      return;
    }
  if (!isfinite (v) || a < 1e-4 || a >= 1e6)
    {
      g_ascii_formatd (buf, 32, "%g", v);
      return;
    }
  /* six significant digits: a × 10^(5 − e) rounded half to even as printf does, e the
   * exponent (again if it rounds up) */
  e = (int) floor (log10 (a));
  m = rint (a * pow (10, 5 - e));
  if (m >= 1e6)
    {
      e++;
      m = rint (a * pow (10, 5 - e));
    }
  if (e >= 6)
    {
      g_ascii_formatd (buf, 32, "%g", v);
      return;
    }
  frac = 5 - e;                 /* digits after the point, 0 … 9 */
  digits = (guint64) m;
  while (frac > 0 && digits % 10 == 0)
    {
      digits /= 10;
      frac--;
    }
  for (int i = 0; i < frac; i++)
    scale *= 10;
  if (v < 0)
    buf[n++] = '-';
  whole = digits / scale;
  do
    {
      rev[len++] = (char) ('0' + whole % 10);
      whole /= 10;
    }
  while (whole > 0);
  while (len > 0)
    buf[n++] = rev[--len];
  if (frac > 0)
    {
      guint64 f = digits % scale;

      buf[n++] = '.';
      for (int i = frac - 1; i >= 0; i--)
        {
          buf[n + i] = (char) ('0' + f % 10);
          f /= 10;
        }
      n += frac;
    }
  buf[n] = '\0';
}
