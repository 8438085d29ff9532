package dev.photostyle.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.ImageFiles;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.mask.Palette;
import dev.photostyle.testing.SharedData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every mask of the shared DPST benchmark passes the palette check (see PaletteSnap). */
class SharedMasksTest {
    @Test
    void everyBenchmarkMaskLoads() throws IOException {
        Path dir = SharedData.dpst("segmentation");
        List<Path> masks;
        try (Stream<Path> s = Files.list(dir)) {
            masks = s.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().toList();
        }
        assertEquals(100, masks.size(), "50 pairs, a content and a style mask each");
        List<String> failures = new ArrayList<>();
        for (Path p : masks) {
            try {
                LabelMap m = MaskFiles.read(p, MaskFiles.Kind.COLOUR);
                assertEquals(ImageFiles.read(p).width(), m.width());
            } catch (IOException e) {
                failures.add(e.getMessage());
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " masks refused: " + failures);
    }

    @Test
    void benchmarkPurpleIsMagenta() throws IOException {
        // Pair 27's masks paint a large region (255,0,255), the reference's "purple": every pixel within
        // the reference's tolerance of it is labelled purple, and no pixel of another exact palette
        // colour is.
        int purple = Palette.labelOf("purple");
        for (String name : new String[] {"in27.png", "tar27.png"}) {
            Path p = SharedData.dpst("segmentation/" + name);
            FloatImage img = ImageFiles.read(p);
            LabelMap m = MaskFiles.read(p);
            int n = img.pixels();
            float[] d = img.toArray();
            int magenta = 0;
            for (int i = 0; i < n; i++) {
                boolean nearMagenta = d[i] > 0.9f && d[n + i] < 0.1f && d[2 * n + i] > 0.9f;
                if (nearMagenta) {
                    magenta++;
                    assertEquals(purple, m.labelAt(i), name + " pixel " + i);
                }
                for (Palette.Colour c : Palette.COLOURS) {
                    boolean exact = d[i] == c.r() && d[n + i] == c.g() && d[2 * n + i] == c.b();
                    if (exact) assertEquals(Palette.labelOf(c.name()), m.labelAt(i), name + " pixel " + i);
                }
            }
            assertTrue(magenta > 0.1 * n, name + ": expected a large magenta region, got " + magenta);
        }
    }
}
