package dev.photostyle.metrics;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.linalg.Matrix3;
import dev.photostyle.linalg.SymmetricEigen3;

/**
 * First- and second-order colour statistics of a pixel set in CIE Lab ({@link Lab}): the mean
 * (3 values) and the population covariance (3x3), and the 2-Wasserstein distance between the
 * Gaussians they describe:
 * {@code W2 = sqrt(|mu1 - mu2|^2 + tr(S1 + S2 - 2 (S1^1/2 S2 S1^1/2)^1/2))}
 * (D. C. Dowson, B. V. Landau, "The Frechet distance between multivariate normal distributions",
 * J. Multivariate Anal. 12, 1982), in Lab units: two regions whose colours differ by a constant
 * shift of 5 Lab units are 5 apart.
 *
 * <p>Example: {@code double d = ColourStatistics.of(result, maskA).w2Distance(ColourStatistics.of(style, maskB));}
 *
 * @param mean Lab mean {L, a, b}
 * @param covariance 3x3 Lab covariance (population, divides by the pixel count)
 * @param count number of pixels the statistics were taken over (at least 1)
 */
public record ColourStatistics(double[] mean, double[][] covariance, long count) {
    public ColourStatistics {
        if (mean.length != 3 || covariance.length != 3) throw new IllegalArgumentException("mean must have 3 values and covariance 3 rows");
        if (count <= 0) throw new IllegalArgumentException("colour statistics need at least one pixel, got " + count);
        mean = mean.clone();
        covariance = new double[][] {covariance[0].clone(), covariance[1].clone(), covariance[2].clone()};
    }

    @Override public double[] mean() { return mean.clone(); }

    @Override public double[][] covariance() {
        return new double[][] {covariance[0].clone(), covariance[1].clone(), covariance[2].clone()};
    }

    /** Statistics of {@code image}'s pixels where {@code mask} is true (all pixels if null). */
    public static ColourStatistics of(FloatImage image, boolean[] mask) {
        return ofLab(Lab.of(image), image.pixels(), mask);
    }

    /**
     * Statistics of planar Lab data ({@code 3 * pixels} values, as {@link Lab#of} returns) over the
     * pixels where {@code mask} is true (all if null).
     */
    public static ColourStatistics ofLab(double[] lab, int pixels, boolean[] mask) {
        if (lab.length != 3 * pixels) throw new IllegalArgumentException("Lab data has " + lab.length + " values, expected " + 3 * pixels);
        if (mask != null && mask.length != pixels) throw new IllegalArgumentException("mask has " + mask.length + " pixels, expected " + pixels);
        // Two passes (mean, then centred products) for accuracy on large, nearly flat regions.
        double[] mu = new double[3];
        long n = 0;
        for (int i = 0; i < pixels; i++) {
            if (mask != null && !mask[i]) continue;
            for (int c = 0; c < 3; c++) mu[c] += lab[c * pixels + i];
            n++;
        }
        if (n == 0) throw new IllegalArgumentException("mask selects no pixel");
        for (int c = 0; c < 3; c++) mu[c] /= n;
        double[][] s = new double[3][3];
        double[] d = new double[3];
        for (int i = 0; i < pixels; i++) {
            if (mask != null && !mask[i]) continue;
            for (int c = 0; c < 3; c++) d[c] = lab[c * pixels + i] - mu[c];
            for (int a = 0; a < 3; a++) for (int b = a; b < 3; b++) s[a][b] += d[a] * d[b];
        }
        for (int a = 0; a < 3; a++) for (int b = a; b < 3; b++) {
            s[a][b] /= n;
            s[b][a] = s[a][b];
        }
        return new ColourStatistics(mu, s, n);
    }

    /** The 2-Wasserstein distance between the Gaussians N(mean, covariance) of this and {@code o}. */
    public double w2Distance(ColourStatistics o) {
        double meanTerm = 0;
        for (int c = 0; c < 3; c++) meanTerm += (mean[c] - o.mean[c]) * (mean[c] - o.mean[c]);
        double[][] r1 = SymmetricEigen3.sqrtPsd(covariance);
        double[][] cross = Matrix3.multiply(Matrix3.multiply(r1, o.covariance), r1);
        Matrix3.symmetrise(cross); // remove rounding asymmetry before the eigen-solver checks it
        double[][] crossRoot = SymmetricEigen3.sqrtPsd(cross);
        double trace = 0;
        for (int c = 0; c < 3; c++) trace += covariance[c][c] + o.covariance[c][c] - 2 * crossRoot[c][c];
        // The covariance term is >= 0 in exact arithmetic; clamp rounding noise.
        return Math.sqrt(meanTerm + Math.max(0, trace));
    }
}
