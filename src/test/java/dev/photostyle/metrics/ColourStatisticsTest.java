package dev.photostyle.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.photostyle.io.image.FloatImage;
import org.junit.jupiter.api.Test;

class ColourStatisticsTest {
    @Test
    void meanAndCovarianceMatchAPlainComputation() {
        FloatImage img = TestImages.random(5, 4, 3);
        boolean[] mask = new boolean[20];
        for (int i = 0; i < 20; i += 3) mask[i] = true;
        ColourStatistics s = ColourStatistics.of(img, mask);
        double[] lab = Lab.of(img);
        int n = 0;
        double[] mu = new double[3];
        for (int i = 0; i < 20; i++) if (mask[i]) { n++; for (int c = 0; c < 3; c++) mu[c] += lab[c * 20 + i]; }
        for (int c = 0; c < 3; c++) mu[c] /= n;
        assertEquals(n, s.count());
        for (int a = 0; a < 3; a++) {
            assertEquals(mu[a], s.mean()[a], 1e-9);
            for (int b = 0; b < 3; b++) {
                double cov = 0;
                for (int i = 0; i < 20; i++) if (mask[i]) cov += (lab[a * 20 + i] - mu[a]) * (lab[b * 20 + i] - mu[b]);
                assertEquals(cov / n, s.covariance()[a][b], 1e-9);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ColourStatistics.of(img, new boolean[20]));
    }

    @Test
    void identicalStatisticsAreZeroApart() {
        ColourStatistics s = ColourStatistics.of(TestImages.random(6, 6, 1), null);
        assertEquals(0, s.w2Distance(s), 1e-6);
    }

    @Test
    void shiftedMeansAreTheMeanDistanceApart() {
        double[][] cov = {{30, 5, -2}, {5, 20, 3}, {-2, 3, 10}};
        ColourStatistics a = new ColourStatistics(new double[] {50, 10, -5}, cov, 100);
        ColourStatistics b = new ColourStatistics(new double[] {53, 14, -5}, cov, 100);
        assertEquals(5.0, a.w2Distance(b), 1e-6);
        assertEquals(5.0, b.w2Distance(a), 1e-6);
    }

    @Test
    void isotropicCovariancesGiveTheClosedForm() {
        double[] mu = {50, 0, 0};
        ColourStatistics a = new ColourStatistics(mu, new double[][] {{4, 0, 0}, {0, 4, 0}, {0, 0, 4}}, 10);
        ColourStatistics b = new ColourStatistics(mu, new double[][] {{25, 0, 0}, {0, 25, 0}, {0, 0, 25}}, 10);
        // W2^2 = sum over axes of (sigma1 - sigma2)^2 = 3 * 9.
        assertEquals(Math.sqrt(27), a.w2Distance(b), 1e-9);
    }

    @Test
    void generalCovariancesAreSymmetricInTheArguments() {
        ColourStatistics a = ColourStatistics.of(TestImages.random(8, 8, 11), null);
        ColourStatistics b = ColourStatistics.of(TestImages.smooth(8, 8), null);
        assertEquals(a.w2Distance(b), b.w2Distance(a), 1e-6);
    }
}
