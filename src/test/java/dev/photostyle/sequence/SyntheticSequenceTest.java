package dev.photostyle.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.features.VggWeights;
import dev.photostyle.flow.DenseFlow;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.testing.TestWeights;
import dev.photostyle.transfer.TransferConfig;
import dev.photostyle.transfer.TransferInputs;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A textured pattern translating by a known offset: with the temporal method (warped init and the
 * temporal loss) consecutive results agree better after warping than frames stylised independently
 * from the same noise.
 */
class SyntheticSequenceTest {
    private static final int S = 48;
    private static final int FRAMES = 3;
    private static final int DX = 2;
    private static final int DY = 1;
    private static VggFeatureExtractor vgg;

    @BeforeAll
    static void load() {
        vgg = VggFeatureExtractor.load(VggWeights.from(TestWeights.upTo("conv2_1", 7)), Device.cpu());
    }

    @AfterAll
    static void close() { vgg.close(); }

    /** Frame t: a smooth texture moving right by DX and down by DY px per frame. */
    static FloatImage frame(int t) {
        float[] d = new float[3 * S * S];
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                double u = x - DX * t;
                double v = y - DY * t;
                double a = 0.5 + 0.25 * Math.sin(u * 0.45) * Math.cos(v * 0.3) + 0.15 * Math.sin((u + 2 * v) * 0.21);
                double b = 0.5 + 0.3 * Math.cos(u * 0.17 - v * 0.38);
                int i = y * S + x;
                d[i] = (float) a;
                d[S * S + i] = (float) (0.6 * a + 0.4 * b);
                d[2 * S * S + i] = (float) b;
            }
        }
        return FloatImage.wrap(S, S, 3, d);
    }

    /** A style of saturated stripes. */
    static FloatImage style() {
        float[] d = new float[3 * S * S];
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                int i = y * S + x;
                boolean on = ((x + y) / 3) % 2 == 0;
                d[i] = on ? 0.9f : 0.2f;
                d[S * S + i] = on ? 0.3f : 0.1f;
                d[2 * S * S + i] = on ? 0.1f : 0.7f;
            }
        }
        return FloatImage.wrap(S, S, 3, d);
    }

    private static double run(TemporalConfig temporal, List<TemporalGuide> guides) {
        TransferConfig cfg = TransferConfig.builder().size(S).contentLayers(List.of("relu2_1"))
                .styleLayers(List.of("relu1_1", "relu2_1")).iterations(5).laplacianWeight(0)
                .init(TransferConfig.Init.NOISE).seed(3).build();
        SequenceRunner runner = new SequenceRunner(vgg, cfg, temporal);
        List<FloatImage> results = new ArrayList<>();
        FloatImage style = style();
        for (int t = 0; t < FRAMES; t++) {
            FloatImage prevC = t == 0 ? null : frame(t - 1);
            FloatImage prevR = t == 0 ? null : results.get(t - 1);
            SequenceRunner.Frame f = runner.frame(TransferInputs.of(frame(t), style), prevC, prevR, IterationListener.NONE);
            results.add(f.result().image());
            guides.add(f.guide());
        }
        List<TemporalConsistency.Pair> pairs = new ArrayList<>();
        for (int t = 1; t < FRAMES; t++) {
            pairs.add(TemporalConsistency.pair(frame(t), frame(t - 1), results.get(t), results.get(t - 1), DenseFlow.medium()));
        }
        return TemporalConsistency.meanResult(pairs);
    }

    @Test
    void temporalTermLowersTheWarpingError() {
        List<TemporalGuide> independentGuides = new ArrayList<>();
        List<TemporalGuide> temporalGuides = new ArrayList<>();
        double independent = run(TemporalConfig.independent(), independentGuides);
        double temporal = run(TemporalConfig.temporal(1), temporalGuides);
        assertTrue(independentGuides.stream().allMatch(g -> g == null), "independent frames use no guide");
        assertNull(temporalGuides.get(0));
        assertTrue(temporalGuides.get(1).reliableFraction() > 0.5, "flow of a pure translation is mostly reliable");
        System.err.println("synthetic sequence warping error: temporal " + temporal + ", independent " + independent);
        assertTrue(temporal < 0.7 * independent, "temporal " + temporal + " vs independent " + independent);
    }

    @Test
    void guideOfAKnownTranslationRecoversThePreviousResult() {
        // Warping frame t-1 by the flow of (t, t-1) must reproduce frame t where reliable.
        FloatImage prev = frame(1);
        FloatImage cur = frame(2);
        TemporalGuide g = TemporalGuide.of(cur, prev, prev, DenseFlow.medium());
        float[] w = g.warped().toArray();
        float[] c = cur.toArray();
        float[] m = g.reliability().toArray();
        double err = 0;
        double n = 0;
        for (int i = 0; i < m.length; i++) {
            if (m[i] == 0) continue;
            for (int ch = 0; ch < 3; ch++) err += Math.abs(w[ch * m.length + i] - c[ch * m.length + i]);
            n += 3;
        }
        assertTrue(n > 0);
        assertEquals(0, err / n, 0.02);
        // init: warped where reliable, content elsewhere
        FloatImage init = g.initImage(cur);
        for (int i = 0; i < m.length; i++) {
            float expect = m[i] == 1 ? w[i] : c[i];
            assertEquals(expect, init.toArray()[i], 1e-6);
        }
    }
}
