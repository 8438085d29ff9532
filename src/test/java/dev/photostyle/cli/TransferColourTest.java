package dev.photostyle.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.DecodedImage;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateFormat;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.testing.SharedData;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** --input-colorspace / --exposure wiring: an untouched EXR plate comes back unchanged. */
class TransferColourTest {
    @TempDir
    Path dir;

    static FloatImage linearPlate(int w, int h) {
        int n = w * h;
        float[] d = new float[4 * n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                d[i] = 0.02f + 0.05f * x;           // up to ~1.2
                d[n + i] = (float) Math.pow(2, y - 4); // 1/16 ... 2^11
                d[2 * n + i] = 0.18f;
                d[3 * n + i] = (x + y) % 3 / 2f;
            }
        }
        return FloatImage.wrap(w, h, 4, d);
    }

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int code = cl.execute(args);
        assertEquals(0, code, err.toString());
        return code;
    }

    @Test
    void exrPlateWithZeroIterationsRoundTripsWithAlphaAndFormat() throws Exception {
        int w = 24, h = 16;
        FloatImage plate = linearPlate(w, h);
        Path in = dir.resolve("plate.exr");
        PlateIO.write(plate, in, new PlateFormat(PlateFormat.Container.EXR, PlateFormat.SampleType.FLOAT, true,
                PlateFormat.Compression.ZIP));
        for (String exposure : new String[] {"0", "-1.5"}) {
            Path out = dir.resolve("out" + exposure + ".exr");
            run("transfer", "--content", in.toString(), "--style", SharedData.dpst("style/tar1.png").toString(),
                    "--weights", SharedData.vggWeights().toString(), "--style-layers", "relu1_1",
                    "--content-layers", "relu1_1", "--size", String.valueOf(w), "--iterations", "0", "--method", "grid",
                    "--exposure", exposure, "--quiet", "-o", out.toString());
            DecodedImage back = PlateIO.read(out);
            assertEquals(PlateFormat.SampleType.FLOAT, back.format().sampleType());
            assertTrue(back.format().alpha());
            float[] a = plate.toArray();
            float[] b = back.image().toArray();
            assertEquals(a.length, b.length);
            for (int i = 0; i < 3 * w * h; i++) {
                assertTrue(Math.abs(a[i] - b[i]) <= 1e-5 * Math.abs(a[i]) + 1e-7,
                        "exposure " + exposure + " sample " + i + ": " + a[i] + " -> " + b[i]);
            }
            assertArrayEquals(plate.alpha(), back.image().alpha(), 0f);
        }
    }

    @Test
    void explicitColourSpaceIsHonoured() throws Exception {
        // The same EXR read as sRGB-encoded: values above 1 are clamped by the network but restored.
        FloatImage plate = linearPlate(16, 8);
        Path in = dir.resolve("p.exr");
        PlateIO.write(plate, in, new PlateFormat(PlateFormat.Container.EXR, PlateFormat.SampleType.FLOAT, true,
                PlateFormat.Compression.NONE));
        Path out = dir.resolve("o.exr");
        run("transfer", "--content", in.toString(), "--style", SharedData.dpst("style/tar1.png").toString(),
                "--weights", SharedData.vggWeights().toString(), "--style-layers", "relu1_1",
                "--content-layers", "relu1_1", "--size", "16", "--iterations", "0", "--method", "grid",
                "--input-colorspace", "log", "--quiet", "-o", out.toString());
        float[] a = plate.toArray();
        float[] b = PlateIO.read(out).image().toArray();
        for (int i = 0; i < 3 * 16 * 8; i++) assertEquals(a[i], b[i], 1e-5 * Math.abs(a[i]) + 1e-6, "sample " + i);
    }
}
