package dev.photostyle.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OptimizerTest {
    private NDManager m;

    @BeforeEach
    void setUp() { m = NDManager.newBaseManager(); }

    @AfterEach
    void tearDown() { m.close(); }

    /** Rosenbrock in n/2 independent pairs; minimum 0 at all ones. */
    private static final DifferentiableFunction ROSENBROCK = (x, out) -> {
        double[] v = x.toDoubleArray();
        double f = 0;
        double[] g = new double[v.length];
        for (int i = 0; i < v.length; i += 2) {
            double a = v[i];
            double b = v[i + 1];
            f += 100 * Math.pow(b - a * a, 2) + Math.pow(1 - a, 2);
            g[i] = -400 * a * (b - a * a) - 2 * (1 - a);
            g[i + 1] = 200 * (b - a * a);
        }
        return new Evaluation(f, Map.of("f", f), out.create(g, x.getShape()));
    };

    @Test
    void lbfgsWithLineSearchSolvesRosenbrock() {
        NDArray x0 = m.create(new double[] {-1.2, 1, -1.2, 1}, new Shape(4));
        OptimizationResult r = new Lbfgs(LbfgsConfig.defaults().withLineSearch(LineSearch.BACKTRACKING)
                .withHistorySize(5)).minimize(ROSENBROCK, x0, 200, IterationListener.NONE, m);
        assertTrue(r.bestValue() < 1e-8, "value " + r.bestValue());
        for (double v : r.best().toDoubleArray()) assertEquals(1.0, v, 1e-3);
    }

    @Test
    void lbfgsSolvesAQuadraticInFewSteps() {
        // f = 1/2 x^T diag(1..10) x - sum x : minimum at x_i = 1/i.
        DifferentiableFunction q = (x, out) -> {
            double[] v = x.toDoubleArray();
            double f = 0;
            double[] g = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                f += 0.5 * (i + 1) * v[i] * v[i] - v[i];
                g[i] = (i + 1) * v[i] - 1;
            }
            return new Evaluation(f, Map.of(), out.create(g, x.getShape()));
        };
        NDArray x0 = m.zeros(new Shape(10), ai.djl.ndarray.types.DataType.FLOAT64);
        OptimizationResult r = new Lbfgs(LbfgsConfig.defaults().withHistorySize(10)).minimize(q, x0, 40,
                IterationListener.NONE, m);
        double[] x = r.best().toDoubleArray();
        for (int i = 0; i < x.length; i++) assertEquals(1.0 / (i + 1), x[i], 1e-5);
    }

    @Test
    void bestIterateIsTheMinimumOfTheHistoryNotTheLast() {
        // A huge fixed step without line search overshoots: later iterates are worse.
        NDArray x0 = m.create(new double[] {-1.2, 1}, new Shape(2));
        OptimizationResult r = new Lbfgs(LbfgsConfig.defaults().withLineSearch(LineSearch.NONE).withLearningRate(50))
                .minimize(ROSENBROCK, x0, 10, IterationListener.NONE, m);
        double min = r.history().stream().mapToDouble(IterationRecord::value).filter(Double::isFinite).min().orElseThrow();
        assertEquals(min, r.bestValue(), 0.0);
        assertEquals(min, r.history().get(r.bestIteration()).value(), 0.0);
        assertEquals(r.bestValue(), ROSENBROCK.evaluate(r.best(), m).value(), 1e-9);
        assertTrue(r.history().get(r.history().size() - 1).value() >= min);
    }

    @Test
    void adamDescendsAndReportsEveryIterate() {
        NDArray x0 = m.create(new double[] {3, -2}, new Shape(2));
        DifferentiableFunction bowl = (x, out) -> {
            double[] v = x.toDoubleArray();
            double f = v[0] * v[0] + 4 * v[1] * v[1];
            return new Evaluation(f, Map.of(), out.create(new double[] {2 * v[0], 8 * v[1]}, x.getShape()));
        };
        OptimizationResult r = new Adam(new AdamConfig(0.1, 0.9, 0.999, 1e-8, 1, 0)).minimize(bowl, x0, 300,
                IterationListener.NONE, m);
        assertEquals(301, r.history().size());
        assertTrue(r.bestValue() < 1e-3, "value " + r.bestValue());
    }

    @Test
    void listenerCanStopEarly() {
        NDArray x0 = m.create(new double[] {-1.2, 1}, new Shape(2));
        OptimizationResult r = new Lbfgs(LbfgsConfig.defaults()).minimize(ROSENBROCK, x0, 100,
                (rec, x) -> rec.iteration() < 3, m);
        assertEquals(4, r.history().size());
    }
}
