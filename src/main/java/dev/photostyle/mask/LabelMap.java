package dev.photostyle.mask;

import dev.photostyle.io.image.Resampler;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable per-pixel label image: which region each pixel belongs to.
 *
 * <p>Labels are non-negative integers; {@link #UNLABELLED} marks a pixel of no region. Each label
 * may carry a display name (e.g. "blue" for the paper's colour-coded masks). Pixel (x, y) is at
 * index {@code y * width + x}.
 */
public final class LabelMap {
    /** The label of a pixel that belongs to no region. */
    public static final int UNLABELLED = -1;

    private final int width;
    private final int height;
    private final int[] labels;
    private final SortedMap<Integer, String> names;

    private LabelMap(int width, int height, int[] labels, SortedMap<Integer, String> names) {
        this.width = width;
        this.height = height;
        this.labels = labels;
        this.names = names;
    }

    /**
     * Creates a label map from a copy of {@code labels}. {@code names} gives a name to some or all
     * labels; labels without one are named by their number.
     */
    public static LabelMap of(int width, int height, int[] labels, Map<Integer, String> names) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("label map size must be positive");
        if (labels.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " labels, got " + labels.length);
        }
        for (int l : labels) {
            if (l < UNLABELLED) throw new IllegalArgumentException("labels must be >= -1, got " + l);
        }
        return new LabelMap(width, height, labels.clone(), new TreeMap<>(names == null ? Map.of() : names));
    }

    /** A map whose pixels all carry {@code label}. */
    public static LabelMap uniform(int width, int height, int label, String name) {
        int[] l = new int[width * height];
        Arrays.fill(l, label);
        return of(width, height, l, name == null ? Map.of() : Map.of(label, name));
    }

    public int width() { return width; }

    public int height() { return height; }

    public int label(int x, int y) { return labels[y * width + x]; }

    public int labelAt(int index) { return labels[index]; }

    /** A copy of all labels, row-major. */
    public int[] toArray() { return labels.clone(); }

    /** The name of {@code label}: the one given at creation, else the number. */
    public String name(int label) {
        String n = names.get(label);
        return n != null ? n : Integer.toString(label);
    }

    /** Label -> name for every named label. */
    public Map<Integer, String> names() { return Collections.unmodifiableSortedMap(names); }

    /** Pixel count per present label (UNLABELLED excluded), in label order. */
    public SortedMap<Integer, Integer> counts() {
        SortedMap<Integer, Integer> c = new TreeMap<>();
        for (int l : labels) if (l != UNLABELLED) c.merge(l, 1, Integer::sum);
        return c;
    }

    /** A binary plane: 1 where the pixel carries {@code label}, else 0. */
    public float[] mask(int label) {
        float[] m = new float[labels.length];
        for (int i = 0; i < labels.length; i++) m[i] = labels[i] == label ? 1f : 0f;
        return m;
    }

    /** Nearest-neighbour resampling (labels must not be blended). */
    public LabelMap resizeNearest(int w, int h) {
        if (w == width && h == height) return this;
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            int sy = Resampler.nearestSource(y, height, h);
            for (int x = 0; x < w; x++) out[y * w + x] = labels[sy * width + Resampler.nearestSource(x, width, w)];
        }
        return new LabelMap(w, h, out, names);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMap m && m.width == width && m.height == height && Arrays.equals(m.labels, labels);
    }

    @Override
    public int hashCode() { return Objects.hash(width, height, Arrays.hashCode(labels)); }

    @Override
    public String toString() { return "LabelMap[" + width + "x" + height + ", labels " + counts().keySet() + "]"; }
}
