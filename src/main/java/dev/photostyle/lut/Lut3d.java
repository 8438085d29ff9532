package dev.photostyle.lut;

import dev.photostyle.io.image.FloatImage;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A 3D colour lookup table: an {@code n × n × n} lattice of RGB outputs over the input cube
 * {@code [domainMin, domainMax]} per channel, read between nodes by an {@link Interpolation}.
 * Inputs outside the domain are clamped to it (as Resolve and OpenColorIO do).
 *
 * <p>Node {@code (r, g, b)} (lattice indices) sits at input
 * {@code min + (max − min) · (r, g, b) / (n − 1)}; its output is
 * {@code table[((b·n + g)·n + r)·3 + c]}: red fastest, the order of a {@code .cube} file
 * ({@link CubeFile}).
 *
 * <pre>{@code
 * Lut3d lut = Lut3d.bake(33, (in, out) -> { out[0] = in[0] * 0.9; out[1] = in[1]; out[2] = in[2] * 1.1; });
 * FloatImage graded = lut.apply(plate, Interpolation.TETRAHEDRAL); // RGB, plate's size
 * }</pre>
 */
public final class Lut3d {
    /** The smallest lattice that interpolates. */
    public static final int MIN_SIZE = 2;
    /** The largest lattice accepted (Resolve's limit is 65; beyond 256 a file would be gigabytes). */
    public static final int MAX_SIZE = 256;

    /** A colour map to bake: writes the output of {@code in} (3 values) to {@code out} (3 values). */
    @FunctionalInterface
    public interface ColourFunction {
        void map(double[] in, double[] out);
    }

    private final int size;
    private final float[] table;
    private final double[] domainMin;
    private final double[] domainMax;
    private final boolean unitDomain;

    private Lut3d(int size, float[] table, double[] domainMin, double[] domainMax) {
        this.size = size;
        this.table = table;
        this.domainMin = domainMin;
        this.domainMax = domainMax;
        boolean unit = true;
        for (int c = 0; c < 3; c++) unit &= domainMin[c] == 0 && domainMax[c] == 1;
        this.unitDomain = unit;
    }

    /**
     * A LUT of the given entries (copied).
     *
     * @param table 3·n³ finite outputs, red index fastest
     * @param domainMin the input at node 0 of each channel
     * @param domainMax the input at node n−1 of each channel (each above its min)
     */
    public static Lut3d of(int size, float[] table, double[] domainMin, double[] domainMax) {
        checkSize(size);
        if (table.length != 3L * size * size * size) {
            throw new IllegalArgumentException("a " + size + "³ LUT needs " + 3L * size * size * size + " values, got " + table.length);
        }
        for (float v : table) if (!Float.isFinite(v)) throw new IllegalArgumentException("LUT has a non-finite entry");
        if (domainMin.length != 3 || domainMax.length != 3) throw new IllegalArgumentException("domain needs 3 values per bound");
        for (int c = 0; c < 3; c++) {
            if (!(Double.isFinite(domainMin[c]) && Double.isFinite(domainMax[c]) && domainMax[c] > domainMin[c])) {
                throw new IllegalArgumentException("LUT domain must be finite with max > min, got channel " + c + ": "
                        + domainMin[c] + " .. " + domainMax[c]);
            }
        }
        return new Lut3d(size, table.clone(), domainMin.clone(), domainMax.clone());
    }

    /** A LUT over the unit cube. */
    public static Lut3d of(int size, float[] table) {
        return of(size, table, new double[] {0, 0, 0}, new double[] {1, 1, 1});
    }

    /** The identity over the unit cube: every node outputs its own input. */
    public static Lut3d identity(int size) {
        return bake(size, (in, out) -> System.arraycopy(in, 0, out, 0, 3));
    }

    /** The map {@code f} sampled at the nodes of an {@code size}³ lattice over the unit cube. */
    public static Lut3d bake(int size, ColourFunction f) {
        checkSize(size);
        float[] t = new float[3 * size * size * size];
        double[] in = new double[3], out = new double[3];
        int k = 0;
        for (int b = 0; b < size; b++) {
            for (int g = 0; g < size; g++) {
                for (int r = 0; r < size; r++) {
                    in[0] = node(r, size);
                    in[1] = node(g, size);
                    in[2] = node(b, size);
                    f.map(in, out);
                    for (int c = 0; c < 3; c++) t[k++] = (float) out[c];
                }
            }
        }
        return of(size, t);
    }

    /** An affine colour map {@code y = A x + a} (3x4 {@code [A | a]}) baked; exact under either interpolation. */
    public static Lut3d bakeAffine(int size, double[][] affine) {
        if (affine.length != 3) throw new IllegalArgumentException("affine must have 3 rows, got " + affine.length);
        for (double[] row : affine) if (row.length != 4) throw new IllegalArgumentException("affine rows must have 4 columns");
        return bake(size, (in, out) -> {
            for (int k = 0; k < 3; k++) {
                out[k] = affine[k][0] * in[0] + affine[k][1] * in[1] + affine[k][2] * in[2] + affine[k][3];
            }
        });
    }

    /** The input of lattice index {@code i} on the unit cube: {@code i / (n − 1)}. */
    public static double node(int i, int n) {
        return (double) i / (n - 1);
    }

    private static void checkSize(int size) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("LUT size must be in " + MIN_SIZE + ".." + MAX_SIZE + ", got " + size);
        }
    }

    /** Nodes per axis. */
    public int size() { return size; }

    /** The entries (3·n³, red fastest), a copy. */
    public float[] table() { return table.clone(); }

    public double[] domainMin() { return domainMin.clone(); }

    public double[] domainMax() { return domainMax.clone(); }

    /** True when the domain is the unit cube. */
    public boolean unitDomain() {
        return unitDomain;
    }

    /** This LUT with other entries (3·n³), same size and domain. */
    public Lut3d withTable(float[] t) {
        return of(size, t, domainMin, domainMax);
    }

    /** The lattice coordinate of input value {@code v} of channel {@code c} (unclamped). */
    public double coordinate(int c, double v) {
        // On [0, 1] the general form is v · (n − 1) exactly (v − 0 and / 1 are exact), without three divisions per lookup.
        return unitDomain ? v * (size - 1) : (v - domainMin[c]) / (domainMax[c] - domainMin[c]) * (size - 1);
    }

    /**
     * One colour through the LUT.
     *
     * @param out receives 3 values
     */
    public void lookup(double r, double g, double b, Interpolation interp, double[] out) {
        int[] idx = new int[8];
        double[] w = new double[8];
        lookup(r, g, b, interp, idx, w, out);
    }

    /**
     * One colour through the LUT with the caller's scratch arrays (8 entries each), for loops over
     * many pixels.
     */
    public void lookup(double r, double g, double b, Interpolation interp, int[] idx, double[] w, double[] out) {
        int k = interp.corners(coordinate(0, r), coordinate(1, g), coordinate(2, b), size, idx, w);
        double o0 = 0, o1 = 0, o2 = 0;
        for (int j = 0; j < k; j++) {
            int t = 3 * idx[j];
            o0 += w[j] * table[t];
            o1 += w[j] * table[t + 1];
            o2 += w[j] * table[t + 2];
        }
        out[0] = o0;
        out[1] = o1;
        out[2] = o2;
    }

    /**
     * The image through the LUT: RGB at the image's size (alpha dropped), rows in parallel.
     *
     * @param image RGB or RGBA, planar
     */
    public FloatImage apply(FloatImage image, Interpolation interp) {
        int w = image.width(), h = image.height(), n = image.pixels();
        float[] in = image.rgb().toArray();
        float[] out = new float[3 * n];
        IntStream.range(0, h).parallel().forEach(y -> {
            int[] idx = new int[8];
            double[] wt = new double[8];
            double[] o = new double[3];
            for (int i = y * w, end = i + w; i < end; i++) {
                lookup(in[i], in[n + i], in[2 * n + i], interp, idx, wt, o);
                out[i] = (float) o[0];
                out[n + i] = (float) o[1];
                out[2 * n + i] = (float) o[2];
            }
        });
        return FloatImage.wrap(w, h, 3, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lut3d l && l.size == size && Arrays.equals(l.table, table)
                && Arrays.equals(l.domainMin, domainMin) && Arrays.equals(l.domainMax, domainMax);
    }

    @Override
    public int hashCode() {
        return 31 * size + Arrays.hashCode(table);
    }

    @Override
    public String toString() {
        return "Lut3d[" + size + "³]";
    }
}
