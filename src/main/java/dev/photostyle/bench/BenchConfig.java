package dev.photostyle.bench;

import java.util.List;

/**
 * What {@link Benchmark} measures.
 *
 * @param sizes long sides of the working image, in px
 * @param repeats measured transfers per size (the reported figure is their median)
 * @param warmup transfers per size run first and discarded (JIT, allocator, engine caches)
 * @param iterations optimiser iterations per transfer
 * @param styleLayers VGG style layers
 * @param contentLayers VGG content layers
 * @param rounds measured rounds of the one-evaluation timings (objective against network; their
 *               medians move by a few percent on a loaded 2-core machine with 3 rounds, so more than
 *               the transfers' repeats)
 * @param evalWarmup discarded rounds before the one-evaluation timings: a transfer runs hundreds of
 *               evaluations, and its first few dozen run JIT-cold host loops (stencil, TV) and take
 *               memory the process has not touched before, so steady state needs more than the
 *               transfers' warm-up
 * @param evalBlock consecutive evaluations per timed sample of the one-evaluation timings (their
 *               mean is the sample), as a transfer runs them back to back: one evaluation at 256 px
 *               varies by ±25% on this shared machine, so a per-round ratio of single evaluations
 *               moved the 9-round median by about 0.1
 */
public record BenchConfig(List<Integer> sizes, int repeats, int warmup, int iterations, List<String> styleLayers,
        List<String> contentLayers, int rounds, int evalWarmup, int evalBlock) {
    public BenchConfig {
        sizes = List.copyOf(sizes);
        styleLayers = List.copyOf(styleLayers);
        contentLayers = List.copyOf(contentLayers);
        if (sizes.isEmpty()) throw new IllegalArgumentException("--sizes needs at least one size");
        for (int s : sizes) if (s < 16) throw new IllegalArgumentException("--sizes must be >= 16 px, got " + s);
        if (repeats < 1) throw new IllegalArgumentException("--repeats must be >= 1, got " + repeats);
        if (warmup < 0) throw new IllegalArgumentException("--warmup must be >= 0, got " + warmup);
        if (evalWarmup < 0) throw new IllegalArgumentException("--eval-warmup must be >= 0, got " + evalWarmup);
        if (evalBlock < 1) throw new IllegalArgumentException("--eval-block must be >= 1, got " + evalBlock);
        if (rounds < 1) throw new IllegalArgumentException("--rounds must be >= 1, got " + rounds);
        if (iterations < 1) throw new IllegalArgumentException("--iterations must be >= 1, got " + iterations);
    }
}
