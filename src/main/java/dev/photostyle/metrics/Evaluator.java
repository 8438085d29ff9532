package dev.photostyle.metrics;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.mask.RegionMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Computes every metric of a style-transfer result into an {@link EvalResult}.
 *
 * <p>Everything is measured at the content's size: a result of another size is first resampled with
 * {@link Resampler} (recorded as {@code resampled}). Structure (SSIM, edge SSIM) and photorealism
 * compare the result to the content; colour distance compares the result to the style, per matched
 * region when masks are given. {@link SpuriousEdges} and {@link RegionConsistency} compare the result
 * to the content per matched region (the whole image as one region without masks). Protected pixels (for leakage) are the extra ones given plus, with
 * masks and unless {@link Builder#protectUnpaired(boolean)} is off, the content pixels that are
 * unlabelled or belong to an orphan region (no style region to take colours from).
 *
 * <p>Example:
 * <pre>{@code
 * EvalResult r = Evaluator.builder(content, style, result)
 *         .masks(contentLabels, styleLabels)
 *         .build().evaluate();
 * }</pre>
 */
public final class Evaluator {
    private final FloatImage content;
    private final FloatImage style;
    private final FloatImage result;
    private final LabelMap contentMask;
    private final LabelMap styleMask;
    private final boolean[] extraProtected;
    private final boolean protectUnpaired;
    private final Ssim ssim;
    private final AffineResidual affine;

    private Evaluator(Builder b) {
        content = b.content.rgb();
        style = b.style.rgb();
        result = b.result.rgb();
        contentMask = b.contentMask == null ? null : b.contentMask.resizeNearest(content.width(), content.height());
        styleMask = b.styleMask == null ? null : b.styleMask.resizeNearest(style.width(), style.height());
        extraProtected = b.extraProtected == null ? null : b.extraProtected.clone();
        protectUnpaired = b.protectUnpaired;
        ssim = b.ssim;
        affine = b.affine;
    }

    /** Starts a builder for the three images (RGB in [0, 1]; alpha ignored, gray replicated). */
    public static Builder builder(FloatImage content, FloatImage style, FloatImage result) {
        return new Builder(content, style, result);
    }

    /** Collects the inputs and settings of an {@link Evaluator}. */
    public static final class Builder {
        private final FloatImage content;
        private final FloatImage style;
        private final FloatImage result;
        private LabelMap contentMask;
        private LabelMap styleMask;
        private boolean[] extraProtected;
        private boolean protectUnpaired = true;
        private Ssim ssim = Ssim.STANDARD;
        private AffineResidual affine = AffineResidual.DEFAULT;

        private Builder(FloatImage content, FloatImage style, FloatImage result) {
            this.content = Objects.requireNonNull(content, "content");
            this.style = Objects.requireNonNull(style, "style");
            this.result = Objects.requireNonNull(result, "result");
        }

        /**
         * Region masks for content and style (both or neither). A mask of another size than its
         * image is resampled nearest-neighbour to it.
         */
        public Builder masks(LabelMap content, LabelMap style) {
            if ((content == null) != (style == null)) throw new IllegalArgumentException("give both content and style masks, or neither");
            this.contentMask = content;
            this.styleMask = style;
            return this;
        }

        /** Extra pixels that must not change: {@code width * height} flags at the content size, row-major. */
        public Builder extraProtected(boolean[] pixels) {
            if (pixels != null && pixels.length != content.pixels()) {
                throw new IllegalArgumentException("extra protected pixels: got " + pixels.length + " flags, content has " + content.pixels() + " pixels");
            }
            this.extraProtected = pixels;
            return this;
        }

        /** Whether unlabelled and orphan content pixels count as protected (default true). */
        public Builder protectUnpaired(boolean on) {
            this.protectUnpaired = on;
            return this;
        }

        /** SSIM settings (default {@link Ssim#STANDARD}), also used for edge SSIM. */
        public Builder ssim(Ssim s) {
            this.ssim = Objects.requireNonNull(s, "ssim");
            return this;
        }

        /** Photorealism settings (default {@link AffineResidual#DEFAULT}). */
        public Builder affineResidual(AffineResidual a) {
            this.affine = Objects.requireNonNull(a, "affineResidual");
            return this;
        }

        public Evaluator build() { return new Evaluator(this); }
    }

    /** Computes all metrics; {@code style_distance} is left null. */
    public EvalResult evaluate() {
        int w = content.width(), h = content.height(), n = w * h;
        boolean resampled = !result.sameSize(content);
        FloatImage res = resampled ? Resampler.resize(result, w, h) : result;

        double[] ssimMap = ssim.map(Luminance.of(content), Luminance.of(res), w, h);
        double[] edgeMap = ssim.map(EdgeMaps.of(content), EdgeMaps.of(res), w, h);
        double[] affineMap = affine.map(content, res);
        double[] contentLab = Lab.of(content);
        double[] resultLab = Lab.of(res);
        double[] styleLab = Lab.of(style);

        boolean[] prot = new boolean[n];
        if (extraProtected != null) System.arraycopy(extraProtected, 0, prot, 0, n);
        List<EvalResult.Region> regions = new ArrayList<>();
        double colourDistance;
        Double spurious, consistency;
        if (contentMask != null) {
            RegionMatch pairing = RegionMatch.of(contentMask, styleMask, Set.of());
            if (protectUnpaired) {
                // Unlabelled and orphan pixels are exactly those outside the free mask.
                float[] free = pairing.freeMask(contentMask);
                for (int i = 0; i < n; i++) prot[i] |= free[i] == 0f;
            }
            Map<Integer, Integer> styleCounts = styleMask.counts();
            List<boolean[]> matchedRegions = new ArrayList<>();
            for (int label : pairing.matched()) matchedRegions.add(maskOf(contentMask, label));
            List<RegionScore> edgeScores = SpuriousEdges.DEFAULT.measure(content, res, matchedRegions);
            List<RegionScore> mapScores = RegionConsistency.measure(content, res, matchedRegions);
            spurious = RegionScore.areaWeightedMean(edgeScores);
            consistency = RegionScore.areaWeightedMean(mapScores);
            List<Integer> matchedOrder = new ArrayList<>(pairing.matched());
            double weighted = 0;
            long matchedPixels = 0;
            for (Map.Entry<Integer, Integer> e : contentMask.counts().entrySet()) {
                int label = e.getKey();
                boolean[] region = maskOf(contentMask, label);
                Double dResult = null, dContent = null, edges = null, mapResidual = null;
                boolean matched = pairing.matched().contains(label);
                if (matched) {
                    ColourStatistics s = ColourStatistics.ofLab(styleLab, style.pixels(), maskOf(styleMask, label));
                    dResult = ColourStatistics.ofLab(resultLab, n, region).w2Distance(s);
                    dContent = ColourStatistics.ofLab(contentLab, n, region).w2Distance(s);
                    int m = matchedOrder.indexOf(label);
                    edges = edgeScores.get(m).value();
                    mapResidual = mapScores.get(m).value();
                    weighted += dResult * e.getValue();
                    matchedPixels += e.getValue();
                }
                regions.add(new EvalResult.Region(label, contentMask.name(label),
                        matched ? EvalResult.Region.MATCHED : EvalResult.Region.ORPHAN,
                        e.getValue(), styleCounts.getOrDefault(label, 0), dResult, dContent,
                        Ssim.meanOver(ssimMap, region), Ssim.meanOver(edgeMap, region), Ssim.meanOver(affineMap, region), edges, mapResidual));
            }
            colourDistance = matchedPixels > 0 ? weighted / matchedPixels : wholeImageDistance(resultLab, styleLab);
        } else {
            colourDistance = wholeImageDistance(resultLab, styleLab);
            List<boolean[]> whole = java.util.Arrays.asList((boolean[]) null);
            spurious = SpuriousEdges.DEFAULT.measure(content, res, whole).get(0).value();
            consistency = RegionConsistency.measure(content, res, whole).get(0).value();
        }

        Leakage leak = Leakage.of(content, res, prot);
        boolean anyProtected = leak.pixels() > 0;
        return new EvalResult(Ssim.meanOver(ssimMap, null), Ssim.meanOver(edgeMap, null), null, colourDistance,
                Ssim.meanOver(affineMap, null), spurious, consistency, anyProtected ? leak.mean() : null, anyProtected ? leak.max() : null,
                leak.pixels(), w, h, result.width(), result.height(), resampled, regions);
    }

    private double wholeImageDistance(double[] resultLab, double[] styleLab) {
        return ColourStatistics.ofLab(resultLab, content.pixels(), null)
                .w2Distance(ColourStatistics.ofLab(styleLab, style.pixels(), null));
    }

    private static boolean[] maskOf(LabelMap m, int label) {
        boolean[] out = new boolean[m.width() * m.height()];
        for (int i = 0; i < out.length; i++) out[i] = m.labelAt(i) == label;
        return out;
    }
}
