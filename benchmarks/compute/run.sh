#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The compute benchmark (not a test): positions from the 1,000,000-row usage benchmark data
# against the sqlite3 shell running the equivalent GROUP BY over the same imported table, in the
# same run; and recompute times.  See benchmarks/README.md.
#
#   benchmarks/compute/run.sh [BUILD_DIR] [RUNS]     (defaults: build, 5)
#
# Uses the import benchmark's usage.csv (generated into $BENCH_DIR, default /tmp/shz-bench-import,
# by benchmarks/import/gen-usage.py when missing), imported once with `shuzhi import`.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
runs=${2:-5}
dir=${BENCH_DIR:-/tmp/shz-bench-import}
shuzhi=$build/src/shuzhi
bench=$build/benchmarks/compute/bench-compute
py=/usr/bin/python3
[ -x "$py" ] || py=python3

command -v sqlite3 >/dev/null || { echo "missing sqlite3 (apt-get install sqlite3)"; exit 1; }
[ -x "$shuzhi" ] || { echo "missing $shuzhi: build it first"; exit 1; }
ninja -C "$build" benchmarks/compute/bench-compute >/dev/null

mkdir -p "$dir"
cd "$dir"
[ -f usage.csv ] || "$py" "$here/../import/gen-usage.py" usage.csv 1000000
if [ ! -f compute.shuzhi ]; then
  "$shuzhi" new compute.shuzhi --engagement Benchmark >/dev/null
  "$shuzhi" import compute.shuzhi usage.csv --engagement Benchmark --kind usage --dataset "usage 1M" >/dev/null
fi
exec "$bench" --store "$dir/compute.shuzhi" --runs "$runs" --shuzhi "$shuzhi"
