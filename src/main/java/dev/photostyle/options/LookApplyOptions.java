package dev.photostyle.options;

import dev.photostyle.colour.ColourSettings;
import dev.photostyle.colour.InputColourSpace;
import dev.photostyle.look.Look;
import dev.photostyle.look.ShotLook;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.mask.MaskFiles;
import dev.photostyle.pipeline.SequenceTransfer;
import dev.photostyle.sequence.FramePattern;
import dev.photostyle.sequence.FrameRange;

import java.io.IOException;
import java.nio.file.Path;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options of {@code photostyle look apply} (and of the farm's {@code look-apply}, which takes
 * the same ones) and their wiring into a {@link ShotLook}: the look file, the plates, the frames,
 * the mattes and the colour settings.
 *
 * <p>A picocli mixin: {@code @Mixin LookApplyOptions options;} then
 * {@code options.shot().run(options.frames(), r -> ...)}.
 */
public final class LookApplyOptions {
    @Parameters(index = "0", paramLabel = "LOOK.json", description = "The look (from 'photostyle look fit').")
    Path look;

    @Option(names = "--content", required = true, paramLabel = "PATTERN", description = "Plate frames, printf pattern such as plate.%%04d.exr.")
    String content;

    @Option(names = "--frames", required = true, paramLabel = "A-B[,C...]", description = "Frames to process, e.g. 1001-1100.")
    String frames;

    @Option(names = "--content-mask", paramLabel = "FILE|PATTERN", description = "Mask of the plates: one file for every frame, or a frame pattern.")
    String contentMask;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PATTERN", description = "Result frames, printf pattern such as out.%%04d.exr.")
    String output;

    @Option(names = "--mask-type", defaultValue = "auto", paramLabel = "auto|colour|labels",
            description = "How masks encode regions (default: ${DEFAULT-VALUE}).")
    String maskType;

    @Option(names = "--input-colorspace", paramLabel = "linear|srgb|log", description = "Encoding of the plates (default: linear for EXR, else sRGB).")
    String inputColourSpace;

    @Option(names = "--exposure", defaultValue = "0", paramLabel = "STOPS", description = "Exposure before the look, undone after it (default: ${DEFAULT-VALUE}).")
    double exposure;

    /** The frames of {@code --frames}. */
    public FrameRange frames() {
        return FrameRange.parse(frames);
    }

    /** The result frames of {@code -o}. */
    public FramePattern output() {
        return new FramePattern(output);
    }

    /**
     * Reads the look (and a fixed mask) and wires the shot; per-frame mattes are read when their
     * frame runs.
     *
     * @throws IllegalArgumentException for a look fitted with masks but no {@code --content-mask}
     */
    public ShotLook shot() throws IOException {
        FramePattern in = new FramePattern(content);
        FramePattern out = output();
        Look l = Look.read(look);
        MaskFiles.Kind kind = TransferOptions.parseEnum(MaskFiles.Kind.class, maskType.replace("color", "colour"), "--mask-type");
        SequenceTransfer.FrameMasks masks = null;
        if (contentMask != null) {
            if (FramePattern.isPattern(contentMask)) {
                FramePattern mp = new FramePattern(contentMask);
                masks = f -> MaskFiles.read(mp.path(f), kind);
            } else {
                LabelMap fixed = MaskFiles.read(Path.of(contentMask), kind);
                masks = f -> fixed;
            }
        } else if (l.masked()) {
            throw new IllegalArgumentException(look + " was fitted with masks; give --content-mask");
        }
        ColourSettings colour = new ColourSettings(inputColourSpace != null ? InputColourSpace.parse(inputColourSpace) : null, exposure);
        return new ShotLook(l, in, out, masks, colour);
    }
}
