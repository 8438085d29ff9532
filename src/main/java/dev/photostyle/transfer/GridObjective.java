package dev.photostyle.transfer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.photostyle.colour.RegionColourTransfer;
import dev.photostyle.engine.TensorScope;
import dev.photostyle.engine.Tensors;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.grid.GridConfig;
import dev.photostyle.grid.GridSmoothness;
import dev.photostyle.grid.RegionGridSlicer;
import dev.photostyle.grid.RegionGrids;
import dev.photostyle.grid.RegionWeights;
import dev.photostyle.optim.DifferentiableFunction;
import dev.photostyle.optim.Evaluation;

import java.util.List;
import java.util.Map;

/**
 * The transfer objective as a function of region-aware bilateral grids (R, 12, D, Gh, Gw), one grid
 * per matched region (in {@code prepared.match().matched()} order): the image
 * {@code x = c + Σ_r w_r ∘ (slice(A_r, c) − c)} ({@link RegionGridSlicer}) is scored by the same
 * {@link ImageLoss} as the pixel method, plus the grid smoothness term
 * {@code w_g · GridSmoothness(A)} (reported as {@code "grid_smoothness"}). Unmatched, unlabelled
 * and excluded pixels have weight 0: they are the content exactly.
 */
public final class GridObjective implements DifferentiableFunction, AutoCloseable {
    private final ImageLoss loss;
    private final RegionGridSlicer slicer;
    private final GridConfig grid;
    private final List<Integer> labels;
    private final float[][] weights;
    private final int width;
    private final int height;

    /**
     * @throws IllegalArgumentException when no region is matched (nothing could change)
     */
    public GridObjective(PreparedTransfer prepared, VggFeatureExtractor vgg, TransferConfig config,
            List<ImageTerm> extraTerms) {
        this.labels = List.copyOf(prepared.match().matched());
        if (labels.isEmpty()) throw new IllegalArgumentException("--method grid needs at least one region matched between the masks");
        this.grid = config.grid();
        NDManager m = prepared.manager();
        NDArray content = Tensors.toTensor(prepared.content(), m);
        this.width = prepared.content().width();
        this.height = prepared.content().height();
        this.weights = RegionWeights.soft(prepared.contentMask(), labels, prepared.freeMask(), grid.blendRadius());
        this.slicer = new RegionGridSlicer(grid.size(), content, weights, m);
        this.loss = new ImageLoss(prepared, vgg, config, content, extraTerms);
    }

    /** Identity grids (R, 12, D, Gh, Gw) on {@code manager}: the content. */
    public NDArray start(NDManager manager) {
        return slicer.identity(manager);
    }

    /**
     * Grids (R, 12, D, Gh, Gw) that hold one closed-form colour map per region in every cell (its
     * labels must be this objective's, in order): the optimisation starts from the statistics'
     * answer instead of from the content, and the grids only add what varies in space.
     */
    public NDArray start(RegionColourTransfer maps, NDManager manager) {
        if (!maps.labels().equals(labels)) {
            throw new IllegalArgumentException("maps for labels " + maps.labels() + ", grids for " + labels);
        }
        return slicer.constant(maps.affines(), manager);
    }

    @Override
    public Evaluation evaluate(NDArray p, NDManager out) {
        return DifferentiableFunction.byAutograd(p, out, (leaf, terms) -> compute(leaf, terms));
    }

    private NDArray compute(NDArray grids, Map<String, Double> terms) {
        NDArray total = loss.compute(slicer.render(grids), terms);
        if (grid.smoothnessWeight() > 0) {
            NDArray s = dev.photostyle.engine.Tensors.scale(GridSmoothness.compute(grids), grid.smoothnessWeight());
            terms.put("grid_smoothness", Tensors.scalar(s));
            total = total.add(s);
        }
        return total;
    }

    /** The image the grids stand for, as scored: clamp(x, 0, 1), (1, 3, H, W) on p's manager. */
    public NDArray image(NDArray p) {
        // The slicing's large intermediates would otherwise stay in p's manager until the run ends.
        return TensorScope.keep(() -> slicer.render(p).clip(0f, 1f));
    }

    /** The grids p as a host model that renders at any size. */
    public RegionGrids grids(NDArray p) {
        float[] flat = p.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        return new RegionGrids(grid.size(), labels, RegionGrids.split(flat, grid.size(), labels.size()), weights,
                width, height);
    }

    @Override
    public void close() {
        loss.close();
    }
}
