package dev.photostyle.grid;

/**
 * Settings of a region-aware grid transfer.
 *
 * @param size             grid resolution (cells × luminance bins)
 * @param smoothnessWeight weight of {@link GridSmoothness} in the objective
 * @param blendRadius      radius in working pixels over which neighbouring regions' transforms blend
 */
public record GridConfig(GridSize size, double smoothnessWeight, int blendRadius) {
    public GridConfig {
        java.util.Objects.requireNonNull(size, "size");
        if (!(smoothnessWeight >= 0) || Double.isInfinite(smoothnessWeight)) {
            throw new IllegalArgumentException("--grid-smoothness must be finite and >= 0");
        }
        if (blendRadius < 0) throw new IllegalArgumentException("grid blend radius must be >= 0");
    }

    /** 16x16x8 cells, smoothness 10, 2 px blend (chosen by measurement, see README). */
    public static GridConfig defaults() {
        return new GridConfig(GridSize.DEFAULT, 10.0, 2);
    }

    public GridConfig withSize(GridSize s) { return new GridConfig(s, smoothnessWeight, blendRadius); }

    public GridConfig withSmoothnessWeight(double w) { return new GridConfig(size, w, blendRadius); }
}
