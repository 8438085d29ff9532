package dev.photostyle.spark;

import java.nio.file.Path;
import java.util.List;

/**
 * One farm command ({@code look-apply}, {@code sequence}, {@code batch}): the CLI command's
 * options (the same picocli mixin), how the work splits into {@link Unit}s on the driver, what an
 * executor loads once and shares between tasks, and how one unit runs there, through the same
 * library call as the CLI.
 *
 * @param <S> what an executor loads once per job (look, weights, the parsed job)
 */
interface FarmJob<S> {
    /** Checks the options (reading only what is light) and splits the work; runs on the driver. */
    List<Unit> units() throws Exception;

    /** Where the farm report goes when {@code --farm-report} is not given. */
    Path defaultReport() throws Exception;

    /** {@code --farm-report}, or null. */
    Path farmReport();

    /** Loads what every task of this job on one executor shares; runs once per executor JVM. */
    S load() throws Exception;

    /**
     * Runs one unit, adding an item per frame or pair as each finishes (so a failure keeps what
     * was done before it).
     */
    void run(Unit unit, S state, List<TaskReport.Item> items) throws Exception;

    /** The unit's output file or folder, for a report made without the task's own (e.g. after an abort). */
    List<String> outputs(Unit unit) throws Exception;
}
