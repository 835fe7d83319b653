/* shz-toast.c — see the header.
 *
 * libadwaita 1.2's AdwToastOverlay frees a toast's bookkeeping when the toast's hide
 * animation ends, but leaves its show animation's "done" handler connected to it (later
 * versions disconnect it).  When the hide ends in the same frame as the show, or before —
 * the toast dismissed during its 0.3 s entrance (close button, Escape), or its timeout
 * reached while nothing was drawn (a busy main loop), and then no frame for 0.3 s — the
 * show's end writes into freed memory; under MALLOC_PERTURB_ (meson test sets it) it unrefs
 * garbage and the app dies.
 *
 * So the toasts added here time out through us: the toast's own timeout is off, a GLib
 * timeout of ours asks for the dismissal, and it is done inside a frame of the overlay's frame
 * clock at least SHOW_DONE_US after the toast's show animation started.  In that frame the
 * show animation's own tick ends it (its time is up), before the hide the dismissal starts
 * can end.  On an unmapped overlay nothing animates: the dismissal is immediate.  One toast
 * of ours is on an overlay at a time; the next waits for its turn (a high-priority one ends
 * the current one), as libadwaita's own queue has it.  What is left: a toast the user closes
 * during its entrance, followed by 0.3 s without a frame (its handlers are the callers' too,
 * so that dismissal is not held back).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-app"
#include "config.h"

#include "shz-toast.h"

#define TOASTER_KEY "shz-toaster"
#define LIFE_KEY    "shz-toast-life"
/* longer than libadwaita's longest show animation (500 ms, a toast replacing another) */
#define SHOW_DONE_US (600 * G_TIME_SPAN_MILLISECOND)

typedef struct {
  AdwToastOverlay *overlay;       /* not a reference: the toaster is its data */
  AdwToast        *current;       /* shown, not yet dismissed by us */
  gint64           shown_at;      /* when its show animation started, in frame-clock time */
  gulong           dismissed_id;
  gboolean         dismiss_wanted;
  guint            timeout_id;
  guint            tick_id;
  guint            idle_id;
  GQueue           pending;       /* AdwToast *, owned */
  gboolean         gone;          /* the overlay is being destroyed */
} Toaster;

static void advance (Toaster *t);

static void
toaster_free (gpointer data)
{
  Toaster *t = data;

  g_queue_clear_full (&t->pending, g_object_unref);
  g_free (t);
}

static gint64
frame_time (Toaster *t)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (t->overlay));

  return clock != NULL ? gdk_frame_clock_get_frame_time (clock) : 0;
}

static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  Toaster *t = user_data;

  /* its show animation may still be running: a later frame */
  if (t->current != NULL && t->dismiss_wanted &&
      gdk_frame_clock_get_frame_time (clock) - t->shown_at < SHOW_DONE_US)
    return G_SOURCE_CONTINUE;
  t->tick_id = 0;
  advance (t);
  return G_SOURCE_REMOVE;
}

/* Dismiss the current toast (when wanted) and show the next one, in the next frame. */
static void
schedule (Toaster *t)
{
  if (t->gone)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (t->overlay)))
    {
      advance (t);
      return;
    }
  if (t->tick_id == 0)
    t->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (t->overlay), on_tick_cb, t, NULL);
}

static gboolean
on_advance_idle_cb (gpointer user_data)
{
  Toaster *t = user_data;

  t->idle_id = 0;
  advance (t);
  return G_SOURCE_REMOVE;
}

/* Let go of the current toast, which the overlay dismisses itself. */
static void
forget_current (Toaster *t)
{
  g_clear_handle_id (&t->timeout_id, g_source_remove);
  g_clear_signal_handler (&t->dismissed_id, t->current);
  g_clear_object (&t->current);
  t->dismiss_wanted = FALSE;
}

/* Dismissed by the user (close button, Escape) or by the overlay's dispose: the overlay hides
 * it at once (a toast closed during its 0.3 s entrance, and then no frame for 0.3 s, still
 * meets libadwaita's bug: see the top).  The next one comes from an idle, once the overlay
 * has let go of this one. */
static void
on_dismissed_cb (AdwToast *toast,
                 Toaster  *t)
{
  forget_current (t);
  if (!g_queue_is_empty (&t->pending) && t->idle_id == 0 && !t->gone)
    t->idle_id = g_idle_add (on_advance_idle_cb, t);
}

static gboolean
on_life_over_cb (gpointer user_data)
{
  Toaster *t = user_data;

  t->timeout_id = 0;
  t->dismiss_wanted = TRUE;
  schedule (t);
  return G_SOURCE_REMOVE;
}

static void
show_now (Toaster  *t,
          AdwToast *toast)
{
  guint life = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toast), LIFE_KEY));

  t->current = toast;
  t->dismiss_wanted = FALSE;
  t->dismissed_id = g_signal_connect (toast, "dismissed", G_CALLBACK (on_dismissed_cb), t);
  adw_toast_overlay_add_toast (t->overlay, g_object_ref (toast));
  /* read after the animation read it: never earlier than its start */
  t->shown_at = frame_time (t);
  if (life > 0)
    t->timeout_id = g_timeout_add (life * 1000, on_life_over_cb, t);
}

static void
dismiss_current (Toaster *t)
{
  g_autoptr(AdwToast) toast = g_object_ref (t->current);

  forget_current (t);
  adw_toast_dismiss (toast);   /* now the overlay hides it */
}

static void
advance (Toaster *t)
{
  if (t->gone)
    return;
  if (t->current != NULL && t->dismiss_wanted)
    dismiss_current (t);
  if (t->current == NULL && !g_queue_is_empty (&t->pending))
    show_now (t, g_queue_pop_head (&t->pending));
}

static void
on_overlay_destroy_cb (AdwToastOverlay *overlay,
                       Toaster         *t)
{
  t->gone = TRUE;
  g_clear_handle_id (&t->idle_id, g_source_remove);
  if (t->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (overlay), t->tick_id);
  t->tick_id = 0;
  /* the overlay dismisses and frees its own toasts */
  if (t->current != NULL)
    forget_current (t);
  g_clear_handle_id (&t->timeout_id, g_source_remove);
  g_queue_clear_full (&t->pending, g_object_unref);
}

static Toaster *
toaster_get (AdwToastOverlay *overlay)
{
  Toaster *t = g_object_get_data (G_OBJECT (overlay), TOASTER_KEY);

  if (t == NULL)
    {
      t = g_new0 (Toaster, 1);
      t->overlay = overlay;
      g_queue_init (&t->pending);
      g_object_set_data_full (G_OBJECT (overlay), TOASTER_KEY, t, toaster_free);
      g_signal_connect (overlay, "destroy", G_CALLBACK (on_overlay_destroy_cb), t);
    }
  return t;
}

/**
 * shz_toast_overlay_add:
 * @overlay: where to show it
 * @toast: (transfer full): the toast; its timeout is kept (5 s by default; 0: until the
 *   user dismisses it)
 *
 * adw_toast_overlay_add_toast() without libadwaita 1.2's use-after-free (see the top of
 * this file): every toast of the app goes through here.
 */
void
shz_toast_overlay_add (AdwToastOverlay *overlay,
                       AdwToast        *toast)
{
  Toaster *t;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  t = toaster_get (overlay);
  if (t->gone)
    {
      g_object_unref (toast);
      return;
    }
  g_object_set_data (G_OBJECT (toast), LIFE_KEY, GUINT_TO_POINTER (adw_toast_get_timeout (toast)));
  adw_toast_set_timeout (toast, 0);
  if (adw_toast_get_priority (toast) == ADW_TOAST_PRIORITY_HIGH)
    {
      /* shown now (an Undo): the current one goes, in a frame where that is safe */
      g_queue_push_head (&t->pending, toast);
      if (t->current != NULL)
        {
          t->dismiss_wanted = TRUE;
          schedule (t);
        }
    }
  else
    g_queue_push_tail (&t->pending, toast);
  if (t->current == NULL && t->idle_id == 0)
    advance (t);
}
