package dev.photostyle.optim;

import ai.djl.ndarray.NDArray;

import java.util.Map;

/**
 * One evaluation of an objective.
 *
 * @param value    the total objective
 * @param terms    the weighted terms that add up to {@code value}, by name (may be empty)
 * @param gradient d value / d x, same shape as x
 */
public record Evaluation(double value, Map<String, Double> terms, NDArray gradient) {
    public Evaluation {
        terms = Map.copyOf(terms);
    }
}
