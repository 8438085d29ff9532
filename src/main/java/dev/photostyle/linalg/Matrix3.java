package dev.photostyle.linalg;

/**
 * Host 3x3 matrix helpers in double precision ({@code double[3][3]}, row-major): product,
 * symmetrisation and the closed-form inverse of a symmetric matrix. {@link Symmetric3} holds the
 * same inverse for per-pixel tensors.
 *
 * <pre>{@code
 * double[][] inv = Matrix3.inverseSymmetric(cov);   // cov must be symmetric and non-singular
 * double[][] id = Matrix3.multiply(cov, inv);       // ~ identity
 * }</pre>
 */
public final class Matrix3 {
    private Matrix3() {}

    /** {@code a b}. */
    public static double[][] multiply(double[][] a, double[][] b) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) {
            r[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
        }
        return r;
    }

    /**
     * Replaces each off-diagonal pair by its mean, in place: removes the rounding asymmetry of a
     * product such as {@code R S R} that is symmetric in exact arithmetic.
     */
    public static void symmetrise(double[][] m) {
        for (int i = 0; i < 3; i++) for (int j = i + 1; j < 3; j++) {
            double avg = 0.5 * (m[i][j] + m[j][i]);
            m[i][j] = avg;
            m[j][i] = avg;
        }
    }

    /**
     * Inverse of a symmetric 3x3 matrix by its adjugate over the determinant. Only the upper
     * triangle of {@code m} is read. The caller guarantees it is non-singular (a covariance plus a
     * positive ridge is); a singular one gives infinities or NaN.
     */
    public static double[][] inverseSymmetric(double[][] m) {
        double a = m[0][0], b = m[0][1], c = m[0][2], d = m[1][1], e = m[1][2], f = m[2][2];
        // Cofactors of [[a b c] [b d e] [c e f]]; symmetric, so six suffice.
        double i00 = d * f - e * e, i01 = c * e - b * f, i02 = b * e - c * d;
        double i11 = a * f - c * c, i12 = b * c - a * e, i22 = a * d - b * b;
        double det = a * i00 + b * i01 + c * i02;
        return new double[][] {{i00 / det, i01 / det, i02 / det}, {i01 / det, i11 / det, i12 / det},
                {i02 / det, i12 / det, i22 / det}};
    }
}
