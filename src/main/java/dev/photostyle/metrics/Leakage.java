package dev.photostyle.metrics;

import dev.photostyle.io.image.FloatImage;

/**
 * How much a result changed pixels that had to stay as they were (e.g. unlabelled or unmatched
 * regions of a mask-guided transfer), in 8-bit levels.
 *
 * <p>Per pixel the change is {@code max over R, G, B of |round(255 a) - round(255 b)|} (values
 * clamped to [0, 1] first), i.e. the largest per-channel step a viewer could see. {@code mean} is
 * its average over the protected pixels, {@code max} its maximum. An unchanged image gives 0 and 0;
 * a one-level change of any channel of every protected pixel gives 1 and 1.
 *
 * <p>Example: {@code Leakage l = Leakage.of(content, result, protectedPixels); l.mean();}
 *
 * @param mean mean per-pixel change in 8-bit levels (0 when no pixel is protected)
 * @param max largest per-pixel change in 8-bit levels (0 when no pixel is protected)
 * @param pixels number of protected pixels measured
 */
public record Leakage(double mean, int max, long pixels) {
    /**
     * Measures the change from {@code before} to {@code after} (same size) over the pixels where
     * {@code protectedPixels} is true ({@code width * height} flags, row-major).
     */
    public static Leakage of(FloatImage before, FloatImage after, boolean[] protectedPixels) {
        if (!before.sameSize(after)) throw new IllegalArgumentException("leakage needs equal sizes, got " + before + " and " + after);
        int n = before.pixels();
        if (protectedPixels.length != n) throw new IllegalArgumentException("protected set has " + protectedPixels.length + " pixels, expected " + n);
        float[] a = before.rgb().toArray();
        float[] b = after.rgb().toArray();
        long sum = 0, count = 0;
        int max = 0;
        for (int i = 0; i < n; i++) {
            if (!protectedPixels[i]) continue;
            int d = 0;
            for (int c = 0; c < 3; c++) d = Math.max(d, Math.abs(level(a[c * n + i]) - level(b[c * n + i])));
            sum += d;
            max = Math.max(max, d);
            count++;
        }
        return new Leakage(count == 0 ? 0 : (double) sum / count, max, count);
    }

    /** The 8-bit level of a [0, 1] value: {@code round(255 * clamp(v))}. */
    static int level(float v) {
        float c = Math.max(0f, Math.min(1f, v));
        return Math.round(255f * c);
    }
}
