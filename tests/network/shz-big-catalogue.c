/* shz-big-catalogue.c — see the header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "shz-big-catalogue.h"

ShzCatalogue *
shz_big_catalogue_new (guint       n_stage,
                       guint       n_stream,
                       guint       n_support,
                       GPtrArray  *ids,
                       GError    **error)
{
  g_autoptr(GString) xml = g_string_new ("<catalogue version=\"1\"><framework id=\"value-network\" kind=\"network\">"
                                         "<label xml:lang=\"zh_CN\">大价值网</label><label xml:lang=\"en\">Big value network</label>");
  ShzCatalogue *cat = shz_catalogue_new ();
  guint n = 1 + n_stage + n_stream + n_support;

  for (guint i = 0; i < n; i++)
    {
      const char *el = i == 0 ? "centre" : i <= n_stage ? "stage" : i <= n_stage + n_stream ? "stream" : "support";
      gboolean is_long = i % 7 == 3;

      if (ids != NULL)
        g_ptr_array_add (ids, g_strdup_printf ("n%03u", i + 1));
      g_string_append_printf (xml, "<%s id=\"n%03u\"><label xml:lang=\"zh_CN\">节点 %u%s</label>"
                              "<label xml:lang=\"en\">Node %u%s</label></%s>", el, i + 1, i + 1,
                              is_long ? " 全渠道会员运营与数据中台协同" : "", i + 1,
                              is_long ? " omnichannel membership operations" : "", el);
    }
  g_string_append (xml, "<link-kind id=\"transaction\"><label xml:lang=\"zh_CN\">交易</label><label xml:lang=\"en\">Transaction</label></link-kind>"
                        "<link-kind id=\"interaction\"><label xml:lang=\"zh_CN\">互动</label><label xml:lang=\"en\">Interaction</label></link-kind>"
                        "<link-kind id=\"experience\"><label xml:lang=\"zh_CN\">体验</label><label xml:lang=\"en\">Experience</label></link-kind>"
                        "<audience id=\"incremental-consumers\"><label xml:lang=\"zh_CN\">增量消费群体</label>"
                        "<label xml:lang=\"en\">New consumer groups</label><relation><label xml:lang=\"zh_CN\">多边链接关系</label>"
                        "<label xml:lang=\"en\">Multilateral link relation</label></relation></audience></framework></catalogue>");
  if (!shz_catalogue_add_bytes (cat, xml->str, xml->len, "big.xml", error))
    {
      shz_catalogue_free (cat);
      return NULL;
    }
  return cat;
}

gboolean
shz_big_catalogue_add_chain (ShzCatalogue *cat,
                             guint         n_stage,
                             guint         n_support,
                             GError      **error)
{
  g_autoptr(GString) xml = g_string_new ("<catalogue version=\"1\"><framework id=\"value-chain\" kind=\"chain\">"
                                         "<label xml:lang=\"zh_CN\">大价值链</label><label xml:lang=\"en\">Big value chain</label>");

  for (guint i = 1; i <= n_stage; i++)
    {
      gboolean is_long = i % 7 == 3;

      g_string_append_printf (xml, "<stage id=\"n%03u\"><label xml:lang=\"zh_CN\">节点 %u%s</label>"
                              "<label xml:lang=\"en\">Node %u%s</label></stage>", i + 1, i + 1,
                              is_long ? " 全渠道会员运营与数据中台协同" : "", i + 1,
                              is_long ? " omnichannel membership operations" : "");
    }
  for (guint i = 1; i <= n_support; i++)
    g_string_append_printf (xml, "<support id=\"c%03u\"><label xml:lang=\"zh_CN\">支撑 %u</label>"
                            "<label xml:lang=\"en\">Support %u</label></support>", i, i, i);
  g_string_append (xml, "<audience id=\"existing-consumers\"><label xml:lang=\"zh_CN\">存量消费群体</label>"
                        "<label xml:lang=\"en\">Existing consumer base</label><relation><label xml:lang=\"zh_CN\">单向供给关系</label>"
                        "<label xml:lang=\"en\">One-way supply relation</label></relation></audience></framework></catalogue>");
  return shz_catalogue_add_bytes (cat, xml->str, xml->len, "big-chain.xml", error);
}
