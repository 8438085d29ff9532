package dev.photostyle.io.weights;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import net.razorvine.pickle.PickleException;

/**
 * Reads a PyTorch {@code .pth} checkpoint ({@code torch.save(model.state_dict(), path)}) into a
 * {@link StateDict}, in either serialisation format:
 * <ul>
 *   <li><b>zip</b> (torch &ge; 1.6): {@code <name>/data.pkl} is the pickled object, whose tensors
 *       name their storages by persistent id {@code ('storage', torch.FloatStorage, key, location,
 *       numel)}; storage {@code key} holds raw elements in {@code <name>/data/<key>}, in the byte
 *       order of {@code <name>/byteorder} (little endian if absent).</li>
 *   <li><b>legacy</b> (torch &lt; 1.6, e.g. torchvision's {@code vgg19-dcbb9e9d.pth}): five
 *       pickles in a row (magic number, protocol version 1001, sys_info, the object whose storage
 *       ids carry an optional view {@code (view_key, offset, size)}, the list of storage keys),
 *       then per key an int64 element count and the raw little-endian elements.</li>
 * </ul>
 * Pickles are decoded with Pyrolite (see {@link TorchUnpickler}); float32 storages are read as
 * they are, float16/bfloat16/float64 converted to float32, anything else is rejected. A
 * checkpoint that wraps its state dict ({@code {'state_dict': ...}}, {@code {'model': ...}}) is
 * unwrapped; other nested dicts are flattened with dotted names.
 *
 * <p>Example: {@code StateDict sd = PthReader.read(Path.of("vgg19-dcbb9e9d.pth"));
 * float[] w = sd.get("features.0.weight").data(); // shape [64, 3, 3, 3]}
 */
public final class PthReader {
    /** {@code torch.serialization.MAGIC_NUMBER}, the first pickle of a legacy checkpoint. */
    static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    static final int LEGACY_PROTOCOL_VERSION = 1001;
    /** Keys under which training scripts commonly nest the state dict, most specific first. */
    private static final List<String> WRAPPER_KEYS =
            List.of("state_dict", "model_state_dict", "model", "net", "network", "params", "module");
    private static final int CHUNK = 1 << 20;

    private PthReader() {}

    /** Reads a checkpoint in either format (chosen by its first bytes). */
    public static StateDict read(Path file) throws WeightFileException {
        byte[] head = WeightFiles.head(file, 4);
        if (head.length >= 2 && head[0] == 'P' && head[1] == 'K') return readZip(file);
        if (head.length >= 1 && (head[0] & 0xff) == 0x80) return readLegacy(file);
        throw new WeightFileException(file, "not a PyTorch checkpoint (neither a zip archive nor a pickle)");
    }

    // ---------------------------------------------------------------- legacy format

    static StateDict readLegacy(Path file) throws WeightFileException {
        try (TrackingInput in = new TrackingInput(new BufferedInputStream(Files.newInputStream(file), CHUNK))) {
            Object magic = unpickle(file, in, null);
            if (!(magic instanceof Number m) || !LEGACY_MAGIC.equals(new BigInteger(m.toString()))) {
                throw new WeightFileException(file, "not a PyTorch checkpoint (a pickle without torch's magic number)");
            }
            Object version = unpickle(file, in, null);
            if (!(version instanceof Number v) || v.longValue() != LEGACY_PROTOCOL_VERSION) {
                throw new WeightFileException(file, "unsupported legacy checkpoint protocol version " + version);
            }
            Object sysInfo = unpickle(file, in, null);
            if (sysInfo instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"))) {
                throw new WeightFileException(file, "big-endian legacy checkpoints are not supported");
            }
            Map<String, TorchStorage> storages = new LinkedHashMap<>();
            Object root = unpickle(file, in, pid -> legacyStorage(pid, storages));
            Object keys = unpickle(file, in, null);
            if (!(keys instanceof List<?> keyList)) {
                throw new WeightFileException(file, "corrupt checkpoint (storage key list missing)");
            }
            ByteBuffer count = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            int index = 0;
            for (Object k : keyList) {
                index++;
                TorchStorage s = storages.get(String.valueOf(k));
                if (s == null) throw new WeightFileException(file, "corrupt checkpoint (unknown storage key " + k + ")");
                try {
                    count.clear();
                    readFully(in, count.array(), 8);
                    long n = count.getLong(0);
                    if (n != s.numel) {
                        throw new WeightFileException(file, "corrupt checkpoint (storage " + k + " has " + n
                                + " elements in the data section but " + s.numel + " in the pickle)");
                    }
                    s.data = readElements(in, s.type, n, ByteOrder.LITTLE_ENDIAN);
                } catch (EOFException e) {
                    throw new WeightFileException(file, "truncated file (storage " + index + " of "
                            + keyList.size() + " ends early)");
                }
            }
            return toStateDict(file, root);
        } catch (WeightFileException e) {
            throw e;
        } catch (IOException e) {
            throw new WeightFileException(file, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static TorchStorage legacyStorage(Object[] pid, Map<String, TorchStorage> storages) {
        TorchStorage rootStorage = storage(pid, storages);
        if (pid.length > 5 && pid[5] instanceof Object[] view && view.length == 3) {
            // (view_key, offset, view_size): a slice of the root storage, pre-1.0 torch.
            return rootStorage.view(String.valueOf(view[0]), TorchUnpickler.asLong(view[1]),
                    TorchUnpickler.asLong(view[2]));
        }
        return rootStorage;
    }

    /** The root storage named by a persistent id {@code ('storage', cls, key, location, numel, ...)}. */
    private static TorchStorage storage(Object[] pid, Map<String, TorchStorage> storages) {
        if (pid.length < 5 || !"storage".equals(pid[0])) {
            throw new PickleException("unexpected persistent id (not a torch storage)");
        }
        String typeName = pid[1] instanceof TorchUnpickler.StorageClass c ? c.name() : String.valueOf(pid[1]);
        StorageType type = StorageType.ofTorch(typeName).orElseThrow(() -> new Unsupported(
                "unsupported storage type torch." + typeName + " (only float16, bfloat16, float32 and float64 tensors are supported)"));
        String key = String.valueOf(pid[2]);
        long numel = TorchUnpickler.asLong(pid[4]);
        TorchStorage s = storages.computeIfAbsent(key, k -> TorchStorage.root(k, type, numel));
        if (s.type != type) throw new PickleException("storage " + key + " is referenced with two types");
        return s;
    }

    // ---------------------------------------------------------------- zip format

    static StateDict readZip(Path file) throws WeightFileException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = null;
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.endsWith("data.pkl") && name.indexOf('/') == name.length() - "data.pkl".length() - 1) {
                    prefix = name.substring(0, name.length() - "data.pkl".length());
                    break;
                }
            }
            if (prefix == null) {
                throw new WeightFileException(file, "not a PyTorch checkpoint (zip archive without <name>/data.pkl)");
            }
            if (zip.getEntry(prefix + "constants.pkl") != null) {
                throw new WeightFileException(file, "a TorchScript archive, not a state dict; save one with "
                        + "torch.save(model.state_dict(), path)");
            }
            ByteOrder order = ByteOrder.LITTLE_ENDIAN;
            ZipEntry byteorder = zip.getEntry(prefix + "byteorder");
            if (byteorder != null) {
                try (InputStream in = zip.getInputStream(byteorder)) {
                    String s = new String(in.readNBytes(16), StandardCharsets.US_ASCII).trim();
                    if (s.equals("big")) order = ByteOrder.BIG_ENDIAN;
                    else if (!s.equals("little")) throw new WeightFileException(file, "unknown byte order '" + s + "'");
                }
            }
            Map<String, TorchStorage> storages = new LinkedHashMap<>();
            Object root;
            try (TrackingInput in = new TrackingInput(new BufferedInputStream(
                    zip.getInputStream(zip.getEntry(prefix + "data.pkl"))))) {
                root = unpickle(file, in, pid -> storage(pid, storages));
            }
            for (TorchStorage s : storages.values()) {
                ZipEntry entry = zip.getEntry(prefix + "data/" + s.key);
                if (entry == null) {
                    throw new WeightFileException(file, "corrupt checkpoint (storage " + prefix + "data/" + s.key + " missing)");
                }
                try (InputStream in = new BufferedInputStream(zip.getInputStream(entry), CHUNK)) {
                    s.data = readElements(in, s.type, s.numel, order);
                } catch (EOFException e) {
                    throw new WeightFileException(file, "truncated file (storage " + entry.getName() + " holds fewer than "
                            + s.numel + " elements)");
                }
            }
            return toStateDict(file, root);
        } catch (WeightFileException e) {
            throw e;
        } catch (ZipException e) {
            throw new WeightFileException(file, "truncated or corrupt zip archive (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new WeightFileException(file, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    // ---------------------------------------------------------------- shared

    /** Thrown from inside the unpickler for well-formed but unsupported content. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads one pickle, mapping Pyrolite's failures to one-line file errors. */
    private static Object unpickle(Path file, TrackingInput in, java.util.function.Function<Object[], Object> persistent)
            throws WeightFileException {
        try {
            return new TorchUnpickler(persistent).load(in);
        } catch (Unsupported e) {
            throw new WeightFileException(file, e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (in.eof) throw new WeightFileException(file, "truncated file (ends inside a pickle)");
            if (e instanceof IOException && !(e instanceof PickleException)) {
                throw new WeightFileException(file, "cannot read (" + e.getMessage() + ")", e);
            }
            throw new WeightFileException(file, "corrupt pickle (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())) + ")", e);
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Reads {@code n} raw elements of {@code type} and converts them to float32. */
    static float[] readElements(InputStream in, StorageType type, long n, ByteOrder order) throws IOException {
        if (n < 0 || n > Integer.MAX_VALUE - 8) throw new IOException("storage of " + n + " elements is too large");
        float[] out = new float[(int) n];
        int perChunk = CHUNK / type.bytes;
        byte[] buf = new byte[(int) Math.min(n, perChunk) * type.bytes];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(order);
        for (int done = 0; done < n; ) {
            int m = (int) Math.min(n - done, perChunk);
            readFully(in, buf, m * type.bytes);
            bb.clear();
            type.decode(bb, out, done, m);
            done += m;
        }
        return out;
    }

    private static void readFully(InputStream in, byte[] buf, int len) throws IOException {
        int off = 0;
        while (off < len) {
            int r = in.read(buf, off, len - off);
            if (r < 0) throw new EOFException();
            off += r;
        }
    }

    /** Picks the state dict out of the unpickled object and copies its tensors out of their storages. */
    private static StateDict toStateDict(Path file, Object root) throws WeightFileException {
        Map<String, TorchTensor> found = new LinkedHashMap<>();
        flatten(selectStateDict(root), "", found);
        if (found.isEmpty()) {
            throw new WeightFileException(file, "no tensors found (the checkpoint holds a "
                    + describe(root) + ", not a state dict)");
        }
        Map<String, WeightTensor> tensors = new LinkedHashMap<>();
        try {
            found.forEach((name, t) -> tensors.put(name, t.materialise(name)));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new WeightFileException(file, e.getMessage());
        }
        return new StateDict(tensors);
    }

    private static Object selectStateDict(Object root) {
        if (!(root instanceof Map<?, ?> map)) return root;
        for (Object v : map.values()) if (v instanceof TorchTensor) return root;
        for (String k : WRAPPER_KEYS) {
            Object inner = map.get(k);
            if (inner instanceof Map<?, ?>) {
                Map<String, TorchTensor> probe = new LinkedHashMap<>();
                flatten(inner, "", probe);
                if (!probe.isEmpty()) return inner;
            }
        }
        return root;
    }

    private static void flatten(Object o, String prefix, Map<String, TorchTensor> out) {
        if (o instanceof TorchTensor t) {
            out.put(prefix.isEmpty() ? "tensor" : prefix.substring(0, prefix.length() - 1), t);
        } else if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(v, prefix + k + ".", out));
        } else if (o instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) flatten(list.get(i), prefix + i + ".", out);
        } else if (o instanceof Object[] tuple) {
            for (int i = 0; i < tuple.length; i++) flatten(tuple[i], prefix + i + ".", out);
        }
    }

    private static String describe(Object o) {
        if (o == null) return "None";
        if (o instanceof TorchUnpickler.Opaque op) return op.qualifiedName();
        if (o instanceof Map<?, ?>) return "dict";
        if (o instanceof List<?>) return "list";
        return o.getClass().getSimpleName();
    }

    /** Remembers whether the underlying stream hit its end, to tell truncation from corruption. */
    private static final class TrackingInput extends FilterInputStream {
        boolean eof;

        TrackingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) eof = true;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r < 0) eof = true;
            return r;
        }
    }
}
