package dev.photostyle.transfer;

import ai.djl.Device;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.features.VggWeights;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.testing.TestWeights;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The closed-form method end to end, on GridTransferTest's scene. */
class StatsTransferTest {
    private static VggFeatureExtractor vgg;
    private static final int W = 40, H = 32;

    @BeforeAll
    static void load() {
        vgg = VggFeatureExtractor.load(VggWeights.from(TestWeights.upTo("conv2_1", 11)), Device.cpu());
    }

    @AfterAll
    static void close() { vgg.close(); }

    @Test
    void eachRegionTakesItsStyleRegionsMeanAndOrphansKeepTheContent() {
        TransferInputs in = GridTransferTest.inputs();
        TransferConfig cfg = GridTransferTest.config(TransferConfig.Method.STATS);
        TransferRun run = TransferRun.run(vgg, in, cfg, List.of(), IterationListener.NONE);
        TransferResult r = run.result();
        assertEquals(1, r.stages().size());
        assertEquals(StatsTransfer.STAGE, r.stages().get(0).name());
        assertTrue(Double.isFinite(r.bestValue()) && r.history().get(0).terms().containsKey("style"));
        float[] out = r.image().toArray(), s = in.style().toArray(), c = in.content().toArray();
        // The map carries each region's mean onto the style region's exactly; the soft border (blend
        // radius 1 px) is excluded by skipping the columns next to the split.
        for (int ch = 0; ch < 3; ch++) {
            double styleLeft = 0, styleRight = 0;
            for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) {
                if (x < W / 2) styleLeft += s[(ch * H + y) * W + x]; else styleRight += s[(ch * H + y) * W + x];
            }
            styleLeft /= W * H / 2.0;
            styleRight /= W * H / 2.0;
            assertEquals(styleLeft, GridTransferTest.mean(out, ch, 0, W / 2 - 2), 0.03, "left channel " + ch);
            assertEquals(styleRight, GridTransferTest.mean(out, ch, W / 2 + 2, W), 0.03, "right channel " + ch);
        }
        for (int y = 12; y < 20; y++) for (int x = 16; x < 24; x++) {
            for (int ch = 0; ch < 3; ch++) assertEquals(c[(ch * H + y) * W + x], out[(ch * H + y) * W + x], 0f);
        }
        // the renderer applies the same maps at another size
        FloatImage big = Resampler.resize(in.content(), 2 * W, 2 * H);
        FloatImage full = run.output(new OutputStage(OutputStage.Post.NONE, OutputStage.FULL), big);
        float[] d = Resampler.resize(full, W, H).toArray();
        double err = 0;
        for (int i = 0; i < d.length; i++) err += Math.abs(d[i] - out[i]) / d.length;
        assertTrue(err < 0.02, "full-size render differs from the working result by " + err);
    }
}
