/* shz-sha256.c — SHA-256 (FIPS 180-4) with the x86 SHA extensions, falling back to
 * GChecksum.  The block function follows the structure of Intel's public description of the
 * SHA-NI instructions: four rounds per K vector, message schedule with sha256msg1/msg2.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shz-io"
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "shz-sha256.h"

#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_SHANI_CODE 1
#include <cpuid.h>
#include <immintrin.h>
#endif

struct _ShzSha256 {
  GChecksum *fallback;
  guint32    state[8];
  guint8     block[64];
  gsize      block_len;
  guint64    total;
};

#ifdef HAVE_SHANI_CODE

static const guint32 K[64] __attribute__ ((aligned (16))) = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

__attribute__ ((target ("sha,sse4.1,ssse3")))
static void
blocks_shani (guint32      state[8],
              const guint8 *data,
              gsize         n_blocks)
{
  const __m128i mask = _mm_set_epi64x (0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i state0, state1, tmp;

  tmp = _mm_loadu_si128 ((const __m128i *) &state[0]);
  state1 = _mm_loadu_si128 ((const __m128i *) &state[4]);
  tmp = _mm_shuffle_epi32 (tmp, 0xB1);            /* CDAB */
  state1 = _mm_shuffle_epi32 (state1, 0x1B);      /* EFGH */
  state0 = _mm_alignr_epi8 (tmp, state1, 8);      /* ABEF */
  state1 = _mm_blend_epi16 (state1, tmp, 0xF0);   /* CDGH */

  for (; n_blocks > 0; n_blocks--, data += 64)
    {
      __m128i abef = state0, cdgh = state1;
      __m128i w[4];

      /* unrolled, so the schedule lives in registers */
#pragma GCC unroll 16
      for (int g = 0; g < 16; g++)
        {
          __m128i msg;

          if (g < 4)
            w[g] = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (data + 16 * g)), mask);
          else
            {
              /* W[g] from W[g-4] (in w[g%4]), W[g-3], W[g-2], W[g-1] */
              __m128i m1 = _mm_sha256msg1_epu32 (w[g & 3], w[(g + 1) & 3]);
              __m128i t7 = _mm_alignr_epi8 (w[(g + 3) & 3], w[(g + 2) & 3], 4);
              w[g & 3] = _mm_sha256msg2_epu32 (_mm_add_epi32 (m1, t7), w[(g + 3) & 3]);
            }
          msg = _mm_add_epi32 (w[g & 3], _mm_load_si128 ((const __m128i *) &K[4 * g]));
          state1 = _mm_sha256rnds2_epu32 (state1, state0, msg);
          msg = _mm_shuffle_epi32 (msg, 0x0E);
          state0 = _mm_sha256rnds2_epu32 (state0, state1, msg);
        }
      state0 = _mm_add_epi32 (state0, abef);
      state1 = _mm_add_epi32 (state1, cdgh);
    }

  tmp = _mm_shuffle_epi32 (state0, 0x1B);          /* FEBA */
  state1 = _mm_shuffle_epi32 (state1, 0xB1);       /* DCHG */
  state0 = _mm_blend_epi16 (tmp, state1, 0xF0);    /* DCBA */
  state1 = _mm_alignr_epi8 (state1, tmp, 8);       /* HGFE */
  _mm_storeu_si128 ((__m128i *) &state[0], state0);
  _mm_storeu_si128 ((__m128i *) &state[4], state1);
}

static gboolean
cpu_has_shani (void)
{
  static gsize once;
  static gboolean has;

  if (g_once_init_enter (&once))
    {
      unsigned int a, b, c, d;

      has = __get_cpuid (1, &a, &b, &c, &d) && (c & bit_SSE4_1) && (c & bit_SSSE3) &&
            __get_cpuid_count (7, 0, &a, &b, &c, &d) && (b & bit_SHA) &&
            g_getenv ("SHZ_NO_SHANI") == NULL;
      g_once_init_leave (&once, 1);
    }
  return has;
}

#else

static gboolean
cpu_has_shani (void)
{
  return FALSE;
}

static void
blocks_shani (guint32      state[8],
              const guint8 *data,
              gsize         n_blocks)
{
  g_assert_not_reached ();
}

#endif

gboolean
shz_sha256_is_accelerated (void)
{
  return cpu_has_shani ();
}

ShzSha256 *
shz_sha256_new (void)
{
  static const guint32 init[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  };
  ShzSha256 *sha = g_new0 (ShzSha256, 1);

  if (cpu_has_shani ())
    memcpy (sha->state, init, sizeof init);
  else
    sha->fallback = g_checksum_new (G_CHECKSUM_SHA256);
  return sha;
}

void
shz_sha256_update (ShzSha256  *sha,
                   const void *data,
                   gsize       len)
{
  const guint8 *p = data;

  if (sha->fallback)
    {
      g_checksum_update (sha->fallback, data, len);
      return;
    }
  sha->total += len;
  if (sha->block_len > 0)
    {
      gsize take = MIN (len, 64 - sha->block_len);

      memcpy (sha->block + sha->block_len, p, take);
      sha->block_len += take;
      p += take;
      len -= take;
      if (sha->block_len < 64)
        return;
      blocks_shani (sha->state, sha->block, 1);
      sha->block_len = 0;
    }
  if (len >= 64)
    {
      blocks_shani (sha->state, p, len / 64);
      p += len & ~(gsize) 63;
      len &= 63;
    }
  memcpy (sha->block, p, len);
  sha->block_len = len;
}

char *
shz_sha256_finish (ShzSha256 *sha)
{
  guint8 pad[128] = { 0x80 };
  guint64 bits;
  gsize pad_len;
  GString *hex;

  if (sha->fallback)
    return g_strdup (g_checksum_get_string (sha->fallback));

  bits = sha->total * 8;
  pad_len = (sha->block_len < 56 ? 56 : 120) - sha->block_len;
  for (int i = 0; i < 8; i++)
    pad[pad_len + i] = (guint8) (bits >> (56 - 8 * i));
  shz_sha256_update (sha, pad, pad_len + 8);
  g_assert (sha->block_len == 0);

  hex = g_string_sized_new (64);
  for (int i = 0; i < 8; i++)
    g_string_append_printf (hex, "%08x", sha->state[i]);
  return g_string_free (hex, FALSE);
}

void
shz_sha256_free (ShzSha256 *sha)
{
  if (sha == NULL)
    return;
  g_clear_pointer (&sha->fallback, g_checksum_free);
  g_free (sha);
}

char *
shz_sha256_file (const char    *path,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(ShzSha256) sha = shz_sha256_new ();
  g_autofree guint8 *buf = g_malloc (1 << 20);
  FILE *f = g_fopen (path, "rb");
  gsize n;

  if (f == NULL)
    {
      int saved = errno;
      g_autofree char *base = g_path_get_basename (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("%s: cannot open: %s"),
                   base, g_strerror (saved));
      return NULL;
    }
  while ((n = fread (buf, 1, 1 << 20, f)) > 0)
    {
      shz_sha256_update (sha, buf, n);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          fclose (f);
          return NULL;
        }
    }
  if (ferror (f))
    {
      g_autofree char *base = g_path_get_basename (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: cannot read"), base);
      fclose (f);
      return NULL;
    }
  fclose (f);
  return shz_sha256_finish (sha);
}
