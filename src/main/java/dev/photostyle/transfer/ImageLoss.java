package dev.photostyle.transfer;

import ai.djl.ndarray.NDArray;
import dev.photostyle.engine.Tensors;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.loss.ContentLoss;
import dev.photostyle.loss.RangePenalty;
import dev.photostyle.loss.TotalVariationLoss;

import java.util.List;
import java.util.Map;

/**
 * The transfer objective as a function of the image itself, whatever parameterises that image
 * (pixels in {@link TransferObjective}, or a colour transform of the content):
 *
 * <pre>
 *   total = w_c Σ_l Content_l / |Lc| + w_s Σ_t weight_t Style_t + w_tv TV(x') + w_r Range(x)
 *         + λ Σ_c x'_cᵀ L x'_c / N + Σ extra terms(x')
 * </pre>
 * where the style terms t are {@link PreparedTransfer#styleTerms()}: one per style layer with
 * weight {@code 1 / |Ls|} for a single style, one per (region, layer) for a multi-region transfer;
 * x is the image (1, 3, H, W) at the working size, x' = clamp(x, 0, 1) is what the network
 * sees, and L is the matting Laplacian of the content (Luan et al. 2017, Eq. 2): the photorealism
 * term, zero for an output that is locally an affine function of the content's colours. Dividing
 * by the pixel count N keeps λ independent of the working size; {@link PhotorealismTerm} evaluates it
 * as a precomputed stencil with a closed-form gradient.
 */
public final class ImageLoss implements AutoCloseable {
    private final PreparedTransfer prepared;
    private final VggFeatureExtractor vgg;
    private final TransferConfig config;
    private final List<String> layers;
    private final PhotorealismTerm photorealism;
    private final List<ImageTerm> extraTerms;
    private final TotalVariationLoss totalVariation = new TotalVariationLoss(); // keeps its host arrays

    /**
     * @param content    the working-size content (1, 3, H, W), guide of the matting Laplacian
     * @param extraTerms further terms, each already weighted
     */
    public ImageLoss(PreparedTransfer prepared, VggFeatureExtractor vgg, TransferConfig config, NDArray content,
            List<ImageTerm> extraTerms) {
        this.prepared = prepared;
        this.vgg = vgg;
        this.config = config;
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(config.allLayers());
        all.addAll(prepared.styleLayers()); // a multi-region transfer's regions may bring their own layers
        this.layers = List.copyOf(all);
        this.photorealism = config.laplacianWeight() > 0
                ? new PhotorealismTerm(config.laplacian(), content, config.laplacianWeight()) : null;
        this.extraTerms = List.copyOf(extraTerms);
    }

    /**
     * The total on the graph of x, recording every term's value in {@code terms}.
     *
     * @param x the image (1, 3, H, W), not yet clamped
     */
    public NDArray compute(NDArray x, Map<String, Double> terms) {
        NDArray seen = x.clip(0f, 1f);
        Map<String, NDArray> f = vgg.extract(seen, layers);
        NDArray sum = null;
        if (!prepared.contentLosses().isEmpty()) {
            NDArray c = null;
            for (Map.Entry<String, ContentLoss> e : prepared.contentLosses().entrySet()) {
                NDArray v = e.getValue().compute(f.get(e.getKey()));
                c = c == null ? v : c.add(v);
            }
            c = Tensors.scale(c, config.contentWeight() / prepared.contentLosses().size());
            terms.put("content", Tensors.scalar(c));
            sum = c;
        }
        if (!prepared.styleTerms().isEmpty()) {
            NDArray s = null;
            for (StyleTerm t : prepared.styleTerms()) {
                NDArray v = Tensors.scale(t.loss().compute(f.get(t.layer())), t.weight());
                s = s == null ? v : s.add(v);
            }
            s = Tensors.scale(s, config.styleWeight());
            terms.put("style", Tensors.scalar(s));
            sum = sum == null ? s : sum.add(s);
        }
        NDArray tv = Tensors.scale(totalVariation.apply(seen), config.tvWeight());
        terms.put("tv", Tensors.scalar(tv));
        NDArray range = Tensors.scale(RangePenalty.compute(x, 0f, 1f), config.rangeWeight());
        terms.put("range", Tensors.scalar(range));
        NDArray total = sum.add(tv).add(range);
        if (photorealism != null) {
            NDArray photo = photorealism.compute(seen);
            terms.put(photorealism.name(), Tensors.scalar(photo));
            total = total.add(photo);
        }
        for (ImageTerm t : extraTerms) {
            NDArray v = t.compute(seen);
            terms.put(t.name(), Tensors.scalar(v));
            total = total.add(v);
        }
        return total;
    }

    @Override
    public void close() {
        if (photorealism != null) photorealism.close();
    }
}
