/* shz-sha256.h — SHA-256 for provenance: the x86 SHA extensions when the CPU has them
 * (about 4× GLib's portable code, which matters on a 100 MB import), GChecksum otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _ShzSha256 ShzSha256;

ShzSha256 *shz_sha256_new    (void);
void       shz_sha256_update (ShzSha256  *sha,
                              const void *data,
                              gsize       len);
/* The digest as 64 lower-case hex digits (newly allocated); the state is then spent. */
char      *shz_sha256_finish (ShzSha256  *sha);
void       shz_sha256_free   (ShzSha256  *sha);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShzSha256, shz_sha256_free)

/* The hex SHA-256 of a whole file, read in 1 MiB blocks; NULL with an error on failure
 * (G_IO_ERROR_CANCELLED when @cancellable fires). */
char      *shz_sha256_file   (const char    *path,
                              GCancellable  *cancellable,
                              GError       **error);

/* TRUE when the SHA extensions are used (for the benchmark's report). */
gboolean   shz_sha256_is_accelerated (void);

G_END_DECLS
