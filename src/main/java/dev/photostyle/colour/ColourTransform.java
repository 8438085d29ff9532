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

    /** Plate encoding to network sRGB; same size and channels as {@code image} (rows in parallel). */
    public FloatImage toNetwork(FloatImage image) {
        Scalar s = scalar();
        return map(image, s::toNetwork);
    }

    /** Network sRGB back to the plate's encoding; the inverse of {@link #toNetwork} (rows in parallel). */
    public FloatImage fromNetwork(FloatImage image) {
        Scalar s = scalar();
        return map(image, s::fromNetwork);
    }

    /** This transform on single values, its constants (exposure gain, shoulder strength) computed once. */
    public Scalar scalar() {
        return new Scalar(Math.pow(2, exposureStops), Math.pow(2, -exposureStops), shoulder == null ? 0 : shoulder.strength());
    }

    /**
     * This transform's two directions tabulated ({@link CurveTable}: plate values 2^-24 .. 2^8 at
     * 2^12 nodes per octave, network values 2^-12 .. 1 at 2^14, exact outside), for per-pixel loops
     * over whole plates: within 1e-7 relative of {@link #scalar()} (see {@link CurveTable}).
     * Building them costs about 0.3 M evaluations of each direction, so keep them for a shot.
     */
    public Tabulated tabulated() {
        Scalar s = scalar();
        // The way back only below 1: above it the shoulder's inverse grows exponentially (1.1 -> 2.7e4
        // linear), too steep for linear interpolation; such values are rare (highlights the network
        // saw clamped) and computed exactly.
        return new Tabulated(new CurveTable(s::toNetwork, -24, 8, 12), new CurveTable(s::fromNetwork, -12, 0, 14));
    }

    /**
     * Both directions of a transform as tables.
     *
     * @param toNetwork   plate encoding to network sRGB
     * @param fromNetwork network sRGB to the plate's encoding
     */
    public record Tabulated(CurveTable toNetwork, CurveTable fromNetwork) {}

    /**
     * The transform of one value, for loops that fuse it with other per-pixel work.
     * <pre>{@code ColourTransform.Scalar s = t.scalar(); float n = (float) s.toNetwork(plateValue);}</pre>
     */
    public final class Scalar {
        private final double gain;
        private final double inverseGain;
        private final double strength;

        private Scalar(double gain, double inverseGain, double strength) {
            this.gain = gain;
            this.inverseGain = inverseGain;
            this.strength = strength;
        }

        /** Plate encoding to network sRGB. */
        public double toNetwork(double v) {
            double lin = switch (space) {
                case LINEAR -> v;
                case SRGB -> Srgb.decode(v);
                case LOG -> AcesCct.decode(v);
            } * gain;
            if (shoulder != null) lin = shoulder.apply(lin, strength);
            return Srgb.encode(lin);
        }

        /** Network sRGB to the plate's encoding. */
        public double fromNetwork(double v) {
            double lin = Srgb.decode(v);
            if (shoulder != null) lin = shoulder.inverse(lin, strength);
            lin *= inverseGain;
            return switch (space) {
                case LINEAR -> lin;
                case SRGB -> Srgb.encode(lin);
                case LOG -> AcesCct.encode(lin);
            };
        }
    }

    private static FloatImage map(FloatImage image, java.util.function.DoubleUnaryOperator f) {
        float[] d = image.toArray();
        int w = image.width();
        int rows = Math.min(3, image.channels()) * image.height();
        java.util.stream.IntStream.range(0, rows).parallel().forEach(r -> {
            for (int i = r * w, end = i + w; i < end; i++) d[i] = (float) f.applyAsDouble(d[i]);
        });
        return FloatImage.wrap(image.width(), image.height(), image.channels(), d);
    }
}
