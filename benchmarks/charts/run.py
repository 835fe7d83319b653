#!/usr/bin/python3
# Chart benchmarks: `shuzhi export` vs gnuplot and matplotlib drawing the same chart spec
# (TESTING.md) from the same 100k and 1M point files, and the canvas redraw.
#
#   ninja -C BUILD src/shuzhi benchmarks/charts/bench-charts
#   /usr/bin/python3 benchmarks/charts/run.py BUILD [--runs N] [--dir /tmp/shz-bench-charts] [--quick]
#
# Prints min/median wall and CPU time of several runs per command, output sizes, and ratios
# (of medians) against each peer measured in the same run, runs interleaved (ours, gnuplot,
# matplotlib, ours, …) so that all meet the same load.  Benchmarks are not tests: nothing
# here fails on speed.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run_once(argv, cwd):
    """Wall time and CPU time (user + sys) of one run.  On a shared, busy machine the CPU time
    is the steadier figure; wall time is what a user waits."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(argv, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def run_interleaved(commands, runs, cwd):
    """Run each command of @commands (name → (argv, runs)) in turn, round after round, so
    that all of them meet the same load; returns name → (wall min, wall median, cpu min,
    cpu median)."""
    walls = {name: [] for name in commands}
    cpus = {name: [] for name in commands}
    for i in range(runs):
        for name, (argv, n) in commands.items():
            if i < n:
                w, c = run_once(argv, cwd)
                walls[name].append(w)
                cpus[name].append(c)
    return {name: (min(walls[name]), statistics.median(walls[name]),
                   min(cpus[name]), statistics.median(cpus[name])) for name in commands}


def size_of(path):
    return os.path.getsize(path) if os.path.exists(path) else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--peer-runs", type=int, default=3, help="runs of the slow peers on 1M points")
    ap.add_argument("--dir", default="/tmp/shz-bench-charts")
    ap.add_argument("--quick", action="store_true", help="100k points only")
    args = ap.parse_args()

    build = os.path.abspath(args.build)
    shuzhi = os.path.join(build, "src", "shuzhi")
    bench = os.path.join(build, "benchmarks", "charts", "bench-charts")
    for exe in (shuzhi, bench):
        if not os.path.exists(exe):
            sys.exit(f"missing {exe}: ninja -C {args.build} src/shuzhi benchmarks/charts/bench-charts")
    gnuplot = shutil.which("gnuplot")
    os.makedirs(args.dir, exist_ok=True)
    d = args.dir

    sizes = [("100k", 100000)] + ([] if args.quick else [("1m", 1000000)])
    results = []   # (label, n, tool, fmt, (wall min, wall median, cpu min, cpu median), bytes)

    for label, n in sizes:
        csv = os.path.join(d, f"p{label}.csv")
        store = os.path.join(d, f"p{label}.shuzhi")
        scratch = os.path.join(d, f"gen{label}.shuzhi")
        if not os.path.exists(csv):
            subprocess.run([bench, "gen", str(n), csv, scratch], check=True)
        # the store a user would have: the CSV imported with `shuzhi import`
        if os.path.exists(store):
            os.unlink(store)
        subprocess.run([shuzhi, "new", store, "--engagement", "bench"], check=True, stderr=subprocess.DEVNULL)
        t0 = time.perf_counter()
        subprocess.run([shuzhi, "import", store, csv, "--engagement", "bench", "--kind", "positions"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print(f"# {label}: shuzhi import of {os.path.basename(csv)} ({size_of(csv) / 1e6:.1f} MB) "
              f"took {time.perf_counter() - t0:.2f} s (once; not in the ratios)", flush=True)

        peer_runs = args.runs if n <= 100000 else args.peer_runs
        for fmt in ("png", "svg"):
            outs = {}
            commands = {}
            outs["shuzhi export"] = os.path.join(d, f"shuzhi-{label}.{fmt}")
            commands["shuzhi export"] = ([shuzhi, "export", store, "--engagement", "bench", "--chart",
                                          "maturity-map", "--output", outs["shuzhi export"]], args.runs)
            if gnuplot:
                outs["gnuplot"] = os.path.join(d, f"gnuplot-{label}.{fmt}")
                term = "pngcairo" if fmt == "png" else "svg"
                commands["gnuplot"] = ([gnuplot, "-e", f"csv='{csv}'; out='{outs['gnuplot']}'; term='{term}'",
                                        os.path.join(HERE, "scatter.gp")], peer_runs)
            if fmt == "png" or n <= 100000:
                outs["matplotlib"] = os.path.join(d, f"matplotlib-{label}.{fmt}")
                commands["matplotlib"] = (["/usr/bin/python3", os.path.join(HERE, "scatter.py"), csv,
                                           outs["matplotlib"]], peer_runs)
            timed = run_interleaved(commands, max(args.runs, peer_runs), d)
            for tool in commands:
                results.append((label, n, tool, fmt, timed[tool], size_of(outs[tool])))
                print(results[-1], flush=True)

    print()
    print("| points | format | tool | wall min s | wall median s | CPU min s | CPU median s | file | "
          "ratio vs gnuplot (wall / CPU) | ratio vs matplotlib (wall / CPU) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for label, n, tool, fmt, t, nbytes in results:
        def ratio(peer):
            if tool != "shuzhi export":
                return ""
            for l2, _, t2, f2, p, _ in results:
                if l2 == label and t2 == peer and f2 == fmt:
                    return f"{t[1] / p[1]:.3f} / {t[3] / p[3]:.3f}"
            return ""
        print(f"| {label} | {fmt} | {tool} | {t[0]:.3f} | {t[1]:.3f} | {t[2]:.3f} | {t[3]:.3f} | "
              f"{nbytes / 1e6:.2f} MB | {ratio('gnuplot')} | {ratio('matplotlib')} |")
    print()
    subprocess.run([bench, "redraw", os.path.join(d, "p100k.shuzhi"), str(max(args.runs, 7))], check=True)


if __name__ == "__main__":
    main()
