package dev.photostyle.lut;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.io.image.FloatImage;

/**
 * Differentiable LUT lookup of a fixed image on the engine: a LUT is a grid without spatial cells,
 * so with the input colours fixed (the content) every output pixel is a constant-weighted sum of
 * {@link Interpolation#count()} lattice entries. The nodes and weights come from
 * {@link Interpolation#corners} (the host lookup's own), computed once; {@link #render} is then a
 * gather and a weighted sum, and gradients reach the entries.
 *
 * <p>Memory: 3·P·K indices (int64) and P·K weights for P pixels, K = 8 (trilinear) or 4 (tetrahedral).
 *
 * <pre>{@code
 * LutSlicer s = new LutSlicer(content, 33, Interpolation.TETRAHEDRAL, manager); // content RGB in [0, 1]
 * NDArray x = s.render(tables);                   // tables (R, 3·33³), red fastest -> (R, 3, H, W)
 * }</pre>
 */
public final class LutSlicer {
    private final int size;
    private final int width;
    private final int height;
    private final NDArray index;   // (3, P, K): 3·node + channel
    private final NDArray weights; // (1, P, K)

    /**
     * @param content the fixed input colours (RGB, unit domain; values outside are clamped)
     * @param size    lattice size n
     * @param manager owns the constants
     */
    public LutSlicer(FloatImage content, int size, Interpolation interp, NDManager manager) {
        if (size < Lut3d.MIN_SIZE) throw new IllegalArgumentException("LUT size must be >= " + Lut3d.MIN_SIZE + ", got " + size);
        this.size = size;
        this.width = content.width();
        this.height = content.height();
        int n = content.pixels(), k = interp.count();
        float[] c = content.rgb().toArray();
        long[] idx = new long[3 * n * k];
        float[] w = new float[n * k];
        int[] nodes = new int[8];
        double[] wt = new double[8];
        for (int i = 0; i < n; i++) {
            interp.corners(c[i] * (size - 1.0), c[n + i] * (size - 1.0), c[2 * n + i] * (size - 1.0), size, nodes, wt);
            for (int j = 0; j < k; j++) {
                for (int ch = 0; ch < 3; ch++) idx[(ch * n + i) * k + j] = 3L * nodes[j] + ch;
                w[i * k + j] = (float) wt[j];
            }
        }
        this.index = manager.create(idx, new Shape(3, n, k));
        this.weights = manager.create(w, new Shape(1, n, k));
    }

    /** Lattice size n. */
    public int size() { return size; }

    /**
     * Every LUT applied to the content.
     *
     * @param tables (R, 3·n³) entries, red fastest (as {@link Lut3d#table()}), float32
     * @return (R, 3, H, W) on the graph of {@code tables}
     */
    public NDArray render(NDArray tables) {
        Shape s = tables.getShape();
        long entries = 3L * size * size * size;
        if (s.dimension() != 2 || s.get(1) != entries) {
            throw new IllegalArgumentException("expected tables (R, " + entries + "), got " + s);
        }
        int regions = (int) s.get(0);
        NDArray w = weights.toType(tables.getDataType(), false);
        NDArray out = null;
        for (int r = 0; r < regions; r++) {
            NDArray x = tables.get(r).take(index).mul(w).sum(new int[] {2}).reshape(1, 3, height, width);
            out = out == null ? x : out.concat(x, 0);
        }
        return out;
    }

    /** The tables of {@code luts} (all of size n) as one (R, 3·n³) float32 array on {@code manager}. */
    public static NDArray tables(java.util.List<Lut3d> luts, NDManager manager) {
        if (luts.isEmpty()) throw new IllegalArgumentException("no LUT");
        int n = luts.get(0).size();
        int e = 3 * n * n * n;
        float[] all = new float[luts.size() * e];
        for (int r = 0; r < luts.size(); r++) {
            if (luts.get(r).size() != n) throw new IllegalArgumentException("LUTs of different sizes: " + n + " and " + luts.get(r).size());
            System.arraycopy(luts.get(r).table(), 0, all, r * e, e);
        }
        return manager.create(all, new Shape(luts.size(), e)).toType(DataType.FLOAT32, false);
    }
}
