package dev.photostyle.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Limited-memory BFGS (Liu and Nocedal 1989) with the two-loop recursion (Nocedal and Wright,
 * Numerical Optimization, Alg. 7.4), on engine tensors so it runs where the objective runs.
 *
 * <p>The first step is scaled by {@code min(1, 1/||g||_1)} as torch.optim.LBFGS does, since the
 * unscaled gradient of an image objective is no sensible step. Curvature pairs with
 * {@code y·s <= 1e-10} are skipped to keep the inverse-Hessian estimate positive definite; when
 * the direction is not a descent direction the history is dropped and the step falls back to
 * steepest descent. The best accepted iterate is returned, not the last.
 *
 * <pre>{@code
 * OptimizationResult r = new Lbfgs(LbfgsConfig.defaults()).minimize(f, x0, 500, IterationListener.NONE, mgr);
 * }</pre>
 */
public final class Lbfgs implements Optimizer {
    private static final double ARMIJO_C1 = 1e-4;

    private final LbfgsConfig config;

    public Lbfgs(LbfgsConfig config) {
        this.config = config;
    }

    public LbfgsConfig config() { return config; }

    private record Pair(NDArray s, NDArray y, double rho) {}

    @Override
    public OptimizationResult minimize(DifferentiableFunction f, NDArray x0, int iterations,
            IterationListener listener, NDManager out) {
        if (iterations < 0) throw new IllegalArgumentException("iterations must be >= 0");
        long start = System.nanoTime();
        List<IterationRecord> history = new ArrayList<>();
        try (NDManager work = x0.getManager().newSubManager(); BestIterate best = new BestIterate(work)) {
            NDArray x = x0.duplicate();
            x.attach(work);
            Evaluation e = f.evaluate(x, work);
            int evals = 1;
            NDArray g = e.gradient();
            double fx = e.value();
            record(history, 0, e, evals, start);
            best.offer(0, fx, x);
            boolean go = listener.onIteration(history.get(0), x);
            Deque<Pair> pairs = new ArrayDeque<>();
            double gamma = 1.0;
            boolean restarted = false;
            for (int k = 1; k <= iterations && go; k++) {
                if (!Double.isFinite(fx) || maxAbs(g) < config.gradTolerance()) break;
                NDArray d;
                double gtd;
                try (NDManager it = work.newSubManager()) {
                    NDArray dir = direction(g, pairs, gamma, it);
                    gtd = dot(g, dir);
                    if (!(gtd < 0)) { // not a descent direction: forget the curvature estimate
                        clear(pairs);
                        dir = g.neg();
                        dir.attach(it);
                        gtd = -dot(g, g);
                    }
                    dir.attach(work);
                    d = dir;
                }
                double t = pairs.isEmpty() && k == 1
                        ? Math.min(1.0, 1.0 / Math.max(sumAbs(g), 1e-30)) * config.learningRate()
                        : config.learningRate();
                NDArray xn = null;
                Evaluation en = null;
                boolean accepted = config.lineSearch() == LineSearch.NONE;
                for (int ls = 0; ls < config.maxLineSearch(); ls++) {
                    if (xn != null) {
                        xn.close();
                        en.gradient().close();
                    }
                    NDArray step = d.mul(t);
                    xn = x.add(step);
                    step.close();
                    en = f.evaluate(xn, work);
                    evals++;
                    if (config.lineSearch() == LineSearch.NONE) break;
                    if (Double.isFinite(en.value()) && en.value() <= fx + ARMIJO_C1 * t * gtd) {
                        accepted = true;
                        break;
                    }
                    t *= 0.5;
                }
                if (!accepted && !pairs.isEmpty() && !restarted) {
                    // The quasi-Newton direction found no decrease: its curvature estimate is
                    // stale. Forget it and retry this iteration along the gradient, once.
                    xn.close();
                    en.gradient().close();
                    d.close();
                    clear(pairs); // gamma, the last curvature's scale, still sizes the gradient step
                    restarted = true;
                    k--;
                    continue;
                }
                restarted = false;
                NDArray s = xn.sub(x);
                NDArray y = en.gradient().sub(g);
                double ys = dot(y, s);
                if (ys > 1e-10) {
                    pairs.addLast(new Pair(s, y, 1.0 / ys));
                    if (pairs.size() > config.historySize()) {
                        Pair old = pairs.removeFirst();
                        old.s().close();
                        old.y().close();
                    }
                    gamma = ys / dot(y, y);
                } else {
                    s.close();
                    y.close();
                }
                d.close();
                x.close();
                g.close();
                x = xn;
                g = en.gradient();
                double prev = fx;
                fx = en.value();
                record(history, k, en, evals, start);
                best.offer(k, fx, x);
                go = listener.onIteration(history.get(history.size() - 1), x);
                if (Math.abs(prev - fx) <= config.changeTolerance() * Math.max(Math.abs(prev), 1e-30)) break;
            }
            return best.result(history, out);
        }
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
            NDArray p = a.mul(b);
            p.attach(t);
            NDArray s = p.sum();
            s.attach(t);
            return s.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
        }
    }

    private static double maxAbs(NDArray a) {
        try (NDManager t = a.getManager().newSubManager()) {
            NDArray m = a.abs();
            m.attach(t);
            NDArray v = m.max();
            v.attach(t);
            return v.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
        }
    }

    private static double sumAbs(NDArray a) {
        try (NDManager t = a.getManager().newSubManager()) {
            NDArray m = a.abs();
            m.attach(t);
            NDArray v = m.sum();
            v.attach(t);
            return v.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
        }
    }

    static void record(List<IterationRecord> history, int k, Evaluation e, int evals, long start) {
        history.add(new IterationRecord(k, e.value(), e.terms(), evals, (System.nanoTime() - start) / 1e9));
    }
}
