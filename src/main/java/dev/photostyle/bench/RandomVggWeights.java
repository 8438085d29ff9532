package dev.photostyle.bench;

import dev.photostyle.features.Vgg19;
import dev.photostyle.features.VggLayer;
import dev.photostyle.io.weights.StateDict;
import dev.photostyle.io.weights.WeightTensor;
import dev.photostyle.mask.LayerKind;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Generated VGG19 weights (He et al. 2015 initialisation: N(0, 2 / fan_in)) in the named layout, so
 * a benchmark runs the same arithmetic as with trained weights without needing a weight file.
 * Timing does not depend on the values; results are meaningless as images.
 *
 * <p>Example: {@code VggWeights.from(RandomVggWeights.upTo("conv3_1", 0))}
 */
public final class RandomVggWeights {
    private RandomVggWeights() {}

    /** Weights for every conv up to and including {@code lastConv}, from a seeded generator. */
    public static StateDict upTo(String lastConv, long seed) {
        Random rnd = new Random(seed);
        Map<String, WeightTensor> m = new LinkedHashMap<>();
        for (VggLayer l : Vgg19.upTo(lastConv)) {
            if (l.kind() != LayerKind.CONV) continue;
            int n = l.outChannels() * l.inChannels() * 9;
            float[] w = new float[n];
            double std = Math.sqrt(2.0 / (l.inChannels() * 9));
            for (int i = 0; i < n; i++) w[i] = (float) (rnd.nextGaussian() * std);
            float[] b = new float[l.outChannels()];
            for (int i = 0; i < b.length; i++) b[i] = (float) (rnd.nextGaussian() * 0.01);
            m.put(l.name() + ".weight", new WeightTensor(l.name() + ".weight",
                    new long[] {l.outChannels(), l.inChannels(), 3, 3}, w));
            m.put(l.name() + ".bias", new WeightTensor(l.name() + ".bias", new long[] {l.outChannels()}, b));
        }
        return new StateDict(m);
    }
}
