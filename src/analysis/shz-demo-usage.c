/* shz-demo-usage.c — a synthetic cloud-usage dataset for the demo engagement.  Every figure is
 * generated here from a fixed seed; none is the whitepaper's (it publishes none).  The industry
 * profiles are chosen so that positions computed with the default method follow the whitepaper's
 * written reading of its 2019 chart: 互联网 leads on both axes, 零售消费与生活服务 is high on
 * maturity with room on innovation, 金融 sits in between, traditional industries trail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-demo-usage"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "shz-demo-usage.h"
#include "shz-index.h"
#include "shz-method.h"

#define DEMO_SEED G_GUINT64_CONSTANT (20191231)

/* Per industry: enterprises, and per category the share of enterprises buying it and the mean
 * of log(yearly spend in CNY) of those who do; 2019 adds adoption and spend growth. */
typedef struct {
  const char *industry;
  guint       n;
  double      use[SHZ_N_CATEGORIES];
  double      log_spend_maturity;
  double      log_spend_innovation;
} Profile;

static const Profile profiles[] = {
  /*                                IaaS  PaaS  SaaS  大数据 中台  XPaaS 数据智能 */
  { "互联网",               320, { 0.98, 0.95, 0.85, 0.85, 0.60, 0.60, 0.75 }, 13.0, 12.6 },
  { "零售消费与生活服务",   360, { 0.96, 0.88, 0.85, 0.40, 0.30, 0.20, 0.25 }, 12.5, 10.8 },
  { "金融",                 240, { 0.90, 0.75, 0.65, 0.50, 0.40, 0.30, 0.40 }, 11.9, 11.3 },
  { "制造工业",             400, { 0.85, 0.55, 0.50, 0.20, 0.14, 0.12, 0.12 }, 11.1, 10.3 },
  { "政务与治理",           220, { 0.88, 0.62, 0.55, 0.28, 0.20, 0.15, 0.15 }, 11.5, 10.4 },
  { "科技文教",             260, { 0.78, 0.45, 0.50, 0.16, 0.10, 0.12, 0.14 }, 10.7, 10.0 },
};

static const char * const regions[] = { "华东", "华南", "华北", "华中", "西南", "西北", "东北" };

static const char * const products[SHZ_N_CATEGORIES][2] = {
  { "云服务器", "对象存储" },
  { "云数据库", "容器服务" },
  { "协同办公", "客户关系管理" },
  { "大数据计算服务", "实时计算" },
  { "数据中台", "数据资产管理" },
  { "XPaaS 应用平台", "物联网平台" },
  { "机器学习平台", "智能推荐" },
};

typedef struct {
  guint64 state;
} Gen;

static guint64
gen_next (Gen *g)
{
  guint64 z = (g->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* Uniform in (0, 1). */
static double
gen_uniform (Gen *g)
{
  return ((gen_next (g) >> 11) + 0.5) / 9007199254740992.0;
}

/* Standard normal (Box–Muller; the second value is dropped to keep the stream simple). */
static double
gen_normal (Gen *g)
{
  double u1 = gen_uniform (g), u2 = gen_uniform (g);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

static gboolean
add_usage_rows (ShzStore  *store,
                gint64     dataset_id,
                gint64    *n_rows,
                GError   **error)
{
  g_autoptr(ShzRowInserter) ins = shz_row_inserter_new (store, dataset_id, SHZ_KIND_USAGE, error);
  Gen gen = { DEMO_SEED };
  guint serial = 0;
  gint64 row_no = 0;

  if (ins == NULL)
    return FALSE;

  for (guint p = 0; p < G_N_ELEMENTS (profiles); p++)
    for (guint e = 0; e < profiles[p].n; e++)
      {
        char id[32], name[64];
        const char *region = regions[gen_next (&gen) % G_N_ELEMENTS (regions)];
        /* an enterprise's scale: shared by its categories and both years */
        double scale = gen_normal (&gen);
        /* its appetite for data-intelligence products, beyond its industry's */
        double appetite = gen_normal (&gen) * 0.5;
        double draw[SHZ_N_CATEGORIES];

        serial++;
        g_snprintf (id, sizeof id, "SYN-%04u", serial);
        g_snprintf (name, sizeof name, "合成企业 %04u", serial);
        for (guint c = 0; c < SHZ_N_CATEGORIES; c++)
          draw[c] = gen_uniform (&gen);

        for (int year = 2018; year <= 2019; year++)
          {
            char period[8];

            g_snprintf (period, sizeof period, "%d", year);
            for (guint c = 0; c < SHZ_N_CATEGORIES; c++)
              {
                gboolean innovation = shz_category_get_axis (c) == SHZ_AXIS_INNOVATION;
                double use = profiles[p].use[c];
                double mu = innovation ? profiles[p].log_spend_innovation : profiles[p].log_spend_maturity;
                double growth = innovation ? 0.35 : 0.20;
                ShzUsageRow row = { 0 };
                double spend;

                if (year == 2019)
                  {
                    /* more enterprises adopt in 2019 (the same ones keep using it) */
                    use = use + (1.0 - use) * (innovation ? 0.15 : 0.10);
                    mu += growth;
                  }
                if (innovation)
                  use = CLAMP (use + appetite * 0.15, 0.0, 1.0);
                if (draw[c] >= use)
                  continue;
                spend = exp (mu + 0.8 * scale + 0.6 * gen_normal (&gen));
                spend = round (spend * 100.0) / 100.0;

                row.row_no = ++row_no;
                row.enterprise_id = id;
                row.enterprise_name = name;
                row.industry = profiles[p].industry;
                row.region = region;
                row.period = period;
                row.category = shz_category_to_string (c);
                row.product = products[c][gen_next (&gen) % 2];
                row.spend = spend;
                if (!shz_row_inserter_add_usage (ins, &row, error))
                  return FALSE;
              }
          }
      }
  *n_rows = row_no;
  return TRUE;
}

gboolean
shz_demo_add_usage (ShzStore  *store,
                    gint64     engagement_id,
                    GError   **error)
{
  g_autoptr(ShzDataset) d = shz_dataset_new ();
  g_autoptr(ShzMethod) method = shz_method_new ();
  g_autoptr(ShzIndexMatrix) matrix = NULL;
  g_autoptr(ShzIndexResult) result = NULL;
  g_autofree char *name = NULL;
  gint64 dataset_id, n_rows = 0;

  g_return_val_if_fail (store != NULL && engagement_id > 0, FALSE);

  if (!shz_store_begin (store, error))
    return FALSE;

  name = shz_store_unique_dataset_name (store, engagement_id, _("Cloud usage 2018–2019 (synthetic)"));
  d->engagement_id = engagement_id;
  d->name = g_strdup (name);
  d->kind = SHZ_KIND_USAGE;
  d->source_name = g_strdup (_("Shuzhi demo data"));
  d->encoding = g_strdup ("UTF-8");
  d->illustrative = TRUE;
  d->note = g_strdup (_("Synthetic: generated by Shuzhi from a fixed seed for the demo; not real "
                        "enterprises and not the whitepaper’s data (it publishes none)."));
  d->mapping = g_strdup ("enterprise_id=enterprise_id\nenterprise_name=enterprise_name\nindustry=industry\n"
                         "region=region\nperiod=period\ncategory=category\nproduct=product\nspend=spend");
  dataset_id = shz_store_create_dataset (store, d, error);
  if (dataset_id == 0
      || !add_usage_rows (store, dataset_id, &n_rows, error)
      || !shz_store_set_dataset_counts (store, dataset_id, n_rows, 0, error))
    goto fail;

  matrix = shz_index_matrix_load (store, dataset_id, method, error);
  if (matrix == NULL)
    goto fail;
  result = shz_index_compute (matrix, method, error);
  if (result == NULL)
    goto fail;
  if (shz_index_save (store, engagement_id, result, NULL, error) == 0)
    goto fail;

  return shz_store_commit (store, error);

fail:
  shz_store_rollback (store);
  return FALSE;
}
