/* shz-chart-theme.c — the light (print) and dark themes and the tab10 palette.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"
#include "config.h"

#include "charts/shz-chart-theme.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }
#define RGBA(hex, alpha) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, (alpha) }

static const ShzChartTheme light = {
  .background      = RGB (0xffffff),
  .plot_background = RGB (0xffffff),
  .text            = RGB (0x1f2328),
  .text_muted      = RGB (0x5f6670),
  .axis            = RGB (0x3d434b),
  .grid            = RGB (0xe6e8eb),
  .guide           = RGB (0x8a9099),
  .highlight       = RGB (0xd62728),
  .leader          = RGB (0x9aa0a8),
  .band            = { RGBA (0x9aa0a8, 0.10), RGBA (0x1f77b4, 0.08), RGBA (0xff7f0e, 0.10) },
  .label_halo      = RGBA (0xffffff, 0.85),
};

static const ShzChartTheme dark = {
  .background      = RGB (0x1e1e1e),
  .plot_background = RGB (0x242424),
  .text            = RGB (0xf0f0f0),
  .text_muted      = RGB (0xa8adb4),
  .axis            = RGB (0xc0c4ca),
  .grid            = RGB (0x363a3f),
  .guide           = RGB (0x7d838b),
  .highlight       = RGB (0xff6b6b),
  .leader          = RGB (0x80868e),
  .band            = { RGBA (0xc0c4ca, 0.07), RGBA (0x4fa3e0, 0.09), RGBA (0xffa94d, 0.10) },
  .label_halo      = RGBA (0x242424, 0.85),
};

/* matplotlib's tab10: the benchmark's chart spec and a palette print readers know. */
static const ShzColor tab10[SHZ_CHART_PALETTE_SIZE] = {
  RGB (0x1f77b4), RGB (0xff7f0e), RGB (0x2ca02c), RGB (0xd62728), RGB (0x9467bd),
  RGB (0x8c564b), RGB (0xe377c2), RGB (0x7f7f7f), RGB (0xbcbd22), RGB (0x17becf),
};

const char *
shz_chart_theme_to_string (ShzChartThemeId theme)
{
  return theme == SHZ_CHART_THEME_DARK ? "dark" : "light";
}

gboolean
shz_chart_theme_from_string (const char      *s,
                             ShzChartThemeId *out)
{
  if (g_strcmp0 (s, "light") == 0)
    *out = SHZ_CHART_THEME_LIGHT;
  else if (g_strcmp0 (s, "dark") == 0)
    *out = SHZ_CHART_THEME_DARK;
  else
    return FALSE;
  return TRUE;
}

const ShzChartTheme *
shz_chart_theme_get (ShzChartThemeId theme)
{
  return theme == SHZ_CHART_THEME_DARK ? &dark : &light;
}

ShzColor
shz_chart_palette_color (guint i)
{
  return tab10[i % SHZ_CHART_PALETTE_SIZE];
}
