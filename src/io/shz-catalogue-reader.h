/* shz-catalogue-reader.h — reads a framework catalogue (XML, see data/catalogues/README.md) into
 * a validated model.  Catalogues a user adds are untrusted: no DTD, no entities, no network,
 * bounded size and depth, and every violation is an error naming the file and the line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SHZ_CATALOGUE_ERROR (shz_catalogue_error_quark ())

typedef enum {
  SHZ_CATALOGUE_ERROR_IO,                /* cannot read the file */
  SHZ_CATALOGUE_ERROR_TOO_LARGE,         /* over SHZ_CATALOGUE_MAX_BYTES or too many items */
  SHZ_CATALOGUE_ERROR_MALFORMED,         /* not well-formed XML or not UTF-8 */
  SHZ_CATALOGUE_ERROR_FORBIDDEN,         /* a DOCTYPE, entity declaration or other unsafe construct */
  SHZ_CATALOGUE_ERROR_TOO_DEEP,          /* nested deeper than SHZ_CATALOGUE_MAX_DEPTH */
  SHZ_CATALOGUE_ERROR_UNKNOWN_ELEMENT,   /* an element the format does not have, or in the wrong place */
  SHZ_CATALOGUE_ERROR_UNKNOWN_ATTRIBUTE,
  SHZ_CATALOGUE_ERROR_MISSING,           /* a required label, attribute or child is missing */
  SHZ_CATALOGUE_ERROR_DUPLICATE_ID,
  SHZ_CATALOGUE_ERROR_INVALID_VALUE,     /* an attribute or text out of its allowed set or length */
} ShzCatalogueError;

GQuark shz_catalogue_error_quark (void);

#define SHZ_CATALOGUE_MAX_BYTES      (1024 * 1024)
#define SHZ_CATALOGUE_MAX_DEPTH      6     /* catalogue > framework > chain > stage > label */
#define SHZ_CATALOGUE_MAX_ITEMS      512   /* per framework */
#define SHZ_CATALOGUE_MAX_FRAMEWORKS 32    /* per file */
#define SHZ_CATALOGUE_MAX_LABEL      256   /* characters */
#define SHZ_CATALOGUE_MAX_DESCRIPTION 2000

/* A text in both languages; both are set for labels, both or neither for descriptions. */
typedef struct {
  char *zh;   /* zh_CN */
  char *en;
} ShzCatText;

/* A labelled term that is not an item of its own: the from/to of a path, a chain's outcome … */
typedef struct {
  ShzCatText label;
  ShzCatText description;
} ShzCatTerm;

typedef enum {
  SHZ_CAT_CENTRE,      /* the consumer in the middle */
  SHZ_CAT_STAGE,       /* a business element (chain stage, ring node, 人货场 chain stage) */
  SHZ_CAT_SUPPORT,     /* a supporting element: technology, organisation, finance, logistics */
  SHZ_CAT_STREAM,      /* a data stream */
  SHZ_CAT_LINK_KIND,   /* transaction, interaction, experience */
  SHZ_CAT_AUDIENCE,    /* the consumer group a framework serves, with its relation */
  SHZ_CAT_CHAIN,       /* a 人货场 chain: stages, capabilities, scenes */
  SHZ_CAT_CAPABILITY,  /* a supporting capability of a chain */
  SHZ_CAT_SCENE,       /* a scene of a chain */
  SHZ_CAT_AXIS,        /* an overall from → to axis (era, development approach) */
  SHZ_CAT_PATH,        /* an evolution path: from → to */
} ShzCatItemKind;

typedef struct _ShzCatItem ShzCatItem;
struct _ShzCatItem {
  ShzCatItemKind  kind;
  char           *id;            /* unique within its framework */
  ShzCatText      label;
  ShzCatText      description;
  ShzCatTerm      symbol;        /* chain: 货 / 场 / 人 */
  ShzCatTerm      outcome;       /* chain: 数字化商品 … */
  ShzCatTerm      relation;      /* audience: 单向供给关系 … */
  ShzCatTerm      from;          /* axis, path */
  ShzCatTerm      to;
  gboolean        scored;        /* a scores dataset may name it (stage, support, stream, capability, path) */
  ShzCatItem     *parent;        /* the chain of a stage/capability/scene inside one, else NULL */
  GPtrArray      *children;      /* chain: its items in document order (borrowed), else NULL */
  guint           line;
};

typedef enum {
  SHZ_CAT_FRAMEWORK_CHAIN,    /* kind="chain": one-way chain */
  SHZ_CAT_FRAMEWORK_NETWORK,  /* kind="network": ring around a centre */
  SHZ_CAT_FRAMEWORK_CHAINS,   /* kind="chains": several chains around a centre (人货场) */
  SHZ_CAT_FRAMEWORK_PATHS,    /* kind="paths": evolution paths */
} ShzCatFrameworkKind;

typedef struct {
  char                *id;
  ShzCatFrameworkKind  kind;
  ShzCatText           label;
  ShzCatText           description;
  GPtrArray           *items;    /* of ShzCatItem, document order, chain children included */
  GHashTable          *by_id;    /* item id → ShzCatItem in items (a user's catalogue may have hundreds) */
  char                *file;     /* where it was read from (display name) */
  guint                line;
} ShzCatFramework;

void        shz_cat_framework_free (ShzCatFramework *framework);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzCatFramework, shz_cat_framework_free)

/* Parse and validate; return a GPtrArray of ShzCatFramework (owning), or NULL and an error whose
 * message reads "NAME:LINE: what was wrong; what was expected". */
GPtrArray  *shz_catalogue_read_file  (const char  *path,
                                      GError     **error);
GPtrArray  *shz_catalogue_read_bytes (const char  *data,
                                      gsize        length,
                                      const char  *name,
                                      GError     **error);

/* @lang "zh_CN" (or any "zh…") for Chinese, anything else for English; never NULL for labels. */
const char *shz_cat_text_get         (const ShzCatText *text,
                                      const char       *lang);
const char *shz_cat_item_kind_to_string      (ShzCatItemKind       kind);
const char *shz_cat_framework_kind_to_string (ShzCatFrameworkKind  kind);

G_END_DECLS
