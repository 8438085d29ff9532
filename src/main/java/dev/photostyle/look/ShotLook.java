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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

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

    /**
     * What happened to one frame: skipped (output existed) or written, with its read/apply/write
     * seconds (each stage's own time: its latency) and when its output was complete, in seconds
     * since the run started (the shot's throughput is the spacing of these).
     */
    public record FrameReport(int frame, Path output, boolean skipped, double readSeconds, double applySeconds,
            double writeSeconds, double doneSeconds) {}

    @FunctionalInterface
    public interface FrameListener {
        void onFrame(FrameReport report);
    }

    /** A frame as read: its plate, its mask, the seconds reading took. */
    private record Read(DecodedImage plate, LabelMap mask, double seconds) {}

    /**
     * Runs the frames of {@code range} in order, each read, looked and written before the next;
     * returns how many were written. Listeners hear of frames in order, as each output is complete.
     */
    public int run(FrameRange range, FrameListener listener) throws IOException {
        return run(range, false, listener);
    }

    /**
     * {@link #run(FrameRange, FrameListener)}, optionally with the stages overlapping (a pipeline
     * one frame deep each way: frame n+1 read and frame n−1 written while the look runs on frame n;
     * at most three frames in memory): the same files either way. Every stage is parallel already,
     * so on the 2-core machine overlapping made a shot slower (4K: 1.19 s a frame against 1.04
     * one after another, medians of six rounds of {@code bench --look-apply}); it may pay where
     * cores outnumber what one stage uses.
     */
    public int run(FrameRange range, boolean overlap, FrameListener listener) throws IOException {
        for (int f : range.frames()) {
            if (content.path(f).toAbsolutePath().normalize().equals(output.path(f).toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("output pattern " + output.pattern() + " is the content pattern; refusing to overwrite it");
            }
        }
        long start = System.nanoTime();
        List<Integer> todo = new ArrayList<>();
        for (int f : range.frames()) if (!Files.exists(output.path(f))) todo.add(f);
        java.util.Set<Integer> pending = new java.util.HashSet<>(todo);
        LookApply apply = new LookApply(look, colour); // keeps the soft mattes while the mask stays the same
        if (!overlap) {
            for (int f : range.frames()) {
                if (!pending.contains(f)) {
                    listener.onFrame(skipped(f, start));
                    continue;
                }
                Read r = read(f);
                long t1 = System.nanoTime();
                FloatImage out = apply.apply(r.plate(), look.masked() ? r.mask() : null);
                listener.onFrame(write(f, r, out, (System.nanoTime() - t1) / 1e9, start));
            }
            return todo.size();
        }
        ExecutorService reader = Executors.newSingleThreadExecutor(daemon("look-read"));
        ExecutorService writer = Executors.newSingleThreadExecutor(daemon("look-write"));
        try {
            int t = 0; // the next frame to read, in todo
            Future<Read> next = todo.isEmpty() ? null : reader.submit(readTask(todo.get(t++)));
            Future<FrameReport> writing = null;
            for (int f : range.frames()) {
                if (!pending.contains(f)) { // reported in frame order, after the frames before it
                    if (writing != null) listener.onFrame(await(writing));
                    writing = null;
                    listener.onFrame(skipped(f, start));
                    continue;
                }
                Read r = await(next);
                next = t < todo.size() ? reader.submit(readTask(todo.get(t++))) : null;
                long t1 = System.nanoTime();
                FloatImage out = apply.apply(r.plate(), look.masked() ? r.mask() : null);
                double applySeconds = (System.nanoTime() - t1) / 1e9;
                if (writing != null) listener.onFrame(await(writing)); // at most one write in flight
                writing = writer.submit(() -> write(f, r, out, applySeconds, start));
            }
            if (writing != null) listener.onFrame(await(writing));
            return todo.size();
        } finally {
            reader.shutdownNow(); // a frame read ahead is dropped
            writer.shutdown(); // a frame being written is finished (complete, atomic) before the run returns or fails
            try {
                writer.awaitTermination(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private FrameReport skipped(int f, long start) {
        return new FrameReport(f, output.path(f), true, 0, 0, 0, (System.nanoTime() - start) / 1e9);
    }

    /** Writes frame f's result (atomically, in the plate's format where the container holds it). */
    private FrameReport write(int f, Read r, FloatImage out, double applySeconds, long start) throws IOException {
        long t2 = System.nanoTime();
        Path target = output.path(f);
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        PlateIO.write(out, target, PlateOutput.format(r.plate().format(), target, out.hasAlpha()));
        long t3 = System.nanoTime();
        return new FrameReport(f, target, false, r.seconds(), applySeconds, (t3 - t2) / 1e9, (t3 - start) / 1e9);
    }

    private Callable<Read> readTask(int f) {
        return () -> read(f);
    }

    private Read read(int f) throws IOException {
        long t0 = System.nanoTime();
        DecodedImage plate = PlateIO.read(content.path(f));
        LabelMap mask = masks == null ? null : masks.forFrame(f);
        return new Read(plate, mask, (System.nanoTime() - t0) / 1e9);
    }

    /** The task's result; its IOException or unchecked exception rethrown as it was. */
    private static <T> T await(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IOException(c);
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
