package dev.photostyle.optim;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.photostyle.engine.Tensors;

import java.util.LinkedHashMap;
import java.util.Map;


/** A scalar objective with its gradient, as optimisers see it. */
@FunctionalInterface
public interface DifferentiableFunction {
    /**
     * Value and gradient at {@code x}. Implementations must not modify {@code x}; the returned
     * gradient has x's shape and belongs to {@code out}. Temporary work should be scoped in a
     * sub-manager and closed before returning.
     */
    Evaluation evaluate(NDArray x, NDManager out);

    /** A graph-building objective: the total as a scalar on x's graph, each term recorded in {@code terms}. */
    @FunctionalInterface
    interface Graph {
        NDArray total(NDArray x, Map<String, Double> terms);
    }

    /**
     * Evaluates a graph-building objective by autograd: a fresh leaf copy of x (DJL does not zero
     * gradients, so a new leaf per call keeps them from accumulating), backward, and the gradient
     * copied into {@code out}; everything else dies with a sub-manager.
     */
    static Evaluation byAutograd(NDArray x, NDManager out, Graph f) {
        Map<String, Double> terms = new LinkedHashMap<>();
        try (NDManager sub = out.newSubManager()) {
            NDArray leaf = x.duplicate();
            leaf.attach(sub);
            leaf.setRequiresGradient(true);
            double total;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray sum = f.total(leaf, terms);
                gc.backward(sum);
                total = Tensors.scalar(sum);
            }
            NDArray g = leaf.getGradient().duplicate();
            g.attach(out);
            return new Evaluation(total, terms, g);
        }
    }
}
