/* shz-fields.h — the import kinds' fields (DESIGN.md "Import kinds and their fields"): which
 * are required, guessing a column→field mapping from Chinese and English headers, and the
 * enumerations (categories, link types, states, value-network nodes, periods) in either
 * language mapped to their canonical spellings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "store/shz-store.h"

G_BEGIN_DECLS

typedef enum {
  SHZ_FIELD_TEXT,
  SHZ_FIELD_NUMBER,
  SHZ_FIELD_PERIOD,
  SHZ_FIELD_CATEGORY,
  SHZ_FIELD_NODE,
  SHZ_FIELD_LINK_TYPE,
  SHZ_FIELD_STATE,
  SHZ_FIELD_BOOLEAN,
} ShzFieldType;

typedef struct {
  const char          *name;      /* "enterprise_id": what --map and the store use */
  const char          *label;     /* English label, translatable (N_): show with _() */
  ShzFieldType         type;
  gboolean             required;
  const char * const  *aliases;   /* header spellings, Chinese and English, in normal form */
} ShzField;

/* The fields of @kind in the order of DESIGN.md. */
const ShzField *shz_fields_get        (ShzDatasetKind  kind,
                                       guint          *n_fields);
/* Index of the field named @name (its name or any alias), or -1. */
int             shz_fields_find       (ShzDatasetKind  kind,
                                       const char     *name);

/* ---- enumerations: canonical spelling, or NULL when unknown ---- */

/* IaaS PaaS SaaS 大数据计算 数据中台 XPaaS 数据智能 (English spellings accepted). */
const char *shz_fields_category      (const char *text);
/* "maturity" for IaaS/PaaS/SaaS, "innovation" for the other four, NULL otherwise. */
const char *shz_fields_category_axis (const char *canonical);
/* transaction | interaction | experience (交易 互动 体验). */
const char *shz_fields_link_type     (const char *text);
/* as-is | to-be (现状 目标). */
const char *shz_fields_state         (const char *text);
/* A value-network node id: consumer product manufacturing brand marketing channel retail
 * service technology organisation finance logistics rd-data supply-data channel-data
 * terminal-data consumer-data (Chinese labels accepted). */
const char *shz_fields_node          (const char *text);
/* All node ids, NULL-terminated. */
const char * const *shz_fields_node_ids (void);
/* TRUE/FALSE, yes/no, 1/0, 是/否 … */
gboolean    shz_fields_boolean       (const char *text,
                                      gboolean   *value);
/* YYYY, YYYY-MM or YYYY-Qn; accepts 2019年, 2019/03, 2019.3, 201903, 2019年3月, 2019Q1,
 * 2019年第一季度, 2019-03-15 (→ 2019-03).  On failure FALSE and a translated reason. */
gboolean    shz_fields_period        (const char  *text,
                                      char       **normalised,
                                      char       **reason);

/* ---- mapping columns to fields ---- */

typedef struct _ShzMapping ShzMapping;

ShzMapping     *shz_mapping_new        (ShzDatasetKind      kind,
                                        guint               n_columns);
/* Guesses from the header names; columns with no likely field stay unmapped. */
ShzMapping     *shz_mapping_guess      (ShzDatasetKind      kind,
                                        const char * const *headers,
                                        guint               n_columns);
ShzMapping     *shz_mapping_copy       (const ShzMapping   *mapping);
void            shz_mapping_free       (ShzMapping         *mapping);
ShzDatasetKind  shz_mapping_get_kind      (const ShzMapping *mapping);
guint           shz_mapping_get_n_columns (const ShzMapping *mapping);
/* Field index of @column or -1. */
int             shz_mapping_get_field  (const ShzMapping   *mapping,
                                        guint               column);
/* Column index of @field or -1. */
int             shz_mapping_get_column (const ShzMapping   *mapping,
                                        guint               field);
/* Maps @column to @field (-1: ignore the column).  A field comes from one column: mapping it
 * again unmaps its previous column.  Columns beyond n_columns grow the mapping. */
void            shz_mapping_set        (ShzMapping         *mapping,
                                        guint               column,
                                        int                 field);
/* Applies "COLUMN=FIELD" (COLUMN a header name, a column letter or a 1-based number; FIELD a
 * field name or alias, or empty / "-" to ignore the column).  Errors name what is wrong. */
gboolean        shz_mapping_apply_spec (ShzMapping         *mapping,
                                        const char * const *headers,
                                        guint               n_columns,
                                        const char         *spec,
                                        GError            **error);
/* The required fields with no column, NULL-terminated (empty when complete). */
GStrv           shz_mapping_missing    (const ShzMapping   *mapping);
/* "header=field" lines, for provenance. */
char           *shz_mapping_to_string  (const ShzMapping   *mapping,
                                        const char * const *headers,
                                        guint               n_columns);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzMapping, shz_mapping_free)

/* Normal form used for matching headers and enumerations: ASCII lower case, full-width
 * letters and digits folded, spaces _ - . / & removed, and a trailing unit in brackets
 * ("金额（元）", "spend (CNY)") dropped.  Newly allocated. */
char           *shz_fields_normalise   (const char *text);

G_END_DECLS
