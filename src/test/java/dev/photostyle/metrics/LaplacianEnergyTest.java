package dev.photostyle.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.FloatImage;

import java.util.Random;

import org.junit.jupiter.api.Test;

class LaplacianEnergyTest {
    private static FloatImage random(int w, int h, long seed) {
        Random r = new Random(seed);
        float[] d = new float[3 * w * h];
        for (int i = 0; i < d.length; i++) d[i] = r.nextFloat();
        return FloatImage.wrap(w, h, 3, d);
    }

    @Test
    void affineRecolouringHasNearZeroEnergyAndNoiseHasAlotAgreeingWithTheAffineResidual() {
        FloatImage c = random(24, 20, 1);
        float[] a = c.toArray();
        float[] b = new float[a.length];
        int n = c.pixels();
        for (int i = 0; i < n; i++) {
            float r = a[i], g = a[n + i], bl = a[2 * n + i];
            b[i] = 0.5f * r + 0.2f * g + 0.1f;
            b[n + i] = 0.3f * g + 0.1f * bl + 0.2f;
            b[2 * n + i] = 0.6f * bl + 0.05f;
        }
        FloatImage affine = FloatImage.wrap(24, 20, 3, b);
        assertTrue(LaplacianEnergy.DEFAULT.perPixel(c, affine) < 1e-6);

        FloatImage noise = random(24, 20, 2);
        double e = LaplacianEnergy.DEFAULT.perPixel(c, noise);
        assertTrue(e > 0.1, "noise energy " + e);
        // Same residuals summed two ways: 3 channels x 9 pixels per window; the border differs.
        double viaResidual = 27 * AffineResidual.DEFAULT.mean(c, noise, null);
        assertEquals(viaResidual, e, 0.25 * viaResidual);
    }

    @Test
    void differentSizesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> LaplacianEnergy.DEFAULT.perPixel(random(8, 8, 1), random(9, 8, 1)));
    }
}
