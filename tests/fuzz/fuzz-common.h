/* fuzz-common.h — what every libFuzzer harness shares: a private scratch folder for the
 * input written as a file (the readers and the store open paths), and GLib set up so that a
 * critical or a warning counts as a finding.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

static char *shz_fuzz_dir;

static void
shz_fuzz_remove_dir (void)
{
  GDir *dir;
  const char *name;

  if (shz_fuzz_dir == NULL)
    return;
  dir = g_dir_open (shz_fuzz_dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (shz_fuzz_dir, name, NULL);
      g_unlink (p);
    }
  if (dir)
    g_dir_close (dir);
  g_rmdir (shz_fuzz_dir);
  g_clear_pointer (&shz_fuzz_dir, g_free);
}

/* Criticals that a file can trigger inside a library we use, not in our code (each is reported
 * in docs/hardening.md); everything else critical is a finding. */
static const char * const shz_fuzz_known_criticals[] = {
  /* libgsf 1.14.50: a zip entry whose DOS date is invalid (month 0) gets a NULL GDateTime that
   * gsf_infile_zip unrefs while opening the archive */
  "g_date_time_unref: assertion 'datetime != NULL' failed",
};

static void
shz_fuzz_log (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        user_data)
{
  /* messages and debug output of the code under test are neither findings nor worth the noise;
   * libgsf warns (domain NULL) about the damaged zips it then refuses: not ours to fix */
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    {
      for (guint i = 0; i < G_N_ELEMENTS (shz_fuzz_known_criticals); i++)
        if (g_strcmp0 (log_domain, "GLib") == 0 && strstr (message, shz_fuzz_known_criticals[i]))
          return;
      g_log_default_handler (log_domain, log_level, message, user_data);
      abort ();   /* SIGABRT: libFuzzer saves the input (GLib's own breakpoint trap it does not) */
    }
  if (log_level & G_LOG_LEVEL_WARNING)
    {
      if (log_domain == NULL)
        return;
      g_log_default_handler (log_domain, log_level, message, user_data);
      if (g_str_has_prefix (log_domain, "shz"))
        abort ();
    }
}

/* Once per process: a scratch folder in $TMPDIR (tmpfs is best) removed at exit; criticals (and
 * warnings of our own domains) abort, so a g_return_if_fail () reached from a file is a crash.
 * The handler decides what is fatal, so G_DEBUG=fatal-warnings (the unit suite's) is undone. */
static inline void
shz_fuzz_init (void)
{
  if (shz_fuzz_dir != NULL)
    return;
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR);
  g_log_set_default_handler (shz_fuzz_log, NULL);
  shz_fuzz_dir = g_dir_make_tmp ("shz-fuzz-XXXXXX", NULL);
  if (shz_fuzz_dir == NULL)
    abort ();
  atexit (shz_fuzz_remove_dir);
}

/* Writes @data to a file named @name in the scratch folder; returns its path. */
static inline char *
shz_fuzz_write (const char    *name,
                const uint8_t *data,
                size_t         size)
{
  char *path = g_build_filename (shz_fuzz_dir, name, NULL);
  GError *error = NULL;

  if (!g_file_set_contents (path, (const char *) data, size, &error))
    {
      g_printerr ("fuzz: cannot write %s: %s\n", path, error->message);
      abort ();
    }
  return path;
}
