package dev.photostyle.metrics.report;

import dev.photostyle.metrics.Metric;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-metric summary of a batch: the mean of ours and of the reference, and on how many pairs we
 * beat the reference, in the direction {@link Metric#higherIsBetter()} says.
 *
 * @param rows one row per {@link Metric}, in enum order
 */
public record ReportSummary(List<Row> rows) {
    public ReportSummary {
        rows = List.copyOf(rows);
    }

    /**
     * One metric's summary.
     *
     * @param metric the metric
     * @param meanOurs mean over pairs where ours has a value; null if none has
     * @param meanReference mean over pairs where the reference has a value; null if none has
     * @param wins pairs where ours is strictly better than the reference
     * @param ties pairs where they are equal
     * @param compared pairs where both have a value
     */
    public record Row(Metric metric, Double meanOurs, Double meanReference, int wins, int ties, int compared) {}

    /** Summarises {@code pairs}. */
    public static ReportSummary of(List<PairReport> pairs) {
        List<Row> rows = new ArrayList<>();
        for (Metric m : Metric.values()) {
            double sumO = 0, sumR = 0;
            int nO = 0, nR = 0, wins = 0, ties = 0, compared = 0;
            for (PairReport p : pairs) {
                Double o = m.value(p.ours()), r = m.value(p.referenceMetrics());
                if (o != null) { sumO += o; nO++; }
                if (r != null) { sumR += r; nR++; }
                if (o != null && r != null) {
                    compared++;
                    if (m.better(o, r)) wins++;
                    else if (o.doubleValue() == r.doubleValue()) ties++;
                }
            }
            rows.add(new Row(m, nO == 0 ? null : sumO / nO, nR == 0 ? null : sumR / nR, wins, ties, compared));
        }
        return new ReportSummary(rows);
    }

    /** The row of {@code metric}. */
    public Row row(Metric metric) {
        for (Row r : rows) if (r.metric() == metric) return r;
        throw new IllegalArgumentException("no summary row for " + metric);
    }
}
