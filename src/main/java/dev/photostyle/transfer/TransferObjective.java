package dev.photostyle.transfer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.photostyle.engine.Tensors;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.loss.ContentLoss;
import dev.photostyle.loss.MaskedGramStyleLoss;
import dev.photostyle.loss.RangePenalty;
import dev.photostyle.loss.TotalVariationLoss;
import dev.photostyle.matting.laplacian.MattingLaplacian;
import dev.photostyle.optim.DifferentiableFunction;
import dev.photostyle.optim.Evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The full objective of a pixel-optimising transfer, as a {@link DifferentiableFunction} of the
 * free parameter p (1, 3, H, W).
 *
 * <p>The image that is scored is {@code x = c + m ∘ (p − c)}, with c the content and m the free
 * mask (1 on matched regions, 0 on orphans, unlabelled and excluded pixels). So the masks govern
 * the gradient as well as the loss: pixels outside the regions are the content exactly and get a
 * zero gradient. The network sees {@code clamp(x, 0, 1)}, and a range penalty on x stops pixels
 * from drifting where the clamp hides them; {@link #image(NDArray)} returns exactly that clamped
 * image, so what is saved is what was scored.
 *
 * <pre>
 *   total = w_c Σ_l Content_l / |Lc| + w_s Σ_l Style_l / |Ls| + w_tv TV(x') + w_r Range(x)
 *         + λ Σ_c x'_cᵀ L x'_c / N
 * </pre>
 * where x' = clamp(x) and L is the matting Laplacian of the content (Luan et al. 2017, Eq. 2): the
 * photorealism term, zero for an output that is locally an affine function of the content's
 * colours. Dividing by the pixel count N keeps λ independent of the working size.
 */
public final class TransferObjective implements DifferentiableFunction, AutoCloseable {
    private final PreparedTransfer prepared;
    private final VggFeatureExtractor vgg;
    private final TransferConfig config;
    private final NDArray content;
    private final NDArray free;
    private final java.util.List<String> layers;
    private final MattingLaplacian.Operator laplacian;
    private final double laplacianScale;

    public TransferObjective(PreparedTransfer prepared, VggFeatureExtractor vgg, TransferConfig config) {
        this.prepared = prepared;
        this.vgg = vgg;
        this.config = config;
        NDManager m = prepared.manager();
        this.content = Tensors.toTensor(prepared.content(), m);
        this.free = m.create(prepared.freeMask(), new Shape(1, 1, prepared.content().height(),
                prepared.content().width()));
        this.layers = config.allLayers();
        this.laplacian = config.laplacianWeight() > 0 ? config.laplacian().prepare(content) : null;
        this.laplacianScale = config.laplacianWeight() / prepared.content().pixels();
    }

    @Override
    public void close() {
        if (laplacian != null) laplacian.close();
    }

    /** The content (1, 3, H, W): the natural starting point. */
    public NDArray content() { return content; }

    @Override
    public Evaluation evaluate(NDArray p, NDManager out) {
        Map<String, Double> terms = new LinkedHashMap<>();
        try (NDManager sub = out.newSubManager()) {
            NDArray leaf = p.duplicate();
            leaf.attach(sub);
            leaf.setRequiresGradient(true);
            double total;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray x = compose(leaf);
                NDArray seen = x.clip(0f, 1f);
                NDArray sum = terms(x, seen, terms);
                gc.backward(sum);
                total = Tensors.scalar(sum);
            }
            NDArray g = leaf.getGradient().duplicate();
            g.attach(out);
            return new Evaluation(total, terms, g);
        }
    }

    /** Value only (no gradient): the objective of a finished image, for reports and checks. */
    public Map<String, Double> score(NDArray p) {
        Map<String, Double> terms = new LinkedHashMap<>();
        try (NDManager sub = p.getManager().newSubManager()) {
            NDArray leaf = p.duplicate();
            leaf.attach(sub);
            NDArray x = compose(leaf);
            double total = Tensors.scalar(terms(x, x.clip(0f, 1f), terms));
            terms.put("total", total);
        }
        return terms;
    }

    private NDArray compose(NDArray leaf) {
        return leaf.sub(content).mul(free).add(content);
    }

    private NDArray terms(NDArray x, NDArray seen, Map<String, Double> terms) {
        Map<String, NDArray> f = vgg.extract(seen, layers);
        NDArray sum = null;
        if (!prepared.contentLosses().isEmpty()) {
            NDArray c = null;
            for (Map.Entry<String, ContentLoss> e : prepared.contentLosses().entrySet()) {
                NDArray v = e.getValue().compute(f.get(e.getKey()));
                c = c == null ? v : c.add(v);
            }
            c = c.mul(config.contentWeight() / prepared.contentLosses().size());
            terms.put("content", Tensors.scalar(c));
            sum = c;
        }
        if (!prepared.styleLosses().isEmpty()) {
            NDArray s = null;
            for (Map.Entry<String, MaskedGramStyleLoss> e : prepared.styleLosses().entrySet()) {
                NDArray v = e.getValue().compute(f.get(e.getKey()));
                s = s == null ? v : s.add(v);
            }
            s = s.mul(config.styleWeight() / prepared.styleLosses().size());
            terms.put("style", Tensors.scalar(s));
            sum = sum == null ? s : sum.add(s);
        }
        NDArray tv = TotalVariationLoss.compute(seen).mul(config.tvWeight());
        terms.put("tv", Tensors.scalar(tv));
        NDArray range = RangePenalty.compute(x, 0f, 1f).mul(config.rangeWeight());
        terms.put("range", Tensors.scalar(range));
        NDArray total = sum.add(tv).add(range);
        if (laplacian != null) {
            NDArray photo = laplacian.energy(seen).mul(laplacianScale);
            terms.put("photorealism", Tensors.scalar(photo));
            total = total.add(photo);
        }
        return total;
    }

    /** The image that p stands for, as scored: {@code clamp(c + m ∘ (p − c), 0, 1)}, on p's manager. */
    public NDArray image(NDArray p) {
        return compose(p).clip(0f, 1f);
    }
}
