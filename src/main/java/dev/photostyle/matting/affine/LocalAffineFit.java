package dev.photostyle.matting.affine;

import dev.photostyle.io.image.FloatImage;
import java.util.stream.IntStream;

/**
 * Per-pixel least-squares affine colour transform from a content image to a result image, the
 * "best local affine" step of Deep Photo Style Transfer (Luan, Paris, Shechtman, Bala, CVPR 2017;
 * {@code best_local_affine_kernel} of its {@code smooth_local_affine} post-processing).
 *
 * <p>For every pixel k, over the (2r+1)^2 patch around it clipped to the image, it solves
 * min_{A,b} sum_j |A c_j + b - o_j|^2 + lambda |A|_F^2 (c content RGB, o result RGB). The reference
 * kernel solves the equivalent 4x4 normal equations [sum c c^T + lambda U, sum c; sum c^T, n]; this
 * class solves the centred 3x3 form ({@link AffineWindow} with ridge lambda / n), which is
 * algebraically identical and better conditioned. Note
 * that the reference kernel ignores its {@code epsilon} argument (1e-7 at the call site) and
 * hard-codes lambda = 1e-3; {@code SmoothLocalAffine.Config} offers both. Plain multi-threaded Java
 * in double precision.
 *
 * <p>Coefficient layout ({@link #apply}): a 12-channel {@link FloatImage}, channel {@code 4*o + j}
 * holding, for output channel o, the weight of content channel j (j = 0..2) and the offset (j = 3).
 *
 * <pre>{@code
 * FloatImage coeffs = LocalAffineFit.fit(content, result, 1, 1e-7);
 * FloatImage again = LocalAffineFit.apply(coeffs, content); // ~ result
 * }</pre>
 */
public final class LocalAffineFit {
    private LocalAffineFit() {}

    /** Number of coefficient channels: 3 outputs x (3 weights + 1 offset). */
    public static final int CHANNELS = 12;

    /**
     * Fits the per-pixel affine maps; both images must have the same size and at least three
     * channels (only RGB is used).
     *
     * @param radius patch radius r >= 0 (DPST: 1, a 3x3 patch)
     * @param regularization ridge lambda > 0 on the linear part (DPST: 1e-7; its kernel: 1e-3)
     * @return the 12-channel coefficient image (layout in the class comment)
     */
    public static FloatImage fit(FloatImage content, FloatImage result, int radius, double regularization) {
        checkPair(content, result);
        if (radius < 0) throw new IllegalArgumentException("patch radius must be >= 0, got " + radius);
        if (!(regularization > 0)) throw new IllegalArgumentException("regularization must be > 0, got " + regularization);
        int w = content.width();
        int h = content.height();
        int n = w * h;
        float[] c = content.rgb().toArray();
        float[] o = result.rgb().toArray();
        float[] out = new float[CHANNELS * n];
        IntStream.range(0, h).parallel().forEach(y -> {
            AffineWindow win = new AffineWindow(c, o, w, h);
            for (int x = 0; x < w; x++) {
                win.gather(x, y, radius);
                // lambda sits on the summed normal equations; the window solves the per-pixel (mean) form.
                win.solve(regularization / win.count());
                int k = y * w + x;
                for (int oc = 0; oc < 3; oc++) {
                    for (int j = 0; j < 4; j++) out[(4 * oc + j) * n + k] = (float) win.coefficient(oc, j);
                }
            }
        });
        return FloatImage.wrap(w, h, CHANNELS, out);
    }

    /** Applies 12-channel coefficients (layout in the class comment) to the content's RGB: 3 channels out. */
    public static FloatImage apply(FloatImage coefficients, FloatImage content) {
        if (coefficients.channels() != CHANNELS) {
            throw new IllegalArgumentException("expected " + CHANNELS + " coefficient channels, got " + coefficients.channels());
        }
        if (!coefficients.sameSize(content) || content.channels() < 3) {
            throw new IllegalArgumentException("content " + content + " does not match coefficients " + coefficients);
        }
        int n = content.pixels();
        float[] c = content.rgb().toArray();
        float[] a = coefficients.toArray();
        float[] out = new float[3 * n];
        IntStream.range(0, 3).parallel().forEach(oc -> {
            for (int i = 0; i < n; i++) {
                out[oc * n + i] = (float) ((double) a[(4 * oc) * n + i] * c[i] + (double) a[(4 * oc + 1) * n + i] * c[n + i]
                        + (double) a[(4 * oc + 2) * n + i] * c[2 * n + i] + a[(4 * oc + 3) * n + i]);
            }
        });
        return FloatImage.wrap(content.width(), content.height(), 3, out);
    }

    static void checkPair(FloatImage content, FloatImage result) {
        if (!content.sameSize(result)) {
            throw new IllegalArgumentException("content " + content + " and result " + result + " differ in size");
        }
        if (content.channels() < 3 || result.channels() < 3) {
            throw new IllegalArgumentException("content and result must be RGB, got " + content + " and " + result);
        }
    }
}
