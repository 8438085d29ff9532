package dev.photostyle.optim;

/**
 * Why an optimiser stopped. When several rules hold at the same iterate, the first listed in this
 * order is reported: {@code NON_FINITE} (objective), {@code LISTENER}, {@code CONVERGED},
 * {@code ITERATIONS}, {@code NON_FINITE} (gradient), {@code GRADIENT_TOLERANCE}; the line-search
 * outcomes can only end a step that was attempted.
 */
public enum StopReason {
    /** The iteration cap was reached. */
    ITERATIONS,
    /** The best objective fell by less than the convergence tolerance over the convergence window. */
    CONVERGED,
    /** max |g| fell below the gradient tolerance (L-BFGS). */
    GRADIENT_TOLERANCE,
    /** No trial point along the gradient satisfied the step rule, even after a restart (L-BFGS). */
    LINE_SEARCH_FAILED,
    /** The objective or gradient was NaN or infinite at the current point, or at every trial point. */
    NON_FINITE,
    /** The iteration listener asked to stop. */
    LISTENER
}
