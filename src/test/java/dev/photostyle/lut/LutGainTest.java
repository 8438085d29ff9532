package dev.photostyle.lut;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.testing.GradientCheck;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LutGainTest {
    private static Lut3d random(int n, double scale, long seed) {
        Random rnd = new Random(seed);
        float[] t = new float[3 * n * n * n];
        for (int i = 0; i < t.length; i++) t[i] = (float) (scale * rnd.nextDouble());
        return Lut3d.of(n, t);
    }

    /** Plain loops: mean over cells of max(0, ‖J‖_F/√3 − limit)², J's columns the forward differences × (n − 1). */
    private static double reference(Lut3d lut, double limit) {
        int n = lut.size();
        float[] t = lut.table();
        double sum = 0;
        int cells = 0;
        for (int b = 0; b < n - 1; b++) for (int g = 0; g < n - 1; g++) for (int r = 0; r < n - 1; r++) {
            double sq = 0;
            int[][] next = {{r + 1, g, b}, {r, g + 1, b}, {r, g, b + 1}};
            for (int[] q : next) for (int c = 0; c < 3; c++) {
                double d = (t[((q[2] * n + q[1]) * n + q[0]) * 3 + c] - t[((b * n + g) * n + r) * 3 + c]) * (n - 1.0);
                sq += d * d;
            }
            double excess = Math.max(0, Math.sqrt(sq / 3) - limit);
            sum += excess * excess;
            cells++;
        }
        return sum / cells;
    }

    @Test
    void matchesLoopsPerRegionLimitAndIsZeroBelowTheLimit() {
        try (NDManager m = NDManager.newBaseManager()) {
            Lut3d a = random(4, 2.0, 1), b = random(4, 1.0, 2);
            NDArray t = LutSlicer.tables(List.of(a, b), m);
            double want = (reference(a, 1.5) + reference(b, 0.5)) / 2;
            assertEquals(want, LutGain.compute(t, 4, new float[] {1.5f, 0.5f}, uniform(m, 2, 4)).getFloat(), 1e-5 * want);
            // an affine map's gain is ‖A‖_F/√3 everywhere: no penalty at that limit, the excess squared above it
            double[][] affine = {{2, 0.5, 0, 0.1}, {0, 1.5, 0, 0}, {0.3, 0, 1, -0.2}};
            Lut3d steep = Lut3d.bakeAffine(5, affine);
            double g = Math.sqrt((4 + 0.25 + 2.25 + 0.09 + 1) / 3);
            assertEquals(g, LutGain.maxGain(steep), 1e-5);
            NDArray s = LutSlicer.tables(List.of(steep), m);
            assertEquals(0, LutGain.compute(s, 5, new float[] {(float) g + 1e-3f}, uniform(m, 1, 5)).getFloat(), 1e-12);
            assertEquals(0.25, LutGain.compute(s, 5, new float[] {(float) g - 0.5f}, uniform(m, 1, 5)).getFloat(), 1e-4);
            assertEquals(1.0, LutGain.maxGain(Lut3d.identity(9)), 1e-6);
        }
    }

    /** Every cell the same share. */
    private static NDArray uniform(NDManager m, int regions, int n) {
        int cells = (n - 1) * (n - 1) * (n - 1);
        return m.ones(new ai.djl.ndarray.types.Shape(regions, cells)).div(cells);
    }

    @Test
    void occupancyIsEachRegionsShareOfPixelWeightPerCell() {
        // 3 pixels on a 3³ lattice (2³ cells of side 0.5): red fastest, the top value in the last cell
        FloatImage img = FloatImage.of(3, 1, 3, new float[] {0.1f, 0.7f, 1.0f, 0.1f, 0.2f, 1.0f, 0.1f, 0.9f, 1.0f});
        float[][] occ = LutGain.occupancy(List.of(img), List.<float[][]>of(new float[][] {{1, 1, 2}, {0, 0, 0}}), 2, 3);
        float[] want = new float[8];
        want[0] = 0.25f;                 // (0.1, 0.1, 0.1): cell (0, 0, 0)
        want[(1 * 2 + 0) * 2 + 1] = 0.25f; // (0.7, 0.2, 0.9): red 1, green 0, blue 1
        want[7] = 0.5f;                  // white, weight 2: the last cell
        for (int k = 0; k < 8; k++) assertEquals(want[k], occ[0][k], 1e-7, "cell " + k);
        for (int k = 0; k < 8; k++) assertEquals(0, occ[1][k], 0.0, "a region without weight has no occupancy");
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray t = LutSlicer.tables(List.of(random(3, 2.0, 3), random(3, 2.0, 4)), m).toType(DataType.FLOAT64, false);
            NDArray occ = m.create(LutGain.occupancy(List.of(FloatImage.of(2, 2, 3, new float[] {0.1f, 0.9f, 0.6f, 0.2f,
                    0.3f, 0.8f, 0.1f, 0.7f, 0.9f, 0.4f, 0.2f, 0.6f})), List.<float[][]>of(new float[][] {{1, 1, 0.5f, 0}, {0, 0, 0.5f, 1}}), 2, 3))
                    .reshape(2, 8);
            GradientCheck.check(t, x -> LutGain.compute(x, 3, new float[] {1.2f, 0.8f}, occ), 1e-5);
        }
    }
}
