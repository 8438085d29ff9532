package dev.photostyle.io.weights;

import static dev.photostyle.io.weights.TorchFiles.floats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.photostyle.io.weights.TorchFiles.Spec;

/** Round trips of hand-built checkpoints in both .pth formats, and their failure modes. */
class PthReaderTest {
    @TempDir
    Path dir;

    private static final float[] S0 = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    /** conv-like weight over all of storage "0", a bias sharing it at offset 6, a half bias in "1". */
    private static List<Spec> specs() {
        return List.of(
                new Spec("conv.weight", "0", "FloatStorage", 10, 0, new long[] {2, 3}, new long[] {3, 1}),
                new Spec("conv.bias", "0", "FloatStorage", 10, 6, new long[] {4}, new long[] {1}),
                new Spec("half", "1", "HalfStorage", 3, 0, new long[] {3, 1}, new long[] {1, 1}));
    }

    private static byte[] halves(ByteOrder order) {
        // 1.0, -2.5, 2^-24 (smallest subnormal) in IEEE binary16
        return ByteBuffer.allocate(6).order(order).putShort((short) 0x3c00).putShort((short) 0xc100)
                .putShort((short) 0x0001).array();
    }

    private Path zip(List<Spec> specs, ByteOrder order) throws Exception {
        Path f = dir.resolve("model.pth");
        Map<String, byte[]> st = new LinkedHashMap<>();
        st.put("0", floats(order, S0));
        st.put("1", halves(order));
        TorchFiles.writeZip(f, TorchFiles.stateDictPickle(specs, false), st,
                order == ByteOrder.BIG_ENDIAN ? "big" : "little");
        return f;
    }

    private static void assertRoundTrip(StateDict sd) {
        assertEquals(List.of("conv.weight", "conv.bias", "half"), List.copyOf(sd.names()));
        assertArrayEquals(new long[] {2, 3}, sd.get("conv.weight").shape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, sd.get("conv.weight").data());
        assertArrayEquals(new float[] {6, 7, 8, 9}, sd.get("conv.bias").data());
        assertArrayEquals(new long[] {3, 1}, sd.get("half").shape());
        assertArrayEquals(new float[] {1f, -2.5f, 0x1p-24f}, sd.get("half").data());
    }

    @Test
    void zipFormatRoundTrips() throws Exception {
        assertRoundTrip(WeightFiles.read(zip(specs(), ByteOrder.LITTLE_ENDIAN)));
    }

    @Test
    void zipFormatHonoursBigEndianByteorder() throws Exception {
        assertRoundTrip(PthReader.read(zip(specs(), ByteOrder.BIG_ENDIAN)));
    }

    @Test
    void legacyFormatRoundTripsIncludingStorageViews() throws Exception {
        // Storage "v" is a view (offset 2, 3 elements) of root storage "r".
        List<Spec> specs = List.of(
                new Spec("a", "r", "FloatStorage", 6, 0, new long[] {2, 3}, new long[] {3, 1}),
                new Spec("b", "r", "FloatStorage", 6, 1, new long[] {2}, new long[] {1},
                        new Object[] {"v", 2L, 3L}),
                new Spec("d", "z", "FloatStorage", 1, 0, new long[] {}, new long[] {}));
        Path f = dir.resolve("legacy.pth");
        TorchFiles.writeLegacy(f, TorchFiles.stateDictPickle(specs, true), List.of("r", "z"),
                Map.of("r", new float[] {10, 11, 12, 13, 14, 15}, "z", new float[] {42}));
        StateDict sd = WeightFiles.read(f);
        assertEquals(List.of("a", "b", "d"), List.copyOf(sd.names()));
        assertArrayEquals(new float[] {10, 11, 12, 13, 14, 15}, sd.get("a").data());
        assertArrayEquals(new float[] {13, 14}, sd.get("b").data()); // root offset 2 + tensor offset 1
        assertArrayEquals(new long[] {}, sd.get("d").shape());
        assertArrayEquals(new float[] {42}, sd.get("d").data());
    }

    @Test
    void wrappedStateDictIsUnwrapped() throws Exception {
        TinyPickle p = new TinyPickle().proto().emptyDict().mark();
        p.str("epoch").integer(7);
        p.str("optimizer").global("torch.optim.sgd", "SGD").emptyTuple().reduce();
        p.str("state_dict");
        TorchFiles.stateDict(p, specs(), false);
        p.setitems().stop();
        Path f = dir.resolve("wrapped.pth");
        TorchFiles.writeZip(f, p.toByteArray(),
                Map.of("0", floats(ByteOrder.LITTLE_ENDIAN, S0), "1", halves(ByteOrder.LITTLE_ENDIAN)), null);
        assertRoundTrip(WeightFiles.read(f));
    }

    @Test
    void nestedDictsWithoutAWrapperKeyAreFlattenedWithDots() throws Exception {
        TinyPickle p = new TinyPickle().proto().emptyDict().mark();
        p.str("encoder");
        TorchFiles.stateDict(p, specs().subList(0, 2), false);
        p.setitems().stop();
        Path f = dir.resolve("nested.pth");
        TorchFiles.writeZip(f, p.toByteArray(), Map.of("0", floats(ByteOrder.LITTLE_ENDIAN, S0)), null);
        StateDict sd = WeightFiles.read(f);
        assertEquals(List.of("encoder.conv.weight", "encoder.conv.bias"), List.copyOf(sd.names()));
    }

    @Test
    void nonContiguousStrideIsRejected() throws Exception {
        List<Spec> transposed = List.of(
                new Spec("t", "0", "FloatStorage", 10, 0, new long[] {3, 2}, new long[] {1, 3}));
        Path f = dir.resolve("t.pth");
        TorchFiles.writeZip(f, TorchFiles.stateDictPickle(transposed, false),
                Map.of("0", floats(ByteOrder.LITTLE_ENDIAN, S0)), null);
        assertOneLineError(f, "tensor 't' is not contiguous");
    }

    @Test
    void tensorOutsideItsStorageIsRejected() throws Exception {
        List<Spec> over = List.of(new Spec("o", "0", "FloatStorage", 10, 8, new long[] {4}, new long[] {1}));
        Path f = dir.resolve("o.pth");
        TorchFiles.writeZip(f, TorchFiles.stateDictPickle(over, false), Map.of("0", floats(ByteOrder.LITTLE_ENDIAN, S0)), null);
        assertOneLineError(f, "lies outside its storage");
    }

    @Test
    void integerStorageIsRejected() throws Exception {
        List<Spec> longs = List.of(new Spec("n", "0", "LongStorage", 1, 0, new long[] {}, new long[] {}));
        Path f = dir.resolve("l.pth");
        TorchFiles.writeZip(f, TorchFiles.stateDictPickle(longs, false), Map.of("0", new byte[8]), null);
        assertOneLineError(f, "unsupported storage type torch.LongStorage");
    }

    @Test
    void missingOrShortStorageEntryIsAnError() throws Exception {
        Path f = dir.resolve("m.pth");
        TorchFiles.writeZip(f, TorchFiles.stateDictPickle(specs(), false), Map.of("0", floats(ByteOrder.LITTLE_ENDIAN, S0)), null);
        assertOneLineError(f, "storage archive/data/1 missing");
        TorchFiles.writeZip(f, TorchFiles.stateDictPickle(specs(), false),
                Map.of("0", floats(ByteOrder.LITTLE_ENDIAN, 1, 2), "1", halves(ByteOrder.LITTLE_ENDIAN)), null);
        assertOneLineError(f, "truncated file (storage archive/data/0");
    }

    @Test
    void truncatedZipIsAnError() throws Exception {
        Path f = zip(specs(), ByteOrder.LITTLE_ENDIAN);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length / 2));
        assertOneLineError(f, "truncated or corrupt zip archive");
    }

    @Test
    void zipWithoutDataPklIsNotACheckpoint() throws Exception {
        Path f = dir.resolve("other.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(f))) {
            out.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            out.write("hello".getBytes());
        }
        assertOneLineError(f, "not a PyTorch checkpoint (zip archive without");
    }

    @Test
    void garbagePickleIsACorruptPickle() throws Exception {
        Path f = dir.resolve("g.pth");
        TorchFiles.writeZip(f, new TinyPickle().proto().raw('R').stop().toByteArray(), Map.of(), null);
        assertOneLineError(f, "corrupt pickle");
    }

    @Test
    void pickleWithoutTensorsSaysWhatItHolds() throws Exception {
        Path f = dir.resolve("e.pth");
        TorchFiles.writeZip(f, new TinyPickle().proto().emptyDict().stop().toByteArray(), Map.of(), null);
        assertOneLineError(f, "no tensors found (the checkpoint holds a dict");
    }

    @Test
    void legacyFileWithoutMagicIsNotACheckpoint() throws Exception {
        Path f = dir.resolve("plain.pkl");
        Files.write(f, new TinyPickle().proto().integer(3).stop().toByteArray());
        assertOneLineError(f, "not a PyTorch checkpoint (a pickle without torch's magic number)");
    }

    @Test
    void legacyCountMismatchIsAnError() throws Exception {
        List<Spec> s = List.of(new Spec("a", "r", "FloatStorage", 5, 0, new long[] {5}, new long[] {1}));
        Path f = dir.resolve("c.pth");
        TorchFiles.writeLegacy(f, TorchFiles.stateDictPickle(s, true), List.of("r"), Map.of("r", new float[6]));
        assertOneLineError(f, "storage r has 6 elements in the data section but 5 in the pickle");
    }

    /** Reads {@code f} expecting a failure whose single-line message names the file and says {@code expected}. */
    static void assertOneLineError(Path f, String expected) {
        WeightFileException e = assertThrows(WeightFileException.class, () -> WeightFiles.read(f));
        String m = e.getMessage();
        assertTrue(m.contains(expected), () -> "message '" + m + "' lacks '" + expected + "'");
        assertTrue(m.startsWith(f.toString()), m);
        assertFalse(m.contains("\n"), m);
    }
}
