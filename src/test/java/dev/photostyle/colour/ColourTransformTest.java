package dev.photostyle.colour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.FloatImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ColourTransformTest {

    /** Linear plate with shadows, negatives, mid-tones and highlights up to 500, plus alpha. */
    private static FloatImage linearPlate() {
        int w = 16, h = 8, n = w * h;
        Random r = new Random(11);
        float[] d = new float[4 * n];
        float[] fixed = {0f, 1e-4f, -0.002f, 0.0031308f, 0.18f, 0.8f, 0.81f, 1f, 2f, 16f, 100f, 500f, 5000f};
        for (int i = 0; i < 3 * n; i++) {
            d[i] = i < fixed.length ? fixed[i] : (float) Math.exp(r.nextGaussian() * 3) * (r.nextInt(20) == 0 ? -1 : 1);
        }
        for (int i = 3 * n; i < 4 * n; i++) d[i] = r.nextFloat();
        return FloatImage.wrap(w, h, 4, d);
    }

    private static void assertRoundTrip(FloatImage plate, ColourTransform t) {
        FloatImage back = t.fromNetwork(t.toNetwork(plate));
        float[] a = plate.toArray();
        float[] b = back.toArray();
        for (int i = 0; i < a.length; i++) {
            double tol = Math.max(1e-5 * Math.abs(a[i]), 1e-7);
            assertTrue(Math.abs(a[i] - b[i]) <= tol, t + " sample " + i + ": " + a[i] + " -> " + b[i]);
        }
    }

    @Test
    void linearRoundTripIsExactWithinFloatPrecisionIncludingHighlights() {
        FloatImage plate = linearPlate();
        assertRoundTrip(plate, ColourTransform.defaults(InputColourSpace.LINEAR));
        assertRoundTrip(plate, ColourTransform.defaults(InputColourSpace.LINEAR).withExposure(-2.5));
        assertRoundTrip(plate, new ColourTransform(InputColourSpace.LINEAR, 1, null));
    }

    @Test
    void srgbAndLogRoundTrip() {
        Random r = new Random(5);
        int n = 64;
        float[] d = new float[3 * n];
        for (int i = 0; i < d.length; i++) d[i] = r.nextFloat() * 1.2f - 0.1f;
        FloatImage encoded = FloatImage.wrap(8, 8, 3, d);
        assertRoundTrip(encoded, ColourTransform.defaults(InputColourSpace.SRGB));
        assertRoundTrip(encoded, ColourTransform.defaults(InputColourSpace.SRGB).withExposure(1));
        assertRoundTrip(encoded, ColourTransform.defaults(InputColourSpace.LOG));
        assertRoundTrip(encoded, ColourTransform.defaults(InputColourSpace.LOG).withExposure(-1));
    }

    @Test
    void alphaPassesThroughBitExact() {
        FloatImage plate = linearPlate();
        ColourTransform t = ColourTransform.defaults(InputColourSpace.LINEAR).withExposure(2);
        assertArrayEquals(plate.alpha(), t.toNetwork(plate).alpha(), 0f);
        assertArrayEquals(plate.alpha(), t.fromNetwork(plate).alpha(), 0f);
    }

    @Test
    void srgbInputWithDefaultsIsPassedToTheNetworkAsIs() {
        FloatImage photo = FloatImage.wrap(2, 2, 3, new float[] {0, .1f, .2f, .3f, .4f, .5f, .6f, .7f, .8f, .9f, 1, .05f});
        assertArrayEquals(photo.toArray(), ColourTransform.defaults(InputColourSpace.SRGB).toNetwork(photo).toArray(), 1e-6f);
    }

    @Test
    void networkValuesMatchAPlainReference() {
        // linear 0.18, no shoulder, +1 stop -> sRGB(0.36) by the IEC formula
        FloatImage grey = FloatImage.filled(1, 1, 3, 0.18f);
        float y = new ColourTransform(InputColourSpace.LINEAR, 1, null).toNetwork(grey).get(0, 0, 0);
        assertEquals(1.055 * Math.pow(0.36, 1 / 2.4) - 0.055, y, 1e-6);
        // below the knee the shoulder is the identity: network = sRGB OETF
        float z = ColourTransform.defaults(InputColourSpace.LINEAR).toNetwork(grey).get(0, 0, 0);
        assertEquals(1.055 * Math.pow(0.18, 1 / 2.4) - 0.055, z, 1e-6);
        // white (16) maps to network 1; 500 a little above, still increasing
        HighlightShoulder s = HighlightShoulder.DEFAULT;
        double a = s.strength();
        assertEquals(1.0, s.apply(16, a), 1e-12);
        assertTrue(s.apply(500, a) > s.apply(499, a) && s.apply(500, a) < 1.15, "gentle above white");
        // C1 at the knee: slope 1 on both sides
        double k = s.knee();
        assertEquals(1.0, (s.apply(k + 1e-7, a) - s.apply(k, a)) / 1e-7, 1e-5);
        // ACEScct published points: 0.18 -> 0.4135884, 0 -> 0.0729055, 2^-7 is the break
        assertEquals(0.4135884, AcesCct.encode(0.18), 1e-7);
        assertEquals(0.0729055341958355, AcesCct.encode(0), 1e-15);
        assertEquals(AcesCct.encode(0.0078125 - 1e-12), AcesCct.encode(0.0078125 + 1e-12), 1e-9);
        assertEquals(0.04045, Srgb.encode(0.0031308), 1e-6);
    }

    @Test
    void badConfigurationIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> InputColourSpace.parse("rec2020"));
        assertEquals(InputColourSpace.LOG, InputColourSpace.parse("Log"));
        assertThrows(IllegalArgumentException.class, () -> new HighlightShoulder(1.2, 16));
        assertThrows(IllegalArgumentException.class, () -> new HighlightShoulder(0.8, 1));
        assertThrows(IllegalArgumentException.class, () -> new ColourTransform(InputColourSpace.LINEAR, Double.NaN, null));
    }
}
