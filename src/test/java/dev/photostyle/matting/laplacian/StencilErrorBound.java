package dev.photostyle.matting.laplacian;

/**
 * First-order rounding bounds of a float32 {@link StencilLaplacian} against the float64 one built
 * from the same operator. Per element, (L v)_i = sum_{d != 0} c_d (v_{i+d} - v_i) in float32 rounds
 * the coefficient, the difference, the product and 23 partial sums, so |error| <= 27 u m_i with
 * m_i = sum_{d != 0} |c_d| |v_{i+d} - v_i| and u = 2^-24 (the float64 reference adds the same at its u).
 */
public final class StencilErrorBound {
    private StencilErrorBound() {}

    private static final double U32 = Math.ulp(1.0f) / 2;
    private static final double U64 = Math.ulp(1.0) / 2;

    /**
     * Per-element bound on |L32 v - L64 v|.
     *
     * @param c64 the float64 coefficients (T, h, w) flattened, T = (2q+1)^2
     * @param q   the stencil's reach 2r
     * @param v   (1, C, h, w) flattened
     */
    public static double[] product(double[] c64, int q, float[] v, int h, int w) {
        int n = h * w;
        int span = 2 * q + 1;
        double[] bound = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            int ch = k / n;
            int y = (k % n) / w;
            int x = k % w;
            double mass = 0;
            for (int dy = -q; dy <= q; dy++) {
                for (int dx = -q; dx <= q; dx++) {
                    if ((dy == 0 && dx == 0) || y + dy < 0 || y + dy >= h || x + dx < 0 || x + dx >= w) continue;
                    double c = c64[(((dy + q) * span + dx + q) * h + y) * w + x];
                    mass += Math.abs(c) * Math.abs(v[ch * n + (y + dy) * w + x + dx] - v[k]);
                }
            }
            bound[k] = 27 * (U32 + U64) * mass;
        }
        return bound;
    }

    /** Bound on |E32 - E64| for E = sum v (L v) reduced in float64, given the float64 product u64. */
    public static double energy(double[] productBound, float[] v, double[] u64) {
        double sum = 0;
        double magnitude = 0;
        for (int k = 0; k < v.length; k++) {
            sum += Math.abs(v[k]) * productBound[k];
            magnitude += Math.abs(v[k] * u64[k]);
        }
        return sum + 2 * v.length * U64 * magnitude; // plus both float64 reductions
    }
}
