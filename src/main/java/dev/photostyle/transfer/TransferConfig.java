package dev.photostyle.transfer;

import dev.photostyle.features.Vgg19;
import dev.photostyle.grid.GridConfig;
import dev.photostyle.lut.LutConfig;
import dev.photostyle.matting.laplacian.MattingLaplacian;
import dev.photostyle.optim.Adam;
import dev.photostyle.optim.AdamConfig;
import dev.photostyle.optim.Lbfgs;
import dev.photostyle.optim.LbfgsConfig;
import dev.photostyle.optim.Optimizer;

import java.util.List;
import java.util.Set;

/**
 * Every setting of one style transfer. Immutable; start from {@link #defaults()} and use the
 * {@code with...} methods or {@link Builder}.
 *
 * <p>Loss weights multiply terms that are each normalised by their own target (see the loss
 * classes), so one set of defaults works whatever the weight file's feature scale.
 *
 * @param size           long side of the working image, in pixels
 * @param contentLayers  VGG layers of the content loss (paper: relu4_2)
 * @param styleLayers    VGG layers of the style loss (paper: relu1_1 ... relu5_1)
 * @param contentWeight  weight of the (normalised) content loss
 * @param styleWeight    weight of the (normalised) style loss, averaged over style layers
 * @param tvWeight       weight of the total-variation prior
 * @param rangeWeight    weight of the penalty that keeps pixels in [0, 1]
 * @param iterations     optimiser steps
 * @param optimizer      which optimiser
 * @param lbfgs          L-BFGS settings (used when optimizer is LBFGS)
 * @param adam           Adam settings (used when optimizer is ADAM)
 * @param init           starting image
 * @param seed           seed of the noise initialisation
 * @param excludeLabels  mask labels the user wants left untouched
 * @param laplacianWeight weight λ of the photorealism term λ·Σ_c V_cᵀ L V_c / N (0: off; paper 1e4)
 * @param laplacian      matting Laplacian parameters (paper: eps 1e-7, 3x3 windows)
 * @param stages         1: the Laplacian term from the start; 2: the paper's schedule (stage 1
 *                       without it, stage 2 with it from stage 1's result), each stage
 *                       {@code iterations} long
 * @param method         what is optimised: the pixels, region-aware bilateral grids, or grids then
 *                       a short pixel refinement (see {@link Method})
 * @param grid           grid settings of {@link Method#GRID} and {@link Method#HYBRID}
 * @param levels         coarse-to-fine levels of the grid and LUT methods (1: optimise at the
 *                       working size; N: optimise at size/2^(N-1) ... size/2, then score at size;
 *                       levels under {@value #MIN_LEVEL_SIZE} px skipped)
 * @param lut            LUT settings of {@link Method#LUT}
 */
public record TransferConfig(int size, List<String> contentLayers, List<String> styleLayers, double contentWeight,
        double styleWeight, double tvWeight, double rangeWeight, int iterations, OptimizerKind optimizer,
        LbfgsConfig lbfgs, AdamConfig adam, Init init, long seed, Set<Integer> excludeLabels,
        double laplacianWeight, MattingLaplacian laplacian, int stages, Method method, GridConfig grid, int levels,
        LutConfig lut) {

    /** Which optimiser runs the pixels. */
    public enum OptimizerKind { LBFGS, ADAM }

    /**
     * What the optimiser changes. {@code PIXELS}: every pixel (Luan et al. 2017). {@code GRID}: one
     * bilateral grid of affine colour transforms per matched region ({@link GridTransfer}), a local
     * recolouring of the content. {@code HYBRID}: the grids, then a short pixel refinement (a third
     * of {@code iterations}) with the photorealism term from the grids' result.
     */
    public enum Method {
        /** The paper: every pixel is optimised. */
        PIXELS,
        /** Region-aware bilateral grids of affine colour transforms. */
        GRID,
        /** Grids, then a short pixel refinement. */
        HYBRID,
        /** No optimisation: one closed-form linear colour map per region ({@link StatsTransfer}). */
        STATS,
        /** One 3D colour LUT per region, from the closed form, optimised ({@link LutTransfer}). */
        LUT
    }

    /** Where the optimisation starts. */
    public enum Init { CONTENT, NOISE, IMAGE }

    /** The paper's layers. */
    public static final List<String> PAPER_CONTENT_LAYERS = List.of("relu4_2");
    public static final List<String> PAPER_STYLE_LAYERS = Vgg19.STYLE_LAYERS;

    /** The smallest long side a coarse level may have (the style layers' features get too few pixels below). */
    public static final int MIN_LEVEL_SIZE = 64;

    public TransferConfig {
        if (levels < 1) throw new IllegalArgumentException("--levels must be >= 1, got " + levels);
        contentLayers = List.copyOf(contentLayers);
        styleLayers = List.copyOf(styleLayers);
        excludeLabels = Set.copyOf(excludeLabels);
        if (size < 16) throw new IllegalArgumentException("--size must be at least 16 px, got " + size);
        if (iterations < 0) throw new IllegalArgumentException("--iterations must be >= 0, got " + iterations);
        if (contentLayers.isEmpty() && styleLayers.isEmpty()) {
            throw new IllegalArgumentException("at least one content or style layer is needed");
        }
        for (double w : new double[] {contentWeight, styleWeight, tvWeight, rangeWeight}) {
            if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("loss weights must be finite and >= 0");
        }
        if (!(laplacianWeight >= 0) || Double.isInfinite(laplacianWeight)) {
            throw new IllegalArgumentException("--laplacian-weight must be finite and >= 0");
        }
        if (stages != 1 && stages != 2) throw new IllegalArgumentException("--stages must be 1 or 2, got " + stages);
        java.util.Objects.requireNonNull(laplacian, "laplacian");
        java.util.Objects.requireNonNull(method, "method");
        java.util.Objects.requireNonNull(grid, "grid");
        java.util.Objects.requireNonNull(lut, "lut");
    }

    /** Paper layers, 512 px, 1000 L-BFGS iterations from the content. */
    public static TransferConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.size = size;
        b.contentLayers = contentLayers;
        b.styleLayers = styleLayers;
        b.contentWeight = contentWeight;
        b.styleWeight = styleWeight;
        b.tvWeight = tvWeight;
        b.rangeWeight = rangeWeight;
        b.iterations = iterations;
        b.optimizer = optimizer;
        b.lbfgs = lbfgs;
        b.adam = adam;
        b.init = init;
        b.seed = seed;
        b.excludeLabels = excludeLabels;
        b.laplacianWeight = laplacianWeight;
        b.laplacian = laplacian;
        b.stages = stages;
        b.method = method;
        b.grid = grid;
        b.levels = levels;
        b.lut = lut;
        return b;
    }

    /** A fresh optimiser of the configured kind. */
    public Optimizer newOptimizer() {
        return switch (optimizer) {
            case LBFGS -> new Lbfgs(lbfgs);
            case ADAM -> new Adam(adam);
        };
    }

    /**
     * The working sizes of the coarse-to-fine schedule, coarsest first, ending at {@code size}:
     * {@code size / 2^k} for k = levels-1 .. 0, without those under {@link #MIN_LEVEL_SIZE}.
     */
    public List<Integer> levelSizes() {
        List<Integer> out = new java.util.ArrayList<>();
        for (int k = levels - 1; k >= 1; k--) {
            int s = size >> k;
            if (s >= MIN_LEVEL_SIZE) out.add(s);
        }
        out.add(size);
        return List.copyOf(out);
    }

    /**
     * The iteration cap of level {@code i} of {@code n} (0 the coarsest): half of {@code iterations}
     * at the coarsest, half of that at each finer level (n = 3: 1/2, 1/4, 1/8), at least 1. An
     * iteration at a level costs about four times one at the level below, so the finest level,
     * the costliest, gets the fewest; the stop rule usually ends each level before its cap.
     */
    public int levelIterations(int i, int n) {
        if (n == 1 || iterations == 0) return iterations;
        return Math.max(1, iterations >> (i + 1));
    }

    /** Every layer the run needs, content and style. */
    public List<String> allLayers() {
        java.util.LinkedHashSet<String> s = new java.util.LinkedHashSet<>(contentLayers);
        s.addAll(styleLayers);
        return List.copyOf(s);
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private int size = 512;
        private List<String> contentLayers = PAPER_CONTENT_LAYERS;
        private List<String> styleLayers = PAPER_STYLE_LAYERS;
        private double contentWeight = 1.0;
        private double styleWeight = 1000.0;
        private double tvWeight = 1.0;
        private double rangeWeight = 1000.0;
        private int iterations = 1000;
        private OptimizerKind optimizer = OptimizerKind.LBFGS;
        private LbfgsConfig lbfgs = LbfgsConfig.defaults();
        private AdamConfig adam = AdamConfig.defaults();
        private Init init = Init.CONTENT;
        private long seed = 0;
        private Set<Integer> excludeLabels = Set.of();
        private double laplacianWeight = 1e4;
        private MattingLaplacian laplacian = MattingLaplacian.DEFAULT;
        private int stages = 1;
        private Method method = Method.STATS;
        private GridConfig grid = GridConfig.defaults();
        private int levels = 3;
        private LutConfig lut = LutConfig.defaults();

        public Builder size(int v) { size = v; return this; }
        public Builder contentLayers(List<String> v) { contentLayers = v; return this; }
        public Builder styleLayers(List<String> v) { styleLayers = v; return this; }
        public Builder contentWeight(double v) { contentWeight = v; return this; }
        public Builder styleWeight(double v) { styleWeight = v; return this; }
        public Builder tvWeight(double v) { tvWeight = v; return this; }
        public Builder rangeWeight(double v) { rangeWeight = v; return this; }
        public Builder iterations(int v) { iterations = v; return this; }
        public Builder optimizer(OptimizerKind v) { optimizer = v; return this; }
        public Builder lbfgs(LbfgsConfig v) { lbfgs = v; return this; }
        public Builder adam(AdamConfig v) { adam = v; return this; }
        public Builder init(Init v) { init = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder excludeLabels(Set<Integer> v) { excludeLabels = v; return this; }
        public Builder laplacianWeight(double v) { laplacianWeight = v; return this; }
        public Builder laplacian(MattingLaplacian v) { laplacian = v; return this; }
        public Builder stages(int v) { stages = v; return this; }
        public Builder method(Method v) { method = v; return this; }
        public Builder grid(GridConfig v) { grid = v; return this; }
        public Builder levels(int v) { levels = v; return this; }
        public Builder lut(LutConfig v) { lut = v; return this; }

        public TransferConfig build() {
            return new TransferConfig(size, contentLayers, styleLayers, contentWeight, styleWeight, tvWeight,
                    rangeWeight, iterations, optimizer, lbfgs, adam, init, seed, excludeLabels,
                    laplacianWeight, laplacian, stages, method, grid, levels, lut);
        }
    }
}
