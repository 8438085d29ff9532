package dev.photostyle.colour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.linalg.Matrix3;
import dev.photostyle.linalg.SymmetricEigen3;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearColourMapTest {
    private static double[][] randomSpd(Random r) {
        double[][] b = new double[3][3];
        for (double[] row : b) for (int j = 0; j < 3; j++) row[j] = r.nextGaussian();
        double[][] s = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 3; k++) s[i][j] += b[i][k] * b[j][k];
            if (i == j) s[i][j] += 0.1;
        }
        return s;
    }

    private static double[][] linearPart(double[][] a) {
        return new double[][] {{a[0][0], a[0][1], a[0][2]}, {a[1][0], a[1][1], a[1][2]}, {a[2][0], a[2][1], a[2][2]}};
    }

    @Test
    void diagonalCovariancesGiveTheRatioOfStandardDeviations() {
        double[][] a = LinearColourMap.affine(new ColourMoments(new double[] {1, 2, 3}, new double[][] {{4, 0, 0}, {0, 1, 0}, {0, 0, 0.25}}, 1),
                new ColourMoments(new double[] {0, 1, -1}, new double[][] {{1, 0, 0}, {0, 9, 0}, {0, 0, 1}}, 1), 0);
        double[] scale = {0.5, 3, 2};
        double[] mc = {1, 2, 3}, ms = {0, 1, -1};
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 3; j++) assertEquals(k == j ? scale[k] : 0, a[k][j], 1e-12);
            assertEquals(ms[k] - scale[k] * mc[k], a[k][3], 1e-12);
        }
    }

    /** T is the unique symmetric positive definite solution of T Σc T = Σs, and maps μc to μs. */
    @Test
    void mapIsTheSymmetricPositiveSolution() {
        Random r = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            double[][] sc = randomSpd(r), ss = randomSpd(r);
            double[] mc = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            double[] ms = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            double[][] a = LinearColourMap.affine(new ColourMoments(mc, sc, 1), new ColourMoments(ms, ss, 1), 0);
            double[][] t = linearPart(a);
            for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) assertEquals(t[i][j], t[j][i], 1e-12);
            for (double v : SymmetricEigen3.of(t).values()) assertTrue(v > 0);
            double[][] mapped = Matrix3.multiply(Matrix3.multiply(t, sc), t);
            double scale = 0;
            for (double[] row : ss) for (double v : row) scale = Math.max(scale, Math.abs(v));
            for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) assertEquals(ss[i][j], mapped[i][j], 1e-10 * scale);
            for (int k = 0; k < 3; k++) assertEquals(ms[k], t[k][0] * mc[0] + t[k][1] * mc[1] + t[k][2] * mc[2] + a[k][3], 1e-10);
        }
    }

    @Test
    void singularContentNeedsARidge() {
        ColourMoments flat = new ColourMoments(new double[] {0.5, 0.5, 0.5}, new double[3][3], 10);
        ColourMoments style = new ColourMoments(new double[] {0.2, 0.3, 0.4}, new double[][] {{0.01, 0, 0}, {0, 0.01, 0}, {0, 0, 0.01}}, 10);
        assertThrows(IllegalArgumentException.class, () -> LinearColourMap.affine(flat, style, 0));
        double[][] a = LinearColourMap.affine(flat, style, LinearColourMap.QUANTISATION_EPS);
        // Σc' = eps I, Σs' = (0.01 + eps) I: T = sqrt((0.01 + eps) / eps) I, and the mean lands on μs.
        double g = Math.sqrt((0.01 + LinearColourMap.QUANTISATION_EPS) / LinearColourMap.QUANTISATION_EPS);
        assertEquals(g, a[0][0], 1e-9 * g);
        assertEquals(0.2, a[0][0] * 0.5 + a[0][3], 1e-9);
    }

    @Test
    void weightedMomentsEqualThoseOfRepeatedPixels() {
        Random r = new Random(4);
        int n = 7;
        float[] px = new float[3 * n];
        for (int i = 0; i < px.length; i++) px[i] = r.nextFloat();
        float[] w = {0, 1, 2, 3, 1, 0, 2};
        int total = 9;
        float[] rep = new float[3 * total];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < (int) w[i]; q++, k++) for (int c = 0; c < 3; c++) rep[c * total + k] = px[c * n + i];
        }
        float[] ones = new float[total];
        java.util.Arrays.fill(ones, 1);
        ColourMoments a = ColourMoments.of(px, w), b = ColourMoments.of(rep, ones);
        assertEquals(9, a.weight(), 0);
        assertArrayEquals(b.mean(), a.mean(), 1e-7);
        for (int i = 0; i < 3; i++) assertArrayEquals(b.covariance()[i], a.covariance()[i], 1e-7);
        // Plain reference for one entry: population covariance of R and G.
        double mr = 0, mg = 0, crg = 0;
        for (int i = 0; i < total; i++) { mr += rep[i]; mg += rep[total + i]; }
        mr /= total; mg /= total;
        for (int i = 0; i < total; i++) crg += (rep[i] - mr) * (rep[total + i] - mg);
        assertEquals(crg / total, a.covariance()[0][1], 1e-7);
        assertThrows(IllegalArgumentException.class, () -> ColourMoments.of(px, new float[n]));
        assertThrows(IllegalArgumentException.class, () -> ColourMoments.of(px, new float[] {1, -1, 0, 0, 0, 0, 0}));
    }
}
