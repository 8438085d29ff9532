package dev.photostyle.look;

import dev.photostyle.colour.ColourSettings;
import dev.photostyle.colour.RegionColourTransfer;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.grid.RegionWeights;
import dev.photostyle.io.image.DecodedImage;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.lut.Lut3d;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.transfer.LutFit;
import dev.photostyle.transfer.LutObjective;
import dev.photostyle.transfer.PreparedTransfer;
import dev.photostyle.transfer.StageResult;
import dev.photostyle.transfer.StatsTransfer;
import dev.photostyle.transfer.TransferConfig;
import dev.photostyle.transfer.TransferInputs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Fits a {@link Look} to one or several keyframes of a shot: per matched region, the closed-form
 * colour transfer (moments pooled over the keyframes, {@link StatsTransfer#fit(List, List)}) baked
 * into a LUT, then the LUT entries optimised with the transfer objective and the lattice
 * smoothness prior, coarse to fine, by the same code as {@code --method lut} ({@link LutFit}); the
 * result is the best iterate. The LUT settings are {@link TransferConfig#lut()}.
 *
 * <pre>{@code
 * LookFit.Result r = new LookFit(vgg).fit(List.of(new LookFit.Keyframe(plate, plateMask)), style, styleMask,
 *         cfg, ColourSettings.defaults(), IterationListener.NONE);
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
     * @param look       the fitted look
     * @param statsValue the objective of the closed-form start at the working size
     * @param bestValue  the objective of the returned LUTs at the working size
     * @param iterations optimiser steps taken over all levels
     * @param seconds    wall time
     * @param stages     every level's stage
     */
    public record Result(Look look, double statsValue, double bestValue, int iterations, double seconds,
            List<StageResult> stages) {}

    public Result fit(List<Keyframe> keys, DecodedImage style, LabelMap styleMask, TransferConfig cfg,
            ColourSettings colour, IterationListener listener) {
        if (keys.isEmpty()) throw new IllegalArgumentException("give at least one keyframe");
        boolean masked = keys.get(0).mask() != null;
        for (Keyframe k : keys) {
            if ((k.mask() != null) != masked) throw new IllegalArgumentException("give a mask for every keyframe, or none");
        }
        if (masked != (styleMask != null)) throw new IllegalArgumentException("give both --content-mask and --style-mask, or neither");
        long t0 = System.nanoTime();
        FloatImage st = ColourSettings.referenceForNetwork(style.image(), style.format());
        List<TransferInputs> inputs = new ArrayList<>();
        for (Keyframe k : keys) {
            FloatImage seen = colour.networkView(k.content().image(), k.content().format());
            inputs.add(new TransferInputs(seen, st, k.mask(), styleMask, null));
        }
        int blend = cfg.grid().blendRadius();
        List<Integer> labels = new ArrayList<>(); // the union of the working size's matched labels, fixed for every level
        LutFit.Frames frames = (level, root) -> {
            List<PreparedTransfer> prepared = new ArrayList<>();
            try {
                for (TransferInputs in : inputs) prepared.add(PreparedTransfer.prepare(in, level, vgg, root));
                if (labels.isEmpty()) {
                    TreeSet<Integer> matched = new TreeSet<>();
                    for (PreparedTransfer p : prepared) matched.addAll(p.match().matched());
                    if (matched.isEmpty()) throw new IllegalArgumentException("no region is shared by the keyframes' masks and the style mask");
                    labels.addAll(matched);
                }
                List<LutObjective.Frame> out = new ArrayList<>();
                for (PreparedTransfer p : prepared) {
                    out.add(new LutObjective.Frame(p, RegionWeights.soft(p.contentMask(), labels, p.freeMask(), blend), List.of()));
                }
                return out;
            } catch (RuntimeException e) {
                for (PreparedTransfer p : prepared) p.close();
                throw e;
            }
        };
        int n = cfg.lut().size();
        LutFit.Start start = working -> {
            RegionColourTransfer stats = StatsTransfer.fit(working.stream().map(LutObjective.Frame::prepared).toList(), labels);
            List<Lut3d> luts = new ArrayList<>();
            for (int r = 0; r < labels.size(); r++) luts.add(Lut3d.bakeAffine(n, stats.affine(r)));
            return luts;
        };
        LutFit.Result r = new LutFit(vgg).run(frames, start, cfg, listener);
        double seconds = (System.nanoTime() - t0) / 1e9;
        int steps = 0;
        for (StageResult s : r.stages()) if (s.stopReason() != null) steps += s.history().size() - 1;
        LabelMap names = keys.get(0).mask();
        List<Look.Region> regions = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            int l = labels.get(i);
            regions.add(new Look.Region(l, masked ? names.name(l) : "all", r.luts().get(i)));
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("keyframes", keys.size());
        report.put("working_size", cfg.size());
        report.put("levels", cfg.iterations() == 0 ? List.of(cfg.size()) : cfg.levelSizes());
        report.put("iterations", steps);
        report.put("lut_smoothness", cfg.lut().smoothness());
        report.put("lut_gain_weight", cfg.lut().gainWeight());
        report.put("objective_stats", r.startValue());
        report.put("objective", r.bestValue());
        report.put("seconds", seconds);
        int longSide = Math.max(r.frames().get(0).content().width(), r.frames().get(0).content().height());
        Look look = new Look(regions, cfg.lut().interpolation(), masked, (double) blend / longSide, report);
        return new Result(look, r.startValue(), r.bestValue(), steps, seconds, r.stages());
    }
}
