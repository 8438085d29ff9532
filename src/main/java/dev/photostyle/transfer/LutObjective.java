package dev.photostyle.transfer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.photostyle.engine.TensorScope;
import dev.photostyle.engine.Tensors;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.lut.LutConfig;
import dev.photostyle.lut.LutGain;
import dev.photostyle.lut.LutSlicer;
import dev.photostyle.lut.LutSmoothness;
import dev.photostyle.optim.DifferentiableFunction;
import dev.photostyle.optim.Evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The transfer objective as a function of per-region 3D LUTs (R, 3·n³), averaged over frames
 * (one for a transfer, the keyframes of a look): frame k's image is
 * {@code x_k = c_k + Σ_r w_{k,r} ∘ (LUT_r(c_k) − c_k)} ({@link LutSlicer}), scored by the same
 * {@link ImageLoss} as the pixel and grid methods, plus {@code w_s · LutSmoothness} (reported as
 * {@code "lut_smoothness"}) and {@code w_g · LutGain} ({@code "lut_gain"}). Pixels where no region has weight keep the content exactly.
 *
 * <pre>{@code
 * try (LutObjective f = new LutObjective(List.of(new LutObjective.Frame(prepared, weights, List.of())), vgg, cfg, limits)) {
 *     Evaluation e = f.evaluate(LutSlicer.tables(luts, root), root);
 * }
 * }</pre>
 */
public final class LutObjective implements DifferentiableFunction, AutoCloseable {
    /**
     * One frame at the working size.
     *
     * @param prepared   its targets (content, masks, style terms)
     * @param weights    one plane per LUT (region), the frame's working size, summing to at most 1
     * @param extraTerms further terms of this frame, each already weighted
     */
    public record Frame(PreparedTransfer prepared, float[][] weights, List<ImageTerm> extraTerms) {
        public Frame {
            Objects.requireNonNull(prepared, "prepared");
            extraTerms = List.copyOf(extraTerms);
        }
    }

    private final List<ImageLoss> losses = new ArrayList<>();
    private final List<LutSlicer> slicers = new ArrayList<>();
    private final LutConfig lut;
    private final float[] gainLimits;
    private final NDArray occupancy; // (R, (n−1)³) of the frames' pixels, for the gain limit; null when it is off

    /**
     * @param config     the objective's weights and {@link TransferConfig#lut()}
     * @param gainLimits each region's gain limit of {@link LutGain} (used when the config's gain weight is above 0)
     */
    public LutObjective(List<Frame> frames, VggFeatureExtractor vgg, TransferConfig config, float[] gainLimits) {
        if (frames.isEmpty()) throw new IllegalArgumentException("a LUT fit needs at least one frame");
        this.lut = config.lut();
        int regions = frames.get(0).weights().length;
        if (gainLimits.length != regions) throw new IllegalArgumentException("expected " + regions + " gain limits, got " + gainLimits.length);
        this.gainLimits = gainLimits.clone();
        if (lut.gainWeight() > 0) {
            float[][] occ = LutGain.occupancy(frames.stream().map(f -> f.prepared().content()).toList(),
                    frames.stream().map(Frame::weights).toList(), regions, lut.size());
            int cells = occ[0].length;
            float[] flat = new float[regions * cells];
            for (int r = 0; r < regions; r++) System.arraycopy(occ[r], 0, flat, r * cells, cells);
            this.occupancy = frames.get(0).prepared().manager().create(flat, new ai.djl.ndarray.types.Shape(regions, cells));
        } else {
            this.occupancy = null;
        }
        for (Frame f : frames) {
            if (f.weights().length != regions) throw new IllegalArgumentException("frames with different region counts");
            PreparedTransfer p = f.prepared();
            NDManager m = p.manager();
            slicers.add(new LutSlicer(p.content(), f.weights(), lut.size(), lut.interpolation(), m));
            losses.add(new ImageLoss(p, vgg, config, Tensors.toTensor(p.content(), m), f.extraTerms()));
        }
    }

    @Override
    public Evaluation evaluate(NDArray p, NDManager out) {
        return DifferentiableFunction.byAutograd(p, out, this::compute);
    }

    /** The objective's terms and {@code "total"} at {@code tables}, without a gradient. */
    public Map<String, Double> score(NDArray tables) {
        Map<String, Double> terms = new LinkedHashMap<>();
        try (NDManager sub = tables.getManager().newSubManager()) {
            NDArray t = tables.duplicate();
            t.attach(sub);
            double total = Tensors.scalar(compute(t, terms));
            terms.put("total", total);
        }
        return terms;
    }

    private NDArray compute(NDArray tables, Map<String, Double> terms) {
        NDArray total = null;
        int k = frames();
        for (int i = 0; i < k; i++) {
            Map<String, Double> t = new LinkedHashMap<>();
            NDArray v = losses.get(i).compute(slicers.get(i).render(tables), t);
            if (k > 1) v = Tensors.withScalar(v, k, NDArray::div); // not div(Number): its scalar is freed before backward
            for (Map.Entry<String, Double> e : t.entrySet()) terms.merge(e.getKey(), e.getValue() / k, Double::sum);
            total = total == null ? v : total.add(v);
        }
        if (lut.smoothness() > 0) {
            NDArray s = Tensors.scale(LutSmoothness.compute(tables, lut.size()), lut.smoothness());
            terms.put("lut_smoothness", Tensors.scalar(s));
            total = total.add(s);
        }
        if (lut.gainWeight() > 0) {
            NDArray g = Tensors.scale(LutGain.compute(tables, lut.size(), gainLimits, occupancy), lut.gainWeight());
            terms.put("lut_gain", Tensors.scalar(g));
            total = total.add(g);
        }
        return total;
    }

    /** Frame {@code i}'s image as scored, clamp(x, 0, 1), (1, 3, H, W) on the manager of {@code tables}. */
    public NDArray image(NDArray tables, int i) {
        return TensorScope.keep(() -> slicers.get(i).render(tables).clip(0f, 1f));
    }

    /** The number of frames. */
    public int frames() { return losses.size(); }

    @Override
    public void close() {
        for (ImageLoss l : losses) l.close();
    }
}
