package dev.photostyle.cli;

import dev.photostyle.options.DeviceOption;
import dev.photostyle.options.TransferOptions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.photostyle.bench.BenchConfig;
import dev.photostyle.bench.Benchmark;
import dev.photostyle.bench.RandomVggWeights;
import dev.photostyle.batch.DatasetPair;
import dev.photostyle.colour.ColourSettings;
import dev.photostyle.mask.MaskFiles;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.pipeline.PlateInputs;
import dev.photostyle.pipeline.PlateOutput;
import dev.photostyle.pipeline.PlateResult;
import dev.photostyle.pipeline.PlateTransfer;
import dev.photostyle.transfer.StageResult;
import dev.photostyle.transfer.TransferConfig;
import dev.photostyle.transfer.TransferInputs;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.transfer.OutputStage;
import dev.photostyle.features.VggWeights;
import dev.photostyle.io.AtomicOutput;
import dev.photostyle.io.weights.WeightFiles;
import dev.photostyle.engine.MklDispatch;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code photostyle bench}: seconds per iteration, stage times and peak memory of the transfer on
 * generated inputs, per working size, and the seconds of one objective evaluation against the bare
 * network's (see {@link Benchmark.EvaluationCost}). This, not timed tests, is how speed is measured.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Benchmark the transfer on synthetic inputs: s/iteration (median), stage times, peak memory, "
                + "and one objective evaluation against the bare network's forward and backward.")
public final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sizes", split = ",", defaultValue = "256,512,1024", paramLabel = "PX",
            description = "Long sides of the working image (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--repeats", defaultValue = "5", description = "Measured transfers per size (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup", defaultValue = "2", description = "Discarded transfers per size first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rounds", defaultValue = "9", description = "Measured rounds of the one-evaluation timings "
            + "(objective, network, terms), after --warmup discarded ones (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--eval-warmup", defaultValue = "20", description = "Discarded rounds before the one-evaluation "
            + "timings, so that they measure the steady state a transfer's hundreds of evaluations run in, JIT-compiled "
            + "host loops included (default: ${DEFAULT-VALUE}).")
    int evalWarmup;

    @Option(names = "--eval-block", defaultValue = "3", description = "Consecutive evaluations per timed sample of the "
            + "one-evaluation timings and of each --breakdown term, as a transfer runs them (default: ${DEFAULT-VALUE}).")
    int evalBlock;

    @Option(names = "--iterations", defaultValue = "10", description = "Optimiser iterations per transfer (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--weights", paramLabel = "FILE",
            description = "VGG19 weights (default: generated random weights up to conv3_1; timings are the same).")
    Path weights;

    @Option(names = "--style-layers", split = ",", defaultValue = "relu1_1,relu2_1,relu3_1", paramLabel = "LAYER",
            description = "Style layers (default: ${DEFAULT-VALUE}).")
    List<String> styleLayers;

    @Option(names = "--content-layers", split = ",", defaultValue = "relu3_1", paramLabel = "LAYER",
            description = "Content layers (default: ${DEFAULT-VALUE}).")
    List<String> contentLayers;

    @Mixin
    DeviceOption device;

    @Option(names = "--output-sizes", split = ",", paramLabel = "PX",
            description = "Also measure full-resolution outputs: a transfer at the first --sizes, then the output "
                    + "stage to a synthetic plate of each of these long sides (e.g. 3840 for 4K).")
    List<Integer> outputSizes = List.of();

    @Option(names = "--post", defaultValue = "none", paramLabel = "none|smooth-affine",
            description = "Post-step of the full-resolution outputs (default: ${DEFAULT-VALUE}).")
    String post;

    @Option(names = "--dataset", paramLabel = "DIR",
            description = "Also time one evaluation on real pairs of a DPST-style data set (input/, style/, segmentation/) "
                    + "at each of --sizes, and (with --result) one default transfer of the first pair.")
    Path dataset;

    @Option(names = "--pairs", split = ",", paramLabel = "N", description = "Pairs of --dataset (default: 1,4).")
    List<Integer> pairs = List.of(1, 4);

    @Option(names = "--result", description = "Time to a finished result: the first pair through the whole plate path "
            + "(read, default method and schedule at --result-size, full-size output, write), in this process.")
    boolean result;

    @Option(names = "--result-size", defaultValue = "512", paramLabel = "PX",
            description = "Working size of --result (default: ${DEFAULT-VALUE}, transfer's default).")
    int resultSize;

    @Option(names = "--json", paramLabel = "FILE.json", description = "Write the figures as JSON.")
    Path json;

    @Option(names = "--fresh-jvm", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run each of --sizes and each of --output-sizes in a JVM of its own (default), so that its "
                    + "peak RSS is what one run of that size shows; --no-fresh-jvm runs everything in this process.")
    boolean freshJvm;

    @Option(names = "--breakdown", description = "With --dataset: also time each term of the objective on its own "
            + "(forward and backward on the network's activations, network excluded).")
    boolean breakdown;

    /** What a fresh-JVM child runs: "sizes" (the --sizes transfers) or "outputs" (the --output-sizes plates). */
    @Option(names = "--only", hidden = true)
    String only;

    @Option(names = "--look-apply", description = "Measure 'look apply' per frame (read, look, write) on synthetic half ZIP EXR plates "
            + "instead of the transfer; no weights needed.")
    boolean lookApply;

    @Option(names = "--look", paramLabel = "LOOK.json", description = "The look --look-apply applies (default: 3 regions of 33^3 LUTs).")
    Path look;

    @Option(names = "--plate-sizes", split = ",", defaultValue = "2048x1080,3840x2160", paramLabel = "WxH",
            description = "Plate sizes of --look-apply (default: ${DEFAULT-VALUE}).")
    List<String> plateSizes;

    @Option(names = "--frames", defaultValue = "5", description = "Frames per plate size of --look-apply (default: ${DEFAULT-VALUE}).")
    int frames;

    /** One default transfer of {@code pair} through the plate path, timed from reading to the written plate. */
    private Map<String, Object> timeToResult(VggFeatureExtractor vgg, DatasetPair pair, BenchConfig cfg, Path scratch)
            throws Exception {
        long t0 = System.nanoTime();
        OutputStage stage = new OutputStage(OutputStage.Post.NONE, OutputStage.FULL);
        PlateInputs in = PlateInputs.read(pair.content(), pair.style(), pair.contentMask(), pair.styleMask(), null,
                MaskFiles.Kind.AUTO, stage);
        TransferConfig tc = TransferConfig.builder().size(resultSize).styleLayers(cfg.styleLayers())
                .contentLayers(cfg.contentLayers()).build();
        PlateResult r = new PlateTransfer(vgg).transfer(in, tc, ColourSettings.defaults(), stage, IterationListener.NONE);
        Path out = scratch.resolve("result.png");
        PlateOutput.write(r, out, null, Map.of());
        double total = (System.nanoTime() - t0) / 1e9;
        Files.deleteIfExists(out);
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("pair", pair.name());
        m.put("size", resultSize);
        m.put("method", tc.method().name().toLowerCase(java.util.Locale.ROOT));
        m.put("seconds", total);
        m.put("best_total", r.transfer().bestValue());
        List<Map<String, Object>> stages = new ArrayList<>();
        for (StageResult st : r.transfer().stages()) {
            stages.add(Map.of("name", st.name(), "iterations", st.history().size() - 1,
                    "stop_reason", st.stopReason() == null ? "-" : st.stopReason().name().toLowerCase(java.util.Locale.ROOT)));
        }
        m.put("stages", stages);
        m.put("timings", r.transfer().timings());
        return m;
    }

    private static String pairTable(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) return "";
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "%8s %6s %9s %9s %8s %12s%n",
                "pair", "size", "obj_s", "net_s", "obj/net", "nophoto/net"));
        for (Map<String, Object> r : rows) {
            b.append(String.format(java.util.Locale.ROOT, "%8s %6d %9.4f %9.4f %8.2f %12.2f%n", r.get("pair"), r.get("size"),
                    r.get("objective_evaluation_s_median"), r.get("network_evaluation_s_median"),
                    r.get("objective_to_network_ratio"), r.get("objective_without_photorealism_to_network_ratio")));
        }
        return b.toString();
    }

    private static String breakdownTable(List<Map<String, Object>> rows) {
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> r : rows) {
            if (!(r.get("terms_s_median") instanceof Map<?, ?> terms)) continue;
            double net = ((Number) r.get("network_evaluation_s_median")).doubleValue();
            b.append(String.format(java.util.Locale.ROOT, "terms of %s at %d px (s, x network):", r.get("pair"), r.get("size")));
            terms.forEach((k, v) -> b.append(String.format(java.util.Locale.ROOT, " %s %.4f (%.3f)", k,
                    ((Number) v).doubleValue(), ((Number) v).doubleValue() / net)));
            b.append(String.format("%n"));
        }
        return b.toString();
    }

    /**
     * Runs this command in a fresh JVM (same java, JVM options and class path) for one part
     * ({@code --only}), with {@code args} added, and returns the first row of {@code key} in its JSON.
     */
    private Map<String, Object> child(String part, List<String> args, String key, Path scratch) throws Exception {
        Path childJson = scratch.resolve("child-" + System.nanoTime() + ".json");
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of("bench", "--no-fresh-jvm", "--only", part, "--repeats", String.valueOf(repeats), "--rounds", String.valueOf(rounds), "--eval-warmup", String.valueOf(evalWarmup), "--eval-block", String.valueOf(evalBlock), "--warmup",
                String.valueOf(warmup), "--iterations", String.valueOf(iterations), "--style-layers",
                String.join(",", styleLayers), "--content-layers", String.join(",", contentLayers), "--device",
                device.name(), "--json", childJson.toString()));
        if (weights != null) cmd.addAll(List.of("--weights", weights.toString()));
        cmd.addAll(args);
        Process proc = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int code = proc.waitFor();
        if (code != 0) throw new IllegalStateException("bench: the fresh JVM for " + args + " failed (exit " + code + ")");
        try {
            Map<?, ?> root = new ObjectMapper().readValue(childJson.toFile(), Map.class);
            List<?> rows = (List<?>) root.get(key);
            @SuppressWarnings("unchecked")
            Map<String, Object> row = (Map<String, Object>) rows.get(0);
            row.put("fresh_jvm", true);
            return row;
        } finally {
            Files.deleteIfExists(childJson);
        }
    }

    private static String resultLine(Map<String, Object> m) {
        return String.format(java.util.Locale.ROOT, "time to result: %s at %d px, %s: %.1f s (stages %s)%n",
                m.get("pair"), m.get("size"), m.get("method"), m.get("seconds"), m.get("stages"));
    }

    @Override
    public Integer call() throws Exception {
        if (lookApply) return lookApply();
        OutputGuard.check(json, "--json", weights);
        BenchConfig cfg = new BenchConfig(sizes, repeats, warmup, iterations, TransferOptions.clean(styleLayers),
                TransferOptions.clean(contentLayers), rounds, evalWarmup, evalBlock);
        VggWeights vw = weights == null ? VggWeights.from(RandomVggWeights.upTo("conv3_1", 0))
                : VggWeights.from(WeightFiles.read(weights));
        List<String> all = new ArrayList<>(cfg.styleLayers());
        all.addAll(cfg.contentLayers());
        vw.requireLayers(all);
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> sizeRows = new ArrayList<>();
        List<Map<String, Object>> outputRows = new ArrayList<>();
        Path scratch = Files.createTempDirectory("photostyle-bench");
        String table = "";
        OutputStage.Post p = TransferOptions.parseEnum(OutputStage.Post.class, post.replace('-', '_'), "--post");
        for (int plate : outputSizes) {
            if (plate < 16) throw new IllegalArgumentException("--output-sizes must be at least 16 px, got " + plate);
        }
        if (only == null) {
            System.err.println("photostyle bench: oneMKL (float32 matrix products) dispatches " + (MklDispatch.overridden()
                    ? "by CPU features (the launcher's override is preloaded)" : "as its vendor check decides"));
        }
        boolean doSizes = only == null || only.equals("sizes");
        boolean doOutputs = only == null || only.equals("outputs");
        boolean doRest = only == null;
        if (freshJvm && only == null) {
            for (int size : cfg.sizes()) {
                System.err.printf("photostyle bench: size %d in a fresh JVM (%d warm-up + %d measured transfers of %d "
                        + "iterations)%n", size, cfg.warmup(), cfg.repeats(), cfg.iterations());
                sizeRows.add(child("sizes", List.of("--sizes", String.valueOf(size)), "sizes", scratch));
            }
            for (int plate : outputSizes) {
                System.err.printf("photostyle bench: output of a %d px plate from a %d px transfer, in a fresh JVM%n",
                        plate, cfg.sizes().get(0));
                outputRows.add(child("outputs", List.of("--sizes", String.valueOf(cfg.sizes().get(0)), "--output-sizes",
                        String.valueOf(plate), "--post", post), "outputs", scratch));
            }
            doSizes = false;
            doOutputs = false;
        }
        try (VggFeatureExtractor vgg = VggFeatureExtractor.load(vw, device.device())) {
            Benchmark b = new Benchmark(vgg);
            for (int size : doSizes ? cfg.sizes() : List.<Integer>of()) {
                System.err.printf("photostyle bench: size %d (%d warm-up + %d measured transfers of %d iterations)%n",
                        size, cfg.warmup(), cfg.repeats(), cfg.iterations());
                sizeRows.add(Benchmark.toMap(b.run(size, cfg, scratch)));
            }
            for (int plate : doOutputs ? outputSizes : List.<Integer>of()) {
                System.err.printf("photostyle bench: output of a %d px plate from a %d px transfer%n", plate,
                        cfg.sizes().get(0));
                outputRows.add(Benchmark.toMap(b.runOutput(cfg.sizes().get(0), plate, p, cfg, scratch)));
            }
            List<Map<String, Object>> pairRows = new ArrayList<>();
            List<DatasetPair> todo = dataset == null || !doRest ? List.of() : DatasetPair.discover(dataset, pairs);
            for (DatasetPair pair : todo) {
                for (int size : cfg.sizes()) {
                    System.err.printf("photostyle bench: %s at %d px, one evaluation (%d warm-up + %d measured rounds of %d)%n",
                            pair.name(), size, cfg.evalWarmup(), cfg.rounds(), cfg.evalBlock());
                    PlateInputs pi = PlateInputs.read(pair.content(), pair.style(), pair.contentMask(), pair.styleMask(),
                            null, MaskFiles.Kind.AUTO, new OutputStage(OutputStage.Post.NONE, OutputStage.WORKING));
                    TransferInputs in = new TransferInputs(pi.content().image().rgb(), pi.style().image().rgb(),
                            pi.contentMask(), pi.styleMask(), null);
                    TransferConfig tc = TransferConfig.builder().size(size).styleLayers(cfg.styleLayers())
                            .contentLayers(cfg.contentLayers()).build();
                    Benchmark.EvaluationCost e = b.evaluationCost(in, tc, cfg.evalWarmup(), cfg.rounds(), cfg.evalBlock());
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("pair", pair.name());
                    m.put("size", size);
                    m.put("objective_evaluation_s_median", e.objectiveSeconds());
                    m.put("network_evaluation_s_median", e.networkSeconds());
                    m.put("objective_to_network_ratio", e.ratio());
                    m.put("objective_without_photorealism_to_network_ratio", e.ratioWithoutPhotorealism());
                    if (breakdown) {
                        Map<String, Double> terms = b.termCosts(in, tc, cfg.evalWarmup(), cfg.rounds(), cfg.evalBlock());
                        terms.put("photorealism", e.objectiveSeconds() - e.withoutPhotorealism());
                        m.put("terms_s_median", terms);
                    }
                    pairRows.add(m);
                }
            }
            Map<String, Object> timeToResult = null;
            if (result && doRest) {
                if (todo.isEmpty()) throw new IllegalArgumentException("--result needs --dataset (and a pair)");
                DatasetPair pair = todo.get(0);
                System.err.printf("photostyle bench: time to result on %s (default method and schedule at %d px)%n",
                        pair.name(), resultSize);
                timeToResult = timeToResult(vgg, pair, cfg, scratch);
            }
            Map<String, Object> root = Benchmark.toMap(cfg, weights == null ? "generated" : weights.toString(),
                    weights == null, vgg.device().toString(), sizeRows);
            root.put("fresh_jvm_per_size", freshJvm);
            root.put("pairs", pairRows);
            if (timeToResult != null) root.put("time_to_result", timeToResult);
            table = table + pairTable(pairRows) + breakdownTable(pairRows)
                    + (timeToResult == null ? "" : resultLine(timeToResult));
            root.put("outputs", outputRows);
            if (!outputRows.isEmpty()) table = table + Benchmark.outputTable(outputRows);
            if (json != null) {
                byte[] bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root);
                AtomicOutput.write(json, o -> o.write(bytes));
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
        out.print(Benchmark.table(sizeRows));
        out.print(table);
        out.flush();
        return 0;
    }

    private int lookApply() throws Exception {
        OutputGuard.check(json, "--json");
        List<int[]> sizes = new ArrayList<>();
        for (String p : plateSizes) {
            String[] wh = p.trim().toLowerCase(java.util.Locale.ROOT).split("x");
            try {
                if (wh.length != 2) throw new NumberFormatException();
                int w = Integer.parseInt(wh[0]), h = Integer.parseInt(wh[1]);
                if (w < 16 || h < 16) throw new NumberFormatException();
                sizes.add(new int[] {w, h});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--plate-sizes takes WxH of at least 16x16, got '" + p + "'");
            }
        }
        dev.photostyle.look.Look l = look == null ? dev.photostyle.bench.LookApplyBench.syntheticLook() : dev.photostyle.look.Look.read(look);
        Path scratch = java.nio.file.Files.createTempDirectory("photostyle-bench-look");
        try {
            List<dev.photostyle.bench.LookApplyBench.Size> r = new dev.photostyle.bench.LookApplyBench(l, frames).run(sizes, scratch);
            PrintWriter out = spec.commandLine().getOut();
            out.print(dev.photostyle.bench.LookApplyBench.table(r));
            out.flush();
            if (json != null) {
                Map<String, Object> root = new java.util.LinkedHashMap<>();
                root.put("look", look == null ? "synthetic: 3 regions, 33^3 tetrahedral" : look.toString());
                root.put("frames", frames);
                root.put("cores", Runtime.getRuntime().availableProcessors());
                root.put("look_apply", r.stream().map(dev.photostyle.bench.LookApplyBench.Size::toMap).toList());
                byte[] bytes = new com.fasterxml.jackson.databind.ObjectMapper()
                        .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root);
                AtomicOutput.write(json, o -> o.write(bytes));
            }
        } finally {
            try (var files = java.nio.file.Files.walk(scratch)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        return 0;
    }
}
