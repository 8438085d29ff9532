package dev.photostyle.lut;

/**
 * How a 3D LUT is read between its lattice nodes. Both are exact on the nodes and for any affine
 * map, and both are a weighted sum of lattice entries with weights that depend on the input colour
 * only, so {@link #corners} serves the host apply and the differentiable one ({@link LutSlicer}).
 *
 * <ul>
 *   <li>{@link #TRILINEAR}: the 8 corners of the cell, product weights (what OpenColorIO applies to
 *       a {@code .cube} file by default).</li>
 *   <li>{@link #TETRAHEDRAL}: the cell cut into 6 tetrahedra along its grey diagonal, 4 corners
 *       (Kasson, Nin, Plouffe, Hafner, "Performing color space conversions with three-dimensional
 *       linear interpolation", J. Electronic Imaging 4(3), 1995; OCIO's Lut3DOp).</li>
 * </ul>
 *
 * <p>Example: {@code int k = Interpolation.TRILINEAR.corners(2.5, 0, 16, 17, idx, w); // idx[0..k), w[0..k)}
 */
public enum Interpolation {
    TRILINEAR(8),
    TETRAHEDRAL(4);

    private final int count;

    Interpolation(int count) {
        this.count = count;
    }

    /** How many lattice entries one lookup reads. */
    public int count() { return count; }

    /**
     * The lattice nodes and weights of one lookup.
     *
     * @param x red lattice coordinate in [0, n−1] (clamped here)
     * @param y green lattice coordinate
     * @param z blue lattice coordinate
     * @param n lattice size per axis (≥ 2)
     * @param idx receives {@link #count()} node indices {@code (b·n + g)·n + r} (red fastest, as in {@code .cube})
     * @param w receives their weights (≥ 0, summing to 1)
     * @return {@link #count()}
     */
    public int corners(double x, double y, double z, int n, int[] idx, double[] w) {
        x = clamp(x, n);
        y = clamp(y, n);
        z = clamp(z, n);
        // The top node belongs to the last cell (fraction 1), so every input has a full cell.
        int r0 = Math.min((int) x, n - 2), g0 = Math.min((int) y, n - 2), b0 = Math.min((int) z, n - 2);
        double fx = x - r0, fy = y - g0, fz = z - b0;
        int base = (b0 * n + g0) * n + r0;
        int dr = 1, dg = n, db = n * n;
        if (this == TRILINEAR) {
            int k = 0;
            for (int cb = 0; cb < 2; cb++) {
                double wb = cb == 0 ? 1 - fz : fz;
                for (int cg = 0; cg < 2; cg++) {
                    double wg = cg == 0 ? 1 - fy : fy;
                    for (int cr = 0; cr < 2; cr++) {
                        idx[k] = base + cb * db + cg * dg + cr * dr;
                        w[k++] = ((cr == 0 ? 1 - fx : fx) * wg * wb);
                    }
                }
            }
            return 8;
        }
        // Tetrahedral: walk from c000 to c111 along the axes in decreasing order of fraction.
        int a1, a2;
        double f1, f2, f3;
        if (fx > fy) {
            if (fy > fz) { a1 = dr; a2 = dr + dg; f1 = fx; f2 = fy; f3 = fz; }
            else if (fx > fz) { a1 = dr; a2 = dr + db; f1 = fx; f2 = fz; f3 = fy; }
            else { a1 = db; a2 = db + dr; f1 = fz; f2 = fx; f3 = fy; }
        } else {
            if (fz > fy) { a1 = db; a2 = db + dg; f1 = fz; f2 = fy; f3 = fx; }
            else if (fz > fx) { a1 = dg; a2 = dg + db; f1 = fy; f2 = fz; f3 = fx; }
            else { a1 = dg; a2 = dg + dr; f1 = fy; f2 = fx; f3 = fz; }
        }
        idx[0] = base;
        idx[1] = base + a1;
        idx[2] = base + a2;
        idx[3] = base + dr + dg + db;
        w[0] = (1 - f1);
        w[1] = (f1 - f2);
        w[2] = (f2 - f3);
        w[3] = f3;
        return 4;
    }

    private static double clamp(double v, int n) {
        return v > 0 ? Math.min(v, n - 1) : 0; // NaN -> 0
    }
}
