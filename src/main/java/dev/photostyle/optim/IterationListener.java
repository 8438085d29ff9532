package dev.photostyle.optim;

import ai.djl.ndarray.NDArray;

/** Told about every accepted iterate (progress bars, snapshots, early stopping). */
@FunctionalInterface
public interface IterationListener {
    /**
     * @param record the objective at this iterate
     * @param x      the iterate; valid only during the call (copy what you keep)
     * @return false to stop the optimisation after this iterate
     */
    boolean onIteration(IterationRecord record, NDArray x);

    IterationListener NONE = (r, x) -> true;
}
