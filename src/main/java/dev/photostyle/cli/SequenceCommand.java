package dev.photostyle.cli;

import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.options.SequenceOptions;
import dev.photostyle.pipeline.SequenceTransfer;
import dev.photostyle.sequence.FrameRange;

import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code photostyle sequence}: a shot, frame by frame, with temporal consistency (Ruder et al.,
 * "Artistic style transfer for videos", 2016): each frame starts from the previous result warped by
 * the content's optical flow and is pulled toward it where the flow is reliable.
 *
 * <p>Resumable and splittable: a frame whose output exists is skipped (outputs are only ever
 * written atomically, so an existing one is complete), and the previous result a frame needs is
 * always read back from disk, so a chunk ({@code --frames 1051-1100}) started on another machine
 * after frame 1050 was written continues the shot exactly as one long run would; with
 * {@code --warm-up N} a chunk does not wait for the one before ({@link SequenceTransfer#runChunk}).
 */
@Command(name = "sequence", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Restyle an image sequence (plate.%%04d.exr) after a style image, consistently over time.")
public final class SequenceCommand implements Callable<Integer> {
    @Mixin
    SequenceOptions options;

    @Override
    public Integer call() throws Exception {
        SequenceTransfer shot = options.shot();
        FrameRange range = options.frames();
        int[] counts = {0, 0, 0}; // index, written, skipped
        try (VggFeatureExtractor vgg = VggFeatureExtractor.load(options.weights(shot), options.device())) {
            shot.runChunk(vgg, range, options.warmUp(0), r -> {
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
}
