package dev.photostyle.transfer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.photostyle.engine.Tensors;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.grid.RegionGrids;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.optim.OptimizationResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Style transfer by optimising region-aware bilateral grids of affine colour transforms instead of
 * pixels ({@link GridObjective}; grids after Chen et al. 2016 and Gharbi et al. 2017): from
 * grids holding the closed-form per-region colour transfer ({@link StatsTransfer}), the configured optimiser minimises the full objective plus grid smoothness; the
 * result is the best iterate. The output is a local affine recolouring of the content, so it
 * stays photographic and the fitted grids render the plate at any resolution
 * ({@link Result#grids()}).
 *
 * <pre>{@code
 * GridTransfer.Result r = new GridTransfer(vgg).run(inputs, cfg, List.of(), IterationListener.NONE);
 * FloatImage plate = r.grids().render(fullContent);
 * }</pre>
 */
public final class GridTransfer {
    private final VggFeatureExtractor vgg;

    public GridTransfer(VggFeatureExtractor vgg) {
        this.vgg = vgg;
    }

    /**
     * The transfer's result and its grids.
     *
     * @param result as {@link StyleTransfer} returns it (one stage)
     * @param grids  the best iterate's grids, renderable at any size
     */
    public record Result(TransferResult result, RegionGrids grids) {}

    /** Runs one grid transfer; {@code cfg.init()} is ignored (grids start at the closed-form transfer). */
    public Result run(TransferInputs in, TransferConfig cfg, List<ImageTerm.Factory> extraTerms,
            IterationListener listener) {
        Map<String, Double> timings = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        try (NDManager root = NDManager.newBaseManager(vgg.device());
                PreparedTransfer prepared = PreparedTransfer.prepare(in, cfg, vgg, root)) {
            List<ImageTerm> extras = extraTerms.stream().map(f -> f.create(prepared)).toList();
            try (GridObjective objective = new GridObjective(prepared, vgg, cfg, extras)) {
                // Start from the closed-form per-region colour transfer: the grids then only add what varies in space.
                NDArray x0 = prepared.style() != null ? objective.start(StatsTransfer.fit(prepared), root) : objective.start(root);
                long t1 = System.nanoTime();
                timings.put("prepare_s", (t1 - t0) / 1e9);
                IterationListener imageListener = (rec, p) -> {
                    try (NDManager sub = p.getManager().newSubManager()) {
                        NDArray img = objective.image(p);
                        img.attach(sub);
                        return listener.onIteration(rec, img);
                    }
                };
                OptimizationResult last = cfg.newOptimizer().minimize(objective, x0, cfg.iterations(), imageListener, root);
                long t2 = System.nanoTime();
                int steps = Math.max(1, last.history().size() - 1);
                timings.put("optimise_s", (t2 - t1) / 1e9);
                timings.put("seconds_per_iteration", (t2 - t1) / 1e9 / steps);
                timings.put("total_s", (System.nanoTime() - t0) / 1e9);
                var image = Tensors.toImage(objective.image(last.best()));
                StageResult stage = new StageResult(1, "grid", cfg.laplacianWeight(), last.history(), last.bestIteration(),
                        last.bestValue(), last.stopReason());
                TransferResult r = new TransferResult(image, prepared.content(), prepared.contentMask(), prepared.match(),
                        last.history(), last.bestIteration(), last.bestValue(), timings, List.of(stage),
                        prepared.freeMask());
                return new Result(r, objective.grids(last.best()));
            }
        }
    }
}
