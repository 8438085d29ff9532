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
 * <p>A result that is a fixed colour map of its content (a look) cannot flicker, yet its warping
 * error is the content's times the map's gain: a map that raises contrast k-fold scales every
 * frame-to-frame residual of the content (noise, flow and interpolation error) k-fold too, exactly
 * for an affine map. So each pair also reports the result's <em>spatial</em> gain over the same
 * reliable pixels, {@code Σ|∇r| / Σ|∇c|} (forward differences in x and y, all channels), and
 * {@link Pair#excess()}, the warping-error ratio divided by that gain: 1 for any fixed affine
 * colour map, near 1 for any smooth one, above 1 where the result changes from frame to frame
 * more than its own contrast explains (flicker). It is reported beside the plain ratio, never
 * instead of it.
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
     * @param gain     the result's spatial gradient energy over the content's, on the same reliable pixels of frame t
     */
    public record Pair(double result, double content, double reliable, double gain) {
        /** {@code result / (content · gain)}: the warping error beyond what the result's own contrast gain explains. */
        public double excess() {
            return result / (content * gain);
        }
    }

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
                WarpingError.of(c, p, fwd, mask), rel / mask.pixels(), gain(result.rgb(), c, mask));
    }

    /** {@code Σ|∇r| / Σ|∇c|} over pixels of weight > 0 (forward differences in x and y, every channel); NaN for a flat content. */
    static double gain(FloatImage result, FloatImage content, FloatImage mask) {
        int w = result.width(), h = result.height(), n = w * h;
        float[] r = result.toArray(), c = content.toArray(), m = mask.toArray();
        double sr = 0, sc = 0;
        for (int ch = 0; ch < 3; ch++) {
            int o = ch * n;
            for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (m[i] <= 0) continue;
                if (x + 1 < w) {
                    sr += m[i] * Math.abs(r[o + i + 1] - r[o + i]);
                    sc += m[i] * Math.abs(c[o + i + 1] - c[o + i]);
                }
                if (y + 1 < h) {
                    sr += m[i] * Math.abs(r[o + i + w] - r[o + i]);
                    sc += m[i] * Math.abs(c[o + i + w] - c[o + i]);
                }
            }
        }
        return sc == 0 ? Double.NaN : sr / sc;
    }

    /** Mean of the pairs' gains (NaN pairs left out). */
    public static double meanGain(List<Pair> pairs) {
        return pairs.stream().mapToDouble(Pair::gain).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    /** The mean result error over the mean of content error × gain: the sequence's {@link Pair#excess()}. */
    public static double meanExcess(List<Pair> pairs) {
        double num = 0, den = 0;
        for (Pair p : pairs) {
            double d = p.content() * p.gain();
            if (!Double.isFinite(p.result()) || !Double.isFinite(d)) continue;
            num += p.result();
            den += d;
        }
        return den == 0 ? Double.NaN : num / den;
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
