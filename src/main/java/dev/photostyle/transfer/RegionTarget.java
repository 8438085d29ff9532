package dev.photostyle.transfer;

import dev.photostyle.io.image.FloatImage;

import java.util.List;
import java.util.Objects;

/**
 * One region of a multi-region transfer, at the working size: where it is on the plate, which
 * style image (and which part of it) it takes its look from, how strongly and at which layers.
 *
 * @param name         the region's name (messages, reports)
 * @param contentMatte soft matte on the working-size content, {@code [y * W + x]} in [0, 1]; soft
 *                     edges weight the region's Gram loss and its share of the free mask
 * @param style        the style image at its working size (RGB in [0, 1])
 * @param styleMatte   soft matte on {@code style} selecting the pixels its Gram target comes from
 * @param weight       the region's style strength (multiplies the config's style weight)
 * @param styleLayers  the VGG layers of this region's style loss (non-empty)
 */
public record RegionTarget(String name, float[] contentMatte, FloatImage style, float[] styleMatte, double weight,
        List<String> styleLayers) {
    public RegionTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(style, "style");
        contentMatte = contentMatte.clone();
        styleMatte = styleMatte.clone();
        styleLayers = List.copyOf(styleLayers);
        if (styleMatte.length != style.pixels()) {
            throw new IllegalArgumentException("region '" + name + "': style matte has " + styleMatte.length
                    + " values for a " + style.width() + "x" + style.height() + " style image");
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("region '" + name + "': weight must be finite and >= 0, got " + weight);
        }
        if (styleLayers.isEmpty()) throw new IllegalArgumentException("region '" + name + "': no style layer left");
    }

    @Override public float[] contentMatte() { return contentMatte.clone(); }

    @Override public float[] styleMatte() { return styleMatte.clone(); }

    /** The same region with other layers (e.g. thin regions fall back to shallow ones). */
    public RegionTarget withStyleLayers(List<String> layers) {
        return new RegionTarget(name, contentMatte, style, styleMatte, weight, layers);
    }
}
