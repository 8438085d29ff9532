package dev.photostyle.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An executor killed (SIGKILL) in the middle of a job: Spark runs its task again elsewhere and the
 * job completes with every frame, each equal to the CLI's.
 */
class ExecutorLossTest {
    @TempDir
    Path dir;

    /** On its first attempt, frame 4 says which JVM runs it and then takes its time, so it can be killed mid-frame. */
    private static TaskHook stallFrame4(String marker) {
        return (task, attempt) -> {
            if (!task.equals("frame 4") || attempt > 0) return;
            Files.writeString(Path.of(marker), Long.toString(ProcessHandle.current().pid()));
            Thread.sleep(120_000);
        };
    }

    @Test
    void killingAnExecutorMidJobLosesNoFrame() throws Exception {
        Path look = Clusters.look(dir);
        String plates = Shared.mountain();
        Path marker = dir.resolve("frame4.pid");
        try (JavaSparkContext sc = Clusters.twoExecutors("ExecutorLossTest")) {
            TaskHook hook = stallFrame4(marker.toString());
            CompletableFuture<Farm.Result> job = CompletableFuture.supplyAsync(() -> {
                try {
                    return Farm.run(sc, hook, "look-apply", look.toString(), "--content", plates, "--frames", "1-8",
                            "-o", dir.resolve("farm/o.%04d.png").toString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(marker) && System.nanoTime() < deadline && !job.isDone()) Thread.sleep(100);
            assertTrue(Files.exists(marker), "frame 4 started");
            Thread.sleep(200); // the marker's content is written
            long victim = Long.parseLong(Files.readString(marker).trim());
            assertTrue(victim != ProcessHandle.current().pid());
            ProcessHandle h = ProcessHandle.of(victim).orElseThrow();
            assertTrue(h.destroyForcibly(), "SIGKILL sent to executor " + victim);
            h.onExit().get(30, TimeUnit.SECONDS);

            Farm.Result r = job.get(240, TimeUnit.SECONDS);
            assertEquals(List.of(), r.failures());
            assertEquals(8, r.written() + r.skipped(), "every frame done");
            TaskReport four = r.tasks().stream().filter(t -> t.task().equals("frame 4")).findFirst().orElseThrow();
            assertTrue(four.attempt() >= 1, "frame 4 ran again after its executor died");
            assertFalse(four.pid() == victim, "on another executor JVM");
        }
        Clusters.cli("look", "apply", look.toString(), "--content", plates, "--frames", "1-8", "-o", dir.resolve("cli/o.%04d.png").toString());
        for (int f = 1; f <= 8; f++) {
            String name = String.format("o.%04d.png", f);
            assertTrue(Clusters.sameBytes(dir.resolve("farm").resolve(name), dir.resolve("cli").resolve(name)), name + " differs from the CLI's");
        }
        try (var files = Files.list(dir.resolve("farm"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".partial")), "no half-written frame left");
        }
    }
}
