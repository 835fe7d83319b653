/* shz-big-catalogue.h — a user's catalogue with a big value network, generated, for the tests
 * and the benchmark of hundreds of nodes: 1 centre, stages, data streams and supporting
 * elements, ids n001 … in that order, labels "节点 17" / "Node 17", every seventh one long; and
 * a value chain of the same stages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "analysis/shz-catalogue.h"

/* NULL and @error when the catalogue refuses it; the node ids are appended to @ids (g_free'd
 * strings) when it is not NULL. */
ShzCatalogue *shz_big_catalogue_new (guint       n_stage,
                                     guint       n_stream,
                                     guint       n_support,
                                     GPtrArray  *ids,
                                     GError    **error);

/* Add a value chain (framework "value-chain") to @cat: the value network's first @n_stage
 * stages (ids n002 …, the same labels), @n_support supporting elements (ids c001 …) and the
 * existing consumer base. */
gboolean      shz_big_catalogue_add_chain (ShzCatalogue *cat,
                                           guint         n_stage,
                                           guint         n_support,
                                           GError      **error);
