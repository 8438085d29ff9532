package dev.photostyle.lut;

import dev.photostyle.io.image.FloatImage;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Per-region LUTs applied to an image on the host and blended by region weights:
 * {@code clamp(x + Σ_r w_r (LUT_r(x) − x), 0, 1)} per pixel of the RGB {@code x}; a pixel where every
 * weight is 0 is copied exactly (no clamp, no rounding). The differentiable twin at the working
 * size is {@link LutSlicer}; this one renders a plate at its own size (rows in parallel).
 *
 * <pre>{@code
 * FloatImage graded = LutBlend.apply(plate, List.of(skyLut, groundLut), Interpolation.TETRAHEDRAL, weights);
 * }</pre>
 */
public final class LutBlend {
    private LutBlend() {}

    /**
     * @param image   RGB (alpha ignored), values seen by the LUTs (clamped to their domain)
     * @param weights one plane (H·W) per LUT, weights ≥ 0 summing to at most 1
     * @return RGB at the image's size
     */
    public static FloatImage apply(FloatImage image, List<Lut3d> luts, Interpolation interp, float[][] weights) {
        int w = image.width(), h = image.height(), n = image.pixels();
        if (weights.length != luts.size()) throw new IllegalArgumentException("expected " + luts.size() + " weight planes, got " + weights.length);
        for (float[] p : weights) {
            if (p.length != n) throw new IllegalArgumentException("weight plane has " + p.length + " pixels, image " + n);
        }
        float[] x = image.rgb().toArray();
        float[] out = x.clone();
        IntStream.range(0, h).parallel().forEach(y -> {
            int[] idx = new int[8];
            double[] wt = new double[8];
            double[] o = new double[3];
            for (int i = y * w, end = i + w; i < end; i++) {
                double r = x[i], g = x[n + i], b = x[2 * n + i];
                double d0 = 0, d1 = 0, d2 = 0;
                boolean touched = false;
                for (int k = 0; k < luts.size(); k++) {
                    float wk = weights[k][i];
                    if (wk == 0f) continue;
                    luts.get(k).lookup(r, g, b, interp, idx, wt, o);
                    d0 += wk * (o[0] - r);
                    d1 += wk * (o[1] - g);
                    d2 += wk * (o[2] - b);
                    touched = true;
                }
                if (!touched) continue;
                out[i] = clamp(r + d0);
                out[n + i] = clamp(g + d1);
                out[2 * n + i] = clamp(b + d2);
            }
        });
        return FloatImage.wrap(w, h, 3, out);
    }

    private static float clamp(double v) {
        return (float) Math.max(0, Math.min(1, v));
    }
}
