package dev.photostyle.cli;

import dev.photostyle.options.DeviceOption;
import dev.photostyle.options.WeightsOption;
import dev.photostyle.options.TransferOptions;
import dev.photostyle.colour.ColourSettings;
import dev.photostyle.colour.InputColourSpace;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.features.VggWeights;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.mask.MaskFiles;
import dev.photostyle.look.LookFit;
import dev.photostyle.lut.Interpolation;
import dev.photostyle.lut.LutConfig;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.transfer.StageResult;
import dev.photostyle.transfer.TransferConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code photostyle look fit}: per-region LUTs fitted on one or several keyframes, written as a look. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit a look on keyframes of a shot: per region, the closed-form colour transfer baked into a 3D LUT, then optimised.")
public final class LookFitCommand implements Callable<Integer> {
    @Option(names = "--content", required = true, arity = "1..*", paramLabel = "FILE", description = "Keyframe(s) of the shot.")
    List<Path> content;

    @Option(names = "--content-mask", arity = "1..*", paramLabel = "FILE", description = "Mask of each keyframe, in order.")
    List<Path> contentMask = List.of();

    @Option(names = "--style", required = true, paramLabel = "FILE", description = "Style image (the reference).")
    Path style;

    @Option(names = "--style-mask", paramLabel = "FILE", description = "Mask of the style.")
    Path styleMask;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "LOOK.json",
            description = "The look: this JSON plus one LOOK.<label>.cube per region beside it.")
    Path output;

    @Option(names = "--lut-size", defaultValue = "33", paramLabel = "N", description = "LUT nodes per axis (default: ${DEFAULT-VALUE}).")
    int lutSize;

    @Option(names = "--interpolation", defaultValue = "tetrahedral", paramLabel = "tetrahedral|trilinear",
            description = "How the LUTs are read (default: ${DEFAULT-VALUE}).")
    String interpolation;

    @Option(names = "--lut-smoothness", defaultValue = "1e-3", paramLabel = "W",
            description = "Weight of the LUT smoothness prior (default: ${DEFAULT-VALUE}).")
    double lutSmoothness;

    @Option(names = "--lut-gain-weight", paramLabel = "W",
            description = "Weight of the LUT gain limit: no region's LUT steeper than its closed-form start (default: see README).")
    Double lutGainWeight;

    @Option(names = "--size", defaultValue = "256", description = "Long side of the working keyframes in px (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--iterations", defaultValue = "100", description = "Optimiser iterations; 0: the closed-form transfer (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--levels", paramLabel = "N",
            description = "Coarse-to-fine levels: optimise at SIZE/2^(N-1) .. SIZE/2, then score at SIZE (default: 1, SIZE only: "
                    + "the coarse levels' optimum did not carry to SIZE, see README).")
    Integer levels;

    @Option(names = "--content-layers", split = ",", paramLabel = "LAYER", description = "Content layers (default: relu4_2).")
    List<String> contentLayers;

    @Option(names = "--style-layers", split = ",", paramLabel = "LAYER", description = "Style layers (default: relu1_1..relu5_1).")
    List<String> styleLayers;

    @Option(names = "--content-weight", description = "Weight of the normalised content loss (default: 1).")
    Double contentWeight;

    @Option(names = "--style-weight", description = "Weight of the normalised style loss (default: 1000).")
    Double styleWeight;

    @Option(names = "--laplacian-weight", defaultValue = "0",
            description = "Photorealism term (default: ${DEFAULT-VALUE}: a LUT is a colour map, photographic by construction).")
    double laplacianWeight;

    @Option(names = "--mask-type", defaultValue = "auto", paramLabel = "auto|colour|labels",
            description = "How masks encode regions (default: ${DEFAULT-VALUE}).")
    String maskType;

    @Option(names = "--input-colorspace", paramLabel = "linear|srgb|log", description = "Encoding of the keyframes (default: linear for EXR, else sRGB).")
    String inputColourSpace;

    @Option(names = "--exposure", defaultValue = "0", paramLabel = "STOPS", description = "Exposure before the network (default: ${DEFAULT-VALUE}).")
    double exposure;

    @Mixin
    WeightsOption weights;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        if (!contentMask.isEmpty() && contentMask.size() != content.size()) {
            throw new IllegalArgumentException("give one --content-mask per --content (" + content.size() + "), got " + contentMask.size());
        }
        if (contentMask.isEmpty() != (styleMask == null)) throw new IllegalArgumentException("give both --content-mask and --style-mask, or neither");
        if (!output.getFileName().toString().endsWith(".json")) throw new IllegalArgumentException("-o must name a .json file, got " + output);
        MaskFiles.Kind kind = TransferOptions.parseEnum(MaskFiles.Kind.class, maskType.replace("color", "colour"), "--mask-type");
        List<LookFit.Keyframe> keys = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            LabelMap m = contentMask.isEmpty() ? null : MaskFiles.read(contentMask.get(i), kind);
            keys.add(new LookFit.Keyframe(PlateIO.read(content.get(i)), m));
        }
        LabelMap sm = styleMask == null ? null : MaskFiles.read(styleMask, kind);
        TransferConfig d = TransferConfig.defaults();
        TransferConfig.Builder b = TransferConfig.builder().size(size).iterations(iterations).laplacianWeight(laplacianWeight);
        if (contentLayers != null) b.contentLayers(TransferOptions.clean(contentLayers));
        if (styleLayers != null) b.styleLayers(TransferOptions.clean(styleLayers));
        b.contentWeight(contentWeight != null ? contentWeight : d.contentWeight());
        b.styleWeight(styleWeight != null ? styleWeight : d.styleWeight());
        b.levels(levels != null ? levels : 1);
        b.lut(new LutConfig(lutSize, TransferOptions.parseEnum(Interpolation.class, interpolation, "--interpolation"), lutSmoothness,
                lutGainWeight != null ? lutGainWeight : LutConfig.DEFAULT_GAIN_WEIGHT));
        TransferConfig cfg = b.build();
        ColourSettings colour = new ColourSettings(inputColourSpace != null ? InputColourSpace.parse(inputColourSpace) : null, exposure);
        VggWeights vw = weights.load();
        vw.requireLayers(cfg.allLayers());
        LookFit.Result r;
        try (VggFeatureExtractor vgg = VggFeatureExtractor.load(vw, device.device())) {
            r = new LookFit(vgg).fit(keys, PlateIO.read(style), sm, cfg, colour, (rec, x) -> {
                if (rec.iteration() % 10 == 0) System.err.printf(Locale.ROOT, "iteration %d: objective %.5g (%d evaluations, %.1f s)%n", rec.iteration(), rec.value(), rec.evaluations(), rec.seconds());
                return true;
            });
        }
        for (StageResult st : r.stages()) {
            System.err.printf(Locale.ROOT, "  %s: iterations %d-%d, best %.5g at %d, %d evaluations, %s%n", st.name(),
                    st.firstIteration(), st.lastIteration(), st.bestValue(), st.bestIteration(),
                    st.history().isEmpty() ? 0 : st.history().get(st.history().size() - 1).evaluations(),
                    st.stopReason() == null ? "scored" : st.stopReason().name().toLowerCase(Locale.ROOT));
        }
        r.look().write(output);
        System.err.printf(Locale.ROOT, "photostyle: look with %d region(s) %s, objective %.5g (closed form %.5g), %d iterations, %.1f s -> %s%n",
                r.look().regions().size(), r.look().labels(), r.bestValue(), r.statsValue(), r.iterations(), r.seconds(), output);
        return 0;
    }
}
