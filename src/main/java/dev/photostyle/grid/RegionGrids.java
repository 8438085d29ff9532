package dev.photostyle.grid;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.Resampler;

import java.util.List;

/**
 * Fitted region-aware grids on the host, for rendering at any size: the grids are resolution
 * independent, and the soft region weights (computed at the working size) are resized
 * bilinearly to the target. Used for the full-resolution output of {@code --method grid}.
 *
 * <pre>{@code FloatImage big = grids.render(plate); // the plate recoloured, at the plate's size}</pre>
 *
 * @param size    grid resolution
 * @param labels  the region of each grid
 * @param grids   one (12, D, Gh, Gw) array per region
 * @param weights one working-size plane per region
 * @param width   working width of {@code weights}
 * @param height  working height of {@code weights}
 */
public record RegionGrids(GridSize size, List<Integer> labels, float[][] grids, float[][] weights, int width,
        int height) {
    public RegionGrids {
        labels = List.copyOf(labels);
        if (grids.length != labels.size() || weights.length != labels.size()) {
            throw new IllegalArgumentException("one grid and one weight plane per label are needed");
        }
    }

    /**
     * Splits a flat (R, 12, D, Gh, Gw) array into one array per region.
     */
    public static float[][] split(float[] flat, GridSize size, int regions) {
        int n = size.coefficients();
        if (flat.length != n * regions) throw new IllegalArgumentException("expected " + n * regions + " values, got " + flat.length);
        float[][] out = new float[regions][];
        for (int r = 0; r < regions; r++) out[r] = java.util.Arrays.copyOfRange(flat, r * n, (r + 1) * n);
        return out;
    }

    /** The content recoloured by the blended grids at the content's own size; unclamped RGB. */
    public FloatImage render(FloatImage content) {
        int w = content.width(), h = content.height(), n = w * h;
        float[] c = content.rgb().toArray();
        float[] out = c.clone();
        for (int r = 0; r < grids.length; r++) {
            float[] wr = w == width && h == height ? weights[r] : Resampler.resizePlane(weights[r], width, height, w, h);
            float[] s = HostGridSlicer.slice(grids[r], size, content).toArray();
            for (int ch = 0; ch < 3; ch++) {
                for (int i = 0; i < n; i++) {
                    int k = ch * n + i;
                    out[k] += wr[i] * (s[k] - c[k]);
                }
            }
        }
        return FloatImage.wrap(w, h, 3, out);
    }
}
