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
 */
public record LutConfig(int size, Interpolation interpolation, double smoothness) {
    /** The largest lattice fitted (the tables are optimised as one tensor; 129³ is 6.4 M entries per region). */
    public static final int MAX_FIT_SIZE = 129;

    public LutConfig {
        if (size < 3 || size > MAX_FIT_SIZE) throw new IllegalArgumentException("--lut-size must be in 3.." + MAX_FIT_SIZE + ", got " + size);
        Objects.requireNonNull(interpolation, "interpolation");
        if (!(smoothness >= 0) || Double.isInfinite(smoothness)) throw new IllegalArgumentException("--lut-smoothness must be finite and >= 0");
    }

    /** 33³, tetrahedral (closer to the map than trilinear at the same cost, see README), smoothness 1e-3. */
    public static LutConfig defaults() {
        return new LutConfig(33, Interpolation.TETRAHEDRAL, 1e-3);
    }

    public LutConfig withSize(int n) { return new LutConfig(n, interpolation, smoothness); }

    public LutConfig withInterpolation(Interpolation i) { return new LutConfig(size, i, smoothness); }

    public LutConfig withSmoothness(double w) { return new LutConfig(size, interpolation, w); }
}
