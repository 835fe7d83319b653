/* shz-chart-export.c — PNG, SVG and PDF from the chart's one render function.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "charts/shz-chart-export.h"
#include "charts/shz-png-writer.h"

#define MIN_UNITS 160.0

static const char * const presets[] = { "slide", "a4", "square", "screen", NULL };

const char *
shz_export_format_to_string (ShzExportFormat format)
{
  switch (format)
    {
    case SHZ_EXPORT_SVG: return "svg";
    case SHZ_EXPORT_PDF: return "pdf";
    case SHZ_EXPORT_PNG:
    default:             return "png";
    }
}

gboolean
shz_export_format_from_string (const char      *s,
                               ShzExportFormat *out)
{
  if (s == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (s, "png") == 0)
    *out = SHZ_EXPORT_PNG;
  else if (g_ascii_strcasecmp (s, "svg") == 0)
    *out = SHZ_EXPORT_SVG;
  else if (g_ascii_strcasecmp (s, "pdf") == 0)
    *out = SHZ_EXPORT_PDF;
  else
    return FALSE;
  return TRUE;
}

gboolean
shz_export_format_from_path (const char      *path,
                             ShzExportFormat *out)
{
  const char *dot = path ? strrchr (path, '.') : NULL;

  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return FALSE;
  return shz_export_format_from_string (dot + 1, out);
}

const char * const *
shz_export_list_presets (void)
{
  return presets;
}

void
shz_export_options_init (ShzExportOptions *o,
                         ShzExportFormat   format)
{
  memset (o, 0, sizeof *o);
  o->format = format;
  o->width_px = 1600;
  o->height_px = 1200;
  o->dpi = 96;
}

gboolean
shz_export_options_from_preset (const char       *preset,
                                ShzExportFormat   format,
                                ShzExportOptions *o)
{
  memset (o, 0, sizeof *o);
  o->format = format;
  if (g_strcmp0 (preset, "slide") == 0)
    {
      o->width_in = 13.333;  /* PowerPoint/Keynote widescreen */
      o->height_in = 7.5;
      o->dpi = 150;
    }
  else if (g_strcmp0 (preset, "a4") == 0)
    {
      o->width_in = 297 / 25.4;
      o->height_in = 210 / 25.4;
      o->dpi = 300;
    }
  else if (g_strcmp0 (preset, "square") == 0)
    {
      o->width_in = 6;
      o->height_in = 6;
      o->dpi = 200;
    }
  else if (g_strcmp0 (preset, "screen") == 0)
    shz_export_options_init (o, format);
  else
    return FALSE;
  return TRUE;
}

gboolean
shz_export_options_resolve (const ShzExportOptions *o,
                            double                 *width_units,
                            double                 *height_units,
                            int                    *width_px,
                            int                    *height_px,
                            double                 *scale,
                            GError                **error)
{
  double dpi = o->dpi > 0 ? o->dpi : 96;
  double wu, hu, wp, hp;

  if (!(dpi >= 24 && dpi <= SHZ_EXPORT_MAX_DPI))
    {
      g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_INVALID,
                   _("Resolution %g dpi is out of range (expected 24 to %d)"), dpi, SHZ_EXPORT_MAX_DPI);
      return FALSE;
    }
  if (o->width_in > 0 || o->height_in > 0)
    {
      if (!(o->width_in > 0 && o->height_in > 0))
        {
          g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_INVALID,
                       _("Give both a width and a height"));
          return FALSE;
        }
      wu = o->width_in * 96;
      hu = o->height_in * 96;
      wp = round (o->width_in * dpi);
      hp = round (o->height_in * dpi);
    }
  else
    {
      if (o->width_px <= 0 || o->height_px <= 0)
        {
          g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_INVALID,
                       _("Give both a width and a height in pixels"));
          return FALSE;
        }
      wp = o->width_px;
      hp = o->height_px;
      wu = wp * 96 / dpi;
      hu = hp * 96 / dpi;
    }
  if (wp > SHZ_EXPORT_MAX_PIXELS || hp > SHZ_EXPORT_MAX_PIXELS)
    {
      g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_INVALID,
                   _("The image would be %.0f × %.0f pixels; at most %d pixels a side"),
                   wp, hp, SHZ_EXPORT_MAX_PIXELS);
      return FALSE;
    }
  if (wp * hp > SHZ_EXPORT_MAX_AREA)
    {
      g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_INVALID,
                   _("The image would be %.0f × %.0f pixels; at most %.0f megapixels (A4 at 600 dpi is 35)"),
                   wp, hp, SHZ_EXPORT_MAX_AREA / 1e6);
      return FALSE;
    }
  if (wu < MIN_UNITS || hu < MIN_UNITS)
    {
      g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_INVALID,
                   _("The chart would be too small to read (%.0f × %.0f pixels at 96 dpi; at least %.0f a side)"),
                   wu, hu, MIN_UNITS);
      return FALSE;
    }
  *width_units = wu;
  *height_units = hu;
  *width_px = (int) wp;
  *height_px = (int) hp;
  *scale = dpi / 96;
  return TRUE;
}

static gboolean
check_surface (cairo_surface_t  *surface,
               const char       *path,
               GError          **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_IO,
               _("Cannot write “%s”: %s"), path ? path : "image", cairo_status_to_string (status));
  return FALSE;
}

/* Charts paint their background; a kind that leaves pixels transparent keeps its alpha. */
static gboolean
image_is_opaque (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);

  for (int y = 0; y < h; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);
      for (int x = 0; x < w; x++)
        if ((row[x] >> 24) != 0xff)
          return FALSE;
    }
  return TRUE;
}

cairo_surface_t *
shz_chart_render_image (ShzChart               *chart,
                        const ShzExportOptions *options,
                        GError                **error)
{
  double wu, hu, scale, old_raster;
  int wp, hp;
  cairo_surface_t *surface;
  cairo_t *cr;

  if (!shz_export_options_resolve (options, &wu, &hu, &wp, &hp, &scale, error))
    return NULL;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, wp, hp);
  if (!check_surface (surface, NULL, error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  old_raster = shz_chart_get_raster_scale (chart);
  shz_chart_set_raster_scale (chart, scale);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  shz_chart_render (chart, cr, wu, hu);
  cairo_destroy (cr);
  shz_chart_set_raster_scale (chart, old_raster);
  cairo_surface_flush (surface);
  return surface;
}

/* <title> and <desc> as the first children of <svg>, so screen readers and slide software
 * name the figure.  The file is our own output, hence XML_PARSE_HUGE for embedded images. */
static gboolean
svg_add_title (GByteArray  *svg,
               const char  *path,
               const char  *title,
               const char  *desc,
               GError     **error)
{
  xmlDocPtr doc;
  xmlNodePtr root, first, t, d;
  int rc;

  doc = xmlReadMemory ((const char *) svg->data, (int) svg->len, NULL, NULL,
                       XML_PARSE_NONET | XML_PARSE_HUGE | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
  if (doc == NULL || (root = xmlDocGetRootElement (doc)) == NULL)
    {
      if (doc)
        xmlFreeDoc (doc);
      g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_IO,
                   _("Cannot add a title to the SVG “%s”: the file is not readable XML"), path);
      return FALSE;
    }
  t = xmlNewDocNode (doc, root->ns, (const xmlChar *) "title", NULL);
  xmlNodeAddContent (t, (const xmlChar *) title);
  d = xmlNewDocNode (doc, root->ns, (const xmlChar *) "desc", NULL);
  xmlNodeAddContent (d, (const xmlChar *) desc);
  first = root->children;
  if (first != NULL)
    {
      xmlAddPrevSibling (first, t);
      xmlAddNextSibling (t, d);
    }
  else
    {
      xmlAddChild (root, t);
      xmlAddChild (root, d);
    }
  rc = xmlSaveFileEnc (path, doc, "UTF-8");
  xmlFreeDoc (doc);
  if (rc < 0)
    {
      g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_IO,
                   _("Cannot write “%s”"), path);
      return FALSE;
    }
  return TRUE;
}

static cairo_status_t
append_to_array_cb (void                *closure,
                    const unsigned char *data,
                    unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
write_vector (ShzChart               *chart,
              const ShzExportOptions *options,
              const char             *tmp,
              const char             *path,
              GError                **error)
{
  double wu, hu, scale, old_raster, k;
  int wp, hp;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;
  g_autofree char *title = NULL;
  g_autoptr(GByteArray) svg = NULL;

  if (!shz_export_options_resolve (options, &wu, &hu, &wp, &hp, &scale, error))
    return FALSE;
  title = shz_chart_get_title (chart);

  if (options->format == SHZ_EXPORT_SVG)
    {
      /* into memory: the libxml2 pass reads it there and writes the file once */
      svg = g_byte_array_new ();
      surface = cairo_svg_surface_create_for_stream (append_to_array_cb, svg, wu, hu);
      if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
        cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      k = 1;       /* one chart unit = one CSS pixel */
    }
  else
    {
      surface = cairo_pdf_surface_create (tmp, wu * 0.75, hu * 0.75);
      if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
        {
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Shuzhi " PACKAGE_VERSION);
        }
      k = 0.75;    /* points */
    }
  if (!check_surface (surface, path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  /* raster layers at the export resolution; vector for everything else */
  old_raster = shz_chart_get_raster_scale (chart);
  shz_chart_set_raster_scale (chart, scale);
  cr = cairo_create (surface);
  cairo_scale (cr, k, k);
  shz_chart_render (chart, cr, wu, hu);
  cairo_destroy (cr);
  shz_chart_set_raster_scale (chart, old_raster);
  cairo_surface_finish (surface);
  ok = check_surface (surface, path, error);
  cairo_surface_destroy (surface);
  if (!ok)
    return FALSE;

  if (options->format == SHZ_EXPORT_SVG)
    {
      g_autofree char *desc = shz_chart_describe (chart);
      return svg_add_title (svg, tmp, title, desc, error);
    }
  return TRUE;
}

gboolean
shz_chart_export (ShzChart               *chart,
                  const ShzExportOptions *options,
                  const char             *path,
                  GError                **error)
{
  g_autofree char *tmp = NULL;
  gboolean ok;

  g_return_val_if_fail (SHZ_IS_CHART (chart), FALSE);
  g_return_val_if_fail (options != NULL && path != NULL, FALSE);

  tmp = g_strdup_printf ("%s.%d.tmp", path, (int) getpid ());
  if (options->format == SHZ_EXPORT_PNG)
    {
      cairo_surface_t *surface = shz_chart_render_image (chart, options, error);
      g_autoptr(GBytes) png = NULL;
      g_autoptr(GError) local_error = NULL;

      if (surface == NULL)
        return FALSE;
      png = shz_png_encode (surface, !image_is_opaque (surface), options->dpi > 0 ? options->dpi : 96);
      cairo_surface_destroy (surface);
      ok = png != NULL &&
           g_file_set_contents (tmp, g_bytes_get_data (png, NULL), (gssize) g_bytes_get_size (png), &local_error);
      if (!ok)
        g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_IO, _("Cannot write “%s”: %s"), path,
                     local_error ? local_error->message : _("the image could not be encoded"));
    }
  else
    ok = write_vector (chart, options, tmp, path, error);

  if (ok && g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, SHZ_CHART_ERROR, SHZ_CHART_ERROR_IO,
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}
