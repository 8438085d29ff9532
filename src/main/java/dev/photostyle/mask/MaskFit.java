package dev.photostyle.mask;

/**
 * Brings a mask to its image's size. Masks drawn by hand are often a pixel or two off (DPST pair 7
 * is 700x393 for a 700x394 image); those are resampled (nearest, so labels are not blended). A mask
 * far from its image's size almost certainly belongs to another image, which is an error.
 */
public final class MaskFit {
    private MaskFit() {}

    /** Largest difference per side that is resampled: 3 px or 1 % of the side, whichever is larger. */
    public static int tolerance(int side) {
        return Math.max(3, (int) Math.ceil(side * 0.01));
    }

    /**
     * Returns {@code mask} at {@code width x height}.
     *
     * @throws IllegalArgumentException if a side differs by more than {@link #tolerance(int)}
     */
    public static LabelMap fit(LabelMap mask, int width, int height, String what) {
        if (mask.width() == width && mask.height() == height) return mask;
        if (Math.abs(mask.width() - width) > tolerance(width) || Math.abs(mask.height() - height) > tolerance(height)) {
            throw new IllegalArgumentException(what + " is " + mask.width() + "x" + mask.height()
                    + " but its image is " + width + "x" + height + " (masks must match their image's size)");
        }
        return mask.resizeNearest(width, height);
    }
}
