package dev.photostyle.look;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.photostyle.colour.ColourSettings;
import dev.photostyle.colour.LinearColourMap;
import dev.photostyle.colour.RegionColourTransfer;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.io.image.DecodedImage;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.lut.Interpolation;
import dev.photostyle.lut.Lut3d;
import dev.photostyle.lut.LutSlicer;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.optim.OptimizationResult;
import dev.photostyle.transfer.PreparedTransfer;
import dev.photostyle.transfer.TransferConfig;
import dev.photostyle.transfer.TransferInputs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Fits a {@link Look} to one or several keyframes of a shot: per matched region, the closed-form
 * colour transfer ({@link RegionColourTransfer}, moments pooled over the keyframes) baked into a
 * LUT, then the LUT entries optimised with the transfer objective and a lattice smoothness prior
 * ({@link LutObjective}) by the configured optimiser; the result is the best iterate.
 *
 * <pre>{@code
 * LookFit.Result r = new LookFit(vgg).fit(List.of(new LookFit.Keyframe(plate, plateMask)), style, styleMask,
 *         cfg, LookFit.Settings.defaults(), ColourSettings.defaults(), IterationListener.NONE);
 * r.look().write(Path.of("look.json"));
 * }</pre>
 */
public final class LookFit {
    private final VggFeatureExtractor vgg;

    public LookFit(VggFeatureExtractor vgg) {
        this.vgg = vgg;
    }

    /** One keyframe as read, with its mask (null: no masks, for every keyframe and the style). */
    public record Keyframe(DecodedImage content, LabelMap mask) {
        public Keyframe {
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * @param lutSize       lattice size per axis (17 or 33 are the usual)
     * @param interpolation how the LUT is read
     * @param smoothness    weight of {@link dev.photostyle.lut.LutSmoothness}
     */
    public record Settings(int lutSize, Interpolation interpolation, double smoothness) {
        public Settings {
            if (lutSize < 3 || lutSize > 129) throw new IllegalArgumentException("--lut-size must be in 3..129, got " + lutSize);
            Objects.requireNonNull(interpolation, "interpolation");
            if (!(smoothness >= 0) || Double.isInfinite(smoothness)) throw new IllegalArgumentException("--lut-smoothness must be finite and >= 0");
        }

        /** 33³, tetrahedral (closer to the map than trilinear at the same cost, see README), smoothness 1e-3. */
        public static Settings defaults() {
            return new Settings(33, Interpolation.TETRAHEDRAL, 1e-3);
        }
    }

    /**
     * @param look       the fitted look
     * @param statsValue the objective of the closed-form start
     * @param bestValue  the objective of the returned LUTs
     * @param iterations optimiser steps taken
     * @param seconds    wall time
     */
    public record Result(Look look, double statsValue, double bestValue, int iterations, double seconds) {}

    public Result fit(List<Keyframe> keys, DecodedImage style, LabelMap styleMask, TransferConfig cfg, Settings s,
            ColourSettings colour, IterationListener listener) {
        if (keys.isEmpty()) throw new IllegalArgumentException("give at least one keyframe");
        boolean masked = keys.get(0).mask() != null;
        for (Keyframe k : keys) {
            if ((k.mask() != null) != masked) throw new IllegalArgumentException("give a mask for every keyframe, or none");
        }
        if (masked != (styleMask != null)) throw new IllegalArgumentException("give both --content-mask and --style-mask, or neither");
        long t0 = System.nanoTime();
        FloatImage st = ColourSettings.referenceForNetwork(style.image(), style.format());
        try (NDManager root = NDManager.newBaseManager(vgg.device())) {
            List<PreparedTransfer> prepared = new ArrayList<>();
            try {
                for (Keyframe k : keys) {
                    FloatImage seen = colour.networkView(k.content().image(), k.content().format());
                    prepared.add(PreparedTransfer.prepare(new TransferInputs(seen, st, k.mask(), styleMask, null), cfg, vgg, root));
                }
                TreeSet<Integer> matched = new TreeSet<>();
                for (PreparedTransfer p : prepared) matched.addAll(p.match().matched());
                if (matched.isEmpty()) throw new IllegalArgumentException("no region is shared by the keyframes' masks and the style mask");
                List<Integer> labels = List.copyOf(matched);
                RegionColourTransfer stats = pooledStats(prepared, labels);
                List<Lut3d> start = new ArrayList<>();
                for (int r = 0; r < labels.size(); r++) start.add(Lut3d.bakeAffine(s.lutSize(), stats.affine(r)));
                int blend = cfg.grid().blendRadius();
                try (LutObjective objective = new LutObjective(prepared, vgg, cfg, labels, s.lutSize(), s.interpolation(),
                        s.smoothness(), blend)) {
                    NDArray x0 = LutSlicer.tables(start, root);
                    double statsValue;
                    try (NDManager tmp = root.newSubManager()) {
                        statsValue = objective.evaluate(x0, tmp).value();
                    }
                    List<Lut3d> luts = start;
                    double best = statsValue;
                    int steps = 0;
                    if (cfg.iterations() > 0) {
                        OptimizationResult o = cfg.newOptimizer().minimize(objective, x0, cfg.iterations(), listener, root);
                        steps = Math.max(0, o.history().size() - 1);
                        if (o.bestValue() < statsValue) {
                            best = o.bestValue();
                            float[] all = o.best().toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
                            int e = 3 * s.lutSize() * s.lutSize() * s.lutSize();
                            luts = new ArrayList<>();
                            for (int r = 0; r < labels.size(); r++) {
                                luts.add(Lut3d.of(s.lutSize(), java.util.Arrays.copyOfRange(all, r * e, (r + 1) * e)));
                            }
                        }
                    }
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    LabelMap names = keys.get(0).mask();
                    List<Look.Region> regions = new ArrayList<>();
                    for (int r = 0; r < labels.size(); r++) {
                        int l = labels.get(r);
                        regions.add(new Look.Region(l, masked ? names.name(l) : "all", luts.get(r)));
                    }
                    Map<String, Object> report = new LinkedHashMap<>();
                    report.put("keyframes", keys.size());
                    report.put("working_size", cfg.size());
                    report.put("iterations", steps);
                    report.put("lut_smoothness", s.smoothness());
                    report.put("objective_stats", statsValue);
                    report.put("objective", best);
                    report.put("seconds", seconds);
                    int longSide = Math.max(prepared.get(0).content().width(), prepared.get(0).content().height());
                    Look look = new Look(regions, s.interpolation(), masked, (double) blend / longSide, report);
                    return new Result(look, statsValue, best, steps, seconds);
                }
            } finally {
                for (PreparedTransfer p : prepared) p.close();
            }
        }
    }

    /** One closed-form map per label from the keyframes' pixels pooled (stacked) and the style. */
    static RegionColourTransfer pooledStats(List<PreparedTransfer> prepared, List<Integer> labels) {
        int w = prepared.get(0).content().width();
        int rows = 0;
        for (PreparedTransfer p : prepared) {
            if (p.content().width() != w) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "keyframes must share a size: working widths %d and %d", w, p.content().width()));
            }
            rows += p.content().height();
        }
        int n = w * rows;
        float[] px = new float[3 * n];
        float[][] cm = new float[labels.size()][n];
        int off = 0;
        for (PreparedTransfer p : prepared) {
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
        PreparedTransfer first = prepared.get(0);
        float[][] sm = new float[labels.size()][];
        for (int r = 0; r < labels.size(); r++) sm[r] = first.styleMask().mask(labels.get(r));
        return RegionColourTransfer.fit(FloatImage.wrap(w, rows, 3, px), cm, first.style(), sm, labels,
                LinearColourMap.QUANTISATION_EPS);
    }
}
