package dev.photostyle.matting.laplacian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.photostyle.linalg.Dense;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MattingLaplacianTest {
    private static final int W = 12;
    private static final int H = 10;
    private static final int N = W * H;
    private static NDManager manager;
    private static double[] image;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
        // Random colours with a flat block (rows 0-3, cols 0-5) so that the eps-dominated inverse is exercised.
        Random rnd = new Random(7);
        image = new double[3 * N];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    image[(c * H + y) * W + x] = (y < 4 && x < 6) ? 0.3 + 0.2 * c : rnd.nextDouble();
                }
            }
        }
    }

    @AfterAll
    static void close() { manager.close(); }

    /** Levin et al.'s L built the textbook way: dense, windows fully inside the image only. */
    static double[][] explicit(double[] img, int h, int w, int r, double eps) {
        int n = h * w;
        int size = (2 * r + 1) * (2 * r + 1);
        double[][] l = new double[n][n];
        for (int cy = r; cy < h - r; cy++) {
            for (int cx = r; cx < w - r; cx++) {
                int[] idx = new int[size];
                double[][] col = new double[size][3];
                int t = 0;
                for (int y = cy - r; y <= cy + r; y++) {
                    for (int x = cx - r; x <= cx + r; x++, t++) {
                        idx[t] = y * w + x;
                        for (int c = 0; c < 3; c++) col[t][c] = img[c * n + idx[t]];
                    }
                }
                double[] mu = new double[3];
                for (double[] v : col) for (int c = 0; c < 3; c++) mu[c] += v[c] / size;
                double[][] cov = new double[3][3];
                for (double[] v : col) {
                    for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) cov[a][b] += (v[a] - mu[a]) * (v[b] - mu[b]) / size;
                }
                for (int a = 0; a < 3; a++) cov[a][a] += eps / size;
                double[][] inv = Dense.inverse(cov);
                for (int i = 0; i < size; i++) {
                    for (int j = 0; j < size; j++) {
                        double q = 0;
                        for (int a = 0; a < 3; a++) {
                            for (int b = 0; b < 3; b++) q += (col[i][a] - mu[a]) * inv[a][b] * (col[j][b] - mu[b]);
                        }
                        l[idx[i]][idx[j]] += (i == j ? 1 : 0) - (1 + q) / size;
                    }
                }
            }
        }
        return l;
    }

    private static double[] times(double[][] l, double[] p, int c) {
        double[] out = new double[c * N];
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < N; i++) {
                double s = 0;
                for (int j = 0; j < N; j++) s += l[i][j] * p[ch * N + j];
                out[ch * N + i] = s;
            }
        }
        return out;
    }

    private static NDArray guide() { return manager.create(image, new Shape(1, 3, H, W)); }

    private static double[] random(int n, long seed) {
        Random rnd = new Random(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = rnd.nextDouble() - 0.5;
        return d;
    }

    private static void assertRelative(double[] expected, double[] actual, double tol) {
        double scale = 0;
        for (double e : expected) scale = Math.max(scale, Math.abs(e));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * scale, "index " + i);
        }
    }

    @Test
    void productMatchesExplicitSparseLaplacian() {
        for (int r : new int[] {1, 2}) {
            MattingLaplacian lap = new MattingLaplacian(1e-7, r);
            double[][] l = explicit(image, H, W, r, 1e-7);
            double[] p = random(2 * N, 100 + r);
            NDArray lp = lap.multiply(guide(), manager.create(p, new Shape(1, 2, H, W)));
            assertEquals(DataType.FLOAT64, lp.getDataType());
            assertRelative(times(l, p, 2), lp.toDoubleArray(), 1e-6);
        }
    }

    @Test
    void diagonalMatchesExplicit() {
        double[][] l = explicit(image, H, W, 1, 1e-7);
        double[] d = new double[N];
        for (int i = 0; i < N; i++) d[i] = l[i][i];
        NDArray diag = MattingLaplacian.DEFAULT.diagonal(guide());
        assertEquals(new Shape(1, 1, H, W), diag.getShape());
        assertRelative(d, diag.toDoubleArray(), 1e-6);
    }

    @Test
    void symmetricPositiveSemidefiniteAndAnnihilatesConstants() {
        try (MattingLaplacian.Operator op = MattingLaplacian.DEFAULT.prepare(guide())) {
            double[] u = random(N, 1);
            double[] v = random(N, 2);
            double[] lu = op.multiply(manager.create(u, new Shape(1, 1, H, W))).toDoubleArray();
            double[] lv = op.multiply(manager.create(v, new Shape(1, 1, H, W))).toDoubleArray();
            double vLu = dot(v, lu);
            double uLv = dot(u, lv);
            assertEquals(vLu, uLv, 1e-9 * Math.max(1, Math.abs(vLu)));
            for (long seed = 3; seed < 13; seed++) {
                NDArray x = manager.create(random(N, seed), new Shape(1, 1, H, W));
                assertTrue(op.energy(x).getDouble() > -1e-9, "negative energy for seed " + seed);
            }
            double[] l1 = op.multiply(manager.ones(new Shape(1, 1, H, W), DataType.FLOAT64)).toDoubleArray();
            double max = 0;
            for (double a : l1) max = Math.max(max, Math.abs(a));
            assertTrue(max < 1e-7, "L 1 should vanish, max |L 1| = " + max);
        }
    }

    @Test
    void affineFunctionOfGuideHasNearZeroEnergyButPatternsDoNot() {
        double[] affine = new double[3 * N];
        double[] checker = new double[3 * N];
        double[] noise = random(3 * N, 42);
        double[][] m = {{0.5, -0.2, 0.1}, {0.3, 0.9, -0.4}, {-0.1, 0.2, 0.7}};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < N; i++) {
                double s = 0.05 * c;
                for (int k = 0; k < 3; k++) s += m[c][k] * image[k * N + i];
                affine[c * N + i] = s;
                checker[c * N + i] = ((i % W) + (i / W)) % 2;
            }
        }
        try (MattingLaplacian.Operator op = MattingLaplacian.DEFAULT.prepare(guide())) {
            double eAffine = op.energy(manager.create(affine, new Shape(1, 3, H, W))).getDouble();
            double eChecker = op.energy(manager.create(checker, new Shape(1, 3, H, W))).getDouble();
            double eNoise = op.energy(manager.create(noise, new Shape(1, 3, H, W))).getDouble();
            // Levin's cost: J(v) = min_{a,b} sum_k sum_j (v_j - a_k.I_j - b_k)^2 + eps |a_k|^2, so an exact
            // affine map costs at most eps |m_c|^2 per valid window and channel.
            double bound = 0;
            for (double[] row : m) for (double e : row) bound += e * e;
            bound *= (H - 2) * (W - 2) * 1e-7;
            assertTrue(eAffine <= bound * (1 + 1e-6), "affine energy " + eAffine + " above eps bound " + bound);
            assertTrue(eAffine < 1e-5 * Math.min(eChecker, eNoise), "affine " + eAffine + " vs patterns");
            assertTrue(eChecker > 1, "checkerboard energy " + eChecker);
            assertTrue(eNoise > 1, "noise energy " + eNoise);
        }
    }

    @Test
    void energyGradientMatchesFiniteDifferencesAndTwoLv() {
        double[] v = random(2 * N, 9);
        try (MattingLaplacian.Operator op = MattingLaplacian.DEFAULT.prepare(guide())) {
            NDArray vt = manager.create(v, new Shape(1, 2, H, W));
            vt.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(op.energy(vt));
            }
            double[] grad = vt.getGradient().toDoubleArray();
            double[] lv = op.multiply(manager.create(v, new Shape(1, 2, H, W))).toDoubleArray();
            double scale = 0;
            for (double g : grad) scale = Math.max(scale, Math.abs(g));
            double step = 1e-5;
            for (int i = 0; i < v.length; i += 17) {
                assertEquals(2 * lv[i], grad[i], 1e-9 * scale);
                double[] a = v.clone(), b = v.clone();
                a[i] += step;
                b[i] -= step;
                double fd = (op.energy(manager.create(a, new Shape(1, 2, H, W))).getDouble()
                        - op.energy(manager.create(b, new Shape(1, 2, H, W))).getDouble()) / (2 * step);
                assertEquals(fd, grad[i], 1e-6 * scale, "index " + i);
            }
        }
    }

    @Test
    void float32ProductAgreesWithFloat64() {
        double[] p = random(3 * N, 5);
        NDArray g32 = guide().toType(DataType.FLOAT32, false);
        NDArray p32 = manager.create(p, new Shape(1, 3, H, W)).toType(DataType.FLOAT32, false);
        NDArray lp32 = MattingLaplacian.DEFAULT.multiply(g32, p32);
        assertEquals(DataType.FLOAT64, lp32.getDataType());
        double[] ref = times(explicit(toDouble(g32), H, W, 1, 1e-7), toDouble(p32), 3);
        double[] got = toDouble(lp32);
        assertRelative(ref, got, 1e-5);
    }

    @Test
    void float32EnergyGradientFlowsAndIsTwoLv() {
        double[] v = random(N, 31);
        NDArray v32 = manager.create(v, new Shape(1, 1, H, W)).toType(DataType.FLOAT32, false);
        v32.setRequiresGradient(true);
        NDArray g32 = guide().toType(DataType.FLOAT32, false);
        try (MattingLaplacian.Operator op = MattingLaplacian.DEFAULT.prepare(g32);
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(op.energy(v32));
            double[] grad = toDouble(v32.getGradient());
            double[] lv = times(explicit(toDouble(g32), H, W, 1, 1e-7), toDouble(v32), 1);
            for (int i = 0; i < N; i++) lv[i] *= 2;
            assertRelative(lv, grad, 1e-5);
        }
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new MattingLaplacian(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new MattingLaplacian(1e-7, 0));
        assertThrows(IllegalArgumentException.class,
                () -> MattingLaplacian.DEFAULT.prepare(manager.zeros(new Shape(1, 1, 5, 5))));
        assertThrows(IllegalArgumentException.class,
                () -> MattingLaplacian.DEFAULT.prepare(manager.zeros(new Shape(1, 3, 2, 5))));
        try (MattingLaplacian.Operator op = MattingLaplacian.DEFAULT.prepare(guide())) {
            assertThrows(IllegalArgumentException.class, () -> op.multiply(manager.zeros(new Shape(1, 1, H, W + 1))));
        }
    }

    private static double[] toDouble(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
