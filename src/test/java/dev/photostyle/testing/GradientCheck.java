package dev.photostyle.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

import java.util.function.Function;

/** Compares autograd gradients with central finite differences, in float64. */
public final class GradientCheck {
    private GradientCheck() {}

    /**
     * Asserts that d f / d x from autograd matches central differences at every coordinate of
     * {@code x} (float64, small), to {@code tol} relative to max(1, |g|).
     */
    public static void check(NDArray x, Function<NDArray, NDArray> f, double tol) {
        NDManager m = x.getManager();
        double[] base = x.toDoubleArray();
        double[] analytic;
        try (NDManager sub = m.newSubManager()) {
            NDArray leaf = sub.create(base, x.getShape());
            leaf.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray v = f.apply(leaf);
                gc.backward(v);
            }
            analytic = leaf.getGradient().toDoubleArray();
        }
        double h = 1e-6;
        for (int i = 0; i < base.length; i++) {
            double[] plus = base.clone();
            double[] minus = base.clone();
            plus[i] += h;
            minus[i] -= h;
            double fp;
            double fm;
            try (NDManager sub = m.newSubManager()) {
                fp = f.apply(sub.create(plus, x.getShape())).toDoubleArray()[0];
                fm = f.apply(sub.create(minus, x.getShape())).toDoubleArray()[0];
            }
            double numeric = (fp - fm) / (2 * h);
            assertEquals(numeric, analytic[i], tol * Math.max(1.0, Math.abs(numeric)),
                    "gradient mismatch at coordinate " + i);
        }
    }
}
