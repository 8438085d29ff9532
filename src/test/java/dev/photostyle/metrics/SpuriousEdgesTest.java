package dev.photostyle.metrics;

import static dev.photostyle.metrics.RegionDefects.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.FloatImage;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpuriousEdgesTest {
    /**
     * Bound for a result that is an exact affine map of the content up to float rounding (at most
     * 2^-23 for values below 2): the rounding moves each blurred central difference by at most
     * 2^-23 L, the gradient magnitude (6 terms) by at most sqrt(6) of that; squared, with margin.
     */
    private static final double ROUNDING_ENERGY = Math.pow(3 * Math.pow(2, -23) * W, 2);

    private static double score(FloatImage c, FloatImage r, boolean[] region) {
        return SpuriousEdges.DEFAULT.measure(c, r, Arrays.asList(new boolean[][] {region})).get(0).value();
    }

    @Test
    void contentAndAffineRecolouringsScoreZero() {
        for (FloatImage content : List.of(sky(), TestImages.smooth(W, H))) {
            assertTrue(score(content, content, null) <= 1e-20);
            assertTrue(score(content, TestImages.affine(content, ANISOTROPIC, SHIFT), null) < ROUNDING_ENERGY);
        }
    }

    @Test
    void splitSkyScoresHighAndAHardEdgeFarAboveASmoothRamp() {
        FloatImage sky = sky();
        double[] d = {LILAC[0] - NAVY[0], LILAC[1] - NAVY[1], LILAC[2] - NAVY[2]};
        double step = score(sky, split(sky, NAVY, LILAC), null);
        double ramp = score(sky, ramp(sky, d), null);
        // A step of contrast h along the full height: energy h² ℓ / (2 σ √π A) in long-side units
        // (ℓ = H/W, A = H W / W², σ = 2/256); the sky's own (orthogonal, weak) gradient lowers it a little.
        double sigma = 2.0 / 256, h = norm(d);
        double expected = h * h / (2 * sigma * Math.sqrt(Math.PI));
        assertTrue(step > 0.5 * expected && step < expected, "step energy " + step + " vs " + expected);
        // The same height spread as a ramp over the width: at most (h L / W)² everywhere, W / (2 σ √π) = 36x less.
        assertTrue(ramp < h * h, "ramp " + ramp);
        assertTrue(step > 10 * ramp);
    }

    @Test
    void regionBordersDoNotCount() {
        FloatImage sky = sky();
        boolean[] top = topRows(H / 2);
        FloatImage result = select(top, TestImages.affine(sky, ANISOTROPIC, NAVY), TestImages.affine(sky, ANISOTROPIC, SHIFT));
        List<RegionScore> s = SpuriousEdges.DEFAULT.measure(sky, result, Arrays.asList(top, not(top), null, topRows(4)));
        assertTrue(s.get(0).value() < ROUNDING_ENERGY);
        assertTrue(s.get(1).value() < ROUNDING_ENERGY);
        assertTrue(s.get(2).value() > 1, "the seam counts when the image is one region");
        // Blur radius ceil(3 * 0.5 * 2) = 3, window radius 4: rows 0..43 of the top half are measured.
        assertEquals(44L * W, s.get(0).pixels());
        assertNull(s.get(3).value());
        assertThrows(IllegalArgumentException.class, () -> score(sky, TestImages.smooth(W, H - 1), null));
    }

    @Test
    void gainIsTheSpectralNormOfTheAffineMap() {
        FloatImage c = TestImages.random(10, 8, 5);
        FloatImage r = TestImages.affine(c, ANISOTROPIC, SHIFT);
        double k = SpuriousEdges.gain(c.toArray(), r.toArray(), 80, null);
        // Power iteration on AᵀA.
        double[] v = {1, 1, 1};
        double lambda = 0;
        for (int it = 0; it < 200; it++) {
            double[] av = new double[3], atav = new double[3];
            for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) av[i] += ANISOTROPIC[i][j] * v[j];
            for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) atav[i] += ANISOTROPIC[j][i] * av[j];
            lambda = norm(atav) / norm(v);
            v = atav;
        }
        assertEquals(Math.sqrt(lambda), k, 1e-5);
        // A flat content carries no colour direction: no gain.
        assertEquals(0, SpuriousEdges.gain(FloatImage.filled(10, 8, 3, 0.5f).toArray(), r.toArray(), 80, null), 0);
    }

    @Test
    void erosionKeepsPixelsWhoseWindowIsInside() {
        Random rnd = new Random(6);
        int w = 11, h = 9;
        boolean[] m = new boolean[w * h];
        for (int i = 0; i < m.length; i++) m[i] = rnd.nextDouble() < 0.8;
        boolean[] want = new boolean[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            boolean all = true;
            for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
                for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) all &= m[yy * w + xx];
            }
            want[y * w + x] = all;
        }
        assertArrayEquals(want, SpuriousEdges.erode(m, w, h, 1));
    }

    /** Against a direct 2-D convolution with reflected borders on a tiny image. */
    @Test
    void matchesPlainComputation() {
        int w = 9, h = 7, n = w * h;
        FloatImage c = TestImages.random(w, h, 7);
        float[] rv = TestImages.affine(c, ANISOTROPIC, SHIFT).toArray();
        Random rnd = new Random(8);
        for (int i = 0; i < rv.length; i++) rv[i] += (float) (0.2 * rnd.nextDouble());
        FloatImage r = FloatImage.wrap(w, h, 3, rv);
        SpuriousEdges metric = new SpuriousEdges(0.5 / w); // σ = 0.5 px, blur radius 2
        double sigma = 0.5;
        double[] g = new double[5];
        double gs = 0;
        for (int t = -2; t <= 2; t++) gs += g[t + 2] = Math.exp(-t * t / (2 * sigma * sigma));
        double[][] mag = new double[2][n];
        float[][] imgs = {c.toArray(), rv};
        for (int q = 0; q < 2; q++) {
            for (int ch = 0; ch < 3; ch++) {
                double[] blur = new double[n];
                for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
                    double acc = 0;
                    for (int dy = -2; dy <= 2; dy++) for (int dx = -2; dx <= 2; dx++) {
                        acc += g[dy + 2] * g[dx + 2] / (gs * gs) * imgs[q][ch * n + Filters.reflect(y + dy, h) * w + Filters.reflect(x + dx, w)];
                    }
                    blur[y * w + x] = acc;
                }
                for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
                    double gx = (blur[y * w + Filters.reflect(x + 1, w)] - blur[y * w + Filters.reflect(x - 1, w)]) / 2 * w;
                    double gy = (blur[Filters.reflect(y + 1, h) * w + x] - blur[Filters.reflect(y - 1, h) * w + x]) / 2 * w;
                    mag[q][y * w + x] += gx * gx + gy * gy;
                }
            }
        }
        double k = SpuriousEdges.gain(c.toArray(), rv, n, null);
        assertTrue(k > 0.5);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.max(0, Math.sqrt(mag[1][i]) - k * Math.sqrt(mag[0][i]));
            sum += e * e;
        }
        assertEquals(sum / n, metric.measure(c, r, Arrays.asList((boolean[]) null)).get(0).value(), 1e-9 * sum / n);
    }
}
