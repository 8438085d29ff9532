package dev.photostyle.metrics.report;

import java.util.List;
import java.util.Objects;

/**
 * One optimisation run's loss history (e.g. one stage of a multi-scale run).
 *
 * @param name shown as the plot title, e.g. "stage 1 (512 px)"
 * @param points the logged iterations, in order
 */
public record LossCurve(String name, List<LossPoint> points) {
    public LossCurve {
        Objects.requireNonNull(name, "name");
        points = List.copyOf(points);
    }
}
