package dev.photostyle.mask;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.ImageFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads mask files into {@link LabelMap}s.
 *
 * <ul>
 *   <li>{@link Kind#COLOUR}: the paper's colour-coded masks, the nine {@link Palette} colours;
 *       anti-aliased edges snap to a side, and a region of a colour the palette does not have is
 *       an error naming the colour ({@link PaletteSnap}). A gray image (e.g. black/white) snaps
 *       to the palette's neutral colours, so it pairs with an RGB mask that uses black and
 *       white. Labels present only along anti-aliased edges (a red|blue edge is purple, a
 *       black|white edge grey) are dropped ({@link AntiAliasedEdges}).</li>
 *   <li>{@link Kind#LABELS}: a single-channel image whose integer sample values are the labels.</li>
 *   <li>{@link Kind#AUTO}: LABELS for a single-channel image whose largest raw value is below
 *       {@value #AUTO_LABEL_LIMIT} (such an image looks black to a person, so it is not a
 *       drawn mask); COLOUR otherwise.</li>
 * </ul>
 */
public final class MaskFiles {
    /** How a mask file encodes its labels. */
    public enum Kind { AUTO, COLOUR, LABELS }

    /**
     * Full-size float planes held beside the decoded mask while it becomes labels, for the heap
     * check made from the header: {@link PaletteSnap} copies the three channel planes and builds
     * an int label plane, a byte plane, an int window-count plane and a boolean plane (5.5).
     */
    static final int DECODE_PLANES = 6;

    /** Largest raw value (exclusive) for AUTO to treat a gray image as an integer label map. */
    public static final int AUTO_LABEL_LIMIT = 32;

    private MaskFiles() {}

    /** Reads {@code path} as a mask of the given kind. */
    public static LabelMap read(Path path, Kind kind) throws IOException {
        ImageFiles.Decoded d = ImageFiles.decode(path, DECODE_PLANES);
        FloatImage img = d.image();
        double rawMax = (1L << Math.min(d.bitsPerSample(), 16)) - 1;
        boolean gray = img.channels() == 1;
        if (kind == Kind.AUTO) {
            kind = gray && maxRaw(img, rawMax) < AUTO_LABEL_LIMIT ? Kind.LABELS : Kind.COLOUR;
        }
        if (kind == Kind.LABELS) {
            if (!gray) throw new IOException("label-map mask must be single-channel: " + path);
            return labels(img, rawMax);
        }
        try {
            return AntiAliasedEdges.clean(PaletteSnap.labels(img, "mask " + path));
        } catch (PaletteSnap.UnknownColourException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Reads with {@link Kind#AUTO}. */
    public static LabelMap read(Path path) throws IOException {
        return read(path, Kind.AUTO);
    }

    /**
     * Labels of a colour-coded mask image (RGB or gray); see {@link PaletteSnap}.
     *
     * @throws PaletteSnap.UnknownColourException if a region's colour is not the palette's
     */
    public static LabelMap colours(FloatImage img) {
        // Edge pixels between two colours can snap to a third (red|blue -> purple): drop such labels.
        return AntiAliasedEdges.clean(PaletteSnap.labels(img, "mask"));
    }

    private static LabelMap labels(FloatImage img, double rawMax) {
        float[] d = img.channel(0);
        int[] labels = new int[d.length];
        Map<Integer, String> names = new TreeMap<>();
        for (int i = 0; i < d.length; i++) {
            labels[i] = (int) Math.round(d[i] * rawMax);
            names.putIfAbsent(labels[i], "label" + labels[i]);
        }
        return LabelMap.of(img.width(), img.height(), labels, names);
    }

    private static double maxRaw(FloatImage img, double rawMax) {
        float m = 0;
        for (float v : img.channel(0)) m = Math.max(m, v);
        return Math.round(m * rawMax);
    }
}
