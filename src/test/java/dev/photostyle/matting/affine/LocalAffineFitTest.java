package dev.photostyle.matting.affine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.linalg.Dense;
import org.junit.jupiter.api.Test;

class LocalAffineFitTest {

    /** The reference kernel's formulation: 4x4 normal equations with lambda on the colour diagonal. */
    private static double[] kernelFit(FloatImage c, FloatImage o, int x, int y, int r, double lambda) {
        double[][] mtm = new double[4][4];
        double[][] mts = new double[3][4];
        for (int i = 0; i < 3; i++) mtm[i][i] = lambda;
        for (int yy = Math.max(0, y - r); yy <= Math.min(c.height() - 1, y + r); yy++) {
            for (int xx = Math.max(0, x - r); xx <= Math.min(c.width() - 1, x + r); xx++) {
                double[] v = {c.get(0, xx, yy), c.get(1, xx, yy), c.get(2, xx, yy), 1};
                for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) mtm[i][j] += v[i] * v[j];
                for (int oc = 0; oc < 3; oc++) for (int j = 0; j < 4; j++) mts[oc][j] += v[j] * o.get(oc, xx, yy);
            }
        }
        double[] out = new double[12];
        for (int oc = 0; oc < 3; oc++) {
            double[] a = Dense.solve(mtm, mts[oc]);
            System.arraycopy(a, 0, out, 4 * oc, 4);
        }
        return out;
    }

    @Test
    void matchesTheReferenceNormalEquations() {
        FloatImage c = SyntheticImages.scene(9, 7, 1);
        FloatImage o = SyntheticImages.scene(9, 7, 2); // unrelated result: a genuinely local fit
        FloatImage k = LocalAffineFit.fit(c, o, 1, 1e-3);
        assertEquals(12, k.channels());
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 9; x++) {
                double[] ref = kernelFit(c, o, x, y, 1, 1e-3);
                for (int ch = 0; ch < 12; ch++) {
                    assertEquals(ref[ch], k.get(ch, x, y), 2e-3 * Math.max(1, Math.abs(ref[ch])), "ch " + ch + " at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void fitThenApplyReproducesAGlobalAffineMap() {
        FloatImage c = SyntheticImages.scene(30, 20, 3);
        FloatImage o = SyntheticImages.affine(c, SyntheticImages.M, SyntheticImages.T);
        FloatImage back = LocalAffineFit.apply(LocalAffineFit.fit(c, o, 1, 1e-7), c);
        assertTrue(SyntheticImages.maxDiff(back, o) < 1e-3, "max diff " + SyntheticImages.maxDiff(back, o));
    }

    @Test
    void rejectsMismatchedInput() {
        FloatImage c = SyntheticImages.scene(10, 8, 4);
        assertThrows(IllegalArgumentException.class, () -> LocalAffineFit.fit(c, SyntheticImages.scene(10, 9, 4), 1, 1e-3));
        assertThrows(IllegalArgumentException.class, () -> LocalAffineFit.fit(c, c, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> LocalAffineFit.apply(c, c));
    }
}
