package dev.photostyle.colour;

import java.util.function.DoubleUnaryOperator;

/**
 * A smooth scalar curve tabulated on a logarithmic grid of positive floats and read by linear
 * interpolation: 2^bits nodes per octave (the float's top mantissa bits index the table, the rest
 * are the interpolation fraction), octaves {@code [2^minExp, 2^maxExp)} (ending early
 * where the curve stops being finite); values outside that range (zero, negatives, tiny or huge
 * values) are computed exactly.
 *
 * <p>Why: a look's plate path converts every sample to network sRGB and back, two {@code pow}s
 * per sample, which was most of its time per 4K frame. Interpolation error on this grid is at most
 * {@code δ²/8 · max|x² f''(x) / f(x)|} relative with {@code δ = 2^-bits}; with 12 bits, for the sRGB curves
 * ({@code x^(1/2.4)}, {@code x^2.4}) 0.243 and 3.36, i.e. 7e-10 and 2.6e-8, below float's
 * 6e-8; the highlight shoulder and the sRGB toe are continuous with their first derivatives, so
 * but not everywhere: the sRGB curve's two pieces meet with slopes 12.92 and 12.7 (a segment across
 * that joint was off by 9e-7), and the shoulder's inverse on the way back (network 0.91 .. 1 is
 * linear 0.8 .. 16) is far more curved (9e-6 at 12 bits). So every segment is checked when the
 * table is built: one whose midpoint is off by more than {@value #CHECK} relative is computed
 * exactly instead (a segment's interpolation error peaks at most twice its midpoint error, for a
 * smooth curve or a single kink), which bounds the table's error by 1e-7 relative (tests).
 *
 * <pre>{@code CurveTable t = new CurveTable(Srgb::encode, -20, 8, 12); double y = t.apply(0.18f);}</pre>
 */
public final class CurveTable {
    /** A segment whose interpolated midpoint is off by more than this, relative, is evaluated exactly. */
    static final double CHECK = 5e-8;
    private final int shift;
    private final double scale;

    private final DoubleUnaryOperator exact;
    private final float lo;
    private final float hi;
    private final int base;
    private final double[] table;
    private final boolean[] exactSegment;

    /**
     * @param f      the curve, smooth on {@code [2^minExp, 2^maxExp]}
     * @param minExp lowest octave (inclusive)
     * @param maxExp highest octave (exclusive)
     * @param bits   log2 of the nodes per octave (1 .. 20)
     */
    public CurveTable(DoubleUnaryOperator f, int minExp, int maxExp, int bits) {
        if (minExp >= maxExp || minExp < -126 || maxExp > 127) throw new IllegalArgumentException("bad octave range " + minExp + ".." + maxExp);
        if (bits < 1 || bits > 20) throw new IllegalArgumentException("bits must be in 1..20, got " + bits);
        this.exact = f;
        this.shift = 23 - bits;
        this.scale = 1.0 / (1 << shift);
        this.lo = Math.scalb(1f, minExp);
        this.base = Float.floatToRawIntBits(lo) >>> shift;
        int nodes = (maxExp - minExp) * (1 << bits) + 1;
        double[] t = new double[nodes];
        int finite = 0;
        for (; finite < nodes; finite++) {
            t[finite] = f.applyAsDouble(Float.intBitsToFloat((base + finite) << shift));
            if (!Double.isFinite(t[finite])) break; // e.g. the shoulder's inverse far above 1: exact from here on
        }
        int last = Math.max(0, finite - 1); // the last finite node ends the table
        this.table = java.util.Arrays.copyOf(t, last + 1);
        this.hi = Float.intBitsToFloat((base + last) << shift);
        this.exactSegment = new boolean[Math.max(0, last)];
        for (int k = 0; k < last; k++) {
            double mid = f.applyAsDouble(Float.intBitsToFloat(((base + k) << shift) + (1 << (shift - 1))));
            double lin = 0.5 * (table[k] + table[k + 1]);
            exactSegment[k] = !(Math.abs(lin - mid) <= CHECK * Math.abs(mid));
        }
    }

    /** The curve at {@code v}: interpolated inside the table's range, exact outside it. */
    public double apply(float v) {
        if (!(v >= lo && v < hi)) {
            // The table's last node is the curve at hi, exactly: network 1, where every clipped value lands.
            return v == hi ? table[table.length - 1] : exact.applyAsDouble(v);
        }
        int bits = Float.floatToRawIntBits(v);
        int k = (bits >>> shift) - base;
        if (exactSegment[k]) return exact.applyAsDouble(v);
        double t = (bits & ((1 << shift) - 1)) * scale;
        double a = table[k];
        return a + t * (table[k + 1] - a);
    }
}
