package dev.photostyle.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.photostyle.engine.Tensors;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.matting.laplacian.MattingLaplacian;

/**
 * The photorealism energy of Deep Photo Style Transfer (Luan et al. 2017, Eq. 2) as a metric:
 * {@code Σ_c V_cᵀ L V_c / N}, with L the matting Laplacian of the content (Levin et al. 2008) and N
 * the pixel count. It is the same quantity the transfer's photorealism term minimises (before its
 * weight λ), so a report's {@code photorealism} term divided by λ and this metric agree. Zero for a
 * result that is, in every window, an affine function of the content's colours.
 *
 * <p>It equals about {@code 3 |w|} times {@link AffineResidual}'s mean (both sum the same per-window
 * affine-fit residuals; they differ only at the border and in the ridge term).
 *
 * <p>Example: {@code double e = LaplacianEnergy.DEFAULT.perPixel(content, result);}
 *
 * @param laplacian the Laplacian's parameters (default: the paper's eps 1e-7, 3x3 windows)
 */
public record LaplacianEnergy(MattingLaplacian laplacian) {
    /** The paper's Laplacian. */
    public static final LaplacianEnergy DEFAULT = new LaplacianEnergy(MattingLaplacian.DEFAULT);

    /**
     * {@code Σ_c V_cᵀ L V_c / N} of {@code result} given {@code content} (same size, RGB in [0, 1];
     * alpha ignored), computed on the engine's default device.
     */
    public double perPixel(FloatImage content, FloatImage result) {
        if (!content.sameSize(result)) {
            throw new IllegalArgumentException("Laplacian energy needs equal sizes, got " + content + " and " + result);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray guide = Tensors.toTensor(content.rgb(), m);
            NDArray v = Tensors.toTensor(result.rgb(), m);
            return Tensors.scalar(laplacian.energy(guide, v)) / content.pixels();
        }
    }
}
