package dev.photostyle.io.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable planar float image: {@code channels} planes of {@code height x width} samples.
 *
 * <p>Sample {@code (c, y, x)} lives at {@code data[c * height * width + y * width + x]}, which is
 * exactly the memory order of an NCHW tensor with N = 1, so conversion to the engine is a copy.
 * Values are whatever the producer says they are: display-referred RGB in [0, 1] for 8/16-bit
 * files, scene-linear (possibly above 1) for EXR. Channel 3, when present, is alpha.
 */
public final class FloatImage {
    private final int width;
    private final int height;
    private final int channels;
    private final float[] data;

    private FloatImage(int width, int height, int channels, float[] data) {
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.data = data;
    }

    /** Wraps a copy of {@code data} (planar, see class comment). */
    public static FloatImage of(int width, int height, int channels, float[] data) {
        check(width, height, channels);
        Objects.requireNonNull(data, "data");
        if (data.length != (long) width * height * channels) {
            throw new IllegalArgumentException("data has " + data.length + " samples, expected "
                    + (long) width * height * channels + " for " + width + "x" + height + "x" + channels);
        }
        return new FloatImage(width, height, channels, data.clone());
    }

    /** Takes ownership of {@code data} without copying; for producers that built a fresh array. */
    public static FloatImage wrap(int width, int height, int channels, float[] data) {
        check(width, height, channels);
        if (data.length != (long) width * height * channels) {
            throw new IllegalArgumentException("data has " + data.length + " samples, expected "
                    + (long) width * height * channels);
        }
        return new FloatImage(width, height, channels, data);
    }

    /** An image of the given size with every sample equal to {@code value}. */
    public static FloatImage filled(int width, int height, int channels, float value) {
        check(width, height, channels);
        float[] d = new float[width * height * channels];
        Arrays.fill(d, value);
        return new FloatImage(width, height, channels, d);
    }

    private static void check(int width, int height, int channels) {
        if (width <= 0 || height <= 0 || channels <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height
                    + "x" + channels);
        }
        if ((long) width * height * channels > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("image too large: " + width + "x" + height + "x" + channels);
        }
    }

    public int width() { return width; }

    public int height() { return height; }

    public int channels() { return channels; }

    /** Number of pixels, {@code width * height}. */
    public int pixels() { return width * height; }

    public boolean hasAlpha() { return channels == 4; }

    public float get(int c, int x, int y) { return data[(c * height + y) * width + x]; }

    /** The samples themselves, not a copy, for read-only scans in this package; never modify. */
    float[] samplesView() { return data; }

    /** A copy of all samples in planar order. */
    public float[] toArray() { return data.clone(); }

    /** A copy of one channel plane. */
    public float[] channel(int c) {
        Objects.checkIndex(c, channels);
        return Arrays.copyOfRange(data, c * width * height, (c + 1) * width * height);
    }

    /** The first three channels (RGB); this image itself if it has exactly three. */
    public FloatImage rgb() {
        if (channels == 3) return this;
        if (channels < 3) {
            // Gray: replicate so every consumer can assume RGB.
            float[] d = new float[3 * pixels()];
            float[] g = channel(0);
            for (int c = 0; c < 3; c++) System.arraycopy(g, 0, d, c * pixels(), pixels());
            return new FloatImage(width, height, 3, d);
        }
        return new FloatImage(width, height, 3, Arrays.copyOf(data, 3 * pixels()));
    }

    /** The alpha plane, or null if this image has none. */
    public float[] alpha() { return hasAlpha() ? channel(3) : null; }

    /** This image's RGB with {@code alpha} appended as a fourth channel. */
    public FloatImage withAlpha(float[] alpha) {
        if (alpha.length != pixels()) throw new IllegalArgumentException("alpha plane size mismatch");
        float[] d = Arrays.copyOf(rgb().data, 4 * pixels());
        System.arraycopy(alpha, 0, d, 3 * pixels(), pixels());
        return new FloatImage(width, height, 4, d);
    }

    /** This plus {@code o}, sample by sample (same size and channels). */
    public FloatImage plus(FloatImage o) {
        return combine(o, 1f);
    }

    /** This minus {@code o}, sample by sample (same size and channels). */
    public FloatImage minus(FloatImage o) {
        return combine(o, -1f);
    }

    private FloatImage combine(FloatImage o, float sign) {
        if (!sameSize(o) || o.channels != channels) {
            throw new IllegalArgumentException("cannot combine " + this + " and " + o);
        }
        float[] d = data.clone();
        for (int i = 0; i < d.length; i++) d[i] += sign * o.data[i];
        return new FloatImage(width, height, channels, d);
    }

    /** A new image with every sample clamped to [lo, hi]. */
    public FloatImage clamp(float lo, float hi) {
        float[] d = data.clone();
        for (int i = 0; i < d.length; i++) d[i] = Math.max(lo, Math.min(hi, d[i]));
        return new FloatImage(width, height, channels, d);
    }

    public boolean sameSize(FloatImage o) { return o.width == width && o.height == height; }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatImage f && f.width == width && f.height == height && f.channels == channels
                && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() { return Objects.hash(width, height, channels, Arrays.hashCode(data)); }

    @Override
    public String toString() { return "FloatImage[" + width + "x" + height + "x" + channels + "]"; }
}
