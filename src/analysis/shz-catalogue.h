/* shz-catalogue.h — the framework catalogue: the whitepaper's frameworks (value chain, value
 * network, 人货场 chains, evolution paths) as data, loaded from the XML files of data/catalogues (or the
 * built-in copies), with lookups by id or by Chinese/English label.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "io/shz-catalogue-reader.h"

G_BEGIN_DECLS

/* Framework ids of the shipped catalogues (the same as the chart kinds that draw them). */
#define SHZ_FRAMEWORK_VALUE_CHAIN     "value-chain"
#define SHZ_FRAMEWORK_VALUE_NETWORK   "value-network"
#define SHZ_FRAMEWORK_RHC_CHAINS      "rhc-chains"
#define SHZ_FRAMEWORK_EVOLUTION_PATHS "evolution-paths"

typedef struct _ShzCatalogue ShzCatalogue;

ShzCatalogue *shz_catalogue_new          (void);
void          shz_catalogue_free         (ShzCatalogue *catalogue);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzCatalogue, shz_catalogue_free)

/* Add every framework of one catalogue file; a framework whose id is already there replaces
 * it.  On error nothing is added. */
gboolean      shz_catalogue_add_file     (ShzCatalogue *catalogue,
                                          const char   *path,
                                          GError      **error);
gboolean      shz_catalogue_add_bytes    (ShzCatalogue *catalogue,
                                          const char   *data,
                                          gsize         length,
                                          const char   *name,
                                          GError      **error);
/* Every .xml file of @dir, in name order; the first invalid file is the error. */
ShzCatalogue *shz_catalogue_load_dir     (const char   *dir,
                                          GError      **error);
/* The catalogues compiled into the program (always valid). */
ShzCatalogue *shz_catalogue_new_builtin  (void);
/* The shipped catalogues folder: $SHZ_SOURCE_DATADIR/catalogues when set (tests), else the
 * installed PKGDATADIR/catalogues when it exists, else NULL. */
char         *shz_catalogue_find_dir     (void);
/* The built-in catalogues overlaid with the shipped folder's (when there is one). */
ShzCatalogue *shz_catalogue_load_default (GError      **error);
/* Add the catalogues a user keeps in @dir (their XML files, in name order): each file is
 * checked on its own; a bad one is left out and its error appended to @errors (of char *,
 * may be NULL).  Returns the number of files added. */
guint         shz_catalogue_add_user_dir (ShzCatalogue *catalogue,
                                          const char   *dir,
                                          GPtrArray    *errors);
/* The user's catalogue folder: $XDG_DATA_HOME/shuzhi/catalogues (newly allocated). */
char         *shz_catalogue_get_user_dir (void);
/* Process-wide, loaded once: the shipped catalogues, then the user's (a bad user file is left
 * out with a message); never NULL (falls back to the built-in copies, with a message). */
ShzCatalogue *shz_catalogue_get_default  (void);

guint                  shz_catalogue_get_n_frameworks (ShzCatalogue *catalogue);
const ShzCatFramework *shz_catalogue_get_framework    (ShzCatalogue *catalogue,
                                                       guint         i);
/* By id, or by the zh_CN or (case-insensitive) en label; NULL when none. */
const ShzCatFramework *shz_catalogue_lookup_framework (ShzCatalogue *catalogue,
                                                       const char   *name);

/* An item of @framework by id or label (any kind); NULL when none. */
const ShzCatItem *shz_cat_framework_lookup_item  (const ShzCatFramework *framework,
                                                  const char            *name);
const ShzCatItem *shz_cat_framework_get_item     (const ShzCatFramework *framework,
                                                  const char            *id);
/* Items of @kind, in document order; @parent limits them to one chain (NULL: top level only
 * for stages, all for other kinds).  The array is new, the items borrowed. */
GPtrArray        *shz_cat_framework_list_items   (const ShzCatFramework *framework,
                                                  ShzCatItemKind         kind,
                                                  const ShzCatItem      *parent);
/* An item of any kind of @framework (both by id or label), as shz_cat_framework_lookup_item()
 * finds it, without scanning; NULL when none.  @out_framework: the framework, or NULL. */
const ShzCatItem *shz_catalogue_lookup_item       (ShzCatalogue *catalogue,
                                                   const char   *framework,
                                                   const char   *item,
                                                   const ShzCatFramework **out_framework);
/* A scores dataset may name this item of this framework. */
const ShzCatItem *shz_catalogue_lookup_score_item (ShzCatalogue *catalogue,
                                                   const char   *framework,
                                                   const char   *item,
                                                   const ShzCatFramework **out_framework);

/* Link endpoints: the canonical node id (consumer, product, …, rd-data …) of a node named by
 * id or by its Chinese or English label in the value chain or value network; NULL if unknown. */
const char   *shz_catalogue_resolve_node      (ShzCatalogue *catalogue,
                                               const char   *name);
/* Link kinds: transaction | interaction | experience from id, 交易/互动/体验 or English label. */
const char   *shz_catalogue_resolve_link_kind (ShzCatalogue *catalogue,
                                               const char   *name);
/* "consumer, product, manufacturing, …" for error messages (newly allocated). */
char         *shz_catalogue_describe_nodes    (ShzCatalogue *catalogue);

G_END_DECLS
