/* shz-a11y.h — small accessibility fixes for widgets we do not own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* An AdwStatusPage scrolls its content in a GtkScrolledWindow of its own, which takes the
 * keyboard focus with no name: name it after the page's title, as a screen reader should say. */
void shz_a11y_name_status_page  (AdwStatusPage *page);
/* The same for every status page inside @root (call it once the template is built). */
void shz_a11y_name_status_pages (GtkWidget     *root);

G_END_DECLS
