package dev.photostyle.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What one task did, sent back to the driver: where and how it ran, and one {@link Item} per
 * frame or pair.
 *
 * @param task       the unit's name
 * @param executor   Spark's executor id
 * @param host       the executor's host
 * @param pid        the executor JVM's process id
 * @param attempt    Spark's attempt number (0: the first try)
 * @param loadedHere true when this task loaded the executor's shared state (weights, look, job); every
 *                   later task of the job in that JVM reuses it
 * @param seconds    the task's wall time
 * @param error      why the task failed on its last attempt, or null
 * @param items      frames or pairs, in order
 */
public record TaskReport(String task, String executor, String host, long pid, int attempt, boolean loadedHere, double seconds,
        String error, List<Item> items) implements Serializable {
    public TaskReport {
        items = List.copyOf(items);
    }

    /**
     * One frame or pair.
     *
     * @param name    {@code frame 1004} or {@code in4}
     * @param status  {@code written}, {@code skipped} (its output existed) or {@code failed}
     * @param output  the output file or folder
     * @param seconds timings by name (read, look, write; transfer; ...)
     * @param error   why it failed, or null
     */
    public record Item(String name, String status, String output, Map<String, Double> seconds, String error) implements Serializable {
        public static final String WRITTEN = "written";
        public static final String SKIPPED = "skipped";
        public static final String FAILED = "failed";

        public Item {
            seconds = Map.copyOf(seconds);
        }
    }
}
