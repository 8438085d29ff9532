package dev.photostyle.metrics;

import dev.photostyle.io.image.FloatImage;

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
 * residual is the mean squared error over its pixels, averaged over the three channels; the metric
 * is the mean over windows. Units are squared [0, 1] values: 0 for an exact affine map of the
 * content (up to a ridge bias of about {@code Var(p) (eps / (Var(I) + eps))^2}), around the noise variance for painted-in noise.
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
        int w = content.width(), h = content.height(), n = w * h;
        float[] in = content.rgb().toArray();
        float[] out = result.rgb().toArray();
        double[] res = new double[n];
        double[] mi = new double[3], mp = new double[3];
        double[][] sii = new double[3][3], sip = new double[3][3];
        double[] spp = new double[3];
        double[] iv = new double[3], pv = new double[3];
        double[][] inv = new double[3][3];
        for (int y = 0; y < h; y++) {
            int y0 = Math.max(0, y - radius), y1 = Math.min(h - 1, y + radius);
            for (int x = 0; x < w; x++) {
                int x0 = Math.max(0, x - radius), x1 = Math.min(w - 1, x + radius);
                java.util.Arrays.fill(mi, 0);
                java.util.Arrays.fill(mp, 0);
                java.util.Arrays.fill(spp, 0);
                for (int a = 0; a < 3; a++) {
                    java.util.Arrays.fill(sii[a], 0);
                    java.util.Arrays.fill(sip[a], 0);
                }
                int cnt = 0;
                for (int yy = y0; yy <= y1; yy++) {
                    for (int xx = x0; xx <= x1; xx++) {
                        int i = yy * w + xx;
                        iv[0] = in[i];
                        iv[1] = in[n + i];
                        iv[2] = in[2 * n + i];
                        pv[0] = out[i];
                        pv[1] = out[n + i];
                        pv[2] = out[2 * n + i];
                        for (int a = 0; a < 3; a++) {
                            mi[a] += iv[a];
                            mp[a] += pv[a];
                            spp[a] += pv[a] * pv[a];
                            for (int b = 0; b < 3; b++) {
                                sii[a][b] += iv[a] * iv[b];
                                sip[a][b] += iv[a] * pv[b];
                            }
                        }
                        cnt++;
                    }
                }
                // Moments -> (co)variances: sii = Cov(I), sip[a][k] = Cov(I_a, p_k), spp = Var(p_k).
                for (int a = 0; a < 3; a++) { mi[a] /= cnt; mp[a] /= cnt; }
                for (int a = 0; a < 3; a++) {
                    spp[a] = spp[a] / cnt - mp[a] * mp[a];
                    for (int b = 0; b < 3; b++) {
                        sii[a][b] = sii[a][b] / cnt - mi[a] * mi[b];
                        sip[a][b] = sip[a][b] / cnt - mi[a] * mp[b];
                    }
                }
                for (int a = 0; a < 3; a++) sii[a][a] += eps;
                invertSymmetric(sii, inv);
                for (int a = 0; a < 3; a++) sii[a][a] -= eps;
                double total = 0;
                for (int k = 0; k < 3; k++) {
                    double[] c = {sip[0][k], sip[1][k], sip[2][k]};
                    double[] coef = new double[3];
                    for (int a = 0; a < 3; a++) coef[a] = inv[a][0] * c[0] + inv[a][1] * c[1] + inv[a][2] * c[2];
                    // E[(p - a.I - b)^2] with b = mean p - a . mean I.
                    double r = spp[k];
                    for (int a = 0; a < 3; a++) {
                        r -= 2 * coef[a] * c[a];
                        for (int b = 0; b < 3; b++) r += coef[a] * sii[a][b] * coef[b];
                    }
                    total += Math.max(0, r);
                }
                res[y * w + x] = total / 3;
            }
        }
        return res;
    }

    /** Inverse of a symmetric positive-definite 3x3 matrix by cofactors. */
    static void invertSymmetric(double[][] m, double[][] inv) {
        double c00 = m[1][1] * m[2][2] - m[1][2] * m[2][1];
        double c01 = m[1][2] * m[2][0] - m[1][0] * m[2][2];
        double c02 = m[1][0] * m[2][1] - m[1][1] * m[2][0];
        double det = m[0][0] * c00 + m[0][1] * c01 + m[0][2] * c02;
        double c11 = m[0][0] * m[2][2] - m[0][2] * m[2][0];
        double c12 = m[0][1] * m[2][0] - m[0][0] * m[2][1];
        double c22 = m[0][0] * m[1][1] - m[0][1] * m[1][0];
        inv[0][0] = c00 / det; inv[0][1] = c01 / det; inv[0][2] = c02 / det;
        inv[1][0] = c01 / det; inv[1][1] = c11 / det; inv[1][2] = c12 / det;
        inv[2][0] = c02 / det; inv[2][1] = c12 / det; inv[2][2] = c22 / det;
    }
}
