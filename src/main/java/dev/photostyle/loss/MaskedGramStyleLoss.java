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
    private final NDArray contentMasks; // (K, 1, H, W)
    private final NDArray targets;      // (K, C, C)
    private final float[] areas;        // mean(M_k)
    private final float[] targetEnergy; // ||T_k||^2
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
        NDArray sm = manager.create(styleMasks.flatten(),
                new Shape(regions, 1, styleMasks.height(), styleMasks.width()));
        this.targets = gram(styleFeatures.toDevice(manager.getDevice(), false), sm);
        this.targets.attach(manager);
        sm.close();
        this.contentMasks = manager.create(contentMasks.flatten(),
                new Shape(regions, 1, contentMasks.height(), contentMasks.width()));
        this.areas = new float[regions];
        this.targetEnergy = new float[regions];
        double[] t = targets.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
        int c2 = t.length / Math.max(regions, 1);
        for (int k = 0; k < regions; k++) {
            areas[k] = (float) contentMasks.mean(k);
            double e = 0;
            for (int i = k * c2; i < (k + 1) * c2; i++) e += t[i] * t[i];
            targetEnergy[k] = (float) Math.max(e, 1e-30);
        }
    }

    /**
     * Area-normalised masked Gram matrices: for features (1, C, H, W) and masks (K, 1, H, W),
     * returns (K, C, C) with {@code G_k = (F∘M_k)(F∘M_k)^T / (C·H·W·mean(M_k))}; an empty mask
     * gives a zero matrix.
     */
    public static NDArray gram(NDArray features, NDArray masks) {
        Shape s = features.getShape();
        long c = s.get(1);
        long hw = s.get(2) * s.get(3);
        long k = masks.getShape().get(0);
        NDArray masked = features.mul(masks).reshape(k, c, hw); // (K, C, HW)
        NDArray g = masked.batchMatMul(masked.transpose(0, 2, 1));
        NDArray area = masks.reshape(k, -1).mean(new int[] {1}).maximum(1e-8f).mul(c * hw).reshape(k, 1, 1);
        return g.div(area);
    }

    /** The loss for current features (1, C, H, W); a scalar on the features' manager. */
    public NDArray compute(NDArray features) {
        Shape s = features.getShape();
        if (s.get(2) != contentMasks.getShape().get(2) || s.get(3) != contentMasks.getShape().get(3)) {
            throw new IllegalArgumentException("features " + s + " do not match content masks "
                    + contentMasks.getShape());
        }
        NDArray g = gram(features, contentMasks);
        NDArray perRegion = g.sub(targets).square().reshape(regions, -1).sum(new int[] {1}); // (K)
        float[] w = new float[regions];
        for (int k = 0; k < regions; k++) w[k] = areas[k] / targetEnergy[k];
        NDArray weights = features.getManager().create(w);
        return perRegion.mul(weights).sum();
    }

    /** The (K, C, C) style targets. */
    public NDArray targets() { return targets; }

    /** Number of regions. */
    public int regions() { return regions; }
}
