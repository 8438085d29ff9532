package dev.photostyle.grid;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A bilateral grid of affine colour transforms (Chen, Adams, Wadhwa, Hasinoff, "Bilateral guided
 * upsampling", SIGGRAPH Asia 2016; Gharbi et al., "Deep bilateral learning for real-time image
 * enhancement" (HDRNet), SIGGRAPH 2017): every cell of a {@code Gw x Gh} spatial grid × {@code D}
 * luminance bins holds a 3x4 matrix A, and a pixel's output is {@code A(x, y, lum(c)) · [r g b 1]},
 * with A trilinearly interpolated ("sliced") at the pixel's position and the content's luminance.
 * So the output is, locally, an affine function of the content's colours: photographic by
 * construction and independent of the resolution.
 *
 * <p>Layout: a tensor (N, 12, D, Gh, Gw) holds N grids (one per region); coefficient
 * {@code k = 4·row + col} is A[row][col], row the output channel (r, g, b), col the input
 * (r, g, b, 1). The same order is used by the flat host arrays ({@code (12, D, Gh, Gw)} row-major).
 *
 * <pre>{@code
 * NDArray grids = BilateralGrid.identity(GridSize.DEFAULT, 1, manager);     // (1, 12, 8, 16, 16)
 * GridSlicer slicer = new GridSlicer(GridSize.DEFAULT, content, manager);  // content (1, 3, H, W)
 * NDArray out = slicer.slice(grids);                                       // (1, 3, H, W) == content
 * }</pre>
 */
public final class BilateralGrid {
    /** Coefficients per cell: a 3x4 affine matrix. */
    public static final int COEFFICIENTS = 12;

    private BilateralGrid() {}

    /** {@code count} identity grids (count, 12, D, Gh, Gw), float32, on {@code manager}. */
    public static NDArray identity(GridSize size, int count, NDManager manager) {
        if (count < 1) throw new IllegalArgumentException("grid count must be >= 1, got " + count);
        float[] one = identityArray(size);
        float[] all = new float[count * one.length];
        for (int n = 0; n < count; n++) System.arraycopy(one, 0, all, n * one.length, one.length);
        return manager.create(all, shape(size, count));
    }

    /**
     * One grid per affine map, every cell holding that map: the same colour transform as the map
     * itself, whatever the guide (a closed-form colour transfer as the grids' starting point).
     *
     * @param affines one 3x4 matrix {@code [T | t]} per grid ({@code y = T x + t})
     */
    public static NDArray constant(GridSize size, double[][][] affines, NDManager manager) {
        int cells = size.cells();
        float[] all = new float[affines.length * COEFFICIENTS * cells];
        for (int n = 0; n < affines.length; n++) {
            for (int row = 0; row < 3; row++) {
                for (int col = 0; col < 4; col++) {
                    int from = (n * COEFFICIENTS + 4 * row + col) * cells;
                    java.util.Arrays.fill(all, from, from + cells, (float) affines[n][row][col]);
                }
            }
        }
        return manager.create(all, shape(size, affines.length));
    }

    /** One identity grid as a host array (12, D, Gh, Gw), row-major. */
    public static float[] identityArray(GridSize size) {
        int cells = size.cells();
        float[] a = new float[COEFFICIENTS * cells];
        for (int row = 0; row < 3; row++) {
            int k = 4 * row + row;
            java.util.Arrays.fill(a, k * cells, (k + 1) * cells, 1f);
        }
        return a;
    }

    /** The shape of {@code count} grids: (count, 12, D, Gh, Gw). */
    public static Shape shape(GridSize size, int count) {
        return new Shape(count, COEFFICIENTS, size.depth(), size.height(), size.width());
    }

    /** Checks that {@code grids} is (N, 12, D, Gh, Gw) for {@code size}; returns N. */
    static int count(NDArray grids, GridSize size) {
        Shape s = grids.getShape();
        if (s.dimension() != 5 || s.get(1) != COEFFICIENTS || s.get(2) != size.depth() || s.get(3) != size.height()
                || s.get(4) != size.width()) {
            throw new IllegalArgumentException("expected grids of shape (N, 12, " + size.depth() + ", " + size.height()
                    + ", " + size.width() + "), got " + s);
        }
        return (int) s.get(0);
    }
}
