package dev.photostyle.matting.affine;

import dev.photostyle.io.image.FloatImage;
import java.util.stream.IntStream;

/**
 * Deep Photo Style Transfer's photorealism post-step (Luan, Paris, Shechtman, Bala, CVPR 2017; the
 * {@code smooth_local_affine} kernels of the reference code): fit a per-pixel affine colour map from
 * content to result over a small patch ({@link LocalAffineFit}), smooth the 12 coefficients with a
 * joint bilateral filter guided by the content (spatial sigma = radius / 3 as in the reference,
 * range weight exp(-mean_c(dI_c^2) / (2 edge^2)), window clipped to the image), and re-apply the
 * smoothed maps to the content. Edges of the content therefore stay sharp in the output while
 * noise and texture that the style pass painted in, which no local affine map of the content can
 * express, are removed.
 *
 * <p>Plain multi-threaded Java on float arrays with double accumulators: a 31x31 bilateral of 12
 * planes would need either 961 shifted copies or a huge unfold on the engine. Neighbours whose
 * weight is below e^-30 of the centre's (the centre always weighs 1) are skipped, which changes
 * the result by less than 1e-10 relative, and exp is read from a linearly interpolated table
 * (relative error below 1e-7), which roughly halves the time of the 31x31 window.
 *
 * <pre>{@code
 * FloatImage out = new SmoothLocalAffine(SmoothLocalAffine.Config.DPST).apply(content, stylised);
 * }</pre>
 */
public final class SmoothLocalAffine {

    /** Weights below exp(-CUTOFF) are negligible next to the centre's weight of 1. */
    private static final double CUTOFF = 30;
    /** Table steps per unit exponent for exp(-e), e in [0, CUTOFF]. */
    private static final int STEPS = 1024;

    /**
     * Parameters, defaults from the reference code.
     *
     * @param patchRadius radius of the affine fit patch (1: 3x3)
     * @param regularization ridge on the affine fit's linear part (paper call site: 1e-7)
     * @param filterRadius bilateral window radius (15: 31x31); spatial sigma is radius / 3
     * @param filterEdge bilateral range sigma on the content colour (0.1)
     */
    public record Config(int patchRadius, double regularization, int filterRadius, double filterEdge) {
        /**
         * The values of the one reference whose defaults we can cite: the TensorFlow port
         * (LouieYang/deep-photo-styletransfer-tf, {@code deep_photostyle.py}: {@code --f_radius 15},
         * {@code --f_edge 1e-1}; {@code smooth_local_affine(..., 1e-7, 3, h, w, f_radius, f_edge)}),
         * i.e. a 3x3 patch, eps 1e-7, radius 15, edge 0.1. The Lua forks of Luan's code we could
         * read ({@code deepmatting_seg.lua} derivatives) use {@code -f_edge 0.01}, which smooths the
         * coefficients far less across colour edges; 0.01 stays available as {@link #LUA_FORKS}.
         */
        public static final Config DPST = new Config(1, 1e-7, 15, 0.1);

        /** As {@link #DPST} with the Lua forks' range sigma, 0.01. */
        public static final Config LUA_FORKS = new Config(1, 1e-7, 15, 0.01);

        /**
         * As {@link #DPST} but with the ridge the reference CUDA kernel really applies: it ignores its
         * epsilon argument and hard-codes 1e-3 on the colour diagonal of the un-normalised normal
         * matrix, which pulls low-texture patches towards their mean (about 1e-2 on a noisy ramp).
         */
        public static final Config REFERENCE_KERNEL = new Config(1, 1e-3, 15, 0.1);

        public Config {
            if (patchRadius < 0) throw new IllegalArgumentException("patch radius must be >= 0, got " + patchRadius);
            if (!(regularization > 0)) throw new IllegalArgumentException("regularization must be > 0, got " + regularization);
            if (filterRadius < 1) throw new IllegalArgumentException("filter radius must be >= 1, got " + filterRadius);
            if (!(filterEdge > 0)) throw new IllegalArgumentException("filter edge must be > 0, got " + filterEdge);
        }

        /** Spatial Gaussian sigma in pixels, radius / 3 as in the reference. */
        public double spatialSigma() {
            return filterRadius / 3.0;
        }
    }

    private final Config config;

    public SmoothLocalAffine(Config config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    public Config config() {
        return config;
    }

    /** The post-processed result: RGB of the content's size (3 channels). */
    public FloatImage apply(FloatImage content, FloatImage result) {
        FloatImage coeffs = LocalAffineFit.fit(content, result, config.patchRadius(), config.regularization());
        return LocalAffineFit.apply(smooth(coeffs, content), content);
    }

    /** Joint-bilateral smoothing of 12-channel coefficients guided by the content's RGB. */
    public FloatImage smooth(FloatImage coefficients, FloatImage content) {
        if (coefficients.channels() != LocalAffineFit.CHANNELS || !coefficients.sameSize(content)
                || content.channels() < 3) {
            throw new IllegalArgumentException("coefficients " + coefficients + " and content " + content + " do not match");
        }
        int w = content.width();
        int h = content.height();
        int n = w * h;
        int r = config.filterRadius();
        int k = LocalAffineFit.CHANNELS;
        // Interleave per pixel so a tap reads contiguous memory.
        float[] planar = coefficients.toArray();
        float[] coef = new float[k * n];
        for (int ch = 0; ch < k; ch++) for (int i = 0; i < n; i++) coef[i * k + ch] = planar[ch * n + i];
        float[] cp = content.rgb().toArray();
        float[] guide = new float[3 * n];
        for (int ch = 0; ch < 3; ch++) for (int i = 0; i < n; i++) guide[i * 3 + ch] = cp[ch * n + i];
        int side = 2 * r + 1;
        double s = config.spatialSigma();
        double[] spatial = new double[side * side]; // exponent, not weight, so the cutoff test is one add
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) spatial[(dy + r) * side + dx + r] = (dx * dx + dy * dy) / (2 * s * s);
        }
        double range = 1.0 / (3 * 2 * config.filterEdge() * config.filterEdge()); // mean over 3 channels
        double[] expTable = new double[(int) CUTOFF * STEPS + 2];
        for (int i = 0; i < expTable.length; i++) expTable[i] = Math.exp(-(double) i / STEPS);
        float[] out = new float[k * n];
        IntStream.range(0, h).parallel().forEach(y -> {
            double[] acc = new double[k];
            for (int x = 0; x < w; x++) {
                java.util.Arrays.fill(acc, 0);
                double total = 0;
                int id = y * w + x;
                float g0 = guide[3 * id], g1 = guide[3 * id + 1], g2 = guide[3 * id + 2];
                for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
                    int srow = (yy - y + r) * side + r - x;
                    for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
                        int j = yy * w + xx;
                        double d0 = guide[3 * j] - g0, d1 = guide[3 * j + 1] - g1, d2 = guide[3 * j + 2] - g2;
                        double e = spatial[srow + xx] + (d0 * d0 + d1 * d1 + d2 * d2) * range;
                        if (e > CUTOFF) continue;
                        double u = e * STEPS;
                        int t = (int) u;
                        double wt = expTable[t] + (u - t) * (expTable[t + 1] - expTable[t]);
                        total += wt;
                        int base = j * k;
                        for (int c = 0; c < k; c++) acc[c] += wt * coef[base + c];
                    }
                }
                for (int c = 0; c < k; c++) out[c * n + id] = (float) (acc[c] / total);
            }
        });
        return FloatImage.wrap(w, h, k, out);
    }
}
