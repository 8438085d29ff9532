package dev.photostyle.transfer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.photostyle.engine.Tensors;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.lut.Lut3d;
import dev.photostyle.lut.LutGain;
import dev.photostyle.lut.LutSlicer;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.mask.RegionMatch;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.optim.IterationRecord;
import dev.photostyle.optim.OptimizationResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits per-region 3D LUTs to one or several frames ({@link LutObjective}), coarse to fine like the
 * grids ({@link TransferConfig#levelSizes()}): a LUT is a colour map, independent of the
 * resolution, so with several levels it is optimised at the coarse ones (caps halving from the
 * coarsest, {@link TransferConfig#levelIterations}) and the working size is only scored, once,
 * both for the start and for the optimised LUTs; the better of the two is returned (an
 * optimisation at a coarse size is not guaranteed to lower the working size's objective). With one
 * level, or {@code iterations = 0}, everything happens at the working size and the optimiser's best
 * iterate (the start included) is returned. Each level is a stage of the report.
 *
 * <p>Measured on pair 1 (256 px, 100 iterations): optimised at 64 and 128 px, the LUTs scored 75.3
 * at 256 px, optimised there 15.4 (closed form 102.8): the Gram terms depend on the scale, so the
 * command line fits LUTs with one level.
 *
 * <p>Used by {@code --method lut} ({@link LutTransfer}: one frame, start from the closed form) and
 * by looks (several keyframes, start from their pooled closed form).
 *
 * <pre>{@code
 * LutFit.Result r = new LutFit(vgg).run((level, root) -> frames(level, root), working -> startLuts, cfg, listener);
 * List<Lut3d> luts = r.luts();
 * }</pre>
 */
public final class LutFit {
    /**
     * Prepares every frame at the working size of {@code level} ({@code level.size()}), on
     * {@code root}; an empty list skips a coarse level (e.g. a region too thin there).
     */
    @FunctionalInterface
    public interface Frames {
        List<LutObjective.Frame> prepare(TransferConfig level, NDManager root);
    }

    /** The LUTs the fit starts from, given the frames at the working size. */
    @FunctionalInterface
    public interface Start {
        List<Lut3d> luts(List<LutObjective.Frame> working);
    }

    /**
     * A frame at the working size, as fitted.
     *
     * @param content     the working-size content
     * @param contentMask its label map
     * @param match       how its regions paired
     * @param freeMask    1 where pixels may change
     * @param weights     the LUTs' weights
     * @param image       the returned LUTs' image, as scored (clamped to [0, 1])
     */
    public record Working(FloatImage content, LabelMap contentMask, RegionMatch match, float[] freeMask,
            float[][] weights, FloatImage image) {}

    /**
     * @param luts          the returned LUTs, one per region
     * @param start         the LUTs the fit started from
     * @param frames        the frames at the working size
     * @param stages        every level's stage, iterations numbered continuously
     * @param bestIteration the iteration of the returned LUTs (in the last stage)
     * @param bestValue     their objective at the working size
     * @param startValue    the start's objective at the working size
     * @param timings       prepare_s, optimise_s, seconds_per_iteration, total_s
     */
    public record Result(List<Lut3d> luts, List<Lut3d> start, List<Working> frames, List<StageResult> stages,
            int bestIteration, double bestValue, double startValue, Map<String, Double> timings) {
        public Result {
            luts = List.copyOf(luts);
            start = List.copyOf(start);
            frames = List.copyOf(frames);
            stages = List.copyOf(stages);
            timings = Map.copyOf(timings);
        }
    }

    private final VggFeatureExtractor vgg;

    public LutFit(VggFeatureExtractor vgg) {
        this.vgg = vgg;
    }

    public Result run(Frames frames, Start start, TransferConfig cfg, IterationListener listener) {
        long t0 = System.nanoTime();
        int n = cfg.lut().size();
        List<Integer> sizes = cfg.iterations() == 0 ? List.of(cfg.size()) : cfg.levelSizes();
        List<StageResult> stages = new ArrayList<>();
        double prepare = 0;
        int steps = 0;
        try (NDManager root = NDManager.newBaseManager(vgg.device())) {
            List<LutObjective.Frame> working = frames.prepare(cfg, root);
            List<Lut3d> startLuts;
            try {
                startLuts = start.luts(working);
            } catch (RuntimeException e) {
                close(working);
                throw e;
            }
            float[] limits = gainLimits(startLuts);
            try (LutObjective finest = new LutObjective(working, vgg, cfg, limits)) {
                NDArray x0 = LutSlicer.tables(startLuts, root);
                prepare += (System.nanoTime() - t0) / 1e9;
                NDArray best;
                int bestIteration;
                double bestValue;
                double startValue;
                if (sizes.size() == 1) {
                    int first = StageResult.nextIteration(stages);
                    OptimizationResult o = cfg.newOptimizer().minimize(finest, x0, cfg.iterations(),
                            listener(finest, listener, first), root);
                    stages.add(new StageResult(1, "lut", cfg.laplacianWeight(), o.history(), o.bestIteration(),
                            o.bestValue(), o.stopReason()).renumbered(1, "lut", first));
                    steps += Math.max(1, o.history().size() - 1);
                    best = o.best();
                    bestIteration = o.bestIteration() + first;
                    bestValue = o.bestValue();
                    startValue = o.history().get(0).value();
                } else {
                    NDArray x = x0;
                    int optimised = sizes.size() - 1;
                    for (int level = 0; level < optimised; level++) {
                        TransferConfig lc = cfg.toBuilder().size(sizes.get(level))
                                .iterations(cfg.levelIterations(level, optimised)).build();
                        long tp = System.nanoTime();
                        List<LutObjective.Frame> lf = frames.prepare(lc, root);
                        if (lf.isEmpty()) continue;
                        try (LutObjective objective = new LutObjective(lf, vgg, lc, limits)) {
                            prepare += (System.nanoTime() - tp) / 1e9;
                            int first = StageResult.nextIteration(stages);
                            OptimizationResult o = lc.newOptimizer().minimize(objective, x, lc.iterations(),
                                    listener(objective, listener, first), root);
                            String name = "lut at " + sizes.get(level) + " px";
                            stages.add(new StageResult(stages.size() + 1, name, lc.laplacianWeight(), o.history(),
                                    o.bestIteration(), o.bestValue(), o.stopReason()).renumbered(stages.size() + 1, name, first));
                            steps += Math.max(1, o.history().size() - 1);
                            x = o.best();
                        } finally {
                            close(lf);
                        }
                    }
                    // The working size, scored once for the start and once for the fit: the better is returned.
                    int first = StageResult.nextIteration(stages);
                    long ts = System.nanoTime();
                    IterationRecord s = scored(finest, x0, first, ts, listener);
                    IterationRecord f = x == x0 ? s : scored(finest, x, first + 1, ts, listener); // x0: every coarse level skipped
                    boolean fitted = f.value() <= s.value();
                    IterationRecord pick = fitted ? f : s;
                    String name = "lut at " + cfg.size() + " px (scored)";
                    stages.add(new StageResult(stages.size() + 1, name, cfg.laplacianWeight(), f == s ? List.of(s) : List.of(s, f),
                            pick.iteration(), pick.value(), null));
                    best = fitted ? x : x0;
                    bestIteration = pick.iteration();
                    bestValue = pick.value();
                    startValue = s.value();
                }
                List<Working> out = new ArrayList<>();
                for (int i = 0; i < working.size(); i++) {
                    PreparedTransfer p = working.get(i).prepared();
                    FloatImage img;
                    try (NDManager tmp = root.newSubManager()) {
                        NDArray b = best.duplicate();
                        b.attach(tmp);
                        img = Tensors.toImage(finest.image(b, i));
                    }
                    out.add(new Working(p.content(), p.contentMask(), p.match(), p.freeMask(), working.get(i).weights(), img));
                }
                long t2 = System.nanoTime();
                Map<String, Double> timings = new LinkedHashMap<>();
                timings.put("prepare_s", prepare);
                timings.put("optimise_s", (t2 - t0) / 1e9 - prepare);
                timings.put("seconds_per_iteration", ((t2 - t0) / 1e9 - prepare) / Math.max(1, steps));
                timings.put("total_s", (t2 - t0) / 1e9);
                return new Result(LutSlicer.luts(best, n), startLuts, out, stages, bestIteration, bestValue, startValue,
                        timings);
            } finally {
                close(working);
            }
        }
    }

    /**
     * Each region's gain limit ({@link LutGain}): its start's steepest cell, at least 1. From the
     * closed form, the fit may bend and shift the map but not make it steeper than the colour
     * statistics asked for (nor than the identity, for a map that compresses).
     */
    static float[] gainLimits(List<Lut3d> start) {
        float[] l = new float[start.size()];
        for (int r = 0; r < l.length; r++) l[r] = (float) Math.max(1.0, LutGain.maxGain(start.get(r)));
        return l;
    }

    private static IterationRecord scored(LutObjective f, NDArray x, int iteration, long since, IterationListener listener) {
        Map<String, Double> terms = new LinkedHashMap<>(f.score(x));
        double total = terms.remove("total");
        IterationRecord rec = new IterationRecord(iteration, total, terms, 1, (System.nanoTime() - since) / 1e9);
        try (NDManager sub = x.getManager().newSubManager()) {
            NDArray img = f.image(x, 0);
            img.attach(sub);
            listener.onIteration(rec, img);
        }
        return rec;
    }

    /** The caller's listener with iteration numbers shifted by {@code first}, shown frame 0's image. */
    private static IterationListener listener(LutObjective objective, IterationListener listener, int first) {
        return (rec, p) -> {
            try (NDManager sub = p.getManager().newSubManager()) {
                NDArray img = objective.image(p, 0);
                img.attach(sub);
                return listener.onIteration(new IterationRecord(rec.iteration() + first, rec.value(), rec.terms(),
                        rec.evaluations(), rec.seconds()), img);
            }
        };
    }

    private static void close(List<LutObjective.Frame> frames) {
        for (LutObjective.Frame f : frames) f.prepared().close();
    }
}
