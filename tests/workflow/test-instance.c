/* test-instance.c — a store opened twice: the second instance is read-only with a notice,
 * sees the first one's changes by polling, never damages the file; stale locks; a store
 * replaced on disk; leftover journals (our own crash vs. an exchanged file); save as into a
 * read-only folder or onto a full disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "workflow-common.h"

static const char *helper;

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShzStore *store;

  f->dir = wf_make_dir ();
  f->path = g_build_filename (f->dir, "shared.shuzhi", NULL);
  store = shz_store_open (f->path, SHZ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  wf_add_engagement (store, "Alpha", "A Co");
  shz_store_free (store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  wf_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static GPid spawn_holder (const char *path, int *in_fd, FILE **out);

static void
test_second_in_process (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) first = shz_store_open (f->path, SHZ_STORE_OPEN_DEFAULT, &error);
  g_autoptr(ShzStore) second = NULL;
  g_autoptr(ShzEngagement) e = shz_engagement_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree char *dirname = g_path_get_dirname (f->path);
  g_autofree char *lock = g_build_filename (dirname, ".~lock.shared.shuzhi#", NULL);

  g_assert_no_error (error);
  g_assert_false (shz_store_is_read_only (first));
  g_assert_cmpint (shz_store_get_read_only_reason (first), ==, SHZ_STORE_WRITABLE);
  g_assert_null (shz_store_get_read_only_message (first));

  /* A second connection of the same process (a worker thread's) shares the lock. */
  second = shz_store_open (f->path, SHZ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (shz_store_is_read_only (second));

  /* One writes: the other notices, the writer does not (its own change). */
  g_assert_cmpint (shz_store_poll_change (second), ==, SHZ_STORE_UNCHANGED);
  e->name = g_strdup ("Beta");
  g_assert_cmpint (shz_store_create_engagement (first, e, &error), >, 0);
  g_assert_cmpint (shz_store_poll_change (first), ==, SHZ_STORE_UNCHANGED);
  g_assert_cmpint (shz_store_poll_change (second), ==, SHZ_STORE_CHANGED_ELSEWHERE);
  g_assert_cmpint (shz_store_poll_change (second), ==, SHZ_STORE_UNCHANGED);
  list = shz_store_list_engagements (second, &error);
  g_assert_cmpuint (list->len, ==, 2);
  wf_add_engagement (second, "Gamma", NULL);
  g_assert_cmpint (shz_store_poll_change (first), ==, SHZ_STORE_CHANGED_ELSEWHERE);

  /* The lock goes with the last connection. */
  g_clear_pointer (&first, shz_store_free);
  g_assert_true (g_file_test (lock, G_FILE_TEST_EXISTS));
  g_assert_true (shz_store_check (second, report, &error));
  g_clear_pointer (&second, shz_store_free);
  g_assert_false (g_file_test (lock, G_FILE_TEST_EXISTS));
}

static GPid
spawn_holder (const char *path,
              int        *in_fd,
              FILE      **out)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { helper, "hold", path, NULL };
  GPid pid;
  int out_fd;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                           &pid, in_fd, &out_fd, NULL, &error));
  g_assert_no_error (error);
  *out = fdopen (out_fd, "r");
  return pid;
}

static void
test_second_process (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) mine = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  char line[64] = "";
  FILE *out;
  int in_fd, status;
  GPid pid = spawn_holder (f->path, &in_fd, &out);

  g_assert_nonnull (fgets (line, sizeof line, out));
  g_assert_cmpstr (line, ==, "ready\n");

  /* Another process holds it: read-only here, and a notice naming the holder's process. */
  mine = shz_store_open (f->path, SHZ_STORE_OPEN_DEFAULT, &error);
  g_assert_false (shz_store_can_undo (mine));
  {
    g_autoptr(ShzEngagement) e = shz_engagement_new ();
    g_autoptr(GError) ro = NULL;
    e->name = g_strdup ("Refused");
    g_assert_cmpint (shz_store_create_engagement (mine, e, &ro), ==, 0);
    g_assert_error (ro, SHZ_STORE_ERROR, SHZ_STORE_ERROR_READ_ONLY);
    g_assert_nonnull (strstr (ro->message, "Another Shuzhi window"));
  }
  g_assert_no_error (error);
  g_assert_cmpint (shz_store_get_read_only_reason (mine), ==, SHZ_STORE_RO_IN_USE);
  {
    g_autofree char *pid_text = g_strdup_printf ("process %d", (int) pid);
    g_assert_nonnull (strstr (shz_store_get_read_only_message (mine), pid_text));
  }

  /* It writes while we read: we see it by polling. */
  g_assert_cmpint (write (in_fd, "Gamma\n", 6), ==, 6);
  g_assert_nonnull (fgets (line, sizeof line, out));
  g_assert_cmpstr (line, ==, "done\n");
  g_assert_cmpint (shz_store_poll_change (mine), ==, SHZ_STORE_CHANGED_ELSEWHERE);
  list = shz_store_list_engagements (mine, &error);
  g_assert_cmpuint (list->len, ==, 2);

  close (in_fd);
  fclose (out);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_clear_pointer (&mine, shz_store_free);

  /* The other way round: we hold it, another process opens it read-only. */
  {
    g_autoptr(ShzStore) holder = shz_store_open (f->path, SHZ_STORE_OPEN_DEFAULT, &error);
    g_assert_false (shz_store_is_read_only (holder));
    pid = spawn_holder (f->path, &in_fd, &out);
    g_assert_nonnull (fgets (line, sizeof line, out));
    g_assert_cmpstr (line, ==, "read-only\n");
    close (in_fd);
    fclose (out);
    waitpid (pid, &status, 0);
  }

  /* Killed while holding it: the lock is stale at once. */
  pid = spawn_holder (f->path, &in_fd, &out);
  g_assert_nonnull (fgets (line, sizeof line, out));
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
  close (in_fd);
  fclose (out);
  mine = shz_store_open (f->path, SHZ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (shz_store_is_read_only (mine));
  g_assert_true (shz_store_check (mine, report, &error));
}

static void
test_break_lock (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) mine = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  char line[64] = "";
  FILE *out;
  int in_fd, status;
  GPid pid = spawn_holder (f->path, &in_fd, &out);

  g_assert_nonnull (fgets (line, sizeof line, out));
  g_assert_cmpstr (line, ==, "ready\n");
  /* "Open anyway": two writers in two processes; SQLite's own locking keeps each change whole. */
  mine = shz_store_open (f->path, SHZ_STORE_OPEN_BREAK_LOCK, &error);
  g_assert_no_error (error);
  g_assert_false (shz_store_is_read_only (mine));
  wf_add_engagement (mine, "From here", NULL);
  g_assert_cmpint (write (in_fd, "From there\n", 11), ==, 11);
  g_assert_nonnull (fgets (line, sizeof line, out));
  g_assert_cmpstr (line, ==, "done\n");
  close (in_fd);
  fclose (out);
  waitpid (pid, &status, 0);
  g_assert_cmpint (wf_count (mine, "SELECT count(*) FROM engagement"), ==, 3);
  g_assert_true (shz_store_check (mine, report, &error));
}

static void
test_lock_file_text (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dirname = g_path_get_dirname (f->path);
  g_autofree char *lock = g_build_filename (dirname, ".~lock.shared.shuzhi#", NULL);
  g_autofree char *text = NULL;
  ShzStore *store;

  /* A lock file nobody holds (left by another host's crash) does not block. */
  g_assert_true (g_file_set_contents (lock, "12345\nsome-other-host\nzhang\n2020-01-01T00:00:00Z\n", -1, NULL));
  store = shz_store_open (f->path, SHZ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (shz_store_is_read_only (store));
  g_assert_true (g_file_get_contents (lock, &text, NULL, NULL));
  {
    g_autofree char *expected = g_strdup_printf ("%d\n%s\n", (int) getpid (), g_get_host_name ());
    g_assert_true (g_str_has_prefix (text, expected));
  }
  shz_store_free (store);
  /* Closing removes it. */
  g_assert_false (g_file_test (lock, G_FILE_TEST_EXISTS));
}

static void
test_replaced (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = shz_store_open (f->path, SHZ_STORE_OPEN_DEFAULT, &error);
  g_autofree char *other = g_build_filename (f->dir, "other.shuzhi", NULL);

  g_assert_true (shz_store_backup_to (store, other, &error));
  g_assert_cmpint (shz_store_poll_change (store), ==, SHZ_STORE_UNCHANGED);
  g_assert_cmpint (g_rename (other, f->path), ==, 0);
  g_assert_cmpint (shz_store_poll_change (store), ==, SHZ_STORE_REPLACED);
}

static void
run_helper (const char *mode,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { helper, mode, path, NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
}

static void
test_own_crash_journal (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = g_strconcat (f->path, "-journal", NULL);
  g_autofree char *before = NULL, *now = NULL;
  g_autoptr(ShzStore) store = NULL;
  g_autoptr(GString) report = g_string_new (NULL);

  store = shz_store_open (f->path, SHZ_STORE_OPEN_DEFAULT, &error);
  before = wf_digest (store);
  g_clear_pointer (&store, shz_store_free);

  /* Our own process died mid-change, its pages spilled into the file: a read-only look
   * rolls back a private copy (the file stays as it is), the next writable open recovers. */
  run_helper ("crash", f->path);
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));
  {
    g_autofree char *sum = wf_file_checksum (f->path);
    g_autofree char *after = NULL;
    store = shz_store_open (f->path, SHZ_STORE_OPEN_READ_ONLY, &error);
    g_assert_no_error (error);
    g_assert_cmpint (shz_store_get_read_only_reason (store), ==, SHZ_STORE_RO_REQUESTED);
    g_assert_cmpint (wf_count (store, "SELECT count(*) FROM engagement WHERE name = 'doomed' AND deleted = 0"), ==, 1);
    g_assert_cmpint (wf_count (store, "SELECT count(*) FROM usage_row"), ==, 0);
    g_assert_true (shz_store_check (store, report, &error));
    g_clear_pointer (&store, shz_store_free);
    after = wf_file_checksum (f->path);
    g_assert_cmpstr (sum, ==, after);
    g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));
  }
  store = shz_store_open (f->path, SHZ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (shz_store_is_read_only (store));
  g_assert_true (shz_store_check (store, report, &error));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  /* The helper's first step ("doomed" created) was committed; the big one was not. */
  g_assert_cmpint (wf_count (store, "SELECT count(*) FROM engagement WHERE name = 'doomed' AND deleted = 0"), ==, 1);
  g_assert_cmpint (wf_count (store, "SELECT count(*) FROM usage_row"), ==, 0);
}

static void
test_exchanged_journal (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = g_strconcat (f->path, "-journal", NULL);
  g_autofree char *sum = NULL, *jsum = NULL, *after = NULL, *jafter = NULL;
  g_autoptr(ShzStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;

  /* A journal beside a file that no process of ours left (a colleague's crash, files sent
   * together): replayed into a private copy only, never into the file. */
  run_helper ("raw-crash", f->path);
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));
  sum = wf_file_checksum (f->path);
  jsum = wf_file_checksum (journal);

  store = shz_store_open (f->path, SHZ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (shz_store_is_read_only (store));
  g_assert_cmpint (shz_store_get_read_only_reason (store), ==, SHZ_STORE_RO_STALE_JOURNAL);
  g_assert_nonnull (strstr (shz_store_get_read_only_message (store), "private copy"));
  list = shz_store_list_engagements (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((ShzEngagement *) g_ptr_array_index (list, 0))->notes, ==, "A Co");

  /* Save As from the private copy gives a clean file of one's own. */
  {
    g_autofree char *saved = g_build_filename (f->dir, "saved.shuzhi", NULL);
    g_autoptr(ShzStore) copy = NULL;
    g_assert_true (shz_store_backup_to (store, saved, &error));
    copy = shz_store_open (saved, SHZ_STORE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    g_assert_false (shz_store_is_read_only (copy));
  }
  g_clear_pointer (&store, shz_store_free);

  after = wf_file_checksum (f->path);
  jafter = wf_file_checksum (journal);
  g_assert_cmpstr (sum, ==, after);
  g_assert_cmpstr (jsum, ==, jafter);
}

static void
test_mismatched_journal (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = g_strconcat (f->path, "-journal", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.shuzhi", NULL);
  g_autofree char *other_journal = g_strconcat (other, "-journal", NULL);
  g_autofree char *sum = NULL, *after = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(ShzStore) store = NULL;
  gsize len;

  /* Another store of the same kind, with its own content... */
  store = shz_store_open (other, SHZ_STORE_OPEN_CREATE, &error);
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("Other %u", i);
      wf_add_engagement (store, name, "Other Co");
    }
  g_clear_pointer (&store, shz_store_free);
  /* ...gets a journal that is not its own beside it. */
  run_helper ("raw-crash", f->path);
  g_assert_true (g_file_get_contents (journal, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (other_journal, contents, len, NULL));
  sum = wf_file_checksum (other);

  store = shz_store_open (other, SHZ_STORE_OPEN_DEFAULT, &error);
  if (store != NULL)
    {
      /* Read from a private copy: whatever it shows, the file is never written. */
      g_assert_cmpint (shz_store_get_read_only_reason (store), ==, SHZ_STORE_RO_STALE_JOURNAL);
      g_clear_pointer (&store, shz_store_free);
    }
  else
    g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_DAMAGED);
  after = wf_file_checksum (other);
  g_assert_cmpstr (sum, ==, after);
  g_assert_true (g_file_test (other_journal, G_FILE_TEST_EXISTS));
}

static void
test_save_as_read_only_folder (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ro = g_build_filename (f->dir, "ro", NULL);
  g_autofree char *dest = g_build_filename (ro, "copy.shuzhi", NULL);
  g_autofree char *sum = wf_file_checksum (f->path);
  g_autofree char *after = NULL;
  g_autoptr(ShzStore) store = shz_store_open (f->path, SHZ_STORE_OPEN_DEFAULT, &error);
  gboolean mounted = FALSE;

  g_assert_cmpint (g_mkdir (ro, 0755), ==, 0);
  if (geteuid () == 0)
    {
      /* root writes through permission bits: make the folder a read-only mount. */
      if (mount ("shz-ro", ro, "tmpfs", MS_RDONLY, "size=64k") != 0)
        {
          g_test_skip_printf ("cannot make a read-only folder as root here: %s", g_strerror (errno));
          return;
        }
      mounted = TRUE;
    }
  else
    g_assert_cmpint (g_chmod (ro, 0555), ==, 0);

  g_assert_false (shz_store_backup_to (store, dest, &error));
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);
  g_assert_false (shz_store_export_engagement (store, 1, dest, &error));
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));

  /* A store inside a read-only folder opens read-only, with its reason. */
  if (mounted)
    umount (ro);
  g_clear_pointer (&store, shz_store_free);
  after = wf_file_checksum (f->path);
  g_assert_cmpstr (sum, ==, after);
  g_chmod (ro, 0755);
}

static void
test_open_in_read_only_folder (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShzStore) store = NULL;

  if (geteuid () == 0)
    {
      g_autofree char *ro = g_build_filename (f->dir, "ro", NULL);
      g_autofree char *inside = g_build_filename (ro, "shared.shuzhi", NULL);
      g_autoptr(ShzStore) src = shz_store_open (f->path, SHZ_STORE_OPEN_DEFAULT, &error);

      g_assert_cmpint (g_mkdir (ro, 0755), ==, 0);
      if (mount ("shz-ro", ro, "tmpfs", 0, "size=1m") != 0)
        {
          g_test_skip_printf ("cannot mount a tmpfs here: %s", g_strerror (errno));
          return;
        }
      g_assert_true (shz_store_backup_to (src, inside, &error));
      g_assert_cmpint (mount ("shz-ro", ro, "tmpfs", MS_REMOUNT | MS_RDONLY, "size=1m"), ==, 0);
      store = shz_store_open (inside, SHZ_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_true (shz_store_is_read_only (store));
      g_assert_cmpint (wf_count (store, "SELECT count(*) FROM engagement"), ==, 1);
      g_clear_pointer (&store, shz_store_free);
      umount (ro);
    }
  else
    {
      g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);
      store = shz_store_open (f->path, SHZ_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_cmpint (shz_store_get_read_only_reason (store), ==, SHZ_STORE_RO_FOLDER);
      g_clear_pointer (&store, shz_store_free);
      g_chmod (f->dir, 0755);
    }
}

static void
test_save_as_full_disk (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *small = g_build_filename (f->dir, "small", NULL);
  g_autofree char *dest = g_build_filename (small, "copy.shuzhi", NULL);
  g_autofree char *export = g_build_filename (small, "one.shuzhi", NULL);
  g_autofree char *sum = NULL, *after = NULL;
  g_autoptr(ShzStore) store = shz_store_open (f->path, SHZ_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GString) report = g_string_new (NULL);
  gint64 e;

  g_assert_cmpint (g_mkdir (small, 0755), ==, 0);
  if (mount ("shz-full", small, "tmpfs", 0, "size=256k") != 0)
    {
      g_test_skip_printf ("cannot mount a small tmpfs here (not root?): %s", g_strerror (errno));
      return;
    }
  /* A store of about 2 MB onto 256 kB. */
  e = wf_count (store, "SELECT min(id) FROM engagement");
  wf_add_usage (store, e, "big", 20000, 0);
  sum = wf_file_checksum (f->path);

  g_assert_false (shz_store_backup_to (store, dest, &error));
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "full"));
  g_clear_error (&error);
  g_assert_false (shz_store_export_engagement (store, e, export, &error));
  g_assert_error (error, SHZ_STORE_ERROR, SHZ_STORE_ERROR_DISK_FULL);
  g_clear_error (&error);
  /* Nothing left behind under either name, nor half files. */
  {
    GDir *d = g_dir_open (small, 0, NULL);
    const char *name = g_dir_read_name (d);
    g_assert_null (name);
    g_dir_close (d);
  }
  umount (small);
  after = wf_file_checksum (f->path);
  g_assert_cmpstr (sum, ==, after);
  g_assert_true (shz_store_check (store, report, &error));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  helper = argc > 1 ? argv[1] : "tests/workflow/workflow-helper";

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/workflow/instance/second-in-process", test_second_in_process);
  ADD ("/workflow/instance/second-process", test_second_process);
  ADD ("/workflow/instance/break-lock", test_break_lock);
  ADD ("/workflow/instance/lock-file", test_lock_file_text);
  ADD ("/workflow/instance/replaced", test_replaced);
  ADD ("/workflow/journal/own-crash", test_own_crash_journal);
  ADD ("/workflow/journal/exchanged-file", test_exchanged_journal);
  ADD ("/workflow/journal/mismatched", test_mismatched_journal);
  ADD ("/workflow/save-as/read-only-folder", test_save_as_read_only_folder);
  ADD ("/workflow/save-as/open-in-read-only-folder", test_open_in_read_only_folder);
  ADD ("/workflow/save-as/full-disk", test_save_as_full_disk);
#undef ADD

  return g_test_run ();
}
