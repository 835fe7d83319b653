/* test-po.c — the Chinese catalogue is complete, well-formed and used by the built binary.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-test-po"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <glib.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

static const char *source_root;
static const char *build_root;

typedef struct
{
  int   status;   /* exit status, or -1 when the child did not exit normally */
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

/* Runs argv in cwd with env (NULL: ours), capturing both streams. */
static void
run (const char * const *argv, const char *cwd, char **env, Run *r)
{
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  memset (r, 0, sizeof *r);
  if (!g_spawn_sync (cwd, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &r->out, &r->err, &wait_status, &error))
    g_error ("cannot run %s: %s", argv[0], error->message);
  r->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static char *
po_path (void)
{
  return g_build_filename (source_root, "po", "zh_CN.po", NULL);
}

static char **
c_env (void)
{
  char **env = g_get_environ ();

  env = g_environ_setenv (env, "LC_ALL", "C", TRUE);
  return g_environ_unsetenv (env, "LANGUAGE");
}

static void
require_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  if (path == NULL)
    g_error ("%s is not installed (it comes with gettext: tools/install-deps.sh)", name);
}

/* Every message translated, none fuzzy, and msgfmt --check has nothing to say. */
static void
test_complete (void)
{
  g_autofree char *po = po_path ();
  g_auto(GStrv) env = c_env ();
  const char *argv[] = { "msgfmt", "--check", "--statistics", "-o", "/dev/null", po, NULL };
  Run r;

  require_program ("msgfmt");
  run (argv, source_root, env, &r);
  g_test_message ("msgfmt: %s", r.err);
  if (r.status != 0)
    g_test_fail_printf ("msgfmt --check rejects po/zh_CN.po:\n%s", r.err);
  else if (strstr (r.err, "untranslated") != NULL || strstr (r.err, "fuzzy") != NULL)
    g_test_fail_printf ("po/zh_CN.po is not complete (translate them, then run tools/update-po.sh): %s", r.err);
  else if (strstr (r.err, "warning") != NULL)
    g_test_fail_printf ("msgfmt warns about po/zh_CN.po:\n%s", r.err);
  else
    g_assert_true (g_regex_match_simple ("^[0-9]+ translated messages\\.\n$", r.err, 0, 0));
  run_clear (&r);
}

/* printf directives match (same conversions, same order or positional), and a label with
 * a mnemonic keeps exactly one. */
static void
test_formats (void)
{
  g_autofree char *po = po_path ();
  g_auto(GStrv) env = c_env ();
  const char *argv[] = { "msgfmt", "--check-format", "--check-accelerators=_", "-o", "/dev/null", po, NULL };
  Run r;

  require_program ("msgfmt");
  run (argv, source_root, env, &r);
  if (r.status != 0 || r.err[0] != '\0')
    g_test_fail_printf ("formats or mnemonics of po/zh_CN.po do not match their msgids:\n%s", r.err);
  run_clear (&r);
}

/* The header declares what gettext needs, and the about dialog credits the translation. */
static void
test_header (void)
{
  g_autofree char *po = po_path ();
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *credits;

  g_assert_true (g_file_get_contents (po, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "\"Language: zh_CN\\n\""));
  g_assert_nonnull (strstr (text, "\"Content-Type: text/plain; charset=UTF-8\\n\""));
  g_assert_nonnull (strstr (text, "\"Plural-Forms: nplurals=1; plural=0;\\n\""));
  credits = strstr (text, "msgid \"translator-credits\"\nmsgstr \"");
  g_assert_nonnull (credits);
  g_assert_cmpint (credits[strlen ("msgid \"translator-credits\"\nmsgstr \"")], !=, '"');
}

/* Quoted names use “” throughout the translation, never 「」 or straight quotes around %s. */
static void
test_quotes (void)
{
  g_autofree char *po = po_path ();
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) bad = g_string_new (NULL);

  g_assert_true (g_file_get_contents (po, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "msgstr") &&
        (strstr (lines[i], "「") != NULL || strstr (lines[i], "」") != NULL ||
         strstr (lines[i], "'%s'") != NULL || strstr (lines[i], "\\\"%s\\\"") != NULL))
      g_string_append_printf (bad, "po/zh_CN.po:%u: %s\n", i + 1, lines[i]);
  if (bad->len > 0)
    g_test_fail_printf ("quote names with “” in po/zh_CN.po:\n%s", bad->str);
}

/* No msgid was cut short by a macro xgettext cannot expand ("row %" from
 * "row %" SOME_FORMAT): such a message is never looked up, so it stays English. */
static void
check_msgid (GString *id, guint line, GString *bad)
{
  guint percents = 0;

  for (gsize i = id->len; i > 0 && id->str[i - 1] == '%'; i--)
    percents++;
  if (percents % 2 == 1)
    g_string_append_printf (bad, "po/zh_CN.po:%u: \"%s\"\n", line, id->str);
}

static void
test_no_truncated_msgids (void)
{
  g_autofree char *po = po_path ();
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) bad = g_string_new (NULL);
  g_autoptr(GString) id = g_string_new (NULL);
  gboolean in_id = FALSE;
  guint start = 0;

  g_assert_true (g_file_get_contents (po, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *l = lines[i];
      const char *q = NULL;

      if (g_str_has_prefix (l, "msgid \"") || g_str_has_prefix (l, "msgid_plural \""))
        {
          if (in_id)
            check_msgid (id, start, bad);
          g_string_truncate (id, 0);
          in_id = TRUE;
          start = i + 1;
          q = strchr (l, '"');
        }
      else if (in_id && l[0] == '"')
        q = l;
      else if (in_id)
        {
          check_msgid (id, start, bad);
          in_id = FALSE;
        }
      if (q != NULL)
        {
          /* the quoted text without its quotes; escapes stay as they are */
          gsize n = strlen (q);
          if (n >= 2)
            g_string_append_len (id, q + 1, n - 2);
        }
    }
  if (bad->len > 0)
    g_test_fail_printf ("msgids cut short at a format macro xgettext cannot expand "
                        "(tools/update-po.sh expands GLib's G_G*_FORMAT; use those):\n%s", bad->str);
}

static GHashTable *
lines_set (const char *text)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      if (line[0] != '\0' && line[0] != '#')
        g_hash_table_add (set, g_strdup (line));
    }
  return set;
}

/* POTFILES.in names every file with a translatable string (as tools/update-po.sh finds
 * them), and nothing that is gone. */
static void
test_potfiles (void)
{
  g_autofree char *script = g_build_filename (source_root, "tools", "update-po.sh", NULL);
  g_autofree char *potfiles = g_build_filename (source_root, "po", "POTFILES.in", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) listed = NULL;
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GString) gone = g_string_new (NULL);
  const char *argv[] = { "bash", script, "--list", NULL };
  GHashTableIter iter;
  gpointer key;
  Run r;

  run (argv, source_root, NULL, &r);
  g_assert_cmpint (r.status, ==, 0);
  wanted = lines_set (r.out);
  g_assert_cmpuint (g_hash_table_size (wanted), >, 10);
  g_assert_true (g_file_get_contents (potfiles, &text, NULL, NULL));
  listed = lines_set (text);

  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (listed, key))
      g_string_append_printf (missing, "  %s\n", (const char *) key);
  g_hash_table_iter_init (&iter, listed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *path = g_build_filename (source_root, key, NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_string_append_printf (gone, "  %s\n", (const char *) key);
    }
  if (missing->len > 0)
    g_test_fail_printf ("po/POTFILES.in misses files with translatable strings "
                        "(run tools/update-po.sh and translate what is new):\n%s", missing->str);
  if (gone->len > 0)
    g_test_fail_printf ("po/POTFILES.in names files that do not exist (run tools/update-po.sh):\n%s",
                        gone->str);
  run_clear (&r);
}

/* Every message of the sources as they are now has a translation. Strings are added all
 * the time, so a gap is reported as incomplete unless SHZ_PO_STRICT=1 (release checks). */
static void
test_sources_translated (void)
{
  g_autofree char *script = g_build_filename (source_root, "tools", "update-po.sh", NULL);
  g_autofree char *xgettext = g_find_program_in_path ("xgettext");
  const char *argv[] = { "bash", script, "--check", NULL };
  g_auto(GStrv) env = c_env ();
  Run r;

  if (xgettext == NULL)
    {
      g_test_skip ("xgettext is not installed");
      return;
    }
  run (argv, source_root, env, &r);
  if (r.status != 0)
    {
      if (g_strcmp0 (g_getenv ("SHZ_PO_STRICT"), "1") == 0)
        g_test_fail_printf ("%s%s", r.out, r.err);
      else
        {
          fputs (r.out, stderr);   /* as is: UTF-8, whatever our locale */
          g_test_incomplete ("the sources have messages that po/zh_CN.po does not translate yet "
                             "(run tools/update-po.sh and translate them)");
        }
    }
  run_clear (&r);
}

static gboolean
use_chinese_locale (void)
{
  g_autofree char *localedir = g_build_filename (build_root, "po", NULL);

  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    return FALSE;
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  return TRUE;
}

/* ninja builds the catalogue where main.c looks for it when running uninstalled, and it
 * is not older than the .po. */
static void
test_mo_built (void)
{
  g_autofree char *mo = g_build_filename (build_root, "po", "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *po = po_path ();
  GStatBuf mo_st, po_st;

  if (g_stat (mo, &mo_st) != 0)
    {
      g_test_fail_printf ("%s is missing: ninja builds it (po/meson.build)", mo);
      return;
    }
  g_assert_cmpint (g_stat (po, &po_st), ==, 0);
  if (mo_st.st_mtime < po_st.st_mtime)
    g_test_fail_printf ("%s is older than po/zh_CN.po: run ninja", mo);

  if (!use_chinese_locale ())
    {
      g_test_skip ("the locale zh_CN.UTF-8 is not generated here (tools/install-deps.sh generates it)");
      return;
    }
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "_Save"), ==, "保存(_S)");
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "shortcut window", "Quit"), ==, "退出");
  setlocale (LC_ALL, "C.UTF-8");
}

static char **
cli_env (const char *lang)
{
  char **env = g_get_environ ();

  env = g_environ_unsetenv (env, "SHZ_LOCALEDIR");
  env = g_environ_setenv (env, "LC_ALL", lang, TRUE);
  env = g_environ_setenv (env, "LANG", lang, TRUE);
  if (g_str_has_prefix (lang, "zh_CN"))
    env = g_environ_setenv (env, "LANGUAGE", "zh_CN", TRUE);
  else
    env = g_environ_unsetenv (env, "LANGUAGE");
  return env;
}

/* A usage error of the built binary speaks Chinese in a Chinese locale... */
static void
test_cli_chinese (void)
{
  g_autofree char *shuzhi = g_build_filename (build_root, "src", "shuzhi", NULL);
  g_auto(GStrv) env = cli_env ("zh_CN.UTF-8");
  const char *argv[] = { shuzhi, "list", NULL };
  const char *expected;
  g_autofree char *usage = NULL;
  Run r;

  if (!g_file_test (shuzhi, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_fail_printf ("%s is not built", shuzhi);
      return;
    }
  if (!use_chinese_locale ())
    {
      g_test_skip ("the locale zh_CN.UTF-8 is not generated here (tools/install-deps.sh generates it)");
      return;
    }
  expected = g_dgettext (GETTEXT_PACKAGE, "expected one STORE");
  g_assert_cmpstr (expected, !=, "expected one STORE");
  /* the translated "Usage: shuzhi " up to the command */
  usage = g_strdup (g_dgettext (GETTEXT_PACKAGE, "Usage: shuzhi %s\n"));
  g_assert_nonnull (strstr (usage, "%s"));
  *strstr (usage, "%s") = '\0';
  g_assert_cmpstr (usage, !=, "Usage: shuzhi ");
  setlocale (LC_ALL, "C.UTF-8");

  run (argv, NULL, env, &r);
  g_test_message ("shuzhi list: %s", r.err);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, expected));
  g_assert_nonnull (strstr (r.err, usage));
  g_assert_null (strstr (r.err, "expected"));
  g_assert_null (strstr (r.err, "Usage"));
  g_assert_cmpstr (r.out, ==, "");
  run_clear (&r);
}

/* ...and English in any other, so the app follows the locale rather than always one. */
static void
test_cli_english (void)
{
  g_autofree char *shuzhi = g_build_filename (build_root, "src", "shuzhi", NULL);
  g_auto(GStrv) env = cli_env ("C.UTF-8");
  const char *argv[] = { shuzhi, "list", NULL };
  Run r;

  if (!g_file_test (shuzhi, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_fail_printf ("%s is not built", shuzhi);
      return;
    }
  run (argv, NULL, env, &r);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "expected one STORE"));
  g_assert_nonnull (strstr (r.err, "Usage: shuzhi list"));
  run_clear (&r);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");   /* messages with “” print as UTF-8 under test_env's C.UTF-8 */
  g_test_init (&argc, &argv, NULL);

  source_root = g_getenv ("SHZ_SOURCE_ROOT");
  if (source_root == NULL)
    source_root = SHZ_TEST_SOURCE_ROOT;
  build_root = g_getenv ("SHZ_BUILD_ROOT");
  if (build_root == NULL)
    build_root = SHZ_TEST_BUILD_ROOT;

  g_test_add_func ("/po/zh_CN/complete", test_complete);
  g_test_add_func ("/po/zh_CN/formats", test_formats);
  g_test_add_func ("/po/zh_CN/header", test_header);
  g_test_add_func ("/po/zh_CN/quotes", test_quotes);
  g_test_add_func ("/po/zh_CN/no-truncated-msgids", test_no_truncated_msgids);
  g_test_add_func ("/po/potfiles/complete", test_potfiles);
  g_test_add_func ("/po/sources/translated", test_sources_translated);
  g_test_add_func ("/po/mo/built", test_mo_built);
  g_test_add_func ("/po/cli/usage-error-zh_CN", test_cli_chinese);
  g_test_add_func ("/po/cli/usage-error-C", test_cli_english);
  return g_test_run ();
}
