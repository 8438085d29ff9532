package dev.photostyle.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ConvergenceWindowTest {
    /** The rule written out over the whole sequence: b = running minimum, compare b[k-W] and b[k]. */
    private static boolean reference(double[] f, int k, int w, double tol) {
        if (tol == 0 || k < w) return false;
        double[] b = new double[k + 1];
        for (int j = 0; j <= k; j++) {
            b[j] = j == 0 ? f[0] : Math.min(b[j - 1], f[j]);
            if (Double.isNaN(b[j])) b[j] = j == 0 ? Double.POSITIVE_INFINITY : b[j - 1];
        }
        return Double.isFinite(b[k - w]) && b[k - w] - b[k] <= tol * Math.abs(b[k - w]);
    }

    @Test
    void matchesTheRuleOnNoisyDecreasingSequences() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int w = 1 + rnd.nextInt(6);
            double tol = rnd.nextBoolean() ? 0 : Math.pow(10, -1 - 3 * rnd.nextDouble());
            double[] f = new double[60];
            double level = rnd.nextDouble() * 200 - 100; // negative objectives too
            for (int k = 0; k < f.length; k++) {
                level -= Math.abs(level) * 0.05 * Math.exp(-0.1 * k) * rnd.nextDouble();
                double spike = rnd.nextInt(10) == 0 ? 1000 * rnd.nextDouble() : 0; // non-monotone steps
                f[k] = rnd.nextInt(40) == 0 ? Double.NaN : level + spike;
            }
            ConvergenceWindow cw = new ConvergenceWindow(w, tol);
            for (int k = 0; k < f.length; k++) {
                assertEquals(reference(f, k, w, tol), cw.converged(f[k]), "trial " + trial + " k " + k);
            }
        }
    }

    @Test
    void aSpikeIsNotAPlateau() {
        ConvergenceWindow cw = new ConvergenceWindow(2, 1e-3);
        assertFalse(cw.converged(10));
        assertFalse(cw.converged(5));
        assertFalse(cw.converged(1e6)); // best 10 -> 5 over the window: still falling
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new ConvergenceWindow(0, 1e-3));
        assertThrows(IllegalArgumentException.class, () -> new ConvergenceWindow(5, -1));
        assertThrows(IllegalArgumentException.class, () -> new ConvergenceWindow(5, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> AdamConfig.defaults().withConvergence(5, Double.NaN));
    }
}
