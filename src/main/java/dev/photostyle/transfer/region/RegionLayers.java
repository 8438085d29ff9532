package dev.photostyle.transfer.region;

import dev.photostyle.mask.LayerMasks;
import dev.photostyle.mask.MaskPropagation;
import dev.photostyle.transfer.RegionTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Which style layers each region can use at its working size. A matte carried down the network
 * ({@link MaskPropagation}) shrinks 2x at every pooling layer and is eroded by every 3x3 average;
 * a Gram matrix of a region with only a few feature pixels is noise, and one whose matte nowhere
 * reaches half its peak is made of its neighbours' features. So, per layer, the region must hold
 * at least {@link #MIN_GRAM_PIXELS} feature pixels where its propagated matte is at least half the
 * peak of its matte on the image:
 * <ul>
 *   <li>a content region too thin at some layers drops those layers, with a warning (it falls back
 *       to the shallower layers; never silently);</li>
 *   <li>a content region too thin at every layer, or a style region too small at any layer the
 *       region uses, is an error: the run could not give that region a sensible look.</li>
 * </ul>
 */
public final class RegionLayers {
    /** Fewest effective feature pixels for a region's Gram matrix at a layer. */
    public static final double MIN_GRAM_PIXELS = 4.0;

    private RegionLayers() {}

    /**
     * The regions with their usable layers.
     *
     * @param regions  regions at the working size
     * @param width    working-size content width
     * @param height   working-size content height
     * @param warnings receives one line per dropped layer set
     * @throws IllegalArgumentException for a style region too small, or a content region too thin
     */
    public static List<RegionTarget> plan(List<RegionTarget> regions, int width, int height, Consumer<String> warnings) {
        List<RegionTarget> out = new ArrayList<>();
        for (RegionTarget r : regions) {
            Map<String, LayerMasks> s = MaskPropagation.propagate(new float[][] {r.styleMatte()}, r.style().width(),
                    r.style().height(), r.styleLayers());
            float sPeak = peak(r.styleMatte());
            for (String layer : r.styleLayers()) {
                double mass = present(s.get(layer), sPeak);
                if (mass < MIN_GRAM_PIXELS) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "region '%s': its style region has %.0f px at %s, too few for a Gram matrix (at least %.0f);"
                                    + " use a larger style region, a larger --size or shallower layers",
                            r.name(), mass, layer, MIN_GRAM_PIXELS));
                }
            }
            Map<String, LayerMasks> c = MaskPropagation.propagate(new float[][] {r.contentMatte()}, width, height,
                    r.styleLayers());
            List<String> kept = new ArrayList<>();
            List<String> dropped = new ArrayList<>();
            float cPeak = peak(r.contentMatte());
            for (String layer : r.styleLayers()) {
                (present(c.get(layer), cPeak) >= MIN_GRAM_PIXELS ? kept : dropped).add(layer);
            }
            if (kept.isEmpty()) {
                throw new IllegalArgumentException("region '" + r.name() + "': its matte is too thin for a Gram matrix "
                        + "at every style layer " + r.styleLayers() + " at this working size; use a larger --size");
            }
            if (!dropped.isEmpty()) {
                warnings.accept("region '" + r.name() + "' is too thin at " + dropped + " (fewer than "
                        + (int) MIN_GRAM_PIXELS + " feature px); styling it with " + kept + " only");
                out.add(r.withStyleLayers(kept));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** Feature pixels where the propagated matte is at least half of {@code peak}. */
    static int present(LayerMasks m, float peak) {
        int k = 0;
        for (float v : m.planes()[0]) if (v >= 0.5f * peak && v > 0f) k++;
        return k;
    }

    static float peak(float[] m) {
        float p = 0;
        for (float v : m) p = Math.max(p, v);
        return p;
    }
}
