package dev.photostyle.cli;

import dev.photostyle.options.TransferOptions;
import ai.djl.engine.Engine;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.features.VggWeights;
import dev.photostyle.colour.ColourSettings;
import dev.photostyle.io.image.DecodedImage;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.mask.MaskFiles;
import dev.photostyle.io.weights.WeightCache;
import dev.photostyle.io.weights.WeightFiles;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.mask.MaskFit;
import dev.photostyle.metrics.Evaluation;
import dev.photostyle.metrics.GramStyleDistance;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code photostyle eval}: the metrics of one result (structure, style, photorealism, leakage), as
 * JSON and a short summary. Measured at the content's size, or with {@code --at result} at the
 * result's.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure a result against its content and style (SSIM, edge SSIM, VGG Gram style distance, "
                + "colour distance, photorealism, leakage).")
public final class EvalCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--content", required = true, paramLabel = "FILE", description = "Content image.")
    Path content;

    @Option(names = "--style", required = true, paramLabel = "FILE", description = "Style image.")
    Path style;

    @Option(names = "--result", required = true, paramLabel = "FILE", description = "Result to measure.")
    Path result;

    @Mixin
    MaskOptions masks;

    @Option(names = "--weights", paramLabel = "FILE",
            description = "VGG19 weights for the Gram style distance (default: the cached VGG19 if any; "
                    + "without weights style_distance is null).")
    Path weights;

    @Option(names = "--style-layers", split = ",", paramLabel = "LAYER",
            description = "Layers of the Gram style distance (default: each of relu1_1,relu2_1,relu3_1,relu4_1,relu5_1 "
                    + "that the weights have).")
    List<String> styleLayers;

    @Option(names = "--at", defaultValue = "content", paramLabel = "content|result",
            description = "Measure at the content's size (default; a result of another size is resampled to it) "
                    + "or at the result's own size (the content and its mask are resampled down to it, so a "
                    + "working-size result is judged without upsampling).")
    String at;

    @Option(names = "--json", paramLabel = "FILE.json", description = "Write the metrics as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        OutputGuard.check(json, "--json", content, style, result, masks.contentMask, masks.styleMask, weights);
        masks.requireBothOrNeither();
        // Judged as the network sees them (display sRGB in [0, 1]: an EXR is linear), as transfer does.
        FloatImage c = view(content);
        FloatImage s = view(style);
        FloatImage r = view(result);
        LabelMap cm = masks.contentMask == null ? null : MaskFiles.read(masks.contentMask);
        switch (at) {
            case "content" -> { }
            case "result" -> {
                if (cm != null) cm = MaskFit.fit(cm, c.width(), c.height(), "content mask")
                        .resizeNearest(r.width(), r.height());
                if (!r.sameSize(c)) c = Resampler.resize(c.rgb(), r.width(), r.height());
            }
            default -> throw new IllegalArgumentException("--at must be content or result, got " + at);
        }
        LabelMap sm = masks.styleMask == null ? null : MaskFiles.read(masks.styleMask);
        Optional<Path> w = weights != null ? Optional.of(weights) : WeightCache.defaultVgg19();
        Evaluation e;
        if (w.isEmpty()) {
            String note = "no VGG weights (no --weights and no cached VGG19): style_distance not computed";
            System.err.println("photostyle: " + note);
            e = Evaluation.of(c, s, r, cm, sm, null, note);
        } else {
            VggWeights vw;
            try {
                vw = VggWeights.from(WeightFiles.read(w.get()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(w.get() + ": " + ex.getMessage(), ex);
            }
            try (VggFeatureExtractor vgg = VggFeatureExtractor.load(vw, Engine.getInstance().defaultDevice())) {
                GramStyleDistance gram = styleLayers == null ? new GramStyleDistance(vgg)
                        : new GramStyleDistance(vgg, TransferOptions.clean(styleLayers));
                e = Evaluation.of(c, s, r, cm, sm, gram, null);
            }
        }
        if (json != null) e.writeJson(json);
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.printf("photostyle eval: %s (%dx%d%s)%n", result, e.metrics().width(), e.metrics().height(),
                e.metrics().resampled() ? ", result resampled to the content's size" : "");
        out.print(e.summary());
        out.flush();
        return 0;
    }

    private static FloatImage view(Path p) throws java.io.IOException {
        DecodedImage d = PlateIO.read(p);
        return ColourSettings.referenceForNetwork(d.image(), d.format());
    }
}
