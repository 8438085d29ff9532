package dev.photostyle.testing;

import dev.photostyle.bench.RandomVggWeights;
import dev.photostyle.io.weights.StateDict;

/** Small generated VGG19 weights for tests that must not depend on ../shared. */
public final class TestWeights {
    private TestWeights() {}

    /** Named-layout weights for every conv up to and including {@code lastConv} (He-initialised). */
    public static StateDict upTo(String lastConv, long seed) {
        return RandomVggWeights.upTo(lastConv, seed);
    }
}
