# The benchmark's chart spec (TESTING.md) for matplotlib (Agg): 1600×1200, 0–100 axes, one
# filled circle per row of radius 1 + 7·size/100 px, tab10 by industry, alpha 0.35, no outline.
# /usr/bin/python3 scatter.py FILE.csv OUT.png|OUT.svg
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

csv, out = sys.argv[1], sys.argv[2]
d = np.loadtxt(csv, delimiter=",", skiprows=1, usecols=(2, 3, 4, 5))
fig = plt.figure(figsize=(16, 12), dpi=100)
ax = fig.add_axes([0.08, 0.08, 0.90, 0.88])
ax.set_xlim(0, 100)
ax.set_ylim(0, 100)
ax.set_xlabel("maturity")
ax.set_ylabel("innovation")
radius_px = 1 + 7 * d[:, 3] / 100
diameter_pt = 2 * radius_px * 72 / 100          # 100 dpi: 1 px = 0.72 pt
colors = np.array(plt.get_cmap("tab10").colors)[d[:, 0].astype(int) % 10]
ax.scatter(d[:, 1], d[:, 2], s=diameter_pt ** 2, c=colors, alpha=0.35, linewidths=0)
fig.savefig(out)
