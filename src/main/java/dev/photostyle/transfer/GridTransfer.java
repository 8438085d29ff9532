package dev.photostyle.transfer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.photostyle.engine.Tensors;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.grid.RegionGrids;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.optim.OptimizationResult;

import dev.photostyle.optim.IterationRecord;

import java.util.ArrayList;
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

    /**
     * Runs one grid transfer, coarse to fine ({@link TransferConfig#levelSizes()}): the grids are
     * resolution independent, so each level starts from the previous level's best grids, and the
     * first from the closed-form per-region colour transfer ({@code cfg.init()} is ignored). With
     * several levels the grids are optimised at the coarser ones (caps halving from the coarsest)
     * and the working size is only scored, once; with one level they are optimised at the working
     * size. Each level is a stage of the report; the result is the last stage's image.
     */
    public Result run(TransferInputs in, TransferConfig cfg, List<ImageTerm.Factory> extraTerms,
            IterationListener listener) {
        Map<String, Double> timings = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        List<Integer> sizes = cfg.levelSizes();
        List<StageResult> stages = new ArrayList<>();
        double prepare = 0;
        int steps = 0;
        try (NDManager root = NDManager.newBaseManager(vgg.device())) {
            NDArray x = null;
            for (int level = 0; level < sizes.size(); level++) {
                boolean finest = level == sizes.size() - 1;
                // With several levels the working size is only scored: the grids are resolution
                // independent, and an iteration there costs 4-5x one at half the size.
                boolean scoreOnly = finest && sizes.size() > 1;
                int optimised = sizes.size() > 1 ? sizes.size() - 1 : 1;
                TransferConfig lc = cfg.toBuilder().size(sizes.get(level))
                        .iterations(scoreOnly ? 0 : cfg.levelIterations(level, optimised)).build();
                long tp = System.nanoTime();
                try (PreparedTransfer prepared = PreparedTransfer.prepare(in, lc, vgg, root)) {
                    List<ImageTerm> extras = extraTerms.stream().map(f -> f.create(prepared)).toList();
                    try (GridObjective objective = new GridObjective(prepared, vgg, lc, extras)) {
                        if (x == null) {
                            // Start from the closed-form per-region colour transfer: the grids then
                            // only add what varies in space. With no iterations asked for, the
                            // identity: --iterations 0 returns the plate as it is (a check of the plate path).
                            x = prepared.style() != null && cfg.iterations() > 0
                                    ? objective.start(StatsTransfer.fit(prepared), root) : objective.start(root);
                        }
                        prepare += (System.nanoTime() - tp) / 1e9;
                        int first = StageResult.nextIteration(stages);
                        IterationListener imageListener = (rec, p) -> {
                            try (NDManager sub = p.getManager().newSubManager()) {
                                NDArray img = objective.image(p);
                                img.attach(sub);
                                return listener.onIteration(new IterationRecord(rec.iteration() + first, rec.value(),
                                        rec.terms(), rec.evaluations(), rec.seconds()), img);
                            }
                        };
                        OptimizationResult last = lc.newOptimizer().minimize(objective, x, lc.iterations(),
                                imageListener, root);
                        String name = scoreOnly ? "grid at " + sizes.get(level) + " px (scored)"
                                : finest ? "grid" : "grid at " + sizes.get(level) + " px";
                        stages.add(new StageResult(stages.size() + 1, name, lc.laplacianWeight(), last.history(),
                                last.bestIteration(), last.bestValue(), last.stopReason())
                                .renumbered(stages.size() + 1, name, first));
                        steps += Math.max(1, last.history().size() - 1);
                        x = last.best();
                        if (finest) {
                            long t2 = System.nanoTime();
                            timings.put("prepare_s", prepare);
                            timings.put("optimise_s", (t2 - t0) / 1e9 - prepare);
                            timings.put("seconds_per_iteration", ((t2 - t0) / 1e9 - prepare) / steps);
                            timings.put("total_s", (t2 - t0) / 1e9);
                            var image = Tensors.toImage(objective.image(x));
                            StageResult fin = stages.get(stages.size() - 1);
                            TransferResult r = new TransferResult(image, prepared.content(), prepared.contentMask(),
                                    prepared.match(), StageResult.concat(stages), fin.bestIteration(),
                                    fin.bestValue(), timings, stages, prepared.freeMask());
                            return new Result(r, objective.grids(x));
                        }
                    }
                }
            }
        }
        throw new IllegalStateException("no level to run"); // levelSizes() always ends with the working size
    }
}
