package dev.photostyle.metrics;

import dev.photostyle.mask.LabelMap;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which content regions have a style counterpart. Regions pair by label number (Deep Photo Style
 * Transfer, Luan et al. 2017, transfers each content segment from the style segment of the same
 * class). A pure function of the two label maps; their sizes may differ.
 *
 * <p>Example: {@code RegionPairing p = RegionPairing.of(contentLabels, styleLabels); p.matched();}
 *
 * @param matched labels present in both maps
 * @param orphans labels present in the content only (nothing to transfer from)
 * @param styleOnly labels present in the style only (unused)
 * @param unlabelledContentPixels content pixels labelled {@link LabelMap#UNLABELLED}
 */
public record RegionPairing(SortedSet<Integer> matched, SortedSet<Integer> orphans, SortedSet<Integer> styleOnly,
                            long unlabelledContentPixels) {
    public RegionPairing {
        matched = Collections.unmodifiableSortedSet(new TreeSet<>(matched));
        orphans = Collections.unmodifiableSortedSet(new TreeSet<>(orphans));
        styleOnly = Collections.unmodifiableSortedSet(new TreeSet<>(styleOnly));
    }

    /** Pairs the labels of {@code content} with those of {@code style}. */
    public static RegionPairing of(LabelMap content, LabelMap style) {
        SortedSet<Integer> c = new TreeSet<>(content.counts().keySet());
        SortedSet<Integer> s = new TreeSet<>(style.counts().keySet());
        SortedSet<Integer> matched = new TreeSet<>(c);
        matched.retainAll(s);
        SortedSet<Integer> orphans = new TreeSet<>(c);
        orphans.removeAll(s);
        SortedSet<Integer> styleOnly = new TreeSet<>(s);
        styleOnly.removeAll(c);
        long unlabelled = 0;
        for (int i = 0, n = content.width() * content.height(); i < n; i++) {
            if (content.labelAt(i) == LabelMap.UNLABELLED) unlabelled++;
        }
        return new RegionPairing(matched, orphans, styleOnly, unlabelled);
    }

    /**
     * Content pixels with no style counterpart: unlabelled pixels and pixels of orphan regions
     * ({@code width * height} flags, row-major); what a mask-guided transfer should leave unchanged.
     */
    public boolean[] unpairedPixels(LabelMap content) {
        int n = content.width() * content.height();
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            int l = content.labelAt(i);
            out[i] = l == LabelMap.UNLABELLED || orphans.contains(l);
        }
        return out;
    }
}
