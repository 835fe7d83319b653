/* shz-catalogue-reader.c — framework catalogue XML → validated ShzCatFramework model.
 *
 * A catalogue is untrusted input (a user may add one): the bytes are bounded, must be UTF-8 and
 * may not contain a DOCTYPE (so no external entities, no entity expansion, no DTD loading); the
 * parser never touches the network; the tree is bounded in depth and size; and the vocabulary is
 * checked element by element, each error naming the file and the line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-catalogue"
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "shz-catalogue-reader.h"

G_DEFINE_QUARK (shz-catalogue-error-quark, shz_catalogue_error)

enum {
  IN_FRAMEWORK = 1 << 0,
  IN_CHAIN     = 1 << 1,
};

typedef struct {
  const char     *name;
  ShzCatItemKind  kind;
  gboolean        scored;
  guint           parents;
} ItemElement;

/* The item vocabulary: element name, model kind, whether scores may name it, where it may be. */
static const ItemElement item_elements[] = {
  { "centre",     SHZ_CAT_CENTRE,     FALSE, IN_FRAMEWORK },
  { "stage",      SHZ_CAT_STAGE,      TRUE,  IN_FRAMEWORK | IN_CHAIN },
  { "support",    SHZ_CAT_SUPPORT,    TRUE,  IN_FRAMEWORK },
  { "stream",     SHZ_CAT_STREAM,     TRUE,  IN_FRAMEWORK },
  { "link-kind",  SHZ_CAT_LINK_KIND,  FALSE, IN_FRAMEWORK },
  { "audience",   SHZ_CAT_AUDIENCE,   FALSE, IN_FRAMEWORK },
  { "chain",      SHZ_CAT_CHAIN,      FALSE, IN_FRAMEWORK },
  { "capability", SHZ_CAT_CAPABILITY, TRUE,  IN_CHAIN },
  { "scene",      SHZ_CAT_SCENE,      FALSE, IN_CHAIN },
  { "axis",       SHZ_CAT_AXIS,       FALSE, IN_FRAMEWORK },
  { "path",       SHZ_CAT_PATH,       TRUE,  IN_FRAMEWORK },
};

static const char * const framework_kinds[] = { "chain", "network", "chains", "paths" };

typedef struct {
  const char      *name;      /* file name for messages */
  ShzCatFramework *framework; /* being read */
  GHashTable      *ids;       /* id → line, within the framework */
} Ctx;

static void
cat_text_clear (ShzCatText *t)
{
  g_clear_pointer (&t->zh, g_free);
  g_clear_pointer (&t->en, g_free);
}

static void
cat_term_clear (ShzCatTerm *t)
{
  cat_text_clear (&t->label);
  cat_text_clear (&t->description);
}

static void
cat_item_free (ShzCatItem *item)
{
  g_free (item->id);
  cat_text_clear (&item->label);
  cat_text_clear (&item->description);
  cat_term_clear (&item->symbol);
  cat_term_clear (&item->outcome);
  cat_term_clear (&item->relation);
  cat_term_clear (&item->from);
  cat_term_clear (&item->to);
  g_clear_pointer (&item->children, g_ptr_array_unref);
  g_free (item);
}

void
shz_cat_framework_free (ShzCatFramework *framework)
{
  if (framework == NULL)
    return;
  g_free (framework->id);
  cat_text_clear (&framework->label);
  cat_text_clear (&framework->description);
  g_clear_pointer (&framework->by_id, g_hash_table_unref);
  g_clear_pointer (&framework->items, g_ptr_array_unref);
  g_free (framework->file);
  g_free (framework);
}

static guint
node_line (xmlNode *node)
{
  long line = node != NULL ? xmlGetLineNo (node) : 0;
  return line > 0 ? (guint) line : 0;
}

static gboolean fail (Ctx *c, GError **error, xmlNode *node, ShzCatalogueError code,
                      const char *format, ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail (Ctx           *c,
      GError       **error,
      xmlNode       *node,
      ShzCatalogueError code,
      const char    *format,
      ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SHZ_CATALOGUE_ERROR, code, "%s:%u: %s", c->name, node_line (node), msg);
  return FALSE;
}

static gboolean
is_element (xmlNode *node, const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

/* Only text, CDATA, comments and processing instructions may sit beside elements; any
 * non-blank text where elements are expected is an error. */
static gboolean
check_no_text (Ctx *c, xmlNode *parent, GError **error)
{
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        {
          for (const xmlChar *p = n->content; p != NULL && *p != '\0'; p++)
            if (!g_ascii_isspace (*p))
              return fail (c, error, n, SHZ_CATALOGUE_ERROR_UNKNOWN_ELEMENT,
                           _("text inside <%s>; expected only elements"),
                           (const char *) parent->name);
        }
      else if (n->type == XML_ENTITY_REF_NODE || n->type == XML_ENTITY_NODE)
        return fail (c, error, n, SHZ_CATALOGUE_ERROR_FORBIDDEN,
                     _("entity reference inside <%s>; entities are not allowed"),
                     (const char *) parent->name);
    }
  return TRUE;
}

/* Every attribute of @node must be in @allowed (NULL-terminated); xml:lang only when @lang_ok. */
static gboolean
check_attrs (Ctx                *c,
             xmlNode            *node,
             const char * const *allowed,
             gboolean            lang_ok,
             GError            **error)
{
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    {
      const char *name = (const char *) a->name;

      if (a->ns != NULL)
        {
          if (lang_ok && strcmp (name, "lang") == 0 && a->ns->href != NULL &&
              strcmp ((const char *) a->ns->href, (const char *) XML_XML_NAMESPACE) == 0)
            continue;
          return fail (c, error, node, SHZ_CATALOGUE_ERROR_UNKNOWN_ATTRIBUTE,
                       _("unknown attribute “%s” on <%s>"), name, (const char *) node->name);
        }
      if (allowed == NULL || !g_strv_contains (allowed, name))
        return fail (c, error, node, SHZ_CATALOGUE_ERROR_UNKNOWN_ATTRIBUTE,
                     _("unknown attribute “%s” on <%s>"), name, (const char *) node->name);
    }
  return TRUE;
}

static char *
get_attr (xmlNode *node, const char *name)
{
  xmlChar *v = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *ret = v != NULL ? g_strdup ((const char *) v) : NULL;

  xmlFree (v);
  return ret;
}

static gboolean
valid_id (const char *id)
{
  gsize len = strlen (id);

  if (len == 0 || len > 64 || !(g_ascii_islower (id[0]) || g_ascii_isdigit (id[0])))
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;
  return TRUE;
}

static gboolean
read_id (Ctx *c, xmlNode *node, char **out, GError **error)
{
  g_autofree char *id = get_attr (node, "id");

  if (id == NULL)
    return fail (c, error, node, SHZ_CATALOGUE_ERROR_MISSING,
                 _("<%s> has no “id” attribute"), (const char *) node->name);
  if (!valid_id (id))
    return fail (c, error, node, SHZ_CATALOGUE_ERROR_INVALID_VALUE,
                 _("id “%s” on <%s> is not valid; expected 1–64 characters a–z, 0–9 or “-”"),
                 id, (const char *) node->name);
  *out = g_steal_pointer (&id);
  return TRUE;
}

/* <label xml:lang="zh_CN">…</label> or <description …>: text only, into the right language. */
static gboolean
read_text (Ctx        *c,
           xmlNode    *node,
           ShzCatText *into,
           guint       max_chars,
           GError    **error)
{
  const char *what = (const char *) node->name;
  xmlChar *lang_x;
  g_autofree char *lang = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  char **slot;

  if (!check_attrs (c, node, NULL, TRUE, error))
    return FALSE;
  lang_x = xmlGetNsProp (node, (const xmlChar *) "lang", XML_XML_NAMESPACE);
  lang = lang_x != NULL ? g_strdup ((const char *) lang_x) : NULL;
  xmlFree (lang_x);
  if (lang == NULL)
    return fail (c, error, node, SHZ_CATALOGUE_ERROR_MISSING,
                 _("<%s> has no xml:lang; expected xml:lang=\"zh_CN\" or xml:lang=\"en\""), what);
  if (strcmp (lang, "zh_CN") == 0)
    slot = &into->zh;
  else if (strcmp (lang, "en") == 0)
    slot = &into->en;
  else
    return fail (c, error, node, SHZ_CATALOGUE_ERROR_INVALID_VALUE,
                 _("xml:lang “%s” on <%s>; expected “zh_CN” or “en”"), lang, what);
  if (*slot != NULL)
    return fail (c, error, node, SHZ_CATALOGUE_ERROR_DUPLICATE_ID,
                 _("a second <%s> in %s; expected one per language"), what, lang);

  for (xmlNode *n = node->children; n != NULL; n = n->next)
    {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        g_string_append (text, (const char *) n->content);
      else if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE)
        continue;
      else if (n->type == XML_ENTITY_REF_NODE || n->type == XML_ENTITY_NODE)
        return fail (c, error, n, SHZ_CATALOGUE_ERROR_FORBIDDEN,
                     _("entity reference inside <%s>; entities are not allowed"), what);
      else
        return fail (c, error, n, SHZ_CATALOGUE_ERROR_UNKNOWN_ELEMENT,
                     _("element <%s> inside <%s>; expected text only"),
                     (const char *) n->name, what);
    }
  g_strstrip (text->str);
  text->len = strlen (text->str);
  if (text->len == 0)
    return fail (c, error, node, SHZ_CATALOGUE_ERROR_MISSING,
                 _("empty <%s> (%s); expected text"), what, lang);
  if (g_utf8_strlen (text->str, -1) > (glong) max_chars)
    return fail (c, error, node, SHZ_CATALOGUE_ERROR_INVALID_VALUE,
                 _("<%s> (%s) is longer than %u characters"), what, lang, max_chars);
  for (const char *p = text->str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      if (g_unichar_iscntrl (ch) && ch != '\n' && ch != '\t')
        return fail (c, error, node, SHZ_CATALOGUE_ERROR_INVALID_VALUE,
                     _("control character in <%s> (%s)"), what, lang);
    }
  *slot = g_string_free (g_steal_pointer (&text), FALSE);
  return TRUE;
}

static gboolean
check_label_complete (Ctx *c, xmlNode *owner, const ShzCatText *label, GError **error)
{
  g_autofree char *id = NULL;

  if (label->zh != NULL && label->en != NULL)
    return TRUE;
  id = get_attr (owner, "id");
  return fail (c, error, owner, SHZ_CATALOGUE_ERROR_MISSING,
               _("<%s%s%s%s> has no %s label; expected <label xml:lang=\"zh_CN\"> and <label xml:lang=\"en\">"),
               (const char *) owner->name, id != NULL ? " id=\"" : "", id != NULL ? id : "",
               id != NULL ? "\"" : "", label->zh == NULL ? "zh_CN" : "en");
}

static gboolean
check_description_complete (Ctx *c, xmlNode *owner, const ShzCatText *d, GError **error)
{
  if ((d->zh == NULL) != (d->en == NULL))
    return fail (c, error, owner, SHZ_CATALOGUE_ERROR_MISSING,
                 _("<%s> has a description in one language only; expected zh_CN and en"),
                 (const char *) owner->name);
  return TRUE;
}

/* A <label>/<description> child of @owner: read it and return TRUE in *handled. */
static gboolean
read_text_child (Ctx        *c,
                 xmlNode    *child,
                 ShzCatText *label,
                 ShzCatText *description,
                 gboolean   *handled,
                 GError    **error)
{
  *handled = TRUE;
  if (is_element (child, "label"))
    return read_text (c, child, label, SHZ_CATALOGUE_MAX_LABEL, error);
  if (is_element (child, "description") && description != NULL)
    return read_text (c, child, description, SHZ_CATALOGUE_MAX_DESCRIPTION, error);
  *handled = FALSE;
  return TRUE;
}

/* <from>, <to>, <symbol>, <outcome>, <relation>: labels and an optional description. */
static gboolean
read_term (Ctx *c, xmlNode *node, ShzCatTerm *term, GError **error)
{
  if (term->label.zh != NULL || term->label.en != NULL)
    return fail (c, error, node, SHZ_CATALOGUE_ERROR_DUPLICATE_ID,
                 _("a second <%s> in <%s>; expected one"),
                 (const char *) node->name, (const char *) node->parent->name);
  if (!check_attrs (c, node, NULL, FALSE, error) || !check_no_text (c, node, error))
    return FALSE;
  for (xmlNode *n = node->children; n != NULL; n = n->next)
    {
      gboolean handled;

      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (!read_text_child (c, n, &term->label, &term->description, &handled, error))
        return FALSE;
      if (!handled)
        return fail (c, error, n, SHZ_CATALOGUE_ERROR_UNKNOWN_ELEMENT,
                     _("unknown element <%s> in <%s>; expected <label> or <description>"),
                     (const char *) n->name, (const char *) node->name);
    }
  return check_label_complete (c, node, &term->label, error) &&
         check_description_complete (c, node, &term->description, error);
}

static const ItemElement *
find_item_element (xmlNode *node)
{
  for (guint i = 0; i < G_N_ELEMENTS (item_elements); i++)
    if (is_element (node, item_elements[i].name))
      return &item_elements[i];
  return NULL;
}

static gboolean read_item (Ctx *c, xmlNode *node, const ItemElement *def, ShzCatItem *parent,
                           GError **error);

static gboolean
read_item_children (Ctx        *c,
                    xmlNode    *node,
                    ShzCatItem *item,
                    GError    **error)
{
  for (xmlNode *n = node->children; n != NULL; n = n->next)
    {
      const ItemElement *def;
      ShzCatTerm *term = NULL;
      gboolean handled;

      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (!read_text_child (c, n, &item->label, &item->description, &handled, error))
        return FALSE;
      if (handled)
        continue;

      if (item->kind == SHZ_CAT_CHAIN && is_element (n, "symbol"))
        term = &item->symbol;
      else if (item->kind == SHZ_CAT_CHAIN && is_element (n, "outcome"))
        term = &item->outcome;
      else if (item->kind == SHZ_CAT_AUDIENCE && is_element (n, "relation"))
        term = &item->relation;
      else if ((item->kind == SHZ_CAT_AXIS || item->kind == SHZ_CAT_PATH) && is_element (n, "from"))
        term = &item->from;
      else if ((item->kind == SHZ_CAT_AXIS || item->kind == SHZ_CAT_PATH) && is_element (n, "to"))
        term = &item->to;
      if (term != NULL)
        {
          if (!read_term (c, n, term, error))
            return FALSE;
          continue;
        }

      def = find_item_element (n);
      if (item->kind == SHZ_CAT_CHAIN && def != NULL && (def->parents & IN_CHAIN) != 0)
        {
          if (!read_item (c, n, def, item, error))
            return FALSE;
          continue;
        }

      switch (item->kind)
        {
        case SHZ_CAT_CHAIN:
          return fail (c, error, n, SHZ_CATALOGUE_ERROR_UNKNOWN_ELEMENT,
                       _("unknown element <%s> in <chain>; expected <label>, <description>, <symbol>, <outcome>, <stage>, <capability> or <scene>"),
                       (const char *) n->name);
        case SHZ_CAT_AUDIENCE:
          return fail (c, error, n, SHZ_CATALOGUE_ERROR_UNKNOWN_ELEMENT,
                       _("unknown element <%s> in <audience>; expected <label>, <description> or <relation>"),
                       (const char *) n->name);
        case SHZ_CAT_AXIS:
        case SHZ_CAT_PATH:
          return fail (c, error, n, SHZ_CATALOGUE_ERROR_UNKNOWN_ELEMENT,
                       _("unknown element <%s> in <%s>; expected <label>, <description>, <from> or <to>"),
                       (const char *) n->name, (const char *) node->name);
        case SHZ_CAT_CENTRE:
        case SHZ_CAT_STAGE:
        case SHZ_CAT_SUPPORT:
        case SHZ_CAT_STREAM:
        case SHZ_CAT_LINK_KIND:
        case SHZ_CAT_CAPABILITY:
        case SHZ_CAT_SCENE:
        default:
          return fail (c, error, n, SHZ_CATALOGUE_ERROR_UNKNOWN_ELEMENT,
                       _("unknown element <%s> in <%s>; expected <label> or <description>"),
                       (const char *) n->name, (const char *) node->name);
        }
    }
  return TRUE;
}

static gboolean
read_item (Ctx               *c,
           xmlNode           *node,
           const ItemElement *def,
           ShzCatItem        *parent,
           GError           **error)
{
  static const char * const id_only[] = { "id", NULL };
  ShzCatItem *item;
  gpointer seen;

  if (c->framework->items->len >= SHZ_CATALOGUE_MAX_ITEMS)
    return fail (c, error, node, SHZ_CATALOGUE_ERROR_TOO_LARGE,
                 _("more than %d items in framework “%s”"), SHZ_CATALOGUE_MAX_ITEMS,
                 c->framework->id);
  if (!check_attrs (c, node, id_only, FALSE, error) || !check_no_text (c, node, error))
    return FALSE;

  item = g_new0 (ShzCatItem, 1);
  item->kind = def->kind;
  item->scored = def->scored;
  item->parent = parent;
  item->line = node_line (node);
  if (def->kind == SHZ_CAT_CHAIN)
    item->children = g_ptr_array_new ();
  g_ptr_array_add (c->framework->items, item);   /* owned from here on */
  if (parent != NULL)
    g_ptr_array_add (parent->children, item);

  if (!read_id (c, node, &item->id, error))
    return FALSE;
  if ((seen = g_hash_table_lookup (c->ids, item->id)) != NULL)
    return fail (c, error, node, SHZ_CATALOGUE_ERROR_DUPLICATE_ID,
                 _("duplicate id “%s” (first used on line %u); expected ids unique within a framework"),
                 item->id, GPOINTER_TO_UINT (seen));
  g_hash_table_insert (c->ids, item->id, GUINT_TO_POINTER (item->line));

  if (!read_item_children (c, node, item, error) ||
      !check_label_complete (c, node, &item->label, error) ||
      !check_description_complete (c, node, &item->description, error))
    return FALSE;

  if ((item->kind == SHZ_CAT_AXIS || item->kind == SHZ_CAT_PATH) &&
      (item->from.label.zh == NULL || item->to.label.zh == NULL))
    return fail (c, error, node, SHZ_CATALOGUE_ERROR_MISSING,
                 _("<%s> “%s” needs both <from> and <to>"), (const char *) node->name, item->id);
  if (item->kind == SHZ_CAT_CHAIN)
    {
      gboolean has_stage = FALSE;
      for (guint i = 0; i < item->children->len; i++)
        if (((ShzCatItem *) item->children->pdata[i])->kind == SHZ_CAT_STAGE)
          has_stage = TRUE;
      if (!has_stage)
        return fail (c, error, node, SHZ_CATALOGUE_ERROR_MISSING,
                     _("<chain> “%s” has no <stage>; expected at least one"), item->id);
    }
  return TRUE;
}

static guint
count_kind (ShzCatFramework *fw, ShzCatItemKind kind)
{
  guint n = 0;

  for (guint i = 0; i < fw->items->len; i++)
    if (((ShzCatItem *) fw->items->pdata[i])->kind == kind)
      n++;
  return n;
}

static ShzCatFramework *
read_framework (Ctx *c, xmlNode *node, GError **error)
{
  static const char * const attrs[] = { "id", "kind", NULL };
  g_autoptr(ShzCatFramework) fw = g_new0 (ShzCatFramework, 1);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *kind = NULL;
  guint k;

  fw->items = g_ptr_array_new_with_free_func ((GDestroyNotify) cat_item_free);
  fw->file = g_strdup (c->name);
  fw->line = node_line (node);
  c->framework = fw;
  c->ids = ids;

  if (!check_attrs (c, node, attrs, FALSE, error) || !check_no_text (c, node, error) ||
      !read_id (c, node, &fw->id, error))
    return NULL;
  kind = get_attr (node, "kind");
  if (kind == NULL)
    return fail (c, error, node, SHZ_CATALOGUE_ERROR_MISSING,
                 _("<framework> has no “kind” attribute; expected chain, network, chains or paths")), NULL;
  for (k = 0; k < G_N_ELEMENTS (framework_kinds); k++)
    if (strcmp (kind, framework_kinds[k]) == 0)
      break;
  if (k == G_N_ELEMENTS (framework_kinds))
    return fail (c, error, node, SHZ_CATALOGUE_ERROR_INVALID_VALUE,
                 _("framework kind “%s”; expected chain, network, chains or paths"), kind), NULL;
  fw->kind = (ShzCatFrameworkKind) k;

  for (xmlNode *n = node->children; n != NULL; n = n->next)
    {
      const ItemElement *def;
      gboolean handled;

      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (!read_text_child (c, n, &fw->label, &fw->description, &handled, error))
        return NULL;
      if (handled)
        continue;
      def = find_item_element (n);
      if (def == NULL || (def->parents & IN_FRAMEWORK) == 0)
        return fail (c, error, n, SHZ_CATALOGUE_ERROR_UNKNOWN_ELEMENT,
                     _("unknown element <%s> in <framework>; expected <label>, <description>, <centre>, <stage>, <support>, <stream>, <link-kind>, <audience>, <chain>, <axis> or <path>"),
                     (const char *) n->name), NULL;
      if (!read_item (c, n, def, NULL, error))
        return NULL;
    }
  if (!check_label_complete (c, node, &fw->label, error) ||
      !check_description_complete (c, node, &fw->description, error))
    return NULL;

  switch (fw->kind)
    {
    case SHZ_CAT_FRAMEWORK_CHAIN:
      if (count_kind (fw, SHZ_CAT_STAGE) == 0)
        return fail (c, error, node, SHZ_CATALOGUE_ERROR_MISSING,
                     _("framework “%s” (chain) has no <stage>; expected at least one"), fw->id), NULL;
      break;
    case SHZ_CAT_FRAMEWORK_NETWORK:
      if (count_kind (fw, SHZ_CAT_CENTRE) != 1)
        return fail (c, error, node, SHZ_CATALOGUE_ERROR_MISSING,
                     _("framework “%s” (network) needs exactly one <centre>"), fw->id), NULL;
      if (count_kind (fw, SHZ_CAT_STAGE) == 0)
        return fail (c, error, node, SHZ_CATALOGUE_ERROR_MISSING,
                     _("framework “%s” (network) has no <stage>; expected at least one"), fw->id), NULL;
      break;
    case SHZ_CAT_FRAMEWORK_CHAINS:
      if (count_kind (fw, SHZ_CAT_CHAIN) == 0)
        return fail (c, error, node, SHZ_CATALOGUE_ERROR_MISSING,
                     _("framework “%s” (chains) has no <chain>; expected at least one"), fw->id), NULL;
      break;
    case SHZ_CAT_FRAMEWORK_PATHS:
    default:
      if (count_kind (fw, SHZ_CAT_PATH) == 0)
        return fail (c, error, node, SHZ_CATALOGUE_ERROR_MISSING,
                     _("framework “%s” (paths) has no <path>; expected at least one"), fw->id), NULL;
      break;
    }
  c->framework = NULL;
  c->ids = NULL;
  fw->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < fw->items->len; i++)
    {
      ShzCatItem *it = fw->items->pdata[i];
      g_hash_table_insert (fw->by_id, it->id, it);
    }
  return g_steal_pointer (&fw);
}

/* Bounded depth over the whole tree before anything else looks at it. */
static gboolean
check_depth (Ctx *c, xmlNode *root, GError **error)
{
  xmlNode *n = root;
  guint depth = 1;

  while (n != NULL)
    {
      if (n->type == XML_ELEMENT_NODE && depth > SHZ_CATALOGUE_MAX_DEPTH)
        return fail (c, error, n, SHZ_CATALOGUE_ERROR_TOO_DEEP,
                     _("elements nested deeper than %d levels; expected catalogue > framework > chain > stage > label"),
                     SHZ_CATALOGUE_MAX_DEPTH);
      if (n->type == XML_ELEMENT_NODE && n->children != NULL)
        {
          n = n->children;
          depth++;
          continue;
        }
      while (n != NULL && n->next == NULL && n != root)
        {
          n = n->parent;
          depth--;
        }
      if (n == NULL || n == root)
        break;
      n = n->next;
    }
  return TRUE;
}

/* Find "<!DOCTYPE" or "<!ENTITY" anywhere in the bytes (any case) and return its line, or 0. */
static guint
find_forbidden (const char *data, gsize length, const char **what)
{
  static const char * const needles[] = { "<!DOCTYPE", "<!ENTITY" };
  guint line = 1;

  for (gsize i = 0; i < length; i++)
    {
      if (data[i] == '\n')
        line++;
      else if (data[i] == '<' && i + 1 < length && data[i + 1] == '!')
        for (guint k = 0; k < G_N_ELEMENTS (needles); k++)
          {
            gsize nl = strlen (needles[k]);
            if (i + nl <= length && g_ascii_strncasecmp (data + i, needles[k], nl) == 0)
              {
                *what = needles[k];
                return line;
              }
          }
    }
  return 0;
}

GPtrArray *
shz_catalogue_read_bytes (const char  *data,
                          gsize        length,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(GPtrArray) frameworks = NULL;
  xmlParserCtxtPtr ctxt = NULL;
  xmlDocPtr doc = NULL;
  xmlNode *root;
  const char *what = NULL;
  const char *bad_utf8 = NULL;
  guint line;
  Ctx c = { name != NULL ? name : "catalogue", NULL, NULL };

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > SHZ_CATALOGUE_MAX_BYTES)
    {
      g_set_error (error, SHZ_CATALOGUE_ERROR, SHZ_CATALOGUE_ERROR_TOO_LARGE,
                   _("%s: %" PRIu64 " bytes; a catalogue may be at most %d bytes"),
                   c.name, (uint64_t) length, SHZ_CATALOGUE_MAX_BYTES);
      return NULL;
    }
  if (length > G_MAXINT || !g_utf8_validate_len (data, length, &bad_utf8))
    {
      guint bad_line = 1;
      for (const char *p = data; bad_utf8 != NULL && p < bad_utf8; p++)
        if (*p == '\n')
          bad_line++;
      g_set_error (error, SHZ_CATALOGUE_ERROR, SHZ_CATALOGUE_ERROR_MALFORMED,
                   _("%s:%u: not UTF-8 text; expected a UTF-8 XML catalogue"), c.name, bad_line);
      return NULL;
    }
  if ((line = find_forbidden (data, length, &what)) != 0)
    {
      g_set_error (error, SHZ_CATALOGUE_ERROR, SHZ_CATALOGUE_ERROR_FORBIDDEN,
                   _("%s:%u: %s is not allowed in a catalogue (no DTD, no entities)"),
                   c.name, line, what);
      return NULL;
    }

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, SHZ_CATALOGUE_ERROR, SHZ_CATALOGUE_ERROR_IO,
                   _("%s: cannot create an XML parser"), c.name);
      return NULL;
    }
  /* No XML_PARSE_NOENT (no entity substitution), no DTDLOAD/DTDATTR, no HUGE; never the net. */
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, c.name, "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
  if (doc == NULL)
    {
      xmlErrorPtr xe = xmlCtxtGetLastError (ctxt);
      g_autofree char *msg = g_strdup (xe != NULL && xe->message != NULL ? xe->message : "");
      gboolean deep = xe != NULL && strstr (msg, "Excessive depth") != NULL;

      g_strchomp (msg);
      g_set_error (error, SHZ_CATALOGUE_ERROR,
                   deep ? SHZ_CATALOGUE_ERROR_TOO_DEEP : SHZ_CATALOGUE_ERROR_MALFORMED,
                   _("%s:%d: not well-formed XML: %s"), c.name, xe != NULL ? xe->line : 0,
                   msg[0] != '\0' ? msg : _("unknown error"));
      xmlFreeParserCtxt (ctxt);
      return NULL;
    }
  xmlFreeParserCtxt (ctxt);

  root = xmlDocGetRootElement (doc);
  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      fail (&c, error, root, SHZ_CATALOGUE_ERROR_FORBIDDEN, _("a DTD is not allowed in a catalogue"));
      goto out;
    }
  if (root == NULL || !is_element (root, "catalogue") || root->ns != NULL)
    {
      fail (&c, error, root, SHZ_CATALOGUE_ERROR_UNKNOWN_ELEMENT,
            _("the root element is <%s>; expected <catalogue version=\"1\">"),
            root != NULL ? (const char *) root->name : "");
      goto out;
    }
  if (!check_depth (&c, root, error))
    goto out;
  {
    static const char * const attrs[] = { "version", NULL };
    g_autofree char *version = NULL;

    if (!check_attrs (&c, root, attrs, FALSE, error) || !check_no_text (&c, root, error))
      goto out;
    version = get_attr (root, "version");
    if (version == NULL || strcmp (version, "1") != 0)
      {
        fail (&c, error, root, version == NULL ? SHZ_CATALOGUE_ERROR_MISSING : SHZ_CATALOGUE_ERROR_INVALID_VALUE,
              _("catalogue version “%s”; expected version=\"1\""), version != NULL ? version : "");
        goto out;
      }
  }

  frameworks = g_ptr_array_new_with_free_func ((GDestroyNotify) shz_cat_framework_free);
  for (xmlNode *n = root->children; n != NULL; n = n->next)
    {
      ShzCatFramework *fw;

      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (n->ns != NULL || !is_element (n, "framework"))
        {
          fail (&c, error, n, SHZ_CATALOGUE_ERROR_UNKNOWN_ELEMENT,
                _("unknown element <%s> in <catalogue>; expected <framework>"), (const char *) n->name);
          g_clear_pointer (&frameworks, g_ptr_array_unref);
          goto out;
        }
      if (frameworks->len >= SHZ_CATALOGUE_MAX_FRAMEWORKS)
        {
          fail (&c, error, n, SHZ_CATALOGUE_ERROR_TOO_LARGE,
                _("more than %d frameworks in one catalogue"), SHZ_CATALOGUE_MAX_FRAMEWORKS);
          g_clear_pointer (&frameworks, g_ptr_array_unref);
          goto out;
        }
      fw = read_framework (&c, n, error);
      if (fw == NULL)
        {
          g_clear_pointer (&frameworks, g_ptr_array_unref);
          goto out;
        }
      for (guint i = 0; i < frameworks->len; i++)
        if (strcmp (((ShzCatFramework *) frameworks->pdata[i])->id, fw->id) == 0)
          {
            fail (&c, error, n, SHZ_CATALOGUE_ERROR_DUPLICATE_ID,
                  _("duplicate framework id “%s”"), fw->id);
            shz_cat_framework_free (fw);
            g_clear_pointer (&frameworks, g_ptr_array_unref);
            goto out;
          }
      g_ptr_array_add (frameworks, fw);
    }
  if (frameworks->len == 0)
    {
      fail (&c, error, root, SHZ_CATALOGUE_ERROR_MISSING,
            _("no <framework> in the catalogue; expected at least one"));
      g_clear_pointer (&frameworks, g_ptr_array_unref);
    }

out:
  xmlFreeDoc (doc);
  return g_steal_pointer (&frameworks);
}

GPtrArray *
shz_catalogue_read_file (const char  *path,
                         GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *display = NULL;
  gsize length = 0;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, SHZ_CATALOGUE_ERROR, SHZ_CATALOGUE_ERROR_IO,
                   _("%s: %s"), display, g_strerror (saved));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SHZ_CATALOGUE_ERROR, SHZ_CATALOGUE_ERROR_IO,
                   _("%s: not a regular file"), display);
      return NULL;
    }
  if (st.st_size > SHZ_CATALOGUE_MAX_BYTES)
    {
      g_set_error (error, SHZ_CATALOGUE_ERROR, SHZ_CATALOGUE_ERROR_TOO_LARGE,
                   _("%s: %" PRId64 " bytes; a catalogue may be at most %d bytes"),
                   display, (gint64) st.st_size, SHZ_CATALOGUE_MAX_BYTES);
      return NULL;
    }
  {
    g_autoptr(GError) local = NULL;

    if (!g_file_get_contents (path, &data, &length, &local))
      {
        g_set_error (error, SHZ_CATALOGUE_ERROR, SHZ_CATALOGUE_ERROR_IO, "%s", local->message);
        return NULL;
      }
  }
  return shz_catalogue_read_bytes (data, length, display, error);
}

const char *
shz_cat_text_get (const ShzCatText *text,
                  const char       *lang)
{
  g_return_val_if_fail (text != NULL, "");

  if (lang != NULL && g_str_has_prefix (lang, "zh") && text->zh != NULL)
    return text->zh;
  if (text->en != NULL)
    return text->en;
  return text->zh != NULL ? text->zh : "";
}

const char *
shz_cat_item_kind_to_string (ShzCatItemKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (item_elements); i++)
    if (item_elements[i].kind == kind)
      return item_elements[i].name;
  return "item";
}

const char *
shz_cat_framework_kind_to_string (ShzCatFrameworkKind kind)
{
  if ((guint) kind < G_N_ELEMENTS (framework_kinds))
    return framework_kinds[kind];
  return "chain";
}
