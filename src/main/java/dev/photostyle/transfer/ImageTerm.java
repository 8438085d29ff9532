package dev.photostyle.transfer;

import ai.djl.ndarray.NDArray;

/**
 * An extra differentiable term of the transfer objective, scored on the image the network sees
 * (clamped to [0, 1]), added to the built-in content, style, TV, range and photorealism terms.
 * Used for terms whose targets come from outside one transfer, such as the temporal loss of an
 * image sequence.
 *
 * <p>Its weight is part of the term: {@link #compute} returns the weighted value.
 */
public interface ImageTerm {
    /** Key of the term in iteration records and reports (e.g. {@code "temporal"}). */
    String name();

    /**
     * The weighted term.
     *
     * @param seen the scored image (1, 3, H, W) at the working size, values in [0, 1]
     * @return a scalar on the graph of {@code seen}
     */
    NDArray compute(NDArray seen);

    /** Builds a term once the working size and the targets' manager are known. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param prepared the prepared transfer: its {@link PreparedTransfer#content()} gives the
         *                 working size and its {@link PreparedTransfer#manager()} owns constants
         *                 that must live as long as the run
         */
        ImageTerm create(PreparedTransfer prepared);
    }
}
