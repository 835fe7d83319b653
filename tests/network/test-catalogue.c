/* test-catalogue.c — the shipped framework catalogues, and every class of hostile or invalid
 * catalogue a user might add, each with its error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "io/shz-catalogue-reader.h"
#include "analysis/shz-catalogue.h"

static char *
catalogue_dir (void)
{
  const char *src = g_getenv ("SHZ_SOURCE_DATADIR");
  return g_build_filename (src != NULL ? src : SOURCE_DATADIR, "catalogues", NULL);
}

static const char *
item_label (const ShzCatFramework *fw, const char *id, const char *lang)
{
  const ShzCatItem *it = shz_cat_framework_get_item (fw, id);
  g_assert_nonnull (it);
  return shz_cat_text_get (&it->label, lang);
}

static void
check_shipped (ShzCatalogue *cat)
{
  static const char * const chain_zh[] = { "商品", "制造", "品牌", "营销", "渠道", "零售", "服务" };
  static const char * const chain_ids[] = { "product", "manufacturing", "brand", "marketing",
                                            "channel", "retail", "service" };
  static const char * const streams[] = { "研发数据", "生产供应链数据", "渠道数据", "终端数据", "消费者数据" };
  const ShzCatFramework *vc, *vn, *rhc, *ev;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GPtrArray) supports = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const ShzCatItem *it;

  g_assert_cmpuint (shz_catalogue_get_n_frameworks (cat), ==, 4);
  vc = shz_catalogue_lookup_framework (cat, "value-chain");
  vn = shz_catalogue_lookup_framework (cat, "全链路环式价值网");
  rhc = shz_catalogue_lookup_framework (cat, "People, goods and place");
  ev = shz_catalogue_lookup_framework (cat, "evolution-paths");
  g_assert_nonnull (vc);
  g_assert_nonnull (vn);
  g_assert_nonnull (rhc);
  g_assert_nonnull (ev);
  g_assert_cmpstr (vn->id, ==, "value-network");
  g_assert_cmpstr (rhc->id, ==, "rhc-chains");
  g_assert_cmpstr (vc->label.zh, ==, "单向链式价值链");
  g_assert_cmpint (vc->kind, ==, SHZ_CAT_FRAMEWORK_CHAIN);

  /* 商品 → 制造 → 品牌 → 营销 → 渠道 → 零售 → 服务, on 技术 · 组织 · 资金 · 物流 */
  stages = shz_cat_framework_list_items (vc, SHZ_CAT_STAGE, NULL);
  g_assert_cmpuint (stages->len, ==, 7);
  for (guint i = 0; i < 7; i++)
    {
      ShzCatItem *s = stages->pdata[i];
      g_assert_cmpstr (s->id, ==, chain_ids[i]);
      g_assert_cmpstr (s->label.zh, ==, chain_zh[i]);
      g_assert_nonnull (s->label.en);
      g_assert_true (s->scored);
    }
  supports = shz_cat_framework_list_items (vc, SHZ_CAT_SUPPORT, NULL);
  g_assert_cmpuint (supports->len, ==, 4);
  g_assert_cmpstr (item_label (vc, "finance", "zh_CN"), ==, "资金");
  g_assert_cmpstr (item_label (vn, "finance", "zh_CN"), ==, "金融");
  it = shz_cat_framework_get_item (vc, "existing-consumers");
  g_assert_cmpstr (it->label.zh, ==, "存量消费群体");
  g_assert_cmpstr (it->relation.label.zh, ==, "单向供给关系");
  g_assert_false (it->scored);

  /* the ring */
  g_assert_cmpstr (item_label (vn, "consumer", "zh_CN"), ==, "消费者");
  list = shz_cat_framework_list_items (vn, SHZ_CAT_STREAM, NULL);
  g_assert_cmpuint (list->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (((ShzCatItem *) list->pdata[i])->label.zh, ==, streams[i]);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = shz_cat_framework_list_items (vn, SHZ_CAT_LINK_KIND, NULL);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (((ShzCatItem *) list->pdata[0])->label.zh, ==, "交易");
  g_assert_cmpstr (((ShzCatItem *) list->pdata[1])->label.zh, ==, "互动");
  g_assert_cmpstr (((ShzCatItem *) list->pdata[2])->label.zh, ==, "体验");
  g_clear_pointer (&list, g_ptr_array_unref);
  it = shz_cat_framework_get_item (vn, "incremental-consumers");
  g_assert_cmpstr (it->label.zh, ==, "增量消费群体");
  g_assert_cmpstr (it->relation.label.zh, ==, "多边链接关系");

  /* 人货场 */
  list = shz_cat_framework_list_items (rhc, SHZ_CAT_CHAIN, NULL);
  g_assert_cmpuint (list->len, ==, 3);
  {
    ShzCatItem *goods = list->pdata[0], *place = list->pdata[1], *people = list->pdata[2];
    g_autoptr(GPtrArray) gs = shz_cat_framework_list_items (rhc, SHZ_CAT_STAGE, goods);
    g_autoptr(GPtrArray) ps = shz_cat_framework_list_items (rhc, SHZ_CAT_STAGE, place);
    g_autoptr(GPtrArray) hs = shz_cat_framework_list_items (rhc, SHZ_CAT_STAGE, people);
    g_autoptr(GPtrArray) caps = shz_cat_framework_list_items (rhc, SHZ_CAT_CAPABILITY, people);
    g_autoptr(GPtrArray) scenes = shz_cat_framework_list_items (rhc, SHZ_CAT_SCENE, place);

    g_assert_cmpstr (goods->symbol.label.zh, ==, "货");
    g_assert_cmpstr (goods->label.zh, ==, "产品 to 商品全链路");
    g_assert_cmpstr (goods->outcome.label.zh, ==, "数字化商品");
    g_assert_cmpstr (place->label.zh, ==, "选址 to 零售/服务全渠道");
    g_assert_cmpstr (place->outcome.label.zh, ==, "数字化触点");
    g_assert_cmpstr (people->label.zh, ==, "营销 to 忠诚全体验");
    g_assert_cmpstr (people->outcome.label.zh, ==, "数字化营销");
    g_assert_cmpuint (gs->len, ==, 7);
    g_assert_cmpuint (ps->len, ==, 7);
    g_assert_cmpuint (hs->len, ==, 4);
    g_assert_cmpuint (caps->len, ==, 3);
    g_assert_cmpuint (scenes->len, ==, 2);
    g_assert_cmpstr (((ShzCatItem *) gs->pdata[0])->label.zh, ==, "研发设计");
    g_assert_cmpstr (((ShzCatItem *) ps->pdata[6])->label.zh, ==, "最后一公里配送");
    g_assert_cmpstr (((ShzCatItem *) hs->pdata[3])->label.zh, ==, "忠诚度提升");
    g_assert_cmpstr (((ShzCatItem *) caps->pdata[2])->label.zh, ==, "触点和转化运营");
    g_assert_cmpstr (((ShzCatItem *) scenes->pdata[0])->label.zh, ==, "交易服务场景");
    g_assert_true (((ShzCatItem *) gs->pdata[0])->parent == goods);
  }
  g_clear_pointer (&list, g_ptr_array_unref);

  /* evolution paths */
  list = shz_cat_framework_list_items (ev, SHZ_CAT_PATH, NULL);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (((ShzCatItem *) list->pdata[0])->from.label.zh, ==, "单向商流效率提速");
  g_assert_cmpstr (((ShzCatItem *) list->pdata[0])->to.label.zh, ==, "全链路要素价值共振");
  g_assert_cmpstr (((ShzCatItem *) list->pdata[1])->from.label.zh, ==, "消费互联");
  g_assert_cmpstr (((ShzCatItem *) list->pdata[1])->to.label.zh, ==, "生态互联");
  g_assert_cmpstr (((ShzCatItem *) list->pdata[2])->from.label.zh, ==, "数字化转型");
  g_assert_cmpstr (((ShzCatItem *) list->pdata[2])->to.label.zh, ==, "数智化赋能");
  it = shz_cat_framework_get_item (ev, "approach");
  g_assert_cmpstr (it->label.zh, ==, "发展思路");
  g_assert_cmpstr (it->from.label.zh, ==, "单节点成本和效率提升");
  g_assert_cmpstr (it->to.label.zh, ==, "全生态重塑增长方式");

  /* every label in both languages */
  for (guint f = 0; f < shz_catalogue_get_n_frameworks (cat); f++)
    {
      const ShzCatFramework *fw = shz_catalogue_get_framework (cat, f);
      g_assert_nonnull (fw->label.zh);
      g_assert_nonnull (fw->label.en);
      for (guint i = 0; i < fw->items->len; i++)
        {
          ShzCatItem *x = fw->items->pdata[i];
          g_assert_nonnull (x->label.zh);
          g_assert_nonnull (x->label.en);
        }
    }
}

static void
test_shipped_dir (void)
{
  g_autofree char *dir = catalogue_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzCatalogue) cat = shz_catalogue_load_dir (dir, &error);

  g_assert_no_error (error);
  check_shipped (cat);
}

static void
test_builtin (void)
{
  g_autoptr(ShzCatalogue) cat = shz_catalogue_new_builtin ();

  check_shipped (cat);
  g_assert_true (shz_catalogue_get_default () != NULL);
  check_shipped (shz_catalogue_get_default ());
}

static void
test_resolve (void)
{
  ShzCatalogue *cat = shz_catalogue_get_default ();
  static const char * const ids[] = {
    "consumer", "product", "manufacturing", "brand", "marketing", "channel", "retail", "service",
    "technology", "organisation", "finance", "logistics", "rd-data", "supply-data",
    "channel-data", "terminal-data", "consumer-data",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_cmpstr (shz_catalogue_resolve_node (cat, ids[i]), ==, ids[i]);
  g_assert_cmpstr (shz_catalogue_resolve_node (cat, "零售"), ==, "retail");
  g_assert_cmpstr (shz_catalogue_resolve_node (cat, " Retail "), ==, "retail");
  g_assert_cmpstr (shz_catalogue_resolve_node (cat, "消费者"), ==, "consumer");
  g_assert_cmpstr (shz_catalogue_resolve_node (cat, "资金"), ==, "finance");
  g_assert_cmpstr (shz_catalogue_resolve_node (cat, "金融"), ==, "finance");
  g_assert_cmpstr (shz_catalogue_resolve_node (cat, "终端数据"), ==, "terminal-data");
  g_assert_null (shz_catalogue_resolve_node (cat, "warehouse"));
  g_assert_cmpstr (shz_catalogue_resolve_link_kind (cat, "互动"), ==, "interaction");
  g_assert_cmpstr (shz_catalogue_resolve_link_kind (cat, "Experience"), ==, "experience");
  g_assert_null (shz_catalogue_resolve_link_kind (cat, "gift"));
  g_assert_nonnull (shz_catalogue_lookup_score_item (cat, "rhc-chains", "支付结算", NULL));
  g_assert_null (shz_catalogue_lookup_score_item (cat, "rhc-chains", "transaction-service", NULL)); /* a scene */
}

/* The catalogue's name index finds what a scan in document order finds: every id and label of
 * every framework and item, in any case and with spaces around; an exact id before a label that
 * folds to it; the first of two labels that fold alike; a replaced framework's new items only. */
static void
check_lookups_match_scan (ShzCatalogue *cat)
{
  for (guint i = 0; i < shz_catalogue_get_n_frameworks (cat); i++)
    {
      const ShzCatFramework *fw = shz_catalogue_get_framework (cat, i);
      const char *fw_names[] = { fw->id, fw->label.zh, fw->label.en };

      for (guint n = 0; n < G_N_ELEMENTS (fw_names); n++)
        {
          g_autofree char *upper = g_utf8_strup (fw_names[n], -1);
          g_autofree char *padded = g_strdup_printf ("  %s ", fw_names[n]);
          g_autofree char *folded = g_utf8_casefold (fw_names[n], -1);
          const ShzCatFramework *first = NULL;

          /* the first framework, in order, with a name that folds alike */
          for (guint j = 0; j < shz_catalogue_get_n_frameworks (cat) && first == NULL; j++)
            {
              const ShzCatFramework *other = shz_catalogue_get_framework (cat, j);
              const char *other_names[] = { other->id, other->label.zh, other->label.en };

              for (guint m = 0; m < G_N_ELEMENTS (other_names) && first == NULL; m++)
                {
                  g_autofree char *f = g_utf8_casefold (other_names[m], -1);
                  if (strcmp (f, folded) == 0)
                    first = other;
                }
            }
          g_assert_nonnull (first);
          g_assert_true (shz_catalogue_lookup_framework (cat, upper) == first);
          g_assert_true (shz_catalogue_lookup_framework (cat, padded) == first);
          if (n == 0)
            g_assert_true (shz_catalogue_lookup_framework (cat, fw->id) == fw);
        }
      for (guint k = 0; k < fw->items->len; k++)
        {
          const ShzCatItem *it = fw->items->pdata[k];
          const char *names[] = { it->id, it->label.zh, it->label.en };

          for (guint n = 0; n < G_N_ELEMENTS (names); n++)
            {
              g_autofree char *upper = g_utf8_strup (names[n], -1);
              g_autofree char *padded = g_strdup_printf (" %s  ", names[n]);
              const char *variants[] = { names[n], upper, padded };

              for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
                {
                  const ShzCatFramework *out = NULL;
                  const ShzCatItem *scan = shz_cat_framework_lookup_item (fw, variants[v]);
                  const ShzCatItem *indexed = shz_catalogue_lookup_item (cat, fw->id, variants[v], &out);

                  g_assert_nonnull (scan);
                  g_assert_true (indexed == scan);
                  g_assert_true (out == fw);
                  g_assert_true (shz_catalogue_lookup_score_item (cat, fw->id, variants[v], NULL) ==
                                 (scan->scored ? scan : NULL));
                }
            }
        }
      g_assert_null (shz_catalogue_lookup_item (cat, fw->id, "no-such-item", NULL));
      g_assert_null (shz_catalogue_lookup_item (cat, fw->id, NULL, NULL));
    }
}

static void
test_lookup_index (void)
{
#define L(zh, en) "<label xml:lang=\"zh_CN\">" zh "</label><label xml:lang=\"en\">" en "</label>"
  /* "Retail" labels the first stage and is the id of the second; "Twin" labels two */
  static const char xml[] =
    "<catalogue version=\"1\"><framework id=\"shop\" kind=\"chain\">" L ("店", "Shop")
    "<stage id=\"front\">" L ("前台", "retail") "</stage>"
    "<stage id=\"retail\">" L ("零售", "Sales") "</stage>"
    "<stage id=\"one\">" L ("一", "Twin") "</stage>"
    "<stage id=\"two\">" L ("二", "twin") "</stage>"
    "</framework></catalogue>";
  static const char replacement[] =
    "<catalogue version=\"1\"><framework id=\"shop\" kind=\"chain\">" L ("店", "Shop")
    "<stage id=\"back\">" L ("后台", "Back office") "</stage>"
    "</framework></catalogue>";
#undef L
  g_autoptr(ShzCatalogue) cat = shz_catalogue_new_builtin ();
  g_autoptr(GError) error = NULL;
  const ShzCatFramework *shop;

  check_lookups_match_scan (cat);
  check_lookups_match_scan (shz_catalogue_get_default ());

  g_assert_true (shz_catalogue_add_bytes (cat, xml, sizeof xml - 1, "shop.xml", &error));
  g_assert_no_error (error);
  check_lookups_match_scan (cat);
  shop = shz_catalogue_lookup_framework (cat, "SHOP");
  g_assert_nonnull (shop);
  g_assert_cmpstr (shz_catalogue_lookup_item (cat, "shop", "retail", NULL)->id, ==, "retail");
  g_assert_cmpstr (shz_catalogue_lookup_item (cat, "店", " Retail", NULL)->id, ==, "front");
  g_assert_cmpstr (shz_catalogue_lookup_item (cat, "shop", "TWIN", NULL)->id, ==, "one");
  g_assert_true (shz_catalogue_lookup_item (cat, "shop", " Retail", NULL) ==
                 shz_cat_framework_lookup_item (shop, " Retail"));

  /* a framework replaced by a later file: its old items are gone from the index */
  g_assert_true (shz_catalogue_add_bytes (cat, replacement, sizeof replacement - 1, "shop2.xml", &error));
  g_assert_no_error (error);
  check_lookups_match_scan (cat);
  g_assert_null (shz_catalogue_lookup_item (cat, "shop", "front", NULL));
  g_assert_null (shz_catalogue_lookup_item (cat, "shop", "Sales", NULL));
  g_assert_cmpstr (shz_catalogue_lookup_item (cat, "shop", "后台", NULL)->id, ==, "back");
}

/* ---- hostile and invalid catalogues ---- */

#define LABELS "<label xml:lang=\"zh_CN\">甲</label><label xml:lang=\"en\">A</label>"

typedef struct {
  const char        *name;
  const char        *xml;
  ShzCatalogueError  code;
  const char        *message;   /* a fragment the message must contain */
} BadCase;

static const BadCase bad_cases[] = {
  { "xxe",
    "<?xml version=\"1.0\"?>\n<!DOCTYPE catalogue [\n<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n"
    "<catalogue version=\"1\"><framework id=\"x\" kind=\"chain\">" LABELS
    "<stage id=\"s\"><label xml:lang=\"zh_CN\">&xxe;</label><label xml:lang=\"en\">S</label></stage>"
    "</framework></catalogue>",
    SHZ_CATALOGUE_ERROR_FORBIDDEN, "bad.xml:2: <!DOCTYPE is not allowed" },
  { "billion-laughs",
    "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
    " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
    " <!ENTITY lol9 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n]>\n"
    "<catalogue version=\"1\">&lol9;</catalogue>",
    SHZ_CATALOGUE_ERROR_FORBIDDEN, "is not allowed in a catalogue" },
  { "entity-without-doctype",
    "<catalogue version=\"1\">\n<!ENTITY a \"b\">\n</catalogue>",
    SHZ_CATALOGUE_ERROR_FORBIDDEN, "bad.xml:2: <!ENTITY" },
  { "undefined-entity",
    "<catalogue version=\"1\"><framework id=\"x\" kind=\"chain\">\n<label xml:lang=\"zh_CN\">&nope;</label>"
    "</framework></catalogue>",
    SHZ_CATALOGUE_ERROR_MALFORMED, "bad.xml:2: not well-formed XML" },
  { "missing-label",
    "<catalogue version=\"1\">\n<framework id=\"x\" kind=\"chain\">" LABELS "\n"
    "<stage id=\"s\"><label xml:lang=\"en\">S</label></stage>\n</framework></catalogue>",
    SHZ_CATALOGUE_ERROR_MISSING, "bad.xml:3: <stage id=\"s\"> has no zh_CN label" },
  { "missing-framework-label",
    "<catalogue version=\"1\">\n<framework id=\"x\" kind=\"chain\"><label xml:lang=\"zh_CN\">甲</label>\n"
    "<stage id=\"s\">" LABELS "</stage></framework></catalogue>",
    SHZ_CATALOGUE_ERROR_MISSING, "bad.xml:2: <framework id=\"x\"> has no en label" },
  { "duplicate-id",
    "<catalogue version=\"1\">\n<framework id=\"x\" kind=\"chain\">" LABELS "\n"
    "<stage id=\"s\">" LABELS "</stage>\n<support id=\"s\">" LABELS "</support>\n</framework></catalogue>",
    SHZ_CATALOGUE_ERROR_DUPLICATE_ID, "bad.xml:4: duplicate id “s” (first used on line 3)" },
  { "duplicate-framework",
    "<catalogue version=\"1\">\n<framework id=\"x\" kind=\"chain\">" LABELS "<stage id=\"s\">" LABELS "</stage></framework>\n"
    "<framework id=\"x\" kind=\"chain\">" LABELS "<stage id=\"s\">" LABELS "</stage></framework>\n</catalogue>",
    SHZ_CATALOGUE_ERROR_DUPLICATE_ID, "bad.xml:3: duplicate framework id “x”" },
  { "duplicate-label-language",
    "<catalogue version=\"1\">\n<framework id=\"x\" kind=\"chain\">" LABELS "\n<label xml:lang=\"en\">B</label>"
    "<stage id=\"s\">" LABELS "</stage></framework></catalogue>",
    SHZ_CATALOGUE_ERROR_DUPLICATE_ID, "bad.xml:3: a second <label> in en" },
  { "too-deep",
    "<catalogue version=\"1\">\n<framework id=\"x\" kind=\"chain\">" LABELS
    "<stage id=\"s\">" LABELS "<a><b><c>\n<d><e/></d></c></b></a></stage></framework></catalogue>",
    SHZ_CATALOGUE_ERROR_TOO_DEEP, "bad.xml:3: elements nested deeper than 6 levels" },
  { "unknown-element",
    "<catalogue version=\"1\">\n<framework id=\"x\" kind=\"chain\">" LABELS "\n<widget id=\"w\"/>"
    "<stage id=\"s\">" LABELS "</stage></framework></catalogue>",
    SHZ_CATALOGUE_ERROR_UNKNOWN_ELEMENT, "bad.xml:3: unknown element <widget> in <framework>" },
  { "element-in-wrong-place",
    "<catalogue version=\"1\">\n<framework id=\"x\" kind=\"chain\">" LABELS "\n<scene id=\"w\">" LABELS "</scene>"
    "<stage id=\"s\">" LABELS "</stage></framework></catalogue>",
    SHZ_CATALOGUE_ERROR_UNKNOWN_ELEMENT, "bad.xml:3: unknown element <scene> in <framework>" },
  { "unknown-attribute",
    "<catalogue version=\"1\">\n<framework id=\"x\" kind=\"chain\">" LABELS "\n<stage id=\"s\" colour=\"red\">" LABELS
    "</stage></framework></catalogue>",
    SHZ_CATALOGUE_ERROR_UNKNOWN_ATTRIBUTE, "bad.xml:3: unknown attribute “colour” on <stage>" },
  { "bad-id",
    "<catalogue version=\"1\">\n<framework id=\"x\" kind=\"chain\">" LABELS "\n<stage id=\"Bad Id\">" LABELS
    "</stage></framework></catalogue>",
    SHZ_CATALOGUE_ERROR_INVALID_VALUE, "bad.xml:3: id “Bad Id” on <stage> is not valid" },
  { "bad-kind",
    "<catalogue version=\"1\">\n<framework id=\"x\" kind=\"pyramid\">" LABELS "</framework></catalogue>",
    SHZ_CATALOGUE_ERROR_INVALID_VALUE, "bad.xml:2: framework kind “pyramid”" },
  { "bad-language",
    "<catalogue version=\"1\">\n<framework id=\"x\" kind=\"chain\">\n<label xml:lang=\"fr\">A</label></framework></catalogue>",
    SHZ_CATALOGUE_ERROR_INVALID_VALUE, "bad.xml:3: xml:lang “fr” on <label>" },
  { "network-without-centre",
    "<catalogue version=\"1\">\n<framework id=\"x\" kind=\"network\">" LABELS "<stage id=\"s\">" LABELS
    "</stage></framework></catalogue>",
    SHZ_CATALOGUE_ERROR_MISSING, "bad.xml:2: framework “x” (network) needs exactly one <centre>" },
  { "path-without-to",
    "<catalogue version=\"1\">\n<framework id=\"x\" kind=\"paths\">" LABELS "\n<path id=\"p\">" LABELS
    "<from>" LABELS "</from></path></framework></catalogue>",
    SHZ_CATALOGUE_ERROR_MISSING, "bad.xml:3: <path> “p” needs both <from> and <to>" },
  { "text-outside-labels",
    "<catalogue version=\"1\">\n<framework id=\"x\" kind=\"chain\">" LABELS "\nloose text<stage id=\"s\">" LABELS
    "</stage></framework></catalogue>",
    SHZ_CATALOGUE_ERROR_UNKNOWN_ELEMENT, "text inside <framework>" },
  { "wrong-root",
    "<html><body/></html>",
    SHZ_CATALOGUE_ERROR_UNKNOWN_ELEMENT, "bad.xml:1: the root element is <html>" },
  { "wrong-version",
    "<catalogue version=\"2\"><framework id=\"x\" kind=\"chain\"/></catalogue>",
    SHZ_CATALOGUE_ERROR_INVALID_VALUE, "bad.xml:1: catalogue version “2”" },
  { "not-well-formed",
    "<catalogue version=\"1\">\n<framework id=\"x\" kind=\"chain\">\n</catalogue>",
    SHZ_CATALOGUE_ERROR_MALFORMED, "not well-formed XML" },
  { "not-utf8",
    "<catalogue version=\"1\">\n<framework id=\"x\" kind=\"chain\"><label xml:lang=\"zh_CN\">\xc1\xe3\xca\xdb</label>",
    SHZ_CATALOGUE_ERROR_MALFORMED, "bad.xml:2: not UTF-8" },
  { "empty",
    "",
    SHZ_CATALOGUE_ERROR_MALFORMED, "not well-formed XML" },
  { "no-framework",
    "<catalogue version=\"1\"/>",
    SHZ_CATALOGUE_ERROR_MISSING, "no <framework>" },
  { "empty-label",
    "<catalogue version=\"1\">\n<framework id=\"x\" kind=\"chain\"><label xml:lang=\"zh_CN\">  </label></framework></catalogue>",
    SHZ_CATALOGUE_ERROR_MISSING, "bad.xml:2: empty <label> (zh_CN)" },
  { "xinclude",
    "<catalogue version=\"1\" xmlns:xi=\"http://www.w3.org/2001/XInclude\">\n<xi:include href=\"/etc/passwd\" parse=\"text\"/></catalogue>",
    SHZ_CATALOGUE_ERROR_UNKNOWN_ELEMENT, "bad.xml:2: unknown element <include> in <catalogue>" },
};

static void
test_bad (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) read = shz_catalogue_read_bytes (c->xml, strlen (c->xml), "bad.xml", &error);

  g_assert_null (read);
  g_assert_error (error, SHZ_CATALOGUE_ERROR, (gint) c->code);
  if (strstr (error->message, c->message) == NULL)
    g_error ("case %s: message “%s” lacks “%s”", c->name, error->message, c->message);
}

static void
test_too_large (void)
{
  gsize n = SHZ_CATALOGUE_MAX_BYTES + 10;
  g_autofree char *big = g_malloc (n);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) read = NULL;
  g_autofree char *path = NULL;
  g_autofree char *tmpdir = NULL;

  memset (big, ' ', n);
  memcpy (big, "<catalogue version=\"1\">", 23);
  read = shz_catalogue_read_bytes (big, n, "big.xml", &error);
  g_assert_null (read);
  g_assert_error (error, SHZ_CATALOGUE_ERROR, SHZ_CATALOGUE_ERROR_TOO_LARGE);
  g_clear_error (&error);

  tmpdir = g_dir_make_tmp ("shz-cat-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (tmpdir, "big.xml", NULL);
  g_assert_true (g_file_set_contents (path, big, (gssize) n, NULL));
  read = shz_catalogue_read_file (path, &error);
  g_assert_null (read);
  g_assert_error (error, SHZ_CATALOGUE_ERROR, SHZ_CATALOGUE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "big.xml"));
  g_unlink (path);
  g_rmdir (tmpdir);
}

static void
test_very_deep (void)
{
  GString *s = g_string_new ("<catalogue version=\"1\">");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) read = NULL;

  for (int i = 0; i < 100000; i++)
    g_string_append (s, "<a>");
  read = shz_catalogue_read_bytes (s->str, s->len, "deep.xml", &error);
  g_assert_null (read);
  g_assert_error (error, SHZ_CATALOGUE_ERROR, SHZ_CATALOGUE_ERROR_TOO_DEEP);
  g_string_free (s, TRUE);
}

/* A user-added framework in a folder: a new framework is data, not code. */
static void
test_user_added (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = g_dir_make_tmp ("shz-cat-XXXXXX", &error);
  g_autofree char *good = g_build_filename (tmpdir, "extra.xml", NULL);
  g_autofree char *bad = g_build_filename (tmpdir, "z-bad.xml", NULL);
  const char *xml =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<catalogue version=\"1\">\n"
    "  <framework id=\"omni\" kind=\"chain\">\n    <label xml:lang=\"zh_CN\">全渠道</label><label xml:lang=\"en\">Omnichannel</label>\n"
    "    <stage id=\"online\"><label xml:lang=\"zh_CN\">线上</label><label xml:lang=\"en\">Online</label></stage>\n"
    "  </framework>\n</catalogue>\n";
  g_autoptr(ShzCatalogue) cat = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (good, xml, -1, NULL));
  cat = shz_catalogue_load_dir (tmpdir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shz_catalogue_get_n_frameworks (cat), ==, 1);
  g_assert_cmpstr (shz_catalogue_get_framework (cat, 0)->label.zh, ==, "全渠道");
  g_assert_nonnull (strstr (shz_catalogue_get_framework (cat, 0)->file, "extra.xml"));
  g_clear_pointer (&cat, shz_catalogue_free);

  g_assert_true (g_file_set_contents (bad, "<catalogue version=\"1\">\n<framework/></catalogue>", -1, NULL));
  cat = shz_catalogue_load_dir (tmpdir, &error);
  g_assert_null (cat);
  g_assert_error (error, SHZ_CATALOGUE_ERROR, SHZ_CATALOGUE_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, "z-bad.xml:2:"));
  g_clear_error (&error);

  /* as a user's folder: the good file joins the shipped ones, the bad one is left out */
  {
    g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
    cat = shz_catalogue_new_builtin ();
    g_assert_cmpuint (shz_catalogue_add_user_dir (cat, tmpdir, errors), ==, 1);
    g_assert_cmpuint (errors->len, ==, 1);
    g_assert_nonnull (strstr (errors->pdata[0], "z-bad.xml:2:"));
    g_assert_cmpuint (shz_catalogue_get_n_frameworks (cat), ==, 5);
    g_assert_nonnull (shz_catalogue_lookup_framework (cat, "全渠道"));
    g_clear_pointer (&cat, shz_catalogue_free);
  }
  g_unlink (good);
  g_unlink (bad);
  g_rmdir (tmpdir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/network/catalogue/shipped", test_shipped_dir);
  g_test_add_func ("/network/catalogue/builtin", test_builtin);
  g_test_add_func ("/network/catalogue/resolve", test_resolve);
  g_test_add_func ("/network/catalogue/lookup-index", test_lookup_index);
  g_test_add_func ("/network/catalogue/too-large", test_too_large);
  g_test_add_func ("/network/catalogue/very-deep", test_very_deep);
  g_test_add_func ("/network/catalogue/user-added", test_user_added);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/network/catalogue/invalid/%s", bad_cases[i].name);
      g_test_add_data_func (path, &bad_cases[i], test_bad);
    }
  return g_test_run ();
}
