package dev.photostyle.cli;

import dev.photostyle.colour.ColourSettings;
import dev.photostyle.colour.InputColourSpace;
import dev.photostyle.mask.MaskFiles;
import dev.photostyle.look.Look;
import dev.photostyle.look.ShotLook;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.pipeline.SequenceTransfer;
import dev.photostyle.sequence.FramePattern;
import dev.photostyle.sequence.FrameRange;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code photostyle look apply}: a look over a frame range at the plates' own size, with per-frame
 * mattes. Resumable and splittable as {@code sequence}: existing outputs are skipped, and frames do
 * not depend on one another.
 */
@Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Apply a look to an image sequence (plate.%%04d.exr) at the plates' own size.")
public final class LookApplyCommand implements Callable<Integer> {
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

    @Override
    public Integer call() throws Exception {
        FramePattern in = new FramePattern(content);
        FramePattern out = new FramePattern(output);
        FrameRange range = FrameRange.parse(frames);
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
        int[] counts = {0, 0, 0};
        new ShotLook(l, in, out, masks, colour).run(range, r -> {
            counts[0]++;
            if (r.skipped()) {
                counts[2]++;
                System.err.printf(Locale.ROOT, "frame %d (%d/%d): %s exists, skipped%n", r.frame(), counts[0], range.size(), r.output());
                return;
            }
            counts[1]++;
            System.err.printf(Locale.ROOT, "frame %d (%d/%d): read %.2f s, look %.2f s, write %.2f s -> %s%n", r.frame(), counts[0],
                    range.size(), r.readSeconds(), r.applySeconds(), r.writeSeconds(), r.output());
        });
        System.err.printf(Locale.ROOT, "photostyle: %d frame(s) written, %d skipped (already done)%n", counts[1], counts[2]);
        return 0;
    }
}
