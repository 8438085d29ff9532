package dev.photostyle.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One region of a job: where it is on the plate and which look it takes.
 *
 * @param name        the region's name (messages and reports)
 * @param matte       its matte on the content
 * @param style       the style image it takes its look from
 * @param styleMatte  the part of {@code style} its Gram target comes from
 * @param weight      style strength: multiplies the run's style weight (default 1)
 * @param styleLayers its own style layers, or null for the run's
 */
public record RegionSpec(String name, MatteSpec matte, Path style, MatteSpec styleMatte, double weight,
        List<String> styleLayers) {
    public RegionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(matte, "matte");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(styleMatte, "style matte");
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("region '" + name + "': weight must be finite and >= 0, got " + weight);
        }
        if (styleLayers != null) {
            styleLayers = List.copyOf(styleLayers);
            if (styleLayers.isEmpty()) throw new IllegalArgumentException("region '" + name + "': style_layers is empty");
        }
    }

    /** The same region with paths resolved against {@code dir}. */
    public RegionSpec resolve(Path dir) {
        return new RegionSpec(name, matte.resolve(dir), dir.resolve(style).toAbsolutePath().normalize(),
                styleMatte.resolve(dir), weight, styleLayers);
    }
}
