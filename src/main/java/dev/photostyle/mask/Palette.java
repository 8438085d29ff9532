package dev.photostyle.mask;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * The nine mask colours of Deep Photo Style Transfer (Luan et al. 2017, code {@code ExtractMask}
 * in {@code neuralstyle_seg.lua}): blue, green, black, white, red, yellow, grey, light blue,
 * purple. A colour's label is its index in {@link #COLOURS}, so the same colour means the same
 * label in content and style masks. The reference accepts a pixel as a colour when every channel
 * is within 0.1 of it ({@link #TOLERANCE}); its "purple" is (255, 0, 255) (r > 0.9, g < 0.1,
 * b > 0.9), and so are the purple regions of the benchmark's masks (pairs 25 and 27). The palette
 * is the eight corners of the RGB cube plus mid-grey, so any two colours differ by at least 0.5
 * in some channel and the tolerance boxes never overlap. How a mask's pixels become labels:
 * {@link PaletteSnap}.
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
            new Colour("purple", 1f, 0f, 1f));

    /**
     * Per-channel tolerance of a palette colour, from the reference's {@code ExtractMask}
     * ({@code torch.lt(seg, 0.1)}, {@code torch.gt(seg, 1 - 0.1)}, {@code 0.5 +- 0.1}).
     */
    public static final double TOLERANCE = 0.1;

    private Palette() {}

    /** Label of the palette colour nearest to (r, g, b) in RGB (Euclidean; ties to the lower label). */
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
