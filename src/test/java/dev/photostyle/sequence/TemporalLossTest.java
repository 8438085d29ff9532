package dev.photostyle.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.testing.NativeScribble;
import dev.photostyle.testing.GradientCheck;

import java.util.Random;

import org.junit.jupiter.api.Test;

class TemporalLossTest {
    private static final int W = 5;
    private static final int H = 4;

    /** Plain-Java form of the loss: weight · Σ c Σ_ch (x − w)² / (3 Σ c) / REFERENCE_MSE. */
    static double reference(double[] x, double[] w, double[] c, double weight) {
        int n = c.length;
        double sum = 0;
        double rel = 0;
        for (int i = 0; i < n; i++) {
            rel += c[i];
            for (int ch = 0; ch < 3; ch++) {
                double d = x[ch * n + i] - w[ch * n + i];
                sum += c[i] * d * d;
            }
        }
        return rel == 0 ? 0 : weight * sum / (3 * rel) / TemporalLoss.REFERENCE_MSE;
    }

    private static double[] random(int len, long seed) {
        Random r = new Random(seed);
        double[] d = new double[len];
        for (int i = 0; i < len; i++) d[i] = r.nextDouble();
        return d;
    }

    private static double[] mask(long seed) {
        Random r = new Random(seed);
        double[] c = new double[W * H];
        for (int i = 0; i < c.length; i++) c[i] = r.nextInt(3) == 0 ? 0 : 1;
        return c;
    }

    @Test
    void matchesPlainReference() {
        double[] x = random(3 * W * H, 1);
        double[] w = random(3 * W * H, 2);
        double[] c = mask(3);
        try (NDManager m = NDManager.newBaseManager()) {
            TemporalLoss loss = new TemporalLoss(m.create(w, new Shape(1, 3, H, W)), m.create(c, new Shape(1, 1, H, W)), 2.5);
            double v = loss.compute(m.create(x, new Shape(1, 3, H, W))).toDoubleArray()[0];
            assertEquals(reference(x, w, c, 2.5), v, 1e-9 * Math.abs(v));
            assertEquals("temporal", loss.name());
        }
    }

    @Test
    void independentOfImageSizeForTheSameMeanDifference() {
        // A uniform difference d over reliable pixels scores weight·d²/REFERENCE_MSE at any size.
        try (NDManager m = NDManager.newBaseManager()) {
            for (int size : new int[] {3, 17}) {
                NDArray t = m.zeros(new Shape(1, 3, size, size));
                NDArray c = m.ones(new Shape(1, 1, size, size));
                double v = new TemporalLoss(t, c, 1).compute(m.full(new Shape(1, 3, size, size), 0.02f)).toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
                assertEquals(0.02 * 0.02 / TemporalLoss.REFERENCE_MSE, v, 1e-4);
            }
        }
    }

    @Test
    void zeroWhenNothingIsReliable() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray t = m.zeros(new Shape(1, 3, 2, 2));
            NDArray c = m.zeros(new Shape(1, 1, 2, 2));
            assertEquals(0.0, dev.photostyle.engine.Tensors.scalar(new TemporalLoss(t, c, 1).compute(m.ones(new Shape(1, 3, 2, 2)))));
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        double[] w = random(3 * W * H, 4);
        double[] c = mask(5);
        try (NDManager m = NDManager.newBaseManager()) {
            TemporalLoss loss = new TemporalLoss(m.create(w, new Shape(1, 3, H, W)), m.create(c, new Shape(1, 1, H, W)), 0.7);
            NDArray x = m.create(random(3 * W * H, 6), new Shape(1, 3, H, W));
            GradientCheck.check(x, loss::compute, 1e-5);
        }
    }

    /** The gradient read after a garbage collection between forward and backward equals the one read at once. */
    @Test
    void gradientSurvivesAGarbageCollection() {
        try (NDManager m = NDManager.newBaseManager()) {
            TemporalLoss loss = new TemporalLoss(m.create(random(3 * W * H, 7), new Shape(1, 3, H, W)),
                    m.create(mask(8), new Shape(1, 1, H, W)), 0.7);
            float[] plain = gradient(m, loss, false);
            float[] collected = gradient(m, loss, true);
            boolean nonZero = false;
            for (float v : plain) nonZero |= v != 0f;
            assertTrue(nonZero, "the test needs a non-zero gradient");
            assertArrayEquals(plain, collected, 0f);
        }
    }

    private static float[] gradient(NDManager m, TemporalLoss loss, boolean collect) {
        return NativeScribble.gradient(m.create(random(3 * W * H, 9), new Shape(1, 3, H, W)).toType(DataType.FLOAT32, false),
                loss::compute, collect);
    }

    @Test
    void rejectsBadShapesAndWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray t = m.zeros(new Shape(1, 3, 2, 2));
            assertThrows(IllegalArgumentException.class, () -> new TemporalLoss(t, m.zeros(new Shape(1, 1, 2, 3)), 1));
            assertThrows(IllegalArgumentException.class, () -> new TemporalLoss(t, m.zeros(new Shape(1, 1, 2, 2)), -1));
        }
    }
}
