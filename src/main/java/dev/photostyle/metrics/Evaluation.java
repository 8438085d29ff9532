package dev.photostyle.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.photostyle.io.AtomicOutput;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.mask.LabelMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The full evaluation of one result: the image metrics of {@link Evaluator} plus, when a VGG is at
 * hand, the {@link GramStyleDistance} (filled into {@link EvalResult#styleDistance()}). The Gram
 * distance is measured like the other metrics, at the content's size: the result is resampled to
 * it and measured with the content mask.
 *
 * <p>Example: {@code Evaluation.of(content, style, result, cm, sm, gram).writeJson(out);}
 *
 * @param metrics the metrics, {@code style_distance} filled when {@code styleDistance} has terms
 * @param styleDistance the per-region Gram details, or null when no VGG was given
 * @param note why {@code style_distance} is null, or null
 * @param laplacianEnergy {@link LaplacianEnergy} of the result at the content's size
 */
public record Evaluation(EvalResult metrics, StyleDistance styleDistance, String note, double laplacianEnergy) {

    /** Evaluates; {@code gram} may be null (then {@code style_distance} stays null). */
    public static Evaluation of(FloatImage content, FloatImage style, FloatImage result, LabelMap contentMask,
            LabelMap styleMask, GramStyleDistance gram, String noteIfNoGram) {
        EvalResult m = Evaluator.builder(content, style, result).masks(contentMask, styleMask).build().evaluate();
        FloatImage res = result.sameSize(content) ? result.rgb() : Resampler.resize(result.rgb(), content.width(), content.height());
        double energy = LaplacianEnergy.DEFAULT.perPixel(content, res);
        if (gram == null) return new Evaluation(m, null, noteIfNoGram, energy);
        StyleDistance d = gram.measure(res, contentMask, style, styleMask);
        String note = d.meanOrNull() == null ? "no matched region large enough at the measured layers" : null;
        return new Evaluation(m.withStyleDistance(d.meanOrNull()), d, note, energy);
    }

    /**
     * The JSON tree: every key of {@link EvalResult} (top-level numbers and {@code regions}), then
     * {@code laplacian_energy}, {@code style_distance_layers}, {@code style_distance_terms} (per region and layer) and
     * {@code style_distance_note} when it is null for a reason.
     */
    public Map<String, Object> toMap() {
        ObjectMapper om = new ObjectMapper();
        @SuppressWarnings("unchecked")
        Map<String, Object> root = new LinkedHashMap<>(om.convertValue(metrics, Map.class));
        root.put("laplacian_energy", laplacianEnergy);
        if (styleDistance != null) {
            root.put("style_distance_layers", styleDistance.layers());
            root.put("style_distance_terms", styleDistance.terms());
        }
        if (note != null) root.put("style_distance_note", note);
        return root;
    }

    /** Pretty-printed {@link #toMap()}. */
    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toMap());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@link #toJson()} atomically. */
    public void writeJson(Path path) throws IOException {
        AtomicOutput.writeString(path, toJson() + "\n");
    }

    /** A few lines for a person: the headline numbers and the direction of each. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        for (Metric k : Metric.values()) {
            Double v = k.value(metrics);
            b.append(String.format(java.util.Locale.ROOT, "  %-26s %12s  (%s is better)%n", k.label(),
                    v == null ? "-" : String.format(java.util.Locale.ROOT, "%.5g", v), k.higherIsBetter() ? "higher" : "lower"));
        }
        b.append(String.format(java.util.Locale.ROOT, "  %-26s %12s  (lower is better)%n", "Laplacian energy VᵀLV/N",
                String.format(java.util.Locale.ROOT, "%.5g", laplacianEnergy)));
        if (note != null) b.append("  note: ").append(note).append('\n');
        return b.toString();
    }
}
