package dev.photostyle.cli;

import dev.photostyle.batch.BatchJob;
import dev.photostyle.batch.BatchSummary;
import dev.photostyle.batch.DatasetPair;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.metrics.GramStyleDistance;
import dev.photostyle.metrics.report.PairReport;
import dev.photostyle.options.BatchOptions;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code photostyle batch}: transfer every pair of a DPST-style dataset, evaluate ours and the
 * reference results at our working size, and write a self-contained {@code report.html} and
 * {@code summary.json} ({@link BatchJob}, which also says the layout of OUT). Resumable: a pair
 * whose result and report exist is not recomputed.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Transfer and evaluate every pair of a dataset (input/inN, style/tarN, segmentation/, "
                + "paper_results/); writes OUT/report.html and OUT/summary.json.")
public final class BatchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    BatchOptions options;

    @Option(names = "--quiet", description = "No per-pair progress lines.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        BatchJob job = options.job();
        List<PairReport> reports = new ArrayList<>();
        Map<String, Map<String, Object>> extras = new LinkedHashMap<>();
        try (VggFeatureExtractor vgg = VggFeatureExtractor.load(options.transfer().weights().load(), options.transfer().device())) {
            GramStyleDistance gram = new GramStyleDistance(vgg);
            int i = 0;
            for (DatasetPair p : job.pairs()) {
                i++;
                BatchJob.PairRun r = job.run(p, vgg, gram);
                if (quiet) {
                    // no progress line
                } else if (r.resumed()) {
                    System.err.printf("photostyle batch: [%d/%d] %s: result exists, not recomputed%n", i, job.pairs().size(), p.name());
                } else {
                    System.err.printf(Locale.ROOT, "photostyle batch: [%d/%d] %s: best loss %.5g, %.3f s/iteration%n",
                            i, job.pairs().size(), p.name(), r.bestLoss(), r.secondsPerIteration());
                }
                reports.add(job.readReport(p));
                extras.put(p.name(), r.summaryExtras());
            }
        }
        job.writeReport(reports, extras, job.title());
        PrintWriter pw = spec.commandLine().getOut();
        pw.printf("photostyle batch: %d pairs, report %s%n", reports.size(), job.out().resolve("report.html"));
        pw.print(BatchSummary.table(reports));
        pw.flush();
        return 0;
    }
}
