package dev.photostyle.pipeline;

import dev.photostyle.colour.ColourSettings;
import dev.photostyle.colour.PlateRoundTrip;
import dev.photostyle.colour.RegionColourTransfer;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.job.LoadedJob;
import dev.photostyle.lut.Lut3d;
import dev.photostyle.lut.LutBlend;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.mask.MaskFit;
import dev.photostyle.mask.RegionMatch;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.optim.IterationRecord;
import dev.photostyle.transfer.OutputStage;
import dev.photostyle.transfer.RegionTarget;
import dev.photostyle.transfer.StageResult;
import dev.photostyle.transfer.StatsTransfer;
import dev.photostyle.transfer.TransferConfig;
import dev.photostyle.transfer.TransferInputs;
import dev.photostyle.transfer.TransferReport;
import dev.photostyle.transfer.TransferResult;
import dev.photostyle.transfer.TransferRun;
import dev.photostyle.transfer.region.RegionResult;
import dev.photostyle.transfer.region.RegionStrategy;
import dev.photostyle.transfer.region.RegionTransfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A plate in, a plate out: the path every command runs.
 *
 * <ol>
 *   <li>colour: the plate into the network's display sRGB ({@link ColourSettings}; the network
 *       sees values clamped to [0, 1]), the reference by its container's default;</li>
 *   <li>the method at the working size ({@link TransferRun}, or {@link RegionTransfer} for a job);</li>
 *   <li>the output stage: post-step and output size ({@link OutputStage});</li>
 *   <li>colour back: the network's change applied to the plate's own values, so highlights above 1
 *       survive, and the plate's alpha at its own size;</li>
 *   <li>protected pixels: wherever no matched region reaches (labels without a partner in the
 *       style, excluded labels, everything outside a job's mattes) the plate's own values are put
 *       back, exactly, whatever the method and the output size;</li>
 *   <li>the report: every stage with continuous iteration numbers and the returned image's objective.</li>
 * </ol>
 *
 * <pre>{@code
 * try (VggFeatureExtractor vgg = VggFeatureExtractor.load(weights, Device.cpu())) {
 *     PlateInputs in = PlateInputs.read(plate, ref, plateMask, refMask, null, MaskFiles.Kind.AUTO);
 *     PlateResult r = new PlateTransfer(vgg).transfer(in, cfg, ColourSettings.defaults(),
 *             new OutputStage(OutputStage.Post.NONE, OutputStage.FULL), IterationListener.NONE);
 *     PlateOutput.write(r, Path.of("out.exr"), Path.of("out.json"), Map.of());
 * }
 * }</pre>
 */
public final class PlateTransfer {
    private final VggFeatureExtractor vgg;

    public PlateTransfer(VggFeatureExtractor vgg) {
        this.vgg = vgg;
    }

    /**
     * What runs at the working size on the network-space inputs: by default {@link TransferRun#run};
     * a sequence runs its frames with a temporal term instead.
     */
    @FunctionalInterface
    public interface Method {
        TransferRun run(TransferInputs networkInputs, IterationListener listener);
    }

    /** The configured method ({@code cfg.method()}). */
    public Method method(TransferConfig cfg) {
        return (in, l) -> TransferRun.run(vgg, in, cfg, List.of(), l);
    }

    /** One single-style transfer by {@code cfg.method()}. */
    public PlateResult transfer(PlateInputs in, TransferConfig cfg, ColourSettings colour, OutputStage output,
            IterationListener listener) {
        return transfer(in, cfg, colour, output, method(cfg), listener);
    }

    /** One single-style transfer by the given method. */
    public PlateResult transfer(PlateInputs in, TransferConfig cfg, ColourSettings colour, OutputStage output,
            Method method, IterationListener listener) {
        FloatImage plate = in.content().image();
        PlateRoundTrip rt = colour.forPlate(in.content().format());
        FloatImage net = rt.forNetwork(plate);
        FloatImage seen = net.clamp(0f, 1f); // alpha (if any) is in [0, 1] already
        FloatImage style = ColourSettings.referenceForNetwork(in.style().image(), in.style().format());
        FloatImage init = in.init() == null ? null : rt.forNetwork(in.init()).rgb().clamp(0f, 1f);
        TransferRun run = method.run(new TransferInputs(seen, style, in.contentMask(), in.styleMask(), init), listener);
        long t = System.nanoTime();
        FloatImage back = rt.fromNetwork(run.output(output, seen, in.contentMask()), net, plate);
        FloatImage result = in.contentMask() == null ? back
                : ProtectedPixels.restore(back, plate, freeAt(run.result(), in.contentMask(), plate, back));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("colour", colourReport(colour, rt));
        extra.put("finish_s", (System.nanoTime() - t) / 1e9);
        return new PlateResult(result, in.content().format(), run.result(),
                TransferReport.toMap(cfg, run.result(), extra), List.of());
    }

    /** A job's regions, each after its own reference, by the given strategy. */
    public PlateResult run(LoadedJob job, TransferConfig cfg, RegionStrategy strategy, ColourSettings colour,
            OutputStage output, IterationListener listener) {
        FloatImage plate = job.content().image();
        PlateRoundTrip rt = colour.forPlate(job.content().format());
        FloatImage net = rt.forNetwork(plate);
        FloatImage seen = net.clamp(0f, 1f);
        int[] ws = Resampler.fitLongSide(plate.width(), plate.height(), cfg.size());
        List<RegionTarget> targets = job.targets(cfg);
        FloatImage work = Resampler.resize(seen.rgb(), ws[0], ws[1]);
        if (cfg.method() == TransferConfig.Method.STATS) return stats(job, cfg, colour, output, rt, net, seen, work, targets);
        if (cfg.method() == TransferConfig.Method.LUT) {
            RegionTransfer.LutRegions l = new RegionTransfer(vgg).lut(seen, job::targets, cfg, listener);
            List<Lut3d> luts = l.luts();
            return finishJob(job, cfg, colour, output, rt, net, seen, l.result().transfer(),
                    target -> LutBlend.apply(target, luts, cfg.lut().interpolation(), matteWeights(job, target)),
                    "lut (one 3D LUT per region, joint objective)", l.result().regions(), l.result().warnings());
        }
        RegionResult r = new RegionTransfer(vgg).run(work, targets, cfg, strategy, listener);
        return finishJob(job, cfg, colour, output, rt, net, seen, r.transfer(), null, strategy.label(), r.regions(),
                r.warnings());
    }

    /**
     * A job by the closed form: per region, the linear colour map from the content under its matte to
     * its style image under its style matte, fitted at the working size and applied to the plate at
     * the output size with the region mattes as weights (so soft matte edges blend); the working-size
     * image is scored once with every region's target, as a per-region composite is.
     */
    private PlateResult stats(LoadedJob job, TransferConfig cfg, ColourSettings colour, OutputStage output,
            PlateRoundTrip rt, FloatImage net, FloatImage seen, FloatImage work, List<RegionTarget> targets) {
        long t0 = System.nanoTime();
        int k = targets.size();
        float[][] cm = new float[k][];
        for (int i = 0; i < k; i++) cm[i] = targets.get(i).contentMatte();
        RegionColourTransfer maps = StatsTransfer.fitRegions(work, targets); // one region at a time: each has its own style
        FloatImage small = maps.apply(work, cm).clamp(0f, 1f);
        float[] free = support(cm, work.pixels());
        Map<String, Double> terms = new LinkedHashMap<>(new RegionTransfer(vgg).score(work, targets, cfg, free, small));
        double total = terms.remove("total");
        IterationRecord rec = new IterationRecord(0, total, terms, 1, (System.nanoTime() - t0) / 1e9);
        StageResult stage = new StageResult(1, StatsTransfer.STAGE, cfg.laplacianWeight(), List.of(rec), 0, total, null);
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("total_s", (System.nanoTime() - t0) / 1e9);
        LabelMap mask = LabelMap.uniform(work.width(), work.height(), 0, "regions");
        TransferResult tr = new TransferResult(small, work, mask, new RegionMatch(new java.util.TreeSet<>(List.of(0)),
                new java.util.TreeSet<>(), new java.util.TreeSet<>(), new java.util.TreeSet<>()), List.of(rec), 0, total,
                timings, List.of(stage), free);
        // The output stage renders the maps on the plate at the output size, the mattes as weights.
        return finishJob(job, cfg, colour, output, rt, net, seen, tr, target -> maps.apply(target, matteWeights(job, target)),
                "stats (one closed-form map per region)", targets, List.of());
    }

    /** The job's plate-size mattes resampled to {@code target}'s size: the weights of a colour transform rendered there. */
    private static float[][] matteWeights(LoadedJob job, FloatImage target) {
        FloatImage plate = job.content().image();
        float[][] w = new float[job.regions().size()][];
        for (int i = 0; i < w.length; i++) {
            w[i] = ProtectedPixels.resizeValues(job.regions().get(i).matte(), plate.width(), plate.height(),
                    target.width(), target.height());
        }
        return w;
    }

    /**
     * The end of every job: the output stage (by {@code render} where the method is a colour
     * transform, else guided upsampling), colour back, the plate's own values outside every matte,
     * and the report.
     */
    private PlateResult finishJob(LoadedJob job, TransferConfig cfg, ColourSettings colour, OutputStage output,
            PlateRoundTrip rt, FloatImage net, FloatImage seen, TransferResult tr, UnaryOperator<FloatImage> render,
            String strategy, List<RegionTarget> regions, List<String> runWarnings) {
        long t = System.nanoTime();
        FloatImage plate = job.content().image();
        FloatImage back = rt.fromNetwork(output.apply(tr, seen, null, render), net, plate);
        FloatImage result = ProtectedPixels.restore(back, plate,
                ProtectedPixels.resize(support(job), plate.width(), plate.height(), back.width(), back.height()));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("strategy", strategy);
        List<Map<String, Object>> rs = new ArrayList<>();
        for (RegionTarget t2 : regions) {
            rs.add(Map.of("name", t2.name(), "weight", t2.weight(), "style_layers", t2.styleLayers()));
        }
        extra.put("job_regions", rs);
        List<String> warnings = new ArrayList<>(job.warnings());
        warnings.addAll(runWarnings);
        extra.put("warnings", warnings);
        extra.put("colour", colourReport(colour, rt));
        extra.put("finish_s", (System.nanoTime() - t) / 1e9);
        Map<String, Object> report = new LinkedHashMap<>(TransferReport.toMap(cfg, tr, extra));
        report.put("tool", "photostyle run");
        return new PlateResult(result, job.content().format(), tr, report, runWarnings);
    }

    private static float[] support(float[][] mattes, int n) {
        float[] f = new float[n];
        for (float[] m : mattes) for (int i = 0; i < n; i++) if (m[i] > 0f) f[i] = 1f;
        return f;
    }

    /**
     * 1 where a pixel of the output may differ from the plate (its label, from the plate-size mask
     * resized by nearest neighbour to the output, is matched), 0 where it must keep it.
     */
    static float[] freeAt(TransferResult r, LabelMap contentMask, FloatImage plate, FloatImage out) {
        LabelMap full = MaskFit.fit(contentMask, plate.width(), plate.height(), "content mask");
        return r.match().freeMask(full.resizeNearest(out.width(), out.height()));
    }

    private static float[] support(LoadedJob job) {
        boolean[] s = job.support();
        float[] f = new float[s.length];
        for (int i = 0; i < s.length; i++) f[i] = s[i] ? 1f : 0f;
        return f;
    }

    private static Map<String, Object> colourReport(ColourSettings colour, PlateRoundTrip rt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input_colorspace", rt.transform().space().name().toLowerCase(java.util.Locale.ROOT));
        m.put("exposure", colour.exposureStops());
        return m;
    }
}
