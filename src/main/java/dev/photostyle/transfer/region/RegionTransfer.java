package dev.photostyle.transfer.region;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.photostyle.engine.Tensors;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.mask.RegionMatch;
import dev.photostyle.matting.affine.SmoothLocalAffine;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.optim.IterationRecord;
import dev.photostyle.colour.RegionColourTransfer;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.lut.Lut3d;
import dev.photostyle.transfer.LutFit;
import dev.photostyle.transfer.LutObjective;
import dev.photostyle.transfer.PreparedTransfer;
import dev.photostyle.transfer.StatsTransfer;
import dev.photostyle.transfer.StyleTransfer;
import dev.photostyle.transfer.RegionTarget;
import dev.photostyle.transfer.StageResult;
import dev.photostyle.transfer.TransferConfig;
import dev.photostyle.transfer.TransferObjective;
import dev.photostyle.transfer.TransferResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Several styles on one plate (Luan et al. 2017's augmented style loss, generalised from one style
 * image with a colour-coded mask pair to one style image and soft matte per region).
 *
 * <p>Both strategies see the same regions and end the same way: a pixel outside every region's
 * matte is the content, exactly (leakage 0); inside, soft matte edges weight the loss and blend
 * the result with the content. {@link RegionStrategy#JOINT} optimises the whole plate once, its
 * matting-Laplacian term spanning every seam; {@link RegionStrategy#PER_REGION} runs each region
 * alone, composites, and fits the composite with a whole-plate smooth local affine map of the
 * content so that the seams follow the content's own edges.
 *
 * <pre>{@code
 * RegionResult r = new RegionTransfer(vgg).run(content, regions, cfg, RegionStrategy.JOINT, IterationListener.NONE);
 * FloatImage plate = new OutputStage(OutputStage.Post.NONE, OutputStage.FULL).apply(r.transfer(), fullContent);
 * }</pre>
 *
 * {@code cfg.size()} is not applied here: content and regions come at the working size.
 * {@code cfg.styleLayers()} is not used either: each region brings its layers.
 */
public final class RegionTransfer {
    /** Name of the per-region strategy's last stage: the composite, scored once with the joint objective. */
    public static final String COMPOSITE_STAGE = "composite (joint objective)";

    private final VggFeatureExtractor vgg;

    public RegionTransfer(VggFeatureExtractor vgg) {
        this.vgg = vgg;
    }

    /**
     * Runs a multi-region transfer.
     *
     * @param content  working-size content, RGB in [0, 1]
     * @param regions  regions whose content mattes are {@code content}'s size; overlaps should already
     *                 be normalised (weights summing to at most 1 per pixel)
     * @param listener sees each iterate (1, 3, H, W); per region runs, the plate with only that region
     *                 changed; iteration numbers run on across stages and regions
     */
    public RegionResult run(FloatImage content, List<RegionTarget> regions, TransferConfig cfg,
            RegionStrategy strategy, IterationListener listener) {
        if (cfg.init() == TransferConfig.Init.IMAGE) {
            throw new IllegalArgumentException("--init FILE is not supported for multi-region jobs (use content or noise)");
        }
        List<String> warnings = new ArrayList<>();
        FloatImage c = content.rgb();
        List<RegionTarget> planned = RegionLayers.plan(regions, c.width(), c.height(), warnings::add);
        Map<String, Double> timings = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        TransferResult r = strategy == RegionStrategy.JOINT
                ? joint(c, planned, cfg, listener, timings) : perRegion(c, planned, cfg, listener, timings);
        timings.put("total_s", (System.nanoTime() - t0) / 1e9);
        TransferResult out = new TransferResult(r.image(), r.content(), r.contentMask(), r.match(), r.history(),
                r.bestIteration(), r.bestValue(), timings, r.stages(), r.freeMask());
        return new RegionResult(out, planned, warnings, strategy);
    }

    private TransferResult joint(FloatImage content, List<RegionTarget> regions, TransferConfig cfg,
            IterationListener listener, Map<String, Double> timings) {
        long t0 = System.nanoTime();
        try (NDManager root = NDManager.newBaseManager(vgg.device());
                PreparedTransfer prepared = PreparedTransfer.prepareRegions(content, regions, cfg, vgg, root)) {
            long t1 = System.nanoTime();
            timings.put("prepare_s", (t1 - t0) / 1e9);
            StyleTransfer.Stages o = optimise(prepared, cfg, listener, 0, "joint", root);
            double opt = (System.nanoTime() - t1) / 1e9;
            timings.put("optimise_s", opt);
            timings.put("seconds_per_iteration", opt / o.steps());
            return new TransferResult(o.image(), content, prepared.contentMask(), prepared.match(), o.history(),
                    o.bestIteration(), o.bestValue(), Map.of(), o.stages(), support(prepared.freeMask()));
        }
    }

    private TransferResult perRegion(FloatImage content, List<RegionTarget> regions, TransferConfig cfg,
            IterationListener listener, Map<String, Double> timings) {
        int n = content.pixels();
        float[] c = content.toArray();
        float[] composite = content.toArray();
        List<StageResult> stages = new ArrayList<>();
        StyleTransfer.Stages last = null;
        int steps = 0;
        double prepare = 0;
        long t0 = System.nanoTime();
        for (int k = 0; k < regions.size(); k++) {
            long tp = System.nanoTime();
            try (NDManager root = NDManager.newBaseManager(vgg.device());
                    PreparedTransfer prepared = PreparedTransfer.prepareRegions(content, List.of(regions.get(k)), cfg,
                            vgg, root, support(regions.get(k).contentMatte()))) {
                prepare += (System.nanoTime() - tp) / 1e9;
                last = optimise(prepared, cfg, listener, StageResult.nextIteration(stages),
                        "region " + regions.get(k).name(), root);
            }
            // Each run may change its matte's whole support (so soft edges are styled fully, not
            // half-styled); compositing with the soft matte as alpha then blends it in once.
            float[] img = last.image().toArray();
            float[] alpha = regions.get(k).contentMatte();
            for (int ch = 0; ch < 3; ch++) {
                for (int i = 0; i < n; i++) composite[ch * n + i] += alpha[i] * (img[ch * n + i] - c[ch * n + i]);
            }
            for (StageResult s : last.stages()) stages.add(s.renumbered(stages.size() + 1, s.name(), 0));
            steps += last.steps();
        }
        long t1 = System.nanoTime();
        timings.put("prepare_s", prepare);
        timings.put("optimise_s", (t1 - t0) / 1e9 - prepare);
        timings.put("seconds_per_iteration", ((t1 - t0) / 1e9 - prepare) / Math.max(1, steps));
        FloatImage comp = FloatImage.wrap(content.width(), content.height(), 3, composite).clamp(0f, 1f);
        // The fit is linear in the image it fits, so fitting the composite and subtracting the fit of
        // the content itself harmonises the change only: an unchanged plate comes back exactly.
        SmoothLocalAffine sla = new SmoothLocalAffine(SmoothLocalAffine.Config.DPST);
        FloatImage harmonised = content.rgb().plus(sla.apply(content, comp).rgb().minus(sla.apply(content, content).rgb()))
                .clamp(0f, 1f);
        float[] union = new float[n];
        for (RegionTarget t : regions) {
            float[] m = t.contentMatte();
            for (int i = 0; i < n; i++) union[i] = Math.min(1f, union[i] + m[i]);
        }
        float[] free = support(union);
        FloatImage image = putBack(harmonised, content, free);
        timings.put("harmonise_s", (System.nanoTime() - t1) / 1e9);
        LabelMap mask = strongest(regions, content.width(), content.height());
        TreeSet<Integer> all = new TreeSet<>();
        for (int k = 0; k < regions.size(); k++) all.add(k);
        RegionMatch match = new RegionMatch(all, new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
        // What is written is the composite, never scored by any run: score it with the joint
        // objective (every region's Gram target at once), so the report's best is the image's own.
        long ts = System.nanoTime();
        Map<String, Double> terms = score(content, regions, cfg, free, image);
        timings.put("score_s", (System.nanoTime() - ts) / 1e9);
        int it = StageResult.nextIteration(stages);
        double total = terms.remove("total");
        IterationRecord rec = new IterationRecord(it, total, terms, 1, 0);
        stages.add(new StageResult(stages.size() + 1, COMPOSITE_STAGE, cfg.laplacianWeight(), List.of(rec), it, total, null));
        return new TransferResult(image, content, mask, match, StageResult.concat(stages), it, total,
                Map.of(), stages, free);
    }

    /**
     * A job's regions by {@code --method lut}: one 3D LUT per region, each started from its own
     * closed-form map ({@link StatsTransfer#fitRegions}; identity LUTs with no iterations), optimised
     * together with the joint objective (every region's Gram target) and the mattes as the LUTs'
     * weights, coarse to fine ({@link LutFit}). Regions are planned ({@link RegionLayers}) at every
     * level; a coarse level where a region is too small is skipped with a warning.
     *
     * @param seen      the plate in network sRGB, clamped (any size: each level resizes it)
     * @param targetsAt the regions at a level's working size
     * @return the result (strategy {@link RegionStrategy#JOINT}: one objective) and the LUTs, in region order
     */
    public LutRegions lut(FloatImage seen, Function<TransferConfig, List<RegionTarget>> targetsAt, TransferConfig cfg,
            IterationListener listener) {
        if (cfg.init() == TransferConfig.Init.IMAGE) {
            throw new IllegalArgumentException("--init FILE is not supported for multi-region jobs (use content or noise)");
        }
        List<String> warnings = new ArrayList<>();
        List<RegionTarget> planned = new ArrayList<>();
        LutFit.Frames frames = (level, root) -> {
            int[] ws = Resampler.fitLongSide(seen.width(), seen.height(), level.size());
            FloatImage work = Resampler.resize(seen.rgb(), ws[0], ws[1]);
            boolean working = level.size() == cfg.size();
            List<RegionTarget> plan;
            try {
                plan = RegionLayers.plan(targetsAt.apply(level), ws[0], ws[1], working ? warnings::add : w -> {});
            } catch (IllegalArgumentException e) {
                if (working) throw e;
                warnings.add("LUT level at " + level.size() + " px skipped: " + e.getMessage());
                return List.of();
            }
            if (working) planned.addAll(plan);
            float[][] mattes = new float[plan.size()][];
            float[] union = new float[work.pixels()];
            for (int r = 0; r < plan.size(); r++) {
                mattes[r] = plan.get(r).contentMatte();
                for (int i = 0; i < union.length; i++) union[i] = Math.min(1f, union[i] + mattes[r][i]);
            }
            PreparedTransfer p = PreparedTransfer.prepareRegions(work, plan, level, vgg, root, support(union));
            return List.of(new LutObjective.Frame(p, mattes, List.of()));
        };
        int n = cfg.lut().size();
        LutFit.Start start = working -> {
            List<Lut3d> luts = new ArrayList<>();
            RegionColourTransfer maps = cfg.iterations() == 0 ? null
                    : StatsTransfer.fitRegions(working.get(0).prepared().content(), planned);
            for (int r = 0; r < planned.size(); r++) {
                luts.add(maps == null ? Lut3d.identity(n) : Lut3d.bakeAffine(n, maps.affine(r)));
            }
            return luts;
        };
        long t0 = System.nanoTime();
        LutFit.Result r = new LutFit(vgg).run(frames, start, cfg, listener);
        LutFit.Working w = r.frames().get(0);
        LabelMap mask = strongest(planned, w.content().width(), w.content().height());
        TreeSet<Integer> all = new TreeSet<>();
        for (int k = 0; k < planned.size(); k++) all.add(k);
        RegionMatch match = new RegionMatch(all, new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
        Map<String, Double> timings = new LinkedHashMap<>(r.timings());
        timings.put("total_s", (System.nanoTime() - t0) / 1e9);
        TransferResult tr = new TransferResult(w.image(), w.content(), mask, match, StageResult.concat(r.stages()),
                r.bestIteration(), r.bestValue(), timings, r.stages(), w.freeMask());
        return new LutRegions(new RegionResult(tr, planned, warnings, RegionStrategy.JOINT), r.luts());
    }

    /**
     * A job fitted by {@link #lut}.
     *
     * @param result the working-size result
     * @param luts   one LUT per region, in region order
     */
    public record LutRegions(RegionResult result, List<Lut3d> luts) {
        public LutRegions {
            luts = List.copyOf(luts);
        }
    }

    /** Each pixel labelled with its strongest region (index into {@code regions}), unlabelled outside every matte. */
    static LabelMap strongest(List<RegionTarget> regions, int width, int height) {
        int n = width * height;
        int[] labels = new int[n];
        float[] best = new float[n];
        java.util.Arrays.fill(labels, LabelMap.UNLABELLED);
        Map<Integer, String> names = new LinkedHashMap<>();
        for (int k = 0; k < regions.size(); k++) {
            float[] m = regions.get(k).contentMatte();
            for (int i = 0; i < n; i++) {
                if (m[i] > best[i]) {
                    best[i] = m[i];
                    labels[i] = k;
                }
            }
            names.put(k, regions.get(k).name());
        }
        return LabelMap.of(width, height, labels, names);
    }

    /** 1 where any region has weight, 0 elsewhere. */
    static float[] support(float[] union) {
        float[] s = new float[union.length];
        for (int i = 0; i < s.length; i++) s[i] = union[i] > 0f ? 1f : 0f;
        return s;
    }

    /** {@code result} where {@code support} is 1, the content's exact values where it is 0. */
    static FloatImage putBack(FloatImage result, FloatImage content, float[] support) {
        int n = content.pixels();
        float[] a = result.toArray();
        float[] c = content.toArray();
        for (int ch = 0; ch < 3; ch++) {
            for (int i = 0; i < n; i++) if (support[i] == 0f) a[ch * n + i] = c[ch * n + i];
        }
        return FloatImage.wrap(content.width(), content.height(), 3, a);
    }

    private StyleTransfer.Stages optimise(PreparedTransfer prepared, TransferConfig cfg, IterationListener listener,
            int first, String name, NDManager root) {
        NDArray x = StyleTransfer.initial(cfg, prepared.content(), null, root);
        return new StyleTransfer(vgg).optimise(prepared, x, cfg, List.of(), listener, first, name, root);
    }

    /**
     * The joint objective (every region's targets at once, as {@link RegionStrategy#JOINT}
     * optimises) of {@code image}, a working-size plate that differs from {@code content} only
     * where {@code free} is 1: its terms and {@code "total"}.
     */
    public Map<String, Double> score(FloatImage content, List<RegionTarget> regions, TransferConfig cfg, float[] free,
            FloatImage image) {
        try (NDManager root = NDManager.newBaseManager(vgg.device());
                PreparedTransfer prepared = PreparedTransfer.prepareRegions(content, regions, cfg, vgg, root, free);
                TransferObjective objective = new TransferObjective(prepared, vgg, cfg)) {
            return objective.score(Tensors.toTensor(image.rgb(), root));
        }
    }
}
