package dev.photostyle.lut;

import java.util.Objects;

/**
 * Settings of per-region LUTs that are fitted (a look, or {@code --method lut}).
 *
 * <pre>{@code LutConfig c = LutConfig.defaults().withSize(17); // 17³, tetrahedral, smoothness 1e-3}</pre>
 *
 * @param size          lattice nodes per axis (17 or 33 are the usual)
 * @param interpolation how the LUTs are read
 * @param smoothness    weight of {@link LutSmoothness} in the objective
 * @param gainWeight    weight of {@link LutGain} in the objective (0: off), each region limited to
 *                      the gain of its start (the closed form), at least 1
 */
public record LutConfig(int size, Interpolation interpolation, double smoothness, double gainWeight) {
    /**
     * The default weight of the gain limit. Pair 1, 256 px, 100 iterations, the sky's mean gain at
     * its pixels (closed form 3.4): weight 0: 6.4, 1: 4.5, 10: 3.4 (objective 18.8 against 15.2 without
     * the limit and 102.8 for the closed form), 100: 3.35, but L-BFGS stopped after 9 iterations.
     */
    public static final double DEFAULT_GAIN_WEIGHT = 10;

    /** The largest lattice fitted (the tables are optimised as one tensor; 129³ is 6.4 M entries per region). */
    public static final int MAX_FIT_SIZE = 129;

    public LutConfig {
        if (size < 3 || size > MAX_FIT_SIZE) throw new IllegalArgumentException("--lut-size must be in 3.." + MAX_FIT_SIZE + ", got " + size);
        Objects.requireNonNull(interpolation, "interpolation");
        if (!(smoothness >= 0) || Double.isInfinite(smoothness)) throw new IllegalArgumentException("--lut-smoothness must be finite and >= 0");
        if (!(gainWeight >= 0) || Double.isInfinite(gainWeight)) throw new IllegalArgumentException("--lut-gain-weight must be finite and >= 0");
    }

    /** With the default gain weight. */
    public LutConfig(int size, Interpolation interpolation, double smoothness) {
        this(size, interpolation, smoothness, DEFAULT_GAIN_WEIGHT);
    }

    /** 33³, tetrahedral (closer to the map than trilinear at the same cost, see README), smoothness 1e-3. */
    public static LutConfig defaults() {
        return new LutConfig(33, Interpolation.TETRAHEDRAL, 1e-3);
    }

    public LutConfig withSize(int n) { return new LutConfig(n, interpolation, smoothness, gainWeight); }

    public LutConfig withInterpolation(Interpolation i) { return new LutConfig(size, i, smoothness, gainWeight); }

    public LutConfig withSmoothness(double w) { return new LutConfig(size, interpolation, w, gainWeight); }

    public LutConfig withGainWeight(double w) { return new LutConfig(size, interpolation, smoothness, w); }
}
