/**
 * Photorealism building blocks for Deep Photo Style Transfer (Luan et al. 2017), one concept per
 * subpackage and one algorithm per file:
 *
 * <ul>
 *   <li>{@link dev.photostyle.matting.filter} &ndash; O(N) box filter and the guided filter (He et al.);
 *   <li>{@link dev.photostyle.matting.laplacian} &ndash; the matting Laplacian of Levin et al., matrix-free
 *       and as a precomputed per-pixel stencil;
 *   <li>{@link dev.photostyle.matting.affine} &ndash; DPST's "best local affine" post-step;
 *   <li>{@link dev.photostyle.matting.upsample} &ndash; guided upsampling of a working-size result to full size.
 * </ul>
 *
 * <p>Engine operations take and return DJL {@code NDArray}s of shape (1, C, H, W) and are built from
 * differentiable tensor ops only, so they run on whatever device the inputs live on. Temporaries are
 * released through {@link dev.photostyle.engine.TensorScope}; results belong to the manager of the
 * first tensor argument unless a method says otherwise.
 */
package dev.photostyle.matting;
