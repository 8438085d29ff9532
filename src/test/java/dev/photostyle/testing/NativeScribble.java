package dev.photostyle.testing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.photostyle.engine.TensorScope;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Provokes the failure of DJL 0.33's {@code mul(Number)}, {@code div(Number)} and the like: their
 * scalar is a tensor over a direct buffer that is freed once its handle is closed and the collector
 * runs, while the autograd graph still reads it in backward. Call {@link #collectAndScribble()}
 * between a forward and a backward pass and keep what it returns reachable until after the backward
 * pass: a term that used such a scalar then reads NaN (or an allocator's free-list words) instead.
 */
public final class NativeScribble {
    private NativeScribble() {}

    /**
     * Frees what the collector can free (giving the cleaner thread time to release the native
     * blocks), then takes small native blocks of the sizes DJL's scalars, indices and small vectors use, filled
     * with NaN. The blocks are returned so that they stay allocated, NaN, through the backward pass.
     */
    public static List<ByteBuffer> collectAndScribble() {
        List<ByteBuffer> held = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // Every malloc size class up to 128 bytes: scalars, and the small index and count
            // vectors of a test-sized image (e.g. 5 or 6 float64 window counts).
            for (int size = 4; size <= 128; size += size < 8 ? 4 : 8) {
                for (int j = 0; j < 64; j++) {
                    ByteBuffer b = ByteBuffer.allocateDirect(size);
                    while (b.remaining() >= 4) b.putFloat(Float.NaN);
                    held.add(b);
                }
            }
        }
        return held;
    }

    /**
     * The gradient of {@code f} at {@code x} (made a leaf that requires one), as float32, with
     * {@link #collectAndScribble()} between forward and backward when {@code collect}: compare the
     * two to show that f's backward pass reads nothing the collector may free.
     */
    public static float[] gradient(NDArray x, Function<NDArray, NDArray> f, boolean collect) {
        x.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = TensorScope.keep(() -> f.apply(x));
            Object held = collect ? collectAndScribble() : null;
            gc.backward(y);
            java.lang.ref.Reference.reachabilityFence(held);
        }
        return x.getGradient().toType(DataType.FLOAT32, false).toFloatArray();
    }
}
