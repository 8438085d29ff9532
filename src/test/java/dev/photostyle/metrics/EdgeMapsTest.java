package dev.photostyle.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.FloatImage;
import org.junit.jupiter.api.Test;

class EdgeMapsTest {
    @Test
    void fullRangeStepEdgeReadsOne() {
        int w = 8, h = 4;
        float[] d = new float[3 * w * h];
        for (int c = 0; c < 3; c++) for (int y = 0; y < h; y++) for (int x = 4; x < w; x++) d[(c * h + y) * w + x] = 1;
        double[] e = EdgeMaps.of(FloatImage.wrap(w, h, 3, d));
        assertEquals(1.0, e[1 * w + 3], 1e-6);
        assertEquals(1.0, e[1 * w + 4], 1e-6);
        assertEquals(0.0, e[1 * w + 0], 1e-6);
    }

    @Test
    void edgeSsimIgnoresABrightnessOffsetButNotABlur() {
        FloatImage a = TestImages.smooth(40, 30);
        FloatImage brighter = TestImages.affine(a, new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, new double[] {0.05, 0.05, 0.05});
        assertEquals(1.0, EdgeMaps.edgeSsim(Ssim.STANDARD, a, a, null), 1e-12);
        assertEquals(1.0, EdgeMaps.edgeSsim(Ssim.STANDARD, a, brighter, null), 1e-5);
        assertTrue(Ssim.STANDARD.mean(a, brighter) < 0.9999); // plain SSIM does see the offset
        FloatImage noisy = TestImages.random(40, 30, 5);
        assertTrue(EdgeMaps.edgeSsim(Ssim.STANDARD, a, noisy, null) < 0.5);
    }
}
