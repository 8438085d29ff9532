package dev.photostyle.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.photostyle.mask.LabelMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegionPairingTest {
    @Test
    void splitsLabelsIntoMatchedOrphansAndStyleOnly() {
        LabelMap content = LabelMap.of(3, 2, new int[] {0, 0, 1, 2, -1, -1}, Map.of());
        LabelMap style = LabelMap.of(2, 2, new int[] {0, 2, 3, 3}, Map.of());
        RegionPairing p = RegionPairing.of(content, style);
        assertEquals(Set.of(0, 2), p.matched());
        assertEquals(Set.of(1), p.orphans());
        assertEquals(Set.of(3), p.styleOnly());
        assertEquals(2, p.unlabelledContentPixels());
        assertArrayEquals(new boolean[] {false, false, true, false, true, true}, p.unpairedPixels(content));
    }
}
