package dev.photostyle.matting.filter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.engine.TensorScope;
import dev.photostyle.engine.Tensors;

/**
 * Box filter over a (2r+1) x (2r+1) window in O(N) time independent of r, by cumulative sums along
 * each axis (the "integral image" trick used by He, Sun, Tang, "Guided Image Filtering", TPAMI 2013,
 * Sec. 3.5 and their reference {@code boxfilter.m}).
 *
 * <p>Borders: the window is clipped to the image, i.e. {@link #sum} treats pixels outside as zero and
 * {@link #mean} averages over the valid pixels of the window only (divides by {@link #count}), as
 * the guided filter does.
 *
 * <p>Precision: a plain float32 running sum over a 4K row loses about 1e-4 absolute. Each line is
 * therefore summed after subtracting its own mean (added back as count x mean), which keeps the
 * running sums near zero (error ~1e-6 at 4K). DJL's {@code toType} is not differentiable, so the
 * filter computes in the input's own type; pass float64 for tighter sums (the matting Laplacian does).
 *
 * <p>Tensors are (1, C, H, W) (any N works; every (n, c) plane is filtered independently). All ops are
 * differentiable. Example: {@code NDArray m = BoxFilter.mean(image, 1); // 3x3 local means}
 *
 * <p>The same filter on one host plane ({@code double[]}, row-major, {@code width * height}):
 * {@link #sum(double[], int, int, int)} and {@link #mean(double[], int, int, int)}, by running sums in
 * double precision (exact for integer-valued planes such as 0/1 mattes, so a window wholly inside a
 * matte averages to exactly 1).
 */
public final class BoxFilter {
    private BoxFilter() {}

    /** Window sums: (N, C, H, W) in, same shape and type out; pixels outside the image count as 0. */
    public static NDArray sum(NDArray x, int radius) {
        check(x, radius);
        return TensorScope.keep(() -> sumAxes(x, radius));
    }

    /** Window means over the valid pixels: (N, C, H, W) in, same shape and type out. */
    public static NDArray mean(NDArray x, int radius) {
        check(x, radius);
        return TensorScope.keep(() -> {
            Shape s = x.getShape();
            NDArray n = Tensors.owned(countF64(x.getManager(), s.get(2), s.get(3), radius), x.getDataType(), x.getDevice());
            return sumAxes(x, radius).div(n);
        });
    }

    /**
     * Number of image pixels in each pixel's clipped window: shape (1, 1, H, W) for an input of
     * spatial size H x W, type and device of {@code like}.
     */
    public static NDArray count(NDArray like, int radius) {
        check(like, radius);
        Shape s = like.getShape();
        return TensorScope.keep(() -> Tensors.owned(countF64(like.getManager(), s.get(2), s.get(3), radius),
                like.getDataType(), like.getDevice()));
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

    /** Separable window sum. */
    private static NDArray sumAxes(NDArray x, int radius) {
        return sumAxis(sumAxis(x, 2, radius), 3, radius);
    }

    /**
     * Window sum along one axis: pad r+1 zeros before and r after, take the running sum C, then
     * out[i] = C[i + 2r + 1] - C[i] covers input indices i - r .. i + r (clipped by the zero padding).
     * The line mean m is removed first and n_i * m added back, so C stays small (precision).
     */
    private static NDArray sumAxis(NDArray in, int axis, int radius) {
        long n = in.getShape().get(axis);
        NDArray mean = in.mean(new int[] {axis}, true);
        NDArray x = in.sub(mean);
        // A radius beyond n - 1 already covers the whole axis for every pixel; cap it to save memory.
        long r = Math.min(radius, n - 1);
        // DJL/PyTorch pad order: pairs for the last axis first.
        Shape pad = axis == 3 ? new Shape(r + 1, r) : new Shape(0, 0, r + 1, r);
        NDArray c = x.pad(pad, 0).cumSum(axis);
        NDIndex hi = new NDIndex().addAllDim(axis).addSliceDim(2 * r + 1, 2 * r + 1 + n);
        NDIndex lo = new NDIndex().addAllDim(axis).addSliceDim(0, n);
        Shape cs = axis == 3 ? new Shape(1, 1, 1, n) : new Shape(1, 1, n, 1);
        // Engine-owned: the product saves it for the backward pass (see Tensors#scale).
        NDArray counts = Tensors.owned(in.getManager().create(counts1d(n, radius), cs), in.getDataType(), in.getDevice());
        return c.get(hi).sub(c.get(lo)).add(mean.mul(counts));
    }

    /**
     * Window sums of a host plane: {@code width * height} values (row-major) in, same layout out;
     * pixels outside the image count as 0.
     */
    public static double[] sum(double[] plane, int width, int height, int radius) {
        checkPlane(plane, width, height, radius);
        double[] rows = new double[plane.length];
        double[] run = new double[Math.max(width, height) + 1];
        for (int y = 0; y < height; y++) {
            int o = y * width;
            for (int x = 0; x < width; x++) run[x + 1] = run[x] + plane[o + x];
            for (int x = 0; x < width; x++) {
                rows[o + x] = run[Math.min(width, x + radius + 1)] - run[Math.max(0, x - radius)];
            }
        }
        double[] out = new double[plane.length];
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) run[y + 1] = run[y] + rows[y * width + x];
            for (int y = 0; y < height; y++) {
                out[y * width + x] = run[Math.min(height, y + radius + 1)] - run[Math.max(0, y - radius)];
            }
        }
        return out;
    }

    /** Window means of a host plane over the valid pixels: {@code width * height} values in and out. */
    public static double[] mean(double[] plane, int width, int height, int radius) {
        double[] out = sum(plane, width, height, radius);
        double[] ny = counts1d(height, radius);
        double[] nx = counts1d(width, radius);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) out[y * width + x] /= ny[y] * nx[x];
        }
        return out;
    }

    private static void checkPlane(double[] plane, int width, int height, int radius) {
        if (radius < 0) throw new IllegalArgumentException("box radius must be >= 0, got " + radius);
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("plane size must be positive, got " + width + "x" + height);
        if (plane.length != width * height) {
            throw new IllegalArgumentException("plane has " + plane.length + " values, expected " + width + "x" + height);
        }
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
