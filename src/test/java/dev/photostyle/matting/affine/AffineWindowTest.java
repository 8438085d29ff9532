package dev.photostyle.matting.affine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.photostyle.linalg.Dense;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AffineWindowTest {
    private static final int W = 4;
    private static final int H = 3;

    /**
     * Plain reference: the 4x4 mean normal equations of {@code o_k ~ a . c + b} over the clipped window,
     * ridge on a only, solved by elimination; returns {a0, a1, a2, b, mse} per channel.
     */
    private static double[][] reference(float[] c, float[] o, int x, int y, int r, double ridge) {
        int n = W * H;
        double[][] out = new double[3][5];
        for (int k = 0; k < 3; k++) {
            double[][] m = new double[4][4];
            double[] rhs = new double[4];
            int cnt = 0;
            for (int yy = Math.max(0, y - r); yy <= Math.min(H - 1, y + r); yy++) {
                for (int xx = Math.max(0, x - r); xx <= Math.min(W - 1, x + r); xx++) {
                    int j = yy * W + xx;
                    double[] v = {c[j], c[n + j], c[2 * n + j], 1};
                    for (int a = 0; a < 4; a++) {
                        for (int b = 0; b < 4; b++) m[a][b] += v[a] * v[b];
                        rhs[a] += v[a] * o[k * n + j];
                    }
                    cnt++;
                }
            }
            for (int a = 0; a < 4; a++) {
                for (int b = 0; b < 4; b++) m[a][b] /= cnt;
                rhs[a] /= cnt;
            }
            for (int a = 0; a < 3; a++) m[a][a] += ridge;
            double[] theta = Dense.solve(m, rhs);
            double mse = 0;
            for (int yy = Math.max(0, y - r); yy <= Math.min(H - 1, y + r); yy++) {
                for (int xx = Math.max(0, x - r); xx <= Math.min(W - 1, x + r); xx++) {
                    int j = yy * W + xx;
                    double e = theta[0] * c[j] + theta[1] * c[n + j] + theta[2] * c[2 * n + j] + theta[3] - o[k * n + j];
                    mse += e * e;
                }
            }
            System.arraycopy(theta, 0, out[k], 0, 4);
            out[k][4] = mse / cnt;
        }
        return out;
    }

    @Test
    void coefficientsAndResidualMatchTheNormalEquationsInEveryWindow() {
        Random rnd = new Random(11);
        float[] c = new float[3 * W * H];
        float[] o = new float[3 * W * H];
        for (int i = 0; i < c.length; i++) {
            c[i] = rnd.nextFloat();
            o[i] = rnd.nextFloat();
        }
        double ridge = 1e-2;
        AffineWindow win = new AffineWindow(c, o, W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                win.gather(x, y, 1);
                win.solve(ridge);
                double[][] ref = reference(c, o, x, y, 1, ridge);
                double mse = 0;
                for (int k = 0; k < 3; k++) {
                    for (int j = 0; j < 4; j++) {
                        assertEquals(ref[k][j], win.coefficient(k, j), 1e-9 * Math.max(1, Math.abs(ref[k][j])),
                                "k " + k + " j " + j + " at " + x + "," + y);
                    }
                    mse += ref[k][4] / 3;
                }
                assertEquals(mse, win.residual(), 1e-12, "residual at " + x + "," + y);
            }
        }
        win.gather(0, 0, 0);
        assertEquals(1, win.count());
        win.gather(1, 1, 5);
        assertEquals(W * H, win.count());
    }

    @Test
    void rejectsBadUse() {
        float[] c = new float[3 * W * H];
        assertThrows(IllegalArgumentException.class, () -> new AffineWindow(c, new float[3], W, H));
        AffineWindow win = new AffineWindow(c, c, W, H);
        assertThrows(IllegalStateException.class, () -> win.solve(1));
        win.gather(0, 0, 1);
        assertThrows(IllegalStateException.class, win::residual);
        assertThrows(IllegalArgumentException.class, () -> win.solve(0));
    }
}
