/* workflow-common.h — helpers shared by the workflow tests and the kill test's child.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "store/shz-store.h"

G_BEGIN_DECLS

/* A temporary folder removed (with everything in it) by wf_remove_tree. */
char    *wf_make_dir        (void);
void     wf_remove_tree     (const char *dir);
gint64   wf_add_engagement  (ShzStore   *store,
                             const char *name,
                             const char *client);
gint64   wf_add_usage       (ShzStore   *store,
                             gint64      engagement_id,
                             const char *name,
                             guint       n_rows,
                             guint       seed);
gint64   wf_count           (ShzStore   *store,
                             const char *sql);
/* A canonical text of what a user can see in the store: live engagements with their fields,
 * datasets with their row counts and row checksums, chart settings, and the history. */
char    *wf_digest          (ShzStore   *store);
char    *wf_file_checksum   (const char *path);

G_END_DECLS
