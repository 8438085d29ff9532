package dev.photostyle.io.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.PlateFormat.Compression;
import dev.photostyle.io.image.PlateFormat.Container;
import dev.photostyle.io.image.PlateFormat.SampleType;
import dev.photostyle.testing.SharedData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our parallel EXR writer against OpenCV's (OpenEXR's) own: the same samples read back, bit for bit. */
class ExrWriterTest {
    @TempDir
    Path tmp;

    /** Values across half's range: rounding ties, subnormals, the largest finite half, negatives, highlights. */
    private static FloatImage plate(int w, int h, int channels) {
        Random rnd = new Random(7);
        float[] special = {0f, -0f, 1f + 0x1p-11f, 1f + 3 * 0x1p-11f, 65504f, 65519f, 0x1p-24f, 3 * 0x1p-26f, 0x1p-25f,
                0x1.8p-25f, 6.1e-5f, -2.5f, 501.3f, 1e-8f, 0.1f, 1f / 3};
        float[] px = new float[channels * w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = i < special.length ? special[i] : (float) (Math.pow(2, rnd.nextDouble() * 30 - 20) * (rnd.nextBoolean() ? 1 : -0.2));
        }
        if (channels == 4) for (int i = 3 * w * h; i < px.length; i++) px[i] = rnd.nextFloat();
        return FloatImage.of(w, h, channels, px);
    }

    @Test
    void readsBackAsOpenCvsOwnFileDoesForEveryCompressionTypeAndAlpha() throws IOException {
        for (int channels : new int[] {3, 4}) {
            FloatImage p = plate(37, 35, channels); // 35 rows: ZIP's 16-line chunks end short
            for (SampleType s : new SampleType[] {SampleType.HALF, SampleType.FLOAT}) {
                for (Compression c : new Compression[] {Compression.NONE, Compression.ZIPS, Compression.ZIP}) {
                    PlateFormat f = new PlateFormat(Container.EXR, s, channels == 4, c);
                    Path ours = tmp.resolve("ours.exr"), theirs = tmp.resolve("opencv.exr");
                    PlateIO.write(p, ours, f);
                    ExrCodec.writeWithOpenCv(p, theirs, f);
                    DecodedImage a = PlateIO.read(ours), b = PlateIO.read(theirs);
                    assertEquals(f, a.format(), "header read back: " + f);
                    assertArrayEquals(b.image().toArray(), a.image().toArray(), "samples of " + f);
                }
            }
        }
    }

    @Test
    void aRealFileRewrittenKeepsEverySample() throws IOException {
        DecodedImage src = PlateIO.read(SharedData.require("data/hdr/OpenEXRTest_comp_zip.exr"));
        Path out = tmp.resolve("again.exr");
        PlateIO.write(src.image(), out, src.format());
        DecodedImage back = PlateIO.read(out);
        assertEquals(src.format(), back.format());
        assertArrayEquals(src.image().toArray(), back.image().toArray(), "half in, half out: nothing changes");
        assertTrue(Files.size(out) < 4L * 3 * src.image().pixels(), "compressed: " + Files.size(out) + " bytes");
    }

    @Test
    void halvesRoundToNearestEven() {
        assertEquals(0x3c00, ExrWriter.toHalf(1f + 0x1p-11f));       // tie: down to the even 1.0
        assertEquals(0x3c02, ExrWriter.toHalf(1f + 3 * 0x1p-11f));   // tie: up to the even 1 + 2^-9
        assertEquals(0x7bff, ExrWriter.toHalf(65519f));               // largest finite
        assertEquals(0x7c00, ExrWriter.toHalf(65520f));               // overflow: infinity
        assertEquals(0x0001, ExrWriter.toHalf(0x1p-24f));             // smallest subnormal
        assertEquals(0x0000, ExrWriter.toHalf(0x1p-25f));             // tie: down to zero (even)
        assertEquals((short) 0x8000, ExrWriter.toHalf(-0f));
    }
}
