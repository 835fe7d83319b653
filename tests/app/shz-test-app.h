/* shz-test-app.h — what the in-process UI tests (tests/app) share: the process set-up (GTK with
 * the Cairo renderer, libadwaita, the app's resources, the locale of a zh_CN screenshot run), a
 * demo store in a temporary folder, waits on the main loop and screenshots.
 *
 * Environment: SHZ_TEST_KEEP_LOCALE keeps the environment's locale and the build tree's
 * translations (SHZ_BUILD_ROOT/po); SHZ_TEST_KEEP_TMP keeps the temporary folder;
 * SHZ_TEST_SCREENSHOT=DIR saves the screenshots into DIR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "store/shz-store.h"
#include "charts/shz-chart.h"

G_BEGIN_DECLS

/* from the resources compiled into the app library (--manual-register) */
void shz_register_resource (void);

/* What shz_test_app_init() set up, for the test cases to use. */
typedef struct {
  char     *tmpdir;       /* removed by shz_test_app_run() unless SHZ_TEST_KEEP_TMP is set */
  char     *store_path;   /* demo.shuzhi in tmpdir */
  ShzStore *store;        /* that store, open read-write, with the demo engagement only */
  gint64    demo_id;      /* the demo engagement */
  gboolean  english;      /* FALSE in a screenshot run in another language: UI strings are translated */
} ShzTestApp;

/* gtk_test_init() and the rest of the set-up; the temporary folder is named after @name
 * ("shz-chart-page" gives /tmp/shz-chart-page-<6 random characters>). */
ShzTestApp *shz_test_app_init          (int          *argc,
                                        char       ***argv,
                                        const char   *name);
/* g_test_run(), then the store closed and the temporary folder removed; returns what
 * g_test_run() returned. */
int         shz_test_app_run           (ShzTestApp   *app);

/* Run the main loop until *@flag is set, or a generous deadline passes (30 s; then the
 * assertion after the call fails with a message instead of the test hanging). */
void        shz_test_wait_for          (gboolean     *flag);
void        shz_test_wait_for_seconds  (gboolean     *flag,
                                        guint         seconds);
/* Run the main loop for @ms milliseconds: let GTK lay out and draw what changed. */
void        shz_test_settle_for        (guint         ms);
/* The ShzChartPage @page's chart, read and laid out at the canvas's size with items (the
 * first frame may wait for fonts to load); fails the test after 30 s. */
ShzChart   *shz_test_wait_for_chart    (GtkWidget    *page);
/* What the window does after Ctrl+Z / Ctrl+Shift+Z: undo (or redo) in @store, reload @page. */
void        shz_test_undo_redo         (ShzStore     *store,
                                        GtkWidget    *page,
                                        gboolean      redo);
/* With SHZ_TEST_SCREENSHOT=DIR, a real screenshot of the X display cropped to @window (Xvfb,
 * no window manager: the window sits at 0,0) saved as DIR/@name; nothing otherwise. */
void        shz_test_save_screenshot   (GtkWindow    *window,
                                        const char   *name);

G_END_DECLS
