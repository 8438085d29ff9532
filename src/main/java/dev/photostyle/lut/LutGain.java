package dev.photostyle.lut;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.engine.Tensors;

/**
 * Gain (slope) limit of 3D LUTs. A cell's gain is the RMS of its Jacobian, {@code ‖J‖_F / √3},
 * with J's columns the forward differences of the entries along the three lattice axes from the
 * cell's first node, times {@code n − 1} (derivatives on the unit cube); an affine map
 * {@code y = A x + a} has gain {@code ‖A‖_F / √3} in every cell, the identity 1. The prior is
 * {@code Σ_r Σ_cells occ_r(cell) · max(0, gain − limit_r)² / R}, with {@code occ_r} the share of
 * region r's pixel weight whose colour falls in the cell ({@link #occupancy}): the mean squared
 * excess gain over the pixels the LUT is applied to (a mean over all cells let the few populated,
 * steep cells hide among thousands of empty ones: weight 10 moved the sky's gain only from 6.4 to
 * 5.6). Zero while a LUT is no steeper than its limit where the content is, so it leaves tone
 * curves and colour shifts alone and only stops a LUT from steepening further.
 *
 * <p>Why: the transfer objective's Gram terms reward local contrast, and a colour map can only add
 * it by steepening, which amplifies the content's noise and 8-bit steps (banding in skies) and,
 * over a shot, every frame-to-frame residual of the content: a look's warping error is the
 * content's times its gain. Measured on pair 1 (256 px, 100 iterations, limit off): the
 * closed-form map's gain is 3.0 / 3.4 / 0.4 in its three regions, the optimised LUT's 5.1 / 6.0 /
 * 2.2 (mean over the content's pixels).
 *
 * <pre>{@code
 * float[][] occ = LutGain.occupancy(List.of(content), List.of(weights), 2, 33);
 * NDArray p = LutGain.compute(tables, 33, new float[] {3.4f, 1f}, manager.create(flatten(occ), new Shape(2, 32 * 32 * 32)));
 * }</pre>
 */
public final class LutGain {
    private LutGain() {}

    /**
     * @param tables    (R, 3·n³) entries, red fastest
     * @param n         lattice size (≥ 2)
     * @param limits    one gain limit per region
     * @param occupancy (R, (n−1)³) cell weights of each region, summing to 1 (or 0 for a region without pixels), cells red fastest
     * @return a scalar on the graph of {@code tables}
     */
    public static NDArray compute(NDArray tables, int n, float[] limits, NDArray occupancy) {
        long r = tables.getShape().get(0);
        if (tables.getShape().dimension() != 2 || tables.getShape().get(1) != 3L * n * n * n) {
            throw new IllegalArgumentException("expected tables (R, " + 3L * n * n * n + "), got " + tables.getShape());
        }
        if (limits.length != r) throw new IllegalArgumentException("expected " + r + " gain limits, got " + limits.length);
        NDArray t = tables.reshape(r, n, n, n, 3); // axes 1..3: blue, green, red
        NDArray origin = t.get(Tensors.axisRange(5, 1, 0, n - 1)).get(Tensors.axisRange(5, 2, 0, n - 1))
                .get(Tensors.axisRange(5, 3, 0, n - 1));
        NDArray squares = null;
        for (int axis = 1; axis <= 3; axis++) {
            NDArray next = t;
            for (int a = 1; a <= 3; a++) next = next.get(Tensors.axisRange(5, a, a == axis ? 1 : 0, a == axis ? n : n - 1));
            NDArray d = Tensors.scale(next.sub(origin), n - 1).square().sum(new int[] {4});
            squares = squares == null ? d : squares.add(d);
        }
        // Tensors' scalar ops, not div(Number) etc.: DJL frees those scalars before backward reads them.
        NDArray gain = Tensors.withScalar(squares, 3, NDArray::div).add(1e-12).sqrt(); // (R, n−1, n−1, n−1)
        NDArray limit = tables.getManager().create(limits, new Shape(r, 1, 1, 1)).toType(tables.getDataType(), false);
        NDArray occ = occupancy.reshape(r, n - 1, n - 1, n - 1).toType(tables.getDataType(), false);
        return Tensors.withScalar(Tensors.withScalar(gain.sub(limit), 0, NDArray::maximum).square().mul(occ).sum(), r, NDArray::div);
    }

    /**
     * Each region's share of pixel weight per lattice cell: the cell holding a colour is
     * {@code floor(c · (n − 1))} per channel (the top value in the last cell), colours clamped to
     * [0, 1].
     *
     * @param images  RGB images (one per frame), unit domain
     * @param weights per image, one weight plane per region
     * @return R rows of (n−1)³ cells, red fastest, each summing to 1 (0 for a region without weight)
     */
    public static float[][] occupancy(java.util.List<dev.photostyle.io.image.FloatImage> images, java.util.List<float[][]> weights,
            int regions, int n) {
        int cells = (n - 1) * (n - 1) * (n - 1);
        double[][] occ = new double[regions][cells];
        for (int f = 0; f < images.size(); f++) {
            float[] c = images.get(f).rgb().toArray();
            int p = images.get(f).pixels();
            float[][] w = weights.get(f);
            for (int i = 0; i < p; i++) {
                int cell = (cell(c[2 * p + i], n) * (n - 1) + cell(c[p + i], n)) * (n - 1) + cell(c[i], n);
                for (int r = 0; r < regions; r++) occ[r][cell] += w[r][i];
            }
        }
        float[][] out = new float[regions][cells];
        for (int r = 0; r < regions; r++) {
            double sum = 0;
            for (double v : occ[r]) sum += v;
            for (int k = 0; k < cells; k++) out[r][k] = sum > 0 ? (float) (occ[r][k] / sum) : 0f;
        }
        return out;
    }

    private static int cell(float v, int n) {
        double x = v > 0 ? Math.min(v, 1.0) * (n - 1) : 0; // NaN -> 0
        return Math.min((int) x, n - 2);
    }

    /** The largest cell gain of a LUT (see the class comment); an affine LUT's is its matrix's {@code ‖A‖_F / √3}. */
    public static double maxGain(Lut3d lut) {
        int n = lut.size();
        float[] t = lut.table();
        double max = 0;
        for (int b = 0; b < n - 1; b++) for (int g = 0; g < n - 1; g++) for (int r = 0; r < n - 1; r++) {
            int o = ((b * n + g) * n + r) * 3;
            double sq = 0;
            for (int s : new int[] {3, 3 * n, 3 * n * n}) for (int c = 0; c < 3; c++) {
                double d = (t[o + s + c] - t[o + c]) * (n - 1.0);
                sq += d * d;
            }
            max = Math.max(max, Math.sqrt(sq / 3));
        }
        return max;
    }
}
