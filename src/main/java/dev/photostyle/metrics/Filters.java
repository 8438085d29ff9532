package dev.photostyle.metrics;

/**
 * The small linear filters the metrics need, on row-major {@code double} planes: a normalised
 * Gaussian, separable convolution, and the Sobel gradient magnitude.
 *
 * <p>Borders use symmetric (half-sample) reflection, {@code ... c b a | a b c ... }, so every pixel
 * gets a full window and a constant image filters to itself (SSIM of a flat region stays defined,
 * a flat border has zero gradient). Reflection repeats as needed for planes smaller than the kernel.
 */
public final class Filters {
    private Filters() {}

    /**
     * A normalised 1-D Gaussian of {@code size} taps (odd) and standard deviation {@code sigma}
     * pixels, centred on the middle tap. Example: {@code gaussian(11, 1.5)} is the SSIM window.
     */
    public static double[] gaussian(int size, double sigma) {
        if (size <= 0 || size % 2 == 0) throw new IllegalArgumentException("kernel size must be odd and positive, got " + size);
        if (!(sigma > 0)) throw new IllegalArgumentException("sigma must be positive, got " + sigma);
        double[] k = new double[size];
        int r = size / 2;
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double t = i - r;
            k[i] = Math.exp(-t * t / (2 * sigma * sigma));
            sum += k[i];
        }
        for (int i = 0; i < size; i++) k[i] /= sum;
        return k;
    }

    /** Index {@code i} folded into [0, n) by symmetric reflection (edge sample repeated). */
    static int reflect(int i, int n) {
        if (n == 1) return 0;
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }

    /**
     * Correlates the {@code w x h} plane with {@code kx} along x and then {@code ky} along y (both
     * odd length, centred). For symmetric kernels this equals convolution.
     */
    public static double[] separable(double[] plane, int w, int h, double[] kx, double[] ky) {
        checkPlane(plane, w, h);
        if (kx.length % 2 == 0 || ky.length % 2 == 0) throw new IllegalArgumentException("kernels must have odd length");
        int rx = kx.length / 2, ry = ky.length / 2;
        double[] tmp = new double[w * h];
        int[] xs = new int[w + 2 * rx];
        for (int i = 0; i < xs.length; i++) xs[i] = reflect(i - rx, w);
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                double acc = 0;
                for (int k = 0; k < kx.length; k++) acc += kx[k] * plane[row + xs[x + k]];
                tmp[row + x] = acc;
            }
        }
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int k = 0; k < ky.length; k++) {
                double wk = ky[k];
                int src = reflect(y + k - ry, h) * w;
                int dst = y * w;
                for (int x = 0; x < w; x++) out[dst + x] += wk * tmp[src + x];
            }
        }
        return out;
    }

    /** Gaussian blur: {@link #separable} with {@code gaussian(size, sigma)} on both axes. */
    public static double[] gaussianBlur(double[] plane, int w, int h, int size, double sigma) {
        double[] k = gaussian(size, sigma);
        return separable(plane, w, h, k, k);
    }

    /**
     * Sobel gradient magnitude {@code sqrt(gx^2 + gy^2)} with the 3x3 kernels
     * {@code gx = [1 2 1]^T [-1 0 1]} and {@code gy = [-1 0 1]^T [1 2 1]}, unscaled: a unit step edge
     * gives 4 (see {@link EdgeMaps} for the normalised map).
     */
    public static double[] sobelMagnitude(double[] plane, int w, int h) {
        double[] smooth = {1, 2, 1};
        double[] diff = {-1, 0, 1};
        double[] gx = separable(plane, w, h, diff, smooth);
        double[] gy = separable(plane, w, h, smooth, diff);
        double[] m = new double[w * h];
        for (int i = 0; i < m.length; i++) m[i] = Math.sqrt(gx[i] * gx[i] + gy[i] * gy[i]);
        return m;
    }

    static void checkPlane(double[] plane, int w, int h) {
        if (w <= 0 || h <= 0) throw new IllegalArgumentException("plane size must be positive, got " + w + "x" + h);
        if (plane.length != w * h) {
            throw new IllegalArgumentException("plane has " + plane.length + " values, expected " + w * h + " for " + w + "x" + h);
        }
    }
}
