package dev.photostyle.metrics;

import dev.photostyle.io.image.FloatImage;
import java.util.Random;

/** Small deterministic test images. */
final class TestImages {
    private TestImages() {}

    static double[] randomPlane(int n, long seed) {
        Random r = new Random(seed);
        double[] p = new double[n];
        for (int i = 0; i < n; i++) p[i] = r.nextDouble();
        return p;
    }

    static FloatImage random(int w, int h, long seed) {
        Random r = new Random(seed);
        float[] d = new float[3 * w * h];
        for (int i = 0; i < d.length; i++) d[i] = r.nextFloat();
        return FloatImage.wrap(w, h, 3, d);
    }

    /** A smooth colourful image with some texture: sums of sines, in [0.1, 0.9]. */
    static FloatImage smooth(int w, int h) {
        float[] d = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 0.5 + 0.2 * Math.sin(0.37 * x + 1.3 * c) * Math.cos(0.23 * y - c)
                            + 0.2 * Math.sin(0.11 * (x + 2 * y) + c);
                    d[(c * h + y) * w + x] = (float) v;
                }
            }
        }
        return FloatImage.wrap(w, h, 3, d);
    }

    /** Applies {@code out_k = sum_j m[k][j] in_j + t[k]} to every pixel. */
    static FloatImage affine(FloatImage img, double[][] m, double[] t) {
        int n = img.pixels();
        float[] in = img.toArray();
        float[] out = new float[3 * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                out[k * n + i] = (float) (m[k][0] * in[i] + m[k][1] * in[n + i] + m[k][2] * in[2 * n + i] + t[k]);
            }
        }
        return FloatImage.wrap(img.width(), img.height(), 3, out);
    }

    /** {@code img} shifted right by {@code dx} pixels (edge column repeated). */
    static FloatImage shiftX(FloatImage img, int dx) {
        int w = img.width(), h = img.height();
        float[] out = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) out[(c * h + y) * w + x] = img.get(c, Math.max(0, x - dx), y);
            }
        }
        return FloatImage.wrap(w, h, 3, out);
    }
}
