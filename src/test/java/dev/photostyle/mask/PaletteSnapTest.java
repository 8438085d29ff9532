package dev.photostyle.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.FloatImage;

import java.util.Random;

import org.junit.jupiter.api.Test;

class PaletteSnapTest {
    private static final float[] BLUE = {0, 0, 1};
    private static final float[] GREEN = {0, 1, 0};
    private static final float[] WHITE = {1, 1, 1};
    private static final float[] GREY = {0.5f, 0.5f, 0.5f};
    private static final float[] ORANGE = {200 / 255f, 120 / 255f, 40 / 255f};

    private static int label(String name) {
        return Palette.labelOf(name);
    }

    /** An RGB image of colour {@code bg} with a {@code side x side} square of {@code fg} at (x0, y0). */
    private static FloatImage square(int w, int h, float[] bg, float[] fg, int x0, int y0, int side) {
        float[] d = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean in = x >= x0 && x < x0 + side && y >= y0 && y < y0 + side;
                for (int c = 0; c < 3; c++) d[(c * h + y) * w + x] = in ? fg[c] : bg[c];
            }
        }
        return FloatImage.wrap(w, h, 3, d);
    }

    @Test
    void pureColoursWithinTheReferenceToleranceKeepTheirLabel() {
        for (Palette.Colour c : Palette.COLOURS) {
            int l = Palette.labelOf(c.name());
            assertEquals(l, PaletteSnap.classify(c.r(), c.g(), c.b()) & 0xff, c.name());
            // 0.09 off in every channel, towards the cube's centre: still the colour (reference: < 0.1).
            double r = c.r() + (c.r() > 0.5 ? -0.09 : 0.09);
            double g = c.g() + (c.g() > 0.5 ? -0.09 : 0.09);
            double b = c.b() + (c.b() > 0.5 ? -0.09 : 0.09);
            int code = PaletteSnap.classify(r, g, b);
            assertEquals(l, code & 0xff, c.name());
            assertEquals(0, code >> 8, c.name() + " is pure");
        }
    }

    @Test
    void twoColourBlendsTakeTheSideThatCoversMore() {
        // 30 % red over black, 70 % red over black, a 40/60 blue/green edge.
        assertEquals(label("black") | 1 << 8, PaletteSnap.classify(0.3, 0, 0));
        assertEquals(label("red") | 1 << 8, PaletteSnap.classify(0.7, 0, 0));
        assertEquals(label("green") | 1 << 8, PaletteSnap.classify(0, 0.6, 0.4));
        // Blends of white and yellow (in59's sky): yellow side.
        assertEquals(label("yellow") | 1 << 8, PaletteSnap.classify(1, 1, 0.3));
        // (200,120,40) is no blend: 0.157 per channel from the nearest (red-to-grey is not it, nor any).
        assertEquals(2, PaletteSnap.classify(ORANGE[0], ORANGE[1], ORANGE[2]) >> 8);
    }

    @Test
    void chebyshevDistanceToASegmentMatchesADenseSearch() {
        Random rnd = new Random(3);
        int steps = 200_000;
        for (int k = 0; k < 300; k++) {
            double[] p = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
            double[] a = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
            double[] b = k % 10 == 0 ? a.clone() : new double[] {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
            double brute = Double.MAX_VALUE;
            for (int s = 0; s <= steps; s++) {
                double t = s / (double) steps;
                double m = 0;
                for (int c = 0; c < 3; c++) m = Math.max(m, Math.abs(p[c] - a[c] - t * (b[c] - a[c])));
                brute = Math.min(brute, m);
            }
            double exact = PaletteSnap.chebyshevToSegment(p, a, b);
            // The grid misses the minimum by at most half a step times the slope (<= 1 per channel).
            assertTrue(exact <= brute + 1e-12 && brute - exact <= 0.5 / steps + 1e-12, exact + " vs " + brute);
        }
    }

    @Test
    void nearExplainedMatchesABruteForceWindow() {
        Random rnd = new Random(5);
        int w = 23;
        int h = 17;
        for (int radius : new int[] {0, 1, 3, 16}) {
            byte[] kind = new byte[w * h];
            for (int i = 0; i < kind.length; i++) kind[i] = (byte) (rnd.nextDouble() < 0.97 ? 2 : rnd.nextInt(2));
            boolean[] got = PaletteSnap.nearExplained(kind, w, h, radius);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    boolean want = false;
                    for (int yy = Math.max(0, y - radius); yy <= Math.min(h - 1, y + radius); yy++) {
                        for (int xx = Math.max(0, x - radius); xx <= Math.min(w - 1, x + radius); xx++) {
                            want |= kind[yy * w + xx] != 2;
                        }
                    }
                    assertEquals(want, got[y * w + x], "radius " + radius + " at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void aRegionOfAnUnknownColourIsAnErrorNamingColourAndCount() {
        FloatImage m = square(72, 72, BLUE, ORANGE, 16, 16, 40);
        PaletteSnap.UnknownColourException e = assertThrows(PaletteSnap.UnknownColourException.class,
                () -> PaletteSnap.labels(m, "mask m.png"));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("mask m.png: 1600 pixels of colour (200,120,40) match none"), msg);
        assertTrue(msg.contains("blue (0,0,255)") && msg.contains("purple (255,0,255)"), msg);
        assertEquals(1, msg.lines().count());
    }

    @Test
    void aRegionNoWiderThanAnEdgeBandPasses() {
        // 2 * EDGE_RADIUS = 32 px: every pixel is within 16 px of the blue around it; 33 px: the middle is 17 away.
        int side = 2 * PaletteSnap.EDGE_RADIUS;
        LabelMap ok = PaletteSnap.labels(square(72, 72, BLUE, ORANGE, 16, 16, side), "m");
        assertEquals(72 * 72, ok.width() * ok.height());
        assertThrows(PaletteSnap.UnknownColourException.class,
                () -> PaletteSnap.labels(square(72, 72, BLUE, ORANGE, 16, 16, side + 1), "m"));
    }

    @Test
    void antiAliasedJunctionsOfThreeColoursPass() {
        // Three regions (green left of x = 20.5, white top right, grey bottom right of y = 20.5) drawn at
        // 8x and box-filtered down: pixel (20, 20) is 1/2 green, 1/4 white, 1/4 grey = (.375, .875, .375),
        // 0.125 per channel from the green-white blend and further from the others.
        int s = 8;
        int w = 40;
        int h = 40;
        float[] d = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int sy = 0; sy < s; sy++) {
                    for (int sx = 0; sx < s; sx++) {
                        double fx = x + (sx + 0.5) / s;
                        double fy = y + (sy + 0.5) / s;
                        float[] c = fx < 20.5 ? GREEN : fy < 20.5 ? WHITE : GREY;
                        for (int k = 0; k < 3; k++) d[(k * h + y) * w + x] += c[k] / (s * s);
                    }
                }
            }
        }
        FloatImage img = FloatImage.wrap(w, h, 3, d);
        int j = 20 * w + 20;
        assertEquals(2, PaletteSnap.classify(d[j], d[w * h + j], d[2 * w * h + j]) >> 8, "a three-colour pixel");
        LabelMap m = PaletteSnap.labels(img, "m");
        assertEquals(label("green"), m.label(2, 2));
        assertEquals(label("white"), m.label(37, 2));
        assertEquals(label("grey"), m.label(37, 37));
    }

    @Test
    void grayMasksAreBlackWhiteBlendsAndNeverFail() {
        float[] v = new float[256];
        for (int i = 0; i < v.length; i++) v[i] = i / 255f;
        LabelMap m = PaletteSnap.labels(FloatImage.of(256, 1, 1, v), "m");
        int[] l = m.toArray();
        // Within 0.1 of 0, 0.5, 1: that neutral; between: the nearer of the blend's candidates.
        assertEquals(label("black"), l[0]);
        assertEquals(label("black"), l[60]);   // 0.235: nearer black than grey
        assertEquals(label("grey"), l[70]);    // 0.275: nearer grey
        assertEquals(label("grey"), l[128]);
        assertEquals(label("white"), l[255]);
        assertArrayEquals(new int[] {label("black"), label("white"), label("grey")},
                PaletteSnap.labels(FloatImage.of(3, 1, 1, new float[] {0.02f, 0.97f, 0.4f}), "m").toArray());
    }
}
