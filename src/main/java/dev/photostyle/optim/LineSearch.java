package dev.photostyle.optim;

/** How L-BFGS chooses its step length along the search direction. */
public enum LineSearch {
    /** Take the fixed step (as torch.optim.LBFGS does by default); cheapest, may spike. */
    NONE,
    /** Halve the step until the Armijo sufficient-decrease condition holds (Nocedal and Wright, Alg. 3.1). */
    BACKTRACKING
}
