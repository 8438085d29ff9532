package dev.photostyle.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.engine.Tensors;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.testing.GradientCheck;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Slicing (engine and host) against a plain reference, its gradient, the smoothness term and fitting. */
class BilateralGridTest {

    static FloatImage noise(int w, int h, long seed) {
        Random r = new Random(seed);
        float[] d = new float[3 * w * h];
        for (int i = 0; i < d.length; i++) d[i] = r.nextFloat();
        return FloatImage.of(w, h, 3, d);
    }

    static float[] randomGrid(GridSize s, long seed) {
        Random r = new Random(seed);
        float[] g = BilateralGrid.identityArray(s);
        for (int i = 0; i < g.length; i++) g[i] += (float) (0.3 * r.nextGaussian());
        return g;
    }

    /** Tent weight of cell i at clamped coordinate g: the textbook trilinear kernel, summed over all cells. */
    private static double tent(double g, int i) {
        return Math.max(0, 1 - Math.abs(g - i));
    }

    /** Plain reference: sum over every cell of the tent weights. */
    static float[] reference(float[] grid, GridSize s, FloatImage img) {
        int w = img.width(), h = img.height(), n = w * h, cells = s.cells();
        float[] c = img.toArray();
        float[] out = new float[3 * n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                double gx = Math.min(s.width() - 1, Math.max(0, (x + 0.5) * s.width() / w - 0.5));
                double gy = Math.min(s.height() - 1, Math.max(0, (y + 0.5) * s.height() / h - 0.5));
                double lum = Math.min(1, Math.max(0, 0.2126 * c[p] + 0.7152 * c[n + p] + 0.0722 * c[2 * n + p]));
                double gz = Math.min(s.depth() - 1, Math.max(0, lum * s.depth() - 0.5));
                double[] in = {c[p], c[n + p], c[2 * n + p], 1};
                for (int row = 0; row < 3; row++) {
                    double acc = 0;
                    for (int z = 0; z < s.depth(); z++) {
                        for (int cy = 0; cy < s.height(); cy++) {
                            for (int cx = 0; cx < s.width(); cx++) {
                                double wt = tent(gz, z) * tent(gy, cy) * tent(gx, cx);
                                if (wt == 0) continue;
                                int cell = (z * s.height() + cy) * s.width() + cx;
                                for (int col = 0; col < 4; col++) acc += wt * grid[(4 * row + col) * cells + cell] * in[col];
                            }
                        }
                    }
                    out[row * n + p] = (float) acc;
                }
            }
        }
        return out;
    }

    @Test
    void identityGridReturnsTheContentExactly() {
        GridSize s = new GridSize(4, 3, 5);
        FloatImage c = noise(17, 11, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray content = Tensors.toTensor(c, m);
            NDArray out = new GridSlicer(s, content, m).slice(BilateralGrid.identity(s, 2, m));
            assertEquals(new Shape(2, 3, 11, 17), out.getShape());
            float[] o = out.toFloatArray();
            float[] e = c.toArray();
            for (int i = 0; i < e.length; i++) {
                assertEquals(e[i], o[i], 1e-6);
                assertEquals(e[i], o[e.length + i], 1e-6);
            }
        }
        assertArrayEquals(c.toArray(), HostGridSlicer.slice(BilateralGrid.identityArray(s), s, c).toArray(), 1e-6f);
    }

    @Test
    void engineAndHostSlicingMatchThePlainReference() {
        GridSize s = new GridSize(3, 2, 4);
        FloatImage c = noise(9, 7, 2);
        float[] grid = randomGrid(s, 3);
        float[] expected = reference(grid, s, c);
        assertArrayEquals(expected, HostGridSlicer.slice(grid, s, c).toArray(), 1e-5f);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray g = m.create(grid, BilateralGrid.shape(s, 1));
            NDArray out = new GridSlicer(s, Tensors.toTensor(c, m), m).slice(g);
            assertArrayEquals(expected, out.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void slicingGradientMatchesFiniteDifferences() {
        GridSize s = new GridSize(2, 2, 3);
        FloatImage c = noise(5, 4, 4);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray guide = Tensors.toTensor(c, m).toType(DataType.FLOAT64, false);
            GridSlicer slicer = new GridSlicer(s, guide, m);
            NDArray proj = m.create(randomGrid(new GridSize(5, 4, 1), 5)).toType(DataType.FLOAT64, false)
                    .get("0:60").reshape(1, 3, 4, 5);
            NDArray x = m.create(randomGrid(s, 6), BilateralGrid.shape(s, 1)).toType(DataType.FLOAT64, false);
            GradientCheck.check(x, g -> slicer.slice(g).mul(proj).sum(), 1e-6);
        }
    }

    @Test
    void smoothnessIsZeroForAConstantGridAndMatchesAPlainSum() {
        GridSize s = new GridSize(3, 2, 2);
        float[] g = randomGrid(s, 7);
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(0.0, Tensors.scalar(GridSmoothness.compute(BilateralGrid.identity(s, 2, m))), 0.0);
            double got = Tensors.scalar(GridSmoothness.compute(m.create(g, BilateralGrid.shape(s, 1))));
            // plain: mean squared neighbour difference per axis, summed over the axes
            int gw = 3, gh = 2, d = 2, cells = s.cells();
            double sx = 0, sy = 0, sz = 0;
            for (int k = 0; k < 12; k++) {
                for (int z = 0; z < d; z++) {
                    for (int y = 0; y < gh; y++) {
                        for (int x = 0; x < gw; x++) {
                            double v = g[k * cells + (z * gh + y) * gw + x];
                            if (x + 1 < gw) sx += sq(g[k * cells + (z * gh + y) * gw + x + 1] - v);
                            if (y + 1 < gh) sy += sq(g[k * cells + (z * gh + y + 1) * gw + x] - v);
                            if (z + 1 < d) sz += sq(g[k * cells + ((z + 1) * gh + y) * gw + x] - v);
                        }
                    }
                }
            }
            double expected = sx / (12 * d * gh * (gw - 1)) + sy / (12 * d * (gh - 1) * gw) + sz / (12 * (d - 1) * gh * gw);
            assertEquals(expected, got, 1e-5 * expected);
        }
    }

    private static double sq(double v) { return v * v; }

    @Test
    void fitRecoversAGlobalAffineMap() {
        GridSize s = new GridSize(3, 3, 3);
        FloatImage c = noise(48, 40, 8);
        double[][] a = {{0.8, 0.1, -0.2, 0.05}, {0.2, 0.6, 0.1, -0.1}, {-0.1, 0.3, 1.1, 0.2}};
        int n = c.pixels();
        float[] in = c.toArray();
        float[] r = new float[3 * n];
        for (int i = 0; i < n; i++) {
            for (int row = 0; row < 3; row++) {
                r[row * n + i] = (float) (a[row][0] * in[i] + a[row][1] * in[n + i] + a[row][2] * in[2 * n + i] + a[row][3]);
            }
        }
        FloatImage result = FloatImage.of(48, 40, 3, r);
        float[] grid = GridFit.fit(c, result, s, 1e-6);
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 4; col++) {
                for (int cell = 0; cell < s.cells(); cell++) {
                    assertEquals(a[row][col], grid[(4 * row + col) * s.cells() + cell], 2e-3,
                            "A[" + row + "][" + col + "] in cell " + cell);
                }
            }
        }
        assertArrayEquals(r, HostGridSlicer.slice(grid, s, c).toArray(), 1e-3f);
    }

    @Test
    void fitOfAnEmptyCellIsTheIdentityAndBadInputsAreRejected() {
        GridSize s = new GridSize(1, 1, 4);
        FloatImage flat = FloatImage.filled(8, 8, 3, 0.1f); // every pixel in the darkest bin
        float[] grid = GridFit.fit(flat, flat, s, 1e-3);
        int brightCell = 3;
        for (int k = 0; k < 12; k++) assertEquals(k % 5 == 0 ? 1f : 0f, grid[k * s.cells() + brightCell], 1e-6);
        assertThrows(IllegalArgumentException.class, () -> GridFit.fit(flat, noise(4, 4, 1), s, 1e-3));
        assertThrows(IllegalArgumentException.class, () -> GridSize.parse("16x16"));
        assertEquals(new GridSize(8, 6, 4), GridSize.parse("8x6x4"));
        assertTrue(GridSize.DEFAULT.coefficients() == 12 * 16 * 16 * 8);
    }
}
