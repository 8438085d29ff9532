package dev.photostyle.loss;

import ai.djl.ndarray.NDArray;

/**
 * Content loss of Gatys et al. 2016 (Eq. 1), normalised by the target's energy so that its size
 * does not depend on the network's feature scale:
 *
 * <pre>  L = ||F - P||^2 / ||P||^2</pre>
 *
 * where F are the current features and P the content's, both (1, C, H, W). A value of 1 means
 * the features differ from the target as much as the target differs from zero.
 *
 * <pre>{@code
 * ContentLoss loss = new ContentLoss(contentFeatures);   // kept by the caller's target manager
 * NDArray value = loss.compute(currentFeatures);          // scalar, differentiable
 * }</pre>
 */
public final class ContentLoss {
    private final NDArray target;
    private final double energy;
    private final NDArray energyArray; // the divisor as a field: DJL's div(Number) frees its scalar before backward

    /** @param target content features (1, C, H, W); not copied, the caller keeps it alive */
    public ContentLoss(NDArray target) {
        if (target.getShape().dimension() != 4) {
            throw new IllegalArgumentException("content target must be (1,C,H,W), got " + target.getShape());
        }
        this.target = target;
        this.energy = Math.max(target.square().sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false)
                .toDoubleArray()[0], 1e-12);
        this.energyArray = target.getManager().create(energy);
    }

    /** The loss for {@code features} (same shape as the target); a scalar on features' manager. */
    public NDArray compute(NDArray features) {
        if (!features.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("content features " + features.getShape()
                    + " do not match the target " + target.getShape());
        }
        return features.sub(target).square().sum().div(energyArray);
    }
}
