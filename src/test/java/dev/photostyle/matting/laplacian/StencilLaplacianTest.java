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
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.ImageFiles;
import dev.photostyle.testing.GradientCheck;
import dev.photostyle.testing.SharedData;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StencilLaplacianTest {
    private static final int W = 7;
    private static final int H = 6;
    private static final int N = W * H;
    private static NDManager manager;
    private static double[] image;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
        // Random colours with a flat block (rows 0-2, cols 0-3): windows there have Sigma = 0, D = |w|/eps.
        Random rnd = new Random(11);
        image = new double[3 * N];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    image[(c * H + y) * W + x] = (y < 3 && x < 4) ? 0.25 + 0.3 * c : rnd.nextDouble();
                }
            }
        }
    }

    @AfterAll
    static void close() { manager.close(); }

    private static NDArray guide() { return manager.create(image, new Shape(1, 3, H, W)); }

    private static double[] random(int n, long seed) {
        Random rnd = new Random(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = rnd.nextDouble() - 0.5;
        return d;
    }

    /** The next n floats of rnd, uniform in [0, 1). */
    private static float[] uniform(Random rnd, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = rnd.nextFloat();
        return f;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, Math.abs(v));
        return m;
    }

    /** Coefficient of pixel (y, x), tap (dy, dx) in a (T, h, w) array of reach q. */
    private static double coef(double[] c, int q, int h, int w, int y, int x, int dy, int dx) {
        int span = 2 * q + 1;
        return c[(((dy + q) * span + dx + q) * h + y) * w + x];
    }

    @Test
    void coefficientsAreTheDenseLaplacianRows() {
        for (int r : new int[] {1, 2}) {
            MattingLaplacian params = new MattingLaplacian(1e-7, r);
            double[][] dense = MattingLaplacianTest.explicit(image, H, W, r, 1e-7);
            double scale = 0;
            for (double[] row : dense) scale = Math.max(scale, maxAbs(row));
            try (StencilLaplacian s = StencilLaplacian.of(params, guide(), DataType.FLOAT64)) {
                int q = 2 * r;
                assertEquals(new Shape((4 * r + 1) * (4 * r + 1), H, W), s.coefficients(manager).getShape());
                double[] c = s.coefficients(manager).toDoubleArray();
                for (int i = 0; i < N; i++) {
                    int y = i / W;
                    int x = i % W;
                    for (int j = 0; j < N; j++) {
                        int dy = j / W - y;
                        int dx = j % W - x;
                        if (Math.abs(dy) > q || Math.abs(dx) > q) {
                            assertEquals(0, dense[i][j], "dense L has an entry beyond the stencil at " + i + "," + j);
                        } else {
                            assertEquals(dense[i][j], coef(c, q, H, W, y, x, dy, dx), 1e-6 * scale,
                                    "r=" + r + " L[" + i + "][" + j + "]");
                        }
                    }
                    // Taps that reach outside the image are zero.
                    for (int dy = -q; dy <= q; dy++) {
                        for (int dx = -q; dx <= q; dx++) {
                            if (y + dy < 0 || y + dy >= H || x + dx < 0 || x + dx >= W) {
                                assertEquals(0, coef(c, q, H, W, y, x, dy, dx), "tap outside at " + i);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void storedLaplacianIsExactlySymmetric() {
        for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
            try (StencilLaplacian s = StencilLaplacian.of(MattingLaplacian.DEFAULT, guide(), type)) {
                assertEquals(type, s.coefficients(manager).getDataType());
                double[] c = s.coefficients(manager).toType(DataType.FLOAT64, false).toDoubleArray();
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        for (int dy = -2; dy <= 2; dy++) {
                            for (int dx = -2; dx <= 2; dx++) {
                                if (y + dy < 0 || y + dy >= H || x + dx < 0 || x + dx >= W) continue;
                                double cij = coef(c, 2, H, W, y, x, dy, dx);
                                // (i, j) and (j, i) come from the same window terms added in the same order.
                                assertEquals(cij, coef(c, 2, H, W, y + dy, x + dx, -dy, -dx), 0.0,
                                        type + " asymmetric at (" + y + "," + x + ") tap (" + dy + "," + dx + ")");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void productMatchesDenseAndOperator() {
        for (int r : new int[] {1, 2}) {
            MattingLaplacian params = new MattingLaplacian(1e-7, r);
            double[][] dense = MattingLaplacianTest.explicit(image, H, W, r, 1e-7);
            double[] v = random(2 * N, 20 + r);
            double[] ref = new double[2 * N];
            for (int ch = 0; ch < 2; ch++) {
                for (int i = 0; i < N; i++) {
                    for (int j = 0; j < N; j++) ref[ch * N + i] += dense[i][j] * v[ch * N + j];
                }
            }
            try (MattingLaplacian.Operator op = params.prepare(guide());
                    StencilLaplacian s = StencilLaplacian.of(op, DataType.FLOAT64)) {
                NDArray vt = manager.create(v, new Shape(1, 2, H, W));
                double[] got = s.multiply(vt).toDoubleArray();
                double[] old = op.multiply(vt).toDoubleArray();
                double scale = maxAbs(ref);
                for (int i = 0; i < ref.length; i++) {
                    assertEquals(ref[i], got[i], 1e-6 * scale, "r=" + r + " dense, index " + i);
                    assertEquals(old[i], got[i], 1e-6 * scale, "r=" + r + " operator, index " + i);
                }
            }
        }
    }

    @Test
    void constantsAreAnnihilatedExactly() {
        try (StencilLaplacian s = StencilLaplacian.of(MattingLaplacian.DEFAULT, guide(), DataType.FLOAT32)) {
            NDArray ones = manager.full(new Shape(1, 3, H, W), 0.7f);
            assertEquals(0, maxAbs(s.multiply(ones).toType(DataType.FLOAT64, false).toDoubleArray()), 0.0);
            assertEquals(0, s.energy(ones).getDouble(), 0.0);
        }
    }

    @Test
    void energyValueAndGradientEqualTheOperators() {
        double[] v = random(3 * N, 9);
        try (MattingLaplacian.Operator op = MattingLaplacian.DEFAULT.prepare(guide());
                StencilLaplacian s = StencilLaplacian.of(op, DataType.FLOAT64)) {
            NDArray a = manager.create(v, new Shape(1, 3, H, W));
            NDArray b = manager.create(v, new Shape(1, 3, H, W));
            a.setRequiresGradient(true);
            b.setRequiresGradient(true);
            double eOld;
            double eNew;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray e = op.energy(a);
                eOld = e.getDouble();
                gc.backward(e);
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray e = s.energy(b);
                assertEquals(DataType.FLOAT64, e.getDataType());
                eNew = e.getDouble();
                gc.backward(e);
            }
            assertEquals(eOld, eNew, 1e-9 * Math.abs(eOld));
            double[] gOld = a.getGradient().toDoubleArray();
            double[] gNew = b.getGradient().toDoubleArray();
            double[] lv = s.multiply(manager.create(v, new Shape(1, 3, H, W))).toDoubleArray();
            double scale = maxAbs(gOld);
            for (int i = 0; i < v.length; i++) {
                assertEquals(gOld[i], gNew[i], 1e-6 * scale, "index " + i);
                assertEquals(2 * lv[i], gNew[i], 0.0, "gradient is not 2 L v at " + i);
            }
        }
    }

    @Test
    void float32EnergyGivesFloat32GradientAndFloat64Value() {
        try (StencilLaplacian s = StencilLaplacian.of(MattingLaplacian.DEFAULT, guide(), DataType.FLOAT32)) {
            NDArray v = manager.create(random(3 * N, 4), new Shape(1, 3, H, W)).toType(DataType.FLOAT32, false);
            v.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray e = s.energy(v);
                assertEquals(DataType.FLOAT64, e.getDataType());
                gc.backward(e);
            }
            assertEquals(DataType.FLOAT32, v.getGradient().getDataType());
            NDArray u = s.multiply(v.stopGradient());
            assertEquals(0, maxAbs(v.getGradient().sub(u.mul(2)).toType(DataType.FLOAT64, false).toDoubleArray()), 0.0);
        }
    }

    @Test
    void energyGradientMatchesFiniteDifferencesThroughUpstreamOps() {
        // x -> clip(x * x, 0, 1) -> energy: a nonlinear, partly clipped graph upstream of the stencil.
        double[] x = new double[3 * N];
        Random rnd = new Random(3);
        for (int i = 0; i < x.length; i++) x[i] = 0.1 + rnd.nextDouble();
        for (int i = 0; i < x.length; i++) if (Math.abs(x[i] - 1) < 1e-3) x[i] = 0.5; // away from the kink
        try (StencilLaplacian s = StencilLaplacian.of(MattingLaplacian.DEFAULT, guide(), DataType.FLOAT32)) {
            GradientCheck.check(manager.create(x, new Shape(1, 3, H, W)),
                    t -> s.energy(t.mul(t).clip(0, 1)), 1e-6);
        }
    }

    /**
     * The host product against the stencil as engine ops (how it was computed before: per tap a
     * slice of the zero-padded v, minus v, times the coefficient plane, summed in tap order).
     * Same operations, same order, IEEE rounding on both sides: equal to the last bit, in float32
     * and float64.
     */
    @Test
    void hostProductEqualsTheEngineOpStencilExactly() {
        int w = 23;
        int h = 17;
        Random rnd = new Random(12);
        float[] g = uniform(rnd, 3 * w * h);
        float[] v = uniform(rnd, 3 * w * h);
        NDArray guide = manager.create(g, new Shape(1, 3, h, w));
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            try (NDManager m = manager.newSubManager();
                    StencilLaplacian s = StencilLaplacian.of(MattingLaplacian.DEFAULT, guide, type)) {
                NDArray vt = m.create(v, new Shape(1, 3, h, w)).toType(type, false);
                NDArray coef = s.coefficients(m);
                NDArray padded = vt.pad(new Shape(2, 2, 2, 2), 0);
                NDArray sum = null;
                for (int t = 0; t < 25; t++) {
                    if (t == 12) continue;
                    NDArray term = padded.get(new ai.djl.ndarray.index.NDIndex().addAllDim(2)
                            .addSliceDim(t / 5, t / 5 + h).addSliceDim(t % 5, t % 5 + w)).sub(vt).mul(coef.get(t));
                    sum = sum == null ? term : sum.add(term);
                }
                NDArray got = s.multiply(vt);
                assertEquals(type, got.getDataType());
                double[] want = sum.toType(DataType.FLOAT64, false).toDoubleArray();
                double[] have = got.toType(DataType.FLOAT64, false).toDoubleArray();
                for (int i = 0; i < want.length; i++) assertEquals(want[i], have[i], 0.0, type + " element " + i);
            }
        }
    }

    /**
     * The float32 path keeps its host arrays and upload buffer between calls. A second energy (other
     * values, same stencil) taken before the first one's backward pass must not change the first
     * one's gradient (the saved 2 L v is the engine's copy, not the reused buffer), and each result
     * equals that of a fresh stencil.
     */
    @Test
    void reusedHostArraysLeaveEarlierGradientsAndLaterResultsAlone() {
        int w = 31;
        int h = 19;
        float[] g = uniform(new Random(21), 3 * w * h);
        try (NDManager m = manager.newSubManager();
                StencilLaplacian s = StencilLaplacian.of(MattingLaplacian.DEFAULT, m.create(g, new Shape(1, 3, h, w)),
                        DataType.FLOAT32)) {
            Shape shape = new Shape(1, 3, h, w);
            NDArray a = m.create(random(3 * w * h, 22), shape).toType(DataType.FLOAT32, false);
            NDArray b = m.create(random(3 * w * h, 23), shape).toType(DataType.FLOAT32, false);
            a.setRequiresGradient(true);
            b.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray ea = s.energy(a);
                NDArray eb = s.energy(b); // rewrites the host arrays before a's backward pass
                gc.backward(ea.add(eb));
            }
            for (NDArray v : new NDArray[] {a, b}) {
                float[] want;
                try (StencilLaplacian fresh = StencilLaplacian.of(MattingLaplacian.DEFAULT,
                        m.create(g, shape), DataType.FLOAT32)) {
                    want = fresh.multiply(v.stopGradient()).toFloatArray();
                }
                float[] got = v.getGradient().toFloatArray();
                for (int i = 0; i < want.length; i++) assertEquals(2 * want[i], got[i], 0f, "element " + i);
            }
            float[] twice = s.multiply(a.stopGradient()).toFloatArray();
            float[] other = s.multiply(b.stopGradient()).toFloatArray();
            assertEquals(0, maxAbs(toDouble(a.getGradient().toFloatArray(), twice, 2)), 0.0,
                    "a product after the reuse still gives a's 2 L v");
            assertTrue(maxAbs(toDouble(twice, other, 1)) > 0, "the two inputs must differ for the test to mean anything");
        }
    }

    private static double[] toDouble(float[] x, float[] y, float k) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = x[i] - k * y[i];
        return d;
    }

    /**
     * The gradient is read in the backward pass, after the forward pass's temporaries are closed;
     * a garbage collection in between (here forced, then the freed native memory reused and filled
     * with NaN) must not change it: the saved 2 L v must be engine-owned, not a view of a
     * collectable host buffer.
     */
    @Test
    void gradientSurvivesAGarbageCollectionBeforeBackward() {
        int w = 50;
        int h = 40;
        Random rnd = new Random(5);
        float[] g = new float[3 * w * h];
        float[] v = new float[3 * w * h];
        for (int i = 0; i < g.length; i++) {
            g[i] = rnd.nextFloat();
            v[i] = rnd.nextFloat();
        }
        try (NDManager m = manager.newSubManager();
                StencilLaplacian s = StencilLaplacian.of(MattingLaplacian.DEFAULT, m.create(g, new Shape(1, 3, h, w)),
                        DataType.FLOAT32)) {
            NDArray x = m.create(v, new Shape(1, 3, h, w));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                // A non-leaf input, made without a scalar op (x.mul(1f) would itself break; see Tensors.scale).
                NDArray e = dev.photostyle.engine.TensorScope.keep(() -> s.energy(x.add(x).sub(x)));
                for (int k = 0; k < 3; k++) {
                    System.gc();
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(4 * v.length);
                    while (b.remaining() >= 4) b.putFloat(Float.NaN);
                }
                gc.backward(e);
            }
            float[] want = s.multiply(m.create(v, new Shape(1, 3, h, w))).toFloatArray();
            float[] got = x.getGradient().toFloatArray();
            for (int i = 0; i < want.length; i++) assertEquals(2 * want[i], got[i], 0f, "element " + i);
        }
    }

    @Test
    void productIsSymmetric() {
        // w^T L v = v^T L w for the stored (exactly symmetric) L, up to the float64 sums' rounding.
        try (StencilLaplacian s = StencilLaplacian.of(MattingLaplacian.DEFAULT, guide(), DataType.FLOAT64)) {
            double[] w = random(2 * N, 5);
            double[] v = random(2 * N, 6);
            double[] lv = s.multiply(manager.create(v, new Shape(1, 2, H, W))).toDoubleArray();
            double[] lw = s.multiply(manager.create(w, new Shape(1, 2, H, W))).toDoubleArray();
            double a = 0;
            double b = 0;
            double mag = 0;
            for (int i = 0; i < v.length; i++) {
                a += w[i] * lv[i];
                b += v[i] * lw[i];
                mag += Math.abs(w[i] * lv[i]) + Math.abs(v[i] * lw[i]);
            }
            assertEquals(a, b, 100 * Math.ulp(1.0) * mag);
        }
    }

    /**
     * Float32 coefficients and arithmetic on a real photo with flat sky (where the window inverse
     * reaches |w|/eps ~ 9e7) against the float64 stencil, within {@link StencilErrorBound}. The
     * 25-tap form sum_d c_d v_{i+d} would instead err by ~u sum_d |c_d| |v_{i+d}|, far above this
     * in flat areas.
     */
    @Test
    void float32StencilIsAccurateOnAPhotoWithFlatSky() throws Exception {
        FloatImage full = ImageFiles.read(SharedData.dpst("input/in1.png"));
        int w = 64;
        int h = 48;
        int n = w * h;
        float[] crop = new float[3 * n];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) crop[(c * h + y) * w + x] = full.get(c, 310 + x, 110 + y); // sky and dome
            }
        }
        // A realistic near-optimum: an affine recolouring of the content, stored in 8 bits.
        float[] out = new float[3 * n];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) {
                double a = 0.8 * crop[c * n + i] + 0.15 * crop[((c + 1) % 3) * n + i] + 0.03;
                out[c * n + i] = Math.round(a * 255) / 255f;
            }
        }
        NDArray g = manager.create(crop, new Shape(1, 3, h, w));
        try (MattingLaplacian.Operator op = MattingLaplacian.DEFAULT.prepare(g);
                StencilLaplacian s32 = StencilLaplacian.of(op, DataType.FLOAT32);
                StencilLaplacian s64 = StencilLaplacian.of(op, DataType.FLOAT64)) {
            double flat = maxAbs(op.inverseCovariance().toDoubleArray());
            assertTrue(flat > 1e7, "crop should contain flat windows, max |D| = " + flat);
            double[] c = s64.coefficients(manager).toDoubleArray();
            for (float[] v : new float[][] {out, crop}) {
                NDArray vt = manager.create(v, new Shape(1, 3, h, w));
                double[] u32 = s32.multiply(vt).toType(DataType.FLOAT64, false).toDoubleArray();
                double[] u64 = s64.multiply(vt).toDoubleArray();
                double[] bound = StencilErrorBound.product(c, 2, v, h, w);
                for (int i = 0; i < u64.length; i++) assertEquals(u64[i], u32[i], bound[i], "element " + i);
                double e64 = s64.energy(vt).getDouble();
                double e32 = s32.energy(vt).getDouble();
                assertEquals(e64, e32, StencilErrorBound.energy(bound, v, u64));
                assertEquals(op.energy(vt).getDouble(), e64, 1e-6 * e64);
            }
        }
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class,
                () -> StencilLaplacian.of(MattingLaplacian.DEFAULT, guide(), DataType.FLOAT16));
        try (StencilLaplacian s = StencilLaplacian.of(MattingLaplacian.DEFAULT, guide(), DataType.FLOAT32)) {
            assertThrows(IllegalArgumentException.class, () -> s.multiply(manager.zeros(new Shape(1, 1, H, W + 1))));
            assertThrows(IllegalArgumentException.class,
                    () -> s.energy(manager.zeros(new Shape(1, 1, H, W), DataType.INT32)));
            assertThrows(IllegalArgumentException.class, () -> s.tap(3, 0));
            assertEquals(12, s.tap(0, 0));
        }
    }
}
