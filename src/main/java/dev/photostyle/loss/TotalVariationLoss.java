package dev.photostyle.loss;

import ai.djl.ndarray.NDArray;

/**
 * Total variation (squared, anisotropic), a smoothness prior (Mahendran and Vedaldi 2015):
 *
 * <pre>  L = mean((x[i+1,j] − x[i,j])²) + mean((x[i,j+1] − x[i,j])²)</pre>
 *
 * over all channels of an image (N, C, H, W). Means, not sums, so the value does not grow with
 * the image size.
 */
public final class TotalVariationLoss {
    private TotalVariationLoss() {}

    /** The loss of {@code image} (N, C, H, W), H and W at least 2; a scalar. */
    public static NDArray compute(NDArray image) {
        if (image.getShape().dimension() != 4 || image.getShape().get(2) < 2 || image.getShape().get(3) < 2) {
            throw new IllegalArgumentException("total variation needs (N,C,H,W) with H,W >= 2, got "
                    + image.getShape());
        }
        NDArray dy = image.get(":, :, 1:, :").sub(image.get(":, :, :-1, :"));
        NDArray dx = image.get(":, :, :, 1:").sub(image.get(":, :, :, :-1"));
        return dy.square().mean().add(dx.square().mean());
    }
}
