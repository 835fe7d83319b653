/* test-kill.c — nothing lost: a child imports and edits in a loop, committing each change,
 * and is killed (SIGKILL) at random moments; after every kill the store opens, passes the
 * integrity check and holds exactly what the child last committed (or was committing).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "workflow-common.h"

static const char *helper;

static char *
content (ShzStore *store)
{
  g_autofree char *d = wf_digest (store);
  g_auto(GStrv) lines = g_strsplit (d, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i]; i++)
    if (*lines[i] != '\0' && !g_str_has_prefix (lines[i], "H|"))
      g_string_append_printf (out, "%s\n", lines[i]);
  return g_string_free (out, FALSE);
}

static char *
read_side (const char *side,
           const char *which)
{
  g_autofree char *path = g_strconcat (side, ".", which, NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return text;
}

static void
test_kill (void)
{
  g_autofree char *dir = wf_make_dir ();
  g_autofree char *path = g_build_filename (dir, "kill.shuzhi", NULL);
  g_autofree char *side = g_build_filename (dir, "side", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  const guint n_kills = 60;
  guint mid_change = 0, matched_pending = 0;

  for (guint i = 0; i < n_kills; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *seed = g_strdup_printf ("%u", g_rand_int (rand));
      const char *argv[] = { helper, "loop", path, side, seed, NULL };
      g_autoptr(ShzStore) store = NULL;
      g_autoptr(GString) report = g_string_new (NULL);
      g_autofree char *committed = NULL, *pending = NULL, *now = NULL;
      GPid pid;
      int status = 0;

      /* The first runs start from nothing and are killed within milliseconds: while the store
       * is being created.  The others anywhere in their loop. */
      if (i < 5)
        {
          g_autofree char *c = g_strconcat (side, ".committed", NULL);
          g_autofree char *p = g_strconcat (side, ".pending", NULL);
          g_unlink (path);
          g_unlink (journal);
          g_unlink (c);
          g_unlink (p);
        }
      g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error));
      g_assert_no_error (error);
      g_usleep (i < 5 ? g_rand_int_range (rand, 0, 30000) : g_rand_int_range (rand, 20000, 350000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      /* The child must have died by our hand, not of a failure of its own. */
      if (!WIFSIGNALED (status))
        g_error ("the helper exited by itself with status %d (run %u)", WEXITSTATUS (status), i);
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
      if (g_file_test (journal, G_FILE_TEST_EXISTS))
        mid_change++;

      /* CREATE: a child killed while creating the store committed nothing at all. */
      store = shz_store_open (path, SHZ_STORE_OPEN_CREATE, &error);
      g_assert_no_error (error);
      g_assert_false (shz_store_is_read_only (store));   /* the dead child's lock is stale */
      if (!shz_store_check (store, report, &error))
        g_error ("run %u: the store fails its check:\n%s", i, report->str);
      committed = read_side (side, "committed");
      pending = read_side (side, "pending");
      if (committed == NULL)
        committed = g_strdup ("");
      now = content (store);
      if (g_strcmp0 (now, committed) != 0)
        {
          if (g_strcmp0 (now, pending) != 0)
            g_error ("run %u: the store holds neither the committed nor the pending state:\n"
                     "--- store\n%s--- committed\n%s--- pending\n%s", i, now, committed, pending);
          matched_pending++;
        }
    }
  g_test_message ("%u kills, %u of them in the middle of a change (journal present), "
                  "%u after a commit the child had not yet recorded", n_kills, mid_change, matched_pending);
  g_assert_cmpuint (mid_change, >, 0);
  wf_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  helper = g_getenv ("SHZ_WORKFLOW_HELPER");
  if (argc > 1)
    helper = argv[1];
  if (helper == NULL)
    helper = "tests/workflow/workflow-helper";

  g_test_add_func ("/workflow/nothing-lost/kill", test_kill);
  return g_test_run ();
}
