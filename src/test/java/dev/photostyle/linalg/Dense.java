package dev.photostyle.linalg;

/** Test-only dense linear algebra in plain double: Gaussian elimination with partial pivoting. */
public final class Dense {
    private Dense() {}

    /** Solves m x = rhs (m is not modified). */
    public static double[] solve(double[][] m, double[] rhs) {
        int n = rhs.length;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, a[i], 0, n);
            a[i][n] = rhs[i];
        }
        return solveAugmented(a);
    }

    /** Solves the augmented system {@code a = [m | rhs]} (n rows, n + 1 columns), overwriting {@code a}. */
    public static double[] solveAugmented(double[][] a) {
        int n = a.length;
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) piv = r;
            double[] t = a[col];
            a[col] = a[piv];
            a[piv] = t;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int k = col; k <= n; k++) a[r][k] -= f * a[col][k];
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = a[i][n];
            for (int k = i + 1; k < n; k++) s -= a[i][k] * x[k];
            x[i] = s / a[i][i];
        }
        return x;
    }

    /** The inverse of m by solving for each unit vector. */
    public static double[][] inverse(double[][] m) {
        int n = m.length;
        double[][] inv = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[] e = new double[n];
            e[j] = 1;
            double[] col = solve(m, e);
            for (int i = 0; i < n; i++) inv[i][j] = col[i];
        }
        return inv;
    }
}
