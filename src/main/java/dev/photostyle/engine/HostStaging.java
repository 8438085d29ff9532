package dev.photostyle.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Moves float32 data between a tensor and a reused host array without a fresh allocation per call,
 * for host work that runs once per evaluation (the photorealism stencil).
 *
 * <p>Why: DJL's {@code toFloatArray()} and {@code create(float[])} each allocate a new direct
 * buffer (and the former a new array) per call. A direct buffer is freed only after a garbage
 * collection, so between collections every call takes memory the process has not touched before,
 * and the kernel faults it in and zero-fills it page by page: measured at 256 px, the float32
 * stencil product ran at 8.7 ms a call in an 8 GB heap against 2.4 ms once the same memory was
 * reused. Here a CPU tensor is read through DJL's zero-copy view of its memory
 * ({@code toByteBuffer(true)}), and uploads go through one direct buffer kept across calls.
 *
 * <p>Not thread-safe: one staging per user, or synchronise around it.
 *
 * <pre>{@code
 * HostStaging staging = new HostStaging();
 * float[] v = staging.read(x, null);          // x (1, 3, H, W) float32
 * NDArray y = staging.upload(v, x.getShape(), x.getManager(), x.getDevice()); // engine-owned copy
 * }</pre>
 */
public final class HostStaging {
    private ByteBuffer buffer;

    /**
     * The elements of the float32 tensor {@code x} in row-major order, into {@code into} when it has
     * the right length (else a new array). Non-contiguous or non-CPU tensors are copied first.
     */
    public float[] read(NDArray x, float[] into) {
        if (x.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("expected float32, got " + x.getDataType());
        }
        int n = Math.toIntExact(x.size());
        float[] out = into != null && into.length == n ? into : new float[n];
        if (!x.getDevice().equals(Device.cpu())) {
            try (NDArray host = x.toDevice(Device.cpu(), true)) {
                return read(host, out);
            }
        }
        // toByteBuffer(true) is a view of the tensor's memory when it is contiguous, else a copy.
        x.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer().get(out, 0, n);
        return out;
    }

    /**
     * An engine-owned float32 tensor of {@code shape} holding {@code data}, in {@code manager} on
     * {@code device}: the data is written into this staging's direct buffer, wrapped, and copied by
     * the engine, so nothing the engine keeps refers to the buffer, which the next call reuses.
     */
    public NDArray upload(float[] data, Shape shape, NDManager manager, Device device) {
        if (shape.size() != data.length) {
            throw new IllegalArgumentException("shape " + shape + " does not hold " + data.length + " values");
        }
        int bytes = Math.multiplyExact(data.length, Float.BYTES);
        if (buffer == null || buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        buffer.clear().limit(bytes);
        buffer.asFloatBuffer().put(data);
        return Tensors.owned(manager.create(buffer.slice().order(ByteOrder.nativeOrder()), shape, DataType.FLOAT32),
                device);
    }
}
