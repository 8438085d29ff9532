package dev.photostyle.metrics;

import dev.photostyle.io.image.FloatImage;

/**
 * Rec. ITU-R BT.709 luma of an RGB image: {@code Y = 0.2126 R + 0.7152 G + 0.0722 B}, applied to the
 * stored (display-referred) values, as image-quality metrics conventionally do.
 *
 * <p>Example: {@code double[] y = Luminance.of(image); // width * height values, row-major}
 */
public final class Luminance {
    /** Rec. 709 weights of R, G and B. */
    public static final double KR = 0.2126, KG = 0.7152, KB = 0.0722;

    private Luminance() {}

    /** The luma plane of {@code image} (gray images are replicated to RGB first; alpha is ignored). */
    public static double[] of(FloatImage image) {
        FloatImage rgb = image.rgb();
        int n = rgb.pixels();
        float[] d = rgb.toArray();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = KR * d[i] + KG * d[n + i] + KB * d[2 * n + i];
        return y;
    }
}
