package dev.photostyle.transfer;

import ai.djl.Device;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.features.VggWeights;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.lut.LutConfig;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.optim.IterationRecord;
import dev.photostyle.testing.TestWeights;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --method lut} end to end on GridTransferTest's scene, with generated weights. */
class LutTransferTest {
    private static VggFeatureExtractor vgg;
    private static final int W = 40, H = 32;

    @BeforeAll
    static void load() {
        vgg = VggFeatureExtractor.load(VggWeights.from(TestWeights.upTo("conv2_1", 11)), Device.cpu());
    }

    @AfterAll
    static void close() { vgg.close(); }

    private static TransferConfig config(int iterations) {
        return GridTransferTest.config(TransferConfig.Method.LUT).toBuilder().iterations(iterations)
                .lut(new LutConfig(9, dev.photostyle.lut.Interpolation.TETRAHEDRAL, 1e-3)).build();
    }

    @Test
    void atTheWorkingSizeTheFitStartsFromTheClosedFormAndLowersTheObjective() {
        TransferInputs in = GridTransferTest.inputs();
        TransferRun stats = TransferRun.run(vgg, in, GridTransferTest.config(TransferConfig.Method.STATS), List.of(),
                IterationListener.NONE);
        List<Integer> seen = new ArrayList<>();
        TransferRun run = TransferRun.run(vgg, in, config(10), List.of(), (rec, img) -> seen.add(rec.iteration()));
        TransferResult r = run.result();
        assertEquals(List.of("lut"), r.stages().stream().map(StageResult::name).toList(), "40 px: one level");
        // The start is the closed form baked into the lattice (exact for an affine map): the same image, so the
        // same objective; without the smoothness term, which is 0 for an affine map.
        IterationRecord start = r.history().get(0);
        assertEquals(stats.result().bestValue(), start.value(), 1e-4 * Math.abs(start.value()), "closed-form start");
        assertEquals(0, start.terms().get("lut_smoothness"), 1e-9);
        assertTrue(r.bestValue() < start.value(), "best " + r.bestValue() + " vs start " + start.value());
        assertEquals(r.history().stream().mapToDouble(IterationRecord::value).min().orElseThrow(), r.bestValue(), 0.0);
        assertEquals(r.history().stream().map(IterationRecord::iteration).toList(), seen);
        // orphans (label 2) keep the content exactly, at the working size and at twice it
        float[] out = r.image().toArray(), c = in.content().toArray();
        for (int y = 12; y < 20; y++) for (int x = 16; x < 24; x++) {
            for (int ch = 0; ch < 3; ch++) assertEquals(c[(ch * H + y) * W + x], out[(ch * H + y) * W + x], 0f);
        }
        FloatImage big = Resampler.resize(in.content(), 2 * W, 2 * H);
        LabelMap bigMask = in.contentMask().resizeNearest(2 * W, 2 * H);
        FloatImage full = run.output(new OutputStage(OutputStage.Post.NONE, OutputStage.FULL), big, bigMask);
        float[] f = full.toArray(), b = big.toArray();
        for (int i = 0; i < 4 * W * H; i++) {
            if (bigMask.labelAt(i) != 2) continue;
            for (int ch = 0; ch < 3; ch++) assertEquals(b[ch * 4 * W * H + i], f[ch * 4 * W * H + i], 0f, "orphan at full size");
        }
        // the LUTs rendered on the plate itself agree with the working-size result
        float[] d = Resampler.resize(full, W, H).toArray();
        double err = 0;
        for (int i = 0; i < d.length; i++) err += Math.abs(d[i] - out[i]) / d.length;
        assertTrue(err < 0.02, "full-size render differs from the working result by " + err);
    }

    @Test
    void coarseToFineOptimisesTheCoarseLevelsScoresTheWorkingSizeAndReturnsTheBetter() {
        TransferInputs small = GridTransferTest.inputs();
        // 128 px working size: levels 64 (optimised) and 128 (scored); 32 px is under the minimum level size
        FloatImage c = Resampler.resize(small.content(), 128, 102);
        TransferInputs in = new TransferInputs(c, small.style(), small.contentMask().resizeNearest(128, 102),
                small.styleMask(), null);
        TransferConfig cfg = config(8).toBuilder().size(128).build();
        TransferResult r = TransferRun.run(vgg, in, cfg, List.of(), IterationListener.NONE).result();
        assertEquals(List.of("lut at 64 px", "lut at 128 px (scored)"), r.stages().stream().map(StageResult::name).toList());
        StageResult scored = r.stages().get(1);
        assertEquals(2, scored.history().size(), "the start and the fit, each scored once");
        assertEquals(r.stages().get(0).lastIteration() + 1, scored.firstIteration());
        for (int i = 0; i < r.history().size(); i++) assertEquals(i, r.history().get(i).iteration());
        double best = Math.min(scored.history().get(0).value(), scored.history().get(1).value());
        assertEquals(best, r.bestValue(), 0.0);
        assertEquals(scored.bestIteration(), r.bestIteration());
        assertTrue(r.stages().get(0).bestValue() < r.stages().get(0).history().get(0).value(), "the coarse level lowered its objective");
    }

    @Test
    void noIterationsGiveIdentityLutsThatReturnTheContent() {
        TransferInputs in = GridTransferTest.inputs();
        TransferRun run = TransferRun.run(vgg, in, config(0), List.of(), IterationListener.NONE);
        float[] out = run.result().image().toArray(), c = in.content().toArray();
        // tetrahedral weights of an identity lattice sum the node inputs back: float rounding only
        for (int i = 0; i < c.length; i++) assertEquals(c[i], out[i], 1e-6, "sample " + i);
        FloatImage big = Resampler.resize(in.content(), 2 * W, 2 * H);
        float[] f = run.output(new OutputStage(OutputStage.Post.NONE, OutputStage.FULL), big).toArray(), b = big.toArray();
        for (int i = 0; i < b.length; i++) assertEquals(b[i], f[i], 1e-6, "full-size sample " + i);
        Map<String, Object> report = TransferReport.toMap(config(0), run.result(), Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> conf = (Map<String, Object>) report.get("config");
        assertEquals(9, conf.get("lut_size"));
        assertEquals("tetrahedral", conf.get("lut_interpolation"));
    }
}
