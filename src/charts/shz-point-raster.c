/* shz-point-raster.c — see the header.  Every disc is stamped from a precomputed coverage
 * mask (radius quantised to 1/4 px, 4×4 supersampled edges, the disc's alpha folded in),
 * blended with the OVER operator in 8-bit premultiplied integers, two channels a multiply.  Two bands of rows are drawn by two threads: each walks all
 * points in order, so a pixel sees the same sequence of blends as a single pass (deterministic).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"
#include "config.h"

#include <math.h>
#include <string.h>

#include "charts/shz-point-raster.h"

#define RADIUS_STEPS 4          /* masks per pixel of radius */
#define MAX_RADIUS   64.0
#define N_THREADS    2
#define MIN_POINTS_FOR_THREADS 20000

typedef struct {
  int     half;       /* mask is (2·half+1)² */
  guint8 *cov;        /* alpha 0–255: coverage × the disc's alpha */
  int    *span;       /* per row: first and one-past-last column with alpha > 0 */
} Mask;

typedef struct {
  const ShzPointRaster *raster;
  Mask    *masks;
  guint    n_masks;
  guint32 *src;       /* premultiplied opaque colour per group */
  guint8  *pixels;
  int      width, height, stride;
  int      row0, row1;  /* band [row0, row1) */
} Job;

static void
make_mask (Mask   *m,
           double  r,
           guint   alpha8)
{
  int half = (int) ceil (r + 0.5);
  int side = 2 * half + 1;

  m->half = half;
  m->cov = g_malloc0 ((gsize) side * side);
  for (int j = 0; j < side; j++)
    for (int i = 0; i < side; i++)
      {
        int inside = 0;
        for (int sj = 0; sj < 4; sj++)
          for (int si = 0; si < 4; si++)
            {
              double dx = i - half + (si + 0.5) / 4 - 0.5;
              double dy = j - half + (sj + 0.5) / 4 - 0.5;
              inside += dx * dx + dy * dy <= r * r;
            }
        m->cov[j * side + i] = (guint8) ((inside * 255 / 16 * alpha8 + 127) / 255);
      }
  m->span = g_new (int, 2 * side);
  for (int j = 0; j < side; j++)
    {
      int first = side, last = 0;
      for (int i = 0; i < side; i++)
        if (m->cov[j * side + i] != 0)
          {
            first = MIN (first, i);
            last = i + 1;
          }
      m->span[2 * j] = first;
      m->span[2 * j + 1] = MAX (last, first);
    }
}

/* OVER of an opaque premultiplied colour at coverage @a (0–255), two channels per multiply. */
static inline guint32
blend (guint32 dst,
       guint32 src,
       guint32 a)
{
  guint32 ia = 255 - a;
  guint32 rb = (src & 0xff00ff) * a + (dst & 0xff00ff) * ia + 0x800080;
  guint32 ag = ((src >> 8) & 0xff00ff) * a + ((dst >> 8) & 0xff00ff) * ia + 0x800080;

  rb = ((rb + ((rb >> 8) & 0xff00ff)) >> 8) & 0xff00ff;
  ag = (ag + ((ag >> 8) & 0xff00ff)) & 0xff00ff00;
  return rb | ag;
}

static void
draw_band (Job *job)
{
  const ShzPointRaster *r = job->raster;

  for (guint k = 0; k < r->n; k++)
    {
      double size, radius, cx, cy;
      guint mi, g;
      const Mask *m;
      int px, py, side, j0, j1, i0, i1;
      guint32 src;

      if (!isfinite (r->x[k]) || !isfinite (r->y[k]))
        continue;
      size = r->size ? r->size[k] : 0;
      if (!isfinite (size))
        size = 0;
      radius = (r->radius_base + r->radius_per_size * CLAMP (size, 0, 100)) * r->radius_scale;
      mi = (guint) CLAMP ((long) (radius * RADIUS_STEPS + 0.5), 0, (long) job->n_masks - 1);
      m = &job->masks[mi];
      cx = r->x_offset + r->x[k] * r->x_scale;
      cy = r->y_offset + r->y[k] * r->y_scale;
      px = (int) floor (cx);
      py = (int) floor (cy);
      side = 2 * m->half + 1;
      j0 = MAX (0, job->row0 - (py - m->half));
      j1 = MIN (side, job->row1 - (py - m->half));
      i0 = MAX (0, -(px - m->half));
      i1 = MIN (side, job->width - (px - m->half));
      if (j0 >= j1 || i0 >= i1)
        continue;
      g = r->group ? r->group[k] : 0;
      src = job->src[g % MAX (r->n_colors, 1)];
      for (int j = j0; j < j1; j++)
        {
          guint32 *row = (guint32 *) (job->pixels + (gsize) (py - m->half + j) * job->stride) + (px - m->half);
          const guint8 *cov = m->cov + j * side;
          int a0 = MAX (i0, m->span[2 * j]), a1 = MIN (i1, m->span[2 * j + 1]);
          for (int i = a0; i < a1; i++)
            row[i] = blend (row[i], src, cov[i]);
        }
    }
}

static gpointer
band_thread (gpointer data)
{
  draw_band (data);
  return NULL;
}

void
shz_point_raster_draw (const ShzPointRaster *raster,
                       cairo_surface_t      *surface)
{
  Job jobs[N_THREADS];
  GThread *threads[N_THREADS] = { NULL };
  Mask *masks;
  guint n_masks = (guint) (MAX_RADIUS * RADIUS_STEPS) + 1;
  g_autofree guint32 *src = NULL;
  int width, height, n_threads;
  double max_r = 0;

  g_return_if_fail (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32);

  if (raster->n == 0)
    return;
  cairo_surface_flush (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);

  /* only the masks this raster can use */
  max_r = (raster->radius_base + raster->radius_per_size * 100) * raster->radius_scale;
  n_masks = MIN (n_masks, (guint) ceil (max_r * RADIUS_STEPS) + 1);
  masks = g_new0 (Mask, n_masks);
  for (guint i = 0; i < n_masks; i++)
    make_mask (&masks[i], MAX ((double) i / RADIUS_STEPS, 0.35),
               (guint) lround (CLAMP (raster->alpha, 0, 1) * 255));

  src = g_new (guint32, MAX (raster->n_colors, 1));
  for (guint i = 0; i < MAX (raster->n_colors, 1); i++)
    {
      ShzColor c = raster->n_colors ? raster->colors[i] : (ShzColor) { 0, 0, 0, 1 };
      src[i] = 0xff000000u
               | (guint32) lround (CLAMP (c.r, 0, 1) * 255) << 16
               | (guint32) lround (CLAMP (c.g, 0, 1) * 255) << 8
               | (guint32) lround (CLAMP (c.b, 0, 1) * 255);
    }

  n_threads = (raster->n >= MIN_POINTS_FOR_THREADS && height >= 64) ? N_THREADS : 1;
  for (int t = 0; t < n_threads; t++)
    {
      jobs[t] = (Job) {
        .raster = raster, .masks = masks, .n_masks = n_masks, .src = src,
        .pixels = cairo_image_surface_get_data (surface),
        .width = width, .height = height,
        .stride = cairo_image_surface_get_stride (surface),
        .row0 = height * t / n_threads, .row1 = height * (t + 1) / n_threads,
      };
    }
  for (int t = 1; t < n_threads; t++)
    threads[t] = g_thread_new ("shz-raster", band_thread, &jobs[t]);
  draw_band (&jobs[0]);
  for (int t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);

  for (guint i = 0; i < n_masks; i++)
    {
      g_free (masks[i].cov);
      g_free (masks[i].span);
    }
  g_free (masks);
  cairo_surface_mark_dirty (surface);
}
