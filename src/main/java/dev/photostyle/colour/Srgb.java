package dev.photostyle.colour;

/**
 * The sRGB transfer functions (IEC 61966-2-1): the OETF (linear to encoded) and its exact
 * inverse. Extended to negative values as odd functions and to values above 1 by the same
 * power law, so both are bijections on the reals and round trips are exact up to rounding.
 */
public final class Srgb {
    private Srgb() {}

    /** Linear to sRGB-encoded. */
    public static double encode(double x) {
        double a = Math.abs(x);
        double y = a <= 0.0031308 ? 12.92 * a : 1.055 * Math.pow(a, 1 / 2.4) - 0.055;
        return Math.copySign(y, x);
    }

    /** sRGB-encoded to linear; the inverse of {@link #encode}. */
    public static double decode(double y) {
        double a = Math.abs(y);
        double x = a <= 0.04045 ? a / 12.92 : Math.pow((a + 0.055) / 1.055, 2.4);
        return Math.copySign(x, y);
    }
}
