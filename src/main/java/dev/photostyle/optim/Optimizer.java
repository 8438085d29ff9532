package dev.photostyle.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Minimises a {@link DifferentiableFunction} from a starting point. */
public interface Optimizer {
    /**
     * Runs at most {@code iterations} steps from {@code x0} (not modified).
     *
     * @param out where the returned best iterate lives
     */
    OptimizationResult minimize(DifferentiableFunction f, NDArray x0, int iterations, IterationListener listener,
            NDManager out);
}
