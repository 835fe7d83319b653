/* fuzz-catalogue.c — libFuzzer harness: the framework catalogue loader (a user's catalogue
 * file is untrusted): the XML reader and validation, then the catalogue's indexes and lookups
 * over whatever it accepted, alone and laid over the built-in catalogues.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "analysis/shz-catalogue.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  shz_fuzz_init ();
  return 0;
}

static void
check_text (const ShzCatText *text,
            gboolean          required)
{
  const char *zh = shz_cat_text_get (text, "zh_CN");
  const char *en = shz_cat_text_get (text, "en");

  if (required && (zh == NULL || en == NULL))
    abort ();
  if (zh && !g_utf8_validate (zh, -1, NULL))
    abort ();
  if (en && !g_utf8_validate (en, -1, NULL))
    abort ();
}

static void
exercise (ShzCatalogue *cat)
{
  g_autofree char *nodes = shz_catalogue_describe_nodes (cat);

  for (guint i = 0; i < shz_catalogue_get_n_frameworks (cat); i++)
    {
      const ShzCatFramework *fw = shz_catalogue_get_framework (cat, i);

      check_text (&fw->label, TRUE);
      if (shz_catalogue_lookup_framework (cat, fw->id) == NULL)
        abort ();
      (void) shz_catalogue_lookup_framework (cat, fw->label.en);
      (void) shz_cat_framework_kind_to_string (fw->kind);
      for (guint k = 0; k < fw->items->len; k++)
        {
          const ShzCatItem *item = fw->items->pdata[k];
          g_autoptr(GPtrArray) same = NULL;

          check_text (&item->label, TRUE);
          (void) shz_cat_item_kind_to_string (item->kind);
          if (shz_cat_framework_get_item (fw, item->id) == NULL)
            abort ();
          (void) shz_cat_framework_lookup_item (fw, item->label.zh);
          (void) shz_catalogue_lookup_score_item (cat, fw->id, item->id, NULL);
          (void) shz_catalogue_resolve_node (cat, item->label.zh);
          (void) shz_catalogue_resolve_link_kind (cat, item->label.en);
          same = shz_cat_framework_list_items (fw, item->kind, item->parent);
          for (guint c = 0; item->children && c < item->children->len; c++)
            if (((ShzCatItem *) item->children->pdata[c])->parent != item)
              abort ();
        }
    }
  (void) shz_catalogue_resolve_node (cat, "消费者");
  (void) shz_catalogue_resolve_link_kind (cat, "交易");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(ShzCatalogue) cat = NULL;

  shz_fuzz_init ();

  read = shz_catalogue_read_bytes ((const char *) data, size, "fuzz.xml", &error);
  if (read == NULL)
    {
      if (error == NULL || error->domain != SHZ_CATALOGUE_ERROR ||
          !g_str_has_prefix (error->message, "fuzz.xml"))
        abort ();
      return 0;
    }

  /* accepted: lay it over an empty catalogue, then (for half the inputs) over the built-ins */
  cat = (size & 1) ? shz_catalogue_new_builtin () : shz_catalogue_new ();
  if (!shz_catalogue_add_bytes (cat, (const char *) data, size, "fuzz.xml", &error))
    abort ();   /* it was accepted a moment ago */
  exercise (cat);
  return 0;
}
