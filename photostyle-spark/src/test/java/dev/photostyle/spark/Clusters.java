package dev.photostyle.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.photostyle.cli.Main;
import dev.photostyle.look.Look;
import dev.photostyle.lut.Interpolation;
import dev.photostyle.lut.Lut3d;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** A two-executor local cluster, the CLI run in this JVM for reference outputs, and a small look. */
final class Clusters {
    private Clusters() {}

    /** {@code local-cluster[2,1,2048]}: a master and two workers in this JVM, each starting one executor JVM with one core. */
    static JavaSparkContext twoExecutors(String name) throws IOException {
        Files.createDirectories(Path.of(System.getProperty("spark.test.home", "target/spark-test-home")));
        SparkConf conf = Farm.defaults(new SparkConf().setMaster("local-cluster[2,1,2048]").setAppName(name)
                .set("spark.executor.memory", "1536m").set("spark.ui.enabled", "false"));
        JavaSparkContext sc = new JavaSparkContext(conf);
        // Wait for both executors, so the work is shared from the first task.
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (sc.sc().getExecutorIds().size() < 2 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertEquals(2, sc.sc().getExecutorIds().size(), "two executors registered");
        return sc;
    }

    /** Runs the photostyle CLI in this JVM (the library path the farm must match); fails on a non-zero exit. */
    static void cli(String... args) {
        var cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int code = cl.execute(args);
        assertEquals(0, code, "photostyle " + String.join(" ", args) + ": " + err);
    }

    /** A whole-frame look (a warm S-curve grade, 9 nodes), written as look.json beside its .cube. */
    static Path look(Path dir) throws IOException {
        Lut3d lut = Lut3d.bake(9, (in, out) -> {
            for (int c = 0; c < 3; c++) {
                double v = in[c];
                double s = v * v * (3 - 2 * v); // smoothstep contrast
                out[c] = Math.min(1, Math.max(0, s * (c == 0 ? 1.08 : c == 2 ? 0.9 : 1.0)));
            }
        });
        Path json = dir.resolve("look.json");
        new Look(List.of(new Look.Region(0, "all", lut)), Interpolation.TETRAHEDRAL, false, 0, Map.of()).write(json);
        return json;
    }

    /** True when both files have the same bytes. */
    static boolean sameBytes(Path a, Path b) throws IOException {
        return Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
    }
}
