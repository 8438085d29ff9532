package dev.photostyle.transfer;

import dev.photostyle.colour.RegionColourTransfer;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.grid.RegionWeights;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.lut.Lut3d;
import dev.photostyle.lut.LutBlend;
import dev.photostyle.lut.LutConfig;
import dev.photostyle.optim.IterationListener;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code --method lut}: one 3D colour LUT per matched region ({@link TransferConfig#lut()}: 33³,
 * tetrahedral), started from the closed-form per-region colour transfer ({@link StatsTransfer},
 * baked into the lattice, where an affine map is exact) and optimised with the transfer objective
 * plus the lattice smoothness prior and the gain limit ({@link LutObjective}) by {@link LutFit}: at
 * the working size when {@code cfg.levels()} is 1 (the command line's default for LUTs: a LUT
 * optimised at coarser sizes scored far worse at the working size, see README), coarse to fine
 * otherwise; the result is the best iterate. The regions blend by the same soft weights as the grids and the
 * closed form ({@link RegionWeights}); pixels of no matched region keep the content exactly. A LUT
 * depends on colour only, so the result is photographic within a region by construction and the
 * full-size output applies the LUTs to the plate itself ({@link LutBlend}), no upsampling.
 *
 * <p>{@code iterations = 0} gives identity LUTs (the plate as it is, a check of the plate path, as
 * for the grids).
 *
 * <pre>{@code
 * TransferRun r = new LutTransfer(vgg).run(inputs, cfg.toBuilder().method(Method.LUT).build(), List.of(), IterationListener.NONE);
 * FloatImage plate = r.output(new OutputStage(OutputStage.Post.NONE, OutputStage.FULL), fullContent);
 * }</pre>
 */
public final class LutTransfer {
    private final VggFeatureExtractor vgg;

    public LutTransfer(VggFeatureExtractor vgg) {
        this.vgg = vgg;
    }

    /** Fits, scores and returns the run; its renderer applies the LUTs at any size. */
    public TransferRun run(TransferInputs in, TransferConfig cfg, List<ImageTerm.Factory> extraTerms,
            IterationListener listener) {
        LutConfig lut = cfg.lut();
        int blend = cfg.grid().blendRadius();
        List<Integer> labels = new ArrayList<>(); // the working size's matched labels, fixed for every level
        LutFit.Frames frames = (level, root) -> {
            PreparedTransfer p = PreparedTransfer.prepare(in, level, vgg, root);
            try {
                if (labels.isEmpty()) {
                    labels.addAll(p.match().matched());
                    if (labels.isEmpty()) throw new IllegalArgumentException("--method lut needs at least one region matched between the masks");
                }
                float[][] w = RegionWeights.soft(p.contentMask(), labels, p.freeMask(), blend);
                List<ImageTerm> extras = extraTerms.stream().map(f -> f.create(p)).toList();
                return List.of(new LutObjective.Frame(p, w, extras));
            } catch (RuntimeException e) {
                p.close();
                throw e;
            }
        };
        LutFit.Start start = working -> {
            List<Lut3d> luts = new ArrayList<>();
            if (cfg.iterations() == 0) {
                for (int r = 0; r < labels.size(); r++) luts.add(Lut3d.identity(lut.size()));
            } else {
                RegionColourTransfer maps = StatsTransfer.fit(working.get(0).prepared());
                for (int r = 0; r < labels.size(); r++) luts.add(Lut3d.bakeAffine(lut.size(), maps.affine(r)));
            }
            return luts;
        };
        LutFit.Result r = new LutFit(vgg).run(frames, start, cfg, listener);
        LutFit.Working w = r.frames().get(0);
        TransferResult result = new TransferResult(w.image(), w.content(), w.contentMask(), w.match(),
                StageResult.concat(r.stages()), r.bestIteration(), r.bestValue(), r.timings(), r.stages(), w.freeMask());
        int width = w.content().width(), height = w.content().height();
        List<Lut3d> luts = r.luts();
        UnaryOperator<FloatImage> render = target -> LutBlend.apply(target, luts, lut.interpolation(),
                StatsTransfer.weightsAt(w.weights(), width, height, target));
        return new TransferRun(result, render);
    }
}
