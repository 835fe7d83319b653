#!/usr/bin/env bash
# Hardening run (issue 8, docs/hardening.md): build Shuzhi with AddressSanitizer and
# UndefinedBehaviorSanitizer (gcc, leak detection on) and run the unit suite under them; then
# build the libFuzzer harnesses (clang) and run each for a fixed number of inputs.  Any crash,
# leak, timeout or out-of-memory fails.  Writes "N passed, N failed" to the counts file (and
# prints it last); exit status 0 only when everything passed.
#
#   tools/hardening.sh                       both parts, CI budget (about 2 minutes of fuzzing)
#   tools/hardening.sh --fuzz-only --fuzz-seconds 900 --corpus DIR    a long run, corpus kept
#
# Environment: SHZ_HARD_ASAN_BUILD, SHZ_HARD_FUZZ_BUILD (build folders), SHZ_HARD_COUNTS.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD

asan_build=${SHZ_HARD_ASAN_BUILD:-build-hard-asan}
fuzz_build=${SHZ_HARD_FUZZ_BUILD:-build-hard-fuzz}
counts=${SHZ_HARD_COUNTS:-$root/$asan_build-counts.txt}
do_asan=1 do_fuzz=1
fuzz_seconds=""      # per harness; empty: the CI budget below
corpus_root=""       # keep the grown corpora here (default: a temporary folder)
harnesses="csv xlsx ods store catalogue"

while [ $# -gt 0 ]; do
  case $1 in
    --sanitizers-only) do_fuzz=0 ;;
    --fuzz-only) do_asan=0 ;;
    --fuzz-seconds) fuzz_seconds=$2; shift ;;
    --corpus) corpus_root=$2; shift ;;
    --harnesses) harnesses=$2; shift ;;
    --counts) counts=$2; shift ;;
    *) echo "usage: $0 [--sanitizers-only|--fuzz-only] [--fuzz-seconds N] [--corpus DIR] [--harnesses 'csv …'] [--counts FILE]" >&2
       exit 2 ;;
  esac
  shift
done

passed=0 failed=0
pass () { passed=$((passed + 1)); echo "hardening: PASS $*"; }
fail () { failed=$((failed + 1)); echo "hardening: FAIL $*"; }
finish () {
  mkdir -p "$(dirname "$counts")"
  echo "$passed passed, $failed failed" > "$counts"
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}

ncpu=$(nproc 2>/dev/null || echo 2)
supp=$root/tests/fuzz/lsan-suppressions.txt
# Leaks on (full stacks, so that the suppressions of third-party caches match exactly), every
# UBSan report fatal; GLib's slice allocator off so ASan sees each block.
export ASAN_OPTIONS="detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export G_SLICE=always-malloc

# ---- 1. the unit suite under ASan + UBSan (gcc) ----
if [ "$do_asan" = 1 ]; then
  t0=$SECONDS
  if [ ! -f "$asan_build/build.ninja" ]; then
    CC=${SHZ_HARD_CC:-gcc} meson setup "$asan_build" --werror --buildtype=debugoptimized \
      -Db_sanitize=address,undefined -Db_lundef=false >/dev/null \
      || { fail "asan: meson setup"; finish; }
  fi
  if ! ninja -C "$asan_build" >/dev/null; then
    ninja -C "$asan_build" 2>&1 | grep -E "error|FAILED" | head -20
    fail "asan: build"
    finish
  fi
  rm -f "$asan_build/meson-logs/testlog.json"
  # ASan's shadow memory makes each test slower: more time, fewer at once.
  meson test -C "$asan_build" --suite unit --print-errorlogs --num-processes "$ncpu" \
    --timeout-multiplier 6 >/dev/null 2>"$asan_build/hardening-stderr.txt"
  read -r p f < <(python3 - "$asan_build/meson-logs/testlog.json" <<'PY'
import json, sys
p = f = 0
try:
    for line in open(sys.argv[1], encoding="utf-8"):
        r = json.loads(line)
        if r.get("result") in ("OK", "EXPECTEDFAIL", "SKIP"): p += 1
        else:
            f += 1
            print(f"hardening: FAIL asan: {r.get('name')} ({r.get('result')})", file=sys.stderr)
except FileNotFoundError:
    f += 1
print(p, f)
PY
)
  passed=$((passed + p)) failed=$((failed + f))
  echo "hardening: unit suite under ASan+UBSan: $p passed, $f failed ($((SECONDS - t0)) s)"
  [ "$f" -gt 0 ] && echo "hardening: see $asan_build/meson-logs/testlog.txt"
fi

# ---- 2. the fuzzers (clang, libFuzzer) ----
if [ "$do_fuzz" = 1 ]; then
  t0=$SECONDS
  if ! command -v clang >/dev/null; then
    fail "fuzz: clang is not installed (tools/install-deps.sh installs it)"
    finish
  fi
  if [ ! -f "$fuzz_build/build.ninja" ]; then
    CC=clang meson setup "$fuzz_build" --buildtype=debugoptimized -Dfuzzing=true \
      -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=false \
      -Dc_args=-Wno-unknown-warning-option >/dev/null \
      || { fail "fuzz: meson setup"; finish; }
  fi
  targets="tests/fuzz/make-seeds"
  for h in $harnesses; do targets="$targets tests/fuzz/fuzz-$h"; done
  if ! ninja -C "$fuzz_build" $targets >/dev/null; then
    ninja -C "$fuzz_build" $targets 2>&1 | grep -E "error|FAILED" | head -20
    fail "fuzz: build"
    finish
  fi
  seeds=$root/$fuzz_build/fuzz-seeds
  rm -rf "$seeds"
  "$fuzz_build/tests/fuzz/make-seeds" "$seeds" "$root/data/catalogues" >/dev/null \
    || { fail "fuzz: make-seeds"; finish; }
  if [ -z "$corpus_root" ]; then
    corpus_root=$(mktemp -d /tmp/shz-corpus-XXXXXX)
    trap 'rm -rf "$corpus_root"' EXIT
  fi
  artifacts=$root/$fuzz_build/fuzz-artifacts
  mkdir -p "$artifacts"
  for h in $harnesses; do
    # CI: a fixed number of inputs each (a fixed seed, so a run can be repeated), with a time
    # cap; per-harness counts because their speeds differ (see docs/hardening.md).
    case $h in
      csv) runs=2500 ;; xlsx) runs=2000 ;; ods) runs=3000 ;; store) runs=4000 ;; *) runs=150000 ;;
    esac
    secs=${fuzz_seconds:-25}
    [ -n "$fuzz_seconds" ] && runs=-1
    mkdir -p "$corpus_root/$h"
    # libFuzzer stops at a corpus folder that does not exist (git keeps no empty folder)
    dirs=("$corpus_root/$h" "$seeds/$h")
    [ -d "$root/tests/fuzz/regressions/$h" ] && dirs+=("$root/tests/fuzz/regressions/$h")
    log=$root/$fuzz_build/fuzz-$h.log
    (cd "$artifacts" && "$root/$fuzz_build/tests/fuzz/fuzz-$h" \
       -seed=${SHZ_FUZZ_SEED:-1} -runs=$runs -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
       -max_len=65536 -detect_leaks=1 -print_final_stats=1 -artifact_prefix="$artifacts/$h-" \
       "${dirs[@]}" >"$log" 2>&1)
    rc=$?
    stats=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1)
    [ -z "$stats" ] && stats=$(grep -E '^#[0-9]+' "$log" | tail -1)
    if [ $rc -eq 0 ]; then
      pass "fuzz-$h: $stats"
    else
      fail "fuzz-$h (exit $rc): $(grep -E 'ERROR: |SUMMARY|Test unit written' "$log" | head -3 | tr '\n' ' ')"
      tail -40 "$log"
    fi
  done
  echo "hardening: fuzzing took $((SECONDS - t0)) s; logs in $fuzz_build/fuzz-*.log"
fi

finish
