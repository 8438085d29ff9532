package dev.photostyle.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.photostyle.batch.BatchJob;
import dev.photostyle.batch.BatchSummary;
import dev.photostyle.batch.DatasetPair;
import dev.photostyle.io.AtomicOutput;
import dev.photostyle.metrics.report.PairReport;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/**
 * {@code spark-submit ... photostyle-spark.jar look-apply|sequence|batch OPTIONS}: a shot or a
 * benchmark batch split into Spark tasks (frames of a look, chunks of a sequence with their
 * warm-up frames, pairs of a batch), each run through the same library call as the CLI with the
 * CLI's own options, each output written atomically where the options say (a path every executor
 * sees), outputs that exist skipped, so a re-submitted job resumes. The driver collects one report
 * per task into one farm report (JSON: every frame or pair, status, times, executor, attempt;
 * failures by name) and, for a batch, the CLI's HTML report and summary over all pairs.
 *
 * <p>A task that fails is retried by Spark ({@code spark.task.maxFailures}); on its last attempt
 * the failure is reported instead of thrown, so the other frames still finish. Exit code 0 when
 * every frame or pair is done, 1 when any failed, 2 for a bad command line.
 */
@Command(name = "photostyle-spark", mixinStandardHelpOptions = true, version = "photostyle-spark 0.1.0",
        description = "photostyle shots and benchmark batches on Apache Spark.",
        subcommands = {LookApplyJob.class, SequenceJob.class, BatchJobFarm.class})
public final class Farm implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: look-apply, sequence or batch");
    }

    /**
     * A parsed and checked job, ready to submit.
     *
     * @param command the farm command
     * @param args    its arguments, file arguments absolute
     * @param units   the tasks' shares
     * @param report  the farm report's file
     */
    public record Plan(String command, List<String> args, List<Unit> units, Path report) {}

    /**
     * What a job did.
     *
     * @param report   the farm report's file
     * @param written  frames or pairs written by this job
     * @param skipped  frames or pairs whose outputs existed
     * @param failures {@code name: reason} of each frame or pair that failed
     * @param tasks    every task's report
     * @param seconds  the job's wall time
     * @param aborted  why Spark aborted the job, or null
     */
    public record Result(Path report, int written, int skipped, List<String> failures, List<TaskReport> tasks, double seconds,
            String aborted) {}

    public static void main(String[] args) {
        PrintStream err = System.err;
        Plan plan;
        try {
            plan = plan(args);
        } catch (CommandLine.ParameterException e) {
            err.println("error: " + oneLine(e) + " (see 'photostyle-spark --help')");
            System.exit(2);
            return;
        } catch (Exception e) {
            err.println("error: " + oneLine(e));
            System.exit(1);
            return;
        }
        if (plan == null) System.exit(0); // --help or --version
        int code;
        try (JavaSparkContext sc = new JavaSparkContext(defaults(new SparkConf().setAppName("photostyle-spark " + plan.command())))) {
            Result r = run(sc, plan, TaskHook.NONE);
            code = r.failures().isEmpty() && r.aborted() == null ? 0 : 1;
        } catch (Exception e) {
            err.println("error: " + oneLine(e));
            code = 1;
        }
        System.exit(code);
    }

    /**
     * What every photostyle executor needs unless the submission says otherwise: OpenCV's EXR codec
     * on, DJL offline (the natives are in the jars), PyTorch's huge-page allocator (as the launcher),
     * and our jars before Spark's: a Spark 3.5 distribution ships {@code net.razorvine:pickle} 1.3,
     * whose unpickler cannot read {@code .pth} files (no persistent ids); the core needs 1.5
     * (found on a standalone cluster: "corrupt pickle ... no persistentLoad function").
     */
    public static SparkConf defaults(SparkConf conf) {
        conf.setIfMissing("spark.executor.userClassPathFirst", "true");
        conf.setIfMissing("spark.executorEnv.OPENCV_IO_ENABLE_OPENEXR", "1");
        conf.setIfMissing("spark.executorEnv.DJL_OFFLINE", "true");
        conf.setIfMissing("spark.executorEnv.THP_MEM_ALLOC_ENABLE", "1");
        return conf;
    }

    /**
     * Parses and checks a command line on the driver and splits the work; null after printing
     * help. File arguments are made absolute against this process's folder ({@link ArgPaths}).
     *
     * @throws CommandLine.ParameterException for a bad command line
     */
    public static Plan plan(String... args) throws Exception {
        CommandLine cl = new CommandLine(new Farm());
        ParseResult pr = cl.parseArgs(args);
        if (CommandLine.printHelpIfRequested(pr)) return null;
        if (!pr.hasSubcommand()) throw new CommandLine.ParameterException(cl, "missing command: look-apply, sequence or batch");
        ParseResult sub = pr.subcommand();
        String command = sub.commandSpec().name();
        List<String> abs = ArgPaths.absolute(sub, Path.of("").toAbsolutePath());
        FarmJob<Object> job = parse(command, abs);
        List<Unit> units = job.units();
        Path report = job.farmReport() != null ? job.farmReport() : job.defaultReport();
        return new Plan(command, abs, units, report);
    }

    /** Submits a planned job on {@code sc} and writes its reports. */
    public static Result run(JavaSparkContext sc, Plan plan, TaskHook hook) throws Exception {
        int finalAttempt = maxFailures(sc) - 1;
        List<TaskSpec> specs = new ArrayList<>();
        for (Unit u : plan.units()) specs.add(new TaskSpec(plan.command(), plan.args(), u, finalAttempt, hook));
        sc.setJobDescription("photostyle-spark " + plan.command() + ": " + specs.size() + " tasks");
        long t0 = System.nanoTime();
        List<TaskReport> reports;
        String aborted = null;
        try {
            reports = new ArrayList<>(sc.parallelize(specs, specs.size()).map(FarmTask::run).collect());
        } catch (Exception e) { // the job aborted (e.g. a task lost its executor on every attempt)
            aborted = firstLine(e);
            reports = new ArrayList<>();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        FarmJob<Object> job = parse(plan.command(), plan.args());
        if (aborted != null) reports = onDisk(job, plan.units(), aborted);
        return report(plan, job, reports, seconds, aborted);
    }

    /** Parses, submits and reports: {@link #plan} then {@link #run}. */
    public static Result run(JavaSparkContext sc, TaskHook hook, String... args) throws Exception {
        Plan plan = plan(args);
        if (plan == null) throw new IllegalArgumentException("nothing to run (help was asked for)");
        return run(sc, plan, hook);
    }

    /** A farm command's options, parsed (file arguments already absolute). */
    @SuppressWarnings("unchecked")
    static FarmJob<Object> parse(String command, List<String> args) {
        CommandLine cl = new CommandLine(new Farm());
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(args);
        ParseResult pr = cl.parseArgs(all.toArray(String[]::new));
        return (FarmJob<Object>) pr.subcommand().commandSpec().userObject();
    }

    /** The attempts Spark makes per task: {@code local[N,F]}'s F, 1 for other local masters, else {@code spark.task.maxFailures}. */
    static int maxFailures(JavaSparkContext sc) {
        String master = sc.master();
        Matcher m = Pattern.compile("local\\[[^,\\]]+,\\s*(\\d+)\\]").matcher(master);
        if (m.matches()) return Integer.parseInt(m.group(1));
        if (master.startsWith("local") && !master.startsWith("local-cluster")) return 1;
        return Math.max(1, sc.getConf().getInt("spark.task.maxFailures", 4));
    }

    /** Task reports made from the files after an aborted job: what exists is done, the rest failed. */
    private static List<TaskReport> onDisk(FarmJob<Object> job, List<Unit> units, String why) throws Exception {
        List<TaskReport> out = new ArrayList<>();
        for (Unit u : units) {
            List<String> outputs = job.outputs(u);
            List<String> names = u.itemNames();
            List<TaskReport.Item> items = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                boolean done = Files.exists(Path.of(outputs.get(i)));
                items.add(new TaskReport.Item(names.get(i), done ? TaskReport.Item.WRITTEN : TaskReport.Item.FAILED, outputs.get(i),
                        Map.of(), done ? null : "job aborted"));
            }
            out.add(new TaskReport(u.name(), "?", "?", -1, -1, false, 0, why, items));
        }
        return out;
    }

    private static Result report(Plan plan, FarmJob<Object> job, List<TaskReport> reports, double seconds, String aborted)
            throws Exception {
        int written = 0, skipped = 0;
        List<String> failures = new ArrayList<>();
        List<Map<String, Object>> items = new ArrayList<>();
        Map<String, Map<String, Object>> executors = new TreeMap<>();
        Map<String, TaskReport.Item> byName = new LinkedHashMap<>();
        Map<String, TaskReport> taskOf = new LinkedHashMap<>();
        for (TaskReport t : reports) {
            if (t.pid() >= 0) {
                Map<String, Object> e = executors.computeIfAbsent(t.executor(), k -> new LinkedHashMap<>());
                e.put("host", t.host());
                e.put("pid", t.pid());
                e.merge("tasks", 1, (a, b) -> (Integer) a + (Integer) b);
                e.merge("loads", t.loadedHere() ? 1 : 0, (a, b) -> (Integer) a + (Integer) b);
                e.merge("task_s", t.seconds(), (a, b) -> (Double) a + (Double) b);
            }
            for (TaskReport.Item i : t.items()) {
                byName.put(i.name(), i);
                taskOf.put(i.name(), t);
                switch (i.status()) {
                    case TaskReport.Item.WRITTEN -> written++;
                    case TaskReport.Item.SKIPPED -> skipped++;
                    default -> failures.add(i.name() + ": " + i.error());
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", i.name());
                m.put("status", i.status());
                m.put("output", i.output());
                m.put("seconds", new TreeMap<>(i.seconds()));
                m.put("task", t.task());
                m.put("executor", t.executor());
                m.put("attempt", t.attempt());
                if (i.error() != null) m.put("error", i.error());
                items.add(m);
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tool", "photostyle-spark " + plan.command());
        root.put("arguments", plan.args());
        root.put("tasks", reports.size());
        root.put("written", written);
        root.put("skipped", skipped);
        root.put("failed", failures.size());
        root.put("wall_s", seconds);
        if (aborted != null) root.put("aborted", aborted);
        root.put("failures", failures);
        root.put("executors", executors);
        root.put("items", items);
        Path report = plan.report();
        Path dir = report.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        byte[] bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root);
        AtomicOutput.write(report, o -> o.write(bytes));
        PrintStream err = System.err;
        if (aborted != null) {
            err.println("photostyle-spark: job aborted: " + aborted);
            err.println("photostyle-spark: " + failures.size() + " frame(s) or pair(s) not done; re-submit to resume");
        } else {
            for (String f : failures) err.println("photostyle-spark: failed: " + f);
        }
        if ((Object) job instanceof BatchJobFarm b) batchReport(b.job(), byName, taskOf);
        err.printf(Locale.ROOT, "photostyle-spark %s: %d written, %d skipped, %d failed in %.1f s on %d executor(s); report %s%n",
                plan.command(), written, skipped, failures.size(), seconds, executors.size(), report);
        return new Result(report, written, skipped, failures, reports, seconds, aborted);
    }

    /** The CLI's batch report (HTML and summary) over the pairs that were done, read back from their folders. */
    private static void batchReport(BatchJob job, Map<String, TaskReport.Item> byName, Map<String, TaskReport> taskOf) throws Exception {
        List<PairReport> prs = new ArrayList<>();
        Map<String, Map<String, Object>> extras = new LinkedHashMap<>();
        for (DatasetPair p : job.pairs()) {
            TaskReport.Item i = byName.get(p.name());
            if (i == null || i.status().equals(TaskReport.Item.FAILED)) continue;
            prs.add(job.readReport(p));
            Map<String, Object> ex = new LinkedHashMap<>();
            ex.put("resumed", i.status().equals(TaskReport.Item.SKIPPED));
            ex.put("transfer_s", i.seconds().get("transfer"));
            ex.put("executor", taskOf.get(p.name()).executor());
            extras.put(p.name(), ex);
        }
        if (prs.isEmpty()) return;
        job.writeReport(prs, extras, job.title());
        System.out.printf("photostyle-spark batch: %d pairs, report %s%n", prs.size(), job.out().resolve("report.html"));
        System.out.print(BatchSummary.table(prs));
        System.out.flush();
    }

    /** The first line of the exception's message (Spark's abort messages carry the whole stack after it), at most 400 characters. */
    static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) t = t.getCause();
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip().split("\\R", 2)[0];
        return m.length() > 400 ? m.substring(0, 400) + "..." : m;
    }

    /** The exception's message on one line; the cause's if it has none. */
    static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) t = t.getCause();
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
