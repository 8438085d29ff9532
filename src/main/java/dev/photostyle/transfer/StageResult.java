package dev.photostyle.transfer;

import dev.photostyle.optim.IterationRecord;
import dev.photostyle.optim.StopReason;

import java.util.ArrayList;
import java.util.List;

/**
 * One optimisation stage of a transfer. Iteration numbers run on across the stages of one run (a
 * stage starts one after the previous stage's last), so a report's history reads as one sequence.
 *
 * @param stage           1-based stage number
 * @param name            what the stage optimised, e.g. {@code "pixels"}, {@code "grid"},
 *                        {@code "pixels (photorealism off)"}, {@code "region sky: pixels"}
 * @param laplacianWeight the photorealism weight this stage ran with
 * @param history         the objective at every accepted iterate of this stage
 * @param bestIteration   the best iterate of this stage (a number from {@code history})
 * @param bestValue       its objective (this stage's objective)
 * @param stopReason      why the optimiser stopped (null for a stage that only scores)
 */
public record StageResult(int stage, String name, double laplacianWeight, List<IterationRecord> history,
        int bestIteration, double bestValue, StopReason stopReason) {
    public StageResult {
        history = List.copyOf(history);
    }

    /** The first iteration number of this stage (its starting point). */
    public int firstIteration() {
        return history.isEmpty() ? bestIteration : history.get(0).iteration();
    }

    /** The last iteration number of this stage. */
    public int lastIteration() {
        return history.isEmpty() ? bestIteration : history.get(history.size() - 1).iteration();
    }

    /** This stage renumbered as stage {@code number} with its iterations shifted by {@code offset}. */
    public StageResult renumbered(int number, String newName, int offset) {
        return new StageResult(number, newName, laplacianWeight, shift(history, offset), bestIteration + offset,
                bestValue, stopReason);
    }

    /** The records with their iteration numbers shifted by {@code offset}. */
    public static List<IterationRecord> shift(List<IterationRecord> history, int offset) {
        if (offset == 0) return history;
        List<IterationRecord> out = new ArrayList<>(history.size());
        for (IterationRecord r : history) {
            out.add(new IterationRecord(r.iteration() + offset, r.value(), r.terms(), r.evaluations(), r.seconds()));
        }
        return out;
    }

    /** The iteration number the stage after {@code stages} starts at (0 for none). */
    public static int nextIteration(List<StageResult> stages) {
        return stages.isEmpty() ? 0 : stages.get(stages.size() - 1).lastIteration() + 1;
    }

    /** Every stage's history, in order: one continuous sequence of iterations. */
    public static List<IterationRecord> concat(List<StageResult> stages) {
        List<IterationRecord> all = new ArrayList<>();
        for (StageResult s : stages) all.addAll(s.history());
        return all;
    }
}
