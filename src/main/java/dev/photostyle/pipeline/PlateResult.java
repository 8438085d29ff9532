package dev.photostyle.pipeline;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateFormat;
import dev.photostyle.transfer.TransferResult;

import java.util.List;
import java.util.Map;

/**
 * A finished plate.
 *
 * @param plate       the result in the plate's own encoding, at the output size (with the plate's
 *                    alpha at its own size); protected pixels are the plate's values exactly
 * @param inputFormat how the plate was stored (the output keeps its depth where it can)
 * @param transfer    the optimisation's result at the working size (stages, best, timings)
 * @param report      the JSON report (config, stages, best, regions, timings, and what the caller
 *                    adds); {@link PlateOutput#write} adds the file names
 * @param warnings    what the checks found but could work around, one line each
 */
public record PlateResult(FloatImage plate, PlateFormat inputFormat, TransferResult transfer,
        Map<String, Object> report, List<String> warnings) {
    public PlateResult {
        report = Map.copyOf(report);
        warnings = List.copyOf(warnings);
    }
}
