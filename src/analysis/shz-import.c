/* shz-import.c — reader → mapping → validation → store, all or nothing.
 *
 * Two threads share the work: a producer reads and validates rows into batches (copies in a
 * per-batch arena); the calling thread hashes the file (for the provenance, which is written
 * before the rows) and then inserts the batches in one transaction.  A fixed pool of batches
 * bounds the memory whatever the file size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-import"
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "io/shz-number.h"
#include "io/shz-sha256.h"
#include "shz-import.h"

G_DEFINE_QUARK (shz-import-error-quark, shz_import_error)

#define MAX_FIELDS 8
#define NONE G_MAXUINT32
#define BATCH_ROWS 4096
#define N_BATCHES 6
#define PREVIEW_REJECTIONS 100
#define EXPECTED_MAX 200      /* bytes of ids a reason lists as expected, then "…" */
#define MAX_CHECKED 1024      /* framework/item pairs whose verdict is remembered */

/* ---- validated rows ---- */

typedef struct {
  gint64  row_no;
  gint64  line_no;
  guint32 str[MAX_FIELDS];    /* arena offsets of text values, NONE for absent */
  double  num[MAX_FIELDS];
  gboolean flag;
  guint32 reason;             /* a rejection when not NONE */
  guint32 column;             /* arena offset of its column name, or NONE */
} Item;

typedef struct {
  GArray  *items;             /* of Item */
  GString *arena;
  gboolean last;              /* the producer's final batch */
  GError  *error;             /* set on the last batch when reading failed */
} Batch;

static Batch *
batch_new (void)
{
  Batch *b = g_new0 (Batch, 1);

  b->items = g_array_sized_new (FALSE, FALSE, sizeof (Item), BATCH_ROWS);
  b->arena = g_string_sized_new (BATCH_ROWS * 128);
  return b;
}

static void
batch_reset (Batch *b)
{
  g_array_set_size (b->items, 0);
  g_string_truncate (b->arena, 0);
  b->last = FALSE;
  g_clear_error (&b->error);
}

static void
batch_free (gpointer p)
{
  Batch *b = p;

  g_array_unref (b->items);
  g_string_free (b->arena, TRUE);
  g_clear_error (&b->error);
  g_free (b);
}

static guint32
arena_add (GString    *arena,
           const char *s,
           gsize       len)
{
  guint32 off = arena->len;

  g_string_append_len (arena, s, len);
  g_string_append_c (arena, '\0');
  return off;
}

/* ---- validation ---- */

typedef struct {
  ShzDatasetKind   kind;
  const ShzField  *fields;
  guint            n_fields;
  int              column_of[MAX_FIELDS];
  guint            n_header;
  GPtrArray       *header;     /* of char* (owned copy) */
  ShzCatalogue    *catalogue;  /* scores and links: borrowed; NULL for other kinds */
  GHashTable      *checked;    /* "framework\x1fitem" → Verdict: scores files repeat their pairs */
} Validator;

/* The catalogue's verdict on a scores row's framework and item. */
typedef struct {
  int         field;          /* the field to blame, or -1 when the pair is fine */
  char       *reason;
  /* a fine pair: the catalogue ids it names (borrowed from the catalogue), stored in place of
   * the file's spelling ("品牌", "Brand") as links store node ids */
  const char *framework_id;
  const char *item_id;
} Verdict;

static void
verdict_free (gpointer p)
{
  Verdict *verdict = p;

  g_free (verdict->reason);
  g_free (verdict);
}

static void
validator_init (Validator              *v,
                ShzDatasetKind          kind,
                const ShzMapping       *mapping,
                GPtrArray              *header,
                const ShzImportOptions *opts)
{
  v->kind = kind;
  v->fields = shz_fields_get (kind, &v->n_fields);
  g_assert (v->n_fields <= MAX_FIELDS);
  for (guint f = 0; f < v->n_fields; f++)
    v->column_of[f] = shz_mapping_get_column (mapping, f);
  v->header = header;
  v->n_header = header->len;
  v->catalogue = NULL;
  v->checked = NULL;
  /* the charts read these with the catalogue: what they would refuse is refused here, row by
   * row, rather than the whole dataset later */
  if (kind == SHZ_KIND_SCORES || kind == SHZ_KIND_LINKS)
    {
      v->catalogue = opts->catalogue != NULL ? opts->catalogue : shz_catalogue_get_default ();
      v->checked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, verdict_free);
    }
}

static void
validator_clear (Validator *v)
{
  g_clear_pointer (&v->checked, g_hash_table_unref);
}

static const char *
column_name (Validator *v,
             int        column)
{
  if (column >= 0 && (guint) column < v->header->len)
    return g_ptr_array_index (v->header, column);
  return NULL;
}

/* The trimmed value of field @f in @row: (pointer, length); "" when unmapped or missing. */
static const char *
field_value (Validator    *v,
             const ShzRow *row,
             guint         f,
             gsize        *len)
{
  int c = v->column_of[f];
  const char *s;
  gsize n;

  if (c < 0 || (guint) c >= row->n_fields)
    {
      *len = 0;
      return "";
    }
  s = row->fields[c];
  n = row->lengths[c];
  while (n > 0 && g_ascii_isspace (*s))
    s++, n--;
  while (n > 0 && g_ascii_isspace (s[n - 1]))
    n--;
  /* full-width spaces around Chinese text */
  while (n >= 3 && memcmp (s, "\xE3\x80\x80", 3) == 0)
    s += 3, n -= 3;
  while (n >= 3 && memcmp (s + n - 3, "\xE3\x80\x80", 3) == 0)
    n -= 3;
  *len = n;
  return s;
}

static void
reject (Validator *v,
        GString   *arena,
        Item      *item,
        int        field,
        char      *reason)   /* taken */
{
  const char *col = field >= 0 ? column_name (v, v->column_of[field]) : NULL;

  item->reason = arena_add (arena, reason, strlen (reason));
  item->column = col ? arena_add (arena, col, strlen (col)) : NONE;
  g_free (reason);
}

/* ---- the catalogue's checks ---- */

/* Adds @id to a ", "-separated list of what a reason expects; past EXPECTED_MAX bytes the list
 * ends in "…" (a user's catalogue may have hundreds of items). */
static void
expected_add (GString    *list,
              const char *id)
{
  if (g_str_has_suffix (list->str, "…"))
    return;
  if (list->len > EXPECTED_MAX)
    {
      g_string_append (list, ", …");
      return;
    }
  if (list->len > 0)
    g_string_append (list, ", ");
  g_string_append (list, id);
}

static gboolean
framework_has_scored_items (const ShzCatFramework *fw)
{
  for (guint i = 0; i < fw->items->len; i++)
    if (((const ShzCatItem *) fw->items->pdata[i])->scored)
      return TRUE;
  return FALSE;
}

/* The frameworks a scores row may name. */
static char *
expected_frameworks (ShzCatalogue *cat)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < shz_catalogue_get_n_frameworks (cat); i++)
    {
      const ShzCatFramework *fw = shz_catalogue_get_framework (cat, i);
      if (framework_has_scored_items (fw))
        expected_add (list, fw->id);
    }
  return g_string_free (list, FALSE);
}

static char *
expected_items (const ShzCatFramework *fw)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < fw->items->len; i++)
    {
      const ShzCatItem *it = fw->items->pdata[i];
      if (it->scored)
        expected_add (list, it->id);
    }
  return g_string_free (list, FALSE);
}

/* The items of the chain and network frameworks the charts draw as nodes (@nodes) or link
 * kinds: the same classes as shz_catalogue_resolve_node() and _resolve_link_kind() index. */
static char *
expected_network_ids (ShzCatalogue *cat,
                      gboolean      nodes)
{
  GString *list = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < shz_catalogue_get_n_frameworks (cat); i++)
    {
      const ShzCatFramework *fw = shz_catalogue_get_framework (cat, i);

      if (fw->kind != SHZ_CAT_FRAMEWORK_CHAIN && fw->kind != SHZ_CAT_FRAMEWORK_NETWORK)
        continue;
      for (guint k = 0; k < fw->items->len; k++)
        {
          const ShzCatItem *it = fw->items->pdata[k];
          gboolean node = it->kind == SHZ_CAT_CENTRE || it->kind == SHZ_CAT_STAGE ||
                          it->kind == SHZ_CAT_SUPPORT || it->kind == SHZ_CAT_STREAM;

          /* the value chain and the value network share their elements' ids */
          if ((nodes ? node : it->kind == SHZ_CAT_LINK_KIND) && g_hash_table_add (seen, it->id))
            expected_add (list, it->id);
        }
    }
  return g_string_free (list, FALSE);
}

/* The catalogue's verdict on @framework and @item of a scores row (what shz-assessment.c
 * checks when a chart reads the row): NULL when the item is one the framework scores. */
static Verdict *
check_score_item (ShzCatalogue *cat,
                  const char   *framework,
                  const char   *item)
{
  const ShzCatFramework *fw = NULL;
  const ShzCatItem *scored;
  Verdict *verdict = g_new0 (Verdict, 1);
  g_autofree char *expected = NULL;

  verdict->field = -1;
  scored = shz_catalogue_lookup_score_item (cat, framework, item, &fw);
  if (scored != NULL)
    {
      verdict->framework_id = fw->id;
      verdict->item_id = scored->id;
      return verdict;
    }

  if (fw == NULL)
    {
      expected = expected_frameworks (cat);
      verdict->field = 0;
      /* Translators: a framework as the file names it, then the framework ids of the catalogues */
      verdict->reason = g_strdup_printf (_("“%s” is not a framework of the catalogues (expected %s)"),
                                         framework, expected);
      return verdict;
    }
  if (!framework_has_scored_items (fw))
    {
      expected = expected_frameworks (cat);
      verdict->field = 0;
      /* Translators: a framework id, then the ids of the frameworks that have items to score */
      verdict->reason = g_strdup_printf (_("framework “%s” has no scored items (expected %s)"),
                                         fw->id, expected);
      return verdict;
    }

  expected = expected_items (fw);
  verdict->field = 1;
  /* an item the user meant for another framework: say which */
  if (shz_catalogue_lookup_item (cat, fw->id, item, NULL) == NULL)
    for (guint i = 0; i < shz_catalogue_get_n_frameworks (cat); i++)
      {
        const ShzCatFramework *other = shz_catalogue_get_framework (cat, i);
        const ShzCatItem *it = other != fw ? shz_catalogue_lookup_item (cat, other->id, item, NULL) : NULL;

        if (it != NULL && it->scored)
          {
            /* Translators: an item as the file names it, the framework whose item it is, the
             * framework the row names, then the ids of the items that one scores */
            verdict->reason = g_strdup_printf (_("“%s” is an item of framework “%s”, not of “%s” "
                                                 "(expected %s)"),
                                               item, other->id, fw->id, expected);
            return verdict;
          }
      }
  /* Translators: an item as the file names it (unknown, or a link kind, scene, audience … that
   * is not scored), a framework id, then the ids of the items that framework scores */
  verdict->reason = g_strdup_printf (_("“%s” is not a scored item of framework “%s” (expected %s)"),
                                     item, fw->id, expected);
  return verdict;
}

/* Stores the catalogue ids of a fine pair in place of the file's spelling, so that an item
 * named "品牌" in one row and "brand" in another is one item in the dataset too. */
static void
store_score_ids (GString       *arena,
                 Item          *item,
                 const Verdict *verdict)
{
  if (strcmp (arena->str + item->str[0], verdict->framework_id) != 0)
    item->str[0] = arena_add (arena, verdict->framework_id, strlen (verdict->framework_id));
  if (strcmp (arena->str + item->str[1], verdict->item_id) != 0)
    item->str[1] = arena_add (arena, verdict->item_id, strlen (verdict->item_id));
}

/* Rejects @item when its framework and item (fields 0 and 1 of a scores row, both set) are not
 * a scored item of the catalogues, and returns whether it did; a fine pair is stored by id. */
static gboolean
reject_score_item (Validator *v,
                   GString   *arena,
                   Item      *item)
{
  const char *framework = arena->str + item->str[0];
  const char *name = arena->str + item->str[1];
  g_autofree char *key = g_strconcat (framework, "\x1f", name, NULL);
  Verdict *verdict = g_hash_table_lookup (v->checked, key);

  if (verdict == NULL)
    {
      verdict = check_score_item (v->catalogue, framework, name);
      if (g_hash_table_size (v->checked) < MAX_CHECKED)
        g_hash_table_insert (v->checked, g_steal_pointer (&key), verdict);
      else
        {
          /* a file of many distinct pairs: no more memory for them, and this one is used once */
          gboolean bad = verdict->field >= 0;
          if (bad)
            reject (v, arena, item, verdict->field, g_steal_pointer (&verdict->reason));
          else
            store_score_ids (arena, item, verdict);
          verdict_free (verdict);
          return bad;
        }
    }
  if (verdict->field < 0)
    {
      store_score_ids (arena, item, verdict);
      return FALSE;
    }
  reject (v, arena, item, verdict->field, g_strdup (verdict->reason));
  return TRUE;
}

/* Fills @item from @row, or makes it a rejection.  Enumerations are stored canonical. */
static void
validate_row (Validator    *v,
              const ShzRow *row,
              GString      *arena,
              Item         *item)
{
  item->row_no = row->row_no;
  item->line_no = row->line_no;
  item->reason = NONE;
  item->column = NONE;
  item->flag = FALSE;

  /* more non-empty cells than the header names: the row is misaligned */
  if (row->n_fields > v->n_header)
    for (guint c = v->n_header; c < row->n_fields; c++)
      if (row->lengths[c] > 0)
        {
          reject (v, arena, item, -1,
                  g_strdup_printf (_("the row has %u cells but the header only %u columns"),
                                   row->n_fields, v->n_header));
          return;
        }

  for (guint f = 0; f < v->n_fields; f++)
    {
      const ShzField *field = &v->fields[f];
      gsize len;
      const char *s = field_value (v, row, f, &len);
      g_autofree char *copy = NULL;
      const char *canon = NULL;
      const char *value;

      item->str[f] = NONE;
      item->num[f] = NAN;

      if (len == 0)
        {
          if (field->required)
            {
              if (v->column_of[f] < 0)
                reject (v, arena, item, f,
                        g_strdup_printf (_("no column is mapped to the field %s"), field->name));
              else
                reject (v, arena, item, f,
                        g_strdup_printf (_("%s is empty but required"), field->name));
              return;
            }
          continue;
        }

      /* fields are NUL-terminated in the reader's buffer: copy only when trimmed at the end */
      value = s[len] == '\0' ? s : (copy = g_strndup (s, len));

      switch (field->type)
        {
        case SHZ_FIELD_TEXT:
          item->str[f] = arena_add (arena, s, len);
          break;

        case SHZ_FIELD_NUMBER:
          {
            char *reason = NULL;
            double d;

            if (!shz_number_parse (value, &d, &reason))
              {
                /* TRANSLATORS: a field name, then why its value is not a number */
                reject (v, arena, item, f, g_strdup_printf (_("%s: %s"), field->name, reason));
                g_free (reason);
                return;
              }
            /* what the charts accept: a score from 0 to 5, a link weight of 0 or more */
            if (v->kind == SHZ_KIND_SCORES && g_str_equal (field->name, "score") && (d < 0 || d > 5))
              {
                reject (v, arena, item, f,
                        g_strdup_printf (_("%s is outside 0 to 5"), value));
                return;
              }
            if (v->kind == SHZ_KIND_LINKS && g_str_equal (field->name, "weight") && d < 0)
              {
                reject (v, arena, item, f,
                        g_strdup_printf (_("%s is negative (expected 0 or more)"), value));
                return;
              }
            item->num[f] = d;
            break;
          }

        case SHZ_FIELD_PERIOD:
          {
            g_autofree char *norm = NULL;
            char *reason = NULL;

            if (!shz_fields_period (value, &norm, &reason))
              {
                reject (v, arena, item, f, reason);
                return;
              }
            item->str[f] = arena_add (arena, norm, strlen (norm));
            break;
          }

        case SHZ_FIELD_CATEGORY:
          canon = shz_fields_category (value);
          if (!canon)
            {
              reject (v, arena, item, f,
                      g_strdup_printf (_("“%s” is not a product category (IaaS, PaaS, SaaS, "
                                         "大数据计算, 数据中台, XPaaS, 数据智能)"), value));
              return;
            }
          break;

        case SHZ_FIELD_NODE:
          /* our spellings first, then the catalogues' (a user's may add a node) */
          canon = shz_fields_node (value);
          if (!canon)
            canon = shz_catalogue_resolve_node (v->catalogue, value);
          if (!canon)
            {
              reject (v, arena, item, f,
                      g_strdup_printf (_("“%s” is not a value-network node (e.g. 零售/retail, "
                                         "消费者/consumer, 研发数据/rd-data)"), value));
              return;
            }
          /* a user's catalogue may replace the value network without it */
          if (!shz_catalogue_resolve_node (v->catalogue, canon))
            {
              g_autofree char *expected = expected_network_ids (v->catalogue, TRUE);
              reject (v, arena, item, f,
                      /* Translators: a node as the file names it, then the node ids of the catalogues */
                      g_strdup_printf (_("“%s” is not a node of the catalogues' value chain or value "
                                         "network (expected %s)"), value, expected));
              return;
            }
          break;

        case SHZ_FIELD_LINK_TYPE:
          canon = shz_fields_link_type (value);
          if (!canon)
            canon = shz_catalogue_resolve_link_kind (v->catalogue, value);
          if (!canon)
            {
              reject (v, arena, item, f,
                      g_strdup_printf (_("“%s” is not a link type (交易/transaction, "
                                         "互动/interaction, 体验/experience)"), value));
              return;
            }
          if (!shz_catalogue_resolve_link_kind (v->catalogue, canon))
            {
              g_autofree char *expected = expected_network_ids (v->catalogue, FALSE);
              reject (v, arena, item, f,
                      /* Translators: a link type as the file names it, then the link kind ids of the catalogues */
                      g_strdup_printf (_("“%s” is not a link kind of the catalogues' value network "
                                         "(expected %s)"), value, expected));
              return;
            }
          break;

        case SHZ_FIELD_STATE:
          canon = shz_fields_state (value);
          if (!canon)
            {
              reject (v, arena, item, f,
                      g_strdup_printf (_("“%s” is not a state (现状/as-is, 目标/to-be)"), value));
              return;
            }
          break;

        case SHZ_FIELD_BOOLEAN:
          {
            gboolean b;

            if (!shz_fields_boolean (value, &b))
              {
                reject (v, arena, item, f,
                        g_strdup_printf (_("“%s” is not yes or no"), value));
                return;
              }
            item->flag = b;
            break;
          }

        default:
          g_assert_not_reached ();
        }
      if (canon)
        item->str[f] = arena_add (arena, canon, strlen (canon));

      /* with its framework read before it: a scored item of that framework */
      if (v->kind == SHZ_KIND_SCORES && g_str_equal (field->name, "item") &&
          reject_score_item (v, arena, item))
        return;
    }
}

static const char *
str_at (Batch      *b,
        const Item *item,
        guint       f)
{
  return item->str[f] == NONE ? NULL : b->arena->str + item->str[f];
}

static gboolean
insert_item (ShzRowInserter  *ins,
             ShzDatasetKind   kind,
             Batch           *b,
             const Item      *it,
             GError         **error)
{
  switch (kind)
    {
    case SHZ_KIND_USAGE:
      {
        ShzUsageRow r = {
          .row_no = it->row_no,
          .enterprise_id = str_at (b, it, 0), .enterprise_name = str_at (b, it, 1),
          .industry = str_at (b, it, 2), .region = str_at (b, it, 3),
          .period = str_at (b, it, 4), .category = str_at (b, it, 5),
          .product = str_at (b, it, 6), .spend = it->num[7],
        };
        return shz_row_inserter_add_usage (ins, &r, error);
      }
    case SHZ_KIND_POSITIONS:
      {
        ShzPositionRow r = {
          .row_no = it->row_no,
          .entity = str_at (b, it, 0), .group = str_at (b, it, 1), .period = str_at (b, it, 2),
          .maturity = it->num[3], .innovation = it->num[4], .size = it->num[5],
          .is_client = it->flag,
          .maturity_lo = NAN, .maturity_hi = NAN, .innovation_lo = NAN, .innovation_hi = NAN,
          .n = 0, .low_sample = FALSE,
        };
        return shz_row_inserter_add_position (ins, &r, error);
      }
    case SHZ_KIND_LINKS:
      {
        const char *state = str_at (b, it, 4);
        ShzLinkRow r = {
          .row_no = it->row_no,
          .source = str_at (b, it, 0), .target = str_at (b, it, 1), .weight = it->num[2],
          .type = str_at (b, it, 3), .state = state ? state : "as-is",
        };
        return shz_row_inserter_add_link (ins, &r, error);
      }
    case SHZ_KIND_SCORES:
      {
        const char *state = str_at (b, it, 3);
        ShzScoreRow r = {
          .row_no = it->row_no,
          .framework = str_at (b, it, 0), .item = str_at (b, it, 1), .score = it->num[2],
          .state = state ? state : "as-is", .note = str_at (b, it, 4),
        };
        return shz_row_inserter_add_score (ins, &r, error);
      }
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* ---- results ---- */

static void
rejection_free (gpointer p)
{
  ShzRejection *r = p;

  g_free (r->column);
  g_free (r->reason);
  g_free (r);
}

static void
keep_rejection (ShzImportResult *res,
                Batch           *b,
                const Item      *it,
                guint            max)
{
  ShzRejection *r;

  if (res->rejections->len >= max)
    return;
  r = g_new0 (ShzRejection, 1);
  r->row_no = it->row_no;
  r->line_no = it->line_no;
  r->column = it->column == NONE ? NULL : g_strdup (b->arena->str + it->column);
  r->reason = g_strdup (b->arena->str + it->reason);
  g_ptr_array_add (res->rejections, r);
}

void
shz_import_result_free (ShzImportResult *result)
{
  if (result == NULL)
    return;
  g_free (result->dataset_name);
  g_clear_pointer (&result->rejections, g_ptr_array_unref);
  g_free (result->source_name);
  g_free (result->source_sha256);
  g_free (result->encoding);
  g_free (result->delimiter);
  g_free (result->sheet);
  g_strfreev (result->sheets);
  g_free (result->mapping_text);
  g_clear_pointer (&result->header, g_ptr_array_unref);
  g_clear_pointer (&result->mapping, shz_mapping_free);
  g_strfreev (result->missing_fields);
  g_clear_pointer (&result->rows, g_ptr_array_unref);
  g_free (result);
}

/* Opens the reader and fills the result's reader-side fields and mapping. */
static ShzReader *
open_and_map (const char              *path,
              const ShzImportOptions  *opts,
              gboolean                 want_checksum,
              ShzImportResult        **out,
              GError                 **error)
{
  g_autoptr(ShzImportResult) res = g_new0 (ShzImportResult, 1);
  g_autoptr(ShzReader) reader = NULL;
  ShzReaderOptions ropts = opts->reader;
  const char * const *header;
  const char * const *sheets;
  guint n_cols;

  ropts.no_checksum = !want_checksum;
  reader = shz_reader_open (path, &ropts, error);
  if (reader == NULL)
    return NULL;

  res->kind = opts->kind;
  res->rejections = g_ptr_array_new_with_free_func (rejection_free);
  res->source_name = g_path_get_basename (path);
  res->source_size = shz_reader_get_file_size (reader);
  res->format = shz_reader_get_format (reader);
  res->encoding = g_strdup (shz_reader_get_encoding (reader));
  if (shz_reader_get_delimiter (reader))
    res->delimiter = g_strdup (shz_reader_get_delimiter_name (reader));
  res->sheet = g_strdup (shz_reader_get_sheet (reader));
  sheets = shz_reader_get_sheets (reader);
  res->sheets = sheets ? g_strdupv ((char **) sheets) : NULL;
  res->has_header = shz_reader_has_header (reader);

  header = shz_reader_get_header (reader, &n_cols);
  res->header = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_cols; i++)
    g_ptr_array_add (res->header, g_strdup (header[i]));

  if (opts->mapping)
    {
      res->mapping = shz_mapping_copy (opts->mapping);
      if (shz_mapping_get_kind (res->mapping) != opts->kind)
        {
          g_set_error (error, SHZ_IMPORT_ERROR, SHZ_IMPORT_ERROR_MAPPING,
                       _("The column mapping is for %s data, not %s"),
                       shz_dataset_kind_to_string (shz_mapping_get_kind (res->mapping)),
                       shz_dataset_kind_to_string (opts->kind));
          return NULL;
        }
    }
  else
    res->mapping = shz_mapping_guess (opts->kind, header, n_cols);
  for (guint i = 0; opts->map_specs && opts->map_specs[i]; i++)
    if (!shz_mapping_apply_spec (res->mapping, header, n_cols, opts->map_specs[i], error))
      {
        g_prefix_error (error, "%s: ", res->source_name);
        return NULL;
      }
  res->mapping_text = shz_mapping_to_string (res->mapping, header, n_cols);
  res->missing_fields = shz_mapping_missing (res->mapping);

  *out = g_steal_pointer (&res);
  return g_steal_pointer (&reader);
}

/* ---- the producer thread ---- */

typedef struct {
  ShzReader     *reader;
  Validator      validator;
  GAsyncQueue   *free_q;
  GAsyncQueue   *full_q;
  gint           stop;        /* atomic: the consumer gave up */
  gint           progress;    /* atomic: fraction × 1e6 */
  gint64         rows;        /* read by the producer; read by the consumer after join */
} Pipeline;

static gpointer
produce (gpointer data)
{
  Pipeline *p = data;

  for (;;)
    {
      Batch *b = g_async_queue_pop (p->free_q);
      const ShzRow *row;

      while (b->items->len < BATCH_ROWS)
        {
          Item *it;

          if (g_atomic_int_get (&p->stop))
            {
              b->last = TRUE;
              g_async_queue_push (p->full_q, b);
              return NULL;
            }
          if (!shz_reader_next (p->reader, &row, &b->error))
            {
              b->last = TRUE;
              g_atomic_int_set (&p->progress, 1000000);
              g_async_queue_push (p->full_q, b);
              return NULL;
            }
          g_array_set_size (b->items, b->items->len + 1);
          it = &g_array_index (b->items, Item, b->items->len - 1);
          validate_row (&p->validator, row, b->arena, it);
        }
      g_atomic_int_set (&p->progress, (gint) (shz_reader_get_progress (p->reader) * 1e6));
      g_async_queue_push (p->full_q, b);
    }
}

static char *
default_dataset_name (const char *source_name)
{
  char *name = g_strdup (source_name);
  char *dot = strrchr (name, '.');

  if (dot && dot != name)
    *dot = '\0';
  return name;
}

ShzImportResult *
shz_import_file (ShzStore                *store,
                 const char              *path,
                 const ShzImportOptions  *opts,
                 GCancellable            *cancellable,
                 ShzImportProgressFunc    progress,
                 gpointer                 user_data,
                 GError                 **error)
{
  g_autoptr(ShzImportResult) res = NULL;
  g_autoptr(ShzReader) reader = NULL;
  g_autoptr(ShzDataset) ds = NULL;
  g_autoptr(ShzRowInserter) ins = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *imported = NULL;
  Pipeline p = { 0 };
  GThread *thread = NULL;
  gboolean in_tx = FALSE;
  gboolean finished = FALSE;
  gint64 last_report = -1;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (opts != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  reader = open_and_map (path, opts, FALSE, &res, error);
  if (reader == NULL)
    return NULL;
  if (res->missing_fields && res->missing_fields[0])
    {
      g_autofree char *missing = g_strjoinv (", ", res->missing_fields);
      g_autofree char *cols = NULL;
      g_ptr_array_add (res->header, NULL);
      cols = g_strjoinv (", ", (char **) res->header->pdata);
      g_ptr_array_set_size (res->header, res->header->len - 1);
      g_set_error (error, SHZ_IMPORT_ERROR, SHZ_IMPORT_ERROR_MAPPING,
                   _("%s: no column for the required field(s) %s of %s data (the columns are: "
                     "%s); map them with COLUMN=FIELD"),
                   res->source_name, missing, shz_dataset_kind_to_string (opts->kind), cols);
      return NULL;
    }

  /* start reading and validating while the file is hashed and the dataset created */
  validator_init (&p.validator, opts->kind, res->mapping, res->header, opts);
  p.reader = reader;
  p.free_q = g_async_queue_new_full (batch_free);
  p.full_q = g_async_queue_new_full (batch_free);
  for (int i = 0; i < N_BATCHES; i++)
    g_async_queue_push (p.free_q, batch_new ());
  thread = g_thread_new ("shz-import-reader", produce, &p);

  /* hashed here, in a pass of its own, while the producer reads the same (cached) bytes */
  res->source_sha256 = shz_sha256_file (path, cancellable, &local_error);
  if (res->source_sha256 == NULL)
    goto fail;

  if (!shz_store_begin (store, &local_error))
    goto fail;
  in_tx = TRUE;

  ds = shz_dataset_new ();
  ds->engagement_id = opts->engagement_id;
  ds->kind = opts->kind;
  if (opts->dataset_name && *opts->dataset_name)
    ds->name = g_strdup (opts->dataset_name);
  else
    {
      g_autofree char *base = default_dataset_name (res->source_name);
      ds->name = shz_store_unique_dataset_name (store, opts->engagement_id, base);
    }
  ds->source_name = g_strdup (res->source_name);
  ds->source_size = res->source_size;
  ds->source_sha256 = g_strdup (res->source_sha256);
  ds->encoding = g_strdup (res->encoding);
  ds->delimiter = g_strdup (res->delimiter);
  ds->sheet = g_strdup (res->sheet);
  ds->mapping = g_strdup (res->mapping_text);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    imported = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  }
  ds->imported = g_strdup (imported);
  res->dataset_id = shz_store_create_dataset (store, ds, &local_error);
  if (res->dataset_id == 0)
    goto fail;
  res->dataset_name = g_strdup (ds->name);
  ins = shz_row_inserter_new (store, res->dataset_id, opts->kind, &local_error);
  if (ins == NULL)
    goto fail;

  /* consume */
  while (!finished)
    {
      Batch *b = g_async_queue_pop (p.full_q);

      for (guint i = 0; i < b->items->len && local_error == NULL; i++)
        {
          const Item *it = &g_array_index (b->items, Item, i);

          if (it->reason != NONE)
            {
              if (res->rejected < SHZ_IMPORT_MAX_STORED_REJECTIONS &&
                  !shz_store_add_rejection (store, res->dataset_id, it->row_no,
                                            it->column == NONE ? NULL : b->arena->str + it->column,
                                            b->arena->str + it->reason, &local_error))
                break;
              keep_rejection (res, b, it, SHZ_IMPORT_MAX_STORED_REJECTIONS);
              res->rejected++;
            }
          else if (insert_item (ins, opts->kind, b, it, &local_error))
            res->accepted++;
        }
      if (b->last)
        {
          finished = TRUE;
          if (b->error && local_error == NULL)
            local_error = g_steal_pointer (&b->error);
        }
      batch_reset (b);
      g_async_queue_push (p.free_q, b);

      if (local_error == NULL)
        g_cancellable_set_error_if_cancelled (cancellable, &local_error);
      if (local_error)
        goto fail;
      if (progress && res->accepted + res->rejected != last_report)
        {
          last_report = res->accepted + res->rejected;
          progress (g_atomic_int_get (&p.progress) / 1e6, last_report, user_data);
        }
    }
  g_thread_join (thread);
  thread = NULL;
  validator_clear (&p.validator);

  if (res->accepted + res->rejected == 0)
    {
      g_set_error (&local_error, SHZ_IMPORT_ERROR, SHZ_IMPORT_ERROR_NO_ROWS,
                   _("%s: there are no data rows below the header"), res->source_name);
      goto fail;
    }
  if (res->accepted == 0)
    {
      ShzRejection *first = g_ptr_array_index (res->rejections, 0);
      g_set_error (&local_error, SHZ_IMPORT_ERROR, SHZ_IMPORT_ERROR_ALL_REJECTED,
                   _("%s: all %" PRId64 " rows were rejected, e.g. line %" PRId64
                     "%s%s: %s — is the kind or the column mapping wrong?"),
                   res->source_name, res->rejected, first->line_no,
                   first->column ? _(", column ") : "", first->column ? first->column : "",
                   first->reason);
      goto fail;
    }
  g_clear_pointer (&ins, shz_row_inserter_free);
  if (!shz_store_set_dataset_counts (store, res->dataset_id, res->accepted, res->rejected,
                                     &local_error))
    goto fail;
  if (!shz_store_commit (store, &local_error))
    goto fail;
  in_tx = FALSE;

  if (progress)
    progress (1.0, res->accepted + res->rejected, user_data);
  g_async_queue_unref (p.free_q);
  g_async_queue_unref (p.full_q);
  return g_steal_pointer (&res);

fail:
  if (thread)
    {
      /* stop the producer and drain until its last batch */
      g_atomic_int_set (&p.stop, 1);
      while (!finished)
        {
          Batch *b = g_async_queue_pop (p.full_q);

          finished = b->last;
          batch_reset (b);
          g_async_queue_push (p.free_q, b);
        }
      g_thread_join (thread);
    }
  validator_clear (&p.validator);
  g_clear_pointer (&ins, shz_row_inserter_free);
  if (in_tx)
    shz_store_rollback (store);
  if (p.free_q)
    g_async_queue_unref (p.free_q);
  if (p.full_q)
    g_async_queue_unref (p.full_q);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

ShzImportResult *
shz_import_preview (const char              *path,
                    const ShzImportOptions  *opts,
                    guint                    n_rows,
                    gint64                   max_validate,
                    GCancellable            *cancellable,
                    GError                 **error)
{
  g_autoptr(ShzImportResult) res = NULL;
  g_autoptr(ShzReader) reader = NULL;
  Validator v;
  Batch *b;
  const ShzRow *row;
  gboolean validate;
  GError *local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (opts != NULL, NULL);

  reader = open_and_map (path, opts, FALSE, &res, error);
  if (reader == NULL)
    return NULL;
  res->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  res->complete = TRUE;
  validate = res->missing_fields == NULL || res->missing_fields[0] == NULL;
  validator_init (&v, opts->kind, res->mapping, res->header, opts);
  b = batch_new ();

  while (shz_reader_next (reader, &row, &local_error))
    {
      Item it;

      if (res->rows->len < n_rows)
        {
          GPtrArray *copy = g_ptr_array_new_full (row->n_fields, g_free);

          for (guint i = 0; i < row->n_fields; i++)
            g_ptr_array_add (copy, g_strndup (row->fields[i], row->lengths[i]));
          g_ptr_array_add (res->rows, copy);
        }
      if (validate)
        {
          g_string_truncate (b->arena, 0);
          validate_row (&v, row, b->arena, &it);
          if (it.reason != NONE)
            {
              keep_rejection (res, b, &it, PREVIEW_REJECTIONS);
              res->rejected++;
            }
          else
            res->accepted++;
        }
      if ((row->row_no & 1023) == 0 && g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        break;
      /* enough: the rows to show, and the rows to validate (none when fields are missing) */
      if (res->rows->len >= n_rows &&
          (!validate || (max_validate >= 0 && row->row_no >= max_validate)))
        {
          res->complete = FALSE;
          break;
        }
    }
  batch_free (b);
  validator_clear (&v);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&res);
}
