package dev.photostyle.spark;

import java.util.concurrent.ConcurrentHashMap;

/**
 * What every task of a job on one executor shares: the parsed options and what they load (VGG
 * weights, the look, the style), built by the first task of the job that runs in this JVM and
 * kept for the JVM's life, so an executor loads them once, not once per task.
 *
 * <p>The one piece of static state in the project, on purpose: Spark runs the tasks of an
 * executor in one JVM, and a static holder is the only thing they all see. Keyed by the job's
 * command line, so two jobs in one executor never share settings.
 */
final class ExecutorCache {
    private static final ConcurrentHashMap<String, Object> JOBS = new ConcurrentHashMap<>();

    private ExecutorCache() {}

    /** Builds a job's shared state. */
    @FunctionalInterface
    interface Loader<T> {
        T load() throws Exception;
    }

    /** The shared state and whether this call built it. */
    record Entry<T>(T value, boolean loadedHere) {}

    /** The state of job {@code key}, built by {@code loader} on first use in this JVM (one build at a time per key). */
    @SuppressWarnings("unchecked")
    static <T> Entry<T> get(String key, Loader<T> loader) throws Exception {
        Object v = JOBS.get(key);
        if (v != null) return new Entry<>((T) v, false);
        synchronized (ExecutorCache.class) {
            v = JOBS.get(key);
            if (v != null) return new Entry<>((T) v, false);
            T built = loader.load();
            JOBS.put(key, built);
            return new Entry<>(built, true);
        }
    }
}
