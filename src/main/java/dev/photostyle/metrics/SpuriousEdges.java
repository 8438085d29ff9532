package dev.photostyle.metrics;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.linalg.Matrix3;
import dev.photostyle.linalg.SymmetricEigen3;
import dev.photostyle.matting.filter.BoxFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * Edge energy of a result that the content does not have, inside regions: seams, blocks, and a sky
 * split into two colours show up here, while any recolouring of a region by one affine colour map
 * scores 0.
 *
 * <p>Both images are blurred with a Gaussian of {@code sigma} times the long side L (default 2 px at
 * 256 px, so the value does not depend on the resolution and texture finer than that is ignored),
 * then the colour gradient magnitude {@code |J| = sqrt(Σ_c (∂x I_c)² + (∂y I_c)²)} is taken by central
 * differences, in [0, 1] units per long side. Per region, {@code k} is the spectral norm of the linear
 * part of the least-squares affine colour map from content to result over the region (the most an
 * affine recolouring can scale a gradient, since {@code |A J| <= |A|_2 |J|}); content directions with
 * variance below 8-bit rounding noise, {@code (1/255)²/12}, are left out of the fit. The value is
 * {@code mean over the region of max(0, |J_result| − k |J_content|)²}: a squared measure, so that a
 * new step edge (energy about {@code h² ℓ / (2 sigma √π A)} for contrast h, length ℓ, area A, in
 * long-side units) scores far above a smooth ramp of the same height across the region
 * ({@code h² / width}), which an L1 measure could not tell apart (both have total variation h ℓ).
 *
 * <p>Only pixels whose whole blur window (radius {@code ceil(3 sigma L) + 1}) lies inside the region
 * are measured, so a region border, where two regions' different maps legitimately meet, does not
 * count; a region too thin for that gets a null value.
 *
 * <p>Example: {@code List<RegionScore> s = SpuriousEdges.DEFAULT.measure(content, result, List.of(skyMask));}
 *
 * @param sigma blur standard deviation as a fraction of the long side
 */
public record SpuriousEdges(double sigma) {
    /** 2 px at a 256 px long side. */
    public static final SpuriousEdges DEFAULT = new SpuriousEdges(2.0 / 256);

    /** Variance of 8-bit rounding noise: content directions that vary less carry no colour information. */
    static final double QUANTISATION_VARIANCE = 1.0 / (255.0 * 255.0 * 12.0);

    public SpuriousEdges {
        if (!(sigma > 0) || sigma > 1) throw new IllegalArgumentException("sigma must be in (0, 1] of the long side, got " + sigma);
    }

    /**
     * One score per region ({@code width * height} flags each, row-major; null means the whole
     * image), in order.
     */
    public List<RegionScore> measure(FloatImage content, FloatImage result, List<boolean[]> regions) {
        if (!content.sameSize(result)) throw new IllegalArgumentException("spurious edges need equal sizes, got " + content + " and " + result);
        int w = content.width(), h = content.height(), n = w * h, longSide = Math.max(w, h);
        double s = sigma * longSide;
        int radius = (int) Math.ceil(3 * s);
        float[] c = content.rgb().toArray(), r = result.rgb().toArray();
        double[] kernel = Filters.gaussian(2 * radius + 1, s);
        double[] gc = gradientMagnitude(c, w, h, kernel, longSide);
        double[] gr = gradientMagnitude(r, w, h, kernel, longSide);
        List<RegionScore> out = new ArrayList<>();
        for (boolean[] region : regions) {
            if (region != null && region.length != n) throw new IllegalArgumentException("region has " + region.length + " pixels, expected " + n);
            boolean[] inner = erode(region, w, h, radius + 1);
            double k = gain(c, r, n, region);
            double sum = 0;
            long count = 0;
            for (int i = 0; i < n; i++) {
                if (!inner[i]) continue;
                double e = Math.max(0, gr[i] - k * gc[i]);
                sum += e * e;
                count++;
            }
            out.add(count == 0 ? new RegionScore(null, 0) : new RegionScore(sum / count, count));
        }
        return out;
    }

    /** {@code |J|} of the blurred planar RGB image, per long side. */
    private static double[] gradientMagnitude(float[] rgb, int w, int h, double[] kernel, int longSide) {
        int n = w * h;
        double[] diff = {-0.5 * longSide, 0, 0.5 * longSide}, one = {1};
        double[] m = new double[n];
        double[] plane = new double[n];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) plane[i] = rgb[c * n + i];
            double[] blurred = Filters.separable(plane, w, h, kernel, kernel);
            double[] gx = Filters.separable(blurred, w, h, diff, one);
            double[] gy = Filters.separable(blurred, w, h, one, diff);
            for (int i = 0; i < n; i++) m[i] += gx[i] * gx[i] + gy[i] * gy[i];
        }
        for (int i = 0; i < n; i++) m[i] = Math.sqrt(m[i]);
        return m;
    }

    /**
     * Spectral norm of the least-squares linear map {@code A = Cov(r, c) Cov(c)^+} over the region,
     * the pseudo-inverse dropping directions of variance at most {@link #QUANTISATION_VARIANCE}.
     */
    static double gain(float[] c, float[] r, int n, boolean[] region) {
        double[] mc = new double[3], mr = new double[3];
        long count = 0;
        for (int i = 0; i < n; i++) {
            if (region != null && !region[i]) continue;
            for (int k = 0; k < 3; k++) {
                mc[k] += c[k * n + i];
                mr[k] += r[k * n + i];
            }
            count++;
        }
        if (count == 0) return 0;
        for (int k = 0; k < 3; k++) {
            mc[k] /= count;
            mr[k] /= count;
        }
        double[][] cc = new double[3][3], rc = new double[3][3];
        double[] dc = new double[3], dr = new double[3];
        for (int i = 0; i < n; i++) {
            if (region != null && !region[i]) continue;
            for (int k = 0; k < 3; k++) {
                dc[k] = c[k * n + i] - mc[k];
                dr[k] = r[k * n + i] - mr[k];
            }
            for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) {
                cc[a][b] += dc[a] * dc[b];
                rc[a][b] += dr[a] * dc[b];
            }
        }
        for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) {
            cc[a][b] /= count;
            rc[a][b] /= count;
        }
        double[][] pinv = SymmetricEigen3.of(cc).apply(v -> v > QUANTISATION_VARIANCE ? 1 / v : 0);
        double[][] a = Matrix3.multiply(rc, pinv);
        double[][] ata = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 3; k++) ata[i][j] += a[k][i] * a[k][j];
        }
        double max = 0;
        for (double v : SymmetricEigen3.of(ata).values()) max = Math.max(max, v);
        return Math.sqrt(max);
    }

    /**
     * The pixels whose {@code (2 radius + 1)²} window, clipped to the image, lies wholly inside
     * {@code region} (null: every pixel), by a box sum of the region's indicator.
     */
    static boolean[] erode(boolean[] region, int w, int h, int radius) {
        boolean[] out = new boolean[w * h];
        if (region == null) {
            java.util.Arrays.fill(out, true);
            return out;
        }
        double[] indicator = new double[w * h];
        for (int i = 0; i < indicator.length; i++) indicator[i] = region[i] ? 1 : 0;
        double[] inside = BoxFilter.sum(indicator, w, h, radius); // exact: integer counts
        for (int y = 0; y < h; y++) {
            int y0 = Math.max(0, y - radius), y1 = Math.min(h, y + radius + 1);
            for (int x = 0; x < w; x++) {
                if (!region[y * w + x]) continue;
                int x0 = Math.max(0, x - radius), x1 = Math.min(w, x + radius + 1);
                out[y * w + x] = inside[y * w + x] == (double) (y1 - y0) * (x1 - x0);
            }
        }
        return out;
    }
}
