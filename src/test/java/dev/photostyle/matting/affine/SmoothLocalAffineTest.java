package dev.photostyle.matting.affine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.FloatImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SmoothLocalAffineTest {
    private static final SmoothLocalAffine DPST = new SmoothLocalAffine(SmoothLocalAffine.Config.DPST);

    @Test
    void contentOntoItselfIsTheContent() {
        FloatImage c = SyntheticImages.scene(64, 48, 5);
        double d = SyntheticImages.maxDiff(DPST.apply(c, c), c);
        assertTrue(d < 1e-3, "max diff " + d);
    }

    @Test
    void globalAffineMapIsReproduced() {
        FloatImage c = SyntheticImages.scene(64, 48, 6);
        FloatImage o = SyntheticImages.affine(c, SyntheticImages.M, SyntheticImages.T);
        double d = SyntheticImages.maxDiff(DPST.apply(c, o), o);
        assertTrue(d < 1e-3, "max diff " + d);
    }

    @Test
    void referenceKernelRidgeShrinksLowTextureFits() {
        // The kernel's hard-coded 1e-3 ridge visibly pulls flat-ish patches to their mean; 1e-7 does not.
        FloatImage c = SyntheticImages.scene(64, 48, 5);
        double ref = SyntheticImages.maxDiff(new SmoothLocalAffine(SmoothLocalAffine.Config.REFERENCE_KERNEL).apply(c, c), c);
        assertTrue(ref > 3e-3 && ref < 0.05, "reference-kernel identity error " + ref);
    }

    @Test
    void paintedNoiseIsRemoved() {
        FloatImage c = SyntheticImages.scene(64, 48, 7);
        float[] noisy = c.toArray();
        Random rnd = new Random(8);
        for (int i = 0; i < noisy.length; i++) noisy[i] += (float) (0.1 * rnd.nextGaussian());
        FloatImage o = FloatImage.wrap(64, 48, 3, noisy);
        double before = rms(o, c);
        double after = rms(DPST.apply(c, o), c);
        assertTrue(after < 0.5 * before, "rms error " + after + " vs painted noise " + before);
    }

    private static double rms(FloatImage a, FloatImage b) {
        float[] x = a.toArray();
        float[] y = b.toArray();
        double s = 0;
        for (int i = 0; i < x.length; i++) s += (x[i] - y[i]) * (x[i] - y[i]);
        return Math.sqrt(s / x.length);
    }

    @Test
    void bilateralMatchesPlainLoops() {
        int w = 11, h = 9;
        FloatImage c = SyntheticImages.scene(w, h, 9);
        Random rnd = new Random(10);
        float[] k = new float[12 * w * h];
        for (int i = 0; i < k.length; i++) k[i] = rnd.nextFloat();
        FloatImage coeffs = FloatImage.wrap(w, h, 12, k);
        SmoothLocalAffine.Config cfg = new SmoothLocalAffine.Config(1, 1e-3, 3, 0.1);
        FloatImage got = new SmoothLocalAffine(cfg).smooth(coeffs, c);
        double s1 = cfg.filterRadius() / 3.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double[] acc = new double[12];
                double tot = 0;
                for (int dx = -3; dx <= 3; dx++) {
                    for (int dy = -3; dy <= 3; dy++) {
                        int xx = x + dx, yy = y + dy;
                        if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
                        double diff = 0;
                        for (int ch = 0; ch < 3; ch++) diff += Math.pow(c.get(ch, xx, yy) - c.get(ch, x, y), 2);
                        double wt = Math.exp(-(dx * dx + dy * dy) / (2 * s1 * s1)) * Math.exp(-(diff / 3) / (2 * 0.01));
                        for (int ch = 0; ch < 12; ch++) acc[ch] += wt * coeffs.get(ch, xx, yy);
                        tot += wt;
                    }
                }
                for (int ch = 0; ch < 12; ch++) assertEquals(acc[ch] / tot, got.get(ch, x, y), 1e-6);
            }
        }
    }

    @Test
    void configChecksAndDefaults() {
        assertEquals(15, SmoothLocalAffine.Config.DPST.filterRadius());
        assertEquals(0.1, SmoothLocalAffine.Config.DPST.filterEdge(), "the TF port's --f_edge default");
        assertEquals(0.01, SmoothLocalAffine.Config.LUA_FORKS.filterEdge());
        assertEquals(5.0, SmoothLocalAffine.Config.DPST.spatialSigma());
        assertThrows(IllegalArgumentException.class, () -> new SmoothLocalAffine.Config(1, 1e-3, 0, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new SmoothLocalAffine.Config(1, 1e-3, 15, 0));
    }
}
