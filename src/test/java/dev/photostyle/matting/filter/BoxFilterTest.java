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
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BoxFilterTest {
    private static NDManager manager;

    @BeforeAll
    static void open() { manager = NDManager.newBaseManager(); }

    @AfterAll
    static void close() { manager.close(); }

    /** Plain clipped-window sum (or mean) of one (c, h, w) volume. */
    static double[] reference(double[] x, int c, int h, int w, int r, boolean mean) {
        double[] out = new double[x.length];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    double s = 0;
                    int n = 0;
                    for (int dy = -r; dy <= r; dy++) {
                        for (int dx = -r; dx <= r; dx++) {
                            int yy = y + dy, xs = xx + dx;
                            if (yy < 0 || yy >= h || xs < 0 || xs >= w) continue;
                            s += x[(ch * h + yy) * w + xs];
                            n++;
                        }
                    }
                    out[(ch * h + y) * w + xx] = mean ? s / n : s;
                }
            }
        }
        return out;
    }

    static double[] random(int n, long seed) {
        Random rnd = new Random(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = rnd.nextDouble();
        return d;
    }

    @Test
    void sumAndMeanMatchPlainLoopsForSeveralRadii() {
        int c = 2, h = 5, w = 7;
        double[] x = random(c * h * w, 1);
        NDArray t = manager.create(x, new Shape(1, c, h, w));
        for (int r : new int[] {0, 1, 2, 3, 9}) {
            assertArrayEquals(reference(x, c, h, w, r, false), BoxFilter.sum(t, r).toDoubleArray(), 1e-12, "sum r=" + r);
            assertArrayEquals(reference(x, c, h, w, r, true), BoxFilter.mean(t, r).toDoubleArray(), 1e-12, "mean r=" + r);
        }
    }

    @Test
    void hostPlaneMatchesPlainLoopsAndTheTensorFilter() {
        int h = 5, w = 7;
        double[] x = random(h * w, 5);
        NDArray t = manager.create(x, new Shape(1, 1, h, w));
        for (int r : new int[] {0, 1, 2, 3, 9}) {
            assertArrayEquals(reference(x, 1, h, w, r, false), BoxFilter.sum(x, w, h, r), 1e-12, "sum r=" + r);
            assertArrayEquals(reference(x, 1, h, w, r, true), BoxFilter.mean(x, w, h, r), 1e-12, "mean r=" + r);
            assertArrayEquals(BoxFilter.mean(t, r).toDoubleArray(), BoxFilter.mean(x, w, h, r), 1e-12, "tensor r=" + r);
        }
        // A 0/1 plane: windows wholly inside the ones average to exactly 1.
        double[] ones = new double[h * w];
        for (int y = 0; y < h; y++) for (int xx = 0; xx < 4; xx++) ones[y * w + xx] = 1;
        double[] m = BoxFilter.mean(ones, w, h, 1);
        assertEquals(1.0, m[2 * w + 2], 0.0);
        assertEquals(2.0 / 3.0, m[2 * w + 3], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> BoxFilter.sum(new double[5], 2, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> BoxFilter.mean(x, w, h, -1));
    }

    @Test
    void float32StaysFloat32AndAccurate() {
        int c = 3, h = 40, w = 300;
        double[] x = random(c * h * w, 2);
        NDArray t = manager.create(x, new Shape(1, c, h, w)).toType(DataType.FLOAT32, false);
        NDArray m = BoxFilter.mean(t, 4);
        assertEquals(DataType.FLOAT32, m.getDataType());
        double[] ref = reference(x, c, h, w, 4, true);
        float[] got = m.toFloatArray();
        for (int i = 0; i < ref.length; i++) assertEquals(ref[i], got[i], 2e-6);
    }

    @Test
    void countIsTheClippedWindowArea() {
        NDArray t = manager.zeros(new Shape(1, 1, 4, 5));
        float[] n = BoxFilter.count(t, 1).toFloatArray();
        assertEquals(4f, n[0]);          // corner
        assertEquals(6f, n[1]);          // top edge
        assertEquals(9f, n[1 * 5 + 1]);  // interior
        assertEquals(new Shape(1, 1, 4, 5), BoxFilter.count(t, 1).getShape());
    }

    @Test
    void gradientIsTheTransposedFilter() {
        int h = 6, w = 5, r = 1;
        double[] x = random(h * w, 3);
        double[] wgt = random(h * w, 4);
        NDArray t = manager.create(x, new Shape(1, 1, h, w));
        NDArray wt = manager.create(wgt, new Shape(1, 1, h, w));
        t.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(BoxFilter.mean(t, r).mul(wt).sum());
        }
        double[] grad = t.getGradient().toDoubleArray();
        double step = 1e-6;
        for (int i = 0; i < h * w; i += 7) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[i] += step;
            xm[i] -= step;
            double fp = dot(reference(xp, 1, h, w, r, true), wgt);
            double fm = dot(reference(xm, 1, h, w, r, true), wgt);
            assertEquals((fp - fm) / (2 * step), grad[i], 1e-7);
        }
    }

    /**
     * The float64 filter's gradient read after a garbage collection between forward and backward:
     * its window-count constants must live in engine memory, not in host buffers the collector frees
     * (this once made the guided filter's gradient test fail about one CI run in a few).
     */
    @Test
    void float64GradientSurvivesAGarbageCollection() {
        int h = 6, w = 5, r = 1;
        double[] x = random(h * w, 5);
        double[] wgt = random(h * w, 6);
        NDArray wt = manager.create(wgt, new Shape(1, 1, h, w));
        float[] grad = dev.photostyle.testing.NativeScribble.gradient(manager.create(x, new Shape(1, 1, h, w)),
                t -> BoxFilter.mean(t, r).mul(wt).sum(), true);
        // d/dx_j sum_i w_i mean_i(x) = sum over the windows i holding j of w_i / n_i: the window
        // sum of w / n, since the windows are symmetric.
        double[] ones = new double[h * w];
        java.util.Arrays.fill(ones, 1);
        double[] counts = reference(ones, 1, h, w, r, false);
        double[] scaled = new double[h * w];
        for (int i = 0; i < h * w; i++) scaled[i] = wgt[i] / counts[i];
        double[] want = reference(scaled, 1, h, w, r, false);
        for (int i = 0; i < h * w; i++) assertEquals(want[i], grad[i], 1e-6, "pixel " + i);
    }

    @Test
    void rejectsBadInput() {
        NDArray t = manager.zeros(new Shape(3, 4));
        assertThrows(IllegalArgumentException.class, () -> BoxFilter.sum(t, 1));
        assertThrows(IllegalArgumentException.class, () -> BoxFilter.mean(manager.zeros(new Shape(1, 1, 3, 3)), -1));
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
