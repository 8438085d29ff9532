package dev.photostyle.colour;

/**
 * The ACEScct log transfer curve (Academy specification S-2016-001): a pure log2 encoding above
 * linear 2^-7 with a linear toe below it, so it is invertible everywhere including at and below 0.
 * Only the curve is applied; ACEScct's AP1 primaries are not converted (plates are assumed to be
 * in the Rec.709/sRGB gamut).
 */
public final class AcesCct {
    private static final double A = 10.5402377416545;
    private static final double B = 0.0729055341958355;
    private static final double X_BREAK = 0.0078125;
    private static final double Y_BREAK = 0.155251141552511;

    private AcesCct() {}

    /** Linear to ACEScct. */
    public static double encode(double x) {
        return x <= X_BREAK ? A * x + B : (log2(x) + 9.72) / 17.52;
    }

    /** ACEScct to linear; the inverse of {@link #encode}. */
    public static double decode(double y) {
        return y <= Y_BREAK ? (y - B) / A : Math.pow(2, y * 17.52 - 9.72);
    }

    private static double log2(double x) { return Math.log(x) / Math.log(2); }
}
