/* shz-network-layout.h — the laid-out picture of a value-network chart kind (value-chain,
 * value-network, network-compare, rhc-chains, evolution-paths): nodes, links and texts in
 * chart units, decided by the kind's layout and drawn by one renderer.  Tests check its
 * invariants: nothing overlaps, every text inside the canvas, links end on node borders.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <cairo.h>
#include <pango/pango.h>

#include "charts/shz-chart-geometry.h"
#include "charts/shz-chart-text.h"
#include "charts/shz-chart-theme.h"
#include "charts/shz-stroke-raster.h"

G_BEGIN_DECLS

typedef enum {
  SHZ_NET_RECT,
  SHZ_NET_ROUNDED,
  SHZ_NET_ELLIPSE,
  SHZ_NET_CHEVRON,        /* notched at the start, pointed at the end */
  SHZ_NET_CHEVRON_FIRST,  /* flat at the start, pointed at the end */
  SHZ_NET_BAND,           /* a background panel: other nodes may sit on it */
} ShzNetShape;

typedef struct {
  char        *id;          /* item id for hit-testing; NULL for decoration */
  char        *description; /* tooltip / accessible text, or NULL */
  ShzNetShape  shape;
  ShzRect      rect;
  ShzColor     fill;
  ShzColor     stroke;
  double       stroke_width;
  gboolean     dashed;
  double       notch;       /* chevrons: depth of the point */
  gboolean     movable;     /* the user may drag it (the ring's nodes) … */
  ShzRect      area;        /* … anywhere inside this area: positions are kept relative to it */
} ShzNetNode;

typedef struct {
  char     *id;             /* "link:SOURCE>TARGET:KIND", or NULL for a decorative arrow */
  char     *description;
  int       source;         /* node indices, or -1 */
  int       target;
  double    x0, y0;         /* quadratic Bézier from (x0, y0) through control (cx, cy) */
  double    cx, cy;
  double    x1, y1;         /* … to (x1, y1); the arrowhead's tip */
  double    width;
  ShzColor  color;
  gboolean  dashed;
  gboolean  arrow;
  double    head;           /* arrowhead length */
  gboolean  loop;           /* a self-link: drawn as a loop from (x0,y0) to (x1,y1) around (cx,cy) */
} ShzNetLink;

typedef struct {
  char         *text;
  double        size;       /* font pixel size, chart units */
  gboolean      bold;
  double        wrap;       /* wrap width it was measured with, 0 for none */
  ShzTextAlign  align;
  ShzRect       rect;       /* drawn with its top-left here; width × height as measured */
  ShzColor      color;
  int           node;       /* the node it labels and lies inside, or -1 for a free text */
  gboolean      halo;       /* a background-coloured halo (reads over links) */
} ShzNetText;

/* How a layout measures a text (as shz_chart_text_measure(), whose arguments it takes). */
typedef void (*ShzNetMeasureFunc) (gpointer      data,
                                   PangoContext *pango,
                                   const char   *text,
                                   double        size,
                                   gboolean      bold,
                                   double        wrap,
                                   double       *width,
                                   double       *height);

typedef struct {
  double    width;
  double    height;
  ShzColor  background;
  /* while a kind builds it: texts measured through this (a kind's cache of sizes kept from
   * layout to layout), or shz_chart_text_measure() when NULL */
  ShzNetMeasureFunc measure;
  gpointer          measure_data;
  GArray   *nodes;          /* ShzNetNode */
  GArray   *links;          /* ShzNetLink */
  GArray   *texts;          /* ShzNetText */
  PangoLanguage *language;  /* the texts' (they are drawn in the one they were measured in) */
  /* private to the renderer: the links drawn as an image on a raster target, kept for the next
   * redraw of the same part at the same pixels (hover, selection), and the memory to draw
   * them with, handed on from layout to layout (a drag lays out every step) */
  cairo_surface_t *link_image;
  double           link_image_key[7];
  gboolean         link_image_valid;
  ShzStrokeRaster *link_raster;    /* the nodes' outlines too */
  ShzTextLayouts  *text_layouts;
  /* … and the whole picture on the canvas, the same way */
  cairo_surface_t *picture;
  double           picture_key[5];
  gboolean         picture_valid;
} ShzNetLayout;

ShzNetLayout *shz_net_layout_new   (double width,
                                    double height);
void          shz_net_layout_free  (ShzNetLayout *layout);
/* Take over @old's memory (not its content: its arrays emptied, its pictures dropped) before
 * @old is freed. */
void          shz_net_layout_take_buffers (ShzNetLayout *layout,
                                           ShzNetLayout *old);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzNetLayout, shz_net_layout_free)

int  shz_net_layout_add_node   (ShzNetLayout   *layout,
                                const char     *id,
                                ShzNetShape     shape,
                                const ShzRect  *rect,
                                const ShzColor *fill,
                                const ShzColor *stroke,
                                double          stroke_width,
                                gboolean        dashed);
ShzNetNode *shz_net_layout_get_node (ShzNetLayout *layout,
                                     int           i);

/* A free text with its top-left at (x, y); returns its index. */
int  shz_net_layout_add_text   (ShzNetLayout   *layout,
                                PangoContext   *pango,
                                const char     *text,
                                double          size,
                                gboolean        bold,
                                double          wrap,
                                ShzTextAlign    align,
                                double          x,
                                double          y,
                                const ShzColor *color);
/* A text centred inside node @node (wrapped to its inner width, shrunk until it fits, down to
 * @min_size; below that it is ellipsised to fit).  Returns its index. */
int  shz_net_layout_add_node_text (ShzNetLayout   *layout,
                                   PangoContext   *pango,
                                   int             node,
                                   const char     *text,
                                   double          size,
                                   double          min_size,
                                   gboolean        bold,
                                   const ShzColor *color);
/* A text centred inside @rect, which must not hold anything else; shrinks like node texts. */
int  shz_net_layout_add_text_in   (ShzNetLayout   *layout,
                                   PangoContext   *pango,
                                   const ShzRect  *rect,
                                   const char     *text,
                                   double          size,
                                   double          min_size,
                                   gboolean        bold,
                                   ShzTextAlign    align,
                                   const ShzColor *color);

/* Measure @text as @layout's texts are measured (through its kind's cache of sizes, when it
 * set one). */
void  shz_net_layout_measure_text (ShzNetLayout *layout,
                                   PangoContext *pango,
                                   const char   *text,
                                   double        size,
                                   gboolean      bold,
                                   double        wrap,
                                   double       *width,
                                   double       *height);
/* @text as it fits in @max_lines lines wrapped at @width (0: one line, no wrap) at @size: the
 * text itself when it fits, else its longest prefix that does followed by "…" (at least the
 * ellipsis), measured as @layout measures.  A free text that must not take more room than
 * that. */
char *shz_net_text_clamp_lines (ShzNetLayout *layout,
                                PangoContext *pango,
                                const char   *text,
                                double        size,
                                gboolean      bold,
                                double        width,
                                int           max_lines);

/* A link between two nodes, ending on their borders; @bend bows its middle sideways by that
 * many chart units, a positive bend towards (dy, −dx) of the travel (dx, dy): to +x when
 * travelling down.  A node to itself makes a loop. */
int  shz_net_layout_add_link   (ShzNetLayout   *layout,
                                const char     *id,
                                int             source,
                                int             target,
                                double          bend,
                                double          width,
                                const ShzColor *color,
                                gboolean        dashed,
                                gboolean        arrow);
/* A straight decorative arrow (no nodes). */
int  shz_net_layout_add_arrow  (ShzNetLayout   *layout,
                                double          x0,
                                double          y0,
                                double          x1,
                                double          y1,
                                double          width,
                                const ShzColor *color,
                                gboolean        dashed);

/* The inner area of a node where its text must lie. */
ShzRect  shz_net_node_inner_rect    (const ShzNetNode *node);
/* Where the ray from the node's centre towards (tx, ty) leaves its border. */
void     shz_net_node_border_point  (const ShzNetNode *node,
                                     double            tx,
                                     double            ty,
                                     double           *x,
                                     double           *y);
/* Distance from (x, y) to the node's border (0 when on it). */
double   shz_net_node_border_distance (const ShzNetNode *node,
                                       double            x,
                                       double            y);

/* Draw everything: bands, links, nodes, texts (links at @raster_scale: see below).  On a
 * target that is neither vector nor an image (the canvas's recording), the picture of the
 * visible part is drawn into an image at @raster_scale and kept: a redraw for a hover or a
 * selection paints it again. */
void     shz_net_layout_render      (ShzNetLayout *layout,
                                     cairo_t      *cr,
                                     double        raster_scale);
/* The parts of the picture around node @moving (an index; -1: none), which a drag of it
 * draws apart: what stays put — the ground, the other links, the other nodes and texts — once
 * into layers, and each step its links and itself. */
typedef enum {
  SHZ_NET_PART_GROUND       = 1 << 0,  /* the background and the bands */
  SHZ_NET_PART_LINKS        = 1 << 1,  /* the links not touching @moving (all, when −1) */
  SHZ_NET_PART_MOVING_LINKS = 1 << 2,  /* the links touching it */
  SHZ_NET_PART_NODES        = 1 << 3,  /* the other nodes, and every text but its own */
  SHZ_NET_PART_MOVING_NODE  = 1 << 4,  /* it and its texts */
  SHZ_NET_PART_ALL          = 0x1f,
} ShzNetParts;

/* Draw @parts, in the picture's order (ground, links, nodes, texts).
 *
 * On a vector target (SVG, PDF, PostScript) links are Cairo paths.  Elsewhere (the canvas, a
 * PNG) they are drawn by shz-stroke-raster — straight into an image target whose pixels are
 * chart units at a plain scale, else into an image of the visible part at @raster_scale
 * device pixels a unit (0: the scale of @cr's matrix), then painted: the same picture at a
 * tenth of the cost with thousands of links. */
void     shz_net_layout_render_parts (ShzNetLayout *layout,
                                      cairo_t      *cr,
                                      int           moving,
                                      ShzNetParts   parts,
                                      double        raster_scale);

/* Only the links, as Cairo paths on any target — what a vector target gets, and the peer of
 * the link raster in benchmarks/charts/bench-network-drag. */
void     shz_net_layout_render_links_paths (ShzNetLayout *layout,
                                            cairo_t      *cr);

/* Mark the node(s) or link(s) called @id in @color (the canvas's selection): a ring around a
 * node, a link drawn again over the others. */
void     shz_net_layout_render_highlight (ShzNetLayout   *layout,
                                          cairo_t        *cr,
                                          const char     *id,
                                          const ShzColor *color);

/* The ids under a point: a node's (topmost non-band first), else a link's, else NULL. */
const char *shz_net_layout_hit      (ShzNetLayout *layout,
                                     double        x,
                                     double        y);

/* The id of the topmost movable node under a point, or NULL. */
const char *shz_net_layout_hit_movable (ShzNetLayout *layout,
                                        double        x,
                                        double        y);
/* The first movable node called @id, or NULL. */
ShzNetNode *shz_net_layout_find_movable (ShzNetLayout *layout,
                                         const char   *id);

/* Links from index @first on whose curve leaves @bounds bow less (their control point moves
 * towards the chord) until it stays inside; their ends move along their nodes' borders. */
void     shz_net_layout_keep_links_inside (ShzNetLayout  *layout,
                                           guint          first,
                                           const ShzRect *bounds);

/* Check the invariants; append one line per problem to @problems.  TRUE when none:
 * no two non-band nodes overlap; no free text overlaps another text or a non-band node;
 * node texts lie inside their node's inner area; everything lies inside the canvas. */
gboolean shz_net_layout_check       (ShzNetLayout *layout,
                                     GString      *problems);

/* Colours shared by the kinds. */
ShzColor shz_net_score_color        (double score);            /* 0–5 ramp, light → dark */
ShzColor shz_net_text_on            (const ShzColor *fill,
                                     const ShzChartTheme *theme);
ShzColor shz_net_link_kind_color    (const char *kind);        /* transaction, interaction, experience */
ShzColor shz_net_mix                (const ShzColor *a,
                                     const ShzColor *b,
                                     double          t);

G_END_DECLS
