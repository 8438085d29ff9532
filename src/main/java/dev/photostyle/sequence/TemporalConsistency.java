package dev.photostyle.sequence;

import dev.photostyle.flow.DenseFlow;
import dev.photostyle.flow.FlowReliability;
import dev.photostyle.flow.WarpingError;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.Resampler;

import java.util.List;

/**
 * The temporal metric of Ruder et al., "Artistic style transfer for videos" (GCPR 2016, section 6)
 * for a pair of consecutive frames: the mean absolute difference between result t and result t-1
 * warped onto t by the <em>content's</em> optical flow, over pixels where that flow is reliable
 * ({@link FlowReliability}, with motion boundaries), next to the same figure for the content
 * itself (what a perfectly consistent, unstyled sequence would score: flow and interpolation
 * error, lighting changes).
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
     * @param reliable fraction of pixels counted
     */
    public record Pair(double result, double content, double reliable) {}

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
        return new Pair(WarpingError.of(result.rgb(), previousResult.rgb(), fwd, mask),
                WarpingError.of(c, p, fwd, mask), rel / mask.pixels());
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
