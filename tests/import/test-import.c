/* test-import.c — fields, mapping guesses, the import pipeline (rejections with reasons,
 * provenance, all or nothing under failure and cancel), the preview, and the CLI's
 * inspect/import exit codes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "analysis/shz-fields.h"
#include "analysis/shz-assessment.h"
#include "analysis/shz-import.h"
#include "../io/zip-fixture.h"

static char *tmpdir;

static char *
write_file (const char *name,
            const char *data,
            gssize      len)
{
  char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, len, NULL));
  return path;
}

typedef struct {
  char     *path;
  ShzStore *store;
  gint64    engagement_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzEngagement) e = shz_engagement_new ();
  static int counter;

  f->path = g_strdup_printf ("%s/store-%d.shuzhi", tmpdir, counter++);
  f->store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  e->name = g_strdup ("客户A");
  f->engagement_id = shz_store_create_engagement (f->store, e, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->engagement_id, >, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  shz_store_free (f->store);
  g_unlink (f->path);
  g_free (f->path);
}

static gint64
count_sql (ShzStore   *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (shz_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The store is exactly as the fixture made it: no dataset, no row, no rejection. */
static void
assert_store_unchanged (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = shz_store_list_datasets (f->store, f->engagement_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM usage_row"), ==, 0);
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM dataset"), ==, 0);
}

/* ---- fields ---- */

static int
guessed (ShzDatasetKind      kind,
         const char * const *headers,
         guint               column)
{
  g_autoptr(ShzMapping) m = shz_mapping_guess (kind, headers, g_strv_length ((char **) headers));
  int f = shz_mapping_get_field (m, column);
  guint n;
  const ShzField *fields = shz_fields_get (kind, &n);

  return f;
  (void) fields;
}

static const char *
guessed_name (ShzDatasetKind      kind,
              const char * const *headers,
              guint               column)
{
  int f = guessed (kind, headers, column);
  guint n;
  const ShzField *fields = shz_fields_get (kind, &n);

  return f < 0 ? NULL : fields[f].name;
}

static void
test_guess_usage (void)
{
  const char *zh[] = { "企业编号", "企业名称", "行业", "地区", "月份", "产品类别", "产品",
                       "消费金额（元）", "无关列", NULL };
  const char *en[] = { "Enterprise ID", "enterprise_name", "Industry", "REGION", "period",
                       "Product Category", "product", "spend_cny", NULL };
  const char *loose[] = { "客户ID", "所属行业", "统计月份", "类别", "2019年云消费金额", NULL };
  const char *expect[] = { "enterprise_id", "enterprise_name", "industry", "region", "period",
                           "category", "product", "spend" };
  g_autoptr(ShzMapping) m = NULL;
  g_auto(GStrv) missing = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    {
      g_assert_cmpstr (guessed_name (SHZ_KIND_USAGE, zh, i), ==, expect[i]);
      g_assert_cmpstr (guessed_name (SHZ_KIND_USAGE, en, i), ==, expect[i]);
    }
  g_assert_null (guessed_name (SHZ_KIND_USAGE, zh, 8));

  g_assert_cmpstr (guessed_name (SHZ_KIND_USAGE, loose, 0), ==, "enterprise_id");
  g_assert_cmpstr (guessed_name (SHZ_KIND_USAGE, loose, 1), ==, "industry");
  g_assert_cmpstr (guessed_name (SHZ_KIND_USAGE, loose, 2), ==, "period");
  g_assert_cmpstr (guessed_name (SHZ_KIND_USAGE, loose, 3), ==, "category");
  g_assert_cmpstr (guessed_name (SHZ_KIND_USAGE, loose, 4), ==, "spend");

  m = shz_mapping_guess (SHZ_KIND_USAGE, loose, 5);
  missing = shz_mapping_missing (m);
  g_assert_cmpuint (g_strv_length (missing), ==, 0);
}

static void
test_guess_other_kinds (void)
{
  const char *pos[] = { "企业名称", "行业", "年份", "成熟度", "创新度", "规模", "是否客户", NULL };
  const char *pos2[] = { "行业", "行业数字化成熟度", "行业数据智能创新度", NULL };
  const char *links[] = { "起点", "终点", "权重", "类型", "状态", NULL };
  const char *links_en[] = { "Source", "Target", "Weight", "Link type", "State", NULL };
  const char *scores[] = { "框架", "指标", "得分", "现状/目标", "备注", NULL };

  g_assert_cmpstr (guessed_name (SHZ_KIND_POSITIONS, pos, 0), ==, "entity");
  g_assert_cmpstr (guessed_name (SHZ_KIND_POSITIONS, pos, 1), ==, "group");
  g_assert_cmpstr (guessed_name (SHZ_KIND_POSITIONS, pos, 2), ==, "period");
  g_assert_cmpstr (guessed_name (SHZ_KIND_POSITIONS, pos, 3), ==, "maturity");
  g_assert_cmpstr (guessed_name (SHZ_KIND_POSITIONS, pos, 4), ==, "innovation");
  g_assert_cmpstr (guessed_name (SHZ_KIND_POSITIONS, pos, 5), ==, "size");
  g_assert_cmpstr (guessed_name (SHZ_KIND_POSITIONS, pos, 6), ==, "is_client");
  g_assert_cmpstr (guessed_name (SHZ_KIND_POSITIONS, pos2, 0), ==, "entity");
  g_assert_cmpstr (guessed_name (SHZ_KIND_POSITIONS, pos2, 1), ==, "maturity");
  g_assert_cmpstr (guessed_name (SHZ_KIND_POSITIONS, pos2, 2), ==, "innovation");

  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (guessed_name (SHZ_KIND_LINKS, links, i), ==,
                     guessed_name (SHZ_KIND_LINKS, links_en, i));
  g_assert_cmpstr (guessed_name (SHZ_KIND_LINKS, links, 3), ==, "type");
  g_assert_cmpstr (guessed_name (SHZ_KIND_SCORES, scores, 1), ==, "item");
  g_assert_cmpstr (guessed_name (SHZ_KIND_SCORES, scores, 3), ==, "state");
  g_assert_cmpstr (guessed_name (SHZ_KIND_SCORES, scores, 4), ==, "note");
}

static void
test_enums (void)
{
  gboolean b;

  g_assert_cmpstr (shz_fields_category ("IaaS"), ==, "IaaS");
  g_assert_cmpstr (shz_fields_category (" iaas "), ==, "IaaS");
  g_assert_cmpstr (shz_fields_category ("Big data computing"), ==, "大数据计算");
  g_assert_cmpstr (shz_fields_category ("data middle platform"), ==, "数据中台");
  g_assert_cmpstr (shz_fields_category ("ＸＰａａＳ"), ==, "XPaaS");
  g_assert_cmpstr (shz_fields_category ("Data Intelligence"), ==, "数据智能");
  g_assert_null (shz_fields_category ("FaaS"));
  g_assert_cmpstr (shz_fields_category_axis ("SaaS"), ==, "maturity");
  g_assert_cmpstr (shz_fields_category_axis ("数据中台"), ==, "innovation");

  g_assert_cmpstr (shz_fields_link_type ("交易"), ==, "transaction");
  g_assert_cmpstr (shz_fields_link_type ("Interaction"), ==, "interaction");
  g_assert_cmpstr (shz_fields_link_type ("体验"), ==, "experience");
  g_assert_null (shz_fields_link_type ("物流"));

  g_assert_cmpstr (shz_fields_state ("现状"), ==, "as-is");
  g_assert_cmpstr (shz_fields_state ("As Is"), ==, "as-is");
  g_assert_cmpstr (shz_fields_state ("to-be"), ==, "to-be");
  g_assert_cmpstr (shz_fields_state ("目标"), ==, "to-be");
  g_assert_null (shz_fields_state ("maybe"));

  {
    struct { const char *in, *out; } nodes[] = {
      { "消费者", "consumer" }, { "商品", "product" }, { "制造", "manufacturing" },
      { "品牌", "brand" }, { "营销", "marketing" }, { "渠道", "channel" }, { "零售", "retail" },
      { "服务", "service" }, { "技术", "technology" }, { "组织", "organisation" },
      { "Organization", "organisation" }, { "金融", "finance" }, { "资金", "finance" },
      { "物流", "logistics" }, { "研发数据", "rd-data" }, { "R&D data", "rd-data" },
      { "生产供应链数据", "supply-data" }, { "渠道数据", "channel-data" },
      { "终端数据", "terminal-data" }, { "消费者数据", "consumer-data" }, { "Retail", "retail" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
      g_assert_cmpstr (shz_fields_node (nodes[i].in), ==, nodes[i].out);
    g_assert_null (shz_fields_node ("火星"));
    g_assert_cmpuint (g_strv_length ((char **) shz_fields_node_ids ()), ==, 17);
  }

  g_assert_true (shz_fields_boolean ("是", &b) && b);
  g_assert_true (shz_fields_boolean ("FALSE", &b) && !b);
  g_assert_true (shz_fields_boolean ("1", &b) && b);
  g_assert_false (shz_fields_boolean ("perhaps", &b));
}

static void
test_periods (void)
{
  struct { const char *in, *out; } ok[] = {
    { "2019", "2019" }, { "2019年", "2019" }, { "2019-03", "2019-03" }, { "2019-3", "2019-03" },
    { "2019/03", "2019-03" }, { "2019.3", "2019-03" }, { "201903", "2019-03" },
    { "2019年3月", "2019-03" }, { "2019年03月", "2019-03" }, { "2019-Q1", "2019-Q1" },
    { "2019Q4", "2019-Q4" }, { "2019 q2", "2019-Q2" }, { "2019年第一季度", "2019-Q1" },
    { "2019年3季度", "2019-Q3" }, { "2019-03-15", "2019-03" }, { "2019/3/15", "2019-03" },
    { "2019-03-15 10:30:00", "2019-03" }, { "２０１９－０３", "2019-03" }, { " 2020 ", "2020" },
  };
  const char *bad[] = { "", "19", "2019-13", "2019-Q5", "2019年第五季度", "March 2019",
                        "1800", "2019-03-40", "abcd", "2019-03x" };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autofree char *norm = NULL;
      g_autofree char *reason = NULL;

      if (!shz_fields_period (ok[i].in, &norm, &reason))
        g_error ("“%s” rejected: %s", ok[i].in, reason);
      g_assert_cmpstr (norm, ==, ok[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *norm = NULL;
      g_autofree char *reason = NULL;

      if (shz_fields_period (bad[i], &norm, &reason))
        g_error ("“%s” accepted as %s", bad[i], norm);
      g_assert_nonnull (reason);
    }
}

static void
test_mapping_spec (void)
{
  const char *headers[] = { "编号", "名字", "行", "时间", "类", "钱", NULL };
  g_autoptr(ShzMapping) m = shz_mapping_new (SHZ_KIND_USAGE, 6);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) missing = NULL;
  g_autofree char *text = NULL;

  g_assert_true (shz_mapping_apply_spec (m, headers, 6, "编号=enterprise_id", &error));
  g_assert_true (shz_mapping_apply_spec (m, headers, 6, "C=industry", &error));
  g_assert_true (shz_mapping_apply_spec (m, headers, 6, "4=月份", &error));
  g_assert_true (shz_mapping_apply_spec (m, headers, 6, "类=category", &error));
  g_assert_true (shz_mapping_apply_spec (m, headers, 6, "钱=spend", &error));
  g_assert_no_error (error);
  missing = shz_mapping_missing (m);
  g_assert_cmpuint (g_strv_length (missing), ==, 0);
  text = shz_mapping_to_string (m, headers, 6);
  g_assert_cmpstr (text, ==, "编号=enterprise_id\n行=industry\n时间=period\n类=category\n钱=spend\n");

  /* a field comes from one column: remapping moves it */
  g_assert_true (shz_mapping_apply_spec (m, headers, 6, "名字=industry", &error));
  g_assert_cmpint (shz_mapping_get_field (m, 2), ==, -1);
  g_assert_true (shz_mapping_apply_spec (m, headers, 6, "名字=-", &error));
  g_assert_cmpint (shz_mapping_get_field (m, 1), ==, -1);
  g_clear_pointer (&missing, g_strfreev);
  missing = shz_mapping_missing (m);
  g_assert_cmpstr (missing[0], ==, "industry");

  g_assert_false (shz_mapping_apply_spec (m, headers, 6, "nope=spend", &error));
  g_assert_error (error, SHZ_IMPORT_ERROR, SHZ_IMPORT_ERROR_MAPPING);
  g_clear_error (&error);
  g_assert_false (shz_mapping_apply_spec (m, headers, 6, "钱=money_money", &error));
  g_assert_error (error, SHZ_IMPORT_ERROR, SHZ_IMPORT_ERROR_MAPPING);
  g_assert_nonnull (strstr (error->message, "enterprise_id"));
}

/* ---- the pipeline ---- */

static const char *usage_csv =
  "企业编号,企业名称,行业,月份,产品类别,消费金额\n"
  "E1,甲公司,零售消费与生活服务,2019-03,IaaS,\"1,200.50\"\n"
  "E2,乙公司,制造工业,2019年4月,数据中台,￥300\n"
  "E3,丙公司,金融,2019-05,FaaS,10\n"               /* unknown category */
  "E4,丁公司,金融,2019-13,PaaS,10\n"               /* bad period */
  "E5,戊公司,金融,2019-05,SaaS,abc\n"              /* not a number */
  ",己公司,金融,2019-05,SaaS,5\n"                  /* empty required */
  "E7,庚公司,金融,2019-05,SaaS,nan\n"              /* never NaN */
  "E8,辛公司,金融,2019-05,SaaS,1e999\n"            /* never infinity */
  "E9,壬公司,金融,2019-05,SaaS,7,extra\n"          /* misaligned */
  "E10,癸公司,互联网,2019Q2,big data computing,\"（1,000）\"\n";

typedef struct {
  GPtrArray *rows;
} Collect;

static gboolean
collect_row_cb (const char * const *values,
                guint               n_values,
                gpointer            user_data)
{
  Collect *c = user_data;
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < n_values; i++)
    g_string_append_printf (s, "%s%s", i ? "|" : "", values[i] ? values[i] : "∅");
  g_ptr_array_add (c->rows, g_strdup (s->str));
  return TRUE;
}

static ShzRejection *
find_rejection (ShzImportResult *res,
                gint64           line)
{
  for (guint i = 0; i < res->rejections->len; i++)
    {
      ShzRejection *r = g_ptr_array_index (res->rejections, i);
      if (r->line_no == line)
        return r;
    }
  return NULL;
}

static void
test_import_usage (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = write_file ("usage.csv", usage_csv, -1);
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, usage_csv, -1);
  ShzImportOptions opts = { .kind = SHZ_KIND_USAGE, .engagement_id = f->engagement_id };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzImportResult) res = shz_import_file (f->store, path, &opts, NULL, NULL, NULL, &error);
  g_autoptr(ShzDataset) ds = NULL;
  Collect c = { g_ptr_array_new_with_free_func (g_free) };
  ShzRejection *r;

  g_assert_no_error (error);
  g_assert_cmpint (res->accepted, ==, 3);
  g_assert_cmpint (res->rejected, ==, 7);
  g_assert_cmpstr (res->dataset_name, ==, "usage");

  r = find_rejection (res, 4);
  g_assert_nonnull (r);
  g_assert_cmpstr (r->column, ==, "产品类别");
  g_assert_nonnull (strstr (r->reason, "FaaS"));
  r = find_rejection (res, 5);
  g_assert_cmpstr (r->column, ==, "月份");
  r = find_rejection (res, 6);
  g_assert_cmpstr (r->column, ==, "消费金额");
  g_assert_cmpint (r->row_no, ==, 5);
  r = find_rejection (res, 7);
  g_assert_cmpstr (r->column, ==, "企业编号");
  g_assert_nonnull (find_rejection (res, 8));
  g_assert_nonnull (find_rejection (res, 9));
  r = find_rejection (res, 10);
  g_assert_null (r->column);

  /* provenance */
  ds = shz_store_get_dataset (f->store, res->dataset_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ds->kind, ==, SHZ_KIND_USAGE);
  g_assert_cmpint (ds->rows, ==, 3);
  g_assert_cmpint (ds->rejected, ==, 7);
  g_assert_cmpstr (ds->source_name, ==, "usage.csv");
  g_assert_cmpint (ds->source_size, ==, strlen (usage_csv));
  g_assert_cmpstr (ds->source_sha256, ==, sha);
  g_assert_cmpstr (ds->encoding, ==, "UTF-8");
  g_assert_cmpstr (ds->delimiter, ==, ",");
  g_assert_nonnull (strstr (ds->mapping, "消费金额=spend\n"));
  g_assert_nonnull (ds->imported);
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM usage_row"), ==, 3);

  /* the rows as stored: canonical category, normalised period, parsed spend */
  g_assert_true (shz_store_foreach_row (f->store, res->dataset_id, -1, collect_row_cb, &c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.rows->len, ==, 4);
  {
    const char *all;

    g_ptr_array_add (c.rows, NULL);
    all = g_strjoinv ("\n", (char **) c.rows->pdata);
    g_assert_nonnull (strstr (all, "2019-04"));
    g_assert_nonnull (strstr (all, "数据中台"));
    g_assert_nonnull (strstr (all, "大数据计算"));
    g_assert_nonnull (strstr (all, "2019-Q2"));
    g_assert_nonnull (strstr (all, "1200.5"));
    g_assert_nonnull (strstr (all, "-1000"));
    g_free ((char *) all);
  }
  g_ptr_array_unref (c.rows);

  /* a second import of the same file gets its own name */
  {
    g_autoptr(ShzImportResult) again = shz_import_file (f->store, path, &opts, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (again->dataset_name, ==, "usage (2)");
  }
}


/* What Chinese Excel writes: GBK with no BOM ("CSV"), UTF-16LE with tabs ("Unicode text"). */
static void
test_import_encodings (Fixture       *f,
                       gconstpointer  data)
{
  struct { const char *name, *charset, *bom, *expect; gboolean tabs; } cases[] = {
    { "gbk.csv", "GBK", "", "GB18030", FALSE },
    { "unicode.txt", "UTF-16LE", "\xFF\xFE", "UTF-16LE", TRUE },
    { "bom.csv", "UTF-8", "\xEF\xBB\xBF", "UTF-8-BOM", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *table = NULL;
      g_autofree char *conv = NULL;
      g_autofree char *bytes = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(ShzImportResult) res = NULL;
      g_autoptr(ShzDataset) ds = NULL;
      ShzImportOptions opts = { .kind = SHZ_KIND_USAGE, .engagement_id = f->engagement_id };
      gsize len = 0, bom = strlen (cases[i].bom);

      table = g_strdup (usage_csv);
      if (cases[i].tabs)
        {
          g_auto(GStrv) lines = g_strsplit (table, "\n", -1);
          GString *t = g_string_new (NULL);

          /* the first ten lines, commas → tabs outside the quoted "1,200.50" */
          for (guint l = 0; lines[l] && *lines[l]; l++)
            {
              g_autofree char *line = g_strdup (lines[l]);
              gboolean q = FALSE;

              for (char *c = line; *c; c++)
                {
                  if (*c == '"')
                    q = !q;
                  else if (*c == ',' && !q)
                    *c = '\t';
                }
              g_string_append_printf (t, "%s\r\n", line);
            }
          g_free (table);
          table = g_string_free (t, FALSE);
        }
      conv = g_convert (table, -1, cases[i].charset, "UTF-8", NULL, &len, &error);
      g_assert_no_error (error);
      bytes = g_malloc (bom + len);
      memcpy (bytes, cases[i].bom, bom);
      memcpy (bytes + bom, conv, len);
      path = write_file (cases[i].name, bytes, bom + len);

      res = shz_import_file (f->store, path, &opts, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (res->accepted, ==, 3);
      g_assert_cmpint (res->rejected, ==, 7);
      ds = shz_store_get_dataset (f->store, res->dataset_id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (ds->encoding, ==, cases[i].expect);
      g_assert_cmpstr (ds->delimiter, ==, cases[i].tabs ? "tab" : ",");
    }
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM usage_row WHERE industry = '制造工业' "
                              "AND category = '数据中台' AND spend = 300"), ==, 3);
}

static void
test_import_kinds (Fixture       *f,
                   gconstpointer  data)
{
  const char *links = "起点\t终点\t权重\t类型\t状态\n"
                      "零售\t消费者\t3\t交易\t现状\n"
                      "consumer\tbrand\t2.5\tinteraction\tto-be\n"
                      "研发数据\t消费者\t1\t体验\t\n"
                      "火星\t消费者\t1\t体验\t目标\n"
                      "品牌\t消费者\t-2\t交易\t目标\n";
  const char *scores = "框架,指标,得分,状态,备注\n"
                       "人货场,会员转化,3.5,现状,\"a note, with comma\"\n"
                       "人货场,忠诚度提升,80%,目标,\n"
                       "人货场,会员转化,7,目标,\n"
                       "人货场,会员转化,-1,现状,\n"
                       /* in the catalogues, but not what the charts score */
                       "value-network,交易,3,现状,\n"            /* line 6: a link kind */
                       "单向链式价值链,会员转化,2,目标,\n"       /* 7: a 人货场 stage */
                       "人货场,数字化消费者,2,现状,\n"           /* 8: the centre */
                       "rhc-chains,nope,2,现状,\n"               /* 9: no such item */
                       "价值链,商品,1,现状,\n";                  /* 10: no such framework */
  const char *positions = "行业,成熟度,创新度,规模\n"
                          "金融,70,65,10\n零售消费与生活服务,60,55,\n互联网,,80,3\n";
  struct { const char *name, *data; ShzDatasetKind kind; gint64 accepted, rejected; } cases[] = {
    { "links.tsv", links, SHZ_KIND_LINKS, 3, 2 },
    { "scores.csv", scores, SHZ_KIND_SCORES, 2, 7 },
    { "positions.csv", positions, SHZ_KIND_POSITIONS, 2, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_file (cases[i].name, cases[i].data, -1);
      ShzImportOptions opts = { .kind = cases[i].kind, .engagement_id = f->engagement_id };
      g_autoptr(GError) error = NULL;
      g_autoptr(ShzImportResult) res = shz_import_file (f->store, path, &opts, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (res->accepted, ==, cases[i].accepted);
      g_assert_cmpint (res->rejected, ==, cases[i].rejected);
      /* out of the charts' range: rejected with the reason, not stored */
      if (cases[i].kind != SHZ_KIND_POSITIONS)
        {
          gboolean named = FALSE;
          for (guint j = 0; j < res->rejections->len; j++)
            {
              const ShzRejection *r = g_ptr_array_index (res->rejections, j);
              named |= strstr (r->reason, cases[i].kind == SHZ_KIND_SCORES ? "is outside 0 to 5"
                                                                           : "is negative") != NULL;
            }
          g_assert_true (named);
        }
    }
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM link_row WHERE source = 'retail' AND "
                              "target = 'consumer' AND type = 'transaction' AND state = 'as-is'"), ==, 1);
  /* only the two good scores rows were stored; the others are rejections with their reason */
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM score_row"), ==, 2);
  /* stored by catalogue id, as links are */
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM score_row WHERE framework <> 'rhc-chains' "
                              "OR (item <> 'member-conversion' AND item <> 'loyalty')"), ==, 0);
  {
    static const struct { gint64 row; const char *column, *reason; } expected[] = {
      { 5, "指标", "“交易” is not a scored item of framework “value-network” (expected product, "
                   "manufacturing, brand, marketing, channel, retail, service, technology, organisation, "
                   "finance, logistics, rd-data, supply-data, channel-data, terminal-data, consumer-data)" },
      { 6, "指标", "“会员转化” is an item of framework “rhc-chains”, not of “value-chain” (expected "
                   "product, manufacturing, brand, marketing, channel, retail, service, technology, "
                   "organisation, finance, logistics)" },
      { 7, "指标", "“数字化消费者” is not a scored item of framework “rhc-chains” (expected rd-design, "
                   "sourcing, production, " },
      { 8, "指标", "“nope” is not a scored item of framework “rhc-chains” (expected rd-design, " },
      { 9, "框架", "“价值链” is not a framework of the catalogues (expected value-chain, value-network, "
                   "rhc-chains, evolution-paths)" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        sqlite3_stmt *stmt = NULL;

        g_assert_cmpint (sqlite3_prepare_v2 (shz_store_get_db (f->store),
                                             "SELECT r.col, r.reason FROM rejection r JOIN dataset d "
                                             "ON d.id = r.dataset_id WHERE d.kind = 'scores' AND r.row_no = ?1",
                                             -1, &stmt, NULL), ==, SQLITE_OK);
        sqlite3_bind_int64 (stmt, 1, expected[i].row);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, expected[i].column);
        if (!g_str_has_prefix ((const char *) sqlite3_column_text (stmt, 1), expected[i].reason))
          g_error ("row %" G_GINT64_FORMAT ": “%s” does not start with “%s”", expected[i].row,
                   sqlite3_column_text (stmt, 1), expected[i].reason);
        sqlite3_finalize (stmt);
      }
  }
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM link_row WHERE source = 'rd-data' AND "
                              "state = 'as-is'"), ==, 1);
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM score_row WHERE state = 'to-be' AND "
                              "abs(score - 0.8) < 1e-9"), ==, 1);
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM position_row WHERE size IS NULL"), ==, 1);
}

#define LABELS(zh, en) "<label xml:lang=\"zh_CN\">" zh "</label><label xml:lang=\"en\">" en "</label>"

/* A user's catalogues decide what the charts accept, so they decide what the import accepts: a
 * value network without some of our nodes and link kinds (a node of our own spellings is then
 * refused, one of the catalogue's is accepted), and a framework with nothing to score. */
static void
test_import_catalogue (Fixture       *f,
                       gconstpointer  data)
{
  static const char xml[] =
    "<catalogue version=\"1\">"
    "<framework id=\"value-network\" kind=\"network\">" LABELS ("环", "Ring")
    "<centre id=\"consumer\">" LABELS ("消费者", "Consumer") "</centre>"
    "<stage id=\"retail\">" LABELS ("零售", "Retail") "</stage>"
    "<stage id=\"warehouse\">" LABELS ("仓库", "Warehouse") "</stage>"
    "<link-kind id=\"transaction\">" LABELS ("交易", "Transaction") "</link-kind>"
    "</framework>"
    "<framework id=\"roadmap\" kind=\"paths\">" LABELS ("路线", "Roadmap")
    "<path id=\"p1\">" LABELS ("路径", "Path") "<from>" LABELS ("起", "From") "</from>"
    "<to>" LABELS ("止", "To") "</to></path>"
    "</framework>"
    "</catalogue>";
  const char *links = "source,target,weight,type\n"
                      "零售,消费者,1,交易\n"               /* row 1: good */
                      "仓库,consumer,2,transaction\n"      /* 2: the catalogue's own node */
                      "研发数据,消费者,1,交易\n"           /* 3: ours, not this catalogue's */
                      "零售,消费者,1,互动\n";              /* 4: likewise a link kind */
  const char *scores = "framework,item,score\n"
                       "环,仓库,3\n"                       /* row 1: good */
                       "roadmap,p1,3\n"                    /* 2: nothing to score */
                       "value-chain,product,3\n";          /* 3: not in this catalogue */
  static const struct { ShzDatasetKind kind; gint64 row; const char *column, *reason; } expected[] = {
    { SHZ_KIND_LINKS, 3, "source", "“研发数据” is not a node of the catalogues' value chain or value "
                                   "network (expected consumer, retail, warehouse)" },
    { SHZ_KIND_LINKS, 4, "type", "“互动” is not a link kind of the catalogues' value network (expected "
                                 "transaction)" },
    { SHZ_KIND_SCORES, 2, "framework", "framework “roadmap” has no scored items (expected value-network)" },
    { SHZ_KIND_SCORES, 3, "framework", "“value-chain” is not a framework of the catalogues (expected "
                                       "value-network)" },
  };
  g_autoptr(ShzCatalogue) cat = shz_catalogue_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *links_path = write_file ("cat-links.csv", links, -1);
  g_autofree char *scores_path = write_file ("cat-scores.csv", scores, -1);
  const ShzCatFramework *roadmap;

  g_assert_true (shz_catalogue_add_bytes (cat, xml, sizeof xml - 1, "user.xml", &error));
  g_assert_no_error (error);
  /* no valid catalogue file has a framework without scored items today (each kind needs a
   * scored element): make one, as a later format might allow */
  roadmap = shz_catalogue_lookup_framework (cat, "roadmap");
  g_assert_nonnull (roadmap);
  ((ShzCatItem *) shz_cat_framework_get_item (roadmap, "p1"))->scored = FALSE;

  for (int pass = 0; pass < 2; pass++)
    {
      ShzDatasetKind kind = pass == 0 ? SHZ_KIND_LINKS : SHZ_KIND_SCORES;
      ShzImportOptions opts = { .kind = kind, .engagement_id = f->engagement_id, .catalogue = cat };
      const char *path = pass == 0 ? links_path : scores_path;
      g_autoptr(ShzImportResult) res = shz_import_file (f->store, path, &opts, NULL, NULL, NULL, &error);
      /* the import pane's preview says the same */
      g_autoptr(ShzImportResult) preview = shz_import_preview (path, &opts, 10, -1, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (res->accepted, ==, (pass == 0 ? 2 : 1));
      g_assert_cmpint (res->rejected, ==, 2);
      g_assert_cmpint (preview->accepted, ==, res->accepted);
      g_assert_cmpint (preview->rejected, ==, res->rejected);
      for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
        {
          gboolean found = FALSE;

          if (expected[i].kind != kind)
            continue;
          for (guint k = 0; k < res->rejections->len; k++)
            {
              const ShzRejection *r = g_ptr_array_index (res->rejections, k);
              const ShzRejection *p = g_ptr_array_index (preview->rejections, k);

              if (r->row_no != expected[i].row)
                continue;
              found = TRUE;
              g_assert_cmpstr (r->column, ==, expected[i].column);
              g_assert_cmpstr (r->reason, ==, expected[i].reason);
              g_assert_cmpint (p->row_no, ==, r->row_no);
              g_assert_cmpstr (p->reason, ==, r->reason);
            }
          g_assert_true (found);
        }
    }
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM link_row WHERE source = 'warehouse' AND "
                              "target = 'consumer' AND type = 'transaction'"), ==, 1);
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM link_row"), ==, 2);
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM score_row WHERE framework = 'value-network' "
                              "AND item = 'warehouse'"), ==, 1);
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM score_row"), ==, 1);
}

/* Scores rows name their framework and item by id or by a Chinese or English label; the store
 * keeps the catalogue ids, as it does for links, so that "品牌" and "brand" are one item.  As
 * before, every accepted row is stored and a later row of the same item and state wins. */
static void
test_import_score_ids (Fixture       *f,
                       gconstpointer  data)
{
  const char *scores = "框架,指标,得分,状态,备注\n"
                       "单向链式价值链,品牌,1,现状,first\n"                       /* row 1: zh labels */
                       "One-way chain value chain,Brand,2,to-be,\n"               /* 2: en labels */
                       "value-chain,brand,3,现状,later\n"                         /* 3: ids, wins over 1 */
                       "人货场,Membership conversion,4,目标,\n"                   /* 4: mixed */
                       "value-chain,品牌,9,现状,\n";                               /* 5: out of range */
  g_autofree char *path = write_file ("score-ids.csv", scores, -1);
  ShzImportOptions opts = { .kind = SHZ_KIND_SCORES, .engagement_id = f->engagement_id };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzImportResult) res = shz_import_file (f->store, path, &opts, NULL, NULL, NULL, &error);
  g_autoptr(ShzAssessment) as = NULL;
  double v = -1;

  g_assert_no_error (error);
  g_assert_cmpint (res->accepted, ==, 4);
  g_assert_cmpint (res->rejected, ==, 1);
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM score_row"), ==, 4);
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM score_row WHERE framework = 'value-chain' "
                              "AND item = 'brand'"), ==, 3);
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM score_row WHERE framework = 'rhc-chains' "
                              "AND item = 'member-conversion' AND state = 'to-be' AND score = 4"), ==, 1);
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM score_row WHERE row_no = 1 AND "
                              "framework = 'value-chain' AND item = 'brand' AND note = 'first'"), ==, 1);
  /* no label is left in the rows */
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM score_row WHERE framework NOT IN "
                              "('value-chain', 'rhc-chains') OR item NOT IN ('brand', 'member-conversion')"), ==, 0);

  /* what the charts read: one item, the later row's score and note */
  as = shz_assessment_load (f->store, f->engagement_id, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shz_assessment_get_n_scores (as), ==, 3);
  g_assert_true (shz_assessment_get_score (as, "value-chain", "brand", SHZ_STATE_AS_IS, &v));
  g_assert_cmpfloat (v, ==, 3);
  g_assert_cmpstr (shz_assessment_get_score_note (as, "value-chain", "brand", SHZ_STATE_AS_IS), ==, "later");
  g_assert_true (shz_assessment_get_score (as, "value-chain", "brand", SHZ_STATE_TO_BE, &v));
  g_assert_cmpfloat (v, ==, 2);
}

static void
test_import_xlsx (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (tmpdir, "usage.xlsx", NULL);
  const char *pairs[] = {
    "xl/workbook.xml", SHZ_TEST_XLSX_WORKBOOK ("说明", "数据"),
    "xl/_rels/workbook.xml.rels", SHZ_TEST_XLSX_RELS,
    "xl/styles.xml", SHZ_TEST_XLSX_STYLES,
    "xl/sharedStrings.xml", "<sst><si><t>企业编号</t></si><si><t>行业</t></si><si><t>月份</t></si>"
                            "<si><t>产品类别</t></si><si><t>金额</t></si><si><t>零售</t></si></sst>",
    "xl/worksheets/sheet1.xml", SHZ_TEST_SHEET ("<row><c t=\"inlineStr\"><is><t>readme</t></is></c></row>"),
    "xl/worksheets/sheet2.xml", SHZ_TEST_SHEET (
      "<row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c><c t=\"s\"><v>2</v></c><c t=\"s\"><v>3</v></c><c t=\"s\"><v>4</v></c></row>"
      "<row><c t=\"inlineStr\"><is><t>E1</t></is></c><c t=\"s\"><v>5</v></c><c s=\"1\"><v>43525</v></c>"
      "<c t=\"inlineStr\"><is><t>SaaS</t></is></c><c><v>99.5</v></c></row>"),
    NULL
  };
  ShzImportOptions opts = { .kind = SHZ_KIND_USAGE, .engagement_id = f->engagement_id,
                            .dataset_name = "from excel", .reader.sheet = "数据" };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzImportResult) res = NULL;
  g_autoptr(ShzDataset) ds = NULL;

  shz_test_write_zip (path, pairs);
  res = shz_import_file (f->store, path, &opts, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (res->accepted, ==, 1);
  ds = shz_store_get_dataset (f->store, res->dataset_id, &error);
  g_assert_cmpstr (ds->name, ==, "from excel");
  g_assert_cmpstr (ds->sheet, ==, "数据");
  g_assert_null (ds->delimiter);
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM usage_row WHERE period = '2019-03' "
                              "AND spend = 99.5 AND industry = '零售'"), ==, 1);

  /* the same name again is refused, and nothing is added */
  {
    g_autoptr(GError) e2 = NULL;
    g_autoptr(ShzImportResult) r2 = shz_import_file (f->store, path, &opts, NULL, NULL, NULL, &e2);
    g_assert_null (r2);
    g_assert_error (e2, SHZ_STORE_ERROR, SHZ_STORE_ERROR_EXISTS);
    g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM dataset"), ==, 1);
  }
}

static char *
big_usage (guint       rows,
           const char *tail)
{
  GString *s = g_string_new ("企业编号,行业,月份,产品类别,消费金额\n");

  for (guint i = 0; i < rows; i++)
    g_string_append_printf (s, "E%u,金融,2019-%02u,PaaS,%u.5\n", i, i % 12 + 1, i);
  g_string_append (s, tail);
  return g_string_free (s, FALSE);
}

static void
check_fails (Fixture          *f,
             const char       *name,
             const char       *data,
             gssize            len,
             ShzImportOptions *opts,
             GQuark            domain,
             int               code)
{
  g_autofree char *path = write_file (name, data, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzImportResult) res = NULL;

  opts->engagement_id = f->engagement_id;
  res = shz_import_file (f->store, path, opts, NULL, NULL, NULL, &error);
  g_assert_null (res);
  g_assert_error (error, domain, code);
  if (strstr (error->message, name) == NULL)
    g_error ("the message does not name the file: %s", error->message);
  assert_store_unchanged (f);
}

static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  data)
{
  ShzImportOptions usage = { .kind = SHZ_KIND_USAGE };
  g_autofree char *late_bad = big_usage (60000, "E,金融,2019-01,PaaS,\xFF\xFE\n");
  g_autofree char *late_quote = big_usage (60000, "E,金融,2019-01,PaaS,\"5\n");
  g_autofree char *all_bad = NULL;

  /* bytes invalid in the encoding after thousands of good rows: nothing stays */
  check_fails (f, "late-bad.csv", late_bad, -1, &usage, SHZ_IO_ERROR, SHZ_IO_ERROR_ENCODING);
  check_fails (f, "late-quote.csv", late_quote, -1, &usage, SHZ_IO_ERROR, SHZ_IO_ERROR_SYNTAX);
  check_fails (f, "empty.csv", "", 0, &usage, SHZ_IO_ERROR, SHZ_IO_ERROR_EMPTY);
  check_fails (f, "header-only.csv", "企业编号,行业,月份,产品类别,消费金额\n", -1, &usage,
               SHZ_IMPORT_ERROR, SHZ_IMPORT_ERROR_NO_ROWS);
  check_fails (f, "unmapped.csv", "a,b,c\nx,y,z\n", -1, &usage,
               SHZ_IMPORT_ERROR, SHZ_IMPORT_ERROR_MAPPING);
  all_bad = g_strdup ("企业编号,行业,月份,产品类别,消费金额\nE1,金融,2019-01,FaaS,1\nE2,金融,2019-01,GaaS,2\n");
  check_fails (f, "all-bad.csv", all_bad, -1, &usage, SHZ_IMPORT_ERROR, SHZ_IMPORT_ERROR_ALL_REJECTED);
  {
    ShzImportOptions bounded = { .kind = SHZ_KIND_USAGE, .reader.max_rows = 100 };
    g_autofree char *many = big_usage (1000, "");
    check_fails (f, "many.csv", many, -1, &bounded, SHZ_IO_ERROR, SHZ_IO_ERROR_TOO_LARGE);
  }
  {
    const char *specs[] = { "nope=spend", NULL };
    ShzImportOptions bad_map = { .kind = SHZ_KIND_USAGE, .map_specs = specs };
    g_autofree char *few = big_usage (3, "");
    check_fails (f, "badmap.csv", few, -1, &bad_map, SHZ_IMPORT_ERROR, SHZ_IMPORT_ERROR_MAPPING);
  }
  {
    /* a hostile workbook */
    g_autofree char *path = g_build_filename (tmpdir, "xxe.xlsx", NULL);
    const char *pairs[] = {
      "xl/workbook.xml", SHZ_TEST_XLSX_WORKBOOK ("a", "b"),
      "xl/_rels/workbook.xml.rels", SHZ_TEST_XLSX_RELS,
      "xl/worksheets/sheet1.xml", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><worksheet/>",
      NULL
    };
    ShzImportOptions o = { .kind = SHZ_KIND_USAGE, .engagement_id = f->engagement_id };
    g_autoptr(GError) error = NULL;
    g_autoptr(ShzImportResult) res = NULL;

    shz_test_write_zip (path, pairs);
    res = shz_import_file (f->store, path, &o, NULL, NULL, NULL, &error);
    g_assert_null (res);
    g_assert_error (error, SHZ_IO_ERROR, SHZ_IO_ERROR_REFUSED);
    assert_store_unchanged (f);
  }
}

typedef struct {
  GCancellable *cancellable;
  guint         calls;
  double        last;
} Progress;

static void
progress_cb (double   fraction,
             gint64   rows,
             gpointer user_data)
{
  Progress *p = user_data;

  g_assert_cmpfloat (fraction, >=, p->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  p->last = fraction;
  if (p->calls++ == 1 && p->cancellable)
    g_cancellable_cancel (p->cancellable);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *csv = big_usage (50000, "");
  g_autofree char *path = write_file ("cancel.csv", csv, -1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Progress p = { cancellable, 0, 0 };
  ShzImportOptions opts = { .kind = SHZ_KIND_USAGE, .engagement_id = f->engagement_id };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzImportResult) res = NULL;

  res = shz_import_file (f->store, path, &opts, cancellable, progress_cb, &p, &error);
  g_assert_null (res);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (p.calls, ==, 2);
  assert_store_unchanged (f);
  g_clear_error (&error);

  /* and without cancelling, progress reaches 1 */
  {
    Progress q = { NULL, 0, 0 };
    g_autoptr(ShzImportResult) ok = shz_import_file (f->store, path, &opts, NULL, progress_cb, &q, &error);
    g_assert_no_error (error);
    g_assert_cmpint (ok->accepted, ==, 50000);
    g_assert_cmpfloat (q.last, ==, 1.0);
    g_assert_cmpuint (q.calls, >, 2);
  }
}

static void
test_preview (void)
{
  g_autofree char *path = write_file ("preview.csv", usage_csv, -1);
  ShzImportOptions opts = { .kind = SHZ_KIND_USAGE };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzImportResult) res = shz_import_preview (path, &opts, 3, -1, NULL, &error);
  ShzRejection *r;

  g_assert_no_error (error);
  g_assert_cmpuint (res->rows->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (res->rows, 0), 0), ==, "E1");
  g_assert_cmpuint (res->header->len, ==, 6);
  g_assert_cmpint (res->accepted, ==, 3);
  g_assert_cmpint (res->rejected, ==, 7);
  g_assert_true (res->complete);
  g_assert_cmpuint (g_strv_length (res->missing_fields), ==, 0);
  g_assert_cmpstr (res->encoding, ==, "UTF-8");
  g_assert_null (res->source_sha256);
  r = g_ptr_array_index (res->rejections, 0);
  g_assert_cmpint (r->line_no, ==, 4);
  g_assert_cmpstr (r->column, ==, "产品类别");
  g_assert_cmpint (shz_mapping_get_field (res->mapping, 5), ==, shz_fields_find (SHZ_KIND_USAGE, "spend"));

  /* partial validation, and a mapping that lacks fields */
  {
    ShzImportOptions links = { .kind = SHZ_KIND_LINKS };
    g_autoptr(ShzImportResult) p2 = shz_import_preview (path, &links, 2, 1, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (p2->rows->len, ==, 2);
    g_assert_false (p2->complete);
    g_assert_cmpstr (p2->missing_fields[0], ==, "source");
  }
  {
    ShzImportOptions usage = { .kind = SHZ_KIND_USAGE };
    g_autoptr(ShzImportResult) p3 = shz_import_preview (path, &usage, 0, 4, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (p3->complete);
    g_assert_cmpint (p3->accepted + p3->rejected, ==, 4);
  }
}

/* ---- the command line ---- */

static int
run (const char * const *argv,
     char              **out,
     char              **err)
{
  const char *root = g_getenv ("SHZ_BUILD_ROOT");
  g_autofree char *exe = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  exe = g_build_filename (root, "src", "shuzhi", NULL);
  g_ptr_array_add (args, exe);
  for (guint i = 0; argv[i]; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (void)
{
  g_autofree char *csv = write_file ("cli.csv", usage_csv, -1);
  g_autofree char *bad = write_file ("cli-bad.csv", "企业编号,行业\nE1,\"open\n", -1);
  g_autofree char *store = g_build_filename (tmpdir, "cli.shuzhi", NULL);
  g_autofree char *exe = NULL;
  char *out = NULL, *err = NULL;

  if (g_getenv ("SHZ_BUILD_ROOT") == NULL)
    {
      g_test_skip ("SHZ_BUILD_ROOT is not set");
      return;
    }
  exe = g_build_filename (g_getenv ("SHZ_BUILD_ROOT"), "src", "shuzhi", NULL);
  if (!g_file_test (exe, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("the shuzhi binary is not built");
      return;
    }

  {
    const char *argv[] = { "inspect", csv, "--limit", "2", NULL };
    g_assert_cmpint (run (argv, &out, &err), ==, 0);
    g_assert_cmpstr (out, ==, "企业编号\t企业名称\t行业\t月份\t产品类别\t消费金额\n"
                              "E1\t甲公司\t零售消费与生活服务\t2019-03\tIaaS\t1,200.50\n"
                              "E2\t乙公司\t制造工业\t2019年4月\t数据中台\t￥300\n");
    g_assert_cmpstr (err, ==, "format=csv encoding=UTF-8 delimiter=, sheet= rows=2 columns=6\n");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { "inspect", bad, NULL };
    g_assert_cmpint (run (argv, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "cli-bad.csv"));
    g_assert_nonnull (strstr (err, "line 2"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv1[] = { "inspect", NULL };
    const char *argv2[] = { "inspect", csv, "--bogus", NULL };
    g_assert_cmpint (run (argv1, &out, &err), ==, 2);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (argv2, &out, &err), ==, 2);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *mk[] = { "new", store, "--engagement", "E", NULL };
    const char *imp[] = { "import", store, csv, "--engagement", "E", "--kind", "usage",
                          "--dataset", "d1", NULL };
    const char *imp_bad[] = { "import", store, bad, "--engagement", "E", "--kind", "usage", NULL };
    const char *imp_kind[] = { "import", store, csv, "--engagement", "E", "--kind", "sales", NULL };
    const char *imp_map[] = { "import", store, csv, "--engagement", "E", "--kind", "usage",
                              "--map", "消费金额=nothing", NULL };
    const char *list[] = { "list", store, "--engagement", "E", NULL };

    g_assert_cmpint (run (mk, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (imp, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "Imported 3 rows"));
    g_assert_nonnull (strstr (out, "rejected 7"));
    g_assert_nonnull (strstr (out, "FaaS"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (run (imp_bad, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "cli-bad.csv"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (imp_kind, &out, &err), ==, 2);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (imp_map, &out, &err), ==, 1);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    /* only the good import is there */
    g_assert_cmpint (run (list, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "d1\tusage\t3\t7\tcli.csv\tUTF-8"));
    g_assert_null (strchr (strchr (out, '\n') + 1, '\n'));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
}

/* A store written before scores rows were kept by id holds the file's labels: those rows still
 * read (the charts resolve labels as they read) and still chart, from the command line too. */
static void
test_old_label_rows (void)
{
  static const ShzScoreRow rows[] = {
    { 1, "单向链式价值链", "品牌", 2.5, "as-is", "从标签读" },
    { 2, "One-way chain value chain", "Brand", 4, "to-be", NULL },
    { 3, "人货场", "会员转化", 3, "as-is", NULL },
  };
  g_autofree char *path = g_build_filename (tmpdir, "old-labels.shuzhi", NULL);
  g_autofree char *svg = g_build_filename (tmpdir, "old-labels.svg", NULL);
  g_autoptr(GError) error = NULL;
  ShzStore *store = shz_store_open (path, SHZ_STORE_OPEN_CREATE, &error);
  g_autoptr(ShzEngagement) e = shz_engagement_new ();
  g_autoptr(ShzDataset) d = shz_dataset_new ();
  g_autoptr(ShzRowInserter) ins = NULL;
  g_autoptr(ShzAssessment) as = NULL;
  double v = -1;
  gint64 id;

  g_assert_no_error (error);
  e->name = g_strdup ("Old");
  d->engagement_id = shz_store_create_engagement (store, e, &error);
  g_assert_no_error (error);
  d->name = g_strdup ("scores");
  d->kind = SHZ_KIND_SCORES;
  d->rows = G_N_ELEMENTS (rows);
  g_assert_true (shz_store_begin (store, &error));
  id = shz_store_create_dataset (store, d, &error);
  g_assert_no_error (error);
  ins = shz_row_inserter_new (store, id, SHZ_KIND_SCORES, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_assert_true (shz_row_inserter_add_score (ins, &rows[i], &error));
  g_clear_pointer (&ins, shz_row_inserter_free);
  g_assert_true (shz_store_commit (store, &error));
  g_assert_cmpint (count_sql (store, "SELECT count(*) FROM score_row WHERE item = '品牌'"), ==, 1);

  as = shz_assessment_load (store, d->engagement_id, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (shz_assessment_get_score (as, "value-chain", "brand", SHZ_STATE_AS_IS, &v));
  g_assert_cmpfloat (v, ==, 2.5);
  g_assert_cmpstr (shz_assessment_get_score_note (as, "value-chain", "brand", SHZ_STATE_AS_IS), ==, "从标签读");
  g_assert_true (shz_assessment_get_score (as, "value-chain", "brand", SHZ_STATE_TO_BE, &v));
  g_assert_cmpfloat (v, ==, 4);
  g_assert_true (shz_assessment_get_score (as, "rhc-chains", "member-conversion", SHZ_STATE_AS_IS, &v));
  g_assert_cmpfloat (v, ==, 3);
  shz_store_free (store);

  if (g_getenv ("SHZ_BUILD_ROOT") == NULL)
    {
      g_test_skip ("SHZ_BUILD_ROOT is not set: not drawn from the command line");
      return;
    }
  {
    const char *argv[] = { "export", path, "--engagement", "Old", "--chart", "value-chain",
                           "--format", "svg", "--output", svg, NULL };
    char *out = NULL, *err = NULL;

    g_assert_cmpint (run (argv, &out, &err), ==, 0);
    g_free (out);
    g_free (err);
    g_assert_true (g_file_test (svg, G_FILE_TEST_IS_REGULAR));
  }
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("shz-test-import-XXXXXX", NULL);

  g_test_add_func ("/import/fields/guess-usage", test_guess_usage);
  g_test_add_func ("/import/fields/guess-other-kinds", test_guess_other_kinds);
  g_test_add_func ("/import/fields/enumerations", test_enums);
  g_test_add_func ("/import/fields/periods", test_periods);
  g_test_add_func ("/import/mapping/spec", test_mapping_spec);
  g_test_add ("/import/pipeline/usage", Fixture, NULL, fixture_setup, test_import_usage, fixture_teardown);
  g_test_add ("/import/pipeline/encodings", Fixture, NULL, fixture_setup, test_import_encodings,
              fixture_teardown);
  g_test_add ("/import/pipeline/kinds", Fixture, NULL, fixture_setup, test_import_kinds, fixture_teardown);
  g_test_add ("/import/pipeline/catalogue", Fixture, NULL, fixture_setup, test_import_catalogue,
              fixture_teardown);
  g_test_add ("/import/pipeline/score-ids", Fixture, NULL, fixture_setup, test_import_score_ids,
              fixture_teardown);
  g_test_add ("/import/pipeline/xlsx", Fixture, NULL, fixture_setup, test_import_xlsx, fixture_teardown);
  g_test_add ("/import/pipeline/all-or-nothing", Fixture, NULL, fixture_setup, test_all_or_nothing,
              fixture_teardown);
  g_test_add ("/import/pipeline/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add_func ("/import/preview", test_preview);
  g_test_add_func ("/import/cli", test_cli);
  g_test_add_func ("/import/old-label-rows", test_old_label_rows);

  ret = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *p = g_build_filename (tmpdir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (tmpdir);
    g_free (tmpdir);
  }
  return ret;
}
