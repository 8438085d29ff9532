package dev.photostyle.flow;

import dev.photostyle.io.image.FloatImage;

/**
 * Backward warping of an image by a dense flow with bilinear interpolation (Ruder et al. 2016,
 * "Artistic style transfer for videos", eq. for omega: the previous stylised frame warped to the
 * current one). {@code out(x) = image(x + flow(x))}; samples that fall outside the image take the
 * nearest edge value (such pixels are marked unreliable by {@link FlowReliability}).
 *
 * <p>Shapes: image C x H x W, flow 2 x H x W (channel 0 = dx, channel 1 = dy, pixels), result
 * C x H x W. Example: {@code FloatImage prevOnT = Warp.backward(prev, DenseFlow.medium().compute(cur, prev));}
 */
public final class Warp {
    private Warp() {}

    /** The image sampled at {@code x + flow(x)}; see the class comment. */
    public static FloatImage backward(FloatImage image, FloatImage flow) {
        checkFlow(image, flow);
        int w = image.width();
        int h = image.height();
        int n = w * h;
        int ch = image.channels();
        float[] src = image.toArray();
        float[] f = flow.toArray();
        float[] out = new float[ch * n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double sx = Math.max(0, Math.min(w - 1, x + f[i]));
                double sy = Math.max(0, Math.min(h - 1, y + f[n + i]));
                int x0 = Math.min((int) sx, w - 2 < 0 ? 0 : w - 2);
                int y0 = Math.min((int) sy, h - 2 < 0 ? 0 : h - 2);
                int x1 = Math.min(x0 + 1, w - 1);
                int y1 = Math.min(y0 + 1, h - 1);
                double fx = sx - x0;
                double fy = sy - y0;
                for (int c = 0; c < ch; c++) {
                    int o = c * n;
                    double top = src[o + y0 * w + x0] * (1 - fx) + src[o + y0 * w + x1] * fx;
                    double bot = src[o + y1 * w + x0] * (1 - fx) + src[o + y1 * w + x1] * fx;
                    out[o + i] = (float) (top * (1 - fy) + bot * fy);
                }
            }
        }
        return FloatImage.wrap(w, h, ch, out);
    }

    static void checkFlow(FloatImage image, FloatImage flow) {
        if (flow.channels() != 2) {
            throw new IllegalArgumentException("flow must have 2 channels (dx, dy), got " + flow.channels());
        }
        if (!image.sameSize(flow)) {
            throw new IllegalArgumentException("flow " + flow + " does not match image " + image);
        }
    }
}
