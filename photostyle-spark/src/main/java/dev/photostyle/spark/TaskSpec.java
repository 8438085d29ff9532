package dev.photostyle.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What the driver sends with each task: the command and its arguments (file arguments absolute,
 * see {@link ArgPaths}), the unit, the attempt on which a failure is reported instead of thrown,
 * and the hook.
 *
 * @param command      {@code look-apply}, {@code sequence} or {@code batch}
 * @param args         the command's arguments
 * @param unit         this task's share
 * @param finalAttempt the last attempt Spark makes ({@code spark.task.maxFailures - 1})
 * @param hook         run before the task
 */
record TaskSpec(String command, List<String> args, Unit unit, int finalAttempt, TaskHook hook) implements Serializable {
    TaskSpec {
        args = List.copyOf(args);
    }

    /** The key of this job's shared state on an executor: the whole command line. */
    String jobKey() {
        return command + "\u0000" + String.join("\u0000", args);
    }
}
