package dev.photostyle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.testing.SharedData;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** sequence: frames written, resume skips finished frames, a later chunk continues; eval-sequence JSON. */
class SequenceCommandTest {
    @TempDir
    Path dir;

    private static String[] run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        java.io.PrintStream old = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true));
        int code;
        try {
            code = cl.execute(args);
        } finally {
            System.setErr(old);
        }
        assertEquals(0, code, err + captured.toString());
        return captured.toString().split("\\R");
    }

    private void writeFrames() throws Exception {
        writeFrames(3);
    }

    private void writeFrames(int n) throws Exception {
        int s = 32;
        for (int t = 1; t <= n; t++) {
            float[] d = new float[3 * s * s];
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    double u = x - 2 * t;
                    d[y * s + x] = (float) (0.5 + 0.3 * Math.sin(u * 0.5) * Math.cos(y * 0.4));
                    d[s * s + y * s + x] = (float) (0.4 + 0.2 * Math.cos(u * 0.2 + y * 0.3));
                    d[2 * s * s + y * s + x] = 0.3f;
                }
            }
            PlateIO.write(FloatImage.wrap(s, s, 3, d), dir.resolve(String.format("in.%04d.png", t)));
        }
    }

    private List<String> args(String frames) {
        return args(frames, "out");
    }

    private List<String> args(String frames, String out) {
        return new ArrayList<>(List.of("sequence", "--content", dir.resolve("in.%04d.png").toString(),
                "--frames", frames, "--style", SharedData.dpst("style/tar1.png").toString(),
                "--weights", SharedData.vggWeights().toString(), "--style-layers", "relu1_1,relu2_1",
                "--content-layers", "relu2_1", "--size", "32", "--iterations", "2", "--laplacian-weight", "0",
                "-o", dir.resolve(out + "/r.%04d.png").toString()));
    }

    @Test
    void writesResumesAndContinuesChunks() throws Exception {
        writeFrames();
        String[] first = run(args("1-2").toArray(String[]::new));
        assertTrue(first[0].startsWith("frame 1 (1/2)") && first[0].contains("no previous frame"), first[0]);
        assertTrue(first[1].startsWith("frame 2 (2/2)") && first[1].contains("reliable"), first[1]);
        Path f1 = dir.resolve("out/r.0001.png");
        FileTime t1 = Files.getLastModifiedTime(f1);
        // Resume over 1-3: 1 and 2 skipped, 3 continues from 2's output on disk.
        String[] second = run(args("1-3").toArray(String[]::new));
        assertTrue(second[0].contains("skipped") && second[1].contains("skipped"), String.join("\n", second));
        assertTrue(second[2].startsWith("frame 3 (3/3)") && second[2].contains("reliable"), second[2]);
        assertEquals(t1, Files.getLastModifiedTime(f1));
        assertTrue(Files.exists(dir.resolve("out/r.0003.png")));
        try (var files = Files.list(dir.resolve("out"))) {
            assertEquals(3, files.count(), "no temporary files left");
        }

        Path json = dir.resolve("m.json");
        run("eval-sequence", "--content", dir.resolve("in.%04d.png").toString(),
                "--result", dir.resolve("out/r.%04d.png").toString(), "--frames", "1-3", "--json", json.toString());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, j.get("pairs").size());
        assertTrue(j.get("warping_error_result").asDouble() >= 0);
        assertTrue(j.get("warping_error_content").asDouble() < 0.05, j.toString()); // a pure translation warps well
    }

    /**
     * A chunk run with --warm-up gives the same frames whether or not the chunk before it has been
     * written, and they are the frames of one longer run that starts at the warm-up frame.
     */
    @Test
    void warmUpMakesAChunkIndependentOfTheOneBefore() throws Exception {
        writeFrames(4);
        List<String> alone = args("3-4", "alone");
        alone.addAll(List.of("--warm-up", "1"));
        String[] lines = run(alone.toArray(String[]::new));
        assertTrue(lines[0].startsWith("frame 3 (1/2)") && lines[0].contains("reliable"), lines[0]);
        run(args("1-2", "after").toArray(String[]::new));
        List<String> after = args("3-4", "after");
        after.addAll(List.of("--warm-up", "1"));
        run(after.toArray(String[]::new));
        run(args("2-4", "longer").toArray(String[]::new));
        for (String f : List.of("r.0003.png", "r.0004.png")) {
            byte[] a = Files.readAllBytes(dir.resolve("alone").resolve(f));
            assertTrue(java.util.Arrays.equals(a, Files.readAllBytes(dir.resolve("after").resolve(f))), f + ": depends on the chunk before");
            assertTrue(java.util.Arrays.equals(a, Files.readAllBytes(dir.resolve("longer").resolve(f))), f + ": not the longer run's frame");
        }
        try (var files = Files.list(dir.resolve("alone"))) {
            assertEquals(List.of("r.0003.png", "r.0004.png"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the warm-up frame is not written to the output");
        }
        // Without a warm-up (and no frame 2 output) frame 3 starts cold: the warm-up changed it.
        String[] cold = run(args("3-4", "cold").toArray(String[]::new));
        assertTrue(cold[0].contains("no previous frame"), cold[0]);
        assertTrue(!java.util.Arrays.equals(Files.readAllBytes(dir.resolve("alone/r.0003.png")),
                Files.readAllBytes(dir.resolve("cold/r.0003.png"))));
    }
}
