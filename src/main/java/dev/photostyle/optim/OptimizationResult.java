package dev.photostyle.optim;

import ai.djl.ndarray.NDArray;

import java.util.List;
import java.util.Objects;

/**
 * What an optimiser returns: the best iterate by the full objective (never a later, worse one),
 * the history of every accepted iterate, and why the run stopped.
 *
 * @param best          copy of the best iterate, on the manager the caller passed
 * @param bestIteration its iteration number
 * @param bestValue     its objective
 * @param history       every accepted iterate, starting with iteration 0
 * @param stopReason    why no further iterate was taken
 */
public record OptimizationResult(NDArray best, int bestIteration, double bestValue, List<IterationRecord> history,
        StopReason stopReason) {
    public OptimizationResult {
        history = List.copyOf(history);
        Objects.requireNonNull(stopReason, "stopReason");
    }
}
