package dev.photostyle.transfer;

import dev.photostyle.optim.IterationRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON report of a transfer. Other tools read these names: {@code iterations} (every stage's
 * iterates in one continuous sequence: objects with {@code iteration}, {@code stage}, {@code total}
 * and one number per loss term), {@code stages} (each with its {@code name}, first and last
 * iteration, {@code best} and its own {@code iterations}), {@code best} ({@code iteration},
 * {@code total}, {@code stage}: the returned image's objective, that of the last stage: the full
 * objective), {@code config}, {@code timings}, {@code regions}.
 */
public final class TransferReport {
    private TransferReport() {}

    /** The report as nested maps and lists, ready for JSON. */
    public static Map<String, Object> toMap(TransferConfig cfg, TransferResult r, Map<String, Object> extra) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tool", "photostyle transfer");
        root.putAll(extra);
        root.put("config", config(cfg));
        List<Map<String, Object>> its = new ArrayList<>();
        List<Map<String, Object>> stages = new ArrayList<>();
        for (StageResult st : r.stages()) {
            List<Map<String, Object>> history = new ArrayList<>();
            for (IterationRecord rec : st.history()) {
                Map<String, Object> m = record(rec);
                history.add(m);
                Map<String, Object> all = new LinkedHashMap<>(m);
                all.put("stage", st.stage());
                its.add(all);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stage", st.stage());
            m.put("name", st.name());
            m.put("laplacian_weight", st.laplacianWeight());
            m.put("first_iteration", st.firstIteration());
            m.put("last_iteration", st.lastIteration());
            m.put("best", Map.of("iteration", st.bestIteration(), "total", st.bestValue()));
            m.put("stop_reason", st.stopReason() == null ? null : st.stopReason().name().toLowerCase(java.util.Locale.ROOT));
            m.put("iterations", history);
            stages.add(m);
        }
        root.put("iterations", its);
        root.put("stages", stages);
        Map<String, Object> best = new LinkedHashMap<>();
        best.put("iteration", r.bestIteration());
        best.put("total", r.bestValue());
        best.put("stage", r.stages().isEmpty() ? null : r.stages().get(r.stages().size() - 1).name());
        root.put("best", best);
        Map<String, Object> regions = new LinkedHashMap<>();
        regions.put("matched", names(r, r.match().matched()));
        regions.put("orphans", names(r, r.match().orphans()));
        regions.put("excluded", names(r, r.match().excluded()));
        regions.put("style_only", r.match().styleOnly());
        root.put("regions", regions);
        root.put("working_size", Map.of("width", r.image().width(), "height", r.image().height()));
        root.put("timings", r.timings());
        return root;
    }

    private static Map<String, Object> record(IterationRecord rec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iteration", rec.iteration());
        m.put("total", rec.value());
        m.putAll(rec.terms());
        m.put("evaluations", rec.evaluations());
        m.put("seconds", rec.seconds());
        return m;
    }

    private static List<String> names(TransferResult r, java.util.Set<Integer> labels) {
        return labels.stream().map(l -> r.contentMask().name(l)).toList();
    }

    private static Map<String, Object> config(TransferConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", c.size());
        m.put("content_layers", c.contentLayers());
        m.put("style_layers", c.styleLayers());
        m.put("content_weight", c.contentWeight());
        m.put("style_weight", c.styleWeight());
        m.put("tv_weight", c.tvWeight());
        m.put("range_weight", c.rangeWeight());
        m.put("iterations", c.iterations());
        m.put("optimizer", c.optimizer().name().toLowerCase(java.util.Locale.ROOT));
        if (c.optimizer() == TransferConfig.OptimizerKind.LBFGS) {
            m.put("history_size", c.lbfgs().historySize());
            m.put("line_search", c.lbfgs().lineSearch().name().toLowerCase(java.util.Locale.ROOT));
            m.put("learning_rate", c.lbfgs().learningRate());
            m.put("stop_window", c.lbfgs().convergenceWindow());
            m.put("stop_tolerance", c.lbfgs().convergenceTolerance());
        } else {
            m.put("learning_rate", c.adam().learningRate());
            m.put("stop_window", c.adam().convergenceWindow());
            m.put("stop_tolerance", c.adam().convergenceTolerance());
        }
        m.put("init", c.init().name().toLowerCase(java.util.Locale.ROOT));
        m.put("seed", c.seed());
        m.put("exclude_labels", c.excludeLabels());
        m.put("laplacian_weight", c.laplacianWeight());
        m.put("laplacian_epsilon", c.laplacian().epsilon());
        m.put("laplacian_radius", c.laplacian().radius());
        m.put("stages", c.stages());
        m.put("method", c.method().name().toLowerCase(java.util.Locale.ROOT));
        if (c.method() != TransferConfig.Method.PIXELS) {
            m.put("grid_size", c.grid().size().toString());
            m.put("grid_smoothness", c.grid().smoothnessWeight());
            m.put("grid_blend_radius", c.grid().blendRadius());
            m.put("levels", c.levelSizes());
        }
        if (c.method() == TransferConfig.Method.LUT) {
            m.put("lut_size", c.lut().size());
            m.put("lut_interpolation", c.lut().interpolation().name().toLowerCase(java.util.Locale.ROOT));
            m.put("lut_smoothness", c.lut().smoothness());
            m.put("lut_gain_weight", c.lut().gainWeight());
        }
        return m;
    }
}
