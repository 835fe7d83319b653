/* shz-number.h — reading the numbers people type into spreadsheets: thousands separators,
 * full-width digits, percent, currency marks, accounting negatives.  Never NaN or infinity.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses @text as a finite number.  Accepts "1,234.5", "１２３４．５", "12.5%" (→ 0.125),
 * "¥1,200", "￥1200", "$3", "€3", "RMB 1200", "1200元", "(1,234)" (→ -1234), "3,5" (→ 3.5,
 * a lone decimal comma), surrounding and inner spaces.  On failure returns FALSE and, when
 * @reason is not NULL, sets it to a translated sentence saying why. */
gboolean shz_number_parse (const char  *text,
                           double      *value,
                           char       **reason);

/* Formats a finite double the shortest way that reads back the same ("%.17g" at worst),
 * with no exponent for ordinary magnitudes.  Newly allocated. */
char    *shz_number_format (double value);

G_END_DECLS
