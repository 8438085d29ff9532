package dev.photostyle.flow;

import dev.photostyle.io.image.FloatImage;

/**
 * Temporal-consistency metric for stylised sequences (Ruder et al., "Artistic style transfer for
 * videos", GCPR 2016, section 6): the mean absolute difference between frame t and frame t-1
 * warped onto t, over reliable pixels and all channels.
 *
 * <p>Shapes: frames C x H x W, flow 2 x H x W with {@code frameT(x) ~ framePrev(x + flow(x))}
 * (i.e. {@code DenseFlow.compute(frameT, framePrev)}), mask 1 x H x W (1 = reliable, e.g.
 * {@link FlowReliability#mask}) or null for every pixel. Example:
 * {@code double e = WarpingError.of(styledT, styledPrev, flow, mask);}
 */
public final class WarpingError {
    private WarpingError() {}

    /** Mean |frameT - warp(framePrev, flow)| over reliable pixels; NaN if none is reliable. */
    public static double of(FloatImage frameT, FloatImage framePrev, FloatImage flow, FloatImage mask) {
        if (!frameT.sameSize(framePrev) || frameT.channels() != framePrev.channels()) {
            throw new IllegalArgumentException("frames differ: " + frameT + " vs " + framePrev);
        }
        if (mask != null && (mask.channels() != 1 || !mask.sameSize(frameT))) {
            throw new IllegalArgumentException("mask must be 1 x H x W like the frames, got " + mask);
        }
        float[] a = frameT.toArray();
        float[] b = Warp.backward(framePrev, flow).toArray();
        float[] m = mask == null ? null : mask.toArray();
        int n = frameT.pixels();
        double sum = 0;
        double weight = 0;
        for (int c = 0; c < frameT.channels(); c++) {
            for (int i = 0; i < n; i++) {
                double wgt = m == null ? 1 : m[i];
                if (wgt <= 0) continue;
                sum += wgt * Math.abs(a[c * n + i] - b[c * n + i]);
                weight += wgt;
            }
        }
        return weight == 0 ? Double.NaN : sum / weight;
    }
}
