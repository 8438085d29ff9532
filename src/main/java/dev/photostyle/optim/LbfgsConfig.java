package dev.photostyle.optim;

/**
 * Settings of {@link Lbfgs}.
 *
 * @param historySize     curvature pairs kept (m); 5–20 is usual
 * @param lineSearch      step-length rule
 * @param learningRate    initial step length along the quasi-Newton direction (1 is the natural scale)
 * @param maxLineSearch   most function evaluations one line search may spend
 * @param gradTolerance   stop when max |g| falls below this
 * @param changeTolerance stop when the objective changes by less than this, relative
 */
public record LbfgsConfig(int historySize, LineSearch lineSearch, double learningRate, int maxLineSearch,
        double gradTolerance, double changeTolerance) {
    public LbfgsConfig {
        if (historySize < 1) throw new IllegalArgumentException("L-BFGS history size must be >= 1, got " + historySize);
        if (!(learningRate > 0)) throw new IllegalArgumentException("L-BFGS learning rate must be > 0");
        if (maxLineSearch < 1) throw new IllegalArgumentException("max line-search evaluations must be >= 1");
    }

    /** History 10 (as neural-style's "nCorrection" default ... 100 is memory-hungry at 4K), Armijo backtracking. */
    public static LbfgsConfig defaults() {
        return new LbfgsConfig(10, LineSearch.BACKTRACKING, 1.0, 6, 1e-10, 1e-9);
    }

    public LbfgsConfig withHistorySize(int m) {
        return new LbfgsConfig(m, lineSearch, learningRate, maxLineSearch, gradTolerance, changeTolerance);
    }

    public LbfgsConfig withLineSearch(LineSearch ls) {
        return new LbfgsConfig(historySize, ls, learningRate, maxLineSearch, gradTolerance, changeTolerance);
    }

    public LbfgsConfig withLearningRate(double lr) {
        return new LbfgsConfig(historySize, lineSearch, lr, maxLineSearch, gradTolerance, changeTolerance);
    }
}
