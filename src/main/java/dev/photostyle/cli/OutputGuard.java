package dev.photostyle.cli;

import dev.photostyle.io.FileAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Checks made before any work starts, so a bad output path fails fast and no input is overwritten. */
final class OutputGuard {
    private OutputGuard() {}

    /**
     * Fails if {@code output} is one of {@code inputs} (the same file, by path or by identity) or
     * its folder does not exist.
     */
    static void check(Path output, String what, Path... inputs) {
        if (output == null) return;
        Path out = output.toAbsolutePath().normalize();
        for (Path in : inputs) {
            if (in == null) continue;
            Path i = in.toAbsolutePath().normalize();
            boolean same = i.equals(out);
            if (!same && Files.exists(out) && Files.exists(i)) {
                try {
                    same = Files.isSameFile(i, out);
                } catch (IOException e) {
                    same = false;
                }
            }
            if (same) throw new IllegalArgumentException(what + " " + output + " is also an input; refusing to overwrite it");
        }
        Path dir = out.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("folder of " + what + " does not exist: " + dir);
        }
        if (Files.isDirectory(out)) throw new IllegalArgumentException(what + " is a folder: " + output);
        try {
            FileAccess.requireWritable(out); // an unwritable folder fails now, not after the transfer
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Objects.requireNonNull(what);
    }
}
