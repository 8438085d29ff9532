package dev.photostyle.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.photostyle.io.image.FloatImage;
import org.junit.jupiter.api.Test;

class LabTest {
    // Reference values: B. Lindbloom's calculator / CIE formulas with the sRGB D65 matrix.
    @Test
    void knownColours() {
        assertArrayEquals(new double[] {100, 0, 0}, Lab.fromSrgb(1, 1, 1), 1e-9);
        assertArrayEquals(new double[] {0, 0, 0}, Lab.fromSrgb(0, 0, 0), 1e-9);
        assertArrayEquals(new double[] {53.2408, 80.0925, 67.2032}, Lab.fromSrgb(1, 0, 0), 1e-3);
        assertArrayEquals(new double[] {87.7347, -86.1827, 83.1793}, Lab.fromSrgb(0, 1, 0), 1e-3);
        assertArrayEquals(new double[] {32.2970, 79.1875, -107.8602}, Lab.fromSrgb(0, 0, 1), 1e-3);
        assertArrayEquals(new double[] {53.3890, 0, 0}, Lab.fromSrgb(0.5, 0.5, 0.5), 1e-3);
    }

    @Test
    void imagePlanesMatchPerPixelConversion() {
        FloatImage img = TestImages.random(3, 2, 7);
        double[] lab = Lab.of(img);
        for (int i = 0; i < 6; i++) {
            double[] px = Lab.fromSrgb(img.get(0, i % 3, i / 3), img.get(1, i % 3, i / 3), img.get(2, i % 3, i / 3));
            for (int c = 0; c < 3; c++) assertEquals(px[c], lab[c * 6 + i], 1e-12);
        }
    }

    @Test
    void transferCurveIsContinuousAtTheKnee() {
        assertEquals(0.04045 / 12.92, Lab.srgbToLinear(0.04045), 1e-12);
        assertEquals(Lab.srgbToLinear(0.04045), Lab.srgbToLinear(0.0404501), 1e-7);
        assertEquals(-Lab.srgbToLinear(0.3), Lab.srgbToLinear(-0.3), 0);
    }
}
