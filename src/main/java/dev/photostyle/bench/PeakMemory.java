package dev.photostyle.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of this process: the JVM heap (sum of the heap pools' peak usage, from
 * {@link MemoryPoolMXBean}) and the resident set ({@code VmHWM} of {@code /proc/self/status}, which
 * includes the engine's native tensors that the heap never sees). {@link #reset()} restarts both
 * peaks; the RSS peak can only be reset on Linux (writing 5 to {@code /proc/self/clear_refs}).
 */
public final class PeakMemory {
    private PeakMemory() {}

    /** Restarts the peaks; returns whether the RSS peak could be reset too. */
    public static boolean reset() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
        }
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Sum of the heap pools' peaks since the last reset, in bytes (an upper bound of the heap peak). */
    public static long heapPeakBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) sum += p.getPeakUsage().getUsed();
        }
        return sum;
    }

    /** The process's peak resident set in bytes, or -1 where /proc is not available. */
    public static long rssPeakBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] f = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(f[0]) * 1024L; // the kernel reports kB
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
