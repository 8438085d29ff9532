package dev.photostyle.pipeline;

import ai.djl.Device;
import dev.photostyle.colour.ColourSettings;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.features.VggWeights;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateFormat;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.job.JobFile;
import dev.photostyle.job.JobLoader;
import dev.photostyle.job.LoadedJob;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.testing.TestWeights;
import dev.photostyle.transfer.OutputStage;
import dev.photostyle.transfer.RegionTarget;
import dev.photostyle.transfer.TransferConfig;
import dev.photostyle.transfer.region.RegionLayers;
import dev.photostyle.transfer.region.RegionStrategy;
import dev.photostyle.transfer.region.RegionTransfer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A job file on a linear EXR plate through the plate path: colour, protected pixels, the scored composite. */
class RegionJobPlateTest {
    private static VggFeatureExtractor vgg;
    private static final int W = 48, H = 32;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        vgg = VggFeatureExtractor.load(VggWeights.from(TestWeights.upTo("conv2_1", 7)), Device.cpu());
    }

    @AfterAll
    static void close() { vgg.close(); }

    /** A linear plate whose top rows are multiplied by {@code highlight}; region "a" is the left half. */
    private LoadedJob job(float highlight) throws Exception {
        int n = W * H;
        float[] c = new float[3 * n], m = new float[n];
        java.util.Random r = new java.util.Random(9);
        for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) {
            int i = y * W + x;
            for (int ch = 0; ch < 3; ch++) c[ch * n + i] = (0.05f + 0.4f * r.nextFloat()) * (y < 6 ? highlight : 1f);
            m[i] = x < W / 2 ? 1f : 0f;
        }
        PlateIO.write(FloatImage.wrap(W, H, 3, c), dir.resolve("plate.exr"),
                new PlateFormat(PlateFormat.Container.EXR, PlateFormat.SampleType.FLOAT, false, PlateFormat.Compression.ZIP));
        PlateIO.write(FloatImage.wrap(W, H, 1, m), dir.resolve("matte.png"));
        float[] s = new float[3 * 24 * 24];
        for (int i = 0; i < 576; i++) { s[i] = 0.8f + 0.1f * r.nextFloat(); s[576 + i] = 0.2f; s[1152 + i] = 0.1f; }
        PlateIO.write(FloatImage.wrap(24, 24, 3, s), dir.resolve("red.png"));
        Files.writeString(dir.resolve("job.json"), """
                {"content": "plate.exr", "regions": [
                  {"name": "a", "matte": {"file": "matte.png", "soft": "gray"}, "style": "red.png"}]}
                """);
        return JobLoader.load(JobFile.read(dir.resolve("job.json")));
    }

    private static TransferConfig config(int iterations) {
        return TransferConfig.builder().size(W).contentLayers(List.of("relu2_1")).styleLayers(List.of("relu1_1", "relu2_1"))
                .iterations(iterations).laplacianWeight(100).method(TransferConfig.Method.PIXELS).build();
    }

    @Test
    void highlightsComeBackAndOutsideTheRegionsIsExact() throws Exception {
        LoadedJob job = job(90f);
        FloatImage plate = job.content().image();
        PlateTransfer pt = new PlateTransfer(vgg);
        OutputStage full = new OutputStage(OutputStage.Post.NONE, OutputStage.FULL);
        // Untouched: the plate comes back, highlights included (the old path clamped them to 1 inside regions).
        FloatImage still = pt.run(job, config(0), RegionStrategy.PER_REGION, ColourSettings.defaults(), full,
                IterationListener.NONE).plate();
        float[] p = plate.toArray(), o = still.toArray();
        int bright = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 16f && (i % (W * H)) % W < W / 2) bright++;
            assertEquals(p[i], o[i], 1e-3 * Math.max(1, p[i]), "sample " + i);
        }
        assertTrue(bright > 50, "highlights beyond the shoulder inside the region: " + bright);
        // Styled: everything outside the matte is the plate, bit for bit.
        FloatImage styled = pt.run(job, config(4), RegionStrategy.PER_REGION, ColourSettings.defaults(), full,
                IterationListener.NONE).plate();
        float[] st = styled.toArray();
        double inside = 0;
        for (int ch = 0; ch < 3; ch++) for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) {
            int k = ch * W * H + y * W + x;
            if (x >= W / 2) assertEquals(p[k], st[k], 0f, "outside the matte at " + x + "," + y);
            else if (y >= 6) inside += Math.abs(st[k] - p[k]);
        }
        assertTrue(inside > 0, "the region was styled");
    }

    @Test
    void theReportedBestIsTheWrittenCompositesJointObjective() throws Exception {
        // No highlights here: a value the network saw clamped is written as the plate's value plus the
        // change, which reads back differently from what was scored.
        LoadedJob job = job(1f);
        TransferConfig cfg = config(4);
        OutputStage work = new OutputStage(OutputStage.Post.NONE, OutputStage.WORKING);
        PlateResult r = new PlateTransfer(vgg).run(job, cfg, RegionStrategy.PER_REGION, ColourSettings.defaults(), work,
                IterationListener.NONE);
        assertEquals(RegionTransfer.COMPOSITE_STAGE, r.transfer().stages().get(r.transfer().stages().size() - 1).name());
        Path out = dir.resolve("out.exr");
        PlateOutput.write(r, out, null, Map.of());
        // Re-score the file as written: back to the network's view, with every region's target at once.
        var read = PlateIO.read(out);
        FloatImage image = ColourSettings.defaults().networkView(read.image(), read.format());
        FloatImage plate = job.content().image();
        FloatImage content = Resampler.resize(ColourSettings.defaults().networkView(plate, job.content().format()), W, H);
        List<RegionTarget> targets = RegionLayers.plan(job.targets(cfg), W, H, w -> { });
        float[] free = new float[W * H];
        for (RegionTarget t : targets) for (int i = 0; i < free.length; i++) if (t.contentMatte()[i] > 0f) free[i] = 1f;
        double rescored = new RegionTransfer(vgg).score(content, targets, cfg, free, image).get("total");
        assertEquals(r.transfer().bestValue(), rescored, 1e-4 * Math.abs(rescored),
                "the report's best is the objective of the image written");
        @SuppressWarnings("unchecked")
        Map<String, Object> best = (Map<String, Object>) r.report().get("best");
        assertEquals(r.transfer().bestValue(), (double) best.get("total"), 0.0);
    }

    @Test
    void theClosedFormRunsAJobInOneStepAndKeepsTheRestExact() throws Exception {
        LoadedJob job = job(1f);
        TransferConfig cfg = config(0).toBuilder().method(TransferConfig.Method.STATS).build();
        PlateResult r = new PlateTransfer(vgg).run(job, cfg, RegionStrategy.PER_REGION, ColourSettings.defaults(),
                new OutputStage(OutputStage.Post.NONE, OutputStage.FULL), IterationListener.NONE);
        assertEquals(List.of(dev.photostyle.transfer.StatsTransfer.STAGE),
                r.transfer().stages().stream().map(dev.photostyle.transfer.StageResult::name).toList());
        float[] p = job.content().image().toArray(), o = r.plate().toArray();
        double redIn = 0, redPlate = 0;
        for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) {
            int i = y * W + x;
            for (int ch = 0; ch < 3; ch++) {
                if (x >= W / 2) assertEquals(p[ch * W * H + i], o[ch * W * H + i], 0f, "outside the matte");
            }
            if (x < W / 2 - 2) {
                redIn += o[i] - o[2 * W * H + i];
                redPlate += p[i] - p[2 * W * H + i];
            }
        }
        assertTrue(redIn > redPlate + 0.1 * (W / 2 - 2) * H, "the region takes its red style: " + redPlate + " -> " + redIn);
        assertTrue(Double.isFinite(r.transfer().bestValue()));
    }

    @Test
    void lutsRunAJobFromTheClosedFormLowerTheJointObjectiveAndKeepTheRestExact() throws Exception {
        LoadedJob job = job(90f);
        TransferConfig cfg = config(6).toBuilder().method(TransferConfig.Method.LUT)
                .lut(new dev.photostyle.lut.LutConfig(9, dev.photostyle.lut.Interpolation.TETRAHEDRAL, 1e-3)).build();
        PlateResult r = new PlateTransfer(vgg).run(job, cfg, RegionStrategy.PER_REGION, ColourSettings.defaults(),
                new OutputStage(OutputStage.Post.NONE, OutputStage.FULL), IterationListener.NONE);
        var stages = r.transfer().stages();
        assertEquals(List.of("lut"), stages.stream().map(dev.photostyle.transfer.StageResult::name).toList());
        // the start is the job's closed form, scored with every region's target: the stats run's objective
        PlateResult stats = new PlateTransfer(vgg).run(job, cfg.toBuilder().method(TransferConfig.Method.STATS).build(),
                RegionStrategy.PER_REGION, ColourSettings.defaults(), new OutputStage(OutputStage.Post.NONE, OutputStage.WORKING),
                IterationListener.NONE);
        double start = r.transfer().history().get(0).value();
        assertEquals(stats.transfer().bestValue(), start, 1e-3 * Math.abs(start), "closed-form start");
        assertTrue(r.transfer().bestValue() < start, r.transfer().bestValue() + " vs " + start);
        float[] p = job.content().image().toArray(), o = r.plate().toArray();
        double inside = 0;
        for (int ch = 0; ch < 3; ch++) for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) {
            int k = ch * W * H + y * W + x;
            if (x >= W / 2) assertEquals(p[k], o[k], 0f, "outside the matte at " + x + "," + y);
            else if (y >= 6) inside += Math.abs(o[k] - p[k]);
        }
        assertTrue(inside > 0, "the region was styled");
        assertEquals("lut (one 3D LUT per region, joint objective)", r.report().get("strategy"));
    }
}
