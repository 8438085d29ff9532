package dev.photostyle.matting.filter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.matting.TensorScope;

/**
 * Box filter over a (2r+1) x (2r+1) window in O(N) time independent of r, by cumulative sums along
 * each axis (the "integral image" trick used by He, Sun, Tang, "Guided Image Filtering", TPAMI 2013,
 * Sec. 3.5 and their reference {@code boxfilter.m}).
 *
 * <p>Borders: the window is clipped to the image, i.e. {@link #sum} treats pixels outside as zero and
 * {@link #mean} averages over the valid pixels of the window only (divides by {@link #count}), as
 * the guided filter does.
 *
 * <p>Precision: the running sums are accumulated in float64 whatever the input type (and cast back),
 * because a float32 cumulative sum over a 4K row loses about 1e-4 absolute, which would swamp the
 * covariances the guided filter and the matting Laplacian derive from these means.
 *
 * <p>Tensors are (1, C, H, W) (any N works; every (n, c) plane is filtered independently). All ops are
 * differentiable. Example: {@code NDArray m = BoxFilter.mean(image, 1); // 3x3 local means}
 */
public final class BoxFilter {
    private BoxFilter() {}

    /** Window sums: (N, C, H, W) in, same shape and type out; pixels outside the image count as 0. */
    public static NDArray sum(NDArray x, int radius) {
        check(x, radius);
        DataType type = x.getDataType();
        return TensorScope.keep(() -> castBack(sumF64(toF64(x), radius), type));
    }

    /** Window means over the valid pixels: (N, C, H, W) in, same shape and type out. */
    public static NDArray mean(NDArray x, int radius) {
        check(x, radius);
        DataType type = x.getDataType();
        return TensorScope.keep(() -> {
            Shape s = x.getShape();
            NDArray n = countF64(x.getManager(), s.get(2), s.get(3), radius).toDevice(x.getDevice(), false);
            return castBack(sumF64(toF64(x), radius).div(n), type);
        });
    }

    /**
     * Number of image pixels in each pixel's clipped window: shape (1, 1, H, W) for an input of
     * spatial size H x W, type and device of {@code like}.
     */
    public static NDArray count(NDArray like, int radius) {
        check(like, radius);
        Shape s = like.getShape();
        return TensorScope.keep(() -> castBack(
                countF64(like.getManager(), s.get(2), s.get(3), radius).toDevice(like.getDevice(), false),
                like.getDataType()));
    }

    /** Float64 (1, 1, H, W) window counts: the outer product of the 1-D clipped window lengths. */
    static NDArray countF64(NDManager manager, long h, long w, int radius) {
        NDArray ny = manager.create(counts1d(h, radius), new Shape(1, 1, h, 1));
        NDArray nx = manager.create(counts1d(w, radius), new Shape(1, 1, 1, w));
        return ny.mul(nx);
    }

    private static double[] counts1d(long n, int r) {
        double[] c = new double[(int) n];
        for (int i = 0; i < n; i++) c[i] = Math.min(n - 1, i + (long) r) - Math.max(0, i - (long) r) + 1;
        return c;
    }

    /** Separable window sum of a float64 tensor. */
    private static NDArray sumF64(NDArray x, int radius) {
        return sumAxis(sumAxis(x, 2, radius), 3, radius);
    }

    /**
     * Window sum along one axis: pad r+1 zeros before and r after, take the running sum C, then
     * out[i] = C[i + 2r + 1] - C[i] covers input indices i - r .. i + r (clipped by the zero padding).
     */
    private static NDArray sumAxis(NDArray x, int axis, int radius) {
        long n = x.getShape().get(axis);
        // A radius beyond n - 1 already covers the whole axis for every pixel; cap it to save memory.
        long r = Math.min(radius, n - 1);
        // DJL/PyTorch pad order: pairs for the last axis first.
        Shape pad = axis == 3 ? new Shape(r + 1, r) : new Shape(0, 0, r + 1, r);
        NDArray c = x.pad(pad, 0).cumSum(axis);
        NDIndex hi = new NDIndex().addAllDim(axis).addSliceDim(2 * r + 1, 2 * r + 1 + n);
        NDIndex lo = new NDIndex().addAllDim(axis).addSliceDim(0, n);
        return c.get(hi).sub(c.get(lo));
    }

    private static NDArray toF64(NDArray x) {
        return x.getDataType() == DataType.FLOAT64 ? x : x.toType(DataType.FLOAT64, false);
    }

    private static NDArray castBack(NDArray x, DataType type) {
        return type == DataType.FLOAT64 ? x : x.toType(type, false);
    }

    private static void check(NDArray x, int radius) {
        if (radius < 0) throw new IllegalArgumentException("box radius must be >= 0, got " + radius);
        if (x.getShape().dimension() != 4) {
            throw new IllegalArgumentException("expected an (N, C, H, W) tensor, got shape " + x.getShape());
        }
        if (!x.getDataType().isFloating()) {
            throw new IllegalArgumentException("box filter needs a floating-point tensor, got " + x.getDataType());
        }
    }
}
