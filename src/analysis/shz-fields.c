/* shz-fields.c — import fields, header guessing and bilingual enumerations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-fields"
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "shz-fields.h"
#include "shz-import.h"

/* ---- normal form ---- */

char *
shz_fields_normalise (const char *text)
{
  GString *s;
  const char *p;

  if (text == NULL)
    return g_strdup ("");
  s = g_string_sized_new (strlen (text));
  for (p = text; *p;)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      p = g_utf8_next_char (p);

      /* full-width ASCII (Ｉａａｓ, ２０１９) → ASCII */
      if (c >= 0xFF01 && c <= 0xFF5E)
        c = c - 0xFF01 + 0x21;
      if (c == 0x3000 || c == 0xA0 || c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
          c == '_' || c == '-' || c == '.' || c == '/' || c == '&' || c == 0x00B7 || c == 0x30FB ||
          c == ':' || c == 0x3001 || c == '*')
        continue;
      if (c < 0x80)
        g_string_append_c (s, g_ascii_tolower ((char) c));
      else
        g_string_append_unichar (s, c);
    }

  /* drop a trailing unit in brackets: 金额(元), spend(cny), 规模[人] */
  while (s->len > 0 && (s->str[s->len - 1] == ')' || s->str[s->len - 1] == ']'))
    {
      char open = s->str[s->len - 1] == ')' ? '(' : '[';
      char *o = strrchr (s->str, open);

      if (o == NULL || o == s->str)
        break;
      g_string_truncate (s, o - s->str);
    }
  return g_string_free (s, FALSE);
}

/* ---- the fields ---- */

#define A(...) (const char * const []) { __VA_ARGS__, NULL }

static const ShzField usage_fields[] = {
  { "enterprise_id", N_("Enterprise ID"), SHZ_FIELD_TEXT, TRUE,
    A ("enterpriseid", "企业编号", "企业id", "企业代码", "企业编码", "客户编号", "客户id",
       "客户代码", "公司编号", "公司id", "统一社会信用代码", "entid", "companyid", "customerid",
       "clientid", "enterprisecode", "企业号", "编号", "id", "enterprise") },
  { "enterprise_name", N_("Enterprise name"), SHZ_FIELD_TEXT, FALSE,
    A ("enterprisename", "企业名称", "企业名", "公司名称", "公司名", "客户名称", "客户名",
       "companyname", "customername", "clientname", "company", "名称", "企业", "name") },
  { "industry", N_("Industry"), SHZ_FIELD_TEXT, TRUE,
    A ("industry", "行业", "所属行业", "行业名称", "行业分类", "行业类别", "industryname",
       "sector", "产业", "领域") },
  { "region", N_("Region"), SHZ_FIELD_TEXT, FALSE,
    A ("region", "地区", "区域", "大区", "省份", "省", "城市", "地域", "所在地区", "province",
       "area", "city", "location") },
  { "period", N_("Period"), SHZ_FIELD_PERIOD, TRUE,
    A ("period", "月份", "期间", "统计期间", "统计月份", "年月", "账期", "时间", "日期",
       "month", "date", "yearmonth", "年份", "年度", "year", "季度", "quarter", "周期", "time") },
  { "category", N_("Product category"), SHZ_FIELD_CATEGORY, TRUE,
    A ("category", "productcategory", "产品类别", "产品类型", "产品分类", "产品大类",
       "云产品类别", "类别", "品类", "分类", "大类", "categoryname", "producttype") },
  { "product", N_("Product"), SHZ_FIELD_TEXT, FALSE,
    A ("product", "产品", "产品名称", "产品名", "云产品", "productname", "服务", "商品",
       "service", "sku") },
  { "spend", N_("Spend"), SHZ_FIELD_NUMBER, TRUE,
    A ("spend", "spendcny", "金额", "消费金额", "消费额", "消费", "云消费", "云消费金额",
       "费用", "支出", "投入", "投入金额", "投资额", "实付金额", "应付金额", "amount", "cost",
       "expense", "expenditure", "consumption", "revenue", "spending", "value") },
};

static const ShzField positions_fields[] = {
  { "entity", N_("Entity"), SHZ_FIELD_TEXT, TRUE,
    A ("entity", "实体", "对象", "主体", "企业名称", "企业", "公司", "名称", "name", "label",
       "标签", "company", "enterprise", "行业", "industry") },
  { "group", N_("Group"), SHZ_FIELD_TEXT, FALSE,
    A ("group", "分组", "组", "组别", "所属行业", "行业", "industry", "sector", "类别",
       "category", "segment") },
  { "period", N_("Period"), SHZ_FIELD_PERIOD, FALSE,
    A ("period", "期间", "年份", "年度", "月份", "时间", "year", "month", "date", "季度",
       "quarter") },
  { "maturity", N_("Maturity"), SHZ_FIELD_NUMBER, TRUE,
    A ("maturity", "成熟度", "数字化成熟度", "行业数字化成熟度", "digitalmaturity",
       "industrydigitalmaturity", "x", "横轴", "maturityindex", "成熟度指数") },
  { "innovation", N_("Innovation"), SHZ_FIELD_NUMBER, TRUE,
    A ("innovation", "创新度", "数据智能创新度", "行业数据智能创新度",
       "dataintelligenceinnovation", "industrydataintelligenceinnovation", "y", "纵轴",
       "innovationindex", "创新度指数") },
  { "size", N_("Size"), SHZ_FIELD_NUMBER, FALSE,
    A ("size", "规模", "大小", "气泡大小", "气泡", "样本量", "样本数", "企业数", "数量",
       "bubblesize", "bubble", "n", "count", "weight", "权重") },
  { "is_client", N_("Is the client"), SHZ_FIELD_BOOLEAN, FALSE,
    A ("isclient", "client", "是否客户", "客户", "本企业", "目标企业", "是否本企业", "highlight",
       "突出显示") },
};

static const ShzField links_fields[] = {
  { "source", N_("Source node"), SHZ_FIELD_NODE, TRUE,
    A ("source", "sourcenode", "from", "起点", "源", "源节点", "起始节点", "来源", "从", "起点节点") },
  { "target", N_("Target node"), SHZ_FIELD_NODE, TRUE,
    A ("target", "targetnode", "to", "终点", "目标节点", "终点节点", "到", "去向", "目标") },
  { "weight", N_("Weight"), SHZ_FIELD_NUMBER, TRUE,
    A ("weight", "权重", "强度", "连接强度", "值", "数值", "value", "strength", "score", "得分") },
  { "type", N_("Link type"), SHZ_FIELD_LINK_TYPE, TRUE,
    A ("type", "linktype", "类型", "链接类型", "连接类型", "关系类型", "关系", "kind", "relation") },
  { "state", N_("State"), SHZ_FIELD_STATE, FALSE,
    A ("state", "状态", "现状目标", "asistobe", "阶段", "stage", "scenario", "情景") },
};

static const ShzField scores_fields[] = {
  { "framework", N_("Framework"), SHZ_FIELD_TEXT, TRUE,
    A ("framework", "框架", "模型", "评估框架", "框架名称", "model") },
  { "item", N_("Item"), SHZ_FIELD_TEXT, TRUE,
    A ("item", "项目", "条目", "指标", "要素", "环节", "维度", "评估项", "element", "dimension",
       "indicator", "node", "节点") },
  { "score", N_("Score"), SHZ_FIELD_NUMBER, TRUE,
    A ("score", "得分", "分数", "评分", "分值", "打分", "value", "值", "rating") },
  { "state", N_("State"), SHZ_FIELD_STATE, FALSE,
    A ("state", "状态", "现状目标", "asistobe", "阶段", "stage", "scenario", "情景") },
  { "note", N_("Note"), SHZ_FIELD_TEXT, FALSE,
    A ("note", "备注", "说明", "注释", "评语", "comment", "remark", "notes", "remarks") },
};

const ShzField *
shz_fields_get (ShzDatasetKind  kind,
                guint          *n_fields)
{
  const ShzField *f;
  guint n;

  switch (kind)
    {
    case SHZ_KIND_USAGE: f = usage_fields; n = G_N_ELEMENTS (usage_fields); break;
    case SHZ_KIND_POSITIONS: f = positions_fields; n = G_N_ELEMENTS (positions_fields); break;
    case SHZ_KIND_LINKS: f = links_fields; n = G_N_ELEMENTS (links_fields); break;
    case SHZ_KIND_SCORES: f = scores_fields; n = G_N_ELEMENTS (scores_fields); break;
    default: f = NULL; n = 0; break;
    }
  if (n_fields)
    *n_fields = n;
  return f;
}

/* Rank of @norm among @field's spellings: 0 for its name, 1 + alias index, or -1. */
static int
alias_rank (const ShzField *field,
            const char     *norm)
{
  g_autofree char *name = shz_fields_normalise (field->name);

  if (g_str_equal (name, norm))
    return 0;
  for (int i = 0; field->aliases[i]; i++)
    if (g_str_equal (field->aliases[i], norm))
      return i + 1;
  return -1;
}

/* A weaker match: the header contains a distinctive alias ("2019年云消费金额" ⊃ "消费金额"). */
static int
contains_rank (const ShzField *field,
               const char     *norm)
{
  for (int i = 0; field->aliases[i]; i++)
    {
      const char *a = field->aliases[i];
      gboolean ascii = (guchar) a[0] < 0x80;
      glong chars = g_utf8_strlen (a, -1);

      if ((ascii && chars >= 5) || (!ascii && chars >= 2))
        if (strstr (norm, a) != NULL)
          return 100 + i;
    }
  return -1;
}

int
shz_fields_find (ShzDatasetKind  kind,
                 const char     *name)
{
  g_autofree char *norm = shz_fields_normalise (name);
  guint n;
  const ShzField *f = shz_fields_get (kind, &n);
  int best = -1, best_rank = G_MAXINT;

  for (guint i = 0; i < n; i++)
    {
      int r = alias_rank (&f[i], norm);

      if (r >= 0 && r < best_rank)
        {
          best = i;
          best_rank = r;
        }
    }
  return best;
}

/* ---- enumerations ---- */

typedef struct {
  const char *canonical;
  const char * const *spellings;   /* normal form */
} Enum;

static const char *
lookup_enum (const Enum *e,
             guint       n,
             const char *text)
{
  g_autofree char *norm = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  /* fast path: already canonical */
  for (guint i = 0; i < n; i++)
    if (strcmp (e[i].canonical, text) == 0)
      return e[i].canonical;
  norm = shz_fields_normalise (text);
  for (guint i = 0; i < n; i++)
    for (int j = 0; e[i].spellings[j]; j++)
      if (g_str_equal (e[i].spellings[j], norm))
        return e[i].canonical;
  return NULL;
}

static const Enum categories[] = {
  { "IaaS", A ("iaas", "基础设施即服务", "基础设施") },
  { "PaaS", A ("paas", "平台即服务") },
  { "SaaS", A ("saas", "软件即服务") },
  { "大数据计算", A ("大数据计算", "大数据", "bigdatacomputing", "bigdatacompute", "bigdata",
                     "bigdatacomputation") },
  { "数据中台", A ("数据中台", "datamiddleplatform", "datamidend", "datamiddleoffice",
                   "datahub", "dataplatform", "datazhongtai") },
  { "XPaaS", A ("xpaas") },
  { "数据智能", A ("数据智能", "dataintelligence", "数据智能产品", "ai", "人工智能") },
};

const char *
shz_fields_category (const char *text)
{
  return lookup_enum (categories, G_N_ELEMENTS (categories), text);
}

const char *
shz_fields_category_axis (const char *canonical)
{
  if (canonical == NULL)
    return NULL;
  if (g_str_equal (canonical, "IaaS") || g_str_equal (canonical, "PaaS") ||
      g_str_equal (canonical, "SaaS"))
    return "maturity";
  for (guint i = 3; i < G_N_ELEMENTS (categories); i++)
    if (g_str_equal (canonical, categories[i].canonical))
      return "innovation";
  return NULL;
}

static const Enum link_types[] = {
  { "transaction", A ("transaction", "交易", "交易关系", "transactions", "trade") },
  { "interaction", A ("interaction", "互动", "互动关系", "interactions") },
  { "experience", A ("experience", "体验", "体验关系", "experiences") },
};

const char *
shz_fields_link_type (const char *text)
{
  return lookup_enum (link_types, G_N_ELEMENTS (link_types), text);
}

static const Enum states[] = {
  { "as-is", A ("asis", "现状", "当前", "现在", "current", "now", "today", "现有") },
  { "to-be", A ("tobe", "目标", "未来", "target", "future", "goal", "愿景") },
};

const char *
shz_fields_state (const char *text)
{
  return lookup_enum (states, G_N_ELEMENTS (states), text);
}

static const Enum nodes[] = {
  { "consumer", A ("consumer", "consumers", "消费者", "数字化消费者", "顾客", "用户", "customer") },
  { "product", A ("product", "products", "goods", "商品", "产品", "货") },
  { "manufacturing", A ("manufacturing", "manufacture", "production", "制造", "生产", "生产制造") },
  { "brand", A ("brand", "branding", "品牌") },
  { "marketing", A ("marketing", "营销") },
  { "channel", A ("channel", "channels", "渠道") },
  { "retail", A ("retail", "零售") },
  { "service", A ("service", "services", "服务") },
  { "technology", A ("technology", "tech", "技术") },
  { "organisation", A ("organisation", "organization", "org", "组织") },
  { "finance", A ("finance", "funding", "capital", "金融", "资金") },
  { "logistics", A ("logistics", "物流") },
  { "rd-data", A ("rddata", "researchanddevelopmentdata", "研发数据") },
  { "supply-data", A ("supplydata", "supplychaindata", "productionsupplychaindata",
                      "productionandsupplychaindata", "生产供应链数据", "供应链数据") },
  { "channel-data", A ("channeldata", "渠道数据") },
  { "terminal-data", A ("terminaldata", "终端数据") },
  { "consumer-data", A ("consumerdata", "消费者数据") },
};

const char *
shz_fields_node (const char *text)
{
  return lookup_enum (nodes, G_N_ELEMENTS (nodes), text);
}

const char * const *
shz_fields_node_ids (void)
{
  static const char *ids[G_N_ELEMENTS (nodes) + 1];

  if (ids[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
      ids[i] = nodes[i].canonical;
  return ids;
}

gboolean
shz_fields_boolean (const char *text,
                    gboolean   *value)
{
  static const char * const yes[] = { "true", "yes", "y", "1", "是", "对", "√", "✓", "x", "client",
                                      "客户", NULL };
  static const char * const no[] = { "false", "no", "n", "0", "否", "不是", "×", "", NULL };
  g_autofree char *norm = shz_fields_normalise (text);

  if (g_strv_contains (yes, norm))
    {
      *value = TRUE;
      return TRUE;
    }
  if (g_strv_contains (no, norm))
    {
      *value = FALSE;
      return TRUE;
    }
  return FALSE;
}

/* ---- periods ---- */

static int
chinese_numeral (const char **p)
{
  static const char * const digits[] = { "零", "一", "二", "三", "四", NULL };

  for (int i = 0; digits[i]; i++)
    if (g_str_has_prefix (*p, digits[i]))
      {
        *p += strlen (digits[i]);
        return i;
      }
  return -1;
}

static guint
take_digits (const char **p,
             guint        max_digits,
             guint       *n_digits)
{
  guint v = 0, n = 0;

  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      v = v * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  *n_digits = n;
  return v;
}

/* Full-width folded to ASCII, lower case, trimmed; separators kept. */
static char *
fold_period (const char *text)
{
  GString *s = g_string_sized_new (strlen (text));

  for (const char *p = text; *p;)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      p = g_utf8_next_char (p);
      if (c >= 0xFF01 && c <= 0xFF5E)
        c = c - 0xFF01 + 0x21;
      if (c == 0x3000 || c == 0xA0)
        c = ' ';
      if (c < 0x80)
        g_string_append_c (s, g_ascii_tolower ((char) c));
      else
        g_string_append_unichar (s, c);
    }
  g_strstrip (s->str);
  s->len = strlen (s->str);
  return g_string_free (s, FALSE);
}

static gboolean
skip_sep (const char **p)
{
  if (**p == '-' || **p == '/' || **p == '.' || **p == ' ' || **p == '_')
    {
      (*p)++;
      return TRUE;
    }
  return FALSE;
}

gboolean
shz_fields_period (const char  *text,
                   char       **normalised,
                   char       **reason)
{
  g_autofree char *norm = NULL;
  const char *p;
  guint year, nd, month = 0, quarter = 0;
  int q;

  *normalised = NULL;
  if (text == NULL || *text == '\0')
    {
      if (reason)
        *reason = g_strdup (_("the period is empty"));
      return FALSE;
    }
  /* fast path: already YYYY-MM */
  if (strlen (text) == 7 && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) &&
      g_ascii_isdigit (text[2]) && g_ascii_isdigit (text[3]) && text[4] == '-' &&
      g_ascii_isdigit (text[5]) && g_ascii_isdigit (text[6]))
    {
      year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
      month = (text[5] - '0') * 10 + (text[6] - '0');
      if (year >= 1900 && year <= 2100 && month >= 1 && month <= 12)
        {
          *normalised = g_strdup (text);
          return TRUE;
        }
    }

  norm = fold_period (text);
  p = norm;
  year = take_digits (&p, 4, &nd);
  if (nd != 4)
    goto bad;
  if (g_str_has_prefix (p, "年"))
    p += strlen ("年");
  else if (g_str_has_prefix (p, "fy") || g_str_has_prefix (p, "y"))
    goto bad;
  skip_sep (&p);
  if (*p == '\0')
    goto done;

  /* quarters: 2019-Q1, 2019Q1, 2019 q1, 2019年第一季度, 2019年1季度, 2019年一季 */
  if (*p == 'q')
    {
      p++;
      quarter = take_digits (&p, 1, &nd);
      if (nd != 1 || *p != '\0' || quarter < 1 || quarter > 4)
        goto bad;
      goto done;
    }
  if (g_str_has_prefix (p, "第"))
    p += strlen ("第");
  if ((q = chinese_numeral (&p)) >= 0 ||
      (g_ascii_isdigit (*p) && (g_str_has_prefix (p + 1, "季")) ))
    {
      if (q < 0)
        q = *p++ - '0';
      if (g_str_has_prefix (p, "季度"))
        p += strlen ("季度");
      else if (g_str_has_prefix (p, "季"))
        p += strlen ("季");
      else
        goto bad;
      quarter = q;
      if (*p != '\0' || quarter < 1 || quarter > 4)
        goto bad;
      goto done;
    }

  /* months: 2019-03, 2019/3, 2019.03, 201903, 2019年3月, and dates 2019-03-15 [time] */
  month = take_digits (&p, 2, &nd);
  if (nd == 0)
    goto bad;
  if (g_str_has_prefix (p, "月"))
    p += strlen ("月");
  if (*p != '\0')
    {
      guint day;

      skip_sep (&p);
      day = take_digits (&p, 2, &nd);
      if (nd == 0 || day < 1 || day > 31)
        goto bad;
      if (g_str_has_prefix (p, "日"))
        p += strlen ("日");
      /* a time may follow a date: 2019-03-15 10:00 or 2019-03-15t10:00:00 */
      if (*p != '\0' && *p != ' ' && *p != 't')
        goto bad;
    }
  if (month < 1 || month > 12)
    goto bad;

done:
  if (year < 1900 || year > 2100)
    goto bad;
  if (quarter)
    *normalised = g_strdup_printf ("%04u-Q%u", year, quarter);
  else if (month)
    *normalised = g_strdup_printf ("%04u-%02u", year, month);
  else
    *normalised = g_strdup_printf ("%04u", year);
  return TRUE;

bad:
  if (reason)
    *reason = g_strdup_printf (_("“%s” is not a period (expected YYYY, YYYY-MM or YYYY-Qn)"), text);
  return FALSE;
}

/* ---- mappings ---- */

struct _ShzMapping {
  ShzDatasetKind  kind;
  GArray         *field_of_column;   /* of int */
};

ShzMapping *
shz_mapping_new (ShzDatasetKind kind,
                 guint          n_columns)
{
  ShzMapping *m = g_new0 (ShzMapping, 1);
  int none = -1;

  m->kind = kind;
  m->field_of_column = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < n_columns; i++)
    g_array_append_val (m->field_of_column, none);
  return m;
}

ShzMapping *
shz_mapping_copy (const ShzMapping *mapping)
{
  ShzMapping *m = shz_mapping_new (mapping->kind, 0);

  g_array_append_vals (m->field_of_column, mapping->field_of_column->data,
                       mapping->field_of_column->len);
  return m;
}

void
shz_mapping_free (ShzMapping *mapping)
{
  if (mapping == NULL)
    return;
  g_array_unref (mapping->field_of_column);
  g_free (mapping);
}

ShzDatasetKind
shz_mapping_get_kind (const ShzMapping *mapping)
{
  return mapping->kind;
}

guint
shz_mapping_get_n_columns (const ShzMapping *mapping)
{
  return mapping->field_of_column->len;
}

int
shz_mapping_get_field (const ShzMapping *mapping,
                       guint             column)
{
  if (column >= mapping->field_of_column->len)
    return -1;
  return g_array_index (mapping->field_of_column, int, column);
}

int
shz_mapping_get_column (const ShzMapping *mapping,
                        guint             field)
{
  for (guint i = 0; i < mapping->field_of_column->len; i++)
    if (g_array_index (mapping->field_of_column, int, i) == (int) field)
      return i;
  return -1;
}

void
shz_mapping_set (ShzMapping *mapping,
                 guint       column,
                 int         field)
{
  int none = -1;

  while (column >= mapping->field_of_column->len)
    g_array_append_val (mapping->field_of_column, none);
  if (field >= 0)
    for (guint i = 0; i < mapping->field_of_column->len; i++)
      if (g_array_index (mapping->field_of_column, int, i) == field)
        g_array_index (mapping->field_of_column, int, i) = -1;
  g_array_index (mapping->field_of_column, int, column) = field;
}

ShzMapping *
shz_mapping_guess (ShzDatasetKind      kind,
                   const char * const *headers,
                   guint               n_columns)
{
  ShzMapping *m = shz_mapping_new (kind, n_columns);
  g_autoptr(GPtrArray) norms = g_ptr_array_new_with_free_func (g_free);
  guint n_fields;
  const ShzField *fields = shz_fields_get (kind, &n_fields);

  for (guint c = 0; c < n_columns; c++)
    g_ptr_array_add (norms, shz_fields_normalise (headers[c]));

  /* Two rounds: exact spellings first, then "contains"; within a round each field, in
   * DESIGN.md order, takes the free column whose spelling ranks best for it. */
  for (int round = 0; round < 2; round++)
    for (guint f = 0; f < n_fields; f++)
      {
        int best = -1, best_rank = G_MAXINT;

        if (shz_mapping_get_column (m, f) >= 0)
          continue;
        for (guint c = 0; c < n_columns; c++)
          {
            const char *norm = g_ptr_array_index (norms, c);
            int r;

            if (shz_mapping_get_field (m, c) >= 0 || *norm == '\0')
              continue;
            r = round == 0 ? alias_rank (&fields[f], norm) : contains_rank (&fields[f], norm);
            if (r >= 0 && r < best_rank)
              {
                best = c;
                best_rank = r;
              }
          }
        if (best >= 0)
          {
            /* a later field may want this column more (its name exactly): let it */
            gboolean taken = FALSE;

            if (round == 0 && best_rank > 0)
              for (guint g = f + 1; g < n_fields && !taken; g++)
                if (shz_mapping_get_column (m, g) < 0 &&
                    alias_rank (&fields[g], g_ptr_array_index (norms, best)) == 0)
                  taken = TRUE;
            if (!taken)
              shz_mapping_set (m, best, f);
          }
      }
  return m;
}

static int
find_column (const char * const *headers,
             guint               n_columns,
             const char         *name)
{
  g_autofree char *norm = NULL;
  char *end = NULL;
  guint64 n;

  for (guint c = 0; c < n_columns; c++)
    if (g_strcmp0 (headers[c], name) == 0)
      return c;
  norm = shz_fields_normalise (name);
  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *h = shz_fields_normalise (headers[c]);
      if (g_str_equal (h, norm))
        return c;
    }
  /* a 1-based number */
  n = g_ascii_strtoull (name, &end, 10);
  if (end != name && *end == '\0' && n >= 1 && n <= n_columns)
    return (int) n - 1;
  /* a column letter: A … ZZ */
  if (*name && strlen (name) <= 3)
    {
      guint64 col = 0;
      const char *p;

      for (p = name; g_ascii_isalpha (*p); p++)
        col = col * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (*p == '\0' && col >= 1 && col <= n_columns)
        return (int) col - 1;
    }
  return -1;
}

gboolean
shz_mapping_apply_spec (ShzMapping         *mapping,
                        const char * const *headers,
                        guint               n_columns,
                        const char         *spec,
                        GError            **error)
{
  const char *eq = strrchr (spec, '=');
  g_autofree char *column = NULL;
  g_autofree char *field = NULL;
  int c, f;

  if (eq == NULL || eq == spec)
    {
      g_set_error (error, SHZ_IMPORT_ERROR, SHZ_IMPORT_ERROR_MAPPING,
                   _("“%s”: a mapping is COLUMN=FIELD"), spec);
      return FALSE;
    }
  column = g_strstrip (g_strndup (spec, eq - spec));
  field = g_strstrip (g_strdup (eq + 1));

  c = find_column (headers, n_columns, column);
  if (c < 0)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) headers);
      g_set_error (error, SHZ_IMPORT_ERROR, SHZ_IMPORT_ERROR_MAPPING,
                   _("--map %s: there is no column “%s”; the columns are: %s"), spec, column, list);
      return FALSE;
    }
  if (*field == '\0' || g_str_equal (field, "-"))
    {
      shz_mapping_set (mapping, c, -1);
      return TRUE;
    }
  f = shz_fields_find (mapping->kind, field);
  if (f < 0)
    {
      guint n;
      const ShzField *fields = shz_fields_get (mapping->kind, &n);
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        g_string_append_printf (list, "%s%s", i ? ", " : "", fields[i].name);
      g_set_error (error, SHZ_IMPORT_ERROR, SHZ_IMPORT_ERROR_MAPPING,
                   _("--map %s: “%s” is not a field of %s data; the fields are: %s"),
                   spec, field, shz_dataset_kind_to_string (mapping->kind), list->str);
      return FALSE;
    }
  shz_mapping_set (mapping, c, f);
  return TRUE;
}

GStrv
shz_mapping_missing (const ShzMapping *mapping)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  guint n;
  const ShzField *fields = shz_fields_get (mapping->kind, &n);

  for (guint f = 0; f < n; f++)
    if (fields[f].required && shz_mapping_get_column (mapping, f) < 0)
      g_strv_builder_add (b, fields[f].name);
  return g_strv_builder_end (b);
}

char *
shz_mapping_to_string (const ShzMapping   *mapping,
                       const char * const *headers,
                       guint               n_columns)
{
  GString *s = g_string_new (NULL);
  guint n;
  const ShzField *fields = shz_fields_get (mapping->kind, &n);

  for (guint c = 0; c < mapping->field_of_column->len; c++)
    {
      int f = g_array_index (mapping->field_of_column, int, c);
      g_autofree char *letters = NULL;

      if (f < 0)
        continue;
      if (c >= n_columns || headers == NULL)
        letters = g_strdup_printf ("%u", c + 1);
      g_string_append_printf (s, "%s=%s\n", letters ? letters : headers[c], fields[f].name);
    }
  return g_string_free (s, FALSE);
}
