package dev.photostyle.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.photostyle.io.AtomicOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The metrics of one (content, style, result) triple, as computed by {@link Evaluator}; written to
 * and read from JSON with snake_case keys. Which direction is better per number: see {@link Metric}.
 *
 * <p>Example: {@code result.withStyleDistance(gram).writeJson(dir.resolve("metrics.json"));}
 *
 * @param ssim mean SSIM of result vs content luma, whole image (higher is better, 1 = identical)
 * @param edgeSsim mean SSIM of the Sobel edge maps of result and content (higher is better)
 * @param styleDistance VGG Gram-matrix style distance to the style image; null until an engine-side
 *     component fills it in with {@link #withStyleDistance}
 * @param colourDistance Lab 2-Wasserstein distance of the result's colours to the style's: the
 *     pixel-weighted mean over matched regions when masks are given, else whole image vs whole image
 * @param photorealism mean {@link AffineResidual} of result vs content (lower is more photorealistic)
 * @param spuriousEdges {@link SpuriousEdges} energy, pixel-weighted mean over matched regions (the whole
 *     image without masks); null when no region is wide enough to measure
 * @param regionConsistency {@link RegionConsistency} residual, pixel-weighted mean over matched regions
 *     (the whole image without masks); null when there is no matched region
 * @param leakageMean mean {@link Leakage} over protected pixels, 8-bit levels; null if none protected
 * @param leakageMax max {@link Leakage} over protected pixels, 8-bit levels; null if none protected
 * @param protectedPixels number of protected pixels
 * @param width evaluated width (the content's)
 * @param height evaluated height (the content's)
 * @param resultWidth the result's width as given
 * @param resultHeight the result's height as given
 * @param resampled whether the result was resampled to the content size before measuring
 * @param regions one entry per content label when masks were given, else empty
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EvalResult(
        @JsonProperty("ssim") double ssim,
        @JsonProperty("edge_ssim") double edgeSsim,
        @JsonProperty("style_distance") Double styleDistance,
        @JsonProperty("colour_distance") double colourDistance,
        @JsonProperty("photorealism") double photorealism,
        @JsonProperty("spurious_edges") Double spuriousEdges,
        @JsonProperty("region_consistency") Double regionConsistency,
        @JsonProperty("leakage_mean") Double leakageMean,
        @JsonProperty("leakage_max") Integer leakageMax,
        @JsonProperty("protected_pixels") long protectedPixels,
        @JsonProperty("width") int width,
        @JsonProperty("height") int height,
        @JsonProperty("result_width") int resultWidth,
        @JsonProperty("result_height") int resultHeight,
        @JsonProperty("resampled") boolean resampled,
        @JsonProperty("regions") List<Region> regions) {

    public EvalResult {
        regions = regions == null ? List.of() : List.copyOf(regions);
    }

    /**
     * Metrics of one content region.
     *
     * @param label the content label
     * @param name its display name
     * @param status "matched" (the style has this label) or "orphan" (it does not)
     * @param contentPixels pixels of the region in the content (at the evaluated size)
     * @param stylePixels pixels of the label in the style (0 for an orphan)
     * @param colourDistance Lab W2 distance of the result region to the style region; null for an orphan
     * @param contentColourDistance the same for the content (the distance before transfer); null for an orphan
     * @param ssim mean SSIM over the region
     * @param edgeSsim mean edge SSIM over the region
     * @param photorealism mean affine residual over the region
     * @param spuriousEdges {@link SpuriousEdges} energy of the region; null for an orphan or a region too thin to measure
     * @param regionConsistency {@link RegionConsistency} residual of the region; null for an orphan
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Region(
            @JsonProperty("label") int label,
            @JsonProperty("name") String name,
            @JsonProperty("status") String status,
            @JsonProperty("content_pixels") long contentPixels,
            @JsonProperty("style_pixels") long stylePixels,
            @JsonProperty("colour_distance") Double colourDistance,
            @JsonProperty("content_colour_distance") Double contentColourDistance,
            @JsonProperty("ssim") double ssim,
            @JsonProperty("edge_ssim") double edgeSsim,
            @JsonProperty("photorealism") double photorealism,
            @JsonProperty("spurious_edges") Double spuriousEdges,
            @JsonProperty("region_consistency") Double regionConsistency) {
        public static final String MATCHED = "matched";
        public static final String ORPHAN = "orphan";
    }

    /** This result with {@code styleDistance} set (e.g. the VGG Gram distance computed elsewhere). */
    public EvalResult withStyleDistance(Double styleDistance) {
        return new EvalResult(ssim, edgeSsim, styleDistance, colourDistance, photorealism, spuriousEdges, regionConsistency,
                leakageMean, leakageMax,
                protectedPixels, width, height, resultWidth, resultHeight, resampled, regions);
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Pretty-printed JSON. */
    public String toJson() {
        try {
            return mapper().writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses JSON written by {@link #toJson} (unknown keys are ignored). */
    public static EvalResult fromJson(String json) throws IOException {
        return mapper().readValue(json, EvalResult.class);
    }

    /** Writes {@link #toJson} to {@code path} atomically. */
    public void writeJson(Path path) throws IOException {
        AtomicOutput.writeString(path, toJson() + "\n");
    }

    /** Reads a file written by {@link #writeJson}. */
    public static EvalResult readJson(Path path) throws IOException {
        return fromJson(Files.readString(path));
    }
}
