package dev.photostyle.colour;

import dev.photostyle.io.image.FloatImage;
import java.util.Objects;

/**
 * The invertible mapping between a plate's colour encoding and the display-referred sRGB space
 * VGG was trained on (Simonyan and Zisserman 2015; Luan et al. 2017 work in that space too).
 *
 * <p>{@link #toNetwork}: decode the input to linear (identity for LINEAR, the sRGB EOTF for SRGB,
 * the ACEScct curve for LOG), multiply by {@code 2^exposureStops}, roll highlights off with the
 * {@link HighlightShoulder} (if any), then encode with the sRGB OETF. {@link #fromNetwork} undoes
 * each step in reverse order. Every step is a bijection on the reals, so a plate the network
 * leaves unchanged comes back unchanged (relative 1e-5 in float, values of 500 and more included).
 * Only RGB (channels 0-2) is transformed; alpha (channel 3) and any extra channel pass through
 * untouched.
 *
 * <p>Example: {@code ColourTransform t = ColourTransform.defaults(InputColourSpace.LINEAR);
 * FloatImage net = t.toNetwork(plate); ... FloatImage back = t.fromNetwork(styled);}
 *
 * @param space          the input's encoding
 * @param exposureStops  exposure applied in linear before the roll-off (finite; 0 = none)
 * @param shoulder       highlight roll-off, or null for none (values above 1 are then kept above 1)
 */
public record ColourTransform(InputColourSpace space, double exposureStops, HighlightShoulder shoulder) {

    public ColourTransform {
        Objects.requireNonNull(space, "space");
        if (!Double.isFinite(exposureStops) || Math.abs(exposureStops) > 64) {
            throw new IllegalArgumentException("exposure must be finite stops within +-64, got " + exposureStops);
        }
    }

    /**
     * The default for a colour space: no exposure change; the default shoulder for scene-referred
     * input (LINEAR, LOG); none for SRGB, whose values are display-referred and already in [0, 1],
     * so an sRGB photograph is passed to the network as it is.
     */
    public static ColourTransform defaults(InputColourSpace space) {
        return new ColourTransform(space, 0, space == InputColourSpace.SRGB ? null : HighlightShoulder.DEFAULT);
    }

    /** This transform with another exposure. */
    public ColourTransform withExposure(double stops) {
        return new ColourTransform(space, stops, shoulder);
    }

    /** Plate encoding to network sRGB; same size and channels as {@code image}. */
    public FloatImage toNetwork(FloatImage image) {
        double gain = Math.pow(2, exposureStops);
        double a = shoulder == null ? 0 : shoulder.strength();
        return map(image, v -> {
            double lin = switch (space) {
                case LINEAR -> v;
                case SRGB -> Srgb.decode(v);
                case LOG -> AcesCct.decode(v);
            } * gain;
            if (shoulder != null) lin = shoulder.apply(lin, a);
            return Srgb.encode(lin);
        });
    }

    /** Network sRGB back to the plate's encoding; the inverse of {@link #toNetwork}. */
    public FloatImage fromNetwork(FloatImage image) {
        double gain = Math.pow(2, -exposureStops);
        double a = shoulder == null ? 0 : shoulder.strength();
        return map(image, v -> {
            double lin = Srgb.decode(v);
            if (shoulder != null) lin = shoulder.inverse(lin, a);
            lin *= gain;
            return switch (space) {
                case LINEAR -> lin;
                case SRGB -> Srgb.encode(lin);
                case LOG -> AcesCct.encode(lin);
            };
        });
    }

    private static FloatImage map(FloatImage image, java.util.function.DoubleUnaryOperator f) {
        float[] d = image.toArray();
        int colour = Math.min(3, image.channels()) * image.pixels();
        for (int i = 0; i < colour; i++) d[i] = (float) f.applyAsDouble(d[i]);
        return FloatImage.wrap(image.width(), image.height(), image.channels(), d);
    }
}
