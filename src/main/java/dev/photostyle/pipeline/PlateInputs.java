package dev.photostyle.pipeline;

import dev.photostyle.io.image.DecodedImage;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.mask.MaskFiles;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.transfer.OutputStage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The files of one single-style transfer, read, at their own sizes.
 *
 * @param content     the plate as read (any encoding; may have alpha)
 * @param style       the reference as read
 * @param contentMask the plate's mask, or null (then {@code styleMask} is null too)
 * @param styleMask   the reference's mask, or null
 * @param init        a starting image in the plate's encoding ({@code --init FILE}), or null
 */
public record PlateInputs(DecodedImage content, DecodedImage style, LabelMap contentMask, LabelMap styleMask,
        FloatImage init) {
    public PlateInputs {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(style, "style");
        if ((contentMask == null) != (styleMask == null)) {
            throw new IllegalArgumentException("give both --content-mask and --style-mask, or neither");
        }
    }

    /**
     * Reads the files (masks: both or neither, of the given kind; init may be null). The plate's
     * memory check counts the full-size copies an output at the plate's size needs unless
     * {@code output} is the working size.
     */
    public static PlateInputs read(Path content, Path style, Path contentMask, Path styleMask, Path init,
            MaskFiles.Kind maskKind, OutputStage output) throws IOException {
        if ((contentMask == null) != (styleMask == null)) {
            throw new IllegalArgumentException("give both --content-mask and --style-mask, or neither");
        }
        PlateIO.ReadOptions o = PlateIO.ReadOptions.DEFAULT.withExtraPlanes(output.outputSize() == OutputStage.WORKING
                ? PlateIO.ReadOptions.WORKING_SIZE_PLANES : PlateIO.ReadOptions.FULL_SIZE_PLANES);
        DecodedImage c = PlateIO.read(content, o);
        DecodedImage s = PlateIO.read(style);
        LabelMap cm = contentMask == null ? null : MaskFiles.read(contentMask, maskKind);
        LabelMap sm = styleMask == null ? null : MaskFiles.read(styleMask, maskKind);
        FloatImage i = init == null ? null : PlateIO.read(init).image();
        return new PlateInputs(c, s, cm, sm, i);
    }
}
