package dev.assay.report.chart;

import static dev.assay.report.render.Html.esc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * An inline SVG line/scatter chart. Output is deterministic (same input, same bytes) and every
 * label is HTML-escaped. Data points are {@code <circle class="pt">} elements with a
 * {@code <title>} tooltip, so a browser test can count them.
 */
public final class SvgChart {

    /** Axis scales. NINES expects x already in nines (-log10(1-p)) and labels ticks as percentiles. */
    public enum Scale { LINEAR, LOG10, NINES }

    /** How a series is drawn. */
    public enum Mark { LINE, POINTS, LINE_POINTS }

    /**
     * An axis.
     *
     * @param label       axis title (with unit)
     * @param scale       scale type
     * @param format      tick label formatter
     * @param includeZero linear axes only: extend the domain to 0
     */
    public record Axis(String label, Scale scale, DoubleFunction<String> format, boolean includeZero) {
        /** A linear axis starting at zero. */
        public static Axis linear(String label, DoubleFunction<String> format) {
            return new Axis(label, Scale.LINEAR, format, true);
        }

        /** A base-10 logarithmic axis. */
        public static Axis log(String label, DoubleFunction<String> format) {
            return new Axis(label, Scale.LOG10, format, false);
        }

        /** A percentile axis in nines. */
        public static Axis nines(String label) {
            return new Axis(label, Scale.NINES, SvgChart::ninesLabel, true);
        }
    }

    /**
     * A data point.
     *
     * @param x      x in axis units (nines for NINES)
     * @param y      y in axis units
     * @param note   tooltip text
     * @param hollow drawn as an open circle (e.g. an invalid probe)
     */
    public record Point(double x, double y, String note, boolean hollow) {
        /** A filled point without a note. */
        public static Point of(double x, double y) {
            return new Point(x, y, "", false);
        }
    }

    /**
     * A named series.
     *
     * @param name   legend text
     * @param color  CSS colour
     * @param mark   line, points or both
     * @param dashed dashed line
     * @param points data
     */
    public record Series(String name, String color, Mark mark, boolean dashed, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    /**
     * A reference line across the plot (e.g. a latency bound or a saturation rate).
     *
     * @param vertical true for x = at, false for y = at
     * @param at       position in axis units
     * @param label    text at its end
     * @param color    CSS colour
     */
    public record Rule(boolean vertical, double at, String label, String color) {
    }

    /**
     * A highlighted point with a label (e.g. the saturation point).
     *
     * @param x     x
     * @param y     y
     * @param label text beside it
     */
    public record Callout(double x, double y, String label) {
    }

    private static final int W = 640;
    private static final int LEFT = 74;
    private static final int RIGHT = 18;
    private static final int TOP = 34;
    private static final int PLOT_H = 250;
    private static final int BOTTOM = 46;
    private static final int LEGEND_COL = 205;
    private static final int LEGEND_ROW = 18;

    private final String id;
    private final String title;
    private final Axis x;
    private final Axis y;
    private final List<Series> series;
    private final List<Rule> rules;
    private final List<Callout> callouts;

    private SvgChart(Builder b) {
        this.id = b.id;
        this.title = b.title;
        this.x = b.x;
        this.y = b.y;
        this.series = List.copyOf(b.series);
        this.rules = List.copyOf(b.rules);
        this.callouts = List.copyOf(b.callouts);
    }

    /** Starts a chart; {@code id} must be unique within the page (it names the clip path). */
    public static Builder builder(String id, String title) {
        return new Builder(id, title);
    }

    /** Builder. */
    public static final class Builder {
        private final String id;
        private final String title;
        private Axis x = Axis.linear("x", SvgChart::plain);
        private Axis y = Axis.linear("y", SvgChart::plain);
        private final List<Series> series = new ArrayList<>();
        private final List<Rule> rules = new ArrayList<>();
        private final List<Callout> callouts = new ArrayList<>();

        private Builder(String id, String title) {
            this.id = id.replaceAll("[^A-Za-z0-9_-]", "_");
            this.title = title;
        }

        /** Sets the x axis. */
        public Builder x(Axis axis) {
            this.x = axis;
            return this;
        }

        /** Sets the y axis. */
        public Builder y(Axis axis) {
            this.y = axis;
            return this;
        }

        /** Adds a series. */
        public Builder series(Series s) {
            series.add(s);
            return this;
        }

        /** Adds a reference line. */
        public Builder rule(Rule r) {
            rules.add(r);
            return this;
        }

        /** Adds a callout. */
        public Builder callout(Callout c) {
            callouts.add(c);
            return this;
        }

        /** The chart. */
        public SvgChart build() {
            return new SvgChart(this);
        }
    }

    /** Number of drawable points (finite, positive on log axes). */
    public int pointCount() {
        int n = 0;
        for (Series s : series) {
            for (Point p : s.points()) {
                if (usable(x, p.x()) && usable(y, p.y())) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Renders the SVG element. */
    public String render() {
        List<Series> legendItems = series.stream().filter(s -> !s.name().isBlank()).toList();
        int cols = Math.max(1, (W - LEFT) / LEGEND_COL);
        int legendRows = (legendItems.size() + cols - 1) / cols;
        List<String> titleLines = wrap(title, 72);
        int top = TOP + (titleLines.size() - 1) * 16;
        int height = top + PLOT_H + BOTTOM + legendRows * LEGEND_ROW + (legendRows > 0 ? 6 : 0);
        int plotW = W - LEFT - RIGHT;

        Domain dx = domain(x, true);
        Domain dy = domain(y, false);
        StringBuilder b = new StringBuilder(4096);
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(W).append(' ')
                .append(height).append("\" role=\"img\" aria-labelledby=\"").append(id).append("-t\" data-points=\"")
                .append(pointCount()).append("\">");
        b.append("<title id=\"").append(id).append("-t\">").append(esc(title)).append("</title>");
        b.append("<defs><clipPath id=\"").append(id).append("-clip\"><rect x=\"").append(LEFT).append("\" y=\"")
                .append(top).append("\" width=\"").append(plotW).append("\" height=\"").append(PLOT_H)
                .append("\"/></clipPath></defs>");
        for (int i = 0; i < titleLines.size(); i++) {
            b.append("<text class=\"ct\" x=\"10\" y=\"").append(20 + 16 * i).append("\">").append(esc(titleLines.get(i)))
                    .append("</text>");
        }
        b.append("<rect class=\"pa\" x=\"").append(LEFT).append("\" y=\"").append(top).append("\" width=\"")
                .append(plotW).append("\" height=\"").append(PLOT_H).append("\"/>");

        // grid and ticks
        for (double t : dx.ticks) {
            double px = LEFT + dx.frac(t) * plotW;
            b.append("<line class=\"g\" x1=\"").append(f(px)).append("\" y1=\"").append(top).append("\" x2=\"")
                    .append(f(px)).append("\" y2=\"").append(top + PLOT_H).append("\"/>");
            b.append("<text class=\"tx\" x=\"").append(f(px)).append("\" y=\"").append(top + PLOT_H + 16)
                    .append("\" text-anchor=\"middle\">").append(esc(x.format().apply(t))).append("</text>");
        }
        for (double t : dy.ticks) {
            double py = top + PLOT_H - dy.frac(t) * PLOT_H;
            b.append("<line class=\"g\" x1=\"").append(LEFT).append("\" y1=\"").append(f(py)).append("\" x2=\"")
                    .append(LEFT + plotW).append("\" y2=\"").append(f(py)).append("\"/>");
            b.append("<text class=\"ty\" x=\"").append(LEFT - 6).append("\" y=\"").append(f(py + 4))
                    .append("\" text-anchor=\"end\">").append(esc(y.format().apply(t))).append("</text>");
        }
        b.append("<text class=\"al\" x=\"").append(LEFT + plotW / 2).append("\" y=\"").append(top + PLOT_H + 36)
                .append("\" text-anchor=\"middle\">").append(esc(x.label())).append("</text>");
        b.append("<text class=\"al\" transform=\"translate(14 ").append(top + PLOT_H / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(esc(y.label())).append("</text>");

        b.append("<g clip-path=\"url(#").append(id).append("-clip)\">");
        for (Rule r : rules) {
            if (r.vertical() && usable(x, r.at())) {
                double px = LEFT + dx.frac(r.at()) * plotW;
                b.append("<line class=\"rule\" stroke=\"").append(esc(r.color())).append("\" x1=\"").append(f(px))
                        .append("\" y1=\"").append(top).append("\" x2=\"").append(f(px)).append("\" y2=\"")
                        .append(top + PLOT_H).append("\"/>");
                b.append("<text class=\"rl\" fill=\"").append(esc(r.color())).append("\" x=\"").append(f(px - 4))
                        .append("\" y=\"").append(top + 12).append("\" text-anchor=\"end\">").append(esc(r.label()))
                        .append("</text>");
            } else if (!r.vertical() && usable(y, r.at())) {
                double py = top + PLOT_H - dy.frac(r.at()) * PLOT_H;
                b.append("<line class=\"rule\" stroke=\"").append(esc(r.color())).append("\" x1=\"").append(LEFT)
                        .append("\" y1=\"").append(f(py)).append("\" x2=\"").append(LEFT + plotW).append("\" y2=\"")
                        .append(f(py)).append("\"/>");
                b.append("<text class=\"rl\" fill=\"").append(esc(r.color())).append("\" x=\"").append(LEFT + 6)
                        .append("\" y=\"").append(f(py - 4)).append("\">").append(esc(r.label())).append("</text>");
            }
        }
        for (Series s : series) {
            if (s.mark() != Mark.POINTS) {
                for (List<double[]> seg : segments(s, dx, dy, plotW, top)) {
                    if (seg.size() < 2) {
                        continue;
                    }
                    b.append("<polyline class=\"ln\" fill=\"none\" stroke=\"").append(esc(s.color())).append('"');
                    if (s.dashed()) {
                        b.append(" stroke-dasharray=\"6 4\"");
                    }
                    b.append(" points=\"");
                    for (int i = 0; i < seg.size(); i++) {
                        if (i > 0) {
                            b.append(' ');
                        }
                        b.append(f(seg.get(i)[0])).append(',').append(f(seg.get(i)[1]));
                    }
                    b.append("\"/>");
                }
            }
        }
        b.append("</g>");
        for (Series s : series) {
            if (s.mark() == Mark.LINE) {
                continue;
            }
            for (Point p : s.points()) {
                if (!usable(x, p.x()) || !usable(y, p.y())) {
                    continue;
                }
                double px = LEFT + dx.frac(p.x()) * plotW;
                double py = top + PLOT_H - dy.frac(p.y()) * PLOT_H;
                b.append("<circle class=\"pt\" cx=\"").append(f(px)).append("\" cy=\"").append(f(py))
                        .append("\" r=\"3.5\" stroke=\"").append(esc(s.color())).append("\" fill=\"")
                        .append(p.hollow() ? "#fff" : esc(s.color())).append("\">");
                String note = p.note().isBlank() ? s.name() : s.name() + ": " + p.note();
                b.append("<title>").append(esc(note)).append("</title></circle>");
            }
        }
        for (Callout c : callouts) {
            if (!usable(x, c.x()) || !usable(y, c.y())) {
                continue;
            }
            double px = LEFT + dx.frac(c.x()) * plotW;
            double py = top + PLOT_H - dy.frac(c.y()) * PLOT_H;
            b.append("<circle class=\"co\" cx=\"").append(f(px)).append("\" cy=\"").append(f(py))
                    .append("\" r=\"8\"/>");
            boolean leftSide = px > LEFT + plotW * 0.6;
            b.append("<text class=\"cl\" x=\"").append(f(leftSide ? px - 12 : px + 12)).append("\" y=\"")
                    .append(f(py - 10)).append("\"").append(leftSide ? " text-anchor=\"end\"" : "").append(">")
                    .append(esc(c.label())).append("</text>");
        }
        // legend
        int ly = top + PLOT_H + BOTTOM + 4;
        for (int i = 0; i < legendItems.size(); i++) {
            Series s = legendItems.get(i);
            int lx = LEFT + (i % cols) * LEGEND_COL;
            int yy = ly + (i / cols) * LEGEND_ROW;
            if (s.mark() == Mark.POINTS) {
                b.append("<circle cx=\"").append(lx + 9).append("\" cy=\"").append(yy - 4).append("\" r=\"4\" fill=\"")
                        .append(esc(s.color())).append("\"/>");
            } else {
                b.append("<line class=\"lg\" x1=\"").append(lx).append("\" y1=\"").append(yy - 4).append("\" x2=\"")
                        .append(lx + 18).append("\" y2=\"").append(yy - 4).append("\" stroke=\"").append(esc(s.color()))
                        .append('"').append(s.dashed() ? " stroke-dasharray=\"5 3\"" : "").append("/>");
            }
            String name = s.name().length() > 30 ? s.name().substring(0, 29) + "…" : s.name();
            b.append("<text class=\"lt\" x=\"").append(lx + 24).append("\" y=\"").append(yy).append("\"><title>")
                    .append(esc(s.name())).append("</title>").append(esc(name)).append("</text>");
        }
        b.append("</svg>");
        return b.toString();
    }

    private List<List<double[]>> segments(Series s, Domain dx, Domain dy, int plotW, int top) {
        List<List<double[]>> out = new ArrayList<>();
        List<double[]> cur = new ArrayList<>();
        for (Point p : s.points()) {
            if (!usable(x, p.x()) || !usable(y, p.y())) {
                if (!cur.isEmpty()) {
                    out.add(cur);
                    cur = new ArrayList<>();
                }
                continue;
            }
            cur.add(new double[] {LEFT + dx.frac(p.x()) * plotW, top + PLOT_H - dy.frac(p.y()) * PLOT_H});
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    private static boolean usable(Axis a, double v) {
        return Double.isFinite(v) && (a.scale() != Scale.LOG10 || v > 0);
    }

    /** A resolved axis domain with its ticks. */
    private record Domain(Scale scale, double lo, double hi, List<Double> ticks) {
        double frac(double v) {
            if (scale == Scale.LOG10) {
                return (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
            }
            return (v - lo) / (hi - lo);
        }
    }

    private Domain domain(Axis a, boolean isX) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (Point p : s.points()) {
                double v = isX ? p.x() : p.y();
                double other = isX ? p.y() : p.x();
                if (usable(a, v) && usable(isX ? y : x, other)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        for (Rule r : rules) {
            if (r.vertical() == isX && usable(a, r.at())) {
                lo = Math.min(lo, r.at());
                hi = Math.max(hi, r.at());
            }
        }
        if (lo == Double.POSITIVE_INFINITY) {
            lo = a.scale() == Scale.LOG10 ? 1 : 0;
            hi = a.scale() == Scale.LOG10 ? 10 : 1;
        }
        return switch (a.scale()) {
            case LOG10 -> logDomain(lo, hi);
            case NINES -> ninesDomain(hi);
            case LINEAR -> linearDomain(a.includeZero() ? Math.min(0, lo) : lo, a.includeZero() ? Math.max(0, hi) : hi);
        };
    }

    private static Domain linearDomain(double lo, double hi) {
        if (hi - lo <= 0) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double raw = (hi - lo) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / mag;
        double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
        double start = Math.floor(lo / step) * step;
        double end = Math.ceil(hi / step) * step;
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; start + i * step <= end + step * 1e-9; i++) {
            ticks.add(clean(start + i * step));
        }
        return new Domain(Scale.LINEAR, start, end, ticks);
    }

    private static Domain logDomain(double lo, double hi) {
        double dlo = Math.floor(Math.log10(lo));
        double dhi = Math.ceil(Math.log10(hi));
        if (dhi <= dlo) {
            dhi = dlo + 1;
        }
        List<Double> ticks = new ArrayList<>();
        boolean minor = dhi - dlo <= 2;
        for (double d = dlo; d <= dhi; d++) {
            double base = Math.pow(10, d);
            ticks.add(clean(base));
            if (minor && d < dhi) {
                ticks.add(clean(2 * base));
                ticks.add(clean(5 * base));
            }
        }
        return new Domain(Scale.LOG10, Math.pow(10, dlo), Math.pow(10, dhi), ticks);
    }

    private static Domain ninesDomain(double hi) {
        double top = Math.max(1, Math.ceil(hi - 1e-9));
        List<Double> ticks = new ArrayList<>();
        ticks.add(0.0);
        ticks.add(Math.log10(2)); // the median, nines = 0.301
        for (int i = 1; i <= top; i++) {
            ticks.add((double) i);
        }
        return new Domain(Scale.NINES, 0, top, ticks);
    }

    private static double clean(double v) {
        return v == 0 ? 0 : new BigDecimal(v).round(new MathContext(12, RoundingMode.HALF_EVEN)).doubleValue();
    }

    /** Splits text into at most two lines of about {@code width} characters, at spaces. */
    static List<String> wrap(String text, int width) {
        if (text.length() <= width) {
            return List.of(text);
        }
        int cut = text.lastIndexOf(' ', width);
        if (cut <= width / 2) {
            cut = width;
        }
        String rest = text.substring(cut).trim();
        if (rest.length() > width) {
            rest = rest.substring(0, width - 1) + "…";
        }
        return List.of(text.substring(0, cut).trim(), rest);
    }

    /** Percentile label of a nines value: 0 → "0%", 1 → "90%", 3 → "99.9%". */
    public static String ninesLabel(double nines) {
        double p = 100 * (1 - Math.pow(10, -nines));
        BigDecimal b = new BigDecimal(p).round(new MathContext(Math.max(2, (int) Math.ceil(nines) + 1),
                RoundingMode.HALF_EVEN)).stripTrailingZeros();
        return (p < 0.5 ? "0" : b.toPlainString()) + "%";
    }

    /** Converts a percentile fraction (0.99) to nines (2.0). */
    public static double nines(double p) {
        return -Math.log10(1 - p);
    }

    private static String plain(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
