package dev.photostyle.metrics;

import dev.photostyle.io.image.FloatImage;

/**
 * sRGB (IEC 61966-2-1, values in [0, 1]) to CIE 1976 L*a*b* under the D65 white point.
 *
 * <p>Steps: undo the sRGB transfer curve, convert linear RGB to XYZ with the sRGB/D65 matrix, divide
 * by the white point (the matrix's row sums, so that RGB white maps to exactly a = b = 0), apply
 * the CIE cube-root function. Values outside [0, 1] are extended sign-symmetrically instead of
 * clamped, so that slightly out-of-range results are still measured. L is in [0, 100] for in-gamut
 * input; sRGB red is about (53.24, 80.09, 67.20).
 *
 * <p>Example: {@code double[] lab = Lab.fromSrgb(1, 0, 0);}
 */
public final class Lab {
    // sRGB primaries with D65 white (IEC 61966-2-1), linear RGB -> XYZ.
    private static final double[][] M = {
        {0.4124564, 0.3575761, 0.1804375},
        {0.2126729, 0.7151522, 0.0721750},
        {0.0193339, 0.1191920, 0.9503041},
    };
    private static final double XN = M[0][0] + M[0][1] + M[0][2];
    private static final double YN = M[1][0] + M[1][1] + M[1][2];
    private static final double ZN = M[2][0] + M[2][1] + M[2][2];
    private static final double DELTA = 6.0 / 29.0;

    private Lab() {}

    /** The sRGB decoding curve: display value to linear light. */
    public static double srgbToLinear(double v) {
        double a = Math.abs(v);
        double l = a <= 0.04045 ? a / 12.92 : Math.pow((a + 0.055) / 1.055, 2.4);
        return Math.copySign(l, v);
    }

    /** L*, a*, b* of one sRGB colour with components in [0, 1]. */
    public static double[] fromSrgb(double r, double g, double b) {
        double[] out = new double[3];
        fromSrgb(r, g, b, out);
        return out;
    }

    private static void fromSrgb(double r, double g, double b, double[] out) {
        double lr = srgbToLinear(r), lg = srgbToLinear(g), lb = srgbToLinear(b);
        double fx = f((M[0][0] * lr + M[0][1] * lg + M[0][2] * lb) / XN);
        double fy = f((M[1][0] * lr + M[1][1] * lg + M[1][2] * lb) / YN);
        double fz = f((M[2][0] * lr + M[2][1] * lg + M[2][2] * lb) / ZN);
        out[0] = 116 * fy - 16;
        out[1] = 500 * (fx - fy);
        out[2] = 200 * (fy - fz);
    }

    /** CIE f(t): cube root above (6/29)^3, linear segment below (also for negative t). */
    private static double f(double t) {
        return t > DELTA * DELTA * DELTA ? Math.cbrt(t) : t / (3 * DELTA * DELTA) + 4.0 / 29.0;
    }

    /**
     * The Lab planes of an RGB image: {@code 3 * width * height} values, planar (L plane, then a,
     * then b), pixel (x, y) of channel c at {@code c * width * height + y * width + x}.
     */
    public static double[] of(FloatImage image) {
        FloatImage rgb = image.rgb();
        int n = rgb.pixels();
        float[] d = rgb.toArray();
        double[] lab = new double[3 * n];
        double[] px = new double[3];
        for (int i = 0; i < n; i++) {
            fromSrgb(d[i], d[n + i], d[2 * n + i], px);
            lab[i] = px[0];
            lab[n + i] = px[1];
            lab[2 * n + i] = px[2];
        }
        return lab;
    }
}
