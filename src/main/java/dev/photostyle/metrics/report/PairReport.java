package dev.photostyle.metrics.report;

import dev.photostyle.metrics.EvalResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything the report shows for one (content, style) pair. Image paths may be absolute or
 * relative to the working directory; the report links them relative to its own folder.
 *
 * @param name pair name, e.g. "in1"
 * @param content content image (required)
 * @param style style image (required)
 * @param contentMask content segmentation image, or null
 * @param styleMask style segmentation image, or null
 * @param result our result (required)
 * @param reference the reference result (e.g. the paper's), or null
 * @param ours our metrics (required)
 * @param referenceMetrics the reference's metrics, or null
 * @param lossCurves our loss histories (may be empty)
 */
public record PairReport(String name, Path content, Path style, Path contentMask, Path styleMask, Path result,
                         Path reference, EvalResult ours, EvalResult referenceMetrics, List<LossCurve> lossCurves) {
    public PairReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(ours, "ours");
        lossCurves = lossCurves == null ? List.of() : List.copyOf(lossCurves);
    }
}
