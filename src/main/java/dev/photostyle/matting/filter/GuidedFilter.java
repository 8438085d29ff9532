package dev.photostyle.matting.filter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.engine.TensorScope;
import dev.photostyle.linalg.Symmetric3;

/**
 * The guided filter of He, Sun, Tang, "Guided Image Filtering", TPAMI 35(6), 2013: in every
 * (2r+1)^2 window k the output is a linear function of the guide, q_i = a_k^T I_i + b_k, fitted to
 * the input p by ridge regression (Eq. 5/6 gray, Eq. 14 colour); the filter output averages the
 * coefficients of all windows covering a pixel (Eq. 8/16). Borders use clipped windows, as in
 * {@link BoxFilter#mean}. Pure tensor ops: runs on the inputs' device and is differentiable.
 *
 * <p>Shapes: guide (1, G, H, W) with G = 1 (gray) or 3 (colour); input (1, C, H, W); output (1, C, H, W).
 * Coefficients: {@code a} is (1, C*G, H, W) with channel {@code c*G + g} the weight of guide channel
 * g for output channel c (a per-pixel C x G matrix, 3x3 for a colour image), {@code b} is (1, C, H, W).
 * Arithmetic runs in the inputs' type (the box sums are accumulated in float64); pass float64
 * tensors when {@code epsilon} is below ~1e-6.
 *
 * <pre>{@code
 * NDArray smooth = new GuidedFilter(8, 1e-4).filter(guide, image);
 * }</pre>
 *
 * @param radius window radius r >= 0 (window side 2r+1)
 * @param epsilon ridge regulariser > 0, in squared guide units
 */
public record GuidedFilter(int radius, double epsilon) {

    public GuidedFilter {
        if (radius < 0) throw new IllegalArgumentException("guided filter radius must be >= 0, got " + radius);
        if (!(epsilon > 0)) throw new IllegalArgumentException("guided filter epsilon must be > 0, got " + epsilon);
    }

    /**
     * Per-pixel linear model q = A I + b.
     *
     * @param a (1, C*G, H, W), channel c*G + g
     * @param b (1, C, H, W)
     */
    public record Coefficients(NDArray a, NDArray b) {

        /** Number of guide channels G the model expects. */
        public int guideChannels() {
            return (int) (a.getShape().get(1) / b.getShape().get(1));
        }

        /** q_c = sum_g a_{c,g} I_g + b_c for a (1, G, H', W') guide of the coefficients' size. */
        public NDArray apply(NDArray guide) {
            Shape s = b.getShape();
            int g = guideChannels();
            if (guide.getShape().dimension() != 4 || guide.getShape().get(1) != g
                    || guide.getShape().get(2) != s.get(2) || guide.getShape().get(3) != s.get(3)) {
                throw new IllegalArgumentException("guide " + guide.getShape() + " does not match coefficients "
                        + a.getShape() + " / " + s);
            }
            return TensorScope.keep(() -> a.reshape(1, s.get(1), g, s.get(2), s.get(3))
                    .mul(guide.reshape(1, 1, g, s.get(2), s.get(3)))
                    .sum(new int[] {2})
                    .add(b));
        }
    }

    /** The filtered input, (1, C, H, W), in the input's manager. */
    public NDArray filter(NDArray guide, NDArray input) {
        return TensorScope.keep(() -> {
            Coefficients c = coefficients(guide, input);
            return c.apply(guide);
        });
    }

    /** Window-averaged coefficients (a-bar, b-bar): what {@link #filter} applies to the guide. */
    public Coefficients coefficients(NDArray guide, NDArray input) {
        NDArray[] r = TensorScope.keepAll(() -> {
            Coefficients k = windowCoefficients(guide, input);
            long ca = k.a().getShape().get(1);
            NDArray m = BoxFilter.mean(k.a().concat(k.b(), 1), radius);
            return new NDArray[] {m.get(":, :{}", ca), m.get(":, {}:", ca)};
        });
        return new Coefficients(r[0], r[1]);
    }

    /** Coefficients (a_k, b_k) of the window centred at every pixel k (before averaging). */
    public Coefficients windowCoefficients(NDArray guide, NDArray input) {
        check(guide, input);
        NDArray[] r = TensorScope.keepAll(() -> guide.getShape().get(1) == 1 ? gray(guide, input) : colour(guide, input));
        return new Coefficients(r[0], r[1]);
    }

    private NDArray[] gray(NDArray guide, NDArray p) {
        NDArray mi = BoxFilter.mean(guide, radius);
        NDArray mp = BoxFilter.mean(p, radius);
        NDArray mip = BoxFilter.mean(guide.mul(p), radius);
        NDArray var = BoxFilter.mean(guide.mul(guide), radius).sub(mi.mul(mi));
        NDArray a = mip.sub(mi.mul(mp)).div(var.add(epsilon));
        return new NDArray[] {a, mp.sub(a.mul(mi))};
    }

    private NDArray[] colour(NDArray guide, NDArray p) {
        long c = p.getShape().get(1);
        LocalColourStatistics st = LocalColourStatistics.of(guide, radius);
        NDArray inv = Symmetric3.inverse(st.covariance(), epsilon);
        NDArray mp = BoxFilter.mean(p, radius);
        NDList ip = new NDList();
        for (int g = 0; g < 3; g++) ip.add(Symmetric3.plane(guide, g).mul(p));
        NDArray mip = BoxFilter.mean(NDArrays.concat(ip, 1), radius); // (1, 3C, H, W), guide-major
        NDArray[] cov = new NDArray[3];
        NDArray[] mu = new NDArray[3];
        for (int g = 0; g < 3; g++) {
            mu[g] = Symmetric3.plane(st.mean(), g);
            cov[g] = mip.get(":, {}:{}", g * c, (g + 1) * c).sub(mu[g].mul(mp));
        }
        NDArray[] a = Symmetric3.multiply(inv, cov); // a[g]: (1, C, H, W)
        NDArray b = mp.sub(a[0].mul(mu[0])).sub(a[1].mul(mu[1])).sub(a[2].mul(mu[2]));
        Shape s = p.getShape();
        // Interleave to channel c*3 + g.
        NDArray stacked = NDArrays.stack(new NDList(a[0], a[1], a[2]), 2).reshape(1, 3 * c, s.get(2), s.get(3));
        return new NDArray[] {stacked, b};
    }

    private static void check(NDArray guide, NDArray input) {
        Shape g = guide.getShape();
        Shape p = input.getShape();
        if (g.dimension() != 4 || g.get(0) != 1 || (g.get(1) != 1 && g.get(1) != 3)) {
            throw new IllegalArgumentException("guide must be (1, 1 or 3, H, W), got " + g);
        }
        if (p.dimension() != 4 || p.get(0) != 1 || p.get(2) != g.get(2) || p.get(3) != g.get(3)) {
            throw new IllegalArgumentException("input must be (1, C, H, W) of the guide's size, got " + p + " vs " + g);
        }
        if (guide.getDataType() != input.getDataType()) {
            throw new IllegalArgumentException("guide and input types differ: " + guide.getDataType() + " vs "
                    + input.getDataType());
        }
    }
}
