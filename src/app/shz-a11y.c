/* shz-a11y.c — small accessibility fixes for widgets we do not own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-app"

#include "config.h"

#include "shz-a11y.h"

static GtkWidget *
find_scroller (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_scroller (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
update_name (AdwStatusPage *page)
{
  GtkWidget *scroller = find_scroller (GTK_WIDGET (page));
  const char *title = adw_status_page_get_title (page);

  if (scroller != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (scroller), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    title != NULL ? title : "", -1);
}

void
shz_a11y_name_status_page (AdwStatusPage *page)
{
  g_return_if_fail (ADW_IS_STATUS_PAGE (page));

  update_name (page);
  /* the title changes with what the page says */
  g_signal_connect (page, "notify::title", G_CALLBACK (update_name), NULL);
}

void
shz_a11y_name_status_pages (GtkWidget *root)
{
  if (ADW_IS_STATUS_PAGE (root))
    {
      shz_a11y_name_status_page (ADW_STATUS_PAGE (root));
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    shz_a11y_name_status_pages (c);
}
