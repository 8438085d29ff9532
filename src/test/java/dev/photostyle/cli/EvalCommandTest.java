package dev.photostyle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.ImageFiles;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.testing.SharedData;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalCommandTest {
    @TempDir
    Path dir;

    @Test
    void unchangedResultHasAllKeysNoLeakageAndAGramDistance() throws Exception {
        Path ds = TinyDataset.write(dir.resolve("ds"));
        Path json = dir.resolve("m.json");
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        // Pair 2's content has an orphan region (red): its pixels are protected.
        int code = cl.execute("eval", "--content", ds.resolve("input/in2.png").toString(),
                "--style", ds.resolve("style/tar2.png").toString(),
                "--result", ds.resolve("input/in2.png").toString(),
                "--content-mask", ds.resolve("segmentation/in2.png").toString(),
                "--style-mask", ds.resolve("segmentation/tar2.png").toString(),
                "--weights", SharedData.vggWeights().toString(), "--json", json.toString());
        assertEquals(0, code, err.toString());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        for (String k : new String[] {"ssim", "edge_ssim", "style_distance", "photorealism", "leakage_mean", "leakage_max"}) {
            assertTrue(j.get(k).isNumber(), k + " in " + j);
        }
        assertEquals(1.0, j.get("ssim").asDouble(), 1e-9);
        assertEquals(0.0, j.get("leakage_mean").asDouble(), 0);
        assertEquals(0, j.get("leakage_max").asInt());
        assertTrue(j.get("protected_pixels").asLong() > 0);
        assertTrue(j.get("style_distance").asDouble() > 0);
        assertEquals(2, j.get("regions").size()); // blue (matched) and red (orphan)
        assertEquals(3, j.get("style_distance_terms").size()); // blue at three layers
        assertTrue(out.toString().contains("Style distance"), out.toString());
    }

    @Test
    void atResultMeasuresAWorkingSizeResultAtItsOwnSize() throws Exception {
        Path ds = TinyDataset.write(dir.resolve("ds"));
        Path content = ds.resolve("input/in2.png");
        FloatImage c = PlateIO.read(content).image();
        Path small = dir.resolve("small.png");
        ImageFiles.write(Resampler.resize(c.rgb(), c.width() / 2, c.height() / 2), small);
        Path json = dir.resolve("m.json");
        int code = Main.commandLine().execute("eval", "--content", content.toString(),
                "--style", ds.resolve("style/tar2.png").toString(), "--result", small.toString(),
                "--at", "result", "--weights", SharedData.vggWeights().toString(), "--json", json.toString());
        assertEquals(0, code);
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(c.width() / 2, j.get("width").asInt());
        assertFalse(j.get("resampled").asBoolean());
        // The content is brought down with the same resampler, so only 8-bit rounding remains.
        assertTrue(j.get("ssim").asDouble() > 0.99, j.toString());
    }
}
