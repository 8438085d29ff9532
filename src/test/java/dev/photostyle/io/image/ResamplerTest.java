package dev.photostyle.io.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResamplerTest {
    @Test
    void constantImageStaysConstant() {
        FloatImage img = FloatImage.filled(7, 5, 3, 0.25f);
        FloatImage r = Resampler.resize(img, 3, 11);
        for (float v : r.toArray()) assertEquals(0.25f, v, 1e-6f);
    }

    @Test
    void halvingAveragesPairsOfASmoothRamp() {
        float[] d = {0, 1, 2, 3, 4, 5, 6, 7};
        float[] r = Resampler.resizePlane(d, 8, 1, 4, 1);
        // Triangle of half-width 2 around centres 0.5, 2.5, 4.5, 6.5: interior taps average to the
        // centre value; the edges are renormalised over the clipped support.
        assertEquals(2.5f, r[1], 1e-5f);
        assertEquals(4.5f, r[2], 1e-5f);
    }

    @Test
    void fitLongSideKeepsAspect() {
        assertArrayEquals(new int[] {256, 144}, Resampler.fitLongSide(700, 394, 256));
        assertArrayEquals(new int[] {144, 256}, Resampler.fitLongSide(394, 700, 256));
    }
}
