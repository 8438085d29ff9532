package dev.photostyle.mask;

import java.util.Arrays;

/**
 * Removes the labels that a colour-coded mask only has along its anti-aliased edges.
 *
 * <p>Why: the palette holds colours that are blends of two others (purple is half red, half blue;
 * grey half black, half white), so the anti-aliased edge between a red and a blue region snaps to
 * purple. Left alone, such a thin line becomes a "region" of the style: DPST's tar1 mask has 146
 * purple pixels, all on edges, and a content region painted purple would be pushed toward the
 * Gram matrix of those edge pixels and repainted, instead of being kept as a label without a
 * partner must be.
 *
 * <p>Rule, per connected region (8-connected pixels of one label): a pixel is <em>interior</em>
 * when its whole 3x3 neighbourhood (clipped to the image) has its label; a region is real when at
 * least a quarter of its pixels are interior. An anti-aliased edge, one or two pixels wide, has
 * (almost) none; a 3 px wide pole has a third, a 4x4 block a quarter, so both are real (a 3x3 block,
 * a ninth, is not). Each pixel of a region that is not real takes the most
 * frequent real label among its 8 neighbours, repeated outwards until every such pixel is
 * reassigned (a pixel with no real label anywhere near it stays as it is). So a label drawn for
 * real keeps its regions even where the same colour also appears on edges elsewhere.
 *
 * <pre>{@code LabelMap clean = AntiAliasedEdges.clean(MaskFiles.colours(image)); }</pre>
 */
public final class AntiAliasedEdges {
    private AntiAliasedEdges() {}

    /** {@code m} with edge-only labels reassigned to their neighbours' labels; {@code m} itself if none. */
    public static LabelMap clean(LabelMap m) {
        int w = m.width(), h = m.height();
        int[] l = m.toArray();
        boolean[] pending = edgePixels(l, w, h);
        int left = 0;
        for (boolean p : pending) if (p) left++;
        if (left == 0) return m;
        int[] votes = new int[Math.max(0, m.counts().lastKey()) + 1];
        while (left > 0) {
            int[] next = l.clone();
            boolean[] done = new boolean[l.length];
            for (int i = 0; i < l.length; i++) {
                if (!pending[i]) continue;
                Arrays.fill(votes, 0);
                int y = i / w, x = i % w, bestLabel = -1, best = 0;
                for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
                    int yy = y + dy, xx = x + dx;
                    if ((dx == 0 && dy == 0) || yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
                    int j = yy * w + xx;
                    if (pending[j] || l[j] < 0) continue;
                    // ties go to the smaller label, so the result does not depend on scan order
                    if (++votes[l[j]] > best || (votes[l[j]] == best && l[j] < bestLabel)) {
                        best = votes[l[j]];
                        bestLabel = l[j];
                    }
                }
                if (bestLabel >= 0) {
                    next[i] = bestLabel;
                    done[i] = true;
                }
            }
            int settled = 0;
            for (int i = 0; i < l.length; i++) if (done[i]) { pending[i] = false; settled++; }
            l = next;
            if (settled == 0) break; // no real label reaches the rest: keep them as they are
            left -= settled;
        }
        return LabelMap.of(w, h, l, m.names());
    }

    /** true for the pixels of the regions that are not real (see the class doc); unlabelled pixels are left alone. */
    static boolean[] edgePixels(int[] l, int w, int h) {
        int n = l.length;
        boolean[] interior = new boolean[n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = l[y * w + x];
                boolean in = true;
                for (int dy = -1; dy <= 1 && in; dy++) for (int dx = -1; dx <= 1; dx++) {
                    int yy = y + dy, xx = x + dx;
                    if (yy >= 0 && yy < h && xx >= 0 && xx < w && l[yy * w + xx] != v) { in = false; break; }
                }
                interior[y * w + x] = in;
            }
        }
        boolean[] edge = new boolean[n];
        int[] component = new int[n];
        Arrays.fill(component, -1);
        int[] stack = new int[n];
        int[] members = new int[n];
        for (int seed = 0; seed < n; seed++) {
            if (component[seed] >= 0 || l[seed] < 0) continue;
            int top = 0, size = 0, inner = 0;
            stack[top++] = seed;
            component[seed] = seed;
            while (top > 0) {
                int i = stack[--top];
                members[size++] = i;
                if (interior[i]) inner++;
                int y = i / w, x = i % w;
                for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
                    int yy = y + dy, xx = x + dx;
                    if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
                    int j = yy * w + xx;
                    if (component[j] < 0 && l[j] == l[seed]) {
                        component[j] = seed;
                        stack[top++] = j;
                    }
                }
            }
            if (4L * inner < size) for (int k = 0; k < size; k++) edge[members[k]] = true;
        }
        return edge;
    }
}
