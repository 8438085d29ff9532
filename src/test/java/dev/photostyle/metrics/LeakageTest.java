package dev.photostyle.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.photostyle.io.image.FloatImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LeakageTest {
    private static FloatImage levels(int w, int h, int base) {
        float[] d = new float[3 * w * h];
        for (int i = 0; i < d.length; i++) d[i] = ((base + i) % 200) / 255f;
        return FloatImage.wrap(w, h, 3, d);
    }

    @Test
    void unchangedImageLeaksNothing() {
        FloatImage a = levels(4, 3, 10);
        boolean[] all = new boolean[12];
        Arrays.fill(all, true);
        Leakage l = Leakage.of(a, a, all);
        assertEquals(0, l.mean(), 0);
        assertEquals(0, l.max());
        assertEquals(12, l.pixels());
    }

    @Test
    void oneLevelChangeGivesOneForMeanAndMax() {
        FloatImage a = levels(4, 3, 10);
        float[] d = a.toArray();
        for (int i = 0; i < d.length; i++) d[i] += 1 / 255f;
        boolean[] all = new boolean[12];
        Arrays.fill(all, true);
        Leakage l = Leakage.of(a, FloatImage.wrap(4, 3, 3, d), all);
        assertEquals(1, l.mean(), 1e-12);
        assertEquals(1, l.max());
    }

    @Test
    void onlyProtectedPixelsCountAndTheWorstChannelDecides() {
        FloatImage a = levels(4, 3, 10);
        float[] d = a.toArray();
        d[0] += 40 / 255f;                 // pixel 0, red: +40 levels
        d[2 * 12 + 1] -= 3 / 255f;         // pixel 1, blue: -3 levels
        d[5] += 100 / 255f;                // pixel 5, unprotected
        boolean[] prot = new boolean[12];
        prot[0] = prot[1] = prot[2] = prot[3] = true;
        Leakage l = Leakage.of(a, FloatImage.wrap(4, 3, 3, d), prot);
        assertEquals(40, l.max());
        assertEquals((40 + 3) / 4.0, l.mean(), 1e-12);
        assertEquals(4, l.pixels());
        assertEquals(0, Leakage.of(a, a, new boolean[12]).pixels());
    }
}
