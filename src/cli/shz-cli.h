/* shz-cli.h — the headless subcommands of the shuzhi binary (DESIGN.md's contract).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when @arg names a subcommand (or is --version), so main() stays headless. */
gboolean shz_cli_handles     (const char *arg);
/* Runs the subcommand in argv[1]; returns the process exit status (0 ok, 1 bad input, 2 usage). */
int      shz_cli_run         (int argc, char **argv);

G_END_DECLS
