package dev.photostyle.lut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CubeFileTest {
    @TempDir
    Path dir;

    @Test
    void writeThenReadIsBitExact() throws IOException {
        Random rnd = new Random(1);
        int n = 5;
        float[] t = new float[3 * n * n * n];
        for (int i = 0; i < t.length; i++) t[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 6));
        t[0] = 0f;
        t[1] = -0f;
        t[2] = Float.MIN_NORMAL;
        Lut3d lut = Lut3d.of(n, t, new double[] {-0.125, 0, 0}, new double[] {1, 1.5, 2});
        Path p = dir.resolve("a.cube");
        CubeFile.write(lut, "sky", p);
        Lut3d back = CubeFile.read(p);
        assertEquals(n, back.size());
        float[] b = back.table();
        for (int i = 0; i < t.length; i++) assertEquals(t[i] == 0f ? 0f : t[i], b[i], 0f, "entry " + i); // -0 written as 0
        assertArrayEquals(lut.domainMin(), back.domainMin(), 0);
        assertArrayEquals(lut.domainMax(), back.domainMax(), 0);
        String text = Files.readString(p);
        assertTrue(text.startsWith("TITLE \"sky\"\n"), text.substring(0, 20));
        assertTrue(text.contains("LUT_3D_SIZE 5\n"));
        assertTrue(text.lines().filter(l -> !l.isEmpty() && !Character.isLetter(l.charAt(0)) && l.charAt(0) != '#')
                .noneMatch(l -> l.contains("E") || l.contains("e")), "no exponents");
    }

    @Test
    void redIndexChangesFastest() throws IOException {
        // An identity LUT of size 2: the second entry line is node (r=1, g=0, b=0)
        String text = CubeFile.format(Lut3d.identity(2), "id");
        String[] lines = text.lines().filter(l -> !l.isEmpty() && Character.isDigit(l.charAt(0))).toArray(String[]::new);
        assertEquals(8, lines.length);
        assertEquals("0 0 0", lines[0]);
        assertEquals("1 0 0", lines[1]);
        assertEquals("0 1 0", lines[2]);
        assertEquals("0 0 1", lines[4]);
    }

    @Test
    void readsResolveStyleFiles() throws IOException {
        Path p = dir.resolve("r.cube");
        StringBuilder s = new StringBuilder("# Resolve\nTITLE \"x\"\nLUT_3D_SIZE 2\nLUT_3D_INPUT_RANGE 0 2\n\n");
        for (int b = 0; b < 2; b++) for (int g = 0; g < 2; g++) for (int r = 0; r < 2; r++) s.append(2 * r).append(' ').append(2 * g).append(' ').append(2 * b).append("  # node\n");
        Files.writeString(p, s);
        Lut3d lut = CubeFile.read(p);
        assertArrayEquals(new double[] {2, 2, 2}, lut.domainMax(), 0);
        double[] out = new double[3];
        lut.lookup(0.5, 1.0, 1.5, Interpolation.TRILINEAR, out);
        assertArrayEquals(new double[] {0.5, 1.0, 1.5}, out, 1e-6);
    }

    @Test
    void refusesBrokenFiles() throws IOException {
        String[] bad = {
            "LUT_1D_SIZE 4\n0 0 0\n",
            "LUT_3D_SIZE 2\n0 0 0\n",
            "0 0 0\n",
            "LUT_3D_SIZE 2\n" + "0 0 x\n".repeat(8),
            "LUT_3D_SIZE 2\n" + "0 0\n".repeat(8),
            "LUT_3D_SIZE 2\n" + "0 0 0\n".repeat(9),
            "LUT_3D_SIZE 2\nDOMAIN_MAX 0 1 1\n" + "0 0 0\n".repeat(8),
            "LUT_3D_SIZE 2\nFROB 1\n" + "0 0 0\n".repeat(8),
        };
        for (String b : bad) {
            Path p = dir.resolve("bad.cube");
            Files.writeString(p, b);
            IOException e = assertThrows(IOException.class, () -> CubeFile.read(p), b);
            assertTrue(e.getMessage().contains("bad.cube"), e.getMessage());
        }
    }
}
