package dev.photostyle.sequence;

import dev.photostyle.flow.DenseFlow;
import java.util.Objects;

/**
 * How frames of a sequence are tied together (Ruder et al. 2016).
 *
 * @param weight   weight of the {@link TemporalLoss} (0: no temporal term)
 * @param warpInit start each frame from the previous result warped onto it (else from the
 *                 transfer config's own initialisation)
 * @param flow     the optical flow used on the content frames
 */
public record TemporalConfig(double weight, boolean warpInit, DenseFlow flow) {
    public TemporalConfig {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("--temporal-weight must be finite and >= 0, got " + weight);
        }
        Objects.requireNonNull(flow, "flow");
    }

    /** Frames processed independently (same seed and settings each frame). */
    public static TemporalConfig independent() {
        return new TemporalConfig(0, false, DenseFlow.medium());
    }

    /** The temporal term with {@code weight} and the warped initialisation. */
    public static TemporalConfig temporal(double weight) {
        return new TemporalConfig(weight, true, DenseFlow.medium());
    }

    /** True when the previous frame is used at all. */
    public boolean usesPrevious() {
        return weight > 0 || warpInit;
    }
}
