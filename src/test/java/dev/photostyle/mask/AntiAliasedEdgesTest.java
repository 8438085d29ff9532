package dev.photostyle.mask;

import dev.photostyle.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AntiAliasedEdgesTest {
    private static final int RED = Palette.labelOf("red"), BLUE = Palette.labelOf("blue"),
            PURPLE = Palette.labelOf("purple");

    /** Red left, blue right, a 1-px purple line between them (the anti-aliased edge). */
    private static int[] edge(int w, int h) {
        int[] l = new int[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) l[y * w + x] = x < 5 ? RED : x == 5 ? PURPLE : BLUE;
        return l;
    }

    @Test
    void aLabelOnlyOnAnEdgeGoesToItsNeighbours() {
        int w = 11, h = 8;
        LabelMap clean = AntiAliasedEdges.clean(LabelMap.of(w, h, edge(w, h), Palette.names()));
        assertFalse(clean.counts().containsKey(PURPLE), clean.counts().toString());
        assertEquals(w * h, clean.counts().get(RED) + clean.counts().get(BLUE));
        for (int y = 0; y < h; y++) {
            assertEquals(RED, clean.label(4, y));
            assertEquals(BLUE, clean.label(6, y));
            int mid = clean.label(5, y);
            assertTrue(mid == RED || mid == BLUE);
        }
    }

    @Test
    void aRealRegionOfTheSameColourIsKeptWhileItsEdgeLineGoes() {
        int w = 14, h = 8;
        int[] l = edge(w, h);
        for (int y = 2; y < 6; y++) for (int x = 8; x < 12; x++) l[y * w + x] = PURPLE; // a 4x4 block
        LabelMap clean = AntiAliasedEdges.clean(LabelMap.of(w, h, l, Palette.names()));
        assertEquals(16, clean.counts().get(PURPLE), "the block stays, the line at x = 5 goes");
        for (int y = 2; y < 6; y++) for (int x = 8; x < 12; x++) assertEquals(PURPLE, clean.label(x, y));
    }

    @Test
    void aMaskWithoutEdgeArtefactsIsReturnedAsIs() {
        int w = 10, h = 6;
        int[] l = new int[w * h];
        for (int i = 0; i < l.length; i++) l[i] = i % w < 5 ? RED : BLUE;
        LabelMap m = LabelMap.of(w, h, l, Palette.names());
        assertSame(m, AntiAliasedEdges.clean(m));
    }

    @Test
    void aThickEdgeBandIsReassignedFromBothSides() {
        int w = 12, h = 6;
        int[] l = new int[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) l[y * w + x] = x < 4 ? RED : x < 6 ? PURPLE : BLUE;
        // two columns wide: no pixel's 3x3 neighbourhood is all purple, so it is still an edge
        LabelMap clean = AntiAliasedEdges.clean(LabelMap.of(w, h, l, Palette.names()));
        assertEquals(Map.of(RED, 5 * h, BLUE, 7 * h), Map.copyOf(clean.counts()),
                "column 4 votes red (3 red, 0 blue neighbours), column 5 blue");
    }

    @Test
    void sharedPairOneStyleMaskLosesItsEdgeOnlyPurple() throws Exception {
        // tar1 draws black sky, white buildings, green water; its purple and grey pixels are edges
        LabelMap m = MaskFiles.read(SharedData.dpst("segmentation/tar1.png"));
        assertEquals(java.util.Set.of(Palette.labelOf("black"), Palette.labelOf("white"), Palette.labelOf("green")),
                m.counts().keySet());
    }
}
