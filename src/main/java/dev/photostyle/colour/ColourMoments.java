package dev.photostyle.colour;

/**
 * Weighted first and second colour moments of a pixel set: the mean (3 values) and the population
 * covariance (3x3), each pixel counted with a non-negative weight (a hard matte's 0/1, or a soft
 * matte).
 *
 * <p>Pixels are planar, {@code 3 * n} values (channel c of pixel i at {@code c * n + i}), as in
 * {@code FloatImage.toArray()} of an RGB image.
 *
 * <p>Example: {@code ColourMoments m = ColourMoments.of(image.rgb().toArray(), labels.mask(2));}
 *
 * @param mean {@code Σ w x / Σ w}
 * @param covariance {@code Σ w (x − mean)(x − mean)ᵀ / Σ w}
 * @param weight {@code Σ w} (positive)
 */
public record ColourMoments(double[] mean, double[][] covariance, double weight) {
    public ColourMoments {
        if (mean.length != 3 || covariance.length != 3) throw new IllegalArgumentException("mean must have 3 values and covariance 3 rows");
        if (!(weight > 0)) throw new IllegalArgumentException("moments need a positive total weight, got " + weight);
        mean = mean.clone();
        covariance = copy(covariance);
    }

    @Override public double[] mean() { return mean.clone(); }

    @Override public double[][] covariance() { return copy(covariance); }

    /**
     * Moments of planar RGB {@code pixels} ({@code 3 * n} values) weighted by {@code weights}
     * ({@code n} values, each {@code >= 0}, not all 0).
     */
    public static ColourMoments of(float[] pixels, float[] weights) {
        int n = weights.length;
        if (pixels.length != 3 * n) throw new IllegalArgumentException("pixels have " + pixels.length + " values, expected 3 x " + n + " weights");
        // Two passes (mean, then centred products): a large, nearly flat region keeps its small covariance.
        double[] mu = new double[3];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double w = weights[i];
            if (!(w >= 0)) throw new IllegalArgumentException("weights must be >= 0, got " + w + " at pixel " + i);
            if (w == 0) continue;
            for (int c = 0; c < 3; c++) mu[c] += w * pixels[c * n + i];
            total += w;
        }
        if (total == 0) throw new IllegalArgumentException("the weights select no pixel");
        for (int c = 0; c < 3; c++) mu[c] /= total;
        double[][] s = new double[3][3];
        double[] d = new double[3];
        for (int i = 0; i < n; i++) {
            double w = weights[i];
            if (w == 0) continue;
            for (int c = 0; c < 3; c++) d[c] = pixels[c * n + i] - mu[c];
            for (int a = 0; a < 3; a++) for (int b = a; b < 3; b++) s[a][b] += w * d[a] * d[b];
        }
        for (int a = 0; a < 3; a++) for (int b = a; b < 3; b++) {
            s[a][b] /= total;
            s[b][a] = s[a][b];
        }
        return new ColourMoments(mu, s, total);
    }

    static double[][] copy(double[][] m) {
        return new double[][] {m[0].clone(), m[1].clone(), m[2].clone()};
    }
}
