/* shz-lock.c — one writer per store: a lock file beside it, ".~lock.NAME#" (the name
 * LibreOffice uses, so users recognise it), held with flock() while the store is open.
 *
 * The kernel drops a flock when its process dies, so a crash never leaves a lock that blocks
 * anyone: a lock file whose flock we can take is stale.  The file's text — pid, host, user and
 * time — only describes the holder for the read-only notice, and tells whether a stale lock
 * was left by a process of this host (our own crash: its journal is ours to roll back).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shz-store-private.h"

struct _ShzStoreLock {
  int   fd;
  char *path;
  int   refs;
};

/* The locks this process holds, by lock-file path: a second connection of the same process
 * (a worker thread's, a second view's) shares the lock; only other processes are kept out.
 * Connections of one process are ordered by SQLite's own locking. */
static GMutex      registry_lock;
static GHashTable *registry;

static ShzStoreLock *
registry_lookup (const char *path)
{
  ShzStoreLock *lock = NULL;

  g_mutex_lock (&registry_lock);
  if (registry != NULL)
    lock = g_hash_table_lookup (registry, path);
  if (lock != NULL)
    lock->refs++;
  g_mutex_unlock (&registry_lock);
  return lock;
}

char *
_shz_lock_path_for (const char *store_path)
{
  g_autofree char *abs = g_canonicalize_filename (store_path, NULL);
  g_autofree char *dir = g_path_get_dirname (abs);
  g_autofree char *base = g_path_get_basename (abs);
  g_autofree char *name = g_strdup_printf (".~lock.%s#", base);

  return g_build_filename (dir, name, NULL);
}

/* "pid\nhost\nuser\ntime\n" → fields; FALSE when it is not that. */
static gboolean
parse_lock_text (const char  *text,
                 gint64      *pid,
                 char       **host,
                 char       **user,
                 char       **time)
{
  g_auto(GStrv) lines = NULL;

  if (text == NULL)
    return FALSE;
  lines = g_strsplit (text, "\n", 5);
  if (g_strv_length (lines) < 4)
    return FALSE;
  *pid = g_ascii_strtoll (lines[0], NULL, 10);
  *host = g_strdup (lines[1]);
  *user = g_strdup (lines[2]);
  *time = g_strdup (lines[3]);
  return *pid > 0;
}

static char *
read_lock_text (int fd)
{
  char buf[512];
  ssize_t n = pread (fd, buf, sizeof buf - 1, 0);

  if (n <= 0)
    return NULL;
  buf[n] = '\0';
  if (!g_utf8_validate (buf, n, NULL))
    return NULL;
  return g_strdup (buf);
}

/* Describe the holder for a notice.  *this_host: the text names this host; *dead: and a
 * process that is gone (only meaningful where flock is not available). */
static char *
describe_holder (const char *text,
                 gboolean   *this_host,
                 gboolean   *dead)
{
  g_autofree char *host = NULL, *user = NULL, *time = NULL;
  gint64 pid = 0;

  *this_host = FALSE;
  *dead = FALSE;
  if (!parse_lock_text (text, &pid, &host, &user, &time))
    return g_strdup (_("another program"));
  *this_host = g_strcmp0 (host, g_get_host_name ()) == 0;
  if (*this_host && pid <= G_MAXINT && kill ((pid_t) pid, 0) != 0 && errno == ESRCH)
    *dead = TRUE;
  /* Translators: who has a store open: user, host, process id, since when */
  return g_strdup_printf (_("%s on %s, process %" PRId64 ", since %s"), user, host, pid, time);
}

ShzLockResult
_shz_lock_acquire (const char    *store_path,
                   ShzStoreLock **out,
                   gboolean      *crashed_before,
                   char         **holder)
{
  g_autofree char *path = _shz_lock_path_for (store_path);

  *out = NULL;
  *crashed_before = FALSE;
  *holder = NULL;

  /* Ours already: share it.  A journal beside the store is then this process's live one. */
  if ((*out = registry_lookup (path)) != NULL)
    {
      *crashed_before = TRUE;
      return SHZ_LOCK_ACQUIRED;
    }

  /* The file may be replaced between open and flock by a holder that is closing:
   * make sure the file we locked is still the one under the name. */
  for (int attempt = 0; attempt < 5; attempt++)
    {
      struct stat fst, pst;
      g_autofree char *previous = NULL;
      g_autofree char *text = NULL;
      g_autofree char *now = NULL;
      int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);

      if (fd < 0)
        return SHZ_LOCK_UNAVAILABLE;
      if (flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          int saved = errno;
          if (saved == EWOULDBLOCK)
            {
              gboolean here, dead;
              g_autofree char *t = read_lock_text (fd);
              *holder = describe_holder (t, &here, &dead);
              close (fd);
              return SHZ_LOCK_IN_USE;
            }
          /* A file system without flock (some network shares): trust the text. */
          {
            gboolean here, dead;
            g_autofree char *t = read_lock_text (fd);
            if (t != NULL)
              {
                *holder = describe_holder (t, &here, &dead);
                if (!dead)
                  {
                    close (fd);
                    return SHZ_LOCK_IN_USE;
                  }
                g_clear_pointer (holder, g_free);
                *crashed_before = TRUE;
              }
          }
        }
      if (fstat (fd, &fst) != 0 || g_lstat (path, (GStatBuf *) &pst) != 0 ||
          fst.st_ino != pst.st_ino || fst.st_dev != pst.st_dev)
        {
          close (fd);
          continue;
        }

      /* We hold the flock, so whoever wrote a text here is gone: if it was a process of this
       * host, it crashed with the store open, and a journal beside the store is its own. */
      previous = read_lock_text (fd);
      if (previous != NULL)
        {
          gboolean here, dead;
          g_autofree char *who = describe_holder (previous, &here, &dead);
          if (here)
            *crashed_before = TRUE;
          g_debug ("Taking over a stale lock of %s (%s)", store_path, who);
        }

      {
        g_autoptr(GDateTime) dt = g_date_time_new_now_utc ();
        now = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
      }
      text = g_strdup_printf ("%d\n%s\n%s\n%s\n", (int) getpid (), g_get_host_name (), g_get_user_name (), now);
      if (ftruncate (fd, 0) != 0 || pwrite (fd, text, strlen (text), 0) != (ssize_t) strlen (text))
        g_debug ("Could not describe the lock of %s: %s", store_path, g_strerror (errno));

      *out = g_new0 (ShzStoreLock, 1);
      (*out)->fd = fd;
      (*out)->path = g_steal_pointer (&path);
      (*out)->refs = 1;
      g_mutex_lock (&registry_lock);
      if (registry == NULL)
        registry = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (registry, (*out)->path, *out);
      g_mutex_unlock (&registry_lock);
      return SHZ_LOCK_ACQUIRED;
    }
  return SHZ_LOCK_UNAVAILABLE;
}

gboolean
_shz_lock_is_held (const char  *store_path,
                   gboolean    *crashed_before,
                   char       **holder)
{
  g_autofree char *path = _shz_lock_path_for (store_path);
  g_autofree char *text = NULL;
  gboolean held;
  int fd;

  *crashed_before = FALSE;
  *holder = NULL;
  {
    ShzStoreLock *ours = registry_lookup (path);
    if (ours != NULL)
      {
        _shz_lock_release (ours);
        return TRUE;
      }
  }
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  if (fd < 0)
    return FALSE;
  text = read_lock_text (fd);
  held = flock (fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  close (fd);
  if (text != NULL)
    {
      gboolean here = FALSE, dead = FALSE;
      *holder = describe_holder (text, &here, &dead);
      *crashed_before = !held && here;
    }
  return held;
}

void
_shz_lock_release (ShzStoreLock *lock)
{
  gboolean last;

  if (lock == NULL)
    return;
  g_mutex_lock (&registry_lock);
  last = --lock->refs == 0;
  if (last && registry != NULL && g_hash_table_lookup (registry, lock->path) == lock)
    g_hash_table_remove (registry, lock->path);
  g_mutex_unlock (&registry_lock);
  if (!last)
    return;
  /* Unlink while still holding it: whoever opens the name next makes a new file. */
  g_unlink (lock->path);
  close (lock->fd);
  g_free (lock->path);
  g_free (lock);
}
