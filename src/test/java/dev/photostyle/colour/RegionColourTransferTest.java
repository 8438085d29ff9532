package dev.photostyle.colour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.mask.LabelMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RegionColourTransferTest {
    private static final int W = 12, H = 10, N = W * H;

    /** Labels: 0 in the left third, 1 in the middle third, unlabelled on the right. */
    private static LabelMap labels() {
        int[] l = new int[N];
        for (int i = 0; i < N; i++) {
            int x = i % W;
            l[i] = x < 4 ? 0 : x < 8 ? 1 : LabelMap.UNLABELLED;
        }
        return LabelMap.of(W, H, l, Map.of());
    }

    /** Random colours whose channels are correlated (a random mixing of uniform noise) plus an offset. */
    private static FloatImage correlated(long seed, double offset) {
        Random r = new Random(seed);
        double[][] mix = new double[3][3];
        for (double[] row : mix) for (int j = 0; j < 3; j++) row[j] = 0.3 * r.nextDouble();
        float[] d = new float[3 * N];
        for (int i = 0; i < N; i++) {
            double[] u = {r.nextDouble(), r.nextDouble(), r.nextDouble()};
            for (int k = 0; k < 3; k++) d[k * N + i] = (float) (offset + mix[k][0] * u[0] + mix[k][1] * u[1] + mix[k][2] * u[2]);
        }
        return FloatImage.wrap(W, H, 3, d);
    }

    private static ColourMoments momentsOf(FloatImage img, LabelMap m, int label) {
        return ColourMoments.of(img.toArray(), m.mask(label));
    }

    private static float[][] hard(LabelMap m, List<Integer> labels) {
        float[][] w = new float[labels.size()][];
        for (int r = 0; r < labels.size(); r++) w[r] = m.mask(labels.get(r));
        return w;
    }

    private static double maxAbsDiff(double[][] a, double[][] b) {
        double d = 0;
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) d = Math.max(d, Math.abs(a[i][j] - b[i][j]));
        return d;
    }

    @Test
    void mappedRegionsTakeTheStyleMeanAndCovariance() {
        LabelMap m = labels();
        FloatImage content = correlated(1, 0.2), style = correlated(2, 0.4);
        List<Integer> ls = List.of(0, 1);
        RegionColourTransfer t = RegionColourTransfer.fit(content, hard(m, ls), style, hard(m, ls), ls, 0);
        FloatImage out = t.apply(content, hard(m, ls));
        for (int label : ls) {
            ColourMoments got = momentsOf(out, m, label), want = momentsOf(style, m, label);
            assertArrayEquals(want.mean(), got.mean(), 1e-5);
            assertTrue(maxAbsDiff(want.covariance(), got.covariance()) < 1e-5, "covariance of region " + label);
        }
    }

    @Test
    void quantisationRidgeMovesTheCovarianceByAtMostEpsTimesGain() {
        LabelMap m = labels();
        FloatImage content = correlated(3, 0.1), style = correlated(4, 0.5);
        List<Integer> ls = List.of(0, 1);
        RegionColourTransfer t = RegionColourTransfer.fit(content, m, style, m, ls);
        FloatImage out = t.apply(content, hard(m, ls));
        for (int r = 0; r < ls.size(); r++) {
            double[][] a = t.affine(r);
            double gain2 = 0; // |T|_F^2 bounds |T|_2^2
            for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) gain2 += a[i][j] * a[i][j];
            // Mapped covariance = Σs + eps (I − T²); 1e-6 covers float rounding of the output.
            double bound = LinearColourMap.QUANTISATION_EPS * Math.max(1, gain2) + 1e-6;
            ColourMoments got = momentsOf(out, m, ls.get(r)), want = momentsOf(style, m, ls.get(r));
            assertArrayEquals(want.mean(), got.mean(), 1e-5);
            assertTrue(maxAbsDiff(want.covariance(), got.covariance()) <= bound, "region " + ls.get(r));
        }
    }

    @Test
    void sameContentAndStyleIsTheIdentity() {
        LabelMap m = labels();
        FloatImage img = correlated(5, 0.3);
        List<Integer> ls = List.of(0, 1);
        RegionColourTransfer t = RegionColourTransfer.fit(img, m, img, m, ls);
        for (int r = 0; r < 2; r++) {
            double[][] a = t.affine(r);
            for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) assertEquals(i == j ? 1 : 0, a[i][j], 1e-9);
        }
        assertArrayEquals(img.toArray(), t.apply(img, hard(m, ls)).toArray(), 1e-6f);
    }

    @Test
    void pixelsOutsideEveryRegionAreExactlyTheContent() {
        LabelMap m = labels();
        FloatImage content = correlated(6, 0.2), style = correlated(7, 0.6);
        List<Integer> ls = List.of(0, 1);
        RegionColourTransfer t = RegionColourTransfer.fit(content, m, style, m, ls);
        // Soft mattes: region 1's weight leaks one column into the unlabelled part but not beyond.
        float[][] w = hard(m, ls);
        for (int y = 0; y < H; y++) w[1][y * W + 8] = 0.5f;
        float[] in = content.toArray(), out = t.apply(content, w).toArray();
        for (int i = 0; i < N; i++) {
            if (i % W < 9) continue;
            for (int c = 0; c < 3; c++) assertEquals(Float.floatToIntBits(in[c * N + i]), Float.floatToIntBits(out[c * N + i]));
        }
    }

    @Test
    void softWeightsBlendTheRegionMapsPerPixel() {
        FloatImage content = correlated(8, 0.2);
        double[][] a0 = {{0.9, 0.1, 0, 0.05}, {0, 1.2, 0, -0.1}, {0.2, 0, 0.7, 0.3}};
        double[][] a1 = {{0.5, 0, 0, 0.4}, {0.1, 0.5, 0.1, 0.2}, {0, 0, 1.5, -0.2}};
        RegionColourTransfer t = new RegionColourTransfer(List.of(3, 9), new double[][][] {a0, a1});
        Random r = new Random(9);
        float[][] w = new float[2][N];
        for (int i = 0; i < N; i++) {
            w[0][i] = r.nextFloat() * 0.6f;
            w[1][i] = r.nextFloat() * 0.4f;
        }
        float[] c = content.toArray(), out = t.apply(content, w).toArray();
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < 3; k++) {
                double x = c[k * N + i], want = x;
                double[][][] as = {a0, a1};
                for (int q = 0; q < 2; q++) {
                    double y = as[q][k][3];
                    for (int j = 0; j < 3; j++) y += as[q][k][j] * c[j * N + i];
                    want += w[q][i] * (y - x);
                }
                assertEquals(want, out[k * N + i], 1e-6);
            }
        }
    }

    @Test
    void flatAndOneDimensionalRegionsStayFinite() {
        LabelMap m = labels();
        float[] d = correlated(10, 0.3).toArray();
        for (int i = 0; i < N; i++) {
            int x = i % W, y = i / W;
            if (x < 4) { // region 0: one flat colour
                d[i] = 0.2f; d[N + i] = 0.5f; d[2 * N + i] = 0.7f;
            } else if (x < 8) { // region 1: a gray ramp (one-dimensional colours)
                float v = 0.1f + 0.08f * y;
                d[i] = v; d[N + i] = v; d[2 * N + i] = v;
            }
        }
        FloatImage content = FloatImage.wrap(W, H, 3, d), style = correlated(11, 0.4);
        List<Integer> ls = List.of(0, 1);
        RegionColourTransfer t = RegionColourTransfer.fit(content, m, style, m, ls);
        for (double[][] a : t.affines()) for (double[] row : a) for (double v : row) assertTrue(Double.isFinite(v));
        FloatImage out = t.apply(content, hard(m, ls));
        for (int label : ls) assertArrayEquals(momentsOf(style, m, label).mean(), momentsOf(out, m, label).mean(), 1e-5);
        // The flat region maps onto the style mean; no colour leaves the range the style region spans.
        double[] mean0 = momentsOf(style, m, 0).mean();
        float[] o = out.toArray(), s = style.toArray();
        for (int i = 0; i < N; i++) {
            if (i % W >= 8) continue;
            for (int c = 0; c < 3; c++) {
                if (i % W < 4) assertEquals(mean0[c], o[c * N + i], 1e-5);
                assertTrue(o[c * N + i] > -1 && o[c * N + i] < 2, "bounded output");
            }
        }
        // A flat style region collapses the content region onto its colour.
        RegionColourTransfer toFlat = RegionColourTransfer.fit(style, m, content, m, List.of(0));
        ColourMoments collapsed = momentsOf(toFlat.apply(style, hard(m, List.of(0))), m, 0);
        assertArrayEquals(new double[] {0.2, 0.5, 0.7}, collapsed.mean(), 1e-6);
        // Mapped covariance = 0 + eps (I − T²) <= eps I: at most the 8-bit rounding noise is left.
        double[][] cov = collapsed.covariance();
        assertTrue(cov[0][0] + cov[1][1] + cov[2][2] <= 3 * LinearColourMap.QUANTISATION_EPS, "collapsed spread");
    }

    @Test
    void alphaPassesThroughAndInputsAreChecked() {
        LabelMap m = labels();
        FloatImage content = correlated(12, 0.2);
        float[] alpha = new float[N];
        java.util.Arrays.fill(alpha, 0.25f);
        RegionColourTransfer t = RegionColourTransfer.fit(content, m, correlated(13, 0.5), m, List.of(0));
        FloatImage out = t.apply(content.withAlpha(alpha), hard(m, List.of(0)));
        assertArrayEquals(alpha, out.alpha());
        assertThrows(IllegalArgumentException.class, () -> t.apply(content, new float[2][N]));
        assertThrows(IllegalArgumentException.class, () -> t.apply(content, new float[][] {new float[N - 1]}));
        assertThrows(IllegalArgumentException.class, () -> RegionColourTransfer.fit(content, m, content, m, List.of(7)));
        assertThrows(IllegalArgumentException.class, () -> new RegionColourTransfer(List.of(0), new double[][][] {{{1, 0, 0}}}));
    }
}
