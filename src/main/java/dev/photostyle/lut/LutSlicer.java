package dev.photostyle.lut;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.io.image.FloatImage;

import java.util.List;

/**
 * Differentiable per-region LUT lookup of a fixed image on the engine, blended by region weights:
 *
 * <pre>
 *   x = c · (1 − Σ_r w_r) + Σ_r w_r · LUT_r(c)     (the host's {@link LutBlend}, before its clamp)
 * </pre>
 *
 * A LUT is a grid without spatial cells, so with the input colours c fixed (the content) every
 * output pixel is a constant-weighted sum of entries: {@link Interpolation#count()} lattice nodes
 * (from {@link Interpolation#corners}, the host lookup's own) of each region that has weight there.
 * Those nodes and the products {@code w_r · w_node} are computed once; {@link #render} is then one
 * gather of rows of the (R·n³, 3) table and a weighted sum, and gradients reach the entries.
 *
 * <p>Why this layout (measured on pair 1 at 256x160, three 33³ LUTs, forward and backward): a flat
 * {@code take} of 3·R·P·K int64 indices per region, then the blend, took 0.50 s (its backward is
 * PyTorch's serial {@code put_} with accumulation); one {@code gather} of (R·n³, 3) rows with the
 * blend folded into the weights 0.10–0.24 s; the same over only the regions present at each pixel
 * (padded to the most regions any pixel has, usually 2: matte edges) 0.07–0.17 s.
 *
 * <p>Memory: P·M·K int64 node indices and as many weights, M the most regions with weight at one
 * pixel (at least 1), K = 8 (trilinear) or 4 (tetrahedral).
 *
 * <pre>{@code
 * LutSlicer s = new LutSlicer(content, weights, 33, Interpolation.TETRAHEDRAL, manager); // content RGB in [0, 1]
 * NDArray x = s.render(tables);                   // tables (R, 3·33³), red fastest -> (1, 3, H, W)
 * }</pre>
 */
public final class LutSlicer {
    private final int size;
    private final int regions;
    private final int width;
    private final int height;
    private final int slots;        // M·K entries read per pixel
    private final NDArray index;    // (P·M·K, 3): row r·n³ + node, the same in each column
    private final NDArray weights;  // (P·M·K, 1): w_r · w_node (0 for padding)
    private final NDArray rest;     // (1, 3, H, W): c · (1 − Σ_r w_r); c itself where no region has weight

    /**
     * @param content the fixed input colours (RGB, unit domain; values outside are clamped)
     * @param regionWeights one plane (H·W, row-major) per LUT, weights ≥ 0 summing to at most 1
     * @param size    lattice size n
     * @param manager owns the constants
     */
    public LutSlicer(FloatImage content, float[][] regionWeights, int size, Interpolation interp, NDManager manager) {
        if (size < Lut3d.MIN_SIZE) throw new IllegalArgumentException("LUT size must be >= " + Lut3d.MIN_SIZE + ", got " + size);
        if (regionWeights.length == 0) throw new IllegalArgumentException("no region weights");
        this.size = size;
        this.regions = regionWeights.length;
        this.width = content.width();
        this.height = content.height();
        int n = content.pixels(), k = interp.count();
        for (float[] w : regionWeights) {
            if (w.length != n) throw new IllegalArgumentException("region weights have " + w.length + " pixels, content " + n);
        }
        int most = 1;
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (float[] w : regionWeights) if (w[i] != 0f) count++;
            most = Math.max(most, count);
        }
        this.slots = most * k;
        long n3 = (long) size * size * size;
        float[] c = content.rgb().toArray();
        long[] idx = new long[n * slots];
        float[] wt = new float[n * slots];
        float[] keep = new float[3 * n];
        int[] nodes = new int[8];
        double[] f = new double[8];
        for (int i = 0; i < n; i++) {
            interp.corners(c[i] * (size - 1.0), c[n + i] * (size - 1.0), c[2 * n + i] * (size - 1.0), size, nodes, f);
            double sum = 0;
            int e = i * slots;
            for (int r = 0; r < regions; r++) {
                float w = regionWeights[r][i];
                if (w == 0f) continue;
                sum += w;
                for (int j = 0; j < k; j++, e++) {
                    idx[e] = r * n3 + nodes[j];
                    wt[e] = (float) (w * f[j]);
                }
            }
            float left = (float) (1 - sum);
            for (int ch = 0; ch < 3; ch++) keep[ch * n + i] = sum == 0 ? c[ch * n + i] : c[ch * n + i] * left;
        }
        this.index = manager.create(idx, new Shape((long) n * slots, 1)).broadcast(new Shape((long) n * slots, 3));
        this.weights = manager.create(wt, new Shape((long) n * slots, 1));
        this.rest = manager.create(keep, new Shape(1, 3, height, width));
    }

    /** A slicer of one LUT applied to every pixel (weight 1 everywhere). */
    public static LutSlicer whole(FloatImage content, int size, Interpolation interp, NDManager manager) {
        float[] ones = new float[content.pixels()];
        java.util.Arrays.fill(ones, 1f);
        return new LutSlicer(content, new float[][] {ones}, size, interp, manager);
    }

    /** Lattice size n. */
    public int size() { return size; }

    /** The number of LUTs (regions). */
    public int regions() { return regions; }

    /**
     * The LUTs applied to the content and blended.
     *
     * @param tables (R, 3·n³) entries, red fastest (as {@link Lut3d#table()}), float32 or float64
     * @return (1, 3, H, W) on the graph of {@code tables}, unclamped
     */
    public NDArray render(NDArray tables) {
        Shape s = tables.getShape();
        long entries = 3L * size * size * size;
        if (s.dimension() != 2 || s.get(0) != regions || s.get(1) != entries) {
            throw new IllegalArgumentException("expected tables (" + regions + ", " + entries + "), got " + s);
        }
        DataType t = tables.getDataType();
        NDArray rows = tables.reshape(regions * entries / 3, 3).gather(index, 0); // (P·M·K, 3)
        NDArray mixed = rows.mul(weights.toType(t, false)).reshape((long) width * height, slots, 3).sum(new int[] {1});
        return mixed.transpose(1, 0).reshape(1, 3, height, width).add(rest.toType(t, false));
    }

    /** The tables of {@code luts} (all of size n) as one (R, 3·n³) float32 array on {@code manager}. */
    public static NDArray tables(List<Lut3d> luts, NDManager manager) {
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

    /** Splits (R, 3·n³) tables back into LUTs over the unit cube. */
    public static List<Lut3d> luts(NDArray tables, int n) {
        float[] all = tables.toType(DataType.FLOAT32, false).toFloatArray();
        int e = 3 * n * n * n;
        if (all.length % e != 0) throw new IllegalArgumentException("tables of " + all.length + " values are not whole " + n + "³ LUTs");
        List<Lut3d> out = new java.util.ArrayList<>();
        for (int r = 0; r < all.length / e; r++) out.add(Lut3d.of(n, java.util.Arrays.copyOfRange(all, r * e, (r + 1) * e)));
        return out;
    }
}
