#!/usr/bin/env bash
# Build Shuzhi (in ./build-test, warnings as errors) and run every suite — unit, ui, e2e — under
# Xvfb with a session bus; print "N passed, N failed" last.  Exit status 0 only when all passed.
set -uo pipefail
cd "$(dirname "$0")/.."
build=${SHZ_TEST_BUILD:-build-test}
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" --werror --buildtype=debugoptimized || { echo "0 passed, 1 failed"; exit 1; }
fi
ninja -C "$build" || { echo "0 passed, 1 failed"; exit 1; }
rm -f "$build/meson-logs/testlog.json"
# Xvfb outermost, the session bus inside (TESTING.md).
xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- \
  meson test -C "$build" --print-errorlogs --num-processes 2 --timeout-multiplier 3 "$@"
status=$?
python3 - "$build/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
try:
    for line in open(sys.argv[1], encoding="utf-8"):
        r = json.loads(line).get("result")
        if r in ("OK", "EXPECTEDFAIL"): passed += 1
        elif r == "SKIP": skipped += 1
        else: failed += 1
except FileNotFoundError:
    failed += 1
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
exit $status
