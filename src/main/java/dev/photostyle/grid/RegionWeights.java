package dev.photostyle.grid;

import dev.photostyle.mask.LabelMap;
import dev.photostyle.matting.filter.BoxFilter;

import java.util.List;

/**
 * Soft per-region blending weights for region-aware grids: region r's weight is its hard matte
 * box-blurred over a {@code (2·radius+1)²} window clipped to the image ({@link BoxFilter}), times the
 * free mask. The blurred indicators of all labels (matched or not) sum to 1, so inside a region far from its edges the weight is 1,
 * across a matte edge the two regions' transforms blend over a few pixels (no seam), and the share
 * of unmatched labels, unlabelled and protected pixels is the identity: such pixels keep the
 * content exactly (their free mask is 0).
 *
 * <pre>{@code float[][] w = RegionWeights.soft(mask, List.of(0, 1), free, 2); // w[r][y·W + x]}</pre>
 */
public final class RegionWeights {
    private RegionWeights() {}

    /**
     * @param mask   the working-size label map
     * @param labels the regions that get a grid, in grid order
     * @param free   1 where a pixel may change, 0 where it keeps the content (H·W, row-major)
     * @param radius blur radius in pixels (0: hard mattes)
     * @return one plane (H·W) per label
     */
    public static float[][] soft(LabelMap mask, List<Integer> labels, float[] free, int radius) {
        int w = mask.width(), h = mask.height();
        if (free.length != w * h) throw new IllegalArgumentException("free mask has " + free.length + " pixels, mask " + w * h);
        if (radius < 0) throw new IllegalArgumentException("blend radius must be >= 0, got " + radius);
        float[][] out = new float[labels.size()][];
        for (int r = 0; r < labels.size(); r++) {
            float[] hard = mask.mask(labels.get(r));
            double[] plane = new double[hard.length];
            for (int i = 0; i < plane.length; i++) plane[i] = hard[i];
            double[] soft = BoxFilter.mean(plane, w, h, radius); // exact 0/1 sums: interiors stay 1
            float[] m = new float[soft.length];
            for (int i = 0; i < m.length; i++) m[i] = (float) soft[i] * free[i];
            out[r] = m;
        }
        return out;
    }
}
