package dev.photostyle.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.function.Supplier;

/**
 * Runs a block of tensor work so that its temporaries are closed as soon as it finishes.
 *
 * <p>DJL registers every array created while an {@link NDScope} is open with the innermost scope. A
 * scope's {@code unregister} only forgets the array in that scope, so a result computed inside a
 * nested scope would otherwise escape every enclosing scope; {@link #keep} re-registers the result
 * with the caller's scope (if any), matching what a plain DJL op does. Closing a temporary only drops
 * the Java handle: the autograd graph keeps its own references, so gradients still flow.
 *
 * <pre>{@code
 * NDArray y = TensorScope.keep(() -> x.mul(2).add(1)); // the intermediate x*2 is closed here
 * }</pre>
 */
public final class TensorScope {
    private TensorScope() {}

    /** Runs {@code work}, closes everything it created except the returned array, and returns it. */
    public static NDArray keep(Supplier<NDArray> work) {
        return keepAll(() -> new NDArray[] {work.get()})[0];
    }

    /** As {@link #keep}, for several results. The work must return fresh arrays, not its inputs. */
    public static NDArray[] keepAll(Supplier<NDArray[]> work) {
        NDArray[] out;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            out = work.get();
            NDScope.unregister(out);
        }
        for (NDArray a : out) NDScope.register(a);
        return out;
    }
}
