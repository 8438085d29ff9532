package dev.photostyle.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One plate and its regions, as a job file describes it (see {@link JobFile} for the format).
 *
 * @param content    the plate
 * @param output     where to write the result, or null (then {@code run -o} is required)
 * @param regions    the regions, at least one; names are unique
 * @param unassigned the look of pixels of no region: null to keep the content (the default), else
 *                   a region whose matte is ignored (it covers what the others leave, {@code 1 − Σ})
 */
public record JobSpec(Path content, Path output, List<RegionSpec> regions, RegionSpec unassigned) {
    public JobSpec {
        Objects.requireNonNull(content, "content");
        regions = List.copyOf(regions);
        if (regions.isEmpty()) throw new IllegalArgumentException("a job needs at least one region");
        java.util.Set<String> names = new java.util.HashSet<>();
        for (RegionSpec r : regions) {
            if (!names.add(r.name())) throw new IllegalArgumentException("two regions are named '" + r.name() + "'");
        }
    }

    /** The same job with every path resolved against {@code dir}. */
    public JobSpec resolve(Path dir) {
        return new JobSpec(dir.resolve(content).toAbsolutePath().normalize(),
                output == null ? null : dir.resolve(output).toAbsolutePath().normalize(),
                regions.stream().map(r -> r.resolve(dir)).toList(), unassigned == null ? null : unassigned.resolve(dir));
    }
}
