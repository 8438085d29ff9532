package dev.photostyle.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.photostyle.engine.Tensors;
import dev.photostyle.features.Vgg19;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.features.VggWeights;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.loss.MaskedGramStyleLoss;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.mask.LayerMasks;
import dev.photostyle.mask.MaskPropagation;
import dev.photostyle.mask.RegionMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How far a result's style is from the style image, in the terms of the style loss of Deep Photo
 * Style Transfer (Luan et al. 2017, Eq. 3) and Gatys et al. 2016: for every region present in both
 * masks and every layer, the relative error {@code ||G_result - G_style||² / ||G_style||²} of the
 * area-normalised masked Gram matrices ({@link MaskedGramStyleLoss#gram}), averaged over all
 * (region, layer) terms. Masks reach each layer by {@link MaskPropagation}, exactly as in the
 * transfer, so a result that minimised the style loss scores low here. Unweighted by area, so a
 * small region counts as much as the sky; scale-free, so any weight file gives comparable numbers.
 *
 * <p>Example:
 * <pre>{@code
 * StyleDistance d = new GramStyleDistance(vgg).measure(result, resultMask, style, styleMask);
 * }</pre>
 */
public final class GramStyleDistance {

    /** Below this fraction of a layer a propagated region is treated as gone (its Gram is noise). */
    private static final double MIN_AREA = 1e-4;

    private final VggFeatureExtractor vgg;
    private final List<String> layers;

    /**
     * Measures with {@code vgg} at every style layer its weights have ({@link #defaultLayers}): all of
     * relu1_1 ... relu5_1 with full VGG19 weights, relu1_1 ... relu3_1 with weights that stop at conv3_1.
     */
    public GramStyleDistance(VggFeatureExtractor vgg) {
        this(vgg, defaultLayers(Objects.requireNonNull(vgg, "vgg").weights()));
    }

    /** Measures with {@code vgg} at {@code layers} (each must be available in its weights). */
    public GramStyleDistance(VggFeatureExtractor vgg, List<String> layers) {
        this.vgg = Objects.requireNonNull(vgg, "vgg");
        if (layers.isEmpty()) throw new IllegalArgumentException("style distance needs at least one layer");
        vgg.weights().requireLayers(layers);
        this.layers = List.copyOf(layers);
    }

    /** The style layers ({@link Vgg19#STYLE_LAYERS}, relu1_1 ... relu5_1) that {@code weights} can compute, in order. */
    public static List<String> defaultLayers(VggWeights weights) {
        return weights.available(Vgg19.STYLE_LAYERS);
    }

    /** The layers measured. */
    public List<String> layers() { return layers; }

    /**
     * The distance of {@code result} to {@code style}.
     *
     * @param result RGB in [0, 1], any size
     * @param resultMask its regions (resized nearest to the result if needed), or null for one region
     * @param style RGB in [0, 1], any size
     * @param styleMask its regions, or null; give both masks or neither
     */
    public StyleDistance measure(FloatImage result, LabelMap resultMask, FloatImage style, LabelMap styleMask) {
        if ((resultMask == null) != (styleMask == null)) throw new IllegalArgumentException("give both masks or neither");
        FloatImage r = result.rgb();
        FloatImage s = style.rgb();
        LabelMap rm = resultMask == null ? LabelMap.uniform(r.width(), r.height(), 0, "all")
                : resultMask.resizeNearest(r.width(), r.height());
        LabelMap sm = styleMask == null ? LabelMap.uniform(s.width(), s.height(), 0, "all")
                : styleMask.resizeNearest(s.width(), s.height());
        List<Integer> labels = List.copyOf(RegionMatch.of(rm, sm, Set.of()).matched());
        List<StyleDistance.Term> terms = new ArrayList<>();
        if (labels.isEmpty()) return new StyleDistance(Double.NaN, layers, terms);
        try (NDManager m = NDManager.newBaseManager(vgg.device())) {
            Map<String, float[]> gr = grams(r, rm, labels, m);
            Map<String, float[]> gs = grams(s, sm, labels, m);
            Map<String, LayerMasks> rAt = propagate(rm, labels);
            Map<String, LayerMasks> sAt = propagate(sm, labels);
            int k = labels.size();
            for (String layer : layers) {
                float[] a = gr.get(layer), b = gs.get(layer);
                int c2 = a.length / k;
                for (int i = 0; i < k; i++) {
                    if (rAt.get(layer).mean(i) < MIN_AREA || sAt.get(layer).mean(i) < MIN_AREA) continue;
                    terms.add(new StyleDistance.Term(labels.get(i), rm.name(labels.get(i)), layer,
                            relativeError(a, b, i * c2, c2)));
                }
            }
        }
        double sum = 0;
        for (StyleDistance.Term t : terms) sum += t.relativeError();
        return new StyleDistance(terms.isEmpty() ? Double.NaN : sum / terms.size(), layers, terms);
    }

    /**
     * {@code ||g - t||² / ||t||²} over {@code g[from .. from+len)} and {@code t[from .. from+len)},
     * in double precision; 0 when both are zero.
     */
    public static double relativeError(float[] g, float[] t, int from, int len) {
        double num = 0, den = 0;
        for (int i = from; i < from + len; i++) {
            double d = (double) g[i] - t[i];
            num += d * d;
            den += (double) t[i] * t[i];
        }
        if (den == 0) return num == 0 ? 0 : Double.POSITIVE_INFINITY;
        return num / den;
    }

    private Map<String, LayerMasks> propagate(LabelMap m, List<Integer> labels) {
        float[][] planes = new float[labels.size()][];
        for (int k = 0; k < planes.length; k++) planes[k] = m.mask(labels.get(k));
        return MaskPropagation.propagate(planes, m.width(), m.height(), layers);
    }

    /** Layer -> (K, C, C) masked Grams, flattened. */
    private Map<String, float[]> grams(FloatImage img, LabelMap mask, List<Integer> labels, NDManager m) {
        Map<String, LayerMasks> masks = propagate(mask, labels);
        Map<String, float[]> out = new java.util.LinkedHashMap<>();
        try (NDManager sub = m.newSubManager()) {
            Map<String, NDArray> f = vgg.extract(Tensors.toTensor(img, sub), layers);
            for (String layer : layers) {
                LayerMasks lm = masks.get(layer);
                out.put(layer, MaskedGramStyleLoss.gram(f.get(layer), lm).toType(DataType.FLOAT32, false).toFloatArray());
            }
        }
        return out;
    }
}
