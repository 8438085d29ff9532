package dev.photostyle.metrics;

import dev.photostyle.io.image.FloatImage;

/**
 * Edge maps and edge SSIM: how well a result keeps the content's edges (a structure measure that
 * ignores the colour shift a style transfer is meant to make).
 *
 * <p>The edge map is the Sobel gradient magnitude of Rec. 709 luma (I. Sobel, G. Feldman, "A 3x3
 * isotropic gradient operator for image processing", 1968) divided by 4, the response of the
 * unscaled Sobel kernel to a full-range (0 to 1) step edge. So a full-contrast edge reads 1, the same
 * dynamic range as the image, and edge SSIM uses {@link Ssim} with L = 1 unchanged. (Values reach
 * at most sqrt(2), at a diagonal full-range corner; the rare overshoot only makes C1, C2 slightly
 * smaller relative to the signal.)
 *
 * <p>Example: {@code double e = EdgeMaps.edgeSsim(Ssim.STANDARD, result, content, null);}
 */
public final class EdgeMaps {
    /** Sobel response to a unit step edge; dividing by it maps such an edge to 1. */
    public static final double SOBEL_UNIT_STEP = 4.0;

    private EdgeMaps() {}

    /** The normalised edge map of {@code image}: {@code width * height} values, row-major. */
    public static double[] of(FloatImage image) {
        double[] m = Filters.sobelMagnitude(Luminance.of(image), image.width(), image.height());
        for (int i = 0; i < m.length; i++) m[i] /= SOBEL_UNIT_STEP;
        return m;
    }

    /**
     * SSIM between the edge maps of two equally sized images, averaged over {@code mask} (all
     * pixels if null).
     */
    public static double edgeSsim(Ssim ssim, FloatImage a, FloatImage b, boolean[] mask) {
        if (!a.sameSize(b)) throw new IllegalArgumentException("edge SSIM needs equal sizes, got " + a + " and " + b);
        double[] s = ssim.map(of(a), of(b), a.width(), a.height());
        return Ssim.meanOver(s, mask);
    }
}
