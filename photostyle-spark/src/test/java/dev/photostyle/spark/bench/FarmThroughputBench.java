package dev.photostyle.spark.bench;

import dev.photostyle.look.Look;
import dev.photostyle.lut.Interpolation;
import dev.photostyle.lut.Lut3d;
import dev.photostyle.spark.Farm;
import dev.photostyle.spark.TaskHook;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Throughput of the farm on {@code local-cluster[2,1,2048]} (two executor JVMs of one core each)
 * against the single-process CLI on the same frames, in interleaved rounds; each farm round is a
 * whole submission (a fresh cluster: executors start, load PyTorch and the job, run it). Prints
 * medians. Not a test: run by hand.
 *
 * <p>Run from {@code photostyle-spark/} after
 * {@code mvn -o -q -f ../build.xml test-compile dependency:build-classpath -Dmdep.outputFile=cp-all.txt -Dmdep.includeScope=test},
 * with the environment and flags of the module's tests (see its pom: {@code SPARK_TESTING=1},
 * {@code SPARK_SCALA_VERSION=2.12}, {@code -Dspark.testing=true -Dspark.test.home=...}, the Java 17
 * {@code --add-opens}) and an absolute class path (executors run in folders of their own):
 * {@code java ... -cp $PWD/target/test-classes:$PWD/target/classes:$(cat cp-all.txt) dev.photostyle.spark.bench.FarmThroughputBench [ROUNDS]}.
 */
public final class FarmThroughputBench {
    private FarmThroughputBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path shared = Path.of(System.getProperty("photostyle.shared", "../../shared")).toAbsolutePath().normalize();
        String plates = shared.resolve("data/video/mountain_2/frame_%04d.png").toString();
        Path work = Files.createTempDirectory("farm-bench");
        Files.createDirectories(Path.of(System.getProperty("spark.test.home", "target/spark-test-home")));
        Path look = work.resolve("look.json");
        Lut3d lut = Lut3d.bake(17, (in, out) -> {
            for (int c = 0; c < 3; c++) out[c] = Math.min(1, in[c] * in[c] * (3 - 2 * in[c]) * (c == 0 ? 1.08 : c == 2 ? 0.9 : 1));
        });
        new Look(List.of(new Look.Region(0, "all", lut)), Interpolation.TETRAHEDRAL, false, 0, Map.of()).write(look);
        List<String> seq = List.of("--content", plates, "--style", shared.resolve("data/dpst/style/tar1.png").toString(),
                "--weights", shared.resolve("models/vgg19-normalised-conv3_1.pth").toString(),
                "--style-layers", "relu1_1,relu2_1,relu3_1", "--content-layers", "relu3_1", "--size", "128", "--iterations", "10");
        record Workload(String name, int frames, List<String> cli, List<String> farm, String outName) {}
        List<Workload> loads = List.of(
                new Workload("look apply, 24 frames 1024x436", 24,
                        List.of("look", "apply", look.toString(), "--content", plates, "--frames", "1-24"),
                        List.of("look-apply", look.toString(), "--content", plates, "--frames", "1-24"), "o.%04d.png"),
                new Workload("sequence, 8 frames, 128 px, 10 iterations", 8,
                        concat(List.of("sequence", "--frames", "1-8"), seq),
                        concat(List.of("sequence", "--frames", "1-8", "--chunk", "4"), seq), "s.%04d.png"));
        for (Workload w : loads) {
            List<Double> cli = new ArrayList<>(), submit = new ArrayList<>(), job = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                Path c = work.resolve("cli-" + w.frames() + "-" + r);
                cli.add(runCli(concat(w.cli(), List.of("-o", c.resolve(w.outName()).toString()))));
                Path f = work.resolve("farm-" + w.frames() + "-" + r);
                long t0 = System.nanoTime();
                SparkConf conf = Farm.defaults(new SparkConf().setMaster("local-cluster[2,1,2048]").setAppName("bench")
                        .set("spark.executor.memory", "1536m").set("spark.ui.enabled", "false"));
                try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                    Farm.Result res = Farm.run(sc, TaskHook.NONE, concat(w.farm(), List.of("-o", f.resolve(w.outName()).toString()))
                            .toArray(String[]::new));
                    if (!res.failures().isEmpty()) throw new IllegalStateException(res.failures().toString());
                    job.add(res.seconds());
                }
                submit.add((System.nanoTime() - t0) / 1e9);
                System.err.printf(Locale.ROOT, "round %d %s: cli %.1f s, farm submission %.1f s (job %.1f s)%n", r, w.name(),
                        cli.get(r), submit.get(r), job.get(r));
            }
            double mc = median(cli), ms = median(submit), mj = median(job);
            System.out.printf(Locale.ROOT, "%s | CLI %.1f s (%.2f frames/s) | farm submission %.1f s (%.2f frames/s, %.2fx) | farm job %.1f s (%.2fx)%n",
                    w.name(), mc, w.frames() / mc, ms, w.frames() / ms, mc / ms, mj, mc / mj);
        }
    }

    private static double runCli(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx4g",
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "dev.photostyle.cli.Main"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(new File("/dev/null"));
        pb.environment().put("OPENCV_IO_ENABLE_OPENEXR", "1");
        pb.environment().put("THP_MEM_ALLOC_ENABLE", "1");
        long t0 = System.nanoTime();
        int code = pb.start().waitFor();
        if (code != 0) throw new IllegalStateException("CLI failed (" + code + "): " + args);
        return (System.nanoTime() - t0) / 1e9;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static double median(List<Double> xs) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
