package dev.photostyle.matting.affine;

import dev.photostyle.linalg.Matrix3;

/**
 * The least-squares affine colour map of one image window: for the pixels j of the
 * {@code (2r+1)^2} window around (x, y), clipped to the image, and each output channel k it solves
 * {@code min_{a_k, b_k} mean_j (a_k . c_j + b_k - o_kj)^2 + ridge |a_k|^2} (c content RGB, o result
 * RGB), i.e. {@code a_k = (Cov(c) + ridge I)^-1 Cov(c, o_k)}, {@code b_k = mean(o_k) - a_k . mean(c)},
 * and gives its residual. This is the per-window kernel of Levin, Lischinski, Weiss, "A closed-form
 * solution to natural image matting" (PAMI 2008), shared by Deep Photo Style Transfer's best local
 * affine fit ({@link LocalAffineFit}) and the photorealism metric ({@code metrics.AffineResidual}).
 *
 * <p>Covariances are population moments ({@code / n}) in double precision. A mutable scratch
 * object over planar RGB arrays ({@code 3 * width * height} floats, channel c of pixel i at
 * {@code c * n + i}): one per thread, reused from window to window.
 *
 * <pre>{@code
 * AffineWindow win = new AffineWindow(contentRgb, resultRgb, w, h);
 * win.gather(x, y, 1);                // 3x3 window around (x, y)
 * win.solve(1e-7);
 * double a01 = win.coefficient(0, 1); // weight of content G in output R
 * double r = win.residual();          // ~0 if the result is an affine map of the content there
 * }</pre>
 */
public final class AffineWindow {
    private final float[] content;
    private final float[] result;
    private final int width;
    private final int height;
    private final int n;
    private int count;
    private final double[] meanC = new double[3];
    private final double[] meanO = new double[3];
    private final double[] varO = new double[3];
    private final double[][] covCC = new double[3][3];
    private final double[][] covCO = new double[3][3]; // [a][k] = Cov(c_a, o_k)
    private final double[][] coef = new double[3][4];  // [k][0..2] weights, [k][3] offset
    private boolean solved;

    /**
     * @param content planar RGB content, {@code 3 * width * height} values
     * @param result  planar RGB result, same size
     */
    public AffineWindow(float[] content, float[] result, int width, int height) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        int n = width * height;
        if (content.length != 3 * n || result.length != 3 * n) {
            throw new IllegalArgumentException("expected 3 x " + n + " planar RGB values, got " + content.length + " and " + result.length);
        }
        this.content = content;
        this.result = result;
        this.width = width;
        this.height = height;
        this.n = n;
    }

    /** Collects the moments of the window of radius {@code radius >= 0} around (x, y), clipped to the image. */
    public void gather(int x, int y, int radius) {
        // Sums first, in the moment arrays themselves (no allocation per window), then moments.
        java.util.Arrays.fill(meanC, 0);
        java.util.Arrays.fill(meanO, 0);
        java.util.Arrays.fill(varO, 0);
        for (int a = 0; a < 3; a++) {
            java.util.Arrays.fill(covCC[a], 0);
            java.util.Arrays.fill(covCO[a], 0);
        }
        int cnt = 0;
        for (int yy = Math.max(0, y - radius); yy <= Math.min(height - 1, y + radius); yy++) {
            for (int xx = Math.max(0, x - radius); xx <= Math.min(width - 1, x + radius); xx++) {
                int j = yy * width + xx;
                cnt++;
                for (int a = 0; a < 3; a++) {
                    double ca = content[a * n + j];
                    double oa = result[a * n + j];
                    meanC[a] += ca;
                    meanO[a] += oa;
                    varO[a] += oa * oa;
                    for (int b = 0; b < 3; b++) {
                        covCC[a][b] += ca * content[b * n + j];
                        covCO[a][b] += ca * result[b * n + j];
                    }
                }
            }
        }
        count = cnt;
        for (int a = 0; a < 3; a++) {
            meanC[a] /= cnt;
            meanO[a] /= cnt;
        }
        for (int a = 0; a < 3; a++) {
            varO[a] = varO[a] / cnt - meanO[a] * meanO[a];
            for (int b = 0; b < 3; b++) {
                covCC[a][b] = covCC[a][b] / cnt - meanC[a] * meanC[b];
                covCO[a][b] = covCO[a][b] / cnt - meanC[a] * meanO[b];
            }
        }
        solved = false;
    }

    /** Pixels in the gathered window. */
    public int count() { return count; }

    /**
     * Solves for the affine map of the gathered window with {@code ridge > 0} added to the colour
     * covariance's diagonal (per pixel: a ridge lambda on the window's summed normal equations is
     * {@code lambda / count()} here).
     */
    public void solve(double ridge) {
        if (count == 0) throw new IllegalStateException("gather a window before solving");
        if (!(ridge > 0)) throw new IllegalArgumentException("ridge must be > 0, got " + ridge);
        double[][] m = new double[3][3];
        for (int a = 0; a < 3; a++) {
            System.arraycopy(covCC[a], 0, m[a], 0, 3);
            m[a][a] += ridge;
        }
        double[][] inv = Matrix3.inverseSymmetric(m);
        for (int k = 0; k < 3; k++) {
            double off = meanO[k];
            for (int a = 0; a < 3; a++) {
                double w = inv[a][0] * covCO[0][k] + inv[a][1] * covCO[1][k] + inv[a][2] * covCO[2][k];
                coef[k][a] = w;
                off -= w * meanC[a];
            }
            coef[k][3] = off;
        }
        solved = true;
    }

    /**
     * Coefficient of the last {@link #solve}: for output channel {@code k}, the weight of content
     * channel {@code j} (j = 0..2) or the offset (j = 3).
     */
    public double coefficient(int k, int j) {
        requireSolved();
        return coef[k][j];
    }

    /**
     * Mean squared error of the last {@link #solve} over the window's pixels, averaged over the three
     * output channels: {@code Var(o_k) - 2 a_k . Cov(c, o_k) + a_k^T Cov(c) a_k}, clamped at 0
     * (it is non-negative in exact arithmetic).
     */
    public double residual() {
        requireSolved();
        double total = 0;
        for (int k = 0; k < 3; k++) {
            double r = varO[k];
            for (int a = 0; a < 3; a++) {
                r -= 2 * coef[k][a] * covCO[a][k];
                for (int b = 0; b < 3; b++) r += coef[k][a] * covCC[a][b] * coef[k][b];
            }
            total += Math.max(0, r);
        }
        return total / 3;
    }

    private void requireSolved() {
        if (!solved) throw new IllegalStateException("solve the gathered window first");
    }
}
