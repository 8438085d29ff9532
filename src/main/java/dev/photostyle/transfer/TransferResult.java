package dev.photostyle.transfer;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.mask.RegionMatch;
import dev.photostyle.optim.IterationRecord;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a transfer.
 *
 * @param image         the best iterate, as scored, at the working size (RGB in [0, 1])
 * @param content       the working-size content it was computed from
 * @param contentMask   the working-size content mask
 * @param match         how the regions paired
 * @param history       the objective at every accepted iterate
 * @param bestIteration the iteration of {@code image}
 * @param bestValue     its objective (the minimum over {@code history})
 * @param timings       seconds per stage
 * @param stages        every optimisation stage; {@code history} is the last one's
 * @param freeMask      1 where pixels may change, 0 where they keep the content (working size)
 */
public record TransferResult(FloatImage image, FloatImage content, LabelMap contentMask, RegionMatch match,
        List<IterationRecord> history, int bestIteration, double bestValue, Map<String, Double> timings,
        List<StageResult> stages, float[] freeMask) {
    public TransferResult {
        history = List.copyOf(history);
        stages = List.copyOf(stages);
        freeMask = freeMask.clone();
        timings = Map.copyOf(timings);
    }
}
