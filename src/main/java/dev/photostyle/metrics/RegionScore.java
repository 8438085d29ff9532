package dev.photostyle.metrics;

import java.util.List;

/**
 * One region's value of a per-region metric ({@link SpuriousEdges}, {@link RegionConsistency}) and
 * the number of pixels it was measured over, for area-weighted averaging.
 *
 * <p>Example: {@code Double mean = RegionScore.areaWeightedMean(RegionConsistency.measure(c, r, regions));}
 *
 * @param value the region's value; null when no pixel could be measured
 * @param pixels pixels the value was measured over (0 exactly when value is null)
 */
public record RegionScore(Double value, long pixels) {
    public RegionScore {
        if (pixels < 0) throw new IllegalArgumentException("pixel count must be >= 0, got " + pixels);
        if ((value == null) != (pixels == 0)) throw new IllegalArgumentException("a value needs pixels and pixels need a value");
    }

    /** The pixel-weighted mean of the non-null values, or null if there is none. */
    public static Double areaWeightedMean(List<RegionScore> scores) {
        double sum = 0;
        long n = 0;
        for (RegionScore s : scores) {
            if (s.value == null) continue;
            sum += s.value * s.pixels;
            n += s.pixels;
        }
        return n == 0 ? null : sum / n;
    }
}
