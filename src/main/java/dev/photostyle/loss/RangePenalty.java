package dev.photostyle.loss;

import ai.djl.ndarray.NDArray;

/**
 * Keeps pixel optimisation inside [lo, hi]. The network sees the clamped image, whose gradient is
 * zero outside the range, so without this term nothing pulls a drifting pixel back:
 *
 * <pre>  L = mean(max(x − hi, 0)² + max(lo − x, 0)²)</pre>
 */
public final class RangePenalty {
    private RangePenalty() {}

    /** The penalty of {@code x} for leaving [lo, hi]; zero inside the range. */
    public static NDArray compute(NDArray x, float lo, float hi) {
        if (!(lo < hi)) throw new IllegalArgumentException("range must have lo < hi, got " + lo + ", " + hi);
        NDArray over = x.sub(hi).maximum(0f);
        NDArray under = x.neg().add(lo).maximum(0f);
        return over.square().add(under.square()).mean();
    }
}
