/* peer-window.c — the peer of the startup benchmark: a bare libadwaita window with a header bar
 * and a label, reporting its first frame the way Shuzhi does (after-paint of the frame clock).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

static gint64 start;

static void
on_after_paint (GdkFrameClock *clock, GtkWidget *window)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, window);
  g_printerr ("peer: first frame after %.1f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
}

static void
on_realize (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), window);
}

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Hello"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_autoptr(AdwApplication) app = NULL;

  start = g_get_monotonic_time ();
  app = adw_application_new ("io.github.shuzhi.StartupPeer", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
