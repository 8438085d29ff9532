package dev.photostyle.mask;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * The nine mask colours of Deep Photo Style Transfer (Luan et al. 2017, code {@code ExtractMask}):
 * blue, green, black, white, red, yellow, grey, light blue, purple. A colour's label is its index
 * in {@link #COLOURS}, so the same colour means the same label in content and style masks.
 */
public final class Palette {
    /** One palette entry; components in [0, 1]. */
    public record Colour(String name, float r, float g, float b) {
        double distanceSquared(float pr, float pg, float pb) {
            double dr = pr - r;
            double dg = pg - g;
            double db = pb - b;
            return dr * dr + dg * dg + db * db;
        }
    }

    /** The paper's colours, in the paper's order; label = index. */
    public static final List<Colour> COLOURS = List.of(
            new Colour("blue", 0f, 0f, 1f),
            new Colour("green", 0f, 1f, 0f),
            new Colour("black", 0f, 0f, 0f),
            new Colour("white", 1f, 1f, 1f),
            new Colour("red", 1f, 0f, 0f),
            new Colour("yellow", 1f, 1f, 0f),
            new Colour("grey", 0.5f, 0.5f, 0.5f),
            new Colour("lightblue", 0f, 1f, 1f),
            new Colour("purple", 0.5f, 0f, 0.5f));

    private Palette() {}

    /** Label of the palette colour nearest to (r, g, b) in RGB; anti-aliased edges snap to a side. */
    public static int nearest(float r, float g, float b) {
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int i = 0; i < COLOURS.size(); i++) {
            double d = COLOURS.get(i).distanceSquared(r, g, b);
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    /** Label of the nearest of the palette's neutral colours (black, grey, white) to a gray level. */
    public static int nearestGray(float v) {
        int best = 2;
        double bestD = Double.MAX_VALUE;
        for (int i = 0; i < COLOURS.size(); i++) {
            Colour c = COLOURS.get(i);
            if (c.r() != c.g() || c.g() != c.b()) continue;
            double d = Math.abs(c.r() - v);
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    /** The label of a colour name (case-insensitive; "light blue"/"light_blue" accepted). */
    public static int labelOf(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace(" ", "").replace("_", "").replace("-", "");
        if (n.equals("gray")) n = "grey";
        for (int i = 0; i < COLOURS.size(); i++) if (COLOURS.get(i).name().equals(n)) return i;
        throw new NoSuchElementException("unknown mask colour '" + name + "' (known: " + names().values() + ")");
    }

    /** Label -> colour name for every palette colour. */
    public static Map<Integer, String> names() {
        Map<Integer, String> m = new TreeMap<>();
        for (int i = 0; i < COLOURS.size(); i++) m.put(i, COLOURS.get(i).name());
        return m;
    }
}
