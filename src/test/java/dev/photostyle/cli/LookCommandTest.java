package dev.photostyle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.testing.SharedData;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** look fit writes a look (JSON + .cube); look apply runs it over frames and resumes. */
class LookCommandTest {
    @TempDir
    Path dir;

    private static String run(int expected, String... args) {
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
        assertEquals(expected, code, err + captured.toString());
        return err + captured.toString();
    }

    @Test
    void fitsThenAppliesAndResumes() throws Exception {
        for (int t = 1; t <= 2; t++) {
            PlateIO.write(TinyDataset.image(40, 30, t, 0.5f, 0.4f, 0.3f), dir.resolve(String.format("in.%04d.png", t)));
        }
        Path json = dir.resolve("look.json");
        String fit = run(0, "look", "fit", "--content", dir.resolve("in.0001.png").toString(), dir.resolve("in.0002.png").toString(),
                "--style", SharedData.dpst("style/tar1.png").toString(), "--weights", SharedData.vggWeights().toString(),
                "--style-layers", "relu1_1,relu2_1", "--content-layers", "relu2_1", "--size", "32", "--iterations", "2",
                "--lut-size", "9", "-o", json.toString());
        assertTrue(fit.contains("look with 1 region(s)"), fit);
        assertTrue(Files.exists(dir.resolve("look.0.cube")));
        String out = dir.resolve("out/o.%04d.png").toString();
        String first = run(0, "look", "apply", json.toString(), "--content", dir.resolve("in.%04d.png").toString(), "--frames", "1", "-o", out);
        assertTrue(first.contains("1 frame(s) written, 0 skipped"), first);
        String second = run(0, "look", "apply", json.toString(), "--content", dir.resolve("in.%04d.png").toString(), "--frames", "1-2", "-o", out);
        assertTrue(second.contains("1 frame(s) written, 1 skipped"), second);
        FloatImage o = PlateIO.read(dir.resolve("out/o.0002.png")).image();
        assertEquals(40, o.width());
        run(1, "look", "apply", dir.resolve("nope.json").toString(), "--content", dir.resolve("in.%04d.png").toString(),
                "--frames", "1", "-o", dir.resolve("x.%04d.png").toString());
    }
}
