package dev.photostyle.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Forces each branch of {@link Lbfgs}'s step logic on tiny hand-made objectives. Expected trial
 * points are recomputed here from the recorded evaluations with plain double arithmetic.
 */
class LbfgsTest {
    /** Defaults with the convergence rule off, so iteration counts are exact. */
    private static final LbfgsConfig NO_STOP = LbfgsConfig.defaults().withConvergence(1, 0);

    private NDManager m;

    @BeforeEach
    void setUp() { m = NDManager.newBaseManager(); }

    @AfterEach
    void tearDown() { m.close(); }

    /** An objective that records every point it is evaluated at, with value and gradient. */
    private static final class Recorder implements DifferentiableFunction {
        final List<double[]> xs = new ArrayList<>();
        final List<double[]> gs = new ArrayList<>();
        final List<Double> fs = new ArrayList<>();
        private final ToDoubleFunction<double[]> f;
        private final java.util.function.Function<double[], double[]> grad;

        Recorder(ToDoubleFunction<double[]> f, java.util.function.Function<double[], double[]> grad) {
            this.f = f;
            this.grad = grad;
        }

        @Override
        public Evaluation evaluate(NDArray x, NDManager out) {
            double[] v = x.toType(DataType.FLOAT64, false).toDoubleArray();
            double fv = f.applyAsDouble(v);
            double[] g = grad.apply(v);
            xs.add(v);
            gs.add(g);
            fs.add(fv);
            return new Evaluation(fv, Map.of(), out.create(g, x.getShape()).toType(x.getDataType(), false));
        }
    }

    /** f = 1/2 sum a_i x_i^2. */
    private static Recorder quadratic(double... a) {
        return new Recorder(v -> {
            double f = 0;
            for (int i = 0; i < v.length; i++) f += 0.5 * a[i] * v[i] * v[i];
            return f;
        }, v -> {
            double[] g = new double[v.length];
            for (int i = 0; i < v.length; i++) g[i] = a[i] * v[i];
            return g;
        });
    }

    /** Rosenbrock in n/2 independent pairs; minimum 0 at all ones. */
    private static Recorder rosenbrock() {
        return new Recorder(v -> {
            double f = 0;
            for (int i = 0; i < v.length; i += 2) f += 100 * Math.pow(v[i + 1] - v[i] * v[i], 2) + Math.pow(1 - v[i], 2);
            return f;
        }, v -> {
            double[] g = new double[v.length];
            for (int i = 0; i < v.length; i += 2) {
                g[i] = -400 * v[i] * (v[i + 1] - v[i] * v[i]) - 2 * (1 - v[i]);
                g[i + 1] = 200 * (v[i + 1] - v[i] * v[i]);
            }
            return g;
        });
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double[] axpy(double a, double[] x, double[] y) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) r[i] = a * x[i] + y[i];
        return r;
    }

    private static double[] sub(double[] a, double[] b) { return axpy(-1, b, a); }

    /** gamma = s·y / y·y of the pair between evaluations i and j. */
    private static double gamma(Recorder r, int i, int j) {
        double[] s = sub(r.xs.get(j), r.xs.get(i));
        double[] y = sub(r.gs.get(j), r.gs.get(i));
        return dot(s, y) / dot(y, y);
    }

    private static void assertNonIncreasing(OptimizationResult r) {
        List<IterationRecord> h = r.history();
        for (int k = 1; k < h.size(); k++) {
            assertTrue(h.get(k).value() <= h.get(k - 1).value(),
                    "iterate " + k + " rose: " + h.get(k - 1).value() + " -> " + h.get(k).value());
        }
    }

    @Test
    void nonDescentDirectionFallsBackToAGammaScaledGradientStep() {
        Recorder f = quadratic(1, 10);
        NDArray x0 = m.create(new double[] {1, 1}, new Shape(2));
        // iteration 2's quasi-Newton direction is turned uphill
        Lbfgs opt = new Lbfgs(NO_STOP, (k, d) -> k == 2 ? d.neg() : d);
        OptimizationResult r = opt.minimize(f, x0, 2, IterationListener.NONE, m);
        assertEquals(2, r.history().get(1).evaluations(), "iteration 1 takes its first trial");
        double g = gamma(f, 0, 1);
        double[] x1 = f.xs.get(1);
        double[] g1 = f.gs.get(1);
        // the first trial of iteration 2 is x1 - gamma g1, not x1 - g1
        assertArrayEquals(axpy(-g, g1, x1), f.xs.get(2), 1e-12);
        double[] unscaled = axpy(-1, g1, x1);
        assertTrue(Math.abs(unscaled[1] - f.xs.get(2)[1]) > 0.1, "step must not be 1·g");
        assertTrue(g > 0.05 && g < 0.5, "gamma " + g);
        assertEquals(StopReason.ITERATIONS, r.stopReason());
        assertNonIncreasing(r);
    }

    @Test
    void failedQuasiNewtonSearchKeepsXDropsThePairAndRestartsAlongTheGradient() {
        Recorder f = quadratic(1, 10);
        NDArray x0 = m.create(new double[] {1, 1}, new Shape(2));
        Map<Integer, double[]> dirs = new HashMap<>();
        // iteration 2's direction is descent but a million times too long: every trial is uphill
        Lbfgs opt = new Lbfgs(NO_STOP, (k, d) -> {
            dirs.put(k, d.toType(DataType.FLOAT64, false).toDoubleArray());
            return k == 2 ? d.mul(1e6) : d;
        });
        OptimizationResult r = opt.minimize(f, x0, 3, IterationListener.NONE, m);
        int ls = NO_STOP.maxLineSearch();
        double f1 = f.fs.get(1);
        for (int i = 2; i < 2 + ls; i++) assertTrue(f.fs.get(i) > f1, "trial " + i + " should be uphill");
        // the retry: x1 - gamma(x0 -> x1) g1; a pair from the failed trials would change gamma
        int retry = 2 + ls;
        assertArrayEquals(axpy(-gamma(f, 0, 1), f.gs.get(1), f.xs.get(1)), f.xs.get(retry), 1e-12);
        assertEquals(f.fs.get(retry), r.history().get(2).value(), 0.0);
        assertEquals(retry + 1, r.history().get(2).evaluations());
        // iteration 3's direction uses the one pair x1 -> x2 only: the two-loop with m = 1
        double[] s = sub(f.xs.get(retry), f.xs.get(1));
        double[] y = sub(f.gs.get(retry), f.gs.get(1));
        double rho = 1 / dot(y, s);
        double[] q = f.gs.get(retry);
        double alpha = rho * dot(s, q);
        double[] rr = axpy(-alpha, y, q);
        for (int i = 0; i < rr.length; i++) rr[i] *= dot(s, y) / dot(y, y);
        double beta = rho * dot(y, rr);
        rr = axpy(alpha - beta, s, rr);
        assertArrayEquals(axpy(-1, rr, new double[rr.length]), dirs.get(3), 1e-12); // d = -r
        assertNonIncreasing(r);
        assertEquals(4, r.history().size());
    }

    /** 1/2 (x - 10)^2 left of a wall at 1.05, {@code wall} beyond it. */
    private static Recorder walled(double wall) {
        return new Recorder(v -> v[0] <= 1.05 ? 0.5 * (v[0] - 10) * (v[0] - 10) : wall, v -> new double[] {v[0] - 10});
    }

    @Test
    void whenTheGradientRetryFailsTooXStaysAndTheRunStops() {
        // x0 = 0: iteration 1 steps to 1 (scale 1/10); then gamma = 1 and both the quasi-Newton
        // and the gradient trials are 1 + 9 / 2^i, all past the wall.
        Recorder f = walled(1e10);
        OptimizationResult r = new Lbfgs(NO_STOP).minimize(f, m.create(new double[] {0}, new Shape(1)), 10,
                IterationListener.NONE, m);
        assertEquals(StopReason.LINE_SEARCH_FAILED, r.stopReason());
        assertEquals(2, r.history().size());
        assertEquals(1.0, r.best().toDoubleArray()[0], 0.0);
        assertEquals(40.5, r.bestValue(), 0.0);
        assertEquals(2 + 2 * NO_STOP.maxLineSearch(), f.xs.size());
        assertEquals(1 + 9.0 / 32, f.xs.get(f.xs.size() - 1)[0], 1e-15);
    }

    @ParameterizedTest
    @EnumSource(LineSearch.class)
    void nonFiniteValuesAreNeverAccepted(LineSearch ls) {
        Recorder f = walled(Double.NaN);
        List<Double> seen = new ArrayList<>();
        OptimizationResult r = new Lbfgs(NO_STOP.withLineSearch(ls)).minimize(f,
                m.create(new double[] {0}, new Shape(1)), 10, (rec, x) -> seen.add(x.toDoubleArray()[0]), m);
        assertEquals(StopReason.NON_FINITE, r.stopReason());
        assertEquals(List.of(0.0, 1.0), seen);
        for (IterationRecord h : r.history()) assertTrue(Double.isFinite(h.value()));
    }

    @ParameterizedTest
    @EnumSource(LineSearch.class)
    void aLongRunNextToANaNRegionStaysOutOfIt(LineSearch ls) {
        // 1/2 |x - 1|^2, NaN where x0 > 0.5: the minimum lies in the NaN region.
        Recorder f = new Recorder(v -> v[0] > 0.5 ? Double.NaN : 0.5 * ((v[0] - 1) * (v[0] - 1) + (v[1] - 1) * (v[1] - 1)),
                v -> new double[] {v[0] - 1, v[1] - 1});
        List<double[]> seen = new ArrayList<>();
        OptimizationResult r = new Lbfgs(NO_STOP.withLineSearch(ls)).minimize(f,
                m.create(new double[] {0, 0}, new Shape(2)), 50, (rec, x) -> seen.add(x.toDoubleArray()), m);
        assertTrue(f.fs.stream().anyMatch(v -> Double.isNaN(v)), "the run should probe the NaN region");
        for (IterationRecord h : r.history()) assertTrue(Double.isFinite(h.value()), "accepted " + h.value());
        for (double[] x : seen) assertTrue(x[0] <= 0.5, "accepted x0 = " + x[0]);
        assertTrue(r.bestValue() < r.history().get(0).value());
        if (ls == LineSearch.BACKTRACKING) assertNonIncreasing(r);
    }

    @Test
    void aTrulyUphillGradientStopsAtTheStart() {
        // the "gradient" has the wrong sign: no step along it decreases f
        Recorder f = new Recorder(v -> 0.5 * dot(v, v), v -> new double[] {-v[0], -v[1]});
        NDArray x0 = m.create(new double[] {1, 2}, new Shape(2));
        OptimizationResult r = new Lbfgs(NO_STOP).minimize(f, x0, 10, IterationListener.NONE, m);
        assertEquals(StopReason.LINE_SEARCH_FAILED, r.stopReason());
        assertEquals(1, r.history().size());
        assertArrayEquals(new double[] {1, 2}, r.best().toDoubleArray(), 0.0);
    }

    @Test
    void withoutCurvatureTheGradientScaleGrowsAfterFirstTrialSuccessAndKeepsWhatWasAccepted() {
        // f = x left of a wall at -2.5: y = 0, so no pair is ever stored and gamma stays unknown.
        // Scales: 1 (= 1/||g||_1), accepted at once -> 2; -3 rejected, -2 accepted -> 1;
        // -3 rejected, -2.5 accepted -> 0.5; then every trial lies past the wall.
        Recorder f = new Recorder(v -> v[0] >= -2.5 ? v[0] : 1e10, v -> new double[] {1});
        OptimizationResult r = new Lbfgs(NO_STOP).minimize(f, m.create(new double[] {0}, new Shape(1)), 10,
                IterationListener.NONE, m);
        double[] expected = {0, -1, -3, -2, -3, -2.5, -3, -2.75, -2.625, -2.5625, -2.53125, -2.515625};
        assertArrayEquals(expected, f.xs.stream().mapToDouble(v -> v[0]).toArray(), 0.0);
        assertEquals(StopReason.LINE_SEARCH_FAILED, r.stopReason());
        assertEquals(-2.5, r.bestValue(), 0.0);
        // without a line search the scale never grows: equal steps of c / ||c||_1 on f = c·x
        Recorder lin = new Recorder(v -> 3 * v[0] + 4 * v[1], v -> new double[] {3, 4});
        new Lbfgs(NO_STOP.withLineSearch(LineSearch.NONE)).minimize(lin, m.create(new double[] {0, 0}, new Shape(2)),
                4, IterationListener.NONE, m);
        for (int k = 0; k < lin.xs.size(); k++) {
            assertArrayEquals(new double[] {-3.0 * k / 7, -4.0 * k / 7}, lin.xs.get(k), 1e-12);
        }
    }

    @Test
    void convergenceStopsOnAPlateauByTheWindowRule() {
        // f = 100 + exp(-x): descends forever, but by ever less relative to 100
        Recorder f = new Recorder(v -> 100 + Math.exp(-v[0]), v -> new double[] {-Math.exp(-v[0])});
        int w = 5;
        double tol = 1e-3;
        OptimizationResult r = new Lbfgs(LbfgsConfig.defaults().withConvergence(w, tol)).minimize(f,
                m.create(new double[] {0}, new Shape(1)), 200, IterationListener.NONE, m);
        assertEquals(StopReason.CONVERGED, r.stopReason());
        List<IterationRecord> h = r.history();
        int k = h.size() - 1;
        assertTrue(k >= w && k < 200, "stopped at " + k);
        double old = h.get(k - w).value();
        assertTrue(old - h.get(k).value() <= tol * Math.abs(old));
        if (k - 1 >= w) {
            double before = h.get(k - 1 - w).value();
            assertTrue(before - h.get(k - 1).value() > tol * Math.abs(before), "should have stopped earlier");
        }
        // the same run without the rule goes on
        OptimizationResult all = new Lbfgs(NO_STOP).minimize(f, m.create(new double[] {0}, new Shape(1)), k + 3,
                IterationListener.NONE, m);
        assertEquals(StopReason.ITERATIONS, all.stopReason());
        assertEquals(k + 4, all.history().size());
    }

    @Test
    void theCapIsReportedAsIterations() {
        NDArray x0 = m.create(new double[] {-1.2, 1, -1.2, 1}, new Shape(4));
        OptimizationResult r = new Lbfgs(LbfgsConfig.defaults()).minimize(rosenbrock(), x0, 5, IterationListener.NONE, m);
        assertEquals(StopReason.ITERATIONS, r.stopReason());
        assertEquals(6, r.history().size());
        OptimizationResult zero = new Lbfgs(LbfgsConfig.defaults()).minimize(rosenbrock(), x0, 0, IterationListener.NONE, m);
        assertEquals(StopReason.ITERATIONS, zero.stopReason());
        assertEquals(1, zero.history().size());
    }

    @Test
    void gradientToleranceAndListenerAreReported() {
        Recorder q = quadratic(1, 2, 3, 4, 5);
        NDArray x0 = m.create(new double[] {1, 1, 1, 1, 1}, new Shape(5));
        LbfgsConfig c = new LbfgsConfig(10, LineSearch.BACKTRACKING, 1, 6, 1e-8, 1, 0);
        OptimizationResult r = new Lbfgs(c).minimize(q, x0, 100, IterationListener.NONE, m);
        assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason());
        double[] gLast = q.gs.get(q.gs.size() - 1);
        for (double g : gLast) assertTrue(Math.abs(g) < 1e-8);
        OptimizationResult l = new Lbfgs(c).minimize(q, x0, 100, (rec, x) -> rec.iteration() < 2, m);
        assertEquals(StopReason.LISTENER, l.stopReason());
        assertEquals(3, l.history().size());
    }

    @Test
    void acceptedValuesNeverRiseWithBacktracking() {
        NDArray rosen0 = m.create(new double[] {-1.2, 1, -1.2, 1}, new Shape(4));
        assertNonIncreasing(new Lbfgs(NO_STOP).minimize(rosenbrock(), rosen0, 200, IterationListener.NONE, m));
        // condition number 1e6, in float64 and float32
        double[] a = new double[10];
        for (int i = 0; i < a.length; i++) a[i] = Math.pow(10, 6.0 * i / (a.length - 1));
        for (DataType t : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
            NDArray x0 = m.ones(new Shape(10), t);
            OptimizationResult r = new Lbfgs(NO_STOP).minimize(quadratic(a), x0, 200, IterationListener.NONE, m);
            assertNonIncreasing(r);
            assertTrue(r.bestValue() < 1e-3 * r.history().get(0).value(), t + ": " + r.bestValue());
        }
        // directions randomly turned uphill or made far too long
        Random rnd = new Random(7);
        Lbfgs wild = new Lbfgs(NO_STOP, (k, d) -> switch (rnd.nextInt(3)) {
            case 0 -> d.neg();
            case 1 -> d.mul(1e4);
            default -> d;
        });
        OptimizationResult r = wild.minimize(rosenbrock(), rosen0, 200, IterationListener.NONE, m);
        assertNonIncreasing(r);
        // every spoiled direction is replaced by a gradient step, so the run goes on to the cap
        assertEquals(StopReason.ITERATIONS, r.stopReason());
        assertTrue(r.bestValue() < r.history().get(0).value());
    }

    @Test
    void configRejectsBadConvergenceSettings() {
        LbfgsConfig d = LbfgsConfig.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withConvergence(0, 1e-3));
        assertThrows(IllegalArgumentException.class, () -> d.withConvergence(20, -1e-3));
        assertThrows(IllegalArgumentException.class, () -> d.withConvergence(20, Double.NaN));
        assertEquals(20, d.convergenceWindow());
        assertEquals(1e-3, d.convergenceTolerance());
        assertFalse(d.withConvergence(5, 0).convergenceTolerance() > 0);
    }
}
