package dev.photostyle.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether this process runs oneMKL with the launcher's vendor-check override
 * ({@code src/main/native/mkl_intel_dispatch.c}, preloaded by {@code ./photostyle} on AMD CPUs):
 * benchmark figures depend on it (PyTorch's float32 matrix products, our Gram matrices, run about
 * twice as fast with it on the AMD EPYC we measure on), so the bench records it.
 *
 * <p>Read from {@code /proc/self/maps}, i.e. what the process actually mapped, not what
 * {@code LD_PRELOAD} asked for (a missing file there is skipped by the loader with a warning).
 */
public final class MklDispatch {
    /** File name of the override library the launcher builds. */
    public static final String LIBRARY = "libmkl_intel_dispatch.so";

    private MklDispatch() {}

    /** True when the override library is mapped into this process; false elsewhere, e.g. off Linux. */
    public static boolean overridden() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) return false;
        try {
            return mapsList(Files.readAllLines(maps));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + maps, e);
        }
    }

    /** Whether any line of a {@code /proc/PID/maps} listing maps a file named {@link #LIBRARY}. */
    static boolean mapsList(List<String> lines) {
        for (String line : lines) {
            if (line.endsWith("/" + LIBRARY)) return true;
        }
        return false;
    }
}
