/**
 * Image-quality metrics for style-transfer results, in plain Java on {@link
 * dev.photostyle.io.image.FloatImage} (RGB in [0, 1]) and {@link dev.photostyle.mask.LabelMap}: SSIM and
 * edge SSIM (structure kept), Lab colour statistics and their 2-Wasserstein distance (colour
 * transferred), leakage over protected pixels, an affine-fit residual (photorealism proxy), the
 * per-region defects of a region-wise recolouring ({@link dev.photostyle.metrics.SpuriousEdges}: new
 * edges inside a region; {@link dev.photostyle.metrics.RegionConsistency}: a region not recoloured as
 * one piece), region pairing (by {@link dev.photostyle.mask.RegionMatch}), and the {@link dev.photostyle.metrics.Evaluator}
 * that computes them all into an {@link dev.photostyle.metrics.EvalResult}. The one engine-side metric,
 * {@link dev.photostyle.metrics.GramStyleDistance} (VGG Gram matrices), is kept apart and combined with
 * the rest by {@link dev.photostyle.metrics.Evaluation}.
 *
 * <p>Planes are row-major {@code double[]} (or {@code float[]}) of {@code width * height} values,
 * pixel (x, y) at {@code y * width + x}, matching {@code LabelMap}'s pixel order.
 */
package dev.photostyle.metrics;
