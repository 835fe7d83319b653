/* make-seeds.c — writes the fuzzers' seed corpora: OUTDIR/{csv,xlsx,ods,store,catalogue}/…
 * Small, valid and nearly valid inputs of every shape the readers know (encodings, delimiters,
 * quoting; cell types, shared strings, styles, repeats; a store with every dataset kind; the
 * shipped catalogues), so the fuzzers start deep instead of rediscovering the formats.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "fuzz-zip.h"
#include "store/shz-store.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return 0;   /* not a harness: fuzz-common.h declares it */
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  return 0;
}

static const char *outdir;

static void
put (const char *sub,
     const char *name,
     const char *data,
     gssize      len)
{
  g_autofree char *dir = g_build_filename (outdir, sub, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0755);
  if (!g_file_set_contents (path, data, len < 0 ? (gssize) strlen (data) : len, &error))
    g_error ("%s", error->message);
}

static void
put_converted (const char *name,
               const char *utf8,
               const char *charset,
               const char *bom,
               gsize       bom_len)
{
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *conv = g_convert (utf8, -1, charset, "UTF-8", NULL, &len, &error);
  g_autoptr(GString) s = g_string_new_len (bom, bom_len);

  if (conv == NULL)
    g_error ("%s", error->message);
  g_string_append_len (s, conv, len);
  put ("csv", name, s->str, s->len);
}

static const char usage_csv[] =
  "企业编号,企业名称,行业,地区,月份,产品类别,消费金额\n"
  "E001,甲公司,零售消费与生活服务,华东,2019-01,IaaS,\"1,234.50\"\n"
  "E001,甲公司,零售消费与生活服务,华东,2019-Q2,数据中台,88\n"
  "E002,\"乙 \"\"引号\"\" 公司\",金融,华北,2019,PaaS,1e3\n"
  "E003,\"多行\n名称\",互联网,,2019-03,SaaS,-0.5\n";

static void
csv_seeds (void)
{
  put ("csv", "usage-utf8.csv", usage_csv, -1);
  put ("csv", "usage-bom.csv", "\xEF\xBB\xBF" "industry,spend\nretail,1\n", -1);
  put_converted ("usage-gbk.csv", usage_csv, "GB18030", "", 0);
  put_converted ("usage-utf16le.csv", usage_csv, "UTF-16LE", "\xFF\xFE", 2);
  put_converted ("usage-utf16be.tsv", "行业\t金额\n零售\t12\n", "UTF-16BE", "\xFE\xFF", 2);
  put ("csv", "positions.tsv", "entity\tgroup\tperiod\tmaturity\tinnovation\tsize\tis_client\n"
       "Client\t零售\t2019\t55.5\t40\t3\tyes\nPeer\t金融\t2019\t70\t72.25\t\tno\n", -1);
  put ("csv", "semicolon.csv", "source;target;weight;type\r\n零售;消费者;3;交易\r\n品牌;消费者;1,5;互动\r\n", -1);
  put ("csv", "pipe-cr.csv", "framework|item|score\rvalue-chain|retail|3\r", -1);
  put ("csv", "no-header.csv", "1,2,3\n4,5,6\n2019-01-01,7,8\n", -1);
  put ("csv", "unterminated.csv", "a,b\n\"open,1\n", -1);
  put ("csv", "ragged.csv", "a,b\n1\n1,2,3,4\n\n,,\n", -1);
  put ("csv", "bad-utf8.csv", "a,b\n\xC3\x28,\xE4\xB8\n", -1);
  put ("csv", "nul.csv", "a,b\n1,\0002\n", 9);
}

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""

static void
xlsx_seeds (void)
{
  static const char sheet[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet " NS "><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"inlineStr\"><is><t>月份</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\"><v>1234.5</v></c><c r=\"C2\" s=\"1\"><v>43466</v></c></row>"
    "<row r=\"4\"><c r=\"B4\" t=\"str\"><f>A1</f><v>x</v></c><c r=\"D4\" t=\"b\"><v>1</v></c><c r=\"E4\" t=\"e\"><v>#N/A</v></c>"
    "<c r=\"F4\" s=\"2\"><v>43500.25</v></c><c r=\"G4\" s=\"3\"><v>0.125</v></c></row>"
    "<row r=\"5\"><c r=\"AA5\" t=\"s\"><v>3</v></c></row>"
    "</sheetData></worksheet>";
  g_autofree char *members = NULL;
  g_autofree char *path = NULL;
  ShzFuzzMember m[5];
  g_autofree char *zip = NULL;
  gsize zip_len = 0;

  put ("xlsx", "sheet-only.xml", sheet, -1);
  put ("xlsx", "sheet-min.xml", "<worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>", -1);
  put ("xlsx", "sheet-doctype.xml", "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaa\">]><worksheet><sheetData>"
       "<row><c t=\"inlineStr\"><is><t>&a;</t></is></c></row></sheetData></worksheet>", -1);
  put ("xlsx", "sheet-deep.xml", "<worksheet><sheetData><row><c><v><a><b><c><d><e><f><g><h><i><j><k>1</k></j></i></h></g></f></e></d></c></b></a></v></c></row></sheetData></worksheet>", -1);

  members = g_strconcat (
    "== xl/workbook.xml\n<workbook " NS " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<workbookPr date1904=\"1\"/><sheets><sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"B\" sheetId=\"2\" r:id=\"rId9\"/></sheets></workbook>\n"
    "== xl/_rels/workbook.xml.rels\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/s.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "</Relationships>\n"
    "== xl/sharedStrings.xml\n<sst " NS "><si><t>a</t></si><si><r><t>b</t></r><r><t>c</t></r></si></sst>\n"
    "== xl/worksheets/s.xml\n", sheet, "\n", NULL);
  put ("xlsx", "members.txt", members, -1);

  /* the same as a real zip */
  path = g_build_filename (outdir, "xlsx", "real.xlsx", NULL);
  m[0] = (ShzFuzzMember) { (char *) "xl/workbook.xml",
    "<workbook " NS " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"数据\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>", 0 };
  m[1] = (ShzFuzzMember) { (char *) "xl/_rels/workbook.xml.rels",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "</Relationships>", 0 };
  m[2] = (ShzFuzzMember) { (char *) "xl/worksheets/sheet1.xml", sheet, 0 };
  m[3] = (ShzFuzzMember) { (char *) "xl/sharedStrings.xml",
    "<sst " NS "><si><t>行业</t></si><si><t>金额</t></si><si><t>零售</t></si><si><t>x</t></si></sst>", 0 };
  m[4] = (ShzFuzzMember) { (char *) "xl/styles.xml",
    "<styleSheet " NS "><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"22\"/><xf numFmtId=\"10\"/></cellXfs></styleSheet>", 0 };
  for (guint i = 0; i < G_N_ELEMENTS (m); i++)
    m[i].len = strlen (m[i].data);
  shz_fuzz_zip_write (path, m, G_N_ELEMENTS (m));
  /* and an ODS-looking zip to the XLSX fuzzer, and vice versa below: the probe decides */
  if (!g_file_get_contents (path, &zip, &zip_len, NULL))
    g_error ("cannot read back %s", path);
  put ("ods", "xlsx-in-ods.zip", zip, zip_len);
}

#define ODS_HEAD \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
  "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" " \
  "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">" \
  "<office:body><office:spreadsheet>"
#define ODS_TAIL "</office:spreadsheet></office:body></office:document-content>"

static void
ods_seeds (void)
{
  static const char content[] = ODS_HEAD
    "<table:table table:name=\"数据\">"
    "<table:table-column table:number-columns-repeated=\"3\"/>"
    "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>行业</text:p></table:table-cell>"
    "<table:table-cell office:value-type=\"string\"><text:p>金<text:span>额</text:span><text:s text:c=\"2\"/>x</text:p></table:table-cell>"
    "<table:table-cell office:value-type=\"string\"><text:p>月份</text:p><text:p>第二段</text:p></table:table-cell></table:table-row>"
    "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell office:value-type=\"string\"><text:p>零售</text:p></table:table-cell>"
    "<table:table-cell office:value-type=\"float\" office:value=\"1234.5\"><text:p>1,234.50</text:p></table:table-cell>"
    "<table:table-cell office:value-type=\"date\" office:date-value=\"2019-03-01T10:00:00\"><text:p>2019-03-01</text:p></table:table-cell></table:table-row>"
    "<table:table-row><table:table-cell table:number-columns-repeated=\"2\" office:value-type=\"percentage\" office:value=\"0.5\"/>"
    "<table:covered-table-cell/><table:table-cell office:value-type=\"boolean\" office:boolean-value=\"true\"/>"
    "<table:table-cell office:value-type=\"currency\" office:currency=\"CNY\" office:value=\"12\"/>"
    "<table:table-cell office:value-type=\"time\" office:time-value=\"PT10H30M\"/></table:table-row>"
    "<table:table-row table:number-rows-repeated=\"1048570\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>"
    "</table:table>"
    "<table:table table:name=\"Sheet2\"><table:table-row><table:table-cell><text:p>a</text:p></table:table-cell></table:table-row></table:table>"
    ODS_TAIL;
  g_autofree char *path = g_build_filename (outdir, "ods", "real.ods", NULL);
  g_autofree char *zip = NULL;
  gsize zip_len = 0;
  ShzFuzzMember m[2] = {
    { (char *) "mimetype", "application/vnd.oasis.opendocument.spreadsheet", 0 },
    { (char *) "content.xml", content, 0 },
  };

  put ("ods", "content.xml", content, -1);
  put ("ods", "content-min.xml", "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
       "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"><office:body><office:spreadsheet><table:table>"
       "<table:table-row><table:table-cell/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>", -1);
  put ("ods", "content-entity.xml", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" ODS_HEAD
       "<table:table><table:table-row><table:table-cell><text:p>&e;</text:p></table:table-cell></table:table-row></table:table>" ODS_TAIL, -1);
  for (guint i = 0; i < G_N_ELEMENTS (m); i++)
    m[i].len = strlen (m[i].data);
  shz_fuzz_zip_write (path, m, G_N_ELEMENTS (m));
  if (!g_file_get_contents (path, &zip, &zip_len, NULL))
    g_error ("cannot read back %s", path);
  put ("xlsx", "ods-in-xlsx.zip", zip, zip_len);
}

static void
fail_if (gboolean     failed,
         const GError *error)
{
  if (failed)
    g_error ("make-seeds: %s", error ? error->message : "failed");
}

/* A store holding one engagement with a dataset of each kind, shrunk to 512-byte pages. */
static void
store_seed (const char *name,
            const char *tweak)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (outdir, "store", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(ShzStore) store = NULL;
  g_autoptr(ShzEngagement) e = shz_engagement_new ();
  g_autoptr(ShzRowInserter) ins = NULL;
  ShzDatasetKind kinds[] = { SHZ_KIND_USAGE, SHZ_KIND_LINKS, SHZ_KIND_SCORES };
  gint64 eid;

  g_mkdir_with_parents (dir, 0755);
  g_unlink (path);
  store = shz_store_open (path, SHZ_STORE_OPEN_CREATE, &error);
  fail_if (store == NULL, error);
  fail_if (shz_store_add_demo_engagement (store, &error) == 0, error);
  e->name = g_strdup ("客户 A");
  e->client = g_strdup ("甲公司");
  e->industry = g_strdup ("零售消费与生活服务");
  eid = shz_store_create_engagement (store, e, &error);
  fail_if (eid == 0, error);
  fail_if (!shz_store_set_chart_settings (store, eid, "maturity-map", "[chart]\nlang=zh_CN\nperiod=2019\n", &error), error);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(ShzDataset) d = shz_dataset_new ();
      gint64 did;

      d->engagement_id = eid;
      d->name = g_strdup (shz_dataset_kind_to_string (kinds[k]));
      d->kind = kinds[k];
      d->rows = 2;
      d->rejected = 1;
      d->source_name = g_strdup ("数据.csv");
      d->source_size = 123;
      d->source_sha256 = g_strdup ("0000000000000000000000000000000000000000000000000000000000000000");
      d->encoding = g_strdup ("GB18030");
      d->delimiter = g_strdup (",");
      d->mapping = g_strdup ("行业=industry\n金额=spend");
      fail_if (!shz_store_begin (store, &error), error);
      did = shz_store_create_dataset (store, d, &error);
      fail_if (did == 0, error);
      ins = shz_row_inserter_new (store, did, kinds[k], &error);
      fail_if (ins == NULL, error);
      for (gint64 r = 1; r <= 2; r++)
        {
          gboolean ok = TRUE;

          switch (kinds[k])
            {
            case SHZ_KIND_USAGE:
              {
                ShzUsageRow u = { r, "E001", "甲", "零售消费与生活服务", "华东", "2019-01", "IaaS", NULL, 12.5 * r };
                ok = shz_row_inserter_add_usage (ins, &u, &error);
              }
              break;
            case SHZ_KIND_LINKS:
              {
                ShzLinkRow l = { r, "retail", "consumer", 2.0, "transaction", "to-be" };
                ok = shz_row_inserter_add_link (ins, &l, &error);
              }
              break;
            case SHZ_KIND_SCORES:
            case SHZ_KIND_POSITIONS:
            default:
              {
                ShzScoreRow s = { r, "value-chain", "retail", 3, "as-is", "备注" };
                ok = shz_row_inserter_add_score (ins, &s, &error);
              }
              break;
            }
          fail_if (!ok, error);
        }
      g_clear_pointer (&ins, shz_row_inserter_free);
      fail_if (!shz_store_add_rejection (store, did, 3, "金额", "not a number", &error), error);
      fail_if (!shz_store_commit (store, &error), error);
    }

  if (sqlite3_exec (shz_store_get_db (store), "PRAGMA page_size = 512; VACUUM;", NULL, NULL, NULL) != SQLITE_OK)
    g_error ("make-seeds: vacuum: %s", sqlite3_errmsg (shz_store_get_db (store)));
  if (tweak && sqlite3_exec (shz_store_get_db (store), tweak, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("make-seeds: %s: %s", tweak, sqlite3_errmsg (shz_store_get_db (store)));
}

static void
catalogue_seeds (const char *srcdir)
{
  static const char *files[] = { "value-chain.xml", "value-network.xml", "rhc-chains.xml", "evolution-paths.xml" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (srcdir, files[i], NULL);
      g_autofree char *data = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &data, &len, NULL))
        g_error ("make-seeds: cannot read %s", path);
      put ("catalogue", files[i], data, len);
    }
  put ("catalogue", "min.xml", "<catalogue version=\"1\"><framework id=\"f\" kind=\"paths\">"
       "<label xml:lang=\"zh_CN\">路径</label><label xml:lang=\"en\">Paths</label>"
       "<path id=\"p\"><label xml:lang=\"zh_CN\">甲</label><label xml:lang=\"en\">A</label>"
       "<from><label xml:lang=\"zh_CN\">从</label><label xml:lang=\"en\">from</label></from>"
       "<to><label xml:lang=\"zh_CN\">到</label><label xml:lang=\"en\">to</label></to></path>"
       "</framework></catalogue>", -1);
  put ("catalogue", "doctype.xml", "<!DOCTYPE catalogue [<!ENTITY x SYSTEM \"http://example.com/\">]><catalogue version=\"1\">&x;</catalogue>", -1);
}

int
main (int    argc,
      char **argv)
{
  if (argc != 3)
    {
      g_printerr ("usage: make-seeds OUTDIR CATALOGUE-DIR\n");
      return 2;
    }
  outdir = argv[1];
  csv_seeds ();
  xlsx_seeds ();
  ods_seeds ();
  store_seed ("engagements.shuzhi", NULL);
  store_seed ("other-app.shuzhi", "PRAGMA application_id = 1;");
  store_seed ("newer.shuzhi", "PRAGMA user_version = 99;");
  store_seed ("extra-table.shuzhi", "CREATE TABLE t (x);");
  catalogue_seeds (argv[2]);
  printf ("seeds written to %s\n", outdir);
  return 0;
}
