/* shz-chart-export.h — write any ShzChart to PNG, SVG or PDF through its one render function.
 *
 * Sizes: a pixel size (PNG at @dpi, default 96: the chart is laid out at width·96/dpi units),
 * or a physical size in inches + dpi (≤ 600).  SVG is written in px units with <title> and
 * <desc> added by a libxml2 post-pass; PDF embeds (subsets of) the CJK fonts.  Raster layers
 * (dense point clouds) are embedded as images at the export resolution in SVG and PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "charts/shz-chart.h"

G_BEGIN_DECLS

typedef enum {
  SHZ_EXPORT_PNG,
  SHZ_EXPORT_SVG,
  SHZ_EXPORT_PDF,
} ShzExportFormat;

const char *shz_export_format_to_string   (ShzExportFormat  format);   /* "png" … */
gboolean    shz_export_format_from_string (const char      *s,
                                           ShzExportFormat *out);
/* From a file name's extension (.png .svg .pdf, any case); FALSE when none matches. */
gboolean    shz_export_format_from_path   (const char      *path,
                                           ShzExportFormat *out);

#define SHZ_EXPORT_MAX_DPI 600
#define SHZ_EXPORT_MAX_PIXELS 12000   /* per side */
#define SHZ_EXPORT_MAX_AREA   48e6    /* pixels in all: bounded memory (4 bytes each) */

typedef struct {
  ShzExportFormat format;
  int             width_px;    /* > 0: pixel size … */
  int             height_px;
  double          width_in;    /* … or > 0: physical size in inches (with dpi) */
  double          height_in;
  double          dpi;         /* 0: 96 */
} ShzExportOptions;

/* Presets: "slide" (16:9, 13.333 × 7.5 in at 150 dpi), "a4" (A4 landscape at 300 dpi),
 * "square" (6 × 6 in at 200 dpi), "screen" (1600 × 1200 px at 96 dpi). */
const char * const *shz_export_list_presets (void);
gboolean    shz_export_options_from_preset (const char       *preset,
                                            ShzExportFormat   format,
                                            ShzExportOptions *out);
/* Defaults: 1600 × 1200 px at 96 dpi. */
void        shz_export_options_init        (ShzExportOptions *options,
                                            ShzExportFormat   format);

/* Resolve options to the layout size in chart units and the device scale. FALSE (and
 * SHZ_CHART_ERROR_INVALID) when sizes or dpi are out of range. */
gboolean    shz_export_options_resolve     (const ShzExportOptions *options,
                                            double                 *width_units,
                                            double                 *height_units,
                                            int                    *width_px,
                                            int                    *height_px,
                                            double                 *scale,
                                            GError                **error);

/* Write @chart to @path (atomically: a temporary file renamed into place). */
gboolean    shz_chart_export               (ShzChart               *chart,
                                            const ShzExportOptions *options,
                                            const char             *path,
                                            GError                **error);
/* Draw to a new ARGB image surface (what PNG export writes; also for clipboard copies). */
cairo_surface_t *shz_chart_render_image    (ShzChart               *chart,
                                            const ShzExportOptions *options,
                                            GError                **error);

G_END_DECLS
