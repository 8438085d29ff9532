package dev.photostyle.cli;

import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.features.VggWeights;
import dev.photostyle.flow.DenseFlow;
import dev.photostyle.io.image.DecodedImage;
import dev.photostyle.io.image.PlateFormat;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.pipeline.SequenceTransfer;
import dev.photostyle.sequence.FramePattern;
import dev.photostyle.sequence.FrameRange;
import dev.photostyle.sequence.TemporalConfig;
import dev.photostyle.transfer.OutputStage;
import dev.photostyle.transfer.TransferConfig;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code photostyle sequence}: a shot, frame by frame, with temporal consistency (Ruder et al.,
 * "Artistic style transfer for videos", 2016): each frame starts from the previous result warped by
 * the content's optical flow and is pulled toward it where the flow is reliable.
 *
 * <p>Resumable and splittable: a frame whose output exists is skipped (outputs are only ever
 * written atomically, so an existing one is complete), and the previous result a frame needs is
 * always read back from disk, so a chunk ({@code --frames 1051-1100}) started on another machine
 * after frame 1050 was written continues the shot exactly as one long run would.
 */
@Command(name = "sequence", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Restyle an image sequence (plate.%%04d.exr) after a style image, consistently over time.")
public final class SequenceCommand implements Callable<Integer> {
    @Option(names = "--content", required = true, paramLabel = "PATTERN",
            description = "Content frames, printf pattern such as plate.%%04d.exr.")
    String content;

    @Option(names = "--frames", required = true, paramLabel = "A-B[,C...]",
            description = "Frames to process, e.g. 1001-1100 or 1001-1010,1020.")
    String frames;

    @Option(names = "--style", required = true, paramLabel = "FILE", description = "Style image (the reference).")
    Path style;

    @Option(names = "--content-mask", paramLabel = "FILE|PATTERN",
            description = "Mask of the content: one file for every frame, or a frame pattern.")
    String contentMask;

    @Option(names = "--style-mask", paramLabel = "FILE", description = "Mask of the style.")
    Path styleMask;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PATTERN",
            description = "Result frames, printf pattern such as out.%%04d.exr.")
    String output;

    @Mixin
    TransferOptions options;

    @Option(names = "--temporal-weight", defaultValue = "1", paramLabel = "W",
            description = "Weight of the temporal loss toward the warped previous result (0: none; default: ${DEFAULT-VALUE}).")
    double temporalWeight;

    @Option(names = "--warp-init", defaultValue = "auto", paramLabel = "auto|on|off",
            description = "Start each frame from the warped previous result (auto: when --temporal-weight > 0).")
    String warpInit;

    @Override
    public Integer call() throws Exception {
        FramePattern in = new FramePattern(content);
        FramePattern out = new FramePattern(output);
        FrameRange range = FrameRange.parse(frames);
        FramePattern maskPattern = contentMask != null && FramePattern.isPattern(contentMask) ? new FramePattern(contentMask) : null;
        if ((contentMask == null) != (styleMask == null)) {
            throw new IllegalArgumentException("give both --content-mask and --style-mask, or neither");
        }
        if (options.initImage() != null) throw new IllegalArgumentException("sequence: --init FILE is not supported (use --warp-init)");
        if (in.path(range.first()).toAbsolutePath().normalize().equals(out.path(range.first()).toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("output pattern " + output + " is the content pattern; refusing to overwrite it");
        }
        PlateFormat.containerOf(out.path(range.first()));
        OutputStage stage = options.outputStage();
        TemporalConfig temporal = new TemporalConfig(temporalWeight, warpInit(), DenseFlow.medium());
        DecodedImage s = PlateIO.read(style);
        LabelMap sm = options.readMask(styleMask);
        LabelMap fixedMask = contentMask != null && maskPattern == null ? options.readMask(Path.of(contentMask)) : null;
        LabelMap firstMask = maskPattern != null ? options.readMask(maskPattern.path(range.first())) : fixedMask;
        TransferConfig cfg = options.pixelConfig(firstMask,
                "sequence runs the pixel method (each frame starts from the previous result warped by the flow)");
        VggWeights vw = options.weights.load();
        vw.requireLayers(cfg.allLayers());
        SequenceTransfer.FrameMasks masks = contentMask == null ? null
                : maskPattern != null ? f -> options.readMask(maskPattern.path(f)) : f -> fixedMask;
        SequenceTransfer shot = new SequenceTransfer(in, out, s, sm, masks, cfg, temporal, options.colour(), stage);
        int[] counts = {0, 0, 0}; // index, written, skipped
        try (VggFeatureExtractor vgg = VggFeatureExtractor.load(vw, options.device())) {
            shot.run(vgg, range, r -> {
                counts[0]++;
                if (r.skipped()) {
                    counts[2]++;
                    System.err.printf(Locale.ROOT, "frame %d (%d/%d): %s exists, skipped%n", r.frame(), counts[0],
                            range.size(), r.output());
                    return;
                }
                counts[1]++;
                var t = r.result().transfer();
                String temporalNote = r.reliableFraction() == null ? "no previous frame"
                        : String.format(Locale.ROOT, "reliable %.1f%%", 100 * r.reliableFraction());
                Double temporalTerm = t.history().stream().filter(h -> h.iteration() == t.bestIteration())
                        .map(h -> h.terms().get("temporal")).filter(java.util.Objects::nonNull).findFirst().orElse(null);
                System.err.printf(Locale.ROOT, "frame %d (%d/%d): loss %.5g%s at iteration %d, %s, %.1f s -> %s%n",
                        r.frame(), counts[0], range.size(), t.bestValue(),
                        temporalTerm == null ? "" : String.format(Locale.ROOT, " (temporal %.4g)", temporalTerm),
                        t.bestIteration(), temporalNote, r.seconds(), r.output());
            });
        }
        System.err.printf(Locale.ROOT, "photostyle: %d frame(s) written, %d skipped (already done)%n", counts[1], counts[2]);
        return 0;
    }

    private boolean warpInit() {
        return switch (warpInit.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> temporalWeight > 0;
            case "on", "yes", "true" -> true;
            case "off", "no", "false" -> false;
            default -> throw new IllegalArgumentException("--warp-init must be auto, on or off, got '" + warpInit + "'");
        };
    }
}
