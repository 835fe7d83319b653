# The benchmark's chart spec (TESTING.md) for gnuplot: 1600×1200, 0–100 axes, one filled
# circle per row of radius 1 + 7·size/100 px, tab10 by industry, alpha 0.35, no outline.
# gnuplot -e "csv='p100k.csv'; out='g.png'; term='pngcairo'" scatter.gp
if (!exists("term")) term = "pngcairo"
set terminal term size 1600,1200
set output out
set datafile separator ","
set lmargin at screen 0.08
set rmargin at screen 0.98
set bmargin at screen 0.08
set tmargin at screen 0.96
set xrange [0:100]
set yrange [0:100]
set xlabel "maturity"
set ylabel "innovation"
unset key
set style fill transparent solid 0.35 noborder
array tab10[10] = [0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf]
# radius in x units: the plot is 0.9 × 1600 = 1440 px wide for 100 units
plot csv every ::1 using 4:5:((1 + 7 * $6 / 100) * 100.0 / 1440):(tab10[int($3) + 1]) with circles lc rgb variable
