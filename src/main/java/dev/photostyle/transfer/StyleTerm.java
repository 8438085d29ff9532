package dev.photostyle.transfer;

import dev.photostyle.loss.MaskedGramStyleLoss;

import java.util.Objects;

/**
 * One style loss of a transfer at one VGG layer, with the factor it enters the style sum with:
 * {@code Style = Σ_t weight_t · loss_t(F_{layer_t})}, then multiplied by the config's style weight.
 * A single-style transfer has one term per style layer with weight {@code 1 / |layers|} (the mean
 * over layers); a multi-region transfer has one term per (region, layer) with weight
 * {@code w_r / |layers_r|}, so each region's style strength and layer set are its own.
 *
 * @param layer  VGG layer whose activations the loss reads
 * @param loss   the masked Gram loss (its own content and style masks)
 * @param weight factor of this term, {@code >= 0}
 */
public record StyleTerm(String layer, MaskedGramStyleLoss loss, double weight) {
    public StyleTerm {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(loss, "loss");
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("style term weight must be finite and >= 0, got " + weight);
        }
    }
}
