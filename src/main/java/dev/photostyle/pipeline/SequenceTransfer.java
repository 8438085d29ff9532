package dev.photostyle.pipeline;

import dev.photostyle.colour.ColourSettings;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.io.image.DecodedImage;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.sequence.FramePattern;
import dev.photostyle.sequence.FrameRange;
import dev.photostyle.sequence.SequenceRunner;
import dev.photostyle.sequence.TemporalConfig;
import dev.photostyle.transfer.OutputStage;
import dev.photostyle.transfer.TransferConfig;
import dev.photostyle.transfer.TransferRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A shot, frame by frame, on the same plate path as a single transfer ({@link PlateTransfer}),
 * with temporal consistency ({@link SequenceRunner}: each frame starts from the previous result
 * warped by the content's optical flow and is pulled toward it where the flow is reliable).
 *
 * <p>Resumable and splittable: a frame whose output exists is skipped (outputs are only ever
 * written atomically, so an existing one is complete), and the previous result a frame needs is
 * always read back from disk, so a chunk started on another machine after the frame before it was
 * written continues the shot exactly as one long run would.
 *
 * @param content     content frames
 * @param output      result frames
 * @param style       the reference as read
 * @param styleMask   its mask, or null
 * @param contentMask the mask of a frame (a fixed one or per frame), or null without masks
 * @param config      transfer settings (frames run the pixel method)
 * @param temporal    temporal settings
 * @param colour      the plates' colour settings
 * @param stage       the output stage
 */
public record SequenceTransfer(FramePattern content, FramePattern output, DecodedImage style, LabelMap styleMask,
        FrameMasks contentMask, TransferConfig config, TemporalConfig temporal, ColourSettings colour,
        OutputStage stage) {

    /** The content mask of each frame. */
    @FunctionalInterface
    public interface FrameMasks {
        LabelMap forFrame(int frame) throws IOException;
    }

    /** What happened to one frame. */
    public record FrameReport(int frame, Path output, boolean skipped, PlateResult result, Double reliableFraction,
            double seconds) {}

    /** Receives each frame's report as it is written (e.g. to print a line). */
    @FunctionalInterface
    public interface FrameListener {
        void onFrame(FrameReport report);
    }

    public SequenceTransfer {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(temporal, "temporal");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(stage, "stage");
        if ((contentMask == null) != (styleMask == null)) {
            throw new IllegalArgumentException("give both --content-mask and --style-mask, or neither");
        }
    }

    /** Runs the frames of {@code range} in order; returns how many were written. */
    public int run(VggFeatureExtractor vgg, FrameRange range, FrameListener listener) throws IOException {
        return run(vgg, range, f -> output.path(f - 1), listener);
    }

    /**
     * Runs {@code chunk}, one part of a longer shot, so that its frames do not depend on whether
     * the part before it has been written yet: when the chunk's first frame {@code a} is still to
     * do, the {@code warmUp} frames before it ({@code a-warmUp .. a-1}, from frame 0 at the
     * earliest) are stylised first, each from the one before as in one long run, into a temporary
     * folder (never the output), and frame {@code a} starts from the last of them. Later frames,
     * and a re-run chunk whose first frame exists, continue from the outputs as {@link #run} does.
     * With {@code warmUp} 0, or a temporal setting that does not use the previous frame, this is
     * {@link #run}.
     *
     * <p>So chunks of a shot run on several machines at once give the same frames whenever each
     * runs; frame {@code a} differs from one long run's only in starting from a warmed-up rather
     * than a fully carried-over previous result.
     *
     * @param warmUp frames stylised before the chunk (the content frames must exist)
     * @return how many frames of the chunk were written
     */
    public int runChunk(VggFeatureExtractor vgg, FrameRange chunk, int warmUp, FrameListener listener) throws IOException {
        if (warmUp < 0) throw new IllegalArgumentException("--warm-up must be >= 0, got " + warmUp);
        int a = chunk.first();
        int from = Math.max(0, a - warmUp);
        if (from >= a || !temporal.usesPrevious() || Files.exists(output.path(a))) return run(vgg, chunk, listener);
        Path scratch = Files.createTempDirectory("photostyle-warm-up");
        try {
            String name = output.path(a).getFileName().toString();
            int dot = name.lastIndexOf('.');
            FramePattern warm = new FramePattern(scratch.resolve("warm-up.%d" + (dot < 0 ? "" : name.substring(dot))).toString());
            SequenceTransfer warmShot = new SequenceTransfer(content, warm, style, styleMask, contentMask, config, temporal,
                    colour, stage);
            List<Integer> frames = new ArrayList<>();
            for (int f = from; f < a; f++) frames.add(f);
            warmShot.run(vgg, new FrameRange(frames), r -> {});
            return run(vgg, chunk, f -> f == a ? warm.path(a - 1) : output.path(f - 1), listener);
        } finally {
            deleteTree(scratch);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /**
     * Runs the frames of {@code range} in order, frame {@code f} starting from the result at
     * {@code previousResult.apply(f)} when that file and content frame {@code f-1} exist.
     */
    private int run(VggFeatureExtractor vgg, FrameRange range, IntFunction<Path> previousResult, FrameListener listener)
            throws IOException {
        Path first = output.path(range.first()).toAbsolutePath().normalize();
        if (content.path(range.first()).toAbsolutePath().normalize().equals(first)) {
            throw new IllegalArgumentException("output pattern " + output.pattern()
                    + " is the content pattern; refusing to overwrite it");
        }
        SequenceRunner runner = new SequenceRunner(vgg, config, temporal);
        PlateTransfer plates = new PlateTransfer(vgg);
        int written = 0;
        for (int f : range.frames()) {
            Path target = output.path(f);
            if (Files.exists(target)) {
                listener.onFrame(new FrameReport(f, target, true, null, null, 0));
                continue;
            }
            long t0 = System.nanoTime();
            DecodedImage plate = PlateIO.read(content.path(f));
            // The previous frame of the shot (f-1), whether this run made it or an earlier one did.
            FloatImage prevContent = null;
            FloatImage prevResult = null;
            Path prevOut = previousResult.apply(f);
            if (temporal.usesPrevious() && f > 0 && Files.exists(prevOut) && Files.exists(content.path(f - 1))) {
                DecodedImage pc = PlateIO.read(content.path(f - 1));
                prevContent = colour.networkView(pc.image(), pc.format());
                // the previous result is stored in this shot's encoding, as the plates are
                prevResult = colour.networkView(PlateIO.read(prevOut).image(), plate.format());
            }
            FloatImage pcFinal = prevContent, prFinal = prevResult;
            SequenceRunner.Frame[] frame = new SequenceRunner.Frame[1];
            PlateTransfer.Method method = (in, l) -> {
                frame[0] = runner.frame(in, pcFinal, prFinal, l);
                return new TransferRun(frame[0].result(), null);
            };
            LabelMap cm = contentMask == null ? null : contentMask.forFrame(f);
            PlateInputs in = new PlateInputs(plate, style, cm, styleMask, null);
            PlateResult r = plates.transfer(in, config, colour, stage, method, IterationListener.NONE);
            Path dir = target.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
            PlateOutput.write(r, target, null, Map.of());
            written++;
            Double reliable = frame[0].guide() == null ? null : frame[0].guide().reliableFraction();
            listener.onFrame(new FrameReport(f, target, false, r, reliable, (System.nanoTime() - t0) / 1e9));
        }
        return written;
    }
}
