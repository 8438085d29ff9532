package dev.photostyle.pipeline;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.Resampler;

/**
 * Puts the plate's own values back wherever a pixel must not change: the last word on protected
 * pixels, after every resampling and colour conversion, so they are exact by construction.
 *
 * <pre>{@code FloatImage out = ProtectedPixels.restore(result, plate, free); // free: 1 may change, 0 keep }</pre>
 */
public final class ProtectedPixels {
    private ProtectedPixels() {}

    /**
     * {@code result} with every channel of each pixel whose {@code free} is 0 taken from the plate
     * (the plate resized to the result's size when they differ: then "exact" means equal to the
     * plate as resampled).
     *
     * @param free one value per result pixel, row-major
     */
    public static FloatImage restore(FloatImage result, FloatImage plate, float[] free) {
        int n = result.pixels();
        if (free.length != n) throw new IllegalArgumentException("free mask has " + free.length + " values for " + n + " pixels");
        FloatImage base = result.sameSize(plate) ? plate : Resampler.resize(plate, result.width(), result.height());
        int channels = Math.min(result.channels(), base.channels());
        float[] a = result.toArray();
        float[] b = base.toArray();
        for (int i = 0; i < n; i++) {
            if (free[i] != 0f) continue;
            for (int c = 0; c < channels; c++) a[c * n + i] = b[c * n + i];
        }
        return FloatImage.wrap(result.width(), result.height(), result.channels(), a);
    }

    /**
     * A plate-size free mask at another size: a pixel may change if any plate pixel under it may
     * (bilinear weight above zero), so the protected set only shrinks by the resampling's reach.
     */
    public static float[] resize(float[] free, int w, int h, int dw, int dh) {
        if (w == dw && h == dh) return free;
        float[] r = resizeValues(free, w, h, dw, dh);
        for (int i = 0; i < r.length; i++) r[i] = r[i] > 1e-6f ? 1f : 0f;
        return r;
    }

    /** A plate-size plane (e.g. a soft matte) resampled to another size; the plane itself at the same size. */
    static float[] resizeValues(float[] plane, int w, int h, int dw, int dh) {
        return w == dw && h == dh ? plane : Resampler.resizePlane(plane, w, h, dw, dh);
    }
}
