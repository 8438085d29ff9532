package dev.photostyle.sequence;

import dev.photostyle.flow.DenseFlow;
import dev.photostyle.flow.FlowReliability;
import dev.photostyle.flow.Warp;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.Resampler;

/**
 * What the previous frame tells the current one (Ruder et al., "Artistic style transfer for
 * videos", GCPR 2016, sections 3.1-3.2): the previous result warped onto the current frame by the
 * content's optical flow, and where that warp can be trusted (forward-backward consistency and
 * motion boundaries, {@link FlowReliability}).
 *
 * <p>All images are at one (working) size: warped 3 x H x W, reliability 1 x H x W (1 = reliable).
 * Example: {@code TemporalGuide g = TemporalGuide.of(cur, prev, prevResult, DenseFlow.medium());}
 *
 * @param warped      ω: the previous result sampled at {@code x + flow(x)}
 * @param reliability c: 1 where ω is trustworthy, 0 in disocclusions and on motion boundaries
 */
public record TemporalGuide(FloatImage warped, FloatImage reliability) {
    public TemporalGuide {
        if (reliability.channels() != 1 || !reliability.sameSize(warped) || warped.channels() != 3) {
            throw new IllegalArgumentException("guide needs warped 3 x H x W and reliability 1 x H x W, got "
                    + warped + " and " + reliability);
        }
    }

    /**
     * Computes the flow between the content frames and warps the previous result with it.
     *
     * @param content         current content frame (display-referred, any size: sets the guide's size)
     * @param previousContent previous content frame (resized to {@code content}'s size)
     * @param previousResult  previous stylised frame (resized likewise)
     */
    public static TemporalGuide of(FloatImage content, FloatImage previousContent, FloatImage previousResult,
            DenseFlow flow) {
        int w = content.width();
        int h = content.height();
        FloatImage cur = content.rgb();
        FloatImage prev = Resampler.resize(previousContent.rgb(), w, h);
        FloatImage fwd = flow.compute(cur, prev);  // cur(x) ~ prev(x + fwd(x))
        FloatImage bwd = flow.compute(prev, cur);
        FloatImage mask = FlowReliability.mask(fwd, bwd, true);
        FloatImage warped = Warp.backward(Resampler.resize(previousResult.rgb(), w, h), fwd);
        return new TemporalGuide(warped, mask);
    }

    /** Fraction of reliable pixels. */
    public double reliableFraction() {
        double s = 0;
        for (float v : reliability.toArray()) s += v;
        return s / reliability.pixels();
    }

    /**
     * The starting image for the current frame: ω where reliable, the content elsewhere (a
     * disoccluded region has no previous result; the edge-smeared warp would only have to be undone).
     *
     * @param content the current content at the guide's size
     */
    public FloatImage initImage(FloatImage content) {
        FloatImage c = Resampler.resize(content.rgb(), warped.width(), warped.height());
        float[] out = warped.toArray();
        float[] cc = c.toArray();
        float[] m = reliability.toArray();
        int n = m.length;
        for (int ch = 0; ch < 3; ch++) {
            for (int i = 0; i < n; i++) out[ch * n + i] = m[i] * out[ch * n + i] + (1 - m[i]) * cc[ch * n + i];
        }
        return FloatImage.wrap(warped.width(), warped.height(), 3, out);
    }
}
