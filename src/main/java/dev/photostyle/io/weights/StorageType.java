package dev.photostyle.io.weights;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Element types of a checkpoint's raw storages that convert losslessly (or nearly so) to the
 * float32 of {@link WeightTensor}: float32 as is, float16/bfloat16 widened, float64 rounded.
 */
enum StorageType {
    FLOAT32(4, "FloatStorage", "F32"),
    FLOAT16(2, "HalfStorage", "F16"),
    BFLOAT16(2, "BFloat16Storage", "BF16"),
    FLOAT64(8, "DoubleStorage", "F64");

    /** Bytes per element. */
    final int bytes;
    /** Class name in module {@code torch}, as pickled in a persistent id. */
    final String torchName;
    /** Dtype string in a safetensors header. */
    final String safetensorsName;

    StorageType(int bytes, String torchName, String safetensorsName) {
        this.bytes = bytes;
        this.torchName = torchName;
        this.safetensorsName = safetensorsName;
    }

    static Optional<StorageType> ofTorch(String name) {
        for (StorageType t : values()) if (t.torchName.equals(name)) return Optional.of(t);
        return Optional.empty();
    }

    static Optional<StorageType> ofSafetensors(String dtype) {
        for (StorageType t : values()) if (t.safetensorsName.equals(dtype)) return Optional.of(t);
        return Optional.empty();
    }

    /**
     * Decodes {@code n} elements from {@code src} (its position advances; its byte order is the
     * file's) into {@code dst[off..off+n)}.
     */
    void decode(ByteBuffer src, float[] dst, int off, int n) {
        switch (this) {
            case FLOAT32 -> src.asFloatBuffer().get(dst, off, n);
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) dst[off + i] = (float) src.getDouble(src.position() + 8 * i);
            }
            case FLOAT16 -> {
                for (int i = 0; i < n; i++) dst[off + i] = halfToFloat(src.getShort(src.position() + 2 * i));
            }
            case BFLOAT16 -> {
                // bfloat16 is the top half of a float32.
                for (int i = 0; i < n; i++) {
                    dst[off + i] = Float.intBitsToFloat((src.getShort(src.position() + 2 * i) & 0xffff) << 16);
                }
            }
            default -> throw new AssertionError(this);
        }
        src.position(src.position() + n * bytes);
    }

    /** IEEE 754 binary16 to binary32 (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13)); // inf / NaN
        if (exp == 0) {
            // Zero or subnormal: mant * 2^-24, exact in float32.
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
