package dev.photostyle.pipeline;

import ai.djl.Device;
import dev.photostyle.colour.ColourSettings;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.features.VggWeights;
import dev.photostyle.grid.GridConfig;
import dev.photostyle.grid.GridSize;
import dev.photostyle.io.image.DecodedImage;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateFormat;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.optim.IterationRecord;
import dev.photostyle.testing.TestWeights;
import dev.photostyle.transfer.OutputStage;
import dev.photostyle.transfer.StageResult;
import dev.photostyle.transfer.TransferConfig;
import dev.photostyle.transfer.TransferResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plate path end to end with generated weights: protected pixels, colour, reports. */
class PlateTransferTest {
    private static VggFeatureExtractor vgg;
    /** The plate is twice the working size, so full, work and N output sizes all differ. */
    private static final int W = 80, H = 64, WORK = 40;

    @BeforeAll
    static void load() {
        vgg = VggFeatureExtractor.load(VggWeights.from(TestWeights.upTo("conv2_1", 11)), Device.cpu());
    }

    @AfterAll
    static void close() { vgg.close(); }

    /**
     * A gradient plate in label 0 (left) and 1 (right), with label 2 (no partner in the style) as a
     * block in the middle and label 3 (excluded) along the bottom; the style has labels 0 and 1 only.
     */
    static PlateInputs inputs(PlateFormat format, float gain) {
        float[] c = new float[3 * W * H];
        int[] cl = new int[W * H];
        java.util.Random r = new java.util.Random(5);
        for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) {
            int i = y * W + x;
            for (int ch = 0; ch < 3; ch++) c[ch * W * H + i] = gain * (0.2f + 0.5f * (x + y) / (W + H) + 0.1f * ch / 3 + 0.05f * r.nextFloat());
            cl[i] = x < W / 2 ? 0 : 1;
            if (x >= 30 && x < 50 && y >= 20 && y < 40) cl[i] = 2;
            if (y >= H - 10) cl[i] = 3;
        }
        int sw = 48, sh = 40;
        float[] s = new float[3 * sw * sh];
        int[] sl = new int[sw * sh];
        for (int y = 0; y < sh; y++) for (int x = 0; x < sw; x++) {
            int i = y * sw + x;
            boolean left = x < sw / 2;
            s[i] = left ? 0.8f + 0.1f * r.nextFloat() : 0.1f;
            s[sw * sh + i] = left ? 0.2f : 0.3f + 0.1f * r.nextFloat();
            s[2 * sw * sh + i] = left ? 0.1f : 0.9f;
            sl[i] = left ? 0 : 1;
        }
        return new PlateInputs(new DecodedImage(FloatImage.of(W, H, 3, c), format),
                new DecodedImage(FloatImage.of(sw, sh, 3, s), PlateFormat.forPath(java.nio.file.Path.of("s.png"))),
                LabelMap.of(W, H, cl, Map.of()), LabelMap.of(sw, sh, sl, Map.of()), null);
    }

    static TransferConfig config(TransferConfig.Method method) {
        return TransferConfig.builder().size(WORK).contentLayers(List.of("relu2_1"))
                .styleLayers(List.of("relu1_1", "relu2_1")).iterations(6).laplacianWeight(100).method(method)
                .excludeLabels(java.util.Set.of(3)).grid(new GridConfig(new GridSize(4, 4, 4), 1.0, 1)).build();
    }

    /** The plate (resampled to the output's size when it differs) wherever the label is 2 or 3. */
    private static void assertProtectedExact(PlateInputs in, FloatImage out, String what) {
        FloatImage plate = in.content().image();
        FloatImage base = out.sameSize(plate) ? plate : Resampler.resize(plate, out.width(), out.height());
        LabelMap labels = in.contentMask().resizeNearest(out.width(), out.height());
        int n = out.pixels();
        float[] o = out.toArray(), b = base.toArray();
        int checked = 0;
        double changed = 0;
        for (int i = 0; i < n; i++) {
            int l = labels.labelAt(i);
            for (int ch = 0; ch < 3; ch++) {
                if (l == 2 || l == 3) {
                    assertEquals(b[ch * n + i], o[ch * n + i], 0f, what + ": protected pixel " + i + " (label " + l + ")");
                    checked++;
                } else {
                    changed += Math.abs(o[ch * n + i] - b[ch * n + i]);
                }
            }
        }
        assertTrue(checked > 0, what);
        assertTrue(changed > 0, what + ": the matched regions did not change at all");
    }

    @Test
    void protectedPixelsAreExactForEveryMethodAndOutputSize() {
        PlateFormat png = PlateFormat.forPath(java.nio.file.Path.of("p.png"));
        PlateInputs in = inputs(png, 1f);
        PlateTransfer pt = new PlateTransfer(vgg);
        for (TransferConfig.Method m : TransferConfig.Method.values()) {
            for (int size : new int[] {OutputStage.WORKING, OutputStage.FULL, 60}) {
                PlateResult r = pt.transfer(in, config(m), ColourSettings.defaults(),
                        new OutputStage(OutputStage.Post.NONE, size), IterationListener.NONE);
                int expect = size == OutputStage.WORKING ? WORK : size == OutputStage.FULL ? W : 60;
                assertEquals(expect, r.plate().width(), m + " " + size);
                assertProtectedExact(in, r.plate(), m + " at output size " + size);
            }
        }
    }

    @Test
    void aLinearPlateKeepsItsHighlightsAndProtectedValuesExactly() {
        PlateFormat exr = new PlateFormat(PlateFormat.Container.EXR, PlateFormat.SampleType.FLOAT, false,
                PlateFormat.Compression.ZIP);
        // Linear values up to ~33: beyond the highlight shoulder's 16, so the network sees them clamped at 1.
        PlateInputs in = inputs(exr, 40f);
        PlateTransfer pt = new PlateTransfer(vgg);
        OutputStage full = new OutputStage(OutputStage.Post.NONE, OutputStage.FULL);
        PlateResult still = pt.transfer(in, config(TransferConfig.Method.PIXELS).toBuilder().iterations(0).build(),
                ColourSettings.defaults(), full, IterationListener.NONE);
        float[] o = still.plate().toArray(), p = in.content().image().toArray();
        int above = 0;
        for (int i = 0; i < o.length; i++) {
            if (p[i] > 16f) above++;
            assertEquals(p[i], o[i], 1e-4 * Math.max(1, p[i]), "an untouched plate comes back unchanged (" + i + ")");
        }
        assertTrue(above > 100, "the plate has values beyond the shoulder: " + above);
        PlateResult styled = pt.transfer(in, config(TransferConfig.Method.PIXELS), ColourSettings.defaults(), full,
                IterationListener.NONE);
        assertProtectedExact(in, styled.plate(), "linear EXR");
    }

    @Test
    void theReportCoversEveryStageWithContinuousIterations() {
        PlateInputs in = inputs(PlateFormat.forPath(java.nio.file.Path.of("p.png")), 1f);
        List<Integer> seen = new ArrayList<>();
        TransferConfig cfg = config(TransferConfig.Method.HYBRID);
        PlateResult r = new PlateTransfer(vgg).transfer(in, cfg, ColourSettings.defaults(),
                new OutputStage(OutputStage.Post.NONE, OutputStage.WORKING), (rec, img) -> seen.add(rec.iteration()));
        TransferResult t = r.transfer();
        assertEquals(List.of("grid", "pixel refinement"), t.stages().stream().map(StageResult::name).toList());
        List<IterationRecord> all = t.history();
        for (int i = 0; i < all.size(); i++) assertEquals(i, all.get(i).iteration(), "iterations run on across stages");
        assertEquals(all.stream().map(IterationRecord::iteration).toList(), seen, "the listener sees the same numbers");
        StageResult last = t.stages().get(1);
        assertEquals(t.stages().get(0).lastIteration() + 1, last.firstIteration());
        assertEquals(last.bestIteration(), t.bestIteration());
        assertEquals(last.history().stream().mapToDouble(IterationRecord::value).min().orElseThrow(), t.bestValue(), 0.0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> stages = (List<Map<String, Object>>) r.report().get("stages");
        assertEquals(2, stages.size());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> its = (List<Map<String, Object>>) r.report().get("iterations");
        assertEquals(all.size(), its.size());
    }
}
