package dev.photostyle.lut;

import ai.djl.ndarray.NDArray;
import dev.photostyle.engine.Tensors;

/**
 * Smoothness prior of 3D LUTs: the mean squared second difference of the entries along each
 * lattice axis, scaled by {@code (n − 1)²} so it estimates the squared second derivative of the
 * colour map whatever the lattice size, summed over the three axes. Zero for every affine map (the
 * closed-form start costs nothing), so it bends the map only where the image terms ask for it and
 * carries the seen entries' bends smoothly to entries no pixel reaches.
 *
 * <pre>{@code NDArray s = LutSmoothness.compute(tables, 33); // (R, 3·33³) -> scalar}</pre>
 */
public final class LutSmoothness {
    private LutSmoothness() {}

    /**
     * @param tables (R, 3·n³) entries, red fastest
     * @param n lattice size (≥ 3 for a non-zero value)
     * @return a scalar on the graph of {@code tables}
     */
    public static NDArray compute(NDArray tables, int n) {
        long r = tables.getShape().get(0);
        if (tables.getShape().dimension() != 2 || tables.getShape().get(1) != 3L * n * n * n) {
            throw new IllegalArgumentException("expected tables (R, " + 3L * n * n * n + "), got " + tables.getShape());
        }
        if (n < 3) return Tensors.scale(tables.sum(), 0);
        NDArray t = tables.reshape(r, n, n, n, 3); // axes 1..3: blue, green, red
        double scale = (double) (n - 1) * (n - 1);
        NDArray total = null;
        for (int axis = 1; axis <= 3; axis++) {
            NDArray d = t.get(Tensors.axisRange(5, axis, 2, n)).sub(Tensors.scale(t.get(Tensors.axisRange(5, axis, 1, n - 1)), 2))
                    .add(t.get(Tensors.axisRange(5, axis, 0, n - 2)));
            NDArray m = Tensors.scale(d, scale).square().mean(); // Tensors.scale: mul(Number)'s scalar is freed before backward
            total = total == null ? m : total.add(m);
        }
        return total;
    }

}
