#!/usr/bin/env bash
# Install everything Shuzhi needs to build, run and test on Debian 12 (run as root or with sudo).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  build-essential pkg-config meson ninja-build gettext \
  libgtk-4-dev libadwaita-1-dev libsqlite3-dev libxml2-dev libgsf-1-dev \
  desktop-file-utils appstream shared-mime-info \
  xvfb xauth dbus dbus-x11 at-spi2-core fonts-noto-cjk locales \
  python3 python3-gi python3-pyatspi gir1.2-atspi-2.0 \
  poppler-utils imagemagick xdotool sqlite3 \
  clang libclang-rt-14-dev llvm >/dev/null   # fuzzers and sanitizers (tools/hardening.sh)
# The tests and the screenshots run in English and Chinese.
for l in en_US.UTF-8 zh_CN.UTF-8; do
  grep -q "^$l UTF-8" /etc/locale.gen 2>/dev/null || echo "$l UTF-8" >> /etc/locale.gen
done
locale-gen >/dev/null
echo "install-deps: done"
