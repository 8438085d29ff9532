package dev.photostyle.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A masked Gram-matrix style distance in VGG feature space, as measured by {@link GramStyleDistance}.
 *
 * @param mean the mean of {@code terms}' relative errors; NaN when there is no term (no matched
 *     region survives at any layer)
 * @param layers the VGG layers measured
 * @param terms one relative Gram error per matched region and layer
 */
public record StyleDistance(double mean, List<String> layers, List<Term> terms) {
    public StyleDistance {
        layers = List.copyOf(layers);
        terms = List.copyOf(terms);
    }

    /**
     * The relative Gram error of one region at one layer: {@code ||G_result - G_style||² / ||G_style||²}.
     *
     * @param label the region's label
     * @param name its display name
     * @param layer the VGG layer
     * @param relativeError the error (0 when the Gram matrices are equal)
     */
    public record Term(@JsonProperty("label") int label, @JsonProperty("name") String name,
            @JsonProperty("layer") String layer, @JsonProperty("relative_error") double relativeError) {}

    /** {@link #mean} as a nullable number (null instead of NaN), for {@link EvalResult#withStyleDistance}. */
    public Double meanOrNull() {
        return Double.isFinite(mean) ? mean : null;
    }
}
