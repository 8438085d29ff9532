package dev.photostyle.transfer;

import dev.photostyle.optim.IterationRecord;

import java.util.List;

/**
 * One optimisation stage of a transfer.
 *
 * @param stage           1-based stage number
 * @param laplacianWeight the photorealism weight this stage ran with
 * @param history         the objective at every accepted iterate of this stage
 * @param bestIteration   the best iterate of this stage
 * @param bestValue       its objective
 */
public record StageResult(int stage, double laplacianWeight, List<IterationRecord> history, int bestIteration,
        double bestValue) {
    public StageResult {
        history = List.copyOf(history);
    }
}
