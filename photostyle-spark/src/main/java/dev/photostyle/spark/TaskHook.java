package dev.photostyle.spark;

import java.io.Serializable;

/**
 * Code run on the executor before each task (tests use it to kill an executor mid-job; a site
 * might log or throttle). Shipped with every task, so it must be serialisable and its class on the
 * executors' class path.
 */
@FunctionalInterface
public interface TaskHook extends Serializable {
    /** Does nothing. */
    TaskHook NONE = (task, attempt) -> {};

    /**
     * @param task    the task's name, e.g. {@code frame 1004}, {@code frames 1011-1020}, {@code in4}
     * @param attempt Spark's attempt number of this task, from 0
     */
    void before(String task, int attempt) throws Exception;
}
