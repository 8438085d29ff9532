package dev.photostyle.transfer.region;

import dev.photostyle.transfer.RegionTarget;
import dev.photostyle.transfer.TransferResult;

import java.util.List;

/**
 * The outcome of a multi-region transfer.
 *
 * @param transfer the plate as a {@link TransferResult} (working size; its content mask labels each
 *                 pixel with its strongest region, its free mask is the support of the union of the
 *                 mattes, so {@link dev.photostyle.transfer.OutputStage} puts back the exact content
 *                 outside every region)
 * @param regions  the regions as run (after thin regions fell back to shallower layers)
 * @param warnings what the run had to adapt, one line each
 * @param strategy how it was computed
 */
public record RegionResult(TransferResult transfer, List<RegionTarget> regions, List<String> warnings,
        RegionStrategy strategy) {
    public RegionResult {
        regions = List.copyOf(regions);
        warnings = List.copyOf(warnings);
    }
}
