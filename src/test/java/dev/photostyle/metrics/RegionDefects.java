package dev.photostyle.metrics;

import dev.photostyle.io.image.FloatImage;

/** Synthetic content/result pairs with and without the defects of a region-wise recolouring. */
final class RegionDefects {
    static final int W = 128, H = 96, N = W * H;
    /** Navy and lilac offsets given to the two halves of the split sky. */
    static final double[] NAVY = {-0.35, -0.3, -0.05}, LILAC = {0.1, -0.05, 0.1};

    private RegionDefects() {}

    /** A sky: a colour that depends on y only (light blue at the top to near white at the bottom). */
    static FloatImage sky() {
        float[] d = new float[3 * N];
        for (int y = 0; y < H; y++) {
            double t = y / (H - 1.0);
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                d[i] = (float) (0.45 + 0.4 * t);
                d[N + i] = (float) (0.6 + 0.3 * t);
                d[2 * N + i] = (float) (0.85 + 0.1 * t);
            }
        }
        return FloatImage.wrap(W, H, 3, d);
    }

    /** {@code img} with {@code left} added to every pixel with x < W/2 and {@code right} to the rest. */
    static FloatImage split(FloatImage img, double[] left, double[] right) {
        float[] d = img.toArray();
        for (int i = 0; i < N; i++) {
            double[] o = i % W < W / 2 ? left : right;
            for (int c = 0; c < 3; c++) d[c * N + i] += (float) o[c];
        }
        return FloatImage.wrap(W, H, 3, d);
    }

    /** {@code img} plus {@code amount * x / (W - 1)} in every channel: a smooth horizontal ramp. */
    static FloatImage ramp(FloatImage img, double[] amount) {
        float[] d = img.toArray();
        for (int i = 0; i < N; i++) {
            double t = (i % W) / (W - 1.0);
            for (int c = 0; c < 3; c++) d[c * N + i] += (float) (amount[c] * t);
        }
        return FloatImage.wrap(W, H, 3, d);
    }

    /** A mask of the pixels with y < rows. */
    static boolean[] topRows(int rows) {
        boolean[] m = new boolean[N];
        for (int i = 0; i < rows * W; i++) m[i] = true;
        return m;
    }

    static boolean[] not(boolean[] m) {
        boolean[] o = new boolean[m.length];
        for (int i = 0; i < m.length; i++) o[i] = !m[i];
        return o;
    }

    /** Pixels from {@code a} where {@code mask}, else from {@code b}. */
    static FloatImage select(boolean[] mask, FloatImage a, FloatImage b) {
        float[] x = a.toArray(), y = b.toArray();
        int n = mask.length;
        for (int i = 0; i < n; i++) {
            if (mask[i]) continue;
            for (int c = 0; c < 3; c++) x[c * n + i] = y[c * n + i];
        }
        return FloatImage.wrap(a.width(), a.height(), 3, x);
    }

    static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    /** A recolouring that scales the channels very differently and mixes them. */
    static final double[][] ANISOTROPIC = {{1.6, 0.2, 0}, {0, 0.4, 0.1}, {0.3, 0, 0.9}};
    static final double[] SHIFT = {-0.1, 0.2, 0.05};
}
