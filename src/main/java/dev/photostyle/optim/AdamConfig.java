package dev.photostyle.optim;

/**
 * Settings of {@link Adam}. The convergence rule is the one {@link LbfgsConfig} documents, with
 * the same defaults; on Adam's non-monotone values it watches the best value so far.
 *
 * <pre>{@code
 * AdamConfig c = AdamConfig.defaults().withLearningRate(0.02);
 * }</pre>
 *
 * @param learningRate         step size (for images in [0, 1], about 0.01)
 * @param beta1                decay of the first-moment estimate
 * @param beta2                decay of the second-moment estimate
 * @param epsilon              denominator guard
 * @param convergenceWindow    W: iterates over which the relative decrease is measured (>= 1)
 * @param convergenceTolerance stop when the best objective fell by at most this, relative, over W
 *                             iterates; 0 disables
 */
public record AdamConfig(double learningRate, double beta1, double beta2, double epsilon, int convergenceWindow,
        double convergenceTolerance) {
    public AdamConfig {
        if (!(learningRate > 0)) throw new IllegalArgumentException("Adam learning rate must be > 0");
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1)");
        }
        ConvergenceWindow.check(convergenceWindow, convergenceTolerance);
    }

    /** Rate 0.01, betas 0.9 / 0.999, epsilon 1e-8 (Kingma and Ba's), convergence 20 / 1e-3. */
    public static AdamConfig defaults() {
        return new AdamConfig(0.01, 0.9, 0.999, 1e-8, LbfgsConfig.DEFAULT_CONVERGENCE_WINDOW,
                LbfgsConfig.DEFAULT_CONVERGENCE_TOLERANCE);
    }

    public AdamConfig withLearningRate(double lr) {
        return new AdamConfig(lr, beta1, beta2, epsilon, convergenceWindow, convergenceTolerance);
    }

    /** The convergence rule: window W and relative tolerance (0 disables). */
    public AdamConfig withConvergence(int window, double tolerance) {
        return new AdamConfig(learningRate, beta1, beta2, epsilon, window, tolerance);
    }
}
