package dev.photostyle.options;

import ai.djl.Device;
import dev.photostyle.colour.ColourSettings;
import dev.photostyle.colour.InputColourSpace;
import dev.photostyle.mask.MaskFiles;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.mask.Palette;
import dev.photostyle.optim.LineSearch;
import dev.photostyle.transfer.TransferConfig;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The transfer settings shared by {@code photostyle transfer}, {@code run}, {@code sequence} and
 * {@code batch} (and the Spark farm, which takes the same options): masks' encoding, weights,
 * working size, layers, loss weights, optimiser, initialisation and device. Turns them into a
 * {@link TransferConfig} so every command runs the same code path.
 *
 * <p>A picocli mixin: {@code @Mixin TransferOptions options;} then {@code options.config(mask)}.
 */
public final class TransferOptions {
    @Option(names = "--mask-type", defaultValue = "auto", paramLabel = "auto|colour|labels",
            description = "How masks encode regions (default: ${DEFAULT-VALUE}).")
    String maskType;

    @Option(names = "--exclude-labels", split = ",", paramLabel = "LABEL",
            description = "Mask colours or labels to leave untouched, e.g. white,grey or 3,4.")
    List<String> excludeLabels = List.of();

    @Mixin
    WeightsOption weights;

    /** The {@code --weights} option. */
    public WeightsOption weights() {
        return weights;
    }

    @Option(names = "--size", description = "Long side of the working image in px (default: 512; 256 for --method lut).")
    Integer size;

    @Option(names = "--iterations", description = "Optimiser iterations (default: 1000; 100 for --method lut).")
    Integer iterations;

    @Option(names = "--content-layers", split = ",", paramLabel = "LAYER",
            description = "Content layers (default: relu4_2).")
    List<String> contentLayers = TransferConfig.PAPER_CONTENT_LAYERS;

    @Option(names = "--style-layers", split = ",", paramLabel = "LAYER",
            description = "Style layers (default: relu1_1,relu2_1,relu3_1,relu4_1,relu5_1).")
    List<String> styleLayers = TransferConfig.PAPER_STYLE_LAYERS;

    @Option(names = "--content-weight", description = "Weight of the normalised content loss (default: 1).")
    Double contentWeight;

    @Option(names = "--style-weight", description = "Weight of the normalised style loss (default: 1000).")
    Double styleWeight;

    @Option(names = "--tv-weight", description = "Weight of the total-variation prior (default: 1).")
    Double tvWeight;

    @Option(names = "--laplacian-weight", description = "Weight of the matting-Laplacian photorealism term (default: 1e4; 0 turns it off).")
    Double laplacianWeight;

    @Option(names = "--stages", description = "1: photorealism term from the start (default); 2: the paper's two stages.")
    Integer stages;

    @Option(names = "--method", paramLabel = "stats|lut|grid|hybrid|pixels",
            description = "What is optimised: one closed-form colour map per region (default: stats, the only one that met the quality bar; see README), "
                    + "one 3D colour LUT per region started from it, region-aware bilateral grids of affine colour transforms, "
                    + "grids then a short pixel refinement, or the pixels.")
    String method;

    @Option(names = "--lut-size", paramLabel = "N", description = "LUT nodes per axis of --method lut (default: 33).")
    Integer lutSize;

    @Option(names = "--lut-smoothness", paramLabel = "W", description = "Weight of the LUT lattice smoothness prior (default: 1e-3).")
    Double lutSmoothness;

    @Option(names = "--lut-gain-weight", paramLabel = "W",
            description = "Weight of the LUT gain limit: no region's LUT steeper than its closed-form start (default: see README).")
    Double lutGainWeight;

    @Option(names = "--lut-interpolation", paramLabel = "tetrahedral|trilinear", description = "How the LUTs are read (default: tetrahedral).")
    String lutInterpolation;

    @Option(names = "--levels", paramLabel = "N",
            description = "Coarse-to-fine levels of the grid and LUT optimisation: sizes SIZE/2^(N-1) .. SIZE, most iterations "
                    + "at the coarse ones (1: the working size only; default: 3; 1 for --method lut).")
    Integer levels;

    @Option(names = "--grid-size", paramLabel = "WxHxD", description = "Grid cells x, y and luminance bins (default: 16x16x8).")
    String gridSize;

    @Option(names = "--grid-smoothness", description = "Weight of the grid smoothness term (default: 10).")
    Double gridSmoothness;

    @Option(names = "--post", defaultValue = "none", paramLabel = "none|smooth-affine",
            description = "Post-step on the working-size result (default: ${DEFAULT-VALUE}).")
    String post;

    @Option(names = "--output-size", defaultValue = "full", paramLabel = "full|work|N",
            description = "Output size: the content's own size (a plate in gives a plate of the same size out), "
                    + "the working size, or long side N (default: ${DEFAULT-VALUE}).")
    String outputSize;

    @Option(names = "--optimizer", defaultValue = "lbfgs", paramLabel = "lbfgs|adam",
            description = "Optimiser (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--stop-tolerance", paramLabel = "TOL",
            description = "Stop a stage when its best loss fell by less than this fraction over the last 20 iterations "
                    + "(--iterations is a cap; 0: always run them all; default: 1e-3).")
    Double stopTolerance;

    @Option(names = "--history-size", description = "L-BFGS history size (default: 10).")
    Integer historySize;

    @Option(names = "--line-search", paramLabel = "none|backtracking", description = "L-BFGS line search (default: backtracking).")
    String lineSearch;

    @Option(names = "--learning-rate", description = "Step size: L-BFGS initial step (1) or Adam rate (0.01).")
    Double learningRate;

    @Option(names = "--init", defaultValue = "content", paramLabel = "content|noise|FILE",
            description = "Starting image (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the noise initialisation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--input-colorspace", paramLabel = "linear|srgb|log",
            description = "Encoding of the content plate (default: linear for EXR, srgb otherwise).")
    String inputColourSpace;

    @Option(names = "--exposure", defaultValue = "0", paramLabel = "STOPS",
            description = "Exposure applied to the plate before the network and undone after it (default: ${DEFAULT-VALUE}).")
    double exposure;

    @Mixin
    DeviceOption device;

    /** {@code --input-colorspace} (null: the container's default) and {@code --exposure}. */
    public ColourSettings colour() {
        return new ColourSettings(inputColourSpace != null ? InputColourSpace.parse(inputColourSpace) : null, exposure);
    }

    /** The starting image file of {@code --init FILE}, else null. */
    public Path initImage() {
        return isKeyword(init) ? null : Path.of(init);
    }

    /** The mask encoding of {@code --mask-type}. */
    public MaskFiles.Kind maskKind() {
        return parseEnum(MaskFiles.Kind.class, maskType.replace("color", "colour"), "--mask-type");
    }

    /** Reads a mask file, or returns null for a null path. */
    public LabelMap readMask(Path p) throws java.io.IOException {
        return p == null ? null : MaskFiles.read(p, maskKind());
    }

    private static boolean isKeyword(String init) {
        return init.equalsIgnoreCase("content") || init.equalsIgnoreCase("noise");
    }

    public Device device() {
        return device.device();
    }

    /**
     * The config for a command that only runs the pixel method ({@code why} says why): an explicit
     * other {@code --method} is an error, and the config's method is pixels.
     */
    public TransferConfig pixelConfig(LabelMap contentMaskMap, String why) {
        if (method != null && !method.equalsIgnoreCase("pixels")) {
            throw new IllegalArgumentException(why + "; --method " + method + " is not available here");
        }
        return config(contentMaskMap).toBuilder().method(TransferConfig.Method.PIXELS).build();
    }

    /** The post-step and output size; throws on a bad --post or --output-size. */
    public dev.photostyle.transfer.OutputStage outputStage() {
        var p = parseEnum(dev.photostyle.transfer.OutputStage.Post.class, post.replace('-', '_'), "--post");
        String o = outputSize.trim().toLowerCase(java.util.Locale.ROOT);
        int size;
        if (o.equals("work") || o.equals("working")) {
            size = dev.photostyle.transfer.OutputStage.WORKING;
        } else if (o.equals("full")) {
            size = dev.photostyle.transfer.OutputStage.FULL;
        } else {
            try {
                size = Integer.parseInt(o);
            } catch (NumberFormatException e) {
                size = -2;
            }
            if (size < 16) {
                throw new IllegalArgumentException("--output-size must be work, full or a size >= 16, got " + outputSize);
            }
        }
        return new dev.photostyle.transfer.OutputStage(p, size);
    }

    /** The config for a content whose mask is {@code contentMaskMap} (null without masks). */
    public TransferConfig config(LabelMap contentMaskMap) {
        TransferConfig.Method m = method != null ? parseEnum(TransferConfig.Method.class, method, "--method")
                : TransferConfig.defaults().method();
        // A LUT is fitted like a look (look fit's defaults): at 256 px, 100 iterations, at the working
        // size only: its coarse levels' optimum did not carry to the working size (README, Looks).
        boolean lut = m == TransferConfig.Method.LUT;
        TransferConfig.Builder b = TransferConfig.builder().size(size != null ? size : lut ? 256 : 512)
                .iterations(iterations != null ? iterations : lut ? 100 : 1000)
                .contentLayers(clean(contentLayers)).styleLayers(clean(styleLayers)).seed(seed);
        TransferConfig d = TransferConfig.defaults();
        b.contentWeight(contentWeight != null ? contentWeight : d.contentWeight());
        b.styleWeight(styleWeight != null ? styleWeight : d.styleWeight());
        b.tvWeight(tvWeight != null ? tvWeight : d.tvWeight());
        b.laplacianWeight(laplacianWeight != null ? laplacianWeight : d.laplacianWeight());
        b.stages(stages != null ? stages : d.stages());
        TransferConfig.OptimizerKind kind = parseEnum(TransferConfig.OptimizerKind.class, optimizer, "--optimizer");
        b.optimizer(kind);
        var lb = d.lbfgs();
        if (historySize != null) lb = lb.withHistorySize(historySize);
        if (lineSearch != null) lb = lb.withLineSearch(parseEnum(LineSearch.class, lineSearch, "--line-search"));
        if (learningRate != null && kind == TransferConfig.OptimizerKind.LBFGS) lb = lb.withLearningRate(learningRate);
        if (stopTolerance != null) {
            if (!(stopTolerance >= 0)) throw new IllegalArgumentException("--stop-tolerance must be >= 0, got " + stopTolerance);
            lb = lb.withConvergence(lb.convergenceWindow(), stopTolerance);
        }
        b.lbfgs(lb);
        var adam = d.adam();
        if (learningRate != null && kind == TransferConfig.OptimizerKind.ADAM) adam = adam.withLearningRate(learningRate);
        if (stopTolerance != null) adam = adam.withConvergence(adam.convergenceWindow(), stopTolerance);
        b.adam(adam);
        b.init(isKeyword(init) ? parseEnum(TransferConfig.Init.class, init, "--init") : TransferConfig.Init.IMAGE);
        b.excludeLabels(excluded(contentMaskMap));
        b.method(m);
        var g = d.grid();
        if (gridSize != null) g = g.withSize(dev.photostyle.grid.GridSize.parse(gridSize));
        if (gridSmoothness != null) g = g.withSmoothnessWeight(gridSmoothness);
        b.grid(g);
        if (levels != null) b.levels(levels);
        else if (lut) b.levels(1);
        var lutConfig = d.lut();
        if (lutSize != null) lutConfig = lutConfig.withSize(lutSize);
        if (lutSmoothness != null) lutConfig = lutConfig.withSmoothness(lutSmoothness);
        if (lutGainWeight != null) lutConfig = lutConfig.withGainWeight(lutGainWeight);
        if (lutInterpolation != null) {
            lutConfig = lutConfig.withInterpolation(parseEnum(dev.photostyle.lut.Interpolation.class, lutInterpolation, "--lut-interpolation"));
        }
        b.lut(lutConfig);
        return b.build();
    }

    private Set<Integer> excluded(LabelMap mask) {
        Set<Integer> out = new TreeSet<>();
        for (String l : excludeLabels) {
            String t = l.trim();
            if (t.isEmpty()) continue;
            if (t.matches("\\d+")) {
                out.add(Integer.parseInt(t));
            } else {
                try {
                    out.add(Palette.labelOf(t));
                } catch (java.util.NoSuchElementException e) {
                    throw new IllegalArgumentException("--exclude-labels: " + e.getMessage());
                }
            }
        }
        if (!out.isEmpty() && mask == null) throw new IllegalArgumentException("--exclude-labels needs masks");
        return out;
    }

    public static List<String> clean(List<String> layers) {
        return layers.stream().map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    public static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String option) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " must be one of "
                    + Arrays.stream(type.getEnumConstants()).map(x -> x.name().toLowerCase(Locale.ROOT)).toList()
                    + ", got '" + value + "'");
        }
    }
}
