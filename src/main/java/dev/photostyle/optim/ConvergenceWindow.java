package dev.photostyle.optim;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The convergence stop both optimisers share. With b_k the lowest objective among iterates
 * 0..k, the run has converged at iterate k >= W when
 * {@code b_{k-W} - b_k <= tol * |b_{k-W}|}: the best value fell by at most {@code tol}, relative,
 * over the last W iterates. The running minimum keeps a spike of a non-monotone method (Adam,
 * L-BFGS without line search) from reading as convergence; with a backtracking L-BFGS the
 * accepted values never rise, so b_k = f_k. A tolerance of 0 disables the rule.
 *
 * <pre>{@code
 * ConvergenceWindow w = new ConvergenceWindow(20, 1e-3);
 * if (w.converged(value)) stop();   // once per accepted iterate, starting with iterate 0
 * }</pre>
 */
final class ConvergenceWindow {
    private final int window;
    private final double tolerance;
    /** b_{k-W} .. b_k (at most W + 1 values). */
    private final Deque<Double> best = new ArrayDeque<>();

    ConvergenceWindow(int window, double tolerance) {
        check(window, tolerance);
        this.window = window;
        this.tolerance = tolerance;
    }

    /** Validates a window and tolerance (shared by the optimiser configs). */
    static void check(int window, double tolerance) {
        if (window < 1) throw new IllegalArgumentException("convergence window must be >= 1, got " + window);
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("convergence tolerance must be finite and >= 0 (0 disables), got " + tolerance);
        }
    }

    /** Takes the objective at the next accepted iterate; true when the rule holds there. */
    boolean converged(double value) {
        double b = best.isEmpty() ? Double.POSITIVE_INFINITY : best.peekLast();
        if (value < b) b = value; // NaN never lowers the minimum
        best.addLast(b);
        if (best.size() > window + 1) best.removeFirst();
        if (tolerance == 0 || best.size() <= window) return false;
        double old = best.peekFirst();
        return Double.isFinite(old) && old - b <= tolerance * Math.abs(old);
    }
}
