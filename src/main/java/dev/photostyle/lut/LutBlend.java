package dev.photostyle.lut;

import dev.photostyle.io.image.FloatImage;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Per-region LUTs applied on the host and blended by region weights:
 * {@code clamp(x + Σ_r w_r (LUT_r(x) − x), 0, 1)} per pixel of the RGB {@code x}; a pixel where every
 * weight is 0 is copied exactly (no clamp, no rounding). The differentiable twin at the working
 * size is {@link LutSlicer}; this one renders a plate at its own size, rows in parallel, or serves
 * loops that fuse the blend with other per-pixel work ({@link #kernel()}).
 *
 * <pre>{@code
 * FloatImage graded = LutBlend.apply(plate, List.of(skyLut, groundLut), Interpolation.TETRAHEDRAL, weights);
 * LutBlend.Kernel k = new LutBlend(luts, interp, weights).kernel(); // one per thread
 * boolean changed = k.blend(i, r, g, b, out);
 * }</pre>
 *
 * @param luts    one LUT per region
 * @param interp  how the LUTs are read
 * @param weights one plane (H·W) per LUT, weights ≥ 0 summing to at most 1
 */
public record LutBlend(List<Lut3d> luts, Interpolation interp, float[][] weights) {
    public LutBlend {
        luts = List.copyOf(luts);
        if (weights.length != luts.size()) throw new IllegalArgumentException("expected " + luts.size() + " weight planes, got " + weights.length);
        for (float[] p : weights) {
            if (p.length != weights[0].length) throw new IllegalArgumentException("weight planes of different sizes");
        }
    }

    /**
     * @param image   RGB (alpha ignored), values seen by the LUTs (clamped to their domain)
     * @param weights one plane (H·W) per LUT, weights ≥ 0 summing to at most 1
     * @return RGB at the image's size
     */
    public static FloatImage apply(FloatImage image, List<Lut3d> luts, Interpolation interp, float[][] weights) {
        int w = image.width(), h = image.height(), n = image.pixels();
        LutBlend blend = new LutBlend(luts, interp, weights);
        if (weights.length > 0 && weights[0].length != n) {
            throw new IllegalArgumentException("weight plane has " + weights[0].length + " pixels, image " + n);
        }
        float[] x = image.rgb().toArray();
        float[] out = x.clone();
        IntStream.range(0, h).parallel().forEach(y -> {
            Kernel k = blend.kernel();
            double[] o = new double[3];
            for (int i = y * w, end = i + w; i < end; i++) {
                if (!k.blend(i, x[i], x[n + i], x[2 * n + i], o)) continue;
                out[i] = (float) o[0];
                out[n + i] = (float) o[1];
                out[2 * n + i] = (float) o[2];
            }
        });
        return FloatImage.wrap(w, h, 3, out);
    }

    /** A kernel with its own scratch arrays: one per thread. */
    public Kernel kernel() {
        return new Kernel();
    }

    /** The blend of one pixel at a time. */
    public final class Kernel {
        private final int[] idx = new int[8];
        private final double[] wt = new double[8];
        private final double[] o = new double[3];

        private Kernel() {}

        /**
         * Pixel {@code i} of colour (r, g, b): writes {@code clamp(x + Σ_r w_r (LUT_r(x) − x), 0, 1)}
         * to {@code out} and returns true, or returns false (out untouched) where no region has weight.
         */
        /**
         * {@link #blend} where region {@code k} alone has weight, and it is 1: {@code clamp(x + (LUT_k(x) − x), 0, 1)},
         * the same value, without reading any matte.
         */
        public void single(int k, double r, double g, double b, double[] out) {
            luts.get(k).lookup(r, g, b, interp, idx, wt, o);
            out[0] = clamp(r + (o[0] - r));
            out[1] = clamp(g + (o[1] - g));
            out[2] = clamp(b + (o[2] - b));
        }

        public boolean blend(int i, double r, double g, double b, double[] out) {
            double d0 = 0, d1 = 0, d2 = 0;
            boolean touched = false;
            for (int k = 0; k < weights.length; k++) {
                float wk = weights[k][i];
                if (wk == 0f) continue;
                luts.get(k).lookup(r, g, b, interp, idx, wt, o);
                d0 += wk * (o[0] - r);
                d1 += wk * (o[1] - g);
                d2 += wk * (o[2] - b);
                touched = true;
            }
            if (!touched) return false;
            out[0] = clamp(r + d0);
            out[1] = clamp(g + d1);
            out[2] = clamp(b + d2);
            return true;
        }
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
