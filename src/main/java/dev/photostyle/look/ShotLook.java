package dev.photostyle.look;

import dev.photostyle.colour.ColourSettings;
import dev.photostyle.io.image.DecodedImage;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.pipeline.PlateOutput;
import dev.photostyle.pipeline.SequenceTransfer;
import dev.photostyle.sequence.FramePattern;
import dev.photostyle.sequence.FrameRange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A look over a frame range ({@link LookApply} per frame, at each plate's own size, with the
 * frame's own mask). Frames do not depend on one another, so any split into chunks, in any order,
 * on any machine, gives the files one run gives; a frame whose output exists is skipped (outputs
 * are written atomically, so an existing one is complete).
 *
 * <pre>{@code
 * new ShotLook(Look.read(json), new FramePattern("plate.%04d.exr"), new FramePattern("out.%04d.exr"),
 *         f -> MaskFiles.read(Path.of("matte." + f + ".png")), ColourSettings.defaults())
 *         .run(FrameRange.parse("1001-1100"), r -> {});
 * }</pre>
 *
 * @param look    the look
 * @param content plate frames
 * @param output  result frames (the plate's bit depth where the container can hold it)
 * @param masks   each frame's mask; null for a look without masks
 * @param colour  the plates' colour settings
 */
public record ShotLook(Look look, FramePattern content, FramePattern output, SequenceTransfer.FrameMasks masks,
        ColourSettings colour) {
    public ShotLook {
        Objects.requireNonNull(look, "look");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(colour, "colour");
        if (look.masked() && masks == null) throw new IllegalArgumentException("this look was fitted with masks; give --content-mask");
    }

    /** What happened to one frame: skipped (output existed) or written, with read/apply/write seconds. */
    public record FrameReport(int frame, Path output, boolean skipped, double readSeconds, double applySeconds,
            double writeSeconds) {}

    @FunctionalInterface
    public interface FrameListener {
        void onFrame(FrameReport report);
    }

    /** Runs the frames of {@code range} in order; returns how many were written. */
    public int run(FrameRange range, FrameListener listener) throws IOException {
        for (int f : range.frames()) {
            if (content.path(f).toAbsolutePath().normalize().equals(output.path(f).toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("output pattern " + output.pattern() + " is the content pattern; refusing to overwrite it");
            }
        }
        int written = 0;
        LookApply apply = new LookApply(look, colour); // keeps the soft mattes while the mask stays the same
        for (int f : range.frames()) {
            Path target = output.path(f);
            if (Files.exists(target)) {
                listener.onFrame(new FrameReport(f, target, true, 0, 0, 0));
                continue;
            }
            long t0 = System.nanoTime();
            DecodedImage plate = PlateIO.read(content.path(f));
            LabelMap mask = masks == null ? null : masks.forFrame(f);
            long t1 = System.nanoTime();
            FloatImage out = apply.apply(plate, look.masked() ? mask : null);
            long t2 = System.nanoTime();
            Path dir = target.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
            PlateIO.write(out, target, PlateOutput.format(plate.format(), target, out.hasAlpha()));
            long t3 = System.nanoTime();
            written++;
            listener.onFrame(new FrameReport(f, target, false, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9));
        }
        return written;
    }
}
