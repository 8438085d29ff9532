package dev.photostyle.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.photostyle.io.image.FloatImage;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PaletteTest {
    @Test
    void antiAliasedPixelsSnapToTheNearestColour() {
        assertEquals(Palette.labelOf("blue"), Palette.nearest(0.05f, 0.1f, 0.8f));
        assertEquals(Palette.labelOf("grey"), Palette.nearest(0.45f, 0.52f, 0.5f));
        assertEquals(Palette.labelOf("purple"), Palette.nearest(0.9f, 0.05f, 0.85f));
        // The reference's purple is (255,0,255): (128,0,128) is nearer grey (0.25 vs 0.5 squared).
        assertEquals(Palette.labelOf("grey"), Palette.nearest(0.5f, 0f, 0.5f));
        assertEquals(Palette.labelOf("light blue"), Palette.nearest(0.1f, 0.9f, 0.95f));
        assertThrows(java.util.NoSuchElementException.class, () -> Palette.labelOf("orange"));
    }

    @Test
    void grayMasksUseTheNeutralColours() {
        FloatImage g = FloatImage.of(3, 1, 1, new float[] {0.02f, 0.97f, 0.4f});
        LabelMap m = MaskFiles.colours(g);
        assertEquals(Palette.labelOf("black"), m.labelAt(0));
        assertEquals(Palette.labelOf("white"), m.labelAt(1));
        assertEquals(Palette.labelOf("grey"), m.labelAt(2));
    }

    @Test
    void maskFitResamplesSmallDifferencesAndRejectsLargeOnes() {
        LabelMap m = LabelMap.of(4, 3, new int[12], Map.of());
        assertEquals(5, MaskFit.fit(m, 5, 3, "mask").width());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaskFit.fit(m, 40, 30, "mask"));
        assertEquals(true, e.getMessage().contains("must match"));
    }
}
