package dev.photostyle.lut;

import dev.photostyle.io.AtomicOutput;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The Adobe/Resolve {@code .cube} format ("Cube LUT Specification" 1.0, Adobe 2013), as Nuke,
 * Resolve and OpenColorIO read it: {@code TITLE "…"}, {@code LUT_3D_SIZE n},
 * {@code DOMAIN_MIN r g b}, {@code DOMAIN_MAX r g b}, then n³ lines {@code R G B} with the red
 * index changing fastest; {@code #} starts a comment. The reader also takes Resolve's
 * {@code LUT_3D_INPUT_RANGE lo hi}; 1D LUTs are refused.
 *
 * <p>Entries are written as the shortest decimal that reads back as the same float (no exponent),
 * so write then read gives the LUT back bit-exact.
 *
 * <pre>{@code
 * CubeFile.write(Lut3d.identity(33), "sky", Path.of("look.sky.cube"));
 * Lut3d back = CubeFile.read(Path.of("look.sky.cube"));
 * }</pre>
 */
public final class CubeFile {
    private CubeFile() {}

    /** Writes {@code lut} atomically, with {@code title} (no double quotes or line breaks). */
    public static void write(Lut3d lut, String title, Path path) throws IOException {
        if (title.contains("\"") || title.contains("\n") || title.contains("\r")) {
            throw new IllegalArgumentException("cube title must not contain quotes or line breaks: " + title);
        }
        String text = format(lut, title);
        AtomicOutput.write(path, out -> out.write(text.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The file's text. */
    public static String format(Lut3d lut, String title) {
        int n = lut.size();
        StringBuilder s = new StringBuilder(40 * n * n * n + 200);
        s.append("TITLE \"").append(title).append("\"\n");
        s.append("# photostyle look: network sRGB in, network sRGB out\n");
        s.append("LUT_3D_SIZE ").append(n).append('\n');
        s.append("DOMAIN_MIN ").append(triple(lut.domainMin())).append('\n');
        s.append("DOMAIN_MAX ").append(triple(lut.domainMax())).append('\n');
        float[] t = lut.table();
        for (int i = 0; i < t.length; i += 3) {
            s.append(number(t[i])).append(' ').append(number(t[i + 1])).append(' ').append(number(t[i + 2])).append('\n');
        }
        return s.toString();
    }

    private static String triple(double[] v) {
        return number((float) v[0]) + " " + number((float) v[1]) + " " + number((float) v[2]);
    }

    /** Shortest round-tripping decimal of a float, plain notation. */
    static String number(float v) {
        if (v == 0f) return "0"; // also -0
        return new BigDecimal(Float.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** Reads a 3D {@code .cube} file. */
    public static Lut3d read(Path path) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(in, path.toString());
        }
    }

    static Lut3d parse(BufferedReader in, String name) throws IOException {
        int size = -1;
        double[] min = {0, 0, 0}, max = {1, 1, 1};
        float[] table = null;
        int k = 0;
        int lineNo = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            int hash = line.indexOf('#');
            String l = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (l.isEmpty()) continue;
            String where = name + " line " + lineNo;
            char c0 = l.charAt(0);
            if (Character.isLetter(c0)) {
                if (table != null && k > 0) throw new IOException(where + ": keyword after the table starts: " + l);
                String[] p = l.split("\\s+");
                switch (p[0].toUpperCase(Locale.ROOT)) {
                    case "TITLE" -> { }
                    case "LUT_3D_SIZE" -> {
                        size = (int) numbers(p, 1, where)[0];
                        if (size < Lut3d.MIN_SIZE || size > Lut3d.MAX_SIZE) throw new IOException(where + ": LUT_3D_SIZE " + size + " out of range");
                        table = new float[3 * size * size * size];
                    }
                    case "LUT_1D_SIZE" -> throw new IOException(name + " is a 1D LUT; only 3D .cube files are supported");
                    case "DOMAIN_MIN" -> min = numbers(p, 3, where);
                    case "DOMAIN_MAX" -> max = numbers(p, 3, where);
                    case "LUT_3D_INPUT_RANGE" -> {
                        double[] r = numbers(p, 2, where);
                        min = new double[] {r[0], r[0], r[0]};
                        max = new double[] {r[1], r[1], r[1]};
                    }
                    default -> throw new IOException(where + ": unknown keyword " + p[0]);
                }
                continue;
            }
            if (table == null) throw new IOException(where + ": table before LUT_3D_SIZE");
            if (k >= table.length) throw new IOException(where + ": more than " + size + "³ entries");
            String[] p = l.split("\\s+");
            if (p.length != 3) throw new IOException(where + ": expected 3 numbers, got " + p.length);
            for (int c = 0; c < 3; c++) table[k++] = entry(p[c], where);
        }
        if (table == null) throw new IOException(name + ": no LUT_3D_SIZE");
        if (k != table.length) throw new IOException(name + ": " + k / 3 + " entries, expected " + size + "³ = " + table.length / 3);
        try {
            return Lut3d.of(size, table, min, max);
        } catch (IllegalArgumentException e) {
            throw new IOException(name + ": " + e.getMessage(), e);
        }
    }

    /** Parsed straight to float (not via double) so a written entry reads back bit-exact. */
    private static float entry(String s, String where) throws IOException {
        float v;
        try {
            v = Float.parseFloat(s);
        } catch (NumberFormatException e) {
            throw new IOException(where + ": '" + s + "' is not a number");
        }
        if (!Float.isFinite(v)) throw new IOException(where + ": non-finite value " + s);
        return v;
    }

    private static double[] numbers(String[] p, int count, String where) throws IOException {
        if (p.length != count + 1) throw new IOException(where + ": expected " + count + " number(s), got " + (p.length - 1));
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            try {
                v[i] = Double.parseDouble(p[i + 1]);
            } catch (NumberFormatException e) {
                throw new IOException(where + ": '" + p[i + 1] + "' is not a number");
            }
            if (!Double.isFinite(v[i])) throw new IOException(where + ": non-finite value " + p[i + 1]);
        }
        return v;
    }

}
