package dev.photostyle.metrics;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.matting.affine.AffineWindow;

/**
 * A photorealism proxy: how far the result is, locally, from an affine colour transform of the
 * content. Deep Photo Style Transfer (F. Luan, S. Paris, E. Shechtman, K. Bala, CVPR 2017) regularises
 * with the matting Laplacian (A. Levin, D. Lischinski, Y. Weiss, "A closed-form solution to natural
 * image matting", PAMI 2008), whose penalty is exactly the residual of such per-window affine fits;
 * this measures that residual directly.
 *
 * <p>For every window of {@code (2 radius + 1)^2} pixels (centred on each pixel, clipped at the
 * border) and each output channel k, fit {@code result_k ~ a_k . content + b_k} by least squares with
 * ridge {@code eps} on {@code a_k}: {@code a_k = (Cov(I) + eps Id)^-1 Cov(I, p_k)}. The window's
 * residual is the mean squared error over its pixels, averaged over the three channels
 * ({@link AffineWindow}, the fit DPST's post-step uses too); the metric is the mean over windows.
 * Units are squared [0, 1] values: 0 for an exact affine map of the content (up to a ridge bias of
 * about {@code Var(p) (eps / (Var(I) + eps))^2}), around the noise variance for painted-in noise.
 *
 * <p>Example: {@code double r = AffineResidual.DEFAULT.mean(content, result, null);}
 *
 * @param radius window radius in pixels (1: 3x3 windows, as in the matting Laplacian)
 * @param eps ridge on the affine coefficients, keeps flat windows well-posed
 */
public record AffineResidual(int radius, double eps) {
    /**
     * 3x3 windows, eps = 1e-7 (Levin et al.'s matting value, also used by Deep Photo Style
     * Transfer): small enough that the ridge bias on an unchanged image is negligible (~1e-11).
     */
    public static final AffineResidual DEFAULT = new AffineResidual(1, 1e-7);

    public AffineResidual {
        if (radius < 1) throw new IllegalArgumentException("radius must be >= 1, got " + radius);
        if (!(eps > 0)) throw new IllegalArgumentException("eps must be positive, got " + eps);
    }

    /** Mean window residual over windows centred where {@code mask} is true (all if null). */
    public double mean(FloatImage content, FloatImage result, boolean[] mask) {
        return Ssim.meanOver(map(content, result), mask);
    }

    /**
     * Per-pixel map: the residual of the window centred on each pixel ({@code width * height}
     * values, row-major).
     */
    public double[] map(FloatImage content, FloatImage result) {
        if (!content.sameSize(result)) throw new IllegalArgumentException("affine residual needs equal sizes, got " + content + " and " + result);
        if (content.channels() < 3 || result.channels() < 3) {
            throw new IllegalArgumentException("affine residual needs RGB images, got " + content + " and " + result);
        }
        int w = content.width(), h = content.height();
        AffineWindow win = new AffineWindow(content.rgb().toArray(), result.rgb().toArray(), w, h);
        double[] res = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                win.gather(x, y, radius);
                win.solve(eps);
                res[y * w + x] = win.residual();
            }
        }
        return res;
    }
}
