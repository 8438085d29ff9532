package dev.photostyle.mask;

import dev.photostyle.io.image.FloatImage;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns a colour-coded mask into {@link Palette} labels, and refuses a mask painted in a colour
 * the palette does not have, instead of silently giving its region the nearest colour's label.
 *
 * <p>A pixel of a drawn mask is a palette colour, or, on an anti-aliased or resampled edge, a
 * convex blend of the colours whose regions cover it, plus quantisation and compression noise.
 * Each pixel is one of:
 * <ol>
 *   <li><b>pure</b>: every channel within {@link Palette#TOLERANCE} (0.1, the reference
 *       {@code ExtractMask}'s tolerance) of a palette colour; label: that colour.</li>
 *   <li><b>blend</b>: within 0.1 per channel (Chebyshev distance) of the segment between two
 *       palette colours, i.e. of {@code (1 - t) A + t B}, which is what an edge between a region of
 *       A and one of B looks like, however soft (the benchmark has soft-brush gradients 100 px wide,
 *       e.g. {@code in59.png}'s sky). Any two colours may touch, so all 36 pairs count. Label:
 *       the nearest (Euclidean) of the colours it could be a blend of, which for a two-colour edge
 *       is the side that covers more of the pixel.</li>
 *   <li><b>edge artefact</b>: neither, but within {@link #EDGE_RADIUS} pixels (Chebyshev) of a
 *       pure or blend pixel. Where three regions meet, a pixel blends three colours and lies off
 *       every segment (up to 1/6 per channel: (green + white + grey) / 3 = (128, 213, 128) is
 *       0.165 from the nearest segment; the benchmark's masks have ~29000 such pixels, all within
 *       9 px of a pure or blend pixel); resampling kernels ring and JPEG misplaces colour near
 *       edges. Label: the nearest palette colour.</li>
 *   <li>anything else is an error: a region of an unknown colour wider than
 *       {@code 2 * EDGE_RADIUS} px (its middle more than {@code EDGE_RADIUS} px from anything
 *       else) cannot be an edge. The message names the most frequent
 *       such colour (as 0-255 RGB) with its pixel count.</li>
 * </ol>
 * Colour distance alone cannot separate a junction pixel from a wrong colour: with the cube's
 * corners and centre as the palette, every colour is within 1/6 per channel of some two-colour
 * blend (e.g. (200, 120, 40) is 0.157 away), hence the spatial rule for what lies off the
 * blends. Why {@value #EDGE_RADIUS}: JPEG's usual 4:2:0 coding quantises chroma in 8x8 blocks at
 * half resolution, i.e. over 16x16 pixels, so a compression artefact lies within one such block
 * of the edge that caused it; anti-aliasing (1 px) and the common resampling kernels (radius
 * &lt;= 3 px) stay well inside. A gray (one-channel) mask is read as (v, v, v): every gray is a
 * black-white blend, so it never fails.
 *
 * <p>A region painted in a blend colour, e.g. (128, 0, 128), half red and half blue, passes as a
 * blend: no colour test can tell it from a soft edge.
 *
 * <p>Example: {@code LabelMap m = PaletteSnap.labels(maskImage, "mask in1.png");} throws
 * {@link UnknownColourException} "mask in1.png: 1600 pixels of colour (200,120,40) match none of
 * the palette's colours (blue (0,0,255), ...) nor an edge between them; repaint them in a palette
 * colour".
 */
public final class PaletteSnap {
    /** How far (px, Chebyshev) an off-palette edge artefact may lie from a pure or blend pixel. */
    public static final int EDGE_RADIUS = 16;

    private static final int PURE = 0;
    private static final int BLEND = 1;
    private static final int ARTEFACT = 2;

    /** A mask colour the palette cannot explain; the message is one line. */
    public static final class UnknownColourException extends IllegalArgumentException {
        UnknownColourException(String message) {
            super(message);
        }
    }

    private PaletteSnap() {}

    /**
     * Labels of a colour-coded mask.
     *
     * @param mask RGB (more channels: the first three are used) or gray, samples in [0, 1]
     * @param what how messages name the mask, e.g. {@code "mask in1.png"}
     * @throws UnknownColourException if a region has a colour that is neither a palette colour nor
     *                                a blend of two, beyond {@link #EDGE_RADIUS} px of any that is
     */
    public static LabelMap labels(FloatImage mask, String what) {
        int w = mask.width();
        int h = mask.height();
        int n = w * h;
        float[] r = mask.channel(0);
        float[] g = mask.channels() >= 3 ? mask.channel(1) : r;
        float[] b = mask.channels() >= 3 ? mask.channel(2) : r;
        int[] labels = new int[n];
        byte[] kind = new byte[n];
        Map<Long, Integer> memo = new HashMap<>();
        long lastKey = -1;
        int lastCode = 0;
        boolean anyArtefact = false;
        for (int i = 0; i < n; i++) {
            long key = key16(r[i], g[i], b[i]);
            if (key != lastKey) { // masks are mostly runs of one colour
                lastKey = key;
                lastCode = memo.computeIfAbsent(key, PaletteSnap::classifyKey);
            }
            labels[i] = lastCode & 0xff;
            kind[i] = (byte) (lastCode >> 8);
            anyArtefact |= kind[i] == ARTEFACT;
        }
        if (anyArtefact) {
            boolean[] near = nearExplained(kind, w, h, EDGE_RADIUS);
            Map<Integer, Integer> rejected = new HashMap<>();
            for (int i = 0; i < n; i++) {
                if (kind[i] == ARTEFACT && !near[i]) rejected.merge(rgb8(r[i], g[i], b[i]), 1, Integer::sum);
            }
            if (!rejected.isEmpty()) throw new UnknownColourException(message(what, rejected, r, g, b));
        }
        return LabelMap.of(w, h, labels, Palette.names());
    }

    /** The label of one colour and whether it is pure (0), a blend (1) or neither (2): {@code label | kind << 8}. */
    static int classify(double pr, double pg, double pb) {
        double[] p = {pr, pg, pb};
        int n = Palette.COLOURS.size();
        for (int i = 0; i < n; i++) {
            if (chebyshev(p, rgbOf(i)) <= Palette.TOLERANCE) return i | PURE << 8;
        }
        // Candidates: endpoints of every segment within tolerance; the label is the nearest of them.
        int best = -1;
        double bestD = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (chebyshevToSegment(p, rgbOf(i), rgbOf(j)) > Palette.TOLERANCE) continue;
                for (int k : new int[] {i, j}) {
                    double d = squared(p, rgbOf(k));
                    if (d < bestD || (d == bestD && k < best)) {
                        bestD = d;
                        best = k;
                    }
                }
            }
        }
        if (best >= 0) return best | BLEND << 8;
        return Palette.nearest((float) pr, (float) pg, (float) pb) | ARTEFACT << 8;
    }

    /**
     * Chebyshev (max-channel) distance from {@code p} to the segment {@code a b}: the minimum over
     * t in [0, 1] of {@code max_c |p_c - a_c - t (b_c - a_c)|}. That is a convex, piecewise-linear
     * function of t, so its minimum is at t = 0, t = 1, a zero of one piece, or a crossing of two
     * pieces; all candidates are evaluated.
     */
    static double chebyshevToSegment(double[] p, double[] a, double[] b) {
        double[] u = new double[3];
        double[] d = new double[3];
        for (int c = 0; c < 3; c++) {
            u[c] = p[c] - a[c];
            d[c] = b[c] - a[c];
        }
        double best = Math.min(maxAbs(u, d, 0), maxAbs(u, d, 1));
        for (int i = 0; i < 3; i++) {
            if (d[i] != 0) best = Math.min(best, maxAbs(u, d, u[i] / d[i]));
            for (int j = i + 1; j < 3; j++) {
                // u_i - t d_i = +-(u_j - t d_j)
                for (int s = -1; s <= 1; s += 2) {
                    double den = d[i] - s * d[j];
                    if (den != 0) best = Math.min(best, maxAbs(u, d, (u[i] - s * u[j]) / den));
                }
            }
        }
        return best;
    }

    private static double maxAbs(double[] u, double[] d, double t) {
        if (!(t >= 0 && t <= 1)) return Double.MAX_VALUE;
        double m = 0;
        for (int c = 0; c < 3; c++) m = Math.max(m, Math.abs(u[c] - t * d[c]));
        return m;
    }

    /**
     * True where a pure or blend pixel lies within {@code radius} px (Chebyshev): a separable
     * window count, rows then columns, with prefix sums.
     */
    static boolean[] nearExplained(byte[] kind, int w, int h, int radius) {
        int[] rowCount = new int[w * h];
        int[] prefix = new int[Math.max(w, h) + 1];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) prefix[x + 1] = prefix[x] + (kind[y * w + x] != ARTEFACT ? 1 : 0);
            for (int x = 0; x < w; x++) {
                rowCount[y * w + x] = prefix[Math.min(w, x + radius + 1)] - prefix[Math.max(0, x - radius)];
            }
        }
        boolean[] near = new boolean[w * h];
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) prefix[y + 1] = prefix[y] + (rowCount[y * w + x] > 0 ? 1 : 0);
            for (int y = 0; y < h; y++) {
                near[y * w + x] = prefix[Math.min(h, y + radius + 1)] - prefix[Math.max(0, y - radius)] > 0;
            }
        }
        return near;
    }

    private static String message(String what, Map<Integer, Integer> rejected, float[] r, float[] g, float[] b) {
        int worst = -1; // the colour with the most rejected pixels (ties: the lower RGB value)
        for (Map.Entry<Integer, Integer> e : rejected.entrySet()) {
            int c = e.getKey();
            if (worst < 0 || e.getValue() > rejected.get(worst) || (e.getValue().equals(rejected.get(worst)) && c < worst)) {
                worst = c;
            }
        }
        final int top = worst;
        int total = 0;
        for (int i = 0; i < r.length; i++) if (rgb8(r[i], g[i], b[i]) == worst) total++;
        StringJoiner palette = new StringJoiner(", ");
        for (Palette.Colour c : Palette.COLOURS) {
            palette.add(c.name() + " " + rgbText(rgb8(c.r(), c.g(), c.b())));
        }
        StringBuilder m = new StringBuilder(String.format(Locale.ROOT,
                "%s: %d pixel%s of colour %s match%s none of the palette's colours (%s) nor an edge between them",
                what, total, total == 1 ? "" : "s", rgbText(worst), total == 1 ? "es" : "", palette));
        if (rejected.size() > 1) {
            long others = rejected.entrySet().stream().filter(e -> e.getKey() != top).mapToLong(Map.Entry::getValue).sum();
            m.append(String.format(Locale.ROOT, "; so do %d more pixels in %d other colours", others, rejected.size() - 1));
        }
        return m.append("; repaint them in a palette colour").toString();
    }

    private static int classifyKey(long key) {
        return classify(((key >> 32) & 0xffff) / 65535.0, ((key >> 16) & 0xffff) / 65535.0, (key & 0xffff) / 65535.0);
    }

    /** The colour quantised to 16 bits per channel (finer than any mask file), clamped to [0, 1]. */
    private static long key16(float r, float g, float b) {
        return (long) q(r, 65535) << 32 | (long) q(g, 65535) << 16 | q(b, 65535);
    }

    private static int rgb8(float r, float g, float b) {
        return q(r, 255) << 16 | q(g, 255) << 8 | q(b, 255);
    }

    private static int q(float v, int max) {
        if (!(v > 0f)) return 0;
        return v >= 1f ? max : Math.round(v * max);
    }

    private static String rgbText(int rgb) {
        return "(" + (rgb >> 16 & 0xff) + "," + (rgb >> 8 & 0xff) + "," + (rgb & 0xff) + ")";
    }

    private static double[] rgbOf(int label) {
        Palette.Colour c = Palette.COLOURS.get(label);
        return new double[] {c.r(), c.g(), c.b()};
    }

    private static double chebyshev(double[] p, double[] q) {
        return Math.max(Math.abs(p[0] - q[0]), Math.max(Math.abs(p[1] - q[1]), Math.abs(p[2] - q[2])));
    }

    private static double squared(double[] p, double[] q) {
        double s = 0;
        for (int c = 0; c < 3; c++) s += (p[c] - q[c]) * (p[c] - q[c]);
        return s;
    }
}
