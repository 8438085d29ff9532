package dev.photostyle.transfer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.photostyle.engine.Tensors;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.optim.IterationRecord;
import dev.photostyle.optim.OptimizationResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Deep Photo Style Transfer's pixel optimisation (Luan et al. 2017), stage by stage: prepare
 * (resize, masks, targets), optimise (the {@link TransferObjective}; with {@code stages = 2} first
 * without and then with the photorealism term, as the paper does), finish (the best iterate of the
 * full objective of the last stage).
 *
 * <pre>{@code
 * try (VggFeatureExtractor vgg = VggFeatureExtractor.load(weights, Device.cpu())) {
 *     TransferResult r = new StyleTransfer(vgg).run(inputs, TransferConfig.defaults(), IterationListener.NONE);
 * }
 * }</pre>
 */
public final class StyleTransfer {
    private final VggFeatureExtractor vgg;

    public StyleTransfer(VggFeatureExtractor vgg) {
        this.vgg = vgg;
    }

    /**
     * Runs one transfer. The listener sees the working-size image (1, 3, H, W) of every iterate;
     * iteration numbers run on across stages (stage 2 starts at {@code iterations + 1}).
     */
    public TransferResult run(TransferInputs in, TransferConfig cfg, IterationListener listener) {
        return run(in, cfg, List.of(), listener);
    }

    /**
     * Runs one transfer with extra objective terms (e.g. the temporal loss of a sequence), built
     * once the inputs are prepared and scored in every stage.
     */
    public TransferResult run(TransferInputs in, TransferConfig cfg, List<ImageTerm.Factory> extraTerms,
            IterationListener listener) {
        Map<String, Double> timings = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        try (NDManager root = NDManager.newBaseManager(vgg.device());
                PreparedTransfer prepared = PreparedTransfer.prepare(in, cfg, vgg, root)) {
            NDArray x = initial(cfg, prepared.content(), in.initImage(), root);
            List<ImageTerm> extras = extraTerms.stream().map(f -> f.create(prepared)).toList();
            long t1 = System.nanoTime();
            timings.put("prepare_s", (t1 - t0) / 1e9);
            Stages o = optimise(prepared, x, cfg, extras, listener, 0, "pixels", root);
            int steps = o.steps();
            long t2 = System.nanoTime();
            timings.put("optimise_s", (t2 - t1) / 1e9);
            timings.put("seconds_per_iteration", (t2 - t1) / 1e9 / steps);
            timings.put("total_s", (System.nanoTime() - t0) / 1e9);
            return new TransferResult(o.image(), prepared.content(), prepared.contentMask(), prepared.match(),
                    o.history(), o.bestIteration(), o.bestValue(), timings, o.stages(), prepared.freeMask());
        }
    }

    /**
     * The optimised stages of a transfer.
     *
     * @param image  the best iterate of the last stage, as scored
     * @param stages every stage, iteration numbers continuous across them
     * @param steps  optimiser steps taken over all stages
     */
    public record Stages(FloatImage image, List<StageResult> stages, int steps) {
        public Stages {
            stages = List.copyOf(stages);
        }

        /** Every stage's iterates, one continuous sequence. */
        public List<IterationRecord> history() { return StageResult.concat(stages); }

        /** The iteration of {@link #image()}: the last stage's best (its objective is the full one). */
        public int bestIteration() { return stages.get(stages.size() - 1).bestIteration(); }

        /** The objective of {@link #image()}. */
        public double bestValue() { return stages.get(stages.size() - 1).bestValue(); }
    }

    /**
     * Runs the stages of {@code cfg} (with {@code stages = 2}: first without, then with the
     * photorealism term) on an already prepared transfer, from {@code x} (1, 3, H, W).
     *
     * @param first the iteration number of the first stage's starting point; each later stage
     *              starts one after the previous stage's last, so numbers run on across stages
     * @param name  the stages' name prefix in reports (e.g. {@code "pixels"})
     */
    public Stages optimise(PreparedTransfer prepared, NDArray x, TransferConfig cfg, List<ImageTerm> extras,
            IterationListener listener, int first, String name, NDManager root) {
        List<TransferConfig> plan = new ArrayList<>();
        if (cfg.stages() == 2 && cfg.laplacianWeight() > 0) plan.add(cfg.toBuilder().laplacianWeight(0).build());
        plan.add(cfg);
        List<StageResult> stages = new ArrayList<>();
        FloatImage image = null;
        int steps = 0;
        for (int s = 0; s < plan.size(); s++) {
            TransferConfig stageCfg = plan.get(s);
            int shift = stages.isEmpty() ? first : StageResult.nextIteration(stages);
            try (TransferObjective objective = new TransferObjective(prepared, vgg, stageCfg, extras)) {
                IterationListener imageListener = (rec, p) -> {
                    try (NDManager sub = p.getManager().newSubManager()) {
                        NDArray img = objective.image(p);
                        img.attach(sub);
                        IterationRecord shifted = new IterationRecord(rec.iteration() + shift, rec.value(),
                                rec.terms(), rec.evaluations(), rec.seconds());
                        return listener.onIteration(shifted, img);
                    }
                };
                OptimizationResult last = cfg.newOptimizer().minimize(objective, x, cfg.iterations(), imageListener, root);
                String stageName = plan.size() == 2 && s == 0 ? name + " (photorealism off)" : name;
                stages.add(new StageResult(stages.size() + 1, stageName, stageCfg.laplacianWeight(), last.history(),
                        last.bestIteration(), last.bestValue(), last.stopReason()).renumbered(stages.size() + 1, stageName, shift));
                steps += Math.max(1, last.history().size() - 1);
                x = last.best();
                if (s == plan.size() - 1) image = Tensors.toImage(objective.image(last.best()));
            }
        }
        return new Stages(image, stages, steps);
    }

    /**
     * The starting image (1, 3, H, W) at the working size of {@code c}: the content, seeded noise,
     * or {@code initImage} resized (for {@link TransferConfig.Init#IMAGE}).
     */
    public static NDArray initial(TransferConfig cfg, FloatImage c, FloatImage initImage, NDManager root) {
        return switch (cfg.init()) {
            case CONTENT -> Tensors.toTensor(c, root);
            case NOISE -> {
                // Host-side generator: the engine's RNG is process-global state.
                Random rnd = new Random(cfg.seed());
                float[] d = new float[3 * c.pixels()];
                for (int i = 0; i < d.length; i++) d[i] = rnd.nextFloat();
                yield Tensors.toTensor(FloatImage.wrap(c.width(), c.height(), 3, d), root);
            }
            case IMAGE -> {
                if (initImage == null) throw new IllegalArgumentException("--init image needs an image");
                yield Tensors.toTensor(Resampler.resize(initImage.rgb(), c.width(), c.height()), root);
            }
        };
    }
}
