package dev.photostyle.optim;

import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * What an optimiser returns: the best iterate by the full objective (never a later, worse one),
 * and the history of every accepted iterate.
 *
 * @param best          copy of the best iterate, on the manager the caller passed
 * @param bestIteration its iteration number
 * @param bestValue     its objective
 * @param history       every accepted iterate, starting with iteration 0
 */
public record OptimizationResult(NDArray best, int bestIteration, double bestValue, List<IterationRecord> history) {
    public OptimizationResult {
        history = List.copyOf(history);
    }
}
