package dev.photostyle.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigen3Test {
    private static double[][] randomSpd(Random r) {
        double[][] b = new double[3][3];
        for (double[] row : b) for (int j = 0; j < 3; j++) row[j] = r.nextGaussian() * 10;
        double[][] a = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 3; k++) a[i][j] += b[i][k] * b[j][k];
        }
        return a;
    }

    private static void assertMatrix(double[][] expect, double[][] actual, double tol) {
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) assertEquals(expect[i][j], actual[i][j], tol, "(" + i + "," + j + ")");
    }

    @Test
    void reconstructsRandomSymmetricMatricesWithOrthonormalVectors() {
        Random r = new Random(42);
        for (int t = 0; t < 50; t++) {
            double[][] a = randomSpd(r);
            a[0][0] -= 30; // make some indefinite too
            SymmetricEigen3 e = SymmetricEigen3.of(a);
            double[][] v = e.vectors();
            // Reference reconstruction A = V diag(lambda) V^T, written out plainly.
            double[][] rec = new double[3][3];
            for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) {
                rec[i][j] += v[i][k] * e.values()[k] * v[j][k];
            }
            assertMatrix(a, rec, 1e-9 * 1000);
            double[][] vtv = new double[3][3];
            for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) vtv[i][j] += v[k][i] * v[k][j];
            assertMatrix(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, vtv, 1e-12);
        }
    }

    @Test
    void squareRootSquaresBack() {
        Random r = new Random(7);
        for (int t = 0; t < 50; t++) {
            double[][] a = randomSpd(r);
            double[][] s = SymmetricEigen3.sqrtPsd(a);
            assertMatrix(a, Matrix3.multiply(s, s), 1e-9 * 1000);
            assertEquals(s[0][1], s[1][0], 1e-9);
        }
    }

    @Test
    void handlesDiagonalRepeatedAndSingularMatrices() {
        double[][] d = {{4, 0, 0}, {0, 9, 0}, {0, 0, 0}};
        assertMatrix(new double[][] {{2, 0, 0}, {0, 3, 0}, {0, 0, 0}}, SymmetricEigen3.sqrtPsd(d), 1e-12);
        double[][] rep = {{2, 1, 1}, {1, 2, 1}, {1, 1, 2}}; // eigenvalues 4, 1, 1
        double[] vals = SymmetricEigen3.of(rep).values().clone();
        java.util.Arrays.sort(vals);
        assertEquals(1, vals[0], 1e-12);
        assertEquals(1, vals[1], 1e-12);
        assertEquals(4, vals[2], 1e-12);
        double[][] s = SymmetricEigen3.sqrtPsd(rep);
        assertMatrix(rep, Matrix3.multiply(s, s), 1e-12);
    }

    @Test
    void rejectsNonSymmetric() {
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen3.of(new double[][] {{1, 2, 0}, {0, 1, 0}, {0, 0, 1}}));
    }
}
