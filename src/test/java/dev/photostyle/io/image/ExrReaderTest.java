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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our parallel EXR reader against OpenCV's (OpenEXR's) own decoder: the same samples, bit for bit. */
class ExrReaderTest {
    @TempDir
    Path tmp;

    /** Raw bits, so that NaN payloads and signed zeros count. */
    private static int[] bits(FloatImage img) {
        float[] f = img.toArray();
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) b[i] = Float.floatToRawIntBits(f[i]);
        return b;
    }

    private static void assertSameAsOpenCv(Path p) throws IOException {
        ExrHeader h = ExrHeader.read(p);
        assertTrue(ExrReader.handles(h), p + " should be ours to decode");
        FloatImage ours = ExrReader.read(p, h);
        DecodedImage theirs = ExrCodec.readWithOpenCv(p, h);
        assertEquals(theirs.image().width(), ours.width());
        assertEquals(theirs.image().channels(), ours.channels());
        assertArrayEquals(bits(theirs.image()), bits(ours), "samples of " + p.getFileName());
        assertEquals(theirs.format(), ExrCodec.read(p, h).format(), "format of " + p.getFileName());
    }

    /** Values across half's range and beyond: ties, subnormals, signed zeros, infinities, NaN, highlights. */
    private static FloatImage plate(int w, int h, int channels, long seed) {
        Random rnd = new Random(seed);
        float[] special = {0f, -0f, 1f + 0x1p-11f, 65504f, 65519f, 65520f, 0x1p-24f, 3 * 0x1p-26f, 6.1e-5f, -2.5f,
                501.3f, 1e-8f, 0.1f, 1f / 3, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1e30f};
        float[] px = new float[channels * w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = i < special.length ? special[i] : (float) (Math.pow(2, rnd.nextDouble() * 30 - 20) * (rnd.nextBoolean() ? 1 : -0.2));
        }
        // a smooth stretch too, so that some ZIP chunks shrink and others (the noise) are stored raw
        for (int i = px.length / 2; i < px.length * 3 / 4; i++) px[i] = (i % w) / (float) w;
        return FloatImage.wrap(w, h, channels, px);
    }

    @Test
    void decodesOurOwnFilesAsOpenCvDoes() throws IOException {
        for (int channels : new int[] {3, 4}) {
            for (int[] size : new int[][] {{37, 35}, {1, 1}, {300, 17}, {5, 64}}) { // 35, 17 rows: ZIP's last chunk short
                FloatImage p = plate(size[0], size[1], channels, size[0] * 31L + channels);
                for (SampleType s : new SampleType[] {SampleType.HALF, SampleType.FLOAT}) {
                    for (Compression c : new Compression[] {Compression.NONE, Compression.ZIPS, Compression.ZIP}) {
                        PlateFormat f = new PlateFormat(Container.EXR, s, channels == 4, c);
                        Path ours = tmp.resolve("ours.exr"), theirs = tmp.resolve("opencv.exr");
                        ExrCodec.write(p, ours, f);
                        ExrCodec.writeWithOpenCv(p, theirs, f);
                        assertSameAsOpenCv(ours);
                        assertSameAsOpenCv(theirs); // OpenEXR's own chunks (its zlib, its raw-or-not choices)
                    }
                }
            }
        }
    }

    /** A flat plate: its chunks take the writer's string-matching path (Huffman codes alone cannot go below 1/8). */
    @Test
    void flatPlatesCompressWellAndReadBack() throws IOException {
        float[] px = new float[3 * 200 * 40];
        for (int i = 0; i < px.length; i++) px[i] = i < px.length / 2 ? 0.25f : (i / 200 % 2) * 0.5f;
        FloatImage p = FloatImage.wrap(200, 40, 3, px);
        Path f = tmp.resolve("flat.exr");
        ExrCodec.write(p, f, new PlateFormat(Container.EXR, SampleType.HALF, false, Compression.ZIP));
        assertTrue(Files.size(f) < 2 * 3 * 200 * 40 / 16, Files.size(f) + " bytes");
        assertSameAsOpenCv(f);
        assertArrayEquals(p.toArray(), PlateIO.read(f).image().toArray());
    }

    @Test
    void decodesOpenExrSampleFilesAsOpenCvDoes() throws IOException {
        for (String name : new String[] {"OpenEXRTest_comp_none.exr", "OpenEXRTest_comp_zip.exr"}) {
            assertSameAsOpenCv(SharedData.require("data/hdr/" + name));
        }
        // PIZ, B44/DWA (GammaChart) and luminance/chroma (Flowers) stay with OpenCV
        for (String name : new String[] {"OpenEXRTest_comp_piz.exr", "bin_test_images_GammaChart.exr", "bin_test_images_Flowers.exr"}) {
            assertFalse(ExrReader.handles(ExrHeader.read(SharedData.require("data/hdr/" + name))), name);
        }
    }

    /** A data window that does not start at row 0: chunks name their rows in its coordinates. */
    @Test
    void aDataWindowOffTheOriginReadsAsOpenCvReadsIt() throws IOException {
        Path p = tmp.resolve("window.exr");
        ExrCodec.write(plate(23, 37, 3, 5), p, new PlateFormat(Container.EXR, SampleType.HALF, false, Compression.ZIP));
        byte[] b = Files.readAllBytes(p);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        ExrHeader h = ExrHeader.read(p);
        int shift = 7, at = indexOf(b, "dataWindow\0box2i\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) + 21; // after name, type, size
        bb.putInt(at + 4, bb.getInt(at + 4) + shift); // y min
        bb.putInt(at + 12, bb.getInt(at + 12) + shift); // y max
        for (int k = 0; k < (37 + 15) / 16; k++) {
            int chunk = (int) bb.getLong((int) h.tableOffset() + 8 * k);
            bb.putInt(chunk, bb.getInt(chunk) + shift);
        }
        Files.write(p, b);
        assertEquals(shift, ExrHeader.read(p).yMin());
        assertSameAsOpenCv(p);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void halvesWidenExactly() {
        for (int h = 0; h < 0x10000; h++) {
            float f = ExrReader.halfToFloat((short) h);
            int e = (h >>> 10) & 0x1f;
            if (e == 31 && (h & 0x3ff) != 0) {
                assertTrue(Float.isNaN(f), "NaN " + h);
                assertEquals(h & 0x3ff, (Float.floatToRawIntBits(f) >>> 13) & 0x3ff, "payload kept");
            } else {
                assertEquals((short) h, ExrWriter.toHalf(f), "round trip of " + Integer.toHexString(h));
            }
        }
    }

    @Test
    void aCorruptChunkIsAOneLineError() throws IOException {
        Path p = tmp.resolve("bad.exr");
        ExrCodec.write(FloatImage.filled(64, 40, 3, 0.25f), p, new PlateFormat(Container.EXR, SampleType.HALF, false, Compression.ZIP));
        byte[] b = Files.readAllBytes(p);
        ExrHeader h = ExrHeader.read(p);
        int chunk = (int) ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong((int) h.tableOffset() + 8);
        for (int i = chunk + 10; i < chunk + 14; i++) b[i] ^= 0x5a; // inside the second chunk's zlib stream
        Files.write(p, b);
        IOException e = assertThrows(IOException.class, () -> PlateIO.read(p));
        assertTrue(e.getMessage().contains("bad.exr") && e.getMessage().contains("corrupt") && !e.getMessage().contains("\n"),
                e.getMessage());
    }
}
