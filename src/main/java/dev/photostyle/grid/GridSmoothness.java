package dev.photostyle.grid;

import ai.djl.ndarray.NDArray;
import dev.photostyle.engine.Tensors;

/**
 * Smoothness regulariser of bilateral grids: the mean squared difference between neighbouring cells
 * along x, along y and along luminance, summed over the three axes (the grid-smoothness term of
 * Chen et al. 2016, Eq. 4, as a penalty). Mean, not sum, so its weight does not depend on the grid
 * size or the number of grids; zero for a constant grid (a global affine map). An axis with a
 * single cell contributes 0.
 *
 * <pre>{@code NDArray s = GridSmoothness.compute(grids); // grids (N, 12, D, Gh, Gw) -> scalar}</pre>
 */
public final class GridSmoothness {
    private GridSmoothness() {}

    /** The penalty of (N, 12, D, Gh, Gw) grids, a scalar on their graph. */
    public static NDArray compute(NDArray grids) {
        if (grids.getShape().dimension() != 5) {
            throw new IllegalArgumentException("expected grids (N, 12, D, Gh, Gw), got " + grids.getShape());
        }
        NDArray total = null;
        for (int axis = 2; axis <= 4; axis++) {
            long n = grids.getShape().get(axis);
            if (n < 2) continue;
            NDArray diff = grids.get(Tensors.axisRange(5, axis, 1, n)).sub(grids.get(Tensors.axisRange(5, axis, 0, n - 1)));
            NDArray m = diff.square().mean();
            total = total == null ? m : total.add(m);
        }
        return total == null ? Tensors.scale(grids.sum(), 0) : total; // not mul(Number): its scalar is freed before backward
    }

}
