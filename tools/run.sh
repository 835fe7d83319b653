#!/usr/bin/env bash
# Build Shuzhi (in ./build) and launch it on its default store — the demo engagement on first start.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/build.ninja ] || meson setup build
ninja -C build
exec build/src/shuzhi "$@"
