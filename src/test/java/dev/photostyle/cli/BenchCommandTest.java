package dev.photostyle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {
    @Test
    void generatedWeightsTinySizesGivePositiveMedians(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("bench", "--sizes", "24,32", "--repeats", "2", "--rounds", "2", "--warmup", "1", "--iterations", "2",
                "--device", "cpu", "--no-fresh-jvm", "--json", json.toString());
        assertEquals(0, code, err.toString());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertTrue(j.get("generated_weights").asBoolean());
        assertEquals(2, j.get("sizes").size());
        for (JsonNode s : j.get("sizes")) {
            assertTrue(s.get("seconds_per_iteration_median").asDouble() > 0, s.toString());
            assertEquals(2, s.get("seconds_per_iteration_repeats").size());
            assertTrue(s.get("stages_median_s").get("prepare_s").asDouble() > 0);
            assertTrue(s.get("stages_median_s").get("write_s").asDouble() > 0);
            assertTrue(s.get("heap_peak_bytes").asLong() > 0);
            double obj = s.get("objective_evaluation_s_median").asDouble();
            double net = s.get("network_evaluation_s_median").asDouble();
            assertTrue(obj > 0 && net > 0, s.toString());
            // The ratio is the median of per-round ratios (two rounds: their mean), not a ratio of medians.
            assertTrue(s.get("objective_to_network_ratio").asDouble() > 0, s.toString());
            assertTrue(s.get("objective_without_photorealism_evaluation_s_median").asDouble() > 0, s.toString());
            assertEquals("relu3_1", s.get("network_layer").asText());
        }
        assertTrue(out.toString().contains("obj/net"), out.toString());
        assertEquals(32, j.get("sizes").get(1).get("width").asInt());
        assertTrue(out.toString().contains("s/iter"), out.toString());
    }

    /** Each size and each plate in a JVM of its own: rows come back from the children, marked so. */
    @Test
    void freshJvmPerSizeAndPlate(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("bench", "--sizes", "24", "--repeats", "1", "--warmup", "0", "--iterations", "1",
                "--device", "cpu", "--output-sizes", "64", "--json", json.toString());
        assertEquals(0, code, err.toString());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertTrue(j.get("fresh_jvm_per_size").asBoolean());
        JsonNode s = j.get("sizes").get(0);
        assertEquals(24, s.get("size").asInt());
        assertTrue(s.get("fresh_jvm").asBoolean());
        assertTrue(s.get("rss_peak_bytes").asLong() > 0, s.toString());
        JsonNode o = j.get("outputs").get(0);
        assertTrue(o.get("fresh_jvm").asBoolean());
        assertEquals(64, Math.max(o.get("plate_width").asInt(), o.get("plate_height").asInt()));
    }

    @Test
    void outputSizesMeasureAFullResolutionPlate(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int code = cl.execute("bench", "--sizes", "24", "--repeats", "1", "--warmup", "0", "--iterations", "1",
                "--device", "cpu", "--output-sizes", "96", "--no-fresh-jvm", "--json", json.toString());
        assertEquals(0, code);
        JsonNode o = new ObjectMapper().readTree(json.toFile()).get("outputs");
        assertEquals(1, o.size());
        assertEquals(96, Math.max(o.get(0).get("plate_width").asInt(), o.get(0).get("plate_height").asInt()));
        assertEquals(24, o.get(0).get("working_size").asInt());
        assertTrue(o.get(0).get("output_stage_s").asDouble() > 0);
        assertTrue(o.get(0).get("write_exr_s").asDouble() > 0);
    }

    @Test
    void realPairsAndTimeToResult(@TempDir Path dir) throws Exception {
        Path ds = TinyDataset.write(dir.resolve("ds"));
        Path json = dir.resolve("bench.json");
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("bench", "--sizes", "32", "--repeats", "1", "--rounds", "1", "--warmup", "0",
                "--iterations", "1", "--device", "cpu", "--dataset", ds.toString(), "--pairs", "1,2", "--result", "--result-size", "32",
                "--no-fresh-jvm", "--breakdown", "--json", json.toString());
        assertEquals(0, code, err.toString());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, j.get("pairs").size());
        for (JsonNode p : j.get("pairs")) {
            double obj = p.get("objective_evaluation_s_median").asDouble(), net = p.get("network_evaluation_s_median").asDouble();
            assertTrue(obj > 0 && net > 0, p.toString());
            // One round: the median of per-round ratios is that round's ratio.
            assertEquals(obj / net, p.get("objective_to_network_ratio").asDouble(), 1e-9 * obj / net);
            JsonNode terms = p.get("terms_s_median");
            for (String t : new String[] {"style_relu1_1", "style_relu3_1", "content_relu3_1", "tv", "range"}) {
                // Net of the harness's own copies: at 32 px it may come out at or below zero.
                assertTrue(terms.has(t) && Double.isFinite(terms.get(t).asDouble()), t + " in " + terms);
            }
            assertTrue(terms.has("photorealism"), terms.toString());
        }
        assertTrue(out.toString().contains("terms of in1"), out.toString());
        JsonNode r = j.get("time_to_result");
        assertEquals("in1", r.get("pair").asText());
        assertTrue(r.get("seconds").asDouble() > 0);
        assertEquals("stats", r.get("method").asText());
        assertTrue(r.get("stages").size() >= 1, r.toString());
        assertTrue(out.toString().contains("time to result"), out.toString());
    }

    @Test
    void lookApplyMeasuresReadLookAndWritePerFrame(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("look.json");
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("bench", "--look-apply", "--plate-sizes", "64x32,48x40", "--frames", "3", "--json", json.toString());
        assertEquals(0, code, err.toString());
        JsonNode r = new ObjectMapper().readTree(json.toFile()).get("look_apply");
        assertEquals(2, r.size());
        assertEquals(48, r.get(1).get("width").asInt());
        for (JsonNode s : r) {
            double read = s.get("read_s_median").asDouble(), look = s.get("look_s_median").asDouble(), write = s.get("write_s_median").asDouble();
            assertTrue(read > 0 && look > 0 && write > 0, s.toString());
            assertTrue(s.get("total_s_median").asDouble() > 0 && s.get("first_frame_s").asDouble() > 0, s.toString());
        }
        assertTrue(out.toString().contains("look apply"), out.toString());
        assertEquals(1, cl.execute("bench", "--look-apply", "--plate-sizes", "64by32"), "a bad size: one line, exit 1");
    }
}
