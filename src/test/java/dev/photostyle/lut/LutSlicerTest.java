package dev.photostyle.lut;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.testing.GradientCheck;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LutSlicerTest {
    private static FloatImage image(int w, int h, long seed) {
        Random rnd = new Random(seed);
        float[] px = new float[3 * w * h];
        for (int i = 0; i < px.length; i++) px[i] = rnd.nextFloat();
        return FloatImage.of(w, h, 3, px);
    }

    private static Lut3d random(int n, long seed) {
        Random rnd = new Random(seed);
        float[] t = new float[3 * n * n * n];
        for (int i = 0; i < t.length; i++) t[i] = rnd.nextFloat();
        return Lut3d.of(n, t);
    }

    /** Weights for R regions over w×h pixels: some pixels in one region, some blended, some in none. */
    private static float[][] weights(int regions, int pixels, long seed) {
        Random rnd = new Random(seed);
        float[][] w = new float[regions][pixels];
        for (int i = 0; i < pixels; i++) {
            int kind = i % 4;
            if (kind == 0) continue;                          // no region: the content exactly
            int a = rnd.nextInt(regions);
            if (kind == 1) { w[a][i] = 1f; continue; }        // inside one region
            int b = (a + 1) % regions;
            float t = rnd.nextFloat();
            w[a][i] = t * (kind == 2 ? 1f : 0.7f);            // blended across an edge (kind 3: partly free)
            w[b][i] = (1 - t) * (kind == 2 ? 1f : 0.7f);
        }
        return w;
    }

    /** Plain reference: c + Σ_r w_r (LUT_r(c) − c) with the host lookup, per pixel, in double. */
    private static double[] reference(FloatImage img, List<Lut3d> luts, float[][] w, Interpolation interp) {
        int n = img.pixels();
        float[] c = img.toArray();
        double[] out = new double[3 * n];
        double[] o = new double[3];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < 3; ch++) out[ch * n + i] = c[ch * n + i];
            for (int r = 0; r < luts.size(); r++) {
                luts.get(r).lookup(c[i], c[n + i], c[2 * n + i], interp, o);
                for (int ch = 0; ch < 3; ch++) out[ch * n + i] += w[r][i] * (o[ch] - c[ch * n + i]);
            }
        }
        return out;
    }

    @Test
    void renderEqualsTheHostLookupBlendedAndKeepsUnweightedPixelsExact() {
        FloatImage img = image(7, 5, 1);
        List<Lut3d> luts = List.of(random(4, 2), random(4, 3), random(4, 9));
        float[][] w = weights(3, 35, 10);
        for (Interpolation interp : Interpolation.values()) {
            try (NDManager m = NDManager.newBaseManager()) {
                LutSlicer s = new LutSlicer(img, w, 4, interp, m);
                float[] got = s.render(LutSlicer.tables(luts, m)).toFloatArray();
                double[] want = reference(img, luts, w, interp);
                float[] c = img.toArray();
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 1e-6, interp + " sample " + i);
                    if (i % 35 % 4 == 0) assertEquals(c[i], got[i], 0f, "pixel of no region must be the content exactly");
                }
                // the host twin: the same blend, clamped
                float[] host = LutBlend.apply(img, luts, interp, w).toArray();
                for (int i = 0; i < want.length; i++) assertEquals(Math.max(0, Math.min(1, want[i])), host[i], 1e-6, "host " + interp + " sample " + i);
            }
        }
    }

    @Test
    void renderGradientMatchesFiniteDifferences() {
        FloatImage img = image(3, 2, 4);
        float[][] w = weights(2, 6, 11);
        for (Interpolation interp : Interpolation.values()) {
            try (NDManager m = NDManager.newBaseManager()) {
                LutSlicer s = new LutSlicer(img, w, 2, interp, m);
                NDArray probe = m.randomUniform(-1, 1, new Shape(1, 3, 2, 3)).toType(DataType.FLOAT64, false);
                NDArray t = LutSlicer.tables(List.of(random(2, 5), random(2, 6)), m).toType(DataType.FLOAT64, false);
                GradientCheck.check(t, x -> s.render(x).mul(probe).sum(), 1e-5);
            }
        }
    }

    @Test
    void tablesSplitBackIntoTheLuts() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<Lut3d> luts = List.of(random(3, 1), random(3, 2));
            assertEquals(luts, LutSlicer.luts(LutSlicer.tables(luts, m), 3));
        }
    }

    /** Plain loops: Σ_axes mean (((n−1)² Δ²_axis)²). */
    private static double smoothnessRef(float[] t, int n) {
        double total = 0;
        for (int axis = 0; axis < 3; axis++) {
            double sum = 0;
            int count = 0;
            for (int b = 0; b < n; b++) for (int g = 0; g < n; g++) for (int r = 0; r < n; r++) {
                int[] p = {r, g, b};
                if (p[axis] < 1 || p[axis] > n - 2) continue;
                int[] lo = p.clone(), hi = p.clone();
                lo[axis]--;
                hi[axis]++;
                for (int c = 0; c < 3; c++) {
                    double d = at(t, n, hi, c) - 2 * at(t, n, p, c) + at(t, n, lo, c);
                    sum += Math.pow(d * (n - 1) * (n - 1), 2);
                    count++;
                }
            }
            total += sum / count;
        }
        return total;
    }

    private static double at(float[] t, int n, int[] p, int c) {
        return t[((p[2] * n + p[1]) * n + p[0]) * 3 + c];
    }

    @Test
    void smoothnessMatchesLoopsIsZeroForAffineMapsAndHasTheRightGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            Lut3d lut = random(4, 6);
            NDArray t = LutSlicer.tables(List.of(lut), m);
            assertEquals(smoothnessRef(lut.table(), 4), LutSmoothness.compute(t, 4).getFloat(), 1e-3 * smoothnessRef(lut.table(), 4));
            Lut3d affine = Lut3d.bakeAffine(5, new double[][] {{0.8, 0.2, 0, 0.1}, {0, 1.2, -0.1, 0}, {0.1, 0, 0.9, -0.05}});
            assertEquals(0, LutSmoothness.compute(LutSlicer.tables(List.of(affine), m), 5).getFloat(), 1e-9);
            NDArray t64 = LutSlicer.tables(List.of(random(3, 7), random(3, 8)), m).toType(DataType.FLOAT64, false);
            GradientCheck.check(t64, x -> LutSmoothness.compute(x, 3), 1e-5);
        }
    }
}
