package dev.photostyle.linalg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import dev.photostyle.engine.TensorScope;

/**
 * Per-pixel symmetric 3x3 matrices stored as six planes, inverted in closed form (adjugate over
 * determinant) with plain tensor ops so the inverse stays on the engine's device and is
 * differentiable. This is the per-window covariance inverse of the guided filter and the matting
 * Laplacian. {@link Matrix3#inverseSymmetric} is the same closed form for one host matrix.
 *
 * <p>Layout: a (N, 6, H, W) tensor whose channels are the upper triangle {@code m00, m01, m02, m11,
 * m12, m22} ({@link #INDEX} maps (row, col) to that channel).
 *
 * <pre>{@code
 * NDArray inv = Symmetric3.inverse(cov6, eps); // (1,6,H,W): (cov + eps*I)^-1
 * }</pre>
 */
public final class Symmetric3 {
    private Symmetric3() {}

    /** Channel of entry (row, col) in the six-plane layout. */
    public static final int[][] INDEX = {{0, 1, 2}, {1, 3, 4}, {2, 4, 5}};

    /**
     * {@code (m + ridge * I)^-1} of every pixel's matrix: (N, 6, H, W) in, (N, 6, H, W) out. The caller
     * guarantees the matrices are invertible (for a covariance, {@code ridge > 0} suffices).
     */
    public static NDArray inverse(NDArray m6, double ridge) {
        if (m6.getShape().dimension() != 4 || m6.getShape().get(1) != 6) {
            throw new IllegalArgumentException("expected (N, 6, H, W) symmetric 3x3 planes, got " + m6.getShape());
        }
        return TensorScope.keep(() -> {
            NDArray a = plane(m6, 0).add(ridge);
            NDArray b = plane(m6, 1);
            NDArray c = plane(m6, 2);
            NDArray d = plane(m6, 3).add(ridge);
            NDArray e = plane(m6, 4);
            NDArray f = plane(m6, 5).add(ridge);
            // Cofactors of [[a b c] [b d e] [c e f]]; symmetric, so six suffice.
            NDArray i00 = d.mul(f).sub(e.mul(e));
            NDArray i01 = c.mul(e).sub(b.mul(f));
            NDArray i02 = b.mul(e).sub(c.mul(d));
            NDArray i11 = a.mul(f).sub(c.mul(c));
            NDArray i12 = b.mul(c).sub(a.mul(e));
            NDArray i22 = a.mul(d).sub(b.mul(b));
            NDArray det = a.mul(i00).add(b.mul(i01)).add(c.mul(i02));
            return NDArrays.concat(new NDList(i00, i01, i02, i11, i12, i22), 1).div(det);
        });
    }

    /** Matrix-vector product per pixel: m6 (N,6,H,W) times v = (v0, v1, v2), each (N,C,H,W). */
    public static NDArray[] multiply(NDArray m6, NDArray[] v) {
        if (v.length != 3) throw new IllegalArgumentException("expected a 3-vector of planes, got " + v.length);
        return TensorScope.keepAll(() -> {
            NDArray[] out = new NDArray[3];
            for (int i = 0; i < 3; i++) {
                out[i] = v[0].mul(plane(m6, INDEX[i][0]))
                        .add(v[1].mul(plane(m6, INDEX[i][1])))
                        .add(v[2].mul(plane(m6, INDEX[i][2])));
            }
            return out;
        });
    }

    /** Channel k of an (N, K, H, W) tensor as (N, 1, H, W). */
    public static NDArray plane(NDArray x, int k) {
        return x.get(new NDIndex().addAllDim().addSliceDim(k, k + 1));
    }
}
