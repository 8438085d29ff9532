package dev.photostyle.matting.laplacian;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.engine.TensorScope;
import dev.photostyle.linalg.Symmetric3;
import dev.photostyle.matting.filter.BoxFilter;
import dev.photostyle.matting.filter.LocalColourStatistics;

/**
 * The matting Laplacian of Levin, Lischinski, Weiss, "A Closed-Form Solution to Natural Image
 * Matting", TPAMI 30(2), 2008 (Eq. 12), applied matrix-free in O(N) for any window radius following
 * He, Sun, Tang, "Fast Matting Using Large Kernel Matting Laplacian Matrices", CVPR 2010 (Eq. 9-11):
 *
 * <pre>
 *   L_ij = sum_{k : i,j in w_k} ( delta_ij - (1 + (I_i - mu_k)^T (Sigma_k + eps/|w| U)^-1 (I_j - mu_k)) / |w| )
 *   (L p)_i = sum_{k : i in w_k} ( p_i - a_k^T I_i - b_k ),
 *   a_k = (Sigma_k + eps/|w| U)^-1 (mean_k(I p) - mu_k pbar_k),   b_k = pbar_k - a_k^T mu_k
 * </pre>
 *
 * <p><b>Window convention</b> (as Levin's reference {@code getLaplacian1.m}): only windows lying
 * entirely inside the image take part, so |w| = (2r+1)^2 for every window and a pixel near the
 * border belongs to fewer windows. The box-filter form implements this with a mask m_k of valid
 * window centres: (L p)_i = p_i S(m)_i - I_i^T S(m a)_i - S(m b)_i, S = {@link BoxFilter#sum}.
 *
 * <p>Shapes: guide (1, 3, H, W) with colours in [0, 1]; p (1, C, H, W), each channel multiplied
 * independently. The per-window statistics (mean, closed-form 3x3 covariance inverse) are computed
 * once per guide in float64 by {@link #prepare}, because with the paper's eps = 1e-7 the inverse
 * reaches |w|/eps ~ 1e8 in flat regions, far beyond float32's reach. Products, energies and the
 * diagonal are evaluated and <b>returned in float64</b> whatever p's type: p is promoted by a
 * multiply with a float64 one (DJL's {@code toType} is not differentiable, and no op casts down
 * differentiably), so a float32 p still receives its float32 gradient. A float64 energy can be
 * added to a float32 loss directly (PyTorch type promotion). Everything is differentiable in p.
 *
 * <p>For many products with one guide (an optimisation loop), {@link StencilLaplacian} precomputes
 * L's entries from this operator and applies them as a stencil, with a closed-form energy gradient.
 *
 * <pre>{@code
 * try (MattingLaplacian.Operator L = MattingLaplacian.DEFAULT.prepare(content)) {
 *     NDArray loss = L.energy(output);          // sum_c V_c^T L V_c, gradient 2 L V
 * }
 * }</pre>
 *
 * @param epsilon regulariser eps > 0 (paper: 1e-7)
 * @param radius window radius r >= 1 (paper: 1, i.e. 3x3 windows)
 */
public record MattingLaplacian(double epsilon, int radius) {

    /** The paper's parameters: eps = 1e-7, 3x3 windows. */
    public static final MattingLaplacian DEFAULT = new MattingLaplacian(1e-7, 1);

    public MattingLaplacian {
        if (!(epsilon > 0)) throw new IllegalArgumentException("matting Laplacian epsilon must be > 0, got " + epsilon);
        if (radius < 1) throw new IllegalArgumentException("matting Laplacian radius must be >= 1, got " + radius);
    }

    /** Number of pixels in a window, |w| = (2r+1)^2. */
    public int windowSize() {
        return (2 * radius + 1) * (2 * radius + 1);
    }

    /** L p for a one-off product; (1, C, H, W) float64 in p's manager. Prefer {@link #prepare} in loops. */
    public NDArray multiply(NDArray guide, NDArray p) {
        try (Operator op = prepare(guide)) {
            return op.multiply(p);
        }
    }

    /** diag(L) as (1, 1, H, W) float64 in the guide's manager. */
    public NDArray diagonal(NDArray guide) {
        try (Operator op = prepare(guide)) {
            return op.diagonal();
        }
    }

    /** sum_c v_c^T L v_c as a float64 scalar in v's manager; differentiable (gradient 2 L v). */
    public NDArray energy(NDArray guide, NDArray v) {
        try (Operator op = prepare(guide)) {
            return op.energy(v);
        }
    }

    /** Precomputes the guide's window statistics; close the operator to free them. */
    public Operator prepare(NDArray guide) {
        Shape s = guide.getShape();
        if (s.dimension() != 4 || s.get(0) != 1 || s.get(1) != 3) {
            throw new IllegalArgumentException("matting Laplacian guide must be (1, 3, H, W), got " + s);
        }
        if (s.get(2) < 2L * radius + 1 || s.get(3) < 2L * radius + 1) {
            throw new IllegalArgumentException("image " + s.get(3) + "x" + s.get(2) + " is smaller than one "
                    + (2 * radius + 1) + "x" + (2 * radius + 1) + " window");
        }
        return new Operator(this, guide);
    }

    /**
     * L for one guide image, holding float64 window statistics on the guide's device. Not thread-safe
     * (its temporaries are scoped per call); close it when done.
     */
    public static final class Operator implements AutoCloseable {
        private final MattingLaplacian params;
        private final NDManager manager;
        private final long height;
        private final long width;
        private final NDArray guide;   // (1,3,H,W) f64
        private final NDArray mu;      // (1,3,H,W) window means
        private final NDArray inverse; // (1,6,H,W) (Sigma + eps/|w| U)^-1
        private final NDArray mask;    // (1,1,H,W) 1 where the window centred there lies inside the image
        private final NDArray windows; // (1,1,H,W) number of valid windows containing each pixel

        private Operator(MattingLaplacian params, NDArray guideIn) {
            this.params = params;
            this.manager = guideIn.getManager().newSubManager();
            Shape s = guideIn.getShape();
            this.height = s.get(2);
            this.width = s.get(3);
            int r = params.radius();
            NDArray[] st = TensorScope.keepAll(() -> {
                NDArray g = guideIn.toType(DataType.FLOAT64, true);
                LocalColourStatistics cs = LocalColourStatistics.of(g, r);
                NDArray inv = Symmetric3.inverse(cs.covariance(), params.epsilon() / params.windowSize());
                NDArray m = validCentres(guideIn.getManager(), height, width, r).toDevice(guideIn.getDevice(), false);
                return new NDArray[] {g, cs.mean(), inv, m, BoxFilter.sum(m, r)};
            });
            for (NDArray a : st) {
                a.attach(manager);
                ai.djl.ndarray.NDScope.unregister(a);
            }
            this.guide = st[0];
            this.mu = st[1];
            this.inverse = st[2];
            this.mask = st[3];
            this.windows = st[4];
        }

        /** The parameters this operator was built with. */
        public MattingLaplacian parameters() {
            return params;
        }

        // Window statistics for StencilLaplacian, which derives its coefficients from them (owned here).
        NDArray guide64() { return guide; }

        NDArray means() { return mu; }

        NDArray inverseCovariance() { return inverse; }

        NDArray validCentres() { return mask; }

        /** L p: (1, C, H, W) in, (1, C, H, W) float64 out in p's manager. */
        public NDArray multiply(NDArray p) {
            check(p);
            NDArray out = TensorScope.keep(() -> multiplyF64(promote(p)));
            out.attach(p.getManager());
            return out;
        }

        /** sum_c v_c^T L v_c: a float64 scalar in v's manager; its gradient with respect to v is 2 L v. */
        public NDArray energy(NDArray v) {
            check(v);
            NDArray out = TensorScope.keep(() -> {
                NDArray vf = promote(v);
                return vf.mul(multiplyF64(vf)).sum();
            });
            out.attach(v.getManager());
            return out;
        }

        /**
         * diag(L): (1, 1, H, W) float64, owned by the guide's manager. Per pixel,
         * sum over valid windows k containing i of 1 - (1 + (I_i - mu_k)^T D_k (I_i - mu_k)) / |w|,
         * with the quadratic form expanded so that every window sum is a box sum.
         */
        public NDArray diagonal() {
            NDArray out = TensorScope.keep(() -> {
                int r = params.radius();
                double w = params.windowSize();
                NDArray[] m = planes(mu);
                NDArray[] dmu = Symmetric3.multiply(inverse, m);         // D mu
                NDArray mdm = m[0].mul(dmu[0]).add(m[1].mul(dmu[1])).add(m[2].mul(dmu[2])); // mu^T D mu
                NDArray sums = BoxFilter.sum(NDArrays.concat(
                        new NDList(inverse, dmu[0], dmu[1], dmu[2], mdm), 1).mul(mask), r); // (1,10,H,W)
                NDArray[] g = planes(guide);
                NDArray quad = mdmSum(sums);
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        quad = quad.add(g[i].mul(g[j]).mul(Symmetric3.plane(sums, Symmetric3.INDEX[i][j])));
                    }
                    quad = quad.sub(g[i].mul(Symmetric3.plane(sums, 6 + i)).mul(2));
                }
                return windows.mul(1 - 1 / w).sub(quad.div(w));
            });
            out.attach(manager.getParentManager());
            return out;
        }

        /** p in float64, differentiably: type promotion by a float64 one (toType would cut the graph). */
        private NDArray promote(NDArray p) {
            if (p.getDataType() == DataType.FLOAT64) return p;
            return p.mul(manager.ones(new Shape(1, 1, 1, 1), DataType.FLOAT64).toDevice(p.getDevice(), false));
        }

        private static NDArray mdmSum(NDArray sums) {
            return Symmetric3.plane(sums, 9);
        }

        private NDArray multiplyF64(NDArray p) {
            int r = params.radius();
            long c = p.getShape().get(1);
            NDArray[] g = planes(guide);
            NDArray[] m = planes(mu);
            NDArray pbar = BoxFilter.mean(p, r);
            NDArray ip = BoxFilter.mean(NDArrays.concat(new NDList(g[0].mul(p), g[1].mul(p), g[2].mul(p)), 1), r);
            NDArray[] cov = new NDArray[3];
            for (int i = 0; i < 3; i++) cov[i] = ip.get(":, {}:{}", i * c, (i + 1) * c).sub(m[i].mul(pbar));
            NDArray[] a = Symmetric3.multiply(inverse, cov);
            NDArray b = pbar.sub(a[0].mul(m[0])).sub(a[1].mul(m[1])).sub(a[2].mul(m[2]));
            // Only windows inside the image contribute (Levin's convention), hence the mask.
            NDArray s = BoxFilter.sum(NDArrays.concat(new NDList(a[0], a[1], a[2], b), 1).mul(mask), r);
            NDArray fit = s.get(":, {}:", 3 * c);
            for (int i = 0; i < 3; i++) fit = fit.add(g[i].mul(s.get(":, {}:{}", i * c, (i + 1) * c)));
            return p.mul(windows).sub(fit);
        }

        private void check(NDArray p) {
            Shape s = p.getShape();
            if (s.dimension() != 4 || s.get(0) != 1 || s.get(2) != height || s.get(3) != width) {
                throw new IllegalArgumentException("expected (1, C, " + height + ", " + width + "), got " + s);
            }
            if (!p.getDataType().isFloating()) {
                throw new IllegalArgumentException("matting Laplacian needs a floating-point tensor, got "
                        + p.getDataType());
            }
        }

        private static NDArray[] planes(NDArray x) {
            return new NDArray[] {Symmetric3.plane(x, 0), Symmetric3.plane(x, 1), Symmetric3.plane(x, 2)};
        }

        /** (1,1,H,W) float64: 1 where the (2r+1)^2 window centred at the pixel lies inside the image. */
        private static NDArray validCentres(NDManager m, long h, long w, int r) {
            double[] ys = new double[(int) h];
            double[] xs = new double[(int) w];
            for (int y = r; y < h - r; y++) ys[y] = 1;
            for (int x = r; x < w - r; x++) xs[x] = 1;
            return m.create(ys, new Shape(1, 1, h, 1)).mul(m.create(xs, new Shape(1, 1, 1, w)));
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}
