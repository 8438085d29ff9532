package dev.photostyle.mask;

import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How the labels of a content mask pair with those of a style mask.
 *
 * <p>{@code matched} labels are in both and get a style loss; {@code orphans} are in the content
 * only and, like unlabelled and user-excluded pixels, keep the content (the public versions push
 * them toward an empty Gram matrix and repaint them). Style-only labels are simply unused.
 */
public record RegionMatch(SortedSet<Integer> matched, SortedSet<Integer> orphans, SortedSet<Integer> styleOnly,
        SortedSet<Integer> excluded) {

    public RegionMatch {
        matched = Collections.unmodifiableSortedSet(new TreeSet<>(matched));
        orphans = Collections.unmodifiableSortedSet(new TreeSet<>(orphans));
        styleOnly = Collections.unmodifiableSortedSet(new TreeSet<>(styleOnly));
        excluded = Collections.unmodifiableSortedSet(new TreeSet<>(excluded));
    }

    /** Pairs the present labels of both masks; {@code exclude} labels are never styled. */
    public static RegionMatch of(LabelMap content, LabelMap style, Set<Integer> exclude) {
        Set<Integer> c = content.counts().keySet();
        Set<Integer> s = style.counts().keySet();
        SortedSet<Integer> matched = new TreeSet<>();
        SortedSet<Integer> orphans = new TreeSet<>();
        SortedSet<Integer> excluded = new TreeSet<>();
        for (int l : c) {
            if (exclude.contains(l)) excluded.add(l);
            else if (s.contains(l)) matched.add(l);
            else orphans.add(l);
        }
        SortedSet<Integer> styleOnly = new TreeSet<>(s);
        styleOnly.removeAll(c);
        return new RegionMatch(matched, orphans, styleOnly, excluded);
    }

    /**
     * A per-pixel plane that is 1 where the pixel's label is matched (may change) and 0 elsewhere
     * (must keep the content).
     */
    public float[] freeMask(LabelMap content) {
        float[] m = new float[content.width() * content.height()];
        for (int i = 0; i < m.length; i++) m[i] = matched.contains(content.labelAt(i)) ? 1f : 0f;
        return m;
    }
}
