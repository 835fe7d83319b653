/* test-toast.c — toasts through shz_toast_overlay_add(): dismissed without libadwaita 1.2's
 * use-after-free (a toast whose time is up while the main loop is busy, then busy again
 * right after its dismissal: the hide animation ended before the show animation, whose end
 * then wrote into the freed toast — a crash with freed memory poisoned, as here), one at a
 * time, a high-priority one at once, and on an overlay that is not shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <malloc.h>

#include "app/shz-toast.h"

typedef struct {
  GtkWidget       *window;
  AdwToastOverlay *overlay;
  GPtrArray       *dismissed;   /* the toasts, in the order they were dismissed */
} Fixture;

static void
on_dismissed_cb (AdwToast *toast,
                 Fixture  *f)
{
  g_ptr_array_add (f->dismissed, g_object_ref (toast));
}

/* The main loop busy right after a dismissal (a long layout, a burst of requests) */
static void
on_dismissed_busy_cb (AdwToast *toast,
                      gpointer  user_data)
{
  g_usleep (400 * G_TIME_SPAN_MILLISECOND);
}

static guint
n_toast_widgets (Fixture *f)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (f->overlay)); c; c = gtk_widget_get_next_sibling (c))
    n += g_strcmp0 (gtk_widget_get_css_name (c), "toast") == 0;
  return n;
}

/* Run the main loop until @done holds (FALSE after @seconds). */
static gboolean
run_until (gboolean (*done) (Fixture *), Fixture *f, double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (!done (f))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  return TRUE;
}

static gboolean
mapped (Fixture *f)
{
  return gtk_widget_get_mapped (GTK_WIDGET (f->overlay));
}

static gboolean
one_dismissed (Fixture *f)
{
  return f->dismissed->len >= 1;
}

static gboolean
two_dismissed (Fixture *f)
{
  return f->dismissed->len >= 2;
}

static gboolean
no_toast_shown (Fixture *f)
{
  return n_toast_widgets (f) == 0;
}

static gboolean
one_toast_shown (Fixture *f)
{
  return n_toast_widgets (f) == 1;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = gtk_window_new ();
  f->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (f->overlay, gtk_label_new ("Content"));
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->overlay));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 600, 400);
  f->dismissed = g_ptr_array_new_with_free_func (g_object_unref);
  if (GPOINTER_TO_INT (data))
    {
      gtk_window_present (GTK_WINDOW (f->window));
      g_assert_true (run_until (mapped, f, 10));
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_ptr_array_unref (f->dismissed);
}

static AdwToast *
new_toast (Fixture *f, const char *title, guint timeout)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, timeout);
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_dismissed_cb), f);
  return toast;
}

static void
test_time_up_while_busy (Fixture       *f,
                         gconstpointer  data)
{
  AdwToast *toast = new_toast (f, "Positions saved", 1);

  shz_toast_overlay_add (f->overlay, toast);
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_dismissed_busy_cb), NULL);
  /* no frame from now until its time is up: its show animation has not ended */
  g_usleep (1500 * G_TIME_SPAN_MILLISECOND);
  g_assert_true (run_until (one_dismissed, f, 10));
  g_assert_true (f->dismissed->pdata[0] == toast);
  /* the hide and show animations end, the toast's widget goes; no use of freed memory */
  g_assert_true (run_until (no_toast_shown, f, 10));
  g_assert_cmpuint (f->dismissed->len, ==, 1);
}

static void
test_one_at_a_time (Fixture       *f,
                    gconstpointer  data)
{
  AdwToast *first = new_toast (f, "First", 1);
  AdwToast *second = new_toast (f, "Second", 1);

  shz_toast_overlay_add (f->overlay, first);
  shz_toast_overlay_add (f->overlay, second);
  g_assert_true (run_until (one_dismissed, f, 10));
  g_assert_true (f->dismissed->pdata[0] == first);
  g_assert_true (run_until (two_dismissed, f, 10));
  g_assert_true (f->dismissed->pdata[1] == second);
  g_assert_true (run_until (no_toast_shown, f, 10));
}

static void
test_high_priority_at_once (Fixture       *f,
                            gconstpointer  data)
{
  /* the first one would stay a minute; the Undo toast ends it */
  AdwToast *first = new_toast (f, "First", 60);
  AdwToast *undo = new_toast (f, "“Usage” deleted", 0);

  adw_toast_set_priority (undo, ADW_TOAST_PRIORITY_HIGH);
  shz_toast_overlay_add (f->overlay, first);
  shz_toast_overlay_add (f->overlay, undo);
  g_assert_true (run_until (one_dismissed, f, 10));
  g_assert_true (f->dismissed->pdata[0] == first);
  /* the first one's hide ends; the Undo toast stays until it is dismissed: by the user here */
  g_assert_true (run_until (one_toast_shown, f, 10));
  g_assert_cmpuint (f->dismissed->len, ==, 1);
  adw_toast_dismiss (undo);
  g_assert_true (run_until (two_dismissed, f, 10));
  g_assert_true (run_until (no_toast_shown, f, 10));
}

static void
test_not_shown (Fixture       *f,
                gconstpointer  data)
{
  AdwToast *toast = new_toast (f, "Imported", 1);

  shz_toast_overlay_add (f->overlay, toast);
  g_assert_true (run_until (one_dismissed, f, 10));
  g_assert_true (f->dismissed->pdata[0] == toast);
  g_assert_true (run_until (no_toast_shown, f, 10));
}

int
main (int    argc,
      char **argv)
{
  /* freed memory poisoned (as MALLOC_PERTURB_ does): a use of a freed toast crashes here */
  mallopt (M_PERTURB, 0xc5);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/app/toast/time-up-while-busy", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_time_up_while_busy, fixture_tear_down);
  g_test_add ("/app/toast/one-at-a-time", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_one_at_a_time, fixture_tear_down);
  g_test_add ("/app/toast/high-priority-at-once", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_high_priority_at_once, fixture_tear_down);
  g_test_add ("/app/toast/not-shown", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_not_shown, fixture_tear_down);
  return g_test_run ();
}
