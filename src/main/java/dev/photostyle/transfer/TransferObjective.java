package dev.photostyle.transfer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.engine.TensorScope;
import dev.photostyle.engine.Tensors;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.optim.DifferentiableFunction;
import dev.photostyle.optim.Evaluation;

import java.util.LinkedHashMap;
import java.util.List;
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
 * as computed by {@link ImageLoss} (plus any {@link ImageTerm}s).
 */
public final class TransferObjective implements DifferentiableFunction, AutoCloseable {
    private final ImageLoss loss;
    private final NDArray content;
    private final NDArray free;

    public TransferObjective(PreparedTransfer prepared, VggFeatureExtractor vgg, TransferConfig config) {
        this(prepared, vgg, config, List.of());
    }

    /** With extra terms (e.g. temporal consistency) added to the built-in ones. */
    public TransferObjective(PreparedTransfer prepared, VggFeatureExtractor vgg, TransferConfig config,
            List<ImageTerm> extraTerms) {
        NDManager m = prepared.manager();
        this.content = Tensors.toTensor(prepared.content(), m);
        this.free = m.create(prepared.freeMask(), new Shape(1, 1, prepared.content().height(),
                prepared.content().width()));
        this.loss = new ImageLoss(prepared, vgg, config, content, extraTerms);
    }

    @Override
    public void close() {
        loss.close();
    }

    /** The content (1, 3, H, W): the natural starting point. */
    public NDArray content() { return content; }

    @Override
    public Evaluation evaluate(NDArray p, NDManager out) {
        return DifferentiableFunction.byAutograd(p, out, (leaf, terms) -> loss.compute(compose(leaf), terms));
    }

    /** Value only (no gradient): the objective of a finished image, for reports and checks. */
    public Map<String, Double> score(NDArray p) {
        Map<String, Double> terms = new LinkedHashMap<>();
        try (NDManager sub = p.getManager().newSubManager()) {
            NDArray leaf = p.duplicate();
            leaf.attach(sub);
            double total = Tensors.scalar(loss.compute(compose(leaf), terms));
            terms.put("total", total);
        }
        return terms;
    }

    private NDArray compose(NDArray leaf) {
        return leaf.sub(content).mul(free).add(content);
    }

    /** The image that p stands for, as scored: {@code clamp(c + m ∘ (p − c), 0, 1)}, on p's manager. */
    public NDArray image(NDArray p) {
        return TensorScope.keep(() -> compose(p).clip(0f, 1f)); // intermediates die here, not with p's manager
    }
}
