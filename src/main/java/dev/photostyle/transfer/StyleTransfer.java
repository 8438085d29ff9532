package dev.photostyle.transfer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.photostyle.engine.Tensors;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.optim.Adam;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.optim.Lbfgs;
import dev.photostyle.optim.OptimizationResult;
import dev.photostyle.optim.Optimizer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Deep Photo Style Transfer's pixel optimisation (Luan et al. 2017), stage by stage: prepare
 * (resize, masks, targets), optimise (the {@link TransferObjective}), finish (the best iterate).
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

    /** Runs one transfer; the listener sees the working-size image (1, 3, H, W) of every iterate. */
    public TransferResult run(TransferInputs in, TransferConfig cfg, IterationListener listener) {
        Map<String, Double> timings = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        try (NDManager root = NDManager.newBaseManager(vgg.device());
                PreparedTransfer prepared = PreparedTransfer.prepare(in, cfg, vgg, root)) {
            TransferObjective objective = new TransferObjective(prepared, vgg, cfg);
            NDArray x0 = initial(in, cfg, prepared, objective, root);
            long t1 = System.nanoTime();
            timings.put("prepare_s", (t1 - t0) / 1e9);
            Optimizer opt = switch (cfg.optimizer()) {
                case LBFGS -> new Lbfgs(cfg.lbfgs());
                case ADAM -> new Adam(cfg.adam());
            };
            IterationListener imageListener = (rec, p) -> {
                try (NDManager s = p.getManager().newSubManager()) {
                    NDArray img = objective.image(p);
                    img.attach(s);
                    return listener.onIteration(rec, img);
                }
            };
            OptimizationResult r = opt.minimize(objective, x0, cfg.iterations(), imageListener, root);
            long t2 = System.nanoTime();
            timings.put("optimise_s", (t2 - t1) / 1e9);
            int steps = Math.max(1, r.history().size() - 1);
            timings.put("seconds_per_iteration", (t2 - t1) / 1e9 / steps);
            FloatImage image = Tensors.toImage(objective.image(r.best()));
            timings.put("total_s", (System.nanoTime() - t0) / 1e9);
            return new TransferResult(image, prepared.content(), prepared.contentMask(), prepared.match(),
                    r.history(), r.bestIteration(), r.bestValue(), timings);
        }
    }

    private static NDArray initial(TransferInputs in, TransferConfig cfg, PreparedTransfer prepared,
            TransferObjective objective, NDManager root) {
        FloatImage c = prepared.content();
        return switch (cfg.init()) {
            case CONTENT -> objective.content().duplicate();
            case NOISE -> {
                // Host-side generator: the engine's RNG is process-global state.
                Random rnd = new Random(cfg.seed());
                float[] d = new float[3 * c.pixels()];
                for (int i = 0; i < d.length; i++) d[i] = rnd.nextFloat();
                yield Tensors.toTensor(FloatImage.wrap(c.width(), c.height(), 3, d), root);
            }
            case IMAGE -> {
                if (in.initImage() == null) throw new IllegalArgumentException("--init image needs an image");
                yield Tensors.toTensor(Resampler.resize(in.initImage().rgb(), c.width(), c.height()), root);
            }
        };
    }
}
