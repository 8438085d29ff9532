package dev.photostyle.io.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.PlateFormat.Compression;
import dev.photostyle.io.image.PlateFormat.Container;
import dev.photostyle.io.image.PlateFormat.SampleType;
import dev.photostyle.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlateIOTest {
    @TempDir
    Path tmp;

    /** Scene-linear test plate: log-normal RGB (1e-3 .. 1e3, a few negatives), alpha in [0, 1]. */
    private static FloatImage hdrPlate(int w, int h, boolean alpha) {
        Random r = new Random(7);
        int ch = alpha ? 4 : 3;
        float[] d = new float[w * h * ch];
        for (int i = 0; i < d.length; i++) {
            boolean isAlpha = i >= 3 * w * h;
            d[i] = isAlpha ? r.nextFloat() : (float) Math.exp(r.nextGaussian() * 2.5);
            if (!isAlpha && i % 97 == 0) d[i] = -d[i];
        }
        return FloatImage.wrap(w, h, ch, d);
    }

    private static void assertRelClose(FloatImage a, FloatImage b, double rel, double abs) {
        assertEquals(a.width(), b.width());
        assertEquals(a.height(), b.height());
        assertEquals(a.channels(), b.channels());
        float[] x = a.toArray();
        float[] y = b.toArray();
        for (int i = 0; i < x.length; i++) {
            double tol = Math.max(abs, rel * Math.abs(x[i]));
            assertTrue(Math.abs(x[i] - y[i]) <= tol, "sample " + i + ": " + x[i] + " vs " + y[i]);
        }
    }

    @Test
    void exrRoundTripsEverySampleTypeAlphaAndCompression() throws IOException {
        for (boolean alpha : new boolean[] {false, true}) {
            FloatImage plate = hdrPlate(37, 23, alpha);
            for (SampleType s : new SampleType[] {SampleType.HALF, SampleType.FLOAT}) {
                for (Compression c : new Compression[] {Compression.NONE, Compression.ZIP, Compression.ZIPS,
                        Compression.PIZ}) {
                    PlateFormat f = new PlateFormat(Container.EXR, s, alpha, c);
                    Path p = tmp.resolve("rt_" + s + "_" + c + "_" + alpha + ".exr");
                    PlateIO.write(plate, p, f);
                    DecodedImage back = PlateIO.read(p);
                    assertEquals(f, back.format(), "format kept for " + f);
                    // half: 10-bit mantissa, relative error <= 2^-11; float: exact
                    assertRelClose(plate, back.image(), s == SampleType.HALF ? 1e-3 : 0, 0);
                    if (alpha) {
                        // alpha through half: same precision; through float: bit-exact
                        float[] a0 = plate.alpha();
                        float[] a1 = back.image().alpha();
                        for (int i = 0; i < a0.length; i++) {
                            assertEquals(a0[i], a1[i], s == SampleType.HALF ? 1e-3 * a0[i] : 0);
                        }
                    }
                }
            }
        }
    }

    @Test
    void sharedExrsReadWithSizeRangeAlphaAndSameAcrossCompressions() throws IOException {
        FloatImage ref = null;
        for (String c : new String[] {"none", "zip", "piz"}) {
            DecodedImage d = PlateIO.read(SharedData.require("data/hdr/OpenEXRTest_comp_" + c + ".exr"));
            FloatImage im = d.image();
            assertEquals(587, im.width());
            assertEquals(675, im.height());
            assertEquals(4, im.channels(), "alpha kept");
            assertTrue(d.format().alpha());
            assertEquals(Container.EXR, d.format().container());
            assertEquals(Compression.valueOf(c.toUpperCase(java.util.Locale.ROOT)), d.format().compression());
            float max = Float.NEGATIVE_INFINITY;
            for (int ch = 0; ch < 3; ch++) for (float v : im.channel(ch)) max = Math.max(max, v);
            assertEquals(501f, max, 1f, "scene-linear highlights well above 1 survive");
            if (ref == null) ref = im; else assertEquals(ref, im, "none/zip/piz decode identically");
        }
    }

    @Test
    void luminanceChromaExrIsConvertedToRgb() throws IOException {
        Path p = SharedData.require("data/hdr/bin_test_images_Flowers.exr");
        assertTrue(ExrHeader.read(p).isLuminanceChroma());
        DecodedImage d = PlateIO.read(p);
        assertEquals(3, d.image().channels());
        assertEquals(784, d.image().width());
        assertEquals(734, d.image().height());
        float max = 0;
        for (float v : d.image().toArray()) max = Math.max(max, v);
        assertTrue(max > 1f && max < 20f, "HDR range, got max " + max);
    }

    @Test
    void sixteenBitTiffKeepsRealSixteenBitValuesIncludingPlanar() throws IOException {
        DecodedImage chunky = PlateIO.read(SharedData.require("data/hdr/tiff_16bit_RGB.tiff"));
        DecodedImage planar = PlateIO.read(SharedData.require("data/hdr/tiff_strip_planar_16bit_RGB.tiff"));
        assertEquals(new PlateFormat(Container.TIFF, SampleType.UINT16, false, Compression.NONE), chunky.format());
        float max = 0;
        for (float v : chunky.image().toArray()) max = Math.max(max, v);
        assertEquals(39661, Math.round(max * 65535f));
        assertEquals(chunky.image(), planar.image(), "planar and chunky layouts decode the same");
        DecodedImage rgba = PlateIO.read(SharedData.require("data/hdr/tiff_16bit_RGBa.tiff"));
        assertTrue(rgba.format().alpha());
        assertEquals(4, rgba.image().channels());
    }

    @Test
    void sixteenBitTiffAndPngRoundTripWithAlpha() throws IOException {
        Random r = new Random(3);
        int w = 19, h = 11;
        float[] d = new float[w * h * 4];
        for (int i = 0; i < d.length; i++) d[i] = r.nextInt(65536) / 65535f;
        FloatImage img = FloatImage.wrap(w, h, 4, d);
        for (Container c : new Container[] {Container.TIFF, Container.PNG}) {
            Path p = tmp.resolve("rt." + c.name().toLowerCase(java.util.Locale.ROOT));
            PlateFormat f = new PlateFormat(c, SampleType.UINT16, true, Compression.NONE);
            PlateIO.write(img, p, f);
            DecodedImage back = PlateIO.read(p);
            assertEquals(f, back.format());
            assertArrayEquals(img.toArray(), back.image().toArray(), 0.5f / 65535f, c + " keeps 16 bits exactly");
        }
    }

    @Test
    void badInputIsAOneLineIOExceptionNamingTheFile() throws IOException {
        Path bad = tmp.resolve("broken.exr");
        byte[] junk = new byte[64];
        junk[0] = 0x76; junk[1] = 0x2f; junk[2] = 0x31; junk[3] = 0x01; // EXR magic, then garbage
        Files.write(bad, junk);
        Path text = Files.writeString(tmp.resolve("notes.png"), "not an image");
        Path missing = tmp.resolve("missing.tif");
        for (Path p : new Path[] {bad, text, missing}) {
            IOException e = assertThrows(IOException.class, () -> PlateIO.read(p));
            assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }

    @Test
    void writeIsAtomicAndChecksFormatAgainstExtension() throws IOException {
        FloatImage plate = hdrPlate(8, 8, false);
        Path p = tmp.resolve("a.exr");
        PlateIO.write(plate, p);
        assertEquals(PlateFormat.forPath(p), PlateIO.read(p).format());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(1, s.count(), "no temporary files left behind");
        }
        assertThrows(IllegalArgumentException.class, () -> PlateIO.write(plate, tmp.resolve("b.png"),
                PlateFormat.forPath(p)));
        assertThrows(IllegalArgumentException.class, () -> PlateIO.write(plate, p,
                PlateFormat.forPath(p).withAlpha(true)));
        assertThrows(IllegalArgumentException.class,
                () -> new PlateFormat(Container.PNG, SampleType.HALF, false, Compression.NONE));
    }
}
