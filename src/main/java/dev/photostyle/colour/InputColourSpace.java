package dev.photostyle.colour;

import java.util.Locale;

/**
 * How a plate's RGB values are encoded, as given by {@code --input-colorspace linear|srgb|log}.
 * The gamut is never changed: all three assume Rec.709/sRGB primaries; only the transfer curve
 * differs.
 */
public enum InputColourSpace {
    /** Scene-linear (EXR plates); unbounded, may exceed 1. */
    LINEAR,
    /** Display-referred sRGB-encoded values in [0, 1] (PNG/JPEG/TIFF photographs). */
    SRGB,
    /** ACEScct-encoded log (Academy S-2016-001 transfer curve), decoded to linear by {@link AcesCct}. */
    LOG;

    /** Parses a CLI value (case-insensitive): linear, srgb or log (acescct accepted for log). */
    public static InputColourSpace parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "linear", "lin", "scene-linear" -> LINEAR;
            case "srgb" -> SRGB;
            case "log", "acescct" -> LOG;
            default -> throw new IllegalArgumentException("unknown input colour space '" + s
                    + "' (use linear, srgb or log)");
        };
    }
}
