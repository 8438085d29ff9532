package dev.photostyle.optim;

import java.util.Map;

/**
 * The objective at one accepted iterate.
 *
 * @param iteration   0 for the starting point, then 1, 2, ...
 * @param value       the total objective at this iterate
 * @param terms       its weighted terms
 * @param evaluations function evaluations spent so far (line searches spend more than one a step)
 * @param seconds     wall time since the optimiser started
 */
public record IterationRecord(int iteration, double value, Map<String, Double> terms, int evaluations,
        double seconds) {
    public IterationRecord {
        terms = Map.copyOf(terms);
    }
}
