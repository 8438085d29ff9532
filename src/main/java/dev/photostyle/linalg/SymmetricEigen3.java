package dev.photostyle.linalg;

/**
 * Eigen-decomposition of a real symmetric 3x3 matrix by the cyclic Jacobi method (C. G. J. Jacobi,
 * 1846; see G. H. Golub, C. F. Van Loan, "Matrix Computations", 4th ed., section 8.5), and the
 * functions built on it: the square root of a positive semi-definite matrix.
 *
 * <p>{@code A = V diag(values) V^T}; column j of {@code vectors} is the eigenvector of
 * {@code values[j]}. Example: {@code double[][] r = SymmetricEigen3.of(cov).sqrtPsd(); // r * r = cov}
 *
 * @param values the three eigenvalues (unsorted)
 * @param vectors 3x3 orthonormal matrix whose columns are the eigenvectors
 */
public record SymmetricEigen3(double[] values, double[][] vectors) {
    private static final int MAX_SWEEPS = 50;

    /** Decomposes {@code a}, which must be 3x3 and symmetric (to a relative 1e-9). */
    public static SymmetricEigen3 of(double[][] a) {
        checkSymmetric(a);
        double[][] m = {a[0].clone(), a[1].clone(), a[2].clone()};
        double[][] v = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = m[0][1] * m[0][1] + m[0][2] * m[0][2] + m[1][2] * m[1][2];
            double diag = m[0][0] * m[0][0] + m[1][1] * m[1][1] + m[2][2] * m[2][2];
            if (off <= 1e-30 * diag || off == 0) break;
            rotate(m, v, 0, 1);
            rotate(m, v, 0, 2);
            rotate(m, v, 1, 2);
        }
        return new SymmetricEigen3(new double[] {m[0][0], m[1][1], m[2][2]}, v);
    }

    /** One Jacobi rotation in the (p, q) plane that zeroes m[p][q]; accumulates it into v. */
    private static void rotate(double[][] m, double[][] v, int p, int q) {
        double apq = m[p][q];
        if (apq == 0) return;
        // Stable choice of the rotation (Golub & Van Loan, Algorithm 8.5.1).
        double tau = (m[q][q] - m[p][p]) / (2 * apq);
        double t = Math.signum(tau) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        if (tau == 0) t = 1;
        double c = 1 / Math.sqrt(1 + t * t), s = t * c;
        for (int k = 0; k < 3; k++) { // m <- m J
            double mkp = m[k][p], mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < 3; k++) { // m <- J^T m
            double mpk = m[p][k], mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
        }
        m[p][q] = 0;
        m[q][p] = 0;
        for (int k = 0; k < 3; k++) { // v <- v J
            double vkp = v[k][p], vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }

    /** {@code V diag(g(values)) V^T} for a function g applied to each eigenvalue. */
    public double[][] apply(java.util.function.DoubleUnaryOperator g) {
        double[] gv = new double[3];
        for (int j = 0; j < 3; j++) gv[j] = g.applyAsDouble(values[j]);
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                double acc = 0;
                for (int j = 0; j < 3; j++) acc += vectors[i][j] * gv[j] * vectors[k][j];
                r[i][k] = acc;
            }
        }
        return r;
    }

    /**
     * The symmetric square root of the decomposed matrix, treating it as positive semi-definite:
     * negative eigenvalues (rounding noise of a PSD matrix) are taken as 0.
     */
    public double[][] sqrtPsd() { return apply(x -> Math.sqrt(Math.max(0, x))); }

    /** Shorthand for {@code of(a).sqrtPsd()}. */
    public static double[][] sqrtPsd(double[][] a) { return of(a).sqrtPsd(); }

    private static void checkSymmetric(double[][] a) {
        if (a.length != 3 || a[0].length != 3 || a[1].length != 3 || a[2].length != 3) {
            throw new IllegalArgumentException("matrix must be 3x3");
        }
        double scale = 0;
        for (double[] row : a) for (double x : row) {
            if (!Double.isFinite(x)) throw new IllegalArgumentException("matrix has a non-finite entry: " + x);
            scale = Math.max(scale, Math.abs(x));
        }
        for (int i = 0; i < 3; i++) for (int j = i + 1; j < 3; j++) {
            if (Math.abs(a[i][j] - a[j][i]) > 1e-9 * scale) {
                throw new IllegalArgumentException("matrix is not symmetric at (" + i + "," + j + ")");
            }
        }
    }
}
