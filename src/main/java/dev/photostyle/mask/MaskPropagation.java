package dev.photostyle.mask;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Carries region masks from the image down to every VGG layer exactly as Deep Photo Style Transfer
 * does ({@code neuralstyle_seg.lua}): after each convolution the masks are averaged over 3x3 with
 * zero padding, dividing by 9 everywhere ({@code nn.SpatialAveragePooling(3,3,1,1,1,1)}), which
 * softens region borders the way a 3x3 receptive field mixes them; at each pooling layer they are
 * rescaled to half size, rounded up, with Torch7's {@code image.scale(mask, w, h, 'bilinear')}
 * ({@code torch/image}, {@code generic/image.c}, {@code scaleLinear_rowcol}), which when shrinking
 * averages the source pixels each destination pixel covers, with fractional weights at its ends
 * (not a corner-aligned interpolation), and cropped to the feature map when PyTorch's floor-mode
 * pooling makes that one pixel smaller.
 */
public final class MaskPropagation {
    private MaskPropagation() {}

    /**
     * Masks at every layer in {@code layers}.
     *
     * @param planes region masks at image resolution, {@code planes[k][y * width + x]}
     * @param width  image width
     * @param height image height
     * @param layers VGG19 layer names ({@link Vgg19Geometry})
     */
    public static Map<String, LayerMasks> propagate(float[][] planes, int width, int height, Collection<String> layers) {
        Set<String> wanted = new TreeSet<>(layers);
        int deepest = -1;
        for (String l : layers) deepest = Math.max(deepest, Vgg19Geometry.position(l));
        Map<String, LayerMasks> out = new LinkedHashMap<>();
        float[][] cur = new float[planes.length][];
        for (int k = 0; k < planes.length; k++) cur[k] = planes[k].clone();
        int w = width;
        int h = height;
        for (Vgg19Geometry.Layer layer : Vgg19Geometry.layers().subList(0, deepest + 1)) {
            switch (layer.kind()) {
                case CONV -> {
                    for (int k = 0; k < cur.length; k++) cur[k] = average3x3(cur[k], w, h);
                }
                case POOL -> {
                    int sw = (w + 1) / 2;
                    int sh = (h + 1) / 2;
                    int fw = w / 2;
                    int fh = h / 2;
                    for (int k = 0; k < cur.length; k++) {
                        cur[k] = crop(torchScale(cur[k], w, h, sw, sh), sw, fw, fh);
                    }
                    w = fw;
                    h = fh;
                }
                case RELU -> { }
            }
            if (wanted.contains(layer.name())) {
                float[][] copy = new float[cur.length][];
                for (int k = 0; k < cur.length; k++) copy[k] = cur[k].clone();
                out.put(layer.name(), new LayerMasks(w, h, copy));
            }
        }
        return out;
    }

    /** 3x3 mean with zero padding, always divided by 9 (count_include_pad). */
    static float[] average3x3(float[] m, int w, int h) {
        float[] out = new float[m.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    int yy = y + dy;
                    if (yy < 0 || yy >= h) continue;
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        if (xx >= 0 && xx < w) s += m[yy * w + xx];
                    }
                }
                out[y * w + x] = s / 9f;
            }
        }
        return out;
    }

    /**
     * Torch7's {@code image.scale(src, ow, oh, 'bilinear')}: separable, along each axis
     * {@code scaleLinear_rowcol}: growing, corner-aligned linear interpolation; shrinking, the mean
     * of the source pixels under each destination pixel ({@code scale = src/dst} source pixels per
     * destination pixel, partial pixels weighted by the part covered).
     */
    static float[] torchScale(float[] m, int w, int h, int ow, int oh) {
        float[] rows = new float[ow * h];
        float[] line = new float[Math.max(w, h)];
        float[] res = new float[Math.max(ow, oh)];
        for (int y = 0; y < h; y++) {
            System.arraycopy(m, y * w, line, 0, w);
            rowcol(line, w, res, ow);
            System.arraycopy(res, 0, rows, y * ow, ow);
        }
        float[] out = new float[ow * oh];
        for (int x = 0; x < ow; x++) {
            for (int y = 0; y < h; y++) line[y] = rows[y * ow + x];
            rowcol(line, h, res, oh);
            for (int y = 0; y < oh; y++) out[y * ow + x] = res[y];
        }
        return out;
    }

    /** One line of {@link #torchScale}: {@code src[0..n)} into {@code dst[0..m)}. */
    static void rowcol(float[] src, int n, float[] dst, int m) {
        if (m == n) {
            System.arraycopy(src, 0, dst, 0, n);
        } else if (m > n) {
            double scale = m > 1 ? (double) (n - 1) / (m - 1) : 0;
            for (int d = 0; d < m - 1; d++) {
                double f = d * scale;
                int i = (int) f;
                f -= i;
                dst[d] = n == 1 ? src[0] : (float) ((1 - f) * src[i] + f * src[Math.min(i + 1, n - 1)]);
            }
            dst[m - 1] = src[n - 1];
        } else {
            double scale = (double) n / m;
            int i0 = 0;
            double f0 = 0;
            for (int d = 0; d < m; d++) {
                double e = (d + 1) * scale;
                int i1 = (int) e;
                double f1 = e - i1;
                double acc = (1 - f0) * src[i0];
                double cnt = 1 - f0;
                for (int i = i0 + 1; i < i1; i++) {
                    acc += src[i];
                    cnt += 1;
                }
                if (i1 < n) {
                    acc += f1 * src[i1];
                    cnt += f1;
                }
                dst[d] = (float) (acc / cnt);
                i0 = i1;
                f0 = f1;
            }
        }
    }

    private static float[] crop(float[] m, int w, int cw, int ch) {
        if (cw == w && m.length == cw * ch) return m;
        float[] out = new float[cw * ch];
        for (int y = 0; y < ch; y++) System.arraycopy(m, y * w, out, y * cw, cw);
        return out;
    }
}
