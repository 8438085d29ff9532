package dev.photostyle.look;

import dev.photostyle.colour.ColourSettings;
import dev.photostyle.colour.PlateRoundTrip;
import dev.photostyle.grid.RegionWeights;
import dev.photostyle.io.image.DecodedImage;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.lut.LutBlend;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.mask.MaskFit;
import dev.photostyle.pipeline.ProtectedPixels;

import java.util.Arrays;

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
        FloatImage graded = LutBlend.apply(net.rgb().clamp(0f, 1f), look.luts(), look.interpolation(), weights);
        FloatImage back = rt.fromNetwork(graded, net, img);
        return ProtectedPixels.restore(back, img, free);
    }
}
