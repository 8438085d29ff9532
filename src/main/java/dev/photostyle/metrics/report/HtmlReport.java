package dev.photostyle.metrics.report;

import dev.photostyle.io.AtomicOutput;
import dev.photostyle.metrics.EvalResult;
import dev.photostyle.metrics.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Renders a batch run as one self-contained HTML page (inline CSS and SVG, no scripts): a summary
 * table (mean of each metric for ours and the reference, and on how many pairs ours is better, in
 * the direction {@link Metric} documents), then per pair the content, style, both masks, our result
 * and the reference result (linked as separate files, relative to the report's folder), a metrics
 * table (ours vs reference) and one loss plot per {@link LossCurve}.
 *
 * <p>Example: {@code HtmlReport.write(outDir.resolve("report.html"), pairs, HtmlReport.Options.DEFAULT);}
 */
public final class HtmlReport {
    /**
     * Rendering options.
     *
     * @param title page title
     * @param logLossScale plot losses on a log10 y axis
     */
    public record Options(String title, boolean logLossScale) {
        public static final Options DEFAULT = new Options("photostyle batch report", true);

        public Options {
            Objects.requireNonNull(title, "title");
        }
    }

    private HtmlReport() {}

    /** Renders {@code pairs} and writes the page to {@code htmlFile} atomically. */
    public static void write(Path htmlFile, List<PairReport> pairs, Options options) throws IOException {
        Path dir = htmlFile.toAbsolutePath().normalize().getParent();
        AtomicOutput.writeString(htmlFile, render(dir, pairs, options));
    }

    /** The page for a report that will live in {@code reportDir} (image links are relative to it). */
    public static String render(Path reportDir, List<PairReport> pairs, Options options) {
        Path base = reportDir.toAbsolutePath().normalize();
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(Html.esc(options.title())).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:1.5em;color:#222}")
                .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}td.better{font-weight:bold;background:#e8f5e9}")
                .append("figure{display:inline-block;margin:4px;text-align:center}figure img{max-width:220px;max-height:220px}")
                .append("figcaption{font-size:12px}section{border-top:2px solid #ddd;margin-top:1.5em}")
                .append("\n</style>\n</head>\n<body>\n<h1>").append(Html.esc(options.title())).append("</h1>\n");
        summary(b, pairs);
        for (PairReport p : pairs) pair(b, base, p, options);
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private static void summary(StringBuilder b, List<PairReport> pairs) {
        ReportSummary s = ReportSummary.of(pairs);
        b.append("<h2>Summary (").append(pairs.size()).append(" pairs)</h2>\n<table class=\"summary\">\n")
                .append("<tr><th>metric</th><th>better</th><th>mean ours</th><th>mean reference</th><th>ours better</th><th>ties</th></tr>\n");
        for (ReportSummary.Row r : s.rows()) {
            Metric m = r.metric();
            b.append("<tr data-metric=\"").append(m.key()).append("\"><td>").append(Html.esc(m.label())).append("</td><td>")
                    .append(m.higherIsBetter() ? "higher" : "lower").append("</td><td>").append(Html.num(r.meanOurs()))
                    .append("</td><td>").append(Html.num(r.meanReference())).append("</td><td class=\"wins\">").append(r.wins())
                    .append(" / ").append(r.compared()).append("</td><td>").append(r.ties()).append("</td></tr>\n");
        }
        b.append("</table>\n<p>\"ours better\": pairs on which our value is strictly better than the reference's, out of the pairs where both exist.</p>\n");
    }

    private static void pair(StringBuilder b, Path base, PairReport p, Options options) {
        b.append("<section id=\"").append(Html.esc("pair-" + p.name())).append("\">\n<h2>").append(Html.esc(p.name())).append("</h2>\n<div>\n");
        figure(b, base, p.content(), "content");
        figure(b, base, p.style(), "style");
        figure(b, base, p.contentMask(), "content mask");
        figure(b, base, p.styleMask(), "style mask");
        figure(b, base, p.result(), "ours");
        figure(b, base, p.reference(), "reference");
        b.append("</div>\n");
        metrics(b, p.ours(), p.referenceMetrics());
        for (LossCurve c : p.lossCurves()) b.append("<div>").append(lossPlot(c, options.logLossScale())).append("</div>\n");
        b.append("</section>\n");
    }

    private static void figure(StringBuilder b, Path base, Path image, String caption) {
        if (image == null) return;
        String href = relativeUrl(base, image);
        b.append("<figure><a href=\"").append(href).append("\"><img src=\"").append(href).append("\" alt=\"")
                .append(Html.esc(caption)).append("\"></a><figcaption>").append(Html.esc(caption)).append("</figcaption></figure>\n");
    }

    private static void metrics(StringBuilder b, EvalResult ours, EvalResult ref) {
        b.append("<table class=\"metrics\">\n<tr><th>metric</th><th>ours</th><th>reference</th></tr>\n");
        for (Metric m : Metric.values()) {
            Double o = m.value(ours), r = m.value(ref);
            boolean oursBetter = o != null && r != null && m.better(o, r);
            boolean refBetter = o != null && r != null && m.better(r, o);
            b.append("<tr><td>").append(Html.esc(m.label())).append(m.higherIsBetter() ? " &uarr;" : " &darr;").append("</td><td")
                    .append(oursBetter ? " class=\"better\"" : "").append('>').append(Html.num(o)).append("</td><td")
                    .append(refBetter ? " class=\"better\"" : "").append('>').append(Html.num(r)).append("</td></tr>\n");
        }
        b.append("<tr><td>size</td><td>").append(ours.width()).append('x').append(ours.height())
                .append(ours.resampled() ? " (resampled)" : "").append("</td><td>")
                .append(ref == null ? "&ndash;" : ref.width() + "x" + ref.height() + (ref.resampled() ? " (resampled)" : ""))
                .append("</td></tr>\n</table>\n");
    }

    /** The SVG plot of one loss curve: the total and every term that appears in it. */
    static String lossPlot(LossCurve c, boolean logY) {
        Set<String> names = new LinkedHashSet<>();
        for (LossPoint p : c.points()) names.addAll(p.terms().keySet());
        int n = c.points().size();
        double[] x = new double[n], total = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = c.points().get(i).iteration();
            total[i] = c.points().get(i).total();
        }
        List<SvgLinePlot.Series> series = new ArrayList<>();
        series.add(new SvgLinePlot.Series("total", x, total));
        for (String name : names) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) y[i] = c.points().get(i).terms().getOrDefault(name, Double.NaN);
            series.add(new SvgLinePlot.Series(name, x, y));
        }
        return new SvgLinePlot(720, 300, logY).render(c.name(), series);
    }

    /** {@code image} as a URL relative to {@code base}, segments percent-encoded. */
    static String relativeUrl(Path base, Path image) {
        Path rel = base.relativize(image.toAbsolutePath().normalize());
        StringBuilder u = new StringBuilder();
        for (Path seg : rel) {
            if (u.length() > 0) u.append('/');
            u.append(Html.encodeSegment(seg.toString()));
        }
        return u.toString();
    }
}
