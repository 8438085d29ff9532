package dev.photostyle.loss;

import ai.djl.ndarray.NDArray;

/**
 * Keeps pixel optimisation inside [lo, hi]. The network sees the clamped image, whose gradient is
 * zero outside the range, so without this term nothing pulls a drifting pixel back:
 *
 * <pre>  L = mean(max(x − hi, 0)² + max(lo − x, 0)²) = mean((x − clamp(x, lo, hi))²)</pre>
 *
 * <p>Computed in the second form: four engine ops instead of nine, the same values (each element
 * is the same single rounded difference, squared) and the same gradient 2 (x − clamp(x)).
 */
public final class RangePenalty {
    private RangePenalty() {}

    /** The penalty of {@code x} for leaving [lo, hi]; zero inside the range. */
    public static NDArray compute(NDArray x, float lo, float hi) {
        if (!(lo < hi)) throw new IllegalArgumentException("range must have lo < hi, got " + lo + ", " + hi);
        return x.sub(x.clip(lo, hi)).square().mean();
    }
}
