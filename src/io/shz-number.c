/* shz-number.c — number normalisation for imported cells.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-io"
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "shz-number.h"

#define MAX_NUMBER_CHARS 64

static void
set_reason (char       **reason,
            const char  *text,
            const char  *why)
{
  g_autofree char *shown = NULL;

  if (reason == NULL)
    return;
  if (g_utf8_strlen (text, -1) > 40)
    {
      g_autofree char *head = g_utf8_substring (text, 0, 40);
      shown = g_strconcat (head, "…", NULL);
    }
  else
    shown = g_strdup (text);
  g_free (*reason);
  if (*text == '\0')
    *reason = g_strdup (_("empty where a number is expected"));
  else
    *reason = g_strdup_printf (_("“%s” is not a number (%s)"), shown, why);
}

/* Strict ASCII number: optional sign, digits with an optional fraction, optional exponent. */
static gboolean
parse_plain (const char *s,
             double     *value)
{
  const char *p = s;
  char *end = NULL;
  gboolean digits = FALSE;
  double v;

  if (*p == '-' || *p == '+')
    p++;
  while (g_ascii_isdigit (*p))
    p++, digits = TRUE;
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++, digits = TRUE;
    }
  if (!digits)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '-' || *p == '+')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p != '\0')
    return FALSE;
  v = g_ascii_strtod (s, &end);
  if (end == NULL || *end != '\0' || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

/* Removes thousands separators from @s in place, or turns a lone decimal comma into a point.
 * FALSE when commas are placed like neither. */
static gboolean
fix_commas (char *s)
{
  char *dot = strchr (s, '.');
  char *first = strchr (s, ',');
  guint n_commas = 0;
  char *w;

  if (first == NULL)
    return TRUE;
  for (char *p = s; *p; p++)
    if (*p == ',')
      n_commas++;

  /* "3,5": a decimal comma (semicolon-separated European files) */
  if (dot == NULL && n_commas == 1)
    {
      const char *after = first + 1;
      gsize n_after = strspn (after, "0123456789");

      if (n_after != 3 || after[n_after] != '\0')
        {
          *first = '.';
          return TRUE;
        }
    }

  /* thousands: every comma before the point, followed by exactly three digits */
  for (char *p = s; *p; p++)
    {
      if (*p != ',')
        continue;
      if (dot && p > dot)
        return FALSE;
      if (p == s || !g_ascii_isdigit (p[-1]))
        return FALSE;
      if (strspn (p + 1, "0123456789") != 3)
        return FALSE;
    }
  w = s;
  for (char *p = s; *p; p++)
    if (*p != ',')
      *w++ = *p;
  *w = '\0';
  return TRUE;
}

gboolean
shz_number_parse (const char  *text,
                  double      *value,
                  char       **reason)
{
  char buf[MAX_NUMBER_CHARS + 1];
  gsize n = 0;
  gboolean negative_paren = FALSE;
  gboolean percent = FALSE;
  gboolean open_paren = FALSE, close_paren = FALSE;
  const char *p;
  double v;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  /* the common case: plain ASCII */
  if (parse_plain (text, value))
    return TRUE;

  /* normalise into ASCII: digits, signs, separators, parens, percent; drop spaces and
   * currency marks */
  for (p = text; *p;)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      const char *next;
      char out = 0;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          set_reason (reason, text, _("invalid text"));
          return FALSE;
        }
      next = g_utf8_next_char (p);

      if (c >= 0xFF10 && c <= 0xFF19)
        out = '0' + (c - 0xFF10);
      else if (c < 0x80 && (g_ascii_isdigit (c) || c == '.' || c == ',' || c == '-' || c == '+' ||
                            ((c == 'e' || c == 'E') && g_ascii_strncasecmp (p, "EUR", 3) != 0)))
        out = c;
      else
        switch (c)
          {
          case 0xFF0C: case 0x3001: out = ','; break;        /* ， 、 */
          case 0xFF0E: case 0x3002: out = '.'; break;        /* ． 。 */
          case 0xFF0D: case 0x2212: case 0x2013: out = '-'; break;
          case 0xFF0B: out = '+'; break;
          case '%': case 0xFF05: percent = TRUE; break;
          case '(': case 0xFF08: open_paren = TRUE; break;
          case ')': case 0xFF09: close_paren = TRUE; break;
          case ' ': case '\t': case '\n': case '\r': case 0xA0: case 0x3000:
          case 0x2009: case 0x202F: case '\'': case '_':
            break;                                           /* spaces, 1'000 */
          case '$': case 0xA5: case 0xFFE5: case 0x20AC: case 0xA3: case 0x5143: /* $ ¥ ￥ € £ 元 */
          case 0xFF04:
            break;
          default:
            if ((c == 'R' || c == 'r') && g_ascii_strncasecmp (p, "RMB", 3) == 0)
              {
                next = p + 3;
                break;
              }
            if ((c == 'C' || c == 'c') && g_ascii_strncasecmp (p, "CNY", 3) == 0)
              {
                next = p + 3;
                break;
              }
            if ((c == 'U' || c == 'u') && g_ascii_strncasecmp (p, "USD", 3) == 0)
              {
                next = p + 3;
                break;
              }
            if ((c == 'E' || c == 'e') && g_ascii_strncasecmp (p, "EUR", 3) == 0)
              {
                next = p + 3;
                break;
              }
            set_reason (reason, text, _("unexpected characters"));
            return FALSE;
          }

      if (out)
        {
          if (n >= MAX_NUMBER_CHARS)
            {
              set_reason (reason, text, _("too long"));
              return FALSE;
            }
          buf[n++] = out;
        }
      p = next;
    }
  buf[n] = '\0';

  if (open_paren != close_paren)
    {
      set_reason (reason, text, _("unbalanced parenthesis"));
      return FALSE;
    }
  negative_paren = open_paren;
  if (n == 0)
    {
      set_reason (reason, text, _("no digits"));
      return FALSE;
    }
  if (!fix_commas (buf))
    {
      set_reason (reason, text, _("misplaced separators"));
      return FALSE;
    }
  if (!parse_plain (buf, &v))
    {
      set_reason (reason, text, _("not a finite number"));
      return FALSE;
    }
  if (negative_paren)
    {
      if (v < 0)
        {
          set_reason (reason, text, _("two minus signs"));
          return FALSE;
        }
      v = -v;
    }
  if (percent)
    v /= 100.0;
  if (!isfinite (v))
    {
      set_reason (reason, text, _("not a finite number"));
      return FALSE;
    }
  *value = v;
  return TRUE;
}

char *
shz_number_format (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (isfinite (value), g_strdup (""));

  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%.0f", value == 0 ? 0.0 : value);
  for (int prec = 15; prec <= 17; prec++)
    {
      g_ascii_formatd (buf, sizeof buf, prec == 15 ? "%.15g" : prec == 16 ? "%.16g" : "%.17g", value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return g_strdup (buf);
}
