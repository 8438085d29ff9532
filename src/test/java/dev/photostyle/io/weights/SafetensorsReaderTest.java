package dev.photostyle.io.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trip of a hand-built .safetensors file and its failure modes. */
class SafetensorsReaderTest {
    @TempDir
    Path dir;

    /** Writes a safetensors file with the given JSON header and data section. */
    static Path write(Path f, String header, byte[] data) throws Exception {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
        out.writeBytes(h);
        out.writeBytes(data);
        Files.write(f, out.toByteArray());
        return f;
    }

    private Path sample() throws Exception {
        ByteBuffer d = ByteBuffer.allocate(24 + 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : new float[] {1, 2, 3, 4, 5, 6}) d.putFloat(v);          // w: F32 [2,3], bytes 0..24
        d.putShort((short) 0x3c00).putShort((short) 0xfc00);                  // h: F16 [2] = 1, -inf
        d.putShort((short) (Float.floatToIntBits(-1.5f) >>> 16))               // b: BF16 [2] = -1.5, 3
                .putShort((short) (Float.floatToIntBits(3f) >>> 16));
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[24,28]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[28,32]}}";
        return write(dir.resolve("m.safetensors"), header, d.array());
    }

    @Test
    void roundTripsF32F16Bf16InHeaderOrder() throws Exception {
        StateDict sd = WeightFiles.read(sample());
        assertEquals(List.of("w", "h", "b"), List.copyOf(sd.names()));
        assertArrayEquals(new long[] {2, 3}, sd.get("w").shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, sd.get("w").data());
        assertArrayEquals(new float[] {1, Float.NEGATIVE_INFINITY}, sd.get("h").data());
        assertArrayEquals(new float[] {-1.5f, 3}, sd.get("b").data());
    }

    @Test
    void halfToFloatMatchesAPlainReferenceForEveryFiniteHalf() {
        for (int bits = 0; bits < 0x10000; bits++) {
            int exp = (bits >> 10) & 0x1f;
            if (exp == 0x1f) continue;
            int mant = bits & 0x3ff;
            double v = exp == 0 ? mant * Math.pow(2, -24) : (1 + mant / 1024.0) * Math.pow(2, exp - 15);
            if ((bits & 0x8000) != 0) v = -v;
            assertEquals((float) v, StorageType.halfToFloat((short) bits), "bits " + Integer.toHexString(bits));
        }
    }

    @Test
    void truncatedDataIsAnError() throws Exception {
        Path f = sample();
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 3));
        PthReaderTest.assertOneLineError(f, "truncated file (tensor 'b' ends at byte");
    }

    @Test
    void unsupportedDtypeIsNamed() throws Exception {
        Path f = write(dir.resolve("i.safetensors"), "{\"n\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]);
        PthReaderTest.assertOneLineError(f, "unsupported dtype I64 of tensor 'n'");
    }

    @Test
    void inconsistentOffsetsAreAnError() throws Exception {
        Path f = write(dir.resolve("o.safetensors"), "{\"n\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[12]);
        PthReaderTest.assertOneLineError(f, "corrupt safetensors header (tensor 'n' has offsets [0, 8) for 3 F32 values)");
    }

    @Test
    void brokenJsonHeaderIsAnError() throws Exception {
        Path f = write(dir.resolve("j.safetensors"), "{\"n\": [1, 2", new byte[0]);
        PthReaderTest.assertOneLineError(f, "not a safetensors file (header is not JSON");
    }
}
