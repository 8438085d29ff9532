package dev.photostyle.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.photostyle.engine.Tensors;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.features.VggWeights;
import dev.photostyle.io.image.DecodedImage;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateFormat;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.io.mask.MaskFiles;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.mask.Palette;
import dev.photostyle.optim.AdamConfig;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.optim.LineSearch;
import dev.photostyle.transfer.StyleTransfer;
import dev.photostyle.transfer.TransferConfig;
import dev.photostyle.transfer.TransferInputs;
import dev.photostyle.transfer.TransferReport;
import dev.photostyle.transfer.TransferResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code photostyle transfer}: one content, one style, optional colour-coded masks. */
@Command(name = "transfer", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Restyle a content image after a style image, region by region if masks are given.")
public final class TransferCommand implements Callable<Integer> {
    @Option(names = "--content", required = true, paramLabel = "FILE", description = "Content image (the plate).")
    Path content;

    @Option(names = "--style", required = true, paramLabel = "FILE", description = "Style image (the reference).")
    Path style;

    @Option(names = "--content-mask", paramLabel = "FILE", description = "Colour-coded (or label) mask of the content.")
    Path contentMask;

    @Option(names = "--style-mask", paramLabel = "FILE", description = "Colour-coded (or label) mask of the style.")
    Path styleMask;

    @Option(names = "--mask-type", defaultValue = "auto", paramLabel = "auto|colour|labels",
            description = "How masks encode regions (default: ${DEFAULT-VALUE}).")
    String maskType;

    @Option(names = "--exclude-labels", split = ",", paramLabel = "LABEL",
            description = "Mask colours or labels to leave untouched, e.g. white,grey or 3,4.")
    List<String> excludeLabels = List.of();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "Result image (.png, .jpg, .tif, .exr).")
    Path output;

    @Mixin
    WeightsOption weights;

    @Option(names = "--size", defaultValue = "512", description = "Long side of the working image in px (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--iterations", defaultValue = "1000", description = "Optimiser iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

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

    @Option(names = "--post", defaultValue = "none", paramLabel = "none|smooth-affine",
            description = "Post-step on the working-size result (default: ${DEFAULT-VALUE}).")
    String post;

    @Option(names = "--output-size", defaultValue = "work", paramLabel = "work|full|N",
            description = "Output size: the working size, the content's own size (guided upsampling), or long side N (default: ${DEFAULT-VALUE}).")
    String outputSize;

    @Option(names = "--optimizer", defaultValue = "lbfgs", paramLabel = "lbfgs|adam",
            description = "Optimiser (default: ${DEFAULT-VALUE}).")
    String optimizer;

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

    @Option(names = "--report", paramLabel = "FILE.json", description = "Write a JSON report (config, losses per iteration, best, timings).")
    Path report;

    @Option(names = "--snapshot-every", defaultValue = "0", paramLabel = "N",
            description = "Write OUTPUT-stem.iterNNNN.png every N iterations (default: never).")
    int snapshotEvery;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|gpu", description = "Where to run (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Path initImage = isKeyword(init) ? null : Path.of(init);
        outputStage(); // bad --post / --output-size: fail before any work
        OutputGuard.check(output, "output", content, style, contentMask, styleMask, weights.weights, initImage);
        OutputGuard.check(report, "report", content, style, contentMask, styleMask, weights.weights, initImage, output);
        PlateFormat.containerOf(output); // unsupported extension: fail before any work
        if ((contentMask == null) != (styleMask == null)) {
            throw new IllegalArgumentException("give both --content-mask and --style-mask, or neither");
        }
        DecodedImage c = PlateIO.read(content);
        DecodedImage s = PlateIO.read(style);
        MaskFiles.Kind kind = parseEnum(MaskFiles.Kind.class, maskType.replace("color", "colour"), "--mask-type");
        LabelMap cm = contentMask == null ? null : MaskFiles.read(contentMask, kind);
        LabelMap sm = styleMask == null ? null : MaskFiles.read(styleMask, kind);
        FloatImage initImg = initImage == null ? null : PlateIO.read(initImage).image();
        TransferConfig cfg = config(cm);
        VggWeights vw = weights.load();
        vw.requireLayers(cfg.allLayers());
        try (VggFeatureExtractor vgg = VggFeatureExtractor.load(vw, device())) {
            TransferInputs in = new TransferInputs(c.image(), s.image(), cm, sm, initImg);
            TransferResult r;
            try (ProgressBar pb = quiet ? null : progress(cfg)) {
                r = new StyleTransfer(vgg).run(in, cfg, listener(pb));
            }
            long t = System.nanoTime();
            FloatImage result = outputStage().apply(r, c.image());
            double finish = (System.nanoTime() - t) / 1e9;
            PlateFormat fmt = outputFormat(c.format(), result.hasAlpha());
            PlateIO.write(result, output, fmt);
            if (report != null) {
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("content", content.toString());
                extra.put("style", style.toString());
                extra.put("output", output.toString());
                extra.put("weights", weights.resolve().toString());
                extra.put("output_size", Map.of("width", result.width(), "height", result.height()));
                extra.put("post", post);
                extra.put("finish_s", finish);
                extra.put("write_s", (System.nanoTime() - t) / 1e9 - finish);
                TransferReport.write(report, TransferReport.toMap(cfg, r, extra));
            }
            System.err.printf(Locale.ROOT, "photostyle: wrote %s (best loss %.6g at iteration %d of %d, %.3f s/iteration)%n",
                    output, r.bestValue(), r.bestIteration(), r.history().size() - 1,
                    r.timings().get("seconds_per_iteration"));
        }
        return 0;
    }

    private static boolean isKeyword(String init) {
        return init.equalsIgnoreCase("content") || init.equalsIgnoreCase("noise");
    }

    private PlateFormat outputFormat(PlateFormat input, boolean alpha) {
        PlateFormat.Container target = PlateFormat.containerOf(output);
        PlateFormat def = PlateFormat.forPath(output);
        // Keep the input's depth where the output container can hold it (16-bit PNG/TIFF, half/float EXR).
        PlateFormat f = input.container() == target ? input : def;
        return f.withAlpha(alpha && target != PlateFormat.Container.JPEG);
    }

    private dev.photostyle.transfer.OutputStage outputStage() {
        var p = parseEnum(dev.photostyle.transfer.OutputStage.Post.class, post.replace('-', '_'), "--post");
        String o = outputSize.trim().toLowerCase(Locale.ROOT);
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
            if (size < 16) throw new IllegalArgumentException("--output-size must be work, full or a size >= 16, got " + outputSize);
        }
        return new dev.photostyle.transfer.OutputStage(p, size);
    }

    private Device device() {
        return switch (device.toLowerCase(Locale.ROOT)) {
            case "auto" -> Engine.getInstance().defaultDevice();
            case "cpu" -> Device.cpu();
            case "gpu", "cuda" -> {
                if (Engine.getInstance().getGpuCount() == 0) {
                    throw new IllegalArgumentException("--device gpu: no GPU visible to PyTorch "
                            + "(build with 'mvn -Pgpu package' for CUDA natives)");
                }
                yield Device.gpu();
            }
            default -> throw new IllegalArgumentException("--device must be auto, cpu or gpu, got " + device);
        };
    }

    TransferConfig config(LabelMap contentMaskMap) {
        TransferConfig.Builder b = TransferConfig.builder().size(size).iterations(iterations)
                .contentLayers(clean(contentLayers)).styleLayers(clean(styleLayers)).seed(seed)
                .snapshotEvery(snapshotEvery);
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
        b.lbfgs(lb);
        if (learningRate != null && kind == TransferConfig.OptimizerKind.ADAM) {
            AdamConfig a = d.adam();
            b.adam(new AdamConfig(learningRate, a.beta1(), a.beta2(), a.epsilon()));
        }
        b.init(isKeyword(init) ? parseEnum(TransferConfig.Init.class, init, "--init") : TransferConfig.Init.IMAGE);
        b.excludeLabels(excluded(contentMaskMap));
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

    private static List<String> clean(List<String> layers) {
        return layers.stream().map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String option) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " must be one of "
                    + Arrays.stream(type.getEnumConstants()).map(x -> x.name().toLowerCase(Locale.ROOT)).toList()
                    + ", got '" + value + "'");
        }
    }

    private static ProgressBar progress(TransferConfig cfg) {
        int stages = cfg.stages() == 2 && cfg.laplacianWeight() > 0 ? 2 : 1;
        return new ProgressBarBuilder().setTaskName("transfer").setInitialMax((long) cfg.iterations() * stages)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate()
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build();
    }

    private IterationListener listener(ProgressBar pb) {
        return (rec, img) -> {
            if (pb != null) {
                pb.stepTo(rec.iteration());
                pb.setExtraMessage(String.format(Locale.ROOT, "loss %.5g", rec.value()));
            }
            if (snapshotEvery > 0 && rec.iteration() > 0 && rec.iteration() % snapshotEvery == 0) {
                try {
                    PlateIO.write(Tensors.toImage(img), snapshotPath(rec.iteration()));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot write snapshot: " + e.getMessage(), e);
                }
            }
            return true;
        };
    }

    private Path snapshotPath(int iteration) {
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        Path dir = output.toAbsolutePath().getParent();
        return dir.resolve(String.format(Locale.ROOT, "%s.iter%04d.png", stem, iteration));
    }

    static boolean exists(Path p) { return p != null && Files.exists(p); }
}
