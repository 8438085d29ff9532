package dev.photostyle.metrics;

import dev.photostyle.io.image.FloatImage;

/**
 * Structural similarity index (Z. Wang, A. C. Bovik, H. R. Sheikh, E. P. Simoncelli, "Image quality
 * assessment: from error visibility to structural similarity", IEEE TIP 13(4), 2004).
 *
 * <p>Local means, variances and covariance are Gaussian-weighted ({@code window x window} taps,
 * standard deviation {@code sigma}); per pixel
 * {@code SSIM = (2 mu_a mu_b + C1)(2 s_ab + C2) / ((mu_a^2 + mu_b^2 + C1)(s_a^2 + s_b^2 + C2))} with
 * {@code C1 = (k1 L)^2}, {@code C2 = (k2 L)^2}. Images are compared on Rec. 709 luma
 * ({@link Luminance}). Unlike the paper's "valid" filtering, borders are reflected (see {@link
 * Filters}) so that every pixel has a value and the mean can be taken over any pixel mask.
 *
 * <p>Example: {@code double s = Ssim.STANDARD.mean(result, content, null);}
 *
 * @param k1 luminance stabiliser, 0.01 in the paper
 * @param k2 contrast stabiliser, 0.03 in the paper
 * @param dynamicRange L, the value range of the inputs (1 for [0, 1] images)
 * @param window Gaussian window size in pixels (odd), 11 in the paper
 * @param sigma Gaussian standard deviation in pixels, 1.5 in the paper
 */
public record Ssim(double k1, double k2, double dynamicRange, int window, double sigma) {
    /** The paper's settings for [0, 1] data: K1 = 0.01, K2 = 0.03, L = 1, 11x11 window, sigma 1.5. */
    public static final Ssim STANDARD = new Ssim(0.01, 0.03, 1.0, 11, 1.5);

    public Ssim {
        if (!(k1 > 0) || !(k2 > 0)) throw new IllegalArgumentException("k1 and k2 must be positive, got " + k1 + ", " + k2);
        if (!(dynamicRange > 0)) throw new IllegalArgumentException("dynamic range must be positive, got " + dynamicRange);
        if (window <= 0 || window % 2 == 0) throw new IllegalArgumentException("window must be odd and positive, got " + window);
        if (!(sigma > 0)) throw new IllegalArgumentException("sigma must be positive, got " + sigma);
    }

    /** This configuration with another dynamic range L (e.g. for edge maps). */
    public Ssim withDynamicRange(double l) { return new Ssim(k1, k2, l, window, sigma); }

    /**
     * Mean SSIM of the luma of two equally sized images over the pixels where {@code mask} is true
     * (all pixels when {@code mask} is null). Returns NaN when the mask selects no pixel.
     */
    public double mean(FloatImage a, FloatImage b, boolean[] mask) {
        if (!a.sameSize(b)) throw new IllegalArgumentException("SSIM needs equal sizes, got " + a + " and " + b);
        return meanOver(map(Luminance.of(a), Luminance.of(b), a.width(), a.height()), mask);
    }

    /** Mean SSIM of the luma of two equally sized images over all pixels. */
    public double mean(FloatImage a, FloatImage b) { return mean(a, b, null); }

    /** The per-pixel SSIM map of two {@code w x h} planes (row-major). */
    public double[] map(double[] a, double[] b, int w, int h) {
        Filters.checkPlane(a, w, h);
        Filters.checkPlane(b, w, h);
        int n = w * h;
        double[] aa = new double[n], bb = new double[n], ab = new double[n];
        for (int i = 0; i < n; i++) {
            aa[i] = a[i] * a[i];
            bb[i] = b[i] * b[i];
            ab[i] = a[i] * b[i];
        }
        double[] k = Filters.gaussian(window, sigma);
        double[] muA = Filters.separable(a, w, h, k, k);
        double[] muB = Filters.separable(b, w, h, k, k);
        double[] eAA = Filters.separable(aa, w, h, k, k);
        double[] eBB = Filters.separable(bb, w, h, k, k);
        double[] eAB = Filters.separable(ab, w, h, k, k);
        double c1 = (k1 * dynamicRange) * (k1 * dynamicRange);
        double c2 = (k2 * dynamicRange) * (k2 * dynamicRange);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            double ma = muA[i], mb = muB[i];
            double va = eAA[i] - ma * ma, vb = eBB[i] - mb * mb, cov = eAB[i] - ma * mb;
            s[i] = (2 * ma * mb + c1) * (2 * cov + c2) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
        }
        return s;
    }

    /** Mean of {@code map} where {@code mask} is true (everywhere if null); NaN for an empty mask. */
    public static double meanOver(double[] map, boolean[] mask) {
        if (mask != null && mask.length != map.length) {
            throw new IllegalArgumentException("mask has " + mask.length + " pixels, map has " + map.length);
        }
        double sum = 0;
        long count = 0;
        for (int i = 0; i < map.length; i++) {
            if (mask == null || mask[i]) {
                sum += map[i];
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
