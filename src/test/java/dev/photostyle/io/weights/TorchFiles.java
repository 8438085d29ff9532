package dev.photostyle.io.weights;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small PyTorch checkpoints in both formats, the way torch.save lays them out. */
final class TorchFiles {
    private TorchFiles() {}

    /**
     * One tensor of a state dict.
     *
     * @param storageType torch class name, e.g. {@code FloatStorage}
     * @param view        legacy {@code (view_key, offset, size)} or null
     */
    record Spec(String name, String storageKey, String storageType, long storageNumel, long offset,
                long[] size, long[] stride, Object[] view) {
        Spec(String name, String storageKey, String storageType, long storageNumel, long offset, long[] size, long[] stride) {
            this(name, storageKey, storageType, storageNumel, offset, size, stride, null);
        }
    }

    /** Pickles one {@code _rebuild_tensor_v2(...)} call (the tensor ends up on the stack). */
    static void tensor(TinyPickle p, Spec s, boolean legacy, boolean parameter) {
        if (parameter) p.global("torch._utils", "_rebuild_parameter").mark();
        p.stackGlobal("torch._utils", "_rebuild_tensor_v2").mark();
        p.mark().str("storage").global("torch", s.storageType()).str(s.storageKey()).str("cpu").integer(s.storageNumel());
        if (legacy) {
            if (s.view() == null) p.none();
            else p.mark().str((String) s.view()[0]).integer((Long) s.view()[1]).integer((Long) s.view()[2]).tuple();
        }
        p.tuple().binpersid();
        p.integer(s.offset()).intTuple(s.size()).intTuple(s.stride()).newFalse();
        p.global("collections", "OrderedDict").emptyTuple().reduce(); // backward hooks
        p.tuple().reduce();
        if (parameter) p.newFalse().global("collections", "OrderedDict").emptyTuple().reduce().tuple().reduce();
    }

    /** An OrderedDict state dict with {@code _metadata} set by BUILD, like {@code module.state_dict()}. */
    static void stateDict(TinyPickle p, List<Spec> specs, boolean legacy) {
        p.global("collections", "OrderedDict").emptyTuple().reduce().mark();
        for (int i = 0; i < specs.size(); i++) {
            p.str(specs.get(i).name());
            tensor(p, specs.get(i), legacy, i % 2 == 1);
        }
        p.setitems();
        p.emptyDict().str("_metadata").emptyDict().setitem().build();
    }

    static byte[] stateDictPickle(List<Spec> specs, boolean legacy) {
        TinyPickle p = new TinyPickle().proto();
        stateDict(p, specs, legacy);
        return p.stop().toByteArray();
    }

    /** A torch >= 1.6 zip checkpoint: archive/data.pkl, archive/data/KEY, archive/byteorder, archive/version. */
    static void writeZip(Path file, byte[] pickle, Map<String, byte[]> storages, String byteorder) throws IOException {
        try (OutputStream fo = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(fo)) {
            stored(zip, "archive/data.pkl", pickle);
            if (byteorder != null) stored(zip, "archive/byteorder", byteorder.getBytes());
            for (Map.Entry<String, byte[]> e : storages.entrySet()) stored(zip, "archive/data/" + e.getKey(), e.getValue());
            stored(zip, "archive/version", "3\n".getBytes());
        }
    }

    /** Entries are STORED, as torch writes them. */
    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    /** A legacy checkpoint: magic, version, sys_info, main pickle, key list, then count + data per key. */
    static void writeLegacy(Path file, byte[] mainPickle, List<String> keys, Map<String, float[]> storages) throws IOException {
        TinyPickle p = new TinyPickle();
        p.proto().raw(0x8a, 10).bytes(PthReader.LEGACY_MAGIC.toByteArray().length == 10
                ? reverse(PthReader.LEGACY_MAGIC.toByteArray()) : null).stop();
        p.proto().integer(PthReader.LEGACY_PROTOCOL_VERSION).stop();
        p.proto().emptyDict().str("little_endian").raw(0x88).setitem().stop();
        p.bytes(mainPickle);
        p.proto().emptyList().mark();
        for (String k : keys) p.str(k);
        p.appends().stop();
        for (String k : keys) {
            float[] d = storages.get(k);
            ByteBuffer b = ByteBuffer.allocate(8 + 4 * d.length).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(d.length);
            b.asFloatBuffer().put(d);
            p.bytes(b.array());
        }
        Files.write(file, p.toByteArray());
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) r[i] = b[b.length - 1 - i];
        return r;
    }

    static byte[] floats(ByteOrder order, float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(order);
        b.asFloatBuffer().put(v);
        return b.array();
    }
}
