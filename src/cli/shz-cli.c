/* shz-cli.c — dispatch of the headless subcommands and what they share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-cli"

#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <glib/gi18n.h>

#include "shz-cli.h"
#include "shz-cli-private.h"

static const struct {
  const char        *name;
  ShzCliCommandFunc  func;
} commands[] = {
  { "new",     shz_cli_new },
  { "list",    shz_cli_list },
  { "rows",    shz_cli_rows },
  { "check",   shz_cli_check },
  { "compute", shz_cli_compute },
  { "export",  shz_cli_export },
  { "inspect", shz_cli_inspect },
  { "import",  shz_cli_import },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n",
           _("Usage:\n"
             "  shuzhi [STORE.shuzhi]                 open the window\n"
             "  shuzhi --version\n"
             "  shuzhi list STORE [--engagement NAME]\n"
             "  shuzhi rows STORE --engagement NAME --dataset NAME [--limit N]\n"
             "  shuzhi new STORE --engagement NAME [--client C] [--industry I]\n"
             "  shuzhi inspect FILE [--encoding E] [--sheet S] [--limit N]\n"
             "  shuzhi import STORE FILE --engagement NAME --kind usage|positions|links|scores\n"
             "                [--dataset NAME] [--encoding E] [--sheet S] [--map COLUMN=FIELD]...\n"
             "  shuzhi compute STORE --engagement NAME [--dataset NAME] [--method FILE]\n"
             "  shuzhi export STORE --engagement NAME --chart KIND|all --output FILE|DIR [options]\n"
             "  shuzhi check STORE"));
}

gboolean
shz_cli_handles (const char *arg)
{
  if (arg == NULL)
    return FALSE;
  if (g_str_equal (arg, "--version") || g_str_equal (arg, "--help") || g_str_equal (arg, "-h") ||
      g_str_equal (arg, "help"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (arg, commands[i].name))
      return TRUE;
  /* Words of the contract that this build lacks are still subcommands, never store paths. */
  return g_str_equal (arg, "inspect") || g_str_equal (arg, "import") ||
         g_str_equal (arg, "compute") || g_str_equal (arg, "export");
}

int
shz_cli_run (int    argc,
             char **argv)
{
  const char *cmd = argv[1];

  if (g_str_equal (cmd, "--version"))
    {
      printf ("shuzhi %s\n", PACKAGE_VERSION);
      return SHZ_EXIT_OK;
    }
  if (g_str_equal (cmd, "--help") || g_str_equal (cmd, "-h") || g_str_equal (cmd, "help"))
    {
      print_usage (stdout);
      return SHZ_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (cmd, commands[i].name))
      return commands[i].func (argc - 1, argv + 1);

  fprintf (stderr, _("shuzhi: “%s” is not available in this build\n"), cmd);
  return SHZ_EXIT_USAGE;
}

gboolean
shz_cli_parse (int           *argc,
               char        ***argv,
               const char    *usage,
               GOptionEntry  *entries)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      shz_cli_usage_error ((*argv)[0], usage, "%s", error->message);
      return FALSE;
    }
  for (int i = 1; i < *argc; i++)
    if ((*argv)[i][0] == '-' && (*argv)[i][1] != '\0')
      {
        shz_cli_usage_error ((*argv)[0], usage, _("unknown option “%s”"), (*argv)[i]);
        return FALSE;
      }
  return TRUE;
}

int
shz_cli_usage_error (const char *command,
                     const char *usage,
                     const char *format,
                     ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "shuzhi %s: %s\n", command, msg);
  if (usage)
    fprintf (stderr, _("Usage: shuzhi %s\n"), usage);
  return SHZ_EXIT_USAGE;
}

int
shz_cli_fail (GError *error)
{
  fprintf (stderr, "shuzhi: %s\n", error ? error->message : _("unknown error"));
  return SHZ_EXIT_INPUT;
}

char *
shz_cli_escape_tsv (const char *value)
{
  GString *s;

  if (value == NULL)
    return g_strdup ("");
  s = g_string_sized_new (strlen (value) + 8);
  for (const char *p = value; *p; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (s, "\\\\"); break;
        case '\t': g_string_append (s, "\\t"); break;
        case '\n': g_string_append (s, "\\n"); break;
        case '\r': g_string_append (s, "\\r"); break;
        default: g_string_append_c (s, *p);
        }
    }
  return g_string_free (s, FALSE);
}

void
shz_cli_write_tsv (FILE              *out,
                   const char * const *values,
                   guint              n_values)
{
  for (guint i = 0; i < n_values; i++)
    {
      const char *v = values[i];

      if (i > 0)
        fputc ('\t', out);
      if (v == NULL)
        continue;
      /* Fast path: most values need no escaping. */
      if (strpbrk (v, "\\\t\n\r") == NULL)
        fputs (v, out);
      else
        {
          g_autofree char *e = shz_cli_escape_tsv (v);
          fputs (e, out);
        }
    }
  fputc ('\n', out);
}
