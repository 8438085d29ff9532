package dev.photostyle.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.mask.LayerMasks;
import dev.photostyle.testing.GradientCheck;

import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link RegionGram} against the plain definition (F∘M_k)(F∘M_k)^T / (C·H·W·mean(M_k)), loop by loop. */
class RegionGramTest {
    private static final int C = 3;
    private static final int H = 4;
    private static final int W = 5;
    private NDManager m;
    private final Random rnd = new Random(11);

    @BeforeEach
    void setUp() { m = NDManager.newBaseManager(); }

    @AfterEach
    void tearDown() { m.close(); }

    private double[] gaussian(int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = rnd.nextGaussian();
        return d;
    }

    /** Two overlapping soft regions, each with zeros: supports are partial and share pixels. */
    private float[][] twoRegions() {
        float[][] p = new float[2][H * W];
        for (int i = 0; i < H * W; i++) {
            int y = i / W;
            p[0][i] = y == 0 ? 1f : y == 1 ? rnd.nextFloat() : 0f;
            p[1][i] = y == 0 ? 0f : y == 1 ? 1f - p[0][i] : rnd.nextFloat() < 0.3 ? 0f : 1f;
        }
        return p;
    }

    /** The definition, in double precision: (K, C, C) flattened. */
    private static double[] reference(double[] f, float[][] masks) {
        int hw = H * W;
        double[] out = new double[masks.length * C * C];
        for (int k = 0; k < masks.length; k++) {
            double area = 0;
            for (float v : masks[k]) area += v;
            area = Math.max(area / hw, 1e-8);
            for (int a = 0; a < C; a++) {
                for (int b = 0; b < C; b++) {
                    double s = 0;
                    for (int i = 0; i < hw; i++) s += f[a * hw + i] * masks[k][i] * f[b * hw + i] * masks[k][i];
                    out[(k * C + a) * C + b] = s / (C * hw * area);
                }
            }
        }
        return out;
    }

    /** Sum of |terms| of each entry: the scale float32 weights' rounding (2^-24 relative) acts on. */
    private static double magnitude(double[] f, float[][] masks) {
        double s = 0;
        for (double v : reference(f, masks)) s = Math.max(s, Math.abs(v));
        return Math.max(s, 1e-12);
    }

    private void assertMatchesReference(float[][] masks) {
        double[] f = gaussian(C * H * W);
        NDArray features = m.create(f, new Shape(1, C, H, W));
        NDArray g = RegionGram.of(new LayerMasks(W, H, masks), C, m).compute(features);
        assertEquals(new Shape(masks.length, C, C), g.getShape());
        double[] want = reference(f, masks);
        double[] got = g.toDoubleArray();
        // Weights are float32: each term is off by at most ~2^-24 relatively, so the sum is within
        // 1e-6 of the largest entry (20 terms, generous).
        double tol = 1e-6 * magnitude(f, masks);
        for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], tol, "entry " + i);
    }

    @Test
    void twoOverlappingRegionsMatchTheDefinition() {
        assertMatchesReference(twoRegions());
    }

    /**
     * A hard region (only 0 and 1: interior columns, unweighted, scaled after the product), a soft
     * one (no 1 anywhere: border columns only) and one mixing both: each path against the definition,
     * and the gradient for any use of G.
     */
    @Test
    void interiorAndBorderColumnsMatchTheDefinition() {
        float[][] p = new float[3][H * W];
        for (int i = 0; i < H * W; i++) {
            p[0][i] = i % 3 == 0 ? 1f : 0f;
            p[1][i] = i % 3 == 1 ? 0.2f + 0.6f * rnd.nextFloat() : 0f;
            p[2][i] = i % 3 == 2 ? (rnd.nextBoolean() ? 1f : 0.5f) : i % 3 == 1 ? 0.1f : 0f;
        }
        assertMatchesReference(p);
        RegionGram gram = RegionGram.of(new LayerMasks(W, H, p), C, m);
        NDArray x = m.create(gaussian(3 * C * C), new Shape(3, C, C));
        GradientCheck.check(m.create(gaussian(C * H * W), new Shape(1, C, H, W)), f -> gram.compute(f).mul(x).sum(),
                1e-6);
    }

    @Test
    void oneRegionCoveringEveryPixelMatchesTheDefinition() {
        float[] p = new float[H * W];
        for (int i = 0; i < p.length; i++) p[i] = 0.25f + 0.75f * rnd.nextFloat(); // soft, never zero
        assertMatchesReference(new float[][] {p});
    }

    @Test
    void anEmptyRegionGivesAZeroMatrix() {
        float[][] p = twoRegions();
        java.util.Arrays.fill(p[0], 0f);
        NDArray g = RegionGram.of(new LayerMasks(W, H, p), C, m).compute(m.create(gaussian(C * H * W),
                new Shape(1, C, H, W)));
        for (int i = 0; i < C * C; i++) assertEquals(0.0, g.toDoubleArray()[i], 0.0);
        assertTrue(g.get(1).abs().sum().getDouble() > 0);
    }

    @Test
    void everyRegionEmptyGivesZerosAndAZeroGradient() {
        RegionGram gram = RegionGram.of(new LayerMasks(W, H, new float[][] {new float[H * W]}), C, m);
        NDArray g = gram.compute(m.create(gaussian(C * H * W), new Shape(1, C, H, W)));
        assertEquals(new Shape(1, C, C), g.getShape());
        assertEquals(0.0, g.abs().sum().getDouble(), 0.0);
        GradientCheck.check(m.create(gaussian(C * H * W), new Shape(1, C, H, W)), f -> gram.compute(f).sum(), 1e-9);
    }

    @Test
    void gradientIsExactForAnyUseOfTheGram() {
        // A non-symmetric weighting X: the one-sided product must still give d/dF of Σ X∘G exactly.
        for (float[][] masks : new float[][][] {twoRegions(), {filled()}}) {
            RegionGram gram = RegionGram.of(new LayerMasks(W, H, masks), C, m);
            NDArray x = m.create(gaussian(masks.length * C * C), new Shape(masks.length, C, C));
            GradientCheck.check(m.create(gaussian(C * H * W), new Shape(1, C, H, W)),
                    f -> gram.compute(f).mul(x).sum(), 1e-6);
        }
    }

    @Test
    void rejectsFeaturesOfAnotherSize() {
        RegionGram gram = RegionGram.of(new LayerMasks(W, H, twoRegions()), C, m);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gram.compute(m.zeros(new Shape(1, C, W, H))));
        assertTrue(e.getMessage().contains("do not match"));
    }

    private static float[] filled() {
        float[] p = new float[H * W];
        java.util.Arrays.fill(p, 1f);
        return p;
    }
}
