package dev.photostyle.colour;

import dev.photostyle.linalg.Matrix3;
import dev.photostyle.linalg.SymmetricEigen3;

/**
 * The linear Monge–Kantorovich colour map (F. Pitié, A. Kokaram, "The linear Monge-Kantorovitch
 * linear colour mapping for example-based colour transfer", IET CVMP 2007): the affine map
 * {@code x -> T (x − μc) + μs} with
 * {@code T = Σc^-1/2 (Σc^1/2 Σs Σc^1/2)^1/2 Σc^-1/2}, the unique symmetric positive definite T with
 * {@code T Σc T = Σs}. It carries colours of mean μc and covariance Σc onto mean μs and covariance
 * Σs, and of all such affine maps it moves colours the least (the optimal transport map between the
 * two Gaussians).
 *
 * <p>Both covariances are regularised by {@code + eps I} before the map is formed, so a flat or
 * one-dimensional region (singular Σ) gives a finite T: with {@link #QUANTISATION_EPS}, the variance
 * of 8-bit rounding noise, a direction in which the content does not vary is treated as carrying
 * that noise only. The mapped covariance is then {@code Σs + eps (I − T²)}, within
 * {@code eps · max(1, |T|²)} of Σs.
 *
 * <p>Example: {@code double[][] a = LinearColourMap.affine(contentMoments, styleMoments, LinearColourMap.QUANTISATION_EPS);}
 */
public final class LinearColourMap {
    /** Variance of uniform rounding to 8 bits on [0, 1]: {@code (1/255)² / 12}. */
    public static final double QUANTISATION_EPS = 1.0 / (255.0 * 255.0 * 12.0);

    private LinearColourMap() {}

    /**
     * The 3x4 affine {@code [T | μs − T μc]} (row k gives output channel k:
     * {@code y_k = Σ_j a[k][j] x_j + a[k][3]}).
     *
     * @param content moments of the colours to map
     * @param style moments of the target colours
     * @param eps ridge added to both covariances ({@code >= 0}; 0 only for non-singular covariances)
     */
    public static double[][] affine(ColourMoments content, ColourMoments style, double eps) {
        if (!(eps >= 0) || Double.isInfinite(eps)) throw new IllegalArgumentException("eps must be finite and >= 0, got " + eps);
        double[][] sc = ridge(content.covariance(), eps);
        double[][] ss = ridge(style.covariance(), eps);
        SymmetricEigen3 ec = SymmetricEigen3.of(sc);
        for (double v : ec.values()) {
            if (!(v > 0)) throw new IllegalArgumentException("content covariance is singular; use eps > 0");
        }
        double[][] root = ec.apply(Math::sqrt);
        double[][] invRoot = ec.apply(v -> 1 / Math.sqrt(v));
        double[][] middle = Matrix3.multiply(Matrix3.multiply(root, ss), root);
        Matrix3.symmetrise(middle); // rounding asymmetry would trip the eigen solver's check
        double[][] t = Matrix3.multiply(Matrix3.multiply(invRoot, SymmetricEigen3.sqrtPsd(middle)), invRoot);
        Matrix3.symmetrise(t);
        double[] mc = content.mean(), ms = style.mean();
        double[][] a = new double[3][4];
        for (int k = 0; k < 3; k++) {
            System.arraycopy(t[k], 0, a[k], 0, 3);
            a[k][3] = ms[k] - (t[k][0] * mc[0] + t[k][1] * mc[1] + t[k][2] * mc[2]);
        }
        return a;
    }

    private static double[][] ridge(double[][] s, double eps) {
        for (int i = 0; i < 3; i++) s[i][i] += eps;
        return s;
    }
}
