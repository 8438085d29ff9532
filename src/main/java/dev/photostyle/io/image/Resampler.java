package dev.photostyle.io.image;

/**
 * Separable image resampling with a triangle (bilinear) kernel that widens when shrinking, so a
 * downscale averages every source pixel (antialiased, as PIL's BILINEAR does) and an upscale is
 * plain bilinear interpolation. Pixel centres are aligned (half-pixel convention).
 */
public final class Resampler {
    private Resampler() {}

    /** Resizes every channel of {@code src} to {@code w x h}. */
    public static FloatImage resize(FloatImage src, int w, int h) {
        if (w <= 0 || h <= 0) throw new IllegalArgumentException("target size must be positive: " + w + "x" + h);
        if (src.width() == w && src.height() == h) return src;
        int c = src.channels();
        float[] in = src.toArray();
        float[] out = new float[c * w * h];
        for (int ch = 0; ch < c; ch++) {
            float[] plane = new float[src.pixels()];
            System.arraycopy(in, ch * src.pixels(), plane, 0, plane.length);
            float[] r = resizePlane(plane, src.width(), src.height(), w, h);
            System.arraycopy(r, 0, out, ch * w * h, w * h);
        }
        return FloatImage.wrap(w, h, c, out);
    }

    /** Resizes so that the longer side is {@code longSide} px, keeping the aspect ratio. */
    public static FloatImage resizeLongSide(FloatImage src, int longSide) {
        int[] wh = fitLongSide(src.width(), src.height(), longSide);
        return resize(src, wh[0], wh[1]);
    }

    /** The {width, height} whose longer side is {@code longSide}, aspect kept, at least 1 px. */
    public static int[] fitLongSide(int width, int height, int longSide) {
        if (longSide <= 0) throw new IllegalArgumentException("size must be positive, got " + longSide);
        double s = (double) longSide / Math.max(width, height);
        return new int[] {Math.max(1, (int) Math.round(width * s)), Math.max(1, (int) Math.round(height * s))};
    }

    /**
     * The source index whose pixel centre is nearest to destination index {@code d} when {@code in}
     * samples become {@code out} (half-pixel convention); for data that must not be blended, such
     * as labels and masks.
     */
    public static int nearestSource(int d, int in, int out) {
        return Math.min(in - 1, (int) ((d + 0.5) * in / out));
    }

    /** Nearest-neighbour resize of one plane (row-major {@code sw x sh}) to {@code dw x dh}. */
    public static float[] resizePlaneNearest(float[] src, int sw, int sh, int dw, int dh) {
        float[] out = new float[dw * dh];
        for (int y = 0; y < dh; y++) {
            int sy = nearestSource(y, sh, dh);
            for (int x = 0; x < dw; x++) out[y * dw + x] = src[sy * sw + nearestSource(x, sw, dw)];
        }
        return out;
    }

    /** Resizes one plane (row-major {@code sw x sh}) to {@code dw x dh}. */
    public static float[] resizePlane(float[] src, int sw, int sh, int dw, int dh) {
        float[] tmp = new float[dw * sh];
        Kernel kx = Kernel.of(sw, dw);
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < dw; x++) {
                double acc = 0;
                int base = y * sw;
                for (int k = 0; k < kx.count[x]; k++) acc += kx.weight[x][k] * src[base + kx.first[x] + k];
                tmp[y * dw + x] = (float) acc;
            }
        }
        float[] out = new float[dw * dh];
        Kernel ky = Kernel.of(sh, dh);
        for (int y = 0; y < dh; y++) {
            for (int k = 0; k < ky.count[y]; k++) {
                double wgt = ky.weight[y][k];
                int row = (ky.first[y] + k) * dw;
                for (int x = 0; x < dw; x++) out[y * dw + x] += (float) (wgt * tmp[row + x]);
            }
        }
        return out;
    }

    /** Normalised triangle-filter taps for a 1-D resize from {@code in} to {@code out} samples. */
    private static final class Kernel {
        final int[] first;
        final int[] count;
        final double[][] weight;

        private Kernel(int n) {
            first = new int[n];
            count = new int[n];
            weight = new double[n][];
        }

        static Kernel of(int in, int out) {
            Kernel k = new Kernel(out);
            double scale = (double) in / out;
            double support = Math.max(1.0, scale); // widen the triangle when shrinking
            for (int i = 0; i < out; i++) {
                double centre = (i + 0.5) * scale - 0.5;
                int lo = (int) Math.floor(centre - support + 1e-9);
                int hi = (int) Math.ceil(centre + support - 1e-9);
                lo = Math.max(lo, 0);
                hi = Math.min(hi, in - 1);
                double[] w = new double[hi - lo + 1];
                double sum = 0;
                for (int j = lo; j <= hi; j++) {
                    double t = 1.0 - Math.abs(j - centre) / support;
                    w[j - lo] = Math.max(0.0, t);
                    sum += w[j - lo];
                }
                if (sum <= 0) { // centre falls outside: nearest edge sample
                    w = new double[] {1.0};
                    lo = (int) Math.max(0, Math.min(in - 1, Math.round(centre)));
                    sum = 1.0;
                }
                for (int j = 0; j < w.length; j++) w[j] /= sum;
                k.first[i] = lo;
                k.count[i] = w.length;
                k.weight[i] = w;
            }
            return k;
        }
    }
}
