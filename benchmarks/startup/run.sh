#!/usr/bin/env bash
# Startup benchmark (issue 9): time to the first drawn frame and peak memory of the window,
# on (a) the default store on first start (creates it with the demo engagement), (b) the same
# store warm, (c) a store holding a 1,000,000-row usage dataset — against a bare libadwaita
# window (peer-window.c) measured in the same run.  Prints min and median of RUNS runs.
# Usage: benchmarks/startup/run.sh [BUILD_DIR] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(realpath "${1:-$root/build}")
runs=${2:-7}
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1600x1000x24" dbus-run-session -- "$0" "$build" "$runs"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GSETTINGS_BACKEND=memory GSK_RENDERER=cairo NO_AT_BRIDGE=1
cc -O2 -o "$work/peer" "$here/peer-window.c" $(pkg-config --cflags --libs libadwaita-1)

# run CMD… → prints "ms kib cpu-ms" (first frame, peak RSS, user + system CPU time of the process:
# the steadier figure when other work shares the cores)
measure () {
  local out
  out=$( { /usr/bin/time -f "rss %M cpu %U %S" "$@" ; } 2>&1 )
  local ms kib cpu
  ms=$(echo "$out" | sed -n 's/.*first frame after \([0-9.]*\) ms.*/\1/p' | head -n1)
  kib=$(echo "$out" | sed -n 's/^rss \([0-9]*\) cpu .*$/\1/p' | tail -n1)
  cpu=$(echo "$out" | sed -n 's/^rss [0-9]* cpu \([0-9.]*\) \([0-9.]*\)$/\1 \2/p' | tail -n1 | awk '{printf "%.0f", ($1 + $2) * 1000}')
  echo "${ms:-nan} ${kib:-0} ${cpu:-0}"
}

stats () {  # reads "ms kib cpu" lines → "min median peak-MiB cpu-median"
  local lines
  lines=$(cat)
  printf '%s\n' "$lines" | sort -n | awk '{ms[NR]=$1; if ($2>k) k=$2}
    END { m = (NR % 2) ? ms[(NR+1)/2] : (ms[NR/2]+ms[NR/2+1])/2; printf "%.0f %.0f %.0f", ms[1], m, k/1024 }'
  printf '%s\n' "$lines" | sort -n -k3 | awk '{c[NR]=$3}
    END { printf " %.0f", (NR % 2) ? c[(NR+1)/2] : (c[NR/2]+c[NR/2+1])/2 }'
}

run_case () {  # name, then the command
  local name=$1; shift
  local lines=""
  for _ in $(seq 1 "$runs"); do lines+="$(measure "$@")"$'\n'; done
  printf '%s' "$lines" | grep -v '^nan' | stats
}

echo "startup benchmark: $runs runs each, Xvfb, GSK_RENDERER=cairo"
peer=$(run_case peer "$work/peer")
set -- $peer; peer_med=$2
printf '%-44s min %5s ms  median %5s ms  peak %4s MiB  cpu %4s ms\n' "peer: bare libadwaita window" $peer

# (a) first start: a new data folder every run
first=""
for i in $(seq 1 "$runs"); do
  first+="$(XDG_DATA_HOME="$work/first$i" SHZ_REPORT_FIRST_FRAME=exit measure "$build/src/shuzhi")"$'\n'
done
a=$(printf '%s' "$first" | grep -v '^nan' | stats); set -- $a
printf '%-44s min %5s ms  median %5s ms  peak %4s MiB  cpu %4s ms  ratio %.2f\n' "shuzhi, first start (creates the demo store)" $a "$(echo "$2 / $peer_med" | bc -l)"

# (b) warm default store
b=$(XDG_DATA_HOME="$work/first1" SHZ_REPORT_FIRST_FRAME=exit run_case warm "$build/src/shuzhi"); set -- $b
printf '%-44s min %5s ms  median %5s ms  peak %4s MiB  cpu %4s ms  ratio %.2f\n' "shuzhi, default store" $b "$(echo "$2 / $peer_med" | bc -l)"

# (c) a store with a 1,000,000-row usage dataset
big="$work/big.shuzhi"
csv="$work/usage_1m.csv"
if [ -f "$root/benchmarks/import/gen-usage.py" ]; then
  python3 "$root/benchmarks/import/gen-usage.py" "$csv" 1000000 >/dev/null
  "$build/src/shuzhi" new "$big" --engagement Big >/dev/null
  "$build/src/shuzhi" import "$big" "$csv" --engagement Big --kind usage >/dev/null
  c=$(SHZ_REPORT_FIRST_FRAME=exit XDG_DATA_HOME="$work/first1" run_case big "$build/src/shuzhi" "$big"); set -- $c
  printf '%-44s min %5s ms  median %5s ms  peak %4s MiB  cpu %4s ms  ratio %.2f\n' "shuzhi, store with 1,000,000 rows" $c "$(echo "$2 / $peer_med" | bc -l)"
else
  echo "(c) skipped: benchmarks/import/gen-usage.py is missing"
fi
echo "targets: default store < 400 ms, 1M-row store < 500 ms and < 150 MiB"
