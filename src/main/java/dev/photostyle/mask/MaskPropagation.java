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
 * rescaled bilinearly ({@code image.scale}, corner-aligned) to half size, rounded up, and cropped
 * to the feature map when PyTorch's floor-mode pooling makes that one pixel smaller.
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
                        cur[k] = crop(scaleBilinearAligned(cur[k], w, h, sw, sh), sw, fw, fh);
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

    /** Bilinear resize with corner pixels aligned, as Torch7's {@code image.scale} does. */
    static float[] scaleBilinearAligned(float[] m, int w, int h, int ow, int oh) {
        float[] out = new float[ow * oh];
        double sx = ow > 1 ? (double) (w - 1) / (ow - 1) : 0;
        double sy = oh > 1 ? (double) (h - 1) / (oh - 1) : 0;
        for (int y = 0; y < oh; y++) {
            double fy = y * sy;
            int y0 = (int) Math.floor(fy);
            int y1 = Math.min(y0 + 1, h - 1);
            double ty = fy - y0;
            for (int x = 0; x < ow; x++) {
                double fx = x * sx;
                int x0 = (int) Math.floor(fx);
                int x1 = Math.min(x0 + 1, w - 1);
                double tx = fx - x0;
                double top = m[y0 * w + x0] * (1 - tx) + m[y0 * w + x1] * tx;
                double bottom = m[y1 * w + x0] * (1 - tx) + m[y1 * w + x1] * tx;
                out[y * ow + x] = (float) (top * (1 - ty) + bottom * ty);
            }
        }
        return out;
    }

    private static float[] crop(float[] m, int w, int cw, int ch) {
        if (cw == w && m.length == cw * ch) return m;
        float[] out = new float[cw * ch];
        for (int y = 0; y < ch; y++) System.arraycopy(m, y * w, out, y * cw, cw);
        return out;
    }
}
