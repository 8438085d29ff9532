package dev.photostyle.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The two float32 products a masked Gram evaluation makes, on fixed inputs, for
 * {@link MklDispatchTest} to run in a child JVM (where the launcher's oneMKL override can be
 * preloaded) and in its own: the forward {@code A Aᵀ} (C x n times n x C) and the backward-shaped
 * {@code D A} (C x C times C x n). Writes whether the override is mapped, then both results.
 *
 * <p>Usage: {@code MklProductProbe OUT_FILE}
 */
public final class MklProductProbe {
    static final int C = 64;
    static final int N = 6000;

    /** Non-negative features, as after a ReLU, C x n row-major. */
    static float[] features() {
        Random r = new Random(17);
        float[] a = new float[C * N];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() < 0.3f ? 0f : r.nextFloat() * 2f;
        return a;
    }

    /** A signed C x C matrix, as a Gram's error. */
    static float[] error() {
        Random r = new Random(18);
        float[] d = new float[C * C];
        for (int i = 0; i < d.length; i++) d[i] = r.nextFloat() * 2f - 1f;
        return d;
    }

    /** {@code [A Aᵀ (C·C), D A (C·N)]} as computed by PyTorch's matrix product here. */
    static float[][] products() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(features(), new Shape(C, N));
            NDArray d = m.create(error(), new Shape(C, C));
            return new float[][] {a.matMul(a.transpose()).toFloatArray(), d.matMul(a).toFloatArray()};
        }
    }

    public static void main(String[] args) throws IOException {
        float[][] p = products();
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[0])))) {
            out.writeBoolean(MklDispatch.overridden());
            for (float[] v : p) for (float x : v) out.writeFloat(x);
        }
    }
}
