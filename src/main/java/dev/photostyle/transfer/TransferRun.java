package dev.photostyle.transfer;

import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.grid.RegionGrids;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.optim.IterationRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One transfer by the configured {@link TransferConfig.Method}, the single place that dispatches
 * between {@link StyleTransfer} (pixels), {@link GridTransfer} (grids), {@link StatsTransfer}
 * (closed form), {@link LutTransfer} (per-region LUTs) and the hybrid (grids, then
 * a pixel refinement of {@code max(1, iterations / 3)} steps with the photorealism term, starting
 * from the grids' image), and its output at any size.
 *
 * <pre>{@code
 * TransferRun run = TransferRun.run(vgg, inputs, cfg, List.of(), IterationListener.NONE);
 * FloatImage out = run.output(new OutputStage(OutputStage.Post.NONE, OutputStage.FULL), plate);
 * }</pre>
 *
 * @param result   the transfer's result at the working size
 * @param renderer for a method whose result is a colour transform of the content ({@code GRID},
 *                 {@code STATS}, {@code LUT}): renders it from the content at any size (the full-size output
 *                 applies the transform to the plate itself, no upsampling); else null
 */
public record TransferRun(TransferResult result, UnaryOperator<FloatImage> renderer) {

    /** Runs {@code cfg.method()}; the listener's iteration numbers run on across the hybrid's parts. */
    public static TransferRun run(VggFeatureExtractor vgg, TransferInputs in, TransferConfig cfg,
            List<ImageTerm.Factory> extraTerms, IterationListener listener) {
        return switch (cfg.method()) {
            case PIXELS -> new TransferRun(new StyleTransfer(vgg).run(in, cfg, extraTerms, listener), null);
            case GRID -> {
                GridTransfer.Result g = new GridTransfer(vgg).run(in, cfg, extraTerms, listener);
                RegionGrids grids = g.grids();
                yield new TransferRun(g.result(), grids::render);
            }
            case STATS -> new StatsTransfer(vgg).run(in, cfg, extraTerms, listener);
            case LUT -> new LutTransfer(vgg).run(in, cfg, extraTerms, listener);
            case HYBRID -> new TransferRun(hybrid(vgg, in, cfg, extraTerms, listener), null);
        };
    }

    /** Iterations of the hybrid's pixel refinement: a third of the grid's, none when it has none. */
    public static int refinementIterations(TransferConfig cfg) {
        return cfg.iterations() == 0 ? 0 : Math.max(1, cfg.iterations() / 3);
    }

    /**
     * The most iterations a run of {@code cfg} takes over all its stages (the optimisers may stop
     * earlier): what a progress bar counts to.
     */
    public static int plannedIterations(TransferConfig cfg) {
        return switch (cfg.method()) {
            case PIXELS -> cfg.iterations() * (cfg.stages() == 2 && cfg.laplacianWeight() > 0 ? 2 : 1);
            case GRID, LUT -> cfg.iterations();
            case STATS -> 0;
            case HYBRID -> cfg.iterations() + refinementIterations(cfg);
        };
    }

    private static TransferResult hybrid(VggFeatureExtractor vgg, TransferInputs in, TransferConfig cfg,
            List<ImageTerm.Factory> extraTerms, IterationListener listener) {
        TransferResult g = new GridTransfer(vgg).run(in, cfg, extraTerms, listener).result();
        int offset = StageResult.nextIteration(g.stages());
        TransferConfig refine = cfg.toBuilder().method(TransferConfig.Method.PIXELS).init(TransferConfig.Init.IMAGE)
                .iterations(refinementIterations(cfg)).stages(1).build();
        TransferInputs start = new TransferInputs(in.content(), in.style(), in.contentMask(), in.styleMask(), g.image());
        IterationListener shifted = (rec, img) -> listener.onIteration(new IterationRecord(rec.iteration() + offset,
                rec.value(), rec.terms(), rec.evaluations(), rec.seconds()), img);
        TransferResult p = new StyleTransfer(vgg).run(start, refine, extraTerms, shifted);
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("grid_s", g.timings().getOrDefault("total_s", 0.0));
        timings.put("refine_s", p.timings().getOrDefault("total_s", 0.0));
        timings.put("seconds_per_iteration", p.timings().getOrDefault("seconds_per_iteration", 0.0));
        timings.put("total_s", timings.get("grid_s") + timings.get("refine_s"));
        List<StageResult> stages = new ArrayList<>(g.stages());
        for (StageResult s : p.stages()) {
            stages.add(s.renumbered(stages.size() + 1, "pixel refinement", offset));
        }
        StageResult last = stages.get(stages.size() - 1);
        return new TransferResult(p.image(), p.content(), p.contentMask(), p.match(), StageResult.concat(stages),
                last.bestIteration(), last.bestValue(), timings, stages, p.freeMask());
    }

    /**
     * The final image: for a grid run at a size other than the working size, the grids sliced with
     * the content at that size (exact content outside the free mask); otherwise
     * {@link OutputStage#apply(TransferResult, FloatImage)}.
     */
    public FloatImage output(OutputStage stage, FloatImage fullContent) {
        return output(stage, fullContent, null);
    }

    /** As {@link #output(OutputStage, FloatImage)}, protecting pixels by the full-size content mask (may be null). */
    public FloatImage output(OutputStage stage, FloatImage fullContent, LabelMap fullMask) {
        return stage.apply(result, fullContent, fullMask, renderer);
    }
}
