package dev.photostyle.lut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.testing.NativeScribble;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * The LUT priors' gradients do not depend on what happens between the forward and the backward
 * pass. They used DJL's {@code mul(Number)}/{@code div(Number)}/{@code maximum(Number)}, whose
 * scalar is host memory freed by the next garbage collection while the graph still reads it in
 * backward (see {@code Tensors.scale}): a collection at the wrong moment gave a LUT fit a garbage
 * gradient, and a fit that stopped early in one process ran on in another.
 */
class LutPriorGradientTest {
    private static float[] gradient(NDManager m, float[] tables, int regions, Function<NDArray, NDArray> f, boolean collect) {
        return NativeScribble.gradient(m.create(tables, new Shape(regions, tables.length / regions)), f, collect);
    }

    private static float[] randomTables(int regions, int n, long seed) {
        Random rnd = new Random(seed);
        float[] t = new float[regions * 3 * n * n * n];
        for (int i = 0; i < t.length; i++) t[i] = (float) (3 * rnd.nextDouble());
        return t;
    }

    private static void assertSameAcrossCollection(Function<NDArray, NDArray> f, float[] tables, int regions) {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] plain = gradient(m, tables, regions, f, false);
            float[] collected = gradient(m, tables, regions, f, true);
            boolean nonZero = false;
            for (float v : plain) nonZero |= v != 0f && Float.isFinite(v);
            assertTrue(nonZero, "the test needs a non-zero gradient");
            assertArrayEquals(plain, collected, 0f);
        }
    }

    @Test
    void smoothnessGradientSurvivesAGarbageCollection() {
        assertSameAcrossCollection(x -> LutSmoothness.compute(x, 5), randomTables(2, 5, 1), 2);
    }

    @Test
    void gainGradientSurvivesAGarbageCollection() {
        int n = 5, cells = (n - 1) * (n - 1) * (n - 1);
        float[] occ = new float[2 * cells];
        java.util.Arrays.fill(occ, 1f / cells);
        try (NDManager keep = NDManager.newBaseManager()) {
            NDArray o = keep.create(occ, new Shape(2, cells));
            assertSameAcrossCollection(x -> LutGain.compute(x, n, new float[] {1.5f, 2f}, o), randomTables(2, n, 2), 2);
        }
    }
}
