package dev.photostyle.matting.laplacian;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.engine.TensorScope;
import dev.photostyle.linalg.Symmetric3;

/**
 * The matting Laplacian of Levin, Lischinski, Weiss, "A Closed-Form Solution to Natural Image
 * Matting", TPAMI 30(2), 2008 (Eq. 12) as an explicit per-pixel stencil, for loops that apply one
 * guide's L many times (the photorealism term of Luan et al. 2017, Eq. 2).
 *
 * <p>Pixels i and j share a window only if they are at most 2r apart in each axis, so row i of L
 * has (4r+1)^2 nonzero entries (25 for r = 1). They are computed once, in float64, from the
 * {@link MattingLaplacian.Operator}'s window statistics, window by window as Levin's reference
 * {@code getLaplacian1.m} does (only windows entirely inside the image):
 *
 * <pre>
 *   L_ij = sum_{k : i,j in w_k} ( delta_ij - (1 + (I_i - mu_k)^T (Sigma_k + eps/|w| U)^-1 (I_j - mu_k)) / |w| )
 *   c_d(i) = L_{i, i+d},   d in [-2r, 2r]^2
 *   (L v)_i = sum_d c_d(i) v(i + d) = sum_{d != 0} c_d(i) (v(i + d) - v(i))   (rows of L sum to zero)
 * </pre>
 *
 * so a product costs (4r+1)^2 - 1 taps per pixel and channel instead of the Operator's dozen box
 * filters, and needs no autograd through them. Each (i, j) pair's window term is computed once and
 * stored as both c_d(i) and c_-d(i+d), in the same order, so the stored L is exactly symmetric.
 *
 * <p>Precision: coefficients are bounded (|(I_i - mu)^T D (I_j - mu)| <= |w| per window, a leverage
 * bound), so float32 storage holds them to 6e-8 relative even where the inverse D reaches
 * |w|/eps ~ 1e8. What float32 cannot do is the 25-tap sum sum_d c_d v(i+d) where L v is small
 * against v (near-affine outputs): it errs by ~u sum_d |c_d v(i+d)| ~ 1e-6, a 25% error in the energy
 * of an exact affine recolouring of a photo with flat sky (64x48 crop of DPST in1), 5e-5 with 1/255
 * noise added. Taking the differences first (second form above) bounds the error by
 * ~27 u sum_{d != 0} |c_d| |v(i+d) - v(i)| instead (5e-7 relative with the noise) and makes L 1 = 0
 * exactly. The product keeps the promoted type of v and the coefficients; {@link #energy} returns
 * float64.
 *
 * <p>Shapes: coefficients (T, H, W) with T = (4r+1)^2 and tap {@link #tap}(dy, dx) =
 * (dy + 2r)(4r + 1) + dx + 2r; v is (1, C, H, W), each channel multiplied independently.
 *
 * <pre>{@code
 * try (StencilLaplacian L = StencilLaplacian.of(MattingLaplacian.DEFAULT, content, DataType.FLOAT32)) {
 *     NDArray loss = L.energy(output);          // sum_c V_c^T L V_c, gradient 2 L V without autograd through L
 * }
 * }</pre>
 */
public final class StencilLaplacian implements AutoCloseable {
    private final MattingLaplacian params;
    private final NDManager manager;
    private final long height;
    private final long width;
    private final int reach;            // 2r: the farthest neighbour sharing a window
    private final NDArray coefficients; // (T, H, W)
    private final NDArray[] taps;       // views (H, W) of the coefficients, one per offset

    private StencilLaplacian(MattingLaplacian.Operator op, DataType type) {
        this.params = op.parameters();
        NDArray guide = op.guide64();
        this.manager = guide.getManager().getParentManager().newSubManager();
        this.height = guide.getShape().get(2);
        this.width = guide.getShape().get(3);
        this.reach = 2 * params.radius();
        NDArray c = TensorScope.keep(() -> {
            NDArray f64 = windowTerms(op);
            return type == DataType.FLOAT64 ? f64 : f64.toType(type, false);
        });
        c.attach(manager);
        NDScope.unregister(c);
        this.coefficients = c;
        this.taps = new NDArray[(int) c.getShape().get(0)];
        for (int t = 0; t < taps.length; t++) {
            taps[t] = c.get(t);
            NDScope.unregister(taps[t]); // they live as long as the coefficients, not the caller's scope
        }
    }

    /**
     * The stencil of an already prepared operator, stored as {@code type} (FLOAT32 or FLOAT64),
     * on the guide's device and owned by the guide's manager; close it when done.
     */
    public static StencilLaplacian of(MattingLaplacian.Operator op, DataType type) {
        if (type != DataType.FLOAT32 && type != DataType.FLOAT64) {
            throw new IllegalArgumentException("stencil coefficients must be FLOAT32 or FLOAT64, got " + type);
        }
        return new StencilLaplacian(op, type);
    }

    /** The stencil of {@code params}' Laplacian for a (1, 3, H, W) guide with colours in [0, 1]. */
    public static StencilLaplacian of(MattingLaplacian params, NDArray guide, DataType type) {
        try (MattingLaplacian.Operator op = params.prepare(guide)) {
            return of(op, type);
        }
    }

    /** The parameters this stencil was built with. */
    public MattingLaplacian parameters() {
        return params;
    }

    /** Index of the coefficient plane for neighbour offset (dy, dx), each in [-2r, 2r]. */
    public int tap(int dy, int dx) {
        if (Math.abs(dy) > reach || Math.abs(dx) > reach) {
            throw new IllegalArgumentException("offset (" + dy + ", " + dx + ") beyond the stencil's reach " + reach);
        }
        return (dy + reach) * (2 * reach + 1) + dx + reach;
    }

    /** The (T, H, W) coefficients, c[tap(dy, dx)][y][x] = L between (y, x) and (y + dy, x + dx); owned here. */
    public NDArray coefficients() {
        return coefficients;
    }

    /**
     * L v: (1, C, H, W) in, (1, C, H, W) out in v's manager, of the wider of v's and the
     * coefficients' types. Differentiable in v. Rows of L sum to zero (every window term annihilates
     * constants), so the product is taken as (L v)_i = sum_{d != 0} c_d(i) (v(i + d) - v(i)): the
     * differences are small where v is locally smooth, which keeps float32 accurate where L v is
     * small against v (near-affine outputs, the optimum of the photorealism term), and L 1 = 0 exactly.
     */
    public NDArray multiply(NDArray v) {
        check(v);
        NDArray out = TensorScope.keep(() -> {
            NDArray x = promote(v);
            // Zero padding: a neighbour outside the image has a zero coefficient anyway.
            NDArray padded = x.pad(new Shape(reach, reach, reach, reach), 0);
            int span = 2 * reach + 1;
            int centre = taps.length / 2;
            NDArray sum = null;
            for (int t = 0; t < taps.length; t++) {
                if (t == centre) continue;
                int dy = t / span;
                int dx = t % span;
                NDArray term = padded.get(new NDIndex().addAllDim(2)
                        .addSliceDim(dy, dy + height).addSliceDim(dx, dx + width)).sub(x).mul(taps[t]);
                // In place: mul saves its inputs, not its output, so autograd allows it.
                sum = sum == null ? term : sum.addi(term);
            }
            return sum;
        });
        out.attach(v.getManager());
        return out;
    }

    /** v in float64 when the coefficients are, differentiably (toType would cut the graph). */
    private NDArray promote(NDArray v) {
        if (coefficients.getDataType() != DataType.FLOAT64 || v.getDataType() == DataType.FLOAT64) return v;
        return v.mul(v.getManager().ones(new Shape(1, 1, 1, 1), DataType.FLOAT64).toDevice(v.getDevice(), false));
    }

    /**
     * sum_c v_c^T L v_c as a float64 scalar in v's manager, with gradient 2 L v. The product is taken
     * on a detached copy of v (so autograd never records the stencil), and the result is built as
     * {@code sum((v - v') * 2u) + value} with v' = detached v, u = L v': the first part is exactly
     * zero with gradient 2u, the second a float64 constant, so the value carries no float32 rounding
     * of the reduction. Composes with any autograd graph upstream of v.
     */
    public NDArray energy(NDArray v) {
        check(v);
        NDArray out = TensorScope.keep(() -> {
            NDArray fixed = v.stopGradient();
            NDArray u = multiply(fixed);
            double value = fixed.toType(DataType.FLOAT64, false)
                    .mul(u.toType(DataType.FLOAT64, false)).sum().getDouble();
            NDArray zero = v.sub(fixed).mul(u.mul(2)).sum();
            return zero.add(v.getManager().create(value).toDevice(v.getDevice(), false));
        });
        out.attach(v.getManager());
        return out;
    }

    /**
     * (T, H, W) float64 coefficients. For every valid window k and every pair of window offsets
     * a <= b (raster order), the window term of L between k + a and k + b is added to c_{b-a} at
     * pixel k + a and to c_{a-b} at pixel k + b; both taps receive the same values in the same
     * order, hence exact symmetry.
     */
    private NDArray windowTerms(MattingLaplacian.Operator op) {
        int r = params.radius();
        int side = 2 * r + 1;
        int size = side * side;
        double w = params.windowSize();
        NDArray mu = op.means();
        NDArray inv = op.inverseCovariance();
        NDArray mask = op.validCentres();
        int span = 2 * reach + 1;
        NDArray[] acc = new NDArray[span * span];
        for (int t = 0; t < acc.length; t++) acc[t] = mask.zerosLike();
        // e[a] = I_{k+a} - mu_k for every window centre k, three (1,1,H,W) planes per window offset a.
        NDArray[][] e = new NDArray[size][];
        for (int a = 0; a < size; a++) {
            NDArray ea = shift(op.guide64(), a / side - r, a % side - r, r).sub(mu);
            e[a] = new NDArray[] {Symmetric3.plane(ea, 0), Symmetric3.plane(ea, 1), Symmetric3.plane(ea, 2)};
        }
        for (int a = 0; a < size; a++) {
            int ay = a / side - r;
            int ax = a % side - r;
            try (NDScope perA = new NDScope()) {
                perA.suppressNotUsedWarning();
                NDArray[] de = Symmetric3.multiply(inv, e[a]);
                for (int b = a; b < size; b++) {
                    int by = b / side - r;
                    int bx = b % side - r;
                    try (NDScope perPair = new NDScope()) {
                        perPair.suppressNotUsedWarning();
                        NDArray q = de[0].mul(e[b][0]).add(de[1].mul(e[b][1])).add(de[2].mul(e[b][2]));
                        NDArray block = q.add(1).div(-w).add(a == b ? 1 : 0).mul(mask);
                        // Window k's term sits at pixel i = k + a on tap b - a, i.e. block shifted by -a.
                        acc[tap(by - ay, bx - ax)].addi(shift(block, -ay, -ax, r));
                        if (a != b) acc[tap(ay - by, ax - bx)].addi(shift(block, -by, -bx, r));
                    }
                }
            }
        }
        return NDArrays.concat(new NDList(acc), 1).reshape(acc.length, height, width);
    }

    /** y(i) = x(i + (dy, dx)) for a (1, C, H, W) x, zero outside; |dy|, |dx| <= pad. */
    private NDArray shift(NDArray x, int dy, int dx, int pad) {
        return x.pad(new Shape(pad, pad, pad, pad), 0).get(new NDIndex().addAllDim(2)
                .addSliceDim(pad + dy, pad + dy + height).addSliceDim(pad + dx, pad + dx + width));
    }

    private void check(NDArray v) {
        Shape s = v.getShape();
        if (s.dimension() != 4 || s.get(0) != 1 || s.get(2) != height || s.get(3) != width) {
            throw new IllegalArgumentException("expected (1, C, " + height + ", " + width + "), got " + s);
        }
        if (!v.getDataType().isFloating()) {
            throw new IllegalArgumentException("matting Laplacian needs a floating-point tensor, got " + v.getDataType());
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
