package dev.photostyle.options;

import ai.djl.Device;
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

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code photostyle sequence} (and of the farm's {@code sequence}, which takes the
 * same ones) and their wiring into a {@link SequenceTransfer}: frames, style, masks, temporal
 * settings and every transfer setting.
 *
 * <p>A picocli mixin: {@code @Mixin SequenceOptions options;} then
 * {@code options.shot().runChunk(vgg, options.frames(), options.warmUp(0), r -> ...)}.
 */
public final class SequenceOptions {
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
    TransferOptions transfer;

    @Option(names = "--temporal-weight", defaultValue = "1", paramLabel = "W",
            description = "Weight of the temporal loss toward the warped previous result (0: none; default: ${DEFAULT-VALUE}).")
    double temporalWeight;

    @Option(names = "--warp-init", defaultValue = "auto", paramLabel = "auto|on|off",
            description = "Start each frame from the warped previous result (auto: when --temporal-weight > 0).")
    String warpInit;

    @Option(names = "--warm-up", paramLabel = "N",
            description = "Treat --frames as one chunk of a longer shot: when its first frame is still to do, stylise the N frames "
                    + "before it into a temporary folder first, so it starts from a warped previous result whether or not "
                    + "the chunk before has been written (default: 0, the first frame uses frame N-1's output if it exists).")
    Integer warmUp;

    /** The transfer settings. */
    public TransferOptions transfer() {
        return transfer;
    }

    /** The frames of {@code --frames}. */
    public FrameRange frames() {
        return FrameRange.parse(frames);
    }

    /** {@code --warm-up}, or {@code otherwise} when it was not given. */
    public int warmUp(int otherwise) {
        return warmUp != null ? warmUp : otherwise;
    }

    /** The device of {@code --device}. */
    public Device device() {
        return transfer.device();
    }

    /**
     * Checks the options, reads the style and fixed masks and wires the shot (the pixel method;
     * per-frame mattes are read when their frame runs).
     */
    public SequenceTransfer shot() throws Exception {
        FramePattern in = new FramePattern(content);
        FramePattern out = new FramePattern(output);
        FrameRange range = frames();
        FramePattern maskPattern = contentMask != null && FramePattern.isPattern(contentMask) ? new FramePattern(contentMask) : null;
        if ((contentMask == null) != (styleMask == null)) {
            throw new IllegalArgumentException("give both --content-mask and --style-mask, or neither");
        }
        if (transfer.initImage() != null) throw new IllegalArgumentException("sequence: --init FILE is not supported (use --warp-init)");
        if (warmUp != null && warmUp < 0) throw new IllegalArgumentException("--warm-up must be >= 0, got " + warmUp);
        if (in.path(range.first()).toAbsolutePath().normalize().equals(out.path(range.first()).toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("output pattern " + output + " is the content pattern; refusing to overwrite it");
        }
        PlateFormat.containerOf(out.path(range.first()));
        OutputStage stage = transfer.outputStage();
        TemporalConfig temporal = new TemporalConfig(temporalWeight, warpInit(), DenseFlow.medium());
        DecodedImage s = PlateIO.read(style);
        LabelMap sm = transfer.readMask(styleMask);
        LabelMap fixedMask = contentMask != null && maskPattern == null ? transfer.readMask(Path.of(contentMask)) : null;
        LabelMap firstMask = maskPattern != null ? transfer.readMask(maskPattern.path(range.first())) : fixedMask;
        TransferConfig cfg = transfer.pixelConfig(firstMask,
                "sequence runs the pixel method (each frame starts from the previous result warped by the flow)");
        SequenceTransfer.FrameMasks masks = contentMask == null ? null
                : maskPattern != null ? f -> transfer.readMask(maskPattern.path(f)) : f -> fixedMask;
        return new SequenceTransfer(in, out, s, sm, masks, cfg, temporal, transfer.colour(), stage);
    }

    /** Loads the VGG weights and checks they reach the layers {@code shot} uses. */
    public VggWeights weights(SequenceTransfer shot) throws Exception {
        VggWeights vw = transfer.weights().load();
        vw.requireLayers(shot.config().allLayers());
        return vw;
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
