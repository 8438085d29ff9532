package dev.photostyle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.photostyle.bench.BenchConfig;
import dev.photostyle.bench.Benchmark;
import dev.photostyle.bench.RandomVggWeights;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.transfer.OutputStage;
import dev.photostyle.features.VggWeights;
import dev.photostyle.io.AtomicOutput;
import dev.photostyle.io.weights.WeightFiles;

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

    @Option(names = "--json", paramLabel = "FILE.json", description = "Write the figures as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        OutputGuard.check(json, "--json", weights);
        BenchConfig cfg = new BenchConfig(sizes, repeats, warmup, iterations, TransferOptions.clean(styleLayers),
                TransferOptions.clean(contentLayers));
        VggWeights vw = weights == null ? VggWeights.from(RandomVggWeights.upTo("conv3_1", 0))
                : VggWeights.from(WeightFiles.read(weights));
        List<String> all = new ArrayList<>(cfg.styleLayers());
        all.addAll(cfg.contentLayers());
        vw.requireLayers(all);
        PrintWriter out = spec.commandLine().getOut();
        List<Benchmark.SizeResult> results = new ArrayList<>();
        Path scratch = Files.createTempDirectory("photostyle-bench");
        String table = "";
        try (VggFeatureExtractor vgg = VggFeatureExtractor.load(vw, device.device())) {
            Benchmark b = new Benchmark(vgg);
            for (int size : cfg.sizes()) {
                System.err.printf("photostyle bench: size %d (%d warm-up + %d measured transfers of %d iterations)%n",
                        size, cfg.warmup(), cfg.repeats(), cfg.iterations());
                results.add(b.run(size, cfg, scratch));
            }
            List<Benchmark.OutputResult> outputs = new ArrayList<>();
            OutputStage.Post p = TransferOptions.parseEnum(OutputStage.Post.class, post.replace('-', '_'), "--post");
            for (int plate : outputSizes) {
                if (plate < 16) throw new IllegalArgumentException("--output-sizes must be at least 16 px, got " + plate);
                System.err.printf("photostyle bench: output of a %d px plate from a %d px transfer%n", plate,
                        cfg.sizes().get(0));
                outputs.add(b.runOutput(cfg.sizes().get(0), plate, p, cfg, scratch));
            }
            Map<String, Object> root = Benchmark.toMap(cfg, weights == null ? "generated" : weights.toString(),
                    weights == null, vgg.device().toString(), results);
            root.put("outputs", outputs.stream().map(Benchmark::toMap).toList());
            if (!outputs.isEmpty()) table = table + Benchmark.outputTable(outputs);
            if (json != null) {
                byte[] bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root);
                AtomicOutput.write(json, o -> o.write(bytes));
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
        out.print(Benchmark.table(results));
        out.print(table);
        out.flush();
        return 0;
    }
}
