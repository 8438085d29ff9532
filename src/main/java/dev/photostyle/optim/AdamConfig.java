package dev.photostyle.optim;

/**
 * Settings of {@link Adam}.
 *
 * @param learningRate step size (for images in [0, 1], about 0.01)
 * @param beta1        decay of the first-moment estimate
 * @param beta2        decay of the second-moment estimate
 * @param epsilon      denominator guard
 */
public record AdamConfig(double learningRate, double beta1, double beta2, double epsilon) {
    public AdamConfig {
        if (!(learningRate > 0)) throw new IllegalArgumentException("Adam learning rate must be > 0");
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1)");
        }
    }

    public static AdamConfig defaults() {
        return new AdamConfig(0.01, 0.9, 0.999, 1e-8);
    }
}
