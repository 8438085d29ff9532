package dev.photostyle.io.weights;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a {@code .safetensors} file: an 8-byte little-endian header length {@code N}, an
 * {@code N}-byte JSON header mapping each tensor name to
 * {@code {"dtype": "F32", "shape": [64, 3, 3, 3], "data_offsets": [begin, end]}} (offsets relative
 * to the end of the header; the optional {@code "__metadata__"} entry is ignored), then the
 * little-endian data. F32 is read as is; F16, BF16 and F64 are converted to float32.
 *
 * <p>Example: {@code StateDict sd = SafetensorsReader.read(Path.of("vgg19.safetensors"));}
 */
public final class SafetensorsReader {
    /** Refuse absurd headers before allocating them (the reference implementation caps at 100 MB). */
    static final long MAX_HEADER_BYTES = 100L << 20;

    private SafetensorsReader() {}

    /** Reads every tensor of {@code file}, in header order. */
    public static StateDict read(Path file) throws WeightFileException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLen = lenBuf.getLong(0);
            if (headerLen <= 0 || headerLen > MAX_HEADER_BYTES) {
                throw new WeightFileException(file, "not a safetensors file (header length " + headerLen + ")");
            }
            if (8 + headerLen > size) {
                throw new WeightFileException(file, "truncated file (header of " + headerLen + " bytes, file of " + size + ")");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            readFully(ch, header, 8);
            JsonNode root;
            try {
                root = new ObjectMapper().readTree(new String(header.array(), StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                throw new WeightFileException(file, "not a safetensors file (header is not JSON: "
                        + e.getOriginalMessage() + ")");
            }
            if (root == null || !root.isObject()) throw new WeightFileException(file, "not a safetensors file (header is not a JSON object)");
            long dataStart = 8 + headerLen;
            long dataLen = size - dataStart;
            Map<String, WeightTensor> tensors = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) continue;
                tensors.put(e.getKey(), readTensor(file, ch, e.getKey(), e.getValue(), dataStart, dataLen));
            }
            return new StateDict(tensors);
        } catch (WeightFileException e) {
            throw e;
        } catch (EOFException e) {
            throw new WeightFileException(file, "truncated file");
        } catch (IOException e) {
            throw new WeightFileException(file, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static WeightTensor readTensor(Path file, FileChannel ch, String name, JsonNode info,
                                           long dataStart, long dataLen) throws IOException {
        JsonNode dtype = info.get("dtype");
        JsonNode shapeNode = info.get("shape");
        JsonNode offsets = info.get("data_offsets");
        if (dtype == null || !dtype.isTextual() || shapeNode == null || !shapeNode.isArray()
                || offsets == null || !offsets.isArray() || offsets.size() != 2) {
            throw new WeightFileException(file, "corrupt safetensors header (entry '" + name + "' lacks dtype/shape/data_offsets)");
        }
        StorageType type = StorageType.ofSafetensors(dtype.asText()).orElseThrow(() -> new WeightFileException(file,
                "unsupported dtype " + dtype.asText() + " of tensor '" + name + "' (only F16, BF16, F32 and F64 are supported)"));
        long[] shape = new long[shapeNode.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong(-1);
            if (shape[i] < 0) throw new WeightFileException(file, "corrupt safetensors header (negative dimension in '" + name + "')");
            numel = Math.multiplyExact(numel, shape[i]);
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        if (begin < 0 || end < begin || end - begin != numel * type.bytes) {
            throw new WeightFileException(file, "corrupt safetensors header (tensor '" + name + "' has offsets ["
                    + begin + ", " + end + ") for " + numel + " " + type.safetensorsName + " values)");
        }
        if (end > dataLen) {
            throw new WeightFileException(file, "truncated file (tensor '" + name + "' ends at byte " + (dataStart + end)
                    + " of " + (dataStart + dataLen) + ")");
        }
        if (numel > Integer.MAX_VALUE - 8) throw new WeightFileException(file, "tensor '" + name + "' is too large");
        float[] data = new float[(int) numel];
        int perChunk = (1 << 20) / type.bytes;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(numel, perChunk) * type.bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < numel; ) {
            int m = (int) Math.min(numel - done, perChunk);
            buf.clear().limit(m * type.bytes);
            readFully(ch, buf, dataStart + begin + (long) done * type.bytes);
            buf.flip();
            type.decode(buf, data, done, m);
            done += m;
        }
        return new WeightTensor(name, shape, data);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos);
            if (r < 0) throw new EOFException();
            pos += r;
        }
    }
}
