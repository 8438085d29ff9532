package dev.photostyle.transfer.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.photostyle.bench.RandomVggWeights;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.features.VggWeights;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.transfer.RegionTarget;
import dev.photostyle.transfer.TransferConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * A synthetic plate with two regions (A left, B right, a 6 px soft ramp between them) and a
 * protected frame (top rows, right columns) that no region reaches; A is styled after a flat red
 * image, B after a flat blue one. Small random VGG, a few iterations.
 */
class RegionTransferTest {
    static final int W = 40;
    static final int H = 32;
    static final int RAMP0 = 14;
    static final int RAMP1 = 20;
    static final int RIGHT = 34;
    static final int TOP = 4;
    private static VggFeatureExtractor vgg;

    @BeforeAll
    static void load() {
        vgg = VggFeatureExtractor.load(VggWeights.from(RandomVggWeights.upTo("conv2_1", 5)), Device.cpu());
    }

    @AfterAll
    static void close() { vgg.close(); }

    static FloatImage content() {
        float[] c = new float[3 * W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                c[i] = 0.45f + 0.1f * x / W;
                c[W * H + i] = 0.5f + 0.1f * y / H;
                c[2 * W * H + i] = 0.5f;
            }
        }
        return FloatImage.of(W, H, 3, c);
    }

    /** Matte of A (left = true) or B: 1 on its side, a linear ramp over [RAMP0, RAMP1), 0 in the frame. */
    static float[] matte(boolean left) {
        float[] m = new float[W * H];
        for (int y = TOP; y < H; y++) {
            for (int x = 0; x < RIGHT; x++) {
                float a = x < RAMP0 ? 1f : x >= RAMP1 ? 0f : 1f - (x - RAMP0 + 0.5f) / (RAMP1 - RAMP0);
                m[y * W + x] = left ? a : 1f - a;
            }
        }
        return m;
    }

    static FloatImage flat(float r, float g, float b, long seed) {
        Random rnd = new Random(seed);
        int n = 24 * 24;
        float[] d = new float[3 * n];
        for (int i = 0; i < n; i++) {
            d[i] = r + 0.05f * rnd.nextFloat();
            d[n + i] = g + 0.05f * rnd.nextFloat();
            d[2 * n + i] = b + 0.05f * rnd.nextFloat();
        }
        return FloatImage.of(24, 24, 3, d);
    }

    static List<RegionTarget> regions(List<String> layers) {
        float[] whole = new float[24 * 24];
        java.util.Arrays.fill(whole, 1f);
        return List.of(
                new RegionTarget("A", matte(true), flat(0.85f, 0.1f, 0.1f, 1), whole, 1, layers),
                new RegionTarget("B", matte(false), flat(0.1f, 0.1f, 0.85f, 2), whole, 1, layers));
    }

    static TransferConfig config() {
        return TransferConfig.builder().size(W).iterations(15).contentLayers(List.of("relu2_1"))
                .styleLayers(List.of("relu1_1", "relu2_1")).laplacianWeight(100).build();
    }

    /** Mean of (R - B) over pixels where {@code m} is 1. */
    static double redMinusBlue(FloatImage img, float[] m) {
        double s = 0;
        int k = 0;
        int n = W * H;
        float[] d = img.toArray();
        for (int i = 0; i < n; i++) {
            if (m[i] == 1f) {
                s += d[i] - d[2 * n + i];
                k++;
            }
        }
        return s / k;
    }

    /** Mean of channel c over the regions' rows, per column: the colour profile across the seam. */
    static double[] profile(FloatImage img, int c) {
        double[] p = new double[W];
        for (int x = 0; x < W; x++) {
            for (int y = TOP; y < H; y++) p[x] += img.get(c, x, y);
            p[x] /= H - TOP;
        }
        return p;
    }

    /**
     * The seam criterion, concretely: across the band where the mattes cross ({@code [RAMP0 - 1,
     * RAMP1]}), a step between neighbouring columns of the colour profile (column means over the
     * regions' rows) may exceed the content's own step there by at most twice that channel's even
     * share of its transition across the band, or a tenth of the largest colour jump between the two
     * sides (max over channels of {@code |P(RAMP1) − P(RAMP0 − 1)|}), whichever is larger. A hard
     * seam puts the whole jump into one step and fails ({@link #aHardSeamFailsTheSeamCriterion}).
     */
    static void assertNoSeam(FloatImage content, FloatImage out, String what) {
        int steps = RAMP1 - RAMP0 + 1;
        double jump = 0;
        for (int c = 0; c < 3; c++) {
            double[] p = profile(out, c);
            jump = Math.max(jump, Math.abs(p[RAMP1] - p[RAMP0 - 1]));
        }
        for (int c = 0; c < 3; c++) {
            double[] p = profile(out, c);
            double[] q = profile(content, c);
            double allowed = Math.max(2 * Math.abs(p[RAMP1] - p[RAMP0 - 1]) / steps, 0.1 * jump);
            for (int x = RAMP0 - 1; x < RAMP1; x++) {
                double step = Math.abs(p[x + 1] - p[x]);
                double own = Math.abs(q[x + 1] - q[x]);
                assertTrue(step <= own + allowed, String.format(java.util.Locale.ROOT,
                        "%s: channel %d step %.4f between columns %d and %d exceeds the content's %.4f + %.4f",
                        what, c, step, x, x + 1, own, allowed));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RegionStrategy.class)
    void eachRegionTakesItsOwnStyleAndTheRestIsUntouched(RegionStrategy strategy) {
        FloatImage c = content();
        RegionResult r = new RegionTransfer(vgg).run(c, regions(List.of("relu1_1", "relu2_1")), config(), strategy,
                IterationListener.NONE);
        FloatImage out = r.transfer().image();
        float[] a = matte(true);
        float[] b = matte(false);
        double a0 = redMinusBlue(c, a), a1 = redMinusBlue(out, a);
        double b0 = redMinusBlue(c, b), b1 = redMinusBlue(out, b);
        assertTrue(a1 > a0 + 0.05, "region A moves toward red: " + a0 + " -> " + a1);
        assertTrue(b1 < b0 - 0.05, "region B moves toward blue: " + b0 + " -> " + b1);
        // Outside both regions: bit-identical.
        float[] cd = c.toArray();
        float[] od = out.toArray();
        int n = W * H;
        for (int i = 0; i < n; i++) {
            if (a[i] == 0f && b[i] == 0f) {
                for (int ch = 0; ch < 3; ch++) {
                    assertEquals(Float.floatToIntBits(cd[ch * n + i]), Float.floatToIntBits(od[ch * n + i]),
                            "pixel " + i + " channel " + ch + " outside the regions changed");
                }
            }
        }
        // The joint optimisation leaves a halo where the soft mattes cross (both Gram targets pull
        // the shared pixels, neither wins); only the per-region strategy meets the seam criterion.
        if (strategy == RegionStrategy.PER_REGION) assertNoSeam(c, out, strategy.label());
    }

    @Test
    void aHardSeamFailsTheSeamCriterion() {
        FloatImage c = content();
        float[] d = c.toArray();
        int n = W * H;
        for (int y = TOP; y < H; y++) {
            for (int x = 0; x < RIGHT; x++) {
                boolean left = x < (RAMP0 + RAMP1) / 2;
                d[y * W + x] = left ? 0.8f : 0.2f;
                d[2 * n + y * W + x] = left ? 0.2f : 0.8f;
            }
        }
        assertThrows(org.opentest4j.AssertionFailedError.class,
                () -> assertNoSeam(c, FloatImage.of(W, H, 3, d), "hard composite"));
    }

    @Test
    void thinRegionFallsBackToShallowLayersWithAWarning() {
        float[] thin = new float[W * H];
        for (int y = 0; y < H; y++) for (int x = 19; x < 22; x++) thin[y * W + x] = 1f; // 3 px: gone by relu3_1
        float[] whole = new float[24 * 24];
        java.util.Arrays.fill(whole, 1f);
        List<String> warnings = new ArrayList<>();
        List<RegionTarget> planned = RegionLayers.plan(List.of(new RegionTarget("wire", thin, flat(1, 0, 0, 1), whole, 1,
                List.of("relu1_1", "relu2_1", "relu3_1"))), W, H, warnings::add);
        List<String> kept = planned.get(0).styleLayers();
        assertTrue(kept.contains("relu1_1") && !kept.contains("relu3_1"), kept.toString());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("'wire'") && warnings.get(0).contains("relu3_1"), warnings.get(0));
    }

    @Test
    void styleRegionTooSmallForAGramMatrixIsAnError() {
        float[] speck = new float[24 * 24];
        speck[5 * 24 + 5] = 1f;
        RegionTarget t = new RegionTarget("sky", matte(true), flat(1, 0, 0, 1), speck, 1, List.of("relu1_1", "relu2_1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegionLayers.plan(List.of(t), W, H, w -> { }));
        assertTrue(e.getMessage().contains("region 'sky'") && e.getMessage().contains("too few for a Gram matrix"),
                e.getMessage());
    }
}
