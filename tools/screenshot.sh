#!/usr/bin/env bash
# Take a real screenshot of the Shuzhi window under Xvfb, on a fresh default store (demo engagement).
# Usage: tools/screenshot.sh BUILD_DIR OUTPUT.png [LANG] [VIEW] [KEYS]
#   LANG e.g. en_US.UTF-8 or zh_CN.UTF-8; VIEW overview|data|maturity|network;
#   KEYS: xdotool key names typed into the window before the shot, e.g. "ctrl+m" (a dialog).
set -euo pipefail
build=$(realpath "$1"); out=$(realpath -m "$2"); lang=${3:-en_US.UTF-8}; view=${4:-}; keys=${5:-}
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x860x24" dbus-run-session -- "$0" "$@"
fi
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache"
export GSETTINGS_BACKEND=memory GSK_RENDERER=cairo LANG="$lang" LANGUAGE="${lang%%.*}" LC_ALL="$lang"
export SHZ_REPORT_FIRST_FRAME=1 SHZ_INITIAL_VIEW="$view"
log="$home/log"
"$build/src/shuzhi" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q "first frame" "$log" 2>/dev/null && break; sleep 0.1; done
# Maximise: the first window of a bare X server sits at 0,0 with its default size.
wid=$(timeout 3 xdotool search --pid "$pid" --onlyvisible 2>/dev/null | head -n1 || true)
[ -n "$wid" ] && xdotool windowsize "$wid" 1280 860 windowmove "$wid" 0 0 || true
sleep 1.5
if [ -n "$keys" ] && [ -n "$wid" ]; then
  xdotool windowfocus --sync "$wid" 2>/dev/null || true
  for k in $keys; do xdotool key --window "$wid" "$k"; sleep 0.3; done
  sleep 2
fi
import -window root "$out"
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
echo "wrote $out"
