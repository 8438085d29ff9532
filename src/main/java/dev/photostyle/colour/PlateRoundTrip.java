package dev.photostyle.colour;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.Resampler;
import java.util.Objects;

/**
 * Carries a plate through a network that works on display-referred sRGB in [0, 1] and back,
 * such that a plate the network leaves unchanged comes back unchanged, values outside [0, 1]
 * included.
 *
 * <p>{@link #forNetwork} applies {@link ColourTransform#toNetwork}. The network sees (and returns)
 * values clamped to [0, 1], so {@link #fromNetwork} treats a network-space content value {@code c}
 * outside [0, 1] as a highlight (or negative) the network could not see: the result there is
 * {@code c + (r - clamp(c))}, i.e. the network's change applied to the unclamped value, and
 * simply {@code r} wherever {@code c} is in range. The sum is then decoded by
 * {@link ColourTransform#fromNetwork}. An untouched result ({@code r = clamp(c)}) therefore gives
 * back {@code c} bit-exactly and the plate within the transform's float precision. The plate's
 * alpha is appended unchanged when the result has the plate's size.
 *
 * <p>Example: {@code PlateRoundTrip rt = new PlateRoundTrip(ColourTransform.defaults(LINEAR));
 * FloatImage net = rt.forNetwork(plate); FloatImage styled = ...; FloatImage out = rt.fromNetwork(styled, net, plate);}
 *
 * @param transform the plate's colour transform
 */
public record PlateRoundTrip(ColourTransform transform) {
    public PlateRoundTrip {
        Objects.requireNonNull(transform, "transform");
    }

    /**
     * True when the transform is the identity up to rounding (sRGB input, no exposure, no
     * shoulder); then both directions return their input as it is, so 8-bit photographs take
     * exactly the path they always took.
     */
    public boolean isIdentity() {
        return transform.space() == InputColourSpace.SRGB && transform.exposureStops() == 0
                && transform.shoulder() == null;
    }

    /** The plate in network sRGB (same size and channels; alpha untouched). */
    public FloatImage forNetwork(FloatImage plate) {
        return isIdentity() ? plate : transform.toNetwork(plate);
    }

    /**
     * One network-space value of the result where the content was {@code networkContent}: the
     * result itself, or for content outside [0, 1] (which the network saw clamped) the content
     * plus the network's change.
     */
    public static float merge(float result, float networkContent) {
        float c = networkContent;
        return c < 0f || c > 1f ? c + (result - Math.max(0f, Math.min(1f, c))) : result;
    }

    /**
     * The result back in the plate's encoding.
     *
     * @param result         the network-space result (RGB, any size; values in [0, 1])
     * @param networkContent {@link #forNetwork} of the plate (resized to the result's size here)
     * @param plate          the plate as read, for its alpha
     * @return RGB (plus the plate's alpha when the sizes agree), result's size
     */
    public FloatImage fromNetwork(FloatImage result, FloatImage networkContent, FloatImage plate) {
        int w = result.width();
        int h = result.height();
        FloatImage out = result.rgb();
        if (!isIdentity()) {
            float[] r = out.toArray();
            float[] c = Resampler.resize(networkContent.rgb(), w, h).toArray();
            for (int i = 0; i < r.length; i++) r[i] = merge(r[i], c[i]);
            out = transform.fromNetwork(FloatImage.wrap(w, h, 3, r));
        }
        if (plate.hasAlpha() && plate.width() == w && plate.height() == h) out = out.withAlpha(plate.alpha());
        return out;
    }
}
