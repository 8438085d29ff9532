package dev.photostyle.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015) with bias correction, over one tensor. Iteration k reports the
 * objective at x_k, then steps; the best reported iterate is returned. The run stops at the
 * iteration cap, when the listener asks, on a non-finite objective, or by the convergence rule
 * of {@link ConvergenceWindow}; the result says which.
 */
public final class Adam implements Optimizer {
    private final AdamConfig config;

    public Adam(AdamConfig config) {
        this.config = config;
    }

    @Override
    public OptimizationResult minimize(DifferentiableFunction f, NDArray x0, int iterations,
            IterationListener listener, NDManager out) {
        if (iterations < 0) throw new IllegalArgumentException("iterations must be >= 0");
        long start = System.nanoTime();
        List<IterationRecord> history = new ArrayList<>();
        ConvergenceWindow window = new ConvergenceWindow(config.convergenceWindow(), config.convergenceTolerance());
        StopReason reason = StopReason.ITERATIONS;
        try (NDManager work = x0.getManager().newSubManager(); BestIterate best = new BestIterate(work)) {
            NDArray x = x0.duplicate();
            x.attach(work);
            NDArray m = x.zerosLike();
            NDArray v = x.zerosLike();
            for (int k = 0; k <= iterations; k++) {
                Evaluation e = f.evaluate(x, work);
                Lbfgs.record(history, k, e, k + 1, start);
                best.offer(k, e.value(), x);
                boolean go = listener.onIteration(history.get(history.size() - 1), x);
                reason = !Double.isFinite(e.value()) ? StopReason.NON_FINITE
                        : !go ? StopReason.LISTENER
                        : window.converged(e.value()) ? StopReason.CONVERGED
                        : k == iterations ? StopReason.ITERATIONS : null;
                if (reason != null) {
                    e.gradient().close();
                    break;
                }
                try (NDManager it = work.newSubManager()) {
                    NDArray g = e.gradient();
                    g.attach(it);
                    // Results belong to their first operand's manager: moving the old state into
                    // the iteration scope makes every intermediate (and the old state) die with it.
                    m.attach(it);
                    v.attach(it);
                    x.attach(it);
                    NDArray mNew = m.mul(config.beta1()).add(g.mul(1 - config.beta1()));
                    NDArray vNew = v.mul(config.beta2()).add(g.square().mul(1 - config.beta2()));
                    double bc1 = 1 - Math.pow(config.beta1(), k + 1);
                    double bc2 = 1 - Math.pow(config.beta2(), k + 1);
                    NDArray step = mNew.div(bc1).div(vNew.div(bc2).sqrt().add(config.epsilon()))
                            .mul(config.learningRate());
                    NDArray xNew = x.sub(step);
                    for (NDArray a : new NDArray[] {mNew, vNew, xNew}) a.attach(work);
                    m = mNew;
                    v = vNew;
                    x = xNew;
                }
            }
            return best.result(history, reason, out);
        }
    }
}
