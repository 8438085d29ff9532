package dev.photostyle.cli;

import dev.photostyle.colour.PlateRoundTrip;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.features.VggWeights;
import dev.photostyle.flow.DenseFlow;
import dev.photostyle.io.image.DecodedImage;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateFormat;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.sequence.FramePattern;
import dev.photostyle.sequence.FrameRange;
import dev.photostyle.sequence.SequenceRunner;
import dev.photostyle.sequence.TemporalConfig;
import dev.photostyle.transfer.OutputStage;
import dev.photostyle.transfer.TransferConfig;
import dev.photostyle.transfer.TransferInputs;

import java.nio.file.Files;
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
        description = "Restyle an image sequence (plate.%04d.exr) after a style image, consistently over time.")
public final class SequenceCommand implements Callable<Integer> {
    @Option(names = "--content", required = true, paramLabel = "PATTERN",
            description = "Content frames, printf pattern such as plate.%04d.exr.")
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
            description = "Result frames, printf pattern such as out.%04d.exr.")
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
        FloatImage netStyle = TransferOptions.referenceColour(s.format()).forNetwork(s.image()).clamp(0f, 1f);
        LabelMap sm = options.readMask(styleMask);
        LabelMap fixedMask = contentMask != null && maskPattern == null ? options.readMask(Path.of(contentMask)) : null;
        LabelMap firstMask = maskPattern != null ? options.readMask(maskPattern.path(range.first())) : fixedMask;
        TransferConfig cfg = options.pixelConfig(firstMask, 0,
                "sequence runs the pixel method (each frame starts from the previous result warped by the flow)");
        VggWeights vw = options.weights.load();
        vw.requireLayers(cfg.allLayers());

        int done = 0;
        int skipped = 0;
        try (VggFeatureExtractor vgg = VggFeatureExtractor.load(vw, options.device())) {
            SequenceRunner runner = new SequenceRunner(vgg, cfg, temporal);
            int index = 0;
            for (int f : range.frames()) {
                index++;
                Path target = out.path(f);
                if (Files.exists(target)) {
                    skipped++;
                    System.err.printf(Locale.ROOT, "frame %d (%d/%d): %s exists, skipped%n", f, index, range.size(), target);
                    continue;
                }
                long t0 = System.nanoTime();
                DecodedImage plate = PlateIO.read(in.path(f));
                PlateRoundTrip colour = options.colour(plate.format());
                FloatImage net = colour.forNetwork(plate.image());
                FloatImage seen = colour.isIdentity() ? net : net.clamp(0f, 1f);
                // The previous frame of the shot (f-1), whether this run made it or an earlier one did.
                FloatImage prevContent = null;
                FloatImage prevResult = null;
                Path prevOut = out.path(f - 1);
                if (temporal.usesPrevious() && f > 0 && Files.exists(prevOut) && Files.exists(in.path(f - 1))) {
                    DecodedImage pc = PlateIO.read(in.path(f - 1));
                    PlateRoundTrip pcColour = options.colour(pc.format());
                    prevContent = pcColour.forNetwork(pc.image()).clamp(0f, 1f);
                    prevResult = colour.forNetwork(PlateIO.read(prevOut).image()).clamp(0f, 1f);
                }
                LabelMap cm = maskPattern != null ? options.readMask(maskPattern.path(f)) : fixedMask;
                TransferInputs inputs = new TransferInputs(seen, netStyle, cm, sm, null);
                SequenceRunner.Frame r = runner.frame(inputs, prevContent, prevResult, IterationListener.NONE);
                FloatImage result = colour.fromNetwork(stage.apply(r.result(), seen, cm, null), net, plate.image());
                Path dir = target.toAbsolutePath().getParent();
                if (dir != null) Files.createDirectories(dir);
                PlateIO.write(result, target, TransferJob.outputFormat(plate.format(), target, result.hasAlpha()));
                done++;
                String temporalNote = r.guide() == null ? "no previous frame"
                        : String.format(Locale.ROOT, "reliable %.1f%%", 100 * r.guide().reliableFraction());
                Double temporalTerm = r.result().history().stream()
                        .filter(h -> h.iteration() == r.result().bestIteration())
                        .map(h -> h.terms().get("temporal")).filter(java.util.Objects::nonNull).findFirst().orElse(null);
                System.err.printf(Locale.ROOT, "frame %d (%d/%d): loss %.5g%s at iteration %d, %s, %.1f s -> %s%n",
                        f, index, range.size(), r.result().bestValue(),
                        temporalTerm == null ? "" : String.format(Locale.ROOT, " (temporal %.4g)", temporalTerm),
                        r.result().bestIteration(), temporalNote, (System.nanoTime() - t0) / 1e9, target);
            }
        }
        System.err.printf(Locale.ROOT, "photostyle: %d frame(s) written, %d skipped (already done)%n", done, skipped);
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
