package dev.photostyle.matting.affine;

import dev.photostyle.io.image.FloatImage;
import java.util.Random;

/** Test images: smooth colour ramps, hard-edged blobs and mild noise, values in [0, 1]. */
public final class SyntheticImages {
    private SyntheticImages() {}

    public static FloatImage scene(int w, int h, long seed) {
        Random rnd = new Random(seed);
        float[] d = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean blob = Math.hypot(x - 0.6 * w, y - 0.4 * h) < 0.25 * Math.min(w, h);
                boolean band = (x / 7 + y / 5) % 3 == 0;
                for (int c = 0; c < 3; c++) {
                    double v = 0.2 + 0.5 * x / w * (c + 1) / 3 + 0.2 * y / h;
                    if (blob) v = 0.9 - 0.3 * c + 0.05 * Math.sin(x * 0.3);
                    if (band && !blob) v *= 0.6;
                    v += 0.02 * rnd.nextGaussian();
                    d[(c * h + y) * w + x] = (float) Math.max(0, Math.min(1, v));
                }
            }
        }
        return FloatImage.wrap(w, h, 3, d);
    }

    /** M c + t per pixel. */
    public static FloatImage affine(FloatImage img, double[][] m, double[] t) {
        int n = img.pixels();
        float[] c = img.rgb().toArray();
        float[] o = new float[3 * n];
        for (int oc = 0; oc < 3; oc++) {
            for (int i = 0; i < n; i++) {
                o[oc * n + i] = (float) (m[oc][0] * c[i] + m[oc][1] * c[n + i] + m[oc][2] * c[2 * n + i] + t[oc]);
            }
        }
        return FloatImage.wrap(img.width(), img.height(), 3, o);
    }

    public static final double[][] M = {{0.8, 0.3, -0.2}, {-0.1, 0.6, 0.4}, {0.25, -0.15, 0.9}};
    public static final double[] T = {0.05, -0.1, 0.2};

    public static double maxDiff(FloatImage a, FloatImage b) {
        float[] x = a.toArray();
        float[] y = b.toArray();
        if (x.length != y.length) throw new IllegalArgumentException("size mismatch " + a + " " + b);
        double m = 0;
        for (int i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
        return m;
    }
}
