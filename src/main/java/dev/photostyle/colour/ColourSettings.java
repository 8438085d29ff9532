package dev.photostyle.colour;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateFormat;

/**
 * How a plate's values reach the network: its encoding and an exposure, chosen per file format
 * when not given. One place decides it for every command, so a plate takes the same colour path
 * whether it is run by {@code transfer}, {@code run}, {@code sequence}, {@code batch} or {@code eval}.
 *
 * <pre>{@code
 * PlateRoundTrip rt = ColourSettings.defaults().forPlate(decoded.format());
 * FloatImage net = ColourSettings.reference(style.format()).forNetwork(style.image()).clamp(0f, 1f);
 * }</pre>
 *
 * @param space         the plate's encoding, or null for the container's default (linear for EXR,
 *                      sRGB otherwise)
 * @param exposureStops exposure applied before the network and undone after it
 */
public record ColourSettings(InputColourSpace space, double exposureStops) {
    public ColourSettings {
        if (!Double.isFinite(exposureStops)) throw new IllegalArgumentException("exposure must be finite, got " + exposureStops);
    }

    /** The container's default encoding, no exposure. */
    public static ColourSettings defaults() {
        return new ColourSettings(null, 0);
    }

    /** The round trip of a plate stored as {@code format}. */
    public PlateRoundTrip forPlate(PlateFormat format) {
        return new PlateRoundTrip(ColourTransform.defaults(space != null ? space : defaultSpace(format))
                .withExposure(exposureStops));
    }

    /** A plate as the network sees it: {@link #forPlate} applied, RGB, clamped to [0, 1]. */
    public FloatImage networkView(FloatImage plate, PlateFormat format) {
        return forPlate(format).forNetwork(plate).rgb().clamp(0f, 1f);
    }

    /** The round trip of a reference (style) image: its container's default encoding, no exposure. */
    public static PlateRoundTrip reference(PlateFormat format) {
        return new PlateRoundTrip(ColourTransform.defaults(defaultSpace(format)));
    }

    /** A reference image as the network sees it: display sRGB, clamped to [0, 1], RGB. */
    public static FloatImage referenceForNetwork(FloatImage image, PlateFormat format) {
        return reference(format).forNetwork(image).rgb().clamp(0f, 1f);
    }

    /** Linear for EXR (scene-referred by convention), sRGB for every display-referred container. */
    public static InputColourSpace defaultSpace(PlateFormat format) {
        return format.container() == PlateFormat.Container.EXR ? InputColourSpace.LINEAR : InputColourSpace.SRGB;
    }
}
