package dev.photostyle.io.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.testing.BadFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad plate fails at once with one line naming the file and the reason. */
class PlateIOErrorsTest {
    @TempDir
    Path tmp;

    private IOException readFails(Path p) {
        IOException e = assertThrows(IOException.class, () -> PlateIO.read(p));
        assertTrue(e.getMessage().contains(p.toString()), "names the file: " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e;
    }

    private static FloatImage noise(int w, int h, int c, long seed) {
        Random r = new Random(seed);
        float[] d = new float[w * h * c];
        for (int i = 0; i < d.length; i++) d[i] = r.nextFloat();
        return FloatImage.wrap(w, h, c, d);
    }

    @Test
    void hugePngIsRefusedFromItsHeaderAlone() throws IOException {
        for (int side : new int[] {20000, 30000}) {
            Path p = BadFiles.hugePngHeader(tmp.resolve("huge" + side + ".png"), side, side);
            assertTrue(Files.size(p) < 1024, "the file is tiny; only its header is huge");
            long t = System.nanoTime();
            String m = readFails(p).getMessage();
            double seconds = (System.nanoTime() - t) / 1e9;
            assertTrue(m.contains(side + "x" + side) && m.contains("GB of Java heap") && m.contains("at most")
                    && m.contains("PHOTOSTYLE_JAVA_OPTS") && m.contains("downscale"), m);
            // Decoding would take minutes (or fail otherwise, "Invalid scanline stride"); the header takes ms.
            assertTrue(seconds < 5, "took " + seconds + " s");
        }
    }

    @Test
    void heapEstimateCountsThePlateAndTheCallersPlanes() throws IOException {
        Path p = tmp.resolve("p.png");
        long need = HeapCheck.estimateBytes(1000, 500, 3, 7);
        assertEquals(4L * 1000 * 500 * (3 + 7), need);
        HeapCheck.require(p, 1000, 500, 3, 7, need); // exactly fits
        IOException e = assertThrows(IOException.class, () -> HeapCheck.require(p, 1000, 500, 3, 7, need - 1));
        assertTrue(e.getMessage().contains("1000x500") && e.getMessage().contains("3 channels"), e.getMessage());
        // A float (EXR) plate adds its colour round trip: 2 copies of its channels.
        PlateIO.ReadOptions o = PlateIO.ReadOptions.DEFAULT;
        assertEquals(PlateIO.ReadOptions.WORKING_SIZE_PLANES, o.extraPlanes());
        assertEquals(PlateIO.ReadOptions.FULL_SIZE_PLANES, o.withExtraPlanes(13).extraPlanes());
        // More samples than a Java array holds is refused even with an unlimited heap.
        e = assertThrows(IOException.class, () -> HeapCheck.require(p, 50000, 50000, 3, 0, Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("more than one Java array holds"), e.getMessage());
    }

    @Test
    void exrWithNanOrInfinityIsRefusedWithCountAndFirstSample() throws IOException {
        int w = 31;
        int h = 17;
        float[] d = noise(w, h, 3, 1).toArray();
        int n = w * h;
        d[n + 5 * w + 7] = Float.NaN;                     // G at (7, 5): the first in planar order
        d[2 * n + 9 * w + 2] = Float.POSITIVE_INFINITY;   // B at (2, 9)
        d[2 * n + 16 * w + 30] = Float.NEGATIVE_INFINITY; // B at (30, 16)
        Path p = tmp.resolve("nan.exr");
        PlateIO.write(FloatImage.wrap(w, h, 3, d), p, new PlateFormat(PlateFormat.Container.EXR,
                PlateFormat.SampleType.FLOAT, false, PlateFormat.Compression.ZIP));
        String m = readFails(p).getMessage();
        assertTrue(m.contains("3 non-finite pixel values") && m.contains("first at x=7, y=5, channel G: NaN")
                && m.contains("fix the plate"), m);
        // On request they become 0 and nothing else changes.
        FloatImage zero = PlateIO.read(p, PlateIO.ReadOptions.DEFAULT.withNonFinite(PlateIO.NonFinite.ZERO)).image();
        float[] z = zero.toArray();
        for (int i = 0; i < d.length; i++) assertEquals(Float.isFinite(d[i]) ? d[i] : 0f, z[i], "sample " + i);
        // A finite image is returned as decoded, not copied.
        FloatImage fine = noise(4, 3, 3, 2);
        assertSame(fine, NonFiniteSamples.check(fine, p, PlateIO.NonFinite.FAIL));
    }

    @Test
    void missingFolderEmptyTextAndGifSayWhy() throws IOException {
        assertTrue(readFails(tmp.resolve("missing.png")).getMessage().endsWith("file not found"));
        assertTrue(readFails(tmp).getMessage().contains("it is a folder"));
        assertTrue(readFails(Files.write(tmp.resolve("empty.exr"), new byte[0])).getMessage().contains("empty"));
        assertTrue(readFails(Files.writeString(tmp.resolve("fake.png"), "hello")).getMessage()
                .contains("not an image file"));
        Path gif = tmp.resolve("g.gif");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "gif", gif.toFile());
        assertTrue(readFails(gif).getMessage().contains("unsupported image format 'gif'"));
    }

    @Test
    void truncatedFilesOfEveryFormatSayTruncated() throws IOException {
        FloatImage img = noise(64, 48, 3, 3);
        for (String ext : new String[] {"png", "jpg", "tif", "exr"}) {
            Path p = tmp.resolve("t." + ext);
            PlateIO.write(img, p);
            PlateIO.read(p); // whole: fine
            BadFiles.truncate(p, 0.6);
            assertTrue(readFails(p).getMessage().contains("truncated"), ext);
        }
        // An EXR cut inside its header.
        Path p = tmp.resolve("h.exr");
        PlateIO.write(img, p);
        BadFiles.truncate(p, 50.0 / Files.size(p));
        assertTrue(readFails(p).getMessage().contains("truncated"));
    }

    @Test
    void unreadableFileSaysPermissionDenied() throws IOException {
        Path p = tmp.resolve("locked.png");
        PlateIO.write(noise(8, 8, 3, 4), p);
        BadFiles.revokeAccess(p);
        assertTrue(readFails(p).getMessage().endsWith(": permission denied"));
    }
}
