/* shz-catalogue.c — the set of framework catalogues and the lookups the importer, the
 * assessment and the chart kinds share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-analysis"
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "shz-catalogue.h"
#include "shz-catalogue-resources.h"

#define RESOURCE_PREFIX "/io/github/shuzhi/Shuzhi/catalogues"

struct _ShzCatalogue {
  GPtrArray  *frameworks;   /* of ShzCatFramework, owned */
  GHashTable *nodes;        /* folded name → canonical node id (borrowed from frameworks) */
  GHashTable *link_kinds;   /* folded name → link kind id */
  /* By name, for the lookups a scores import or an assessment makes once a row: the first
   * framework (item) in document order whose id or label folds to the name, as a scan would
   * find it (an exact id is looked up first, as shz_cat_framework_lookup_item() does). */
  GHashTable *framework_names;  /* folded id or label → ShzCatFramework */
  GHashTable *item_names;       /* "framework id\x1ffolded id or label" → ShzCatItem */
};

/* Shipped catalogues, in display order. */
static const char * const builtin_files[] = {
  "value-chain.xml", "value-network.xml", "rhc-chains.xml", "evolution-paths.xml",
};

/* A name as typed by a user: trimmed, and case-folded so "Retail" and "retail" match. */
static char *
fold_name (const char *name)
{
  g_autofree char *copy = g_strstrip (g_strdup (name));
  return g_utf8_casefold (copy, -1);
}

static gboolean
name_matches (const char *name_folded, const char *candidate)
{
  g_autofree char *c = NULL;

  if (candidate == NULL)
    return FALSE;
  c = fold_name (candidate);
  return strcmp (c, name_folded) == 0;
}

static void
index_insert (GHashTable *table, const char *name, const char *id)
{
  if (name != NULL)
    g_hash_table_insert (table, fold_name (name), (gpointer) id);
}

/* Keeps the first: the one a scan in document order finds. */
static void
index_insert_first (GHashTable *table, const char *prefix, const char *name, gpointer value)
{
  g_autofree char *folded = NULL;
  char *key;

  if (name == NULL)
    return;
  folded = fold_name (name);
  key = g_strconcat (prefix ? prefix : "", prefix ? "\x1f" : "", folded, NULL);
  if (!g_hash_table_contains (table, key))
    g_hash_table_insert (table, key, value);
  else
    g_free (key);
}

static void
rebuild_name_index (ShzCatalogue *self)
{
  g_hash_table_remove_all (self->framework_names);
  g_hash_table_remove_all (self->item_names);
  for (guint i = 0; i < self->frameworks->len; i++)
    {
      ShzCatFramework *fw = self->frameworks->pdata[i];

      index_insert_first (self->framework_names, NULL, fw->id, fw);
      index_insert_first (self->framework_names, NULL, fw->label.zh, fw);
      index_insert_first (self->framework_names, NULL, fw->label.en, fw);
      for (guint k = 0; k < fw->items->len; k++)
        {
          ShzCatItem *item = fw->items->pdata[k];

          index_insert_first (self->item_names, fw->id, item->id, item);
          index_insert_first (self->item_names, fw->id, item->label.zh, item);
          index_insert_first (self->item_names, fw->id, item->label.en, item);
        }
    }
}

/* Node names come from the chain and network frameworks: ids and labels in both languages
 * (资金 in the chain and 金融 in the network both name "finance"). */
static void
rebuild_index (ShzCatalogue *self)
{
  g_hash_table_remove_all (self->nodes);
  g_hash_table_remove_all (self->link_kinds);
  for (guint i = 0; i < self->frameworks->len; i++)
    {
      ShzCatFramework *fw = self->frameworks->pdata[i];

      if (fw->kind != SHZ_CAT_FRAMEWORK_CHAIN && fw->kind != SHZ_CAT_FRAMEWORK_NETWORK)
        continue;
      for (guint k = 0; k < fw->items->len; k++)
        {
          ShzCatItem *item = fw->items->pdata[k];
          GHashTable *table;

          switch (item->kind)
            {
            case SHZ_CAT_CENTRE:
            case SHZ_CAT_STAGE:
            case SHZ_CAT_SUPPORT:
            case SHZ_CAT_STREAM:
              table = self->nodes;
              break;
            case SHZ_CAT_LINK_KIND:
              table = self->link_kinds;
              break;
            case SHZ_CAT_AUDIENCE:
            case SHZ_CAT_CHAIN:
            case SHZ_CAT_CAPABILITY:
            case SHZ_CAT_SCENE:
            case SHZ_CAT_AXIS:
            case SHZ_CAT_PATH:
            default:
              continue;
            }
          /* Labels first, ids last: an id always wins over a label spelled the same. */
          index_insert (table, item->label.zh, item->id);
          index_insert (table, item->label.en, item->id);
          index_insert (table, item->id, item->id);
        }
    }
}

ShzCatalogue *
shz_catalogue_new (void)
{
  ShzCatalogue *self = g_new0 (ShzCatalogue, 1);

  self->frameworks = g_ptr_array_new_with_free_func ((GDestroyNotify) shz_cat_framework_free);
  self->nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->link_kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->framework_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->item_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
shz_catalogue_free (ShzCatalogue *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->frameworks);
  g_hash_table_unref (self->nodes);
  g_hash_table_unref (self->link_kinds);
  g_hash_table_unref (self->framework_names);
  g_hash_table_unref (self->item_names);
  g_free (self);
}

static void
take_frameworks (ShzCatalogue *self, GPtrArray *read)
{
  for (guint i = 0; i < read->len; i++)
    {
      ShzCatFramework *fw = read->pdata[i];
      gboolean replaced = FALSE;

      read->pdata[i] = NULL;
      for (guint k = 0; k < self->frameworks->len && !replaced; k++)
        if (strcmp (((ShzCatFramework *) self->frameworks->pdata[k])->id, fw->id) == 0)
          {
            shz_cat_framework_free (self->frameworks->pdata[k]);
            self->frameworks->pdata[k] = fw;
            replaced = TRUE;
          }
      if (!replaced)
        g_ptr_array_add (self->frameworks, fw);
    }
  rebuild_index (self);
  rebuild_name_index (self);
}

gboolean
shz_catalogue_add_bytes (ShzCatalogue *self,
                         const char   *data,
                         gsize         length,
                         const char   *name,
                         GError      **error)
{
  g_autoptr(GPtrArray) read = shz_catalogue_read_bytes (data, length, name, error);

  if (read == NULL)
    return FALSE;
  g_ptr_array_set_free_func (read, NULL);
  take_frameworks (self, read);
  return TRUE;
}

gboolean
shz_catalogue_add_file (ShzCatalogue *self,
                        const char   *path,
                        GError      **error)
{
  g_autoptr(GPtrArray) read = shz_catalogue_read_file (path, error);

  if (read == NULL)
    return FALSE;
  g_ptr_array_set_free_func (read, NULL);
  take_frameworks (self, read);
  return TRUE;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

ShzCatalogue *
shz_catalogue_load_dir (const char  *dir,
                        GError     **error)
{
  g_autoptr(ShzCatalogue) self = shz_catalogue_new ();
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_val_if_fail (dir != NULL, NULL);

  d = g_dir_open (dir, 0, error);
  if (d == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".xml") && !g_str_has_suffix (name, ".gresource.xml"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  /* Shipped frameworks keep their display order whatever the file names sort to. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < names->len; i++)
      {
        const char *file = names->pdata[i];
        gboolean shipped = FALSE;
        g_autofree char *path = NULL;

        for (guint k = 0; k < G_N_ELEMENTS (builtin_files); k++)
          shipped |= strcmp (file, builtin_files[k]) == 0;
        if (shipped != (pass == 0))
          continue;
        path = g_build_filename (dir, file, NULL);
        if (!shz_catalogue_add_file (self, path, error))
          return NULL;
      }
  return g_steal_pointer (&self);
}

ShzCatalogue *
shz_catalogue_new_builtin (void)
{
  ShzCatalogue *self = shz_catalogue_new ();
  GResource *resource = shz_catalogues_get_resource ();

  for (guint i = 0; i < G_N_ELEMENTS (builtin_files); i++)
    {
      g_autofree char *path = g_strconcat (RESOURCE_PREFIX "/", builtin_files[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      gsize length = 0;
      const char *data;

      bytes = g_resource_lookup_data (resource, path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        g_error ("built-in catalogue %s missing: %s", path, error->message);
      data = g_bytes_get_data (bytes, &length);
      if (!shz_catalogue_add_bytes (self, data, length, builtin_files[i], &error))
        g_error ("built-in catalogue %s is invalid: %s", path, error->message);
    }
  return self;
}

char *
shz_catalogue_find_dir (void)
{
  const char *source = g_getenv ("SHZ_SOURCE_DATADIR");
  g_autofree char *installed = NULL;

  if (source != NULL && source[0] != '\0')
    return g_build_filename (source, "catalogues", NULL);
  installed = g_build_filename (PKGDATADIR, "catalogues", NULL);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);
  return NULL;
}

ShzCatalogue *
shz_catalogue_load_default (GError **error)
{
  g_autoptr(ShzCatalogue) self = shz_catalogue_new_builtin ();
  g_autofree char *dir = shz_catalogue_find_dir ();
  g_autoptr(ShzCatalogue) shipped = NULL;

  if (dir == NULL)
    return g_steal_pointer (&self);
  shipped = shz_catalogue_load_dir (dir, error);
  if (shipped == NULL)
    return NULL;
  g_ptr_array_set_free_func (shipped->frameworks, NULL);
  take_frameworks (self, shipped->frameworks);
  g_ptr_array_set_size (shipped->frameworks, 0);
  g_ptr_array_set_free_func (shipped->frameworks, (GDestroyNotify) shz_cat_framework_free);
  return g_steal_pointer (&self);
}

char *
shz_catalogue_get_user_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "shuzhi", "catalogues", NULL);
}

guint
shz_catalogue_add_user_dir (ShzCatalogue *self,
                            const char   *dir,
                            GPtrArray    *errors)
{
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint added = 0;

  g_return_val_if_fail (self != NULL && dir != NULL, 0);

  d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".xml"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len && i < 256; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_autoptr(GError) error = NULL;

      if (shz_catalogue_add_file (self, path, &error))
        added++;
      else if (errors != NULL)
        g_ptr_array_add (errors, g_strdup (error->message));
    }
  return added;
}

ShzCatalogue *
shz_catalogue_get_default (void)
{
  static ShzCatalogue *catalogue;

  if (g_once_init_enter (&catalogue))
    {
      g_autoptr(GError) error = NULL;
      ShzCatalogue *loaded = shz_catalogue_load_default (&error);

      if (loaded == NULL)
        {
          g_message (_("Using the built-in framework catalogues: %s"), error->message);
          loaded = shz_catalogue_new_builtin ();
        }
      /* The tests run with the source tree's catalogues only. */
      if (g_getenv ("SHZ_SOURCE_DATADIR") == NULL)
        {
          g_autofree char *user_dir = shz_catalogue_get_user_dir ();
          g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);

          shz_catalogue_add_user_dir (loaded, user_dir, errors);
          for (guint i = 0; i < errors->len; i++)
            /* Translators: a user's catalogue file that was not loaded, then why */
            g_message (_("Left out a catalogue: %s"), (char *) errors->pdata[i]);
        }
      g_once_init_leave (&catalogue, loaded);
    }
  return catalogue;
}

guint
shz_catalogue_get_n_frameworks (ShzCatalogue *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->frameworks->len;
}

const ShzCatFramework *
shz_catalogue_get_framework (ShzCatalogue *self,
                             guint         i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->frameworks->len, NULL);
  return self->frameworks->pdata[i];
}

const ShzCatFramework *
shz_catalogue_lookup_framework (ShzCatalogue *self,
                                const char   *name)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  if (name == NULL)
    return NULL;
  for (guint i = 0; i < self->frameworks->len; i++)
    if (strcmp (((ShzCatFramework *) self->frameworks->pdata[i])->id, name) == 0)
      return self->frameworks->pdata[i];
  folded = fold_name (name);
  return g_hash_table_lookup (self->framework_names, folded);
}

const ShzCatItem *
shz_cat_framework_get_item (const ShzCatFramework *framework,
                            const char            *id)
{
  g_return_val_if_fail (framework != NULL, NULL);
  if (id == NULL)
    return NULL;
  if (framework->by_id != NULL)
    return g_hash_table_lookup (framework->by_id, id);
  for (guint i = 0; i < framework->items->len; i++)
    if (strcmp (((ShzCatItem *) framework->items->pdata[i])->id, id) == 0)
      return framework->items->pdata[i];
  return NULL;
}

const ShzCatItem *
shz_cat_framework_lookup_item (const ShzCatFramework *framework,
                               const char            *name)
{
  const ShzCatItem *item;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (framework != NULL, NULL);
  if (name == NULL)
    return NULL;
  if ((item = shz_cat_framework_get_item (framework, name)) != NULL)
    return item;
  folded = fold_name (name);
  for (guint i = 0; i < framework->items->len; i++)
    {
      ShzCatItem *it = framework->items->pdata[i];
      if (name_matches (folded, it->id) || name_matches (folded, it->label.zh) ||
          name_matches (folded, it->label.en))
        return it;
    }
  return NULL;
}

GPtrArray *
shz_cat_framework_list_items (const ShzCatFramework *framework,
                              ShzCatItemKind         kind,
                              const ShzCatItem      *parent)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (framework != NULL, out);
  for (guint i = 0; i < framework->items->len; i++)
    {
      ShzCatItem *it = framework->items->pdata[i];

      if (it->kind != kind)
        continue;
      if (parent != NULL && it->parent != parent)
        continue;
      if (parent == NULL && kind == SHZ_CAT_STAGE && it->parent != NULL)
        continue;
      g_ptr_array_add (out, it);
    }
  return out;
}

const ShzCatItem *
shz_catalogue_lookup_item (ShzCatalogue           *self,
                           const char             *framework,
                           const char             *item,
                           const ShzCatFramework **out_framework)
{
  const ShzCatFramework *fw;
  const ShzCatItem *it;
  g_autofree char *key = NULL;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  fw = shz_catalogue_lookup_framework (self, framework);
  if (out_framework != NULL)
    *out_framework = fw;
  if (fw == NULL || item == NULL)
    return NULL;
  if ((it = shz_cat_framework_get_item (fw, item)) != NULL)
    return it;
  folded = fold_name (item);
  key = g_strconcat (fw->id, "\x1f", folded, NULL);
  return g_hash_table_lookup (self->item_names, key);
}

const ShzCatItem *
shz_catalogue_lookup_score_item (ShzCatalogue           *self,
                                 const char             *framework,
                                 const char             *item,
                                 const ShzCatFramework **out_framework)
{
  const ShzCatItem *it = shz_catalogue_lookup_item (self, framework, item, out_framework);

  return it != NULL && it->scored ? it : NULL;
}

const char *
shz_catalogue_resolve_node (ShzCatalogue *self,
                            const char   *name)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  if (name == NULL)
    return NULL;
  folded = fold_name (name);
  return g_hash_table_lookup (self->nodes, folded);
}

const char *
shz_catalogue_resolve_link_kind (ShzCatalogue *self,
                                 const char   *name)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  if (name == NULL)
    return NULL;
  folded = fold_name (name);
  return g_hash_table_lookup (self->link_kinds, folded);
}

char *
shz_catalogue_describe_nodes (ShzCatalogue *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < self->frameworks->len; i++)
    {
      ShzCatFramework *fw = self->frameworks->pdata[i];

      if (fw->kind != SHZ_CAT_FRAMEWORK_CHAIN && fw->kind != SHZ_CAT_FRAMEWORK_NETWORK)
        continue;
      for (guint k = 0; k < fw->items->len; k++)
        {
          ShzCatItem *it = fw->items->pdata[k];
          if ((it->kind == SHZ_CAT_CENTRE || it->kind == SHZ_CAT_STAGE ||
               it->kind == SHZ_CAT_SUPPORT || it->kind == SHZ_CAT_STREAM) &&
              g_hash_table_add (seen, it->id))
            g_string_append_printf (s, "%s%s", s->len > 0 ? ", " : "", it->id);
        }
    }
  return g_string_free (s, FALSE);
}
