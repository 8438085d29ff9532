package dev.photostyle.grid;

import dev.photostyle.io.image.FloatImage;

/**
 * Trilinear slicing of one bilateral grid on the host, for any image size (the full-resolution
 * output of a grid fitted at the working size). Same coordinates as {@link GridSlicer}; not
 * differentiable. Cost: 8 corners × 12 coefficients per pixel, no allocation beyond the output.
 *
 * <pre>{@code
 * FloatImage out = HostGridSlicer.slice(grid, GridSize.DEFAULT, plate);  // grid (12, D, Gh, Gw)
 * }</pre>
 */
public final class HostGridSlicer {
    private HostGridSlicer() {}

    /**
     * @param grid  one grid, (12, D, Gh, Gw) row-major
     * @param guide the image to recolour (its RGB is the guide and the input colour)
     * @return the recoloured RGB, unclamped, at the guide's size
     */
    public static FloatImage slice(float[] grid, GridSize size, FloatImage guide) {
        if (grid.length != size.coefficients()) {
            throw new IllegalArgumentException("grid has " + grid.length + " values, " + size + " needs " + size.coefficients());
        }
        int w = guide.width(), h = guide.height(), n = w * h;
        int gw = size.width(), gh = size.height(), d = size.depth(), cells = size.cells();
        float[] c = guide.rgb().toArray();
        float[] out = new float[3 * n];
        int[] xLo = new int[w], xHi = new int[w];
        double[] xF = new double[w];
        for (int x = 0; x < w; x++) {
            double g = SliceCoordinates.spatial(x, w, gw);
            xLo[x] = SliceCoordinates.lower(g);
            xHi[x] = SliceCoordinates.upper(g, gw);
            xF[x] = g - xLo[x];
        }
        double[] a = new double[12];
        for (int y = 0; y < h; y++) {
            double gy = SliceCoordinates.spatial(y, h, gh);
            int y0 = SliceCoordinates.lower(gy), y1 = SliceCoordinates.upper(gy, gh);
            double fy = gy - y0;
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float r = c[i], g = c[n + i], b = c[2 * n + i];
                double gz = SliceCoordinates.range(SliceCoordinates.luminance(r, g, b), d);
                int z0 = SliceCoordinates.lower(gz), z1 = SliceCoordinates.upper(gz, d);
                double fz = gz - z0, fx = xF[x];
                java.util.Arrays.fill(a, 0.0);
                for (int corner = 0; corner < 8; corner++) {
                    int cz = (corner & 4) == 0 ? z0 : z1, cy = (corner & 2) == 0 ? y0 : y1, cx = (corner & 1) == 0 ? xLo[x] : xHi[x];
                    double wgt = ((corner & 4) == 0 ? 1 - fz : fz) * ((corner & 2) == 0 ? 1 - fy : fy)
                            * ((corner & 1) == 0 ? 1 - fx : fx);
                    if (wgt == 0) continue;
                    int cell = (cz * gh + cy) * gw + cx;
                    for (int k = 0; k < 12; k++) a[k] += wgt * grid[k * cells + cell];
                }
                for (int row = 0; row < 3; row++) {
                    out[row * n + i] = (float) (a[4 * row] * r + a[4 * row + 1] * g + a[4 * row + 2] * b + a[4 * row + 3]);
                }
            }
        }
        return FloatImage.wrap(w, h, 3, out);
    }
}
