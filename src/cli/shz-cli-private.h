/* shz-cli-private.h — what the subcommand files share: exit codes, messages, TSV output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdio.h>

#include "store/shz-store.h"

G_BEGIN_DECLS

enum {
  SHZ_EXIT_OK    = 0,
  SHZ_EXIT_INPUT = 1,  /* the input is bad: message on stderr, nothing written */
  SHZ_EXIT_USAGE = 2,  /* the command line is wrong */
};

/* A subcommand: argv[0] is its name ("list", "import", …). */
typedef int (*ShzCliCommandFunc) (int argc, char **argv);

int shz_cli_new     (int argc, char **argv);
int shz_cli_list    (int argc, char **argv);
int shz_cli_rows    (int argc, char **argv);
int shz_cli_check   (int argc, char **argv);
int shz_cli_inspect (int argc, char **argv);   /* shz-cli-inspect.c */
int shz_cli_import  (int argc, char **argv);   /* shz-cli-import.c */
int shz_cli_compute (int argc, char **argv);   /* shz-cli-compute.c */
int shz_cli_export  (int argc, char **argv);   /* shz-cli-export.c */

/* Parse @entries from argv (GOptionContext, no help on failure); on a usage error prints
 * "shuzhi CMD: message" and the usage line, and returns FALSE. @n_positional receives the
 * positional arguments left (argv[0] excluded) in *positional. */
gboolean shz_cli_parse      (int            *argc,
                             char         ***argv,
                             const char     *usage,
                             GOptionEntry   *entries);
/* Print "shuzhi: message" to stderr and return SHZ_EXIT_USAGE. */
int      shz_cli_usage_error (const char *command, const char *usage, const char *format, ...) G_GNUC_PRINTF (3, 4);
/* Print the error's message to stderr and return SHZ_EXIT_INPUT. */
int      shz_cli_fail        (GError *error);

/* Write one TSV line: values escaped as \\ \t \n \r, NULL as the empty string. */
void     shz_cli_write_tsv   (FILE *out, const char * const *values, guint n_values);
/* Escape one value for TSV (newly allocated). */
char    *shz_cli_escape_tsv  (const char *value);

G_END_DECLS
