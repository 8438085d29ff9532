package dev.photostyle.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The objective at one accepted iterate.
 *
 * @param iteration   0 for the starting point, then 1, 2, ...
 * @param value       the total objective at this iterate
 * @param terms       its weighted terms, in the order given (kept: {@code Map.copyOf}'s order changes from
 *                    one JVM to the next, and the reports and plots list the terms in this order)
 * @param evaluations function evaluations spent so far (line searches spend more than one a step)
 * @param seconds     wall time since the optimiser started
 */
public record IterationRecord(int iteration, double value, Map<String, Double> terms, int evaluations,
        double seconds) {
    public IterationRecord {
        terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
    }
}
