package dev.photostyle.spark;

import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.options.SequenceOptions;
import dev.photostyle.pipeline.SequenceTransfer;
import dev.photostyle.sequence.FrameRange;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sequence}: the frames in chunks of {@code --chunk} consecutive frames, one task each,
 * each {@link SequenceTransfer#runChunk} with {@code --warm-up} frames (default 1) stylised before
 * it when the frame before the chunk is part of the shot, so a chunk does not wait for the one
 * before and gives the same frames whenever it runs: exactly
 * {@code photostyle sequence --frames CHUNK --warm-up N}. The first chunk runs as the CLI does
 * without a warm-up. The VGG weights are loaded once per executor; tasks of one executor take
 * turns on them (run one task per executor: PyTorch uses the executor's cores).
 */
@Command(name = "sequence", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Restyle an image sequence in chunks, one Spark task per chunk (options as 'photostyle sequence').")
final class SequenceJob implements FarmJob<SequenceJob.State> {
    @Mixin
    SequenceOptions options;

    @Option(names = "--chunk", defaultValue = "10", paramLabel = "N", description = "Frames per task (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Mixin
    FarmOptions farm;

    /** An executor's share: the wired shot and the network. */
    record State(SequenceTransfer shot, VggFeatureExtractor vgg) {}

    @Override
    public List<Unit> units() throws Exception {
        if (chunk < 1) throw new IllegalArgumentException("--chunk must be >= 1, got " + chunk);
        options.shot(); // bad options, style or masks fail here, before any task
        List<Integer> frames = options.frames().frames();
        Set<Integer> inShot = new HashSet<>(frames);
        int warmUp = options.warmUp(1);
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < frames.size(); i += chunk) {
            List<Integer> part = frames.subList(i, Math.min(frames.size(), i + chunk));
            // Warm up only where the frame before is computed by another task of this job.
            units.add(Unit.chunk(part, inShot.contains(part.get(0) - 1) ? warmUp : 0));
        }
        return units;
    }

    @Override
    public Path defaultReport() throws Exception {
        return options.shot().output().path(options.frames().first()).toAbsolutePath().getParent().resolve("farm-report.json");
    }

    @Override
    public Path farmReport() {
        return farm.report;
    }

    @Override
    public State load() throws Exception {
        SequenceTransfer shot = options.shot();
        return new State(shot, VggFeatureExtractor.load(options.weights(shot), options.device()));
    }

    @Override
    public void run(Unit unit, State state, List<TaskReport.Item> items) throws Exception {
        synchronized (state) { // one network per executor
            state.shot().runChunk(state.vgg(), new FrameRange(unit.frames()), unit.warmUp(), r -> items.add(new TaskReport.Item(
                    "frame " + r.frame(), r.skipped() ? TaskReport.Item.SKIPPED : TaskReport.Item.WRITTEN, r.output().toString(),
                    r.skipped() ? Map.of() : Map.of("transfer", r.seconds()), null)));
        }
    }

    @Override
    public List<String> outputs(Unit unit) throws Exception {
        SequenceTransfer shot = options.shot();
        List<String> out = new ArrayList<>();
        for (int f : unit.frames()) out.add(shot.output().path(f).toString());
        return out;
    }
}
