/* test-sha256.c — the accelerated SHA-256 agrees with GLib's on every length and split.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "io/shz-sha256.h"

static void
test_known (void)
{
  g_autoptr(ShzSha256) a = shz_sha256_new ();
  g_autoptr(ShzSha256) b = shz_sha256_new ();
  g_autofree char *ha = NULL, *hb = NULL;

  ha = shz_sha256_finish (a);
  g_assert_cmpstr (ha, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  shz_sha256_update (b, "abc", 3);
  hb = shz_sha256_finish (b);
  g_assert_cmpstr (hb, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void
test_lengths (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  gsize n = 3 * 1024 * 1024 + 77;
  g_autofree guint8 *data = g_malloc (n);

  for (gsize i = 0; i < n; i++)
    data[i] = g_rand_int (rand);

  for (gsize len = 0; len < 300; len++)
    {
      g_autoptr(ShzSha256) s = shz_sha256_new ();
      g_autofree char *mine = NULL;
      g_autofree char *ref = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);

      shz_sha256_update (s, data, len);
      mine = shz_sha256_finish (s);
      g_assert_cmpstr (mine, ==, ref);
    }

  for (int round = 0; round < 20; round++)
    {
      g_autoptr(ShzSha256) s = shz_sha256_new ();
      g_autofree char *mine = NULL;
      g_autofree char *ref = NULL;
      gsize total = g_rand_int_range (rand, 0, n), off = 0;

      while (off < total)
        {
          gsize r = g_rand_int_range (rand, 0, 200000);
          gsize piece = MIN (total - off, r);
          shz_sha256_update (s, data + off, piece);
          off += piece;
        }
      mine = shz_sha256_finish (s);
      ref = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, total);
      g_assert_cmpstr (mine, ==, ref);
    }
}

static void
test_file (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sum = NULL;
  int fd = g_file_open_tmp ("shz-sha-XXXXXX", &path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (write (fd, "abc", 3), ==, 3);
  close (fd);
  sum = shz_sha256_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sum, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_unlink (path);
  g_assert_null (shz_sha256_file (path, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/io/sha256/known", test_known);
  g_test_add_func ("/io/sha256/lengths", test_lengths);
  g_test_add_func ("/io/sha256/file", test_file);
  return g_test_run ();
}
