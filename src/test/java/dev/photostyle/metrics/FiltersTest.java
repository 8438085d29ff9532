package dev.photostyle.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FiltersTest {
    /** Plain 2-D correlation with an explicit mirrored-index table (reference). */
    private static double[] reference2d(double[] p, int w, int h, double[][] k) {
        int ry = k.length / 2, rx = k[0].length / 2;
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double acc = 0;
                for (int j = -ry; j <= ry; j++) {
                    for (int i = -rx; i <= rx; i++) {
                        acc += k[j + ry][i + rx] * p[mirror(y + j, h) * w + mirror(x + i, w)];
                    }
                }
                out[y * w + x] = acc;
            }
        }
        return out;
    }

    /** Mirror by unrolling the sequence 0..n-1, n-1..0, 0..n-1, ... explicitly. */
    private static int mirror(int i, int n) {
        int[] seq = new int[2 * n];
        for (int k = 0; k < n; k++) {
            seq[k] = k;
            seq[2 * n - 1 - k] = k;
        }
        return seq[((i % (2 * n)) + 2 * n) % (2 * n)];
    }

    @Test
    void gaussianIsNormalisedSymmetricAndMatchesTheFormula() {
        double[] k = Filters.gaussian(11, 1.5);
        double sum = 0;
        for (double v : k) sum += v;
        assertEquals(1.0, sum, 1e-12);
        for (int i = 0; i < 11; i++) assertEquals(k[i], k[10 - i], 1e-15);
        // Ratio of neighbouring taps is exp(-((t+1)^2 - t^2) / (2 sigma^2)).
        assertEquals(Math.exp(-1 / (2 * 2.25)), k[6] / k[5], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Filters.gaussian(4, 1));
    }

    @Test
    void reflectionFoldsIndicesSymmetrically() {
        int[] expected = {1, 0, 0, 1, 2, 2, 1, 0, 0};
        for (int i = -2; i <= 6; i++) assertEquals(expected[i + 2], Filters.reflect(i, 3), "index " + i);
        assertEquals(0, Filters.reflect(-7, 1));
    }

    @Test
    void gaussianBlurMatchesPlain2dCorrelation() {
        int w = 6, h = 5;
        double[] p = TestImages.randomPlane(w * h, 1);
        double[] g = Filters.gaussian(5, 1.0);
        double[][] k2 = new double[5][5];
        for (int j = 0; j < 5; j++) for (int i = 0; i < 5; i++) k2[j][i] = g[j] * g[i];
        assertArrayEquals(reference2d(p, w, h, k2), Filters.gaussianBlur(p, w, h, 5, 1.0), 1e-12);
    }

    @Test
    void windowLargerThanThePlaneStillMatchesTheReference() {
        int w = 3, h = 2;
        double[] p = TestImages.randomPlane(w * h, 2);
        double[] g = Filters.gaussian(11, 1.5);
        double[][] k2 = new double[11][11];
        for (int j = 0; j < 11; j++) for (int i = 0; i < 11; i++) k2[j][i] = g[j] * g[i];
        assertArrayEquals(reference2d(p, w, h, k2), Filters.gaussianBlur(p, w, h, 11, 1.5), 1e-12);
    }

    @Test
    void sobelMatchesPlain3x3Kernels() {
        int w = 5, h = 4;
        double[] p = TestImages.randomPlane(w * h, 3);
        double[][] kx = {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}};
        double[][] ky = {{-1, -2, -1}, {0, 0, 0}, {1, 2, 1}};
        double[] gx = reference2d(p, w, h, kx), gy = reference2d(p, w, h, ky);
        double[] m = Filters.sobelMagnitude(p, w, h);
        for (int i = 0; i < w * h; i++) assertEquals(Math.sqrt(gx[i] * gx[i] + gy[i] * gy[i]), m[i], 1e-12);
    }

    @Test
    void sobelOfAUnitStepIsFourAtTheEdgeAndZeroInFlatParts() {
        int w = 6, h = 3;
        double[] p = new double[w * h];
        for (int y = 0; y < h; y++) for (int x = 3; x < w; x++) p[y * w + x] = 1;
        double[] m = Filters.sobelMagnitude(p, w, h);
        for (int y = 0; y < h; y++) {
            assertEquals(0, m[y * w], 1e-12);
            assertEquals(4, m[y * w + 2], 1e-12);
            assertEquals(4, m[y * w + 3], 1e-12);
            assertEquals(0, m[y * w + 5], 1e-12);
        }
    }
}
