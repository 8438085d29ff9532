package dev.photostyle.transfer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.photostyle.colour.LinearColourMap;
import dev.photostyle.colour.RegionColourTransfer;
import dev.photostyle.engine.Tensors;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.grid.RegionWeights;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.optim.IterationRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code --method stats}: the closed-form baseline. Per matched region, the linear map that carries
 * the content region's colour mean and covariance onto the style region's (Monge–Kantorovich linear
 * transfer, Pitié and Kokaram 2007; {@link RegionColourTransfer}), blended across region borders by
 * the same soft weights as the grids ({@link RegionWeights}). Photographic and seam-free by
 * construction (one affine colour map per region), instant at any size; pixels of no matched region
 * keep the content exactly. Nothing is optimised: the image is scored once with the full objective
 * so that its report compares with the other methods'.
 *
 * <pre>{@code
 * TransferRun r = new StatsTransfer(vgg).run(inputs, cfg, List.of(), IterationListener.NONE);
 * FloatImage plate = r.output(new OutputStage(OutputStage.Post.NONE, OutputStage.FULL), fullContent);
 * }</pre>
 */
public final class StatsTransfer {
    /** The report's name of the single, scored stage. */
    public static final String STAGE = "stats (closed form)";

    private final VggFeatureExtractor vgg;

    public StatsTransfer(VggFeatureExtractor vgg) {
        this.vgg = vgg;
    }

    /** The closed-form maps of a prepared single-style transfer, one per matched label (in order). */
    public static RegionColourTransfer fit(PreparedTransfer p) {
        return fit(List.of(p), List.copyOf(p.match().matched()));
    }

    /**
     * One closed-form map per label from several frames' pixels pooled (a look's keyframes: their
     * colour moments are those of the frames stacked), each frame's region restricted to its free
     * pixels, and the first frame's style (all frames share it).
     *
     * @param frames single-style prepared transfers of one width
     */
    public static RegionColourTransfer fit(List<PreparedTransfer> frames, List<Integer> labels) {
        PreparedTransfer first = frames.get(0);
        if (first.style() == null) throw new IllegalArgumentException("the closed-form colour transfer needs a single style");
        int w = first.content().width();
        int rows = 0;
        for (PreparedTransfer p : frames) {
            if (p.content().width() != w) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "keyframes must share a size: working widths %d and %d", w, p.content().width()));
            }
            rows += p.content().height();
        }
        int n = w * rows;
        float[] px = new float[3 * n];
        float[][] cm = new float[labels.size()][n];
        int off = 0;
        for (PreparedTransfer p : frames) {
            FloatImage c = p.content();
            int m = c.pixels();
            for (int ch = 0; ch < 3; ch++) System.arraycopy(c.channel(ch), 0, px, ch * n + off, m);
            float[] free = p.freeMask();
            for (int r = 0; r < labels.size(); r++) {
                float[] mask = p.contentMask().mask(labels.get(r));
                for (int i = 0; i < m; i++) cm[r][off + i] = mask[i] * free[i];
            }
            off += m;
        }
        float[][] sm = new float[labels.size()][];
        for (int r = 0; r < labels.size(); r++) sm[r] = first.styleMask().mask(labels.get(r));
        return RegionColourTransfer.fit(FloatImage.wrap(w, rows, 3, px), cm, first.style(), sm, labels,
                LinearColourMap.QUANTISATION_EPS);
    }

    /**
     * A job's closed form: one map per region (labels 0..k−1 in region order), each from the content
     * under its own matte to its own style image under its style matte, one region at a time.
     *
     * @param content the working-size content; every region's content matte has its size
     */
    public static RegionColourTransfer fitRegions(FloatImage content, List<RegionTarget> regions) {
        int k = regions.size();
        double[][][] affines = new double[k][][];
        List<Integer> labels = new java.util.ArrayList<>();
        for (int i = 0; i < k; i++) {
            RegionTarget t = regions.get(i);
            affines[i] = RegionColourTransfer.fit(content, new float[][] {t.contentMatte()}, t.style(),
                    new float[][] {t.styleMatte()}, List.of(i), LinearColourMap.QUANTISATION_EPS).affine(0);
            labels.add(i);
        }
        return new RegionColourTransfer(labels, affines);
    }

    /** Fits, applies and scores; the run's renderer applies the same maps at any size. */
    public TransferRun run(TransferInputs in, TransferConfig cfg, List<ImageTerm.Factory> extraTerms,
            IterationListener listener) {
        long t0 = System.nanoTime();
        try (NDManager root = NDManager.newBaseManager(vgg.device());
                PreparedTransfer prepared = PreparedTransfer.prepare(in, cfg, vgg, root)) {
            List<Integer> labels = List.copyOf(prepared.match().matched());
            RegionColourTransfer maps = fit(prepared);
            FloatImage content = prepared.content();
            float[][] weights = RegionWeights.soft(prepared.contentMask(), labels, prepared.freeMask(),
                    cfg.grid().blendRadius());
            FloatImage image = maps.apply(content, weights).clamp(0f, 1f);
            double fitted = (System.nanoTime() - t0) / 1e9;
            List<ImageTerm> extras = extraTerms.stream().map(f -> f.create(prepared)).toList();
            Map<String, Double> terms;
            try (TransferObjective objective = new TransferObjective(prepared, vgg, cfg, extras)) {
                NDArray x = Tensors.toTensor(image, root);
                terms = new LinkedHashMap<>(objective.score(x));
                double total = terms.remove("total");
                IterationRecord rec = new IterationRecord(0, total, terms, 1, (System.nanoTime() - t0) / 1e9);
                listener.onIteration(rec, x);
                StageResult stage = new StageResult(1, STAGE, cfg.laplacianWeight(), List.of(rec), 0, total, null);
                Map<String, Double> timings = new LinkedHashMap<>();
                timings.put("fit_s", fitted);
                timings.put("total_s", (System.nanoTime() - t0) / 1e9);
                TransferResult r = new TransferResult(image, content, prepared.contentMask(), prepared.match(),
                        List.of(rec), 0, total, timings, List.of(stage), prepared.freeMask());
                int w = content.width(), h = content.height();
                UnaryOperator<FloatImage> render = target -> maps.apply(target, weightsAt(weights, w, h, target));
                return new TransferRun(r, render);
            }
        }
    }

    /** Working-size ({@code w × h}) region weights resampled to {@code target}'s size (bilinear), for rendering there. */
    static float[][] weightsAt(float[][] weights, int w, int h, FloatImage target) {
        if (target.width() == w && target.height() == h) return weights;
        float[][] out = new float[weights.length][];
        for (int r = 0; r < weights.length; r++) {
            out[r] = Resampler.resizePlane(weights[r], w, h, target.width(), target.height());
        }
        return out;
    }
}
