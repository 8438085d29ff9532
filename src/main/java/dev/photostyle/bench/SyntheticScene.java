package dev.photostyle.bench;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.mask.LabelMap;

import java.util.Map;
import java.util.Random;

/**
 * A generated content/style pair with two-region masks (a "sky" above a "ground"), so a benchmark
 * exercises the masked path of the transfer without data files. Images are 4:3 landscape; content
 * is smooth gradients with texture, style is differently coloured noise-textured gradients.
 *
 * <p>Example: {@code SyntheticScene s = SyntheticScene.of(512, 0); s.content();}
 *
 * @param content the content, RGB in [0, 1]
 * @param style the style, RGB in [0, 1]
 * @param contentMask labels 0 (top 40 %) and 1 (the rest)
 * @param styleMask labels 0 (top half) and 1 (the rest)
 */
public record SyntheticScene(FloatImage content, FloatImage style, LabelMap contentMask, LabelMap styleMask) {

    /** A scene whose long side is {@code size} px. */
    public static SyntheticScene of(int size, long seed) {
        if (size < 16) throw new IllegalArgumentException("synthetic scene needs size >= 16, got " + size);
        int w = size, h = Math.max(12, size * 3 / 4);
        Random rnd = new Random(seed);
        return new SyntheticScene(image(w, h, rnd, new float[] {0.3f, 0.5f, 0.8f}, 0.02f),
                image(w, h, rnd, new float[] {0.9f, 0.5f, 0.2f}, 0.08f),
                split(w, h, 0.4), split(w, h, 0.5));
    }

    private static FloatImage image(int w, int h, Random rnd, float[] tint, float noise) {
        float[] d = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = tint[c] * (0.5 + 0.5 * y / h) + 0.15 * Math.sin(0.2 * x + 0.13 * y + c)
                            + noise * rnd.nextGaussian();
                    d[(c * h + y) * w + x] = (float) Math.max(0, Math.min(1, v));
                }
            }
        }
        return FloatImage.wrap(w, h, 3, d);
    }

    private static LabelMap split(int w, int h, double topFraction) {
        int[] l = new int[w * h];
        int edge = (int) Math.round(h * topFraction);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) l[y * w + x] = y < edge ? 0 : 1;
        return LabelMap.of(w, h, l, Map.of(0, "sky", 1, "ground"));
    }
}
