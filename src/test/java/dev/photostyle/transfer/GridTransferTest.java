package dev.photostyle.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.features.VggWeights;
import dev.photostyle.grid.GridConfig;
import dev.photostyle.grid.GridSize;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.optim.IterationRecord;
import dev.photostyle.testing.TestWeights;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The grid and hybrid methods end to end on synthetic images with generated weights. */
class GridTransferTest {
    private static VggFeatureExtractor vgg;
    private static final int W = 40, H = 32;

    @BeforeAll
    static void load() {
        vgg = VggFeatureExtractor.load(VggWeights.from(TestWeights.upTo("conv2_1", 11)), Device.cpu());
    }

    @AfterAll
    static void close() { vgg.close(); }

    /** Content: equal-brightness grey halves (labels 0, 1) and an orphan block (2); style: red left, blue right. */
    static TransferInputs inputs() {
        float[] c = new float[3 * W * H];
        float[] s = new float[3 * W * H];
        int[] cl = new int[W * H];
        int[] sl = new int[W * H];
        java.util.Random r = new java.util.Random(3);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                float v = 0.35f + 0.3f * (x + y) / (W + H) + 0.05f * r.nextFloat();
                for (int ch = 0; ch < 3; ch++) c[ch * W * H + i] = v;
                boolean left = x < W / 2;
                s[i] = left ? 0.8f + 0.2f * r.nextFloat() : 0.1f;
                s[W * H + i] = left ? 0.2f * r.nextFloat() : 0.3f + 0.1f * r.nextFloat();
                s[2 * W * H + i] = left ? 0.1f : 0.9f;
                cl[i] = left ? 0 : 1;
                if (x >= 16 && x < 24 && y >= 12 && y < 20) cl[i] = 2;
                sl[i] = left ? 0 : 1;
            }
        }
        return new TransferInputs(FloatImage.of(W, H, 3, c), FloatImage.of(W, H, 3, s),
                LabelMap.of(W, H, cl, Map.of()), LabelMap.of(W, H, sl, Map.of()), null);
    }

    static TransferConfig config(TransferConfig.Method method) {
        return TransferConfig.builder().size(W).contentLayers(List.of("relu2_1")).styleLayers(List.of("relu1_1", "relu2_1"))
                .iterations(15).laplacianWeight(100).method(method)
                .grid(new GridConfig(new GridSize(4, 4, 4), 1.0, 1)).build();
    }

    /** Mean of channel ch over columns [x0, x1), skipping the orphan block and its blend border. */
    static double mean(float[] img, int ch, int x0, int x1) {
        double s = 0;
        int n = 0;
        for (int y = 0; y < H; y++) for (int x = x0; x < x1; x++) {
            if (x >= 14 && x < 26 && y >= 10 && y < 22) continue;
            s += img[(ch * H + y) * W + x];
            n++;
        }
        return s / n;
    }

    @Test
    void gridLowersTheLossColoursEachRegionAndKeepsOrphansExactly() {
        TransferInputs in = inputs();
        TransferRun run = TransferRun.run(vgg, in, config(TransferConfig.Method.GRID), List.of(), IterationListener.NONE);
        TransferResult r = run.result();
        List<IterationRecord> h = r.history();
        assertTrue(r.bestValue() < h.get(0).value() * 0.9, "loss " + h.get(0).value() + " -> " + r.bestValue());
        assertTrue(h.get(h.size() - 1).terms().containsKey("grid_smoothness"));
        float[] out = r.image().toArray();
        float[] c = in.content().toArray();
        for (int y = 12; y < 20; y++) for (int x = 16; x < 24; x++) {
            for (int ch = 0; ch < 3; ch++) assertEquals(c[(ch * H + y) * W + x], out[(ch * H + y) * W + x], 0f);
        }
        // left (red target) ends redder than blue, right (blue target) bluer than red: same grey start
        assertTrue(mean(out, 0, 0, 20) - mean(out, 2, 0, 20) > 0.05, "left red-blue " + (mean(out, 0, 0, 20) - mean(out, 2, 0, 20)));
        assertTrue(mean(out, 2, 20, W) - mean(out, 0, 20, W) > 0.05, "right blue-red " + (mean(out, 2, 20, W) - mean(out, 0, 20, W)));
        // full size: the grids sliced with the bigger content, content kept outside the free mask
        FloatImage big = Resampler.resize(in.content(), 2 * W, 2 * H);
        FloatImage full = run.output(new OutputStage(OutputStage.Post.NONE, OutputStage.FULL), big);
        assertEquals(2 * W, full.width());
        FloatImage down = Resampler.resize(full, W, H);
        double err = 0;
        float[] d = down.toArray();
        for (int i = 0; i < d.length; i++) err += Math.abs(d[i] - out[i]) / d.length;
        assertTrue(err < 0.02, "full-size render differs from the working result by " + err);
        float[] fb = full.toArray(), bb = big.toArray();
        int i = (2 * H / 2) * 2 * W + 2 * W / 2; // centre of the orphan block
        assertEquals(bb[i], fb[i], 0f);
    }

    @Test
    void hybridRefinesTheGridResultAndKeepsTheBestIterate() {
        TransferConfig cfg = config(TransferConfig.Method.HYBRID);
        int[] calls = {0};
        TransferRun run = TransferRun.run(vgg, inputs(), cfg, List.of(), (rec, img) -> { calls[0]++; return true; });
        TransferResult r = run.result();
        assertEquals(2, r.stages().size());
        assertEquals(TransferRun.refinementIterations(cfg), r.stages().get(1).history().size() - 1);
        assertTrue(r.timings().containsKey("grid_s") && r.timings().containsKey("refine_s"));
        assertTrue(calls[0] > cfg.iterations());
        // the refinement starts from the grid's result, so its start is no worse than the grid's best
        assertTrue(r.bestValue() <= r.stages().get(1).history().get(0).value());
    }

    @Test
    void levelsRunCoarseToFineWithMostIterationsAtTheCoarseOnes() {
        TransferConfig cfg = config(TransferConfig.Method.GRID).toBuilder().size(256).iterations(100).levels(3).build();
        assertEquals(List.of(64, 128, 256), cfg.levelSizes());
        assertEquals(List.of(50, 25, 12), List.of(cfg.levelIterations(0, 3), cfg.levelIterations(1, 3), cfg.levelIterations(2, 3)));
        assertEquals(List.of(256), cfg.toBuilder().levels(1).build().levelSizes());
        assertEquals(List.of(100, 200), cfg.toBuilder().size(200).levels(4).build().levelSizes(), "levels under 64 px are skipped");
        TransferConfig seven = cfg.toBuilder().iterations(7).build();
        assertEquals(List.of(3, 1, 1), List.of(seven.levelIterations(0, 3), seven.levelIterations(1, 3),
                seven.levelIterations(2, 3)), "halving, at least one each");
        assertEquals(7, seven.levelIterations(0, 1), "one level takes them all");

        TransferConfig two = config(TransferConfig.Method.GRID).toBuilder().size(128).iterations(6).levels(2).build();
        TransferResult r = TransferRun.run(vgg, inputs(), two, List.of(), IterationListener.NONE).result();
        assertEquals(List.of("grid at 64 px", "grid at 128 px (scored)"), r.stages().stream().map(StageResult::name).toList());
        assertTrue(r.stages().get(0).history().size() - 1 <= 6 && r.stages().get(0).history().size() > 1,
                "the coarse level takes the iterations (one optimised level gets them all)");
        assertEquals(1, r.stages().get(1).history().size(), "the working size is scored once");
        assertEquals(r.stages().get(0).lastIteration() + 1, r.stages().get(1).firstIteration());
        assertEquals(128, r.image().width());
        assertEquals(r.stages().get(1).bestValue(), r.bestValue(), 0.0);
    }
}
