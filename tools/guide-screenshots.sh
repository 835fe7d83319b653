#!/usr/bin/env bash
# Regenerate every screenshot of README.md and the user's guide from the real window under Xvfb:
# the README's main screenshots (the demo's maturity map, English and Chinese) and, by running the
# end-to-end workflow test with SHZ_GUIDE_SHOTS, one picture per step of docs/guide*.md.
# Usage: tools/guide-screenshots.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build}")
ninja -C "$build" >/dev/null
tools/screenshot.sh "$build" docs/screenshot-en.png en_US.UTF-8 maturity
tools/screenshot.sh "$build" docs/screenshot-zh_CN.png zh_CN.UTF-8 maturity
for lang in en_US.UTF-8 zh_CN.UTF-8; do
  short=${lang%%.*}; short=${short%_US}
  rm -rf "docs/guide/$short"
  SHZ_BUILD_ROOT="$build" SHZ_GUIDE_SHOTS="docs/guide/$short" \
    xvfb-run -a -s "-screen 0 1280x860x24" dbus-run-session -- /usr/bin/python3 tests/e2e/test_workflow.py "$lang"
done
# The value network of the demo, for the guide's last section.
tools/screenshot.sh "$build" docs/guide/en/07-value-network.png en_US.UTF-8 network
tools/screenshot.sh "$build" docs/guide/zh_CN/07-value-network.png zh_CN.UTF-8 network
echo "screenshots written under docs/"
