package dev.photostyle.metrics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.ImageFiles;
import dev.photostyle.metrics.EvalResult;
import dev.photostyle.metrics.Metric;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static EvalResult metrics(double ssim, Double style, double colour, Double leakMean) {
        return new EvalResult(ssim, ssim, style, colour, 1e-5, null, null, leakMean, leakMean == null ? null : (int) Math.ceil(leakMean),
                leakMean == null ? 0 : 10, 4, 4, 4, 4, false, List.of());
    }

    private static Path png(Path dir, String name, float v) throws Exception {
        Path p = dir.resolve(name);
        ImageFiles.write(FloatImage.filled(4, 4, 3, v), p);
        return p;
    }

    private static List<LossCurve> curve() {
        List<LossPoint> pts = new ArrayList<>();
        for (int i = 0; i <= 100; i += 10) {
            Map<String, Double> t = new LinkedHashMap<>();
            t.put("content", 10.0 / (1 + i));
            t.put("style", 1000.0 / (1 + i * i));
            pts.add(new LossPoint(i, t.get("content") + t.get("style"), t));
        }
        return List.of(new LossCurve("stage <1>", pts));
    }

    @Test
    void rendersEveryImageAndCountsWins(@TempDir Path tmp) throws Exception {
        Path images = Files.createDirectories(tmp.resolve("in put"));
        Path out = Files.createDirectories(tmp.resolve("report"));
        List<PairReport> pairs = new ArrayList<>();
        List<Path> expected = new ArrayList<>();
        // Pair a: ours better on SSIM and colour, worse on leakage; pair b: ours worse on SSIM,
        // equal colour; pair c: no reference at all.
        EvalResult[][] m = {
            {metrics(0.9, 2.0, 3.0, 0.5), metrics(0.8, 1.0, 4.0, 0.2)},
            {metrics(0.7, null, 5.0, null), metrics(0.75, null, 5.0, null)},
            {metrics(0.6, null, 6.0, null), null},
        };
        String[] names = {"a", "b", "c"};
        for (int i = 0; i < 3; i++) {
            String n = names[i];
            Path c = png(images, n + "_content.png", 0.1f), s = png(images, n + "_style.png", 0.2f);
            Path cm = png(images, n + "_cmask.png", 0.3f), sm = png(images, n + "_smask.png", 0.4f);
            Path r = png(out, n + "_ours.png", 0.5f);
            Path ref = i < 2 ? png(images, n + "_ref.png", 0.6f) : null;
            expected.addAll(List.of(c, s, cm, sm, r));
            if (ref != null) expected.add(ref);
            pairs.add(new PairReport(n, c, s, cm, sm, r, ref, m[i][0], m[i][1], i == 0 ? curve() : List.of()));
        }
        Path html = out.resolve("report.html");
        HtmlReport.write(html, pairs, HtmlReport.Options.DEFAULT);
        String page = Files.readString(html);

        Set<Path> referenced = new TreeSet<>();
        Matcher mt = Pattern.compile("(?:src|href)=\"([^\"#]+)\"").matcher(page);
        while (mt.find()) {
            Path p = out.resolve(URLDecoder.decode(mt.group(1), StandardCharsets.UTF_8)).normalize();
            assertTrue(Files.isRegularFile(p), "referenced file missing: " + mt.group(1));
            referenced.add(p);
        }
        for (Path e : expected) assertTrue(referenced.contains(e.normalize()), "not referenced: " + e);
        assertEquals(expected.size(), referenced.size());
        assertTrue(page.contains("in%20put/"), "spaces must be percent-encoded");
        assertFalse(page.contains("<script"));

        ReportSummary s = ReportSummary.of(pairs);
        assertEquals(1, s.row(Metric.SSIM).wins());
        assertEquals(2, s.row(Metric.SSIM).compared());
        assertEquals((0.9 + 0.7 + 0.6) / 3, s.row(Metric.SSIM).meanOurs(), 1e-12);
        assertEquals((0.8 + 0.75) / 2, s.row(Metric.SSIM).meanReference(), 1e-12);
        assertEquals(1, s.row(Metric.COLOUR_DISTANCE).wins());
        assertEquals(1, s.row(Metric.COLOUR_DISTANCE).ties());
        assertEquals(0, s.row(Metric.LEAKAGE_MEAN).wins()); // lower is better: 0.5 vs 0.2 loses
        assertEquals(1, s.row(Metric.LEAKAGE_MEAN).compared());
        assertEquals(0, s.row(Metric.STYLE_DISTANCE).wins());
        assertEquals(1, s.row(Metric.STYLE_DISTANCE).compared());
        assertNull(ReportSummary.of(pairs.subList(1, 3)).row(Metric.STYLE_DISTANCE).meanOurs());

        assertTrue(summaryCell(page, "ssim").contains("1 / 2"), summaryCell(page, "ssim"));
        assertTrue(summaryCell(page, "colour_distance").contains("1 / 2"));
        assertTrue(summaryCell(page, "leakage_mean").contains("0 / 1"));
        assertEquals(1, page.split("<svg", -1).length - 1, "one loss plot");
        assertTrue(page.contains("stage &lt;1&gt;"), "titles are escaped");
    }

    private static String summaryCell(String page, String key) {
        Matcher m = Pattern.compile("<tr data-metric=\"" + key + "\">.*?class=\"wins\">([^<]*)<").matcher(page);
        assertTrue(m.find(), "no summary row for " + key);
        return m.group(1);
    }

    @Test
    void logPlotDropsNonPositiveValuesAndDrawsEachSeries() {
        SvgLinePlot plot = new SvgLinePlot(400, 240, true);
        String svg = plot.render("t", List.of(
                new SvgLinePlot.Series("a", new double[] {0, 1, 2}, new double[] {100, 10, 1}),
                new SvgLinePlot.Series("b", new double[] {0, 1, 2}, new double[] {0, 5, 2})));
        assertEquals(2, svg.split("<polyline", -1).length - 1);
        Matcher m = Pattern.compile("<polyline[^>]*points=\"([^\"]*)\"").matcher(svg);
        assertTrue(m.find());
        assertEquals(3, m.group(1).split(" ").length);
        assertTrue(m.find());
        assertEquals(2, m.group(1).split(" ").length); // the 0 is dropped on a log axis
        assertTrue(svg.contains(">1e0<") && svg.contains(">1e2<"), svg);
    }

    @Test
    void niceTicksCoverTheRange() {
        assertEquals(List.of(0.0, 20.0, 40.0, 60.0, 80.0, 100.0), SvgLinePlot.ticks(0, 100));
        assertEquals(List.of(0.5, 1.0, 1.5, 2.0), SvgLinePlot.ticks(0.3, 2.2));
    }
}
