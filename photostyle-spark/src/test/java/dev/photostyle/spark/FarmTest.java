package dev.photostyle.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The farm on a real two-executor local cluster: a look over 8 frames of mountain_2, a sequence
 * in two chunks and a two-pair batch give the CLI's files bit for bit; the work is spread over both
 * executors, each loading the job's shared state once; a re-submitted job skips what exists; a bad
 * frame is retried, then reported by name, and the other frames finish.
 */
class FarmTest {
    private static JavaSparkContext sc;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        Shared.require("data/video/mountain_2");
        sc = Clusters.twoExecutors("FarmTest");
    }

    @AfterAll
    static void stop() {
        if (sc != null) sc.close();
    }

    /** Each executor JVM that ran tasks of the job loaded the shared state exactly once. */
    private static void loadedOncePerExecutor(Farm.Result r) {
        Map<Long, Integer> loads = new HashMap<>();
        for (TaskReport t : r.tasks()) loads.merge(t.pid(), t.loadedHere() ? 1 : 0, Integer::sum);
        for (var e : loads.entrySet()) assertEquals(1, e.getValue(), "loads in executor JVM " + e.getKey() + ": " + loads);
    }

    private static Set<Long> pids(Farm.Result r) {
        Set<Long> s = new HashSet<>();
        for (TaskReport t : r.tasks()) s.add(t.pid());
        return s;
    }

    @Test
    void lookOverEightFramesEqualsTheCliAndResumes() throws Exception {
        Path look = Clusters.look(dir);
        String plates = Shared.mountain();
        String farmOut = dir.resolve("farm/o.%04d.png").toString();
        Farm.Result r = Farm.run(sc, TaskHook.NONE, "look-apply", look.toString(), "--content", plates, "--frames", "1-8", "-o", farmOut);
        assertEquals(8, r.written(), r.failures().toString());
        assertEquals(List.of(), r.failures());
        assertEquals(8, r.tasks().size(), "one task per frame");
        assertTrue(pids(r).size() == 2 && !pids(r).contains(ProcessHandle.current().pid()),
                "frames ran in both executor JVMs, not the driver: " + pids(r));
        loadedOncePerExecutor(r);

        Clusters.cli("look", "apply", look.toString(), "--content", plates, "--frames", "1-8", "-o", dir.resolve("cli/o.%04d.png").toString());
        for (int f = 1; f <= 8; f++) {
            String name = String.format("o.%04d.png", f);
            assertTrue(Clusters.sameBytes(dir.resolve("farm").resolve(name), dir.resolve("cli").resolve(name)), name + " differs from the CLI's");
        }
        JsonNode report = new ObjectMapper().readTree(dir.resolve("farm/farm-report.json").toFile());
        assertEquals(8, report.get("written").asInt());
        assertEquals(8, report.get("items").size());
        assertTrue(report.get("items").get(0).get("seconds").has("look"), report.get("items").get(0).toString());

        Farm.Result again = Farm.run(sc, TaskHook.NONE, "look-apply", look.toString(), "--content", plates, "--frames", "1-8", "-o", farmOut);
        assertEquals(0, again.written());
        assertEquals(8, again.skipped(), "a re-submitted job skips the frames that exist");
    }

    @Test
    void aBadFrameIsRetriedThenReportedByNameAndTheOthersFinish() throws Exception {
        Path look = Clusters.look(dir);
        // frame 999 does not exist: every attempt fails
        Farm.Result r = Farm.run(sc, TaskHook.NONE, "look-apply", look.toString(), "--content", Shared.mountain(),
                "--frames", "1-2,999", "-o", dir.resolve("out/o.%04d.png").toString());
        assertEquals(2, r.written());
        assertEquals(1, r.failures().size(), r.failures().toString());
        assertTrue(r.failures().get(0).startsWith("frame 999: ") && r.failures().get(0).contains("frame_0999.png"), r.failures().get(0));
        TaskReport bad = r.tasks().stream().filter(t -> t.task().equals("frame 999")).findFirst().orElseThrow();
        assertEquals(3, bad.attempt(), "reported on Spark's fourth (last) attempt, after three retries");
        assertTrue(Files.exists(dir.resolve("out/o.0001.png")) && Files.exists(dir.resolve("out/o.0002.png")));
        JsonNode report = new ObjectMapper().readTree(dir.resolve("out/farm-report.json").toFile());
        assertEquals(1, report.get("failed").asInt());
        assertTrue(report.get("failures").get(0).asText().startsWith("frame 999"));
    }

    @Test
    void sequenceChunksEqualTheCliChunks() throws Exception {
        String plates = Shared.mountain();
        List<String> common = List.of("--content", plates, "--style", Shared.require("data/dpst/style/tar1.png").toString(),
                "--weights", Shared.weights().toString(), "--style-layers", "relu1_1,relu2_1", "--content-layers", "relu2_1",
                "--size", "48", "--iterations", "2", "--laplacian-weight", "0", "--output-size", "work");
        List<String> farm = new java.util.ArrayList<>(List.of("sequence", "--frames", "1-4", "--chunk", "2",
                "-o", dir.resolve("farm/s.%04d.png").toString()));
        farm.addAll(common);
        Farm.Result r = Farm.run(sc, TaskHook.NONE, farm.toArray(String[]::new));
        assertEquals(4, r.written(), r.failures().toString());
        assertEquals(List.of("frames 1-2", "frames 3-4"), r.tasks().stream().map(TaskReport::task).sorted().toList());
        loadedOncePerExecutor(r);

        // The CLI: the first chunk as is, the second with its warm-up frame.
        List<String> a = new java.util.ArrayList<>(List.of("sequence", "--frames", "1-2", "-o", dir.resolve("cli/s.%04d.png").toString()));
        a.addAll(common);
        Clusters.cli(a.toArray(String[]::new));
        List<String> b = new java.util.ArrayList<>(List.of("sequence", "--frames", "3-4", "--warm-up", "1", "-o",
                dir.resolve("cli/s.%04d.png").toString()));
        b.addAll(common);
        Clusters.cli(b.toArray(String[]::new));
        for (int f = 1; f <= 4; f++) {
            String name = String.format("s.%04d.png", f);
            assertTrue(Clusters.sameBytes(dir.resolve("farm").resolve(name), dir.resolve("cli").resolve(name)), name + " differs from the CLI's");
        }
    }

    @Test
    void twoPairBatchEqualsTheCli() throws Exception {
        Path dpst = Shared.require("data/dpst");
        List<String> common = List.of("--dataset", dpst.toString(), "--pairs", "1,4", "--method", "stats", "--size", "64", "--output-size", "work",
                "--weights", Shared.weights().toString(), "--style-layers", "relu1_1,relu2_1,relu3_1", "--content-layers", "relu3_1");
        List<String> farm = new java.util.ArrayList<>(List.of("batch", "--out", dir.resolve("farm").toString()));
        farm.addAll(common);
        Farm.Result r = Farm.run(sc, TaskHook.NONE, farm.toArray(String[]::new));
        assertEquals(2, r.written(), r.failures().toString());
        loadedOncePerExecutor(r);
        List<String> cli = new java.util.ArrayList<>(List.of("batch", "--quiet", "--out", dir.resolve("cli").toString()));
        cli.addAll(common);
        Clusters.cli(cli.toArray(String[]::new));
        for (String pair : List.of("in1", "in4")) {
            for (String f : List.of("result.png", "metrics.json", "reference_metrics.json", "content.png", "style.png",
                    "content_mask.png", "style_mask.png", "reference.png")) {
                Path mine = dir.resolve("farm").resolve(pair).resolve(f);
                if (f.endsWith(".json")) {
                    assertEquals(Files.readString(dir.resolve("cli").resolve(pair).resolve(f)), Files.readString(mine), pair + "/" + f);
                }
                assertTrue(Clusters.sameBytes(mine, dir.resolve("cli").resolve(pair).resolve(f)), pair + "/" + f + " differs from the CLI's");
            }
        }
        String html = Files.readString(dir.resolve("farm/report.html"));
        assertTrue(html.contains("in1") && html.contains("in4"), "the report shows both pairs");
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("farm/summary.json").toFile());
        assertEquals(2, summary.get("pairs").size());
        assertEquals(Files.readString(dir.resolve("cli/report.html")), html, "the same HTML report as the CLI's");
    }
}
