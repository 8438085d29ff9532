package dev.photostyle.sequence;

import dev.photostyle.flow.DenseFlow;
import dev.photostyle.flow.FlowReliability;
import dev.photostyle.flow.Warp;
import dev.photostyle.flow.WarpingError;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.matting.affine.LocalAffineFit;

import java.util.List;

/**
 * The temporal metric of Ruder et al., "Artistic style transfer for videos" (GCPR 2016, section 6)
 * for a pair of consecutive frames: the mean absolute difference between result t and result t-1
 * warped onto t by the <em>content's</em> optical flow, over pixels where that flow is reliable
 * ({@link FlowReliability}, with motion boundaries), next to the same figure for the content
 * itself (what a perfectly consistent, unstyled sequence would score: flow and interpolation
 * error, lighting changes).
 *
 * <p>A result that is a fixed colour map f of its content (a look) cannot flicker, yet its
 * warping error is {@code |f(c_t) − W f(c_{t−1})| ≈ |J_f (c_t − W c_{t−1})|}: the content's own
 * frame-to-frame residual (noise, flow and interpolation error) through the map's Jacobian, exactly
 * for an affine map (bilinear warping commutes with it). A map that stretches the colours where
 * that residual lives (e.g. the chroma of a grey plate graded to a red sky) multiplies the warping
 * error however stable it is. So each pair also reports what the result's <em>own</em> local
 * colour map explains: per pixel the least-squares affine map from content to result in a
 * {@value #FIT_RADIUS}-px-radius window of frame t ({@link LocalAffineFit}), applied to the
 * content's residual ({@link Pair#explained()}), and {@link Pair#excess()}, the result's error over
 * that: 1 for a fixed affine colour map, near 1 for any smooth one, above 1 where the result
 * changes from frame to frame more than a colour map of the content would (flicker). It is
 * reported beside the plain ratio, never instead of it.
 *
 * <p>Frames are display-referred RGB; everything is measured at the result's size (the content
 * is resized to it). Example: {@code Pair p = TemporalConsistency.pair(c1, c0, r1, r0, DenseFlow.medium());}
 */
public final class TemporalConsistency {
    private TemporalConsistency() {}

    /**
     * One pair's figures.
     *
     * @param result   warping error of the results
     * @param content  warping error of the content frames
     * @param reliable  fraction of pixels counted
     * @param explained the warping error of the content's residual through the result's local colour maps
     */
    public record Pair(double result, double content, double reliable, double explained) {
        /** {@code explained / content}: the result's local colour maps' gain on the content's residual. */
        public double gain() {
            return explained / content;
        }

        /** {@code result / explained}: the warping error beyond what a colour map of the content explains. */
        public double excess() {
            return result / explained;
        }
    }

    /** Window radius of the local colour maps (a 5x5 window). */
    public static final int FIT_RADIUS = 2;
    /** Their ridge, tiny: a plate's noise is what carries the residual, so flat windows must still be fitted. */
    public static final double FIT_RIDGE = 1e-7;

    /** The warping errors of frame t against frame t-1; see the class comment. */
    public static Pair pair(FloatImage content, FloatImage previousContent, FloatImage result,
            FloatImage previousResult, DenseFlow flow) {
        if (!result.sameSize(previousResult)) {
            throw new IllegalArgumentException("result frames differ in size: " + result + " vs " + previousResult);
        }
        int w = result.width();
        int h = result.height();
        FloatImage c = Resampler.resize(content.rgb(), w, h);
        FloatImage p = Resampler.resize(previousContent.rgb(), w, h);
        FloatImage fwd = flow.compute(c, p);
        FloatImage bwd = flow.compute(p, c);
        FloatImage mask = FlowReliability.mask(fwd, bwd, true);
        double rel = 0;
        for (float v : mask.toArray()) rel += v;
        FloatImage maps = LocalAffineFit.fit(c, result.rgb(), FIT_RADIUS, FIT_RIDGE);
        // The content's residual through the maps: the offsets cancel, the linear parts remain.
        FloatImage mapped = LocalAffineFit.apply(maps, c);
        FloatImage mappedPrevious = LocalAffineFit.apply(maps, Warp.backward(p, fwd));
        return new Pair(WarpingError.of(result.rgb(), previousResult.rgb(), fwd, mask),
                WarpingError.of(c, p, fwd, mask), rel / mask.pixels(),
                WarpingError.of(mapped, mappedPrevious, zeroFlow(w, h), mask));
    }

    private static FloatImage zeroFlow(int w, int h) {
        return FloatImage.wrap(w, h, 2, new float[2 * w * h]);
    }

    /** The mean explained error over the mean content error: the sequence's colour-map gain. */
    public static double meanGain(List<Pair> pairs) {
        return ratio(pairs, Pair::explained, Pair::content);
    }

    /** The mean result error over the mean explained error: the sequence's {@link Pair#excess()}. */
    public static double meanExcess(List<Pair> pairs) {
        return ratio(pairs, Pair::result, Pair::explained);
    }

    private static double ratio(List<Pair> pairs, java.util.function.ToDoubleFunction<Pair> num,
            java.util.function.ToDoubleFunction<Pair> den) {
        double a = 0, b = 0;
        for (Pair p : pairs) {
            double x = num.applyAsDouble(p), y = den.applyAsDouble(p);
            if (!Double.isFinite(x) || !Double.isFinite(y)) continue;
            a += x;
            b += y;
        }
        return b == 0 ? Double.NaN : a / b;
    }

    /** Mean of the results' errors over pairs (NaN pairs, with nothing reliable, left out). */
    public static double meanResult(List<Pair> pairs) {
        return pairs.stream().mapToDouble(Pair::result).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    /** Mean of the contents' errors over pairs (NaN pairs left out). */
    public static double meanContent(List<Pair> pairs) {
        return pairs.stream().mapToDouble(Pair::content).filter(Double::isFinite).average().orElse(Double.NaN);
    }
}
