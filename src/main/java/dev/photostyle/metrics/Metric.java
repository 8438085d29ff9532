package dev.photostyle.metrics;

import java.util.function.Function;

/**
 * The top-level numbers of an {@link EvalResult}, with the direction in which each is better, for
 * comparing two methods (e.g. ours vs the paper's reference result).
 *
 * <ul>
 *   <li>{@code ssim}, {@code edge_ssim}: higher is better (structure of the content kept).</li>
 *   <li>{@code style_distance}, {@code colour_distance}: lower is better (closer to the style).</li>
 *   <li>{@code photorealism}: lower is better (closer to a local affine colour map of the content).</li>
 *   <li>{@code spurious_edges}: lower is better (fewer edges inside regions that the content lacks).</li>
 *   <li>{@code region_consistency}: lower is better (each region recoloured as one piece).</li>
 *   <li>{@code leakage_mean}, {@code leakage_max}: lower is better (protected pixels kept).</li>
 * </ul>
 */
public enum Metric {
    SSIM("ssim", "SSIM", true, r -> r.ssim()),
    EDGE_SSIM("edge_ssim", "Edge SSIM", true, r -> r.edgeSsim()),
    STYLE_DISTANCE("style_distance", "Style distance", false, EvalResult::styleDistance),
    COLOUR_DISTANCE("colour_distance", "Colour distance (Lab W2)", false, r -> r.colourDistance()),
    PHOTOREALISM("photorealism", "Affine residual", false, r -> r.photorealism()),
    SPURIOUS_EDGES("spurious_edges", "Spurious edge energy", false, EvalResult::spuriousEdges),
    REGION_CONSISTENCY("region_consistency", "Region colour-map residual", false, EvalResult::regionConsistency),
    LEAKAGE_MEAN("leakage_mean", "Leakage mean (levels)", false, EvalResult::leakageMean),
    LEAKAGE_MAX("leakage_max", "Leakage max (levels)", false, r -> r.leakageMax() == null ? null : r.leakageMax().doubleValue());

    private final String key;
    private final String label;
    private final boolean higherIsBetter;
    private final Function<EvalResult, Double> getter;

    Metric(String key, String label, boolean higherIsBetter, Function<EvalResult, Double> getter) {
        this.key = key;
        this.label = label;
        this.higherIsBetter = higherIsBetter;
        this.getter = getter;
    }

    /** The JSON key. */
    public String key() { return key; }

    /** A human-readable name. */
    public String label() { return label; }

    public boolean higherIsBetter() { return higherIsBetter; }

    /** The value in {@code r}, or null if absent or not a finite number. */
    public Double value(EvalResult r) {
        if (r == null) return null;
        Double v = getter.apply(r);
        return v == null || !Double.isFinite(v) ? null : v;
    }

    /** Whether {@code a} is strictly better than {@code b} for this metric. */
    public boolean better(double a, double b) { return higherIsBetter ? a > b : a < b; }
}
