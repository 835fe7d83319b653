/* shz-point-raster.c — see the header.  Every disc is stamped from a precomputed coverage
 * mask (radius quantised to 1/4 px, 4×4 supersampled edges, the disc's alpha folded in),
 * blended with the OVER operator in 8-bit premultiplied integers, two channels a multiply,
 * tile by tile (below) on two threads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-charts"
#include "config.h"

#include <math.h>
#include <string.h>

#include "charts/shz-point-raster.h"

#define RADIUS_STEPS 4          /* masks per pixel of radius */
#define MAX_RADIUS   63.0       /* masks are indexed by a byte */
#define N_THREADS    2
#define MIN_POINTS_FOR_THREADS 20000

typedef struct {
  int     half;       /* mask is (2·half+1)² */
  guint8 *cov;        /* alpha 0–255: coverage × the disc's alpha */
  int    *span;       /* per row: first and one-past-last column with alpha > 0 … */
  int    *inner;      /* … and of the full-coverage run inside it (constant alpha) */
  guint8  full;       /* the alpha of full coverage */
} Mask;

/* Points binned into tiles: a tile's pixels stay in the L1 cache while its points are
 * stamped, where stamping points in data order across the whole image missed the cache on
 * nearly every row of every disc.  Within a tile, points keep their order, so every pixel sees
 * the same sequence of blends as one pass over the data: the picture is identical. */
#define TILE_W 128
#define TILE_H 32

typedef struct {
  const ShzPointRaster *raster;
  Mask    *masks;
  guint32 *src;       /* premultiplied opaque colour per group */
  guint8  *pixels;
  int      width, height, stride;
  /* per point (valid ones only) */
  const int    *px, *py;
  const guint8 *mask_of;
  const guint8 *group_of;
  /* tiles: the points touching tile t are index[start[t] .. start[t + 1]) */
  int           n_tiles_x, n_tiles_y;
  const guint  *start;
  const guint  *index;
  int           thread, n_threads;
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
  m->full = (guint8) ((255 * alpha8 + 127) / 255);
  m->span = g_new (int, 2 * side);
  m->inner = g_new (int, 2 * side);
  for (int j = 0; j < side; j++)
    {
      int first = side, last = 0, in_first = side, in_last = 0;
      for (int i = 0; i < side; i++)
        {
          if (m->cov[j * side + i] != 0)
            {
              first = MIN (first, i);
              last = i + 1;
            }
          if (m->cov[j * side + i] == m->full)
            {
              in_first = MIN (in_first, i);
              in_last = i + 1;
            }
        }
      m->span[2 * j] = first;
      m->span[2 * j + 1] = MAX (last, first);
      /* a disc row's full run is contiguous; an empty one sits at the span's end */
      m->inner[2 * j] = in_last > in_first ? in_first : m->span[2 * j + 1];
      m->inner[2 * j + 1] = in_last > in_first ? in_last : m->span[2 * j + 1];
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
draw_tile (const Job *job,
           int        tx,
           int        ty)
{
  int t = ty * job->n_tiles_x + tx;
  int x0 = tx * TILE_W, x1 = MIN (x0 + TILE_W, job->width);
  int y0 = ty * TILE_H, y1 = MIN (y0 + TILE_H, job->height);

  for (guint k = job->start[t]; k < job->start[t + 1]; k++)
    {
      guint p = job->index[k];
      const Mask *m = &job->masks[job->mask_of[p]];
      int left = job->px[p] - m->half, top = job->py[p] - m->half;
      int side = 2 * m->half + 1;
      int j0 = MAX (0, y0 - top), j1 = MIN (side, y1 - top);
      int i0 = MAX (0, x0 - left), i1 = MIN (side, x1 - left);
      guint32 src = job->src[job->group_of[p]];
      /* the source's share at full coverage, computed once per disc */
      guint32 full = m->full, ifull = 255 - full;
      guint32 src_rb = (src & 0xff00ff) * full + 0x800080;
      guint32 src_ag = ((src >> 8) & 0xff00ff) * full + 0x800080;

      for (int j = j0; j < j1; j++)
        {
          guint32 *row = (guint32 *) (job->pixels + (gsize) (top + j) * job->stride) + left;
          const guint8 *cov = m->cov + j * side;
          int a0 = MAX (i0, m->span[2 * j]), a1 = MIN (i1, m->span[2 * j + 1]);
          int n0 = CLAMP (m->inner[2 * j], a0, a1), n1 = CLAMP (m->inner[2 * j + 1], n0, a1);
          int i;

          for (i = a0; i < n0; i++)
            row[i] = blend (row[i], src, cov[i]);
          for (; i < n1; i++)
            {
              guint32 d = row[i];
              guint32 rb = src_rb + (d & 0xff00ff) * ifull;
              guint32 ag = src_ag + ((d >> 8) & 0xff00ff) * ifull;
              rb = ((rb + ((rb >> 8) & 0xff00ff)) >> 8) & 0xff00ff;
              ag = (ag + ((ag >> 8) & 0xff00ff)) & 0xff00ff00;
              row[i] = rb | ag;
            }
          for (; i < a1; i++)
            row[i] = blend (row[i], src, cov[i]);
        }
    }
}

/* Rows of tiles interleaved between the threads, which share no pixel. */
static void
draw_band (Job *job)
{
  for (int ty = job->thread; ty < job->n_tiles_y; ty += job->n_threads)
    for (int tx = 0; tx < job->n_tiles_x; tx++)
      draw_tile (job, tx, ty);
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

  /* where each point lands, with which mask and colour */
  {
    int n_tiles_x = (width + TILE_W - 1) / TILE_W, n_tiles_y = (height + TILE_H - 1) / TILE_H;
    guint n_tiles = (guint) (n_tiles_x * n_tiles_y);
    g_autofree int *px = g_new (int, raster->n);
    g_autofree int *py = g_new (int, raster->n);
    g_autofree guint8 *mask_of = g_new (guint8, raster->n);
    g_autofree guint8 *group_of = g_new (guint8, raster->n);
    g_autofree guint *start = g_new0 (guint, n_tiles + 1);
    g_autofree guint *fill = NULL;
    g_autofree guint *index = NULL;
    guint n_valid = 0, n_refs = 0;
    guint n_colors = MAX (raster->n_colors, 1);

    for (guint k = 0; k < raster->n; k++)
      {
        double size, radius, cx, cy;
        guint mi;
        int half, tx0, tx1, ty0, ty1;

        if (!isfinite (raster->x[k]) || !isfinite (raster->y[k]))
          continue;
        size = raster->size ? raster->size[k] : 0;
        if (!isfinite (size))
          size = 0;
        radius = (raster->radius_base + raster->radius_per_size * CLAMP (size, 0, 100)) * raster->radius_scale;
        mi = (guint) CLAMP ((long) (radius * RADIUS_STEPS + 0.5), 0, (long) n_masks - 1);
        cx = raster->x_offset + raster->x[k] * raster->x_scale;
        cy = raster->y_offset + raster->y[k] * raster->y_scale;
        if (!(cx > -1e6 && cx < 1e6 && cy > -1e6 && cy < 1e6))
          continue;
        half = masks[mi].half;
        px[n_valid] = (int) floor (cx);
        py[n_valid] = (int) floor (cy);
        tx0 = MAX (px[n_valid] - half, 0) / TILE_W;
        tx1 = MIN (px[n_valid] + half, width - 1) / TILE_W;
        ty0 = MAX (py[n_valid] - half, 0) / TILE_H;
        ty1 = MIN (py[n_valid] + half, height - 1) / TILE_H;
        if (px[n_valid] + half < 0 || px[n_valid] - half >= width ||
            py[n_valid] + half < 0 || py[n_valid] - half >= height)
          continue;
        mask_of[n_valid] = (guint8) mi;
        group_of[n_valid] = (guint8) ((raster->group ? raster->group[k] : 0) % n_colors);
        for (int ty = ty0; ty <= ty1; ty++)
          for (int tx = tx0; tx <= tx1; tx++)
            start[ty * n_tiles_x + tx + 1]++;
        n_valid++;
      }
    for (guint t = 0; t < n_tiles; t++)
      start[t + 1] += start[t];
    n_refs = start[n_tiles];
    index = g_new (guint, MAX (n_refs, 1));
    fill = g_memdup2 (start, sizeof (guint) * n_tiles);
    for (guint p = 0; p < n_valid; p++)
      {
        int half = masks[mask_of[p]].half;
        int tx0 = MAX (px[p] - half, 0) / TILE_W, tx1 = MIN (px[p] + half, width - 1) / TILE_W;
        int ty0 = MAX (py[p] - half, 0) / TILE_H, ty1 = MIN (py[p] + half, height - 1) / TILE_H;
        for (int ty = ty0; ty <= ty1; ty++)
          for (int tx = tx0; tx <= tx1; tx++)
            index[fill[ty * n_tiles_x + tx]++] = p;
      }

    n_threads = (n_valid >= MIN_POINTS_FOR_THREADS && n_tiles_y >= 2) ? N_THREADS : 1;
    for (int t = 0; t < n_threads; t++)
      jobs[t] = (Job) {
        .raster = raster, .masks = masks, .src = src,
        .pixels = cairo_image_surface_get_data (surface),
        .width = width, .height = height,
        .stride = cairo_image_surface_get_stride (surface),
        .px = px, .py = py, .mask_of = mask_of, .group_of = group_of,
        .n_tiles_x = n_tiles_x, .n_tiles_y = n_tiles_y, .start = start, .index = index,
        .thread = t, .n_threads = n_threads,
      };
    for (int t = 1; t < n_threads; t++)
      threads[t] = g_thread_new ("shz-raster", band_thread, &jobs[t]);
    draw_band (&jobs[0]);
    for (int t = 1; t < n_threads; t++)
      g_thread_join (threads[t]);
  }

  for (guint i = 0; i < n_masks; i++)
    {
      g_free (masks[i].cov);
      g_free (masks[i].span);
      g_free (masks[i].inner);
    }
  g_free (masks);
  cairo_surface_mark_dirty (surface);
}
