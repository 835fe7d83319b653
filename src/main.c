/* main.c — the shuzhi binary: headless subcommands, or the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shuzhi"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "cli/shz-cli.h"
#include "app/shz-application.h"

static void
init_i18n (void)
{
  setlocale (LC_ALL, "");
  const char *dir = g_getenv ("SHZ_LOCALEDIR");
  g_autofree char *installed = g_build_filename (LOCALEDIR, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  /* Uninstalled, the catalogues are only in the build tree. */
  if (dir == NULL)
    dir = g_file_test (installed, G_FILE_TEST_EXISTS) ? LOCALEDIR : BUILD_LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(ShzApplication) app = NULL;
  gint64 start = g_get_monotonic_time ();

  init_i18n ();

  /* Subcommands never touch the display: they work over ssh, in CI and in scripts. */
  if (argc > 1 && shz_cli_handles (argv[1]))
    return shz_cli_run (argc, argv);

  shz_application_set_start_time (start);
  app = shz_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
