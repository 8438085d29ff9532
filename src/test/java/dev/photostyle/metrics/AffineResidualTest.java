package dev.photostyle.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.linalg.Dense;
import org.junit.jupiter.api.Test;

class AffineResidualTest {
    @Test
    void exactAffineMapOfTheContentHasNearZeroResidual() {
        FloatImage content = TestImages.random(24, 20, 1);
        FloatImage result = TestImages.affine(content,
                new double[][] {{0.8, 0.1, 0.0}, {0.2, 0.5, 0.1}, {-0.1, 0.2, 0.9}}, new double[] {0.05, 0.1, -0.02});
        double r = AffineResidual.DEFAULT.mean(content, result, null);
        assertTrue(r < 1e-6, "residual " + r);
    }

    @Test
    void paintedInNoiseHasAHighResidual() {
        FloatImage content = TestImages.smooth(24, 20);
        FloatImage noise = TestImages.random(24, 20, 9); // variance 1/12
        double r = AffineResidual.DEFAULT.mean(content, noise, null);
        assertTrue(r > 0.01, "residual " + r);
        double affine = AffineResidual.DEFAULT.mean(content, TestImages.affine(content,
                new double[][] {{0.5, 0, 0}, {0, 0.5, 0}, {0, 0, 0.5}}, new double[] {0.2, 0.2, 0.2}), null);
        assertTrue(affine < r / 1000, affine + " vs " + r);
    }

    /** Plain reference: ridge least squares via the 4x4 normal equations, solved by elimination. */
    @Test
    void mapMatchesAPlainLeastSquaresFitPerWindow() {
        int w = 5, h = 4, n = w * h;
        FloatImage in = TestImages.random(w, h, 3), out = TestImages.random(w, h, 4);
        AffineResidual cfg = new AffineResidual(1, 1e-3);
        double[] map = cfg.map(in, out);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                java.util.List<double[]> rows = new java.util.ArrayList<>();
                java.util.List<double[]> targets = new java.util.ArrayList<>();
                for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
                    for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
                        rows.add(new double[] {in.get(0, xx, yy), in.get(1, xx, yy), in.get(2, xx, yy), 1});
                        targets.add(new double[] {out.get(0, xx, yy), out.get(1, xx, yy), out.get(2, xx, yy)});
                    }
                }
                int m = rows.size();
                double total = 0;
                for (int k = 0; k < 3; k++) {
                    double[][] a = new double[4][5];
                    for (int r = 0; r < m; r++) {
                        for (int i = 0; i < 4; i++) {
                            for (int j = 0; j < 4; j++) a[i][j] += rows.get(r)[i] * rows.get(r)[j] / m;
                            a[i][4] += rows.get(r)[i] * targets.get(r)[k] / m;
                        }
                    }
                    for (int i = 0; i < 3; i++) a[i][i] += 1e-3; // ridge on the slopes, not the offset
                    double[] theta = Dense.solveAugmented(a);
                    double err = 0;
                    for (int r = 0; r < m; r++) {
                        double pred = 0;
                        for (int i = 0; i < 4; i++) pred += theta[i] * rows.get(r)[i];
                        err += (targets.get(r)[k] - pred) * (targets.get(r)[k] - pred);
                    }
                    total += err / m;
                }
                assertEquals(total / 3, map[y * w + x], 1e-9, "window at " + x + "," + y);
            }
        }
        assertEquals(n, map.length);
    }
}
