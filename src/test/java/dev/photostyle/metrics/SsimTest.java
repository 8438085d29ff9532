package dev.photostyle.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.FloatImage;
import org.junit.jupiter.api.Test;

class SsimTest {
    @Test
    void identicalImagesGiveOne() {
        FloatImage a = TestImages.smooth(40, 30);
        assertEquals(1.0, Ssim.STANDARD.mean(a, a), 1e-12);
    }

    @Test
    void shiftedCopyScoresLowerAndMoreShiftLowerStill() {
        FloatImage a = TestImages.smooth(48, 32);
        double s1 = Ssim.STANDARD.mean(a, TestImages.shiftX(a, 1));
        double s3 = Ssim.STANDARD.mean(a, TestImages.shiftX(a, 3));
        assertTrue(s1 < 0.999, "shift 1: " + s1);
        assertTrue(s3 < s1, "shift 3: " + s3 + " vs " + s1);
    }

    @Test
    void mapMatchesAPlainPerPixelReference() {
        int w = 7, h = 6;
        Ssim cfg = new Ssim(0.01, 0.03, 1.0, 5, 1.2);
        double[] a = TestImages.randomPlane(w * h, 10), b = TestImages.randomPlane(w * h, 11);
        for (int i = 0; i < a.length; i++) b[i] = 0.6 * a[i] + 0.4 * b[i];
        double[] map = cfg.map(a, b, w, h);
        double[] g = Filters.gaussian(5, 1.2);
        double c1 = 1e-4, c2 = 9e-4;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double ma = 0, mb = 0, saa = 0, sbb = 0, sab = 0;
                for (int j = -2; j <= 2; j++) for (int i = -2; i <= 2; i++) {
                    int k = Filters.reflect(y + j, h) * w + Filters.reflect(x + i, w);
                    double wt = g[j + 2] * g[i + 2];
                    ma += wt * a[k];
                    mb += wt * b[k];
                }
                for (int j = -2; j <= 2; j++) for (int i = -2; i <= 2; i++) {
                    int k = Filters.reflect(y + j, h) * w + Filters.reflect(x + i, w);
                    double wt = g[j + 2] * g[i + 2];
                    saa += wt * (a[k] - ma) * (a[k] - ma);
                    sbb += wt * (b[k] - mb) * (b[k] - mb);
                    sab += wt * (a[k] - ma) * (b[k] - mb);
                }
                double expect = (2 * ma * mb + c1) * (2 * sab + c2) / ((ma * ma + mb * mb + c1) * (saa + sbb + c2));
                assertEquals(expect, map[y * w + x], 1e-10, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void flatImagesReduceToTheLuminanceTerm() {
        FloatImage a = FloatImage.filled(12, 12, 3, 0.2f), b = FloatImage.filled(12, 12, 3, 0.6f);
        double ma = 0.2f, mb = 0.6f; // luma of a gray is the gray (weights sum to 1)
        double expect = (2 * ma * mb + 1e-4) / (ma * ma + mb * mb + 1e-4);
        assertEquals(expect, Ssim.STANDARD.mean(a, b), 1e-6);
    }

    @Test
    void maskedMeanAveragesOnlyTheMaskedPixels() {
        FloatImage a = TestImages.smooth(30, 20);
        float[] d = a.toArray();
        for (int c = 0; c < 3; c++) for (int y = 0; y < 20; y++) for (int x = 20; x < 30; x++) d[(c * 20 + y) * 30 + x] = 0;
        FloatImage b = FloatImage.wrap(30, 20, 3, d);
        boolean[] left = new boolean[600];
        for (int y = 0; y < 20; y++) for (int x = 0; x < 5; x++) left[y * 30 + x] = true;
        double masked = Ssim.STANDARD.mean(a, b, left);
        assertEquals(1.0, masked, 1e-9); // the window (radius 5) never reaches x >= 20 from x < 5
        assertTrue(Ssim.STANDARD.mean(a, b) < 0.9);
        assertTrue(Double.isNaN(Ssim.STANDARD.mean(a, b, new boolean[600])));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new Ssim(0.01, 0.03, 1, 10, 1.5));
        assertThrows(IllegalArgumentException.class,
                () -> Ssim.STANDARD.mean(FloatImage.filled(4, 4, 3, 0), FloatImage.filled(5, 4, 3, 0)));
    }

    @Test
    void lumaUsesRec709Weights() {
        float[] d = {1, 0, 0};
        assertEquals(0.2126, Luminance.of(FloatImage.of(1, 1, 3, d))[0], 1e-7);
        float[] g = {0, 1, 0};
        assertEquals(0.7152, Luminance.of(FloatImage.of(1, 1, 3, g))[0], 1e-7);
    }
}
