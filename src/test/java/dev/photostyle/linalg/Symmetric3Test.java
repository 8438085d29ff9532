package dev.photostyle.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Symmetric3Test {

    @Test
    void closedFormInverseMatchesGaussianElimination() {
        int px = 5;
        Random rnd = new Random(3);
        double[] m6 = new double[6 * px];
        double[][][] full = new double[px][3][3];
        for (int p = 0; p < px; p++) {
            double[][] b = new double[3][3];
            for (double[] row : b) for (int j = 0; j < 3; j++) row[j] = rnd.nextDouble() - 0.5;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    for (int k = 0; k < 3; k++) full[p][i][j] += b[i][k] * b[j][k]; // B B^T: PSD
                }
            }
            for (int i = 0; i < 3; i++) for (int j = i; j < 3; j++) m6[Symmetric3.INDEX[i][j] * px + p] = full[p][i][j];
        }
        double ridge = 1e-3;
        try (NDManager m = NDManager.newBaseManager()) {
            double[] inv = Symmetric3.inverse(m.create(m6, new Shape(1, 6, 1, px)), ridge).toDoubleArray();
            for (int p = 0; p < px; p++) {
                for (int i = 0; i < 3; i++) full[p][i][i] += ridge;
                double[][] ref = Dense.inverse(full[p]);
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        assertEquals(ref[i][j], inv[Symmetric3.INDEX[i][j] * px + p], 1e-9 * Math.max(1, Math.abs(ref[i][j])));
                    }
                }
            }
            NDArray bad = m.zeros(new Shape(1, 5, 1, 1));
            assertThrows(IllegalArgumentException.class, () -> Symmetric3.inverse(bad, 1));
        }
    }
}
