package dev.photostyle.look;

import dev.photostyle.colour.ColourSettings;
import dev.photostyle.colour.PlateRoundTrip;
import dev.photostyle.grid.RegionWeights;
import dev.photostyle.io.image.DecodedImage;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.lut.Interpolation;
import dev.photostyle.lut.Lut3d;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.mask.MaskFit;
import dev.photostyle.pipeline.ProtectedPixels;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A look applied to one plate at the plate's own size, on the colour path of every transfer:
 * the plate into network sRGB ({@link ColourSettings#forPlate}), seen clamped to [0, 1];
 * {@code x = seen + Σ_r w_r (LUT_r(seen) − seen)} with soft mattes {@code w_r} from the plate's
 * mask ({@link RegionWeights#soft}, radius {@link Look#blendRadius}); back with
 * {@link PlateRoundTrip#fromNetwork} (so values outside [0, 1] keep their excess); and the plate's
 * own values, exactly, at every pixel of no region ({@link ProtectedPixels}).
 *
 * <pre>{@code FloatImage out = LookApply.apply(look, PlateIO.read(plate), MaskFiles.read(matte), ColourSettings.defaults());}</pre>
 */
public final class LookApply {
    private LookApply() {}

    /**
     * @param mask the plate's mask (any size; fitted to the plate); null only for a look without masks
     * @return the plate's channels (alpha kept), its size, its encoding
     */
    public static FloatImage apply(Look look, DecodedImage plate, LabelMap mask, ColourSettings colour) {
        FloatImage img = plate.image();
        int w = img.width(), h = img.height(), n = img.pixels();
        float[] free = new float[n];
        float[][] weights;
        if (look.masked()) {
            if (mask == null) throw new IllegalArgumentException("this look was fitted with masks; give --content-mask");
            LabelMap m = MaskFit.fit(mask, w, h, "content mask");
            java.util.Set<Integer> labels = new java.util.HashSet<>(look.labels());
            for (int i = 0; i < n; i++) free[i] = labels.contains(m.labelAt(i)) ? 1f : 0f;
            weights = RegionWeights.soft(m, look.labels(), free, look.blendRadius(w, h));
        } else {
            Arrays.fill(free, 1f);
            weights = new float[][] {free};
        }
        PlateRoundTrip rt = colour.forPlate(plate.format());
        FloatImage net = rt.forNetwork(img);
        float[] seen = net.rgb().clamp(0f, 1f).toArray();
        float[] graded = blend(seen, n, w, h, look.luts(), look.interpolation(), weights);
        FloatImage back = rt.fromNetwork(FloatImage.wrap(w, h, 3, graded), net, img);
        return ProtectedPixels.restore(back, img, free);
    }

    /**
     * {@code clamp(x + Σ_r w_r (LUT_r(x) − x), 0, 1)} per pixel of planar RGB {@code x} (rows in
     * parallel); a pixel of weight 0 everywhere is copied exactly.
     */
    static float[] blend(float[] x, int n, int w, int h, List<Lut3d> luts, Interpolation interp, float[][] weights) {
        float[] out = x.clone();
        IntStream.range(0, h).parallel().forEach(y -> {
            int[] idx = new int[8];
            double[] wt = new double[8];
            double[] o = new double[3];
            for (int i = y * w, end = i + w; i < end; i++) {
                double r = x[i], g = x[n + i], b = x[2 * n + i];
                double d0 = 0, d1 = 0, d2 = 0;
                boolean touched = false;
                for (int k = 0; k < luts.size(); k++) {
                    float wk = weights[k][i];
                    if (wk == 0f) continue;
                    luts.get(k).lookup(r, g, b, interp, idx, wt, o);
                    d0 += wk * (o[0] - r);
                    d1 += wk * (o[1] - g);
                    d2 += wk * (o[2] - b);
                    touched = true;
                }
                if (!touched) continue;
                out[i] = clamp(r + d0);
                out[n + i] = clamp(g + d1);
                out[2 * n + i] = clamp(b + d2);
            }
        });
        return out;
    }

    private static float clamp(double v) {
        return (float) Math.max(0, Math.min(1, v));
    }
}
