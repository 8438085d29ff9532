package dev.photostyle.transfer;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.mask.LabelMap;

/**
 * The images of one transfer, at their own resolution.
 *
 * @param content     the plate (RGB in [0, 1]; alpha, if any, is ignored here)
 * @param style       the reference photo
 * @param contentMask regions of the content, or null for "the whole image is one region"
 * @param styleMask   regions of the style, or null likewise
 * @param initImage   starting image for {@link TransferConfig.Init#IMAGE}, else null
 */
public record TransferInputs(FloatImage content, FloatImage style, LabelMap contentMask, LabelMap styleMask,
        FloatImage initImage) {
    public TransferInputs {
        if (content == null || style == null) throw new IllegalArgumentException("content and style are required");
        if ((contentMask == null) != (styleMask == null)) {
            throw new IllegalArgumentException("give both masks (--content-mask and --style-mask) or neither");
        }
    }

    public static TransferInputs of(FloatImage content, FloatImage style) {
        return new TransferInputs(content, style, null, null, null);
    }
}
