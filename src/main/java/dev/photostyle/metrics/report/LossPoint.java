package dev.photostyle.metrics.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loss of one optimisation iteration: the total and each weighted term (e.g. "content",
 * "style", "photorealism", "tv"), in insertion order.
 *
 * @param iteration iteration number
 * @param total total loss
 * @param terms per-term values by name
 */
public record LossPoint(int iteration, double total, Map<String, Double> terms) {
    public LossPoint {
        terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms == null ? Map.of() : terms));
    }
}
