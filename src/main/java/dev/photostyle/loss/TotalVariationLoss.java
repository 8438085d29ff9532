package dev.photostyle.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.engine.HostStaging;

/**
 * Total variation (squared, anisotropic), a smoothness prior (Mahendran and Vedaldi 2015):
 *
 * <pre>  L = mean((x[i+1,j] − x[i,j])²) + mean((x[i,j+1] − x[i,j])²)</pre>
 *
 * over all channels of an image (N, C, H, W). Means, not sums, so the value does not grow with
 * the image size.
 *
 * <p>L is a fixed quadratic form, so its value and gradient
 * <pre>  ∂L/∂x_i = 2/M_y Σ_{vertical neighbours j} (x_i − x_j) + 2/M_x Σ_{horizontal neighbours j} (x_i − x_j)</pre>
 * (M_y, M_x the two means' counts) are computed in one host pass, in double precision, and handed
 * to autograd as {@code value + Σ (x − detach(x)) ∘ g}, whose first part is a constant and second
 * exactly zero with gradient g. As engine ops the term took ~35 full-size ops per evaluation (four
 * slices, their zero-filled backward copies, differences, squares, means), each a memory pass and a
 * thread hand-off; this takes four.
 *
 * <p>An instance keeps its host arrays between calls ({@link HostStaging}): fresh ones each
 * evaluation were, until the next collection, memory the kernel had to fault in and zero first.
 * The static {@link #compute} makes a throwaway instance.
 *
 * <pre>{@code
 * TotalVariationLoss tv = new TotalVariationLoss();   // one per objective; not thread-safe
 * NDArray loss = tv.apply(image);                      // each evaluation
 * }</pre>
 */
public final class TotalVariationLoss {
    private final HostStaging staging = new HostStaging();
    private float[] in32;
    private double[] in;
    private double[] grad;
    private float[] grad32;

    /** An instance whose host arrays are reused by every {@link #apply} (one image size at a time is cheapest). */
    public TotalVariationLoss() {}

    /** The loss of {@code image} (N, C, H, W), H and W at least 2; a scalar of the image's type, differentiable. */
    public static NDArray compute(NDArray image) {
        return new TotalVariationLoss().apply(image);
    }

    /** As {@link #compute}, reusing this instance's host arrays. */
    public synchronized NDArray apply(NDArray image) {
        Shape s = image.getShape();
        if (s.dimension() != 4 || s.get(2) < 2 || s.get(3) < 2) {
            throw new IllegalArgumentException("total variation needs (N,C,H,W) with H,W >= 2, got " + s);
        }
        if (!image.getDataType().isFloating()) {
            throw new IllegalArgumentException("total variation needs a floating-point image, got " + image.getDataType());
        }
        int planes = (int) (s.get(0) * s.get(1));
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        NDArray fixed = image.stopGradient();
        DataType type = image.getDataType();
        double[] x = read(fixed);
        if (grad == null || grad.length != x.length) grad = new double[x.length];
        double[] g = grad;
        java.util.Arrays.fill(g, 0);
        double my = (double) planes * (h - 1) * w;
        double mx = (double) planes * h * (w - 1);
        double sy = 0;
        double sx = 0;
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < h; y++) {
                int row = (p * h + y) * w;
                for (int i = row; i < row + w; i++) {
                    if (y + 1 < h) {
                        double d = x[i + w] - x[i];
                        sy += d * d;
                        g[i] -= 2 * d / my;
                        g[i + w] += 2 * d / my;
                    }
                    if (i + 1 < row + w) {
                        double d = x[i + 1] - x[i];
                        sx += d * d;
                        g[i] -= 2 * d / mx;
                        g[i + 1] += 2 * d / mx;
                    }
                }
            }
        }
        NDManager m = image.getManager();
        NDArray gradient = upload(g, s, type, m, image.getDevice());
        NDArray value = m.create(sy / my + sx / mx).toType(type, false).toDevice(image.getDevice(), false);
        return image.sub(fixed).mul(gradient).sum().add(value);
    }

    /** The image's values widened to double, in {@link #in}. */
    private double[] read(NDArray fixed) {
        if (fixed.getDataType() != DataType.FLOAT32) {
            in = fixed.toType(DataType.FLOAT64, false).toDoubleArray();
            return in;
        }
        in32 = staging.read(fixed, in32);
        if (in == null || in.length != in32.length) in = new double[in32.length];
        for (int i = 0; i < in32.length; i++) in[i] = in32[i];
        return in;
    }

    /**
     * g as an engine-owned array of {@code type}: the product that uses it saves it for the backward
     * pass, and DJL's arrays made from host data wrap a direct buffer only their Java handle keeps alive.
     */
    private NDArray upload(double[] g, Shape s, DataType type, NDManager m, ai.djl.Device device) {
        if (type == DataType.FLOAT32) {
            if (grad32 == null || grad32.length != g.length) grad32 = new float[g.length];
            for (int i = 0; i < g.length; i++) grad32[i] = (float) g[i]; // as toType(FLOAT32) rounds
            return staging.upload(grad32, s, m, device);
        }
        NDArray host = m.create(g, s);
        NDArray out = type == DataType.FLOAT64 ? host.duplicate() : host.toType(type, false);
        host.close();
        return out.toDevice(device, false);
    }
}
