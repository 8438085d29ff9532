package dev.photostyle.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.mask.RegionMatch;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class OutputStageTest {
    private static FloatImage random(int w, int h, int c, long seed) {
        Random r = new Random(seed);
        float[] d = new float[w * h * c];
        for (int i = 0; i < d.length; i++) d[i] = r.nextFloat();
        return FloatImage.of(w, h, c, d);
    }

    /** A fake result: the working content recoloured by a global affine map on the left half only. */
    private static TransferResult result(FloatImage small, float[] free) {
        int n = small.pixels();
        float[] c = small.toArray();
        float[] o = c.clone();
        for (int i = 0; i < n; i++) {
            if (free[i] == 0f) continue;
            o[i] = 0.5f * c[i] + 0.2f * c[n + i] + 0.1f;
            o[n + i] = 0.8f * c[n + i] + 0.05f;
            o[2 * n + i] = 0.3f * c[2 * n + i] + 0.1f * c[i] + 0.4f;
        }
        LabelMap m = LabelMap.uniform(small.width(), small.height(), 0, null);
        return new TransferResult(FloatImage.wrap(small.width(), small.height(), 3, o), small, m,
                RegionMatch.of(m, m, java.util.Set.of()), List.of(), 0, 0, Map.of(), List.of(), free);
    }

    @Test
    void fullSizeKeepsProtectedPixelsExactAndAlphaUntouched() {
        FloatImage full = random(96, 64, 4, 1);
        FloatImage small = Resampler.resize(full.rgb(), 48, 32);
        float[] free = new float[48 * 32];
        for (int y = 0; y < 32; y++) for (int x = 0; x < 24; x++) free[y * 48 + x] = 1f;
        FloatImage out = new OutputStage(OutputStage.Post.NONE, OutputStage.FULL).apply(result(small, free), full);
        assertEquals(96, out.width());
        assertEquals(64, out.height());
        assertArrayEquals(full.alpha(), out.alpha());
        int n = 96 * 64;
        float[] o = out.toArray();
        float[] c = full.toArray();
        int changed = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 96; x++) {
                for (int ch = 0; ch < 3; ch++) {
                    int k = ch * n + y * 96 + x;
                    if (x >= 48) assertEquals(c[k], o[k], 0f, "protected pixel changed at " + x + "," + y);
                    else if (Math.abs(o[k] - c[k]) > 1e-3) changed++;
                }
            }
        }
        assertEquals(true, changed > 48 * 64, "the free half should be recoloured");
    }

    @Test
    void aRegionTooThinForTheWorkingSizeIsStillProtectedAtFullSize() {
        FloatImage full = random(96, 64, 3, 3);
        FloatImage small = Resampler.resize(full, 48, 32);
        float[] free = new float[48 * 32];
        java.util.Arrays.fill(free, 1f);
        // At full size column 31 is an orphan label (1); halving the size drops it, so the working
        // result recolours everything.
        int[] labels = new int[96 * 64];
        for (int y = 0; y < 64; y++) labels[y * 96 + 31] = 1;
        LabelMap fullMask = LabelMap.of(96, 64, labels, Map.of(0, "a", 1, "thin"));
        OutputStage stage = new OutputStage(OutputStage.Post.NONE, OutputStage.FULL);
        TransferResult r = result(small, free);
        float[] c = full.toArray();
        float[] with = stage.apply(r, full, fullMask, null).toArray();
        float[] without = stage.apply(r, full).toArray();
        int n = 96 * 64;
        boolean resampledMaskLeaks = false;
        for (int y = 0; y < 64; y++) {
            for (int ch = 0; ch < 3; ch++) {
                int k = ch * n + y * 96 + 31;
                assertEquals(c[k], with[k], 0f, "thin orphan pixel changed at row " + y);
                resampledMaskLeaks |= without[k] != c[k];
            }
        }
        assertEquals(true, resampledMaskLeaks, "without the full-size mask the thin region is not protected");
        assertEquals(true, with[5] != c[5], "matched pixels are recoloured");
    }

    @Test
    void smoothAffinePostStepOnAnUnchangedResultReturnsTheContent() {
        FloatImage small = random(24, 16, 3, 2);
        float[] free = new float[24 * 16];
        java.util.Arrays.fill(free, 1f);
        LabelMap m = LabelMap.uniform(24, 16, 0, null);
        TransferResult r = new TransferResult(small, small, m, RegionMatch.of(m, m, java.util.Set.of()), List.of(), 0,
                0, Map.of(), List.of(), free);
        FloatImage out = new OutputStage(OutputStage.Post.SMOOTH_AFFINE, OutputStage.WORKING).apply(r, small);
        float[] a = out.toArray();
        float[] b = small.toArray();
        for (int i = 0; i < a.length; i++) assertEquals(b[i], a[i], 2e-3f);
    }
}
