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
array tab10[10] = [0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf]
# Filled circles as points (pt 7): a point of size 1 has a radius of about 3.05 px in the
# cairo terminals (measured), so ps = radius / 3.05.  Alpha 0.35 = gnuplot transparency 0xA6
# in the colour's top byte.  (`with circles` draws the same picture but writes a 179 MB SVG
# for 100k rows and takes longer: points are gnuplot's fair best.)
plot csv every ::1 using 4:5:((1 + 7 * $6 / 100) / 3.05):(0xA6000000 + tab10[int($3) + 1]) \
     with points pt 7 ps variable lc rgb variable
