package dev.photostyle.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.photostyle.engine.MklDispatch;
import dev.photostyle.engine.Tensors;
import dev.photostyle.features.Vgg19;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.loss.RangePenalty;
import dev.photostyle.loss.TotalVariationLoss;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.optim.IterationRecord;
import dev.photostyle.transfer.OutputStage;
import dev.photostyle.transfer.PreparedTransfer;
import dev.photostyle.transfer.StyleTerm;
import dev.photostyle.transfer.StyleTransfer;
import dev.photostyle.transfer.TransferConfig;
import dev.photostyle.transfer.TransferInputs;
import dev.photostyle.transfer.TransferObjective;
import dev.photostyle.transfer.TransferResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the speed and memory of the whole transfer on a {@link SyntheticScene}: per size, it
 * runs {@code warmup} discarded transfers, then {@code repeats} measured ones, each the same code
 * path as {@code photostyle transfer} (masked style loss, content loss, priors, L-BFGS).
 *
 * <p>Seconds per iteration come from the optimiser's own clock ({@link IterationRecord#seconds()}):
 * the time from the starting point's evaluation to the last accepted iterate, divided by the
 * iterations taken, so it covers every objective evaluation (forward, backward, loss terms, line
 * search) plus the optimiser's own step, and excludes set-up. Stage times (prepare, optimise,
 * write) come from {@link TransferResult#timings()} plus a timed PNG write.
 *
 * <p>Per size it also times one objective evaluation on its own against the bare network
 * ({@link EvaluationCost}): the objective's overhead over the forward and backward pass that any
 * VGG-based loss pays.
 *
 * <p>Example: {@code SizeResult r = new Benchmark(vgg).run(512, cfg, scratchDir);}
 */
public final class Benchmark {
    private final VggFeatureExtractor vgg;

    public Benchmark(VggFeatureExtractor vgg) {
        this.vgg = vgg;
    }

    /**
     * One size's figures; medians over repeats.
     *
     * @param size long side in px
     * @param width working width
     * @param height working height
     * @param secondsPerIteration median seconds per optimiser iteration
     * @param secondsPerEvaluation median seconds per objective evaluation
     * @param perRepeat seconds per iteration of each measured repeat
     * @param stages median seconds of prepare_s, optimise_s, write_s, total_s
     * @param iterations iterations per transfer actually taken (last repeat)
     * @param heapPeakBytes JVM heap peak during this size (sum of pool peaks)
     * @param rssPeakBytes process RSS peak (VmHWM) during this size; since process start if not resettable
     * @param rssPeakReset whether the RSS peak was reset before this size
     * @param evaluation one objective evaluation against the bare network, at this size
     */
    public record SizeResult(int size, int width, int height, double secondsPerIteration, double secondsPerEvaluation,
            List<Double> perRepeat, Map<String, Double> stages, int iterations, long heapPeakBytes, long rssPeakBytes,
            boolean rssPeakReset, EvaluationCost evaluation) {
        public SizeResult {
            perRepeat = List.copyOf(perRepeat);
            stages = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stages));
        }
    }

    /** Runs the benchmark for one size, writing throw-away images into {@code scratch}. */
    public SizeResult run(int size, BenchConfig cfg, Path scratch) throws IOException {
        SyntheticScene scene = SyntheticScene.of(size, size);
        TransferInputs in = new TransferInputs(scene.content(), scene.style(), scene.contentMask(), scene.styleMask(), null);
        TransferConfig tc = TransferConfig.builder().size(size).iterations(cfg.iterations())
                .styleLayers(cfg.styleLayers()).contentLayers(cfg.contentLayers()).build();
        StyleTransfer st = new StyleTransfer(vgg);
        Path out = scratch.resolve("bench-" + size + ".png");
        boolean rssReset = PeakMemory.reset();
        for (int i = 0; i < cfg.warmup(); i++) st.run(in, tc, IterationListener.NONE);
        List<Double> perIter = new ArrayList<>(), perEval = new ArrayList<>();
        Map<String, List<Double>> stages = new LinkedHashMap<>();
        int iterations = 0, w = 0, h = 0;
        for (int i = 0; i < cfg.repeats(); i++) {
            TransferResult r = st.run(in, tc, IterationListener.NONE);
            long t = System.nanoTime();
            PlateIO.write(r.image(), out);
            double write = (System.nanoTime() - t) / 1e9;
            List<IterationRecord> hist = r.history();
            IterationRecord first = hist.get(0), last = hist.get(hist.size() - 1);
            iterations = Math.max(1, last.iteration() - first.iteration());
            int evals = Math.max(1, last.evaluations() - first.evaluations());
            double span = last.seconds() - first.seconds();
            perIter.add(span / iterations);
            perEval.add(span / evals);
            for (String k : List.of("prepare_s", "optimise_s")) {
                stages.computeIfAbsent(k, x -> new ArrayList<>()).add(r.timings().getOrDefault(k, Double.NaN));
            }
            stages.computeIfAbsent("write_s", x -> new ArrayList<>()).add(write);
            stages.computeIfAbsent("total_s", x -> new ArrayList<>()).add(r.timings().getOrDefault("total_s", Double.NaN) + write);
            w = r.image().width();
            h = r.image().height();
        }
        Files.deleteIfExists(out);
        Map<String, Double> stageMedians = new LinkedHashMap<>();
        stages.forEach((k, v) -> stageMedians.put(k, median(v)));
        long heap = PeakMemory.heapPeakBytes(), rss = PeakMemory.rssPeakBytes();
        EvaluationCost cost = evaluationCost(in, tc, cfg.evalWarmup(), cfg.rounds(), cfg.evalBlock());
        return new SizeResult(size, w, h, median(perIter), median(perEval), perIter, stageMedians, iterations,
                heap, rss, rssReset, cost);
    }

    /**
     * Seconds of one evaluation (value and gradient) of the objective, and of the bare network.
     *
     * @param objectiveSeconds    median of the whole objective as the transfer runs it (all terms)
     * @param withoutPhotorealism median of the same objective with the photorealism weight set to 0
     * @param networkSeconds      median of the bare network: forward to {@code layer}, sum, backward to the input
     * @param layer               the deepest layer the objective reads
     * @param ratio               median over rounds of objective / network, both timed in that round
     * @param ratioWithoutPhotorealism median over rounds of (objective without photorealism) / network
     */
    public record EvaluationCost(double objectiveSeconds, double withoutPhotorealism, double networkSeconds,
            String layer, double ratio, double ratioWithoutPhotorealism) {}

    /**
     * Times {@code repeats} rounds (after {@code warmup} discarded ones) of: the bare network, the
     * objective, the objective without photorealism, interleaved so that a machine's drift hits
     * all three alike. Each timed evaluation directly follows an untimed one of the same function,
     * as in an optimisation loop: the allocator then serves it from the memory its own previous
     * evaluation freed (measured: an objective timed right after the network, whose allocations
     * differ, took ~0.3 s more at 512 px, mostly the kernel zeroing fresh pages). A measured sample
     * is the mean of {@code block} consecutive evaluations (warm-up rounds time one). Ratios are
     * medians of per-round ratios. Each evaluation ends by reading a value computed after the
     * backward pass, so queued device work is included.
     */
    public EvaluationCost evaluationCost(TransferInputs in, TransferConfig tc, int warmup, int repeats, int block) {
        TransferConfig noPhoto = tc.toBuilder().laplacianWeight(0).build();
        String deepest = tc.allLayers().stream().max(java.util.Comparator.comparingInt(Vgg19::position)).orElseThrow();
        List<Double> obj = new ArrayList<>(), bare = new ArrayList<>(), plain = new ArrayList<>();
        List<Double> ratio = new ArrayList<>(), ratioPlain = new ArrayList<>();
        try (NDManager root = NDManager.newBaseManager(vgg.device());
                PreparedTransfer prepared = PreparedTransfer.prepare(in, tc, vgg, root);
                TransferObjective full = new TransferObjective(prepared, vgg, tc);
                TransferObjective without = new TransferObjective(prepared, vgg, noPhoto)) {
            NDArray x = full.content();
            Runnable net = () -> network(x, deepest);
            Runnable all = () -> evaluate(full, x, root);
            Runnable some = () -> evaluate(without, x, root);
            for (int r = 0; r < warmup + repeats; r++) {
                int k = r < warmup ? 1 : block;
                double n = secondsAfterAWarmCall(net, k);
                double o = secondsAfterAWarmCall(all, k);
                double p = secondsAfterAWarmCall(some, k);
                if (r < warmup) continue;
                bare.add(n);
                obj.add(o);
                plain.add(p);
                ratio.add(o / n);
                ratioPlain.add(p / n);
            }
        }
        return new EvaluationCost(median(obj), median(plain), median(bare), deepest, median(ratio), median(ratioPlain));
    }

    private static void evaluate(TransferObjective f, NDArray x, NDManager root) {
        try (NDManager out = root.newSubManager()) {
            f.evaluate(x, out);
        }
    }

    /** Runs {@code work} once untimed, then {@code times} times timed; mean seconds of the timed runs. */
    private static double secondsAfterAWarmCall(Runnable work, int times) {
        work.run();
        long t0 = System.nanoTime();
        for (int i = 0; i < times; i++) work.run();
        return (System.nanoTime() - t0) / 1e9 / times;
    }

    /**
     * Seconds of each term's forward and backward pass on its own, on the network's activations at
     * the content (detached, so the network is not included): one entry per style term
     * ({@code style_<layer>[_<k>]}), per content layer ({@code content_<layer>}), {@code tv} and
     * {@code range}, medians of {@code repeats} samples after {@code warmup}, each sample the mean
     * of {@code block} back-to-back runs after an untimed run of the same term (warm-up samples time
     * one), as {@link #evaluationCost} times the objective. Each is net of the harness: timing a term copies its input to a fresh
     * leaf and reads the gradient back, full-size passes that the objective does not make (at
     * relu1_1 comparable to the term), so the same harness around a plain sum of the same
     * input, timed in the same round, is subtracted. The photorealism term is the objective's time
     * minus the objective's without it ({@link EvaluationCost}).
     */
    public Map<String, Double> termCosts(TransferInputs in, TransferConfig tc, int warmup, int repeats, int block) {
        if (block < 1) throw new IllegalArgumentException("block must be >= 1, got " + block);
        Map<String, List<Double>> times = new LinkedHashMap<>();
        try (NDManager root = NDManager.newBaseManager(vgg.device());
                PreparedTransfer prepared = PreparedTransfer.prepare(in, tc, vgg, root);
                TransferObjective objective = new TransferObjective(prepared, vgg, tc)) {
            NDArray x = objective.content();
            Map<String, NDArray> f;
            try (NDManager tmp = root.newSubManager()) {
                f = new LinkedHashMap<>();
                for (Map.Entry<String, NDArray> e : vgg.extract(x.clip(0f, 1f), tc.allLayers()).entrySet()) {
                    NDArray d = e.getValue().duplicate();
                    d.attach(root);
                    f.put(e.getKey(), d);
                }
            }
            Map<String, Runnable> terms = new LinkedHashMap<>();
            Map<String, Runnable> harness = new LinkedHashMap<>();
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (StyleTerm t : prepared.styleTerms()) {
                int k = seen.merge(t.layer(), 1, Integer::sum);
                String name = "style_" + t.layer() + (k > 1 ? "_" + k : "");
                terms.put(name, () -> term(f.get(t.layer()), v -> t.loss().compute(v)));
                harness.put(name, () -> term(f.get(t.layer()), NDArray::sum));
            }
            prepared.contentLosses().forEach((layer, c) -> {
                terms.put("content_" + layer, () -> term(f.get(layer), c::compute));
                harness.put("content_" + layer, () -> term(f.get(layer), NDArray::sum));
            });
            TotalVariationLoss tv = new TotalVariationLoss(); // held across calls, as the objective holds its own
            terms.put("tv", () -> term(x, v -> tv.apply(v.clip(0f, 1f))));
            harness.put("tv", () -> term(x, v -> v.clip(0f, 1f).sum()));
            terms.put("range", () -> term(x, v -> RangePenalty.compute(v, 0f, 1f)));
            harness.put("range", () -> term(x, NDArray::sum));
            for (int r = 0; r < warmup + repeats; r++) {
                int runs = r < warmup ? 1 : block;
                for (Map.Entry<String, Runnable> e : terms.entrySet()) {
                    double sec = secondsAfterAWarmCall(e.getValue(), runs);
                    double base = secondsAfterAWarmCall(harness.get(e.getKey()), runs);
                    if (r >= warmup) times.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(sec - base);
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        times.forEach((k, v) -> out.put(k, median(v)));
        return out;
    }

    /** Forward and backward of {@code loss} at a fresh leaf copy of {@code at}; reads the gradient. */
    private static void term(NDArray at, java.util.function.Function<NDArray, NDArray> loss) {
        try (NDManager sub = at.getManager().newSubManager()) {
            NDArray leaf = at.duplicate();
            leaf.attach(sub);
            leaf.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray v = loss.apply(leaf);
                gc.backward(v);
                Tensors.scalar(v);
            }
            Tensors.scalar(leaf.getGradient().sum());
        }
    }

    /** The bare network at x: forward to {@code layer}, sum, backward to a fresh leaf; returns the sum. */
    private double network(NDArray x, String layer) {
        try (NDManager sub = x.getManager().newSubManager()) {
            NDArray leaf = x.duplicate();
            leaf.attach(sub);
            leaf.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray sum = vgg.extract(leaf, List.of(layer)).get(layer).sum();
                gc.backward(sum);
                return Tensors.scalar(sum);
            }
        }
    }

    /**
     * Figures of a full-resolution output: one transfer at the working size, then the output stage
     * (optional post-step, guided upsampling to the plate, exact content outside the regions) and
     * the write of the plate as EXR.
     *
     * @param workingSize     long side the transfer optimised at
     * @param plateWidth      plate width
     * @param plateHeight     plate height
     * @param post            the post-step
     * @param transferSeconds the transfer at the working size (prepare + optimise)
     * @param outputSeconds   the output stage alone
     * @param writeSeconds    writing the plate
     * @param heapPeakBytes   JVM heap peak during output stage and write
     * @param rssPeakBytes    process RSS peak during output stage and write (the process's whole
     *                        resident set, VGG and JVM included)
     * @param rssPeakReset    whether the RSS peak was reset before the output stage
     */
    public record OutputResult(int workingSize, int plateWidth, int plateHeight, OutputStage.Post post,
            double transferSeconds, double outputSeconds, double writeSeconds, long heapPeakBytes, long rssPeakBytes,
            boolean rssPeakReset) {}

    /** Measures one full-resolution output of a synthetic plate whose long side is {@code plateSize}. */
    public OutputResult runOutput(int workingSize, int plateSize, OutputStage.Post post, BenchConfig cfg, Path scratch)
            throws IOException {
        SyntheticScene scene = SyntheticScene.of(plateSize, 0);
        TransferInputs in = new TransferInputs(scene.content(), scene.style(), scene.contentMask(), scene.styleMask(), null);
        TransferConfig tc = TransferConfig.builder().size(workingSize).iterations(cfg.iterations())
                .styleLayers(cfg.styleLayers()).contentLayers(cfg.contentLayers()).build();
        long t0 = System.nanoTime();
        TransferResult r = new StyleTransfer(vgg).run(in, tc, IterationListener.NONE);
        long t1 = System.nanoTime();
        boolean rssReset = PeakMemory.reset();
        FloatImage plate = new OutputStage(post, OutputStage.FULL).apply(r, scene.content());
        long t2 = System.nanoTime();
        Path out = scratch.resolve("bench-plate-" + plateSize + ".exr");
        PlateIO.write(plate, out);
        long t3 = System.nanoTime();
        Files.deleteIfExists(out);
        return new OutputResult(workingSize, plate.width(), plate.height(), post, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                (t3 - t2) / 1e9, PeakMemory.heapPeakBytes(), PeakMemory.rssPeakBytes(), rssReset);
    }

    /** The median (mean of the middle two for an even count). */
    public static double median(List<Double> xs) {
        if (xs.isEmpty()) throw new IllegalArgumentException("median of nothing");
        double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : 0.5 * (a[n / 2 - 1] + a[n / 2]);
    }

    /** The JSON tree of a run: the settings and one object per size ({@link #toMap(SizeResult)}). */
    public static Map<String, Object> toMap(BenchConfig cfg, String weights, boolean generatedWeights, String device,
            List<Map<String, Object>> sizes) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tool", "photostyle bench");
        root.put("weights", weights);
        root.put("generated_weights", generatedWeights);
        if (generatedWeights) root.put("weights_note", "random He-initialised VGG19 weights up to conv3_1; timings only");
        root.put("device", device);
        root.put("available_processors", Runtime.getRuntime().availableProcessors());
        root.put("mkl_override_preloaded", MklDispatch.overridden());
        root.put("inputs", "synthetic 4:3 content and style with two-region masks");
        root.put("repeats", cfg.repeats());
        root.put("warmup", cfg.warmup());
        root.put("eval_warmup", cfg.evalWarmup());
        root.put("eval_block", cfg.evalBlock());
        root.put("rounds", cfg.rounds());
        root.put("iterations", cfg.iterations());
        root.put("style_layers", cfg.styleLayers());
        root.put("content_layers", cfg.contentLayers());
        root.put("sizes", sizes);
        return root;
    }

    /** The JSON object of one size. */
    public static Map<String, Object> toMap(SizeResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", r.size());
        m.put("width", r.width());
        m.put("height", r.height());
        m.put("seconds_per_iteration_median", r.secondsPerIteration());
        m.put("seconds_per_evaluation_median", r.secondsPerEvaluation());
        m.put("seconds_per_iteration_repeats", r.perRepeat());
        m.put("iterations_per_transfer", r.iterations());
        m.put("stages_median_s", r.stages());
        m.put("heap_peak_bytes", r.heapPeakBytes());
        m.put("rss_peak_bytes", r.rssPeakBytes());
        m.put("rss_peak_reset_per_size", r.rssPeakReset());
        EvaluationCost e = r.evaluation();
        m.put("objective_evaluation_s_median", e.objectiveSeconds());
        m.put("objective_without_photorealism_evaluation_s_median", e.withoutPhotorealism());
        m.put("network_evaluation_s_median", e.networkSeconds());
        m.put("network_layer", e.layer());
        m.put("objective_to_network_ratio", e.ratio());
        m.put("objective_without_photorealism_to_network_ratio", e.ratioWithoutPhotorealism());
        return m;
    }

    /** The JSON object of one full-resolution output measurement. */
    public static Map<String, Object> toMap(OutputResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("working_size", r.workingSize());
        m.put("plate_width", r.plateWidth());
        m.put("plate_height", r.plateHeight());
        m.put("post", r.post().name().toLowerCase(java.util.Locale.ROOT));
        m.put("transfer_s", r.transferSeconds());
        m.put("output_stage_s", r.outputSeconds());
        m.put("write_exr_s", r.writeSeconds());
        m.put("heap_peak_bytes", r.heapPeakBytes());
        m.put("rss_peak_bytes", r.rssPeakBytes());
        m.put("rss_peak_reset", r.rssPeakReset());
        return m;
    }

    /** A fixed-width table of full-resolution output measurements ({@link #toMap(OutputResult)} rows). */
    public static String outputTable(List<Map<String, Object>> rows) {
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "%6s %11s %14s %10s %9s %10s %10s%n",
                "work", "plate", "post", "output_s", "write_s", "heap_MiB", "rss_MiB"));
        for (Map<String, Object> r : rows) {
            b.append(String.format(java.util.Locale.ROOT, "%6d %11s %14s %10.3f %9.3f %10.1f %10.1f%n",
                    num(r, "working_size").intValue(), r.get("plate_width") + "x" + r.get("plate_height"), r.get("post"),
                    num(r, "output_stage_s").doubleValue(), num(r, "write_exr_s").doubleValue(),
                    num(r, "heap_peak_bytes").doubleValue() / 1048576.0, num(r, "rss_peak_bytes").doubleValue() / 1048576.0));
        }
        return b.toString();
    }

    /** A fixed-width table of the sizes ({@link #toMap(SizeResult)} rows), one row per size. */
    public static String table(List<Map<String, Object>> rows) {
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT,
                "%6s %9s %10s %10s %10s %10s %9s %10s %10s %9s %9s %8s %12s%n", "size", "WxH", "s/iter", "s/eval",
                "prepare_s", "optimise_s", "write_s", "heap_MiB", "rss_MiB", "obj_s", "net_s", "obj/net",
                "nophoto/net"));
        for (Map<String, Object> r : rows) {
            Map<?, ?> st = (Map<?, ?>) r.get("stages_median_s");
            b.append(String.format(java.util.Locale.ROOT,
                    "%6d %9s %10.4f %10.4f %10.3f %10.3f %9.3f %10.1f %10.1f %9.4f %9.4f %8.2f %12.2f%n",
                    num(r, "size").intValue(), r.get("width") + "x" + r.get("height"),
                    num(r, "seconds_per_iteration_median").doubleValue(), num(r, "seconds_per_evaluation_median").doubleValue(),
                    ((Number) st.get("prepare_s")).doubleValue(), ((Number) st.get("optimise_s")).doubleValue(),
                    ((Number) st.get("write_s")).doubleValue(), num(r, "heap_peak_bytes").doubleValue() / 1048576.0,
                    num(r, "rss_peak_bytes").doubleValue() / 1048576.0, num(r, "objective_evaluation_s_median").doubleValue(),
                    num(r, "network_evaluation_s_median").doubleValue(), num(r, "objective_to_network_ratio").doubleValue(),
                    num(r, "objective_without_photorealism_to_network_ratio").doubleValue()));
        }
        b.append("obj_s: one evaluation of the objective (value and gradient); net_s: the bare network to ")
                .append(rows.isEmpty() ? "the deepest layer" : rows.get(0).get("network_layer"))
                .append(", forward and backward; nophoto: the objective without the photorealism term; ratios are")
                .append(" medians of per-round ratios")
                .append(String.format("%n"));
        return b.toString();
    }

    private static Number num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number n)) throw new IllegalArgumentException("bench row has no number '" + key + "': " + m);
        return n;
    }
}
