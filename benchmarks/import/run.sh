#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The import benchmark (not a test): `shuzhi import` against peers measured in the same run on
# the same files, min and median of RUNS runs, peak memory from /usr/bin/time.
#
#   benchmarks/import/run.sh [BUILD_DIR] [RUNS]     (defaults: build, 5)
#
# Files are generated once into $BENCH_DIR (default /tmp/shz-bench-import):
#   usage.csv        1,000,000 rows, ~110 MB, ~10 % quoted fields, Chinese names
#   usage_100k.xlsx  its first 100,000 rows as an Excel-style workbook
# Peers: sqlite3 '.import --csv' into a typed table (schema.sql); gnumeric's ssconvert to CSV.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
runs=${2:-5}
dir=${BENCH_DIR:-/tmp/shz-bench-import}
shuzhi=$(cd "$build" && pwd)/src/shuzhi
py=/usr/bin/python3
[ -x "$py" ] || py=python3

for tool in sqlite3 ssconvert; do
  command -v $tool >/dev/null || { echo "missing $tool (apt-get install sqlite3 gnumeric)"; exit 1; }
done
[ -x /usr/bin/time ] || { echo "missing /usr/bin/time (apt-get install time)"; exit 1; }
[ -x "$shuzhi" ] || { echo "missing $shuzhi: build it first"; exit 1; }

mkdir -p "$dir"
cd "$dir"
[ -f usage.csv ] || "$py" "$here/gen-usage.py" usage.csv 1000000
[ -f usage_100k.xlsx ] || "$py" "$here/gen-xlsx.py" usage.csv usage_100k.xlsx 100000
echo "files: $(du -m usage.csv | cut -f1) MB usage.csv, $(du -k usage_100k.xlsx | cut -f1) KiB usage_100k.xlsx"

# time_one LABEL CMD... : appends "seconds kib cpu-seconds" to $LABEL.times (output dropped)
time_one () {
  label=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$label.t" "$@" >/dev/null 2>"$label.err" || {
    echo "$label failed:"; cat "$label.err"; exit 1; }
  cat "$label.t" >> "$label.times"
}

# stats LABEL: "min median peak cpu-median"
stats () {
  sort -n "$1.times" | awk '{ t[NR] = $1; if ($2 > m) m = $2; print $3 + $4 > "'"$1"'.cpu" }
    END { med = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2;
          printf "%.2f %.2f %.0f ", t[1], med, m / 1024 }'
  sort -n "$1.cpu" | awk '{ c[NR] = $1 }
    END { printf "%.2f\n", (NR % 2) ? c[(NR + 1) / 2] : (c[NR / 2] + c[NR / 2 + 1]) / 2 }'
}

rm -f ./*.times ./*.cpu
i=0
while [ $i -lt "$runs" ]; do
  rm -f bench.shuzhi peer.db out.csv
  "$shuzhi" new bench.shuzhi --engagement bench >/dev/null
  time_one shz-csv "$shuzhi" import bench.shuzhi usage.csv --engagement bench --kind usage
  time_one sqlite3 sqlite3 peer.db ".read $here/schema.sql" ".import --csv --skip 1 usage.csv usage"
  rm -f bench.shuzhi
  "$shuzhi" new bench.shuzhi --engagement bench >/dev/null
  time_one shz-xlsx "$shuzhi" import bench.shuzhi usage_100k.xlsx --engagement bench --kind usage
  time_one ssconvert ssconvert usage_100k.xlsx out.csv
  i=$((i + 1))
done
rm -f bench.shuzhi peer.db out.csv

set -- $(stats shz-csv); sc_min=$1 sc_med=$2 sc_mem=$3 sc_cpu=$4
set -- $(stats sqlite3); pc_min=$1 pc_med=$2 pc_mem=$3 pc_cpu=$4
set -- $(stats shz-xlsx); sx_min=$1 sx_med=$2 sx_mem=$3 sx_cpu=$4
set -- $(stats ssconvert); px_min=$1 px_med=$2 px_mem=$3 px_cpu=$4

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores: above 2, every figure is inflated)"
printf '%-40s %7s %9s %9s %9s\n' "work ($runs runs)" "min s" "median s" "CPU s" "peak MiB"
printf '%-40s %7s %9s %9s %9s\n' "shuzhi import usage.csv (1M rows)" "$sc_min" "$sc_med" "$sc_cpu" "$sc_mem"
printf '%-40s %7s %9s %9s %9s\n' "sqlite3 .import --csv (typed table)" "$pc_min" "$pc_med" "$pc_cpu" "$pc_mem"
printf '%-40s %7s %9s %9s %9s\n' "shuzhi import usage_100k.xlsx" "$sx_min" "$sx_med" "$sx_cpu" "$sx_mem"
printf '%-40s %7s %9s %9s %9s\n' "ssconvert usage_100k.xlsx out.csv" "$px_min" "$px_med" "$px_cpu" "$px_mem"
awk -v a="$sc_med" -v b="$pc_med" -v c="$sx_med" -v d="$px_med" -v m="$sc_mem" 'BEGIN {
  printf "ratio CSV  (median, shuzhi / sqlite3):   %.2f  (target <= 1.0)\n", a / b;
  printf "ratio XLSX (median, shuzhi / ssconvert): %.2f  (target <= 0.5)\n", c / d;
  printf "peak memory of the CSV import: %d MiB (target < 100)\n", m }'
