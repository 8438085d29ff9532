package dev.photostyle.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Limited-memory BFGS (Liu and Nocedal 1989) with the two-loop recursion (Nocedal and Wright,
 * Numerical Optimization, Alg. 7.4), on engine tensors so it runs where the objective runs.
 *
 * <p>Step rules, each there to keep one bad step from throwing the objective up by orders of
 * magnitude:
 * <ul>
 * <li>The initial inverse Hessian is {@code gamma I}, {@code gamma = s·y / y·y} of the newest
 *     pair (N&amp;W eq. 7.20). Pairs with {@code y·s <= 1e-10} are skipped, which keeps the
 *     estimate positive definite.</li>
 * <li>A gradient step (no pair yet, or a fallback) is scaled too: by {@code gamma} once any
 *     curvature has been seen. Before that the first step is scaled by {@code min(1, 1/||g||_1)}
 *     as torch.optim.LBFGS's, since the raw gradient of an image objective is no sensible step;
 *     each later one starts from the scale last accepted, doubled when its first trial passed
 *     (with backtracking), so that a start in negative curvature, where every pair is skipped,
 *     is not stuck with that first, tiny scale.</li>
 * <li>{@link LineSearch#BACKTRACKING} halves the step (at most {@code maxLineSearch}
 *     evaluations) until the Armijo condition holds (N&amp;W Alg. 3.1, c1 = 1e-4).
 *     {@link LineSearch#NONE} takes the first trial as is, only halving past non-finite values.
 *     An uphill or non-finite point is never accepted.</li>
 * <li>When the quasi-Newton direction is not a descent direction, or its line search finds no
 *     acceptable point, x stays, the history is dropped (the failed step stores no pair), and the
 *     iteration retries along the scaled gradient; if that fails too the run stops with
 *     {@link StopReason#LINE_SEARCH_FAILED} (or {@link StopReason#NON_FINITE} when no trial value
 *     was finite).</li>
 * </ul>
 * {@code iterations} is a cap: the run also stops by the convergence rule of {@link LbfgsConfig},
 * the gradient tolerance, or the listener, and the result says which. The best accepted iterate
 * is returned, not the last.
 *
 * <pre>{@code
 * OptimizationResult r = new Lbfgs(LbfgsConfig.defaults()).minimize(f, x0, 500, IterationListener.NONE, mgr);
 * if (r.stopReason() == StopReason.CONVERGED) ...
 * }</pre>
 */
public final class Lbfgs implements Optimizer {
    private static final double ARMIJO_C1 = 1e-4;

    /** Test seam: sees, and may replace, each quasi-Newton direction (not the gradient fallback). */
    @FunctionalInterface
    interface DirectionHook {
        /** @param iteration the iteration the direction is for (1, 2, ...) */
        NDArray adjust(int iteration, NDArray direction);
    }

    private final LbfgsConfig config;
    private final DirectionHook hook;

    public Lbfgs(LbfgsConfig config) {
        this(config, (k, d) -> d);
    }

    Lbfgs(LbfgsConfig config, DirectionHook hook) {
        if (config == null) throw new IllegalArgumentException("L-BFGS config must be given");
        this.config = config;
        this.hook = hook;
    }

    public LbfgsConfig config() { return config; }

    private record Pair(NDArray s, NDArray y, double rho) {}

    /** A line search's outcome: the accepted point and its evaluation, or nulls when it failed. */
    private record Search(NDArray x, Evaluation e, int evaluations, boolean sawFinite) {
        boolean failed() { return x == null; }
    }

    @Override
    public OptimizationResult minimize(DifferentiableFunction f, NDArray x0, int iterations,
            IterationListener listener, NDManager out) {
        if (iterations < 0) throw new IllegalArgumentException("iterations must be >= 0");
        long start = System.nanoTime();
        List<IterationRecord> history = new ArrayList<>();
        ConvergenceWindow window = new ConvergenceWindow(config.convergenceWindow(), config.convergenceTolerance());
        Deque<Pair> pairs = new ArrayDeque<>();
        try (NDManager work = x0.getManager().newSubManager(); BestIterate best = new BestIterate(work)) {
            NDArray x = x0.duplicate();
            x.attach(work);
            Evaluation e = f.evaluate(x, work);
            int evals = 1;
            double gamma = Double.NaN; // scale of the initial inverse Hessian; NaN until a pair is seen
            double blindScale = Double.NaN; // gradient-step scale while gamma is unknown; NaN before the first step
            StopReason reason;
            for (int k = 0; ; k++) {
                // (x, e) is the accepted iterate k
                NDArray g = e.gradient();
                double fx = e.value();
                record(history, k, e, evals, start);
                best.offer(k, fx, x);
                boolean go = listener.onIteration(history.get(history.size() - 1), x);
                if (!Double.isFinite(fx)) { reason = StopReason.NON_FINITE; break; }
                if (!go) { reason = StopReason.LISTENER; break; }
                if (window.converged(fx)) { reason = StopReason.CONVERGED; break; }
                if (k == iterations) { reason = StopReason.ITERATIONS; break; }
                double[] gs = gradientStats(g); // max|g|, sum|g|, g·g in one host read
                if (!Double.isFinite(gs[0]) || !Double.isFinite(gs[2])) { reason = StopReason.NON_FINITE; break; }
                if (gs[0] < config.gradTolerance()) { reason = StopReason.GRADIENT_TOLERANCE; break; }

                Search s = null;
                if (!pairs.isEmpty()) {
                    s = quasiNewtonStep(f, x, fx, g, pairs, gamma, k + 1, work);
                    if (s.failed()) clear(pairs); // non-descent or no acceptable point: the estimate is stale
                    evals += s.evaluations();
                }
                if (s == null || s.failed()) {
                    double scale = !Double.isNaN(gamma) ? gamma
                            : !Double.isNaN(blindScale) ? blindScale
                            : Math.min(1.0, 1.0 / Math.max(gs[1], 1e-30));
                    NDArray d = g.mul(-scale);
                    s = search(f, x, fx, d, -scale * gs[2], work);
                    d.close();
                    evals += s.evaluations();
                    if (s.failed()) {
                        reason = s.sawFinite() ? StopReason.LINE_SEARCH_FAILED : StopReason.NON_FINITE;
                        break;
                    }
                    if (Double.isNaN(gamma)) {
                        // the scale that was accepted, doubled if its first trial passed Armijo
                        boolean grow = s.evaluations() == 1 && config.lineSearch() == LineSearch.BACKTRACKING;
                        blindScale = scale * Math.pow(0.5, s.evaluations() - 1) * (grow ? 2 : 1);
                    }
                }
                NDArray sv = s.x().sub(x);
                NDArray yv = s.e().gradient().sub(g);
                double[] p = curvature(sv, yv); // y·s, y·y
                if (p[0] > 1e-10) {
                    pairs.addLast(new Pair(sv, yv, 1.0 / p[0]));
                    if (pairs.size() > config.historySize()) {
                        Pair old = pairs.removeFirst();
                        old.s().close();
                        old.y().close();
                    }
                    gamma = p[0] / p[1];
                } else {
                    sv.close();
                    yv.close();
                }
                x.close();
                g.close();
                x = s.x();
                e = s.e();
            }
            e.gradient().close();
            return best.result(history, reason, out);
        }
    }

    /**
     * One line search along the two-loop direction. Its evaluations count 0 and it fails (without
     * evaluating) when the direction is not a descent direction.
     */
    private Search quasiNewtonStep(DifferentiableFunction f, NDArray x, double fx, NDArray g, Deque<Pair> pairs,
            double gamma, int iteration, NDManager work) {
        NDArray d;
        double gtd;
        try (NDManager it = work.newSubManager()) {
            d = own(it, hook.adjust(iteration, direction(g, pairs, gamma, it)));
            gtd = dot(g, d);
            if (!(gtd < 0)) return new Search(null, null, 0, true);
            d.attach(work);
        }
        Search s = search(f, x, fx, d, gtd, work);
        d.close();
        return s;
    }

    /**
     * Trial points x + t d for t = learningRate, halved after each rejected trial, at most
     * {@code maxLineSearch} of them. Rejected trials are closed; the accepted point and its
     * gradient belong to {@code work}.
     */
    private Search search(DifferentiableFunction f, NDArray x, double fx, NDArray d, double gtd, NDManager work) {
        boolean armijo = config.lineSearch() == LineSearch.BACKTRACKING;
        double t = config.learningRate();
        boolean sawFinite = false;
        for (int i = 1; i <= config.maxLineSearch(); i++, t *= 0.5) {
            NDArray xn;
            try (NDManager tmp = work.newSubManager()) {
                NDArray step = own(tmp, d.mul(t));
                xn = x.add(step); // x's manager: work
            }
            Evaluation en = f.evaluate(xn, work);
            double v = en.value();
            if (Double.isFinite(v)) {
                sawFinite = true;
                if (!armijo || v <= fx + ARMIJO_C1 * t * gtd) return new Search(xn, en, i, true);
            }
            xn.close();
            en.gradient().close();
        }
        return new Search(null, null, config.maxLineSearch(), sawFinite);
    }

    private static NDArray direction(NDArray g, Deque<Pair> pairs, double gamma, NDManager it) {
        NDArray q = g.duplicate();
        q.attach(it);
        double[] alpha = new double[pairs.size()];
        int i = pairs.size() - 1;
        for (Iterator<Pair> p = pairs.descendingIterator(); p.hasNext(); i--) {
            Pair pr = p.next();
            alpha[i] = pr.rho() * dot(pr.s(), q);
            NDArray ay = own(it, pr.y().mul(alpha[i]));
            q = q.sub(ay);
        }
        NDArray r = q.mul(gamma);
        i = 0;
        for (Pair pr : pairs) {
            double beta = pr.rho() * dot(pr.y(), r);
            NDArray sb = own(it, pr.s().mul(alpha[i] - beta));
            r = r.add(sb);
            i++;
        }
        return r.neg();
    }

    private static NDArray own(NDManager m, NDArray a) {
        a.attach(m);
        return a;
    }

    private static void clear(Deque<Pair> pairs) {
        for (Pair p : pairs) {
            p.s().close();
            p.y().close();
        }
        pairs.clear();
    }

    static double dot(NDArray a, NDArray b) {
        try (NDManager t = a.getManager().newSubManager()) {
            NDArray p = own(t, a.mul(b));
            return own(t, p.sum()).toType(DataType.FLOAT64, false).getDouble();
        }
    }

    /** {max |g|, sum |g|, g·g}, read back together. */
    private static double[] gradientStats(NDArray g) {
        try (NDManager t = g.getManager().newSubManager()) {
            NDArray a = own(t, g.abs());
            return read(t, a.max(), a.sum(), a.square().sum());
        }
    }

    /** {y·s, y·y}, read back together. */
    private static double[] curvature(NDArray s, NDArray y) {
        try (NDManager t = y.getManager().newSubManager()) {
            NDArray ys = own(t, y.mul(s));
            NDArray yy = own(t, y.square());
            return read(t, ys.sum(), yy.sum());
        }
    }

    /** Scalars (all on manager t) as doubles, with one host synchronisation. */
    private static double[] read(NDManager t, NDArray... scalars) {
        NDArray v = own(t, NDArrays.stack(new NDList(scalars)));
        return v.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    static void record(List<IterationRecord> history, int k, Evaluation e, int evals, long start) {
        history.add(new IterationRecord(k, e.value(), e.terms(), evals, (System.nanoTime() - start) / 1e9));
    }
}
