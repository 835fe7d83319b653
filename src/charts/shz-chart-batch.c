/* shz-chart-batch.c — charts of an engagement to files (see the header).  One chart is loaded as
 * `shuzhi export` always did: a new chart of the kind, the settings saved with the engagement,
 * the language and theme asked for, the data; then shz_chart_export() writes each format.
 * Pseudonymised exports draw from a temporary pseudonymised copy of the engagement, one per
 * chart language, so every text of every chart follows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "charts/shz-chart-batch.h"

/* Pseudonymised copies, made on first use: [SHZ_CHART_LANG_ZH_CN], [SHZ_CHART_LANG_EN]. */
typedef struct {
  ShzStore *store[2];
  gint64    id[2];
} Copies;

static void
copies_clear (Copies *c)
{
  for (guint i = 0; i < G_N_ELEMENTS (c->store); i++)
    g_clear_pointer (&c->store[i], shz_store_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Copies, copies_clear)

void
shz_chart_batch_options_init (ShzChartBatchOptions *options)
{
  *options = (ShzChartBatchOptions) { .formats = SHZ_CHART_BATCH_FORMAT (SHZ_EXPORT_PNG) };
  shz_export_options_init (&options->size, SHZ_EXPORT_PNG);
}

void
shz_chart_batch_skip_free (ShzChartBatchSkip *skip)
{
  if (skip == NULL)
    return;
  g_free (skip->kind);
  g_clear_error (&skip->reason);
  g_free (skip);
}

char *
shz_chart_batch_file_name (const char      *folder,
                           const char      *kind,
                           ShzExportFormat  format)
{
  g_autofree char *name = g_strdup_printf ("%s.%s", kind, shz_export_format_to_string (format));

  return g_build_filename (folder, name, NULL);
}

/* The export options of @format: the preset's, or the custom size. */
static gboolean
options_for_format (const ShzChartBatchOptions *o,
                    ShzExportFormat             format,
                    ShzExportOptions           *out,
                    GError                    **error)
{
  double wu, hu, scale;
  int wp, hp;

  if (o->preset != NULL)
    {
      if (!shz_export_options_from_preset (o->preset, format, out))
        {
          g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_INVALID,
                       _("Unknown size preset “%s” (expected slide, a4, square or screen)"), o->preset);
          return FALSE;
        }
    }
  else
    {
      *out = o->size;
      out->format = format;
    }
  return shz_export_options_resolve (out, &wu, &hu, &wp, &hp, &scale, error);
}

static gboolean
check_options (const ShzChartBatchOptions *o,
               GError                    **error)
{
  ShzChartLang lang;
  ShzChartThemeId theme;

  if (o->lang != NULL && !shz_chart_lang_from_string (o->lang, &lang))
    {
      g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_INVALID,
                   _("Unknown chart language “%s” (expected zh_CN or en)"), o->lang);
      return FALSE;
    }
  if (o->theme != NULL && !shz_chart_theme_from_string (o->theme, &theme))
    {
      g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_INVALID,
                   _("Unknown theme “%s” (expected light or dark)"), o->theme);
      return FALSE;
    }
  return TRUE;
}

static int
by_id (gconstpointer a,
       gconstpointer b)
{
  gint64 x = (*(ShzDataset * const *) a)->id, y = (*(ShzDataset * const *) b)->id;
  return x < y ? -1 : x > y;
}

/* The name dataset @name of engagement @id has in the pseudonymised copy: a name holding the
 * client's was rewritten there.  The copy keeps the datasets in the order of their ids, so the
 * one at the same rank is the same dataset.  NULL when there is no such dataset (the load then
 * says so, with the name the user gave). */
static char *
name_in_copy (ShzStore   *store,
              gint64      id,
              ShzStore   *copy,
              gint64      copy_id,
              const char *name)
{
  g_autoptr(GPtrArray) mine = shz_store_list_datasets (store, id, NULL);
  g_autoptr(GPtrArray) theirs = shz_store_list_datasets (copy, copy_id, NULL);

  if (mine == NULL || theirs == NULL || mine->len != theirs->len)
    return NULL;
  g_ptr_array_sort (mine, by_id);
  g_ptr_array_sort (theirs, by_id);
  for (guint i = 0; i < mine->len; i++)
    if (g_strcmp0 (((ShzDataset *) g_ptr_array_index (mine, i))->name, name) == 0)
      return g_strdup (((ShzDataset *) g_ptr_array_index (theirs, i))->name);
  return NULL;
}

/* A chart of @kind loaded as the options ask, from @store or, pseudonymised, from the copy in
 * its language.  NULL with the reason it cannot be drawn; *@fatal when the reason is not the
 * chart's (the copy could not be made). */
static ShzChart *
load_chart (ShzStore                   *store,
            gint64                      engagement_id,
            const char                 *kind,
            const ShzChartBatchOptions *o,
            Copies                     *copies,
            gboolean                   *fatal,
            GError                    **error)
{
  g_autoptr(ShzChart) chart = NULL;
  g_autofree char *dataset = NULL;
  ShzChartLang lang;
  ShzChartThemeId theme;

  *fatal = FALSE;
  chart = shz_chart_new (kind, error);
  if (chart == NULL || !shz_chart_load_settings_from_store (chart, store, engagement_id, error))
    return NULL;
  if (o->lang != NULL && shz_chart_lang_from_string (o->lang, &lang))
    shz_chart_set_lang (chart, lang);
  lang = shz_chart_get_lang (chart);

  if (o->pseudonymise)
    {
      guint i = lang == SHZ_CHART_LANG_EN ? 1 : 0;

      if (copies->store[i] == NULL)
        {
          copies->store[i] = shz_store_open_pseudonymised_copy (store, engagement_id,
                                                                shz_chart_lang_to_string (lang),
                                                                &copies->id[i], error);
          if (copies->store[i] == NULL)
            {
              *fatal = TRUE;
              return NULL;
            }
        }
      if (o->dataset != NULL)
        dataset = name_in_copy (store, engagement_id, copies->store[i], copies->id[i], o->dataset);
      /* The settings again, from the copy: pinned labels may name an enterprise. */
      store = copies->store[i];
      engagement_id = copies->id[i];
      if (!shz_chart_load_settings_from_store (chart, store, engagement_id, error))
        return NULL;
      shz_chart_set_lang (chart, lang);
    }
  if (o->theme != NULL && shz_chart_theme_from_string (o->theme, &theme))
    shz_chart_set_theme (chart, theme);
  if (!shz_chart_load (chart, store, engagement_id, dataset ? dataset : o->dataset, o->period, error))
    return NULL;
  return g_steal_pointer (&chart);
}

gboolean
shz_chart_export_kind (ShzStore                   *store,
                       gint64                      engagement_id,
                       const char                 *kind,
                       const ShzChartBatchOptions *options,
                       ShzExportFormat             format,
                       const char                 *path,
                       GError                    **error)
{
  g_auto(Copies) copies = { { NULL } };
  g_autoptr(ShzChart) chart = NULL;
  ShzExportOptions eo;
  gboolean fatal;

  g_return_val_if_fail (store != NULL && kind != NULL && options != NULL && path != NULL, FALSE);

  if (!check_options (options, error) || !options_for_format (options, format, &eo, error))
    return FALSE;
  chart = load_chart (store, engagement_id, kind, options, &copies, &fatal, error);
  if (chart == NULL)
    return FALSE;
  return shz_chart_export (chart, &eo, path, error);
}

GPtrArray *
shz_chart_batch_export (ShzStore                   *store,
                        gint64                      engagement_id,
                        const ShzChartBatchOptions *o,
                        const char                 *folder,
                        ShzChartBatchProgress       progress,
                        gpointer                    user_data,
                        GPtrArray                 **skipped,
                        GCancellable               *cancellable,
                        GError                    **error)
{
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) skips = g_ptr_array_new_with_free_func ((GDestroyNotify) shz_chart_batch_skip_free);
  g_auto(Copies) copies = { { NULL } };
  ShzExportOptions per_format[SHZ_EXPORT_PDF + 1];
  ShzExportFormat formats[SHZ_EXPORT_PDF + 1];
  const char * const *kinds;
  guint n_formats = 0, n_kinds, total, done = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (store != NULL && o != NULL && folder != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (skipped)
    *skipped = NULL;
  if (!check_options (o, error))
    return NULL;
  for (ShzExportFormat f = SHZ_EXPORT_PNG; f <= SHZ_EXPORT_PDF; f++)
    if ((o->formats == 0 && f == SHZ_EXPORT_PNG) || (o->formats & SHZ_CHART_BATCH_FORMAT (f)) != 0)
      {
        if (!options_for_format (o, f, &per_format[n_formats], error))
          return NULL;
        formats[n_formats++] = f;
      }
  kinds = o->kinds ? o->kinds : shz_chart_list_kinds ();
  n_kinds = g_strv_length ((char **) kinds);
  total = n_kinds * n_formats;

  if (g_mkdir_with_parents (folder, 0777) != 0 || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      int saved = errno;
      g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_IO, _("Cannot create the folder “%s”: %s"),
                   folder, g_strerror (saved ? saved : ENOTDIR));
      return NULL;
    }

  for (guint k = 0; ok && k < n_kinds; k++)
    {
      g_autoptr(ShzChart) chart = NULL;
      g_autoptr(GError) reason = NULL;
      gboolean fatal = FALSE;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      chart = load_chart (store, engagement_id, kinds[k], o, &copies, &fatal, &reason);
      if (chart == NULL)
        {
          ShzChartBatchSkip *skip;

          if (fatal)
            {
              g_propagate_error (error, g_steal_pointer (&reason));
              ok = FALSE;
              break;
            }
          g_debug ("batch export: %s skipped: %s", kinds[k], reason->message);
          done += n_formats;
          if (progress)
            progress (SHZ_CHART_BATCH_SKIPPED, done, total, kinds[k], NULL, reason, user_data);
          skip = g_new0 (ShzChartBatchSkip, 1);
          skip->kind = g_strdup (kinds[k]);
          skip->reason = g_steal_pointer (&reason);
          g_ptr_array_add (skips, skip);
          continue;
        }
      for (guint f = 0; f < n_formats; f++)
        {
          g_autofree char *path = shz_chart_batch_file_name (folder, kinds[k], formats[f]);

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              ok = FALSE;
              break;
            }
          if (progress)
            progress (SHZ_CHART_BATCH_WRITING, done, total, kinds[k], path, NULL, user_data);
          if (!shz_chart_export (chart, &per_format[f], path, error))
            {
              ok = FALSE;
              break;
            }
          done++;
          if (progress)
            progress (SHZ_CHART_BATCH_WROTE, done, total, kinds[k], path, NULL, user_data);
          g_ptr_array_add (written, g_steal_pointer (&path));
        }
    }

  if (ok && written->len == 0)
    {
      g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_NO_DATA,
                   _("No chart of this engagement could be drawn: nothing written"));
      ok = FALSE;
    }
  if (skipped)
    *skipped = g_steal_pointer (&skips);
  if (!ok)
    return NULL;
  return g_steal_pointer (&written);
}
