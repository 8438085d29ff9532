package dev.photostyle.mask;

/**
 * Masks at one network layer: one plane per region, each {@code width x height}, row-major.
 *
 * @param width  feature-map width at this layer
 * @param height feature-map height at this layer
 * @param planes {@code planes[k][y * width + x]}, the weight of region k at (x, y), in [0, 1]
 */
public record LayerMasks(int width, int height, float[][] planes) {
    public LayerMasks {
        for (float[] p : planes) {
            if (p.length != width * height) throw new IllegalArgumentException("mask plane size mismatch");
        }
    }

    /** Mean of plane k: the fraction of the layer the region covers. */
    public double mean(int k) {
        double s = 0;
        for (float v : planes[k]) s += v;
        return s / planes[k].length;
    }

    /** All planes back to back, ready for a (K, 1, H, W) tensor. */
    public float[] flatten() {
        float[] out = new float[planes.length * width * height];
        for (int k = 0; k < planes.length; k++) System.arraycopy(planes[k], 0, out, k * width * height, width * height);
        return out;
    }
}
