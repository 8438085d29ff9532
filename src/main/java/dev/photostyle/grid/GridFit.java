package dev.photostyle.grid;

import dev.photostyle.io.image.FloatImage;

/**
 * Fits a bilateral grid to a (content, result) pair by ridge-regularised weighted least squares,
 * cell by cell: each cell's 3x4 matrix A minimises
 * <pre>
 *   Σ_p w_cell(p) ‖A·[c(p), 1] − r(p)‖² + λ ‖A − I‖²
 * </pre>
 * where w_cell(p) is the trilinear weight with which pixel p slices that cell (the "splat" of
 * Chen et al. 2016, Sec. 3, with a local instead of a global solve), and the ridge pulls cells with
 * little or degenerate data (flat colours, empty luminance bins) toward the identity. A result that
 * is one global affine map of the content is recovered exactly (up to λ) in every cell with data.
 *
 * <pre>{@code float[] grid = GridFit.fit(content, result, GridSize.DEFAULT, 1e-3); // (12, D, Gh, Gw)}</pre>
 */
public final class GridFit {
    private GridFit() {}

    /**
     * @param content the guide and input colours
     * @param result  the target colours, same size as {@code content}
     * @param lambda  ridge weight (>= 0), in units of pixel weight
     * @return the grid (12, D, Gh, Gw) row-major, as {@link HostGridSlicer} takes it
     */
    public static float[] fit(FloatImage content, FloatImage result, GridSize size, double lambda) {
        if (content.width() != result.width() || content.height() != result.height()) {
            throw new IllegalArgumentException("content and result must have the same size, got " + content.width() + "x"
                    + content.height() + " and " + result.width() + "x" + result.height());
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) throw new IllegalArgumentException("ridge weight must be finite and >= 0");
        int w = content.width(), h = content.height(), n = w * h;
        int gw = size.width(), gh = size.height(), d = size.depth(), cells = size.cells();
        float[] c = content.rgb().toArray();
        float[] r = result.rgb().toArray();
        double[] mom = new double[cells * 16];   // Σ w ĉ ĉᵀ
        double[] rhs = new double[cells * 12];   // Σ w ĉ rᵀ, [cell][col][row]
        double[] hat = new double[4];
        for (int y = 0; y < h; y++) {
            double gy = SliceCoordinates.spatial(y, h, gh);
            int y0 = SliceCoordinates.lower(gy), y1 = SliceCoordinates.upper(gy, gh);
            for (int x = 0; x < w; x++) {
                double gx = SliceCoordinates.spatial(x, w, gw);
                int x0 = SliceCoordinates.lower(gx), x1 = SliceCoordinates.upper(gx, gw);
                int i = y * w + x;
                hat[0] = c[i];
                hat[1] = c[n + i];
                hat[2] = c[2 * n + i];
                hat[3] = 1;
                double gz = SliceCoordinates.range(SliceCoordinates.luminance(c[i], c[n + i], c[2 * n + i]), d);
                int z0 = SliceCoordinates.lower(gz), z1 = SliceCoordinates.upper(gz, d);
                for (int corner = 0; corner < 8; corner++) {
                    boolean zh = (corner & 4) != 0, yh = (corner & 2) != 0, xh = (corner & 1) != 0;
                    double wgt = (zh ? gz - z0 : 1 - (gz - z0)) * (yh ? gy - y0 : 1 - (gy - y0))
                            * (xh ? gx - x0 : 1 - (gx - x0));
                    if (wgt == 0) continue;
                    int cell = ((zh ? z1 : z0) * gh + (yh ? y1 : y0)) * gw + (xh ? x1 : x0);
                    for (int a = 0; a < 4; a++) {
                        for (int b = 0; b < 4; b++) mom[cell * 16 + a * 4 + b] += wgt * hat[a] * hat[b];
                        for (int row = 0; row < 3; row++) rhs[cell * 12 + a * 3 + row] += wgt * hat[a] * r[row * n + i];
                    }
                }
            }
        }
        float[] grid = new float[12 * cells];
        double[] m = new double[16];
        double[] b = new double[4];
        for (int cell = 0; cell < cells; cell++) {
            for (int row = 0; row < 3; row++) {
                System.arraycopy(mom, cell * 16, m, 0, 16);
                for (int a = 0; a < 4; a++) {
                    m[a * 4 + a] += lambda;
                    b[a] = rhs[cell * 12 + a * 3 + row] + (a == row ? lambda : 0);
                }
                double[] sol = solve4(m, b);
                for (int col = 0; col < 4; col++) grid[(4 * row + col) * cells + cell] = (float) sol[col];
            }
        }
        return grid;
    }

    /** Gaussian elimination with partial pivoting; unknowns of a singular system (no data and λ = 0) are left at 0. */
    private static double[] solve4(double[] m, double[] b) {
        double[][] a = new double[4][5];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) a[i][j] = m[i * 4 + j];
            a[i][4] = b[i];
        }
        for (int col = 0; col < 4; col++) {
            int piv = col;
            for (int i = col + 1; i < 4; i++) if (Math.abs(a[i][col]) > Math.abs(a[piv][col])) piv = i;
            double[] t = a[col];
            a[col] = a[piv];
            a[piv] = t;
            if (Math.abs(a[col][col]) < 1e-300) continue;
            for (int i = col + 1; i < 4; i++) {
                double f = a[i][col] / a[col][col];
                for (int j = col; j < 5; j++) a[i][j] -= f * a[col][j];
            }
        }
        double[] x = new double[4];
        for (int i = 3; i >= 0; i--) {
            double s = a[i][4];
            for (int j = i + 1; j < 4; j++) s -= a[i][j] * x[j];
            x[i] = Math.abs(a[i][i]) < 1e-300 ? 0 : s / a[i][i];
        }
        return x;
    }
}
