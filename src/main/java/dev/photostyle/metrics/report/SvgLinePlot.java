package dev.photostyle.metrics.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A minimal inline-SVG line plot (no scripts, no external files): axes with ticks, one polyline per
 * series, a legend. The y axis can be log10-scaled, for losses that fall over decades; non-positive
 * values are then left out (with the rest of the line drawn through the remaining points).
 *
 * <p>Example: {@code String svg = new SvgLinePlot(640, 320, true).render("loss", List.of(series));}
 *
 * @param width total width in px
 * @param height total height in px
 * @param logY whether the y axis is log10-scaled
 */
public record SvgLinePlot(int width, int height, boolean logY) {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};
    private static final int LEFT = 64, RIGHT = 130, TOP = 28, BOTTOM = 40;

    public SvgLinePlot {
        if (width < LEFT + RIGHT + 50 || height < TOP + BOTTOM + 50) throw new IllegalArgumentException("plot too small: " + width + "x" + height);
    }

    /**
     * One line.
     *
     * @param name legend entry
     * @param x x values (e.g. iterations)
     * @param y y values, same length
     */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            Objects.requireNonNull(name, "name");
            if (x.length != y.length) throw new IllegalArgumentException("series " + name + ": " + x.length + " x values but " + y.length + " y values");
            x = x.clone();
            y = y.clone();
        }
    }

    /** The {@code <svg>} element plotting {@code series} under {@code title}. */
    public String render(String title, List<Series> series) {
        double xMin = Double.POSITIVE_INFINITY, xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (!usable(s.x[i], s.y[i])) continue;
                double y = ty(s.y[i]);
                xMin = Math.min(xMin, s.x[i]);
                xMax = Math.max(xMax, s.x[i]);
                yMin = Math.min(yMin, y);
                yMax = Math.max(yMax, y);
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">\n");
        b.append("<text x=\"").append(LEFT).append("\" y=\"18\" font-size=\"13\" font-weight=\"bold\">").append(Html.esc(title)).append("</text>\n");
        if (xMin > xMax) {
            b.append("<text x=\"").append(LEFT).append("\" y=\"").append(height / 2).append("\" font-size=\"12\">no data</text>\n</svg>");
            return b.toString();
        }
        if (xMax == xMin) { xMin -= 0.5; xMax += 0.5; }
        if (yMax == yMin) { yMin -= 0.5; yMax += 0.5; }
        if (logY) { yMin = Math.floor(yMin); yMax = Math.ceil(yMax); }
        int pw = width - LEFT - RIGHT, ph = height - TOP - BOTTOM;
        final double x0 = xMin, x1 = xMax, y0 = yMin, y1 = yMax;
        java.util.function.DoubleUnaryOperator px = x -> LEFT + (x - x0) / (x1 - x0) * pw;
        java.util.function.DoubleUnaryOperator py = y -> TOP + (1 - (y - y0) / (y1 - y0)) * ph;

        b.append("<g font-size=\"11\" fill=\"#333\">\n");
        b.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(pw).append("\" height=\"")
                .append(ph).append("\" fill=\"none\" stroke=\"#999\"/>\n");
        for (double t : ticks(x0, x1)) {
            double x = px.applyAsDouble(t);
            b.append("<line x1=\"").append(Html.coord(x)).append("\" y1=\"").append(TOP + ph).append("\" x2=\"").append(Html.coord(x))
                    .append("\" y2=\"").append(TOP + ph + 4).append("\" stroke=\"#999\"/>");
            b.append("<text x=\"").append(Html.coord(x)).append("\" y=\"").append(TOP + ph + 16).append("\" text-anchor=\"middle\">")
                    .append(Html.num(t)).append("</text>\n");
        }
        List<Double> yTicks = logY ? decades(y0, y1) : ticks(y0, y1);
        for (double t : yTicks) {
            double y = py.applyAsDouble(t);
            b.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(Html.coord(y)).append("\" x2=\"").append(LEFT + pw)
                    .append("\" y2=\"").append(Html.coord(y)).append("\" stroke=\"#eee\"/>");
            String label = logY ? "1e" + (int) Math.round(t) : Html.num(t);
            b.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(Html.coord(y + 4)).append("\" text-anchor=\"end\">")
                    .append(label).append("</text>\n");
        }
        b.append("<text x=\"").append(LEFT + pw / 2).append("\" y=\"").append(height - 6).append("\" text-anchor=\"middle\">iteration</text>\n");
        b.append("</g>\n");

        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            String colour = COLOURS[k % COLOURS.length];
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < s.x.length; i++) {
                if (!usable(s.x[i], s.y[i])) continue;
                if (pts.length() > 0) pts.append(' ');
                pts.append(Html.coord(px.applyAsDouble(s.x[i]))).append(',').append(Html.coord(py.applyAsDouble(ty(s.y[i]))));
            }
            b.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\" points=\"").append(pts)
                    .append("\"><title>").append(Html.esc(s.name)).append("</title></polyline>\n");
            int ly = TOP + 12 + 16 * k;
            b.append("<line x1=\"").append(LEFT + pw + 10).append("\" y1=\"").append(ly - 4).append("\" x2=\"").append(LEFT + pw + 28)
                    .append("\" y2=\"").append(ly - 4).append("\" stroke=\"").append(colour).append("\" stroke-width=\"2\"/>");
            b.append("<text x=\"").append(LEFT + pw + 32).append("\" y=\"").append(ly).append("\" font-size=\"11\">")
                    .append(Html.esc(s.name)).append("</text>\n");
        }
        b.append("</svg>");
        return b.toString();
    }

    private boolean usable(double x, double y) {
        return Double.isFinite(x) && Double.isFinite(y) && (!logY || y > 0);
    }

    private double ty(double y) { return logY ? Math.log10(y) : y; }

    /** About five "nice" (1, 2, 5 x 10^k) ticks within [lo, hi]. */
    static List<Double> ticks(double lo, double hi) {
        double raw = (hi - lo) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        List<Double> t = new ArrayList<>();
        // Multiples of the step, computed (not accumulated) so labels do not drift.
        for (long k = (long) Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) t.add(k == 0 ? 0.0 : k * step);
        return t;
    }

    /** Whole exponents in [lo, hi], thinned to at most about 8. */
    private static List<Double> decades(double lo, double hi) {
        int every = Math.max(1, (int) Math.ceil((hi - lo) / 8));
        List<Double> t = new ArrayList<>();
        for (double e = Math.ceil(lo); e <= hi; e += every) t.add(e);
        return t;
    }
}
