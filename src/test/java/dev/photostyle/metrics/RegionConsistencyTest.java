package dev.photostyle.metrics;

import static dev.photostyle.metrics.RegionDefects.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.linalg.Dense;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RegionConsistencyTest {
    private static double score(FloatImage c, FloatImage r, boolean[] region) {
        return RegionConsistency.measure(c, r, Arrays.asList(new boolean[][] {region})).get(0).value();
    }

    /** float rounding of values up to ~2 (2^-23), the bound on the residual of an exactly representable map. */
    private static final double FLOAT_ROUNDING = 2.4e-7;

    @Test
    void oneSmoothRecolouringScoresZero() {
        FloatImage content = TestImages.smooth(40, 30);
        assertTrue(score(content, content, null) < FLOAT_ROUNDING);
        assertTrue(score(content, TestImages.affine(content, ANISOTROPIC, SHIFT), null) < FLOAT_ROUNDING);
        // A quadratic recolouring is still one map of the polynomial family.
        int n = content.pixels();
        float[] c = content.toArray(), q = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double r = c[i], g = c[n + i], b = c[2 * n + i];
            q[i] = (float) (r * r);
            q[n + i] = (float) (0.5 * g + r * b);
            q[2 * n + i] = (float) (1 - b * b + 0.2 * g * g);
        }
        assertTrue(score(content, FloatImage.wrap(40, 30, 3, q), null) < FLOAT_ROUNDING);
    }

    @Test
    void splitSkyScoresHalfTheColourDifference() {
        FloatImage sky = sky();
        FloatImage oneNavy = TestImages.affine(sky, ANISOTROPIC, NAVY);
        assertTrue(score(sky, oneNavy, null) < FLOAT_ROUNDING);
        FloatImage halves = split(oneNavy, new double[3], new double[] {LILAC[0] - NAVY[0], LILAC[1] - NAVY[1], LILAC[2] - NAVY[2]});
        // Each row's content colour is the same in both halves: the best map is their average, off by d/2.
        double d = norm(new double[] {LILAC[0] - NAVY[0], LILAC[1] - NAVY[1], LILAC[2] - NAVY[2]});
        assertEquals(d / (2 * Math.sqrt(3)), score(sky, halves, null), 1e-5);
    }

    @Test
    void regionsAreScoredSeparately() {
        FloatImage sky = sky();
        boolean[] top = topRows(H / 2);
        FloatImage result = select(top, split(sky, NAVY, LILAC), TestImages.affine(sky, ANISOTROPIC, SHIFT));
        List<RegionScore> s = RegionConsistency.measure(sky, result, List.of(top, not(top), new boolean[N]));
        assertTrue(s.get(0).value() > 0.1);
        assertEquals(N / 2, s.get(0).pixels());
        assertTrue(s.get(1).value() < FLOAT_ROUNDING);
        assertNull(s.get(2).value());
        assertEquals((s.get(0).value() + s.get(1).value()) / 2, RegionScore.areaWeightedMean(s), 1e-12); // equal areas
    }

    /** Against plain unregularised least squares (normal equations by Gaussian elimination). */
    @Test
    void matchesPlainLeastSquares() {
        FloatImage c = TestImages.random(8, 6, 1), r = TestImages.random(8, 6, 2);
        int n = 48;
        float[] cv = c.toArray(), rv = r.toArray();
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = cv[i], g = cv[n + i], b = cv[2 * n + i];
            x[i] = new double[] {1, a, g, b, a * a, g * g, b * b, a * g, a * b, g * b};
        }
        double sse = 0;
        for (int k = 0; k < 3; k++) {
            double[][] m = new double[10][11];
            for (int i = 0; i < n; i++) for (int p = 0; p < 10; p++) {
                for (int q = 0; q < 10; q++) m[p][q] += x[i][p] * x[i][q];
                m[p][10] += x[i][p] * rv[k * n + i];
            }
            double[] beta = Dense.solveAugmented(m);
            for (int i = 0; i < n; i++) {
                double y = 0;
                for (int p = 0; p < 10; p++) y += beta[p] * x[i][p];
                sse += (rv[k * n + i] - y) * (rv[k * n + i] - y);
            }
        }
        assertEquals(Math.sqrt(sse / (3 * n)), score(c, r, null), 1e-6);
    }

    @Test
    void flatContentLeavesTheResultSpread() {
        FloatImage c = FloatImage.filled(8, 6, 3, 0.4f), r = TestImages.random(8, 6, 3);
        float[] rv = r.toArray();
        double var = 0;
        for (int k = 0; k < 3; k++) {
            double mean = 0;
            for (int i = 0; i < 48; i++) mean += rv[k * 48 + i] / 48;
            for (int i = 0; i < 48; i++) var += (rv[k * 48 + i] - mean) * (rv[k * 48 + i] - mean);
        }
        assertEquals(Math.sqrt(var / (3 * 48)), score(c, r, null), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> score(c, TestImages.random(6, 8, 3), null));
    }
}
