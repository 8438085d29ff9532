package dev.photostyle.grid;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Region-aware grids on the engine: one bilateral grid per region, each sliced with the content
 * as guide, blended by soft region weights ({@link RegionWeights}):
 * <pre>
 *   x = c + Σ_r w_r ∘ (slice(A_r, c) − c)
 * </pre>
 * so regions of equal brightness no longer share a transform, and where all weights are 0 the
 * output is the content exactly (and gets no gradient). Differentiable in the grids.
 *
 * <pre>{@code
 * RegionGridSlicer s = new RegionGridSlicer(size, content, weights, manager); // content (1, 3, H, W)
 * NDArray x = s.render(grids);                                               // (R, 12, D, Gh, Gw) -> (1, 3, H, W)
 * }</pre>
 */
public final class RegionGridSlicer {
    private final GridSlicer slicer;
    private final NDArray content;
    private final NDArray weights;  // (R, 1, H, W)
    private final int regions;

    /**
     * @param content the guide (1, 3, H, W)
     * @param weights one plane (H·W) per region
     * @param manager owns the constants
     */
    public RegionGridSlicer(GridSize size, NDArray content, float[][] weights, NDManager manager) {
        if (weights.length < 1) throw new IllegalArgumentException("region-aware grids need at least one region");
        this.slicer = new GridSlicer(size, content, manager);
        this.content = content;
        this.regions = weights.length;
        int n = slicer.width() * slicer.height();
        float[] all = new float[regions * n];
        for (int r = 0; r < regions; r++) {
            if (weights[r].length != n) throw new IllegalArgumentException("region weight " + r + " has " + weights[r].length + " pixels, expected " + n);
            System.arraycopy(weights[r], 0, all, r * n, n);
        }
        this.weights = manager.create(all, new Shape(regions, 1, slicer.height(), slicer.width()))
                .toType(content.getDataType(), false).toDevice(content.getDevice(), false);
    }

    /** The number of regions R. */
    public int regions() { return regions; }

    /** The grid resolution. */
    public GridSize size() { return slicer.size(); }

    /** R grids, each the constant map {@code affines[r]} (3x4), in the content's type. */
    public NDArray constant(double[][][] affines, NDManager manager) {
        if (affines.length != regions) throw new IllegalArgumentException("expected " + regions + " maps, got " + affines.length);
        return BilateralGrid.constant(slicer.size(), affines, manager).toType(content.getDataType(), false);
    }

    /** R identity grids, the natural start. */
    public NDArray identity(NDManager manager) {
        return BilateralGrid.identity(slicer.size(), regions, manager).toType(content.getDataType(), false);
    }

    /**
     * The blended image (1, 3, H, W), unclamped, on the graph of {@code grids}.
     *
     * @param grids (R, 12, D, Gh, Gw)
     */
    public NDArray render(NDArray grids) {
        if (BilateralGrid.count(grids, slicer.size()) != regions) {
            throw new IllegalArgumentException("expected " + regions + " grids, got " + grids.getShape().get(0));
        }
        NDArray s = slicer.slice(grids);
        return s.sub(content).mul(weights).sum(new int[] {0}, true).add(content);
    }
}
