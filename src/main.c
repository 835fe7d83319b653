/* main.c — the shuzhi binary: headless subcommands, or the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shuzhi"

#include "config.h"

#include <execinfo.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
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

/* ---- crash report (SHZ_CRASH_BACKTRACE) ---- */

static void
say (const char *s)
{
  size_t n = strlen (s);

  while (n > 0)
    {
      ssize_t w = write (STDERR_FILENO, s, n);
      if (w <= 0)
        return;
      s += w;
      n -= (size_t) w;
    }
}

/* Only async-signal-safe calls: write(), backtrace() (its library already loaded) and
 * backtrace_symbols_fd(); then the signal again, with its default action (a core dump where
 * they are enabled). */
static void
on_crash (int sig)
{
  void *frames[64];
  char num[4] = { '0' + sig / 10 % 10, '0' + sig % 10, '\n', '\0' };
  int n = backtrace (frames, G_N_ELEMENTS (frames));

  say ("shuzhi: crashed with signal ");
  say (sig >= 10 ? num : num + 1);
  say ("shuzhi: backtrace:\n");
  backtrace_symbols_fd (frames, n, STDERR_FILENO);
  say ("shuzhi: end of backtrace\n");
  raise (sig);
}

/* Tests that drive the real binary (the end-to-end suite) set SHZ_CRASH_BACKTRACE: a crash
 * then leaves its backtrace in the app's output, without a core dump (CI keeps none).  A
 * handler already there (AddressSanitizer's) is left in place: its report says more. */
static void
install_crash_report (void)
{
  static const int signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };
  static char alt_stack[64 * 1024];
  stack_t ss = { .ss_sp = alt_stack, .ss_size = sizeof alt_stack };
  struct sigaction sa = { .sa_handler = on_crash, .sa_flags = SA_RESETHAND | SA_ONSTACK | SA_NODEFER };
  void *frame;

  if (g_getenv ("SHZ_CRASH_BACKTRACE") == NULL)
    return;
  backtrace (&frame, 1);  /* loads libgcc now: not in the handler */
  sigaltstack (&ss, NULL); /* a stack overflow still reports */
  sigemptyset (&sa.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      struct sigaction old;

      if (sigaction (signals[i], NULL, &old) == 0 && !(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_DFL)
        sigaction (signals[i], &sa, NULL);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(ShzApplication) app = NULL;
  gint64 start = g_get_monotonic_time ();

  install_crash_report ();
  init_i18n ();

  /* Subcommands never touch the display: they work over ssh, in CI and in scripts. */
  if (argc > 1 && shz_cli_handles (argv[1]))
    return shz_cli_run (argc, argv);

  shz_application_set_start_time (start);
  app = shz_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
