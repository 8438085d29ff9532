package dev.photostyle.batch;

import dev.photostyle.metrics.Metric;
import dev.photostyle.metrics.report.PairReport;
import dev.photostyle.metrics.report.ReportSummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The summary of a batch run as JSON-ready maps and as a text table: per metric the mean of ours
 * and of the reference and our wins ({@link ReportSummary}), and per pair the headline numbers.
 */
public final class BatchSummary {
    private BatchSummary() {}

    /** {@code summary} (one row per metric) and {@code pairs} (each pair's numbers, ours and reference). */
    public static Map<String, Object> toMap(List<PairReport> pairs, Map<String, Map<String, Object>> pairExtras) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tool", "photostyle batch");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ReportSummary.Row r : ReportSummary.of(pairs).rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("metric", r.metric().key());
            m.put("better", r.metric().higherIsBetter() ? "higher" : "lower");
            m.put("mean_ours", r.meanOurs());
            m.put("mean_reference", r.meanReference());
            m.put("ours_better", r.wins());
            m.put("ties", r.ties());
            m.put("compared", r.compared());
            rows.add(m);
        }
        root.put("summary", rows);
        List<Map<String, Object>> ps = new ArrayList<>();
        for (PairReport p : pairs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.putAll(pairExtras.getOrDefault(p.name(), Map.of()));
            m.put("ours", numbers(p, true));
            m.put("reference", p.referenceMetrics() == null ? null : numbers(p, false));
            ps.add(m);
        }
        root.put("pairs", ps);
        return root;
    }

    private static Map<String, Double> numbers(PairReport p, boolean ours) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Metric k : Metric.values()) m.put(k.key(), k.value(ours ? p.ours() : p.referenceMetrics()));
        return m;
    }

    /** The summary table as fixed-width text. */
    public static String table(List<PairReport> pairs) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-26s %7s %12s %14s %12s%n",
                "metric", "better", "mean ours", "mean reference", "ours better"));
        for (ReportSummary.Row r : ReportSummary.of(pairs).rows()) {
            b.append(String.format(Locale.ROOT, "%-26s %7s %12s %14s %12s%n", r.metric().label(),
                    r.metric().higherIsBetter() ? "higher" : "lower", num(r.meanOurs()), num(r.meanReference()),
                    r.wins() + "/" + r.compared()));
        }
        return b.toString();
    }

    private static String num(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.5g", v);
    }
}
