package dev.photostyle.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.ImageFiles;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.mask.Palette;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskFilesTest {
    @TempDir
    Path dir;

    /** Four quadrants (blue, red, yellow, green) with an optional square of {@code patch} in the middle. */
    static FloatImage quadrants(int w, int h, float[] patch, int side) {
        float[][] q = {{0, 0, 1}, {1, 0, 0}, {1, 1, 0}, {0, 1, 0}};
        float[] d = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float[] c = q[(y < h / 2 ? 0 : 2) + (x < w / 2 ? 0 : 1)];
                boolean in = patch != null && x >= (w - side) / 2 && x < (w + side) / 2 && y >= (h - side) / 2
                        && y < (h + side) / 2;
                for (int k = 0; k < 3; k++) d[(k * h + y) * w + x] = in ? patch[k] : c[k];
            }
        }
        return FloatImage.wrap(w, h, 3, d);
    }

    @Test
    void jpegCompressedMaskLoadsWithTheSameLabelsAwayFromEdges() throws IOException {
        int w = 96;
        int h = 80;
        Path png = dir.resolve("m.png");
        Path jpg = dir.resolve("m.jpg");
        ImageFiles.write(quadrants(w, h, null, 0), png);
        ImageFiles.write(quadrants(w, h, null, 0), jpg); // ImageIO's default JPEG quality, 4:2:0
        LabelMap exact = MaskFiles.read(png);
        LabelMap lossy = MaskFiles.read(jpg);
        // JPEG moved colours: make sure the test exercises noise beyond exact values.
        FloatImage decoded = ImageFiles.read(jpg);
        float maxErr = 0;
        float[] a = ImageFiles.read(png).toArray();
        float[] b = decoded.toArray();
        for (int i = 0; i < a.length; i++) maxErr = Math.max(maxErr, Math.abs(a[i] - b[i]));
        assertTrue(maxErr > 0.1f, "JPEG error " + maxErr + " should exceed the pure-colour tolerance near edges");
        // Away from the two edges (beyond one 16 px chroma block), labels agree.
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (Math.abs(x - w / 2) >= 16 && Math.abs(y - h / 2) >= 16) {
                    assertEquals(exact.label(x, y), lossy.label(x, y), "at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void unknownColourRegionIsRefusedAsPngAndAsJpeg() throws IOException {
        float[] orange = {200 / 255f, 120 / 255f, 40 / 255f};
        for (String ext : new String[] {"png", "jpg"}) {
            Path p = dir.resolve("orange." + ext);
            ImageFiles.write(quadrants(96, 96, orange, 40), p);
            IOException e = assertThrows(IOException.class, () -> MaskFiles.read(p));
            assertTrue(e.getMessage().startsWith("mask " + p + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("match none of the palette's colours"), e.getMessage());
            if (ext.equals("png")) assertTrue(e.getMessage().contains("1600 pixels of colour (200,120,40)"), e.getMessage());
        }
    }

    @Test
    void labelMapsAndGrayMasksSkipThePaletteCheck() throws IOException {
        Path p = dir.resolve("labels.png");
        float[] v = new float[16];
        for (int i = 0; i < v.length; i++) v[i] = (i % 3) / 255f;
        ImageFiles.write(FloatImage.of(4, 4, 1, v), p);
        LabelMap m = MaskFiles.read(p);
        assertEquals(2, m.labelAt(2));
        assertFalse(m.names().containsValue(Palette.COLOURS.get(0).name()));
        assertTrue(Files.exists(p));
    }
}
