package dev.photostyle.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Matrix3Test {
    @Test
    void symmetricInverseMatchesGaussianElimination() {
        Random rnd = new Random(5);
        for (int t = 0; t < 20; t++) {
            double[][] b = new double[3][3];
            for (double[] row : b) for (int j = 0; j < 3; j++) row[j] = rnd.nextDouble() - 0.5;
            double[][] m = Matrix3.multiply(b, transpose(b));
            for (int i = 0; i < 3; i++) m[i][i] += 1e-3; // B B^T + ridge: symmetric positive definite
            double[][] ref = Dense.inverse(m);
            double[][] inv = Matrix3.inverseSymmetric(m);
            for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) {
                assertEquals(ref[i][j], inv[i][j], 1e-9 * Math.max(1, Math.abs(ref[i][j])), "(" + i + "," + j + ")");
            }
        }
    }

    @Test
    void multiplyAndSymmetriseByHand() {
        double[][] a = {{1, 2, 0}, {0, 1, 0}, {3, 0, 1}};
        double[][] b = {{1, 0, 0}, {1, 1, 0}, {0, 2, 1}};
        double[][] ab = Matrix3.multiply(a, b);
        double[][] expect = {{3, 2, 0}, {1, 1, 0}, {3, 2, 1}};
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) assertEquals(expect[i][j], ab[i][j], 0);
        Matrix3.symmetrise(ab);
        assertEquals(1.5, ab[0][1], 0);
        assertEquals(1.5, ab[1][0], 0);
        assertEquals(1.5, ab[2][0], 0);
        assertEquals(1, ab[1][2], 0);
        assertEquals(1, ab[2][2], 0);
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) t[i][j] = m[j][i];
        return t;
    }
}
