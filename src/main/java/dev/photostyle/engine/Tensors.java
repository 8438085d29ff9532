package dev.photostyle.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.io.image.FloatImage;

/** Conversions between {@link FloatImage} and engine tensors of shape (1, C, H, W). */
public final class Tensors {
    private Tensors() {}

    /** A float32 tensor (1, C, H, W) owned by {@code manager}. */
    public static NDArray toTensor(FloatImage image, NDManager manager) {
        return manager.create(image.toArray(), new Shape(1, image.channels(), image.height(), image.width()));
    }

    /** A float32 tensor (1, 3, H, W) of the image's RGB. */
    public static NDArray toRgbTensor(FloatImage image, NDManager manager) {
        return toTensor(image.rgb(), manager);
    }

    /** Copies a (1, C, H, W) or (C, H, W) tensor back to the host. */
    public static FloatImage toImage(NDArray t) {
        Shape s = t.getShape();
        if (s.dimension() == 4 && s.get(0) != 1) {
            throw new IllegalArgumentException("expected a batch of one image, got shape " + s);
        }
        if (s.dimension() != 3 && s.dimension() != 4) {
            throw new IllegalArgumentException("expected (1,C,H,W) or (C,H,W), got shape " + s);
        }
        int off = s.dimension() - 3;
        int c = (int) s.get(off);
        int h = (int) s.get(off + 1);
        int w = (int) s.get(off + 2);
        NDArray f = t.getDataType() == DataType.FLOAT32 ? t : t.toType(DataType.FLOAT32, false);
        return FloatImage.wrap(w, h, c, f.toFloatArray());
    }

    /** The value of a one-element tensor of any float type, as a double. */
    public static double scalar(NDArray t) {
        if (t.size() != 1) throw new IllegalArgumentException("expected a scalar, got shape " + t.getShape());
        return t.toType(DataType.FLOAT64, false).toDoubleArray()[0];
    }

    /**
     * {@code x * factor} with autograd-safe memory: use it instead of {@code x.mul(Number)} on
     * anything a backward pass will go through.
     *
     * <p>Why: DJL 0.33's {@code mul(Number)} (likewise {@code div}, {@code pow}, {@code maximum}
     * with a number) makes a 0-d array from host memory, a direct buffer that only the Java array
     * object keeps alive, multiplies, and closes it. The product's backward pass reads that scalar
     * again; if a garbage collection runs in between, the buffer is freed and the gradient reads
     * whatever reuses the memory (seen: gradients of 1e16 after a GC between forward and backward).
     * Here the scalar is copied into engine-owned memory first; the result is bit-identical to
     * {@code x.mul(factor)}.
     */
    public static NDArray scale(NDArray x, Number factor) {
        return withScalar(x, factor, NDArray::mul);
    }

    /**
     * {@code op(x, value)} with {@code value} as a 0-d array in engine-owned memory: the safe form of
     * DJL's {@code div(Number)}, {@code maximum(Number)} and the like on anything a backward pass will
     * go through (see {@link #scale} for why); bit-identical to the {@code Number} overload.
     *
     * <pre>{@code NDArray mean = Tensors.withScalar(sum, count, NDArray::div);}</pre>
     */
    public static NDArray withScalar(NDArray x, Number value, java.util.function.BinaryOperator<NDArray> op) {
        NDArray owned = owned(x.getManager().create(value));
        NDArray out = op.apply(x, owned);
        owned.close();
        return out;
    }

    /**
     * An engine-owned 0-d array of {@code value} (float64), for constants kept in a field and used
     * on autograd graphs: see {@link #scale} for why arrays made from host data are not safe there
     * once their Java object is gone.
     */
    public static NDArray constant(NDManager manager, double value) {
        return owned(manager.create(value));
    }

    /**
     * An engine-owned copy of {@code host}, an array made from host data, which is closed: the form
     * of any such array (scalar, index, weights) that an autograd graph saves for its backward pass
     * (see {@link #scale} for why the host-backed one is not safe there).
     */
    public static NDArray owned(NDArray host) {
        NDArray copy = host.duplicate();
        host.close();
        return copy;
    }

    /** {@link #owned(NDArray)} on {@code device}: there, moving the array is the engine's copy. */
    public static NDArray owned(NDArray host, ai.djl.Device device) {
        if (host.getDevice().equals(device)) return owned(host);
        NDArray copy = host.toDevice(device, true);
        host.close();
        return copy;
    }

    /**
     * {@link #owned(NDArray)} as {@code type} on {@code device}: the engine-owned form of a host
     * constant (window counts, interpolation weights) that is converted to a computation's type
     * and device. A conversion or a move is itself the engine's copy; only when neither is needed
     * is the array duplicated. Plain {@code host.toType(t, false).toDevice(d, false)} returns the
     * host-backed array itself when it already has that type and device.
     */
    public static NDArray owned(NDArray host, DataType type, ai.djl.Device device) {
        if (host.getDataType() == type) return owned(host, device);
        NDArray converted = host.toType(type, false);
        host.close();
        if (converted.getDevice().equals(device)) return converted;
        NDArray moved = converted.toDevice(device, false);
        converted.close();
        return moved;
    }

    /** A (1, 1, H, W) tensor of a single plane. */
    public static NDArray plane(float[] data, int width, int height, NDManager manager) {
        return manager.create(data, new Shape(1, 1, height, width));
    }

    /** The index {@code [:, ..., from:to, ..., :]} of a rank-{@code rank} tensor, slicing axis {@code axis}. */
    public static ai.djl.ndarray.index.NDIndex axisRange(int rank, int axis, long from, long to) {
        StringBuilder s = new StringBuilder();
        for (int a = 0; a < rank; a++) {
            if (a > 0) s.append(',');
            s.append(a == axis ? from + ":" + to : ":");
        }
        return new ai.djl.ndarray.index.NDIndex(s.toString());
    }
}
