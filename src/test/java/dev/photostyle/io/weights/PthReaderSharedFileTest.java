package dev.photostyle.io.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.photostyle.testing.SharedData;

/**
 * The shared "normalised VGG19 up to conv3_1" checkpoint (legacy torch format). The loaded
 * values are checked against the file's raw bytes found without the pickle: in the legacy format
 * each storage is an int64 element count followed by its raw float32 data, and the element
 * counts 294912 (conv3_1 weight) and 256 (conv3_1 bias) occur exactly once in this file.
 */
class PthReaderSharedFileTest {
    private static byte[] raw;
    private static StateDict sd;

    @BeforeAll
    static void load() throws Exception {
        Path p = SharedData.vggWeights();
        raw = Files.readAllBytes(p);
        sd = WeightFiles.read(p);
    }

    @Test
    void keysAndShapesAreThoseOfTheNormalisedVgg() {
        Map<String, long[]> expected = new LinkedHashMap<>();
        expected.put("0.weight", new long[] {3, 3, 1, 1});
        expected.put("0.bias", new long[] {3});
        expected.put("2.weight", new long[] {64, 3, 3, 3});
        expected.put("2.bias", new long[] {64});
        expected.put("5.weight", new long[] {64, 64, 3, 3});
        expected.put("5.bias", new long[] {64});
        expected.put("9.weight", new long[] {128, 64, 3, 3});
        expected.put("9.bias", new long[] {128});
        expected.put("12.weight", new long[] {128, 128, 3, 3});
        expected.put("12.bias", new long[] {128});
        expected.put("16.weight", new long[] {256, 128, 3, 3});
        expected.put("16.bias", new long[] {256});
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(sd.names()));
        expected.forEach((k, shape) -> assertArrayEquals(shape, sd.get(k).shape(), k));
    }

    @Test
    void lastStorageInTheFileIsThePreprocessingConvWeight() {
        // Storages are written in sorted-key order; here the last one is 0.weight (9 floats),
        // the RGB->BGR swap times 255 of the normalised VGG.
        float[] tail = new float[9];
        ByteBuffer.wrap(raw, raw.length - 36, 36).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(tail);
        assertArrayEquals(tail, sd.get("0.weight").data());
        assertArrayEquals(new float[] {0, 0, 255, 0, 255, 0, 255, 0, 0}, tail);
    }

    @Test
    void conv31BiasMatchesItsRawBytes() {
        int at = uniqueCount(256);
        float[] bias = new float[256];
        ByteBuffer.wrap(raw, at + 8, 1024).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(bias);
        assertArrayEquals(bias, sd.get("16.bias").data());
    }

    @Test
    void conv31WeightHasTheSha256OfItsRawBytes() throws Exception {
        int n = 256 * 128 * 9;
        int at = uniqueCount(n);
        MessageDigest fileSha = MessageDigest.getInstance("SHA-256");
        fileSha.update(raw, at + 8, n * 4);
        ByteBuffer loaded = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        loaded.asFloatBuffer().put(sd.get("16.weight").data());
        byte[] loadedSha = MessageDigest.getInstance("SHA-256").digest(loaded.array());
        assertArrayEquals(fileSha.digest(), loadedSha);
        float[] w = sd.get("16.weight").data();
        double sumAbs = 0;
        for (float v : w) sumAbs += Math.abs(v);
        assertTrue(sumAbs > 0, "weights are not all zero");
    }

    @Test
    void truncatedCopiesGiveOneLineErrors(@TempDir Path dir) throws Exception {
        Path insidePickle = dir.resolve("cut-pickle.pth");
        Files.write(insidePickle, Arrays.copyOf(raw, 1000));
        PthReaderTest.assertOneLineError(insidePickle, "truncated file (ends inside a pickle)");
        Path insideData = dir.resolve("cut-data.pth");
        Files.write(insideData, Arrays.copyOf(raw, raw.length - 10));
        PthReaderTest.assertOneLineError(insideData, "truncated file (storage 12 of 12 ends early)");
    }

    /** Offset of the only occurrence of the int64 LE value {@code n} in the file. */
    private static int uniqueCount(long n) {
        byte[] pat = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(n).array();
        int found = -1;
        outer:
        for (int i = 0; i + 8 <= raw.length; i++) {
            for (int j = 0; j < 8; j++) if (raw[i + j] != pat[j]) continue outer;
            assertEquals(-1, found, "count " + n + " occurs twice");
            found = i;
        }
        assertTrue(found >= 0, "count " + n + " not found");
        return found;
    }
}
