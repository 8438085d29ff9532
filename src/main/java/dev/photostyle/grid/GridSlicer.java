package dev.photostyle.grid;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.engine.Tensors;

/**
 * Differentiable trilinear slicing of bilateral grids on the engine, with a fixed guide image
 * (Chen et al. 2016, Sec. 3; Gharbi et al. 2017, Eq. 5): for every pixel p of the guide,
 * {@code out(p) = Σ_corners w · A_corner · [c(p), 1]}, the corners being the 8 cells around
 * (x, y, lum(c(p))).
 *
 * <p>The interpolation is computed as two small matrix products (bilinear along y, then x: the
 * spatial weights do not depend on the guide), then a per-pixel hat-weighted sum over the
 * luminance bins and the 3x4 product with the homogeneous colour. Every step is a plain tensor op,
 * so gradients reach the grid coefficients; the guide is a constant. Memory: N·12·D·H·W values
 * for N grids, so slice large images on the host ({@link HostGridSlicer}).
 *
 * <pre>{@code
 * GridSlicer s = new GridSlicer(size, content, manager);   // content (1, 3, H, W) in [0, 1]
 * NDArray out = s.slice(grids);                            // grids (N, 12, D, Gh, Gw) -> (N, 3, H, W)
 * }</pre>
 */
public final class GridSlicer {
    private final GridSize size;
    private final int width;
    private final int height;
    private final NDArray wyT;     // (Gh, H)
    private final NDArray wxT;     // (Gw, W)
    private final NDArray wz;      // (1, 1, D, H, W)
    private final NDArray colour;  // (1, 1, 4, H, W): r, g, b, 1

    /**
     * @param size    the grid resolution
     * @param guide   the content (1, 3, H, W), values in [0, 1]; float32 or float64
     * @param manager owns the slicer's constants (as long as it lives)
     */
    public GridSlicer(GridSize size, NDArray guide, NDManager manager) {
        Shape s = guide.getShape();
        if (s.dimension() != 4 || s.get(0) != 1 || s.get(1) != 3) {
            throw new IllegalArgumentException("guide must be (1, 3, H, W), got " + s);
        }
        this.size = size;
        this.height = (int) s.get(2);
        this.width = (int) s.get(3);
        DataType type = guide.getDataType();
        int gw = size.width(), gh = size.height(), d = size.depth();
        double[] y = new double[height * gh];
        for (int i = 0; i < height; i++) {
            double g = SliceCoordinates.spatial(i, height, gh);
            int lo = SliceCoordinates.lower(g), hi = SliceCoordinates.upper(g, gh);
            y[i * gh + lo] += 1 - (g - lo);
            y[i * gh + hi] += g - lo;
        }
        double[] xT = new double[gw * width];
        for (int j = 0; j < width; j++) {
            double g = SliceCoordinates.spatial(j, width, gw);
            int lo = SliceCoordinates.lower(g), hi = SliceCoordinates.upper(g, gw);
            xT[lo * width + j] += 1 - (g - lo);
            xT[hi * width + j] += g - lo;
        }
        float[] c = guide.toType(DataType.FLOAT32, false).toFloatArray();
        int n = width * height;
        double[] z = new double[d * n];
        double[] hom = new double[4 * n];
        for (int i = 0; i < n; i++) {
            double g = SliceCoordinates.range(SliceCoordinates.luminance(c[i], c[n + i], c[2 * n + i]), d);
            int lo = SliceCoordinates.lower(g), hi = SliceCoordinates.upper(g, d);
            z[lo * n + i] += 1 - (g - lo);
            z[hi * n + i] += g - lo;
        }
        double[] exact = guide.toType(DataType.FLOAT64, false).toDoubleArray();
        System.arraycopy(exact, 0, hom, 0, 3 * n);
        java.util.Arrays.fill(hom, 3 * n, 4 * n, 1.0);
        this.wyT = constant(manager, y, new Shape(height, gh), type, guide).transpose();
        this.wxT = constant(manager, xT, new Shape(gw, width), type, guide);
        this.wz = constant(manager, z, new Shape(1, 1, d, height, width), type, guide);
        this.colour = constant(manager, hom, new Shape(1, 1, 4, height, width), type, guide);
    }

    private static NDArray constant(NDManager m, double[] v, Shape shape, DataType type, NDArray like) {
        // Engine-owned: a float64 host array would be the result itself, and wyT is a view of it.
        return Tensors.owned(m.create(v, shape), type, like.getDevice());
    }

    /** The grid resolution. */
    public GridSize size() { return size; }

    /** Guide width in pixels. */
    public int width() { return width; }

    /** Guide height in pixels. */
    public int height() { return height; }

    /**
     * Slices every grid with the guide.
     *
     * @param grids (N, 12, D, Gh, Gw), the guide's type
     * @return (N, 3, H, W) on the graph of {@code grids}, on its manager
     */
    public NDArray slice(NDArray grids) {
        int n = BilateralGrid.count(grids, size);
        int d = size.depth();
        NDArray g = grids.reshape(n * BilateralGrid.COEFFICIENTS * d, size.height(), size.width());
        // An op's result belongs to its first operand's manager: keep the (per-call) grids first so
        // the intermediates die with the caller's scope instead of piling up beside the constants.
        NDArray spatial = g.transpose(0, 2, 1).matMul(wyT).transpose(0, 2, 1).matMul(wxT) // (N·12·D, H, W)
                .reshape(n, BilateralGrid.COEFFICIENTS, d, height, width);
        NDArray a = spatial.mul(wz).sum(new int[] {2});                // (N, 12, H, W)
        return a.reshape(n, 3, 4, height, width).mul(colour).sum(new int[] {2});
    }
}
