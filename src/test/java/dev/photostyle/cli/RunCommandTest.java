package dev.photostyle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.testing.SharedData;
import picocli.CommandLine;

/** {@code run}'s failures before any work: one line, exit 1 (2 for a bad command line). */
class RunCommandTest {
    @TempDir
    Path dir;

    private static String[] run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), err.toString()};
    }

    @Test
    void badJobsFailWithOneLine() throws Exception {
        Path job = dir.resolve("job.json");
        Files.writeString(job, "{\"content\": \"p.png\", \"regions\": [], \"colour\": 1}");
        String[] r = run("run", job.toString(), "-o", dir.resolve("out.png").toString());
        assertEquals("1", r[0]);
        assertTrue(r[1].startsWith("error: job.json: ") && r[1].contains("unknown key 'colour'") && r[1].strip().lines().count() == 1, r[1]);
        Files.writeString(job, "{\"content\": \"p.png\", \"regions\": [{\"matte\": \"whole\", \"style\": \"s.png\"}]}");
        r = run("run", job.toString());
        assertEquals("1", r[0]);
        assertTrue(r[1].contains("no output: give -o FILE"), r[1]);
        r = run("run", job.toString(), "-o", dir.resolve("out.png").toString());
        assertTrue(r[1].contains("content: file not found"), r[1]);
        r = run("run", job.toString(), "-o", dir.resolve("out.png").toString(), "--strategy", "both");
        assertTrue(r[1].contains("--strategy must be joint or per-region"), r[1]);
    }

    @Test
    void aTwoRegionJobRunsAndKeepsEverythingOutsideItsRegionsExactly() throws Exception {
        int w = 40, h = 30, n = w * h;
        float[] c = new float[3 * n];
        float[] m = new float[n];
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < c.length; i++) c[i] = 0.3f + 0.4f * rnd.nextFloat();
        // Left third: region "a" (white in the matte); middle third: region "b" (gray); right: no region.
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) m[y * w + x] = x < w / 3 ? 1f : x < 2 * w / 3 ? 0.5f : 0f;
        PlateIO.write(FloatImage.wrap(w, h, 3, c), dir.resolve("plate.png"));
        PlateIO.write(FloatImage.wrap(w, h, 1, m), dir.resolve("mask.png"));
        PlateIO.write(flat(0.9f, 0.1f, 0.1f), dir.resolve("red.png"));
        PlateIO.write(flat(0.1f, 0.1f, 0.9f), dir.resolve("blue.png"));
        Files.writeString(dir.resolve("job.json"), """
                {"content": "plate.png", "regions": [
                  {"name": "a", "matte": {"file": "mask.png", "colour": "white"}, "style": "red.png"},
                  {"name": "b", "matte": {"file": "mask.png", "colour": "grey"}, "style": "blue.png"}]}
                """);
        Path out = dir.resolve("out.png");
        String[] r = run("run", dir.resolve("job.json").toString(), "-o", out.toString(), "--size", "40",
                "--iterations", "3", "--weights", SharedData.vggWeights().toString(),
                "--style-layers", "relu1_1", "--content-layers", "relu1_1", "--device", "cpu");
        assertEquals("0", r[0], r[1]);
        float[] o = PlateIO.read(out).image().rgb().toArray();
        float[] in = PlateIO.read(dir.resolve("plate.png")).image().rgb().toArray();
        for (int ch = 0; ch < 3; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 2 * w / 3; x < w; x++) assertEquals(in[ch * n + y * w + x], o[ch * n + y * w + x], 0f);
            }
        }
        double redA = 0, redB = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w / 3; x++) redA += o[y * w + x] - o[2 * n + y * w + x];
            for (int x = w / 3 + 1; x < 2 * w / 3 - 1; x++) redB += o[y * w + x] - o[2 * n + y * w + x];
        }
        assertTrue(redA > redB, "region a (red style) should be redder than region b (blue style)");
    }

    private static FloatImage flat(float r, float g, float b) {
        float[] d = new float[3 * 24 * 24];
        java.util.Arrays.fill(d, 0, 576, r);
        java.util.Arrays.fill(d, 576, 1152, g);
        java.util.Arrays.fill(d, 1152, 1728, b);
        return FloatImage.wrap(24, 24, 3, d);
    }
}
