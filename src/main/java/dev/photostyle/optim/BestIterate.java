package dev.photostyle.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Keeps a copy of the lowest-objective point seen among the accepted iterates. */
final class BestIterate implements AutoCloseable {
    private final NDManager manager;
    private NDArray x;
    private double value = Double.POSITIVE_INFINITY;
    private int iteration = -1;

    BestIterate(NDManager parent) {
        this.manager = parent.newSubManager();
    }

    /** Offers an iterate; copies it if it is the best so far (NaN never is). */
    void offer(int iteration, double value, NDArray candidate) {
        if (!(value < this.value)) return;
        if (x != null) x.close();
        x = candidate.duplicate();
        x.attach(manager);
        this.value = value;
        this.iteration = iteration;
    }

    /** Moves the best iterate to {@code out} and builds the result. */
    OptimizationResult result(java.util.List<IterationRecord> history, StopReason reason, NDManager out) {
        if (x == null) throw new IllegalStateException("the objective was never finite");
        NDArray best = x.duplicate();
        best.attach(out);
        return new OptimizationResult(best, iteration, value, history, reason);
    }

    @Override
    public void close() {
        manager.close();
    }
}
