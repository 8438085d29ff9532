package dev.photostyle.grid;

/**
 * Where a pixel falls in the grid: linear-interpolation weights along one axis, with cell centres
 * evenly spread and coordinates clamped at the border cells (so the border cells extrapolate as
 * constants, never beyond the grid). Shared by the engine and the host slicers so both agree.
 */
final class SliceCoordinates {
    private SliceCoordinates() {}

    /** Spatial coordinate of pixel {@code i} of {@code n} in a grid of {@code cells}, in cell units. */
    static double spatial(int i, int n, int cells) {
        return clamp((i + 0.5) * cells / n - 0.5, cells);
    }

    /** Luminance coordinate of a guide value in [0, 1] in a grid of {@code bins}, in bin units. */
    static double range(double luminance, int bins) {
        return clamp(luminance * bins - 0.5, bins);
    }

    /** Lower cell of coordinate g. */
    static int lower(double g) {
        return (int) Math.floor(g);
    }

    /** Upper cell of coordinate g (equal to the lower one at the last cell). */
    static int upper(double g, int cells) {
        return Math.min(lower(g) + 1, cells - 1);
    }

    private static double clamp(double g, int cells) {
        return Math.max(0.0, Math.min(cells - 1.0, g));
    }

    /** The guide: Rec. 709 luma of the encoded values, clamped to [0, 1]. */
    static double luminance(float r, float g, float b) {
        return Math.max(0.0, Math.min(1.0, 0.2126 * r + 0.7152 * g + 0.0722 * b));
    }
}
