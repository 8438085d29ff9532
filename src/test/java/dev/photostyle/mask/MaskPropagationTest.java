package dev.photostyle.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MaskPropagationTest {
    @Test
    void shapesAtEveryLayerFollowTheNetwork() {
        float[][] planes = {new float[37 * 23]};
        java.util.Arrays.fill(planes[0], 1f);
        List<String> layers = List.of("conv1_1", "relu1_2", "pool1", "relu2_1", "pool2", "relu3_1", "relu4_2", "relu5_1");
        Map<String, LayerMasks> m = MaskPropagation.propagate(planes, 37, 23, layers);
        int[][] expected = {{37, 23}, {37, 23}, {18, 11}, {18, 11}, {9, 5}, {9, 5}, {4, 2}, {2, 1}};
        for (int i = 0; i < layers.size(); i++) {
            LayerMasks lm = m.get(layers.get(i));
            assertEquals(expected[i][0], lm.width(), layers.get(i));
            assertEquals(expected[i][1], lm.height(), layers.get(i));
        }
    }

    @Test
    void averagesThreeByThreeWithZeroPaddingAfterEachConv() {
        // A single 1 in the middle of a 5x5 mask; conv1_1 spreads it to its 3x3 neighbourhood as 1/9.
        float[] p = new float[25];
        p[12] = 1f;
        LayerMasks m1 = MaskPropagation.propagate(new float[][] {p}, 5, 5, List.of("conv1_1")).get("conv1_1");
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                float want = Math.abs(x - 2) <= 1 && Math.abs(y - 2) <= 1 ? 1f / 9 : 0f;
                assertEquals(want, m1.planes()[0][y * 5 + x], 1e-7f, "(" + x + "," + y + ")");
            }
        }
        // After conv1_2 the centre is (1/9 * 9 neighbours) / 9 = 1/9, a corner of the 5x5 is 1/81.
        LayerMasks m2 = MaskPropagation.propagate(new float[][] {p}, 5, 5, List.of("conv1_2")).get("conv1_2");
        assertEquals(1f / 9, m2.planes()[0][12], 1e-7f);
        assertEquals(1f / 81, m2.planes()[0][0], 1e-7f);
        // An all-ones mask loses weight only at the border (zero padding counted in the mean).
        float[] ones = new float[25];
        java.util.Arrays.fill(ones, 1f);
        LayerMasks o = MaskPropagation.propagate(new float[][] {ones}, 5, 5, List.of("conv1_1")).get("conv1_1");
        assertEquals(1f, o.planes()[0][12], 1e-7f);
        assertEquals(4f / 9, o.planes()[0][0], 1e-7f);
        assertEquals(6f / 9, o.planes()[0][2], 1e-7f);
    }

    @Test
    void poolingAveragesTheAreaEachPixelCoversAsTorchImageScaleDoes() {
        // Halving: each destination pixel is the mean of its two source pixels.
        float[] s = MaskPropagation.torchScale(new float[] {0, 1, 2, 3}, 4, 1, 2, 1);
        assertEquals(0.5f, s[0], 1e-7f);
        assertEquals(2.5f, s[1], 1e-7f);
        // 5 -> 3 (the ceil of an odd size): 5/3 source pixels each, the shared one split 2/3 : 1/3.
        float[] s3 = MaskPropagation.torchScale(new float[] {0, 1, 2, 3, 4}, 5, 1, 3, 1);
        assertEquals((0 + 1 * (2f / 3)) / (5f / 3), s3[0], 1e-6f);
        assertEquals((1f / 3 * 1 + 2 + 1f / 3 * 3) / (5f / 3), s3[1], 1e-6f);
        assertEquals((2f / 3 * 3 + 4) / (5f / 3), s3[2], 1e-6f);
        // A hard edge stays a mean of what it covers: a 1 px region of a 4 px row keeps its mass.
        float[] one = MaskPropagation.torchScale(new float[] {0, 0, 1, 0}, 4, 1, 2, 1);
        assertEquals(0.5f, one[0] + one[1], 1e-7f);
        // Separable in 2-D: a 4x2 block halves to the means of its 2x2 cells.
        float[] b = MaskPropagation.torchScale(new float[] {1, 1, 0, 0, 1, 0, 0, 0}, 4, 2, 2, 1);
        assertEquals(0.75f, b[0], 1e-7f);
        assertEquals(0f, b[1], 1e-7f);
        // Growing is corner-aligned linear interpolation, ends exact.
        float[] g = MaskPropagation.torchScale(new float[] {0, 3}, 2, 1, 4, 1);
        assertEquals(0f, g[0], 1e-7f);
        assertEquals(1f, g[1], 1e-6f);
        assertEquals(3f, g[3], 1e-7f);
    }

    @Test
    void regionMatchSeparatesOrphans() {
        LabelMap c = LabelMap.of(3, 1, new int[] {0, 1, 2}, Map.of());
        LabelMap s = LabelMap.of(2, 1, new int[] {0, 3}, Map.of());
        RegionMatch r = RegionMatch.of(c, s, java.util.Set.of(2));
        assertEquals(java.util.Set.of(0), r.matched());
        assertEquals(java.util.Set.of(1), r.orphans());
        assertEquals(java.util.Set.of(2), r.excluded());
        assertEquals(java.util.Set.of(3), r.styleOnly());
        float[] free = r.freeMask(c);
        assertEquals(1f, free[0]);
        assertEquals(0f, free[1]);
        assertEquals(0f, free[2]);
    }
}
