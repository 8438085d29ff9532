package dev.photostyle.matting.upsample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.matting.filter.GuidedFilter;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Brings a working-size result to full resolution by transferring local affine colour maps:
 * guided-filter coefficients (A, b) are fitted between the small content and the small result,
 * upsampled bilinearly, and applied to the full-resolution content, so full-resolution detail comes
 * from the content while colours follow the result. For an RGB result the maps are fitted to the
 * <em>change</em> (result minus content) and added to the full-size content, so the regulariser
 * pulls toward "unchanged" and an untouched result upsamples to the content exactly. This is the Fast Guided Filter (He, Sun,
 * "Fast Guided Filter", arXiv:1505.00996, 2015) and the idea of bilateral guided upsampling (Chen,
 * Adams, Wadhwa, Hasinoff, "Bilateral Guided Upsampling", SIGGRAPH Asia 2016).
 *
 * <p>The fit runs on the engine in float64 (the small image is tiny); the full-resolution apply is
 * plain multi-threaded Java streaming one output row at a time, so memory beyond the full-size
 * content and output is only the small coefficient planes (a 3840x2160 output needs ~200 MB).
 * Bilinear interpolation uses the half-pixel-centre convention of
 * {@link dev.photostyle.io.image.Resampler}, clamped at the borders.
 *
 * <pre>{@code
 * FloatImage full = new GuidedUpsampling(GuidedUpsampling.Config.DEFAULT)
 *         .upsample(smallContent, smallResult, fullContent);
 * }</pre>
 */
public final class GuidedUpsampling {

    /**
     * @param radius guided-filter window radius at the working size
     * @param epsilon guided-filter ridge (squared colour units)
     */
    public record Config(int radius, double epsilon) {
        /**
         * 5x5 windows at working size, eps = 1e-7 (DPST's local-affine regulariser): a colour grade the
         * content explains is transferred almost exactly (a larger eps such as 1e-4 shrinks the maps
         * towards the window mean in low-texture areas, ~5e-2 error on a noisy ramp). Raise eps to
         * suppress result texture that the content does not explain.
         */
        public static final Config DEFAULT = new Config(2, 1e-7);

        public Config {
            if (radius < 0) throw new IllegalArgumentException("upsampling radius must be >= 0, got " + radius);
            if (!(epsilon > 0)) throw new IllegalArgumentException("upsampling epsilon must be > 0, got " + epsilon);
        }
    }

    private final Config config;

    public GuidedUpsampling(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public Config config() {
        return config;
    }

    /**
     * The full-resolution result: C channels (the small result's) of {@code fullContent}'s size.
     *
     * @param smallContent content at working size (RGB used; gray is replicated)
     * @param smallResult result at working size, any channel count C, same size as smallContent
     * @param fullContent content at output size (RGB used)
     */
    public FloatImage upsample(FloatImage smallContent, FloatImage smallResult, FloatImage fullContent) {
        try (NDManager m = NDManager.newBaseManager()) {
            return upsample(smallContent, smallResult, fullContent, m);
        }
    }

    /** As {@link #upsample(FloatImage, FloatImage, FloatImage)}, fitting on {@code manager}'s device. */
    public FloatImage upsample(FloatImage smallContent, FloatImage smallResult, FloatImage fullContent, NDManager manager) {
        if (!smallContent.sameSize(smallResult)) {
            throw new IllegalArgumentException("small content " + smallContent + " and result " + smallResult + " differ in size");
        }
        if (smallResult.channels() != 3) {
            return apply(fit(smallContent, smallResult, manager), smallResult.channels(), fullContent);
        }
        // Fit the change, not the result: the ridge then shrinks the maps toward "no change" (not
        // toward a flat colour), so a region the transfer left alone comes back as the full-size
        // content exactly, and low-texture areas keep the content's own contrast.
        FloatImage change = smallResult.minus(smallContent.rgb());
        return fullContent.rgb().plus(apply(fit(smallContent, change, manager), 3, fullContent));
    }

    /**
     * Window-averaged guided-filter coefficients at working size as a 4C-channel image: channel
     * {@code 4c + j} is the weight of content channel j (j < 3) or the offset (j = 3) of output c.
     */
    public FloatImage fit(FloatImage smallContent, FloatImage smallResult, NDManager manager) {
        int w = smallContent.width();
        int h = smallContent.height();
        int c = smallResult.channels();
        int n = w * h;
        try (NDManager sub = manager.newSubManager()) {
            NDArray guide = sub.create(toDouble(smallContent.rgb().toArray()), new Shape(1, 3, h, w));
            NDArray p = sub.create(toDouble(smallResult.toArray()), new Shape(1, c, h, w));
            GuidedFilter.Coefficients k = new GuidedFilter(config.radius(), config.epsilon()).coefficients(guide, p);
            double[] a = k.a().toType(DataType.FLOAT64, false).toDoubleArray(); // channel c*3 + g
            double[] b = k.b().toType(DataType.FLOAT64, false).toDoubleArray();
            float[] out = new float[4 * c * n];
            for (int ch = 0; ch < c; ch++) {
                for (int g = 0; g < 3; g++) {
                    for (int i = 0; i < n; i++) out[(4 * ch + g) * n + i] = (float) a[(3 * ch + g) * n + i];
                }
                for (int i = 0; i < n; i++) out[(4 * ch + 3) * n + i] = (float) b[ch * n + i];
            }
            return FloatImage.wrap(w, h, 4 * c, out);
        }
    }

    /** Bilinearly upsamples 4C-channel coefficients to {@code content}'s size and applies them. */
    public static FloatImage apply(FloatImage coeffs, int channels, FloatImage content) {
        if (coeffs.channels() != 4 * channels) {
            throw new IllegalArgumentException("expected " + 4 * channels + " coefficient channels, got " + coeffs.channels());
        }
        int sw = coeffs.width();
        int sh = coeffs.height();
        int fw = content.width();
        int fh = content.height();
        int fn = fw * fh;
        int sn = sw * sh;
        int k = coeffs.channels();
        float[] a = coeffs.toArray();
        float[] rgb = content.rgb().toArray();
        float[] out = new float[channels * fn];
        int[] x0 = new int[fw];
        int[] x1 = new int[fw];
        float[] fx = new float[fw];
        taps(sw, fw, x0, x1, fx);
        int[] y0 = new int[fh];
        int[] y1 = new int[fh];
        float[] fy = new float[fh];
        taps(sh, fh, y0, y1, fy);
        IntStream.range(0, fh).parallel().forEach(y -> {
            // Coefficients of this output row at working-size columns: k x sw.
            float[] row = new float[k * sw];
            int r0 = y0[y] * sw;
            int r1 = y1[y] * sw;
            float t = fy[y];
            for (int ch = 0; ch < k; ch++) {
                int base = ch * sn;
                for (int x = 0; x < sw; x++) {
                    float v0 = a[base + r0 + x];
                    row[ch * sw + x] = v0 + t * (a[base + r1 + x] - v0);
                }
            }
            int line = y * fw;
            for (int x = 0; x < fw; x++) {
                int i = line + x;
                float c0 = rgb[i], c1 = rgb[fn + i], c2 = rgb[2 * fn + i];
                int xa = x0[x], xb = x1[x];
                float s = fx[x];
                for (int ch = 0; ch < channels; ch++) {
                    int o = 4 * ch * sw;
                    float w0 = lerp(row, o + xa, o + xb, s);
                    float w1 = lerp(row, o + sw + xa, o + sw + xb, s);
                    float w2 = lerp(row, o + 2 * sw + xa, o + 2 * sw + xb, s);
                    float bb = lerp(row, o + 3 * sw + xa, o + 3 * sw + xb, s);
                    out[ch * fn + i] = w0 * c0 + w1 * c1 + w2 * c2 + bb;
                }
            }
        });
        return FloatImage.wrap(fw, fh, channels, out);
    }

    private static float lerp(float[] v, int i0, int i1, float t) {
        return v[i0] + t * (v[i1] - v[i0]);
    }

    /** Half-pixel-centred bilinear taps from {@code in} samples to {@code out}, clamped at the ends. */
    private static void taps(int in, int out, int[] lo, int[] hi, float[] frac) {
        double scale = (double) in / out;
        for (int i = 0; i < out; i++) {
            double s = Math.max(0, Math.min(in - 1, (i + 0.5) * scale - 0.5));
            int f = (int) Math.floor(s);
            lo[i] = f;
            hi[i] = Math.min(in - 1, f + 1);
            frac[i] = (float) (s - f);
        }
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }
}
