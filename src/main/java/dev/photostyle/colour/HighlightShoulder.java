package dev.photostyle.colour;

/**
 * A soft, invertible highlight roll-off for scene-linear values: the identity up to {@code knee},
 * then a logarithmic shoulder {@code y = k + a ln(1 + (x - k)/a)} that leaves the knee with
 * slope 1 (C1-continuous) and reaches 1 at linear {@code white}. It never flattens completely,
 * so values far above white (500 and more) stay distinct and come back exactly through
 * {@link #inverse}: relative error of the inverse is about {@code ulp(y) * y / a}, ~1e-6 in
 * float for the defaults. Below the knee (and for negatives) it is the identity.
 *
 * <p>The strength {@code a} is solved from {@code k + a ln(1 + (white - k)/a) = 1} by bisection.
 *
 * @param knee  linear value where the shoulder starts, in (0, 1)
 * @param white linear value that maps to 1, greater than 1
 */
public record HighlightShoulder(double knee, double white) {
    /** Knee 0.8, white 16 (four stops above 1 fit below network 1.0). */
    public static final HighlightShoulder DEFAULT = new HighlightShoulder(0.8, 16);

    public HighlightShoulder {
        if (!(knee > 0 && knee < 1)) throw new IllegalArgumentException("shoulder knee must be in (0, 1), got " + knee);
        if (!(white > 1) || Double.isInfinite(white)) {
            throw new IllegalArgumentException("shoulder white must be a finite value above 1, got " + white);
        }
    }

    /** The shoulder's strength a (see class comment). */
    public double strength() {
        // f(a) = a ln(1 + (w-k)/a) increases with a from 0 to w-k > 1-k; bisect f(a) = 1-k.
        double target = 1 - knee;
        double span = white - knee;
        double lo = 0;
        double hi = target;
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid * Math.log1p(span / mid) < target) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /** Linear to compressed. */
    public double apply(double x, double a) {
        return x <= knee ? x : knee + a * Math.log1p((x - knee) / a);
    }

    /** Compressed to linear; the inverse of {@link #apply}. */
    public double inverse(double y, double a) {
        return y <= knee ? y : knee + a * Math.expm1((y - knee) / a);
    }
}
