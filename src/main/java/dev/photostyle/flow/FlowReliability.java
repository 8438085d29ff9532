package dev.photostyle.flow;

import dev.photostyle.io.image.FloatImage;

/**
 * Per-pixel reliability of a flow by forward-backward consistency, after Ruder et al.,
 * "Artistic style transfer for videos" (GCPR 2016), section 3.1 (following Sundaram et al. 2010).
 *
 * <p>With {@code w} the flow of frame A (A(x) ~ B(x + w(x))) and {@code w'} the flow of frame B
 * back to A, let {@code wb(x) = w'(x + w(x))} (bilinear). A pixel of A is unreliable (disoccluded
 * or leaving the frame) if {@code x + w(x)} is outside the image or
 * {@code |w + wb|^2 > 0.01 (|w|^2 + |wb|^2) + 0.5}; optionally also on motion boundaries,
 * {@code |grad u|^2 + |grad v|^2 > 0.01 |w|^2 + 0.002} (central differences).
 *
 * <p>Result: a 1-channel H x W image, 1 = reliable, 0 = not (the weights c of Ruder et al.'s
 * temporal loss). Example: {@code FloatImage c = FlowReliability.mask(fwd, bwd, true);}
 */
public final class FlowReliability {
    private FlowReliability() {}

    /** The consistency mask of {@code forward} against {@code backward}; see the class comment. */
    public static FloatImage mask(FloatImage forward, FloatImage backward, boolean motionBoundaries) {
        Warp.checkFlow(forward, backward);
        Warp.checkFlow(backward, forward);
        int w = forward.width();
        int h = forward.height();
        int n = w * h;
        float[] f = forward.toArray();
        float[] wb = Warp.backward(backward, forward).toArray();
        float[] m = new float[n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double u = f[i];
                double v = f[n + i];
                double tx = x + u;
                double ty = y + v;
                boolean inside = tx >= 0 && tx <= w - 1 && ty >= 0 && ty <= h - 1;
                double bu = wb[i];
                double bv = wb[n + i];
                double sum = (u + bu) * (u + bu) + (v + bv) * (v + bv);
                double mag = u * u + v * v + bu * bu + bv * bv;
                boolean ok = inside && sum <= 0.01 * mag + 0.5;
                if (ok && motionBoundaries) {
                    double gu = sq(at(f, 0, x + 1, y, w, h, n) - at(f, 0, x - 1, y, w, h, n))
                            + sq(at(f, 0, x, y + 1, w, h, n) - at(f, 0, x, y - 1, w, h, n));
                    double gv = sq(at(f, 1, x + 1, y, w, h, n) - at(f, 1, x - 1, y, w, h, n))
                            + sq(at(f, 1, x, y + 1, w, h, n) - at(f, 1, x, y - 1, w, h, n));
                    ok = 0.25 * (gu + gv) <= 0.01 * (u * u + v * v) + 0.002;
                }
                m[i] = ok ? 1f : 0f;
            }
        }
        return FloatImage.wrap(w, h, 1, m);
    }

    private static double at(float[] f, int c, int x, int y, int w, int h, int n) {
        return f[c * n + Math.max(0, Math.min(h - 1, y)) * w + Math.max(0, Math.min(w - 1, x))];
    }

    private static double sq(double a) { return a * a; }
}
