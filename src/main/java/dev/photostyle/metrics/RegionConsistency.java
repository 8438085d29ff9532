package dev.photostyle.metrics;

import dev.photostyle.io.image.FloatImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether each region of a result was recoloured as one piece: the RMS residual of the best single
 * smooth colour map from the content's colours to the result's over the region, a second-order
 * polynomial in RGB per output channel (10 terms: 1, r, g, b, r², g², b², rg, rb, gb) fitted by
 * least squares. Any affine or gently curved recolouring of a region scores about 0; a region whose
 * equal content colours went to different colours in different places (a sky turned navy on the
 * left and lilac on the right) cannot be fitted and scores about half the colour difference.
 * Units are [0, 1] RGB (RMS over pixels and the three channels).
 *
 * <p>The fit standardises each term over the region (centred colours, unit RMS) and adds a ridge of
 * {@value #RIDGE} to the normal equations, so a flat or one-dimensional region (collinear terms)
 * stays well-posed; the residual is then computed directly from the fitted map.
 *
 * <p>Example: {@code List<RegionScore> s = RegionConsistency.measure(content, result, List.of(skyMask));}
 */
public final class RegionConsistency {
    /** Ridge on the standardised normal equations (unit diagonal): negligible bias, no singularity. */
    static final double RIDGE = 1e-9;
    private static final int TERMS = 10;

    private RegionConsistency() {}

    /**
     * One score per region ({@code width * height} flags each, row-major; null means the whole
     * image), in order; an empty region gets a null value.
     */
    public static List<RegionScore> measure(FloatImage content, FloatImage result, List<boolean[]> regions) {
        if (!content.sameSize(result)) throw new IllegalArgumentException("region consistency needs equal sizes, got " + content + " and " + result);
        int n = content.pixels();
        float[] c = content.rgb().toArray(), r = result.rgb().toArray();
        List<RegionScore> out = new ArrayList<>();
        for (boolean[] region : regions) {
            if (region != null && region.length != n) throw new IllegalArgumentException("region has " + region.length + " pixels, expected " + n);
            out.add(residual(c, r, n, region));
        }
        return out;
    }

    private static RegionScore residual(float[] c, float[] r, int n, boolean[] region) {
        double[] mean = new double[3];
        long m = 0;
        for (int i = 0; i < n; i++) {
            if (region != null && !region[i]) continue;
            for (int k = 0; k < 3; k++) mean[k] += c[k * n + i];
            m++;
        }
        if (m == 0) return new RegionScore(null, 0);
        for (int k = 0; k < 3; k++) mean[k] /= m;
        // Term scales (RMS over the region) for standardisation; a term that is 0 everywhere keeps scale 1.
        double[] f = new double[TERMS], scale = new double[TERMS];
        for (int i = 0; i < n; i++) {
            if (region != null && !region[i]) continue;
            terms(c, n, i, mean, f);
            for (int t = 0; t < TERMS; t++) scale[t] += f[t] * f[t];
        }
        for (int t = 0; t < TERMS; t++) scale[t] = scale[t] > 0 ? Math.sqrt(scale[t] / m) : 1;
        double[][] g = new double[TERMS][TERMS];
        double[][] b = new double[3][TERMS];
        for (int i = 0; i < n; i++) {
            if (region != null && !region[i]) continue;
            terms(c, n, i, mean, f);
            for (int t = 0; t < TERMS; t++) f[t] /= scale[t];
            for (int a = 0; a < TERMS; a++) {
                for (int q = a; q < TERMS; q++) g[a][q] += f[a] * f[q];
                for (int k = 0; k < 3; k++) b[k][a] += f[a] * r[k * n + i];
            }
        }
        for (int a = 0; a < TERMS; a++) {
            for (int q = a; q < TERMS; q++) {
                g[a][q] /= m;
                g[q][a] = g[a][q];
            }
            g[a][a] += RIDGE;
            for (int k = 0; k < 3; k++) b[k][a] /= m;
        }
        double[][] chol = cholesky(g);
        double[][] coef = new double[3][];
        for (int k = 0; k < 3; k++) coef[k] = solve(chol, b[k]);
        double sse = 0;
        for (int i = 0; i < n; i++) {
            if (region != null && !region[i]) continue;
            terms(c, n, i, mean, f);
            for (int k = 0; k < 3; k++) {
                double y = 0;
                for (int t = 0; t < TERMS; t++) y += coef[k][t] * f[t] / scale[t];
                double e = r[k * n + i] - y;
                sse += e * e;
            }
        }
        return new RegionScore(Math.sqrt(sse / (3.0 * m)), m);
    }

    /** The 10 polynomial terms of pixel i's colour, centred on {@code mean}. */
    private static void terms(float[] c, int n, int i, double[] mean, double[] f) {
        double x = c[i] - mean[0], y = c[n + i] - mean[1], z = c[2 * n + i] - mean[2];
        f[0] = 1;
        f[1] = x;
        f[2] = y;
        f[3] = z;
        f[4] = x * x;
        f[5] = y * y;
        f[6] = z * z;
        f[7] = x * y;
        f[8] = x * z;
        f[9] = y * z;
    }

    /** Lower-triangular L with {@code L Lᵀ = a} (a symmetric positive definite). */
    static double[][] cholesky(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                if (i == j) {
                    if (!(s > 0)) throw new IllegalStateException("normal equations are not positive definite");
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** Solves {@code L Lᵀ x = b}. */
    static double[] solve(double[][] l, double[] b) {
        int d = b.length;
        double[] y = new double[d];
        for (int i = 0; i < d; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i][k] * y[k];
            y[i] = s / l[i][i];
        }
        double[] x = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < d; k++) s -= l[k][i] * x[k];
            x[i] = s / l[i][i];
        }
        return x;
    }
}
