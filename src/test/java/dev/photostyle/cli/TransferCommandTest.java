package dev.photostyle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.ImageFiles;
import dev.photostyle.testing.SharedData;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TransferCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String err) {}

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int code = cl.execute(args);
        return new Run(code, err.toString());
    }

    private List<String> base(Path output) {
        List<String> a = new ArrayList<>(List.of("transfer",
                "--content", SharedData.dpst("input/in1.png").toString(),
                "--style", SharedData.dpst("style/tar1.png").toString(),
                "--content-mask", SharedData.dpst("segmentation/in1.png").toString(),
                "--style-mask", SharedData.dpst("segmentation/tar1.png").toString(),
                "--weights", SharedData.vggWeights().toString(),
                "--style-layers", "relu1_1,relu2_1,relu3_1", "--content-layers", "relu3_1",
                "--size", "64", "--quiet", "--output", output.toString()));
        return a;
    }

    private static JsonNode j(Path report) throws java.io.IOException {
        return new ObjectMapper().readTree(report.toFile());
    }

    @Test
    void writesImageAndReportWhoseBestIsTheMinimum() throws Exception {
        Path out = dir.resolve("result.png");
        Path report = dir.resolve("report.json");
        List<String> a = base(out);
        a.addAll(List.of("--iterations", "6", "--report", report.toString(), "--snapshot-every", "3", "--method", "pixels"));
        Run r = run(a.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        FloatImage img = ImageFiles.read(out);
        FloatImage plate = ImageFiles.read(SharedData.dpst("input/in1.png"));
        assertEquals(plate.width(), img.width(), "a plate in gives a plate of the same size out (default --output-size full)");
        assertEquals(plate.height(), img.height());
        assertEquals(64, j(report).get("working_size").get("width").asInt());
        assertTrue(Files.exists(dir.resolve("result.iter0003.png")));
        JsonNode j = new ObjectMapper().readTree(report.toFile());
        double min = Double.MAX_VALUE;
        for (JsonNode it : j.get("iterations")) {
            min = Math.min(min, it.get("total").asDouble());
            assertTrue(it.has("style") && it.has("content") && it.has("tv"), it.toString());
        }
        assertEquals(7, j.get("iterations").size());
        assertEquals(min, j.get("best").get("total").asDouble(), 0.0);
        assertEquals("lbfgs", j.get("config").get("optimizer").asText());
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.toString().endsWith(".partial")), "temporary file left behind");
        }
    }

    @Test
    void badInputGivesOneLineAndNoOutput() throws Exception {
        Path out = dir.resolve("o.png");
        // Missing content file.
        List<String> a = base(out);
        a.set(a.indexOf("--content") + 1, dir.resolve("missing.png").toString());
        Run r = run(a.toArray(String[]::new));
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("not found"), r.err());
        // A text file posing as an image.
        Path txt = Files.writeString(dir.resolve("fake.png"), "hello");
        a = base(out);
        a.set(a.indexOf("--style") + 1, txt.toString());
        r = run(a.toArray(String[]::new));
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: ") && r.err().strip().lines().count() == 1, r.err());
        // Output equal to an input.
        a = base(SharedData.dpst("input/in1.png"));
        r = run(a.toArray(String[]::new));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("also an input"), r.err());
        // Broken weights.
        Path broken = Files.write(dir.resolve("broken.pth"), new byte[] {(byte) 0x80, 2, 'x'});
        a = base(out);
        a.set(a.indexOf("--weights") + 1, broken.toString());
        r = run(a.toArray(String[]::new));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("broken.pth"), r.err());
        // A layer the weights do not have.
        a = base(out);
        a.set(a.indexOf("--content-layers") + 1, "relu4_2");
        r = run(a.toArray(String[]::new));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("relu4_2") && r.err().contains("relu3_1"), r.err());
        // A mask of a very different size.
        Path small = dir.resolve("small.png");
        ImageFiles.write(FloatImage.filled(10, 10, 3, 1f), small);
        a = base(out);
        a.set(a.indexOf("--content-mask") + 1, small.toString());
        r = run(a.toArray(String[]::new));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("must match"), r.err());
        // A bad option value is a usage error.
        a = base(out);
        a.addAll(List.of("--optimizer", "sgd"));
        r = run(a.toArray(String[]::new));
        assertTrue(r.code() != 0 && r.err().contains("--optimizer"), r.err());
        assertFalse(Files.exists(out), "no output may be written on failure");
    }
}
