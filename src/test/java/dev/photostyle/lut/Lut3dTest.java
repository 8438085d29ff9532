package dev.photostyle.lut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.linalg.Dense;

import java.util.Random;

import org.junit.jupiter.api.Test;

class Lut3dTest {
    /** Float entries times weights summing to 1: a few float ulps of values of order 1. */
    private static final double TOL = 1e-6;

    private static Lut3d random(int n, long seed) {
        Random rnd = new Random(seed);
        float[] t = new float[3 * n * n * n];
        for (int i = 0; i < t.length; i++) t[i] = rnd.nextFloat() * 1.4f - 0.2f;
        return Lut3d.of(n, t);
    }

    /** Entry (r, g, b) of a LUT by its definition: red index fastest. */
    private static double entry(float[] t, int n, int r, int g, int b, int c) {
        return t[((b * n + g) * n + r) * 3 + c];
    }

    /** Trilinear by nested linear interpolation along r, then g, then b. */
    private static double trilinearRef(Lut3d lut, double[] rgb, int c) {
        int n = lut.size();
        float[] t = lut.table();
        double[] x = new double[3];
        int[] lo = new int[3];
        for (int k = 0; k < 3; k++) {
            x[k] = Math.max(0, Math.min(1, rgb[k])) * (n - 1);
            lo[k] = Math.min((int) Math.floor(x[k]), n - 2);
            x[k] -= lo[k];
        }
        double[][] plane = new double[2][2];
        for (int db = 0; db < 2; db++) {
            for (int dg = 0; dg < 2; dg++) {
                double a = entry(t, n, lo[0], lo[1] + dg, lo[2] + db, c);
                double b = entry(t, n, lo[0] + 1, lo[1] + dg, lo[2] + db, c);
                plane[db][dg] = a + (b - a) * x[0];
            }
        }
        double e0 = plane[0][0] + (plane[0][1] - plane[0][0]) * x[1];
        double e1 = plane[1][0] + (plane[1][1] - plane[1][0]) * x[1];
        return e0 + (e1 - e0) * x[2];
    }

    /**
     * Tetrahedral by barycentric coordinates: of the 6 tetrahedra {000, e_i, e_i + e_j, 111} of the
     * cell, the one in which the point's barycentric coordinates (a 4x4 solve) are all ≥ 0.
     */
    private static double tetrahedralRef(Lut3d lut, double[] rgb, int c) {
        int n = lut.size();
        float[] t = lut.table();
        double[] f = new double[3];
        int[] lo = new int[3];
        for (int k = 0; k < 3; k++) {
            double x = Math.max(0, Math.min(1, rgb[k])) * (n - 1);
            lo[k] = Math.min((int) Math.floor(x), n - 2);
            f[k] = x - lo[k];
        }
        int[][] perms = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int[] p : perms) {
            int[][] v = new int[4][3];
            v[1][p[0]] = 1;
            v[2][p[0]] = 1;
            v[2][p[1]] = 1;
            v[3] = new int[] {1, 1, 1};
            double[][] a = new double[4][5];
            for (int row = 0; row < 3; row++) {
                for (int j = 0; j < 4; j++) a[row][j] = v[j][row];
                a[row][4] = f[row];
            }
            for (int j = 0; j < 4; j++) a[3][j] = 1;
            a[3][4] = 1;
            double[] lam = Dense.solveAugmented(a);
            boolean inside = true;
            for (double l : lam) inside &= l >= -1e-12;
            if (!inside) continue;
            double out = 0;
            for (int j = 0; j < 4; j++) out += lam[j] * entry(t, n, lo[0] + v[j][0], lo[1] + v[j][1], lo[2] + v[j][2], c);
            return out;
        }
        throw new AssertionError("point in no tetrahedron");
    }

    private static double[][] samples(long seed) {
        Random rnd = new Random(seed);
        double[][] s = new double[300][];
        for (int i = 0; i < s.length; i++) {
            // some outside the domain (clamped), some on lattice planes and at the top node
            double lo = i < 20 ? -0.3 : 0, span = i < 20 ? 1.6 : 1;
            s[i] = new double[] {lo + span * rnd.nextDouble(), lo + span * rnd.nextDouble(), lo + span * rnd.nextDouble()};
        }
        s[0] = new double[] {1, 1, 1};
        s[1] = new double[] {0, 0.5, 1};
        s[2] = new double[] {0.25, 0.25, 0.25};
        return s;
    }

    @Test
    void trilinearMatchesNestedLerps() {
        for (int n : new int[] {2, 3, 5}) {
            Lut3d lut = random(n, n);
            double[] out = new double[3];
            for (double[] p : samples(7)) {
                lut.lookup(p[0], p[1], p[2], Interpolation.TRILINEAR, out);
                for (int c = 0; c < 3; c++) assertEquals(trilinearRef(lut, p, c), out[c], TOL, "n " + n + " at " + java.util.Arrays.toString(p));
            }
        }
    }

    @Test
    void tetrahedralMatchesBarycentricCoordinates() {
        for (int n : new int[] {2, 3, 5}) {
            Lut3d lut = random(n, 10 + n);
            double[] out = new double[3];
            for (double[] p : samples(8)) {
                lut.lookup(p[0], p[1], p[2], Interpolation.TETRAHEDRAL, out);
                for (int c = 0; c < 3; c++) assertEquals(tetrahedralRef(lut, p, c), out[c], TOL, "n " + n + " at " + java.util.Arrays.toString(p));
            }
        }
    }

    @Test
    void bothAreExactOnNodesAndForAffineMaps() {
        double[][] a = {{0.9, 0.1, -0.05, 0.02}, {0.05, 1.1, 0, -0.03}, {0, -0.1, 0.8, 0.1}};
        Lut3d lut = Lut3d.bakeAffine(5, a);
        double[] out = new double[3];
        for (Interpolation interp : Interpolation.values()) {
            for (double[] p : samples(9)) {
                lut.lookup(p[0], p[1], p[2], interp, out);
                for (int k = 0; k < 3; k++) {
                    double x0 = clamp(p[0]), x1 = clamp(p[1]), x2 = clamp(p[2]);
                    assertEquals(a[k][0] * x0 + a[k][1] * x1 + a[k][2] * x2 + a[k][3], out[k], TOL, interp + " channel " + k);
                }
            }
        }
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    @Test
    void identityRoundTripsAnImageWithinRounding() {
        Random rnd = new Random(3);
        float[] px = new float[3 * 40 * 30];
        for (int i = 0; i < px.length; i++) px[i] = rnd.nextFloat();
        px[0] = 0f;
        px[1] = 1f;
        FloatImage img = FloatImage.of(40, 30, 3, px);
        for (int n : new int[] {17, 33}) {
            for (Interpolation interp : Interpolation.values()) {
                float[] out = Lut3d.identity(n).apply(img, interp).toArray();
                for (int i = 0; i < px.length; i++) {
                    // i/(n-1) in float, times weights: a few ulps of 1
                    assertEquals(px[i], out[i], 4 * Math.ulp(1f), interp + " " + n);
                }
            }
        }
    }

    @Test
    void domainScalesTheInput() {
        // a LUT over [0, 2]: the identity of that domain maps 1.5 to 1.5
        int n = 3;
        Lut3d unit = Lut3d.identity(n);
        float[] t = unit.table();
        for (int i = 0; i < t.length; i++) t[i] *= 2;
        Lut3d wide = Lut3d.of(n, t, new double[] {0, 0, 0}, new double[] {2, 2, 2});
        double[] out = new double[3];
        wide.lookup(1.5, 0.2, 3.0, Interpolation.TETRAHEDRAL, out);
        assertArrayEquals(new double[] {1.5, 0.2, 2.0}, out, TOL);
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Lut3d.identity(1));
        assertThrows(IllegalArgumentException.class, () -> Lut3d.of(2, new float[5]));
        float[] nan = new float[24];
        nan[3] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> Lut3d.of(2, nan));
        assertThrows(IllegalArgumentException.class, () -> Lut3d.of(2, new float[24], new double[] {0, 0, 0}, new double[] {1, 0, 1}));
        assertTrue(Lut3d.identity(2).unitDomain());
    }

    /** The unit domain's coordinate without divisions is the general formula's value, bit for bit. */
    @Test
    void unitDomainCoordinatesEqualTheGeneralFormula() {
        Lut3d unit = Lut3d.identity(33);
        java.util.Random rnd = new java.util.Random(4);
        for (int i = 0; i < 100_000; i++) {
            double v = i < 3 ? new double[] {0, 1, -0.0}[i] : rnd.nextDouble() * 1.4 - 0.2;
            org.junit.jupiter.api.Assertions.assertEquals((v - 0.0) / (1.0 - 0.0) * 32, unit.coordinate(i % 3, v), 0.0);
        }
    }
}
