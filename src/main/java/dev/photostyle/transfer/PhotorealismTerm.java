package dev.photostyle.transfer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.photostyle.matting.laplacian.MattingLaplacian;
import dev.photostyle.matting.laplacian.StencilLaplacian;

/**
 * The photorealism term of Deep Photo Style Transfer (Luan et al. 2017, Eq. 2),
 * {@code λ Σ_c x'_cᵀ L x'_c / N}, with L the matting Laplacian of the content (Levin et al. 2008)
 * and N its pixel count. L is built once per content as a float32 {@link StencilLaplacian}, and the
 * gradient {@code 2 λ L x' / N} comes in closed form, so an evaluation costs one stencil product
 * and autograd never records the Laplacian.
 *
 * <p>Example: {@code try (PhotorealismTerm p = new PhotorealismTerm(MattingLaplacian.DEFAULT, content, 1e4))
 * { NDArray v = p.compute(x.clip(0f, 1f)); }}
 */
final class PhotorealismTerm implements ImageTerm, AutoCloseable {
    private final StencilLaplacian laplacian;
    private final double scale;

    /**
     * @param laplacian the Laplacian's parameters
     * @param content   the guide (1, 3, H, W), colours in [0, 1]
     * @param weight    λ >= 0
     */
    PhotorealismTerm(MattingLaplacian laplacian, NDArray content, double weight) {
        if (!(weight >= 0)) throw new IllegalArgumentException("photorealism weight must be >= 0, got " + weight);
        this.laplacian = StencilLaplacian.of(laplacian, content, DataType.FLOAT32);
        this.scale = weight / (content.getShape().get(2) * content.getShape().get(3));
    }

    @Override
    public String name() {
        return "photorealism";
    }

    /** λ/N Σ_c seen_cᵀ L seen_c: a float64 scalar on the graph of {@code seen} (1, 3, H, W). */
    @Override
    public NDArray compute(NDArray seen) {
        return dev.photostyle.engine.Tensors.scale(laplacian.energy(seen), scale);
    }

    @Override
    public void close() {
        laplacian.close();
    }
}
