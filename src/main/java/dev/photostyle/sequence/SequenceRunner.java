package dev.photostyle.sequence;

import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.transfer.ImageTerm;
import dev.photostyle.transfer.StyleTransfer;
import dev.photostyle.transfer.TransferConfig;
import dev.photostyle.transfer.TransferInputs;
import dev.photostyle.transfer.TransferResult;

import java.util.List;
import java.util.Objects;

/**
 * Stylises the frames of a shot one after another with temporal consistency (Ruder et al.,
 * "Artistic style transfer for videos", GCPR 2016): for every frame with a predecessor, the
 * content flow at the working size warps the previous result onto the frame ({@link TemporalGuide}),
 * which then serves as the starting image and as the target of the {@link TemporalLoss}. The
 * same config (and so the same seed) is used for every frame.
 *
 * <p>Everything here is in the network's display-referred space; the caller converts plates
 * (see {@code colour.PlateRoundTrip}) and does the file handling. Example:
 * <pre>{@code
 * SequenceRunner r = new SequenceRunner(vgg, cfg, TemporalConfig.temporal(1));
 * FloatImage prevC = null, prevR = null;
 * for (FloatImage frame : frames) {
 *     TransferResult t = r.frame(new TransferInputs(frame, style, null, null, null), prevC, prevR, IterationListener.NONE);
 *     prevC = frame; prevR = t.image();
 * }
 * }</pre>
 */
public final class SequenceRunner {
    private final StyleTransfer transfer;
    private final TransferConfig config;
    private final TemporalConfig temporal;

    /**
     * @param config the transfer settings; frames always run the pixel method (its {@code method}
     *               is ignored), since only a pixel optimisation can start from the warped previous
     *               result
     */
    public SequenceRunner(VggFeatureExtractor vgg, TransferConfig config, TemporalConfig temporal) {
        this.transfer = new StyleTransfer(vgg);
        this.config = Objects.requireNonNull(config, "config").toBuilder().method(TransferConfig.Method.PIXELS).build();
        this.temporal = Objects.requireNonNull(temporal, "temporal");
    }

    /** The working size {width, height} of a frame of this size. */
    public int[] workingSize(FloatImage frame) {
        return Resampler.fitLongSide(frame.width(), frame.height(), config.size());
    }

    /** One frame's result and the guide it used (null for a frame without predecessor). */
    public record Frame(TransferResult result, TemporalGuide guide) {}

    /**
     * Stylises one frame.
     *
     * @param in              the frame (content), style and masks; its init image is ignored when
     *                        the warped initialisation applies
     * @param previousContent the previous content frame (any size), or null for the first frame
     * @param previousResult  the previous result (any size, e.g. read back from disk), or null
     */
    public Frame frame(TransferInputs in, FloatImage previousContent, FloatImage previousResult,
            IterationListener listener) {
        if ((previousContent == null) != (previousResult == null)) {
            throw new IllegalArgumentException("give both the previous content and the previous result, or neither");
        }
        if (previousContent == null || !temporal.usesPrevious()) {
            return new Frame(transfer.run(in, config, List.of(), listener), null);
        }
        int[] ws = workingSize(in.content());
        FloatImage work = Resampler.resize(in.content().rgb(), ws[0], ws[1]);
        TemporalGuide guide = TemporalGuide.of(work, previousContent, previousResult, temporal.flow());
        TransferInputs inputs = in;
        TransferConfig cfg = config;
        if (temporal.warpInit()) {
            inputs = new TransferInputs(in.content(), in.style(), in.contentMask(), in.styleMask(),
                    guide.initImage(work));
            cfg = config.toBuilder().init(TransferConfig.Init.IMAGE).build();
        }
        List<ImageTerm.Factory> terms = temporal.weight() > 0
                ? List.of(TemporalLoss.factory(guide.warped(), guide.reliability(), temporal.weight()))
                : List.of();
        return new Frame(transfer.run(inputs, cfg, terms, listener), guide);
    }
}
