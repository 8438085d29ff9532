package dev.photostyle.colour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.FloatImage;
import org.junit.jupiter.api.Test;

class PlateRoundTripTest {
    /** Linear RGBA plate, values from -0.01 to 600. */
    private static FloatImage plate() {
        int w = 6, h = 4, n = w * h;
        float[] d = new float[4 * n];
        for (int i = 0; i < 3 * n; i++) d[i] = (float) (Math.pow(1.5, i % 20) * 0.02 - (i % 7 == 0 ? 0.03 : 0));
        d[5] = 600f;
        for (int i = 3 * n; i < 4 * n; i++) d[i] = (i % 5) / 4f;
        return FloatImage.wrap(w, h, 4, d);
    }

    @Test
    void untouchedClampedResultGivesThePlateBackIncludingOutOfRangeValuesAndAlpha() {
        FloatImage p = plate();
        PlateRoundTrip rt = new PlateRoundTrip(ColourTransform.defaults(InputColourSpace.LINEAR).withExposure(1));
        FloatImage net = rt.forNetwork(p);
        FloatImage seen = net.rgb().clamp(0f, 1f); // what the network sees and returns unchanged
        FloatImage back = rt.fromNetwork(seen, net, p);
        assertEquals(4, back.channels());
        float[] a = p.toArray();
        float[] b = back.toArray();
        boolean above = false;
        for (int i = 0; i < 3 * p.pixels(); i++) {
            above |= a[i] > 16;
            assertTrue(Math.abs(a[i] - b[i]) <= Math.max(1e-5 * Math.abs(a[i]), 1e-7), i + ": " + a[i] + " -> " + b[i]);
        }
        assertTrue(above, "test plate must have values the network cannot see");
        assertArrayEquals(p.alpha(), back.alpha(), 0f);
    }

    @Test
    void changesApplyToUnclampedHighlightsAndInRangeValuesTakeTheResult() {
        ColourTransform t = new ColourTransform(InputColourSpace.LINEAR, 0, null); // sRGB above 1 stays above 1
        PlateRoundTrip rt = new PlateRoundTrip(t);
        FloatImage plate = FloatImage.wrap(2, 1, 3, new float[] {0.18f, 4f, 0.18f, 4f, 0.18f, 4f});
        FloatImage net = rt.forNetwork(plate);
        float c0 = net.get(0, 0, 0);
        float c1 = net.get(0, 1, 0);
        assertTrue(c1 > 1f);
        FloatImage result = FloatImage.wrap(2, 1, 3, new float[] {0.3f, 0.9f, 0.3f, 0.9f, 0.3f, 0.9f});
        FloatImage back = rt.fromNetwork(result, net, plate);
        assertEquals(Srgb.decode(0.3), back.get(0, 0, 0), 1e-6);
        assertEquals(Srgb.decode(c1 - 0.1), back.get(0, 1, 0), 1e-4); // change -0.1 applied above 1
        assertTrue(c0 < 1f);
    }

    @Test
    void srgbDefaultsAreTheIdentity() {
        PlateRoundTrip rt = new PlateRoundTrip(ColourTransform.defaults(InputColourSpace.SRGB));
        FloatImage p = FloatImage.wrap(1, 1, 3, new float[] {0.1f, 0.5f, 0.9f});
        assertTrue(rt.isIdentity());
        assertEquals(p, rt.forNetwork(p));
        assertEquals(p, rt.fromNetwork(p, p, p));
    }
}
