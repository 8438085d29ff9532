package dev.photostyle.grid;

import java.util.Locale;

/**
 * The resolution of a bilateral grid: {@code width x height} spatial cells and {@code depth}
 * luminance bins. Cell centres are spread evenly over the image (and over luminance [0, 1]), so the
 * same grid slices at any image size.
 *
 * @param width  cells across (Gw >= 1)
 * @param height cells down (Gh >= 1)
 * @param depth  luminance bins (D >= 1)
 */
public record GridSize(int width, int height, int depth) {
    /** HDRNet's grid (Gharbi et al. 2017) at 16x16 cells and 8 bins. */
    public static final GridSize DEFAULT = new GridSize(16, 16, 8);

    public GridSize {
        if (width < 1 || height < 1 || depth < 1) {
            throw new IllegalArgumentException("grid size must be at least 1x1x1, got " + width + "x" + height + "x" + depth);
        }
    }

    /** Parses {@code "16x16x8"} (width x height x depth). */
    public static GridSize parse(String s) {
        String[] p = s.trim().toLowerCase(Locale.ROOT).split("x");
        if (p.length != 3) throw new IllegalArgumentException("grid size must look like 16x16x8, got '" + s + "'");
        try {
            return new GridSize(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), Integer.parseInt(p[2].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("grid size must look like 16x16x8, got '" + s + "'");
        }
    }

    /** Number of cells, D * Gh * Gw. */
    public int cells() { return width * height * depth; }

    /** Number of coefficients of one grid: 12 per cell. */
    public int coefficients() { return BilateralGrid.COEFFICIENTS * cells(); }

    @Override
    public String toString() { return width + "x" + height + "x" + depth; }
}
