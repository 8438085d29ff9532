package dev.photostyle.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** A scalar objective with its gradient, as optimisers see it. */
@FunctionalInterface
public interface DifferentiableFunction {
    /**
     * Value and gradient at {@code x}. Implementations must not modify {@code x}; the returned
     * gradient has x's shape and belongs to {@code out}. Temporary work should be scoped in a
     * sub-manager and closed before returning.
     */
    Evaluation evaluate(NDArray x, NDManager out);
}
