package dev.photostyle.look;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.engine.Tensors;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.grid.RegionWeights;
import dev.photostyle.lut.Interpolation;
import dev.photostyle.lut.LutSlicer;
import dev.photostyle.lut.LutSmoothness;
import dev.photostyle.optim.DifferentiableFunction;
import dev.photostyle.optim.Evaluation;
import dev.photostyle.transfer.ImageLoss;
import dev.photostyle.transfer.PreparedTransfer;
import dev.photostyle.transfer.TransferConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transfer objective as a function of per-region 3D LUTs (R, 3·n³), averaged over keyframes:
 * keyframe k's image is {@code x_k = c_k + Σ_r w_{k,r} ∘ (LUT_r(c_k) − c_k)} ({@link LutSlicer},
 * soft weights {@link RegionWeights#soft}), scored by the same {@link ImageLoss} as the pixel and
 * grid methods, plus {@code w_s · LutSmoothness} (reported as {@code "lut_smoothness"}). Pixels of
 * no matched region have weight 0 and keep the content.
 */
public final class LutObjective implements DifferentiableFunction, AutoCloseable {
    private final List<ImageLoss> losses = new ArrayList<>();
    private final List<LutSlicer> slicers = new ArrayList<>();
    private final List<NDArray> contents = new ArrayList<>();  // (1, 3, H, W)
    private final List<NDArray> weights = new ArrayList<>();   // (R, 1, H, W)
    private final int size;
    private final double smoothness;

    /**
     * @param keyframes prepared transfers, one per keyframe (their working-size content and masks)
     * @param labels    the LUTs' regions, in order
     * @param blendRadius matte blend radius in working pixels
     */
    public LutObjective(List<PreparedTransfer> keyframes, VggFeatureExtractor vgg, TransferConfig config,
            List<Integer> labels, int size, Interpolation interp, double smoothness, int blendRadius) {
        if (keyframes.isEmpty()) throw new IllegalArgumentException("a look needs at least one keyframe");
        if (!(smoothness >= 0) || Double.isInfinite(smoothness)) throw new IllegalArgumentException("LUT smoothness must be finite and >= 0");
        this.size = size;
        this.smoothness = smoothness;
        for (PreparedTransfer p : keyframes) {
            NDManager m = p.manager();
            NDArray c = Tensors.toTensor(p.content(), m);
            float[][] w = RegionWeights.soft(p.contentMask(), labels, p.freeMask(), blendRadius);
            int n = p.content().pixels();
            float[] all = new float[labels.size() * n];
            for (int r = 0; r < w.length; r++) System.arraycopy(w[r], 0, all, r * n, n);
            contents.add(c);
            weights.add(m.create(all, new Shape(labels.size(), 1, p.content().height(), p.content().width())));
            slicers.add(new LutSlicer(p.content(), size, interp, m));
            losses.add(new ImageLoss(p, vgg, config, c, List.of()));
        }
    }

    @Override
    public Evaluation evaluate(NDArray p, NDManager out) {
        return DifferentiableFunction.byAutograd(p, out, this::compute);
    }

    private NDArray compute(NDArray tables, Map<String, Double> terms) {
        NDArray total = null;
        int k = keyframes();
        for (int i = 0; i < k; i++) {
            Map<String, Double> t = new LinkedHashMap<>();
            NDArray v = losses.get(i).compute(image(tables, i), t).div(k);
            for (Map.Entry<String, Double> e : t.entrySet()) terms.merge(e.getKey(), e.getValue() / k, Double::sum);
            total = total == null ? v : total.add(v);
        }
        if (smoothness > 0) {
            NDArray s = LutSmoothness.compute(tables, size).mul(smoothness);
            terms.put("lut_smoothness", Tensors.scalar(s));
            total = total.add(s);
        }
        return total;
    }

    /** Keyframe {@code i}'s image (1, 3, H, W), unclamped, on the graph of {@code tables}. */
    public NDArray image(NDArray tables, int i) {
        NDArray c = contents.get(i);
        return slicers.get(i).render(tables).sub(c).mul(weights.get(i)).sum(new int[] {0}, true).add(c);
    }

    /** The number of keyframes. */
    public int keyframes() { return losses.size(); }

    @Override
    public void close() {
        for (ImageLoss l : losses) l.close();
    }
}
