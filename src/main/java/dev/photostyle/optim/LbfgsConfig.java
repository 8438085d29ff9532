package dev.photostyle.optim;

/**
 * Settings of {@link Lbfgs}.
 *
 * <p>Convergence defaults ({@link #defaults()}): window 20, tolerance 1e-3, i.e. stop once the
 * objective fell by at most 0.1% over the last 20 accepted iterates (rule in
 * {@link ConvergenceWindow}). The window is twice the default history size so that the few short
 * steps after a restart, while the curvature history refills, are not mistaken for a plateau; the
 * tolerance is far above float32 round-off (~1e-7 relative) and means an average decrease under
 * 5e-5 per iterate, so even at that pace the rest of a 1000-iterate budget could lower the
 * objective by at most ~5% more (L-BFGS's pace only slows). Tolerance 0 turns the rule off and
 * makes the iteration count exact again.
 *
 * <pre>{@code
 * LbfgsConfig c = LbfgsConfig.defaults().withHistorySize(5).withConvergence(50, 1e-4);
 * }</pre>
 *
 * @param historySize          curvature pairs kept (m); 5–20 is usual
 * @param lineSearch           step-length rule
 * @param learningRate         initial step length along the search direction (1 is the natural scale)
 * @param maxLineSearch        most function evaluations one line search may spend
 * @param gradTolerance        stop when max |g| falls below this
 * @param convergenceWindow    W: iterates over which the relative decrease is measured (>= 1)
 * @param convergenceTolerance stop when the best objective fell by at most this, relative, over W
 *                             iterates; 0 disables
 */
public record LbfgsConfig(int historySize, LineSearch lineSearch, double learningRate, int maxLineSearch,
        double gradTolerance, int convergenceWindow, double convergenceTolerance) {
    public static final int DEFAULT_CONVERGENCE_WINDOW = 20;
    public static final double DEFAULT_CONVERGENCE_TOLERANCE = 1e-3;

    public LbfgsConfig {
        if (historySize < 1) throw new IllegalArgumentException("L-BFGS history size must be >= 1, got " + historySize);
        if (lineSearch == null) throw new IllegalArgumentException("L-BFGS line search must be given");
        if (!(learningRate > 0)) throw new IllegalArgumentException("L-BFGS learning rate must be > 0");
        if (maxLineSearch < 1) throw new IllegalArgumentException("max line-search evaluations must be >= 1");
        if (!(gradTolerance >= 0)) throw new IllegalArgumentException("L-BFGS gradient tolerance must be >= 0");
        ConvergenceWindow.check(convergenceWindow, convergenceTolerance);
    }

    /** History 10 (neural-style's default; 100 is memory-hungry at 4K), Armijo backtracking, convergence 20 / 1e-3. */
    public static LbfgsConfig defaults() {
        return new LbfgsConfig(10, LineSearch.BACKTRACKING, 1.0, 6, 1e-10,
                DEFAULT_CONVERGENCE_WINDOW, DEFAULT_CONVERGENCE_TOLERANCE);
    }

    public LbfgsConfig withHistorySize(int m) {
        return new LbfgsConfig(m, lineSearch, learningRate, maxLineSearch, gradTolerance, convergenceWindow,
                convergenceTolerance);
    }

    public LbfgsConfig withLineSearch(LineSearch ls) {
        return new LbfgsConfig(historySize, ls, learningRate, maxLineSearch, gradTolerance, convergenceWindow,
                convergenceTolerance);
    }

    public LbfgsConfig withLearningRate(double lr) {
        return new LbfgsConfig(historySize, lineSearch, lr, maxLineSearch, gradTolerance, convergenceWindow,
                convergenceTolerance);
    }

    /** The convergence rule: window W and relative tolerance (0 disables). */
    public LbfgsConfig withConvergence(int window, double tolerance) {
        return new LbfgsConfig(historySize, lineSearch, learningRate, maxLineSearch, gradTolerance, window, tolerance);
    }
}
