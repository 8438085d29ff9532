package dev.photostyle.transfer;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.mask.MaskFit;
import dev.photostyle.matting.affine.SmoothLocalAffine;
import dev.photostyle.matting.upsample.GuidedUpsampling;

import java.util.function.UnaryOperator;

/**
 * The last stage of a transfer: the optional smooth-local-affine post-step, the carry to the output
 * size, and putting back the exact content wherever the masks say a pixel must not change (so
 * neither step can leak colour across a matte edge into protected pixels).
 *
 * @param post       which post-step runs on the working-size result
 * @param outputSize 0: the working size; -1: the content's own (full) size; N: long side N px
 */
public record OutputStage(Post post, int outputSize) {
    /** Post-steps. */
    public enum Post {
        NONE,
        /** Luan et al.'s "best local affine": per-pixel affine fit, joint-bilateral smoothing, re-apply. */
        SMOOTH_AFFINE
    }

    /** Output at the content's own size. */
    public static final int FULL = -1;
    /** Output at the working size. */
    public static final int WORKING = 0;

    public OutputStage {
        if (outputSize < -1) throw new IllegalArgumentException("output size must be full, work or a positive size");
    }

    /**
     * The final image: RGB at the requested size, plus the content's alpha untouched when the
     * output is at the content's own size.
     *
     * @param r           the transfer's result
     * @param fullContent the content as read (any size, may have alpha)
     */
    public FloatImage apply(TransferResult r, FloatImage fullContent) {
        return apply(r, fullContent, null, null);
    }

    /** As {@link #apply(TransferResult, FloatImage, LabelMap, UnaryOperator)} without a full-size mask. */
    public FloatImage apply(TransferResult r, FloatImage fullContent, UnaryOperator<FloatImage> renderer) {
        return apply(r, fullContent, null, renderer);
    }

    /**
     * The final image.
     *
     * @param r           the transfer's result
     * @param fullContent the content as read (any size, may have alpha)
     * @param fullMask    the content mask as read (any size near the content's), or null: at an
     *                    output size other than the working size, the pixels that must keep the
     *                    content are taken from it, so that a region too small to survive the
     *                    working size is still protected at full size; without it the working
     *                    size's free mask is resampled
     * @param renderer    renders the result at a given size from the content at that size (a
     *                    grid method's slicing), or null for guided upsampling; ignored with a
     *                    post-step
     */
    public FloatImage apply(TransferResult r, FloatImage fullContent, LabelMap fullMask,
            UnaryOperator<FloatImage> renderer) {
        FloatImage small = r.image();
        FloatImage smallContent = r.content();
        if (post == Post.SMOOTH_AFFINE) {
            small = compose(new SmoothLocalAffine(SmoothLocalAffine.Config.DPST).apply(smallContent, small),
                    smallContent, r.freeMask());
            renderer = null;
        }
        int[] size = targetSize(fullContent, smallContent);
        if (size[0] == small.width() && size[1] == small.height()) return small;
        FloatImage target = size[0] == fullContent.width() && size[1] == fullContent.height()
                ? fullContent.rgb() : Resampler.resize(fullContent.rgb(), size[0], size[1]);
        FloatImage big = (renderer != null ? renderer.apply(target)
                : new GuidedUpsampling(GuidedUpsampling.Config.DEFAULT).upsample(smallContent, small, target)).clamp(0f, 1f);
        float[] free = fullMask == null
                ? Resampler.resizePlaneNearest(r.freeMask(), small.width(), small.height(), size[0], size[1])
                : r.match().freeMask(MaskFit.fit(fullMask, fullContent.width(), fullContent.height(), "content mask")
                        .resizeNearest(size[0], size[1]));
        FloatImage out = compose(big, target, free);
        return outputSize == FULL && fullContent.hasAlpha() ? out.withAlpha(fullContent.alpha()) : out;
    }

    private int[] targetSize(FloatImage full, FloatImage small) {
        if (outputSize == WORKING) return new int[] {small.width(), small.height()};
        if (outputSize == FULL) return new int[] {full.width(), full.height()};
        return Resampler.fitLongSide(full.width(), full.height(), outputSize);
    }

    /** result where free = 1, content where free = 0 (blended in between). */
    static FloatImage compose(FloatImage result, FloatImage content, float[] free) {
        int n = content.pixels();
        float[] a = result.rgb().toArray();
        float[] c = content.rgb().toArray();
        for (int ch = 0; ch < 3; ch++) {
            for (int i = 0; i < n; i++) {
                float m = free[i];
                int k = ch * n + i;
                a[k] = m == 1f ? a[k] : m == 0f ? c[k] : c[k] + m * (a[k] - c[k]);
            }
        }
        return FloatImage.wrap(content.width(), content.height(), 3, a);
    }
}
