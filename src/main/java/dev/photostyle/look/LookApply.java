package dev.photostyle.look;

import dev.photostyle.colour.ColourSettings;
import dev.photostyle.colour.ColourTransform;
import dev.photostyle.colour.PlateRoundTrip;
import dev.photostyle.grid.RegionWeights;
import dev.photostyle.io.image.DecodedImage;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.lut.LutBlend;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.mask.MaskFit;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A look applied to plates at their own size, on the colour path of every transfer: the plate
 * into network sRGB ({@link ColourSettings#forPlate}), seen clamped to [0, 1];
 * {@code x = seen + Σ_r w_r (LUT_r(seen) − seen)} ({@link LutBlend}) with soft mattes {@code w_r}
 * from the plate's mask ({@link RegionWeights#soft}, radius {@link Look#blendRadius}); back with
 * the round trip's rule ({@link PlateRoundTrip#merge}: values outside [0, 1] keep their excess);
 * and the plate's own values, exactly, at every pixel of no region.
 *
 * <p>Speed: the colour conversion, the LUTs and the way back run in one pass over the pixels, rows
 * in parallel, the conversions through tables ({@link ColourTransform#tabulated()}, within 1e-7
 * of the exact curves), and a pixel of no region is copied without being converted; the soft
 * mattes are kept for the next plate when its mask and size are the same (a shot with one matte
 * file computes them once), the tables while the plate format is the same.
 *
 * <pre>{@code
 * LookApply a = new LookApply(look, ColourSettings.defaults());
 * FloatImage out = a.apply(PlateIO.read(plate), MaskFiles.read(matte));
 * }</pre>
 */
public final class LookApply {
    /** Region code of a pixel of no region (copied as read). */
    private static final byte NONE = -1;
    /** Region code of a pixel where several regions, or one below weight 1, have weight. */
    private static final byte BLENDED = -2;
    private final Look look;
    private final ColourSettings colour;
    private LabelMap cachedMask;
    private int cachedWidth;
    private int cachedHeight;
    private float[][] cachedWeights;
    private byte[] cachedCode;
    private dev.photostyle.io.image.PlateFormat cachedFormat;
    private ColourTransform.Tabulated cachedCurves;

    public LookApply(Look look, ColourSettings colour) {
        this.look = Objects.requireNonNull(look, "look");
        this.colour = Objects.requireNonNull(colour, "colour");
    }

    /** One plate through a look (see the class comment). */
    public static FloatImage apply(Look look, DecodedImage plate, LabelMap mask, ColourSettings colour) {
        return new LookApply(look, colour).apply(plate, mask);
    }

    /**
     * @param mask the plate's mask (any size; fitted to the plate); null only for a look without masks
     * @return the plate's channels (alpha kept), its size, its encoding
     */
    public FloatImage apply(DecodedImage plate, LabelMap mask) {
        FloatImage img = plate.image();
        int w = img.width(), h = img.height(), n = img.pixels();
        if (look.masked() && mask == null) throw new IllegalArgumentException("this look was fitted with masks; give --content-mask");
        weights(look.masked() ? mask : null, w, h);
        byte[] code = cachedCode;
        LutBlend blend = new LutBlend(look.luts(), look.interpolation(), cachedWeights);
        PlateRoundTrip rt = colour.forPlate(plate.format());
        if (!plate.format().equals(cachedFormat)) {
            cachedCurves = rt.isIdentity() ? null : rt.transform().tabulated();
            cachedFormat = plate.format();
        }
        ColourTransform.Tabulated ct = cachedCurves;
        float[] in = img.toArray();
        float[] out = in.clone(); // alpha, and every pixel of no region, exactly as read
        IntStream.range(0, h).parallel().forEach(y -> {
            LutBlend.Kernel k = blend.kernel();
            float[] net = new float[3];
            double[] g = new double[3];
            for (int i = y * w, end = i + w; i < end; i++) {
                int r = code[i];
                if (r == NONE) continue;
                for (int c = 0; c < 3; c++) net[c] = ct == null ? in[c * n + i] : (float) ct.toNetwork().apply(in[c * n + i]);
                float r0 = clamp(net[0]), g0 = clamp(net[1]), b0 = clamp(net[2]);
                if (r == BLENDED) {
                    if (!k.blend(i, r0, g0, b0, g)) continue;
                } else {
                    k.single(r, r0, g0, b0, g); // one region at weight 1: no matte read
                }
                for (int c = 0; c < 3; c++) {
                    float graded = (float) g[c];
                    out[c * n + i] = ct == null ? graded : (float) ct.fromNetwork().apply(PlateRoundTrip.merge(graded, net[c]));
                }
            }
        });
        return FloatImage.wrap(w, h, img.channels(), out);
    }

    private static float clamp(float v) {
        return Math.max(0f, Math.min(1f, v));
    }

    /**
     * The soft mattes and each pixel's region code at the plate's size, from the cache when the mask
     * and size are the last plate's. The code ({@link #NONE}, a region index whose weight is 1, or
     * {@link #BLENDED}) lets the pass read one byte per pixel instead of every region's matte
     * where most pixels are inside one region.
     */
    private void weights(LabelMap mask, int w, int h) {
        if (cachedWeights != null && w == cachedWidth && h == cachedHeight && Objects.equals(mask, cachedMask)) return;
        int n = w * h;
        float[] free = new float[n];
        float[][] weights;
        if (mask != null) {
            LabelMap m = MaskFit.fit(mask, w, h, "content mask");
            List<Integer> labels = look.labels();
            int[] sorted = labels.stream().mapToInt(Integer::intValue).sorted().toArray();
            int[] l = m.toArray();
            for (int i = 0; i < n; i++) free[i] = Arrays.binarySearch(sorted, l[i]) >= 0 ? 1f : 0f;
            weights = RegionWeights.soft(m, labels, free, look.blendRadius(w, h));
        } else {
            Arrays.fill(free, 1f);
            weights = new float[][] {free};
        }
        if (weights.length > Byte.MAX_VALUE) throw new IllegalArgumentException("a look has at most " + Byte.MAX_VALUE + " regions");
        byte[] code = new byte[n];
        for (int i = 0; i < n; i++) {
            int sole = NONE, count = 0;
            boolean one = false;
            for (int r = 0; r < weights.length; r++) {
                if (weights[r][i] == 0f) continue;
                count++;
                sole = r;
                one = weights[r][i] == 1f;
            }
            code[i] = (byte) (free[i] == 0f || count == 0 ? NONE : count == 1 && one ? sole : BLENDED);
        }
        cachedMask = mask;
        cachedWidth = w;
        cachedHeight = h;
        cachedWeights = weights;
        cachedCode = code;
    }
}
