package dev.photostyle.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** FrameRange and FramePattern. */
class FramesTest {
    @Test
    void rangesAndListsParseSortedWithoutDuplicates() {
        assertEquals(List.of(1001, 1002, 1003), FrameRange.parse("1001-1003").frames());
        assertEquals(List.of(5, 1001, 1002, 1020), FrameRange.parse("1001-1002, 1020,5,1002").frames());
        assertEquals(List.of(7), FrameRange.parse("7").frames());
        for (String bad : new String[] {"", "a-b", "10-5", "-3", "1-2-3"}) {
            assertThrows(IllegalArgumentException.class, () -> FrameRange.parse(bad), bad);
        }
    }

    @Test
    void patternsFormatFrameNumbers() {
        assertEquals(Path.of("out/plate.1001.exr"), new FramePattern("out/plate.%04d.exr").path(1001));
        assertEquals(Path.of("f_0007.png"), new FramePattern("f_%04d.png").path(7));
        assertEquals(Path.of("a%b.12.png"), new FramePattern("a%%b.%d.png").path(12));
        assertTrue(FramePattern.isPattern("x.%04d.png"));
        assertFalse(FramePattern.isPattern("mask.png"));
        for (String bad : new String[] {"plate.exr", "a.%04d.%04d.exr", "a.%s.exr", "a.%04d%.exr"}) {
            assertThrows(IllegalArgumentException.class, () -> new FramePattern(bad), bad);
        }
    }
}
