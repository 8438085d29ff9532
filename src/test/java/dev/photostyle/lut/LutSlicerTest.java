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

    @Test
    void renderEqualsTheHostLookup() {
        FloatImage img = image(7, 5, 1);
        List<Lut3d> luts = List.of(random(4, 2), random(4, 3));
        for (Interpolation interp : Interpolation.values()) {
            try (NDManager m = NDManager.newBaseManager()) {
                LutSlicer s = new LutSlicer(img, 4, interp, m);
                float[] got = s.render(LutSlicer.tables(luts, m)).toFloatArray();
                for (int r = 0; r < 2; r++) {
                    float[] want = luts.get(r).apply(img, interp).toArray();
                    for (int i = 0; i < want.length; i++) assertEquals(want[i], got[r * want.length + i], 1e-6, interp + " region " + r);
                }
            }
        }
    }

    @Test
    void renderGradientMatchesFiniteDifferences() {
        FloatImage img = image(3, 2, 4);
        try (NDManager m = NDManager.newBaseManager()) {
            LutSlicer s = new LutSlicer(img, 2, Interpolation.TETRAHEDRAL, m);
            NDArray probe = m.randomUniform(-1, 1, new Shape(1, 3, 2, 3)).toType(DataType.FLOAT64, false);
            NDArray t = LutSlicer.tables(List.of(random(2, 5)), m).toType(DataType.FLOAT64, false);
            GradientCheck.check(t, x -> s.render(x).mul(probe).sum(), 1e-5);
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
