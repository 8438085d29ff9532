package dev.photostyle.look;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.photostyle.colour.ColourSettings;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.features.VggWeights;
import dev.photostyle.grid.GridConfig;
import dev.photostyle.grid.GridSize;
import dev.photostyle.io.image.DecodedImage;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateFormat;
import dev.photostyle.lut.Interpolation;
import dev.photostyle.lut.LutConfig;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.testing.TestWeights;
import dev.photostyle.transfer.TransferConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fitting a look end to end on synthetic keyframes with generated weights. */
class LookFitTest {
    private static VggFeatureExtractor vgg;
    private static final int W = 32, H = 24;
    private static final PlateFormat PNG = PlateFormat.forPath(Path.of("x.png"));

    @BeforeAll
    static void load() {
        vgg = VggFeatureExtractor.load(VggWeights.from(TestWeights.upTo("conv2_1", 11)), Device.cpu());
    }

    @AfterAll
    static void close() { vgg.close(); }

    /** Content: a grey ramp with texture, left label 0, right label 1; style: red textured left, blue right. */
    private static DecodedImage content(long seed) {
        Random r = new Random(seed);
        float[] c = new float[3 * W * H];
        for (int i = 0; i < W * H; i++) {
            float v = 0.3f + 0.4f * (i % W) / W + 0.1f * r.nextFloat();
            c[i] = v;
            c[W * H + i] = v * 0.9f;
            c[2 * W * H + i] = v * 0.8f;
        }
        return new DecodedImage(FloatImage.of(W, H, 3, c), PNG);
    }

    private static DecodedImage style() {
        Random r = new Random(5);
        float[] s = new float[3 * W * H];
        for (int i = 0; i < W * H; i++) {
            boolean left = i % W < W / 2;
            s[i] = left ? 0.6f + 0.4f * r.nextFloat() : 0.1f;
            s[W * H + i] = left ? 0.3f * r.nextFloat() : 0.2f + 0.3f * r.nextFloat();
            s[2 * W * H + i] = left ? 0.1f : 0.5f + 0.5f * r.nextFloat() * r.nextFloat();
        }
        return new DecodedImage(FloatImage.of(W, H, 3, s), PNG);
    }

    private static LabelMap halves() {
        int[] l = new int[W * H];
        for (int i = 0; i < l.length; i++) l[i] = i % W < W / 2 ? 0 : 1;
        return LabelMap.of(W, H, l, Map.of(0, "left", 1, "right"));
    }

    private static TransferConfig config(int iterations) {
        return TransferConfig.builder().size(W).contentLayers(List.of("relu2_1")).styleLayers(List.of("relu1_1", "relu2_1"))
                .iterations(iterations).laplacianWeight(0).grid(new GridConfig(new GridSize(4, 4, 4), 1.0, 1)).build();
    }

    @Test
    void fitLowersTheObjectiveFromTheClosedFormStart() {
        LutConfig s = new LutConfig(9, Interpolation.TETRAHEDRAL, 1e-3);
        List<LookFit.Keyframe> keys = List.of(new LookFit.Keyframe(content(1), halves()), new LookFit.Keyframe(content(2), halves()));
        LookFit.Result r = new LookFit(vgg).fit(keys, style(), halves(), config(10).toBuilder().lut(s).build(), ColourSettings.defaults(), IterationListener.NONE);
        assertTrue(r.bestValue() < r.statsValue(), "objective " + r.bestValue() + " vs closed-form start " + r.statsValue());
        assertTrue(r.iterations() > 0);
        assertEquals(List.of(0, 1), r.look().labels());
        assertEquals("left", r.look().regions().get(0).name());
        assertTrue(r.look().masked());
    }

    @Test
    void withoutIterationsTheLookIsTheClosedFormTransfer() {
        LutConfig s = new LutConfig(5, Interpolation.TRILINEAR, 1e-3);
        DecodedImage c = content(3);
        LookFit.Result r = new LookFit(vgg).fit(List.of(new LookFit.Keyframe(c, null)), style(), null, config(0).toBuilder().lut(s).build(),
                ColourSettings.defaults(), IterationListener.NONE);
        assertEquals(r.statsValue(), r.bestValue());
        assertTrue(!r.look().masked());
        // one region, no masks: the LUT is the global Monge-Kantorovich map, exact under interpolation
        FloatImage out = LookApply.apply(r.look(), c, null, ColourSettings.defaults());
        double[][] a = dev.photostyle.colour.RegionColourTransfer.fit(c.image(), LabelMap.uniform(W, H, 0, "all"),
                style().image(), LabelMap.uniform(W, H, 0, "all"), List.of(0)).affine(0);
        float[] in = c.image().toArray(), o = out.toArray();
        int n = W * H;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                double want = a[k][0] * in[i] + a[k][1] * in[n + i] + a[k][2] * in[2 * n + i] + a[k][3];
                assertEquals(Math.max(0, Math.min(1, want)), o[k * n + i], 1e-5, "pixel " + i + " channel " + k);
            }
        }
    }
}
