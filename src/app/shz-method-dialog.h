/* shz-method-dialog.h — the method panel: compute industry positions from a usage dataset with
 * a live preview, and save them as a positions dataset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "analysis/shz-index.h"
#include "store/shz-store.h"

G_BEGIN_DECLS

#define SHZ_TYPE_METHOD_DIALOG (shz_method_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShzMethodDialog, shz_method_dialog, SHZ, METHOD_DIALOG, AdwWindow)

/* Signals: ::saved (gint64 dataset_id) after Save Result wrote the positions dataset. */

/* @store is the window's connection (saving happens on it); the rows are read in a thread
 * on a connection of its own to @store_path. */
ShzMethodDialog      *shz_method_dialog_new        (GtkWindow       *parent,
                                                    ShzStore        *store,
                                                    const char      *store_path,
                                                    gint64           engagement_id);
/* For tests: TRUE while a recomputation is pending or running. */
gboolean              shz_method_dialog_is_busy    (ShzMethodDialog *self);
const ShzIndexResult *shz_method_dialog_get_result (ShzMethodDialog *self);
void                  shz_method_dialog_set_weight (ShzMethodDialog *self,
                                                    ShzCategory      category,
                                                    double           weight);
/* What Save Result does: returns the new dataset id, or 0 with @error set. */
gint64                shz_method_dialog_save       (ShzMethodDialog *self,
                                                    GError         **error);

G_END_DECLS
