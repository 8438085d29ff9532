package dev.photostyle.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.mask.LayerMasks;

/**
 * The augmented (masked) style loss of Luan et al. 2017 (Eq. 3) at one layer, with the reference
 * code's normalisation by mask area, made independent of the network's scale.
 *
 * <p>For each region k with content mask M_k and style mask S_k at this layer:
 * <pre>
 *   G_k = (F ∘ M_k)(F ∘ M_k)^T / (C·H·W·mean(M_k))        (C x C, from the current features F)
 *   T_k = (F_s ∘ S_k)(F_s ∘ S_k)^T / (C·H_s·W_s·mean(S_k))  (the style target)
 *   L   = Σ_k mean(M_k) · ||G_k − T_k||² / ||T_k||²
 * </pre>
 * The paper divides by C² (mean squared error); we divide by the target's energy instead, so the
 * loss is the relative Gram error whatever the weights' scale (the normalised VGG's features are
 * about 1000x smaller than Caffe's). A region whose content mask vanished at this layer
 * contributes nothing.
 *
 * <p>Shapes: features (1, C, H, W); masks as {@link LayerMasks} with K planes of H x W.
 *
 * <pre>{@code
 * MaskedGramStyleLoss loss = new MaskedGramStyleLoss(styleFeatures, styleMasks, contentMasks, targets);
 * NDArray value = loss.compute(features);
 * }</pre>
 */
public final class MaskedGramStyleLoss {
    private final RegionGram contentGram;
    private final NDArray targets;      // (K, C, C)
    private final NDArray weights;      // (K) mean(M_k) / ||T_k||^2, made once: not a host copy per evaluation
    private final int regions;

    /**
     * @param styleFeatures (1, C, Hs, Ws) style activations at this layer
     * @param styleMasks    K style-region planes at this layer (Hs x Ws)
     * @param contentMasks  K content-region planes at this layer, paired by index with styleMasks
     * @param manager       where the targets live (a manager for targets, not the base manager)
     */
    public MaskedGramStyleLoss(NDArray styleFeatures, LayerMasks styleMasks, LayerMasks contentMasks,
            NDManager manager) {
        Shape s = styleFeatures.getShape();
        if (s.dimension() != 4 || s.get(0) != 1) {
            throw new IllegalArgumentException("style features must be (1,C,H,W), got " + s);
        }
        if (s.get(2) != styleMasks.height() || s.get(3) != styleMasks.width()) {
            throw new IllegalArgumentException("style masks " + styleMasks.width() + "x" + styleMasks.height()
                    + " do not match style features " + s);
        }
        if (styleMasks.planes().length != contentMasks.planes().length) {
            throw new IllegalArgumentException("style and content masks must have the same number of regions");
        }
        this.regions = contentMasks.planes().length;
        try (NDManager tmp = manager.newSubManager()) {
            this.targets = RegionGram.of(styleMasks, s.get(1), tmp)
                    .compute(styleFeatures.toDevice(manager.getDevice(), false)).stopGradient();
            this.targets.attach(manager);
        }
        this.contentGram = RegionGram.of(contentMasks, s.get(1), manager);
        float[] w = new float[regions];
        double[] t = targets.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
        int c2 = t.length / regions;
        for (int k = 0; k < regions; k++) {
            double e = 0;
            for (int i = k * c2; i < (k + 1) * c2; i++) e += t[i] * t[i];
            w[k] = (float) contentMasks.mean(k) / (float) Math.max(e, 1e-30);
        }
        this.weights = manager.create(w);
    }

    /**
     * Area-normalised masked Gram matrices: for features (1, C, H, W) and K masks of H x W,
     * returns (K, C, C) with {@code G_k = (F∘M_k)(F∘M_k)^T / (C·H·W·mean(M_k))}; an empty mask
     * gives a zero matrix. See {@link RegionGram}; for repeated use, keep a {@link RegionGram}.
     */
    public static NDArray gram(NDArray features, LayerMasks masks) {
        try (NDManager tmp = features.getManager().newSubManager()) {
            return tmp.ret(RegionGram.of(masks, features.getShape().get(1), tmp).compute(features));
        }
    }

    /** The loss for current features (1, C, H, W); a scalar on the features' manager. */
    public NDArray compute(NDArray features) {
        NDArray g = contentGram.compute(features);
        NDArray perRegion = g.sub(targets).square().reshape(regions, -1).sum(new int[] {1}); // (K)
        return perRegion.mul(weights).sum();
    }

    /** The (K, C, C) style targets. */
    public NDArray targets() { return targets; }

    /** Number of regions. */
    public int regions() { return regions; }
}
