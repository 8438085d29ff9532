package dev.photostyle.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Adam}'s stop reasons. */
class AdamTest {
    private NDManager m;

    @BeforeEach
    void setUp() { m = NDManager.newBaseManager(); }

    @AfterEach
    void tearDown() { m.close(); }

    /** f = 100 + exp(-x) in one variable (NaN past {@code nanFrom}): falls forever, ever less. */
    private static DifferentiableFunction plateau(double nanFrom) {
        return (x, out) -> {
            double v = x.toDoubleArray()[0];
            double f = v > nanFrom ? Double.NaN : 100 + Math.exp(-v);
            return new Evaluation(f, Map.of(), out.create(new double[] {-Math.exp(-v)}, x.getShape()));
        };
    }

    private OptimizationResult run(AdamConfig c, DifferentiableFunction f, int iterations, IterationListener l) {
        return new Adam(c).minimize(f, m.create(new double[] {0}, new Shape(1)), iterations, l, m);
    }

    @Test
    void convergesByTheWindowRule() {
        int w = 5;
        double tol = 1e-3;
        OptimizationResult r = run(new AdamConfig(0.1, 0.9, 0.999, 1e-8, w, tol), plateau(1e9), 500,
                IterationListener.NONE);
        assertEquals(StopReason.CONVERGED, r.stopReason());
        List<IterationRecord> h = r.history();
        int k = h.size() - 1;
        assertTrue(k >= w && k < 500, "stopped at " + k);
        double old = h.get(k - w).value(); // Adam is monotone on this function, so b = f
        assertTrue(old - h.get(k).value() <= tol * Math.abs(old));
        double before = h.get(k - 1 - w).value();
        assertTrue(before - h.get(k - 1).value() > tol * Math.abs(before));
    }

    @Test
    void reportsCapListenerAndNonFinite() {
        AdamConfig noStop = new AdamConfig(0.1, 0.9, 0.999, 1e-8, 1, 0);
        OptimizationResult cap = run(noStop, plateau(1e9), 30, IterationListener.NONE);
        assertEquals(StopReason.ITERATIONS, cap.stopReason());
        assertEquals(31, cap.history().size());
        OptimizationResult listener = run(noStop, plateau(1e9), 30, (rec, x) -> rec.iteration() < 4);
        assertEquals(StopReason.LISTENER, listener.stopReason());
        assertEquals(5, listener.history().size());
        // steps of about 0.1 reach x > 0.5 within ~10 iterations
        OptimizationResult nan = run(noStop, plateau(0.5), 30, IterationListener.NONE);
        assertEquals(StopReason.NON_FINITE, nan.stopReason());
        assertTrue(Double.isNaN(nan.history().get(nan.history().size() - 1).value()));
        assertTrue(Double.isFinite(nan.bestValue()));
    }
}
