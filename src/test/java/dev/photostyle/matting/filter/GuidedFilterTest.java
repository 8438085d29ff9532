package dev.photostyle.matting.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.photostyle.linalg.Dense;
import dev.photostyle.testing.NativeScribble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GuidedFilterTest {
    private static NDManager manager;

    @BeforeAll
    static void open() { manager = NDManager.newBaseManager(); }

    @AfterAll
    static void close() { manager.close(); }

    /** Textbook guided filter with clipped windows, plain double loops; returns {a (C*G planes), b, q}. */
    static double[][] reference(double[] guide, int g, double[] p, int c, int h, int w, int r, double eps) {
        int n = h * w;
        double[] a = new double[c * g * n];
        double[] b = new double[c * n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int k = y * w + x;
                int cnt = 0;
                double[] mu = new double[g];
                double[][] s2 = new double[g][g];
                double[] pbar = new double[c];
                double[][] ip = new double[g][c];
                for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
                    for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
                        int j = yy * w + xx;
                        cnt++;
                        for (int u = 0; u < g; u++) {
                            mu[u] += guide[u * n + j];
                            for (int v = 0; v < g; v++) s2[u][v] += guide[u * n + j] * guide[v * n + j];
                            for (int ch = 0; ch < c; ch++) ip[u][ch] += guide[u * n + j] * p[ch * n + j];
                        }
                        for (int ch = 0; ch < c; ch++) pbar[ch] += p[ch * n + j];
                    }
                }
                double[][] sigma = new double[g][g];
                for (int u = 0; u < g; u++) mu[u] /= cnt;
                for (int ch = 0; ch < c; ch++) pbar[ch] /= cnt;
                for (int u = 0; u < g; u++) {
                    for (int v = 0; v < g; v++) sigma[u][v] = s2[u][v] / cnt - mu[u] * mu[v] + (u == v ? eps : 0);
                }
                for (int ch = 0; ch < c; ch++) {
                    double[] rhs = new double[g];
                    for (int u = 0; u < g; u++) rhs[u] = ip[u][ch] / cnt - mu[u] * pbar[ch];
                    double[] sol = Dense.solve(sigma, rhs);
                    double bb = pbar[ch];
                    for (int u = 0; u < g; u++) {
                        a[(ch * g + u) * n + k] = sol[u];
                        bb -= sol[u] * mu[u];
                    }
                    b[ch * n + k] = bb;
                }
            }
        }
        double[] am = BoxFilterTest.reference(a, c * g, h, w, r, true);
        double[] bm = BoxFilterTest.reference(b, c, h, w, r, true);
        double[] q = new double[c * n];
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < n; i++) {
                double s = bm[ch * n + i];
                for (int u = 0; u < g; u++) s += am[(ch * g + u) * n + i] * guide[u * n + i];
                q[ch * n + i] = s;
            }
        }
        return new double[][] {am, bm, q};
    }

    @Test
    void colourGuideMatchesTextbookLoops() {
        int h = 7, w = 9, c = 2;
        double[] guide = BoxFilterTest.random(3 * h * w, 10);
        double[] p = BoxFilterTest.random(c * h * w, 11);
        for (int r : new int[] {1, 2}) {
            GuidedFilter f = new GuidedFilter(r, 1e-3);
            double[][] ref = reference(guide, 3, p, c, h, w, r, 1e-3);
            NDArray gt = manager.create(guide, new Shape(1, 3, h, w));
            NDArray pt = manager.create(p, new Shape(1, c, h, w));
            GuidedFilter.Coefficients k = f.coefficients(gt, pt);
            assertEquals(new Shape(1, 3 * c, h, w), k.a().getShape());
            assertArrayEquals(ref[0], k.a().toDoubleArray(), 1e-9);
            assertArrayEquals(ref[1], k.b().toDoubleArray(), 1e-9);
            assertArrayEquals(ref[2], f.filter(gt, pt).toDoubleArray(), 1e-9);
        }
    }

    @Test
    void grayGuideMatchesTextbookLoops() {
        int h = 6, w = 8, c = 3;
        double[] guide = BoxFilterTest.random(h * w, 12);
        double[] p = BoxFilterTest.random(c * h * w, 13);
        GuidedFilter f = new GuidedFilter(2, 1e-2);
        double[][] ref = reference(guide, 1, p, c, h, w, 2, 1e-2);
        NDArray q = f.filter(manager.create(guide, new Shape(1, 1, h, w)), manager.create(p, new Shape(1, c, h, w)));
        assertArrayEquals(ref[2], q.toDoubleArray(), 1e-9);
    }

    @Test
    void float32InputKeepsFloat32() {
        NDArray g = manager.randomUniform(0, 1, new Shape(1, 3, 20, 30));
        NDArray q = new GuidedFilter(3, 1e-2).filter(g, g);
        assertEquals(DataType.FLOAT32, q.getDataType());
        assertEquals(new Shape(1, 3, 20, 30), q.getShape());
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        int h = 6, w = 5, c = 1;
        double[] guide = BoxFilterTest.random(3 * h * w, 20);
        double[] p = BoxFilterTest.random(c * h * w, 21);
        double[] wgt = BoxFilterTest.random(c * h * w, 22);
        GuidedFilter f = new GuidedFilter(1, 1e-2);
        NDArray gt = manager.create(guide, new Shape(1, 3, h, w));
        NDArray wt = manager.create(wgt, new Shape(1, c, h, w));
        NDArray pt = manager.create(p, new Shape(1, c, h, w));
        pt.setRequiresGradient(true);
        gt.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = f.filter(gt, pt).mul(wt).sum();
            // A collection between forward and backward (as in a real run) must not change the gradient.
            Object held = NativeScribble.collectAndScribble();
            gc.backward(y);
            java.lang.ref.Reference.reachabilityFence(held);
        }
        double[] gp = pt.getGradient().toDoubleArray();
        double[] gg = gt.getGradient().toDoubleArray();
        double step = 1e-6;
        for (int i = 0; i < p.length; i += 4) {
            double[] a = p.clone(), b = p.clone();
            a[i] += step;
            b[i] -= step;
            double fd = (BoxFilterTest.dot(reference(guide, 3, a, c, h, w, 1, 1e-2)[2], wgt)
                    - BoxFilterTest.dot(reference(guide, 3, b, c, h, w, 1, 1e-2)[2], wgt)) / (2 * step);
            assertEquals(fd, gp[i], 1e-6);
        }
        for (int i = 0; i < guide.length; i += 11) {
            double[] a = guide.clone(), b = guide.clone();
            a[i] += step;
            b[i] -= step;
            double fd = (BoxFilterTest.dot(reference(a, 3, p, c, h, w, 1, 1e-2)[2], wgt)
                    - BoxFilterTest.dot(reference(b, 3, p, c, h, w, 1, 1e-2)[2], wgt)) / (2 * step);
            assertEquals(fd, gg[i], 1e-5);
        }
    }

    @Test
    void float32GradientFlowsAndMatchesFloat64() {
        NDArray g = manager.randomUniform(0, 1, new Shape(1, 3, 12, 10));
        NDArray p = manager.randomUniform(0, 1, new Shape(1, 2, 12, 10));
        NDArray w = manager.randomUniform(0, 1, new Shape(1, 2, 12, 10));
        NDArray p64 = p.toType(DataType.FLOAT64, true);
        p.setRequiresGradient(true);
        p64.setRequiresGradient(true);
        GuidedFilter f = new GuidedFilter(2, 1e-2);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(f.filter(g, p).mul(w).sum());
        }
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(f.filter(g.toType(DataType.FLOAT64, false), p64).mul(w.toType(DataType.FLOAT64, false)).sum());
        }
        double[] g32 = p.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
        double[] g64 = p64.getGradient().toDoubleArray();
        assertArrayEquals(g64, g32, 1e-4);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new GuidedFilter(-1, 1e-3));
        assertThrows(IllegalArgumentException.class, () -> new GuidedFilter(1, 0));
        NDArray g = manager.zeros(new Shape(1, 2, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> new GuidedFilter(1, 1e-3).filter(g, g));
    }
}
