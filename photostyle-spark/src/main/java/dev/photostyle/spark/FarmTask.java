package dev.photostyle.spark;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/**
 * Runs one task on an executor: the job's shared state from the {@link ExecutorCache} (built by
 * the first task of the job in this JVM), then the unit. A failure is thrown while Spark has
 * attempts left, so Spark retries the task (on any executor); on the last attempt it is caught and
 * reported, with the frames or pairs it names, so one bad frame does not fail the job and lose
 * the others.
 */
final class FarmTask {
    private FarmTask() {}

    /** A job's parsed options and what they loaded. */
    private record Loaded(FarmJob<Object> job, Object state) {}

    static TaskReport run(TaskSpec spec) throws Exception {
        TaskContext tc = TaskContext.get();
        int attempt = tc == null ? 0 : tc.attemptNumber();
        SparkEnv env = SparkEnv.get();
        String executor = env == null ? "driver" : env.executorId();
        String host = env == null ? "localhost" : env.blockManager().blockManagerId().host();
        long pid = ProcessHandle.current().pid();
        long t0 = System.nanoTime();
        List<TaskReport.Item> items = new ArrayList<>();
        boolean loadedHere = false;
        Unit unit = spec.unit();
        try {
            spec.hook().before(unit.name(), attempt);
            ExecutorCache.Entry<Loaded> e = ExecutorCache.get(spec.jobKey(), () -> {
                FarmJob<Object> job = Farm.parse(spec.command(), spec.args());
                return new Loaded(job, job.load());
            });
            loadedHere = e.loadedHere();
            e.value().job().run(unit, e.value().state(), items);
            return new TaskReport(unit.name(), executor, host, pid, attempt, loadedHere, seconds(t0), null, items);
        } catch (Exception | Error err) {
            if (attempt < spec.finalAttempt()) throw err;
            String why = Farm.oneLine(err);
            Set<String> done = new HashSet<>();
            for (TaskReport.Item i : items) done.add(i.name());
            List<String> names = unit.itemNames();
            boolean first = true;
            for (String n : names) {
                if (done.contains(n)) continue;
                items.add(new TaskReport.Item(n, TaskReport.Item.FAILED, null, Map.of(), first ? why : "not run: an earlier frame of the task failed"));
                first = false;
            }
            return new TaskReport(unit.name(), executor, host, pid, attempt, loadedHere, seconds(t0), why, items);
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
