package dev.photostyle.cli;

import dev.photostyle.options.LookApplyOptions;
import dev.photostyle.sequence.FrameRange;

import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code photostyle look apply}: a look over a frame range at the plates' own size, with per-frame
 * mattes. Resumable and splittable as {@code sequence}: existing outputs are skipped, and frames do
 * not depend on one another.
 */
@Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Apply a look to an image sequence (plate.%%04d.exr) at the plates' own size.")
public final class LookApplyCommand implements Callable<Integer> {
    @Mixin
    LookApplyOptions options;

    @Override
    public Integer call() throws Exception {
        FrameRange range = options.frames();
        int[] counts = {0, 0, 0};
        options.shot().run(range, r -> {
            counts[0]++;
            if (r.skipped()) {
                counts[2]++;
                System.err.printf(Locale.ROOT, "frame %d (%d/%d): %s exists, skipped%n", r.frame(), counts[0], range.size(), r.output());
                return;
            }
            counts[1]++;
            System.err.printf(Locale.ROOT, "frame %d (%d/%d): read %.2f s, look %.2f s, write %.2f s -> %s%n", r.frame(), counts[0],
                    range.size(), r.readSeconds(), r.applySeconds(), r.writeSeconds(), r.output());
        });
        System.err.printf(Locale.ROOT, "photostyle: %d frame(s) written, %d skipped (already done)%n", counts[1], counts[2]);
        return 0;
    }
}
