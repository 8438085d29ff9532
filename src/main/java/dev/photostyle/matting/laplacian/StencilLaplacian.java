package dev.photostyle.matting.laplacian;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.engine.HostStaging;
import dev.photostyle.engine.TensorScope;
import dev.photostyle.engine.Tensors;
import dev.photostyle.linalg.Symmetric3;
import java.util.stream.IntStream;

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
 * <p>Products run on the host, row by row over a zero-padded copy of v, rows in parallel: one pass
 * over the coefficients and no temporaries, where the same stencil as engine ops took ~100 full-size
 * ops per product (a slice, a difference, a product and a sum per tap), each its own memory pass and
 * thread hand-off (0.2-0.45 of VGG19's forward and backward to relu3_1 at 512 px on 2 cores; the host
 * loop is a few hundredths). The sums run in the same order with the same IEEE roundings as those ops
 * did (Java does not fuse multiply-adds), so the values are unchanged.
 *
 * <p>Precision: coefficients are bounded (|(I_i - mu)^T D (I_j - mu)| <= |w| per window, a leverage
 * bound), so float32 storage holds them to 6e-8 relative even where the inverse D reaches
 * |w|/eps ~ 1e8. What float32 cannot do is the 25-tap sum sum_d c_d v(i+d) where L v is small
 * against v (near-affine outputs): it errs by ~u sum_d |c_d v(i+d)| ~ 1e-6, a 25% error in the energy
 * of an exact affine recolouring of a photo with flat sky (64x48 crop of DPST in1), 5e-5 with 1/255
 * noise added. Taking the differences first (second form above) bounds the error by
 * ~27 u sum_{d != 0} |c_d| |v(i+d) - v(i)| instead (5e-7 relative with the noise) and makes L 1 = 0
 * exactly. A product is computed in float64 when v or the coefficients are float64, else in float32;
 * {@link #energy} returns float64.
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
    private final int height;
    private final int width;
    private final int reach;      // 2r: the farthest neighbour sharing a window
    private final int taps;       // (4r+1)^2
    private final DataType type;  // of the stored coefficients
    private final float[] c32;    // (T, H, W) row-major when type is FLOAT32, else null
    private final double[] c64;   // (T, H, W) row-major when type is FLOAT64, else null
    private final Scratch scratch = new Scratch();

    /**
     * The float32 product's host arrays and upload buffer, kept across calls: fresh ones per
     * evaluation were fresh memory each time, faulted in by the kernel, which cost more than the
     * product itself (see {@link HostStaging}). Guarded by synchronising on it.
     */
    private final class Scratch {
        final HostStaging staging = new HostStaging();
        float[] in;
        float[] padded;
        float[] out;

        /** L v for float32 v (1, C, H, W): reads v into {@link #in}, returns {@link #out}. */
        float[] product(NDArray v) {
            in = staging.read(v, in);
            int channels = in.length / (height * width);
            int paddedLength = channels * (height + 2 * reach) * (width + 2 * reach);
            if (padded == null || padded.length != paddedLength) padded = new float[paddedLength];
            if (out == null || out.length != in.length) out = new float[in.length];
            return product32(in, padded, out);
        }
    }

    private StencilLaplacian(MattingLaplacian.Operator op, DataType type) {
        this.params = op.parameters();
        NDArray guide = op.guide64();
        this.height = (int) guide.getShape().get(2);
        this.width = (int) guide.getShape().get(3);
        this.reach = 2 * params.radius();
        this.taps = (2 * reach + 1) * (2 * reach + 1);
        this.type = type;
        try (NDManager tmp = guide.getManager().newSubManager()) {
            NDArray f64 = TensorScope.keep(() -> windowTerms(op));
            f64.attach(tmp);
            if (type == DataType.FLOAT64) {
                this.c64 = f64.toDoubleArray();
                this.c32 = null;
            } else {
                this.c32 = f64.toType(DataType.FLOAT32, false).toFloatArray();
                this.c64 = null;
            }
        }
    }

    /**
     * The stencil of an already prepared operator, with coefficients stored as {@code type}
     * (FLOAT32 or FLOAT64) on the host.
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

    /**
     * A copy of the (T, H, W) coefficients in {@code manager}, of the stored type:
     * c[tap(dy, dx)][y][x] = L between (y, x) and (y + dy, x + dx).
     */
    public NDArray coefficients(NDManager manager) {
        Shape s = new Shape(taps, height, width);
        return type == DataType.FLOAT64 ? manager.create(c64, s) : manager.create(c32, s);
    }

    /**
     * L v: (1, C, H, W) in, (1, C, H, W) out in v's manager and on its device, float64 if v or the
     * coefficients are, else float32. A value, not recorded by autograd ({@link #energy} carries the
     * gradient). Rows of L sum to zero (every window term annihilates constants), so the product is
     * taken as (L v)_i = sum_{d != 0} c_d(i) (v(i + d) - v(i)): the differences are small where v is
     * locally smooth, which keeps float32 accurate where L v is small against v (near-affine outputs,
     * the optimum of the photorealism term), and L 1 = 0 exactly.
     */
    public NDArray multiply(NDArray v) {
        check(v);
        long[] shape = v.getShape().getShape();
        NDManager m = v.getManager();
        if (wide(v)) {
            return Tensors.owned(m.create(product64(v.toType(DataType.FLOAT64, false).toDoubleArray()), new Shape(shape)),
                    v.getDevice());
        }
        synchronized (scratch) {
            float[] u = scratch.product(v);
            return scratch.staging.upload(u, new Shape(shape), m, v.getDevice());
        }
    }

    /**
     * sum_c v_c^T L v_c as a float64 scalar in v's manager, with gradient 2 L v. The product u = L v
     * is taken on the host (autograd never records the stencil), and the result is built as
     * {@code sum((v - v') * 2u) + value} with v' = detached v: the first part is exactly zero with
     * gradient 2u, the second the float64 sum of v u, so the value carries no float32 rounding of the
     * reduction. Composes with any autograd graph upstream of v.
     */
    public NDArray energy(NDArray v) {
        check(v);
        NDArray out = TensorScope.keep(() -> {
            NDArray fixed = v.stopGradient();
            NDManager m = v.getManager();
            Shape s = v.getShape();
            double value = 0;
            NDArray twice;
            if (wide(v)) {
                double[] x = fixed.toType(DataType.FLOAT64, false).toDoubleArray();
                double[] u = product64(x);
                for (int i = 0; i < x.length; i++) {
                    value += x[i] * u[i];
                    u[i] *= 2;
                }
                twice = Tensors.owned(m.create(u, s), v.getDevice());
            } else {
                synchronized (scratch) {
                    float[] u = scratch.product(fixed);
                    float[] x = scratch.in;
                    for (int i = 0; i < x.length; i++) {
                        value += (double) x[i] * u[i];
                        u[i] *= 2; // exact
                    }
                    twice = scratch.staging.upload(u, s, m, v.getDevice());
                }
            }
            NDArray zero = v.sub(fixed).mul(twice).sum();
            return zero.add(m.create(value).toDevice(v.getDevice(), false));
        });
        out.attach(v.getManager());
        return out;
    }

    private boolean wide(NDArray v) {
        return type == DataType.FLOAT64 || v.getDataType() == DataType.FLOAT64;
    }

    /**
     * L v in float32 for v (C, H, W) flattened, into caller-kept arrays: {@code padded}
     * (C, H + 4r, W + 4r), whose border stays zero (only its interior is written), and {@code out},
     * overwritten. Per row, tap by tap, every channel: a coefficient row is read from memory once for
     * all channels (the coefficients, 24 planes, are what the product streams); each output sums its
     * taps in ascending order.
     *
     * <p>Why the row copies: HotSpot's C2 (JDK 17) vectorises {@code a[x] += (b[x] - c[x]) * d[x]}
     * only when every array is indexed by the same expression; with the per-tap offsets inside the
     * index it runs scalar, ~4x slower (0.9 against 0.2 ns an element, measured). So each tap's
     * neighbour row and coefficient row are copied to offset 0 first (a cheap intrinsic copy), and
     * the arithmetic, and so the result, is exactly what the offset loop computed.
     */
    private float[] product32(float[] v, float[] padded, float[] out) {
        int pw = width + 2 * reach;
        int ph = height + 2 * reach;
        int n = height * width;
        int channels = v.length / n;
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(v, c * n + y * width, padded, (c * ph + y + reach) * pw + reach, width);
            }
        }
        int span = 2 * reach + 1;
        int centre = taps / 2;
        int chunks = Math.min(height, 2 * Runtime.getRuntime().availableProcessors());
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            float[] coef = new float[width];
            float[] near = new float[width];
            float[][] mid = new float[channels][width];
            float[][] acc = new float[channels][width];
            for (int y = chunk * height / chunks; y < (chunk + 1) * height / chunks; y++) {
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(padded, (c * ph + y + reach) * pw + reach, mid[c], 0, width);
                    java.util.Arrays.fill(acc[c], 0f);
                }
                for (int t = 0; t < taps; t++) {
                    if (t == centre) continue;
                    System.arraycopy(c32, (t * height + y) * width, coef, 0, width);
                    for (int c = 0; c < channels; c++) {
                        System.arraycopy(padded, (c * ph + y + t / span) * pw + t % span, near, 0, width);
                        float[] a = acc[c];
                        float[] m = mid[c];
                        for (int x = 0; x < width; x++) a[x] += (near[x] - m[x]) * coef[x];
                    }
                }
                for (int c = 0; c < channels; c++) System.arraycopy(acc[c], 0, out, c * n + y * width, width);
            }
        });
        return out;
    }

    /** L v in float64, in {@link #product32}'s order; coefficients widened if stored as float32. */
    private double[] product64(double[] v) {
        double[] coef = c64;
        if (coef == null) {
            coef = new double[c32.length];
            for (int i = 0; i < coef.length; i++) coef[i] = c32[i];
        }
        double[] c = coef;
        int pw = width + 2 * reach;
        int ph = height + 2 * reach;
        int n = height * width;
        int channels = v.length / n;
        double[] padded = new double[channels * ph * pw];
        for (int ch = 0; ch < channels; ch++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(v, ch * n + y * width, padded, (ch * ph + y + reach) * pw + reach, width);
            }
        }
        double[] out = new double[v.length];
        int span = 2 * reach + 1;
        int centre = taps / 2;
        IntStream.range(0, height).parallel().forEach(y -> {
            for (int t = 0; t < taps; t++) {
                if (t == centre) continue;
                int k = (t * height + y) * width;
                for (int ch = 0; ch < channels; ch++) {
                    int o = ch * n + y * width;
                    int mid = (ch * ph + y + reach) * pw + reach;
                    int nb = (ch * ph + y + t / span) * pw + t % span;
                    for (int x = 0; x < width; x++) out[o + x] += (padded[nb + x] - padded[mid + x]) * c[k + x];
                }
            }
        });
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

    /** Nothing to free: the coefficients are host arrays. Kept so that callers scope a stencil like other operators. */
    @Override
    public void close() {}
}
