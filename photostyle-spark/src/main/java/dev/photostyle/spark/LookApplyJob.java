package dev.photostyle.spark;

import dev.photostyle.look.ShotLook;
import dev.photostyle.options.LookApplyOptions;
import dev.photostyle.sequence.FrameRange;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code look-apply}: one task per frame, each {@link ShotLook#run} on that frame, exactly what
 * {@code photostyle look apply} does for it. The look is read once per executor.
 */
@Command(name = "look-apply", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Apply a look to an image sequence, one Spark task per frame (options as 'photostyle look apply').")
final class LookApplyJob implements FarmJob<ShotLook> {
    @Mixin
    LookApplyOptions options;

    @Mixin
    FarmOptions farm;

    @Override
    public List<Unit> units() throws Exception {
        options.shot(); // a bad look, mask or pattern fails here, before any task
        return options.frames().frames().stream().map(Unit::frame).toList();
    }

    @Override
    public Path defaultReport() {
        return options.output().path(options.frames().first()).toAbsolutePath().getParent().resolve("farm-report.json");
    }

    @Override
    public Path farmReport() {
        return farm.report;
    }

    @Override
    public ShotLook load() throws Exception {
        return options.shot();
    }

    @Override
    public void run(Unit unit, ShotLook shot, List<TaskReport.Item> items) throws Exception {
        shot.run(new FrameRange(unit.frames()), r -> items.add(new TaskReport.Item("frame " + r.frame(),
                r.skipped() ? TaskReport.Item.SKIPPED : TaskReport.Item.WRITTEN, r.output().toString(),
                r.skipped() ? Map.of() : Map.of("read", r.readSeconds(), "look", r.applySeconds(), "write", r.writeSeconds()), null)));
    }

    @Override
    public List<String> outputs(Unit unit) {
        List<String> out = new ArrayList<>();
        for (int f : unit.frames()) out.add(options.output().path(f).toString());
        return out;
    }
}
